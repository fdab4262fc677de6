"""Read incidents from news text: what happened, where, when, by whom, and how many died.

The engine works sentence by sentence with compiled patterns (:mod:`geoconflict.lexicon`),
then links sentences and merges what one article says twice:

1. **Mentions.** In each sentence with a casualty cue, find the counts of dead ("killed 21",
   "21 were killed", "the death toll rose to 45", "among those slain") and of injured, with
   their qualifiers (:mod:`geoconflict.numbers`) and victims ("including nine children").
   Counts in a question, in rhetoric ("a murderer who has killed one million"), in a negated
   clause, or mixed ("killed or wounded") are not used.
2. **Drafts.** Each count of dead starts an incident; a count of injured joins the count of
   dead before it in the same sentence. Each gets the place named in its part of the sentence
   ("in the town of X", "in X province", "on X"), the event cue nearest its verb, and the
   actor before it. A sentence with an event cue and a place but no count is an event-only
   incident ("Bombs rained down on eastern Aleppo").
3. **Links.** A casualty sentence with no place and no other event ("Three volunteers were
   killed and five wounded.") is one incident with the event sentence just before it
   ("Russian strikes hit a headquarters in the town of X."). A count of injured that names the
   same place as an incident just before it, or no place at all, joins that incident.
4. **Places and dates.** Places resolve with the gazetteer through
   :class:`~geoconflict.resolve.DocumentResolver`; dates come from the sentence, else from the
   last event date earlier in the article, else from the article date (a documented fallback).
5. **Totals.** A running toll ("the death toll since Monday") is ``is_cumulative``; a town's
   incident inside an area-wide incident of the same day ("21 killed in Erbin" after "59
   killed in East Ghouta") gets ``part_of``; the same event told twice is merged.

The code, in the order of the steps (each module imports only those before it):

- :mod:`geoconflict._tokens`: the token pre-scan, which tries a pattern only where a word of
  the sentence can start it, and the cheap first tests.
- :mod:`geoconflict.mentions`: counts of dead and injured in one sentence (step 1).
- :mod:`geoconflict.cues`: event cues, actors, targets and place candidates in one sentence.
- :mod:`geoconflict.drafts`: incident drafts and the merges between them.
- :mod:`geoconflict.reading`: one article read into drafts, sentence by sentence, with their
  links and dates (steps 2-3; :func:`read_drafts`).

This module holds the public API (:func:`extract_incidents`, :func:`extract_articles`,
:func:`read_drafts`) and the steps not yet in the modules above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from . import lexicon as lx
from ._tokens import _QUIET, _lower, _Toks
from .config import DEFAULT_CONFIG, Config
from .cues import _COUNTRY_WORDS, _institution_town, _make_cand, _PlaceCand, _places, _with_within
from .dates import find_date
from .drafts import (
    _BREAKDOWN_REACH,
    _Draft,
    _merge_estimates_pass,
    _norm,
    _other_victims,
    _same_place,
    _SentInfo,
)
from .mentions import _mask
from .numbers import Count
from .reading import (
    _BARE_YEAR_RE,
    _WHO_CLAUSE_RE,
    _category_of,
    _is_title,
    _read,
    _told_as_past,
    read_drafts,
)
from .records import Article, Incident, Location
from .resolve import DocumentResolver, PlaceRef, distance_km

__all__ = ["extract_articles", "extract_incidents", "read_drafts"]

_RESOLVERS: dict[str, Any] = {}


def _default_resolver(config: Config) -> Any:
    """The bundled gazetteer's resolver for ``config.default_country`` (built once)."""
    import gazetteer

    country = config.default_country or "SY"
    if country == "SY":
        return gazetteer.default_resolver()
    if country not in _RESOLVERS:
        _RESOLVERS[country] = gazetteer.Resolver(gazetteer.load_default(), default_country=country)
    return _RESOLVERS[country]


