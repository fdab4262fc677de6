"""What one sentence says besides its counts: event cues, actors, targets and places named.

:func:`_events`, :func:`_actors` and :func:`_targets` find the event words, who acted and
what was hit; :func:`_places` finds the place candidates (:class:`_PlaceCand`: "in the town
of X", "in X province", "on X", a headline's "X:"), and :func:`_pick_place` chooses the one
of a part of the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lexicon as lx
from ._tokens import _lower, _scan, _Toks, _trie_pattern
from .mentions import _DEMONYMS, _bracket_governorate, _lacks
from .resolve import CITY_GOVERNORATES, PlaceRef

_COUNTRY_WORDS = frozenset({"syria", "the country", "syrian arab republic"})

_LEAD_RE = re.compile(r"\s*(?:[A-Z][A-Z ,.]+\([A-Za-z]+\)\s*[-—–]\s*)?(?:The\s+)?")
_POSSESSIVE_RE = re.compile(r"^.*(?:[’'‘]s|s[’'‘])\s+")
_POSSESSOR_RE = re.compile(r"^(.+?(?:(?=[’'‘]s\s)|s(?=[’'‘]\s)))[’'‘]s?\s+\S")
#: "the outskirts of X", "the towns of X, Y and Z": around X, not at X (precision 2).
_AREA_PLURALS = frozenset(
    (
        "outskirts suburbs suburb towns villages cities neighbourhoods neighborhoods camps areas"
        " districts part parts sector sectors side half heart centre center"
    ).split()
)
#: Feature words before "of X" naming parts of X, whatever kind of place X is.
_PART_OF_WORDS = frozenset({"districts", "areas"})
_THEN_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
#: Feature words after a name that set it inside the city named after "of": "the Rumaniyah
#: neighbourhood of Raqqa", "the Houla area of Homs province".
_INSIDE_OF_WORDS = frozenset(
    "neighbourhood neighborhood quarter suburb suburbs camp area square".split()
)
#: A name right before a bracket ("Tell Abiad (Ar-Raqqa)", "Ithriyah (Salamiyeh, Hama)").
_BRACKETED_RE = re.compile(rf"(?<![\w-])(?P<name>{lx.CAPSPAN})\s*\((?P<bracket>[^()\n]{{2,30}})\)")
#: "Idlib: airstrikes kill 12": a headline that opens with the place.
_HEADLINE_PLACE_RE = re.compile(rf"(?:[^:|.\n]{{0,40}}?\s)??(?P<name>{lx.CAPSPAN})\s?[:|]\s")
#: "Kafr Nabl came under heavy shelling", "Douma was hit by air strikes": a subject place.
_SUBJECT_PLACE_RE = re.compile(
    rf"(?P<name>{lx.CAPSPAN})\s+(?:came\s+under|(?:was|were|has\s+been|have\s+been|is|are)"
    r"\s+(?:again\s+|also\s+|heavily\s+|repeatedly\s+)?(?:hit|shelled|bombed|struck|targeted"
    r"|attacked|pounded|raided|stormed|besieged|captured|overrun|bombarded|under\s+attack))\b"
)
#: "Douma market strike kills 40": a headline whose event is named by its place.
_HEADLINE_EVENT_RE = re.compile(
    rf"(?:[^:.\n]{{0,40}}?:\s+)??(?!(?:Air|Drone|Car|Suicide|Chemical|Gas|Deadly|Fresh|New"
    r"|Heavy|Rocket|Missile|Mortar|Regime|Government|Rebel|Coalition)\b)"
    rf"(?P<name>{lx.CAPSPAN})\s+(?:(?:market|hospital|school|bakery|mosque|camp|prison"
    r"|checkpoint|convoy|church|square)\s+)?(?:air\s*strikes?|airstrikes?|strikes?"
    r"|attacks?|bombings?|blasts?|explosions?|shelling|raids?|massacre|car\s+bomb)\b"
)
#: "the toll of the Saraqib massacre", "the Khan Sheikhoun chemical attack", "toll from Azaz
#: truck bombing": an event named by its place.
_NAMED_EVENT_RE = re.compile(
    rf"\b(?:[Tt]he|[Ff]rom)\s+(?P<name>{lx.CAPSPAN})\s+(?:(?:car|truck|suicide|twin|bomb)\s+)?"
    r"(?:massacre|bombing|(?:chemical\s+|gas\s+)?attack"
    r"|car\s+bomb(?:ing)?|explosion|blast|air\s*strikes?|airstrikes?|shelling)\b"
)
_AND_BEFORE_RE = re.compile(r"\b(?:and|or|&)\s+(?:the\s+)?$", re.I)
#: "the Old City of Damascus": the enclosing place, tried when the first name fails.
_OF_NAME_RE = re.compile(
    # "Phase 5 of Al Hol camp", "Sector 4 of the Yarmouk camp": a numbered part of a place
    rf"(?:\s+(?:No\.\s*)?\d+[A-Za-z]?)?\s+of\s+(?:the\s+)?(?P<name>{lx.CAPSPAN})"
)
_COMMA_NAME_RE = re.compile(
    # "in Umayyad Square, central Damascus": the area after the comma may be a part of it
    r",\s+(?:(?:central|northern|southern|eastern|western|north|south|east|west)(?:ern)?\s+)?"
    rf"(?P<name>{lx.CAPSPAN})(?=\s*(?:[.;:,]|$|province|governorate))"
)
_ROCKET_RE = re.compile(r"rocket|missile")
#: "in al-Hol (Al-Hasakeh)": a governorate in brackets after a place (event-note style).
_PAREN_NAME_RE = re.compile(r"\s*\(([^()\n]{2,30})\)")

#: A place the text sets in the capital by a possessive: "the capital's Midan district".
_CAPITALS_RE = re.compile(r"\bcapital[’'‘]s\s+$", re.I)
#: The Syrian capital named by its role: "in the Syrian capital", "on the outskirts of Syria's
#: capital".
_CAPITAL_RE = re.compile(
    r"\b(?:(?P<dir>(?:south|north|east|west)(?:-?(?:east|west))?|(?:south|north)(?:east|west)"
    r")\s+of\s+"
    r"|(?P<prep>in|on|at|of|across|into|around|near|outside|inside|hit|struck|rocked)\s+"
    r"(?P<part>(?:the\s+)?(?:outskirts|centre|center|heart)\s+of\s+)?)"
    r"(?P<name>the\s+Syrian\s+capital|Syria[’']s\s+capital"
    # "fell near the Dama Rose hotel in the capital": in a report on Syria, Damascus
    r"|(?<=in\s|at\s)the\s+capital(?!\s+of\b|['’]|\s+[A-Z]))\b"
)
_BESIDE_PREPS = frozenset({"near", "outside", "around"})
#: Cheap first test (literal words, one prefix-factored scan) before ``_EARLIER_EVENT_RE``.
_EARLIER_HINT_RE = re.compile(
    _trie_pattern(["retaliation", "revenge", "response to", "avenge", "after"])
)

#: A clause about an earlier event, whose places are not this event's.
_REPRISAL = r"in\s+retaliation\s+for|in\s+revenge\s+for|to\s+avenge"
_EARLIER_EVENT_RE = re.compile(
    rf"\b(?:{_REPRISAL}|in\s+response\s+to|(?:days|weeks|a\s+day|a\s+week)\s+after)\b"
)

#: Words before an actor's name that make it the one hit, not the one acting.
_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:struck|strikes?\s+on|hit|hitting|targeted|targeting|attacked|attacking|against"
    r"|on|at|shelled|shelling|bombed|bombing|of|ambushed|with)"
    r"\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
_LEAD_STOP_RE = re.compile(
    r"^(?:(?:In|On|At|The|A|An|And|But|Near|Outside|From|Into|After|Before|During|When|While"
    r"|As|Since|Meanwhile|Also|Then|Earlier|Later|Elsewhere)\s+)+"
)

_PARTICLES = frozenset(
    "al el ad ar as ash at az an ed er es ez en et bin ibn um umm abu bani beni wa".split()
)


@dataclass(slots=True)
class _PlaceCand:
    ref: PlaceRef
    start: int
    end: int
    level: str | None  # feature hint
    country: bool = False
    foreign: bool = False
    #: Where the attackers were, not where it happened ("militants positioned in X fired").
    origin: bool = False
    #: Other places of the same part of the sentence, tried in order when this one fails.
    alts: tuple[_PlaceCand, ...] = ()
    #: The name of a building ("at al-Quds hospital"), which may be no town's name.
    building: bool = False


def _events(masked: str, toks: _Toks) -> list[tuple[str, int, int, bool, str]]:
    out = []
    for m in _scan(lx.EVENT_RE, "event", toks, masked):
        idx = int(m.lastgroup[1:])  # type: ignore[index]
        etype, _, specific = lx.EVENT_CUES[idx]
        out.append((etype, m.start(), m.end(), specific, m.group().lower()))
    return out


def _event_for(events: list[tuple[str, int, int, bool, str]], pos: int, masked: str) -> str | None:
    if not events:
        return None
    pool = [e for e in events if e[3]] or events
    best = min(pool, key=lambda e: (abs(e[1] - pos), e[1] > pos))
    etype, cue = best[0], best[4]
    if (
        (etype == "bombing" and cue.startswith("bomb"))
        or (etype in ("shelling", "missile") and _ROCKET_RE.match(cue))
    ) and lx.AIR_PLATFORM_RE.search(masked):
        return "airstrike"
    return etype


_Actor = tuple[str, int, str]  # (name, offset, role: "agent", "object" or "speaker")


def _actors(masked: str, toks: _Toks, exclude: list[tuple[int, int]]) -> list[_Actor]:
    """Actors named in a sentence, with their role: who acted, who was hit, who spoke."""
    out: list[_Actor] = []
    for m in _scan(lx.ACTOR_RE, "actor", toks, masked):
        if any(s <= m.start() < e for s, e in exclude):
            continue
        name = lx.ACTORS[int(m.lastgroup[1:])][0]  # type: ignore[index]
        role = "agent"
        if lx.SPEAKER_AFTER_RE.match(masked, m.end()):
            role = "speaker"
        elif _OBJECT_BEFORE_RE.search(masked, max(0, m.start() - 32), m.start()):
            role = "object"
        elif _AND_BEFORE_RE.search(masked, max(0, m.start() - 12), m.start()):
            role = "co-agent"
        out.append((name, m.start(), role))
    return out


def _actor_for(actors: list[_Actor], pos: int) -> str | None:
    """The actor of the verb at ``pos``: the nearest agent before it, else after it."""
    agents = [a for a in actors if a[2] == "agent"] or [a for a in actors if a[2] == "co-agent"]
    before = [a for a in agents if a[1] < pos]
    if before:
        return before[-1][0]
    after = [a for a in agents if a[1] >= pos]
    return after[0][0] if after else None


def _targets(masked: str, toks: _Toks) -> tuple[str, ...]:
    out: list[str] = []
    for m in _scan(lx.TARGET_RE, "target", toks, masked):
        name = lx.TARGETS[int(m.lastgroup[1:])][0]  # type: ignore[index]
        if name not in out:
            out.append(name)
    return tuple(out)


@lru_cache(maxsize=65536)
def _clean_name(name: str) -> tuple[str, str | None]:
    """Strip a possessive and a trailing feature word ("Idlib Province" -> Idlib, province)."""
    name = name.strip()
    if name.endswith(("’s", "'s", "‘s")):
        name = name[:-2]
    inner = _POSSESSIVE_RE.search(name)
    if inner is not None:  # "Syria's Azaz" -> "Azaz"
        name = name[inner.end() :]
    name = _LEAD_STOP_RE.sub("", name)
    name = name.rstrip("’'‘`-")
    words = name.split()
    feat = None
    while len(words) > 1 and words[-1].lower() in lx.FEATURE_HINTS:
        feat = words.pop().lower()
    return " ".join(words), feat


@lru_cache(maxsize=65536)
def _is_actor_name(name: str) -> bool:
    """True when the whole of ``name`` names an actor ("Hezbollah", "the Syrian army")."""
    return lx.ACTOR_RE.fullmatch(name) is not None


#: Languages a place's other name is given in ("known in Arabic as Tadmur").
_LANGUAGES = frozenset({"arabic", "english", "aramaic", "syriac", "hebrew", "persian", "farsi"})


def _not_a_place(masked: str, name: str, start: int, end: int, *, speaker_ok: bool = False) -> bool:
    low = name.lower()
    first = low.split()[0] if low else low
    if len(name) < 2 or low in lx.NOT_PLACES or first in lx.NOT_PLACES or first in _DEMONYMS:
        return True  # (one letter: the "U" of "U.S. forces")
    if first in _LANGUAGES:  # "the city known in Arabic as Tadmur": a name, not a place
        return True
    if _is_actor_name(name):
        return True
    if not speaker_ok and lx.SPEAKER_AFTER_RE.match(masked, end):
        return True
    if lx.SOURCE_AFTER_RE.match(masked, end):
        return True
    before = " ".join(masked[max(0, start - 40) : start].lower().split())
    if before.endswith(" the") or before == "the":
        before = before[:-4] if len(before) > 3 else ""
    elif before.endswith("capital"):  # "a briefing in the (Turkish) capital Ankara"
        before = _THE_CAPITAL_RE.sub("", before)
    if before.endswith(("hospital in", "hospitals in", "clinic in")):
        # "a passer-by was wounded and taken to the national hospital in Daraa": where the
        # wounded were treated, not where it happened
        wide = " ".join(masked[max(0, start - 100) : start].lower().split())
        if _TAKEN_TO_RE.search(wide):
            return True
    if before.endswith("meeting in"):
        # "a bomb tore through a security meeting in X": the meeting the attack struck
        wide = " ".join(masked[max(0, start - 140) : start].lower().split())
        return _STRUCK_MEETING_RE.search(wide) is None
    return before.endswith(lx.SOURCE_BEFORE)


#: "the capital" or "the Turkish capital" between a cue and a name.
_THE_CAPITAL_RE = re.compile(r"\s+the(?:\s+[\w'’-]+)?\s+capital$")


#: Where the wounded were taken: "taken to the national hospital in", "rushed to hospitals in".
_TAKEN_TO_RE = re.compile(
    r"\b(?:taken|rushed|transferred|transported|brought|evacuated|moved|admitted)\s+to\s+"
    r"(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,3}?(?:hospitals?|clinic)\s+in$"
)


#: A meeting that an attack struck ("a car bomb killed six during a meeting in X", "a bomb
#: tore through a security meeting in X"): where it happened, not a place of diplomacy.
_STRUCK_MEETING_RE = re.compile(
    r"\b(?:bomb\w*|blasts?|explosions?|attack\w*|strikes?|struck|raids?|killed|killing"
    r"|exploded|suicide)\b[^,;:]*?\b(?:through|at|on|during|targeting|targeted|hit|struck"
    r"|into)\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}meeting\s+in$"
)


@lru_cache(maxsize=1)
def _qualified_names() -> frozenset[str]:
    """The embedded gazetteer's names of places (not countries) that open with a demonym
    or a word of direction and go on with another word ("Arab Azzah", "Western Ghouta",
    "Eastern Maliha"), lowercased."""
    import gazetteer

    firsts = _DEMONYMS | _PART_WORDS_SET
    out = set()
    for p in gazetteer.load_default().places:
        if p.feature_code.startswith("PCL"):
            continue
        for n in (p.name, *p.aliases):
            words = n.lower().split()
            if len(words) > 1 and words[0] in firsts:
                out.add(" ".join(words))
    return frozenset(out)


def _demonym_led_name(masked: str, name: str, start: int, end: int, speaker_ok: bool) -> bool:
    """True for a name after a place cue that opens with a demonym ("in Arab Azzah",
    "near Western Zafarana") and that the embedded gazetteer holds as written: no place
    only because of its first word. Any other ("the Syrian Badia", "Turkish Army posts")
    stays no place."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in _DEMONYMS:
        return False
    if " ".join(name.lower().split()) not in _qualified_names():
        return False
    rest = " ".join(words[1:])
    return not _not_a_place(masked, rest, start, end, speaker_ok=speaker_ok)


