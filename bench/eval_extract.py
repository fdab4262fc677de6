"""Development evaluation of extraction: death toll and governorate per article.

Runs ``geoconflict.extract.extract_incidents`` with the default gazetteer resolver on the
hand-written texts of ``bench/data/extract_dev.jsonl`` and scores each article the way the
hidden set of issue 3 does:

* **toll** -- among texts whose gold ``killed`` is a number, the share whose predicted toll
  equals it exactly (target on the hidden set: >= 70%);
* **governorate** -- among texts whose gold ``admin1`` is set, the share whose predicted
  governorate equals it (target: >= 80%);
* **false counts** -- among texts whose gold ``killed`` is null, the share given a predicted
  toll at all (target: < 10%).

Gold rules (the texts were written by the project, for this yardstick; see bench/README.md)
---------------------------------------------------------------------------------------------
``killed``
    The number of people the text reports killed in the new event(s) it reports: the sum over
    distinct new incidents. A cumulative or running toll that includes an incident already
    counted is not added again ("100 killed on Tuesday, raising the two-day toll to 250" is
    100); a toll update of one event is that event's toll ("the death toll rose to 45" is 45).
    Background tolls of earlier events and of the whole war do not count. "at least N" is N;
    "more than N" is N + 1 (the contract: "more than 800" is low 801); "about/some/around N"
    is N; a range "between N and M" is N; "a dozen" is 12, "dozens" is 24. When two sources
    disagree, the figure the text gives first. Null when no death is reported (injured-only
    reports, "no casualties", "a number of terrorists were killed" with no number, arrests,
    diplomacy, displacement, anniversaries, court cases about past killings).
``admin1``
    The OCHA governorate, spelled as the shipped layer spells it (Damascus, Aleppo,
    Rural Damascus, Homs, Hama, Lattakia, Idleb, Al-Hasakeh, Deir-ez-Zor, Tartous, Ar-Raqqa,
    Dar'a, As-Sweida, Quneitra), where the text's main event happened: the one with the most
    deaths, else the first event or place in Syria the text is about. Null when the text names
    no place in Syria.
``note``
    Free text: the arithmetic or the convention behind the gold values.

Predictions
-----------
The predicted toll is the sum of ``killed_best`` over the incidents that count toward totals
(``geoconflict.pipeline.counted``: not ``is_cumulative``, no ``part_of``) and that give one;
None when none does. The predicted governorate is the ``admin1`` of the placed incident with
the largest ``killed_best`` (any incident, counted or not), else of the first placed incident;
an incident whose ``location.admin1`` is None is placed by a point-in-polygon test of its point
against the governorate polygons the package ships (``geoconflict.boundaries``).

This is a development yardstick written by the project, not the hidden set: use it to check
general rules and do not tune the extractor to single texts. Run from the repository root::

    .venv/bin/python bench/eval_extract.py [--data bench/data/extract_dev.jsonl]
                                           [--show-misses N] [--style wire]

It always exits 0 once it has measured (exit 2 only when the data file cannot be read), and
writes ``bench/results/eval_extract.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from geoconflict._atomic import atomic_open  # noqa: E402
from geoconflict.boundaries import canonical_admin1, load_boundaries  # noqa: E402
from geoconflict.extract import extract_incidents  # noqa: E402
from geoconflict.joins import locate_points  # noqa: E402
from geoconflict.pipeline import counted  # noqa: E402
from geoconflict.records import Article, Incident  # noqa: E402

DEFAULT_DATA = ROOT / "bench" / "data" / "extract_dev.jsonl"
RESULTS = ROOT / "bench" / "results" / "eval_extract.json"


class DataError(Exception):
    """The evaluation file cannot be read."""


def load_texts(path: Path) -> list[dict[str, Any]]:
    """Read and check the JSONL evaluation file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror or exc}"
        raise DataError(msg) from None
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = row["gold"]
            ok = (
                isinstance(row["id"], str) and isinstance(row["text"], str)
                and (gold["killed"] is None or isinstance(gold["killed"], int))
                and (gold["admin1"] is None or canonical_admin1(gold["admin1"]) == gold["admin1"])
            )
            if row.get("date"):
                dt.date.fromisoformat(row["date"])
        except (ValueError, KeyError, TypeError) as exc:
            msg = f"{path}:{n}: not a valid evaluation row ({exc})"
            raise DataError(msg) from None
        if not ok:
            msg = f"{path}:{n}: bad id, text, gold killed or gold admin1 spelling"
            raise DataError(msg)
        if row["id"] in seen:
            msg = f"{path}:{n}: duplicate id {row['id']!r}"
            raise DataError(msg)
        seen.add(row["id"])
        rows.append(row)
    return rows


