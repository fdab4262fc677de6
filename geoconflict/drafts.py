"""Incident drafts and the merges between them.

A :class:`_Draft` is one incident as read from an article, before its place is resolved;
a :class:`_SentInfo` is what one sentence yielded. The merges join drafts that tell one
event twice: a count of injured with the count of dead before it (:func:`_merge_injured`),
an updated toll (:func:`_merge_toll_updates`), another source's figure
(:func:`_merge_other_estimates`, :func:`_merge_estimates_pass`); counts named again as
parts of a larger one are marked (:func:`_mark_named_parts`), and placeless running tolls
take the article's area (:func:`_inherit_cumulative_place`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ._tokens import _Toks, _trie_pattern
from .cues import _PlaceCand
from .mentions import _RISE_RE, _Mention
from .numbers import COUNT_PATTERN, Count, parse_count
from .records import Location
from .resolve import distance_km
from .text import Sentence

_NON_LETTERS_RE = re.compile(r"[^a-z]")


@dataclass(slots=True)
class _Draft:
    sent: int  # index of the sentence it was read from
    first_sent: int
    start: int  # char offsets in the article
    end: int
    event_type: str = "other"
    actor: str | None = None
    place: _PlaceCand | None = None
    killed: Count | None = None
    injured: Count | None = None
    children: int | None = None
    women: int | None = None
    rescuers: int | None = None
    victims: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    date: dt.date | None = None
    date_explicit: bool = False
    cumulative: bool = False
    linked: bool = False
    event_only: bool = False
    has_event_cue: bool = False
    location: Location | None = None
    part_of: int | None = None
    drop: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _SentInfo:
    sent: Sentence
    masked: str
    low: str
    toks: _Toks
    mentions: list[_Mention]
    events: list[tuple[str, int, int, bool, str]]
    places: list[_PlaceCand]
    question: bool


def _widened(first: Count, other: Count) -> Count:
    """``first`` with its range stretched to take in another source's figure ``other``: the
    best estimate stays the first figure; an open upper bound ("at least 30") stays open.
    A vague first count ("dozens") that ``other`` makes precise ("80 people had been
    killed") gives way to it."""
    if first.vague and _vague_then_precise(first, other):
        return other
    lows = [x for x in (first.low, other.low, other.best) if x is not None]
    high = None if first.high is None else max(first.high, other.high or other.best or 0)
    return Count(min(lows) if lows else None, first.best, high, first.vague)


#: Counts this close to each other (ratio of bests) may be two sources' figures for one event.
_CLOSE_FIGURES = (0.5, 2.0)
#: The smallest counts read as two figures for one event when the later sentence tells an
#: event or place of its own: small tolls in a round-up are more often separate incidents.
_CLOSE_FIGURES_MIN = 10


def _close_figures(host: Count, other: Count, *, small: bool = False) -> bool:
    """Whether two counts are near enough to be two sources' figures for the same dead
    (small counts too when ``small``: the figures are told of the same place)."""
    a, b = host.best, other.best
    if a is None or b is None or min(a, b) < (2 if small else _CLOSE_FIGURES_MIN):
        return False
    lo, hi = _CLOSE_FIGURES
    return lo <= b / a <= hi


def _finer(place: _PlaceCand, coarse: _PlaceCand | None) -> _PlaceCand:
    """``place``, with ``coarse`` tried after its own alternatives when it cannot be placed."""
    if coarse is None or coarse is place:
        return place
    return replace(place, alts=(*place.alts, coarse))


def _coarse_place(d: _Draft) -> bool:
    """Whether a draft's place leaves room for a finer one: none, "near X", or an area."""
    return d.place is None or d.place.ref.near or d.place.level in ("admin1", "admin2", "region")


#: How many sentences back a bare figure with no event or place of its own may look.
_PLAIN_REACH = 8


def _reach(host: _Draft, d: _Draft) -> int:
    """How many sentences after ``host`` a figure may restate it: three, or six when it
    names the same place (a quotation of several sentences may stand between the two)."""
    return 6 if _same_place(host, d) else 3


def _restates(host: _Draft, d: _Draft) -> bool:
    """Whether ``d``, a source's figure told with an event or place of its own ("State
    media said a rocket had killed 87 people"), restates the count of ``host`` told just
    before: figures of the same size, at most three sentences apart, on the same or the next
    day ("had said on Sunday that 80 were killed"), in the host's place or a finer one."""
    if host.killed is None or d.killed is None:
        return False
    same = _same_place(host, d) or _part_of_town(host, d)
    if not _close_figures(host.killed, d.killed, small=same):
        return False
    if d.sent - host.sent > _reach(host, d):
        return False
    if host.date is not None and d.date is not None and abs((host.date - d.date).days) > 1:
        return False
    if _OTHER_EVENT_RE.search(_RELATIVE_RE.sub("", d.extra.get("low") or "")):
        # "Hours earlier, twin car bombs ... killing 57": another event (not "the attack,
        # which it said also involved roadside bombs": that tells of the same one)
        return False
    return not _own_place(d) or _coarse_place(host) or same


#: How far from a town's point a part of it may lie.
_PART_OF_TOWN_KM = 8.0


def _part_of_town(host: _Draft, d: _Draft) -> bool:
    """Whether ``d`` is placed in a part of the town ``host`` is placed in: "an air strike on
    its consulate in Damascus" ... "killed in the strike on the building in the Mezzeh
    district" (a town, then a neighbourhood or a place near its centre: precision 2)."""
    la, lb = host.location, d.location
    return (
        la is not None
        and lb is not None
        and la.precision == 1
        and la.feature_code is not None
        and la.feature_code.startswith("PPL")
        and la.feature_code != "PPLX"
        and (lb.precision == 2 or lb.feature_code == "PPLX")
        and distance_km(la.lat, la.lon, lb.lat, lb.lon) <= _PART_OF_TOWN_KM
    )


#: A relative clause after a comma: ", which it said also involved roadside bombs".
_RELATIVE_RE = re.compile(r",\s+(?:which|who)\b[^,;.]*")
#: Words that tell another event than the one just counted.
_OTHER_EVENT_RE = re.compile(
    r"\b(?:earlier|later|elsewhere|meanwhile|separately|separate|another|second\s+(?:attack"
    r"|strike|blast|bombing|explosion)|also"
    # "On the government side of the divided city, rebel shelling killed 14"
    r"|on\s+the\s+(?:[\w-]+\s+){0,2}?side)\b"
)


def _adds_up_to(drafts: list[_Draft], host: _Draft, n: int) -> bool:
    """Whether ``drafts[n]`` is one of two or more counts after ``host`` that add up to it
    exactly ("killing at least 148" ... "100 in Jableh" ... "48 in Tartus"): a part of the
    total, not another figure for it."""
    want = host.killed.best if host.killed is not None else None
    if want is None:
        return False
    after = [
        d
        for d in drafts
        if d.sent > host.sent
        and d.sent - host.sent <= _BREAKDOWN_REACH
        and not d.drop
        and d.killed is not None
        and d.killed.best is not None
    ]
    mine = drafts[n]
    for i in range(len(after)):
        total = 0
        for j in range(i, len(after)):
            total += after[j].killed.best  # type: ignore[union-attr,operator]
            if total >= want:
                break
        if total == want and j > i and any(after[k] is mine for k in range(i, j + 1)):
            return True
    return False


#: A second source's figure in the same sentence: "..., while the ministry spoke of 40".
_RIVAL_SOURCE_RE = re.compile(
    r"\b(?:while|whereas)\s+(?:the\s+)?[\w\s'’-]{0,60}?\b(?:spoke\s+of|said|put\s+the"
    r"|reported|gave|cited|counted)\b"
)


#: Who a sentence says its figure comes from: "..., a war monitor said", "Activists said
#: ...", "according to the health ministry".
_SPEAKER_RE = re.compile(
    r"(?:^|[,;:]\s+|\s[-\u2013\u2014]\s+)(?P<a>(?:[\w.'\u2019-]+\s+){0,5}?[\w.'\u2019-]+)\s+"
    r"(?:said|says|say|reported|reports|told|claimed|announced|counted)\b"
    r"|\baccording\s+to\s+(?P<b>[^,.;:]{2,60})"
)
_SPEAKER_STOP = frozenset(
    "the a an of for in on at and syria's syrian local its their his her also later had has "
    "have was were by from with".split()
)
#: Names of one speaker told in different words: the Observatory is "a war monitor".
_SPEAKER_SAME = {
    "observatory": "monitor", "sohr": "monitor", "britain-based": "monitor",
    "monitoring": "monitor", "u.n.": "un", "united": "un", "nations": "un",
    "activist": "activists", "rebel": "rebels", "insurgents": "rebels",
}
#: A toll that grew over time ("rose to", "climbed to", "raised its toll"), not one that
#: merely stands at a figure ("had reached 114", "exceeded 100").
_GROWTH_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|jumped|mounted|raising|raised"
    r"|bringing|brought|now|new|updated|final|later)\b"
)