def _of_city(masked: str, end: int, name: str) -> bool:
    """Whether the name after "of" at ``end`` is a city or governorate and ``name`` is not
    ("the Rumaniyah neighbourhood of Raqqa", not "the Damascus suburb of Douma")."""
    of = _OF_NAME_RE.match(masked, end)
    return (
        of is not None
        and _clean_name(of.group("name"))[0].lower() in lx.GOVERNORATE_NAMES
        and name.lower() not in lx.GOVERNORATE_NAMES
    )


def _make_cand(masked: str, m: re.Match[str], cue: str | None) -> _PlaceCand | None:
    raw = m.group("name")
    name, trailing = _clean_name(raw)
    start = m.start("name")
    end = start + len(raw)
    people_of = bool(cue) and cue.lower().startswith(
        ("residents", "people", "inhabitants", "villagers")
    )  # "residents of X said"
    demonym_led = False
    if _not_a_place(masked, name, start, end, speaker_ok=people_of):
        if not (cue and _demonym_led_name(masked, name, start, end, people_of)):
            return None
        demonym_led = True  # "in Arab Azzah": a place only if the gazetteer holds it so
    gd = m.groupdict()
    feat = gd.get("feat")
    feat2 = (gd.get("feat2") or trailing or "").lower() or None
    feat_word = " ".join((feat or feat2 or "").lower().split()) or None
    level = lx.FEATURE_HINTS.get(feat_word) if feat_word else None
    if feat_word in _PART_OF_WORDS:  # "districts of X": X is the city, not a district
        level = None
    # Modifiers of the name: after a feature word's "of" ("districts of eastern X"), or before
    # the name when no feature word comes between. Before a feature word they describe the
    # town, not a part of it ("the besieged northern town of X" is X itself).
    if feat:
        mods = (gd.get("mods2") or "").strip()
    else:
        mods = (gd.get("mods") or "").strip()
    last_mod = mods.split()[-1] if mods else ""
    if (
        last_mod[:1].isupper()
        and last_mod.lower() in _PART_WORDS_SET
        and f"{last_mod} {name}".lower() in _qualified_names()
    ):
        # "in Western Ghouta", "the village of Eastern Maliha": a name the gazetteer holds
        # whole, not a part of Ghouta or Maliha
        name = f"{last_mod} {name}"
        mods = mods[: mods.rfind(last_mod)]
    part_words = [w for w in mods.lower().split() if w in _PART_WORDS_SET]
    text = name
    if feat2:
        text = f"{name} {m.group('feat2') or trailing}" if gd.get("feat2") else f"{raw}".rstrip()
    if part_words:
        text = f"{' '.join(part_words)} {text}"
    near = (cue or "").lower() in lx.NEAR_CUES or (feat or "").lower() in lx.NEAR_FEATURES
    part = bool(part_words) or (feat or "").lower() in _AREA_PLURALS
    of = _OF_NAME_RE.match(masked, end)
    fallback = _clean_name(of.group("name"))[0] if of else None
    if of is not None and of.group(0).split()[0] != "of":
        text = masked[start:of.end()]  # "Phase 5 of Al Hol camp": the label alone says nothing
    within = None
    owner = _POSSESSOR_RE.match(raw.strip())
    if owner is not None:  # "Aleppo's Sheikh Maqsoud": inside Aleppo
        possessor = owner.group(1)
        if possessor.lower() not in _COUNTRY_WORDS and not _not_a_place(
            masked, possessor, start, start + len(possessor)
        ):
            within = possessor
    if within is None and _CAPITALS_RE.search(masked, max(0, start - 12), start):
        within = "Damascus"  # "in the capital's Midan district"
    paren = _PAREN_NAME_RE.match(masked, m.end())
    if paren is not None:
        within = _bracket_governorate(paren.group(1)) or within
    if within is None and fallback and fallback.lower() in lx.GOVERNORATE_NAMES:
        within = fallback  # "the Badia of Homs", "the countryside of Idlib"
    comma = _COMMA_NAME_RE.match(masked, m.end())
    if comma is not None:
        outer = _clean_name(comma.group("name"))[0]
        if outer.lower() in lx.GOVERNORATE_NAMES and outer.lower() != name.lower():
            within = outer
    if within is None and level in (None, "populated") and feat_word in _SUB_CITY_WORDS:
        # "the al-Wadi neighbourhood in Mhardeh city": a part of a town, inside that town.
        inside = _IN_NAME_RE.match(masked, m.end())
        if inside is not None:
            outer = _clean_name(inside.group("name"))[0]
            if outer.lower() not in _COUNTRY_WORDS and not _not_a_place(
                masked, outer, inside.start("name"), inside.end("name")
            ):
                within = outer
    rural = (
        feat_word in ("countryside", "suburbs", "suburb", "outskirts") or "rural" in mods.lower()
    )
    beside = _BESIDE_RE.match(masked, m.end())
    near_to = _clean_name(beside.group("name"))[0] if beside is not None else None
    if near_to and (
        near_to.lower() in _COUNTRY_WORDS
        or _not_a_place(masked, near_to, beside.start("name"), beside.end("name"))  # type: ignore[union-attr]
    ):
        near_to = None  # "near the Iraqi border", "near Syria's capital"
    # "northeast of Damascus", "outside Damascus": beside the place, not in it.
    outside = (cue or "").lower() in ("outside", "near") or (feat or "").lower() in _COMPASS_WORDS
    part = part or rural
    ref = PlaceRef(
        text=text,
        name=name,
        feature_hint=level,
        near=near,
        part=part,
        fallback=fallback,
        rural=rural,
        within=within,
        near_to=near_to,
        outside=outside,
    )
    if demonym_led:
        ref = replace(ref, exact=True)
    country = name.lower() in _COUNTRY_WORDS
    foreign = name.lower() in lx.FOREIGN_PLACES
    if (
        gd.get("feat2")
        and _THEN_OF_RE.match(masked, m.end())
        and not (feat2 in _INSIDE_OF_WORDS and _of_city(masked, m.end(), name))
    ):
        # "the Idlib town of Saraqib", "the Damascus suburb of Douma": Idlib, Damascus are the
        # area around the place that follows; but a part of a town before its city ("the
        # Rumaniyah neighbourhood of Raqqa", "the Houla area of Homs") is inside it.
        level = "admin1"
        ref = replace(ref, feature_hint=None, text=name)
    full_end = m.end()
    origin = (
        bool(cue)
        and not _lacks(masked[max(0, m.start() - 40) : m.start()], _ORIGIN_WORDS, end=True)
        and _ORIGIN_BEFORE_RE.search(masked, max(0, m.start() - 40), m.start())
    ) or (
        not _lacks(masked[max(0, m.start() - 50) : m.start()], _HOMETOWN_WORDS)
        and _HOMETOWN_BEFORE_RE.search(masked, max(0, m.start() - 50), m.start())
    ) or (
        # "mortar shells fired by terrorists in the eastern Ghouta fell on Bab Sharqi"
        bool(cue)
        and "fired by" in masked[max(0, m.start() - 50) : m.start()]
        and _FIRED_BY_RE.search(masked, max(0, m.start() - 50), m.start()) is not None
    )
    building = not feat2 and _BUILDING_AFTER_RE.match(masked, end) is not None
    return _PlaceCand(ref, start, full_end, level, country, foreign, bool(origin),
                      building=building)


