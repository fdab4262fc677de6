"""Tests for ``geoconflict extract``: inputs, outputs, the summary line and bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoconflict.cli import cli

REPO = Path(__file__).resolve().parents[2]
GEOCONFLICT = REPO / ".venv" / "bin" / "geoconflict"

# Sentences written for these tests (not taken from the sample articles).
RAID = (
    "Government helicopters dropped barrel bombs on the town of Saraqeb in Idlib province "
    "on Tuesday, killing at least 14 civilians, rescuers said.\n"
)
SHELLING = (
    "Shelling by rebel groups hit a school in the city of Homs on Sunday, "
    "killing three pupils and wounding 11 others, state media said.\n"
)
CALM = "The talks in Geneva were adjourned until next month without any agreement.\n"
SUMMARY_RE = re.compile(
    r"^read (?P<articles>\d+) articles? from (?P<files>\d+) files?"
    r"(?:; skipped (?P<skipped>\d+) \((?P<reasons>.*)\))?"
    r"(?:; \d+ warnings?)?"
    r"; (?P<incidents>\d+) incidents?, (?P<placed>\d+) placed"
    r"(?: \((?P<developments>\d+) developments with no violence told\))?$"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def summary_of(stderr: str) -> re.Match[str]:
    last = stderr.strip().splitlines()[-1]
    m = SUMMARY_RE.match(last)
    assert m, f"not a summary line: {last!r}"
    return m


def features(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    return data["features"]


def test_extract_txt_files_to_geojson(runner, tmp_path):
    (tmp_path / "raid.txt").write_text(RAID, encoding="utf-8")
    (tmp_path / "shelling.txt").write_text(SHELLING, encoding="utf-8")
    out = tmp_path / "incidents.geojson"
    result = runner.invoke(
        cli,
        [
            "extract",
            str(tmp_path / "raid.txt"),
            str(tmp_path / "shelling.txt"),
            "-o",
            str(out),
            "--date",
            "2018-02-09",
        ],
    )
    assert result.exit_code == 0, result.output + result.stderr
    feats = features(out)
    summary = summary_of(result.stderr)
    assert summary["articles"] == "2" and summary["files"] == "2"
    assert summary["skipped"] is None
    assert int(summary["incidents"]) == len(feats) >= 2
    assert int(summary["placed"]) == sum(f["geometry"] is not None for f in feats)
    assert {f["properties"]["doc_id"] for f in feats} == {"raid", "shelling"}
    for f in feats:
        props = f["properties"]
        assert props["text"]
        assert 0 <= props["char_start"] < props["char_end"]
        if f["geometry"] is not None:
            lon, lat = f["geometry"]["coordinates"]
            assert 32 < lat < 38 and 35 < lon < 43  # Syria, [lon, lat] order
    raid = next(f["properties"] for f in feats if f["properties"]["doc_id"] == "raid")
    assert raid["date"] == "2018-02-06"  # "on Tuesday" before Friday 2018-02-09
    assert raid["killed_low"] == 14


def test_summary_accounts_for_skipped_inputs(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_raid.txt").write_text(RAID, encoding="utf-8")
    (folder / "b_empty.txt").write_text("", encoding="utf-8")
    (folder / "c_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    rows = [{"id": "n1", "text": SHELLING}, {"id": "n2", "title": "no text"}]
    (folder / "d_notes.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8"
    )
    out = tmp_path / "incidents.geojson"
    result = runner.invoke(cli, ["extract", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    summary = summary_of(result.stderr)
    assert (summary["articles"], summary["files"], summary["skipped"]) == ("2", "2", "4")
    reasons = summary["reasons"]
    for expected in (
        f"empty: {folder / 'b_empty.txt'}",
        f"binary: {folder / 'c_image.txt'}",
        f"no text: {folder / 'd_notes.jsonl'}:2",
        f"bad JSON: {folder / 'd_notes.jsonl'}:3",
    ):
        assert expected in reasons
    assert {f["properties"]["doc_id"] for f in features(out)} <= {"a_raid", "n1"}


def test_csv_rows_with_their_own_dates(runner, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(
        f'id,date,text\nr1,2016-10-13,"{RAID.strip()}"\nr2,,"{CALM.strip()}"\n', encoding="utf-8"
    )
    out = tmp_path / "incidents.geojson"
    result = runner.invoke(cli, ["extract", str(path), "-o", str(out), "--date", "2018-02-09"])
    assert result.exit_code == 0, result.stderr
    feats = features(out)
    assert [f["properties"]["doc_id"] for f in feats] == ["r1"]
    assert feats[0]["properties"]["date"] == "2016-10-11"  # Tuesday before Thursday 13th


def test_jsonl_output_and_stdin_input(runner, tmp_path):
    out = tmp_path / "incidents.jsonl"
    stdin = json.dumps({"id": "s1", "text": RAID}) + "\n"
    result = runner.invoke(cli, ["extract", "-", "-o", str(out)], input=stdin)
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        feature = json.loads(line)
        assert feature["type"] == "Feature"
        assert feature["properties"]["doc_id"] == "s1"
    assert summary_of(result.stderr)["incidents"] == str(len(lines))


def test_output_to_stdout(runner, tmp_path):
    (tmp_path / "raid.txt").write_text(RAID, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(tmp_path / "raid.txt"), "-o", "-", "-q"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection"
    assert data["features"][0]["properties"]["doc_id"] == "raid"
    assert result.stderr == ""


def test_jsonl_to_stdout(runner):
    stdin = json.dumps({"id": "s2", "text": SHELLING}) + "\n"
    result = runner.invoke(cli, ["extract", "-", "-o", "-", "--format", "jsonl"], input=stdin)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(json.loads(line)["properties"]["doc_id"] == "s2" for line in lines)
    assert summary_of(result.stderr)["incidents"] == str(len(lines))


def test_same_input_same_output(runner, tmp_path):
    (tmp_path / "raid.txt").write_text(RAID + SHELLING, encoding="utf-8")
    outs = []
    for name in ("one.geojson", "two.geojson"):
        result = runner.invoke(
            cli, ["extract", str(tmp_path / "raid.txt"), "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.stderr
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--date", "09/02/2018"], 2, "Invalid value for '--date': '09/02/2018' is not a date"),
        (["--date", "2018-02-30"], 2, "Invalid value for '--date'"),
        (["--country", "Syria"], 2, "Invalid value for '--country'"),
        (["--format", "xml"], 2, "Invalid value for '--format'"),
        (["--encoding", "klingon"], 1, "Error: unknown encoding 'klingon'"),
    ],
)
def test_bad_options(runner, tmp_path, args, code, message):
    (tmp_path / "raid.txt").write_text(RAID, encoding="utf-8")
    out = tmp_path / "incidents.geojson"
    result = runner.invoke(cli, ["extract", str(tmp_path / "raid.txt"), "-o", str(out), *args])
    assert result.exit_code == code
    assert message in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "raid.txt"]  # no temporary file left


def test_missing_input_among_good_ones_writes_nothing(runner, tmp_path):
    (tmp_path / "raid.txt").write_text(RAID, encoding="utf-8")
    out = tmp_path / "incidents.geojson"
    missing = tmp_path / "missing.txt"
    result = runner.invoke(
        cli, ["extract", str(tmp_path / "raid.txt"), str(missing), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr == f"Error: no such file or folder: '{missing}'\n"
    assert not out.exists()


def test_no_readable_article_is_an_error(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "incidents.geojson"
    result = runner.invoke(cli, ["extract", str(tmp_path / "empty.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no articles read: read 0 articles from 0 files;")
    assert f"empty: {tmp_path / 'empty.txt'}" in result.stderr
    assert not out.exists()


def test_output_must_not_overwrite_an_input(runner, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": RAID}) + "\n", encoding="utf-8")
    before = path.read_bytes()
    result = runner.invoke(cli, ["extract", str(path), "-o", str(path)])
    assert result.exit_code == 1
    assert "it is also an input" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["incidents.geojson", "incidents.jsonl"])
def test_no_output_file_when_no_article_is_read(runner, tmp_path, name):
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    result = runner.invoke(
        cli, ["extract", str(tmp_path / "blank.jsonl"), "-o", str(tmp_path / name)]
    )
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blank.jsonl"]


def test_output_folder_must_exist(runner, tmp_path):
    (tmp_path / "raid.txt").write_text(RAID, encoding="utf-8")
    out = tmp_path / "nowhere" / "incidents.geojson"
    result = runner.invoke(cli, ["extract", str(tmp_path / "raid.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert "folder" in result.stderr and "does not exist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- the installed command, in a real process -----------------------------------------------


def test_installed_command_on_the_bundled_samples(tmp_path, example_paths):
    """``.venv/bin/geoconflict extract`` on the sample articles writes GeoJSON GDAL can read."""
    if not GEOCONFLICT.exists():
        pytest.skip(f"{GEOCONFLICT} is not installed")
    out = tmp_path / "incidents.geojson"
    proc = subprocess.run(
        [str(GEOCONFLICT), "extract", *map(str, example_paths), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    summary = summary_of(proc.stderr)
    assert summary["articles"] == "2" and summary["files"] == "2"
    feats = features(out)
    assert int(summary["incidents"]) == len(feats) > 0
    assert {f["properties"]["doc_id"] for f in feats} <= {p.stem for p in example_paths}

    import pyogrio

    frame = pyogrio.read_dataframe(out)
    assert len(frame) == len(feats)
    assert frame.crs.to_epsg() == 4326


def test_installed_command_bad_input_is_one_line(tmp_path):
    if not GEOCONFLICT.exists():
        pytest.skip(f"{GEOCONFLICT} is not installed")
    out = tmp_path / "incidents.geojson"
    proc = subprocess.run(
        [str(GEOCONFLICT), "extract", str(tmp_path / "nope.txt"), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"Error: no such file or folder: '{tmp_path / 'nope.txt'}'"]
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_python_dash_m_geoconflict():
    proc = subprocess.run(
        [sys.executable, "-m", "geoconflict", "extract", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: geoconflict extract [OPTIONS] INPUT...")


# --- the issue's bar ------------------------------------------------------------------------


def test_ISSUE_3_BAR_scorer_passes_on_the_samples(tmp_path, shared_dir, example_paths):
    """ISSUE 3 ACCEPTANCE: ``score_incidents.py seeds_gold.json incidents.geojson`` exits 0.

    All six core incidents of the two sample articles, exact killed counts, no false incident.
    This is the issue's own bar, checked as the issue states it (not loosened to what the
    engine achieves today); the scorer's report is in the failure message.
    """
    out = tmp_path / "incidents.geojson"
    result = CliRunner().invoke(cli, ["extract", *map(str, example_paths), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    proc = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval" / "score_incidents.py"),
            str(shared_dir / "eval" / "seeds_gold.json"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_summary_counts_developments_apart(runner, tmp_path):
    (tmp_path / "fled.txt").write_text(
        "More than 40,000 people have fled the town of Maarat al-Numan since Sunday.\n"
        "Air strikes killed nine civilians in the town of Saraqib on Monday.\n",
        encoding="utf-8",
    )
    out = tmp_path / "incidents.geojson"
    result = runner.invoke(cli, ["extract", str(tmp_path / "fled.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    summary = summary_of(result.stderr)
    categories = [f["properties"]["category"] for f in features(out)]
    assert sorted(categories) == ["displacement", "violence"]
    assert summary["developments"] == "1"
