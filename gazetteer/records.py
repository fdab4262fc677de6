"""Typed records of the gazetteer: places, matches and resolutions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: How a name was matched to a place.
MatchMethod = Literal["exact", "variant", "fuzzy", "online"]

#: Precision codes of ``CONTRACT.md``: 1 exact place, 2 near or part of a place, 3 district,
#: 4 governorate, 5 wider region, 6 country.
PRECISION_PLACE = 1
PRECISION_NEAR = 2
PRECISION_DISTRICT = 3
PRECISION_GOVERNORATE = 4
PRECISION_REGION = 5
PRECISION_COUNTRY = 6


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Parameters
    ----------
    place_id
        Stable identifier with a source prefix (``geonames:169372``, ``ocha:C1234``, ...).
    name
        Canonical display name.
    lat, lon
        WGS84 coordinates of the representative point.
    country_code
        ISO 3166-1 alpha-2 code (``SY``).
    feature_class, feature_code
        GeoNames-style feature class (``P`` populated place, ``A`` administrative area,
        ``L`` region) and code (``PPL``, ``PPLA``, ``ADM1``, ``ADM2``, ``RGN``, ``PCLI``, ...).
    admin1
        Governorate (first-level area) name in the OCHA English form (``Idleb``), or None.
    admin2
        District name, or None.
    population
        Population where known, else 0.
    aliases
        Alternate names (any script).
    precision
        The contract precision code that a match to this place carries (1 for a town,
        4 for a governorate, 5 for a region, 6 for a country).
    source
        Short name of the data source (``geonames``, ``ocha``, ``supplement``, ``world``, ``user``).
    """

    place_id: str
    name: str
    lat: float
    lon: float
    country_code: str
    feature_class: str = "P"
    feature_code: str = "PPL"
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    aliases: tuple[str, ...] = ()
    precision: int = PRECISION_PLACE
    source: str = ""

    def __post_init__(self) -> None:
        if not -90.0 <= self.lat <= 90.0:
            msg = (
                f"latitude {self.lat!r} of {self.name!r} is outside [-90, 90]; "
                "are the latitude and longitude columns swapped?"
            )
            raise ValueError(msg)
        if not -180.0 <= self.lon <= 180.0:
            msg = f"longitude {self.lon!r} of {self.name!r} is outside [-180, 180]"
            raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class Match:
    """A place that a query matched.

    Parameters
    ----------
    place
        The matched place.
    score
        Confidence from 0 to 1 after context (1 = certain).
    matched_name
        The gazetteer name or alias that matched.
    method
        ``exact``, ``variant`` (normalised transliteration key), ``fuzzy`` or ``online``.
    """

    place: Place
    score: float
    matched_name: str
    method: MatchMethod

    @property
    def precision(self) -> int:
        """Contract precision code of this match (see ``CONTRACT.md``)."""
        return self.place.precision


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer to one query: the best match (or None) and the runners-up."""

    query: str
    best: Match | None
    candidates: tuple[Match, ...] = field(default=())

    @property
    def resolved(self) -> bool:
        """True when the query resolved to a place."""
        return self.best is not None
