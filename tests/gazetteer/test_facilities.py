"""Tests of the curated facilities (airbases, airports, border crossings, dams) and of the
prominence prior of big-city neighbourhoods (gazetteer.loader, gazetteer.index,
gazetteer.resolver). Names and sentences are written for the tests."""

from __future__ import annotations

import math

import pytest

import gazetteer
from gazetteer import Gazetteer, GazetteerDataError, Place, Resolver, read_facilities
from gazetteer.loader import FACILITY_KINDS, facility_aliases
from gazetteer.normalize import generic_hint, normalize_name


def km(a: Place, b: Place) -> float:
    p = math.pi / 180
    h = (
        math.sin((b.lat - a.lat) * p / 2) ** 2
        + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return gazetteer.default_resolver()


# --- the data file -----------------------------------------------------------------------
_HEADER = (
    "facility_id\tname\tkind\tnames\tstems\tlat\tlon\tadmin1\tadmin2\tprecision\tpoint_source\n"
)


def test_read_facilities_builds_places_with_kind_aliases(tmp_path) -> None:
    f = tmp_path / "fac.tsv"
    f.write_text(
        "# a comment line\n" + _HEADER
        + "zz\tZaroub Airbase\tAIRB\tZaroub\tZaroub|Zarub\t35.1\t37.2\tHama\tHama\t2\tmade up\n"
        + "yy\tQasra Dam\tDAM\t\tQasra\t35.3\t37.4\tHama\tHama\t2\tmade up\n",
        encoding="utf-8",
    )  # fmt: skip
    air, dam = read_facilities(f)
    assert air.place_id == "facility:zz" and air.feature_code == "AIRB"
    assert air.feature_class == "S" and dam.feature_class == "H"
    assert air.precision == 2 and air.admin1 == "Hama"
    assert "Zaroub" in air.aliases  # a name of the facility alone
    assert {"Zarub airbase", "Zaroub military airport", "Zarub air base"} <= set(air.aliases)
    assert "Qasra" not in dam.aliases and "Qasra dam" in dam.aliases  # a stem never alone


def test_read_facilities_rejects_an_unknown_kind(tmp_path) -> None:
    f = tmp_path / "fac.tsv"
    f.write_text(_HEADER + "x\tX\tCASTLE\t\tX\t35\t37\tHama\tHama\t2\tmade up\n", "utf-8")
    with pytest.raises(GazetteerDataError, match="CASTLE"):
        read_facilities(f)


def test_facility_aliases_keep_order_and_drop_duplicates() -> None:
    out = facility_aliases(["Qarn Crossing"], ["Qarn", "Qarn"], "PSTB")
    assert out[0] == "Qarn Crossing"
    assert len(out) == len(set(out)) == 1 + len(FACILITY_KINDS["PSTB"][1])


def test_embedded_facilities_agree_with_the_places_they_name() -> None:
    """A facility placed at an OCHA community's point shares its point and governorate."""
    import csv
    import re
    from importlib import resources

    g = gazetteer.load_default()
    text = (resources.files("gazetteer") / "data" / "facilities.tsv").read_text("utf-8")
    rows = list(csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")),
                               delimiter="\t"))  # fmt: skip
    assert {r["kind"] for r in rows} == {"AIRB", "AIRP", "PSTB", "DAM", "PRN"}
    anchored = 0
    for r in rows:
        fac = g.get(f"facility:{r['facility_id']}")
        assert fac is not None and 1 <= fac.precision <= 2
        m = re.match(r"OCHA community (C\d{4})", r["point_source"])
        if m:
            anchored += 1
            # the community itself, or the GeoNames town it was merged into
            town = g.get(f"ocha:{m.group(1)}") or min(
                (p for p in g.places if p.feature_class == "P" and p.country_code == "SY"),
                key=lambda p: km(p, fac),
            )
            assert km(town, fac) < 6.0 and town.admin1 == fac.admin1, (fac, town)
    assert anchored >= 15


