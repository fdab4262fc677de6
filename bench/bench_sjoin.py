"""Benchmark: spatial join of 1,000,000 points to Syria's 61 districts, ours vs geopandas.sjoin.

Side by side in one run, on the same points, pinned to one core where the OS allows:

* ``locate_points`` -- geoconflict's core: one bounding-box filter and one prepared
  ``shapely.intersects_xy`` per district, on coordinate arrays;
* ``join_admin_areas`` -- the public function (validation, precision rules, governorate and
  district columns; ``levels=("admin1", "admin2")``), and with sub-districts too;
* baseline -- ``geopandas.sjoin(points, districts, predicate="within")`` (STRtree inside).

Points are uniform inside the governorate polygons. Agreement with the baseline is reported
(only points exactly on a border may differ). Run::

    .venv/bin/python bench/bench_sjoin.py [--n 1000000]   # writes bench/results/sjoin.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import random_points_in_syria

from geoconflict.boundaries import load_boundaries
from geoconflict.frames import points_from_lonlat
from geoconflict.joins import join_admin_areas, locate_points

RESULTS = Path(__file__).resolve().parent / "results"


def timed(func, repeat: int = 3):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pinned = False
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
            pinned = True
        except OSError:
            pass

    rng = np.random.default_rng(2024)
    lon, lat, _ = random_points_in_syria(args.n, rng)
    districts = load_boundaries("admin2")
    load_boundaries("admin1")
    load_boundaries("admin3")
    points = gpd.GeoDataFrame({"incident_id": np.arange(args.n).astype(str)},
                              geometry=points_from_lonlat(lon, lat), crs=4326)

    t_locate, ours = timed(lambda: locate_points(lon, lat, districts.geometry.values),
                           args.repeat)
    t_join, joined = timed(lambda: join_admin_areas(points, levels=("admin1", "admin2")),
                           args.repeat)
    t_join3, _ = timed(lambda: join_admin_areas(points), 1)

    def baseline():
        return gpd.sjoin(points, districts, predicate="within", how="left")

    t_base, ref = timed(baseline, args.repeat)
    ref = ref[~ref.index.duplicated()]["index_right"].fillna(-1).astype(int).to_numpy()
    agree = float((ours == ref).mean())
    names = districts["name"].to_numpy()
    same_names = float((joined["admin2"].to_numpy(dtype=object)
                        == np.where(ref >= 0, names[np.maximum(ref, 0)], None)).mean())

    result = {
        "n_points": args.n,
        "districts": len(districts),
        "pinned_to_one_core": pinned,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "seconds": {
            "locate_points": round(t_locate, 3),
            "join_admin_areas_admin1_admin2": round(t_join, 3),
            "join_admin_areas_with_admin3": round(t_join3, 3),
            "baseline_geopandas_sjoin_within": round(t_base, 3),
        },
        "speedup_vs_baseline": {
            "locate_points": round(t_base / t_locate, 2),
            "join_admin_areas_admin1_admin2": round(t_base / t_join, 2),
        },
        "agreement_with_baseline": round(agree, 6),
        "district_names_agree": round(same_names, 6),
        "target_seconds": 5.0,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sjoin.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{args.n:,} points -> {len(districts)} districts (best of {args.repeat}, "
          f"one core: {pinned}, load {result['load_average']})")
    for name, secs in result["seconds"].items():
        print(f"  {name:34s} {secs:8.3f} s")
    print(f"  speedup vs geopandas.sjoin: locate {result['speedup_vs_baseline']['locate_points']}x,"
          f" join {result['speedup_vs_baseline']['join_admin_areas_admin1_admin2']}x;"
          f" agreement {agree:.6f}")


if __name__ == "__main__":
    main()
