"""geoconflict: turn news reports of war into maps of strikes and deaths, offline."""

from __future__ import annotations

__version__ = "0.1.0"

from .config import DEFAULT_CONFIG, Config
from .errors import (
    ExportError,
    ExtractionError,
    GeoconflictError,
    InputError,
    SchemaError,
)
from .geojson import read_incidents_geojson, write_incidents_geojson
from .records import Article, Incident, Location

__all__ = [
    "DEFAULT_CONFIG",
    "Article",
    "Config",
    "ExportError",
    "ExtractionError",
    "GeoconflictError",
    "Incident",
    "InputError",
    "Location",
    "SchemaError",
    "__version__",
    "read_incidents_geojson",
    "write_incidents_geojson",
]

# The stages, re-exported lazily (PEP 562) so that ``import geoconflict`` and the CLI's
# ``--help`` stay fast: geopandas, folium and dask load only when one of these is used.
_LAZY: dict[str, str] = {
    "read_articles": "articles",
    "InputReport": "articles",
    "extract_incidents": "extract",
    "extract_articles": "extract",
    "incidents_to_gdf": "frames",
    "read_incidents": "frames",
    "join_admin_areas": "joins",
    "casualties_by_area": "joins",
    "incident_map": "maps",
    "save_map": "maps",
    "export_incidents": "exports",
    "merge_incidents": "merge",
    "read_reference": "reference",
    "read_acled": "reference",
    "read_ucdp": "reference",
    "run": "pipeline",
    "RunResult": "pipeline",
    "unresolved_names": "pipeline",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'geoconflict' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