class Admin1Locator:
    """Point-in-polygon fallback for incidents whose location carries no admin1."""

    def __init__(self) -> None:
        gdf = load_boundaries("admin1")
        self.names = gdf["name"].tolist()
        self.polys = np.asarray(gdf.geometry.values)

    def __call__(self, lon: float, lat: float) -> str | None:
        k = int(locate_points(np.array([lon]), np.array([lat]), self.polys)[0])
        return self.names[k] if k >= 0 else None


def incident_admin1(inc: Incident, locator: Admin1Locator) -> str | None:
    """The governorate of an incident: its own admin1, else the polygon its point falls in."""
    loc = inc.location
    if loc is None:
        return None
    return canonical_admin1(loc.admin1) or locator(loc.lon, loc.lat)


def predict(incidents: Sequence[Incident], locator: Admin1Locator) -> tuple[int | None, str | None]:
    """Return the article's predicted (toll, governorate); see the module docstring."""
    tolls = [i.killed_best for i in incidents if counted(i) and i.killed_best is not None]
    toll = sum(tolls) if tolls else None
    placed = [(i, a) for i in incidents if (a := incident_admin1(i, locator)) is not None]
    admin1 = None
    if placed:
        with_deaths = [(i, a) for i, a in placed if i.killed_best is not None]
        if with_deaths:
            # max keeps the first of equal tolls, i.e. text order
            admin1 = max(with_deaths, key=lambda ia: ia[0].killed_best or 0)[1]
        else:
            admin1 = placed[0][1]
    return toll, admin1


def _ratio(hits: int, n: int) -> str:
    return f"{hits}/{n} = {100 * hits / n:.1f}%" if n else "-"


