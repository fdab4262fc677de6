#!/usr/bin/env python3
"""Benchmark: extract + resolve throughput on one core, against spaCy's small English NER.

    .venv/bin/python bench/bench_extract.py [--mb 5] [--seed 20180209] [--baseline-mb MB]

Builds a deterministic corpus (``bench/_corpus.py``: ~50 incident and ~30 filler sentence
structures with Syrian place names from the embedded gazetteer, numbers in digits and words),
pins this process and its children to CPU 0, and times in the same run:

* **geoconflict**: ``extract_incidents(article, resolver=...)`` over every article: sentence
  splitting, event, actor, casualty and date extraction, and gazetteer resolution of places.
* **reading** (a second, small table): ``read_articles`` over the corpus written as one
  JSONL file, against a bare ``json.loads`` loop, to show that input checking costs little.
* **baseline**: spaCy ``en_core_web_sm`` with only ``tok2vec`` + ``ner`` (named-entity tagging
  alone: no incidents, counts, dates or coordinates, so the comparison is generous to it),
  run by ``bench/_baseline_spacy.py`` in the separate venv ``bench/.venv-baseline`` (make it
  with ``bench/setup_baseline.sh``). Without that venv the baseline is reported as missing.

Both are warmed up on the first 20 articles, then timed over the whole corpus (or the first
``--baseline-mb`` of it for the baseline, which is slow); model and gazetteer loading is
timed separately. MB is 10^6 bytes of UTF-8 text. Wall-clock rates are the headline;
MB per CPU-second is printed beside them because the machine may be shared (a pinned process
that waits for its core loses wall time, not CPU time). Prints a table and writes
``bench/results/extract.json``. Targets (issue 3): >= 2 MB/s on one core and ahead of the
baseline. The exit status is 0 whatever the numbers: a benchmark measures, it does not gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import _corpus  # noqa: E402

BASELINE_PYTHON = BENCH / ".venv-baseline" / "bin" / "python"
RESULTS = BENCH / "results" / "extract.json"
WARMUP = 20
TARGET_MB_S = 2.0
ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}


def pin_to_one_core() -> str:
    """Pin this process (and so its children) to CPU 0; return a description."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
        return "pinned to CPU 0"
    return "not pinned (no sched_setaffinity on this platform)"


def run_geoconflict(articles: list) -> dict:
    """Time extract + resolve over the articles in this process."""
    t0 = time.perf_counter()
    import gazetteer
    from geoconflict.extract import extract_incidents

    resolver = gazetteer.default_resolver()
    resolver.resolve("Aleppo")  # load the gazetteer and its indexes now, not in the timing
    load_seconds = time.perf_counter() - t0
    for article in articles[:WARMUP]:
        extract_incidents(article, resolver=resolver)
    incidents = placed = killed = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for article in articles:
        for incident in extract_incidents(article, resolver=resolver):
            incidents += 1
            placed += incident.location is not None
            killed += incident.killed_best is not None
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {
        "name": "geoconflict extract_incidents (extract + resolve)",
        "load_seconds": round(load_seconds, 3),
        "seconds": wall,
        "cpu_seconds": cpu,
        "articles": len(articles),
        "bytes": sum(len(a.text.encode("utf-8")) for a in articles),
        "incidents": incidents,
        "incidents_placed": placed,
        "incidents_with_deaths": killed,
    }


def run_reading(articles: list) -> tuple[dict, dict]:
    """Time ``read_articles`` over the corpus as one JSONL file, and a bare json.loads loop."""
    from geoconflict.articles import InputReport, read_articles

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for a in articles:
                row = {"id": a.doc_id, "date": "2018-02-09", "text": a.text}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        size = path.stat().st_size
        out = []
        for name, reader in (
            ("geoconflict read_articles (JSONL, checked)", _read_ours),
            ("plain loop: json.loads per line", _read_plain),
        ):
            wall0, cpu0 = time.perf_counter(), time.process_time()
            n = reader(path, read_articles, InputReport)
            out.append(
                {
                    "name": name,
                    "seconds": time.perf_counter() - wall0,
                    "cpu_seconds": time.process_time() - cpu0,
                    "articles": n,
                    "bytes": size,
                }
            )
    return out[0], out[1]


def _read_ours(path: Path, read_articles, report_type) -> int:
    return sum(1 for _ in read_articles([path], report=report_type()))


def _read_plain(path: Path, _read_articles, _report_type) -> int:
    with path.open(encoding="utf-8") as fh:
        return sum(1 for line in fh if json.loads(line)["text"])


