"""Synthetic incidents across Syria for the map and join benchmarks (seeded, reproducible).

Incidents are geocoded to gazetteer-like *sites* (random points inside the governorate
polygons), as real incidents are resolved to places: many incidents share a site. Precision,
event types, counts, dates, actors and source sentences follow plausible mixes; sentences are
built from templates and run 110-260 characters, like news sentences.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import shapely

from geoconflict.boundaries import load_boundaries
from geoconflict.records import EVENT_TYPES, Incident, Location

ACTORS = (
    "Russia",
    "pro-Assad forces",
    "US-led coalition",
    "Turkey",
    "Islamic State",
    "opposition forces",
    None,
    None,
)
TEMPLATES = (
    "{type_word} on {place} in {gov} province killed {k} civilians, including {c} children, "
    "and wounded dozens more, according to local rescue workers and a monitoring group.",
    "Activists said {k} people died when {actor_word} {type_word} hit a residential "
    "neighbourhood of {place} early on {weekday}, destroying several buildings.",
    "At least {k} people were killed in {place} after a {type_word} struck near a market, "
    "the Syrian Observatory for Human Rights reported.",
    "A {type_word} near {place} ({gov}) left {k} dead and {i} injured; a hospital was put out "
    "of service, medical sources said on {weekday} evening.",
)
TYPE_WORDS = {
    "airstrike": "an air strike",
    "shelling": "artillery shelling",
    "bombing": "a car bomb",
    "missile": "a missile",
    "ground_assault": "a ground assault",
    "attack": "an attack",
    "other": "an incident",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def random_points_in_syria(
    n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``n`` uniform random points inside the governorates: lon, lat, governorate."""
    gov = load_boundaries("admin1")
    polys = gov.geometry.values
    minx, miny, maxx, maxy = gov.total_bounds
    lon = np.empty(0)
    lat = np.empty(0)
    names = np.empty(0, dtype=object)
    from geoconflict.joins import locate_points

    while lon.size < n:
        x = rng.uniform(minx, maxx, 2 * n)
        y = rng.uniform(miny, maxy, 2 * n)
        hit = locate_points(x, y, polys)
        ok = hit >= 0
        lon = np.concatenate([lon, x[ok]])
        lat = np.concatenate([lat, y[ok]])
        names = np.concatenate([names, gov["name"].to_numpy()[hit[ok]]])
    return lon[:n], lat[:n], names[:n]


def synthetic_incidents(n: int, *, seed: int = 42, sites: int | None = None) -> list[Incident]:
    """Return ``n`` synthetic incidents across Syria."""
    rng = np.random.default_rng(seed)
    n_sites = sites or max(50, min(7000, n // 4))
    s_lon, s_lat, s_gov = random_points_in_syria(n_sites, rng)
    site = rng.integers(0, n_sites, n)
    types = rng.choice(EVENT_TYPES, n, p=[0.4, 0.25, 0.08, 0.07, 0.08, 0.07, 0.05])
    precision = rng.choice([1, 2, 3, 4, 5], n, p=[0.8, 0.08, 0.04, 0.06, 0.02])
    known = rng.random(n) < 0.75
    killed = np.round(rng.lognormal(1.2, 1.1, n)).astype(int)
    children = np.where(rng.random(n) < 0.2, np.minimum(killed, rng.integers(0, 6, n)), -1)
    injured = np.where(rng.random(n) < 0.4, np.round(rng.lognormal(1.5, 1.0, n)), -1)
    start = dt.date(2012, 1, 1)
    days = rng.integers(0, 365 * 9, n)
    actors = rng.choice(np.array(ACTORS, dtype=object), n)
    tmpl = rng.integers(0, len(TEMPLATES), n)
    cumulative = rng.random(n) < 0.01
    out = []
    for i in range(n):
        s = int(site[i])
        t = str(types[i])
        place = f"Site {s:04d}"
        date = start + dt.timedelta(days=int(days[i]))
        k = int(killed[i]) if known[i] else None
        text = TEMPLATES[tmpl[i]].format(
            type_word=TYPE_WORDS[t],
            place=place,
            gov=s_gov[s],
            k=k if k is not None else "several",
            c=max(int(children[i]), 0),
            i=max(int(injured[i]), 0),
            actor_word="a",
            weekday=WEEKDAYS[date.weekday()],
        )
        prec = int(precision[i])
        out.append(
            Incident(
                incident_id=f"syn-{seed}-{i:07d}",
                doc_id=f"doc-{i // 5:06d}",
                text=text,
                char_start=0,
                char_end=len(text),
                event_type=t,
                actor=actors[i],
                date=date,
                place=place,
                location=Location(
                    lat=float(s_lat[s]),
                    lon=float(s_lon[s]),
                    precision=prec,
                    place_name=place,
                    place_id=f"site:{s}",
                    admin1=str(s_gov[s]) if prec >= 4 else None,
                ),
                killed_best=k,
                killed_low=k if (k is not None and i % 3 == 0) else None,
                injured_best=int(injured[i]) if injured[i] >= 0 else None,
                killed_children=int(children[i]) if (children[i] >= 0 and k is not None) else None,
                is_cumulative=bool(cumulative[i]),
            )
        )
    return out


def random_points(n: int, seed: int = 0) -> np.ndarray:
    """Return ``n`` random point geometries inside Syria's bounding box (for join benchmarks)."""
    rng = np.random.default_rng(seed)
    lon, lat, _ = random_points_in_syria(n, rng)
    from geoconflict.frames import points_from_lonlat

    return points_from_lonlat(lon, lat) if lon.size else shapely.points(np.empty((0, 2)))
