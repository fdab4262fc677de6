"""Reading ACLED and UCDP GED CSVs (geoconflict.reference), in their published layouts."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from geoconflict.errors import InputError
from geoconflict.reference import (
    is_reference_csv,
    normalize_actor,
    read_acled,
    read_reference,
    read_ucdp,
)

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
).split(",")

UCDP_HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low"
).split(",")


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


ACLED_ROWS = [
    {
        "event_id_cnty": "SYR90001", "event_date": "14 March 2017", "year": "2017",
        "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)", "inter1": "8",
        "actor2": "Civilians (Syria)", "country": "Syria", "admin1": "Idleb",
        "admin2": "Ariha", "admin3": "Ariha", "location": "Ariha", "latitude": "35.8137",
        "longitude": "36.6084", "geo_precision": "1", "source": "Local monitor",
        "source_scale": "Local partner-Other",
        "notes": "On 14 March 2017, warplanes struck a market in Ariha. 7 killed.",
        "fatalities": "7", "timestamp": "1690000000",
    },
    {
        "event_id_cnty": "SYR90002", "event_date": "2017-03-15", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Syria (2000-)",
        "country": "Syria", "admin1": "Hama", "admin2": "", "location": "Hama countryside",
        "latitude": "35.2", "longitude": "36.7", "geo_precision": "3",
        "notes": "Clashes north of Hama.", "fatalities": "",
    },
    {
        "event_id_cnty": "SYR90003", "event_date": "16-March-2017", "event_type": "Protests",
        "sub_event_type": "Peaceful protest", "actor1": "Protesters (Syria)",
        "country": "Syria", "admin1": "Dar'a", "location": "Busra", "latitude": "",
        "longitude": "", "geo_precision": "2", "notes": "", "fatalities": "0",
    },
]

UCDP_ROWS = [
    {
        "id": "401234", "relid": "SYR-2017-1-1-1", "year": "2017", "active_year": "1",
        "type_of_violence": "1", "conflict_name": "Syria: Government",
        "side_a": "Government of Syria", "side_b": "Syrian insurgents",
        "source_article": "Wire service report of a strike near the town, 2017-03-14",
        "source_headline": "Strike kills 9", "where_prec": "2",
        "where_coordinates": "Saraqeb town", "where_description": "near Saraqeb",
        "adm_1": "Idlib governorate", "adm_2": "Idlib district", "latitude": "35.8623",
        "longitude": "36.8006", "geom_wkt": "POINT (36.8006 35.8623)", "country": "Syria",
        "region": "Middle East", "event_clarity": "1", "date_prec": "1",
        "date_start": "2017-03-14 00:00:00.000", "date_end": "2017-03-14 00:00:00.000",
        "deaths_civilians": "9", "best": "9", "high": "12", "low": "9",
    },
    {
        "id": "401235", "type_of_violence": "3", "side_a": "IS", "where_prec": "7",
        "where_coordinates": "Syria", "adm_1": "", "latitude": "35.0", "longitude": "38.0",
        "country": "Syria", "date_start": "2017-03-20", "best": "3", "high": "3", "low": "2",
    },
]


def test_acled_rows_map_onto_incidents(tmp_path):
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, ACLED_ROWS)
    strike, clash, protest = read_acled(path)
    assert strike.incident_id == strike.doc_id == "SYR90001"
    assert strike.date == dt.date(2017, 3, 14)
    assert strike.event_type == "airstrike"
    assert strike.actor == "Russia"
    assert strike.killed_best == 7 and strike.killed_low is None
    assert strike.text.startswith("On 14 March 2017")
    loc = strike.location
    assert (loc.lat, loc.lon, loc.precision) == (35.8137, 36.6084, 1)
    assert (loc.place_name, loc.admin1, loc.admin2, loc.country_code) == (
        "Ariha", "Idleb", "Ariha", "SY",
    )
    assert clash.event_type == "ground_assault"
    assert clash.actor == "pro-Assad forces"
    assert clash.date == dt.date(2017, 3, 15)
    assert clash.killed_best is None  # empty, not 0
    assert clash.location.precision == 4  # a wider area and no admin2
    assert protest.event_type == "other"
    assert (strike.category, clash.category, protest.category) == (
        "violence", "violence", "protest")
    assert protest.location is None
    assert protest.date == dt.date(2017, 3, 16)
    assert protest.killed_best == 0


def test_ucdp_rows_map_onto_incidents(tmp_path):
    path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, UCDP_ROWS)
    near, country = read_ucdp(path)
    assert near.incident_id == "ged-401234"
    assert (near.killed_low, near.killed_best, near.killed_high) == (9, 9, 12)
    assert near.date == dt.date(2017, 3, 14)
    assert near.actor == "pro-Assad forces"
    assert near.event_type == "attack"
    assert near.text.startswith("Wire service report")
    assert near.location.precision == 2
    assert (near.location.admin1, near.location.admin2) == ("Idleb", "Idleb")  # OCHA spelling
    assert country.location.precision == 6
    assert country.actor == "IS"


def test_read_reference_sniffs_the_format(tmp_path):
    acled = write_csv(tmp_path / "a.csv", ACLED_HEADER, ACLED_ROWS[:1])
    ged = write_csv(tmp_path / "g.csv", UCDP_HEADER, UCDP_ROWS[:1])
    assert read_reference(acled)[0].doc_id == "SYR90001"
    assert read_reference(ged)[0].doc_id == "ged-401234"
    assert is_reference_csv(acled) and is_reference_csv(ged)


def test_other_csv_gets_a_clear_error(tmp_path):
    other = tmp_path / "articles.csv"
    other.write_text("id,text\n1,Shelling hit the town.\n", encoding="utf-8")
    assert not is_reference_csv(other)
    with pytest.raises(InputError, match=r"is not an ACLED export .* or a UCDP GED CSV"):
        read_reference(other)
    acled = write_csv(tmp_path / "a.csv", ACLED_HEADER, ACLED_ROWS[:1])
    with pytest.raises(InputError, match="UCDP GED"):
        read_ucdp(acled)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_reference(tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(",".join(ACLED_HEADER).encode() + b"\nSYR1,\xff\xfe 12 March\n")
    with pytest.raises(InputError, match="UTF-8"):
        read_reference(bad)


def test_bad_rows_are_skipped_with_one_warning(tmp_path):
    rows = [*ACLED_ROWS[:1], {**ACLED_ROWS[0], "event_id_cnty": "SYR9", "event_date": "soon"},
            {**ACLED_ROWS[0], "event_id_cnty": "SYR8", "latitude": "north"}]
    path = write_csv(tmp_path / "a.csv", ACLED_HEADER, rows)
    with pytest.warns(UserWarning, match=r"skipped 2 bad row\(s\); first: row 3: event_date"):
        incidents = read_acled(path)
    assert [i.doc_id for i in incidents] == ["SYR90001"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Military Forces of Russia (2000-)", "Russia"),
        ("Government of Russia (Soviet Union)", "Russia"),
        ("Military Forces of Syria (2000-2024)", "pro-Assad forces"),
        ("Military Forces of Turkey (2016-)", "Turkey"),
        ("Hayat Tahrir al Sham", "Hayat Tahrir al Sham"),
        ("", None),
    ],
)
def test_normalize_actor(raw, expected):
    assert normalize_actor(raw) == expected


def test_read_incidents_reads_reference_csvs(tmp_path):
    from geoconflict.frames import read_incidents

    gdf = read_incidents(write_csv(tmp_path / "acled.csv", ACLED_HEADER, ACLED_ROWS))
    assert list(gdf["incident_id"]) == ["SYR90001", "SYR90002", "SYR90003"]
    assert gdf.crs.to_epsg() == 4326
    point = gdf.geometry.iloc[0]
    assert (point.x, point.y) == (36.6084, 35.8137)
    assert gdf.geometry.iloc[2] is None
    ged = read_incidents(write_csv(tmp_path / "ged.csv", UCDP_HEADER, UCDP_ROWS))
    assert list(ged["killed_high"]) == [12, 3]