@lru_cache(maxsize=4096)
def _speaker(low: str) -> frozenset[str]:
    """The words naming who a sentence says its figure comes from (empty when it names
    no one), with one speaker's usual names made one."""
    m = _SPEAKER_RE.search(low)
    if m is None:
        return frozenset()
    words = (m.group("a") or m.group("b") or "").split()
    return frozenset(
        _SPEAKER_SAME.get(w, w) for w in words if w not in _SPEAKER_STOP and not w.isdigit()
    )


def _other_speaker(host: _Draft, d: _Draft) -> bool:
    """Whether a toll that merely stands at a figure ("Activists said the death toll had
    reached 114") comes from another speaker than the count before it ("U.N. monitors
    counted more than 90 bodies, the head of the mission said"): a rival figure for the
    same dead, not an update of it."""
    low, at, end = d.extra.get("low") or "", d.extra.get("at"), d.extra.get("at_end")
    if at is None or end is None or _GROWTH_RE.search(low, at, end) is not None:
        return False
    mine, theirs = _speaker(low), _speaker(host.extra.get("low") or "")
    return bool(mine) and bool(theirs) and not (mine & theirs)


#: An item of a list naming dead counted before: "the two journalists", "the man".
_BACKREF_ITEM = (
    rf"the\s+(?:(?P<num>{COUNT_PATTERN})\s+[a-z]|(?P<one>man|woman|boy|girl|child|baby)\b)"
)
_BACKREF_HEAD = r"(?:including|among\s+them|among\s+whom|of\s+whom)\s+"
#: A count that takes in dead counted before: "24 were killed, including the two
#: journalists", "48 died, among them the 16 security personnel"; also a later item of the
#: list: "including 19 Druze fighters, the 12 security personnel and 12 civilians".
_BACKREF_RE = re.compile(
    rf"\b{_BACKREF_HEAD}(?:[^.;:]{{0,60}}?(?:,|\band)\s+)?{_BACKREF_ITEM}", re.I
)
#: The list's first item, when it is one: "including the two in X and the man in Y".
_BACKREF_FIRST_RE = re.compile(_BACKREF_HEAD + _BACKREF_ITEM, re.I)
#: A further item of such a list: "..., and the man in Qamishli".
_BACKREF_MORE_RE = re.compile(
    rf"[^,.;:]{{0,40}}?(?:,\s*(?:and\s+)?|\s+and\s+){_BACKREF_ITEM}", re.I
)


