"""Benchmark the gazetteer resolver against the obvious baseline, side by side in one run.

The baseline is a plain :func:`rapidfuzz.process.extractOne` over every gazetteer name
(WRatio, ``score_cutoff=80``, names pre-processed once with ``rapidfuzz.utils.default_process``),
taking the most populous place that bears the matched name.

Measured for both, on the same queries:

* exact names/s -- queries are gazetteer names as written (every script);
* misspelled names/s -- queries are seeded typos and transliteration drift of real Syrian names
  (``bench/_gazetteer_queries.py``: vowel swaps, ou/u, sh/ch, q/k, article changes, a dropped or
  doubled letter);
* accuracy -- answer within 25 km of a place bearing the original name;
* false matches -- any answer for a name that is not in the gazetteer (real towns of Yemen,
  Iraq, Libya and Ukraine, and invented names);
* load time -- a fresh process loading the package data with an empty cache (cold) and again
  with the cache the first run left (warm).

The baseline is slow, so it runs on a subsample (the first ``--baseline-n`` queries of each
set); the resolver's numbers on that same subsample are printed too. The process is pinned to
one core where the OS allows. Run::

    .venv/bin/python bench/bench_gazetteer.py            # writes bench/results/gazetteer.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from _gazetteer_queries import (
    ABSENT_REAL,
    absent_names,
    haversine_km,
    is_latin,
    made_up_names,
    misspell,
)

import gazetteer
from gazetteer import Place
from gazetteer.normalize import normalize_name

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "gazetteer.json"
RADIUS_KM = 25.0
#: Resolved before timing, to build lazy structures; kept out of the query sets.
WARM_UP = ("Aleppo", "Idlib", "Xyzzy Qwerty", "Kafr Zita", "Doumaa", "Saraqeb")

Answer = tuple[float, float] | None  # (lat, lon) of the answer, or no answer


def pin_one_core() -> str:
    """Pin this process to one CPU (Linux); return a description."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        return f"pinned to CPU {cpus[-1]} of {len(cpus)}"
    return "not pinned (no sched_setaffinity on this OS)"


# ------------------------------------------------------------------------------ load time

_LOAD_SNIPPET = """
import json, time
t0 = time.perf_counter()
import gazetteer
t1 = time.perf_counter()
g = gazetteer.load_default()
t2 = time.perf_counter()
r = gazetteer.default_resolver()
r.resolve("Douma")
r.resolve("Kafr Nubul")
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_resolve_s": t3 - t2,
                  "total_s": t3 - t0, "places": len(g)}))
"""