def run_baseline(articles: list) -> dict:
    """Time spaCy NER in the baseline venv on the same texts (a child process, same core)."""
    if not BASELINE_PYTHON.exists():
        return {"missing": f"{BASELINE_PYTHON} not found; run bench/setup_baseline.sh"}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"id": a.doc_id, "text": a.text}, ensure_ascii=False) + "\n")
        proc = subprocess.run(
            [str(BASELINE_PYTHON), str(BENCH / "_baseline_spacy.py"), str(corpus)],
            capture_output=True,
            text=True,
            env={**os.environ, **ONE_THREAD},
            check=False,
        )
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"missing": f"baseline failed: {tail}"}
    return json.loads(proc.stdout)


def rates(result: dict) -> dict:
    if "seconds" not in result:
        return result
    seconds = result["seconds"]
    return {
        **result,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(result["cpu_seconds"], 3),
        "mb_per_s": round(result["bytes"] / 1e6 / seconds, 3),
        "articles_per_s": round(result["articles"] / seconds, 1),
        "mb_per_cpu_s": round(result["bytes"] / 1e6 / result["cpu_seconds"], 3),
    }


def table(rows: list[dict]) -> str:
    head = (
        f"{'system':<58} {'MB':>6} {'articles':>8} {'s':>8} {'MB/s':>8} {'art/s':>9} "
        f"{'MB/cpu-s':>9}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        if "mb_per_s" not in r:
            lines.append(f"{r.get('name', 'baseline'):<58} {r['missing']}")
            continue
        lines.append(
            f"{r['name'][:58]:<58} {r['bytes'] / 1e6:6.2f} {r['articles']:8d} "
            f"{r['seconds']:8.2f} {r['mb_per_s']:8.3f} {r['articles_per_s']:9.1f} "
            f"{r['mb_per_cpu_s']:9.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--seed", type=int, default=20180209)
    parser.add_argument(
        "--baseline-mb",
        type=float,
        default=None,
        help="time the baseline on only the first MB of the corpus (default: all of it)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    pinned = pin_to_one_core()
    from geoconflict.records import Article

    t0 = time.perf_counter()
    pool = _corpus.place_pool()
    articles = [
        Article(doc_id=doc_id, text=text, date=dt.date(2018, 2, 9))
        for doc_id, text in _corpus.build_articles(int(args.mb * 1e6), seed=args.seed, pool=pool)
    ]
    build_seconds = time.perf_counter() - t0
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    print(
        f"corpus: {len(articles)} articles, {size / 1e6:.2f} MB, seed {args.seed}, "
        f"{len(pool.towns)} town names, built in {build_seconds:.1f} s; {pinned}",
        file=sys.stderr,
    )

    reading, plain_reading = (rates(r) for r in run_reading(articles))
    ours = rates(run_geoconflict(articles))
    sample = articles
    if args.baseline_mb is not None:
        limit, total, sample = int(args.baseline_mb * 1e6), 0, []
        for a in articles:
            if total >= limit:
                break
            sample.append(a)
            total += len(a.text.encode("utf-8"))
    base = rates(run_baseline(sample))

    ratio = None
    if "mb_per_s" in base:
        ratio = round(ours["mb_per_s"] / base["mb_per_s"], 2)
    result = {
        "benchmark": "extract",
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "affinity": pinned,
        },
        "corpus": {
            "articles": len(articles),
            "bytes": size,
            "seed": args.seed,
            "incident_templates": len(_corpus.INCIDENT_TEMPLATES),
            "filler_templates": len(_corpus.FILLER_TEMPLATES),
            "town_names": len(pool.towns),
        },
        "geoconflict": ours,
        "baseline": base,
        "reading": {"geoconflict": reading, "baseline": plain_reading},
        "speedup_vs_baseline": ratio,
        "targets": {
            "mb_per_s_at_least": TARGET_MB_S,
            "mb_per_s_met": ours["mb_per_s"] >= TARGET_MB_S,
            "ahead_of_baseline": None if ratio is None else ratio > 1.0,
        },
        "note": "The baseline only tags named entities (no incidents, counts, dates or "
        "coordinates), so the comparison is generous to it.",
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print(table([ours, base]))
    print()
    print(table([reading, plain_reading]))
    print()
    print(
        f"geoconflict found {ours['incidents']} incidents ({ours['incidents_placed']} placed) "
        f"in {ours['articles']} articles; gazetteer load {ours['load_seconds']} s"
        + (f"; spaCy load {base['load_seconds']} s" if "load_seconds" in base else "")
    )
    verdict = "met" if result["targets"]["mb_per_s_met"] else "NOT met"
    print(f"target >= {TARGET_MB_S} MB/s on one core: {verdict} ({ours['mb_per_s']} MB/s)")
    if ratio is not None:
        print(f"speed vs baseline: x{ratio} ({'ahead' if ratio > 1 else 'BEHIND'})")
    shown = args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output
    print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
