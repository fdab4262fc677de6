"""gazetteer: offline place-name resolution for conflict reporting.

Stands alone: it never imports :mod:`geoconflict`.

>>> import gazetteer
>>> g = gazetteer.load_default()            # Syria + world countries and capitals
>>> r = gazetteer.default_resolver()        # Resolver(g, default_country="SY")
>>> r.resolve("Deir Ezzor").best.place.name
'Deir ez-Zor'
"""

from __future__ import annotations

from .errors import (
    GazetteerDataError,
    GazetteerError,
    GeocoderUnavailableError,
    PlaceNotFoundError,
)
from .index import Gazetteer
from .loader import load_default, read_places, read_regions
from .normalize import normalize_name, skeleton_key, skeleton_keys, strip_generic
from .records import (
    PRECISION_COUNTRY,
    PRECISION_DISTRICT,
    PRECISION_GOVERNORATE,
    PRECISION_NEAR,
    PRECISION_PLACE,
    PRECISION_REGION,
    Match,
    MatchMethod,
    Place,
    Resolution,
)
from .resolver import FeatureHint, OnlineGeocoder, Resolver, default_resolver

__all__ = [
    "PRECISION_COUNTRY",
    "PRECISION_DISTRICT",
    "PRECISION_GOVERNORATE",
    "PRECISION_NEAR",
    "PRECISION_PLACE",
    "PRECISION_REGION",
    "FeatureHint",
    "Gazetteer",
    "GazetteerDataError",
    "GazetteerError",
    "GeocoderUnavailableError",
    "Match",
    "MatchMethod",
    "OnlineGeocoder",
    "Place",
    "PlaceNotFoundError",
    "Resolution",
    "Resolver",
    "default_resolver",
    "load_default",
    "normalize_name",
    "read_places",
    "read_regions",
    "skeleton_key",
    "skeleton_keys",
    "strip_generic",
]
