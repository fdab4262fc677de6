"""Resolve the place text of incidents with the gazetteer, using the article as context.

A :class:`DocumentResolver` serves one article: it caches every answer, and it knows the
other places the article names, so an ambiguous village name is resolved near them
(``near``), inside the province the sentence names (``within``, from "in Idlib province"),
and as the kind of feature the text says ("the town of" -> ``feature_hint="populated"``).

Only places in the configured country become incident locations: a foreign place ("in Iraq",
"Paris") resolves to None, and the country itself ("in Syria") to a country-level location
(precision 6).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .records import Location

__all__ = ["DocumentResolver", "PlaceRef", "distance_km", "location_from_match"]

#: Words of a place text that only say which part of it ("eastern Aleppo").
_PART_WORDS = frozenset(
    """
    northern southern eastern western central northwestern northeastern southwestern
    southeastern north-western north-eastern south-western south-eastern rural outer inner
    north south east west
    """.split()
)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as the text names it, with what the sentence says about it.

    Parameters
    ----------
    text
        The place as written ("Idlib province", "eastern Aleppo").
    name
        The bare name to look up ("Idlib", "Aleppo").
    feature_hint
        None, "populated", "admin1", "admin2" or "region".
    within
        The name of an enclosing area named in the same sentence ("Idlib").
    near
        True when the text places the event beside it ("near X", "outside X").
    part
        True when the text names a part of it ("eastern Aleppo", "the outskirts of X").
    fallback
        An enclosing place to use when ``name`` does not resolve ("Damascus" in "the Old
        City of Damascus").
    rural
        True for "X countryside" / "rural X": the area around a city.
    outside
        True for "outside X", "northeast of X": beside X, not in it (so "northeast of
        Damascus" lies in Rural Damascus, the governorate around the city).
    near_to
        A place the text sets this one beside ("Bayda, a village near Baniyas", "al-Hisha,
        north of Raqqa"): among namesakes, the one near it wins.
    exact
        True when only a name the gazetteer holds as written (or as a spelling variant)
        may answer: a place read from a weak cue ("Idlib: ..." opening a headline), where
        a fuzzy match would more likely be a word that is no place ("Airwars: ...").
    """

    text: str
    name: str
    feature_hint: str | None = None
    within: str | None = None
    near: bool = False
    part: bool = False
    fallback: str | None = None
    rural: bool = False
    exact: bool = False
    near_to: str | None = None
    outside: bool = False


#: How far a namesake may lie from the place the text sets it beside.
_BESIDE_KM = 60.0
#: Cities that are a governorate of their own, inside a "Rural <city>" one.
CITY_GOVERNORATES = frozenset({"damascus"})
#: The lowest score of a spelling variant that a place read from a weak cue may take.
_SURE_VARIANT = 0.9
#: Below this score a match is loose (a fuzzy or partial match of the name) ...
_LOOSE = 0.7
#: ... and is not believed farther than this from every place the article is sure of.
_STRAY_KM = 75.0
#: A home namesake of a foreign place ("Saida": Sidon, or a Dar'a village "Sayda") is taken
#: when it lies this close to a place the article is sure of.
_HOME_NEAR_KM = 30.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _name_key(name: str) -> str:
    """A name with its transliteration habits evened out, ``y`` and ``i`` alike: "Saida"
    and "Sayda" (صيدا) are one name, "Saidiyeh" another."""
    from gazetteer.index import loose_form, sound_form
    from gazetteer.normalize import normalize_name

    key = sound_form(loose_form(normalize_name(name))).replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", key)


def location_from_match(match: Any, *, near: bool = False, part: bool = False) -> Location:
    """Build a :class:`Location` from a gazetteer match.

    "near X" or "eastern X" about a town is precision 2 (near or part of a place).
    """
    place = match.place
    precision = int(match.precision)
    if (near or part) and precision == 1:
        precision = 2
    return Location(
        lat=float(place.lat),
        lon=float(place.lon),
        precision=precision,
        place_name=place.name,
        place_id=place.place_id,
        admin1=place.admin1,
        admin2=place.admin2,
        country_code=place.country_code,
        feature_code=place.feature_code,
        score=round(float(match.score), 3),
    )


#: Matches scoring below this are checked again with the document's other places.
_SURE = 0.8

