"""Incidents joined to administrative areas, and casualties summed per area without double counts.

The two rules that keep the numbers honest are stated in :func:`join_admin_areas` (an incident
is assigned only to the areas its precision supports) and :func:`casualties_by_area` (no death
is counted twice).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .boundaries import AdminLevel, area_name_key, canonical_admin1, load_boundaries
from .errors import InputError
from .frames import validate_incidents_gdf

#: Event types counted as strikes.
STRIKE_TYPES: frozenset[str] = frozenset({"airstrike", "shelling", "bombing", "missile"})
#: Summed count columns of :func:`casualties_by_area`.
SUM_COLUMNS: tuple[str, ...] = (
    "killed_low", "killed_best", "killed_high", "injured_best", "killed_children",
)


def locate_points(x: np.ndarray, y: np.ndarray, polygons: np.ndarray) -> np.ndarray:
    """Return, for each point ``(x[i], y[i])``, the index of the polygon it lies in, or -1.

    A point on a shared border goes to the first polygon that touches it. Vectorised: the
    points are sorted by x once, so each polygon's bounding box is a slice plus a y filter,
    then one prepared ``shapely.intersects_xy`` call per polygon on plain coordinate arrays
    (no point geometries are built).
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    out = np.full(x.shape, -1, dtype=np.int64)
    valid = np.flatnonzero(~(np.isnan(x) | np.isnan(y)))
    # sort once by x, so each polygon's bounding box is a contiguous slice of xs/ys
    order = valid[np.argsort(x[valid], kind="stable")]
    xs = x[order]
    ys = y[order]
    found = np.full(order.shape, -1, dtype=np.int64)
    for k, poly in enumerate(polygons):
        if poly is None or shapely.is_empty(poly):
            continue
        x0, y0, x1, y1 = shapely.bounds(poly)
        lo = int(np.searchsorted(xs, x0, side="left"))
        hi = int(np.searchsorted(xs, x1, side="right"))
        if hi <= lo:
            continue
        sy = ys[lo:hi]
        cand = np.flatnonzero((sy >= y0) & (sy <= y1) & (found[lo:hi] < 0)) + lo
        if cand.size == 0:
            continue
        shapely.prepare(poly)
        hit = shapely.intersects_xy(poly, xs[cand], ys[cand])
        found[cand[hit]] = k
    out[order] = found
    return out