# --- resolving facilities ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "kind", "admin1"),
    [
        ("Shayrat airbase", "AIRB", "Homs"),
        ("the Shairat air base", "AIRB", "Homs"),
        ("T4 airbase", "AIRB", "Homs"),
        ("Tiyas military airport", "AIRB", "Homs"),
        ("Kweiris airbase", "AIRB", "Aleppo"),
        ("Mezzeh military airport", "AIRB", "Damascus"),
        ("Damascus International Airport", "AIRP", "Rural Damascus"),
        ("Damascus airport", "AIRP", "Rural Damascus"),
        ("Bab al-Salameh border crossing", "PSTB", "Aleppo"),
        ("Nassib crossing", "PSTB", "Dar'a"),
        ("Tishrin dam", "DAM", "Aleppo"),
        ("Euphrates Dam", "DAM", "Ar-Raqqa"),
        ("مطار الشعيرات", "AIRB", "Homs"),
        ("Saydnaya military prison", "PRN", "Rural Damascus"),
    ],
)
def test_each_class_of_facility_resolves(resolver: Resolver, query: str, kind: str,
                                         admin1: str) -> None:  # fmt: skip
    best = resolver.resolve(query).best
    assert best is not None, query
    assert best.place.feature_code == kind and best.place.admin1 == admin1, (query, best)
    assert best.score >= 0.8


def test_an_airport_is_not_its_city(resolver: Resolver) -> None:
    city = resolver.resolve("Damascus").best
    airport = resolver.resolve("Damascus airport").best
    assert city is not None and city.place.feature_code == "PPLC"
    assert airport is not None and airport.place.admin1 == "Rural Damascus"
    assert km(city.place, airport.place) > 15


def test_a_facility_hint_prefers_the_facility_over_its_village(resolver: Resolver) -> None:
    plain = resolver.resolve("Nasib").best
    assert plain is not None and plain.place.feature_class == "P"  # the village
    hinted = resolver.resolve("Nasib", feature_hint="facility").best
    assert hinted is not None and hinted.place.feature_code == "PSTB"
    assert generic_hint(normalize_name("Kafr Saghir airbase")) == "facility"
    assert generic_hint(normalize_name("the Qasra dam")) == "facility"


def test_facility_words_do_not_make_different_facilities_alike(resolver: Resolver) -> None:
    # "X airbase" and "Y air base" share their generic words: only the names are compared
    res = resolver.resolve("Hmeimim airbase")
    assert res.best is not None and res.best.place.admin1 == "Lattakia"
    assert res.best.score >= 0.9  # no rival from another airbase


def test_a_facility_named_alone_beats_a_loose_village_variant() -> None:
    g = Gazetteer.from_places(
        [
            Place("v:1", "Zaroubeh", 36.0, 39.0, "SY"),  # a loose variant, elsewhere
            Place("facility:z", "Zarub Airbase", 34.5, 37.6, "SY", feature_class="S",
                  feature_code="AIRB", aliases=("Zarub", "Zarub airbase")),
        ],
        default_country="SY",
    )  # fmt: skip
    best = Resolver(g, default_country="SY").resolve("Zarub").best
    assert best is not None and best.place.place_id == "facility:z"


# --- neighbourhoods of big cities ----------------------------------------------------------
@pytest.fixture(scope="module")
def city_and_hamlet() -> Resolver:
    g = Gazetteer.from_places(
        [
            Place("c:1", "Qarsa", 33.5, 36.3, "SY", feature_code="PPLC", admin1="Qarsa",
                  population=1_500_000),
            Place("n:1", "Haddouna Sharqi", 33.5, 36.3, "SY", feature_code="PPLX",
                  admin1="Qarsa", precision=2),
            Place("n:2", "Haddouna Gharbi", 33.5, 36.3, "SY", feature_code="PPLX",
                  admin1="Qarsa", precision=2),
            Place("h:1", "Haddoneh", 34.7, 36.7, "SY", feature_code="PPL", admin1="Homs"),
            Place("a:1", "Homs", 34.7, 36.7, "SY", feature_class="A", feature_code="ADM1",
                  admin1="Homs", precision=4),
            Place("n:3", "Tarbisa", 35.9, 38.9, "SY", feature_code="PPLX",
                  admin1="Raqqa", precision=2),  # a quarter of no big city
            Place("h:2", "Tarbiseh", 35.0, 37.0, "SY", feature_code="PPL", admin1="Hama"),
        ],
        default_country="SY",
    )  # fmt: skip
    return Resolver(g, default_country="SY")


