"""Blocked fuzzy matching of a name against the gazetteer's transliteration keys.

Only the keys of the query's block are scored (same first skeleton letter, similar length),
never every name: :func:`rapidfuzz.process.extract` runs over a few hundred short keys.
Candidates are then re-scored on the article-free spelling, so that two names must agree
both as consonant skeletons and as written.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rapidfuzz import fuzz, process

from .index import Gazetteer, _loose_ratio, loose_form

__all__ = ["fuzzy_candidates", "similarity"]

#: Minimum skeleton similarity (0-100) for a key to be considered at all.
KEY_CUTOFF = 75.0


def similarity(query_loose: str, name: str) -> float:
    """Similarity (0-1) of a query's loose form and a candidate name (any spelling)."""
    return _loose_ratio(query_loose, name, sound=False)


def _block_slice(g: Gazetteer, key: str) -> list[str]:
    block = g.blocks.get(key[:1], ())
    if not block:
        return []
    lengths = _block_lengths(g, key[:1])
    lo = bisect_left(lengths, len(key) - 2)
    hi = bisect_right(lengths, len(key) + 2)
    return list(block[lo:hi])


def _block_lengths(g: Gazetteer, first: str) -> list[int]:
    cache = g.aux.setdefault("block_lengths", {})
    lengths = cache.get(first)
    if lengths is None:
        lengths = [len(k) for k in g.blocks.get(first, ())]
        cache[first] = lengths
    return lengths


def fuzzy_candidates(
    g: Gazetteer,
    normalized: str,
    keys: tuple[str, ...],
    *,
    limit: int = 8,
    key_cutoff: float = KEY_CUTOFF,
) -> list[tuple[int, str, float]]:
    """Places whose transliteration key is close to one of ``keys``.

    Parameters
    ----------
    g
        The gazetteer.
    normalized
        The query, normalised (:func:`~gazetteer.normalize.normalize_name`).
    keys
        The query's skeleton keys (:func:`~gazetteer.normalize.skeleton_keys`).
    limit
        Number of keys kept per query key.
    key_cutoff
        Minimum key similarity (0-100).

    Returns
    -------
    list of (place index, matched name, similarity 0-1)
        Similarity is the mean of the key similarity and the similarity of the spellings
        without articles; best first, one row per place.
    """
    q_loose = loose_form(normalized)
    best: dict[int, tuple[str, float]] = {}
    for key in keys:
        if len(key) < 3:
            continue  # too short to tell a typo from another name
        choices = _block_slice(g, key)
        if not choices:
            continue
        hits = process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=key_cutoff, limit=limit
        )
        for cand_key, key_score, _ in hits:
            for idx, name, loose in g.variant_entries(cand_key):
                spelled = g.spelling_similarity(q_loose, name, idx, "", loose, sound=False)
                sim = 0.5 * key_score / 100.0 + 0.5 * spelled
                if idx not in best or sim > best[idx][1]:
                    best[idx] = (name, sim)
    return sorted(((i, n, s) for i, (n, s) in best.items()), key=lambda t: -t[2])