def _describe(inc: Incident, locator: Admin1Locator) -> str:
    flags = []
    if inc.is_cumulative:
        flags.append("cumulative")
    if inc.part_of:
        flags.append(f"part_of={inc.part_of}")
    where = "unplaced"
    if inc.location is not None:
        where = f"{inc.location.place_name} ({incident_admin1(inc, locator)})"
    span = " ".join(inc.text.split())
    if len(span) > 160:
        span = span[:157] + "..."
    return (
        f"    [{inc.event_type}] killed {inc.killed_low}/{inc.killed_best}/{inc.killed_high}"
        f" place={inc.place!r} -> {where} {' '.join(flags)}\n      \"{span}\""
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="JSONL evaluation file")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N",
                    help="list up to N articles with a wrong toll or governorate")
    ap.add_argument("--style", default=None, help="evaluate only texts of this style")
    ap.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = ap.parse_args(argv)

    try:
        rows = load_texts(args.data)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.style:
        rows = [r for r in rows if r["style"] == args.style]

    t0 = time.process_time()
    resolver = gazetteer.default_resolver()
    locator = Admin1Locator()
    load_cpu = time.process_time() - t0

    results: list[dict[str, Any]] = []
    incidents_of: dict[str, list[Incident]] = {}
    t0 = time.process_time()
    for row in rows:
        date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        art = Article(doc_id=row["id"], text=row["text"], date=date)
        incs = extract_incidents(art, resolver=resolver)
        incidents_of[row["id"]] = incs
        toll, admin1 = predict(incs, locator)
        gold = row["gold"]
        res = {
            "id": row["id"], "style": row["style"],
            "gold_killed": gold["killed"], "gold_admin1": gold["admin1"],
            "pred_killed": toll, "pred_admin1": admin1, "n_incidents": len(incs),
        }
        if gold["killed"] is not None:
            res["toll_ok"] = toll == gold["killed"]
        else:
            res["false_count"] = toll is not None
        if gold["admin1"] is not None:
            res["admin1_ok"] = admin1 == gold["admin1"]
        results.append(res)
    run_cpu = time.process_time() - t0

    def metrics(rs: list[dict[str, Any]]) -> dict[str, Any]:
        toll = [r["toll_ok"] for r in rs if "toll_ok" in r]
        adm = [r["admin1_ok"] for r in rs if "admin1_ok" in r]
        false = [r["false_count"] for r in rs if "false_count" in r]
        adm_d = [r["admin1_ok"] for r in rs if "admin1_ok" in r and r["gold_killed"] is not None]
        return {
            "texts": len(rs),
            "toll_right": sum(toll), "with_deaths": len(toll),
            "admin1_right": sum(adm), "with_admin1": len(adm),
            "admin1_right_with_deaths": sum(adm_d), "with_admin1_and_deaths": len(adm_d),
            "false_counts": sum(false), "without_deaths": len(false),
        }

    overall = metrics(results)
    by_style: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_style[r["style"]].append(r)

    print(f"extract_dev: {len(rows)} texts from {args.data.name} "
          f"(written by the project; a yardstick, not the hidden set)")
    print(f"resolver + polygons load {load_cpu:.2f} CPU s; extraction {run_cpu:.2f} CPU s\n")
    print(f"  right death toll        {_ratio(overall['toll_right'], overall['with_deaths']):>18}"
          "   (target >= 70%)")
    print(f"  right governorate       {_ratio(overall['admin1_right'], overall['with_admin1']):>18}"
          "   (target >= 80%)")
    print(f"    of texts with deaths  "
          f"{_ratio(overall['admin1_right_with_deaths'], overall['with_admin1_and_deaths']):>18}")
    print(f"  no-death texts counted  "
          f"{_ratio(overall['false_counts'], overall['without_deaths']):>18}   (target < 10%)\n")
    print(f"  {'style':<12} {'n':>3}  {'toll':>11}  {'governorate':>11}  {'false counts':>12}")
    style_metrics = {}
    for style in sorted(by_style):
        m = metrics(by_style[style])
        style_metrics[style] = m
        print(f"  {style:<12} {m['texts']:>3}  "
              f"{m['toll_right']:>4}/{m['with_deaths']:<6} "
              f"{m['admin1_right']:>4}/{m['with_admin1']:<6}  "
              f"{m['false_counts']:>5}/{m['without_deaths']:<6}")

    misses = [r for r in results
              if r.get("toll_ok") is False or r.get("admin1_ok") is False or r.get("false_count")]
    if args.show_misses:
        print(f"\nmisses ({len(misses)}; showing {min(len(misses), args.show_misses)}):")
        for r in misses[: args.show_misses]:
            what = []
            if r.get("toll_ok") is False or r.get("false_count"):
                what.append(f"toll gold {r['gold_killed']} pred {r['pred_killed']}")
            if r.get("admin1_ok") is False:
                what.append(f"governorate gold {r['gold_admin1']} pred {r['pred_admin1']}")
            print(f"  {r['id']} [{r['style']}]: {'; '.join(what)}")
            for inc in incidents_of[r["id"]]:
                print(_describe(inc, locator))

    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "data": str(args.data), "style": args.style,
            "overall": overall, "by_style": style_metrics,
            "cpu_seconds": {"load": round(load_cpu, 3), "extract": round(run_cpu, 3)},
            "articles": results,
        }
        with atomic_open(RESULTS, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=1)
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
