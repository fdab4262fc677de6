"""A user's own gazetteer: GeoNames dumps (.txt, .zip) and CSV place lists, made in tmp_path."""

from __future__ import annotations

import itertools
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from gazetteer import GazetteerDataError
from gazetteer.userdata import (
    feature_precision,
    read_geonames,
    read_places_csv,
    read_user_places,
)


def _row(gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, a1, pop=0):
    cols = [str(gid), name, ascii_, ",".join(alts), str(lat), str(lon), fclass, fcode, cc, "",
            a1, "", "", "", str(pop), "", "", "Asia/Aden", "2024-01-01"]  # fmt: skip
    assert len(cols) == 19
    return "\t".join(cols)


# A small Yemen dump in the GeoNames geoname format, written for these tests.
YE_ROWS = [
    _row(71137, "Sanaa", "Sanaa", ["Sana'a", "Sana", "Ṣan‘ā’", "صنعاء"], 15.35472, 44.20667,
         "P", "PPLC", "YE", "26", 1937451),
    _row(70225, "Taiz", "Taiz", ["Taizz", "Ta'izz", "Ta‘izz", "تعز"], 13.57952, 44.02091,
         "P", "PPLA", "YE", "25", 615222),
    _row(79415, "Al Hudaydah", "Al Hudaydah", ["Hodeidah", "Hudaida", "Al-Hudaydah", "الحديدة"],
         14.79781, 42.95452, "P", "PPLA", "YE", "08", 617871),
    _row(415189, "Aden", "Aden", ["Adan", "عدن"], 12.77944, 45.03667, "P", "PPLA", "YE", "02",
         550602),
    _row(71333, "Muhafazat Ma'rib", "Muhafazat Ma'rib", ["Marib Governorate"], 15.5, 45.5,
         "A", "ADM1", "YE", "14"),
    _row(69543, "Republic of Yemen", "Republic of Yemen", ["Yemen", "اليمن"], 15.5, 47.5,
         "A", "PCLI", "YE", "00", 28498687),
    _row(74477, "Wadi Hadramawt", "Wadi Hadramawt", ["Hadramaut Valley"], 15.9, 48.8,
         "H", "WAD", "YE", "04"),
    _row(300000, "Jabal an Nabi Shu'ayb", "Jabal an Nabi Shu'ayb", [], 15.28, 43.98,
         "T", "MT", "YE", "26"),
    _row(170654, "Damascus", "Damascus", ["Dimashq"], 33.5102, 36.29128, "P", "PPLC", "SY", "13"),
]  # fmt: skip
ADMIN1 = "YE.26\tAmanat Al Asimah\tAmanat Al Asimah\t6940571\nYE.25\tTa'izz\tTa'izz\t70222\n"


def _write_dump(folder: Path, rows=YE_ROWS, name="YE.txt") -> Path:
    path = folder / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _zip_dump(folder: Path, rows=YE_ROWS, name="YE.zip", member="YE.txt") -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "GeoNames country dump for tests\n")
        archive.writestr(member, "\n".join(rows) + "\n")
    return path


# ---------------------------------------------------------------------------- GeoNames


def test_txt_dump_reads_places_with_aliases_and_precision(tmp_path):
    (tmp_path / "admin1CodesASCII.txt").write_text(ADMIN1, encoding="utf-8")
    places = {p.name: p for p in read_geonames(_write_dump(tmp_path))}
    # default classes P, A, L: the wadi (H) and the mountain (T) are left out
    assert set(places) == {
        "Sanaa",
        "Taiz",
        "Al Hudaydah",
        "Aden",
        "Muhafazat Ma'rib",
        "Republic of Yemen",
        "Damascus",
    }
    sanaa = places["Sanaa"]
    assert sanaa.place_id == "geonames:71137"
    assert (sanaa.lat, sanaa.lon) == (15.35472, 44.20667)
    assert sanaa.country_code == "YE"
    assert sanaa.feature_code == "PPLC"
    assert sanaa.population == 1937451
    assert "Sana'a" in sanaa.aliases and "صنعاء" in sanaa.aliases
    assert "Sanaa" not in sanaa.aliases  # the name itself is not repeated
    assert sanaa.admin1 == "Amanat Al Asimah"  # from admin1CodesASCII.txt beside the dump
    assert places["Taiz"].admin1 == "Ta'izz"
    assert places["Aden"].admin1 is None  # code 02 is not in the codes file
    assert sanaa.precision == 1
    assert places["Muhafazat Ma'rib"].precision == 4
    assert places["Republic of Yemen"].precision == 6


