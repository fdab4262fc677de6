"""Spatial join to admin areas (precision-aware) and casualties per area (no double counts)."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geoconflict.boundaries import load_boundaries
from geoconflict.frames import incidents_to_gdf, points_from_lonlat
from geoconflict.joins import casualties_by_area, join_admin_areas, locate_points
from tests.geoconflict.map_data import incident, map_incidents


def joined(incidents):
    return join_admin_areas(incidents_to_gdf(incidents)).set_index("incident_id")


@pytest.mark.parametrize(
    ("precision", "given", "expected"),
    [
        (1, {}, ("Idleb", "Idleb", "Saraqab")),
        (2, {}, ("Idleb", "Idleb", "Saraqab")),
        (3, {}, ("Idleb", "Idleb", None)),
        (4, {}, ("Idleb", None, None)),
        (4, {"admin1": "Hamah"}, ("Hama", None, None)),  # the stated governorate wins
        (5, {}, (None, None, None)),
        (5, {"admin1": "Idlib"}, ("Idleb", None, None)),
        (6, {"admin1": "Idleb"}, (None, None, None)),
    ],
    ids=["exact", "near", "district", "governorate", "governorate-stated", "region",
         "region-stated", "country"],
)
def test_areas_assigned_only_as_far_as_the_precision_allows(precision, given, expected):
    row = joined([incident("x", 35.862, 36.800, precision=precision, **given)]).loc["x"]
    got = tuple(None if pd.isna(row[c]) else row[c] for c in ("admin1", "admin2", "admin3"))
    assert got == expected


def test_points_outside_every_polygon_and_unplaced_keep_what_they_had():
    gdf = incidents_to_gdf([
        incident("beirut", 33.89, 35.50, admin1="Beirut", admin2="Beirut"),
        incident("none"),
    ])
    gdf.loc[1, "admin1"] = "Aleppo"  # e.g. a reference row known only by its governorate
    out = join_admin_areas(gdf).set_index("incident_id")
    assert out.loc["beirut", "admin1"] == "Beirut" and out.loc["beirut", "admin2"] == "Beirut"
    assert out.loc["none", "admin1"] == "Aleppo"


def test_district_and_governorate_never_disagree():
    rng = np.random.default_rng(3)
    lon = rng.uniform(35.7, 42.3, 3000)
    lat = rng.uniform(32.3, 37.3, 3000)
    gdf = gpd.GeoDataFrame({"incident_id": [f"r{i}" for i in range(3000)]},
                           geometry=points_from_lonlat(lon, lat), crs=4326)
    out = join_admin_areas(gdf)
    parents = dict(zip(load_boundaries("admin2")["name"], load_boundaries("admin2")["admin1"],
                       strict=True))
    has2 = out["admin2"].notna()
    assert has2.sum() > 1000
    assert (out.loc[has2, "admin2"].map(parents) == out.loc[has2, "admin1"]).all()


def test_locate_points_agrees_with_geopandas_sjoin():
    rng = np.random.default_rng(7)
    lon = rng.uniform(35.7, 42.3, 5000)
    lat = rng.uniform(32.3, 37.3, 5000)
    districts = load_boundaries("admin2")
    ours = locate_points(lon, lat, districts.geometry.values)
    pts = gpd.GeoDataFrame(geometry=points_from_lonlat(lon, lat), crs=4326)
    ref = gpd.sjoin(pts, districts, predicate="within", how="left")
    ref = ref[~ref.index.duplicated()]["index_right"].fillna(-1).astype(int).to_numpy()
    assert (ours == ref).mean() > 0.999  # only points exactly on a border may differ


def test_casualties_count_no_death_twice():
    summary = casualties_by_area(incidents_to_gdf(map_incidents()), "admin1").set_index("name")
    idleb = summary.loc["Idleb"]
    # Saraqeb 9 + the governorate-wide raid 15; the running toll (60) and the sub-incident (3)
    # inside the raid are left out of the sums and counted apart.
    assert idleb["killed_best"] == 24
    assert idleb["incidents"] == 2 and idleb["strikes"] == 2
    assert idleb["cumulative_reports"] == 1 and idleb["sub_incidents"] == 1
    assert idleb["killed_low"] == 7 and idleb["killed_high"] == 11
    assert summary.loc["Rural Damascus", "killed_children"] == 2
    assert summary.loc["Ar-Raqqa", "killed_best"] == 0  # a reported zero
    assert pd.isna(summary.loc["Dar'a", "killed_best"])  # incident, deaths not reported
    assert summary.loc["Dar'a", "incidents"] == 1
    assert summary.loc["Homs", "incidents"] == 0 and pd.isna(summary.loc["Homs", "killed_best"])
    assert summary.attrs["unmatched"] == {}


def test_governorate_only_incident_is_counted_in_no_district():
    gdf = incidents_to_gdf(map_incidents())
    by_gov = casualties_by_area(gdf, "admin1")
    by_dist = casualties_by_area(gdf, "admin2")
    assert by_gov["killed_best"].sum() == 9 + 4 + 15 + 0
    assert by_dist["killed_best"].sum() == 9 + 4 + 0  # the 15 are not put in a district
    assert by_dist.attrs["not_at_level"] >= 1
    dist = by_dist.set_index("name")
    assert dist.loc["Idleb", "killed_best"] == 9
    assert dist.loc["Duma", "killed_best"] == 4


def test_summary_is_one_polygon_per_area_in_wgs84():
    summary = casualties_by_area(incidents_to_gdf(map_incidents()), "admin2")
    assert len(summary) == 61 and summary.crs.to_epsg() == 4326
    assert summary.geom_type.isin(["Polygon", "MultiPolygon"]).all()


def test_unmatched_area_names_raise_a_warning_instead_of_vanishing():
    gdf = incidents_to_gdf([incident("u1", killed_best=5), incident("u2", killed_best=2)])
    gdf["admin1"] = ["Atlantis", "Idlib"]  # unplaced rows named by area; Idlib is a variant
    with pytest.warns(UserWarning, match="Atlantis"):
        summary = casualties_by_area(gdf, "admin1")
    assert summary.attrs["unmatched"] == {"Atlantis": 1}
    assert summary.set_index("name").loc["Idleb", "killed_best"] == 2


def test_no_warning_when_everything_matches():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        casualties_by_area(incidents_to_gdf(map_incidents()), "admin2")