def _item_count(m: re.Match[str]) -> Count | None:
    return Count(1, 1, 1) if m.group("one") else parse_count(m.group("num"))


def _backref_parts(low: str) -> list[Count]:
    """The counts told before that a count names as its parts ("including the two in
    Misharafa and the man in Qamishli": 2 and 1)."""
    out = []
    for m in _BACKREF_RE.finditer(low):
        m = _BACKREF_FIRST_RE.match(low, m.start()) or m
        items = [m]
        for _ in range(6):
            nxt = _BACKREF_MORE_RE.match(low, items[-1].end())
            if nxt is None:
                break
            items.append(nxt)
        out.extend(c for c in map(_item_count, items) if c is not None)
    return out


def _mark_named_parts(drafts: list[_Draft]) -> None:
    """A count told earlier and named again as a part of a larger one ("... killing two
    journalists. At least 24 were killed in Baba Amr, including the two journalists.") is a
    part of the larger count, so that no total counts its dead twice."""
    for n, d in enumerate(drafts):
        if d.drop or d.killed is None or d.killed.best is None or d.cumulative:
            continue
        low = d.extra.get("low") or ""
        if "the " not in low:
            continue
        for part in _backref_parts(low):
            if part.best is None or part.best >= d.killed.best:
                continue
            for host in reversed(drafts[:n]):
                if d.sent - host.sent > _PLAIN_REACH:
                    break
                if host.drop or host.sent == d.sent or host.killed is None or host.cumulative:
                    continue
                if host.killed.best == part.best and "part_of_host" not in host.extra:
                    host.extra["part_of_host"] = d
                    break


