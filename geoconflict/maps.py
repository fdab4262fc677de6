"""Maps of incidents: an interactive folium (Leaflet) HTML map and a static PNG.

The HTML map holds a choropleth of deaths per governorate, switchable to districts, and a
marker per incident, with clustering, a heat map and a time slider. It is built to stay honest
(an incident known only to its governorate is drawn as a hollow ring at the governorate's
centre, never as a pinpoint), safe (every string from an article reaches the page as JSON and is
put into the DOM as text, never parsed as HTML) and fast (incidents travel as ONE compact JSON
blob drawn by a small script, not as one folium object per marker).

With ``offline=True`` the page is one self-contained file: Leaflet, its plugins and the map's
own script and styles are inlined from copies shipped in ``geoconflict/static/``, and the
boundaries replace the tile layer, so it draws with no network at all.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ._atomic import atomic_open, atomic_path
from .boundaries import area_name_key, load_boundaries
from .errors import ExportError, InputError
from .frames import incidents_to_gdf, paused_gc, validate_incidents_gdf
from .joins import casualties_by_area, join_admin_areas
from .records import MAP_KINDS, Incident, map_kind

#: Colours of event types (markers and legend).
EVENT_COLORS: dict[str, str] = {
    "airstrike": "#d7301f",
    "shelling": "#fd8d3c",
    "bombing": "#6a3d9a",
    "missile": "#b15928",
    "ground_assault": "#33a02c",
    "attack": "#1f78b4",
    "other": "#8c8c8c",
    # developments (no violence told): cool, muted colours apart from the attacks'
    "displacement": "#41b6c4",
    "return": "#7fcdbb",
    "aid": "#01665e",
    "protest": "#e7298a",
    "arrest": "#525252",
    "agreement": "#b8e186",
    "territory": "#9e9ac8",
}
#: Sequential fill colours of the choropleth classes (light to dark).
CLASS_COLORS: tuple[str, ...] = ("#fff3b0", "#fdc877", "#f98e4a", "#e34a33", "#a50f15")
#: Fill of areas without data: a neutral grey, distinct from the lightest class (zero).
NODATA_COLOR = "#c9ced2"
#: Above this many incidents, markers are clustered.
CLUSTER_THRESHOLD = 2500
#: Above this many incidents, markers are drawn on a canvas instead of as SVG elements.
CANVAS_THRESHOLD = 1000
#: Data blobs larger than this (bytes of JSON) are embedded gzip-compressed.
COMPRESS_ABOVE = 1_000_000
#: Longest source text shown in a popup (the full text is in the exports).
MAX_POPUP_TEXT = 320
#: Syria's extent (south-west, north-east) for the initial view.
SYRIA_BOUNDS = ((32.3, 35.6), (37.4, 42.4))

ATTRIBUTION_HTML = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0), OCHA; '
    'boundaries: <a href="https://data.humdata.org/">UN OCHA/UNCS via HDX</a>, '
    '<a href="https://www.geoboundaries.org/">geoBoundaries</a> (CC BY 3.0 IGO); '
    'Made with <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)
LEVEL_LABELS = {"admin1": "governorate", "admin2": "district"}

_CDN_JS = {
    "leaflet": "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",
    "markercluster": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/"
    "leaflet.markercluster.js",
    "heat": "https://cdn.jsdelivr.net/npm/leaflet.heat@0.2.0/dist/leaflet-heat.js",
}
_CDN_CSS = {
    "leaflet_css": "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css",
    "markercluster_css": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/"
    "MarkerCluster.css",
    "markercluster_default_css": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/"
    "dist/MarkerCluster.Default.css",
}
_STATIC_JS = {
    "leaflet": "leaflet.js",
    "markercluster": "leaflet.markercluster.js",
    "heat": "leaflet-heat.js",
}
_STATIC_CSS = {
    "leaflet_css": "leaflet.css",
    "markercluster_css": "MarkerCluster.css",
    "markercluster_default_css": "MarkerCluster.Default.css",
}


# --- helpers ----------------------------------------------------------------------------------

def script_json(value: Any) -> str:
    """Serialise ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026`` (so neither
    ``</script>`` nor ``<!--`` can end or change the element), and U+2028/U+2029 are escaped.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _script_json_pieces(value: dict[str, Any]) -> Iterator[str]:
    """:func:`script_json` of a dict with string keys, one member at a time (joined, the
    same text)."""
    yield "{"
    for k, (key, member) in enumerate(value.items()):
        yield ("," if k else "") + script_json(key) + ":" + script_json(member)
    yield "}"


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")


def _write_b64(src: Path, fh: Any) -> None:
    """Write the base64 text of the file ``src`` to ``fh`` a few MB at a time."""
    with open(src, "rb") as raw:
        while True:
            data = raw.read(3 << 20)  # a multiple of 3 bytes: the pieces join seamlessly
            if not data:
                return
            fh.write(_b64(data))


