"""Resolving place names to places, with context.

A query is tried, in order, as an exact normalised name, as a transliteration variant
(:func:`~gazetteer.normalize.skeleton_keys`, kept only when the spellings also agree), with
generic words stripped (``outskirts of X``, ``X countryside``, ``Idlib province``), without
qualifiers (``X al-Sharqi``, ``Eastern X``, ``X al-Balad``, ``Tell X``), and last by blocked
fuzzy matching. Compound strings (``Aleppo - Sheikh Maqsoud``, ``Saraqib, Idlib``,
``A (B)``, ``A / B``) are split when the whole does not resolve. Candidates are then ranked by
context: the country prior, a feature hint, an enclosing area, the other places of the
document and each place's own prior (feature rank, population, coordinate quality); a rival
of the same name elsewhere lowers the score. An unknown name resolves to nothing rather than
to junk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Literal, Protocol

from .errors import PlaceNotFoundError
from .index import (
    _ARTICLE_WORDS,
    Gazetteer,
    _loose_ratio,
    _sound_ratio,
    haversine_km,
    loose_form,
)
from .matching import fuzzy_candidates
from .normalize import (
    base_names,
    generic_hint,
    is_common_word,
    normalize_name,
    skeleton_keys,
    strip_generic,
    strip_qualifiers,
)
from .records import PRECISION_NEAR, Match, MatchMethod, Place, Resolution

__all__ = ["FeatureHint", "OnlineGeocoder", "Resolver", "default_resolver"]

FeatureHint = Literal["populated", "admin1", "admin2", "region", "country", "facility"]
_HINTS = ("populated", "admin1", "admin2", "region", "country", "facility")
#: GeoNames feature codes of the facilities that war reports name: airbases, airfields and
#: airports, border and customs posts, dams, prisons, military bases and installations (a
#: user's full GeoNames dump also holds schools, wells and streams in classes S and H).
_FACILITY_CODES = frozenset("AIRB AIRF AIRH AIRP AIRQ PSTB PSTC PSTP DAM PRN MILB INSM".split())
#: Words that name a facility after its name, tried for a bare name with a facility hint.
_FACILITY_WORDS = ("airbase", "airport", "crossing", "dam", "prison")
#: An English word for a height before its name ("Mount Qasioun"): the name follows it.
#: Arabic names keep theirs ("Jabal al-Zawiya" is the gazetteer's name).
_HEIGHT_PREFIX_RE = re.compile(r"^(?:mount|mt) (?=\S)")


class OnlineGeocoder(Protocol):
    """What :class:`Resolver` needs from an optional online geocoder."""

    def geocode(self, name: str, *, country: str | None = None) -> Place | None:
        """Return a place for ``name`` or None."""
        ...


# (place index, matched name, method, similarity 0-1, approximate)
_Cand = tuple[int, str, MatchMethod, float, bool]
# (place index, score 0-1, matched name, method, approximate): a ranked answer, compact
_Packed = tuple[int, float, str, MatchMethod, bool]

#: Variant (skeleton) matches score between these bounds, by spelling similarity.
_VARIANT_FLOOR = 0.70
_VARIANT_SPAN = 0.27
#: Variant matches whose spellings (without articles) agree less than this are dropped.
_VARIANT_MIN_SIM = 0.5
#: ... and for skeletons of one or two letters (``Darayya`` -> ``dr``), this much.
_SHORT_KEY_MIN_SIM = 0.65
#: A place reached through its base name (``Joubar`` of ``Joubar Sharqi``) needs this
#: spelling similarity, and scores this much below a variant of the same similarity.
_BASE_MIN_SIM = 0.75
_BASE_PENALTY = 0.02
#: When a foreign place matches exactly, home variants need this spelling similarity.
_FOREIGN_EXACT_MIN_SIM = 0.9
#: Weight of a place's static prior (feature rank, population) against the spelling.
_PRIOR_WEIGHT = 0.2
#: Fuzzy matches below this similarity are not answers.
_FUZZY_MIN = 0.84
#: ... and for names of five letters or fewer (without articles), this much.
_FUZZY_SHORT_MIN = 0.88
#: Default number of runners-up, and default minimum score.
#: A leading English article ("the Golan Heights").
_LEADING_THE_RE = re.compile(r"^\s*the\s+", re.IGNORECASE)
DEFAULT_LIMIT = 5
DEFAULT_MIN_SCORE = 0.45
#: Two candidates farther apart than this are different answers (ambiguity).
_SAME_PLACE_KM = 15.0
#: A place matched only by one part of its compound name ("Golan" of OCHA's "Golan -
#: Qurret Qawaqez") weighs this much against a place that bears the name whole.
_COMPOUND_PART = 0.95


class Resolver:
    """Resolve place names against a :class:`~gazetteer.index.Gazetteer`.

    Parameters
    ----------
    gazetteer
        The places to resolve against.
    default_country
        ISO code preferred when a query does not say (``"SY"``); None for no preference.
    min_score
        Best matches scoring below this (0-1) are not returned as the answer (they stay
        among the candidates).
    online
        Optional online geocoder (``.geocode(name, *, country=None) -> Place | None``),
        asked only when the offline data has no answer.

    Examples
    --------
    >>> import gazetteer
    >>> r = gazetteer.default_resolver()
    >>> r.resolve("Erbin").best.place.name
    '‘Irbīn'
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        default_country: str | None = "SY",
        min_score: float = DEFAULT_MIN_SCORE,
        online: OnlineGeocoder | None = None,
    ) -> None:
        if not 0.0 <= min_score <= 1.0:
            msg = f"min_score must be within [0, 1], got {min_score!r}"
            raise ValueError(msg)
        self.gazetteer = gazetteer
        self.default_country = default_country.upper() if default_country else None
        self.min_score = min_score
        self.online = online
        self._plain: dict[tuple[str, int], Resolution] = {}
        #: Answers of exact names without context, by the query as written.
        self._raw: dict[str, Resolution] = {}
        # Precomputed no-context answers of every exact name key (built with the data).
        self._table: dict[str, tuple[_Packed, ...]] | None = None
        if gazetteer.answers_key == (self.default_country, self.min_score):
            self._table = gazetteer.answers
        self._matches: dict[str, tuple[Match | None, tuple[Match, ...]]] | None = None

    def _exact_matches(self) -> dict[str, tuple[Match | None, tuple[Match, ...]]]:
        """The precomputed answers as :class:`Match` objects, built at first use."""
        if self._matches is None:
            table = self._table or {}
            out = {}
            for norm, packed in table.items():
                res = self._materialize("", packed, DEFAULT_LIMIT)
                out[norm] = (res.best, res.candidates)
            self._matches = out
        return self._matches

    def exact_answers(self) -> dict[str, tuple[_Packed, ...]]:
        """The packed no-context answer of every exact name key of the gazetteer.

        Stored with the embedded data (:func:`~gazetteer.loader.load_default`) so that an
        exact hit costs a normalisation, one dictionary lookup and a few small objects.
        """
        out = {}
        for norm in self.gazetteer.exact:
            packed = self._rank(norm, None, None, None, (), DEFAULT_LIMIT)
            if packed:
                out[norm] = tuple(packed)
        return out

    # --- public API --------------------------------------------------------------------
    def resolve(
        self,
        name: str,
        *,
        country: str | None = None,
        feature_hint: FeatureHint | None = None,
        within: str | None = None,
        near: Sequence[tuple[float, float]] = (),
        limit: int = 5,
        strict_country: bool = False,
    ) -> Resolution:
        """Resolve one place name.

        Parameters
        ----------
        name
            The place as written (any script, any transliteration).
        country
            ISO 3166-1 alpha-2 code the place should lie in; overrides the default country.
        feature_hint
            ``"populated"`` (the text says town/village/city), ``"admin1"``
            (province/governorate), ``"admin2"`` (district), ``"region"``, ``"country"`` or
            ``"facility"`` (airbase, airport, border crossing, dam).
        within
            Name of an enclosing area (``"Idlib"``, ``"Idlib province"``, ``"Rural Damascus"``):
            candidates inside it are preferred.
        near
            ``(lat, lon)`` points of other places in the same document.
        limit
            Number of runners-up returned in :attr:`Resolution.candidates`.
        strict_country
            Only places in ``country`` (or the default country) are candidates: a foreign
            place named exactly ("Saida", an alias of Sidon) no longer hides a home place
            spelled nearly so ("Sayda"). For a caller whose context says the place is at home.

        Returns
        -------
        Resolution
            ``best`` is None when nothing scores at least ``min_score``.
        """
        if (
            country is None
            and not strict_country
            and feature_hint is None
            and not within
            and not near
            and limit == DEFAULT_LIMIT
            and self._table is not None
        ):
            # the common case: no context, an exact name -> one dictionary lookup, keyed
            # on the string as written once it has been seen (no normalisation at all)
            seen = self._raw.get(name)
            if seen is not None:
                return seen
            known = (self._matches or self._exact_matches()).get(normalize_name(name))
            if known is not None and (self.online is None or known[0] is not None):
                res = Resolution(name, known[0], known[1])
                if len(self._raw) >= 200_000:
                    self._raw.clear()
                self._raw[name] = res
                return res
        if feature_hint is not None and feature_hint not in _HINTS:
            msg = f"feature_hint must be one of {_HINTS!r} or None, got {feature_hint!r}"
            raise ValueError(msg)
        norm = normalize_name(name)
        if not norm:
            return Resolution(query=name, best=None, candidates=())
        plain = (
            country is None and feature_hint is None and not within and not near
            and not strict_country
        )  # fmt: skip
        if plain:
            cached = self._plain.get((norm, limit))
            if cached is not None:
                if cached.query == name:
                    return cached
                return Resolution(query=name, best=cached.best, candidates=cached.candidates)
        res = self._resolve(
            name, norm, country, feature_hint, within, tuple(near), limit, strict_country
        )
        if res.best is None:
            parts = _split_compound(name)
            if parts is not None:
                res = self._resolve_compound(name, parts, country, feature_hint, within,
                                             tuple(near), limit, strict_country) or res  # fmt: skip
        if res.best is None:
            bare = _LEADING_THE_RE.sub("", name, count=1)
            if bare != name and bare.strip():
                # "the Golan Heights", "The Ghouta": English's article is no part of the name
                found = self.resolve(bare, country=country, feature_hint=feature_hint,
                                     within=within, near=near, limit=limit,
                                     strict_country=strict_country)
                if found.best is not None:
                    res = Resolution(query=name, best=found.best, candidates=found.candidates)
        if res.best is None and self.online is not None:
            res = self._ask_online(name, country, res)
        if plain:
            if len(self._plain) > 200_000:
                self._plain.clear()
            self._plain[(norm, limit)] = res
        return res

    def resolve_many(self, names: Iterable[str], **context) -> list[Resolution]:  # type: ignore[no-untyped-def]
        """Resolve several names with the same context (see :meth:`resolve`)."""
        return [self.resolve(n, **context) for n in names]

    def resolve_one(self, name: str, *, strict: bool = True, **context) -> Match | None:  # type: ignore[no-untyped-def]
        """Return the best match of ``name``.

        Raises
        ------
        PlaceNotFoundError
            When ``strict`` and nothing matched; its ``suggestions`` hold close names.
        """
        res = self.resolve(name, **context)
        if res.best is not None:
            return res.best
        if not strict:
            return None
        raise PlaceNotFoundError(name, self.suggest(name))

    def suggest(self, name: str, *, limit: int = 3) -> tuple[str, ...]:
        """Close gazetteer names for a "did you mean" message."""
        norm = normalize_name(name)
        if not norm:
            return ()
        out: list[str] = []
        cands = fuzzy_candidates(self.gazetteer, norm, skeleton_keys(norm), key_cutoff=60.0)
        for idx, _matched, _sim in cands:
            pname = self.gazetteer.places[idx].name
            if pname not in out:
                out.append(pname)
            if len(out) >= limit:
                break
        return tuple(out)

    # --- candidates --------------------------------------------------------------------
    def _resolve_compound(
        self,
        name: str,
        parts: tuple[str, str, str],
        country: str | None,
        hint: FeatureHint | None,
        within: str | None,
        near: tuple[tuple[float, float], ...],
        limit: int,
        strict: bool = False,
    ) -> Resolution | None:
        """Resolve ``City - Neighbourhood``, ``Village, Governorate``, ``A (B)``, ``A / B``."""
        kind, first, second = parts
        ctx = {"country": country, "limit": limit, "strict_country": strict}
        if kind == "alt":  # two names of the same place
            for part in (first, second):
                res = self.resolve(part, feature_hint=hint, within=within, near=near, **ctx)
                if res.best is not None:
                    return Resolution(name, res.best, res.candidates)
            return None
        if kind == "context":  # "Saraqib, Idlib": the second part encloses the first
            res = self.resolve(first, feature_hint=hint, within=second, near=near, **ctx)
            if res.best is not None:
                return Resolution(name, res.best, res.candidates)
            res = self.resolve(second, within=within, near=near, **ctx)
            return Resolution(name, res.best, res.candidates) if res.best is not None else None
        # "Aleppo - Sheikh Maqsoud": a part of the first place
        outer = self.resolve(first, within=within, near=near, **ctx)
        if outer.best is None:
            return None
        o = outer.best.place
        inner = self.resolve(second, feature_hint=hint, near=((o.lat, o.lon),), **ctx)
        if inner.best is not None:
            p = inner.best.place
            if haversine_km(o.lat, o.lon, p.lat, p.lon) <= 30.0:
                return Resolution(name, inner.best, inner.candidates)
        part_of = o if o.precision > PRECISION_NEAR else replace(o, precision=PRECISION_NEAR)
        best = Match(part_of, outer.best.score, outer.best.matched_name, outer.best.method)
        return Resolution(name, best, outer.candidates)

    def _exact(self, norm: str, approx: bool) -> list[_Cand]:
        return [(i, n, "exact", 1.0, approx) for i, n in self.gazetteer.entries(norm)]

    def _variants(self, norm: str, approx: bool, seen: set[int]) -> list[_Cand]:
        g = self.gazetteer
        out: list[_Cand] = []
        q_loose = loose_form(norm)
        # "Hmeimim airbase" and "Hamah air base" share their generic words: compare the
        # names without them, or every facility of a kind would look alike
        stem = strip_generic(norm)[0]
        q_stem = loose_form(stem) if stem and stem != norm else None
        for rank, key in enumerate(skeleton_keys(norm)):
            for i, n, loose in g.variant_entries(key):
                if i in seen:
                    continue
                sim = g.spelling_similarity(q_loose, n, i, key, loose)
                if q_stem is not None and loose:
                    n_norm = normalize_name(n)
                    n_stem = strip_generic(n_norm)[0]
                    if n_stem and n_stem != n_norm:
                        sim = min(sim, _sound_ratio(q_stem, loose_form(n_stem)))
                if sim < _VARIANT_MIN_SIM or (len(key) <= 2 and sim < _SHORT_KEY_MIN_SIM):
                    continue  # same skeleton, different spelling: not the same name
                seen.add(i)
                score = _VARIANT_FLOOR + _VARIANT_SPAN * sim - 0.03 * rank
                out.append((i, n, "variant", score, approx))
        return out

    def _bases(self, norm: str, seen: set[int]) -> list[_Cand]:
        """Places whose name is the query plus a qualifier (``Mazzeh`` -> ``Mazzeh 86``).

        Such a match names the place only approximately (a quarter of the town, one of
        its two halves), so it is marked approximate and scores below a plain variant.
        """
        g = self.gazetteer
        q_loose = loose_form(norm)
        out: list[_Cand] = []
        for rank, key in enumerate(skeleton_keys(norm)):
            for i, n, loose in g.base_entries(key):
                if i in seen:
                    continue
                if loose:
                    sim = _sound_ratio(q_loose, loose)
                else:  # the base of an Arabic name: its Latin names decide
                    sim = self._latin_base_similarity(q_loose, i)
                if sim < _BASE_MIN_SIM:
                    continue
                seen.add(i)
                score = _VARIANT_FLOOR + _VARIANT_SPAN * sim - _BASE_PENALTY - 0.03 * rank
                out.append((i, n, "variant", score, True))
        return out

    def _latin_base_similarity(self, q_loose: str, idx: int) -> float:
        place = self.gazetteer.places[idx]
        best = 0.0
        for name in (place.name, *place.aliases[:6]):
            if _has_arabic(name):
                continue
            norm = normalize_name(name)
            for b in (norm, *base_names(norm)):
                loose = loose_form(b)
                best = max(best, _sound_ratio(q_loose, loose))
        return best

    def _lookup(
        self, norm: str, approx: bool, target_cc: str | None, strict: bool = False
    ) -> list[_Cand]:
        """Exact hits, plus transliteration variants when no exact hit is a populated
        place in the country (``al-Raqqa`` written exactly as the governorate is named must
        still find the city spelled ``Ar Raqqah``). With ``strict``, foreign exact hits are
        dropped first, so they hide no home variant."""
        cands = self._exact(norm, approx)
        places = self.gazetteer.places
        if strict:
            cands = [c for c in cands if places[c[0]].country_code == target_cc]
        for c in cands:
            p = places[c[0]]
            if p.feature_class == "P" and (target_cc is None or p.country_code == target_cc):
                return cands
        variants = self._variants(norm, approx, {c[0] for c in cands})
        if not cands:
            variants = self._article_dropped(norm, approx, variants)
        bases = self._bases(norm, {c[0] for c in cands} | {v[0] for v in variants})
        if any(places[c[0]].country_code != target_cc for c in cands):
            # a foreign place named exactly ("Sidon") beats a loose home variant
            # ("Sadouni") and a home place named with a qualifier ("Sidon Gharbi"); only a
            # very close spelling ("Raqa" for Raqqa) stays in the running
            # (as written: "Sayda" sounds as "Saida", the alias of Sidon, but is not it)
            floor = _VARIANT_FLOOR + _VARIANT_SPAN * _FOREIGN_EXACT_MIN_SIM
            q_loose = loose_form(norm)
            variants = [
                v for v in variants
                if v[3] >= floor
                and _loose_ratio(q_loose, v[1], sound=False) >= _FOREIGN_EXACT_MIN_SIM
            ]
            bases = []
        return cands + variants + bases

    def _article_dropped(self, norm: str, approx: bool, variants: list[_Cand]) -> list[_Cand]:
        """Add the places named exactly as the query without its leading article
        (``al-Mleiha`` -> ``Mleiha``), scored as spelling variants of the query.

        The variant index keeps one name per place and key, so a place whose other names
        are spelled differently ("Al Mulayḩah") is otherwise reached only loosely. The
        form without the article is a variant, not an exact match: a nearer place the
        document names, or one spelled closer to the query, can still beat it.
        """
        words = norm.split()
        if len(words) < 2 or words[0] not in _ARTICLE_WORDS:
            return variants
        bare = " ".join(words[1:])
        entries = self.gazetteer.entries(bare)
        if not entries:
            return variants
        q_loose = loose_form(norm)
        best = {v[0]: v for v in variants}
        for i, n in entries:
            sim = _sound_ratio(q_loose, loose_form(normalize_name(n)))
            if sim < _VARIANT_MIN_SIM:
                continue
            score = _VARIANT_FLOOR + _VARIANT_SPAN * sim
            if i not in best or best[i][3] < score:
                best[i] = (i, n, "variant", score, approx)
        return list(best.values())

    def _facilities(self, norm: str) -> list[_Cand]:
        """Facilities named ``X <kind word>`` for a bare ``X`` that the text calls a
        facility (``feature_hint="facility"``): ``Nasib`` -> ``Nasib crossing``."""
        out: list[_Cand] = []
        places = self.gazetteer.places
        stem = strip_generic(norm)[0] or norm  # "the Shairat air base" -> "shairat"
        for word in _FACILITY_WORDS:
            for i, n, m, s, a in self._lookup(f"{stem} {word}", False, None):
                if places[i].feature_code in _FACILITY_CODES:
                    out.append((i, n, m, s, a))
        return out

    def _candidates(self, norm: str, target_cc: str | None, strict: bool = False) -> list[_Cand]:
        """Candidates of a query: exact, then variant, then without generic words, then fuzzy.

        A frequent English word (``The``, ``School``) is matched only exactly.
        """
        if is_common_word(norm):
            return self._exact(norm, False)
        height = _HEIGHT_PREFIX_RE.match(norm)
        if height is not None:
            # "Mount Qasioun" is Qasioun unless the gazetteer holds the English name: its
            # spelling is compared without the English word ("Mount Foo" is not "Moataf")
            exact = self._exact(norm, False)
            if exact:
                return exact
            return self._candidates(norm[height.end():], target_cc, strict)
        cands = self._lookup(norm, False, target_cc, strict)
        if cands:
            return cands
        stripped, approx = strip_generic(norm)
        if stripped and stripped != norm:
            cands = self._lookup(stripped, approx, target_cc, strict)
            if cands:
                return cands
        target = stripped or norm
        if is_common_word(target):
            return self._exact(target, approx)
        base = strip_qualifiers(target)  # "Al Karak al Sharqi" -> "Karak", "Tell Mardikh"
        if base != target:
            cands = self._lookup(base, True, target_cc, strict)
            if cands:
                return [(i, n, m, s * 0.95, a) for i, n, m, s, a in cands]
        fuzzy = fuzzy_candidates(self.gazetteer, target, skeleton_keys(target))
        # a one-letter difference is a typo in a long name, another name in a short one
        floor = _FUZZY_MIN - 0.1 if len(loose_form(target)) > 5 else _FUZZY_SHORT_MIN
        fuzzy = [(i, n, s) for i, n, s in fuzzy if s >= floor]
        if fuzzy and generic_hint(norm) != "facility":
            # a facility is reached loosely only when the text calls it one: "Euphrates
            # valley" is not the Euphrates dam
            places = self.gazetteer.places
            fuzzy = [f for f in fuzzy if places[f[0]].feature_code not in _FACILITY_CODES]
        return [(i, n, "fuzzy", s, approx) for i, n, s in fuzzy]

    # --- context -----------------------------------------------------------------------
    def _resolve(
        self,
        name: str,
        norm: str,
        country: str | None,
        hint: FeatureHint | None,
        within: str | None,
        near: tuple[tuple[float, float], ...],
        limit: int,
        strict: bool = False,
    ) -> Resolution:
        packed = self._rank(norm, country, hint, within, near, limit, strict)
        if not packed:
            return Resolution(query=name, best=None, candidates=())
        return self._materialize(name, packed, limit)

    def _rank(
        self,
        norm: str,
        country: str | None,
        hint: FeatureHint | None,
        within: str | None,
        near: tuple[tuple[float, float], ...],
        limit: int,
        strict: bool = False,
    ) -> list[_Packed]:
        """Candidates of a normalised query ranked in context, packed, best first."""
        g = self.gazetteer
        target_cc = (country or self.default_country or "").upper() or None
        cands = self._candidates(norm, target_cc, strict and target_cc is not None)
        if hint is None:
            implied = generic_hint(norm)  # "Idlib province", "the village of X"
            if implied is not None and not g.entries(norm):
                hint = implied  # type: ignore[assignment]
        if hint == "facility":
            cands = cands + self._facilities(norm)
        if strict and target_cc is not None:
            cands = [c for c in cands if g.places[c[0]].country_code == target_cc]
        if not cands:
            return []
        area = self._area(within) if within else None
        # "Golan": a region (or town) named so whole beats a community of which it names
        # only one half ("Golan - Qurret Qawaqez"); alone, the half still names it
        parts = {c[0] for c in cands if c[2] == "exact" and _compound_part(g, c[0], c[1])}
        if parts and all(c[0] in parts for c in cands if c[2] == "exact"):
            parts = set()
        ranked: dict[int, tuple[float, _Cand]] = {}
        for cand in cands:
            idx, _n, method, sim, _approx = cand
            place = g.places[idx]
            ctx = 1.0 - _PRIOR_WEIGHT + _PRIOR_WEIGHT * g.prior[idx]
            if idx in parts:
                ctx *= _COMPOUND_PART
            ctx *= self._country_factor(place, method, target_cc, explicit=country is not None)
            ctx *= _hint_factor(place, hint)
            if area is not None:
                ctx *= _area_factor(place, area)
            if near:
                ctx *= _near_factor(place, near)
            value = sim * ctx
            if method == "fuzzy" and sim < _FUZZY_MIN:
                value *= 0.5
            if idx not in ranked or value > ranked[idx][0]:
                ranked[idx] = (value, cand)
        order = sorted(ranked.values(), key=lambda t: (-t[0], t[1][0]))
        top_value, top = order[0]
        top_place = g.places[top[0]]
        # Ambiguity: a strong rival at another location lowers the confidence.
        rival = 0.0
        for value, cand in order[1:]:
            p = g.places[cand[0]]
            if _nested(top_place, p):
                continue  # a town and the district or governorate it names are not rivals
            if haversine_km(top_place.lat, top_place.lon, p.lat, p.lon) > _SAME_PLACE_KM:
                rival = value
                break
        ambiguity = 1.0 - 0.4 * (rival / top_value) ** 2 if top_value > 0 else 0.0
        packed = []
        for pos, (value, (idx, matched, method, _sim, approx)) in enumerate(order[: limit + 1]):
            if pos == 0:
                score = min(1.0, value) * ambiguity
            else:
                score = min(1.0, value) * (1.0 - 0.4 * min(1.0, top_value / value) ** 2)
            packed.append((idx, round(max(0.0, min(1.0, score)), 4), matched, method, approx))
        return packed

    def _materialize(self, name: str, packed: Sequence[_Packed], limit: int) -> Resolution:
        """Build the :class:`Resolution` of packed ``(index, score, name, method, approx)``."""
        places = self.gazetteer.places
        matches = []
        for idx, score, matched, method, approx in packed:
            place = places[idx]
            if approx and place.precision < PRECISION_NEAR:
                place = replace(place, precision=PRECISION_NEAR)
            matches.append(Match(place, score, matched, method))
        if matches[0].score >= self.min_score:
            return Resolution(name, matches[0], tuple(matches[1 : limit + 1]))
        return Resolution(name, None, tuple(matches[:limit]))

    def _country_factor(
        self, place: Place, method: MatchMethod, target: str | None, *, explicit: bool
    ) -> float:
        if target is None or place.country_code == target:
            return 1.0
        if explicit:
            return 0.45
        # A foreign capital or country named exactly beats an obscure home village of the
        # same spelling; a loose variant of a foreign name does not.
        if method == "exact" and place.feature_code in ("PCLI", "PPLC"):
            return 0.93
        if method == "exact":
            return 0.8
        return 0.6

    def _area(self, within: str) -> tuple[frozenset[str], frozenset[str], Place | None] | None:
        """The governorates / districts (or a point) that ``within`` names."""
        return _area_of(self.gazetteer, normalize_name(within))

    def _ask_online(self, name: str, country: str | None, res: Resolution) -> Resolution:
        assert self.online is not None
        place = self.online.geocode(name, country=country or self.default_country)
        if place is None:
            return res
        match = Match(place=place, score=0.6, matched_name=place.name, method="online")
        return Resolution(query=name, best=match, candidates=res.candidates)


