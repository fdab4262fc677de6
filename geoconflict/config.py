"""Run-time settings, passed explicitly (no global state)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of a geoconflict run.

    Parameters
    ----------
    default_country
        ISO alpha-2 code of the country the articles are about; place names are looked up
        there first. ``SY`` for the bundled data.
    min_score
        Lowest resolver score (0-1) accepted as a match.
    online
        Fall back to the online Nominatim geocoder for names the gazetteer lacks (off by
        default: nothing needs the network unless asked).
    """

    default_country: str = "SY"
    min_score: float = 0.5
    online: bool = False


DEFAULT_CONFIG = Config()