def _xy(gdf: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    geoms = gdf.geometry.values
    x = shapely.get_x(geoms)
    y = shapely.get_y(geoms)
    missing = shapely.is_missing(geoms)
    x = np.where(missing, np.nan, x).astype(float)
    y = np.where(missing, np.nan, y).astype(float)
    return x, y


def _pick(values: pd.Series | np.ndarray, idx: np.ndarray) -> np.ndarray:
    arr = np.asarray(values, dtype=object)
    out = np.full(idx.shape, None, dtype=object)
    hit = idx >= 0
    out[hit] = arr[idx[hit]]
    return out


def join_admin_areas(
    gdf: gpd.GeoDataFrame, *, levels: Sequence[str] = ("admin1", "admin2", "admin3")
) -> gpd.GeoDataFrame:
    """Fill ``admin1``, ``admin2`` and ``admin3`` from the shipped boundary polygons.

    Parameters
    ----------
    gdf
        Incidents (see :func:`geoconflict.frames.incidents_to_gdf`).
    levels
        Which levels to join; ``admin2`` implies ``admin1``.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy with ``admin1`` (governorate), ``admin2`` (district) and ``admin3``
        (sub-district) set as below.

    Notes
    -----
    The join is precision-aware: an incident is given only the areas its location supports.

    ========================  ==============================================================
    precision                 areas assigned from the point
    ========================  ==============================================================
    1, 2 or missing           governorate, district and sub-district
    3 (district)              governorate and district; sub-district None
    4 (governorate)           governorate only (its own ``admin1`` if it names a
                              governorate, else the polygon's); district None
    5 (wider region)          the region may span governorates, so the point is not used:
                              ``admin1`` kept only if it names a governorate, else None
    6 (country)               none (all None)
    ========================  ==============================================================

    The district polygon decides the governorate (its parent), so ``admin1`` and ``admin2``
    never contradict each other; a point outside every district falls back to the governorate
    polygons. A sub-district is kept only when its parent district is the point's district
    (the sub-district layer is coarser, so the two can disagree within metres of a border).
    Points outside every polygon and incidents without a geometry keep what they had.
    """
    out = validate_incidents_gdf(gdf)
    x, y = _xy(out)
    prec = pd.array(out["precision"], dtype="Int64")
    p = np.asarray(prec.fillna(1), dtype=int)
    old1 = np.asarray(out["admin1"].astype(object).where(out["admin1"].notna(), None))
    old2 = np.asarray(out["admin2"].astype(object).where(out["admin2"].notna(), None))
    old3 = (np.asarray(out["admin3"].astype(object).where(out["admin3"].notna(), None))
            if "admin3" in out.columns else np.full(len(out), None, dtype=object))
    new1, new2, new3 = join_admin_arrays(x, y, p, old1, old2, old3, levels=levels)
    want2 = "admin2" in levels or "admin3" in levels
    out["admin1"] = pd.array(new1, dtype=object)
    if want2:
        out["admin2"] = pd.array(new2, dtype=object)
    out["admin3"] = pd.array(new3 if "admin3" in levels else old3, dtype=object)
    return out


def join_admin_arrays(
    x: np.ndarray, y: np.ndarray, precision: np.ndarray, admin1: np.ndarray,
    admin2: np.ndarray, admin3: np.ndarray, *,
    levels: Sequence[str] = ("admin1", "admin2", "admin3"),
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The join of :func:`join_admin_areas` on plain arrays, row by row.

    ``x``/``y`` are longitudes/latitudes (NaN: no point), ``precision`` ints (1 where
    missing), ``admin1``/``admin2``/``admin3`` object arrays of names or None. Returns the new
    ``(admin1, admin2, admin3)``. Each row's result depends on that row alone, so a table can
    be joined in slices (the pipeline joins each worker's incidents as they are extracted).
    """
    p = np.asarray(precision, dtype=int)
    located = ~np.isnan(x)
    old1, old2, old3 = admin1, admin2, admin3
    new1, new2, new3 = old1.copy(), old2.copy(), old3.copy()
    want2 = "admin2" in levels or "admin3" in levels
    a1 = load_boundaries("admin1")
    hit1 = np.full(len(p), -1)
    hit2 = np.full(len(p), -1)
    fine = located & (p <= 3)
    if want2:
        a2 = load_boundaries("admin2")
        hit2[fine] = locate_points(x[fine], y[fine], a2.geometry.values)
        dist_name = _pick(a2["name"], hit2)
        dist_parent = _pick(a2["admin1"], hit2)
    need1 = located & (p <= 4) & (hit2 < 0)
    hit1[need1] = locate_points(x[need1], y[need1], a1.geometry.values)
    gov_name = _pick(a1["name"], hit1)

    canon_old1 = _map_unique(old1, canonical_admin1)
    # precision 1-3: from the polygons
    in_dist = hit2 >= 0
    in_gov = hit1 >= 0
    m = fine & in_dist
    new1[m] = dist_parent[m]
    if want2:
        new2[m] = dist_name[m]
    m = fine & ~in_dist & in_gov
    new1[m] = gov_name[m]
    new2[m] = None
    new3[fine & (in_dist | in_gov)] = None
    # precision 4: governorate only
    m4 = located & (p == 4)
    keep_named = m4 & (canon_old1 != None)  # noqa: E711
    new1[keep_named] = canon_old1[keep_named]
    m = m4 & (canon_old1 == None) & in_gov  # noqa: E711
    new1[m] = gov_name[m]
    new2[p == 4] = None
    new3[p == 4] = None
    # precision 5: only a stated governorate; 6: nothing
    m5 = p == 5
    new1[m5] = canon_old1[m5]
    new2[m5] = None
    new3[m5] = None
    m6 = p == 6
    new1[m6] = None
    new2[m6] = None
    new3[m6] = None

    if "admin3" in levels:
        a3 = load_boundaries("admin3")
        sub = located & (p <= 2) & in_dist
        hit3 = np.full(len(p), -1)
        hit3[sub] = locate_points(x[sub], y[sub], a3.geometry.values)
        sub_name = _pick(a3["name"], hit3)
        sub_parent = _pick(a3["admin2"], hit3)
        agree = sub & (hit3 >= 0) & (sub_parent == new2)
        new3[agree] = sub_name[agree]

    return new1, new2, new3


def _map_unique(values: np.ndarray, func: Any) -> np.ndarray:
    """Apply ``func`` once per distinct non-null value (incident tables repeat names a lot)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    mapped = np.array([func(u) for u in uniques] + [None], dtype=object)
    return mapped[codes]  # code -1 picks the trailing None


def _nullable(series: pd.Series) -> np.ndarray:
    return series.astype(object).where(series.notna(), None).to_numpy()


def _area_keys(gdf: pd.DataFrame, level: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (key per incident, display label per incident) for ``level``."""
    raw1 = _nullable(gdf["admin1"])
    # the layer's spelling when the name is a known governorate, else the name as given (so
    # an unknown name stays visible and is reported as unmatched)
    a1 = _map_unique(raw1, lambda v: canonical_admin1(v) or v)
    if level == "admin1":
        keys = _map_unique(a1, area_name_key)
        return keys, raw1
    col = _nullable(gdf[level])
    parent = a1 if level == "admin2" else _nullable(gdf["admin2"])
    pairs = np.array([f"{p}\x00{c}" if (c and p) else None
                      for p, c in zip(parent, col, strict=True)], dtype=object)

    def key(pair: str) -> str:
        p, c = pair.split("\x00")
        return f"{area_name_key(p)}|{area_name_key(c)}"

    def label(pair: str) -> str:
        p, c = pair.split("\x00")
        return f"{c} ({p})"

    return _map_unique(pairs, key), _map_unique(pairs, label)


def casualties_by_area(gdf: gpd.GeoDataFrame, level: AdminLevel = "admin1"
                       ) -> gpd.GeoDataFrame:
    """Sum incidents and casualties per administrative area, counting no death twice.

    Parameters
    ----------
    gdf
        Incidents. If it has no ``admin3`` column it is first passed through
        :func:`join_admin_areas`.
    level
        ``"admin1"`` (governorates), ``"admin2"`` (districts) or ``"admin3"`` (sub-districts).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per polygon of the level (every area, with or without incidents), EPSG:4326:
        ``area_id``, ``name``, ``admin1``, ``admin1_pcode``, ``incidents``, ``strikes``
        (airstrike, shelling, bombing, missile), ``killed_low``, ``killed_best``,
        ``killed_high``, ``injured_best``, ``killed_children``, ``cumulative_reports``,
        ``sub_incidents``, ``geometry``. ``attrs["unmatched"]`` maps area names found in the
        incidents but in no polygon to their incident counts; ``attrs["not_at_level"]`` counts
        the incidents that have no area at this level.

    Notes
    -----
    The counting rules:

    - A running toll (``is_cumulative``) and a sub-incident (``part_of`` set, lying inside a
      larger incident that is itself counted) are left out of every sum and of ``incidents``
      and ``strikes``; they are counted per area in ``cumulative_reports`` and
      ``sub_incidents`` instead, so no death is counted twice.
    - An incident counts only at the levels its precision supports (see
      :func:`join_admin_areas`): one known only to its governorate is summed in that
      governorate but in no district, and appears in ``attrs["not_at_level"]`` at the
      district level.
    - Each count column is the sum of the values the incidents report; a count an incident
      does not give is skipped, not taken as 0. An area whose incidents report no value for a
      column has a missing value (``<NA>``), distinct from a reported 0; an area without any
      incident has ``incidents`` 0 and missing counts. ``killed_low`` and ``killed_high`` are
      sums of the reported bounds, not bounds of the total.
    - Area names are matched after normalising case, accents and punctuation, and common
      spellings of governorates (``Idlib``, ``Deir ez-Zor``, ...) are recognised. Names that
      match no polygon raise a ``UserWarning`` and are listed in ``attrs["unmatched"]``.
    """
    if level not in ("admin1", "admin2", "admin3"):
        msg = f"unknown level {level!r}; use admin1, admin2 or admin3"
        raise InputError(msg)
    if "admin3" not in gdf.columns:
        gdf = join_admin_areas(gdf)
    else:
        gdf = validate_incidents_gdf(gdf)
    tally = AreaTally(level)
    tally.add(gdf)
    return tally.result(stacklevel=3)


class AreaTally:
    """The sums of :func:`casualties_by_area`, added up slice by slice.

    ``casualties_by_area(gdf, level)`` is ``AreaTally(level)``, ``add`` of the joined table,
    then ``result()``; the pipeline adds its incidents in slices as they are written, so it
    never holds them all. The result does not depend on how the rows were sliced.
    """

    def __init__(self, level: AdminLevel = "admin1") -> None:
        if level not in ("admin1", "admin2", "admin3"):
            msg = f"unknown level {level!r}; use admin1, admin2 or admin3"
            raise InputError(msg)
        self.level = level
        areas = load_boundaries(level)
        self.areas = areas
        if level == "admin1":
            area_keys = [area_name_key(n) for n in areas["name"]]
        else:
            parent = areas["admin1"] if level == "admin2" else areas["admin2"]
            area_keys = [f"{area_name_key(p)}|{area_name_key(n)}"
                         for p, n in zip(parent, areas["name"], strict=True)]
        self.key_to_row = {k: i for i, k in enumerate(area_keys)}
        n = len(areas)
        self.n = n
        self.counts = {name: np.zeros(n, dtype=np.int64) for name in
                       ("incidents", "strikes", "cumulative_reports", "sub_incidents")}
        self.sums = {col: np.zeros(n, dtype=float) for col in SUM_COLUMNS}
        self.known = {col: np.zeros(n, dtype=np.int64) for col in SUM_COLUMNS}
        self.unmatched: dict[Any, int] = {}
        self.not_at_level = 0

    def add(self, gdf: pd.DataFrame) -> None:
        """Add joined incidents: a table with ``admin1``, ``admin2`` (and ``admin3`` for that
        level), ``is_cumulative``, ``part_of``, ``event_type`` and the summed count columns."""
        if len(gdf) == 0:
            return
        keys, labels = _area_keys(gdf, self.level)
        key_to_row = self.key_to_row
        row = np.array([key_to_row.get(k, -1) if k is not None else -1 for k in keys],
                       dtype=np.int64)
        unmatched_mask = (keys != None) & (row < 0)  # noqa: E711
        for label in labels[unmatched_mask]:
            self.unmatched[label] = self.unmatched.get(label, 0) + 1
        cumulative = gdf["is_cumulative"].fillna(False).astype(bool).to_numpy()
        sub = gdf["part_of"].notna().to_numpy() & ~cumulative
        counted = ~cumulative & ~sub
        strike = gdf["event_type"].isin(STRIKE_TYPES).to_numpy()
        n = self.n
        has = row >= 0

        def tally(mask: np.ndarray) -> np.ndarray:
            return np.bincount(row[has & mask], minlength=n).astype(np.int64)

        self.counts["incidents"] += tally(counted)
        self.counts["strikes"] += tally(counted & strike)
        for col in SUM_COLUMNS:
            vals = pd.array(gdf[col], dtype="Int64")
            known = ~np.asarray(vals.isna())
            sel = has & counted & known
            self.sums[col] += np.bincount(row[sel], weights=np.asarray(vals[sel], dtype=float),
                                          minlength=n)
            self.known[col] += np.bincount(row[sel], minlength=n)
        self.counts["cumulative_reports"] += tally(cumulative)
        self.counts["sub_incidents"] += tally(sub)
        self.not_at_level += int(((keys == None) & counted).sum())  # noqa: E711

    def result(self, *, stacklevel: int = 2) -> gpd.GeoDataFrame:
        """Return the summary of :func:`casualties_by_area` (and warn of unmatched names)."""
        level = self.level
        # the order of value_counts(): most frequent first, ties in order of first sight
        unmatched = dict(sorted(self.unmatched.items(), key=lambda kv: -kv[1]))
        if unmatched:
            shown = ", ".join(f"{k!r} ({v})" for k, v in list(unmatched.items())[:10])
            warnings.warn(
                f"{sum(unmatched.values())} incident(s) name {level} areas that match no "
                f"boundary polygon and are left off the {level} summary: {shown}",
                UserWarning,
                stacklevel=stacklevel,
            )
        areas = self.areas
        out = areas[["area_id", "name", "admin1", "admin1_pcode"]].copy()
        out["incidents"] = self.counts["incidents"].copy()
        out["strikes"] = self.counts["strikes"].copy()
        for col in SUM_COLUMNS:
            out[col] = pd.array(
                [round(s) if c else None
                 for s, c in zip(self.sums[col], self.known[col], strict=True)],
                dtype="Int64",
            )
        out["cumulative_reports"] = self.counts["cumulative_reports"].copy()
        out["sub_incidents"] = self.counts["sub_incidents"].copy()
        result = gpd.GeoDataFrame(out, geometry=areas.geometry.values, crs=areas.crs)
        result.attrs["level"] = level
        result.attrs["unmatched"] = unmatched
        result.attrs["not_at_level"] = self.not_at_level
        return result