def test_zip_dump_streams_the_txt_member(tmp_path):
    from_txt = list(read_geonames(_write_dump(tmp_path)))
    from_zip = list(read_geonames(_zip_dump(tmp_path)))
    assert from_zip == from_txt
    assert len(from_zip) == 7


def test_dump_is_streamed_not_loaded(tmp_path):
    # 200,000 rows follow the first ones; taking three places must not read them all.
    filler = "x" * 90
    path = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("allCountries.txt", "w") as member:
            member.write(("\n".join(YE_ROWS[:4]) + "\n").encode())
            chunk = "".join(f"{i}\t{filler}\n" for i in range(10_000)).encode()
            for _ in range(20):
                member.write(chunk)  # bad rows, never reached
    tracemalloc.start()
    try:
        first = list(itertools.islice(read_geonames(path, admin1_codes={}), 3))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.name for p in first] == ["Sanaa", "Taiz", "Al Hudaydah"]
    assert peak < 3_000_000  # far less than the 19 MB of text in the archive


def test_country_and_feature_class_filters(tmp_path):
    path = _zip_dump(tmp_path)
    yemen = list(read_geonames(path, country="YE", feature_classes=("P",)))
    assert {p.name for p in yemen} == {"Sanaa", "Taiz", "Al Hudaydah", "Aden"}
    everything = list(read_geonames(path, feature_classes=None))
    assert len(everything) == len(YE_ROWS)
    wadi = next(p for p in everything if p.feature_code == "WAD")
    assert wadi.precision == 5
    assert next(p for p in everything if p.feature_code == "MT").precision == 5


def test_admin1_names_come_from_adm1_rows_without_a_codes_file(tmp_path):
    rows = [*YE_ROWS, _row(71137 + 1, "Ta'izz Governorate", "", [], 13.5, 44.0, "A", "ADM1",
                           "YE", "25")]  # fmt: skip
    places = {p.name: p for p in read_geonames(_write_dump(tmp_path, rows))}
    assert places["Taiz"].admin1 == "Ta'izz Governorate"
    assert places["Sanaa"].admin1 is None


def test_admin_codes_files(tmp_path):
    row = YE_ROWS[1].split("\t")
    row[11] = "2505"  # admin2 code of Taiz city
    dump = _write_dump(tmp_path, ["\t".join(row)])
    (tmp_path / "admin2Codes.txt").write_text("YE.25.2505\tAl Qahirah\tAl Qahirah\t1\n", "utf-8")
    codes = tmp_path / "elsewhere.txt"
    codes.write_text("YE.25\tTaizz Governorate\tTaizz Governorate\t2\n", encoding="utf-8")
    (taiz,) = read_geonames(dump, admin1_codes=codes)
    assert (taiz.admin1, taiz.admin2) == ("Taizz Governorate", "Al Qahirah")
    with pytest.raises(GazetteerDataError, match="no such admin1 codes file"):
        list(read_geonames(dump, admin1_codes=tmp_path / "missing.txt"))


def test_bad_rows_are_skipped_with_one_warning(tmp_path):
    rows = [
        *YE_ROWS[:3],
        _row(1, "Nowhere", "", [], "north", 44.0, "P", "PPL", "YE", ""),
        "2\tTruncated\trow",
        _row(3, "Swapped", "", [], 120.5, 15.2, "P", "PPL", "YE", ""),
    ]
    with pytest.warns(UserWarning, match=r"skipped 3 bad row\(s\) of 6") as record:
        places = list(read_geonames(_write_dump(tmp_path, rows)))
    assert [p.name for p in places] == ["Sanaa", "Taiz", "Al Hudaydah"]
    message = str(record[0].message)
    assert "YE.txt" in message
    assert "line 4: latitude 'north' is not a number" in message
    assert "line 5: 3 columns instead of 19" in message
    assert "line 6" in message and "swapped" in message


def test_all_rows_bad_raises(tmp_path):
    rows = [_row(i, f"P{i}", "", [], "x", "y", "P", "PPL", "YE", "") for i in range(3)]
    with pytest.raises(GazetteerDataError, match=r"none of its 3 rows could be read.*line 1"):
        list(read_geonames(_write_dump(tmp_path, rows)))


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        ("name,lat,lon\nSanaa,15.3,44.2\n", "comma-separated"),
        ("geonameid\tname\tlatitude\tlongitude\n1\tSanaa\t15.3\t44.2\n", "header"),
        ("1\tSanaa\t15.3\t44.2\n", "4 tab-separated columns instead of 19"),
    ],
    ids=["csv-as-txt", "header", "too-few-columns"],
)
def test_wrong_format_says_what_to_do(tmp_path, content, hint):
    path = tmp_path / "YE.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="not a GeoNames dump") as info:
        list(read_geonames(path))
    assert hint in str(info.value)
    assert str(path) in str(info.value)