_DASH_RE = re.compile(r"\s+[-\u2013\u2014]\s+")
_PAREN_RE = re.compile(r"^(.+?)\s*\((.+)\)\s*$")


def _split_compound(name: str) -> tuple[str, str, str] | None:
    """Split ``A - B`` (part), ``A, B`` / ``A (B)`` (context) or ``A / B`` (alternatives)."""
    m = _PAREN_RE.match(name)
    if m:
        return ("context", m.group(1).strip(), m.group(2).strip())
    pieces = _DASH_RE.split(name, maxsplit=1)
    if len(pieces) == 2 and all(p.strip() for p in pieces):
        return ("part", pieces[0].strip(), pieces[1].strip())
    for sep, kind in ((",", "context"), ("/", "alt")):
        if sep in name:
            a, _, b = name.partition(sep)
            if a.strip() and b.strip():
                return (kind, a.strip(), b.strip())
    return None


def _compound_part(g: Gazetteer, idx: int, matched: str) -> bool:
    """True when ``matched`` is one part of the compound name of place ``idx`` (OCHA's
    ``A - B``, ``A_B`` in Arabic), not a name of its own."""
    place = g.places[idx]
    if " - " not in place.name or matched == place.name:
        return False
    cache = g.aux.setdefault("compound_parts", {})
    parts = cache.get(idx)
    if parts is None:
        found = set()
        for name in (place.name, *place.aliases):
            for sep in (" - ", "_"):
                if sep in name:
                    found.update(normalize_name(x) for x in name.split(sep) if x.strip())
        parts = cache[idx] = frozenset(found)
    return normalize_name(matched) in parts


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _nested(a: Place, b: Place) -> bool:
    """True when one of the two is an area that contains (or names) the other."""
    for area, other in ((a, b), (b, a)):
        if area.feature_class in ("A", "L") and area.country_code == other.country_code:
            if area.feature_code == "ADM1" and area.admin1 == other.admin1:
                return True
            if area.feature_code in ("ADM2", "ADM3") and area.admin2 == other.admin2:
                return True
            if area.feature_code.startswith("PCL"):
                return True
    return False


