"""The administrative boundaries of Syria shipped with the package (governorates, districts,
sub-districts), loaded as GeoDataFrames.

The data and its licences are described in ``geoconflict/data/README.md``.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from importlib import resources
from typing import Literal

import geopandas as gpd

from .errors import InputError

AdminLevel = Literal["admin1", "admin2", "admin3"]
ADMIN_LEVELS: tuple[str, ...] = ("admin1", "admin2", "admin3")

#: Attribution for maps and exports built on these layers (plain text).
ATTRIBUTION = (
    "Boundaries: UN OCHA / UN Cartographic Section via HDX (CC BY 3.0 IGO); "
    "geoBoundaries (Runfola et al. 2020); Natural Earth"
)

# Common spellings of governorate names -> the OCHA English form used by the layers.
_ADMIN1_ALIASES = {
    "idlib": "Idleb",
    "rif dimashq": "Rural Damascus",
    "reef dimashq": "Rural Damascus",
    "damascus countryside": "Rural Damascus",
    "rural damascus": "Rural Damascus",
    "dimashq": "Damascus",
    "halab": "Aleppo",
    "hamah": "Hama",
    "hims": "Homs",
    "latakia": "Lattakia",
    "al ladhiqiyah": "Lattakia",
    "ladhiqiyah": "Lattakia",
    "hasakah": "Al-Hasakeh",
    "al hasakah": "Al-Hasakeh",
    "hasaka": "Al-Hasakeh",
    "al hasakeh": "Al-Hasakeh",
    "deir ez zor": "Deir-ez-Zor",
    "deir ezzor": "Deir-ez-Zor",
    "dayr az zawr": "Deir-ez-Zor",
    "deir al zor": "Deir-ez-Zor",
    "tartus": "Tartous",
    "tartous": "Tartous",
    "raqqa": "Ar-Raqqa",
    "ar raqqah": "Ar-Raqqa",
    "raqqah": "Ar-Raqqa",
    "al raqqa": "Ar-Raqqa",
    "daraa": "Dar'a",
    "deraa": "Dar'a",
    "dara": "Dar'a",
    "suwayda": "As-Sweida",
    "as suwayda": "As-Sweida",
    "sweida": "As-Sweida",
    "al suwayda": "As-Sweida",
    "quneitra": "Quneitra",
    "al qunaytirah": "Quneitra",
    "qunaytirah": "Quneitra",
}


def area_name_key(name: str) -> str:
    """Return a comparison key for an area name: no accents, case, punctuation or hyphens."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[\u2018\u2019\u02bc\u02bf\u02be'`]", "", text)
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


@functools.cache
def _admin1_lookup() -> dict[str, str]:
    names = load_boundaries("admin1")["name"].tolist()
    lookup = {area_name_key(n): n for n in names}
    for alias, name in _ADMIN1_ALIASES.items():
        lookup.setdefault(area_name_key(alias), name)
    return lookup


def canonical_admin1(name: str | None) -> str | None:
    """Return the layer's spelling of a governorate name (``"Idlib"`` -> ``"Idleb"``), or None.

    Accepts the OCHA English names and common transliterations; an unknown name gives None.
    """
    if not name:
        return None
    return _admin1_lookup().get(area_name_key(name))


@functools.cache
def _load(level: str) -> gpd.GeoDataFrame:
    path = resources.files("geoconflict") / "data" / f"{level}.geojson.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    gdf = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
    cols = [c for c in gdf.columns if c != "geometry"] + ["geometry"]
    return gdf[cols]


def load_boundaries(level: AdminLevel = "admin1") -> gpd.GeoDataFrame:
    """Return the shipped boundary polygons of one administrative level.

    Parameters
    ----------
    level
        ``"admin1"`` (14 governorates, OCHA), ``"admin2"`` (61 districts, geoBoundaries) or
        ``"admin3"`` (272 sub-districts, geoBoundaries).

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per area, with columns ``area_id``, ``name``, ``admin1``,
        ``admin1_pcode`` (and ``admin2``, ``admin2_id``, ``admin2_pcode`` for sub-districts),
        ``geometry``. The file is read once per process; a copy is returned each call.

    Raises
    ------
    InputError
        For an unknown level.
    """
    if level not in ADMIN_LEVELS and level != "neighbours":
        msg = f"unknown admin level {level!r}; use one of {', '.join(ADMIN_LEVELS)}"
        raise InputError(msg)
    return _load(level).copy()