def _merge_other_estimates(drafts: list[_Draft]) -> None:
    """Another source's figure for the dead just counted, in a later sentence, widens that
    count's range instead of adding deaths: with no place and no event of its own ("...
    killed at least 82 people. The committees said more than 100 were killed."), or with
    them when the figures are of a size and the place agrees (:func:`_restates`). The
    plain figures are merged first, so that a breakdown is seen without them."""
    _mark_running_beside(drafts)
    for plain_pass in (True, False):
        _merge_estimates_pass(drafts, plain_only=plain_pass)
    _merge_rival_accounts(drafts)


#: A monitor's next entry, another death: "SNHR also documented the death of a detainee".
_ALSO_DOCUMENTED_RE = re.compile(r"\balso\s+(?:documented|recorded)\s+the\s+(?:death|killing)")


def _next_entry(low: str) -> bool:
    """Whether a sentence is a monitor's next entry (:data:`_ALSO_DOCUMENTED_RE`): more dead,
    neither another figure for the dead before nor them told again."""
    return "also" in low and _ALSO_DOCUMENTED_RE.search(low) is not None


#: A count told in the present perfect: "have been killed", "has died".
_PERFECT_KILLED_RE = re.compile(r"\b(?:have|has)\s+(?:been\s+)?(?:killed|died|slain)\b")


def _mark_running_beside(drafts: list[_Draft]) -> None:
    """A source's bare figure in the present perfect, right after a running toll ("Rights
    groups say more than 1,000 civilians have been killed since the uprising began ... The
    government says more than 120 soldiers and police have been killed"), is a running toll
    of the same period, not an event."""
    for n, d in enumerate(drafts):
        if n == 0 or d.drop or d.cumulative or d.killed is None or d.has_event_cue:
            continue
        if not d.extra.get("other_estimate") or (d.place is not None and not d.extra.get(
                "inherited")):
            continue
        prev = next((h for h in reversed(drafts[:n]) if not h.drop and h.killed is not None),
                    None)
        if prev is None or not prev.cumulative or d.sent - prev.sent > 1:
            continue
        if _PERFECT_KILLED_RE.search(d.extra.get("low") or ""):
            d.cumulative = True


#: A source's account of the same event that it says differs: "State media gave a different
#: account, saying ... three soldiers were killed".
_RIVAL_ACCOUNT_RE = re.compile(
    r"\b(?:different|conflicting|contradictory|contrasting)\s+(?:account|version|narrative"
    r"|picture|story)\b"
    # "Opposition activists gave a higher toll, saying at least 114 people died"
    r"|\b(?:gave|give|gives|giving|put|puts|putting|reported|cited|had|offered)\s+(?:a|an)\s+"
    r"(?:much\s+|far\s+|slightly\s+|significantly\s+)?(?:higher|lower|different|smaller"
    r"|larger|bigger|conflicting)\s+(?:death\s+)?(?:toll|figure|count|number|estimate|tally)\b"
    # the attackers' own figure: "IS claimed the attack, saying it had killed 12"
    r"|\bclaimed\s+(?:responsibility\s+for\s+)?the\s+(?:attack|bombing|strike|ambush"
    r"|assault|raid)\b[^.;]*\bsaying\b"
    # the other side's account: "State television accused terrorists of committing the
    # massacre and said nine people had been killed"
    r"|\b(?:accused|accusing|blamed|blaming)\b[^.;]{0,80}?\b(?:of|for)\s+(?:committing\s+"
    r"|carrying\s+out\s+|perpetrating\s+)?(?:the\s+|a\s+[\"\u201c]?)(?:massacre|attack|killings|bombing|strike"
    r"|explosion|blast|shelling)\b"
    # another source's figure for the event just told: "The Syrian National Coalition said
    # the strikes had killed more than 120 people"
    r"|\bsaid\s+(?:that\s+)?the\s+(?:air\s*)?(?:strikes?|raids?|attacks?|bombings?|shelling"
    r"|massacre|explosions?|blasts?)\s+(?:had\s+|have\s+|has\s+)?(?:killed|left)\b"
    # an unconfirmed claim about the event just told: "ISIS-linked media claimed 'more than
    # ten' civilians had died in the strike"
    r"|\bclaimed\b[^.;]{0,60}?\b(?:died|killed)\s+in\s+the\s+(?:air\s*)?(?:strike|raid|attack"
    r"|bombing|shelling|massacre|explosion|blast)\b"
)