def test_a_big_city_neighbourhood_beats_a_homonymous_hamlet(city_and_hamlet: Resolver) -> None:
    best = city_and_hamlet.resolve("Haddona").best
    assert best is not None and best.place.place_id in {"n:1", "n:2"}, best
    assert best.precision == 2


def test_context_still_wins_for_the_hamlet(city_and_hamlet: Resolver) -> None:
    best = city_and_hamlet.resolve("Haddona", within="Homs province").best
    assert best is not None and best.place.place_id == "h:1"


def test_only_big_city_quarters_get_the_prior(city_and_hamlet: Resolver) -> None:
    g = city_and_hamlet.gazetteer
    prior = dict(zip((p.place_id for p in g.places), g.prior, strict=True))
    assert prior["n:1"] > prior["h:1"] > prior["n:3"]


def test_embedded_damascus_quarters_beat_same_sounding_villages(resolver: Resolver) -> None:
    for name in ("Jobar", "Barzeh"):
        best = resolver.resolve(name).best
        assert best is not None and best.place.admin1 == "Damascus", (name, best)
    best = resolver.resolve("Jobar", within="Homs").best
    assert best is not None and best.place.admin1 == "Homs"


def test_o_and_u_are_one_vowel() -> None:
    from gazetteer.index import sound_form

    assert sound_form("foah") == sound_form("fuah") == sound_form("fua")
    assert sound_form("nobol") == sound_form("nubul")


# --- curated quarters of the big cities ---------------------------------------------------
def test_read_quarters_takes_the_city_point(tmp_path) -> None:
    from gazetteer import read_quarters

    city = Place("c:9", "Qarsa", 33.5, 36.3, "SY", feature_code="PPLC", admin1="Qarsa",
                 admin2="Qarsa", population=900_000)  # fmt: skip
    f = tmp_path / "q.tsv"
    f.write_text("# made up\nquarter_id\tname\taliases\tcity_id\n"
                 "q1\tDarb al-Tin\tDarb Tin|درب الطين\tc:9\n", "utf-8")  # fmt: skip
    (q,) = read_quarters([city], f)
    assert q.place_id == "quarter:q1" and q.feature_code == "PPLX" and q.precision == 2
    assert (q.lat, q.lon, q.admin1, q.admin2) == (33.5, 36.3, "Qarsa", "Qarsa")
    assert q.aliases == ("Darb Tin", "درب الطين")
    f.write_text("quarter_id\tname\taliases\tcity_id\nq1\tX\t\tc:404\n", "utf-8")
    with pytest.raises(GazetteerDataError, match="c:404"):
        read_quarters([city], f)


def test_embedded_quarters_resolve_to_their_city(resolver: Resolver) -> None:
    g = gazetteer.load_default()
    quarters = [p for p in g.places if p.place_id.startswith("quarter:")]
    assert len(quarters) >= 20
    assert {p.admin1 for p in quarters} == {"Damascus", "Aleppo", "Homs"}
    best = resolver.resolve("Rukn ad-Din").best
    assert best is not None and best.place.admin1 == "Damascus" and best.precision == 2


def test_housing_estates_and_inner_outer_parts_are_qualifiers() -> None:
    from gazetteer.normalize import base_names, strip_qualifiers

    assert strip_qualifiers("masaken qasab") == "qasab"
    assert base_names("shaghour jowani") == ("shaghour",)
    assert base_names("amara baraniyyeh") == ("amara",)
    g = Gazetteer.from_places(
        [
            Place("n:1", "Masakin Deir Tin", 33.5, 36.3, "SY", feature_code="PPLX"),
            Place("n:2", "Souqa Jowani", 33.5, 36.3, "SY", feature_code="PPLX"),
        ],
        default_country="SY",
    )
    r = Resolver(g, default_country="SY")
    for name, pid in (("Deir Tin", "n:1"), ("Souqa", "n:2")):
        best = r.resolve(name).best
        assert best is not None and best.place.place_id == pid, name


