"""Totals and their parts, the same event told twice, and drafts made into incidents.

:func:`_attach_subsets` and :func:`_mark_parts` mark the counts that lie inside a total
(``part_of``), so that no total counts its dead twice; :func:`_dedupe` merges one event told
twice in an article; :func:`_to_incident` turns a draft into an
:class:`~geoconflict.records.Incident`, with its confidence (:func:`_confidence`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import lexicon as lx
from .drafts import (
    _BREAKDOWN_REACH,
    _NATIONWIDE_RE,
    _Draft,
    _next_entry,
    _other_victims,
    _own_place,
    _same_place,
    _vague_then_precise,
)
from .numbers import Count
from .records import Article, Incident, Location
from .resolve import CITY_GOVERNORATES, distance_km


def _attach_subsets(drafts: list[_Draft]) -> None:
    """A part of dead counted before ("Seven of them died in X", "Five children were among
    the dead") adds no death: with a place of its own elsewhere it is a sub-incident of the
    count it belongs to (``part_of``); otherwise it only tells who the dead were."""
    for n, d in enumerate(drafts):
        if d.drop or not d.extra.get("subset") or d.killed is None or d.killed.best is None:
            continue
        host_at = next(
            (
                m
                for m in range(n - 1, -1, -1)
                if not drafts[m].drop
                and not drafts[m].event_only
                and not drafts[m].extra.get("subset")
                and drafts[m].killed is not None
                and (drafts[m].killed.best or 0) >= d.killed.best
                # a part with no place of its own ("the dead included 109 evacuees") may
                # come further on, after the paragraphs that tell the event
                and d.sent - drafts[m].sent <= (4 if d.place is not None else _BREAKDOWN_REACH)
            ),
            None,
        )
        if host_at is None:
            continue  # nothing counted before: the part is all the text says
        host = drafts[host_at]
        own = d.place is not None and not d.extra.get("inherited")
        if own and not _same_place(d, host):
            # with a place of its own, and the host's elsewhere or none ("Shelling killed 11
            # civilians. Eight of the civilians were killed in Ras al-Ain"): a sub-incident
            d.extra["part_of_host"] = host
            continue
        for name in ("children", "women", "rescuers"):
            if getattr(host, name) is None and getattr(d, name) is not None:
                setattr(host, name, getattr(d, name))
        host.victims = tuple(dict.fromkeys((*host.victims, *d.victims)))
        host.end = max(host.end, d.end)
        d.drop = True


def _city_area(loc: Location) -> bool:
    """Whether ``loc`` is a city that is a governorate of its own, named whole ("in
    Damascus"): an area that holds its quarters ("the Mezzeh district")."""
    return (
        loc.precision == 1
        and loc.feature_code in ("PPLC", "PPLA")
        and (loc.place_name or "").lower() in CITY_GOVERNORATES
    )


def _contains(area: Location, point: Location) -> bool:
    if _city_area(area):
        return point.precision > 1 and bool(area.admin1) and area.admin1 == point.admin1
    if area.precision == 4:
        return bool(area.admin1) and area.admin1 == point.admin1
    if area.precision == 3:
        return bool(area.admin2) and area.admin2 == point.admin2
    if area.precision == 5:
        if area.admin1 and point.admin1 and area.admin1 != point.admin1:
            return False
        return distance_km(area.lat, area.lon, point.lat, point.lon) <= 20.0
    return False


#: A count told as an event of its own ("a separate strike killed three"), or as the other
#: side's answer to it ("Turkish retaliatory shelling killed 16 Syrian troops").
_SEPARATE_RE = re.compile(r"\bseparate(?:ly)?\b|\bretaliat(?:ory|ion|ed)\b|\bhit\s+back\b")


def _mark_parts(drafts: list[_Draft]) -> None:
    """Mark sub-incidents: parts named as such ("seven of them"), counts that add up to one
    told before them ("killed 39" ... "31 at the courthouse" ... "eight at the restaurant"),
    and precise places inside a coarse one with as many dead or more, the same day."""
    at = {id(d): n for n, d in enumerate(drafts)}
    for d in drafts:
        host = d.extra.get("part_of_host")
        if host is not None and id(host) in at:
            d.part_of = at[id(host)]
    _mark_breakdowns(drafts)
    for n, d in enumerate(drafts):
        if d.part_of is not None:
            continue
        if d.location is None or d.location.precision > 2 or d.killed is None or d.cumulative:
            continue
        low = d.extra.get("low") or ""
        if _SEPARATE_RE.search(low):
            continue  # "a separate strike killed three": an event of its own
        if "also" in low and "toll" not in low and _ALSO_KILLED_RE.search(low):
            continue  # "An Iranian general was also killed in the attack": more dead
        for m, area in enumerate(drafts):
            if m == n or area.location is None or area.cumulative or area.killed is None:
                continue
            if area.part_of is not None:
                continue
            if area.location.precision < 3 and not (
                # the city that is a governorate holds its named quarters, not itself told
                # again ("central Damascus")
                _city_area(area.location) and not _same_place(d, area)
            ):
                continue
            if area.date and d.date and area.date != d.date:
                continue
            if area.sent == d.sent:
                continue  # two counts of one sentence are two counts ("18 ..., and 11 ...")
            area_low = area.extra.get("low") or ""
            if ("other" in area_low or "separate" in area_low) and _ANOTHER_INCIDENT_RE.search(
                area_low
            ):
                continue  # "In another incident, a body was found in the countryside"
            if area.sent > d.sent and "also" in area_low and _ALSO_KILLED_RE.search(area_low):
                continue  # "... 16 killed in the ambush. 28 of the gunmen were also killed"
            if d.actor and area.actor and d.actor != area.actor:
                continue  # other attackers: another event in the same area
            if _other_victims(d, area):
                continue  # soldiers at the base are no part of the civilians around it
            kb, ab = d.killed.best, area.killed.best
            if kb is None or ab is None or kb > ab:
                continue
            if _contains(area.location, d.location):
                d.part_of = m
                break


def _mark_breakdowns(drafts: list[_Draft]) -> None:
    """Two or more counts of dead told right after a total, in later sentences, that add up
    to it exactly are its parts ("148 killed in Tartous and Jableh" ... "48 in Tartous" ...
    "100 in Jableh"): the total counts, they are ``part_of`` it."""

    def countable(d: _Draft) -> bool:
        return (
            d.killed is not None
            and d.killed.best is not None
            and not d.cumulative
            and not d.event_only
            and d.part_of is None
        )

    for n, total in enumerate(drafts):
        if not countable(total) or total.killed.best < 2:  # type: ignore[union-attr]
            continue
        want = total.killed.best  # type: ignore[union-attr]
        # parts already named as such ("14 of the dead were in X") count toward the total:
        # "... and five more were killed in Y" is then the rest of it
        named = [
            d.killed.best  # type: ignore[union-attr]
            for d in drafts[n + 1 :]
            if d.part_of == n and d.killed is not None and d.killed.best is not None
        ]
        want -= sum(named)
        if want <= 0:
            continue
        after = [
            m
            for m in range(n + 1, len(drafts))
            if countable(drafts[m]) and drafts[m].sent > total.sent
        ]
        for first in after[:2]:
            run_sum, run = 0, []
            for m in after[after.index(first) :]:
                d = drafts[m]
                if d.sent - total.sent > _BREAKDOWN_REACH or (
                    # a total dated only by the article (a headline) may sum up the day before
                    d.date and total.date and d.date != total.date
                    and (total.date_explicit or abs((total.date - d.date).days) > 1)
                ):
                    break
                run_sum += d.killed.best  # type: ignore[union-attr,operator]
                run.append(m)
                if run_sum >= want:
                    break
            if (
                run_sum == want
                and len(run) + len(named) >= 2
                # one part inside the total's area is enough: "bombings tore through a
                # suburb of Damascus and the city of Homs, killing 140" (placed at Homs) ...
                # "83 in Sayyida Zeinab" ... "57 in Homs"
                and any(_inside(total, drafts[m]) for m in run)
            ):
                for m in run:
                    drafts[m].part_of = n
                break
    # A total told as a list to come ("the death of 4 people ..., as follows:", "two
    # civilians killed in separate incidents") takes in the counts told after it, in its
    # area, as long as they fit inside it: the list may name only some of them.
    for n, total in enumerate(drafts):
        if not countable(total) or total.killed.best < 2:  # type: ignore[union-attr]
            continue
        low = total.extra.get("low") or ""
        if not ("follows" in low or "separate" in low) or not _ITEMISED_RE.search(low):
            continue
        _take_in(drafts, n, countable, lambda d, total=total: not _inside(total, d))
    # A nationwide total ("killing at least 136 people across the country") takes in the
    # counts told after it, place by place, as long as they fit inside it.
    for n, total in enumerate(drafts):
        if not countable(total) or total.killed.best < 2:  # type: ignore[union-attr]
            continue
        low = total.extra.get("low") or ""
        if not ("country" in low or "syria" in low or "nationwide" in low):
            continue  # the words every match of _NATIONWIDE_RE holds: a cheap first test
        if not _NATIONWIDE_RE.search(low):
            continue
        _take_in(
            drafts, n, countable,
            lambda d, total=total: bool(d.date and total.date and d.date != total.date),
            # "In Iraq, ... 16 were killed near al-Qaim": not in the country
            skip=lambda d: d.place is not None and d.location is None,
        )
    # A total told after its parts ("5 killed in X; 2 in Y; 2 in Z. Total: 9 deaths") adds
    # them up: it is kept, marked as a running toll, so that no sum counts them twice.
    for n, total in enumerate(drafts):
        if not countable(total) or total.killed.best < 2:  # type: ignore[union-attr]
            continue
        run_sum, count = 0, 0
        for m in range(n - 1, -1, -1):
            d = drafts[m]
            if d.sent == total.sent or not countable(d):
                break
            run_sum += d.killed.best  # type: ignore[union-attr,operator]
            count += 1
            if run_sum >= total.killed.best:  # type: ignore[union-attr,operator]
                break
        if count >= 2 and run_sum == total.killed.best:  # type: ignore[union-attr]
            total.cumulative = True



#: A total that announces its list: "as follows:", "in separate incidents".
_ITEMISED_RE = re.compile(
    r"\bas\s+follows\b|\bin\s+(?:\w+\s+)?separate\s+(?:incidents|attacks|assassinations)\b"
)


def _take_in(
    drafts: list[_Draft],
    n: int,
    countable: Callable[[_Draft], bool],
    stop: Callable[[_Draft], bool],
    skip: Callable[[_Draft], bool] = lambda d: False,
) -> None:
    """Mark the counts told after the total ``drafts[n]`` as its parts while they fit inside
    it, up to the first one out of reach or for which ``stop`` holds; ``skip`` passes one
    over."""
    total = drafts[n]
    room = total.killed.best  # type: ignore[union-attr]
    for m in range(n + 1, len(drafts)):
        d = drafts[m]
        if d.sent == total.sent or not countable(d):
            continue
        if d.sent - total.sent > _BREAKDOWN_REACH or stop(d):
            break
        if skip(d):
            continue
        if d.killed.best > room:  # type: ignore[union-attr,operator]
            break
        room -= d.killed.best  # type: ignore[union-attr,operator]
        d.part_of = n


def _inside(total: _Draft, part: _Draft) -> bool:
    """Whether ``part`` may be a part of ``total``: it lies in the total's governorate, or the
    total names no precise place, or the total's sentence names the part's place ("bombings
    in Tartous and Jableh killed 148")."""
    tl, pl = total.location, part.location
    if tl is None or pl is None or tl.precision >= 4:
        return True
    if tl.admin1 is not None and tl.admin1 == pl.admin1:
        return True
    low = total.extra.get("low", "")
    name = part.place.ref.name.lower() if part.place is not None else ""
    if name and name in low:
        return True
    # "air strikes killed 12 in southern Idlib and northern Hama" ... "two in Kafr Nabuda"
    return any(w in low for w in lx.GOVERNORATE_SPELLINGS.get(pl.admin1 or "", ()))



def _dedupe(drafts: list[_Draft]) -> None:
    """The same event told twice in one article becomes one incident.

    Two drafts are the same event when they give the same number of dead (both running tolls
    or neither) and their places agree: the same place, the same governorate, or one of them
    names none. The better-told draft survives (body over headline, the more precise place,
    more details) and takes what only the other one says.
    """
    parts = {id(x) for x in drafts if x.extra.get("subset")}
    for n, d in enumerate(drafts):
        if d.drop:
            continue
        for e in drafts[n + 1 :]:
            if e.drop or d.drop:
                continue
            if d.extra.get("category") != e.extra.get("category"):
                continue  # people fleeing a town are not the strike on it
            if parts and (id(d) in parts or id(e) in parts) and (
                _placeless_part(d, e) or _placeless_part(e, d)
            ):
                continue  # "the dead included two officers": a part of its count, told once
            same_place = (
                d.location is not None
                and e.location is not None
                and d.location.place_id == e.location.place_id
            ) or _same_place(d, e)
            if e.event_only and same_place:
                e.drop = True
                continue
            if d.event_only and same_place and not e.event_only:
                d.drop = True
                break
            if (
                d.killed is not None
                and e.killed is not None
                and d.killed.best is not None
                and d.cumulative == e.cumulative
                and (
                    same_place
                    or e.place is None
                    or d.place is None
                    or (_same_area(d, e) and not _two_towns(d, e))
                    # a headline retold in the body under a name the gazetteer lacks
                    or (
                        (d.extra.get("title") or e.extra.get("title"))
                        and (
                            d.location is None
                            or e.location is None
                            # "... seize Golan crossing; 11 killed" over "... around the
                            # crossing and the city of Quneitra killed seven soldiers and
                            # four rebels": a headline's loose place gives way to the body's
                            or d.killed.best == e.killed.best
                        )
                    )
                )
                and (
                    d.killed.best == e.killed.best
                    or _title_told(d, e)
                    or _title_told(e, d)
                    or _title_one_of(d, e)
                    or _title_one_of(e, d)
                    or (
                        abs(e.sent - d.sent) <= 3
                        and (
                            _vague_then_precise(d.killed, e.killed)
                            or _vague_then_precise(e.killed, d.killed)
                        )
                    )
                )
                # "In another incident, the body of a young man was found near X" (but a
                # headline sums up the separate incidents the body tells one by one)
                and (not _another_incident(e) or d.extra.get("title"))
            ):
                keep, lose = (e, d) if _better(e, d) else (d, e)
                _absorb(keep, lose)
                if keep.killed is not None and keep.killed.vague and lose.killed is not None:
                    keep.killed = lose.killed  # "scores" ... "at least 136": the number
                lose.drop = True


#: Dead added to those counted before: "was also killed", "were also among the dead".
_ALSO_KILLED_RE = re.compile(r"\balso\s+(?:been\s+)?(?:killed|died|slain|among)\b")
def _another_incident(d: _Draft) -> bool:
    """Whether the sentence of ``d`` says it tells another event ("In another incident")."""
    low = d.extra.get("low") or ""
    if _next_entry(low):
        return True  # "SNHR also documented the death of a detainee"
    return ("other" in low or "separate" in low) and _ANOTHER_INCIDENT_RE.search(low) is not None


def _placeless_part(part: _Draft, other: _Draft) -> bool:
    """A part of a count ("the dead included two officers") with no place of its own, told
    in another sentence than ``other``: it belongs to its count, not to an equal count."""
    return (
        bool(part.extra.get("subset"))
        and part.sent != other.sent
        and not (part.extra.get("title") or other.extra.get("title"))
        and (part.place is None or bool(part.extra.get("inherited")))
    )


#: A sentence that tells an event other than the one before it.
_ANOTHER_INCIDENT_RE = re.compile(
    r"\b(?:in\s+(?:an)?other\s+(?:incident|attack)|in\s+a\s+separate\s+(?:incident|attack)"
    r"|separately)\b"
)


def _title_told(title: _Draft, body: _Draft) -> bool:
    """A headline's count that the body gave before updating it ("kill 25" ... "killed at
    least 25 ... put the toll at 27"): the headline tells the same event."""
    return bool(title.extra.get("title")) and title.killed is not None and (
        title.killed.best in body.extra.get("told", ())
    )


def _title_one_of(title: _Draft, body: _Draft) -> bool:
    """A headline's one dead among the body's ("... attack on Latamneh hospital that killed a
    doctor" ... "The attack killed Dr. Ali Darwish, an orthopaedic surgeon, and a patient"):
    the headline tells the same event by the victim it singles out."""
    return (
        bool(title.extra.get("title"))
        and not body.extra.get("title")
        and title.killed is not None
        and title.killed.best == 1
        and body.killed is not None
        and (body.killed.best or 0) > 1
    )


def _better(a: _Draft, b: _Draft) -> bool:
    """True when draft ``a`` tells the event better than ``b``."""

    def rank(d: _Draft) -> tuple[int, int, int, int]:
        precision = d.location.precision if d.location is not None else 9
        details = sum(x is not None for x in (d.injured, d.children, d.women, d.rescuers))
        return (int(bool(d.extra.get("title"))), precision, -details, -int(d.actor is not None))

    return rank(a) < rank(b)


def _absorb(keep: _Draft, lose: _Draft) -> None:
    """Fill what ``keep`` lacks from ``lose``."""
    if keep.place is None or (keep.location is None and lose.location is not None):
        # (a name the gazetteer lacks gives way to the other telling's place)
        keep.place, keep.location = lose.place, lose.location
    for name in ("injured", "children", "women", "rescuers", "actor"):
        if getattr(keep, name) is None:
            setattr(keep, name, getattr(lose, name))
    if keep.event_type == "other":
        keep.event_type = lose.event_type
    if not keep.date_explicit and lose.date_explicit:
        keep.date, keep.date_explicit = lose.date, True
    keep.targets = tuple(dict.fromkeys((*keep.targets, *lose.targets)))
    keep.victims = tuple(dict.fromkeys((*keep.victims, *lose.victims)))


#: How far apart two precisely placed counts of one body text are two events.
_TWO_TOWNS_KM = 5.0


def _two_towns(a: _Draft, b: _Draft) -> bool:
    """Two counts of the body (no headline) placed precisely in two towns apart ("a former
    commander was killed in Nawa" ... "Hours later, a young man was killed in Jasim"): two
    events, however alike their counts."""
    la, lb = a.location, b.location
    return (
        la is not None
        and lb is not None
        and not (a.extra.get("title") or b.extra.get("title"))
        and all(
            _own_place(x) and not x.extra.get("inferred_place") and not x.extra.get("at_dateline")
            for x in (a, b)
        )
        and la.precision <= 2
        and lb.precision <= 2
        and la.place_id != lb.place_id
        and distance_km(la.lat, la.lon, lb.lat, lb.lon) > _TWO_TOWNS_KM
    )


def _same_area(a: _Draft, b: _Draft) -> bool:
    """Both resolved inside the same governorate."""
    la, lb = a.location, b.location
    return la is not None and lb is not None and la.admin1 is not None and la.admin1 == lb.admin1


def _confidence(d: _Draft) -> float:
    """How sure the reading is (0-1): an explicit count of dead, a place written in the
    sentence itself, an event word and an actor each add to a base of 0.3; places taken from
    neighbouring sentences add less, and event-only incidents stay at or below 0.45."""
    score = 0.3
    if d.killed is not None and d.killed.best is not None:
        score += 0.25
    elif d.injured is not None:
        score += 0.15
    if d.location is not None:
        if d.extra.get("inferred_place") or d.extra.get("inherited"):
            score += 0.05
        else:
            score += 0.2 if d.location.precision <= 2 else 0.1
    if d.event_type != "other":
        score += 0.1
    if d.actor:
        score += 0.05
    if d.linked:
        score -= 0.05
    if d.event_only:
        score = min(score, 0.45)
    return round(max(0.05, min(score, 0.95)), 2)


def _to_incident(d: _Draft, article: Article, incident_id: str, part_of: str | None) -> Incident:
    text = article.text[d.start : d.end]
    k = d.killed or Count(None, None, None)
    j = d.injured or Count(None, None, None)
    victims = d.victims
    return Incident(
        incident_id=incident_id,
        doc_id=article.doc_id,
        text=text,
        char_start=d.start,
        char_end=d.end,
        event_type=d.event_type,
        actor=d.actor,
        date=d.date,
        place=d.place.ref.text if d.place else None,
        location=d.location,
        killed_low=k.low,
        killed_best=k.best,
        killed_high=k.high,
        injured_low=j.low,
        injured_best=j.best,
        injured_high=j.high,
        killed_children=d.children,
        killed_women=d.women,
        killed_rescuers=d.rescuers,
        victims=victims,
        targets=d.targets,
        is_cumulative=d.cumulative,
        part_of=part_of,
        sources=(article.doc_id,),
        confidence=_confidence(d),
        category=d.extra.get("category", "violence"),
    )
