"""The whole pipeline (geoconflict.pipeline.run) on the sample articles and on bad corpora."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geoconflict.errors import InputError
from geoconflict.geojson import read_incidents_geojson
from geoconflict.merge import reconcile_counts
from geoconflict.pipeline import (
    OUTPUT_NAMES,
    chunked,
    counted,
    join_admin,
    run,
    unresolved_names,
)
from geoconflict.records import Incident, Location

needs_extraction = pytest.mark.skipif(
    importlib.util.find_spec("geoconflict.extract") is None,
    reason="extraction is not available yet",
)

DETERMINISTIC = ("incidents.geojson", "incidents.csv", "areas.geojson", "report.md", "map.html")

# One strike told three ways (published on consecutive days), and a later strike.
SAME_STRIKE = [
    {"id": "wire-a", "date": "2017-03-15",
     "text": "Russian warplanes struck the market of Ariha in Idlib province on Tuesday, "
             "killing at least 12 civilians, rescuers said."},
    {"id": "wire-b", "date": "2017-03-15",
     "text": "On Tuesday an air strike hit Ariha, a town in Idlib province. The strike "
             "killed 15 people, a monitoring group said."},
    {"id": "wire-c", "date": "2017-03-16",
     "text": "An airstrike on Ariha in Idlib province killed 10 people on Wednesday, "
             "local activists said."},
    {"id": "wire-d", "date": "2017-03-20",
     "text": "An airstrike killed 3 people in Ariha in Idlib province on Sunday, "
             "activists said."},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, example_paths):
    out = tmp_path_factory.mktemp("run")
    return run(example_paths, outdir=out, progress=False)


@needs_extraction
def test_run_on_the_samples_writes_every_output(sample_run):
    result = sample_run
    assert result.articles == 2
    assert result.incidents > 0 and result.placed > 0
    for key in ("incidents", "csv", "report"):
        assert result.paths[key].is_file()
    incidents = read_incidents_geojson(result.paths["incidents"])
    assert len(incidents) == result.incidents
    assert {i.doc_id for i in incidents} <= {"000_49f244be007ffd7b", "001_e379a46db89111b6"}
    with open(result.paths["csv"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["incident_id"] for r in rows] == [i.incident_id for i in incidents]
    report = result.paths["report"].read_text(encoding="utf-8")
    assert "- articles read: 2" in report
    assert "## Deaths by governorate" in report
    assert "## Unresolved place names" in report
    assert result.killed == sum(i.killed_best or 0 for i in incidents if counted(i))
    # no temporary files are left behind
    assert not [p for p in result.outdir.iterdir() if p.name.startswith(".")]


@needs_extraction
def test_run_is_byte_identical_across_runs_and_jobs(sample_run, tmp_path, example_paths):
    again = run(example_paths, outdir=tmp_path / "again", progress=False)
    two = run(example_paths, outdir=tmp_path / "jobs2", jobs=2, progress=False)
    for name in DETERMINISTIC:
        first = sample_run.outdir / name
        if not first.exists():
            continue
        assert (again.outdir / name).read_bytes() == first.read_bytes(), name
        assert (two.outdir / name).read_bytes() == first.read_bytes(), name


@needs_extraction
def test_three_reports_of_one_strike_are_merged(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", SAME_STRIKE)
    result = run([feed], outdir=tmp_path / "out", progress=False)
    incidents = read_incidents_geojson(result.paths["incidents"])
    ariha = [i for i in incidents if i.location and i.place and "Ariha" in i.place]
    merged = [i for i in ariha if len(i.sources) > 1]
    assert len(merged) == 1, [(i.doc_id, i.date, i.killed_best) for i in ariha]
    event = merged[0]
    assert event.sources == ("wire-a", "wire-b", "wire-c")
    assert sorted(r.killed_best for r in event.reports) == [10, 12, 15]
    # the documented rule over what each source said
    reports = event.reports
    assert (event.killed_low, event.killed_best, event.killed_high) == reconcile_counts(
        [r.killed_low for r in reports], [r.killed_best for r in reports],
        [r.killed_high for r in reports],
    )
    assert event.killed_low == max(r.killed_low for r in reports if r.killed_low is not None)
    assert event.date == dt.date(2017, 3, 14)  # two of the three reports say Tuesday
    later = [i for i in ariha if i.doc_id == "wire-d"]
    assert len(later) == 1 and later[0].date == dt.date(2017, 3, 19)
    assert result.merged == 1


_RUN_SCRIPT = """
import json, sys
from geoconflict.pipeline import run
r = run(sys.argv[2:], outdir=sys.argv[1], progress=False)
print(json.dumps({"articles": r.articles, "skipped": r.report.skipped_count}))
"""


@needs_extraction
def test_bad_corpus_completes_reports_each_problem_once_and_keeps_every_good_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = {
        "good1": "Shelling killed 4 people in Douma on Monday, a monitor said.",
        "good2": "Airstrikes killed 7 people in Saraqeb in Idlib province on Friday.",
        "good3": "A car bomb killed 9 people in Azaz on Sunday, a local official said.",
    }
    (corpus / "good1.txt").write_text(good["good1"], encoding="utf-8")
    write_jsonl(corpus / "feed.jsonl", [{"id": "good2", "text": good["good2"]}])
    with open(corpus / "feed.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": "Shelling killed\n')  # a broken JSON row
        fh.write('{"id": "notext"}\n')  # a row without text
        fh.write(json.dumps({"id": "good3", "text": good["good3"]}) + "\n")
    # Arabic in an 8-bit code page: not UTF-8, and not guessable
    (corpus / "cp1256.txt").write_bytes("قصف الطيران مدينة إدلب".encode("cp1256"))
    (corpus / "empty.txt").write_bytes(b"")
    secret = corpus / "secret.txt"
    secret.write_text(good["good1"], encoding="utf-8")
    secret.chmod(0)
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv (util-linux) is not installed")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    out = tmp_path / "out"
    proc = subprocess.run(
        [*prefix, sys.executable, "-c", _RUN_SCRIPT, str(out), str(corpus)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    counts = json.loads(proc.stdout)
    assert counts["articles"] == 3
    report = (out / "report.md").read_text(encoding="utf-8")
    for name in ("feed.jsonl:2", "feed.jsonl:3", "cp1256.txt", "empty.txt", "secret.txt",
                 "dangling.txt"):
        assert report.count(name) == 1, (name, report)
    assert counts["skipped"] == 6
    incidents = read_incidents_geojson(out / "incidents.geojson")
    found = {s for i in incidents for s in (i.sources or (i.doc_id,))}
    assert found == set(good)


@needs_extraction
def test_no_articles_is_an_error_and_writes_nothing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no articles read"):
        run([tmp_path / "empty.txt"], outdir=tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"jobs": 0}, "jobs must be at least 1"),
        ({"engine": "spark"}, "engine 'spark' is not one of"),
        ({"scheduler": "tcp://127.0.0.1:1"}, "needs --engine dask"),
    ],
)
def test_bad_options(tmp_path, example_paths, kwargs, message):
    with pytest.raises(InputError, match=message):
        run(example_paths, outdir=tmp_path, **kwargs)


# --- the parts, with hand-made incidents -----------------------------------------------------

DAY = dt.date(2017, 3, 14)


def incident(n: int, **kw) -> Incident:
    base = {"incident_id": f"d{n}-0", "doc_id": f"d{n}", "text": "t", "char_start": 0,
            "char_end": 1, "date": DAY}
    base.update(kw)
    return Incident(**base)


def test_unresolved_names_are_counted_and_sorted():
    incidents = [
        incident(1, place="Tell  Rifaat"), incident(2, place="Tell Rifaat"),
        incident(3, place="Qabtan"), incident(4, place="Ariha",
                                               location=Location(35.81, 36.61, 1)),
        incident(5),
    ]
    assert unresolved_names(incidents) == [("Tell Rifaat", 2), ("Qabtan", 1)]


def test_join_admin_fills_governorate_and_district():
    placed = incident(1, location=Location(35.8137, 36.6084, 1, "Ariha"))
    out = join_admin([placed, incident(2)], missing=[])
    assert out[0].location.admin1 == "Idleb"
    assert out[0].location.admin2 is not None
    assert out[1].location is None


def test_join_in_slices_equals_join_in_one():
    from geoconflict.pipeline import _submit_here

    incidents = [
        incident(k, location=Location(32.5 + (k % 50) / 10, 35.9 + (k % 37) / 8, 1))
        for k in range(1200)
    ]
    whole = join_admin(incidents, missing=[])
    assert join_admin(incidents, missing=[], submit=_submit_here, parts=3) == whole
    assert {i.location.admin1 for i in whole} - {None}


def test_chunked_streams():
    assert [len(c) for c in chunked(iter(range(130)), 64)] == [64, 64, 2]


def test_output_names_are_the_documented_ones():
    assert set(OUTPUT_NAMES.values()) == {
        "incidents.geojson", "incidents.csv", "areas.geojson", "map.html", "report.md",
    }


# --- the streamed merge and writers, on a spill of hand-made incidents -------------------------


def _spilled(tmp_path, incidents):
    """Spill incidents as the workers do (joined areas, feature and CSV line), in chunks."""
    from geoconflict.exports import incident_csv_line
    from geoconflict.geojson import feature_text
    from geoconflict.pipeline import _with_admin, admin_payloads
    from geoconflict.spill import spill_records

    folder = tmp_path / "spill"
    folder.mkdir()
    for c in range(0, len(incidents), 25):
        chunk = incidents[c:c + 25]
        records = []
        for k, (inc, admin) in enumerate(zip(chunk, admin_payloads(chunk), strict=True)):
            joined = _with_admin(inc, admin)
            records.append((((c // 25) << 24) | k, inc,
                            (admin, feature_text(joined), incident_csv_line(joined))))
        spill_records(records, folder)
    return folder


def test_merge_in_spans_writes_what_merging_everything_then_joining_writes(tmp_path,
                                                                         monkeypatch):
    import random

    from geoconflict import pipeline
    from geoconflict.geojson import feature_text
    from geoconflict.merge import merge_incidents

    rnd = random.Random(7)
    towns = [Location(35.8137, 36.6084, 1, "Ariha", "p-ariha", "Idleb", "Ariha"),
             Location(35.82, 36.62, 2, "Ariha east", "p-ariha-e", "Idleb", "Ariha"),
             Location(34.73, 36.71, 1, "Homs", "p-homs", "Homs", "Homs"),
             Location(35.9, 36.6, 4, "Idleb", "a1-idleb", "Idleb", None), None]
    incidents = []
    for d in range(120):
        day = None if d % 17 == 0 else DAY + dt.timedelta(days=rnd.randrange(60))
        for n in range(rnd.randrange(1, 4)):
            loc = rnd.choice(towns)
            incidents.append(incident(
                n, doc_id=f"doc{d:03d}", incident_id=f"doc{d:03d}-{n:03d}", date=day,
                location=loc, place=loc.place_name if loc else "Nowhere Town",
                event_type=rnd.choice(["airstrike", "shelling", "other"]),
                killed_best=rnd.choice([None, 2, 5, 9]),
                part_of=f"doc{d:03d}-000" if n and loc and loc.precision == 1 else None,
            ))
    folder = _spilled(tmp_path, incidents)
    targets = {i.part_of for i in incidents if i.part_of}
    # reference: the whole list merged, then each incident joined to its areas
    by_id = {i.incident_id: i for i in incidents}
    admin = dict(zip(by_id, pipeline.admin_payloads(list(by_id.values())), strict=True))
    expected = [feature_text(pipeline._with_admin(m, admin[m.incident_id]))
                for m in merge_incidents(incidents)]

    def submit(fn, *args):
        result = fn(*args)
        return lambda: result

    monkeypatch.setattr(pipeline, "MERGE_SPAN_DAYS", 5)
    monkeypatch.setattr(pipeline, "MERGE_WARMUP_DAYS", 1)
    timings = {}
    exact = [r[0] for r in pipeline._merged_records(str(folder), targets, None, False, {})]
    guessed = [r[0] for r in pipeline._merged_records(str(folder), targets, submit, False,
                                                      timings)]
    assert exact == expected
    assert guessed == expected
    assert timings["merge spans redone"] > 0  # some guesses were wrong, and redone


def test_map_rows_follow_the_map_columns():
    from geoconflict import pipeline
    from geoconflict.maps import MAP_COLUMNS

    placed = incident(1, location=Location(35.8137, 36.6084, 1, "Ariha"), part_of="d0-0")
    record = pipeline._output_record(placed, ((None, None, "Idleb", "Ariha"), "{}", ""), True)
    row = dict(zip(MAP_COLUMNS, record[2], strict=True))
    assert row["part_of"] == "d0-0" == record[2][pipeline._MAP_PART_OF]
    assert (row["admin1"], row["admin2"], row["lat"]) == ("Idleb", "Ariha", 35.8137)


def test_merged_records_are_handed_out_before_the_last_span_is_merged(tmp_path, monkeypatch):
    """Writing overlaps the merge: the first records come once the first spans are exact,
    while later spans are still running (here: not yet waited for)."""
    from geoconflict import pipeline

    towns = [Location(35.8137, 36.6084, 1, "Ariha", "p-ariha", "Idleb", "Ariha"),
             Location(34.73, 36.71, 1, "Homs", "p-homs", "Homs", "Homs")]
    incidents = [incident(d * 2 + k, date=DAY + dt.timedelta(days=d), location=towns[k],
                          place=towns[k].place_name)
                 for d in range(40) for k in range(2)]
    folder = _spilled(tmp_path, incidents)
    waited: list[int] = []

    def submit(fn, *args):
        def wait():
            waited.append(args[1])
            return fn(*args)
        return wait

    monkeypatch.setattr(pipeline, "MERGE_SPAN_DAYS", 7)
    records = pipeline._merged_records(str(folder), set(), submit, False, {})
    first = next(records)
    assert len(pipeline._merge_spans(str(folder))) > 3
    assert max(waited) < 3  # the spans after the first few were not needed yet
    from geoconflict.merge import merge_incidents

    assert len([first, *records]) == len(merge_incidents(incidents))


def test_the_spill_reads_back_one_date_at_a_time_in_order(tmp_path):
    from geoconflict.spill import day_counts, read_days, read_range, read_undated

    dates = [DAY + dt.timedelta(days=d % 19) for d in range(60)]
    incidents = [incident(k, date=None if k % 13 == 0 else day) for k, day in enumerate(dates)]
    folder = _spilled(tmp_path, incidents)
    dated = [i for i in incidents if i.date is not None]
    batches = list(read_range(folder, DAY + dt.timedelta(days=3), DAY + dt.timedelta(days=10)))
    assert [b[0][1].date for b in batches] == sorted({i.date for i in dated
                                                      if 3 <= (i.date - DAY).days <= 10})
    assert all(len({r[1].date for r in b}) == 1 for b in batches)
    every = list(read_days(folder))
    assert sorted(r[1].incident_id for b in every for r in b) == sorted(
        i.incident_id for i in incidents)
    assert len(read_undated(folder)) == len(incidents) - len(dated)
    counts = day_counts(folder)
    assert counts == {d: sum(i.date == d for i in dated) for d in sorted({i.date for i in dated})}


def test_merge_spans_hold_about_the_same_number_of_incidents():
    from geoconflict import pipeline

    # a sparse year, then a dense month: the spans are cut by incidents, not by days
    days = {DAY + dt.timedelta(days=7 * k): 1 for k in range(52)}
    days.update({DAY + dt.timedelta(days=400 + k): 20 for k in range(30)})
    spans = pipeline._merge_spans("unused", days, parts=4)
    held = [sum(n for d, n in days.items() if lo <= d <= hi) for lo, hi in spans]
    assert sum(held) == sum(days.values())
    assert all(b == a + dt.timedelta(days=1)
               for (_, a), (b, _) in itertools.pairwise(spans))
    # a span's incidents lie within its first MERGE_SPAN_DAYS days (days without any may follow)
    assert all((d - lo).days < pipeline.MERGE_SPAN_DAYS
               for lo, hi in spans for d in days if lo <= d <= hi)
    dense = [h for (lo, _), h in zip(spans, held, strict=True)
             if lo >= DAY + dt.timedelta(days=400)]
    assert len(dense) >= 3
    assert max(dense) <= -(-sum(days.values()) // 4) + 20