def _hint_factor(place: Place, hint: FeatureHint | None) -> float:
    fcode = place.feature_code
    fclass = place.feature_class
    if hint is None:
        if fclass == "P":
            return 1.0
        # a facility or curated region named exactly ("Tiyas", "Menagh", "Ghouta") beats a
        # village that only sounds the same ("Ghota"); a town of the very same name still
        # beats it
        return 0.97 if fcode in _FACILITY_CODES or fcode == "RGN" else 0.93
    if hint == "facility":
        # the village a facility is named after is a fair answer when the facility is unknown
        return 1.15 if fcode in _FACILITY_CODES else (0.8 if fclass == "P" else 0.6)
    if hint == "populated":
        return 1.0 if fclass == "P" else 0.6
    if hint == "admin1":
        return 1.15 if fcode == "ADM1" else 0.6
    if hint == "admin2":
        return 1.1 if fcode == "ADM2" else (1.0 if fcode == "ADM3" else 0.6)
    if hint == "region":
        return 1.1 if fcode == "RGN" else (0.95 if fclass == "A" else 0.7)
    # country
    return 1.15 if fcode.startswith("PCL") else 0.5


@lru_cache(maxsize=4096)
def _area_cache_key(norm: str) -> str:
    return strip_generic(norm)[0] or norm


