"""Exports read back through GDAL (pyogrio) with the same rows, fields and coordinates."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from geoconflict.errors import ExportError
from geoconflict.exports import export_areas, export_incidents
from geoconflict.frames import incidents_to_gdf
from geoconflict.geojson import PROPERTY_NAMES
from geoconflict.joins import casualties_by_area, join_admin_areas
from tests.geoconflict.map_data import SCRIPT_PAYLOAD, map_incidents


@pytest.fixture(scope="module")
def expected():
    return join_admin_areas(incidents_to_gdf(map_incidents())).set_index("incident_id")


def read_back(path):
    if path.suffix == ".csv":
        return pyogrio.read_dataframe(path, X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat",
                                      KEEP_GEOM_COLUMNS="YES")
    return pyogrio.read_dataframe(path)


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_incidents_read_back_with_same_rows_fields_and_coordinates(tmp_path, expected, suffix):
    path = tmp_path / f"incidents{suffix}"
    assert export_incidents(map_incidents(), path) == 8
    back = read_back(path).set_index("incident_id")
    assert set(back.index) == set(expected.index)
    for field in PROPERTY_NAMES:
        assert field == "incident_id" or field in back.columns
    assert "admin3" in back.columns
    for iid, row in expected.iterrows():
        got = back.loc[iid]
        if row.geometry is None:
            assert got.geometry is None or got.geometry.is_empty
        else:
            assert got.geometry.x == pytest.approx(row.geometry.x, abs=1e-6)
            assert got.geometry.y == pytest.approx(row.geometry.y, abs=1e-6)
        for field in ("killed_best", "killed_children", "precision"):
            want = row[field]
            have = got[field]
            if pd.isna(want):
                assert pd.isna(have) or have == ""
            else:
                assert float(have) == float(want)
        assert got["text"] == row["text"]
        def name(v):
            return None if v is None or pd.isna(v) or v == "" else v  # CSV: empty = missing

        assert name(got["admin1"]) == name(row["admin1"])


def test_geojson_is_rfc7946(tmp_path):
    path = tmp_path / "incidents.geojson"
    export_incidents(map_incidents(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    feats = {f["properties"]["incident_id"]: f for f in data["features"]}
    assert feats["t-saraqib"]["geometry"] == {"type": "Point", "coordinates": [36.8, 35.862]}
    assert feats["t-nowhere"]["geometry"] is None
    assert feats["t-saraqib"]["properties"]["sources"] == ["testdoc"]  # lists stay lists
    assert feats["t-dara"]["properties"]["killed_best"] is None
    for f in data["features"]:
        if f["geometry"]:
            assert shapely.from_geojson(json.dumps(f["geometry"])).is_valid


def test_csv_is_flat_with_lat_lon_and_joined_lists(tmp_path):
    path = tmp_path / "incidents.csv"
    export_incidents(map_incidents(), path)
    df = pd.read_csv(path, keep_default_na=False)
    row = df.set_index("incident_id").loc["t-saraqib"]
    assert (float(row["lat"]), float(row["lon"])) == (35.862, 36.8)
    assert row["sources"] == "testdoc"
    assert SCRIPT_PAYLOAD in row["text"]  # data is exported as written; escaping is for HTML
    assert df.set_index("incident_id").loc["t-nowhere", "lat"] == ""


def test_area_summary_exports_polygons_with_counts(tmp_path):
    summary = casualties_by_area(incidents_to_gdf(map_incidents()), "admin1")
    for suffix in (".geojson", ".gpkg", ".csv"):
        path = tmp_path / f"areas{suffix}"
        assert export_areas(summary, path) == 14
        back = read_back(path).set_index("name")
        assert len(back) == 14
        assert float(back.loc["Idleb", "killed_best"]) == 24
        assert int(back.loc["Idleb", "cumulative_reports"]) == 1
        if suffix != ".csv":
            assert back.geom_type.isin(["Polygon", "MultiPolygon"]).all()
            assert np.allclose(back.total_bounds, summary.total_bounds, atol=1e-6)


def test_unknown_suffix_is_one_line_listing_the_formats(tmp_path):
    with pytest.raises(ExportError) as err:
        export_incidents(map_incidents(), tmp_path / "incidents.shp")
    msg = str(err.value)
    assert "\n" not in msg and ".geojson" in msg and ".csv" in msg and ".gpkg" in msg
    assert not (tmp_path / "incidents.shp").exists()


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_failed_export_leaves_the_old_file_and_no_temporary_files(tmp_path, monkeypatch,
                                                                  suffix):
    path = tmp_path / f"incidents{suffix}"
    path.write_text("previous\n", encoding="utf-8")
    import geoconflict.exports as ex

    def boom(*args, **kwargs):
        msg = "disk full"
        raise RuntimeError(msg)

    if suffix == ".gpkg":
        monkeypatch.setattr("pyogrio.write_dataframe", boom)
    elif suffix == ".csv":
        monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    else:
        monkeypatch.setattr(ex.json, "dump", boom)
    with pytest.raises((RuntimeError, ExportError)):
        export_incidents(map_incidents(), path)
    assert path.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_missing_folder_is_a_clear_error(tmp_path):
    for suffix in (".geojson", ".gpkg"):
        with pytest.raises(ExportError, match="does not exist"):
            export_incidents(map_incidents(), tmp_path / "nope" / f"x{suffix}")


def test_csv_slices_and_single_lines_give_the_whole_table():
    import datetime as dt

    from geoconflict.exports import incident_csv_line, incidents_csv_text
    from geoconflict.records import Incident, Location, SourceReport

    texts = ['Plain text.', 'A "quoted" word, a comma', 'two\nlines', 'carriage\rreturn',
             'Ünïcödé – ‘quotes’', '', ' leading space', '123', 'semi;colon']
    floats = [None, 0.9, 1e-05, 0.1 + 0.2, 100.0, 1e16, 3]
    incidents = []
    for k in range(40):
        loc = None if k % 5 == 0 else Location(
            33.5 + k / 37, 36.2 + k / 91, 1 + k % 6, f"Place {k}" if k % 3 else None,
            f"p{k}", "Idleb" if k % 2 else None, None, "SY", "PPL",
            floats[k % len(floats)])
        reports = () if k % 4 else (
            SourceReport(f"d{k}", f"d{k}-001", dt.date(2017, 3, 1), 1, 2, None),
            SourceReport(f"e{k}", f"e{k}-002", None, None, 3, 4, 5, 6, 7),
        )
        incidents.append(Incident(
            f"d{k}-001", f"d{k}", texts[k % len(texts)], k, k + 10,
            event_type="airstrike" if k % 2 else "other", actor=None if k % 3 else "Russia",
            date=None if k % 7 == 0 else dt.date(2017, 1, 1) + dt.timedelta(days=k),
            place=texts[(k + 3) % len(texts)] or None, location=loc,
            killed_low=None if k % 2 else k, killed_best=k * 3 if k % 3 else None,
            killed_children=k % 4 or None, targets=("school", "hospital")[: k % 3],
            victims=("civilians",) if k % 2 else (), is_cumulative=k % 9 == 0,
            part_of=f"d{k}-000" if k % 8 == 1 else None,
            sources=(f"d{k}", f"e{k}") if reports else (), reports=reports,
            confidence=floats[(k + 2) % len(floats)],
        ))
    whole = incidents_csv_text(incidents)
    head = incidents_csv_text([], header=True)
    assert whole.startswith(head)
    assert head + "".join(incident_csv_line(i) for i in incidents) == whole
    sliced = incidents_csv_text(incidents[:13]) + incidents_csv_text(incidents[13:], header=False)
    assert sliced == whole
