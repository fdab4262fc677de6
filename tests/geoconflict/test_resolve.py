"""Resolving incident places with the bundled gazetteer and the article as context."""

from __future__ import annotations

import pytest

import gazetteer
from geoconflict.resolve import DocumentResolver, PlaceRef, distance_km


@pytest.fixture(scope="module")
def resolver():  # type: ignore[no-untyped-def]
    return gazetteer.default_resolver()


@pytest.fixture
def doc(resolver) -> DocumentResolver:  # type: ignore[no-untyped-def]
    return DocumentResolver(resolver, country="SY", min_score=0.5)


def test_town_resolves_to_a_point(doc: DocumentResolver) -> None:
    loc = doc.locate(PlaceRef("Khan Sheikhoun", "Khan Sheikhoun", feature_hint="populated"))
    assert loc is not None
    assert loc.precision == 1 and loc.admin1 == "Idleb" and loc.country_code == "SY"
    assert distance_km(loc.lat, loc.lon, 35.4417, 36.6508) < 5


def test_province_hint_gives_the_governorate(doc: DocumentResolver) -> None:
    loc = doc.locate(PlaceRef("Idlib province", "Idlib", feature_hint="admin1"))
    assert loc is not None and loc.precision == 4 and loc.admin1 == "Idleb"


def test_countryside_of_damascus_is_rural_damascus(doc: DocumentResolver) -> None:
    loc = doc.locate(
        PlaceRef("Damascus countryside", "Damascus", feature_hint="admin1", rural=True)
    )
    assert loc is not None and loc.admin1 == "Rural Damascus" and loc.precision == 4


def test_near_and_part_are_precision_two(doc: DocumentResolver) -> None:
    near = doc.locate(PlaceRef("Azaz", "Azaz", near=True))
    part = doc.locate(PlaceRef("eastern Aleppo", "Aleppo", part=True))
    assert near is not None and near.precision == 2
    assert part is not None and part.precision == 2


@pytest.mark.parametrize("name", ["Paris", "Baghdad", "Moscow", "Washington"])
def test_foreign_places_are_not_incident_locations(doc: DocumentResolver, name: str) -> None:
    assert doc.is_foreign(name)
    assert doc.locate(PlaceRef(name, name)) is None


def test_syrian_places_are_not_foreign(doc: DocumentResolver) -> None:
    assert not doc.is_foreign("Aleppo")
    assert not doc.is_foreign("Saraqib")


def test_document_context_picks_the_nearby_namesake(doc: DocumentResolver) -> None:
    alone = doc.locate(PlaceRef("Hamouria", "Hamouria"))
    doc.set_context([PlaceRef("East Ghouta", "East Ghouta")])
    with_context = doc.locate(PlaceRef("Hamouria", "Hamouria"))
    assert with_context is not None and with_context.admin1 == "Rural Damascus"
    assert (
        alone is None or alone.place_id != with_context.place_id or alone.admin1 == "Rural Damascus"
    )


def test_within_keeps_candidates_inside_the_area(doc: DocumentResolver) -> None:
    loc = doc.locate(PlaceRef("Kafr Nabl", "Kafr Nabl", within="Idlib"))
    assert loc is not None and loc.admin1 == "Idleb"


def test_fallback_to_the_enclosing_place(doc: DocumentResolver) -> None:
    loc = doc.locate(PlaceRef("Old City", "Old City", fallback="Damascus"))
    assert loc is not None and loc.admin1 == "Damascus" and loc.precision == 2


def test_unknown_name_is_none(doc: DocumentResolver) -> None:
    assert doc.locate(PlaceRef("Qwzxv Blorp", "Qwzxv Blorp")) is None


def test_answers_are_cached_across_documents(resolver) -> None:  # type: ignore[no-untyped-def]
    a = DocumentResolver(resolver, country="SY")
    b = DocumentResolver(resolver, country="SY")
    a.locate(PlaceRef("Saraqib", "Saraqib"))
    assert a._cache is b._cache
    assert ("Saraqib", None, None) in b._cache


