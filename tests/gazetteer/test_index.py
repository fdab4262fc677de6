"""Tests of gazetteer.index: the Gazetteer container, exact and variant lookup, merging."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, GazetteerDataError, Place, load_default


def _place(pid: str, name: str, lat: float, lon: float, **kw: object) -> Place:
    return Place(pid, name, lat, lon, kw.pop("country_code", "SY"), **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer.from_places(
        [
            _place("t:1", "Kafr Nabl", 35.614, 36.560, aliases=("كفرنبل", "Kafranbel")),
            _place("t:2", "Saraqib", 35.864, 36.806, population=30000, feature_code="PPLA3"),
            _place("t:3", "Tall Abyad", 36.697, 38.957),
            _place("t:4", "Tal Abyad", 35.9, 37.2),  # a homonymous village elsewhere
        ],
        default_country="SY",
    )


def test_len_iter_get(small: Gazetteer) -> None:
    assert len(small) == 4
    assert [p.place_id for p in small] == ["t:1", "t:2", "t:3", "t:4"]
    assert small.get("t:2").name == "Saraqib"  # type: ignore[union-attr]
    assert small.get("nope") is None
    assert "t:1" in small


def test_exact_and_alias_lookup(small: Gazetteer) -> None:
    assert [p.place_id for p in small.lookup("KAFR-NABL")] == ["t:1"]
    assert [p.place_id for p in small.lookup("كفرنبل")] == ["t:1"]
    assert [p.place_id for p in small.lookup("Kafranbel")] == ["t:1"]


def test_variant_lookup(small: Gazetteer) -> None:
    assert [p.place_id for p in small.lookup("Kafr Nubl")] == ["t:1"]
    assert [p.place_id for p in small.lookup("Saraqeb")] == ["t:2"]
    assert {p.place_id for p in small.lookup("Tell Abiad")} == {"t:3", "t:4"}


def test_lookup_is_not_fuzzy(small: Gazetteer) -> None:
    assert small.lookup("Sraqbx") == ()
    assert small.lookup("") == ()
    assert small.lookup("---") == ()


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(GazetteerDataError, match="duplicate place_id 't:1'"):
        Gazetteer.from_places([_place("t:1", "A", 1, 1), _place("t:1", "B", 2, 2)])


def test_non_place_is_rejected() -> None:
    with pytest.raises(GazetteerDataError, match="expected Place"):
        Gazetteer.from_places([("t:1", "A", 1, 1)])  # type: ignore[list-item]


def test_merged_adds_and_replaces(small: Gazetteer) -> None:
    extra = [_place("u:1", "Ma'rat Harma", 35.58, 36.63), _place("t:2", "Saraqib", 35.86, 36.8)]
    merged = small.merged(extra)
    assert len(merged) == 5
    assert merged.lookup("Maarat Harmah")[0].place_id == "u:1"
    assert merged.get("t:2").population == 0  # type: ignore[union-attr]  # other's version kept
    assert len(small) == 4  # unchanged
    with pytest.raises(GazetteerDataError, match="place ids in both"):
        small.merged(extra, replace_ids=False)


def test_state_round_trip(small: Gazetteer) -> None:
    again = Gazetteer.from_state(small.to_state())
    assert again.places == small.places
    assert again.lookup("Kafr Nubl") == small.lookup("Kafr Nubl")


def test_embedded_data_merges_geonames_and_ocha() -> None:
    g = load_default()
    # the same town is one place, with GeoNames' population and OCHA's admin names
    hits = [p for p in g.lookup("Khan Shaykhun") if p.feature_class == "P"]
    assert len(hits) == 1
    town = hits[0]
    assert town.place_id == "geonames:168325"
    assert town.admin1 == "Idleb"
    assert town.population > 0
    assert "خان شيخون" in town.aliases


def test_embedded_admin1_names_are_ocha_forms() -> None:
    g = load_default()
    admin1 = {p.name for p in g.places if p.feature_code == "ADM1"}
    assert admin1 == {
        "Damascus", "Aleppo", "Rural Damascus", "Homs", "Hama", "Lattakia", "Idleb",
        "Al-Hasakeh", "Deir-ez-Zor", "Tartous", "Ar-Raqqa", "Dar'a", "As-Sweida", "Quneitra",
    }  # fmt: skip
    towns = [p for p in g.places if p.country_code == "SY" and p.feature_class == "P"]
    assert {p.admin1 for p in towns} <= admin1


def test_places_are_filed_under_their_base_names_too() -> None:
    g = Gazetteer.from_places(
        [
            _place("q:1", "Qaboun Gharbi", 33.54, 36.33),
            _place("q:2", "Midan 3", 33.49, 36.30),
            _place("q:3", "Paris Sharqi", 10.0, 10.0, country_code="XX"),  # not home
        ],
        default_country="SY",
    )
    from gazetteer.normalize import skeleton_key

    assert [e[0] for e in g.base_entries(skeleton_key("Qaboun"))] == [0]
    assert [e[0] for e in g.base_entries(skeleton_key("Midan"))] == [1]
    assert g.base_entries(skeleton_key("Paris")) == ()
    assert g.lookup("Qaboun") == ()  # lookup() stays exact/variant only
    # survives the plain-data round trip of the on-disk cache
    again = Gazetteer.from_state(g.to_state())
    assert again.base == g.base