#: Words one of which every match of ``_RIVAL_ACCOUNT_RE`` holds (a cheap test first).
_RIVAL_ACCOUNT_WORDS = (
    "account", "version", "narrative", "picture", "story", "claimed", "accus", "blam",
    "higher", "lower", "different", "smaller", "larger", "bigger", "conflicting", "said the",
)
_RIVAL_HINT_RE = re.compile(_trie_pattern(list(_RIVAL_ACCOUNT_WORDS)))


def _rival_account_told(low: str) -> bool:
    """Whether a sentence tells another source's differing account of an event
    (:data:`_RIVAL_ACCOUNT_RE`)."""
    return _RIVAL_HINT_RE.search(low) is not None and _RIVAL_ACCOUNT_RE.search(low) is not None


def _merge_rival_accounts(drafts: list[_Draft]) -> None:
    """A count told in another source's differing account of the event just counted is that
    event's, not more dead: it widens the count when the figures are of a size, and else is
    kept in the incident's text only (a 3 against a 200 is no range of one toll)."""
    for n, d in enumerate(drafts):
        low = d.extra.get("low") or ""
        if d.drop or d.killed is None or not _rival_account_told(low):
            continue
        for host in reversed(drafts[:n]):
            if host.drop or host.killed is None or host.event_only or host.sent == d.sent:
                continue
            if d.sent - host.sent > 3 or host.cumulative or host.killed.best is None:
                break
            if _close_figures(host.killed, d.killed, small=True):
                host.killed = _widened(host.killed, d.killed)
            host.end = max(host.end, d.end)
            d.drop = True
            break


def _better_told(a: _PlaceCand | None, b: _PlaceCand | None) -> bool:
    """Whether ``a`` names the same place as ``b`` with more to go on (the town it is
    beside, the area it is in) that ``b`` lacks."""
    return (
        a is not None
        and b is not None
        and a.ref.name.lower() == b.ref.name.lower()
        and bool(a.ref.near_to or a.ref.within)
        and not (b.ref.near_to or b.ref.within)
    )


def _merge_estimates_pass(drafts: list[_Draft], *, plain_only: bool) -> None:
    for n, d in enumerate(drafts):
        if d.drop or not d.extra.get("other_estimate") or d.killed is None or d.cumulative:
            continue  # a running toll is no other figure for one event
        plain = not d.has_event_cue and (
            d.place is None or d.extra.get("inherited") or d.linked or d.place.origin
        )
        if plain_only and not plain:
            continue
        low = d.extra.get("low") or ""
        if plain and "elsewhere" in low:
            continue  # "At least 19 people were killed elsewhere in the country": more dead
        if plain and _next_entry(low):
            continue  # "SNHR also documented the death of a detainee"
        bound = d.killed.low is None and d.killed.high is not None
        rival = _RIVAL_SOURCE_RE.search(low) is not None
        for host in reversed(drafts[:n]):
            if host.drop or host.event_only or host.killed is None:
                continue
            if host.extra.get("subset") and host.sent != d.sent:
                continue  # "the dead included 14 children": a part, no figure of its own
            if _other_victims(host, d):
                continue  # "six soldiers" ... "nine civilians": not a figure for the same dead
            if host.sent == d.sent:
                if (
                    (bound or (rival and _close_figures(host.killed, d.killed)))
                    and host.killed.best is not None
                    and not host.cumulative
                    and (d.place is None or _same_place(host, d))
                ):
                    # "At least 38 were killed; some sources reported up to 49 deaths."
                    host.killed = _widened(host.killed, d.killed)
                    d.drop = True
                    break
                continue
            if host.killed.best is None and d.sent - host.sent <= 3:
                continue  # "more bodies were found": no figure to compare
            # a source's bare figure ("The health directorate said 100 had died") tells of
            # no event of its own: it is a figure for one told before, however far back
            reach = _PLAIN_REACH if plain else _reach(host, d)
            if d.sent - host.sent > reach or host.cumulative or host.killed.best is None:
                break
            if not plain and (
                not _restates(host, d)
                or _adds_up_to(drafts, host, n)
                or any(o is not d and o.sent == d.sent and o.killed for o in drafts)
            ):
                break  # two counts in one sentence: parts ("48 in Tartous ..., 100 in Jableh")
            if plain and not _close_figures(host.killed, d.killed):
                # "Car bombs killed 34 in Aleppo, as a mortar killed five in Turkey. ... The
                # Observatory said 48 were killed": the figure is for the count of its size
                # told in the same sentence as the nearest one
                host = next(
                    (o for o in drafts[:n] if o.sent == host.sent and not o.drop
                     and not o.event_only and not o.cumulative and o.killed is not None
                     and _close_figures(o.killed, d.killed)),
                    host,
                )
            host.killed = _widened(host.killed, d.killed)
            if d.place is not None and _coarse_place(host) and not d.place.building:
                # "an attack near Damascus" ... "the attack on Douma"; the coarser place
                # stays behind it, should the finer name be one the gazetteer lacks (a
                # building's name, "died at al-Quds hospital", is not the finer place).
                host.place = _finer(d.place, host.place)
            elif _better_told(d.place, host.place):
                # the headline's "Bayda" told again as "Bayda near the city of Banias"
                host.place = d.place
            elif _part_of_town(host, d):
                # "in Damascus" ... "the strike on the building in the Mezzeh district"
                host.place, host.location = d.place, d.location
            host.end = max(host.end, d.end)
            d.drop = True
            break