def test_zip_without_a_data_file(tmp_path):
    path = tmp_path / "YE.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
        archive.writestr("notes.md", "nor here")
    with pytest.raises(GazetteerDataError, match="cannot tell which file in the zip"):
        list(read_geonames(path))


def test_not_a_zip_and_missing_file(tmp_path):
    fake = tmp_path / "SY.zip"
    fake.write_text("this is not a zip", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="not a readable zip file"):
        list(read_geonames(fake))
    with pytest.raises(GazetteerDataError, match="no such file"):
        list(read_geonames(tmp_path / "absent.txt"))


def test_shared_geonames_extract_reads(shared_dir):
    places = list(read_geonames(shared_dir / "data" / "gazetteer" / "SY.tsv"))
    assert len(places) == 308
    irbin = next(p for p in places if p.place_id == "geonames:169372")
    assert irbin.admin1 == "Rural Damascus"  # the OCHA name, as in the embedded data
    assert "عربين" in irbin.aliases


@pytest.mark.parametrize(
    ("fclass", "fcode", "precision"),
    [("P", "PPL", 1), ("P", "PPLX", 2), ("A", "ADM2", 3), ("A", "ADM3", 3), ("A", "ADM1", 4),
     ("L", "RGN", 5), ("T", "VAL", 5), ("A", "PCLI", 6), ("S", "HSP", 1), ("P", "", 1)],
)  # fmt: skip
def test_feature_precision(fclass, fcode, precision):
    assert feature_precision(fclass, fcode) == precision


# ---------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    "header",
    ["name,lat,lon", "place,latitude,longitude", "Name,Lat,Lng", "Place Name,LATITUDE,Long"],
)
def test_csv_header_spellings(tmp_path, header):
    path = tmp_path / "towns.csv"
    path.write_text(f"{header}\nSanaa,15.35,44.21\nAden,12.78,45.04\n", encoding="utf-8")
    places = list(read_places_csv(path, country="ye"))
    assert [(p.name, p.lat, p.lon) for p in places] == [
        ("Sanaa", 15.35, 44.21),
        ("Aden", 12.78, 45.04),
    ]
    assert {p.country_code for p in places} == {"YE"}
    assert all(p.precision == 1 and p.feature_class == "P" for p in places)


def test_csv_optional_columns(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        "\ufeffid,name,lat,lon,alternate_names,country,admin1,population,feature_code\n"
        "T1,Taiz,13.58,44.02,Taizz|Ta'izz;تعز,YE,Ta'izz,615222,PPLA\n"
        "G1,Marib Governorate,15.5,45.5,,YE,,0,ADM1\n"
        'R1,Tihama,15.0,43.2,"Tihamah|Tehama",YE,,,RGN\n',
        encoding="utf-8",
    )
    taiz, marib, tihama = read_places_csv(path)
    assert taiz.place_id == "T1"
    assert taiz.aliases == ("Taizz", "Ta'izz", "تعز")
    assert taiz.admin1 == "Ta'izz" and taiz.population == 615222
    assert (marib.feature_class, marib.precision) == ("A", 4)
    assert (tihama.feature_class, tihama.precision) == ("L", 5)
    assert tihama.aliases == ("Tihamah", "Tehama")


def test_csv_semicolons_and_decimal_commas(tmp_path):
    path = tmp_path / "orte.csv"
    path.write_text("Name;Breite;Lat;Lon;Aliases\nAden;x;12,78;45,04;Adan|عدن\n", "utf-8")
    (aden,) = read_places_csv(path)
    assert (aden.lat, aden.lon, aden.aliases) == (12.78, 45.04, ("Adan", "عدن"))