def _country_location(doc: DocumentResolver) -> Location | None:
    ref = PlaceRef(text="Syria", name="Syria", feature_hint="country")
    key = ("country-loc",)
    cache = doc._cache
    if key not in cache:
        loc = None
        match = doc._match(ref.name, "country", None, ())
        if match is not None and match.place.country_code == doc.country:
            loc = Location(
                lat=float(match.place.lat),
                lon=float(match.place.lon),
                precision=6,
                place_name=match.place.name,
                place_id=match.place.place_id,
                country_code=match.place.country_code,
                feature_code=match.place.feature_code,
                score=round(float(match.score), 3),
            )
        cache[key] = loc
    return cache[key]


#: A place text ending in a facility word ("Damascus International Airport").
_FACILITY_TAIL_RE = re.compile(
    r"\b(?:airport|air\s?base|airfield|crossing|dam|prison)$", re.I
)


#: A city's quarter named as such, and how far from the city its clause names it may lie.
_QUARTER_RE = re.compile(r"\b(?:neighbou?rhoods?|quarters?|district)\b", re.I)
_QUARTER_REACH_KM = 30.0


def _resolve(drafts: list[_Draft], doc: DocumentResolver, dateline: PlaceRef | None) -> None:
    refs = [
        p.ref for d in drafts if d.place is not None for p in (d.place, *d.place.alts)
    ]
    if dateline is not None and not doc.is_foreign(dateline.name):
        refs.append(dateline)  # "Damascus, SANA -": the article's places lie around there
    doc.set_context(refs)
    for d in drafts:
        if d.place is None or d.place.foreign:
            continue
        d.location = doc.locate(d.place.ref)
        ref = d.place.ref
        if d.location is not None and d.place.alts and _QUARTER_RE.search(ref.text):
            # "... the eastern city of Deir Ezzor ..., seven of them in the Hamidiyeh
            # neighbourhood": a quarter found far from the city its clause names is a
            # namesake elsewhere; the event lies in that city (precision 2, a part of it)
            for alt in d.place.alts:
                city = doc.locate(alt.ref)
                if (
                    city is not None
                    and city.precision <= 2
                    and distance_km(city.lat, city.lon, d.location.lat, d.location.lon)
                    > _QUARTER_REACH_KM
                ):
                    d.location = replace(city, precision=2)
                    break
        if d.location is None and ref.text != ref.name and _FACILITY_TAIL_RE.search(ref.text):
            # "Damascus International Airport" is the gazetteer's name, not "Damascus
            # International" with a feature word after it.
            d.location = doc.locate(replace(ref, name=ref.text, feature_hint=None))
        if d.location is None and ("category" in d.extra or not doc.is_foreign(ref.name)):
            # "at Mezzeh airport in Damascus": when the first place is unknown, the
            # enclosing one of the same clause places the event near it; a development's
            # other places are tried after a foreign one ("returned from Lebanon through
            # the Jdeidet Yabous crossing").
            for alt in d.place.alts:
                loc = doc.locate(replace(alt.ref, near=True))
                if loc is not None:
                    d.location = loc
                    break
        if d.location is None:
            town = _institution_town(d.place.ref.name)
            if town is not None:  # "Aleppo University": in Aleppo
                d.location = doc.locate(PlaceRef(text=town, name=town, part=True))


#: An event note's place field: "Location: Ariha, Idlib governorate", "Where: Tall Hamis".
_FIELD_PLACE_RE = re.compile(
    r"(?:^|(?<=[.\n|]))\s*(?:Location|Where|Place)\s*:\s*(?P<value>[^.\n:]{2,160})"
)
#: Words around a name in a place field: "western", "village", "subdistrict", "governorate".
_FIELD_LEAD_RE = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?"
    r"|central|rural|countryside\s+of|outskirts\s+of|near)\s+",
    re.I,
)
_FIELD_TAIL_RE = re.compile(
    r"\s+(?:village|town|city|subdistrict|sub-district|district|governorate|province"
    r"|countryside|area|neighbou?rhood|region|camp)$",
    re.I,
)
_FIELD_AREA_RE = re.compile(r"\b(?:governorate|province)\b", re.I)


