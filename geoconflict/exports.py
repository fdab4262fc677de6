"""Write incidents and per-area summaries to GeoJSON, CSV or GeoPackage, atomically.

The format comes from the file suffix. Every writer takes the same table (the contract
columns of :mod:`geoconflict.frames`), so the three formats hold the same rows and fields:

- ``.geojson`` / ``.json``: RFC 7946 FeatureCollection, ``[longitude, latitude]``, no ``crs``
  member, null geometry for unplaced incidents; list fields stay JSON lists.
- ``.csv``: one row per incident with ``lat``/``lon`` columns; list fields joined with ``";"``,
  nested ``reports`` as a JSON string, missing values empty.
- ``.gpkg``: an OGC GeoPackage (via pyogrio/GDAL), layer ``incidents`` or ``areas``; list
  fields joined with ``";"``, ``reports`` as a JSON string.

An output file is either complete or absent (written to a temporary file beside it, then
renamed).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ._atomic import atomic_open
from .errors import ExportError, InputError
from .frames import (
    FLOAT_COLUMNS,
    INT_COLUMNS,
    LIST_COLUMNS,
    incidents_to_gdf,
    validate_incidents_gdf,
)
from .geojson import PROPERTY_NAMES
from .records import Incident

#: Suffix -> format name.
FORMATS: dict[str, str] = {".geojson": "geojson", ".json": "geojson", ".csv": "csv",
                           ".gpkg": "gpkg"}


def _format_for(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        allowed = ", ".join(sorted(set(FORMATS)))
        shown = suffix or "(none)"
        msg = f"cannot export to {os.fspath(path)!r}: unknown format {shown}; use one of {allowed}"
        raise ExportError(msg)
    return fmt


def _incident_table(incidents_or_gdf: Iterable[Incident] | gpd.GeoDataFrame, *,
                    join_areas: bool) -> gpd.GeoDataFrame:
    if isinstance(incidents_or_gdf, gpd.GeoDataFrame):
        gdf = validate_incidents_gdf(incidents_or_gdf)
    else:
        items = list(incidents_or_gdf)
        if any(not isinstance(i, Incident) for i in items):
            msg = "expected Incident records or an incidents GeoDataFrame"
            raise InputError(msg)
        gdf = incidents_to_gdf(items)
    if join_areas:
        from .joins import join_admin_areas

        gdf = join_admin_areas(gdf)
    cols = list(PROPERTY_NAMES)
    if "admin3" in gdf.columns:
        cols.insert(cols.index("admin2") + 1, "admin3")
    extra = [c for c in gdf.columns if c not in cols and c != gdf.geometry.name]
    return gdf[[*cols, *extra, gdf.geometry.name]]


def _json_value(value: Any) -> Any:
    """Plain JSON value: NA/NaN -> None, numpy scalars -> Python, tuples -> lists."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _flat_value(value: Any) -> Any:
    """Value for flat formats: lists joined with ';', dicts/lists of dicts as JSON."""
    value = _json_value(value)
    if isinstance(value, list):
        if any(isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _features(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    geom_name = gdf.geometry.name
    cols = [c for c in gdf.columns if c != geom_name]
    records = gdf[cols].astype(object).to_dict("records")
    geoms = gdf.geometry.values
    feats = []
    for props, geom in zip(records, geoms, strict=True):
        if geom is None or shapely.is_empty(geom):
            geometry = None
        else:
            geometry = json.loads(shapely.to_geojson(geom))
            if geometry["type"] == "Point":
                x, y = geometry["coordinates"][:2]
                geometry["coordinates"] = [round(x, 6), round(y, 6)]
        feats.append({"type": "Feature", "geometry": geometry,
                      "properties": {k: _json_value(v) for k, v in props.items()}})
    return {"type": "FeatureCollection", "features": feats}


def _flat_frame(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    geom_name = gdf.geometry.name
    out = pd.DataFrame(index=gdf.index)
    for col in gdf.columns:
        if col == geom_name:
            continue
        series = gdf[col]
        if series.dtype == object or col in LIST_COLUMNS or col == "reports":
            out[col] = [_flat_value(v) for v in series.to_numpy(dtype=object)]
        else:
            out[col] = series
    for col in out.columns:
        if out[col].dtype == object:
            values = out[col].to_numpy(dtype=object)
            present = [v for v in values if v is not None]
            if present and all(isinstance(v, str) for v in present):
                out[col] = pd.array(values, dtype="string")
            elif present and all(isinstance(v, bool) for v in present):
                out[col] = pd.array(values, dtype="boolean")
            elif present and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                                 for v in present):
                out[col] = pd.array(values, dtype="Int64")
            elif present and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                 for v in present):
                out[col] = pd.array(values, dtype="Float64")
            elif not present:
                out[col] = pd.array(values, dtype="string")
    return out


def _write_geojson(gdf: gpd.GeoDataFrame, path: str | os.PathLike[str]) -> None:
    with atomic_open(path, "w") as fh:
        json.dump(_features(gdf), fh, ensure_ascii=False, separators=(",", ":"),
                  allow_nan=False)
        fh.write("\n")


def _write_csv(df: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    with atomic_open(path, "w") as fh:
        df.to_csv(fh, index=False, lineterminator="\n")


def _write_gpkg(gdf: gpd.GeoDataFrame, path: str | os.PathLike[str], layer: str) -> None:
    import pyogrio

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        msg = f"cannot write {str(target)!r}: folder {str(folder)!r} does not exist"
        raise ExportError(msg)
    # GDAL picks the driver from the suffix, so the temporary file keeps ``.gpkg``.
    tmp = folder / f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp.gpkg"
    flat = gpd.GeoDataFrame(_flat_frame(gdf), geometry=gdf.geometry.values, crs=gdf.crs)
    try:
        pyogrio.write_dataframe(flat, tmp, layer=layer, driver="GPKG")
        os.replace(tmp, target)
    except Exception as exc:
        if isinstance(exc, ExportError):
            raise
        msg = f"cannot write {str(target)!r}: {exc}"
        raise ExportError(msg) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def export_incidents(incidents_or_gdf: Iterable[Incident] | gpd.GeoDataFrame,
                     path: str | os.PathLike[str], *, join_areas: bool = True) -> int:
    """Write incidents to ``path`` in the format given by its suffix; return the row count.

    Parameters
    ----------
    incidents_or_gdf
        :class:`~geoconflict.records.Incident` records or an incidents GeoDataFrame.
    path
        ``.geojson`` (or ``.json``), ``.csv`` or ``.gpkg``.
    join_areas
        Fill ``admin1``/``admin2``/``admin3`` from the boundary polygons first
        (:func:`geoconflict.joins.join_admin_areas`).

    Raises
    ------
    ExportError
        For an unknown suffix (the message lists the allowed ones) or a failed write.
    """
    fmt = _format_for(path)
    gdf = _incident_table(incidents_or_gdf, join_areas=join_areas)
    if fmt == "geojson":
        _write_geojson(gdf, path)
    elif fmt == "csv":
        _write_csv(_flat_frame(gdf), path)
    else:
        _write_gpkg(gdf, path, layer="incidents")
    return len(gdf)


def incidents_csv_text(incidents: Iterable[Incident], *, header: bool = True) -> str:
    """Return the rows :func:`export_incidents` writes to CSV for these incidents (already
    joined; ``header``: with the header line).

    Every column has one type whatever the rows, so slices of a table give the lines of the
    whole table: the pipeline writes a large CSV slice by slice.
    """
    import io

    buf = io.StringIO()
    _flat_frame(_incident_table(incidents, join_areas=False)).to_csv(
        buf, index=False, header=header, lineterminator="\n"
    )
    return buf.getvalue()


_CSV_INT = frozenset(INT_COLUMNS)
_CSV_FLOAT = frozenset(FLOAT_COLUMNS)


def _csv_cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if name in _CSV_INT:
        return int(value)
    if name in _CSV_FLOAT:
        value = float(value)
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, list):
        if any(isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return ";".join("" if v is None else str(v) for v in value)
    return value


def incident_csv_line(incident: Incident) -> str:
    """Return one incident's line of :func:`incidents_csv_text` (its own, without a header):
    the same cells, typed per column as the whole table types them, and the same quoting
    (the ``csv`` module, as pandas uses it)."""
    import csv
    import io

    from .geojson import incident_properties

    props = incident_properties(incident)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        [_csv_cell(name, props[name]) for name in PROPERTY_NAMES]
    )
    return buf.getvalue()


def export_areas(summary_gdf: gpd.GeoDataFrame, path: str | os.PathLike[str]) -> int:
    """Write a per-area summary (from :func:`~geoconflict.joins.casualties_by_area`).

    ``.geojson``/``.gpkg`` keep the polygons; ``.csv`` writes the counts with each area's
    representative point as ``lat``/``lon``. Returns the number of areas written.

    Raises
    ------
    ExportError
        For an unknown suffix or a failed write.
    """
    fmt = _format_for(path)
    if not isinstance(summary_gdf, gpd.GeoDataFrame):
        msg = "expected the GeoDataFrame returned by casualties_by_area()"
        raise InputError(msg)
    gdf = summary_gdf.to_crs(4326) if summary_gdf.crs is not None else summary_gdf
    if fmt == "geojson":
        _write_geojson(gdf, path)
    elif fmt == "csv":
        flat = _flat_frame(gdf)
        pts = shapely.point_on_surface(gdf.geometry.values)
        flat["lat"] = np.round(shapely.get_y(pts), 6)
        flat["lon"] = np.round(shapely.get_x(pts), 6)
        _write_csv(flat, path)
    else:
        _write_gpkg(gdf, path, layer="areas")
    return len(gdf)
