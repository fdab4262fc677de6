"""Build the boundary layers shipped in ``geoconflict/data/`` from ``../shared/data/boundaries``.

Reproducible: the same inputs give byte-identical outputs (sorted rows, fixed precision, gzip
without a timestamp). Run from the repository root::

    .venv/bin/python scripts/build_boundaries.py [--source ../shared/data/boundaries]

Outputs (GeoJSON, EPSG:4326, gzip-compressed):

- ``admin1.geojson.gz``: 14 governorates (OCHA COD-AB), coverage-simplified at 0.0005 degrees.
- ``admin2.geojson.gz``: 61 districts (geoBoundaries gbOpen, from OCHA), coverage-simplified
  at 0.0005 degrees.
- ``admin3.geojson.gz``: 272 sub-districts (geoBoundaries gbOpen, from OCHA), as is (already
  coarse).
- ``neighbours.geojson.gz``: Natural Earth countries around Syria, clipped and simplified; a
  neutral backdrop for offline maps.

Coverage simplification (``shapely.coverage_simplify``) keeps shared borders shared, so no gaps
or overlaps open between neighbouring areas.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "boundaries"
OUT = REPO / "geoconflict" / "data"
#: Coordinate grid of the shipped files (about 1 m).
GRID = 1e-5
#: Extent of the neighbour backdrop (lon_min, lat_min, lon_max, lat_max).
NEIGHBOUR_BOX = (30.0, 28.0, 48.0, 41.0)


def _simplify(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    if tolerance > 0:
        geoms = shapely.coverage_simplify(geoms, tolerance)
    geoms = shapely.set_precision(geoms, GRID)
    geoms = shapely.make_valid(geoms)
    if not shapely.is_valid(geoms).all():
        msg = "simplification produced invalid geometries"
        raise RuntimeError(msg)
    return geoms


def build_admin1(src: Path) -> gpd.GeoDataFrame:
    g = gpd.read_file(src / "SYR_ADM1.geojson")
    out = gpd.GeoDataFrame(
        {
            "area_id": g["ADM1_PCODE"],
            "name": g["ADM1_EN"],
            "name_ar": g["ADM1_AR"],
            "admin1": g["ADM1_EN"],
            "admin1_pcode": g["ADM1_PCODE"],
            "iso3166_2": g["ISO3166_2"],
            "gn_admin1": g["GN_ADMIN1"],
        },
        geometry=_simplify(g.geometry.values, 0.0005),
        crs="EPSG:4326",
    )
    return out.sort_values("area_id").reset_index(drop=True)


def build_admin2(src: Path) -> gpd.GeoDataFrame:
    g = gpd.read_file(src / "SYR_ADM2.geojson")
    out = gpd.GeoDataFrame(
        {
            "area_id": g["shapeID"],
            "name": g["ADM2_EN"],
            "admin1": g["ADM1_EN"],
            "admin1_pcode": g["ADM1_PCODE"],
            "gn_admin1": g["GN_ADMIN1"],
        },
        geometry=_simplify(g.geometry.values, 0.0005),
        crs="EPSG:4326",
    )
    return out.sort_values(["admin1_pcode", "name"]).reset_index(drop=True)


def build_admin3(src: Path) -> gpd.GeoDataFrame:
    g = gpd.read_file(src / "SYR_ADM3.geojson")
    out = gpd.GeoDataFrame(
        {
            "area_id": g["ADM3_PCODE"],
            "name": g["ADM3_EN"].str.strip(),
            "admin2": g["ADM2_EN"],
            "admin2_id": g["ADM2_ID"],
            "admin2_pcode": g["ADM2_PCODE"],
            "admin1": g["ADM1_EN"],
            "admin1_pcode": g["ADM1_PCODE"],
            "gn_admin1": g["GN_ADMIN1"],
        },
        geometry=_simplify(g.geometry.values, 0.0),
        crs="EPSG:4326",
    )
    return out.sort_values("area_id").reset_index(drop=True)


def build_neighbours(src: Path) -> gpd.GeoDataFrame:
    g = gpd.read_file(src / "world_admin0.geojson")
    box = shapely.box(*NEIGHBOUR_BOX)
    g = g[g.intersects(box)].copy()
    geoms = shapely.intersection(g.geometry.values, box)
    geoms = shapely.simplify(geoms, 0.01, preserve_topology=True)
    out = gpd.GeoDataFrame(
        {"area_id": g["ISO_N3"].astype(str), "name": g["NAME"]},
        geometry=_simplify(geoms, 0.0),
        crs="EPSG:4326",
    )
    out = out[~out.geometry.is_empty]
    return out.sort_values("area_id").reset_index(drop=True)


def write_gz(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Write ``gdf`` as gzip-compressed RFC 7946 GeoJSON, deterministically."""
    data = json.loads(gdf.to_json(drop_id=True, to_wgs84=False))
    data.pop("crs", None)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    with open(path, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9
    ) as fh:
        fh.write(text.encode("utf-8"))
    print(f"{path.relative_to(REPO)}: {len(gdf)} features, {path.stat().st_size / 1e3:.0f} kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    write_gz(build_admin1(args.source), OUT / "admin1.geojson.gz")
    write_gz(build_admin2(args.source), OUT / "admin2.geojson.gz")
    write_gz(build_admin3(args.source), OUT / "admin3.geojson.gz")
    write_gz(build_neighbours(args.source), OUT / "neighbours.geojson.gz")


if __name__ == "__main__":
    main()