#: Lower-case particles that may open a name in a place field ("al-Sakhour").
_FIELD_PARTICLES = ("al-", "el-", "as-", "ad-", "ar-", "ash-", "az-", "at-")


#: Governorate names as event notes write them, the OCHA and the Arabic ones.
_LINE_GOVERNORATES = lx.GOVERNORATE_NAMES | {
    "halab", "hims", "rif dimashq", "dimashq", "al-ladhiqiyah", "ladhiqiyah", "dayr az-zawr",
    "ar-raqqah", "as-suwayda", "al-qunaytirah",
}
#: A note's place line: names, then a governorate, alone in their sentence ("Al-Bab, Halab.",
#: "Jabal al-Turkman, Lattakia governorate (Rabee'a subdistrict).").
_PLACE_LINE_RE = re.compile(
    r"(?:^|(?<=[.\n]))[ \t]*(?P<value>[A-Z][^.\n:;]{1,80}?,[ \t]*(?i:"
    + "|".join(sorted((re.escape(g) for g in _LINE_GOVERNORATES), key=len, reverse=True))
    + r")(?:[ \t]+(?i:governorate|province))?(?:[ \t]*\([^().\n]{1,40}\))?)[ \t]*\."
)


def _field_parts(value: str) -> list[tuple[str, str, bool]]:
    """The names of a place field in the order written: (as written, bare name, is a
    governorate)."""
    parts = []
    for raw in re.split(r"[,;()/]|\s+-\s+", value):
        text = raw.strip()
        name = text
        for _ in range(2):
            name = _FIELD_LEAD_RE.sub("", name).strip()
            name = _FIELD_TAIL_RE.sub("", name).strip()
        if len(name) < 3 or (not name[0].isupper() and not name.startswith(_FIELD_PARTICLES)):
            continue
        parts.append((text, name, bool(_FIELD_AREA_RE.search(text))))
    return parts


def _fineness(loc: Location) -> float:
    """How fine a place is, smallest first: a neighbourhood (PPLX, precision 2 as a part of
    a town) is finer than the town around it."""
    return 0.5 if loc.feature_code == "PPLX" else loc.precision


def _field_place_fallback(drafts: list[_Draft], article: Article, doc: DocumentResolver) -> None:
    """An event note's place field ("Location: al-Jinah village, Atarib subdistrict, western
    Aleppo governorate") places its counts of dead that name no place of their own: at the
    most precise name of the field the gazetteer knows that lies in the field's governorate
    (when it gives one), else in that governorate. Names in two governorates place nothing.
    """
    if not any(d.location is None and not d.event_only for d in drafts):
        return
    body = article.text  # a field needs its colon and its key word: a cheap first test
    has_field = ":" in body and ("Location" in body or "Where" in body or "Place" in body)
    m = _FIELD_PLACE_RE.search(body) if has_field else None
    if m is None:
        # A note's place line with no key: "Al-Bab, Halab.", "Talbiseh and al-Rastan, Hims."
        m = _PLACE_LINE_RE.search(body)
        if m is None:
            return
    parts = _field_parts(m.group("value"))
    if m.re is _PLACE_LINE_RE and parts and parts[-1][1].lower() in _LINE_GOVERNORATES:
        parts[-1] = (parts[-1][0], parts[-1][1], True)  # the line's last name: its area
    area: Location | None = None
    for text, name, is_area in parts:
        if is_area:
            area = doc.locate(PlaceRef(text=text, name=name, feature_hint="admin1"))
            break
    loc: Location | None = None
    for text, name, is_area in parts:
        if is_area:
            continue
        found = doc.locate(PlaceRef(text=text, name=name, exact=True))
        if found is None or found.precision >= 6:
            continue
        if area is not None and area.admin1 is not None and found.admin1 != area.admin1:
            continue
        if loc is not None and loc.admin1 != found.admin1:
            loc = None  # "Location: Azaz, Afrin": two governorates, so none of the two
            break
        if loc is None or _fineness(found) < _fineness(loc):
            loc = found  # fields run either way: "Homs city, Baba Amr neighbourhood"
    loc = loc or area
    if loc is None or loc.precision >= 6:
        return
    for d in drafts:
        if _unplaced(d, doc):
            d.location = loc
            d.extra["inferred_place"] = True