def measure_load() -> dict[str, dict[str, float]]:
    """Cold (empty cache dir) then warm (the cache the cold run left) loads, in fresh processes."""
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="geoconflict-bench-cache-") as cache:
        env = dict(os.environ, GEOCONFLICT_CACHE_DIR=cache, XDG_CACHE_HOME=cache)
        for label in ("cold", "warm"):
            done = subprocess.run(
                [sys.executable, "-c", _LOAD_SNIPPET],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            out[label] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


# ------------------------------------------------------------------------------ queries


def name_table(places: Sequence[Place]) -> dict[str, list[Place]]:
    """Every name and alias as written -> the places bearing it."""
    table: dict[str, list[Place]] = defaultdict(list)
    for p in places:
        for name in dict.fromkeys((p.name, *p.aliases)):
            if name.strip():
                table[name].append(p)
    return table


def correct(answer: Answer, truth: Sequence[Place]) -> bool:
    if answer is None:
        return False
    return any(haversine_km(answer[0], answer[1], p.lat, p.lon) <= RADIUS_KM for p in truth)


# ------------------------------------------------------------------------------ the two methods


class Baseline:
    """``process.extractOne`` over all names, WRatio, cutoff 80; the most populous bearer wins."""

    def __init__(self, table: dict[str, list[Place]], cutoff: float = 80.0) -> None:
        from rapidfuzz import fuzz, process, utils

        t0 = time.perf_counter()
        self._process, self._fuzz, self._utils = process, fuzz, utils
        self.names = list(table)
        self.choices = [utils.default_process(n) for n in self.names]
        self.best = [max(table[n], key=lambda p: p.population) for n in self.names]
        self.cutoff = cutoff
        self.prepare_s = time.perf_counter() - t0

    def __call__(self, query: str) -> Answer:
        hit = self._process.extractOne(
            self._utils.default_process(query),
            self.choices,
            scorer=self._fuzz.WRatio,
            processor=None,
            score_cutoff=self.cutoff,
        )
        if hit is None:
            return None
        place = self.best[hit[2]]
        return (place.lat, place.lon)


def ours(resolver: gazetteer.Resolver) -> Callable[[str], Answer]:
    def call(query: str) -> Answer:
        best = resolver.resolve(query).best
        return None if best is None else (best.place.lat, best.place.lon)

    return call


def run(method: Callable[[str], Answer], queries: Sequence[str]) -> tuple[list[Answer], float]:
    """Answer every query once; return the answers and names per second."""
    answers: list[Answer] = []
    append = answers.append
    t0 = time.perf_counter()
    for q in queries:
        append(method(q))
    elapsed = time.perf_counter() - t0
    return answers, len(queries) / elapsed if elapsed else float("inf")


def score(answers: Sequence[Answer], truths: Sequence[Sequence[Place]]) -> dict[str, float]:
    n = len(answers)
    answered = sum(a is not None for a in answers)
    right = sum(correct(a, t) for a, t in zip(answers, truths, strict=True))
    return {"n": n, "answered": answered / n, "within_25km": right / n}


# ------------------------------------------------------------------------------ main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exact-n", type=int, default=5000)
    parser.add_argument("--misspelled-n", type=int, default=3000)
    parser.add_argument("--baseline-n", type=int, default=300)
    parser.add_argument("--baseline-absent-n", type=int, default=150)
    parser.add_argument("--made-up-n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20240)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    pinning = pin_one_core()
    load = measure_load()

    g = gazetteer.load_default()
    resolver = gazetteer.default_resolver()
    places = list(g)
    table = name_table(places)
    rng = random.Random(args.seed)

    # Every query is a distinct normalised name, so the resolver's memo of past answers
    # never serves one: each query is resolved from scratch.
    by_norm: dict[str, list[Place]] = defaultdict(list)
    for name, bearers in table.items():
        by_norm[normalize_name(name)].extend(bearers)

    # exact: gazetteer names as written, one spelling per normalised name
    firsts = {normalize_name(n): n for n in sorted(table, reverse=True)}
    warm_keys = {normalize_name(w) for w in WARM_UP}
    all_names = sorted(n for k, n in firsts.items() if k and k not in warm_keys)
    exact_q = rng.sample(all_names, min(args.exact_n, len(all_names)))
    exact_t = [by_norm[normalize_name(q)] for q in exact_q]

    # misspelled: typos/drift of real Syrian names (Latin script)
    syrian = sorted(
        n for n, ps in table.items() if is_latin(n) and any(p.country_code == "SY" for p in ps)
    )
    rng.shuffle(syrian)
    miss_q, miss_t = [], []
    seen = set(firsts) | warm_keys
    for name in syrian:
        variant = misspell(name, seed=args.seed)
        if variant is None or normalize_name(variant) in seen:
            continue
        seen.add(normalize_name(variant))
        miss_q.append(variant)
        miss_t.append([p for p in table[name] if p.country_code == "SY"])
        if len(miss_q) >= args.misspelled_n:
            break

    # absent: real non-Syrian towns and invented names that the gazetteer does not hold,
    # filtered two ways (see _gazetteer_queries.absent_names)
    made_up = made_up_names(args.made_up_n, seed=args.seed)
    real = list(ABSENT_REAL)
    absent_sets = {
        "real_not_even_a_variant": absent_names(g, real, variants_count_as_present=True),
        "made_up_not_even_a_variant": absent_names(g, made_up, variants_count_as_present=True),
        "real_no_exact_homonym": absent_names(g, real, variants_count_as_present=False),
        "made_up_no_exact_homonym": absent_names(g, made_up, variants_count_as_present=False),
    }

    # warm up the resolver's lazy structures on names outside the query sets
    for warm in WARM_UP:
        resolver.resolve(warm)

    ours_call = ours(resolver)
    sets = {"exact": (exact_q, exact_t), "misspelled": (miss_q, miss_t)}
    results: dict[str, dict] = {}
    # ours first, each query once (a resolver cache cannot help)
    _, lookup_rate = run(lambda q: (0.0, 0.0) if g.lookup(q) else None, exact_q)
    for label, (queries, truths) in sets.items():
        answers, rate = run(ours_call, queries)
        results[label] = {"ours": {"names_per_s": rate, **score(answers, truths)}}
        k = min(args.baseline_n, len(queries))
        results[label]["ours_on_baseline_subsample"] = score(answers[:k], truths[:k])
    # the same exact names a second time: the resolver answers repeats from its memo
    _, repeat_rate = run(ours_call, exact_q)
    results["exact"]["ours_repeated_names_per_s"] = repeat_rate
    baseline = Baseline(table)
    for label, (queries, truths) in sets.items():
        k = min(args.baseline_n, len(queries))
        base_answers, base_rate = run(baseline, queries[:k])
        results[label]["baseline"] = {"names_per_s": base_rate, **score(base_answers, truths[:k])}
        results[label]["speedup"] = results[label]["ours"]["names_per_s"] / base_rate
    results["exact"]["lookup_names_per_s"] = lookup_rate

    absent: dict[str, dict] = {}
    for label, names in absent_sets.items():
        mine = [ours_call(n) for n in names]
        k = min(args.baseline_absent_n, len(names))
        theirs = [baseline(n) for n in names[:k]]
        absent[label] = {
            "n": len(names),
            "ours_false_match_rate": sum(a is not None for a in mine) / len(names),
            "ours_on_baseline_subsample": sum(a is not None for a in mine[:k]) / k,
            "baseline_n": k,
            "baseline_false_match_rate": sum(a is not None for a in theirs) / k,
            "ours_false_examples": [n for n, a in zip(names, mine, strict=True) if a][:10],
        }

    def pooled(*keys: str) -> float:
        total = sum(absent[k]["n"] for k in keys)
        return sum(absent[k]["ours_false_match_rate"] * absent[k]["n"] for k in keys) / total

    ours_fm = pooled("real_not_even_a_variant", "made_up_not_even_a_variant")
    ours_fm_b = pooled("real_no_exact_homonym", "made_up_no_exact_homonym")

    report = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu": pinning,
        },
        "gazetteer": {"places": len(places), "names": len(table)},
        "seed": args.seed,
        "load": load,
        "baseline_prepare_s": baseline.prepare_s,
        "exact": results["exact"],
        "misspelled": results["misspelled"],
        "absent": absent,
        "ours_false_match_rate": ours_fm,
        "ours_false_match_rate_variants_counted": ours_fm_b,
        "targets": {
            "exact_names_per_s>=200000": results["exact"]["ours"]["names_per_s"] >= 200_000,
            "misspelled_names_per_s>=5000": results["misspelled"]["ours"]["names_per_s"] >= 5_000,
            "misspelled_speedup>=10": results["misspelled"]["speedup"] >= 10,
            "false_matches<5% (a: not even a variant)": ours_fm < 0.05,
            "false_matches<5% (b: variant collisions counted)": ours_fm_b < 0.05,
        },
    }
    print_table(report, args)
    write_json(report, args.output)
    return 0