_ARMED = frozenset({"troops", "fighters"})
_UNARMED = frozenset({"civilians", "children", "women", "rescuers"})


#: The count's own noun says civilians ("nine civilians", "a single civilian"), not
#: "people", which the victim classes also file under civilians.
_CIVILIANS_SAID_RE = re.compile(
    r"[\w-]+(?:\s+[\w-]+){0,3}?\s+(?:civilians?|child(?:ren)?|wom[ae]n)\b"
)


def _other_victims(a: _Draft, b: _Draft) -> bool:
    """Whether two counts are of different people: soldiers or fighters in one, civilians
    said in so many words in the other."""
    va, vb = set(a.victims), set(b.victims)
    if not va or not vb:
        return False
    if va <= _ARMED and vb <= _UNARMED:
        return _says_civilians(b)
    if va <= _UNARMED and vb <= _ARMED:
        return _says_civilians(a)
    return False


def _says_civilians(d: _Draft) -> bool:
    at = d.extra.get("at")
    low = d.extra.get("low") or ""
    return at is not None and _CIVILIANS_SAID_RE.match(low, at) is not None


def _updates_unplaced(drafts: list[_Draft], n: int) -> bool:
    """Whether the toll ``drafts[n]``, told with a place, is a figure for the count just
    before it that names no precise place ("The death toll from an attack on a town in
    northern Syria rose to 72" ... "the Observatory, which had given a toll of 58 ..., said
    ... in Khan Sheikhoun"): the nearest earlier count, within two sentences, of the size."""
    d = drafts[n]
    for host in reversed(drafts[:n]):
        if host.drop or host.event_only or host.killed is None or host.sent == d.sent:
            continue
        return (
            not host.cumulative
            and d.sent - host.sent <= 2
            # or another source's figure told right after the count ("The Observatory put
            # the toll at 74, ... when a bomb struck buses near the Bab al-Saghir cemetery")
            and (_coarse_place(host) or (d.extra.get("rise") is False
                                         and d.sent - host.sent == 1))
            and d.killed is not None
            # a rise may be small: "seven killed" ... "the toll in Arbin has risen to 11"
            and _close_figures(host.killed, d.killed, small=bool(d.extra.get("rise")))
        )
    return False


#: How many sentences back a risen toll of a place may update that place's count.
_SAME_PLACE_RISE_REACH = 8


