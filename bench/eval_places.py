"""Development evaluation of place resolution on real place strings.

``bench/data/places_real.jsonl`` holds 400 place strings written the way real sources write
them (wire copy, ACLED and UCDP romanisations, Syrian local outlets, Arabic script, older and
French spellings, typos), each with the place meant: its governorate (``admin1``), district
(``admin2``) and, where the shared OCHA or GeoNames data holds it, its point. 30 of them are
no Syrian populated place at all (foreign cities, organisations). The list was written by a
helper from the shared data and from knowledge of how outlets spell places, without the
resolver or its tables (see bench/README.md). Each string is resolved alone, as
``geoconflict resolve NAME`` does (no country given, no context), and scored:

* **admin1** -- among strings whose place is known, the share answered with a place in the
  right governorate;
* **5 km / 25 km** -- among strings with a point, the share answered within 5 or 25 km of it;
* **answered** -- the share given any answer;
* **false at home** -- among the no-place strings, the share answered with a place in Syria
  (a foreign city answered abroad is right, not false).

This is a yardstick for general rules; do not tune the resolver to single names in it. Run
from the repository root::

    .venv/bin/python bench/eval_places.py [--data bench/data/places_real.jsonl]
                                          [--show-misses N] [--style wire]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402

DEFAULT_DATA = ROOT / "bench" / "data" / "places_real.jsonl"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _norm(admin1: str | None) -> str | None:
    return admin1.lower().replace("'", "").replace("-", " ") if admin1 else None


def score(
    rows: Sequence[dict[str, Any]], resolver: Any
) -> tuple[dict[str, dict[str, list[int]]], list[str]]:
    """Per style (and ``all``), [right, total] of each measure, and one line per miss."""
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    for row in rows:
        best = resolver.resolve(row["query"]).best
        place = best.place if best is not None else None
        got = f"{place.name} ({place.admin1}, {place.country_code})" if place else "-"
        wrong = []
        for style in (row["style"], "all"):
            t = tally[style]
            t["answered"][0] += place is not None
            t["answered"][1] += 1
            if row["style"] == "absent" or row.get("admin1") is None:
                home = place is not None and place.country_code == "SY"
                t["false at home"][0] += home
                t["false at home"][1] += 1
                if home and style == "all":
                    wrong.append("false")
                continue
            ok = place is not None and _norm(place.admin1) == _norm(row["admin1"])
            t["admin1"][0] += ok
            t["admin1"][1] += 1
            if not ok and style == "all":
                wrong.append(f"admin1 want {row['admin1']}")
            if row.get("lat") is not None:
                d = km(place.lat, place.lon, row["lat"], row["lon"]) if place else math.inf
                t["5 km"][0] += d <= 5
                t["25 km"][0] += d <= 25
                t["5 km"][1] += 1
                t["25 km"][1] += 1
                if d > 25 and style == "all":
                    wrong.append("far" if place else "none")
        if wrong:
            head = f"  {row['id']} [{row['style']}] {row['query']!r}"
            misses.append(f"{head} -> {got}: {', '.join(wrong)}")
    return tally, misses


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-misses", type=int, default=0, help="print N misses")
    parser.add_argument("--style", help="only rows of this style")
    args = parser.parse_args(argv)
    try:
        lines = args.data.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        print(f"eval_places: cannot read {args.data}: {exc}", file=sys.stderr)
        return 2
    if args.style:
        rows = [r for r in rows if r["style"] == args.style]
    tally, misses = score(rows, gazetteer.default_resolver())
    measures = ("admin1", "5 km", "25 km", "answered", "false at home")
    print(f"{'style':10}" + "".join(f"{m:>16}" for m in measures))
    for style in sorted(tally, key=lambda s: (s == "all", s)):
        cells = []
        for m in measures:
            right, n = tally[style].get(m, [0, 0])
            cells.append(f"{right:>5}/{n:<4}{right / n:>6.1%}" if n else f"{'-':>16}")
        print(f"{style:10}" + "".join(cells))
    if args.show_misses:
        print(f"misses ({len(misses)}):")
        print("\n".join(misses[: args.show_misses]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