#: "shells fired by terrorists in X": X is where the shooters were.
_FIRED_BY_RE = re.compile(r"\bfired\s+by\s+[^,.;]{1,40}?\s+$")


#: Building words that follow the building's own name ("al-Quds hospital").
_BUILDING_WORDS = (
    "hospital", "school", "mosque", "bakery", "clinic", "church", "university", "stadium",
    "hotel", "market",
)
#: A building word right after a name: "al-Quds hospital", "al-Rahma mosque".
_BUILDING_AFTER_RE = re.compile(rf"\s+(?:{'|'.join(_BUILDING_WORDS)})\b")
#: Buildings and sites named after their town ("Aleppo University", "Idlib Central Hospital").
_INSTITUTIONS = frozenset(
    "university hospital school college faculty stadium mosque church market souk square"
    " bakery roundabout bridge station citadel hotel bank court palace park museum".split()
)


_INSTITUTION_ADJECTIVES = frozenset({"national", "central", "general", "main", "grand"})


def _institution_town(name: str) -> str | None:
    """The town a building is named after, to place it when the gazetteer lacks the building:
    "Aleppo University" lies in Aleppo, "Daraa National Hospital" in Daraa."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in _INSTITUTIONS:
        return None
    words.pop()
    while len(words) > 1 and words[-1].lower() in _INSTITUTION_ADJECTIVES:
        words.pop()
    return " ".join(words)


#: "militants positioned in X", "forces stationed in X": X is where the attackers are.
#: Where the dead came from, not where they died: "The victims, from the village of X",
#: "who hailed from X", "natives of X", "originally from X".
_HOMETOWN_BEFORE_RE = re.compile(
    r"(?:\b(?:victims|dead|they|men|women|both|all)\s*,?\s+(?:all\s+|both\s+)?from|\bhail(?:ed|s|ing)?"
    r"\s+from|\bnatives?\s+of|\boriginally\s+from|\bwho\s+(?:came|come|were|was)\s+from)"
    r"\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:town|village|city|area)\s+of\s+)?$",
    re.I,
)
#: A word that every match of ``_HOMETOWN_BEFORE_RE`` / ``_ORIGIN_BEFORE_RE`` holds.
_HOMETOWN_WORDS = ("from", "native")
_ORIGIN_WORDS = tuple(  # the word before the whitespace that ends its match
    "positioned stationed based deployed entrenched up hiding present from positions fled"
    " fleeing escaped withdrew withdrawing retreated retreating fighting violence bombing"
    " bombardment shelling war clashes battle battles offensive airstrikes strikes".split()
)
#: What people fled, before the place they fled it in.
_FLED_WHAT = (
    "fighting", "violence", "bombing", "bombardment", "shelling", "war", "clashes", "battle",
    "battles", "offensive", "airstrikes", r"air\s+strikes",
)
_ORIGIN_BEFORE_RE = re.compile(
    r"\b(?:positioned|stationed|based|deployed|entrenched|holed\s+up|hiding|present"
    r"|launched\s+from|fired\s+from|from\s+(?:their\s+|its\s+|army\s+|regime\s+)?positions"
    # where the attackers went afterwards: "the attackers fled towards the desert of Homs"
    r"|fled|fleeing|escaped|withdrew|withdrawing|retreated|retreating"
    # where people came from: "2,000 people who fled fighting in Aleppo and Hama" (one
    # alternative per last word: a speed guard checks each ends with an _ORIGIN_WORDS word)
    + "".join(rf"|(?:fled|fleeing|escaped|escaping)\s+(?:the\s+)?{w}" for w in _FLED_WHAT)
    + r")\s+$",
    re.I,
)


_COMPASS_WORDS = frozenset(lx._COMPASS.split("|"))
#: "Bayda, a village near the coastal city of Baniyas", "al-Hisha, north of Raqqa city",
#: "al-Qubeir near Hama": the place the text sets this one beside.
_BESIDE_RE = re.compile(
    r",?\s+(?:(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?:village|town|city|hamlet|area|suburb|district)"
    rf"\s+)?(?:near|outside|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:{lx._COMPASS})"
    r"\s+of)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:city|town|village)\s+of\s+)?"
    rf"(?P<name>{lx.CAPSPAN})"
)
#: Feature words of the parts of a town ("the X neighbourhood in Y": X lies inside Y).
_SUB_CITY_WORDS = frozenset(
    "neighbourhood neighborhood district quarter camp suburb area square street".split()
)
_IN_NAME_RE = re.compile(
    r"\s+(?:in|of)\s+(?:the\s+)?(?:(?:heart|centre|center|middle)\s+of\s+(?:the\s+)?)?"
    rf"(?:(?:[a-z]+\s+)?(?:city|town|village)\s+of\s+)?(?P<name>{lx.CAPSPAN})"
)

_PART_WORDS_SET = frozenset(
    "northern southern eastern western central northwestern northeastern southwestern "
    "southeastern north-western north-eastern south-western south-eastern rural".split()
)


def _places(masked: str, toks: _Toks, low: str | None = None) -> list[_PlaceCand]:
    cands: list[_PlaceCand] = []

    def covered(s: int, e: int) -> bool:
        return any(s < c.end and c.start < e for c in cands)

    last = 0
    for pos in toks.cue_positions(masked):
        if pos < last:
            continue
        m = lx.PLACE_CUE_RE.match(masked, pos)
        if m is None:
            continue
        last = m.end()
        c = _make_cand(masked, m, m.group("cue"))
        if c is not None:
            cands.append(c)
    for m in _scan(lx.PLACE_OF_RE, "feat_before", toks, masked):
        if covered(m.start("name"), m.end()):
            continue
        c = _make_cand(masked, m, None)
        if c is not None:
            cands.append(c)
    if "Syria's" in masked or "Syria’s" in masked:
        for m in lx.SYRIAS_PLACE_RE.finditer(masked):
            if not covered(m.start("name"), m.end()):
                c = _make_cand(masked, m, None)
                if c is not None:
                    cands.append(c)
    items = toks.items
    for k in toks.idx.get("feat_after", ()):
        fpos, ftok = items[k]
        if ftok not in lx.FEATURE_AFTER_TRIGGERS or not k:
            continue
        for j in range(max(0, k - 5), k):
            pos, tok = items[j]
            if not (masked[pos].isupper() or tok in _PARTICLES):
                continue
            m = lx.PLACE_FEAT_RE.match(masked, pos)
            # the feature starts at the trigger word: "air" of "Hmeimim air base"
            if m is not None and m.start("feat2") == fpos:
                if not covered(m.start("name"), m.end()):
                    c = _make_cand(masked, m, None)
                    if c is not None:
                        cands.append(c)
                break
    if "he " in masked or "rom " in masked:
        for m in _NAMED_EVENT_RE.finditer(masked):
            if not covered(m.start("name"), m.end("name")):
                c = _make_cand(masked, m, None)
                if c is not None:
                    cands.append(c)
    lead = _lead_offset(masked)
    headline = not masked.rstrip().endswith((".", "!", "?", "”", '"', "’"))
    opening = masked[lead : lead + 90]
    for rx in (_HEADLINE_PLACE_RE, _SUBJECT_PLACE_RE, _HEADLINE_EVENT_RE):
        if rx is _HEADLINE_EVENT_RE and not headline:
            continue
        if rx is _HEADLINE_PLACE_RE and ":" not in opening and "|" not in opening:
            continue
        head = rx.match(masked, lead)
        if head is not None and not covered(head.start("name"), head.end("name")):
            c = _make_cand(masked, head, None)
            if c is not None:
                if rx is not _SUBJECT_PLACE_RE:  # a weak cue: the gazetteer must know it
                    c.ref = replace(c.ref, exact=True)
                cands.append(c)
    if "(" in masked:
        # "in the main market of Tell Abiad (Ar-Raqqa)", "on the road between Tall Kalakh and
        # Al-Hawash (Homs)": a name with its governorate in brackets is a place, cue or not
        for m in _BRACKETED_RE.finditer(masked):
            gov = _bracket_governorate(m.group("bracket"))
            if gov is None or covered(m.start("name"), m.end("name")):
                continue
            c = _make_cand(masked, m, None)
            name = m.group("name")
            if c is None and name.split()[0].lower() in _DEMONYMS and len(name.split()) > 1:
                # "near Arab Saeed (Jisr Ash-Shugur, Idleb)": a village, not Arabs
                ref = PlaceRef(text=name, name=name, within=gov)
                c = _PlaceCand(ref, m.start("name"), m.end("name"), None)
            if c is not None:
                cands.append(c)
    if "capital" in masked:
        # "exploded outside intelligence compounds in the Syrian capital": Damascus
        for m in _CAPITAL_RE.finditer(masked):
            if not covered(m.start("name"), m.end("name")):
                # beside or off the city ("near the Syrian capital", "south of the Syrian
                # capital") is Rural Damascus, like "outside Damascus"
                beside = bool(m.group("dir")) or m.group("prep") in _BESIDE_PREPS
                ref = PlaceRef(
                    m.group("name"), "Damascus", near=beside, outside=beside,
                    part=bool(m.group("part")),
                )
                cands.append(_PlaceCand(ref, m.start("name"), m.end("name"), None))
    cands.sort(key=lambda c: c.start)
    if len(cands) > 1:
        # "on the Ithriyah - Raqqa road near Ithriyah (Salamiyeh, Hama)": a name the sentence
        # sets in an area once lies there each time it names it.
        areas = {c.ref.name: c.ref.within for c in cands if c.ref.within}
        for c in cands:
            if not c.ref.within and areas.get(c.ref.name):
                c.ref = replace(c.ref, within=areas[c.ref.name])
    if low is None:
        low = _lower(masked)
    earlier = _EARLIER_EVENT_RE.search(low) if _EARLIER_HINT_RE.search(low) else None
    if earlier is not None:  # "... in retaliation for an attack in X": X is not the place
        for c in cands:
            if c.start > earlier.start():
                c.origin = True
    return cands


def _lead_offset(masked: str) -> int:
    """Offset of the first word after an opening dateline or a leading "The"."""
    m = _LEAD_RE.match(masked)
    return m.end() if m else 0


def _with_within(chosen: _PlaceCand, others: list[_PlaceCand]) -> _PlaceCand:
    if chosen.level in ("admin1", "admin2", "region") or chosen.ref.within:
        return chosen
    for o in others:
        if o is chosen or o.country or o.ref.name == chosen.ref.name:
            continue
        # "Idlib province", or a governorate's bare name ("In Daraa, ... near Saida").
        if o.level in ("admin1", "admin2") or (
            o.level is None and not o.ref.near and o.ref.name.lower() in lx.GOVERNORATE_NAMES
        ):
            outer = o.ref.name
            if o.ref.rural and outer.lower() in CITY_GOVERNORATES:
                outer = f"Rural {outer}"  # "the Damascus suburb of X", "Damascus countryside"
            return replace(chosen, ref=replace(chosen.ref, within=outer))
    return chosen


#: The words that set a place inside or beside a town named next: "... neighborhoods in",
#: "... on the western outskirts of", "... on the northern edge of".
_SETTING_RE = re.compile(
    r"(?:\bin|\bnear|\boutside|\b(?:outskirts|edges?|part|side|heart|cent(?:re|er)|suburbs?"
    r"|entrance)\s+of)\s+(?:the\s+)?(?:(?:old\s+)?(?:city|town|village)\s+of\s+)?$",
    re.I,
)
_CLAUSE_PUNCT_RE = re.compile(r"[,;.:]")
#: A second place phrase joined to the first: "and the outskirts of", "or near".
_NEW_PHRASE_RE = re.compile(r"\s*(?:and|or)\s+(?:the\s+)?[a-z]")
#: How far after a place the town it is set in may be named.
_SETTING_REACH = 70


def _with_setting(chosen: _PlaceCand, others: list[_PlaceCand], masked: str) -> _PlaceCand:
    """``chosen`` set beside the town named right after it ("al-Ziraa and Sheikh Daher
    neighborhoods in Lattakia city", "the al-Rashideen transit point on the western
    outskirts of Aleppo"): among namesakes, the one near that town wins, and with none
    near it the event is placed near the town (``PlaceRef.near_to``)."""
    if (
        not masked
        or chosen.ref.within
        or chosen.ref.near_to
        or chosen.level not in (None, "populated")
    ):
        return chosen
    for o in others:
        if o.start < chosen.end or o.start - chosen.end > _SETTING_REACH:
            continue
        if o.country or o.foreign or o.level not in (None, "populated"):
            continue
        between = masked[chosen.end : o.start]
        if _CLAUSE_PUNCT_RE.search(between) or not _SETTING_RE.search(between):
            continue
        if _NEW_PHRASE_RE.match(between):
            continue  # "the village of X and the outskirts of Y": two places, not one in Y
        return replace(chosen, ref=replace(chosen.ref, near_to=o.ref.name))
    return chosen


def _pick_place(
    cands: list[_PlaceCand], lo: int, hi: int, pos: int, masked: str = ""
) -> _PlaceCand | None:
    """The place of the part of a sentence [lo, hi) whose verb is at ``pos`` (``masked``,
    the sentence, lets a place take the town it is set in: :func:`_with_setting`)."""
    inside = [c for c in cands if lo <= c.start < hi and not c.country]
    if not inside:
        return None
    if any(not c.origin for c in inside) and any(c.origin for c in inside):
        # Where the attackers were, or an earlier event's place, only when nothing else is.
        inside = [c for c in inside if not c.origin] + [c for c in inside if c.origin]
        firm_inside = [c for c in inside if not c.origin]
        after = [c for c in firm_inside if c.start >= pos]
        before = [c for c in firm_inside if c.start < pos]
        return _choose_place(after, inside, masked) or _choose_place(before, inside, masked)
    after = [c for c in inside if c.start >= pos]
    before = [c for c in inside if c.start < pos]
    return _choose_place(after, inside, masked) or _choose_place(before, inside, masked)


#: What stands between a town and the area it is set in: " in northern ", ", ".
_SET_IN_RE = re.compile(
    r",?\s+(?:in|of)\s+(?:the\s+)?(?:(?:north|south|east|west)[a-z]*\s+)?|,\s+", re.I
)


def _area_cand(c: _PlaceCand) -> bool:
    """A governorate, district, region or countryside, not a town."""
    return c.level in ("admin1", "admin2", "region") or c.ref.rural


#: A name that names a building or a square set in a place named right after it: "al-Shifa
#: hospital in the northern city of Afrin", "al-Karama (formerly al-Sir) square in the
#: centre of al-Suwayda city".
_FACILITY_IN_RE = re.compile(
    r"(?:\s+\([^()]{1,40}\))?\s+(?:"
    + "|".join((*_BUILDING_WORDS, "marketplace", "square", "roundabout", "bridge", "factory"))
    + r"|(?:oil|gas)\s+field)\b[^.;:]{0,60}?\b(?:in|at|of)\s",
    re.I,
)


def _facility_first(pool: list[_PlaceCand], others: list[_PlaceCand], masked: str
                   ) -> list[_PlaceCand]:
    """``pool`` with a place that only names a building set in one of ``others`` after it
    ("al-Shifa hospital in ... Afrin") moved behind the others."""
    if len(others) < 2 or not masked:
        return pool
    named = []
    for c in pool:
        m = _FACILITY_IN_RE.match(masked, c.end)
        if m is not None and any(
            o is not c and m.end() <= o.start <= m.end() + 40 for o in others
        ):
            named.append(c)
    if not named or len(named) == len(pool):
        return pool
    return [c for c in pool if c not in named] + named


def _choose_place(
    pool: list[_PlaceCand], inside: list[_PlaceCand], masked: str = ""
) -> _PlaceCand | None:
    """The place of ``pool`` an event is at: a firm place over a "near" one, a town over an
    area; the others of the sentence part become its alternatives."""
    if not pool:
        return None
    pool = [c for c in pool if not c.origin] or pool
    pool = _facility_first(pool, inside, masked)
    firm = [c for c in pool if not c.ref.near] or pool
    specific = [c for c in firm if not _area_cand(c)]
    if not specific:
        # "found near Jasim city in northern Daraa countryside": near a town, in the area
        # named right after it
        specific = [
            c for c in pool
            if c.ref.near and not _area_cand(c)
            and any(
                _SET_IN_RE.fullmatch(masked, c.end, a.start) for a in firm if _area_cand(a)
            )
        ]
    chosen = specific[0] if specific else firm[0]
    alts: list[_PlaceCand] = []
    for c in (*pool, *inside):
        if c is not chosen and all(c is not a for a in alts):
            alts.append(c)
    c = _with_setting(chosen, inside, masked)
    c = _with_within(c, inside)
    return replace(c, alts=tuple(alts))
