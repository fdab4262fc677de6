"""Tests of ``geoconflict resolve`` (CONTRACT.md: resolve --json)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoconflict.cli import cli

FIELDS = {"query", "name", "id", "lat", "lon", "feature_code", "admin1", "score", "precision",
          "candidates"}  # fmt: skip


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_json_one_object_per_name(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["resolve", "--json", "Erbin", "Deir ez-Zor", "Qwertyville"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["query"] for r in rows] == ["Erbin", "Deir ez-Zor", "Qwertyville"]
    for r in rows:
        assert FIELDS <= set(r)
    erbin, deir, unknown = rows
    assert erbin["id"] == "geonames:169372"
    assert erbin["admin1"] == "Rural Damascus"
    assert 0 < erbin["score"] <= 1 and erbin["precision"] == 1
    assert abs(deir["lat"] - 35.336) < 0.05 and abs(deir["lon"] - 40.141) < 0.05
    for cand in deir["candidates"]:
        assert FIELDS - {"query", "candidates"} <= set(cand)
    assert unknown["name"] is None and unknown["lat"] is None


def test_limit_and_country(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["resolve", "--json", "--limit", "1", "--country", "lb",
                                 "Tripoli"])  # fmt: skip
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert row["name"] == "Tripoli" and len(row["candidates"]) <= 1
    assert 34 < row["lat"] < 35  # Lebanon's Tripoli, not Libya's


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["resolve", "-", "--json"], input="Saraqib\n\nكفرنبل\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["admin1"] for r in rows] == ["Idleb", "Idleb"]


def test_plain_output(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["resolve", "Khan Sheikhoun", "Blorptown"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Khan Sheikhoun\tKhān Shaykhūn (") and "Idleb" in lines[0]
    assert lines[1] == "Blorptown\tnot found"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["resolve"], "give at least one NAME"),
        (["resolve", "--country", "Syria", "Douma"], "'Syria' is not a two-letter"),
        (["resolve", "--limit", "-3", "Douma"], "--limit"),
    ],
)
def test_bad_usage(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_installed_command() -> None:
    exe = Path(sys.executable).parent / "geoconflict"
    if not exe.exists():
        pytest.skip("the geoconflict console script is not installed in this environment")
    out = subprocess.run(
        [str(exe), "resolve", "--json", "عربين", "Nowhere Special"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert first["id"] == "geonames:169372"
    assert second["name"] is None
    bad = subprocess.run([str(exe), "resolve"], capture_output=True, text=True, timeout=120,
                         check=False)  # fmt: skip
    assert bad.returncode != 0
    assert len(bad.stderr.strip().splitlines()) == 1
