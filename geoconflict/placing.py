"""Placing drafts: their place names resolved with the gazetteer, and the fallbacks.

:func:`_resolve` resolves each draft's place candidates through
:class:`~geoconflict.resolve.DocumentResolver`. A count of dead left with no place then
takes an event note's place field (:func:`_field_place_fallback`), the only place the
article names (:func:`_single_place_fallback`) or the area of a wire dateline
(:func:`_dateline_fallback`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from . import lexicon as lx
from ._tokens import _QUIET, _lower, _Toks
from .config import Config
from .cues import _COUNTRY_WORDS, _institution_town, _PlaceCand, _places
from .drafts import _NATIONWIDE_RE, _Draft, _SentInfo
from .mentions import _mask
from .records import Article, Location
from .resolve import _LOOSE, CITY_GOVERNORATES, DocumentResolver, PlaceRef, distance_km

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
    _one_place_per_name(drafts, doc)


#: How far apart two readings of one name may lie and still be one place.
_SAME_NAME_KM = 15.0
#: How far from the town the article sets it beside a place found may lie and agree.
_SET_BESIDE_KM = 30.0


def _one_place_per_name(drafts: list[_Draft], doc: DocumentResolver) -> None:
    """A name the article sets somewhere once ("al-Mazraa, west of Sweida", "Jasim in
    Daraa's governorate") is that place wherever it is named again without a setting of its
    own ("7 dead in al-Mazraa"), not a namesake the name alone would pick. Only the name's
    first mention sets it, and only where the place found agrees with the setting (beside
    the town, inside the area)."""
    settled: dict[str, Location] = {}
    seen: set[str] = set()
    for d in sorted(drafts, key=lambda d: d.start):
        if d.place is None or d.place.ref.name.casefold() in seen:
            continue
        ref, loc, key = d.place.ref, d.location, d.place.ref.name.casefold()
        seen.add(key)
        if loc is None:
            continue
        if ref.near_to:
            town = doc.locate(PlaceRef(ref.near_to, ref.near_to))
            km = distance_km(town.lat, town.lon, loc.lat, loc.lon) if town is not None else None
            if km is not None and km <= _SET_BESIDE_KM:
                settled[key] = loc
        elif ref.within:
            area = doc.locate(PlaceRef(ref.within, ref.within))
            if area is not None and area.admin1 is not None and area.admin1 == loc.admin1:
                settled[key] = loc
    if not settled:
        return
    for d in drafts:
        if d.place is None or d.place.foreign:
            continue
        ref = d.place.ref
        if ref.within or ref.near_to or ref.rural or ref.outside:
            continue
        loc = settled.get(ref.name.casefold())
        if loc is None or loc is d.location:
            continue
        if d.location is not None and d.location.precision <= 1:
            continue  # a town the name alone finds stays: "Sweida" is the city
        if d.location is None or distance_km(
            loc.lat, loc.lon, d.location.lat, d.location.lon
        ) > _SAME_NAME_KM:
            d.location = loc


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
_FIELD_AREA_RE = re.compile(r"\b(?:governorate|province|countryside)\b|^rural\s", re.I)


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
    # a name may open with a particle: "al-Thawrah (Tabqa), Ar-Raqqa."
    r"(?:^|(?<=[.\n]))[ \t]*(?P<value>(?:[A-Z]|(?:"
    + "|".join(p[:-1] for p in _FIELD_PARTICLES)
    + r")-[A-Z])[^.\n:;]{1,80}?,"
    r"[ \t]*(?i:"
    + "|".join(sorted((re.escape(g) for g in _LINE_GOVERNORATES), key=len, reverse=True))
    # "Sheikh Maqsoud neighbourhood, Aleppo city."
    + r")(?:[ \t]+(?i:governorate|province|city))?(?:[ \t]*\([^().\n]{1,40}\))?)[ \t]*\."
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
        area = bool(_FIELD_AREA_RE.search(text))
        rural = "rural" in text.lower() or "countryside" in text.lower()
        if area and rural and name.lower() in CITY_GOVERNORATES:
            name = f"Rural {name}"  # "Rural Damascus", "Damascus countryside": not the city
        parts.append((text, name, area))
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
    if not any(
        (d.location is None and not d.event_only) or _loose_here(d) for d in drafts
    ):
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
        if _unplaced(d, doc) or (
            # "Location: ..., western Aleppo countryside" over a loose guess in Hama for the
            # summary's "al-Jinah": the note's own field says where it was
            _loose_here(d) and loc.admin1 is not None and d.location.admin1 != loc.admin1
        ):
            d.location = loc
            d.extra["inferred_place"] = True


def _loose_here(d: _Draft) -> bool:
    """Whether ``d`` is placed only by a loose guess at its name (a score below the
    resolver's ``_LOOSE``)."""
    loc = d.location
    return loc is not None and loc.score is not None and loc.score < _LOOSE


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
        if _NATIONWIDE_RE.search(d.extra.get("low") or ""):
            continue  # "killing 88 people across the country": not the dateline's area
        d.location = replace(loc, precision=max(loc.precision, 4))
        d.extra["inferred_place"] = True
