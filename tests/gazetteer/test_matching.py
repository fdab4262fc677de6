"""Tests of gazetteer.matching: blocked fuzzy candidates."""

from __future__ import annotations

import gazetteer
from gazetteer.matching import _block_slice, fuzzy_candidates
from gazetteer.normalize import normalize_name, skeleton_keys


def _names(query: str) -> list[str]:
    g = gazetteer.load_default()
    norm = normalize_name(query)
    return [g.places[i].name for i, _, _ in fuzzy_candidates(g, norm, skeleton_keys(norm))]


def test_typos_find_the_place() -> None:
    assert "Sarāqib" in _names("Saraqibb")[:3]
    assert "Kafranbel" in _names("Kafr Nablx")[:3]


def test_far_strings_score_low() -> None:
    g = gazetteer.load_default()
    norm = normalize_name("Qwertyuiop")
    sims = [s for _, _, s in fuzzy_candidates(g, norm, skeleton_keys(norm))]
    assert all(s < 0.74 for s in sims)  # below what the resolver accepts
    assert gazetteer.default_resolver().resolve("Qwertyuiop").best is None


def test_fuzzy_matching_is_blocked() -> None:
    g = gazetteer.load_default()
    key = skeleton_keys(normalize_name("Saraqibb"))[0]
    block = _block_slice(g, key)
    # only keys with the same first letter and a similar length are scored
    assert 0 < len(block) < len(g.variant) / 10
    assert all(k[0] == key[0] and abs(len(k) - len(key)) <= 2 for k in block)