def _sentence_places(info: _SentInfo) -> list[_PlaceCand]:
    """The place candidates of a sentence, read now if the quick pass skipped it."""
    if info.places or info.mentions or info.events:
        return info.places
    masked = info.masked if info.toks is not _QUIET else _mask(info.sent.text)
    low = _lower(masked)
    return _places(masked, _Toks(low), low)


def _single_place_fallback(
    drafts: list[_Draft], infos: list[_SentInfo], doc: DocumentResolver
) -> None:
    """When an article names one place only, a count of dead with no place of its own
    happened there ("A strike on a convoy in northern Syria killed 11. The convoy was heading
    to Ras al-Ain."), at district precision (3) since the text does not say so outright.
    When its places all lie in one governorate ("Location: Aleppo city, al-Sakhour
    neighbourhood"), the count is placed in that governorate (precision 4)."""
    if not any(d.location is None and d.place is None and not d.event_only for d in drafts):
        return
    if any(d.place is not None and d.place.foreign for d in drafts):
        return
    located = [d.location for d in drafts if d.location is not None and d.location.precision < 6]
    ids = {loc.place_id for loc in located}
    areas = {loc.admin1 for loc in located}

    def mixed() -> bool:  # several places, not all in one governorate: neither rule applies
        return len(ids) > 1 and (len(areas) > 1 or None in areas)

    if mixed():
        return
    for info in infos:
        for cand in _sentence_places(info):
            if cand.foreign:
                return
            if cand.country:
                continue
            loc = doc.locate(cand.ref)
            if loc is not None and loc.precision < 6:
                located.append(loc)
                ids.add(loc.place_id)
                areas.add(loc.admin1)
                if mixed():
                    return
    if not located:
        return
    if len(ids) == 1:
        loc: Location | None = replace(located[0], precision=max(located[0].precision, 3))
    else:
        (area,) = areas  # one governorate, as mixed() was false
        loc = doc.locate(PlaceRef(text=area, name=area, feature_hint="admin1"))
        if loc is None or loc.precision != 4 or loc.admin1 != area:
            return
    for d in drafts:
        if d.location is None and d.place is None and not d.event_only:
            d.location = loc
            d.extra["inferred_place"] = True


