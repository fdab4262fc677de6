"""Incidents as a GeoDataFrame (EPSG:4326), the table every map and export is drawn from.

The columns are the properties of ``CONTRACT.md`` (``geoconflict.geojson.PROPERTY_NAMES``),
built by the one mapping :func:`geoconflict.geojson.incident_properties`, plus ``geometry``:
a Point ``(lon, lat)``, or None for an incident without a resolvable place.
"""

from __future__ import annotations

import contextlib
import gc
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .errors import InputError, SchemaError
from .geojson import PROPERTY_NAMES, incident_properties, read_incidents_geojson
from .records import Incident

CRS = "EPSG:4326"
#: The contract columns in order (``geometry`` last).
COLUMNS: tuple[str, ...] = (*PROPERTY_NAMES, "geometry")
#: Nullable integer columns (pandas ``Int64``).
INT_COLUMNS: tuple[str, ...] = (
    "char_start", "char_end", "precision",
    "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "killed_children", "killed_women", "killed_rescuers", "killed_best_min", "killed_best_max",
)
FLOAT_COLUMNS: tuple[str, ...] = ("confidence", "match_score", "lat", "lon")
#: Columns holding lists of strings.
LIST_COLUMNS: tuple[str, ...] = ("targets", "victims", "sources")
STRING_COLUMNS: tuple[str, ...] = (
    "incident_id", "doc_id", "text", "event_type", "actor", "date", "place", "place_name",
    "place_id", "admin1", "admin2", "admin3", "part_of", "feature_code", "country_code",
    "category",
)


def points_from_lonlat(lon: Sequence[float] | np.ndarray, lat: Sequence[float] | np.ndarray
                       ) -> np.ndarray:
    """Return an array of shapely Points ``(lon, lat)``; a missing (NaN/None) pair gives None.

    This is the one place in geoconflict that builds point geometries from coordinates.
    """
    lon_a = np.asarray(pd.to_numeric(pd.Series(lon, dtype=object), errors="coerce"), dtype=float)
    lat_a = np.asarray(pd.to_numeric(pd.Series(lat, dtype=object), errors="coerce"), dtype=float)
    if lon_a.shape != lat_a.shape:
        msg = f"lon and lat differ in length ({lon_a.size} != {lat_a.size})"
        raise ValueError(msg)
    ok = ~(np.isnan(lon_a) | np.isnan(lat_a))
    geoms = np.full(lon_a.shape, None, dtype=object)
    if ok.any():
        geoms[ok] = shapely.points(lon_a[ok], lat_a[ok])
    return geoms


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building large acyclic tables.

    Building 1e5 row dicts triggers many full collections that traverse every live object
    (about 45 % of the time of :func:`incidents_to_gdf` at 1e5 incidents); reference counting
    still frees everything, and the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _typed_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    # column-wise construction (itemgetter + zip run in C) is several times faster than
    # DataFrame.from_records on 1e5 dicts
    if rows:
        columns = zip(*map(operator.itemgetter(*PROPERTY_NAMES), rows), strict=True)
        data = dict(zip(PROPERTY_NAMES, (list(c) for c in columns), strict=True))
    else:
        data = {col: [] for col in PROPERTY_NAMES}
    df = pd.DataFrame(data, columns=list(PROPERTY_NAMES))
    for col in INT_COLUMNS:
        if col in df:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    for col in FLOAT_COLUMNS:
        if col in df:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    if "is_cumulative" in df:
        df["is_cumulative"] = df["is_cumulative"].fillna(False).astype(bool)
    for col in LIST_COLUMNS:
        if col in df:
            df[col] = [v if type(v) is list else (list(v) if isinstance(v, tuple) else [])
                       for v in df[col]]
    return df


