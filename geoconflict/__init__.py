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