#: A wire-copy dateline opening a paragraph: "ALEPPO, Syria (AP) —", "IDLIB (Reuters) -".
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][A-Z’'`.-]+(?:[ -][A-Z][A-Z’'`.-]+){0,3})"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?))?"
    r"\s*(?:\((?P<agency>[A-Za-z. ]{2,24})\))?\s*[-—–:]{1,2}\s"
)
#: How far into an article a dateline may stand (after a headline and a byline).
_DATELINE_REACH = 400
#: A state-media dateline: "Damascus, SANA -", "Tartous, SANA –".
_AGENCY_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][\w’'`-]+(?:[ -][A-Z][\w’'`-]+){0,2}),\s*(?P<agency>SANA|SNHR"
    r"|SOHR|Reuters|AFP|AP|Xinhua|Anadolu)\s*[-—–:]{1,2}\s"
)


def _wire_dateline(article: Article) -> re.Match[str] | None:
    """An opening wire dateline with a country or an agency ("IDLIB (Reuters) -")."""
    m = _DATELINE_RE.search(article.text, 0, _DATELINE_REACH)
    return m if m is not None and (m.group("country") or m.group("agency")) else None


def _at_home(m: re.Match[str]) -> bool:
    """Whether a dateline names no country, or the country's own."""
    country = (m.groupdict().get("country") or "").lower()
    return not country or country in _COUNTRY_WORDS


def _dateline_end(article: Article) -> int | None:
    """Where an opening dateline naming a place of the country ends, if there is one."""
    m = _wire_dateline(article)
    return m.end() if m is not None and _at_home(m) else None


def _dateline_ref(article: Article) -> PlaceRef | None:
    """The place an article is filed from, when its dateline names one in the country."""
    m = _wire_dateline(article) or _AGENCY_LINE_RE.search(article.text, 0, _DATELINE_REACH)
    if m is None or not _at_home(m):
        return None
    name = " ".join(w.capitalize() for w in m.group("name").split())
    if name.lower() in _COUNTRY_WORDS or name.lower() in lx.NOT_PLACES:
        return None
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("countryside", "suburbs", "rural"):
        # "Damascus Countryside, SANA -": the governorate around the city.
        return PlaceRef(text=m.group("name"), name=" ".join(words[:-1]), rural=True)
    if len(words) > 1 and words[0].lower() == "rural":
        return PlaceRef(text=m.group("name"), name=" ".join(words[1:]), rural=True)
    return PlaceRef(text=m.group("name"), name=name)


def _unplaced(d: _Draft, doc: DocumentResolver) -> bool:
    """A count of dead left with no location: its text names no place, or only one the
    gazetteer cannot place and that is not known abroad ("near the al-Naim roundabout")."""
    if d.location is not None or d.event_only:
        return False
    if d.place is None:
        return True
    return not d.place.foreign and not d.place.country and not doc.is_foreign(d.place.ref.name)


def _dateline_fallback(
    drafts: list[_Draft], ref: PlaceRef | None, doc: DocumentResolver
) -> None:
    """A count of dead with no place of its own, in an article datelined from a place of the
    country ("ALEPPO, Syria (AP) —"), is placed in the dateline's area, at governorate
    precision (4): wire stories are mostly about the area they are filed from, but the text
    does not say where. A development told in the dateline's own sentence with no place of
    its own (``at_dateline``) is at the dateline's place. A foreign dateline ("BEIRUT
    (Reuters) -") places nothing."""
    if ref is None or doc.is_foreign(ref.name):
        return
    unplaced = [d for d in drafts if _unplaced(d, doc)]
    told_there = [d for d in drafts if d.extra.get("at_dateline")]
    if not unplaced and not told_there:
        return
    loc = doc.locate(ref)
    if loc is None:
        return
    for d in told_there:  # a development told in the dateline's own sentence
        d.location = loc
    if loc.precision >= 6:
        return
    for d in unplaced:
        d.location = replace(loc, precision=max(loc.precision, 4))
        d.extra["inferred_place"] = True


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
                and d.sent - drafts[m].sent <= 4
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


def _contains(area: Location, point: Location) -> bool:
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
        if _SEPARATE_RE.search(d.extra.get("low") or ""):
            continue  # "a separate strike killed three": an event of its own
        for m, area in enumerate(drafts):
            if m == n or area.location is None or area.cumulative or area.killed is None:
                continue
            if area.location.precision < 3 or area.part_of is not None:
                continue
            if area.date and d.date and area.date != d.date:
                continue
            if area.sent == d.sent:
                continue  # two counts of one sentence are two counts ("18 ..., and 11 ...")
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
                and all(_inside(total, drafts[m]) for m in run)
            ):
                for m in run:
                    drafts[m].part_of = n
                break
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
        room = total.killed.best  # type: ignore[union-attr]
        for m in range(n + 1, len(drafts)):
            d = drafts[m]
            if d.sent == total.sent or not countable(d):
                continue
            if d.sent - total.sent > _BREAKDOWN_REACH or (
                d.date and total.date and d.date != total.date
            ):
                break
            if d.killed.best > room:  # type: ignore[union-attr,operator]
                break
            room -= d.killed.best  # type: ignore[union-attr,operator]
            d.part_of = n
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


