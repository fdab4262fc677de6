"""Exceptions raised by :mod:`geoconflict`.

Each one also inherits the matching builtin, so callers may catch either. The CLI turns
every :class:`GeoconflictError` into a one-line message and a non-zero exit.
"""

from __future__ import annotations


class GeoconflictError(Exception):
    """Root of every error raised by geoconflict."""


class InputError(GeoconflictError, ValueError):
    """An input file or value cannot be used (missing, wrong format, bad encoding)."""


class ExtractionError(GeoconflictError, ValueError):
    """Incidents cannot be extracted from an article."""


class SchemaError(GeoconflictError, ValueError):
    """A table or GeoJSON lacks required columns or has the wrong CRS."""


class ExportError(GeoconflictError, OSError):
    """An output file cannot be written."""
