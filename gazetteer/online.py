"""Optional online fallback: OpenStreetMap's Nominatim through geopy, off by default.

The toolkit works offline. When a user asks for it (``geoconflict resolve --online``), names the
offline gazetteer cannot place are sent to a Nominatim server, one request per second at most
(geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`, as the Nominatim usage policy asks),
with a user agent that names this project, and every answer - a miss too - is kept in an on-disk
SQLite cache so that a name is never asked twice.

geopy is imported when a :class:`NominatimFallback` is built, so importing :mod:`gazetteer`
stays light.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from .errors import GazetteerError, GeocoderUnavailableError
from .paths import user_cache_dir
from .records import (
    PRECISION_COUNTRY,
    PRECISION_DISTRICT,
    PRECISION_GOVERNORATE,
    PRECISION_NEAR,
    PRECISION_PLACE,
    PRECISION_REGION,
    Match,
    Place,
)

__all__ = ["DEFAULT_USER_AGENT", "NominatimFallback", "osm_precision", "user_cache_dir"]

#: Where the project lives; named in the user agent as the Nominatim policy asks.
PROJECT_URL = "https://github.com/geoconflict/geoconflict"


def _version() -> str:
    try:
        return metadata.version("geoconflict")
    except metadata.PackageNotFoundError:
        return "0"


#: The user agent sent to Nominatim: the application, its version and where to find it.
DEFAULT_USER_AGENT = f"geoconflict/{_version()} (+{PROJECT_URL})"

#: Bump when the cached JSON shape changes.
_CACHE_SCHEMA = 1


# --------------------------------------------------------------------------------------------
# OSM class/type -> precision and a GeoNames-like feature code
# --------------------------------------------------------------------------------------------

_PLACE_TYPES = {
    "city",
    "town",
    "village",
    "hamlet",
    "isolated_dwelling",
    "locality",
    "farm",
    "allotments",
    "municipality",
}
_PART_TYPES = {"suburb", "quarter", "neighbourhood", "city_block", "borough", "square"}
_REGION_TYPES = {
    "region",
    "island",
    "archipelago",
    "valley",
    "mountain_range",
    "plateau",
    "ridge",
    "desert",
    "plain",
    "wetland",
    "bay",
    "peninsula",
    "oasis",
}


def osm_precision(result: Mapping[str, Any]) -> tuple[int, str, str]:
    """Precision, feature class and feature code of one Nominatim result.

    Parameters
    ----------
    result
        One element of Nominatim's ``/search`` JSON (``format=json`` uses ``class``,
        ``jsonv2`` uses ``category``; both have ``type``, and recent servers ``addresstype``
        and ``place_rank``).

    Returns
    -------
    tuple of (int, str, str)
        The contract precision (1-6), a GeoNames feature class and a feature code.
    """
    osm_class = str(result.get("class") or result.get("category") or "")
    osm_type = str(result.get("type") or "")
    addresstype = str(result.get("addresstype") or "")
    kinds = {osm_type, addresstype}
    try:
        rank = int(result.get("place_rank") or 0)
    except (TypeError, ValueError):
        rank = 0
    if "country" in kinds:
        return PRECISION_COUNTRY, "A", "PCLI"
    if kinds & {"state", "province"}:
        return PRECISION_GOVERNORATE, "A", "ADM1"
    if kinds & {"county", "state_district", "district"}:
        return PRECISION_DISTRICT, "A", "ADM2"
    if kinds & _PART_TYPES:
        return PRECISION_NEAR, "P", "PPLX"
    if kinds & _REGION_TYPES:
        return PRECISION_REGION, "L", "RGN"
    if kinds & _PLACE_TYPES or osm_class == "place":
        return PRECISION_PLACE, "P", "PPL"
    if osm_class == "boundary" and rank:
        # administrative or other boundaries known only by their rank
        if rank <= 4:
            return PRECISION_COUNTRY, "A", "PCLI"
        if rank <= 9:
            return PRECISION_GOVERNORATE, "A", "ADM1"
        if rank <= 12:
            return PRECISION_DISTRICT, "A", "ADM2"
        if rank <= 16:
            return PRECISION_PLACE, "P", "PPL"
        return PRECISION_NEAR, "P", "PPLX"
    if osm_class == "natural":
        return PRECISION_PLACE, "T", "HLL" if osm_type in {"peak", "hill"} else "AREA"
    if osm_class == "waterway":
        return PRECISION_REGION, "H", "STM"
    # amenities, buildings, military sites, aeroways, roads: a spot on the map
    return PRECISION_PLACE, "S", "BLDG"


def _result_to_place(raw: Mapping[str, Any]) -> Place:
    precision, fclass, fcode = osm_precision(raw)
    address = raw.get("address") or {}
    names = raw.get("namedetails") or {}
    display = str(raw.get("display_name") or "")
    name = str(raw.get("name") or names.get("name:en") or names.get("name") or "")
    if not name:
        name = display.split(",")[0].strip()
    aliases = tuple(
        sorted({str(v) for k, v in names.items() if k.startswith(("name", "alt_name"))} - {name})
    )
    osm_type = str(raw.get("osm_type") or "")
    osm_id = raw.get("osm_id")
    place_id = (
        f"osm:{osm_type}/{osm_id}" if osm_type and osm_id else f"nominatim:{raw.get('place_id')}"
    )
    return Place(
        place_id=place_id,
        name=name,
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        country_code=str(address.get("country_code") or "").upper(),
        feature_class=fclass,
        feature_code=fcode,
        admin1=address.get("state") or address.get("province"),
        admin2=address.get("state_district") or address.get("county") or address.get("district"),
        population=0,
        aliases=aliases,
        precision=precision,
        source="nominatim",
    )


# --------------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------------


class _AnswerCache:
    """A small SQLite key/value store: one row per (server, country, query)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, answer TEXT NOT NULL,"
                " fetched REAL NOT NULL)"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            msg = f"cannot use the geocoding cache {path} ({exc}); pass another cache_path"
            raise GazetteerError(msg) from exc
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bool, Any]:
        with self._lock:
            row = self._db.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
        if row is None:
            return False, None
        return True, json.loads(row[0])

    def put(self, key: str, answer: Any) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (key, answer, fetched) VALUES (?, ?, ?)",
                (key, json.dumps(answer, ensure_ascii=False), time.time()),
            )
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _short_reason(exc: BaseException) -> str:
    """One short phrase for a geopy error (its own text quotes whole urllib3 chains)."""
    from geopy.exc import (
        GeocoderInsufficientPrivileges,
        GeocoderParseError,
        GeocoderQueryError,
        GeocoderRateLimited,
        GeocoderTimedOut,
    )

    text = str(exc)
    if isinstance(exc, GeocoderTimedOut):
        return "timed out"
    if isinstance(exc, GeocoderRateLimited):
        return "too many requests (HTTP 429)"
    if isinstance(exc, GeocoderInsufficientPrivileges):
        return "access refused (HTTP 403)"
    if isinstance(exc, GeocoderParseError):
        return "the answer is not Nominatim JSON"
    if isinstance(exc, GeocoderQueryError):
        return f"bad request: {text[:80]}"
    for needle, phrase in (
        ("Failed to resolve", "cannot resolve the host name"),
        ("Name or service not known", "cannot resolve the host name"),
        ("Connection refused", "connection refused"),
        ("timed out", "timed out"),
        ("Network is unreachable", "network unreachable"),
        ("SSL", "TLS/SSL error"),
    ):
        if needle in text:
            return phrase
    status = re.search(r"\b(?:HTTP|status)\D{0,12}(\d{3})\b", text)
    if status:
        return f"HTTP {status.group(1)}"
    return type(exc).__name__


