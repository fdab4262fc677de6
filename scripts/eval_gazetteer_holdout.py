#!/usr/bin/env python
"""Hold-out check of transliteration handling: GeoNames spellings against OCHA-only data.

The embedded gazetteer merges each GeoNames town with its OCHA community, so GeoNames'
spellings are found trivially. This check removes that help: it builds a gazetteer of the
OCHA communities alone, each with only its OCHA English and Arabic names (no GeoNames
alternates), and queries it with the Latin-script GeoNames names and alternate names of the
towns that the build merged (minus those equal to an OCHA English name after normalisation).
Truth is the GeoNames point. It measures how often a romanisation different from OCHA's
reaches the right village through the transliteration keys, the Arabic name and fuzzy
matching -- the situation of most villages, which only OCHA lists.

Homonymous villages cannot be told apart here (no population, no context), so "wrong" counts
them too. Run::

    .venv/bin/python scripts/eval_gazetteer_holdout.py [--shared ../shared/data] [--n 3000]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import gazetteer  # noqa: E402
from gazetteer import Gazetteer, Place, Resolver, normalize_name  # noqa: E402


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


def _latin(text: str) -> bool:
    return all(c.isascii() or not c.isalpha() or ord(c) < 0x250 for c in text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=3000, help="queries to sample")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    path = args.shared / "gazetteer" / "SY_communities.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    places = []
    for r in rows:
        if not r["pcode"].startswith("C"):
            continue
        names = [r["name_ar"]]
        for sep in (" - ", "_ "):
            for n in (r["name_en"], r["name_ar"]):
                if sep in n:
                    names += [x.strip() for x in n.split(sep)]
        place = Place(
            f"ocha:{r['pcode']}",
            r["name_en"],
            float(r["lat"]),
            float(r["lon"]),
            "SY",
            admin1=r["admin1_en"],
            admin2=r["admin2_en"],
            aliases=tuple(names),
        )
        places.append(place)
    resolver = Resolver(Gazetteer.from_places(places, default_country="SY"))
    ocha_names = {normalize_name(p.name) for p in places}
    cases = []
    for town in gazetteer.load_default().places:
        if town.source != "geonames+ocha":
            continue
        for alt in dict.fromkeys([town.name, *town.aliases]):
            if _latin(alt) and not alt.islower() and normalize_name(alt) not in ocha_names:
                cases.append((alt, town))
    random.Random(args.seed).shuffle(cases)
    cases = cases[: args.n]
    # the obvious baseline, side by side: rapidfuzz extractOne over every name
    from rapidfuzz import fuzz, process, utils

    choices = [(n, p) for p in places for n in (p.name, *p.aliases)]
    names = [utils.default_process(n) for n, _ in choices]

    def baseline(query: str) -> Place | None:
        hit = process.extractOne(
            utils.default_process(query), names, scorer=fuzz.WRatio, score_cutoff=80
        )
        return None if hit is None else choices[hit[2]][1]

    print(f"GeoNames spellings -> OCHA-only gazetteer: {len(cases)} queries")
    for label, answer in (
        ("resolver", lambda q: b.place if (b := resolver.resolve(q).best) else None),
        ("rapidfuzz extractOne", baseline),
    ):
        answered = near5 = near25 = 0
        for query, town in cases:
            got = answer(query)
            if got is None:
                continue
            answered += 1
            d = _km(got.lat, got.lon, town.lat, town.lon)
            near5 += d <= 5
            near25 += d <= 25
        n = len(cases)
        print(
            f"  {label:22} answered {answered / n:6.1%}  within 5 km {near5 / n:6.1%}  "
            f"within 25 km {near25 / n:6.1%}  wrong (> 25 km) {(answered - near25) / n:6.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