def _area_of(g: Gazetteer, norm: str) -> tuple[frozenset[str], frozenset[str], Place | None] | None:
    cache = g.aux.setdefault("areas", {})
    if norm in cache:
        return cache[norm]
    key = _area_cache_key(norm)
    best: tuple[int, Place] | None = None
    order = {"ADM1": 0, "ADM2": 1, "PCLI": 2, "RGN": 3, "ADM3": 4}
    hits = [g.places[i] for i, _ in g.entries(norm)]  # "Damascus countryside" as named
    if not hits:
        hits = [g.places[i] for i, _ in g.entries(key)]
    if not hits:
        for k in skeleton_keys(key):
            hits.extend(g.places[e[0]] for e in g.variant_entries(k))
    for p in hits:
        rank = order.get(p.feature_code, 5 if p.feature_class == "P" else 6)
        if best is None or rank < best[0]:
            best = (rank, p)
    result: tuple[frozenset[str], frozenset[str], Place | None] | None
    if best is None:
        result = None
    else:
        p = best[1]
        if p.feature_code == "ADM1" and p.admin1:
            # "the Damascus suburb of X": a city-governorate reaches into the governorate of
            # its countryside ("Rural Damascus", Rif Dimashq), which reports call by its name
            rural = {
                q.admin1
                for i, _ in g.entries(normalize_name(f"rural {p.admin1}"))
                if (q := g.places[i]).feature_code == "ADM1" and q.admin1
            }
            result = (frozenset({p.admin1, *rural}), frozenset(), None)
        elif p.feature_code in ("ADM2", "ADM3") and p.admin2:
            result = (frozenset(), frozenset({p.admin2}), None)
        elif p.feature_code.startswith("PCL"):
            result = (frozenset({"cc:" + p.country_code}), frozenset(), None)
        else:
            result = (frozenset(), frozenset(), p)
    cache[norm] = result
    return result


def _area_factor(place: Place, area: tuple[frozenset[str], frozenset[str], Place | None]) -> float:
    admin1s, admin2s, point = area
    if point is not None:
        d = haversine_km(place.lat, place.lon, point.lat, point.lon)
        radius = 30.0 if point.feature_code == "RGN" else 15.0
        return 1.15 if d <= radius else 0.6
    if place.admin1 in admin1s or place.admin2 in admin2s:
        return 1.15
    if "cc:" + place.country_code in admin1s:
        return 1.15
    return 0.5


def _near_factor(place: Place, near: tuple[tuple[float, float], ...]) -> float:
    """Closeness to the document's other places: a tie-breaker, not a veto.

    News reports jump across the country (Idlib, then Raqqa, in one paragraph), so a far
    place loses only a little; a near one gains a little more. A much better spelled,
    larger place far away must still beat a loosely spelled village next door.
    """
    d = min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in near)
    if d <= 15:
        return 1.12
    if d <= 50:
        return 1.06
    if d <= 150:
        return 1.0
    return 0.95


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The cached :class:`Resolver` over :func:`~gazetteer.loader.load_default` (Syria first)."""
    from .loader import load_default

    return Resolver(load_default(), default_country="SY")