def test_a_city_governorate_reaches_into_its_countryside() -> None:
    # "the Qarsa suburb of Beit Tin": the city-governorate's name covers "Rural Qarsa" too
    g = Gazetteer.from_places(
        [
            Place("a:1", "Qarsa", 33.5, 36.3, "SY", feature_class="A", feature_code="ADM1",
                  admin1="Qarsa", precision=4),
            Place("a:2", "Rural Qarsa", 33.6, 36.6, "SY", feature_class="A",
                  feature_code="ADM1", admin1="Rural Qarsa", precision=4),
            Place("a:3", "Homs", 34.7, 36.7, "SY", feature_class="A", feature_code="ADM1",
                  admin1="Homs", precision=4),
            Place("v:1", "Beit Tin", 33.55, 36.4, "SY", admin1="Rural Qarsa"),
            Place("v:2", "Beit Tin", 34.8, 36.8, "SY", admin1="Homs", population=5000),
        ],
        default_country="SY",
    )  # fmt: skip
    r = Resolver(g, default_country="SY")
    best = r.resolve("Beit Tin", within="Qarsa").best
    assert best is not None and best.place.place_id == "v:1"
    best = r.resolve("Beit Tin", within="Homs").best
    assert best is not None and best.place.place_id == "v:2"


def test_a_quarter_named_like_many_villages_gets_no_prominence() -> None:
    # "Freedom" is a common name: the quarter has no better claim than the villages
    city = Place("c:1", "Qarsa", 33.5, 36.3, "SY", feature_code="PPLC", population=900_000)
    common = Place("n:1", "Hurriyeh", 33.5, 36.3, "SY", feature_code="PPLX")
    rare = Place("n:2", "Dahdah", 33.5, 36.3, "SY", feature_code="PPLX")
    villages = [Place(f"v:{k}", "Hurriyah", 34.0 + k, 37.0, "SY") for k in range(2)]
    g = Gazetteer.from_places([city, common, rare, *villages], default_country="SY")
    prior = dict(zip((p.place_id for p in g.places), g.prior, strict=True))
    assert prior["n:2"] > prior["v:0"] > prior["n:1"]


def test_an_exact_region_beats_a_village_that_only_sounds_alike() -> None:
    g = Gazetteer.from_places(
        [
            Place("region:x", "Wadi Zarqa", 33.6, 36.2, "SY", feature_class="L",
                  feature_code="RGN", aliases=("Zarqouna",), precision=5),
            Place("v:1", "Zarquna", 34.9, 36.9, "SY"),  # the same sound, spelled otherwise
            Place("v:2", "Tal Marun", 35.5, 37.5, "SY"),  # a town of the very same name
            Place("region:y", "Tal Marun Plain", 35.0, 37.0, "SY", feature_class="L",
                  feature_code="RGN", aliases=("Tal Marun",), precision=5),
        ],
        default_country="SY",
    )  # fmt: skip
    r = Resolver(g, default_country="SY")
    best = r.resolve("Zarqouna").best
    assert best is not None and best.place.place_id == "region:x"
    best = r.resolve("Tal Marun").best
    assert best is not None and best.place.place_id == "v:2"


def test_facilities_are_reached_loosely_only_when_named_as_such(resolver: Resolver) -> None:
    assert resolver.resolve("Euphrates valley").best is None  # not the Euphrates dam
    best = resolver.resolve("Shairat airbse").best  # a typo of a facility named as one
    assert best is not None and best.place.feature_code == "AIRB"


def test_only_facility_codes_count_as_facilities() -> None:
    # a user's GeoNames dump may hold wells and schools (classes H and S): not facilities
    g = Gazetteer.from_places(
        [
            Place("w:1", "Bir Qasab", 33.0, 37.0, "SY", feature_class="H", feature_code="WLL"),
            Place("v:1", "Bir Qassab", 34.0, 36.0, "SY"),  # a village of a close spelling
        ],
        default_country="SY",
    )
    best = Resolver(g, default_country="SY").resolve("Bir Qassab", feature_hint="facility").best
    assert best is not None and best.place.place_id == "v:1"
