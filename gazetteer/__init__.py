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
from .loader import load_default, read_facilities, read_places, read_quarters, read_regions
from .normalize import (
    normalize_name,
    skeleton_key,
    skeleton_keys,
    strip_generic,
    strip_qualifiers,
)
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
from .userdata import load_user_gazetteer, read_geonames, read_places_csv


def __getattr__(name: str) -> object:
    # the online fallback (sqlite, geopy) is imported only when asked for
    if name == "NominatimFallback":
        from .online import NominatimFallback

        return NominatimFallback
    msg = f"module 'gazetteer' has no attribute {name!r}"
    raise AttributeError(msg)


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
    "NominatimFallback",
    "OnlineGeocoder",
    "Place",
    "PlaceNotFoundError",
    "Resolution",
    "Resolver",
    "default_resolver",
    "load_default",
    "load_user_gazetteer",
    "normalize_name",
    "read_facilities",
    "read_geonames",
    "read_places",
    "read_places_csv",
    "read_quarters",
    "read_regions",
    "skeleton_key",
    "skeleton_keys",
    "strip_generic",
    "strip_qualifiers",
]