#: A count over the whole country: "killing 136 people across the country".
_NATIONWIDE_RE = re.compile(
    r"\b(?:across|throughout|around|all\s+over)\s+(?:the\s+country|syria)\b|\bnationwide\b"
)


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
    return any(w in low for w in _GOVERNORATE_WORDS.get(pl.admin1 or "", ()))


#: How articles spell each governorate (the OCHA names the locations carry, as keys).
_GOVERNORATE_WORDS: dict[str, tuple[str, ...]] = {
    "Aleppo": ("aleppo", "halab"),
    "Idleb": ("idlib", "idleb"),
    "Hama": ("hama",),
    "Homs": ("homs",),
    "Lattakia": ("latakia", "lattakia", "latakiya"),
    "Tartous": ("tartous", "tartus"),
    "Damascus": ("damascus",),
    "Rural Damascus": ("rural damascus", "damascus countryside", "rif dimashq", "ghouta"),
    "Dar'a": ("daraa", "deraa", "dar'a", "dara'a"),
    "As-Sweida": ("sweida", "suwayda", "suweida", "swaida"),
    "Quneitra": ("quneitra", "qunaytirah"),
    "Ar-Raqqa": ("raqqa", "rakka"),
    "Deir-ez-Zor": ("deir ez", "deir el", "deir al-z", "deir ezzor", "dayr az", "deir-ez"),
    "Al-Hasakeh": ("hasak", "hassak"),
}


def _dedupe(drafts: list[_Draft]) -> None:
    """The same event told twice in one article becomes one incident.

    Two drafts are the same event when they give the same number of dead (both running tolls
    or neither) and their places agree: the same place, the same governorate, or one of them
    names none. The better-told draft survives (body over headline, the more precise place,
    more details) and takes what only the other one says.
    """
    for n, d in enumerate(drafts):
        if d.drop:
            continue
        for e in drafts[n + 1 :]:
            if e.drop or d.drop:
                continue
            if d.extra.get("category") != e.extra.get("category"):
                continue  # people fleeing a town are not the strike on it
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
                (same_place or e.place is None or d.place is None or _same_area(d, e))
                and d.killed is not None
                and e.killed is not None
                and d.killed.best is not None
                and (
                    d.killed.best == e.killed.best
                    or _title_told(d, e)
                    or _title_told(e, d)
                    or (
                        abs(e.sent - d.sent) <= 3
                        and (
                            _vague_then_precise(d.killed, e.killed)
                            or _vague_then_precise(e.killed, d.killed)
                        )
                    )
                )
                and d.cumulative == e.cumulative
            ):
                keep, lose = (e, d) if _better(e, d) else (d, e)
                _absorb(keep, lose)
                if keep.killed is not None and keep.killed.vague and lose.killed is not None:
                    keep.killed = lose.killed  # "scores" ... "at least 136": the number
                lose.drop = True


def _vague_then_precise(vague: Count, precise: Count) -> bool:
    """A vague count ("scores", "dozens") that a number of the same event makes precise:
    within what the word can mean ("a dozen" is not 99; "scores" may be 136)."""
    if not (vague.vague and not precise.vague and vague.low and precise.best is not None):
        return False
    upper = vague.low * (5 if vague.low >= 24 else 1.3)
    return vague.low <= precise.best <= upper