def test_csv_missing_column_names_the_fix(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_text("town,lat\nSanaa,15.3\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError) as info:
        list(read_places_csv(path))
    message = str(info.value)
    assert str(path) in message and "line 1" in message
    assert "no lon column" in message
    assert "name, lat, lon" in message


def test_csv_without_header(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_text("Sanaa,15.3,44.2\nAden,12.7,45.0\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="header row is missing"):
        list(read_places_csv(path))


def test_csv_bad_rows(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_text(
        "name,lat,lon\nSanaa,15.3,44.2\nAden,12.7,\nTaiz,abc,44.0\n,1,2\nSwapped,120.3,15.2\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match=r"skipped 4 bad row\(s\) of 5") as record:
        places = list(read_places_csv(path))
    assert [p.name for p in places] == ["Sanaa"]
    message = str(record[0].message)
    assert "line 3: no coordinates for 'Aden'" in message
    assert "line 4: latitude 'abc' is not a number" in message
    assert "line 5: empty name" in message
    assert "line 6" in message and "swapped" in message


def test_csv_all_rows_bad(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_text("name,lat,lon\nSanaa,north,east\nAden,?,?\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"none of its 2 rows could be read"):
        list(read_places_csv(path))


def test_csv_not_utf8(tmp_path):
    path = tmp_path / "towns.csv"
    path.write_bytes(b"name,lat,lon\n" + b"Sanaa,15.3,44.2\n" * 3000
                     + "Ṣanʿāʾ,15.3,44.2\n".encode("utf-16"))  # fmt: skip
    with pytest.raises(GazetteerDataError, match="not UTF-8"):
        list(read_places_csv(path))


# ---------------------------------------------------------------------------- dispatch


def test_dispatch_on_suffix_and_content(tmp_path):
    assert len(list(read_user_places(_zip_dump(tmp_path)))) == 7
    assert len(list(read_user_places(_write_dump(tmp_path, name="YE.tsv")))) == 7
    tab_csv = tmp_path / "list.tsv"
    tab_csv.write_text("name\tlat\tlon\nAden\t12.7\t45.0\n", encoding="utf-8")
    assert [p.name for p in read_user_places(tab_csv)] == ["Aden"]
    with pytest.raises(GazetteerDataError, match=r"unknown gazetteer format '\.xlsx'.*\.csv"):
        list(read_user_places(tmp_path / "towns.xlsx"))


# ---------------------------------------------------------------------------- a user's gazetteer


@pytest.fixture
def yemen_resolver(tmp_path):
    from gazetteer import Resolver
    from gazetteer.userdata import load_user_gazetteer

    g = load_user_gazetteer(_zip_dump(tmp_path), country="YE")
    assert g.default_country == "YE"
    assert {p.country_code for p in g} == {"YE"}
    return Resolver(g, default_country=g.default_country)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Sana'a", "Sanaa"),
        ("Sanaa", "Sanaa"),
        ("صنعاء", "Sanaa"),
        ("Taizz", "Taiz"),
        ("Ta'izz", "Taiz"),
        ("Hodeidah", "Al Hudaydah"),
        ("Hudaydah", "Al Hudaydah"),
        ("al-Hudaydah", "Al Hudaydah"),
        ("Aden", "Aden"),
    ],
)
def test_resolver_over_a_user_gazetteer(yemen_resolver, query, expected):
    best = yemen_resolver.resolve(query).best
    assert best is not None
    assert best.place.name == expected
    assert best.place.source == "geonames"


def test_user_gazetteer_unknown_names_stay_unknown(yemen_resolver):
    for name in ("Kharkiv", "Damascus", "Qwertyville"):  # Damascus was filtered out (country)
        assert yemen_resolver.resolve(name).best is None


def test_user_csv_gazetteer(tmp_path):
    from gazetteer import Resolver
    from gazetteer.userdata import load_user_gazetteer

    path = tmp_path / "donbas.csv"
    path.write_text(
        "name,lat,lon,alternate_names,country\n"
        "Bakhmut,48.5956,38.0003,Artemivsk|Бахмут,UA\n"
        "Avdiivka,48.1394,37.7497,Avdeyevka|Авдіївка,UA\n",
        encoding="utf-8",
    )
    g = load_user_gazetteer(path)
    assert len(g) == 2 and g.default_country == "UA"
    best = Resolver(g, default_country="UA").resolve("Artemivsk").best
    assert best is not None and best.place.name == "Bakhmut"


def test_user_gazetteer_empty_after_filter(tmp_path):
    from gazetteer.userdata import load_user_gazetteer

    with pytest.raises(GazetteerDataError, match="no places for country 'IQ'"):
        load_user_gazetteer(_zip_dump(tmp_path), country="IQ")


def test_user_gazetteer_duplicate_ids(tmp_path):
    from gazetteer.userdata import load_user_gazetteer

    path = tmp_path / "dupes.csv"
    path.write_text("id,name,lat,lon\n1,Aden,12.7,45.0\n1,Taiz,13.5,44.0\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"dupes\.csv.*duplicate place_id '1'"):
        load_user_gazetteer(path)