def _merge_toll_updates(drafts: list[_Draft]) -> None:
    """ "The death toll rose to 20" with no place of its own updates the incident before it."""
    for n, d in enumerate(drafts):
        if d.drop or not d.extra.get("toll") or d.cumulative or d.killed is None:
            continue
        if _field_sums_parts(drafts, n):
            continue  # "killing 14 ... Three of the gunmen were also killed. Fatalities: 17"
        low = d.extra.get("low") or ""
        if "the " in low and len(_backref_parts(low)) >= 2:
            # "has risen to eight, including the two in Misharafa and the man in Qamishli":
            # a toll over several counts told before, which are its parts
            continue
        # A place taken from the sentence before ("... in X. The Observatory put the toll at
        # 20") is not the toll's own.
        own_place = _own_place(d)
        figure_for = own_place and _updates_unplaced(drafts, n)
        if own_place and d.extra.get("rise") and not figure_for:
            # a liveblog's update: "13:16 - ... Seven people killed in Arbin ... 15:58 - The
            # toll in Arbin has risen to 11": the count told of the same place before
            same = next(
                (h for h in reversed(drafts[:n])
                 if not h.drop and not h.cumulative and not h.event_only
                 and h.killed is not None and h.killed.best is not None
                 and d.sent - h.sent <= _SAME_PLACE_RISE_REACH and _same_place(d, h)),
                None,
            )
            if same is not None and _fold_figure(same, d, rival=_other_speaker(same, d)):
                same.end = max(same.end, d.end)
                d.drop = True
                continue
        if own_place and d.sent != drafts[max(0, n - 1)].sent and not figure_for:
            continue
        # "By evening, the Observatory had raised its toll to 72": a rise told in words
        # updates a count told before, not an event told between them with no count
        # ... and so does another source's figure ("The Observatory gave a higher toll of 11
        # dead"): either is for the count told before, not for an event told between them
        raised = (
            d.extra.get("rise") is False
            or (
                ":" not in d.extra.get("low", ":")
                and _RISE_RE.search(d.extra.get("low", "")) is not None
            )
        ) and any(
            not h.drop and not h.cumulative and not h.event_only and h.killed is not None
            and d.sent - h.sent <= 4
            for h in drafts[:n]
        )
        # a source's bare figure with no event or place of its own ("The Observatory put
        # the death toll at 46") is for the count told before, up to 8 sentences back
        # ... and so is a rise told so ("The White Helmets have raised their toll to 48")
        bare = d.extra.get("rise") is not None and not own_place and not d.has_event_cue
        reach = _PLAIN_REACH if bare else 4
        for host in reversed(drafts[:n]):
            if host.drop or host.cumulative:
                continue
            if host.event_only and raised:
                continue
            if host.event_only and not own_place and d.sent - host.sent <= 2:
                # "Clashes near Morek. Deaths: 12": the toll of the event told just before.
                host.killed, host.event_only = d.killed, False
                host.end = max(host.end, d.end)
                d.drop = True
                break
            if host.event_only or host.killed is None:
                continue
            if d.sent - host.sent > reach:
                break
            if own_place and host.place is not None and not _same_place(d, host) and not figure_for:
                break
            # "The Observatory gave a toll of 7": another figure, not a rise; so is "...,
            # while the committees put the toll at 50" in the same sentence.
            _fold_figure(host, d, rival=(d.extra.get("rise") is False and (
                d.sent != host.sent or _RIVAL_SOURCE_RE.search(d.extra.get("low") or "")
            )) or (d.sent != host.sent and _other_speaker(host, d)))
            if host.place is None and d.place is not None and not d.place.origin:
                # "two more died, raising the toll of the X massacre"; or a figure placed by
                # the event sentence before it ("... killed 58. The Observatory said the
                # attack on X ... The health directorate gave a higher toll of 100")
                host.place = d.place
            host.end = max(host.end, d.end)
            d.drop = True
            break


def _fold_figure(host: _Draft, d: _Draft, *, rival: bool) -> bool:
    """Take the toll of ``d`` into ``host``: another source's figure (``rival``) widens it,
    a rise as large or larger replaces it (the old figure is kept as told). False when
    ``d`` does neither."""
    if rival:
        host.killed = _widened(host.killed, d.killed)  # type: ignore[arg-type]
    elif (d.killed.best or 0) >= (host.killed.best or 0):  # type: ignore[union-attr]
        _told(host).add(host.killed.best)  # type: ignore[union-attr]
        host.killed = d.killed
    else:
        return False
    return True


