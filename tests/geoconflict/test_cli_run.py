"""The ``geoconflict run`` command (and ``geoconflict map`` on reference data)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from geoconflict.cli import cli

needs_extraction = pytest.mark.skipif(
    importlib.util.find_spec("geoconflict.extract") is None,
    reason="extraction is not available yet",
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@needs_extraction
def test_run_examples_writes_outputs_and_a_summary(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["run", "--examples", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "articles: 2" in result.output
    assert "incidents: " in result.output
    for name in ("incidents.geojson", "incidents.csv", "report.md"):
        assert (out / name).is_file()
    assert f"wrote {out / 'incidents.geojson'}" in result.output
    data = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    # the map opens with no network unless --cdn is asked for
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "tile.openstreetmap" not in html


@needs_extraction
def test_run_cdn_map_loads_leaflet_from_the_web(runner, tmp_path, example_paths):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["run", str(example_paths[0]), "-o", str(out), "--cdn",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "leaflet@1.9.4" in html and "tile.openstreetmap" in html


@needs_extraction
def test_run_quiet_prints_nothing(runner, tmp_path, example_paths):
    result = runner.invoke(
        cli, ["run", str(example_paths[0]), "-o", str(tmp_path), "--quiet", "--date",
              "2016-11-24"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "report.md").is_file()


def test_run_without_inputs_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["run", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "--examples" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.txt"], "no such file or folder: 'nope.txt'"),
        (["--examples", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    ],
)
def test_run_bad_input_is_one_line_and_exit_1(runner, tmp_path, args, message):
    result = runner.invoke(cli, ["run", *args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {message}"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [["--jobs", "0"], ["--engine", "spark"], ["--date", "yesterday"], ["--country", "Syria"]],
)
def test_run_bad_options_are_usage_errors(runner, tmp_path, args):
    result = runner.invoke(cli, ["run", "--examples", "-o", str(tmp_path), *args])
    assert result.exit_code == 2


def test_run_help_lists_every_option(runner):
    result = runner.invoke(cli, ["run", "--help"])
    assert result.exit_code == 0
    for option in ("--outdir", "--examples", "--date", "--country", "--jobs", "--engine",
                   "--scheduler", "--reference", "--offline", "--cdn", "--quiet"):
        assert option in result.output
    assert "report.md" in result.output


@needs_extraction
def test_installed_command_runs_without_a_terminal(tmp_path):
    """The console script, as `make demo` calls it: no progress bar when not on a terminal."""
    exe = [sys.executable, "-m", "geoconflict"]
    proc = subprocess.run([*exe, "run", "--examples", "-o", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "articles: 2" in proc.stdout
    assert "article/s" not in proc.stderr and "it/s" not in proc.stderr


@pytest.mark.skipif(
    importlib.util.find_spec("geoconflict.maps") is None, reason="maps not available yet"
)
@pytest.mark.skipif(
    importlib.util.find_spec("geoconflict.extract") is None, reason="extraction not available"
)
def test_run_with_a_reference_layer(runner, tmp_path):
    from tests.geoconflict.test_reference import ACLED_HEADER, ACLED_ROWS, write_csv

    acled = write_csv(tmp_path / "acled.csv", ACLED_HEADER, ACLED_ROWS)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["run", "--examples", "-o", str(out), "--reference", str(acled)])
    assert result.exit_code == 0, result.output
    html = (out / "map.html").read_text(encoding="utf-8")
    assert "SYR90001" in html or "warplanes struck a market in Ariha" in html


@pytest.mark.parametrize("kind", ["acled", "ucdp"])
def test_map_command_reads_reference_csvs(runner, tmp_path, kind):
    from tests.geoconflict.test_reference import (
        ACLED_HEADER,
        ACLED_ROWS,
        UCDP_HEADER,
        UCDP_ROWS,
        write_csv,
    )

    header, rows = (ACLED_HEADER, ACLED_ROWS) if kind == "acled" else (UCDP_HEADER, UCDP_ROWS)
    src = write_csv(tmp_path / f"{kind}.csv", header, rows)
    out = tmp_path / "map.html"
    result = runner.invoke(cli, ["map", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "leaflet" in out.read_text(encoding="utf-8").lower()


def test_map_command_rejects_other_csvs(runner, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,value\nx,1\n", encoding="utf-8")
    result = runner.invoke(cli, ["map", str(other), "-o", str(tmp_path / "map.html")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
    assert not (tmp_path / "map.html").exists()
