"""Incidents as a GeoDataFrame: columns, CRS, lon/lat order, nulls, validation, readers."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoconflict.errors import InputError, SchemaError
from geoconflict.frames import (
    _READERS,
    COLUMNS,
    incidents_to_gdf,
    points_from_lonlat,
    read_incidents,
    register_incident_reader,
    validate_incidents_gdf,
)
from geoconflict.geojson import write_incidents_geojson
from geoconflict.records import Incident, Location
from tests.geoconflict.map_data import incident, map_incidents


def test_columns_crs_and_point_order():
    gdf = incidents_to_gdf(map_incidents())
    assert tuple(gdf.columns) == COLUMNS
    assert gdf.crs.to_epsg() == 4326
    row = gdf.set_index("incident_id").loc["t-saraqib"]
    assert (row.geometry.x, row.geometry.y) == (36.800, 35.862)  # lon first
    assert (row["lon"], row["lat"]) == (36.800, 35.862)


def test_unplaced_incident_has_null_geometry_and_unknown_counts_stay_missing():
    gdf = incidents_to_gdf(map_incidents()).set_index("incident_id")
    assert gdf.loc["t-nowhere"].geometry is None
    assert pd.isna(gdf.loc["t-dara", "killed_best"])  # not reported: missing, never 0
    assert gdf.loc["t-raqqa", "killed_best"] == 0  # reported zero stays 0
    assert str(gdf["killed_best"].dtype) == "Int64"
    assert gdf.loc["t-toll", "is_cumulative"]
    assert gdf.loc["t-sub", "part_of"] == "t-idleb-gov"
    assert gdf.loc["t-douma", "sources"] == ["testdoc"]


def test_empty_input_gives_an_empty_frame_with_the_contract_columns():
    gdf = incidents_to_gdf([])
    assert len(gdf) == 0 and tuple(gdf.columns) == COLUMNS and gdf.crs.to_epsg() == 4326


def test_points_from_lonlat_handles_missing_pairs():
    geoms = points_from_lonlat([36.0, None, float("nan")], [35.0, 34.0, 33.0])
    assert shapely.equals(geoms[0], shapely.Point(36.0, 35.0))
    assert geoms[1] is None and geoms[2] is None


coords = st.tuples(st.floats(-89.9, 89.9), st.floats(-179.9, 179.9))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), coords), max_size=25))
def test_row_count_crs_and_lonlat_order_are_kept(points):
    incs = [
        Incident(f"h{i}", "d", "t", 0, 1,
                 location=None if p is None else Location(lat=p[0], lon=p[1], precision=1))
        for i, p in enumerate(points)
    ]
    gdf = incidents_to_gdf(incs)
    assert len(gdf) == len(points)
    assert gdf.crs.to_epsg() == 4326
    for geom, p in zip(gdf.geometry, points, strict=True):
        if p is None:
            assert geom is None
        else:
            assert (geom.x, geom.y) == (p[1], p[0])


def test_validate_fills_missing_columns_of_a_foreign_frame():
    gdf = gpd.GeoDataFrame({"incident_id": ["a"], "killed_best": [3]},
                           geometry=[shapely.Point(36.5, 35.0)], crs=4326)
    out = validate_incidents_gdf(gdf)
    assert set(COLUMNS) <= set(out.columns)
    assert out.loc[0, "lat"] == 35.0 and out.loc[0, "lon"] == 36.5
    assert list(out.loc[0, "targets"]) == []  # an empty (shared, immutable) sequence


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"incident_id": ["a"]}), "expected a GeoDataFrame"),
        (gpd.GeoDataFrame({"x": [1]}, geometry=[shapely.Point(1, 1)], crs=4326), "incident_id"),
        (gpd.GeoDataFrame({"incident_id": ["a"]}, geometry=[shapely.Point(1, 1)]), "no CRS"),
        (gpd.GeoDataFrame({"incident_id": ["a"]}, geometry=[shapely.Point(1, 1)], crs=3857),
         "EPSG:4326"),
        (gpd.GeoDataFrame({"incident_id": ["a"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4326),
         "Points"),
        (gpd.GeoDataFrame({"incident_id": ["a"]}, geometry=[shapely.Point(35, 136)], crs=4326),
         "swapped"),
    ],
    ids=["not-geo", "no-id", "no-crs", "wrong-crs", "polygon", "swapped"],
)
def test_validation_errors_name_the_problem(frame, message):
    with pytest.raises(SchemaError, match=message):
        validate_incidents_gdf(frame)


def test_read_incidents_round_trips_the_geojson(tmp_path):
    path = tmp_path / "incidents.geojson"
    write_incidents_geojson(map_incidents(), path)
    gdf = read_incidents(path)
    assert len(gdf) == 8
    assert gdf.set_index("incident_id").loc["t-douma", "killed_children"] == 2


def test_read_incidents_errors_are_one_line(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_incidents(tmp_path / "missing.geojson")
    bad = tmp_path / "notes.txt"
    bad.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(InputError, match="not in a known incidents format"):
        read_incidents(bad)


def test_a_registered_reader_is_used_for_its_format(tmp_path):
    path = tmp_path / "custom.dat"
    path.write_text("CUSTOM\n36.5,35.0\n", encoding="utf-8")

    def sniff(p, head):
        return head.startswith(b"CUSTOM")

    def read(p):
        return incidents_to_gdf([incident("c1", 35.0, 36.5)])

    register_incident_reader("custom test format", sniff, read, first=True)
    try:
        gdf = read_incidents(path)
    finally:
        _READERS[:] = [r for r in _READERS if r[0] != "custom test format"]
    assert list(gdf["incident_id"]) == ["c1"]