def _title_told(title: _Draft, body: _Draft) -> bool:
    """A headline's count that the body gave before updating it ("kill 25" ... "killed at
    least 25 ... put the toll at 27"): the headline tells the same event."""
    return bool(title.extra.get("title")) and title.killed is not None and (
        title.killed.best in body.extra.get("told", ())
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
    if keep.place is None:
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


def _same_area(a: _Draft, b: _Draft) -> bool:
    """Both resolved inside the same governorate."""
    la, lb = a.location, b.location
    return la is not None and lb is not None and la.admin1 is not None and la.admin1 == lb.admin1


def _more_precise(a: _Draft, b: _Draft) -> bool:
    """True when ``a`` is placed more precisely than ``b``."""
    if a.location is None:
        return False
    return (
        b.location is None
        or a.location.precision < b.location.precision
        or (a.location.precision == b.location.precision and b.extra.get("title", False))
    )


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


#: Words that make a development one only spoken of ("called for a ceasefire", "plans to").
_UNREAL_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|propos(?:e|es|ed|al)"
    r"|talks\s+(?:on|about)|would|could|might|plans?\s+to|planned|expected|fears?|feared"
    r"|threat(?:en|ens|ened)?|possible|if|unless|before\s+the\s+war)\b"
)


#: A development denied or not yet come: "no convoy has entered", "has not reached".
_NOT_RE = re.compile(
    r"\b(?:no(?!\s+(?:fewer|less)\b)|not|never|none|nobody|yet\s+to|failed\s+to|denied)\b|n't"
)


def _developments(
    article: Article, infos: list[_SentInfo], drafts: list[_Draft]
) -> list[_Draft]:
    """Developments the article reports: conflict events with no violence told (people who
    fled a town, an aid convoy that reached it, a protest, arrests, a ceasefire or a
    surrender), one draft per category and place, each to be placed like any event and
    never counted. Sentences with a count of dead or injured are incidents already."""
    if not lx.DEVELOPMENT_CUE_RE.search(article.text.lower()):
        return []
    out: list[_Draft] = []
    seen: set[tuple[str, str]] = set()
    told = {d.sent for d in drafts}
    at_dateline = _dateline_end(article)
    for i, info in enumerate(infos):
        if info.mentions or info.question or i in told:
            continue
        if not lx.DEVELOPMENT_CUE_RE.search(info.low):
            continue
        masked = info.masked if info.toks is not _QUIET else _mask(info.sent.text)
        low = _lower(masked)
        category = _category_of(low)
        if category is None:
            continue
        if _NOT_RE.search(low) or _UNREAL_RE.search(low) or lx.RHETORIC_RE.search(low):
            continue
        # a relative or since-clause dates something else ("the largest delivery since an
        # earthquake two weeks ago"): the development's own time is in the rest
        own = _WHO_CLAUSE_RE.sub("", low)
        if _told_as_past(own, article.date) or (
            article.date is not None
            and any(int(y) < article.date.year for y in _BARE_YEAR_RE.findall(low))
        ):
            continue  # "those who fled in 2012", "the 2016 evacuation of Aleppo"
        cands = []
        found = [*lx.DEVELOPMENT_PLACE_RE.finditer(masked), *lx.PLACE_OF_RE.finditer(masked)]
        found.sort(key=lambda m: m.start("name"))
        names_at: set[int] = set()
        for m in found:
            if m.start("name") in names_at:
                continue  # "in the town of X" found by both patterns
            names_at.add(m.start("name"))
            c = _make_cand(masked, m, m.groupdict().get("cue"))
            if c is None or c.country:
                continue
            if not c.foreign:  # "returned from Lebanon": not where it happened
                cands.append(c)
        if not cands:
            if at_dateline is not None and info.sent.start <= at_dateline < info.sent.end:
                # "BAB AL-HAWA, Syria (AP) — A convoy of 14 U.N. trucks crossed into
                # rebel-held northwest Syria": where it was filed from is where it happened
                key = (category, "")
                if key not in seen:
                    seen.add(key)
                    out.append(_Draft(
                        sent=i, first_sent=i, start=info.sent.start, end=info.sent.end,
                        event_type="other", date=article.date, event_only=True,
                        extra={"title": False, "category": category, "at_dateline": True},
                    ))
            continue
        key = (category, _norm(cands[0].ref.name))
        if key in seen:
            continue
        seen.add(key)
        dm = find_date(info.sent.text, article.date)
        out.append(
            _Draft(
                sent=i,
                first_sent=i,
                start=info.sent.start,
                end=info.sent.end,
                event_type="other",
                place=replace(_with_within(cands[0], cands[1:]), alts=tuple(cands[1:])),
                date=dm.date if dm is not None and not dm.window else article.date,
                event_only=True,
                extra={"title": _is_title(info.sent), "category": category},
            )
        )
    return out