def _quiet_geopy_logger() -> None:
    """Keep geopy's retry warnings (with tracebacks) off stderr unless logging is configured.

    geopy logs each retry at WARNING with ``exc_info``; with no handler anywhere, Python's
    last-resort handler would print the whole traceback. A NullHandler on the ``geopy`` logger
    stops that and still lets records propagate to handlers the application sets up.
    """
    log = logging.getLogger("geopy")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())


# --------------------------------------------------------------------------------------------
# The fallback
# --------------------------------------------------------------------------------------------


class NominatimFallback:
    """Ask a Nominatim server for names the offline gazetteer cannot place.

    Parameters
    ----------
    user_agent
        Sent with every request; the Nominatim usage policy requires one that identifies the
        application.
    domain
        Host (and port) of the server; None means ``nominatim.openstreetmap.org``.
    scheme
        ``https`` (default) or ``http`` (a local server).
    cache_path
        SQLite file of cached answers; None means ``nominatim.sqlite3`` in
        :func:`user_cache_dir`.
    min_delay_seconds
        Least time between two requests (the public server allows one per second).
    timeout
        Seconds to wait for an answer.
    max_retries
        Retries after a failed request (geopy's RateLimiter waits ``error_wait_seconds``
        between them).
    error_wait_seconds
        Wait before a retry.

    Examples
    --------
    >>> online = NominatimFallback()  # doctest: +SKIP
    >>> online.geocode("Marib", country="YE").precision  # doctest: +SKIP
    1
    """

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        domain: str | None = None,
        scheme: str = "https",
        cache_path: str | Path | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10,
        max_retries: int = 1,
        error_wait_seconds: float = 2.0,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        if scheme not in {"http", "https"}:
            msg = f"scheme {scheme!r} is not one of 'http', 'https'"
            raise ValueError(msg)
        if not user_agent.strip():
            msg = "user_agent is empty; Nominatim requires one that names your application"
            raise ValueError(msg)
        _quiet_geopy_logger()
        self.domain = domain or "nominatim.openstreetmap.org"
        self.scheme = scheme
        self.user_agent = user_agent
        self.url = f"{scheme}://{self.domain}/search"
        self._geocoder = Nominatim(
            user_agent=user_agent, domain=self.domain, scheme=scheme, timeout=timeout
        )
        self._geocode = RateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )
        path = (
            Path(cache_path) if cache_path is not None else user_cache_dir() / "nominatim.sqlite3"
        )
        self.cache = _AnswerCache(path)
        #: Requests actually sent (cache misses) by this object.
        self.requests_sent = 0

    def _key(self, name: str, country: str | None) -> str:
        query = " ".join(name.split()).casefold()
        return json.dumps(
            [_CACHE_SCHEMA, self.domain, (country or "").lower(), query], ensure_ascii=False
        )

    def _fetch(self, name: str, country: str | None) -> dict[str, Any] | None:
        from geopy.exc import GeocoderQueryError, GeocoderServiceError

        try:
            location = self._geocode(
                name,
                exactly_one=True,
                addressdetails=True,
                namedetails=True,
                country_codes=country.lower() if country else None,
            )
        except (GeocoderServiceError, GeocoderQueryError) as exc:
            msg = (
                f"could not reach the online geocoder at {self.url} ({_short_reason(exc)}); "
                f"you are offline or it refused; results so far are cached in "
                f"{self.cache.path}; run without --online"
            )
            raise GeocoderUnavailableError(msg) from None
        finally:
            self.requests_sent += 1
        if location is None:
            return None
        return dict(location.raw)

    def geocode(self, name: str, *, country: str | None = None) -> Place | None:
        """Place one name through Nominatim, or from the cache when it was asked before.

        Parameters
        ----------
        name
            The place name as written.
        country
            ISO code to restrict the search to (Nominatim's ``countrycodes``).

        Returns
        -------
        Place or None
            The first result as a :class:`Place` with ``source="nominatim"``, or None when the
            server knows no such place (a miss is cached too).

        Raises
        ------
        GeocoderUnavailableError
            When the server cannot be reached, times out or refuses the request.
        """
        name = name.strip()
        if not name:
            return None
        key = self._key(name, country)
        hit, raw = self.cache.get(key)
        if not hit:
            raw = self._fetch(name, country)
            self.cache.put(key, raw)
        if raw is None:
            return None
        return _result_to_place(raw)

    def match(self, name: str, *, country: str | None = None) -> Match | None:
        """Like :meth:`geocode`, as a :class:`Match` with ``method="online"``.

        The score is a fixed 0.5: Nominatim's own ranking says how prominent a place is, not
        how sure the match is, so an online answer never outranks an offline one.
        """
        place = self.geocode(name, country=country)
        if place is None:
            return None
        return Match(place=place, score=0.5, matched_name=place.name, method="online")

    def close(self) -> None:
        """Close the cache database."""
        self.cache.close()

    def __enter__(self) -> NominatimFallback:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
