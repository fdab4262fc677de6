"""The generated maps opened in a real headless Chromium with the network cut off.

Checks: the page reports it is drawn with no console errors or failed loads; the expected
numbers of areas (SVG paths with our classes) and markers are there; hostile article text ran
nothing, even with every popup opened; the offline map draws completely; districts and the time
slider work. Screenshots are kept in ``test-artifacts/`` for people to look at.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import geoconflict.maps as maps
from geoconflict._browser import Chromium
from geoconflict.boundaries import load_boundaries
from geoconflict.joins import locate_points
from geoconflict.maps import save_map
from tests.geoconflict.map_data import incident, map_incidents

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
READY = "document.documentElement.getAttribute('data-gc-ready') === '1'"


@pytest.fixture(scope="module")
def browser(chromium):
    with Chromium(chromium, width=1200, height=800, timeout=90) as b:
        yield b


@pytest.fixture(scope="module")
def small_map(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "map.html"
    save_map(map_incidents(), path, offline=True, title="Browser test map")
    return path


def flag(browser, name):
    return browser.evaluate(f"document.documentElement.getAttribute('data-gc-{name}')")


def count(browser, selector):
    return browser.evaluate(f"document.querySelectorAll({selector!r}).length")


def open_map(browser, path):
    browser.open(path)
    browser.wait_for(READY, timeout=90)


def shot(browser, name):
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(ARTIFACTS / name)


def test_offline_map_draws_completely_without_errors(browser, small_map):
    open_map(browser, small_map)
    assert browser.errors == []
    assert count(browser, "path.gc-area-admin1") == 14
    assert count(browser, "path.gc-area-admin2") == 0  # districts are one click away
    assert count(browser, "path.gc-incident") == 7  # 8 incidents, one without a place
    assert flag(browser, "markers") == "7"
    assert count(browser, "path.gc-hollow") == 1  # the governorate-only incident
    # 10 governorates without incidents, and Dar'a, whose only incident gives no death toll
    assert count(browser, "path.gc-area-nodata") == 11
    assert count(browser, "path.gc-backdrop") > 5  # neighbours, drawn without tiles
    assert count(browser, "img.leaflet-tile") == 0
    assert "Browser test map" in browser.evaluate(
        "document.getElementById('gc-title').textContent")
    assert count(browser, ".gc-legend") == 1 and count(browser, "input.gc-slider-input") == 1
    assert "GeoNames" in browser.evaluate(
        "document.querySelector('.leaflet-control-attribution').textContent")
    shot(browser, "map-offline-small.png")


def test_hostile_article_text_runs_nothing_even_in_open_popups(browser, small_map):
    open_map(browser, small_map)
    opened = browser.evaluate("""(function () {
        var texts = [];
        var layer = Object.values(window).find(function (v) {
            return v && v.gcControl && v.gcControl.markers; });
        layer.gcControl.markers.forEach(function (m) {
            m.fire('click', {latlng: m.getLatLng()}, true);  // as a user's click does
            var popups = document.querySelectorAll('.gc-incident-popup .leaflet-popup-content');
            var box = popups[popups.length - 1];
            texts.push({text: box.textContent,
                        elements: box.querySelectorAll('script, img, iframe').length});
        });
        return texts;
    })()""")
    assert len(opened) == 7
    assert all(p["elements"] == 0 for p in opened)
    joined = " ".join(p["text"] for p in opened)
    assert "<script>document.title='pwned'" in joined  # shown as text
    assert '<img src=x onerror="window.gcPwned=2' in joined
    assert "governorate's centre" in joined  # precision stated for the hollow marker
    assert browser.evaluate("document.title") != "pwned"
    assert browser.evaluate("typeof window.gcPwned") == "undefined"
    assert browser.errors == []
    shot(browser, "map-offline-popup.png")


def test_district_layer_and_legend_switch(browser, small_map):
    open_map(browser, small_map)
    browser.evaluate("""(function () {
        var labels = document.querySelectorAll('.leaflet-control-layers-base label');
        for (var i = 0; i < labels.length; i++) {
            if (labels[i].textContent.indexOf('district') >= 0)
                labels[i].querySelector('input').click();
        }
    })()""")
    browser.wait_for("document.querySelectorAll('path.gc-area-admin2').length === 61")
    assert count(browser, "path.gc-area-admin1") == 0
    assert browser.evaluate(
        "document.querySelector('.gc-legend-classes[data-level=admin2]').style.display") == ""
    assert browser.errors == []
    shot(browser, "map-offline-districts.png")


def test_heat_map_layer_draws_when_switched_on(browser, small_map):
    open_map(browser, small_map)
    assert count(browser, "canvas.leaflet-heatmap-layer") == 0  # off at first
    browser.evaluate("""(function () {
        var labels = document.querySelectorAll('.leaflet-control-layers-overlays label');
        for (var i = 0; i < labels.length; i++) {
            if (labels[i].textContent.indexOf('Heat') >= 0)
                labels[i].querySelector('input').click();
        }
    })()""")
    assert count(browser, "canvas.leaflet-heatmap-layer") == 1
    assert browser.errors == []


def test_time_slider_filters_by_date(browser, small_map):
    open_map(browser, small_map)
    assert flag(browser, "markers-shown") == "7"
    browser.evaluate("""(function () {
        var s = document.querySelector('input.gc-slider-input');
        s.value = '0';
        s.dispatchEvent(new Event('input'));
    })()""")
    assert flag(browser, "markers-shown") == "1"  # only the first date (2021-03-02)
    assert "Through 2021-03-02" in browser.evaluate(
        "document.querySelector('.gc-slider-label').textContent")
    assert browser.errors == []


def random_incidents(n, seed=11):
    rng = np.random.default_rng(seed)
    gov = load_boundaries("admin1")
    lon = rng.uniform(35.7, 42.3, 3 * n)
    lat = rng.uniform(32.3, 37.3, 3 * n)
    inside = locate_points(lon, lat, gov.geometry.values) >= 0
    lon, lat = lon[inside][:n], lat[inside][:n]
    types = ["airstrike", "shelling", "bombing", "missile"]
    return [
        incident(f"r{i}", float(lat[i]), float(lon[i]), event_type=types[i % 4],
                 date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 200),
                 killed_best=int(rng.integers(0, 30)), precision=1 if i % 10 else 4,
                 text=f"Report {i} <script>window.gcPwned={i}</script> of a strike.")
        for i in range(n)
    ]


def test_clustered_compressed_map_of_thousands(browser, tmp_path, monkeypatch):
    monkeypatch.setattr(maps, "COMPRESS_ABOVE", 10_000)  # exercise the gzip path too
    path = save_map(random_incidents(3000), tmp_path / "big.html", offline=True)
    assert 'data-encoding="gzip-base64"' in path.read_text(encoding="utf-8")
    open_map(browser, path)
    assert browser.errors == []
    assert flag(browser, "markers") == "3000"
    assert flag(browser, "clustered") == "1"
    assert count(browser, ".marker-cluster") > 10
    assert count(browser, "path.gc-area-admin1") == 14
    assert browser.evaluate("typeof window.gcPwned") == "undefined"
    shot(browser, "map-offline-clustered.png")


@pytest.mark.skipif(shutil.which("geoconflict") is None and not Path(sys.executable).exists(),
                    reason="needs the installed command")
def test_sample_articles_map_from_the_command_line(browser, tmp_path):
    """End to end on the shipped sample articles: extract, then `geoconflict map --offline`."""
    pytest.importorskip("geoconflict.extract")
    folder = REPO / "geoconflict" / "examples"
    incidents = tmp_path / "incidents.geojson"
    html = tmp_path / "map.html"
    exe = [sys.executable, "-m", "geoconflict"]
    subprocess.run([*exe, "extract", str(folder), "-o", str(incidents)], check=True,
                   capture_output=True, timeout=180)
    proc = subprocess.run([*exe, "map", str(incidents), "-o", str(html), "--offline"],
                          capture_output=True, text=True, timeout=180, check=False)
    assert proc.returncode == 0, proc.stderr
    open_map(browser, html)
    assert browser.errors == []
    assert count(browser, "path.gc-area-admin1") == 14
    placed = int(flag(browser, "markers"))
    assert placed >= 5
    assert count(browser, "path.gc-incident") == placed
    assert int(flag(browser, "hollow")) >= 1  # province-level reports are rings, not pins
    shot(browser, "map-offline-samples.png")
