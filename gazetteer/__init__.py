"""gazetteer: offline place-name resolution for conflict reporting.

Stands alone: it never imports :mod:`geoconflict`.
"""

from __future__ import annotations

from .errors import (
    GazetteerDataError,
    GazetteerError,
    GeocoderUnavailableError,
    PlaceNotFoundError,
)
from .records import Match, MatchMethod, Place, Resolution

__all__ = [
    "GazetteerDataError",
    "GazetteerError",
    "GeocoderUnavailableError",
    "Match",
    "MatchMethod",
    "Place",
    "PlaceNotFoundError",
    "Resolution",
]