def test_a_name_unknown_inside_its_area_takes_the_area_not_a_namesake_elsewhere(
    doc: DocumentResolver,
) -> None:
    # Saraqib lies in Idleb; "Homs's Saraqib" names some place inside Homs that the gazetteer
    # does not hold: the event is placed near Homs, not at the Saraqib of another governorate.
    loc = doc.locate(PlaceRef("Saraqib", "Saraqib", within="Homs"))
    assert loc is not None and loc.admin1 == "Homs" and loc.precision == 2


def test_the_town_a_place_is_set_beside_outranks_an_area_named_later(doc: DocumentResolver) -> None:
    # al-Rashideen is set on the outskirts of Aleppo; Idlib is only named later in the
    # sentence. The namesake near Aleppo wins over the Idlib fallback.
    loc = doc.locate(
        PlaceRef("al-Rashideen", "al-Rashideen", within="Idlib", near_to="Aleppo")
    )
    assert loc is not None and loc.admin1 == "Aleppo"
    assert distance_km(loc.lat, loc.lon, 36.2021, 37.1343) < 60


def test_a_loose_match_far_from_the_article_places_is_no_place(doc: DocumentResolver) -> None:
    # "Karnak" is no Syrian place; its nearest spelling (Karak, in Dar'a) is a loose match.
    alone = doc.locate(PlaceRef("Karnak", "Karnak"))
    assert alone is not None and alone.admin1 == "Dar'a" and alone.score < 0.7
    doc.set_context([PlaceRef("Deir ez-Zor", "Deir ez-Zor")])  # an article about the east
    assert doc.locate(PlaceRef("Karnak", "Karnak")) is None
    # An exact name stands wherever it lies, and a loose one near the article's places too.
    assert doc.locate(PlaceRef("Khan Sheikhoun", "Khan Sheikhoun")).admin1 == "Idleb"
    doc.set_context([PlaceRef("Busra al-Harir", "Busra al-Harir")])
    assert doc.locate(PlaceRef("Karnak", "Karnak")).admin1 == "Dar'a"


def test_a_home_namesake_of_a_foreign_town_is_taken_when_the_article_sets_it_at_home(
    doc: DocumentResolver,
) -> None:
    # "Saida" is exactly an alias of Sidon (Lebanon); Dar'a, Quneitra and Raqqa each have a
    # village "Sayda". Alone it stays foreign; set in Daraa, or among the article's places
    # there, it is the Dar'a village.
    assert doc.locate(PlaceRef("Saida", "Saida")) is None
    inside = doc.locate(PlaceRef("Saida", "Saida", within="Daraa"))
    assert inside is not None and inside.admin1 == "Dar'a" and inside.precision == 1
    beside = doc.locate(PlaceRef("Saida", "Saida", near_to="Daraa"))
    assert beside is not None and beside.admin1 == "Dar'a" and beside.precision == 1
    doc.set_context(
        [PlaceRef("Nasib crossing", "Nasib crossing"), PlaceRef("Busra al-Harir", "Busra al-Harir")]
    )
    among = doc.locate(PlaceRef("Saida", "Saida"))
    assert among is not None and among.admin1 == "Dar'a"


def test_a_foreign_town_stays_foreign_when_the_article_is_elsewhere(doc: DocumentResolver) -> None:
    doc.set_context([PlaceRef("Aleppo", "Aleppo"), PlaceRef("Idlib", "Idlib")])
    assert doc.locate(PlaceRef("Saida", "Saida")) is None
    assert doc.locate(PlaceRef("Saida", "Saida", within="Lebanon")) is None
    assert doc.locate(PlaceRef("Sidon", "Sidon", near_to="Daraa")) is None


def test_the_articles_other_places_set_a_home_namesake_at_home(doc: DocumentResolver) -> None:
    assert doc.locate(PlaceRef("Saida", "Saida")) is None
    doc.set_article_places(lambda: [PlaceRef("Nasib crossing", "Nasib crossing")])
    loc = doc.locate(PlaceRef("Saida", "Saida"))
    assert loc is not None and loc.admin1 == "Dar'a"