def _field_sums_parts(drafts: list[_Draft], n: int) -> bool:
    """Whether ``drafts[n]`` is an event note's field ("Fatalities: 17") that adds up two or
    more counts told just before it ("killing 14 ... Three of the gunmen were also killed"):
    their total, not an update of the last of them."""
    d = drafts[n]
    low, at, end = d.extra.get("low") or "", d.extra.get("at"), d.extra.get("at_end")
    if at is None or end is None or ":" not in low[at:end] or d.killed.best is None:  # type: ignore[union-attr]
        return False
    run_sum, count = 0, 0
    for h in reversed(drafts[:n]):
        if h.drop or h.event_only:
            continue
        if h.killed is None or h.killed.best is None or h.cumulative or d.sent - h.sent > 4:
            break
        run_sum += h.killed.best
        count += 1
        if run_sum >= d.killed.best:  # type: ignore[union-attr]
            break
    return count >= 2 and run_sum == d.killed.best  # type: ignore[union-attr]


def _vague_then_precise(vague: Count, precise: Count) -> bool:
    """A vague count ("scores", "dozens") that a number of the same event makes precise:
    within what the word can mean ("a dozen" is not 99; "scores" may be 136)."""
    if not (vague.vague and not precise.vague and vague.low and precise.best is not None):
        return False
    upper = vague.low * (5 if vague.low >= 24 else 1.3)
    return vague.low <= precise.best <= upper


def _own_place(d: _Draft) -> bool:
    """Whether a draft names a place of its own, not one taken from the sentence before."""
    return d.place is not None and not d.extra.get("inherited") and not d.linked


def _same_place(a: _Draft, b: _Draft) -> bool:
    """Whether two drafts name one place: the same name, or, once places are resolved, two
    names of one town ("Palmyra" and "Tadmur", "Deir ez-Zor" and "Deir al-Zour")."""
    if a.place is None or b.place is None:
        return False
    if _norm(a.place.ref.name) == _norm(b.place.ref.name):
        return True
    la, lb = a.location, b.location
    return (
        la is not None
        and lb is not None
        and la.place_id is not None
        and la.place_id == lb.place_id
        and la.precision <= 2
    )


@lru_cache(maxsize=65536)
def _norm(name: str) -> str:
    return _NON_LETTERS_RE.sub("", name.lower())


def _merge_injured(drafts: list[_Draft], infos: list[_SentInfo]) -> None:
    """An injured-only draft joins the incident just before it with the same (or no) place."""
    for n, d in enumerate(drafts):
        if d.drop or d.killed is not None or d.injured is None or d.event_only:
            continue
        for host in reversed(drafts[:n]):
            if host.drop or host.event_only or host.killed is None:
                continue
            if d.sent - host.sent > 4:
                break
            if host.injured is not None or host.cumulative != d.cumulative:
                continue
            if _same_place(d, host) or (
                d.place is None and not infos[d.sent].events and d.sent - host.sent <= 4
            ):
                host.injured = d.injured
                host.end = max(host.end, d.end)
                d.drop = True
                break


def _inherit_cumulative_place(drafts: list[_Draft]) -> None:
    """A running toll with no place (or only a place the dead came from or the attackers
    went to) is the toll of the area the article was about."""
    for n, d in enumerate(drafts):
        if not d.cumulative or d.drop or (d.place is not None and not d.place.origin):
            continue
        earlier = [h for h in drafts[:n] if not h.drop and h.place is not None and not h.cumulative]
        if not earlier:
            continue
        # The story's main event: the one with most dead (the latest among equals).
        main = max(
            enumerate(earlier),
            key=lambda e: ((e[1].killed.best or 0) if e[1].killed else 0, e[0]),
        )[1]
        d.place = main.place


#: How many sentences after a total its breakdown may run.
_BREAKDOWN_REACH = 8


def _told(d: _Draft) -> set[int | None]:
    """The earlier counts of dead of a draft whose toll was updated ("rose to 27")."""
    return d.extra.setdefault("told", set())


#: A count over the whole country: "killing 136 people across the country"; "documented the
#: killing of 182 civilians in Syria in February" (not "in Syria's Idlib").
_NATIONWIDE_RE = re.compile(
    r"\b(?:across|throughout|around|all\s+over)\s+(?:the\s+country|syria)\b|\bnationwide\b"
    r"|\bin\s+syria\b(?!['\u2019])"
)
