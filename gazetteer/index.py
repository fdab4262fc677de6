"""The in-memory gazetteer: places and their name keys.

:class:`Gazetteer` holds :class:`~gazetteer.records.Place` records and three lookup tables:

* ``exact`` -- :func:`~gazetteer.normalize.normalize_name` of every name and alias;
* ``variant`` -- the transliteration skeletons (:func:`~gazetteer.normalize.skeleton_keys`);
* fuzzy blocks -- skeleton keys grouped by first letter, scored by :mod:`gazetteer.matching`
  only within the query's block.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz

from .errors import GazetteerDataError
from .normalize import base_names, is_common_word, normalize_name, skeleton_keys
from .records import Place

__all__ = ["Gazetteer", "loose_form", "place_prior", "sound_form"]

_STATE_VERSION = 3
_T = TypeVar("_T")

#: Rank of a feature code among candidates of the same name (city > town > village > area).
FEATURE_RANK = {
    "PCLI": 1.0,
    "PPLC": 1.0,
    "PPLA": 0.95,
    "ADM1": 0.9,
    "PPLA2": 0.9,
    "RGN": 0.85,
    "PPLA3": 0.85,
    "PPLA4": 0.8,
    "PPL": 0.75,
    "PPLL": 0.7,
    "ADM2": 0.7,
    "PPLX": 0.65,
    "ADM3": 0.6,
    # facilities that war reports name (facilities.tsv): as prominent as a sub-district seat
    "AIRB": 0.85,
    "AIRP": 0.85,
    "PSTB": 0.8,
    "DAM": 0.8,
    "PRN": 0.8,
}
#: A neighbourhood (PPLX) within this distance of a city of at least this population ranks
#: like a sub-district seat: reports name the quarters of big cities far more often than
#: same-named hamlets elsewhere (``Jobar`` of Damascus, not the Homs village ``Jober``).
_BIG_CITY_POP = 100_000
_BIG_CITY_KM = 10.0
_BIG_CITY_PART_RANK = FEATURE_RANK["PPLA3"]
#: ... provided that at most this many populated places elsewhere bear the same name.
_DISTINCT_MAX_NAMESAKES = 1

_ARTICLE_WORDS = frozenset(
    "al el il ul l ad ed adh edh ar er as es ash esh az ez at et ath eth an en".split()
)


#: Spelling similarity granted to a match through an Arabic name's skeleton, by key length:
#: six consonants in the same order rarely agree by chance; four often do.
_SKELETON_EVIDENCE = {5: 0.6, 6: 0.75}


def _has_arabic(text: str) -> bool:
    return not text.isascii() and any("\u0600" <= ch <= "\u06ff" for ch in text)


@lru_cache(maxsize=262144)
def _loose_of(name: str) -> str:
    return loose_form(normalize_name(name))


def _loose_ratio(q_loose: str, name: str, *, sound: bool = True) -> float:
    if sound:
        return _sound_ratio(q_loose, _loose_of(name))
    return fuzz.ratio(q_loose, _loose_of(name)) / 100.0


def _sound_ratio(a: str, b: str) -> float:
    """Similarity (0-1) of two loose forms: as written, raised half-way towards their
    similarity with spelling habits evened out (:func:`sound_form`), so that among names
    that sound alike the one spelled most alike still comes first."""
    raw = fuzz.ratio(a, b)
    if raw == 100.0:
        return 1.0
    return max(raw, 0.5 * (raw + fuzz.ratio(sound_form(a), sound_form(b)))) / 100.0


def loose_form(normalized: str) -> str:
    """Normalised name without articles and spaces (``al bab`` -> ``bab``).

    Used to compare a query with a candidate name when skeletons agree.
    """
    words = normalized.split()
    if len(words) > 1:
        words = [w for i, w in enumerate(words) if i == len(words) - 1 or w not in _ARTICLE_WORDS]
    return "".join(words)


_DIPHTHONG_RE = re.compile(r"ei|ey|ai")
_SOUND_SUBS = (
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: Hammura / Hamura
    # the ta marbuta and the nisba ending: -iyeh, -iyah, -iyya, -ieh, -ia -> -iya
    (re.compile(r"(?:iy|i|y)(?:eh|ah|a|e)$"), "iya"),
    (re.compile(r"(?<=[^aeiouy])(?:eh|ah|e)$"), "a"),  # Barzeh / Barza
)


@lru_cache(maxsize=65536)
def sound_form(loose: str) -> str:
    """A loose form with the spelling habits of transliteration evened out.

    Doubled letters single, ``o``/``ou``/``oo`` -> ``u`` (Arabic has no o: Foua / Fu'a,
    Nobol / Nubul), ``ee`` -> ``i``, the diphthong ``ei``/``ey``/``ai`` -> ``ay`` (Beida /
    Bayda), and the endings of the ta marbuta and the nisba unified (``-eh``/``-ah``/``-a``,
    ``-iyeh``/``-iyah``/``-ia``, a final ``h`` after a vowel silent), so that ``barzeh`` and
    ``barza``, ``hamouriyah`` and ``hamuriya``, ``foah`` and ``fua``
    compare as equal.
    """
    # o -> u; "ou" and "oo" become "uu", which the doubled-letter rule makes "u"
    loose = loose.replace("o", "u").replace("ee", "i")
    # the diphthong ay: Bayda / Beida / Baida, Dayr / Deir, Zeytun / Zaytun
    loose = _DIPHTHONG_RE.sub("ay", loose)
    for pattern, repl in _SOUND_SUBS:
        loose = pattern.sub(repl, loose)
    if len(loose) > 1 and loose[-1] == "h" and loose[-2] in "aiu":
        loose = loose[:-1]  # a ta marbuta after a vowel: Fuah / Fua
    return loose


def place_prior(place: Place, coord_err_km: float = 0.0, *, big_city_part: bool = False) -> float:
    """Static prior of a place among same-named candidates, in (0, 1].

    Feature rank, population (log scale) and coordinate quality: an OCHA community whose
    aligned point is ambiguous by several km loses a little. ``big_city_part`` marks a
    neighbourhood of a big city, which ranks like a sub-district seat.
    """
    rank = FEATURE_RANK.get(place.feature_code, 0.7)
    if big_city_part:
        rank = max(rank, _BIG_CITY_PART_RANK)
    pop = max(place.population, 0)
    pop_bonus = min(math.log10(pop + 1) / 7.0, 1.0) * 0.2 if pop else 0.0
    err_pen = min(coord_err_km / 50.0, 0.1)
    return max(0.05, min(1.0, rank * 0.85 + pop_bonus - err_pen))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371 km)."""
    p = math.pi / 180.0
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _big_city_parts(
    places: Sequence[Place], variant: Mapping[str, Mapping[int, tuple[str, str]]]
) -> frozenset[int]:
    """Indices of the neighbourhoods (PPLX) that lie in or beside a big city and whose name
    is distinctive: borne (as it sounds) by at most one populated place elsewhere. A name that
    many villages share ("Hurriyeh", "Tishrine", "Madina") is a common word, not a prominent
    quarter. ``variant`` is the skeleton-key index being built: ``{key: {index: (name,
    loose form)}}``."""
    cities = [
        (p.lat, p.lon, p.country_code)
        for p in places
        if p.feature_class == "P" and p.population >= _BIG_CITY_POP
    ]
    out = set()
    for i, p in enumerate(places):
        if p.feature_code != "PPLX":
            continue
        if not any(
            cc == p.country_code and haversine_km(p.lat, p.lon, lat, lon) <= _BIG_CITY_KM
            for lat, lon, cc in cities
        ):
            continue
        norm = normalize_name(p.name)
        sound = sound_form(loose_form(norm))
        elsewhere = set()
        for key in skeleton_keys(norm):
            for j, (name, loose) in variant.get(key, {}).items():
                q = places[j]
                if (
                    j not in elsewhere
                    and q.feature_class == "P"
                    and not _has_arabic(name)
                    and sound_form(loose) == sound
                    and haversine_km(p.lat, p.lon, q.lat, q.lon) > _BIG_CITY_KM
                ):
                    elsewhere.add(j)
        if len(elsewhere) <= _DISTINCT_MAX_NAMESAKES:
            out.add(i)
    return frozenset(out)