def incidents_to_gdf(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Return the incidents as a GeoDataFrame in EPSG:4326, one row per incident.

    Parameters
    ----------
    incidents
        :class:`~geoconflict.records.Incident` records.

    Returns
    -------
    geopandas.GeoDataFrame
        The contract columns (:data:`COLUMNS`): counts as nullable ``Int64`` (a count the text
        does not give stays missing, never 0), ``date`` as an ISO ``YYYY-MM-DD`` string, list
        fields as Python lists, and a Point ``(lon, lat)`` geometry (None when unplaced).
    """
    with paused_gc():
        rows = [incident_properties(i) for i in incidents]
        df = _typed_frame(rows)
    geoms = points_from_lonlat(df["lon"].to_numpy(), df["lat"].to_numpy())
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def validate_incidents_gdf(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Check an incidents GeoDataFrame and return a conforming copy.

    Missing optional contract columns are added as nulls and ``lat``/``lon`` are refreshed from
    the geometry, so a GeoDataFrame from elsewhere (a notebook, another reader) can be mapped.

    Raises
    ------
    SchemaError
        If ``gdf`` is not a GeoDataFrame, lacks ``incident_id``, is not in EPSG:4326, holds
        non-point geometries or latitudes outside [-90, 90].
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        msg = f"expected a GeoDataFrame of incidents, got {type(gdf).__name__}"
        raise SchemaError(msg)
    if "incident_id" not in gdf.columns:
        msg = "incidents table lacks the 'incident_id' column"
        raise SchemaError(msg)
    if gdf.crs is None:
        msg = "incidents GeoDataFrame has no CRS; set it with gdf.set_crs('EPSG:4326')"
        raise SchemaError(msg)
    if gdf.crs.to_epsg() != 4326:
        msg = f"incidents must be in EPSG:4326, not {gdf.crs.to_string()!r}; use gdf.to_crs(4326)"
        raise SchemaError(msg)
    out = gdf.copy()
    geoms = out.geometry.values
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    types = shapely.get_type_id(geoms[present])
    if (types != 0).any():
        msg = "incident geometries must be Points (or null)"
        raise SchemaError(msg)
    coords = shapely.get_coordinates(geoms[present])
    if coords.size and (np.abs(coords[:, 1]) > 90).any():
        msg = "latitude outside [-90, 90]; are longitude and latitude swapped?"
        raise SchemaError(msg)
    lon = np.full(len(out), np.nan)
    lat = np.full(len(out), np.nan)
    lon[present] = coords[:, 0] if coords.size else []
    lat[present] = coords[:, 1] if coords.size else []
    n = len(out)
    for col in PROPERTY_NAMES:
        if col not in out.columns:
            if col in LIST_COLUMNS:
                empty = np.empty(n, dtype=object)
                empty[:] = [()] * n  # one shared immutable empty sequence (fast for 1e6 rows)
                out[col] = empty
            elif col == "is_cumulative":
                out[col] = False
            elif col in INT_COLUMNS:
                out[col] = pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64),
                                                  np.ones(n, dtype=bool))
            else:
                out[col] = None
    out["lon"] = lon
    out["lat"] = lat
    extra = [c for c in out.columns if c not in COLUMNS]
    cols = list(PROPERTY_NAMES) + [c for c in extra if c != out.geometry.name]
    return out[[*cols, out.geometry.name]]


# --- readers --------------------------------------------------------------------------------

#: ``(name, sniff(path, head) -> bool, read(path) -> GeoDataFrame)``, tried in order by
#: :func:`read_incidents`. Other formats (ACLED/UCDP CSV, ...) plug in with
#: :func:`register_incident_reader`.
Sniffer = Callable[[Path, bytes], bool]
Reader = Callable[[Path], gpd.GeoDataFrame]
_READERS: list[tuple[str, Sniffer, Reader]] = []


def register_incident_reader(name: str, sniff: Sniffer, read: Reader, *, first: bool = False
                             ) -> None:
    """Teach :func:`read_incidents` a new input format.

    Parameters
    ----------
    name
        Short name shown in error messages (``"ACLED CSV"``).
    sniff
        ``sniff(path, head)`` returns True when the file (whose first 64 KiB are ``head``) is
        in this format.
    read
        ``read(path)`` returns an incidents GeoDataFrame (see :func:`incidents_to_gdf`).
    first
        Try this reader before the ones already registered.
    """
    entry = (name, sniff, read)
    _READERS[:] = [r for r in _READERS if r[0] != name]
    if first:
        _READERS.insert(0, entry)
    else:
        _READERS.append(entry)


def _sniff_geojson(path: Path, head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and b"FeatureCollection" in head


def _read_geojson(path: Path) -> gpd.GeoDataFrame:
    return incidents_to_gdf(read_incidents_geojson(path))


register_incident_reader("incidents GeoJSON", _sniff_geojson, _read_geojson)


def read_incidents(path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Read an incidents file into a GeoDataFrame, choosing the reader from its content.

    Parameters
    ----------
    path
        An ``incidents.geojson`` written by geoconflict (or any format added with
        :func:`register_incident_reader`).

    Raises
    ------
    InputError
        If the file is missing, unreadable, or in no known format.
    """
    p = Path(path)
    if not p.is_file():
        msg = f"no such file: {os.fspath(path)!r}"
        raise InputError(msg)
    try:
        with open(p, "rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        msg = f"cannot read {os.fspath(path)!r}: {exc.strerror}"
        raise InputError(msg) from None
    for _name, sniff, read in _READERS:
        if sniff(p, head):
            return validate_incidents_gdf(read(p))
    known = ", ".join(r[0] for r in _READERS)
    msg = f"cannot read {os.fspath(path)!r}: not in a known incidents format ({known})"
    raise InputError(msg)


def _sniff_reference(path: Path, head: bytes) -> bool:
    from .reference import sniff_reference_head

    return sniff_reference_head(head)


def _read_reference(path: Path) -> gpd.GeoDataFrame:
    from .reference import read_reference

    return incidents_to_gdf(read_reference(path))


register_incident_reader("ACLED or UCDP GED CSV", _sniff_reference, _read_reference)