def print_table(r: dict, args: argparse.Namespace) -> None:
    ex, mi, ab = r["exact"], r["misspelled"], r["absent"]
    print(f"gazetteer benchmark -- {r['gazetteer']['places']} places, {r['gazetteer']['names']} "
          f"names; {r['machine']['cpu']}; seed {r['seed']}")  # fmt: skip
    print(f"{'':34}{'ours':>14}{'baseline':>14}{'ours/base':>11}")

    def row(label: str, a: float, b: float, fmt: str = "{:,.0f}", ratio: bool = True) -> None:
        rat = f"{a / b:>10.1f}x" if ratio and b else f"{'':>11}"
        print(f"{label:34}{fmt.format(a):>14}{fmt.format(b):>14}{rat}")

    pct = "{:.1%}"
    row("exact names/s", ex["ours"]["names_per_s"], ex["baseline"]["names_per_s"])
    row("  exact within 25 km (subsample)", ex["ours_on_baseline_subsample"]["within_25km"],
        ex["baseline"]["within_25km"], pct, ratio=False)  # fmt: skip
    print(f"{'  exact, repeated names (memo)':34}{ex['ours_repeated_names_per_s']:>14,.0f}")
    row("misspelled names/s", mi["ours"]["names_per_s"], mi["baseline"]["names_per_s"])
    row("  misspelled within 25 km (subs.)", mi["ours_on_baseline_subsample"]["within_25km"],
        mi["baseline"]["within_25km"], pct, ratio=False)  # fmt: skip
    row("  misspelled answered (subsample)", mi["ours_on_baseline_subsample"]["answered"],
        mi["baseline"]["answered"], pct, ratio=False)  # fmt: skip
    for key, label in (
        ("real_not_even_a_variant", "false m., real absent (a)"),
        ("made_up_not_even_a_variant", "false m., made-up (a)"),
        ("real_no_exact_homonym", "false m., real absent (b)"),
        ("made_up_no_exact_homonym", "false m., made-up (b)"),
    ):
        row(label, ab[key]["ours_on_baseline_subsample"], ab[key]["baseline_false_match_rate"],
            pct, ratio=False)  # fmt: skip
    print(f"{'load, cold / warm (s)':34}{r['load']['cold']['total_s']:>8.3f} /"
          f"{r['load']['warm']['total_s']:>6.3f}  (new process)")  # fmt: skip
    print(f"ours on all queries: exact {ex['ours']['n']} names, {ex['ours']['within_25km']:.1%} "
          f"within 25 km; misspelled {mi['ours']['n']}, {mi['ours']['within_25km']:.1%} within "
          f"25 km, {mi['ours']['answered']:.1%} answered; g.lookup {ex['lookup_names_per_s']:,.0f} "
          f"names/s")  # fmt: skip
    print(f"baseline subsample: first {args.baseline_n} queries of each set and "
          f"{args.baseline_absent_n} of each absent set (it is slow)")  # fmt: skip
    sizes = ", ".join(f"{k} {v['n']}" for k, v in ab.items())
    print(f"absent names ({sizes}): (a) not even a transliteration variant of a gazetteer name; "
          f"(b) no exact homonym, so variant collisions count as false matches. Ours on all "
          f"absent names: (a) {r['ours_false_match_rate']:.1%}, "
          f"(b) {r['ours_false_match_rate_variants_counted']:.1%}")  # fmt: skip
    for target, ok in r["targets"].items():
        print(f"  target {target}: {'met' if ok else 'NOT met'}")


def write_json(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    from geoconflict._atomic import atomic_open

    with atomic_open(path, "w") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    raise SystemExit(main())