class Gazetteer:
    """A set of places with exact and transliteration-variant name lookup.

    Parameters
    ----------
    places
        The places; ``place_id`` must be unique.
    coord_err_km
        Optional uncertainty (km) of each place's point, by ``place_id``.
    default_country
        Country code recorded for resolvers built on this gazetteer (``"SY"``).

    Examples
    --------
    >>> g = Gazetteer.from_places([Place("x:1", "Kafr Nabl", 35.61, 36.56, "SY")])
    >>> [p.name for p in g.lookup("Kafranbel")] == [] and len(g) == 1
    True
    """

    def __init__(
        self,
        places: Iterable[Place],
        *,
        coord_err_km: Mapping[str, float] | None = None,
        default_country: str | None = None,
    ) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self.default_country = default_country
        self._by_id: dict[str, int] = {}
        for i, p in enumerate(self.places):
            if not isinstance(p, Place):
                msg = f"expected Place records, got {type(p).__name__!r}"
                raise GazetteerDataError(msg)
            if p.place_id in self._by_id:
                msg = f"duplicate place_id {p.place_id!r} ({p.name!r})"
                raise GazetteerDataError(msg)
            self._by_id[p.place_id] = i
        errs = dict(coord_err_km or {})
        self.coord_err: tuple[float, ...] = tuple(
            float(errs.get(p.place_id, 0.0)) for p in self.places
        )
        exact: dict[str, dict[int, str]] = {}
        variant: dict[str, dict[int, tuple[str, str]]] = {}
        base: dict[str, dict[int, tuple[str, str]]] = {}
        for i, p in enumerate(self.places):
            # Places outside the home country get variant keys from their canonical name
            # only: the hundreds of exonyms of a foreign capital would otherwise shadow
            # Syrian villages under loose keys.
            home = default_country is None or p.country_code == default_country
            for j, name in enumerate((p.name, *p.aliases)):
                norm = normalize_name(name)
                if not norm:
                    continue
                exact.setdefault(norm, {}).setdefault(i, name)
                if home or j == 0:
                    for k in skeleton_keys(norm):
                        variant.setdefault(k, {}).setdefault(i, (name, loose_form(norm)))
                if home:
                    for b in base_names(norm):
                        # an Arabic base is compared with the place's Latin base name
                        loose = loose_form(b) if not _has_arabic(b) else ""
                        for k in skeleton_keys(b):
                            entry = base.setdefault(k, {})
                            if i not in entry or (loose and not entry[i][1]):
                                entry[i] = (name, loose)

        big = _big_city_parts(self.places, variant)
        self.prior: tuple[float, ...] = tuple(
            place_prior(p, e, big_city_part=i in big)
            for i, (p, e) in enumerate(zip(self.places, self.coord_err, strict=True))
        )
        # Each key's entries sorted by the static prior, best first: the no-context answer.
        self.exact: dict[str, tuple[tuple[int, str], ...]] = {
            k: self._ranked(v) for k, v in exact.items()
        }
        # variant entries carry the matched name's loose form: (index, name, loose)
        self.variant: dict[str, tuple[tuple[int, str, str], ...]] = {
            k: tuple((i, n, lf) for i, (n, lf) in self._ranked(v)) for k, v in variant.items()
        }
        #: Base-name entries (``Joubar`` of ``Joubar Sharqi``): (index, name, base loose form)
        self.base: dict[str, tuple[tuple[int, str, str], ...]] = {
            k: tuple((i, n, lf) for i, (n, lf) in self._ranked(v)) for k, v in base.items()
        }
        self._blocks: dict[str, tuple[str, ...]] | None = None
        #: Scratch space for caches derived at run time (block lengths, area lookups);
        #: not pickled.
        self.aux: dict[str, dict] = {}
        #: Precomputed no-context answers per exact key (set by the loader) and the
        #: ``(default_country, min_score)`` they were computed for.
        self.answers: dict = {}
        self.answers_key: tuple[str | None, float] | None = None

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_blocks"] = None
        state["aux"] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    # --- a plain-data form (tuples, dicts, strings, numbers) for the on-disk cache ------
    def to_state(self) -> tuple:
        """This gazetteer as plain data that :mod:`marshal` can store."""
        places = tuple(
            (
                p.place_id,
                p.name,
                p.lat,
                p.lon,
                p.country_code,
                p.feature_class,
                p.feature_code,
                p.admin1,
                p.admin2,
                p.population,
                p.aliases,
                p.precision,
                p.source,
            )
            for p in self.places
        )
        return (
            _STATE_VERSION,
            places,
            self.coord_err,
            self.prior,
            self.default_country,
            self.exact,
            self.variant,
            self.base,
            self.answers,
            self.answers_key,
        )

    @classmethod
    def from_state(cls, state: tuple) -> Gazetteer:
        """Rebuild a gazetteer from :meth:`to_state` (no re-indexing)."""
        if not state or state[0] != _STATE_VERSION:
            msg = "gazetteer cache has another format version"
            raise GazetteerDataError(msg)
        (_v, places, coord_err, prior, default_country, exact, variant, base, answers,
         answers_key) = state  # fmt: skip
        obj = cls.__new__(cls)
        obj.places = tuple(Place(*row) for row in places)
        obj.default_country = default_country
        obj._by_id = {p.place_id: i for i, p in enumerate(obj.places)}
        obj.coord_err = coord_err
        obj.prior = prior
        obj.exact = exact
        obj.variant = variant
        obj.base = base
        obj._blocks = None
        obj.aux = {}
        obj.answers = answers
        obj.answers_key = answers_key
        return obj

    def _ranked(self, entries: dict[int, _T]) -> tuple[tuple[int, _T], ...]:
        return tuple(sorted(entries.items(), key=lambda e: (-self.prior[e[0]], e[0])))

    # --- construction ----------------------------------------------------------------
    @classmethod
    def from_places(
        cls,
        places: Iterable[Place],
        *,
        default_country: str | None = None,
        coord_err_km: Mapping[str, float] | None = None,
    ) -> Gazetteer:
        """Build a gazetteer from :class:`Place` records (a user's data, for instance)."""
        return cls(places, coord_err_km=coord_err_km, default_country=default_country)

    def merged(self, other: Gazetteer | Iterable[Place], *, replace_ids: bool = True) -> Gazetteer:
        """Return a new gazetteer with the places of both.

        Parameters
        ----------
        other
            Another gazetteer or an iterable of places (a user's data).
        replace_ids
            When both hold the same ``place_id``, keep ``other``'s version (True) or
            raise :class:`GazetteerDataError` (False).
        """
        if isinstance(other, Gazetteer):
            extra = list(other.places)
            errs = {p.place_id: e for p, e in zip(other.places, other.coord_err, strict=True)}
        else:
            extra = list(other)
            errs = {}
        ids = {p.place_id for p in extra}
        if not replace_ids:
            clash = ids & set(self._by_id)
            if clash:
                msg = f"place ids in both gazetteers: {sorted(clash)[:5]!r}"
                raise GazetteerDataError(msg)
        mine = [p for p in self.places if p.place_id not in ids]
        my_errs = {p.place_id: e for p, e in zip(self.places, self.coord_err, strict=True)}
        my_errs.update(errs)
        return Gazetteer(
            [*mine, *extra], coord_err_km=my_errs, default_country=self.default_country
        )

    # --- access ----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self.places)} places>"

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id, or None."""
        i = self._by_id.get(place_id)
        return None if i is None else self.places[i]

    def index_of(self, place_id: str) -> int:
        """Position of a place in :attr:`places` (KeyError when unknown)."""
        return self._by_id[place_id]

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Places whose name or alias matches ``name`` exactly or as a transliteration variant.

        No fuzzy matching: fast enough to tag every capitalised word of a text. Exact matches
        come first, then variants, each ranked by feature and population.
        """
        norm = normalize_name(name)
        if not norm:
            return ()
        memo = self.aux.setdefault("lookup", {})
        found = memo.get(norm)
        if found is None:
            if len(memo) > 100_000:
                memo.clear()
            found = memo[norm] = self._lookup(norm)
        return found

    def _lookup(self, norm: str) -> tuple[Place, ...]:
        hits = self.exact.get(norm, ())
        seen = {i for i, _ in hits}
        out = [self.places[i] for i, _ in hits]
        if is_common_word(norm):
            return tuple(out)  # "The" is not the village Tah
        q_loose = loose_form(norm)
        for k in skeleton_keys(norm):
            for i, matched, loose in self.variant.get(k, ()):
                if i not in seen and self.spelling_similarity(q_loose, matched, i, k,
                                                              loose) >= 0.5:  # fmt: skip
                    seen.add(i)
                    out.append(self.places[i])
        return tuple(out)

    def spelling_similarity(
        self,
        q_loose: str,
        matched: str,
        idx: int,
        key: str = "",
        loose: str | None = None,
        *,
        sound: bool = True,
    ) -> float:
        """Similarity (0-1) of a query's loose form and the name it matched through a key.

        A key that came from an Arabic-script name is compared with the place's Latin
        names instead (a Latin query and an Arabic name share no letters). Those Latin names
        may be translations (OCHA's "Madiq Castle" for قلعة المضيق, "Eastern Kwaires"), so
        a long shared consonant skeleton counts as evidence on its own.

        With ``sound`` (the default, for names whose skeletons agree) the spellings are
        also compared with transliteration habits evened out (:func:`sound_form`); fuzzy
        matching, where the skeletons differ, compares them as written.
        """
        if not _has_arabic(matched) or _has_arabic(q_loose):
            if loose is not None:
                if sound:
                    return _sound_ratio(q_loose, loose)
                return fuzz.ratio(q_loose, loose) / 100.0
            return _loose_ratio(q_loose, matched, sound=sound)
        place = self.places[idx]
        best = _loose_ratio(q_loose, place.name, sound=sound)
        for alias in place.aliases[:6]:
            if not _has_arabic(alias):
                best = max(best, _loose_ratio(q_loose, alias, sound=sound))
        return max(best, _SKELETON_EVIDENCE.get(min(len(key), 6), 0.0))

    def entries(self, norm: str) -> tuple[tuple[int, str], ...]:
        """Exact-key entries ``(place index, matched name)`` of a normalised name."""
        return self.exact.get(norm, ())

    def variant_entries(self, key: str) -> tuple[tuple[int, str, str], ...]:
        """Variant-key entries ``(place index, matched name, its loose form)`` of a key."""
        return self.variant.get(key, ())

    def base_entries(self, key: str) -> tuple[tuple[int, str, str], ...]:
        """Base-name entries ``(place index, full name, base loose form)`` of a skeleton key.

        A place named with a qualifier (``Joubar Sharqi``, ``Mazzeh 86``, ``Barza al-Balad``)
        is filed here under its base name too; the loose form is empty when the base came
        from an Arabic-script name.
        """
        return self.base.get(key, ())

    @property
    def blocks(self) -> dict[str, tuple[str, ...]]:
        """Skeleton keys grouped by their first letter (the fuzzy-matching blocks)."""
        if self._blocks is None:
            groups: dict[str, list[str]] = {}
            for k in self.variant:
                groups.setdefault(k[0], []).append(k)
            self._blocks = {b: tuple(sorted(ks, key=len)) for b, ks in groups.items()}
        return self._blocks

    def with_precision(self, place: Place, precision: int) -> Place:
        """A copy of ``place`` with another precision code (``outskirts of X``)."""
        return replace(place, precision=precision)

    def places_in(self, admin1: str | None = None, admin2: str | None = None) -> Sequence[Place]:
        """Places whose governorate / district equals the given names."""
        return [
            p
            for p in self.places
            if (admin1 is None or p.admin1 == admin1) and (admin2 is None or p.admin2 == admin2)
        ]
