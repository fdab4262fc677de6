#!/usr/bin/env python3
"""Benchmark: ``geoconflict run`` throughput and memory, 1 process vs 2 processes vs Dask.

    .venv/bin/python bench/bench_run.py [--articles 20000] [--small 5000] [--seed 20180209]

Builds a deterministic JSONL corpus with the extraction benchmark's generator
(``bench/_corpus.py``; each article gets a date in 2017 drawn from the seed, so reports of the
same place and day in different articles are merged), then runs the whole pipeline
(:func:`geoconflict.pipeline.run`: read, extract, resolve, merge, join, write every output)
side by side in the same run, each configuration in a fresh Python process:

* ``local-1``: ``jobs=1`` (one process; the baseline);
* ``local-2``: ``jobs=2`` (a pool of 2 worker processes, gazetteer loaded once in each);
* ``dask-2``: ``engine="dask"`` on a ``LocalCluster`` of 2 worker processes, 1 thread each
  (cluster start-up included);
* ``local-1-small`` and ``local-2-small``: the same on the first ``--small`` articles, to show
  how peak memory grows with the corpus (articles and incidents are streamed through a spill
  on disk; only the map's compact table holds every incident);
* ``local-1-large``: with ``--large N``, one process on a corpus of N articles (the same
  generator and seed, so the first articles are the same), for a third point of memory.

Reported per configuration: wall time of ``run`` (start-up included), articles/s, the
speed-up over ``local-1``, the seconds per stage, and memory: the driver's peak RSS
(``getrusage``), and, sampled with psutil from this benchmark's own process (not from the
measured ones), the largest single descendant process (a worker; RSS every 0.1 s) and the
peak of the sum over the driver and all its descendants (PSS every 0.5 s, so pages that forked
workers share are counted once). The
outputs of every configuration are compared byte for byte (``incidents.geojson``).

Writes ``bench/results/run.json`` and prints a table. Target (issue 5): >= 1.8x from 1 to 2
workers. The machine has 2 cores; other work on it makes the numbers noisy, so the load
average is recorded. The exit status is 0 whatever the numbers: a benchmark measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results" / "run.json"
TARGET_SPEEDUP = 1.8
ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}


# --- the corpus --------------------------------------------------------------------------------


def write_corpus(path: Path, n: int, seed: int) -> dict:
    """Write ``n`` generated articles as JSONL (id, date, text); return its size."""
    sys.path.insert(0, str(BENCH))
    sys.path.insert(1, str(REPO))  # the place pool from this checkout's gazetteer
    import _corpus

    rng = random.Random(seed)
    start = dt.date(2017, 1, 1)
    size = 0
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        articles = _corpus.build_articles(10**12, seed=seed, pool=_corpus.place_pool())
        for doc_id, text in articles:
            date = start + dt.timedelta(days=rng.randrange(365))
            line = json.dumps({"id": doc_id, "date": date.isoformat(), "text": text})
            fh.write(line + "\n")
            size += len(text.encode("utf-8"))
            count += 1
            if count >= n:
                break
    return {"articles": count, "text_bytes": size}


def head_lines(src: Path, dst: Path, n: int) -> None:
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i >= n:
                break
            fout.write(line)


# --- one configuration, in a child process -----------------------------------------------------


class TreeSampler(threading.Thread):
    """Memory and CPU of a configuration's process tree, sampled from the benchmark's own
    process (outside the measured processes, so the sampling takes no time slice or GIL from
    the driver): every ``interval`` seconds the RSS and CPU times of each process (cheap,
    ``/proc/PID/statm`` and ``stat``), and every ``pss_every`` samples the summed PSS of the
    whole tree (pages shared by forked workers counted once; ``smaps_rollup`` costs about 3 ms
    per process, so it is read less often). Its own CPU time is recorded too."""

    def __init__(self, pid: int, interval: float = 0.1, pss_every: int = 5) -> None:
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process(pid)
        self.interval = interval
        self.pss_every = pss_every
        self.peak = 0  # sum of PSS over the tree
        self.peak_child = 0  # largest single descendant (a worker)
        self.cpu: dict[int, float] = {}  # pid -> last seen user+system seconds
        self.own_cpu = 0.0  # this thread's CPU seconds
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil

        tick = 0
        while not self.stop.is_set():
            with_pss = tick % self.pss_every == 0
            tick += 1
            total = 0
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                procs = [self.proc]
            procs = list({p.pid: p for p in procs}.values())  # each process once
            for p in procs:
                try:
                    times = p.cpu_times()
                    rss = p.memory_info().rss
                    if with_pss:
                        total += p.memory_full_info().pss
                except psutil.Error:
                    continue
                self.cpu[p.pid] = times.user + times.system
                if p.pid != self.proc.pid:
                    self.peak_child = max(self.peak_child, rss)
            self.peak = max(self.peak, total)
            self.own_cpu = time.thread_time()
            self.stop.wait(self.interval)


def child(args: argparse.Namespace) -> int:
    from geoconflict.pipeline import run

    start = time.perf_counter()
    result = run(
        [args.input], outdir=args.outdir, jobs=args.jobs, engine=args.engine, progress=False
    )
    seconds = time.perf_counter() - start
    kib = 1024
    out = {
        "seconds": seconds,
        "articles": result.articles,
        "extracted": result.extracted,
        "incidents": result.incidents,
        "merged": result.merged,
        "stages": {k: round(v, 3) for k, v in result.timings.items()},
        "peak_rss_driver_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1e6,
        "code": __import__("geoconflict").__file__,
        "incidents_sha256": hashlib.sha256(
            (Path(args.outdir) / "incidents.geojson").read_bytes()
        ).hexdigest(),
    }
    print(json.dumps(out))
    return 0


def snapshot_code(dest: Path) -> Path:
    """Copy the packages, so every configuration runs the same code even if the working
    tree changes during the benchmark (workers inherit ``PYTHONPATH``)."""
    import shutil

    for package in ("geoconflict", "gazetteer"):
        shutil.copytree(REPO / package, dest / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def run_config(
    name: str, corpus: Path, outdir: Path, *, jobs: int, engine: str, code: Path
) -> dict:
    cmd = [
        sys.executable, str(Path(__file__).resolve()), "--child", "--input", str(corpus),
        "--outdir", str(outdir), "--jobs", str(jobs), "--engine", engine,
    ]
    env = {**os.environ, **ONE_THREAD, "PYTHONPATH": str(code)}
    load_before = os.getloadavg()[0]
    # run outside the checkout: the worker processes start with the current folder first on
    # their path, so from the repository root they would import its packages, not the copy
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=code)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        print(stderr, file=sys.stderr)
        return {"name": name, "error": stderr.strip().splitlines()[-1:]}
    row = json.loads(stdout.strip().splitlines()[-1])
    row.update(name=name, jobs=jobs, engine=engine, load_avg_before=round(load_before, 2),
               load_avg_after=round(os.getloadavg()[0], 2),
               peak_rss_largest_child_mb=sampler.peak_child / 1e6,
               peak_rss_tree_mb=sampler.peak / 1e6,
               cpu_seconds_tree=round(sum(sampler.cpu.values()), 1),
               sampler_cpu_seconds=round(sampler.own_cpu, 2))
    row["articles_per_s"] = row["articles"] / row["seconds"]
    return row


# --- how much parallelism the machine gives right now ------------------------------------------


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_parallelism(n: int = 2_000_000, tasks: int = 8) -> dict:
    """Time a pure-Python CPU loop in 1 process and in a pool of 2, side by side: the best
    speed-up any 2-process run could show on this machine at this moment."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(tasks):
        _burn(n)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [n // 100] * 2))  # workers started
        start = time.perf_counter()
        list(pool.map(_burn, [n] * tasks))
        two = time.perf_counter() - start
    return {"one_process_s": round(one, 2), "two_processes_s": round(two, 2),
            "speedup": round(one / two, 2), "load_avg": round(os.getloadavg()[0], 2)}


# --- the report --------------------------------------------------------------------------------


def table(rows: list[dict], baseline: dict | None) -> str:
    head = ("| configuration | articles | seconds | articles/s | speed-up | CPU s | load avg | "
            "peak RSS driver | largest worker | sum of processes |")
    lines = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['name']} | error: {r['error']} | | | | | | | | |")
            continue
        speed = (
            f"{r['articles_per_s'] / baseline['articles_per_s']:.2f}x"
            if baseline and r["articles"] == baseline["articles"] else ""
        )
        lines.append(
            f"| {r['name']} | {r['articles']} | {r['seconds']:.1f} | {r['articles_per_s']:.0f} | "
            f"{speed} | {r['cpu_seconds_tree']:.0f} | {r['load_avg_before']:.1f}-"
            f"{r['load_avg_after']:.1f} | {r['peak_rss_driver_mb']:.0f} MB | "
            f"{r['peak_rss_largest_child_mb']:.0f} MB"
            f" | {r['peak_rss_tree_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def update_readme(section: str) -> None:
    readme = BENCH / "README.md"
    begin, end = "<!-- bench_run:begin -->", "<!-- bench_run:end -->"
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
    block = f"{begin}\n{section}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--small", type=int, default=5000)
    parser.add_argument("--large", type=int, default=0,
                        help="also run one process on this many articles (memory growth)")
    parser.add_argument("--seed", type=int, default=20180209)
    parser.add_argument("--repeat", type=int, default=1,
                        help="run local-1 and local-2 this many times in alternation; the "
                        "speed-up is also reported per pair and from the best time of each")
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--outdir", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)

    with tempfile.TemporaryDirectory(prefix="geoconflict-bench-run-") as tmp:
        work = Path(tmp)
        code = snapshot_code(work / "code")
        corpus = work / "corpus.jsonl"
        t0 = time.perf_counter()
        info = write_corpus(corpus, args.articles, args.seed)
        large = work / "large.jsonl"
        if args.large:
            write_corpus(large, args.large, args.seed)
        print(f"corpus: {info['articles']} articles, {info['text_bytes'] / 1e6:.1f} MB of text "
              f"({time.perf_counter() - t0:.0f} s to generate)", flush=True)
        small = work / "small.jsonl"
        head_lines(corpus, small, args.small)
        configs = [
            ("local-1", corpus, 1, "local"),
            ("local-2", corpus, 2, "local"),
            ("dask-2", corpus, 2, "dask"),
            ("local-1-small", small, 1, "local"),
            ("local-2-small", small, 2, "local"),
        ]
        if args.large:
            configs.append(("local-1-large", large, 1, "local"))
        for k in range(2, args.repeat + 1):  # pairs in alternation, on the same corpus
            configs += [(f"local-1 #{k}", corpus, 1, "local"),
                        (f"local-2 #{k}", corpus, 2, "local")]
        rows = []
        machine_before = machine_parallelism()
        print(f"machine check (CPU loop, 2 processes vs 1): {machine_before}", flush=True)
        for name, path, jobs, engine in configs:
            row = run_config(name, path, work / name, jobs=jobs, engine=engine, code=code)
            rows.append(row)
            shown = {k: row.get(k) for k in ("seconds", "articles_per_s", "peak_rss_tree_mb")}
            print(f"{name}: {shown}", flush=True)
        machine_after = machine_parallelism()
        print(f"machine check after: {machine_after}", flush=True)

    by_name = {r["name"]: r for r in rows}
    base = by_name.get("local-1")
    ok = [r for r in rows if "error" not in r]
    same = len({r["incidents_sha256"] for r in ok if r["articles"] == info["articles"]}) == 1
    same_small = len({r["incidents_sha256"] for r in ok if r["articles"] == args.small}) <= 1
    speedups = {
        name: by_name[name]["articles_per_s"] / base["articles_per_s"]
        for name in ("local-2", "dask-2")
        if base and "error" not in base and name in by_name and "error" not in by_name[name]
    }
    memory_growth = {
        f"{jobs}-process": by_name[f"local-{jobs}"]["peak_rss_tree_mb"]
        / by_name[f"local-{jobs}-small"]["peak_rss_tree_mb"]
        for jobs in (1, 2)
        if all("error" not in by_name.get(n, {"error": 1})
               for n in (f"local-{jobs}", f"local-{jobs}-small"))
    }
    if "local-1-large" in by_name and "error" not in by_name["local-1-large"] and \
            "error" not in by_name.get("local-1-small", {"error": 1}):
        memory_growth["1-process large/small"] = (
            by_name["local-1-large"]["peak_rss_tree_mb"]
            / by_name["local-1-small"]["peak_rss_tree_mb"]
        )
    pairs = []  # (local-1 s, local-2 s) of each alternated pair
    for k in range(1, args.repeat + 1):
        one, two = (by_name.get(n + ("" if k == 1 else f" #{k}")) for n in ("local-1", "local-2"))
        if one and two and "error" not in one and "error" not in two:
            pairs.append((one["seconds"], two["seconds"]))
    pair_speedups = [round(a / b, 2) for a, b in pairs]
    best_speedup = round(min(a for a, _ in pairs) / min(b for _, b in pairs), 2) if pairs else None
    result = {
        "benchmark": "geoconflict run: read, extract, resolve, merge, join, write",
        "date": dt.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "corpus": {**info, "small_articles": args.small, "seed": args.seed},
        "configurations": rows,
        "machine_parallelism": {"before": machine_before, "after": machine_after},
        "speedup_vs_local_1": speedups,
        "local_2_speedup_per_pair": pair_speedups,
        "local_2_speedup_best_times": best_speedup,
        "target_speedup": TARGET_SPEEDUP,
        "peak_memory_ratio_full_vs_small": memory_growth,
        "identical_outputs": same and same_small,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")

    text = table(rows, base)
    print(text)
    if len(pairs) > 1:
        print(f"local-2 speed-up per pair: {pair_speedups}; from the best times: {best_speedup}")
    print(f"speed-up vs 1 process: {json.dumps({k: round(v, 2) for k, v in speedups.items()})} "
          f"(target >= {TARGET_SPEEDUP}x); peak memory {info['articles']} vs {args.small} "
          f"articles: {json.dumps({k: round(v, 2) for k, v in memory_growth.items()})}; "
          f"identical outputs: {result['identical_outputs']}")
    if not args.no_readme:
        section = "\n".join([
            "## `bench_run.py`: the whole pipeline, 1 process vs 2 processes vs Dask",
            "",
            f"`{Path(sys.executable).name} bench/bench_run.py --articles {args.articles} "
            f"--small {args.small}" + (f" --large {args.large}" if args.large else "")
            + f"` ({result['date']}, {os.cpu_count()} CPUs shared with other "
            "work: see `load_avg_before` in `results/run.json`). Corpus: "
            f"{info['articles']} generated articles ({info['text_bytes'] / 1e6:.1f} MB), "
            "dated across 2017. Each configuration runs `geoconflict.pipeline.run` end to end "
            "(start-up, reading, extraction and resolution, merging, admin join, every output) "
            "in a fresh process.",
            "",
            text,
            "",
            "Speed-up over one process: "
            + ", ".join(f"{k} {v:.2f}x" for k, v in speedups.items())
            + f" (target >= {TARGET_SPEEDUP}x)"
            + (f"; local-2 over local-1 in each of {len(pairs)} alternated pairs: "
               + ", ".join(f"{v:.2f}x" for v in pair_speedups)
               + f", and {best_speedup:.2f}x from the best time of each"
               if len(pairs) > 1 else "")
            + ". Peak memory (sum of processes) at "
            f"{info['articles']} vs {args.small} articles: "
            + ", ".join(f"{k} {v:.2f}x" for k, v in memory_growth.items())
            + (f" (local-1-large: {args.large} articles vs {args.small})" if args.large else "")
            + " (articles and incidents are streamed through a spill on disk; what grows is "
            "the map's table of every incident, and the outputs themselves). "
            f"Same incidents.geojson from every configuration: {result['identical_outputs']}.",
            "",
            "Stage times (wall seconds, from `RunResult.timings`): "
            + "; ".join(
                f"{r['name']} " + ", ".join(f"{k} {v:g}" for k, v in r["stages"].items())
                for r in rows if "error" not in r
            ) + ".",
            "",
            "Machine check, side by side in the same run (a pure-Python CPU loop in 1 process "
            "vs a pool of 2: the best speed-up any 2-process run could show at that moment): "
            f"{machine_before['speedup']}x before, {machine_after['speedup']}x after "
            f"(load average {machine_before['load_avg']} / {machine_after['load_avg']}).",
            "",
            "Memory and CPU are sampled with psutil from the benchmark's own process, not "
            "from the measured ones (RSS and CPU times every 0.1 s, the tree's PSS every "
            "0.5 s); the sampling took "
            f"{sum(r.get('sampler_cpu_seconds', 0) for r in rows):.1f} CPU-s in all.",
        ])
        update_readme(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