_SHARED: dict[tuple[int, str | None, float], tuple[Any, dict[tuple[Any, ...], Any]]] = {}


def _shared_cache(
    resolver: Any, country: str | None, min_score: float
) -> dict[tuple[Any, ...], Any]:
    """One answer cache per (resolver, country, min_score), shared by its documents."""
    key = (id(resolver), country, min_score)
    entry = _SHARED.get(key)
    if entry is None or entry[0] is not resolver:
        if len(_SHARED) > 16:
            _SHARED.clear()
        entry = (resolver, {})
        _SHARED[key] = entry
    return entry[1]


def _ambiguous(res: Any, *, margin: float = 0.1, far_km: float = 15.0) -> bool:
    """True when a runner-up scores close to the best but lies far from it."""
    best = res.best
    for cand in res.candidates:
        if cand is best or cand.place.place_id == best.place.place_id:
            continue
        if (
            cand.score >= best.score - margin
            and distance_km(best.place.lat, best.place.lon, cand.place.lat, cand.place.lon) > far_km
        ):
            return True
    return False


class DocumentResolver:
    """Resolve the places of one article, with caching and document context.

    Parameters
    ----------
    resolver
        A ``gazetteer.Resolver`` (``resolve(name, *, country, feature_hint, within, near)``).
    country
        ISO code of the country incidents are placed in (``SY``).
    min_score
        Lowest match score accepted.
    """

    def __init__(self, resolver: Any, *, country: str | None = "SY", min_score: float = 0.5):
        self.resolver = resolver
        self.country = country
        self.min_score = min_score
        self.gazetteer = getattr(resolver, "gazetteer", None) or getattr(resolver, "g", None)
        self._cache = _shared_cache(resolver, country, min_score)
        self._near: tuple[tuple[float, float], ...] = ()
        self._near_names: tuple[str, ...] = ()
        self._article_refs: Callable[[], Iterable[PlaceRef]] | None = None
        self._article_points: tuple[tuple[str, float, float], ...] | None = None

    # -- context --------------------------------------------------------------------------
    def set_context(self, refs: Iterable[PlaceRef]) -> None:
        """Resolve the article's places once, alone, and keep the sure ones as ``near``."""
        points: list[tuple[float, float]] = []
        names: list[str] = []
        seen: set[str] = set()
        for ref in refs:
            if ref.name in seen:
                continue
            seen.add(ref.name)
            match = self._match(ref.name, ref.feature_hint, None, ())
            if match is None or match.score < 0.8:
                continue
            if match.place.country_code != self.country or match.precision > 5:
                continue
            points.append((float(match.place.lat), float(match.place.lon)))
            names.append(ref.name)
        self._near = tuple(points[:8])
        self._near_names = tuple(names[:8])

    def set_article_places(self, refs: Callable[[], Iterable[PlaceRef]]) -> None:
        """Every place the article names, incidents or not, read only when needed: the
        context that sets a home namesake of a foreign town at home (see ``locate``)."""
        self._article_refs = refs
        self._article_points = None

    def _sure_article_points(self) -> tuple[tuple[str, float, float], ...]:
        if self._article_points is None:
            points = []
            for ref in self._article_refs() if self._article_refs is not None else ():
                match = self._match(ref.name, ref.feature_hint, None, ())
                if (
                    match is not None
                    and match.score >= _SURE
                    and match.place.country_code == self.country
                    and match.precision <= 5
                ):
                    points.append((ref.name, float(match.place.lat), float(match.place.lon)))
            self._article_points = tuple(points)
        return self._article_points

    # -- lookups --------------------------------------------------------------------------
    def _match(
        self,
        name: str,
        hint: str | None,
        within: str | None,
        near: Sequence[tuple[float, float]],
    ) -> Any:
        """Best match of ``name``; the document's ``near`` points are used only when the
        name alone is ambiguous (two good candidates far apart), so most answers come from
        the cache shared by every document resolved with the same resolver."""
        key = (name, hint, within)
        res = self._cache.get(key)
        if res is None:
            res = self._ask(name, hint, within, ())
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = res
        match = res.best if res is not False else None
        if match is not None and near and (match.score < _SURE or _ambiguous(res)):
            again = self._ask(name, hint, within, tuple(near))
            match = again.best if again is not False else None
        if match is not None and match.score < self.min_score:
            match = None
        return match

    def _ask(
        self, name: str, hint: str | None, within: str | None, near: tuple[tuple[float, float], ...]
    ) -> Any:
        try:
            return self.resolver.resolve(
                name, country=self.country, feature_hint=hint, within=within, near=near
            )
        except (LookupError, ValueError):
            return False

    @staticmethod
    def _loose(match: Any) -> bool:
        """True for a loose match: not exact, and scoring below ``_LOOSE``."""
        return match.method != "exact" and match.score < _LOOSE

    @staticmethod
    def _unsure(match: Any) -> bool:
        """True for a match that is neither exact nor a sure spelling variant."""
        return match.method != "exact" and match.score < _SURE_VARIANT

    @staticmethod
    def _stray(match: Any, near: Sequence[tuple[float, float]]) -> bool:
        """True for a loose match lying farther than ``_STRAY_KM`` from every place the
        document is sure of."""
        if not near or not DocumentResolver._loose(match):
            return False
        lat, lon = float(match.place.lat), float(match.place.lon)
        return all(distance_km(lat, lon, p[0], p[1]) > _STRAY_KM for p in near)

    def is_foreign(self, name: str) -> bool:
        """True when ``name`` is, exactly, a place outside the configured country ("Paris",
        "Baghdad") and not, exactly, one inside it."""
        if not self.country:
            return False
        key = ("foreign?", name)
        if key not in self._cache:
            foreign = False
            try:
                anywhere = self.resolver.resolve(name).best
            except (LookupError, ValueError):
                anywhere = None
            if (
                anywhere is not None
                and anywhere.method == "exact"
                and anywhere.place.country_code != self.country
            ):
                home = self._match(name, None, None, ())
                foreign = home is None or home.method != "exact"
            self._cache[key] = foreign
        return bool(self._cache[key])

    def is_known(self, name: str) -> bool:
        """True when the gazetteer has ``name`` (exact or normalised variant) in the country."""
        if self.gazetteer is None or not hasattr(self.gazetteer, "lookup"):
            return False
        key = ("known?", name)
        if key not in self._cache:
            try:
                places = self.gazetteer.lookup(name)
            except (LookupError, ValueError):
                places = ()
            self._cache[key] = any(p.country_code == self.country for p in places)
        return bool(self._cache[key])

    def _home_namesake(
        self, ref: PlaceRef, near: Sequence[tuple[float, float]], beside: Any
    ) -> Any:
        """A place in the country spelled nearly as ``ref`` names a foreign one ("Saida",
        exactly an alias of Sidon; "Sayda" in Dar'a), taken only where the article sets it:
        inside the governorate it names (``within``), beside the town it names
        (``near_to``), or close to a place the article is sure of. Otherwise None."""
        if self.country is None:
            return None
        outer = None
        if ref.within:
            outer = self._match(ref.within, None, None, ())
            if outer is not None and outer.place.country_code != self.country:
                return None  # "Saida in southern Lebanon"
        near = [
            *near,
            *((lat, lon) for n, lat, lon in self._sure_article_points() if n != ref.name),
        ]
        points = list(near)
        if beside is not None:
            points.insert(0, (float(beside.place.lat), float(beside.place.lon)))
        if outer is None and not points:
            return None
        try:
            res = self.resolver.resolve(
                ref.name,
                country=self.country,
                feature_hint=ref.feature_hint,
                within=ref.within,
                near=tuple(points),
                strict_country=True,
            )
        except (LookupError, ValueError, TypeError):
            return None
        key = _name_key(ref.name)
        for match in (res.best, *res.candidates):
            if (
                match is None
                or match.score < self.min_score
                or match.place.country_code != self.country
                or _name_key(match.matched_name) != key
            ):
                continue  # "Saidiyeh" is another name, not "Saida" spelled otherwise
            lat, lon = float(match.place.lat), float(match.place.lon)
            admin1 = match.place.admin1
            if outer is not None and admin1 and outer.place.admin1 == admin1:
                return match
            if beside is not None and distance_km(
                lat, lon, float(beside.place.lat), float(beside.place.lon)
            ) <= _BESIDE_KM:
                return match
            if any(distance_km(lat, lon, p[0], p[1]) <= _HOME_NEAR_KM for p in near):
                return match
        return None

    def locate(self, ref: PlaceRef) -> Location | None:
        """Return the location of ``ref`` in the configured country, or None."""
        if ref.exact and not self.is_known(ref.name):
            return None
        # The other places of the document; a name's own first guess is no context for it.
        near = [p for p, n in zip(self._near, self._near_names, strict=False) if n != ref.name]
        if ref.exact:
            sure = self._match(ref.name, ref.feature_hint, ref.within, near)
            if sure is None or self._unsure(sure):
                return None
        match = None
        beside = None
        if ref.near_to and ref.near_to != ref.name:
            beside = self._match(ref.near_to, None, None, ())
            if beside is not None and (
                beside.place.country_code != self.country
                or beside.precision > 2  # a town, not an area or the country
                or self._unsure(beside)
            ):
                beside = None
            if beside is not None:
                here = (float(beside.place.lat), float(beside.place.lon))
                again = self._ask(ref.name, ref.feature_hint, ref.within, (here,))
                best = again.best if again is not False else None
                if (
                    best is not None
                    and best.score >= self.min_score
                    and distance_km(here[0], here[1], best.place.lat, best.place.lon)
                    <= _BESIDE_KM
                ):
                    match = best
        if ref.rural or (
            ref.outside
            and ref.name.lower() in CITY_GOVERNORATES
            and ref.feature_hint != "facility"
        ):
            # "Damascus countryside" is the governorate around the city: "Rural Damascus";
            # so is "a town northeast of Damascus" (the city's governorate is the city).
            match = self._match(f"Rural {ref.name}", "admin1", None, ())
            if match is not None and match.precision != 4:
                match = None
            if match is not None and not ref.rural:
                return location_from_match(match, near=False, part=True)
        home = None
        if match is None:
            match = self._match(ref.name, ref.feature_hint, ref.within, near)
            if (
                match is None or match.place.country_code != self.country
            ) and self.is_foreign(ref.name):
                # "Saida, east of Daraa": the article sets it at home
                match = home = self._home_namesake(ref, near, beside)
            if match is not None and ref.within and self._unsure(match):
                # "near Ithriyah (Salamiyeh, Hama)", "the Rumaniyah neighbourhood of Raqqa": a
                # match that is neither exact nor a sure variant, outside the area the text
                # sets the place in, is not it; the area is, near it (precision 2).
                outer = self._match(ref.within, None, None, ())
                if (
                    outer is not None
                    and outer.place.country_code == self.country
                    and outer.place.admin1 != match.place.admin1
                ):
                    return location_from_match(outer, near=ref.near, part=True)
        if match is None and ref.within:
            match = self._match(ref.name, ref.feature_hint, None, near)
            # "Aleppo's al-Hamdaniyeh" unknown inside Aleppo: a namesake in another
            # governorate is not it; the enclosing place is, near it (precision 2). A town
            # the text sets the place beside decides instead (below): "X on the outskirts
            # of Aleppo, where buses from Idlib province ...".
            outer = self._match(ref.within, None, None, ()) if beside is None else None
            if (
                outer is not None
                and outer.place.country_code == self.country
                and (match is None or match.place.admin1 != outer.place.admin1)
            ):
                return location_from_match(outer, near=ref.near, part=True)
        if match is None and ref.feature_hint is not None:
            match = self._match(ref.name, None, ref.within, near)
        if match is not None and self._stray(match, near):
            # "the al-Naim roundabout in the centre of Raqqa": a loose match of a name the
            # gazetteer lacks ("Noaimeh", in Aleppo), far from every place the article is
            # sure of, is more likely a wrong name than a new corner of the country; the
            # clause's other places, or the article's, place the event instead.
            match = None
        if (match is None or match.method != "exact") and home is None:
            # A weak match at home may be a foreign place written exactly ("Paris").
            if self.is_foreign(ref.name):
                return None
        if match is None:
            if ref.fallback and ref.fallback != ref.name:
                return self.locate(PlaceRef(ref.fallback, ref.fallback, part=True))
            return None
        if self.country and match.place.country_code != self.country:
            return None
        if beside is not None and (
            distance_km(beside.place.lat, beside.place.lon, match.place.lat, match.place.lon)
            > _BESIDE_KM
        ):
            # "al-Qubeir near Hama" with no al-Qubeir near Hama: near Hama, not a namesake
            # at the other end of the country.
            return location_from_match(beside, near=True, part=False)
        return location_from_match(match, near=ref.near, part=ref.part)
