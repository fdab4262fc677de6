"""The boundary layers shipped in geoconflict/data."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
import shapely

from geoconflict.boundaries import (
    ADMIN_LEVELS,
    area_name_key,
    canonical_admin1,
    load_boundaries,
)
from geoconflict.errors import InputError
from geoconflict.joins import locate_points

OCHA_GOVERNORATES = {
    "Damascus", "Aleppo", "Rural Damascus", "Homs", "Hama", "Lattakia", "Idleb", "Al-Hasakeh",
    "Deir-ez-Zor", "Tartous", "Ar-Raqqa", "Dar'a", "As-Sweida", "Quneitra",
}


@pytest.mark.parametrize(("level", "count"), [("admin1", 14), ("admin2", 61), ("admin3", 272)],
                         ids=["governorates", "districts", "sub-districts"])
def test_layers_are_complete_valid_and_in_wgs84(level, count):
    gdf = load_boundaries(level)
    assert len(gdf) == count
    assert gdf.crs.to_epsg() == 4326
    for col in ("area_id", "name", "admin1", "admin1_pcode", "geometry"):
        assert col in gdf.columns
    assert gdf["area_id"].is_unique
    assert shapely.is_valid(gdf.geometry.values).all()
    assert set(gdf["admin1"]) == OCHA_GOVERNORATES
    minx, miny, maxx, maxy = gdf.total_bounds
    assert 35.5 < minx < 36.0 and 42.0 < maxx < 42.5 and 32.2 < miny < 32.5 and 37.2 < maxy < 37.4


def test_governorates_use_the_ocha_names_and_pcodes():
    gov = load_boundaries("admin1")
    assert set(gov["name"]) == OCHA_GOVERNORATES
    assert sorted(gov["area_id"]) == [f"SY{i:02d}" for i in range(1, 15)]


def test_simplified_layers_leave_no_gaps_or_overlaps_between_areas():
    for level in ("admin1", "admin2"):
        geoms = load_boundaries(level).to_crs(6933).geometry  # equal-area
        union = shapely.union_all(geoms.values)
        assert geoms.area.sum() / union.area == pytest.approx(1.0, abs=1e-6)


def test_loader_returns_independent_copies():
    a = load_boundaries("admin1")
    a.loc[0, "name"] = "changed"
    assert "changed" not in set(load_boundaries("admin1")["name"])


def test_unknown_level_is_a_clear_error():
    with pytest.raises(InputError, match="admin1, admin2, admin3"):
        load_boundaries("admin9")


def test_shipped_files_are_small_and_documented():
    folder = resources.files("geoconflict") / "data"
    for level in ADMIN_LEVELS:
        size = (folder / f"{level}.geojson.gz").stat().st_size  # type: ignore[attr-defined]
        assert size < 3_000_000
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "CC BY 3.0 IGO" in readme and "geoBoundaries" in readme and "Natural Earth" in readme


@pytest.mark.parametrize(
    ("lat", "lon", "governorate", "district"),
    [
        (33.5372, 36.3663, "Rural Damascus", "Rural Damascus"),  # Arbin, not Damascus city
        (33.5718, 36.4027, "Rural Damascus", "Duma"),
        (35.4421, 36.6510, "Idleb", "Al Ma'ra"),
        (35.3359, 40.1408, "Deir-ez-Zor", "Deir-ez-Zor"),
        (33.5100, 36.2910, "Damascus", "Damascus"),
    ],
    ids=["arbin", "douma", "khan-shaykhun", "deir-ez-zor", "damascus"],
)
def test_known_towns_fall_in_their_areas(lat, lon, governorate, district):
    gov = load_boundaries("admin1")
    dist = load_boundaries("admin2")
    i = locate_points(np.array([lon]), np.array([lat]), gov.geometry.values)[0]
    j = locate_points(np.array([lon]), np.array([lat]), dist.geometry.values)[0]
    assert gov["name"].iloc[i] == governorate
    assert dist["name"].iloc[j] == district
    assert dist["admin1"].iloc[j] == governorate


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("Idlib", "Idleb"), ("IDLEB", "Idleb"), ("Deir ez-Zor", "Deir-ez-Zor"),
     ("Rif Dimashq", "Rural Damascus"), ("Daraa", "Dar'a"), ("Dar’a", "Dar'a"),
     ("Raqqa", "Ar-Raqqa"), ("Hasakah", "Al-Hasakeh"), ("Latakia", "Lattakia"),
     ("Tartus", "Tartous"), ("Suwayda", "As-Sweida"), ("Atlantis", None), ("", None)],
)
def test_governorate_spellings_map_to_the_layer_names(written, canonical):
    assert canonical_admin1(written) == canonical


def test_area_name_key_ignores_case_accents_and_punctuation():
    assert area_name_key("Ma‘arrat an-Nu‘mān") == area_name_key("maarrat an numan")
