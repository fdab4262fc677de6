"""`geoconflict map` and `geoconflict export` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pyogrio
import pytest
from click.testing import CliRunner

from geoconflict.cli import cli
from geoconflict.geojson import write_incidents_geojson
from tests.geoconflict.map_data import map_incidents


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def incidents_file(tmp_path):
    path = tmp_path / "incidents.geojson"
    write_incidents_geojson(map_incidents(), path)
    return path


def test_map_writes_html_and_png(runner, incidents_file, tmp_path):
    html = tmp_path / "map.html"
    png = tmp_path / "map.png"
    result = runner.invoke(cli, ["map", str(incidents_file), "-o", str(html), "--png", str(png),
                                 "--level", "admin2", "--title", "Deaths <b>by</b> district"])
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert "Deaths &lt;b&gt;by&lt;/b&gt; district" in text
    assert "<script src=" not in text and "leaflet@1.9.4" not in text  # offline by default
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "8 incidents (7 placed)" in result.output


def test_map_offline_is_self_contained(runner, incidents_file, tmp_path):
    html = tmp_path / "map.html"
    result = runner.invoke(cli, ["map", str(incidents_file), "-o", str(html), "--offline"])
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert "<script src=" not in text and "cdn.jsdelivr" not in text


def test_map_cdn_links_leaflet_and_tiles(runner, incidents_file, tmp_path):
    html = tmp_path / "map.html"
    result = runner.invoke(cli, ["map", str(incidents_file), "-o", str(html), "--cdn"])
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert "leaflet@1.9.4" in text and "tile.openstreetmap" in text
    offline = tmp_path / "offline.html"
    runner.invoke(cli, ["map", str(incidents_file), "-o", str(offline)])
    assert len(text) < len(offline.read_text(encoding="utf-8"))


def test_export_formats_and_area_summary(runner, incidents_file, tmp_path):
    for suffix in (".geojson", ".csv", ".gpkg"):
        out = tmp_path / f"out{suffix}"
        result = runner.invoke(cli, ["export", str(incidents_file), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "8 incidents" in result.output
    assert len(pyogrio.read_dataframe(tmp_path / "out.gpkg")) == 8
    areas = tmp_path / "districts.geojson"
    result = runner.invoke(cli, ["export", str(incidents_file), "-o", str(areas),
                                 "--areas", "admin2"])
    assert result.exit_code == 0, result.output
    data = json.loads(areas.read_text(encoding="utf-8"))
    assert len(data["features"]) == 61 and "crs" not in data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["map", "{missing}", "-o", "{out}.html"], "no such file"),
        (["map", "{notes}", "-o", "{out}.html"], "not in a known incidents format"),
        (["map", "{incidents}", "-o", "{tmp}/nope/map.html"], "does not exist"),
        (["export", "{incidents}", "-o", "{out}.shp"], "unknown format .shp"),
        (["export", "{missing}", "-o", "{out}.csv"], "no such file"),
    ],
    ids=["missing", "not-incidents", "no-folder", "bad-suffix", "export-missing"],
)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(runner, incidents_file, tmp_path,
                                                         args, message):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n", encoding="utf-8")
    subs = {"missing": tmp_path / "missing.geojson", "out": tmp_path / "out",
            "notes": notes, "incidents": incidents_file, "tmp": tmp_path}
    argv = [a.format(**subs) for a in args]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(cli, argv)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_bad_level_is_a_usage_error(runner, incidents_file, tmp_path):
    result = runner.invoke(cli, ["map", str(incidents_file), "-o", str(tmp_path / "m.html"),
                                 "--level", "admin9"])
    assert result.exit_code == 2


def test_unmatched_area_names_are_warned_about(runner, tmp_path):
    path = tmp_path / "incidents.geojson"
    data = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [35.5, 33.89]},
        "properties": {"incident_id": "x1", "doc_id": "d", "text": "t", "admin1": "Narnia",
                       "precision": 1, "killed_best": 3}}]}  # outside every polygon
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(cli, ["export", str(path), "-o", str(tmp_path / "a.csv"),
                                 "--areas", "admin1"])
    assert result.exit_code == 0
    assert "warning:" in result.output and "Narnia" in result.output


def test_installed_command(incidents_file, tmp_path):
    out = tmp_path / "m.html"
    proc = subprocess.run([sys.executable, "-m", "geoconflict", "map", str(incidents_file),
                           "-o", str(out), "--offline"], capture_output=True, text=True,
                          timeout=180, check=False)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 100_000