@cache
def _static_text(name: str) -> str:
    text = (resources.files("geoconflict") / "static" / name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")


def _as_gdf(incidents_or_gdf: Iterable[Incident] | gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if isinstance(incidents_or_gdf, gpd.GeoDataFrame):
        return validate_incidents_gdf(incidents_or_gdf)
    if isinstance(incidents_or_gdf, (str, os.PathLike)):
        from .frames import read_incidents

        return read_incidents(incidents_or_gdf)
    items = list(incidents_or_gdf)
    bad = [type(i).__name__ for i in items if not isinstance(i, Incident)]
    if bad:
        msg = f"expected Incident records or a GeoDataFrame, got {bad[0]}"
        raise InputError(msg)
    return incidents_to_gdf(items)


def fisher_jenks_breaks(values: Sequence[float] | np.ndarray, k: int) -> list[float]:
    """Return the upper bounds of ``k`` Fisher–Jenks classes of ``values`` (exact optimum).

    The classes minimise the total within-class sum of squared deviations (dynamic programming
    over the sorted values, O(k·n²); areas number in the hundreds at most). Gives the same
    breaks as ``mapclassify.FisherJenks`` without importing mapclassify, whose import (SciPy)
    costs seconds.
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = x.size
    if n == 0 or k <= 0:
        return []
    k = min(k, n)
    csum = np.concatenate([[0.0], np.cumsum(x)])
    csq = np.concatenate([[0.0], np.cumsum(x * x)])

    def ssd(i: int, j: np.ndarray | int) -> np.ndarray | float:
        # sum of squared deviations of x[i:j] (vectorised over j or i)
        cnt = j - i
        s = csum[j] - csum[i]
        return (csq[j] - csq[i]) - s * s / cnt

    cost = np.full((k + 1, n + 1), np.inf)
    back = np.zeros((k + 1, n + 1), dtype=int)
    cost[1, 1:] = [ssd(0, j) for j in range(1, n + 1)]
    for c in range(2, k + 1):
        for j in range(c, n + 1):
            i = np.arange(c - 1, j)
            cand = cost[c - 1, i] + (csq[j] - csq[i]) - (csum[j] - csum[i]) ** 2 / (j - i)
            best = int(np.argmin(cand))
            cost[c, j] = cand[best]
            back[c, j] = i[best]
    bounds = []
    j = n
    for c in range(k, 0, -1):
        bounds.append(float(x[j - 1]))
        j = back[c, j]
    return bounds[::-1]


def classify(values: Sequence[float] | np.ndarray, k: int = 5) -> list[tuple[float, float]]:
    """Return class intervals ``(low, high)`` for the choropleth, from Fisher–Jenks breaks.

    Missing values are ignored. With at most ``k`` distinct values each value is its own
    class; no values give no classes.
    """
    arr = np.asarray([v for v in values if v is not None and not pd.isna(v)], dtype=float)
    if arr.size == 0:
        return []
    distinct = np.unique(arr)
    if distinct.size <= k:
        return [(float(v), float(v)) for v in distinct]
    out = []
    low = float(arr.min())
    for b in fisher_jenks_breaks(arr, k):
        inside = arr[(arr >= low) & (arr <= b)]
        if inside.size:
            out.append((float(inside.min()), float(b)))
        above = arr[arr > b]
        low = float(above.min()) if above.size else float(b)
    return out


def _class_colors(n: int) -> list[str]:
    if n <= 0:
        return []
    idx = np.linspace(0, len(CLASS_COLORS) - 1, n).round().astype(int) if n > 1 else [2]
    return [CLASS_COLORS[i] for i in idx]


def _fmt(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


def _interval_label(low: float, high: float) -> str:
    return _fmt(low) if low == high else f"{_fmt(low)}–{_fmt(high)}"


def _fill_for(value: Any, classes: list[tuple[float, float]], colors: list[str]) -> str:
    if value is None or pd.isna(value):
        return NODATA_COLOR
    for (_low, high), color in zip(classes, colors, strict=True):
        if value <= high:
            return color
    return colors[-1]


@cache
def _display_geometries(level: str) -> tuple[Any, ...]:
    """Boundaries simplified for drawing (coverage-preserving, ~4 decimals)."""
    geoms = load_boundaries(level).geometry.values  # type: ignore[arg-type]
    simple = shapely.coverage_simplify(np.asarray(geoms), 0.002)
    simple = shapely.set_precision(simple, 1e-4)
    simple = shapely.make_valid(simple)
    return tuple(simple)


def _geometry_json(geom: Any) -> dict[str, Any]:
    return json.loads(shapely.to_geojson(geom))


def _area_features(summary: gpd.GeoDataFrame, level: str,
                   classes: list[tuple[float, float]], colors: list[str]) -> dict[str, Any]:
    geoms = _display_geometries(level)
    feats = []
    for i, row in enumerate(summary.itertuples(index=False)):
        label = row.name if level == "admin1" else f"{row.name} ({row.admin1})"

        def num(v: Any) -> int | None:
            return None if v is None or pd.isna(v) else int(v)

        props = {
            "area_id": row.area_id,
            "label": label,
            "incidents": int(row.incidents),
            "strikes": int(row.strikes),
            "killed_low": num(row.killed_low),
            "killed_best": num(row.killed_best),
            "killed_high": num(row.killed_high),
            "injured_best": num(row.injured_best),
            "killed_children": num(row.killed_children),
            "cumulative_reports": int(row.cumulative_reports),
            "sub_incidents": int(row.sub_incidents),
            "fill": _fill_for(row.killed_best, classes, colors),
            "nodata": bool(pd.isna(row.killed_best)),
        }
        feats.append({"type": "Feature", "properties": props,
                      "geometry": _geometry_json(geoms[i])})
    return {"type": "FeatureCollection", "features": feats}


def _area_centres(level: str) -> dict[str, tuple[float, float]]:
    """Representative point (lon, lat) of each area, keyed like the join keys."""
    areas = load_boundaries(level)
    pts = shapely.point_on_surface(areas.geometry.values)
    xy = shapely.get_coordinates(pts)
    out = {}
    for (name, parent), (x, y) in zip(zip(areas["name"], areas["admin1"], strict=True), xy,
                                      strict=True):
        key = area_name_key(name) if level == "admin1" else \
            f"{area_name_key(parent)}|{area_name_key(name)}"
        out[key] = (float(x), float(y))
    return out


def _marker_positions(gdf: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Where each incident is drawn: its point, or its area's centre when coarse (prec. 3/4)."""
    lon = gdf["lon"].to_numpy(dtype=float, na_value=np.nan).copy()
    lat = gdf["lat"].to_numpy(dtype=float, na_value=np.nan).copy()
    prec = pd.array(gdf["precision"], dtype="Int64").fillna(1).to_numpy(dtype=int)
    gov = _area_centres("admin1")
    dist = _area_centres("admin2")
    a1 = gdf["admin1"].astype(object).where(gdf["admin1"].notna(), None).to_numpy()
    a2 = gdf["admin2"].astype(object).where(gdf["admin2"].notna(), None).to_numpy()
    for i in np.flatnonzero((prec == 3) | (prec == 4)):
        centre = None
        if prec[i] == 3 and a1[i] and a2[i]:
            centre = dist.get(f"{area_name_key(a1[i])}|{area_name_key(a2[i])}")
        elif prec[i] == 4 and a1[i]:
            centre = gov.get(area_name_key(a1[i]))
        if centre is not None:
            lon[i], lat[i] = centre
    return lon, lat


class _Strings:
    """One string table for the blob; each column's distinct values are stored once."""

    def __init__(self) -> None:
        self.table: list[str] = []

    def codes(self, values: pd.Series, limit: int | None = None) -> list[int]:
        """Codes of ``values`` in the table; the column's distinct values are appended in bulk
        (no per-value dictionary work, which matters for 1e5 distinct texts)."""
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        plain = pd.Index(uniques).to_numpy(dtype=object)  # iterating Arrow arrays is slow
        texts = [str(u) for u in plain]
        if limit is not None:
            texts = [t if len(t) <= limit else t[: limit - 1].rstrip() + "…" for t in texts]
        offset = len(self.table)
        self.table.extend(texts)
        lookup = np.arange(offset, offset + len(texts) + 1, dtype=np.int64)
        lookup[-1] = -1  # code -1 (missing) picks this
        empty = np.flatnonzero(np.array([t == "" for t in texts], dtype=bool))
        lookup[empty] = -1
        return lookup[codes].tolist()


def _int_codes(series: pd.Series) -> np.ndarray:
    """Integers of a nullable column, ``-1`` where missing."""
    return pd.array(series, dtype="Int64").to_numpy(dtype=np.int64, na_value=-1)


def _known(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Rows of a nullable integer column that hold a value, and those values."""
    arr = pd.array(series, dtype="Int64")
    known = np.flatnonzero(~np.asarray(arr.isna()))
    return known, arr.to_numpy(dtype=np.int64, na_value=0)[known]


def _sparse(series: pd.Series) -> dict[str, int]:
    known, values = _known(series)
    return {str(i): int(v) for i, v in zip(known.tolist(), values.tolist(), strict=True)}


def _type_codes(series: pd.Series) -> np.ndarray:
    """Index in :data:`~geoconflict.records.MAP_KINDS` of each kind (unknown and missing:
    ``other``)."""
    type_idx = {t: i for i, t in enumerate(MAP_KINDS)}
    other = type_idx["other"]
    return np.array([type_idx.get(t, other) for t in series.fillna("other").to_numpy(object)],
                    dtype=np.int64)


def _flag_codes(g: pd.DataFrame) -> np.ndarray:
    """1 for a cumulative toll, 2 for a part of another incident, per row."""
    cumulative = g["is_cumulative"].fillna(False).astype(bool).to_numpy()
    part = g["part_of"].notna().to_numpy()
    return cumulative.astype(np.int64) | (2 * part.astype(np.int64))


def _iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a date given as ISO text, date, datetime or Timestamp; else None."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, str):
        return value[:10] or None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return None


def incidents_blob(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """Return the compact columnar structure the map script draws incidents from.

    Only incidents with a position are included. Columns are arrays (``-1`` = missing) or, for
    rarely present fields, objects keyed by row; strings are interned in ``s``.
    """
    lon, lat = _marker_positions(gdf)
    keep = ~(np.isnan(lon) | np.isnan(lat))
    g = gdf.loc[keep].reset_index(drop=True)
    lon, lat = lon[keep], lat[keep]
    strings = _Strings()
    types = list(MAP_KINDS)
    iso = [_iso_date(d) for d in g["date"].to_numpy(dtype=object)]
    dates = sorted({d for d in iso if d})
    date_idx = {d: i for i, d in enumerate(dates)}
    flags = {str(i): v for i, v in enumerate(_flag_codes(g).tolist()) if v}
    return {
        "lat": np.round(lat, 5).tolist(),
        "lon": np.round(lon, 5).tolist(),
        "k": _int_codes(g["killed_best"]).tolist(),
        "kl": _sparse(g["killed_low"]),
        "kh": _sparse(g["killed_high"]),
        "inj": _sparse(g["injured_best"]),
        "ch": _sparse(g["killed_children"]),
        "ty": _type_codes(g["event_type"]).tolist(),
        "types": types,
        "colors": [EVENT_COLORS[t] for t in types],
        "d": [date_idx.get(d, -1) if d else -1 for d in iso],
        "dates": dates,
        "pr": _int_codes(g["precision"]).tolist(),
        "f": flags,
        "pl": strings.codes(g["place"]),
        "pn": strings.codes(g["place_name"]),
        "ac": strings.codes(g["actor"]),
        "dc": strings.codes(g["doc_id"]),
        "tx": strings.codes(g["text"], limit=MAX_POPUP_TEXT),
        "id": strings.codes(g["incident_id"]),
        "s": strings.table,
    }


# --- folium elements --------------------------------------------------------------------------

def _folium() -> Any:
    import folium

    return folium


@cache
def _elements() -> dict[str, Any]:
    """Define the folium element classes lazily (folium is imported only when mapping)."""
    folium = _folium()
    from branca.element import MacroElement
    from folium.elements import JSCSSMixin
    from folium.map import Layer
    from folium.template import Template

    raw = _raw_element_class()

    class RawMacroElement(MacroElement):
        """A MacroElement whose rendered macros are emitted as they are.

        branca wraps each macro's output in ``Element(output)``, which compiles the output as
        a new Jinja template, so ``{{ ... }}`` inside data (an article, a title) would be
        evaluated, and a 20 MB blob is lexed for nothing. These elements bypass that.
        """

        def render(self, **kwargs: Any) -> None:
            figure = self.get_root()
            module = self._template.module
            for part in ("header", "html", "script"):
                macro = module.__dict__.get(part)
                if macro is not None:
                    getattr(figure, part).add_child(raw(macro(self, kwargs)),
                                                    name=self.get_name())

    class DataBlob(RawMacroElement):
        """A ``<script type="application/json">`` holding script-safe JSON.

        With ``compress`` (incident blobs, read asynchronously by the page) and above
        ``COMPRESS_ABOVE`` bytes the JSON is gzip-compressed and base64-encoded (the page
        inflates it with the browser's ``DecompressionStream``); base64 is script-safe too.
        """

        _template = Template(
            """{% macro html(this, kwargs) %}<script type="application/json" """
            """id="{{ this.get_name() }}" data-encoding="{{ this.encoding }}">"""
            """{{ this.payload }}</script>{% endmacro %}"""
        )

        def __init__(self, value: Any = None, *, compress: bool = False,
                     pieces: Iterable[str] | None = None,
                     spill: str | os.PathLike[str] | None = None) -> None:
            super().__init__()
            self._name = "gc_data"
            self.payload_file: Path | None = None
            if pieces is not None:
                # JSON text already made (joined: one value); compressed when large
                self._packed(pieces, spill)
                return
            if compress and isinstance(value, dict):
                self._packed(_script_json_pieces(value), spill)
                return
            text = script_json(value)
            self.raw_size = len(text.encode("utf-8"))
            self.payload = text
            self.encoding = "json"

        def _packed(self, pieces: Iterable[str], spill: str | os.PathLike[str] | None,
                    ) -> None:
            # The JSON is fed to the compressor piece by piece as it comes, so the whole text
            # of a large blob is never held; the bytes are those of
            # gzip.compress(text, compresslevel=4, mtime=0).
            import zlib

            held: list[bytes] = []
            size = 0
            packer = None
            out: list[bytes] = []
            sink = None
            try:
                for piece in pieces:
                    data = piece.encode("utf-8")
                    size += len(data)
                    if packer is not None:
                        out.append(packer.compress(data))
                        if sink is not None and len(out) > 64:
                            sink.write(b"".join(out))
                            out = []
                        continue
                    held.append(data)
                    if size > COMPRESS_ABOVE:
                        packer = zlib.compressobj(4, zlib.DEFLATED, 31)
                        if spill is not None:
                            sink = open(spill, "wb")
                        out.append(packer.compress(b"".join(held)))
                        held = []
                self.raw_size = size
                if packer is None:
                    self.payload = b"".join(held).decode("utf-8")
                    self.encoding = "json"
                    return
                out.append(packer.flush())
                self.encoding = "gzip-base64"
                if sink is None:
                    self.payload = _b64(b"".join(out))
                    return
                sink.write(b"".join(out))
                self.payload_file = Path(spill)
                # a placeholder no article can guess: the page's text holds it until saved
                self.payload = f"@@gc-payload-{secrets.token_hex(12)}@@"
            finally:
                if sink is not None:
                    sink.close()

    class AreaLayer(Layer):
        _template = Template(
            """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = GC.areaLayer({{ this.blob_id|tojson }}, {{ this.level|tojson }});
{% endmacro %}"""
        )

        def __init__(self, blob_id: str, level: str, name: str, show: bool) -> None:
            super().__init__(name=name, overlay=False, control=True, show=show)
            self._name = "gc_areas"
            self.blob_id = blob_id
            self.level = level

    class Backdrop(Layer):
        _template = Template(
            """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = GC.backdrop({{ this.blob_id|tojson }});
{% endmacro %}"""
        )

        def __init__(self, blob_id: str) -> None:
            super().__init__(name="Neighbouring countries", overlay=True, control=False)
            self._name = "gc_backdrop"
            self.blob_id = blob_id

    class IncidentLayer(JSCSSMixin, Layer):
        _template = Template(
            """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = GC.incidentLayer({{ this._parent.get_name() }},
    {{ this.blob_id|tojson }}, {{ this.options|tojson }});
{% endmacro %}"""
        )

        def __init__(self, blob_id: str, name: str, *, cluster: bool, canvas: bool,
                     reference: bool = False, show: bool = True) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "gc_incidents"
            self.blob_id = blob_id
            self.options = {"cluster": cluster, "canvas": canvas, "reference": reference}
            self.default_js = []
            self.default_css = []

    class HeatLayer(Layer):
        _template = Template(
            """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = GC.heatLayer({{ this.points }}, {{ this.options|tojson }});
{% endmacro %}"""
        )

        def __init__(self, points_layer: Any) -> None:
            super().__init__(name="Heat map (precise places, weighted by deaths)",
                             overlay=True, control=True, show=False)
            self._name = "gc_heat"
            self.points = points_layer.get_name()
            self.options = {"radius": 18, "blur": 22, "maxZoom": 11, "minOpacity": 0.25,
                            "max": 2.0}

    class Script(RawMacroElement):
        """Raw trusted script run after the layers (slider, legend switch, ready flag)."""

        _template = Template("""{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}""")

        def __init__(self, code: str) -> None:
            super().__init__()
            self._name = "gc_script"
            self.code = code

    class HtmlBlock(RawMacroElement):
        """Trusted, already-escaped HTML put in the page body."""

        _template = Template("""{% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}""")

        def __init__(self, markup: str) -> None:
            super().__init__()
            self._name = "gc_html"
            self.markup = markup

    return {
        "DataBlob": DataBlob, "AreaLayer": AreaLayer, "Backdrop": Backdrop,
        "IncidentLayer": IncidentLayer, "HeatLayer": HeatLayer, "Script": Script,
        "HtmlBlock": HtmlBlock, "folium": folium,
    }


def _legend_html(level_classes: dict[str, tuple[list[tuple[float, float]], list[str]]],
                 level: str, types_present: Sequence[str], has_hollow: bool) -> str:
    e = html.escape
    parts = ['<div class="gc-legend" id="gc-legend">']
    for lvl, (classes, colors) in level_classes.items():
        style = "" if lvl == level else ' style="display:none"'
        parts.append(f'<div class="gc-legend-classes" data-level="{e(lvl)}"{style}>')
        parts.append(f"<h4>Killed (best estimate) per {e(LEVEL_LABELS[lvl])}</h4>")
        for (low, high), color in zip(classes, colors, strict=True):
            parts.append(f'<div class="gc-item"><span class="gc-sw" style="background:{color}">'
                         f"</span>{e(_interval_label(low, high))}</div>")
        parts.append('<div class="gc-item"><span class="gc-sw gc-nodata-sw"></span>'
                     "no incidents or deaths not reported</div></div>")
    parts.append('<div class="gc-sec"><h4>Incidents (size: deaths)</h4>')
    for t in types_present:
        parts.append(f'<div class="gc-item"><span class="gc-dot" style="background:'
                     f'{EVENT_COLORS.get(t, EVENT_COLORS["other"])}"></span>'
                     f"{e(t.replace('_', ' '))}</div>")
    if has_hollow:
        parts.append('<div class="gc-item"><span class="gc-ring"></span>place known only to a '
                     "district or governorate: drawn at its centre</div>")
    parts.append("</div></div>")
    return "".join(parts)


def incident_map(
    incidents_or_gdf: Iterable[Incident] | gpd.GeoDataFrame,
    *,
    level: str = "admin1",
    offline: bool = False,
    title: str | None = None,
    reference: Iterable[Incident] | gpd.GeoDataFrame | None = None,
) -> Any:
    """Build an interactive map of incidents and deaths.

    Parameters
    ----------
    incidents_or_gdf
        :class:`~geoconflict.records.Incident` records or an incidents GeoDataFrame.
    level
        Choropleth shown first: ``"admin1"`` (governorates) or ``"admin2"`` (districts); the
        other is one click away in the layer control.
    offline
        Inline every script and stylesheet and use the boundaries instead of web tiles, so the
        saved page needs no network.
    title
        Title shown on the map (escaped); defaults to a summary of the data.
    reference
        Optional reference events (e.g. from ACLED or UCDP) drawn as a grey overlay, off at
        first.

    Returns
    -------
    folium.Map
        Save it with :func:`save_map`.

    Notes
    -----
    Layers: the choropleth of killed (best estimate) per area (:func:`casualties_by_area`
    rules: no death counted twice), classed by Fisher–Jenks (fewer classes when there are few
    distinct values), areas without data in neutral grey; one marker per placed incident,
    sized by deaths and coloured by event type, clustered above ``CLUSTER_THRESHOLD``
    incidents; a heat map of precisely placed incidents; a time slider when incidents have
    dates. Incidents with precision 3 or 4 are drawn as dashed rings at the centre of their
    district or governorate, and their popup states the precision. Incidents named after areas
    that match no boundary polygon raise a ``UserWarning`` (from :func:`casualties_by_area`).
    """
    if level not in LEVEL_LABELS:
        msg = f"unknown level {level!r}; use admin1 or admin2"
        raise InputError(msg)
    gdf = join_admin_areas(_as_gdf(incidents_or_gdf))
    summaries = {lvl: casualties_by_area(gdf, lvl) for lvl in LEVEL_LABELS}
    return map_from_table(gdf, summaries, level=level, offline=offline, title=title,
                          reference=reference)


#: The columns :func:`map_from_table` draws.
MAP_COLUMNS: tuple[str, ...] = (
    "incident_id", "doc_id", "text", "event_type", "actor", "date", "place", "place_name",
    "admin1", "admin2", "precision", "killed_low", "killed_best", "killed_high",
    "injured_best", "killed_children", "is_cumulative", "part_of", "lat", "lon",
)


#: A map's title when none is given.
DEFAULT_TITLE = "Strikes and deaths reported in the news"


@dataclass(frozen=True)
class MapFacts:
    """What a map's warning, title, subtitle and legend say of its incidents.

    Attributes
    ----------
    rows
        Incidents in the table (placed or not).
    with_position
        Incidents with coordinates of their own.
    first_date, last_date
        The span of their dates (ISO text), or None.
    killed
        Killed (best estimates) of the incidents counted in totals (not cumulative tolls,
        not parts of other incidents).
    types_seen
        Event types of the incidents with coordinates.
    has_hollow
        Whether an incident is known only to its district or governorate (precision >= 3).
    """

    rows: int = 0
    with_position: int = 0
    first_date: str | None = None
    last_date: str | None = None
    killed: int = 0
    types_seen: frozenset[str] = frozenset()
    has_hollow: bool = False

    @classmethod
    def of_table(cls, gdf: pd.DataFrame) -> MapFacts:
        """The facts of a table of :data:`MAP_COLUMNS`."""
        has = gdf["lon"].notna() & gdf["lat"].notna()
        dates = sorted(d for d in (_iso_date(v) for v in gdf["date"].to_numpy(dtype=object))
                       if d)
        counted = gdf[~gdf["is_cumulative"].fillna(False).astype(bool) & gdf["part_of"].isna()]
        killed = pd.array(counted["killed_best"], dtype="Int64").sum(skipna=True)
        prec = pd.array(gdf["precision"], dtype="Int64")
        return cls(
            rows=len(gdf), with_position=int(has.sum()),
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            killed=int(killed),
            types_seen=frozenset(gdf.loc[has, "event_type"].dropna().unique().tolist()),
            has_hollow=bool(((prec >= 3).fillna(False)).any()),
        )

    def __add__(self, other: MapFacts) -> MapFacts:
        """The facts of two tables put together (their rows added up)."""
        firsts = [d for d in (self.first_date, other.first_date) if d]
        lasts = [d for d in (self.last_date, other.last_date) if d]
        return MapFacts(
            rows=self.rows + other.rows, with_position=self.with_position + other.with_position,
            first_date=min(firsts) if firsts else None, last_date=max(lasts) if lasts else None,
            killed=self.killed + other.killed, types_seen=self.types_seen | other.types_seen,
            has_hollow=self.has_hollow or other.has_hollow,
        )

    def subtitle(self, n_drawn: int) -> str:
        """The line under the map's title."""
        span = (f"{self.first_date} to {self.last_date}" if self.first_date
                else "dates not given")
        return (f"{self.rows:,} incidents ({n_drawn:,} placed), {span}; "
                f"{self.killed:,} killed (best estimates, no double counts)")


def _with_kinds(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each development's category as its ``event_type``: the kind the map
    shows (``category`` absent: the table is shown as it is)."""
    if "category" not in table.columns:
        return table
    kinds = [map_kind(t, c) for t, c in zip(table["event_type"].to_numpy(dtype=object),
                                             table["category"].to_numpy(dtype=object),
                                             strict=True)]
    return table.assign(event_type=kinds)


def map_from_table(
    table: pd.DataFrame,
    summaries: dict[str, gpd.GeoDataFrame],
    *,
    level: str = "admin1",
    offline: bool = False,
    title: str | None = None,
    reference: Iterable[Incident] | gpd.GeoDataFrame | None = None,
) -> Any:
    """Build the map of :func:`incident_map` from a compact table and ready summaries.

    ``table`` holds :data:`MAP_COLUMNS` of incidents already joined to their areas
    (:func:`~geoconflict.joins.join_admin_areas`), ``summaries`` the
    :func:`~geoconflict.joins.casualties_by_area` of ``admin1`` and ``admin2``.
    """
    _check_level(level)
    table = _with_kinds(table)
    with paused_gc():
        data = incidents_blob(table)
        points_blob = _elements()["DataBlob"](data, compress=True)
    n = len(data["lat"])
    del data  # the blob holds the packed text; the columns are not needed any more
    return _draw_map(points_blob, n, MapFacts.of_table(table), summaries, level=level,
                     offline=offline, title=title, reference=reference)


def map_from_blob(
    blob: Any,
    summaries: dict[str, gpd.GeoDataFrame],
    *,
    spill: str | os.PathLike[str] | None = None,
    level: str = "admin1",
    offline: bool = False,
    title: str | None = None,
    reference: Iterable[Incident] | gpd.GeoDataFrame | None = None,
) -> Any:
    """Build the map of :func:`incident_map` from incidents added to a
    :class:`~geoconflict.map_blob.BlobColumns` and ready summaries.

    The pipeline draws a run of any size this way without holding its incidents: with
    ``spill`` (a file path), a large compressed blob stays in that file until
    :func:`save_map` streams it into the page, so the file must outlive the saving.
    """
    _check_level(level)
    points_blob = _elements()["DataBlob"](pieces=blob.pieces(), spill=spill)
    return _draw_map(points_blob, blob.drawn, blob.facts, summaries, level=level, offline=offline,
                     title=title, reference=reference)


def _check_level(level: str) -> None:
    if level not in LEVEL_LABELS:
        msg = f"unknown level {level!r}; use admin1 or admin2"
        raise InputError(msg)


def _draw_map(
    points_blob: Any,
    n: int,
    facts: MapFacts,
    summaries: dict[str, gpd.GeoDataFrame],
    *,
    level: str,
    offline: bool,
    title: str | None,
    reference: Iterable[Incident] | gpd.GeoDataFrame | None,
) -> Any:
    """The map around a ready blob of ``n`` drawn incidents."""
    el = _elements()
    folium = el["folium"]
    in_areas = int(summaries["admin1"][["incidents", "cumulative_reports", "sub_incidents"]]
                   .to_numpy().sum())
    placed = facts.with_position
    if placed and in_areas == 0:
        warnings.warn(
            f"none of the {placed} placed incidents lies in a governorate of the embedded "
            "boundaries (Syria), so the choropleth has no data; are the coordinates swapped "
            "or from another country?",
            UserWarning,
            stacklevel=3,
        )

    m = folium.Map(location=[35.0, 38.5], zoom_start=7, tiles=None, control_scale=True,
                   zoom_snap=0.25)
    m.options["maxZoom"] = 18  # marker clustering needs it; there may be no tile layer
    m.options["minZoom"] = 5
    m._geoconflict_offline = offline
    m.default_js = [] if offline else [("leaflet", _CDN_JS["leaflet"])]
    m.default_css = [] if offline else [("leaflet_css", _CDN_CSS["leaflet_css"])]
    root = m.get_root()
    _add_assets(root, offline)
    if not offline:
        folium.TileLayer("OpenStreetMap", control=False, opacity=0.55).add_to(m)
    else:
        back = el["DataBlob"](_backdrop_features())
        back.add_to(m)
        el["Backdrop"](back.get_name()).add_to(m)

    level_classes = {}
    area_layers = {}
    for lvl, summary in summaries.items():
        classes = classify(summary["killed_best"].astype("Float64").to_numpy(na_value=np.nan))
        colors = _class_colors(len(classes))
        level_classes[lvl] = (classes, colors)
        blob = el["DataBlob"](_area_features(summary, lvl, classes, colors))
        blob.add_to(m)
        name = f"Killed per {LEVEL_LABELS[lvl]}"
        layer = el["AreaLayer"](blob.get_name(), lvl, name, show=(lvl == level))
        layer.add_to(m)
        area_layers[lvl] = layer

    points_blob.add_to(m)
    points = el["IncidentLayer"](
        points_blob.get_name(), f"Incidents ({n:,})",
        cluster=n > CLUSTER_THRESHOLD, canvas=n > CANVAS_THRESHOLD,
    )
    points.add_to(m)
    heat = el["HeatLayer"](points)
    heat.add_to(m)
    if reference is not None:
        ref_gdf = _as_gdf(reference)
        ref_data = incidents_blob(ref_gdf)
        ref_blob = el["DataBlob"](ref_data, compress=True)
        ref_blob.add_to(m)
        el["IncidentLayer"](
            ref_blob.get_name(), f"Reference events ({len(ref_data['lat']):,})",
            cluster=False, canvas=len(ref_data["lat"]) > CANVAS_THRESHOLD, reference=True,
            show=False,
        ).add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)

    types_present = [t for t in MAP_KINDS if t in facts.types_seen]
    legend = _legend_html(level_classes, level, types_present, facts.has_hollow)
    heading = html.escape(title if title is not None else DEFAULT_TITLE)
    sub = html.escape(facts.subtitle(n))
    el["HtmlBlock"](f'<div class="gc-title" id="gc-title">{heading}<small>{sub}</small></div>'
                    ).add_to(m)
    mapname = m.get_name()
    legend_js = script_json(legend)
    layers_js = ", ".join(f"{json.dumps(lvl)}: {layer.get_name()}"
                          for lvl, layer in area_layers.items())
    code = f"""
(function () {{
  var legend = L.control({{position: "bottomright"}});
  legend.onAdd = function () {{
    var box = document.createElement("div");
    box.innerHTML = {legend_js};
    return box.firstChild;
  }};
  legend.addTo({mapname});
  GC.legendSwitch({mapname}, {{{layers_js}}});
  GC.timeSlider({mapname}, {points.get_name()});
  {mapname}.attributionControl.addAttribution({script_json(ATTRIBUTION_HTML)});
  {mapname}.fitBounds({json.dumps(SYRIA_BOUNDS)}, {{padding: [8, 8]}});
  GC.setFlag("areas-admin1", {area_layers["admin1"].get_name()}.gcCount);
  GC.setFlag("areas-admin2", {area_layers["admin2"].get_name()}.gcCount);
  GC.finalize();
}})();
"""
    el["Script"](code).add_to(m)
    m._geoconflict_summaries = summaries
    return m


@cache
def _backdrop_json() -> str:
    nb = load_boundaries("neighbours")
    feats = [{"type": "Feature", "properties": {},
              "geometry": _geometry_json(g)} for g in nb.geometry.values]
    return json.dumps({"type": "FeatureCollection", "features": feats})


def _backdrop_features() -> dict[str, Any]:
    return json.loads(_backdrop_json())


@cache
def _raw_element_class() -> type:
    from branca.element import Element

    class RawHTML(Element):
        """Trusted markup emitted as is (not compiled as a Jinja template, unlike ``Element``)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def render(self, **kwargs: Any) -> str:
            return self.text

    return RawHTML


def _add_assets(root: Any, offline: bool) -> None:
    """Add Leaflet plugins and the map runtime to the page header (inline when offline)."""
    from branca.element import CssLink, JavascriptLink

    raw = _raw_element_class()
    if offline:
        for name, file in _STATIC_CSS.items():
            root.header.add_child(raw(f"<style>{_static_text(file)}</style>"), name=name)
        for name, file in _STATIC_JS.items():
            root.header.add_child(raw(f"<script>{_static_text(file)}</script>"), name=name)
    else:
        for name in ("markercluster_css", "markercluster_default_css"):
            root.header.add_child(CssLink(_CDN_CSS[name]), name=name)
        for name in ("markercluster", "heat"):
            root.header.add_child(JavascriptLink(_CDN_JS[name]), name=name)
    root.header.add_child(raw(f"<style>{_static_text('geoconflict-map.css')}</style>"),
                          name="gc_css")
    root.header.add_child(raw(f"<script>{_static_text('geoconflict-map.js')}</script>"),
                          name="gc_js")


_EXTERNAL = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


_HEX_ID = re.compile(r"[0-9a-f]{32}")


def _stable_element_ids(root: Any, text: str) -> str:
    """Replace branca's random element ids by ids numbered in order of first appearance.

    branca names every element with 16 random bytes, so two renders of the same map differ;
    renumbering the ids of this tree's elements (and only those) makes the same incidents
    give the same HTML, byte for byte.
    """
    ids: set[str] = set()
    stack = [root]
    while stack:
        el = stack.pop()
        ids.add(el._id)
        stack.extend(el._children.values())
        parts = ("header", "html", "script")  # a Figure keeps these outside its children
        stack.extend(getattr(el, part) for part in parts if hasattr(el, part))
    numbering: dict[str, str] = {}

    def renumber(found: re.Match[str]) -> str:
        old = found.group(0)
        if old not in ids:
            return old
        if old not in numbering:
            numbering[old] = f"{len(numbering) + 1:032x}"
        return numbering[old]

    return _HEX_ID.sub(renumber, text)


def _payload_files(root: Any) -> dict[str, Path]:
    """The placeholders of blobs whose payload waits in a file, and those files."""
    found: dict[str, Path] = {}
    stack = [root]
    while stack:
        el = stack.pop()
        path = getattr(el, "payload_file", None)
        if path is not None:
            found[el.payload] = path
        stack.extend(el._children.values())
    return found


def _render_parts(m: Any) -> tuple[str, dict[str, Path]]:
    root = m.get_root()
    text = _stable_element_ids(root, root.render())
    if getattr(m, "_geoconflict_offline", False):
        found = _EXTERNAL.search(text)
        if found:
            msg = f"offline map still links an external resource: {found.group(0)!r}"
            raise ExportError(msg)
    return text, _payload_files(root)


def render_map(m: Any) -> str:
    """Return the complete HTML of a map built by :func:`incident_map`.

    Raises
    ------
    ExportError
        If a map built with ``offline=True`` would still load anything from the network.
    """
    text, files = _render_parts(m)
    for token, path in files.items():
        text = text.replace(token, _b64(path.read_bytes()))
    return text


def _write_page(text: str, files: dict[str, Path], fh: Any) -> None:
    """Write the page, streaming the payloads that wait in files in place of their
    placeholders."""
    if not files:
        fh.write(text)
        return
    pattern = re.compile("|".join(re.escape(t) for t in files))
    at = 0
    for found in pattern.finditer(text):
        fh.write(text[at:found.start()])
        _write_b64(files[found.group(0)], fh)
        at = found.end()
    fh.write(text[at:])


def save_map(map_or_incidents: Any, path: str | os.PathLike[str], *, offline: bool = False,
             **kwargs: Any) -> Path:
    """Write an HTML map to ``path`` atomically (complete or absent) and return the path.

    Parameters
    ----------
    map_or_incidents
        A map from :func:`incident_map`, or incidents / an incidents GeoDataFrame to map.
    path
        Output ``.html`` file.
    offline
        Used when building the map here (see :func:`incident_map`).
    **kwargs
        Passed to :func:`incident_map` (``level``, ``title``, ``reference``).
    """
    folium = _folium()
    m = map_or_incidents if isinstance(map_or_incidents, folium.Map) else incident_map(
        map_or_incidents, offline=offline, **kwargs)
    with paused_gc():
        text, files = _render_parts(m)
    with atomic_open(path, "w") as fh:
        _write_page(text, files, fh)
    return Path(path)


def map_png(incidents_or_gdf: Iterable[Incident] | gpd.GeoDataFrame,
            path: str | os.PathLike[str], *, level: str = "admin1", title: str | None = None,
            dpi: int = 150) -> Path:
    """Draw a static PNG map (choropleth + incidents) for reports, atomically.

    The same rules as the HTML map: killed (best) per area in Fisher–Jenks classes, areas
    without data hatched grey, incidents sized by deaths and coloured by event type, incidents
    known only to a district or governorate as dashed rings at its centre.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if level not in LEVEL_LABELS:
        msg = f"unknown level {level!r}; use admin1 or admin2"
        raise InputError(msg)
    gdf = _with_kinds(join_admin_areas(_as_gdf(incidents_or_gdf)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        summary = casualties_by_area(gdf, level)
    classes = classify(summary["killed_best"].astype("Float64").to_numpy(na_value=np.nan))
    colors = _class_colors(len(classes))
    fills = [_fill_for(v, classes, colors) for v in summary["killed_best"]]
    nodata = summary["killed_best"].isna().to_numpy()

    fig, ax = plt.subplots(figsize=(11, 8))
    try:
        load_boundaries("neighbours").plot(ax=ax, color="#f2efe9", edgecolor="#b9b4aa",
                                           linewidth=0.5)
        summary.plot(ax=ax, color=fills, edgecolor="#4a4a4a",
                     linewidth=0.8 if level == "admin1" else 0.4)
        if nodata.any():
            with matplotlib.rc_context({"hatch.color": "#a3aab0", "hatch.linewidth": 0.5}):
                summary[nodata].plot(ax=ax, facecolor="none", edgecolor="#a3aab0",
                                     hatch="///", linewidth=0)
        if level != "admin1":
            load_boundaries("admin1").boundary.plot(ax=ax, color="#333333", linewidth=0.9)
        lon, lat = _marker_positions(gdf)
        ok = ~(np.isnan(lon) | np.isnan(lat))
        killed = pd.array(gdf["killed_best"], dtype="Int64").fillna(0).to_numpy(dtype=float)
        cumulative = gdf["is_cumulative"].fillna(False).astype(bool).to_numpy()
        size = np.where(cumulative, 16.0, 16 + 14 * np.sqrt(np.minimum(killed, 400)))
        prec = pd.array(gdf["precision"], dtype="Int64").fillna(1).to_numpy(dtype=int)
        hollow = prec >= 3
        types = gdf["event_type"].fillna("other").to_numpy()
        for t in MAP_KINDS:
            sel = ok & (types == t)
            if not sel.any():
                continue
            c = EVENT_COLORS[t]
            s = sel & ~hollow
            ax.scatter(lon[s], lat[s], s=size[s], c=c, edgecolors="#222222", linewidths=0.5,
                       alpha=0.85, zorder=3)
            h = sel & hollow
            ax.scatter(lon[h], lat[h], s=size[h], facecolors="none", edgecolors=c,
                       linewidths=1.4, linestyle="--", zorder=3)
        ax.set_xlim(35.5, 42.6)
        ax.set_ylim(32.2, 37.5)
        ax.set_aspect(1 / np.cos(np.radians(35)))
        ax.set_axis_off()
        handles = [Patch(facecolor=c, edgecolor="#4a4a4a", label=_interval_label(lo, hi))
                   for (lo, hi), c in zip(classes, colors, strict=True)]
        handles.append(Patch(facecolor=NODATA_COLOR, edgecolor="#a3aab0", hatch="///",
                             label="no incidents / deaths not reported"))
        present = [t for t in MAP_KINDS if (ok & (types == t)).any()]
        handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor=EVENT_COLORS[t],
                           markeredgecolor="#222222", label=t.replace("_", " "))
                    for t in present]
        if (hollow & ok).any():
            handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                                  markeredgecolor="#444444",
                                  label="known only to district/governorate"))
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=8,
                  frameon=False, title=f"Killed (best) per {LEVEL_LABELS[level]}",
                  title_fontsize=9, alignment="left")
        ax.set_title(title if title is not None else DEFAULT_TITLE, fontsize=13)
        fig.text(0.01, 0.01, MapFacts.of_table(gdf).subtitle(int(ok.sum())) + "\n" + (
            "Boundaries: UN OCHA/UNCS via HDX, geoBoundaries (CC BY 3.0 IGO); places: GeoNames "
            "(CC BY 4.0); Natural Earth"), fontsize=6.5, color="#444444")
        fig.tight_layout()
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png", dpi=dpi, bbox_inches="tight")
    finally:
        plt.close(fig)
    return Path(path)