def extract_incidents(
    article: Article,
    *,
    resolver: Any | None = None,
    config: Config = DEFAULT_CONFIG,
) -> list[Incident]:
    """Extract the incidents of one article, with places resolved.

    Parameters
    ----------
    article
        The article; ``article.date`` resolves relative days ("on Thursday").
    resolver
        A ``gazetteer.Resolver``; None uses ``gazetteer.default_resolver()``.
    config
        Run settings (``default_country``, ``min_score``).

    Returns
    -------
    list of Incident
        In text order, with stable ids ``f"{doc_id}-{n:03d}"``. Counts the text does not
        give are None. ``is_cumulative`` marks running tolls and ``part_of`` names the
        incident an incident lies inside; totals should skip both.

    Examples
    --------
    >>> from geoconflict.records import Article
    >>> art = Article("note", "Regime warplanes struck Kafr Nabl, killing 4 civilians.")
    >>> [(i.event_type, i.killed_best) for i in extract_incidents(art)]  # doctest: +SKIP
    [('airstrike', 4)]
    """
    drafts, infos = _read(article)
    drafts += _developments(article, infos, drafts)
    if not drafts:
        return []
    if resolver is None:
        resolver = _default_resolver(config)
    doc = DocumentResolver(resolver, country=config.default_country, min_score=config.min_score)
    dateline = _dateline_ref(article)
    doc.set_article_places(
        lambda: [
            c.ref for info in infos for c in _sentence_places(info) if not (c.foreign or c.country)
        ]
    )
    _resolve(drafts, doc, dateline)
    _field_place_fallback(drafts, article, doc)
    _single_place_fallback(drafts, infos, doc)
    _dateline_fallback(drafts, dateline, doc)
    # Two names of one town are known only now: a source's figure told under the other
    # name ("in Palmyra" ... "in Tadmur") is a figure for the count before it.
    _merge_estimates_pass(drafts, plain_only=False)
    country_loc = None
    told_in_body = any(not d.extra.get("title") for d in drafts)
    for d in drafts:
        if d.location is None and d.place is not None and d.place.country:
            country_loc = country_loc or _country_location(doc)
            d.location = country_loc
        if d.event_only and (d.location is None or d.location.precision >= 6):
            d.drop = True
        if d.event_only and d.extra.get("title") and told_in_body:
            d.drop = True  # the body tells the event; a headline alone is kept
    _dedupe(drafts)
    _attach_subsets(drafts)
    kept = [d for d in drafts if not d.drop]
    _mark_parts(kept)
    ids = {n: f"{article.doc_id}-{n + 1:03d}" for n in range(len(kept))}
    return [
        _to_incident(d, article, ids[n], ids.get(d.part_of) if d.part_of is not None else None)
        for n, d in enumerate(kept)
    ]


def extract_articles(
    articles: Iterable[Article],
    *,
    resolver: Any | None = None,
    config: Config = DEFAULT_CONFIG,
) -> Iterator[Incident]:
    """Extract incidents from many articles, lazily, sharing one resolver.

    Parameters
    ----------
    articles
        Any iterable of :class:`~geoconflict.records.Article`.
    resolver, config
        As for :func:`extract_incidents`.

    Yields
    ------
    Incident
        Article by article, in text order.
    """
    for article in articles:
        if resolver is None:
            resolver = _default_resolver(config)
        yield from extract_incidents(article, resolver=resolver, config=config)
