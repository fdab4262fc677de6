"""Benchmark: HTML maps of 1,000 / 10,000 / 100,000 synthetic incidents, ours vs a naive folium map.

Side by side in one run, on the same incidents (``_synthetic.py``: seeded, inside the
governorate polygons, geocoded to shared sites as real incidents are):

* ours -- ``geoconflict.maps.incident_map(..., offline=True)`` + ``save_map``: choropleths of
  governorates and districts, incidents as ONE JSON blob drawn by a small script (canvas +
  clustering at this size), heat map and time slider;
* naive -- ``folium.Map`` with one ``folium.Marker`` (and an escaped ``folium.Popup`` with the
  same facts: date, place, counts, actor, source text) per incident. For a fair offline
  comparison it gets the same inlined Leaflet and no tiles. At 100,000 it is built once.

Measured: build time (from the Incident records to the written file), HTML size, and time until
headless Chromium (network cut off) has drawn the page: from navigation until a flag set after
the layers were added and a frame was painted (ours: ``data-gc-ready``; naive: a script
appended after folium's, which runs once every marker was added). Targets at 100,000 incidents
(issue 4): build <= 10 s, <= 25 MB, drawn <= 5 s, >= 5x smaller than the naive map. Run::

    .venv/bin/python bench/bench_maps.py [--sizes 1000 10000 100000] [--draw-timeout 180]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import synthetic_incidents

from geoconflict._browser import BrowserError, Chromium, find_chromium
from geoconflict.maps import (
    _STATIC_CSS,
    _STATIC_JS,
    _raw_element_class,
    _static_text,
    incident_map,
    save_map,
)

RESULTS = Path(__file__).resolve().parent / "results"
READY = "document.documentElement.getAttribute('data-gc-ready') === '1'"


def naive_map(incidents, path: Path) -> None:
    """One folium.Marker per incident, offline (inlined Leaflet, no tiles), then save."""
    import folium
    from branca.element import Element

    m = folium.Map(location=[35.0, 38.5], zoom_start=7, tiles=None)
    m.default_js = []
    m.default_css = []
    raw = _raw_element_class()
    root = m.get_root()
    root.header.add_child(raw(f"<style>{_static_text(_STATIC_CSS['leaflet_css'])}</style>"),
                          name="leaflet_css")
    root.header.add_child(raw(f"<script>{_static_text(_STATIC_JS['leaflet'])}</script>"),
                          name="leaflet")
    # Leaflet finds its default marker image next to its CSS; offline, give it the inlined one
    icon = re.search(r"leaflet-default-icon-path[^}]*url\((data:image/png;base64,[^)]+)\)",
                     _static_text(_STATIC_CSS["leaflet_css"])).group(1)
    blank = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
    root.header.add_child(raw(
        f"<script>L.Icon.Default.mergeOptions({{imagePath: '', iconUrl: '{icon}', "
        f"iconRetinaUrl: '{icon}', shadowUrl: '{blank}', shadowRetinaUrl: '{blank}'}});"
        # folium's popups call jQuery's $(html)[0]; this minimal stand-in (cheaper than
        # jQuery, so in the baseline's favour) keeps the naive map working offline
        "window.$ = function (s) { var t = document.createElement('template');"
        " t.innerHTML = String(s).trim(); return [t.content.firstChild]; };</script>"),
        name="naive_icon")
    for inc in incidents:
        loc = inc.location
        if loc is None:
            continue
        facts = (f"<b>{html.escape(inc.event_type)}</b> {html.escape(inc.place or '')}<br>"
                 f"Date: {inc.date}<br>Killed: {inc.killed_best}<br>"
                 f"Actor: {html.escape(inc.actor or '')}<br>{html.escape(inc.text)}")
        folium.Marker([loc.lat, loc.lon], popup=folium.Popup(facts, max_width=300)).add_to(m)
    root.script.add_child(Element(
        "requestAnimationFrame(function(){setTimeout(function(){"
        "document.documentElement.setAttribute('data-gc-ready','1');},0);});"
    ))
    m.save(str(path))


def draw_time(path: Path, timeout: float) -> dict:
    """Seconds from navigation to the drawn flag in a fresh headless Chromium."""
    try:
        with Chromium(timeout=timeout + 30) as browser:
            start = browser.open(path)
            end = browser.wait_for(READY, timeout=timeout, interval=0.01)
            errors = browser.errors
        return {"seconds": round(end - start, 3), "console_errors": len(errors)}
    except BrowserError as exc:
        return {"seconds": None, "error": str(exc)[:200]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--draw-timeout", type=float, default=180.0)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    browser = find_chromium() is not None and not args.no_browser
    rows = []
    with tempfile.TemporaryDirectory(prefix="gc-bench-maps-") as tmp:
        for n in args.sizes:
            incidents = synthetic_incidents(n, seed=n)
            ours_path = Path(tmp) / f"ours-{n}.html"
            t0, c0 = time.perf_counter(), time.process_time()
            m = incident_map(incidents, offline=True)
            save_map(m, ours_path)
            ours_build, ours_cpu = time.perf_counter() - t0, time.process_time() - c0
            naive_path = Path(tmp) / f"naive-{n}.html"
            t0, c0 = time.perf_counter(), time.process_time()
            naive_map(incidents, naive_path)
            naive_build, naive_cpu = time.perf_counter() - t0, time.process_time() - c0
            row = {
                "incidents": n,
                "ours": {"build_s": round(ours_build, 3), "build_cpu_s": round(ours_cpu, 3),
                         "html_mb": round(ours_path.stat().st_size / 1e6, 3)},
                "naive": {"build_s": round(naive_build, 3), "build_cpu_s": round(naive_cpu, 3),
                          "html_mb": round(naive_path.stat().st_size / 1e6, 3)},
                "load_average_before": os.getloadavg() if hasattr(os, "getloadavg") else None,
            }
            if browser:
                row["ours"]["draw"] = draw_time(ours_path, args.draw_timeout)
                row["naive"]["draw"] = draw_time(naive_path, args.draw_timeout)
            row["size_ratio_naive_over_ours"] = round(
                row["naive"]["html_mb"] / row["ours"]["html_mb"], 2)
            row["build_ratio_naive_over_ours"] = round(naive_build / ours_build, 2)
            od = row["ours"].get("draw", {}).get("seconds")
            nd = row["naive"].get("draw", {}).get("seconds")
            if od and nd:
                row["draw_ratio_naive_over_ours"] = round(nd / od, 2)
            rows.append(row)
            print(json.dumps(row), flush=True)
            ours_path.unlink()
            naive_path.unlink()

    result = {
        "rows": rows,
        "targets_at_100000": {"build_s": 10, "html_mb": 25, "draw_s": 5,
                              "size_ratio_naive_over_ours": 5},
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "maps.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print()
    print("build: wall time (CPU time of the building process in brackets)")
    print(f"{'incidents':>10} | {'ours build':>10} {'size':>8} {'drawn':>8} | "
          f"{'naive build':>11} {'size':>9} {'drawn':>10} | size x")
    for r in rows:
        def fmt(d):
            s = d.get("draw", {}).get("seconds")
            return f"{s:7.2f}s" if s is not None else ("  n/a   " if "draw" not in d
                                                        else " timeout")
        print(f"{r['incidents']:>10,} | {r['ours']['build_s']:9.2f}s"
              f" ({r['ours']['build_cpu_s']:.2f}s) {r['ours']['html_mb']:6.2f}MB"
              f" {fmt(r['ours'])} | {r['naive']['build_s']:10.2f}s"
              f" ({r['naive']['build_cpu_s']:.2f}s) {r['naive']['html_mb']:7.2f}MB"
              f" {fmt(r['naive']):>10} | {r['size_ratio_naive_over_ours']:5.1f}")


if __name__ == "__main__":
    main()
