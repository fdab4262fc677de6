"""Loading the embedded gazetteer data (``gazetteer/data/``).

The data ship compressed inside the package (``places.tsv.gz``, built by
``scripts/build_gazetteer_data.py``) plus the hand-made ``regions.tsv``,
``facilities.tsv`` and ``quarters.tsv``. The name index is
built at first use and cached on disk (:func:`gazetteer.paths.user_cache_dir`:
``$GEOCONFLICT_CACHE_DIR``, else ``$XDG_CACHE_HOME/geoconflict``, else
``~/.cache/geoconflict``), keyed by a hash of the data and of the code that builds it; when the
cache directory is not writable the index lives in memory only.
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import io
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import GazetteerDataError
from .index import Gazetteer
from .paths import user_cache_dir
from .records import Place

__all__ = [
    "cache_dir",
    "load_default",
    "read_facilities",
    "read_places",
    "read_quarters",
    "read_regions",
]

_PLACES_FILE = "places.tsv.gz"
_REGIONS_FILE = "regions.tsv"
_FACILITIES_FILE = "facilities.tsv"
_QUARTERS_FILE = "quarters.tsv"
#: Frequent English words matched only exactly (read by gazetteer.normalize)
_WORDS_FILE = "english_words.txt"
_CODE_FILES = ("normalize.py", "index.py", "records.py", "loader.py", "resolver.py", "matching.py")
#: Bump when the pickled layout changes in a way the code hash would not catch.
_CACHE_FORMAT = "1"


def _data_bytes(name: str) -> bytes:
    return (resources.files("gazetteer") / "data" / name).read_bytes()


def _blob(data: bytes | str | Path | None, default: str) -> bytes:
    """The bytes of a supplement table: given, read from a path, or the package's own."""
    if data is None:
        return _data_bytes(default)
    if isinstance(data, (str, Path)):
        return Path(data).read_bytes()
    return data


def _parse_float(value: str, what: str, row: int) -> float:
    try:
        return float(value)
    except ValueError:
        msg = f"row {row}: {what} {value!r} is not a number"
        raise GazetteerDataError(msg) from None


def _iter_rows(text: str, *, source: str) -> Iterator[tuple[int, dict[str, str]]]:
    lines = (ln for ln in io.StringIO(text) if ln.strip() and not ln.startswith("#"))
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for n, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            msg = f"{source} row {n}: wrong number of columns"
            raise GazetteerDataError(msg)
        yield n, row


def read_places(data: bytes | str | Path) -> tuple[list[Place], dict[str, float]]:
    """Read a places table in the embedded format (gzip or plain TSV).

    Columns: ``place_id, name, lat, lon, country_code, feature_class, feature_code, admin1,
    admin2, population, precision, source, coord_err_km, aliases`` (aliases ``|``-separated).

    Returns
    -------
    (list of Place, dict)
        The places and the coordinate uncertainty (km) of those that have one.
    """
    if isinstance(data, (str, Path)):
        data = Path(data).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    places: list[Place] = []
    errs: dict[str, float] = {}
    for n, r in _iter_rows(data.decode("utf-8"), source="places"):
        try:
            place = Place(
                place_id=r["place_id"],
                name=r["name"],
                lat=_parse_float(r["lat"], "lat", n),
                lon=_parse_float(r["lon"], "lon", n),
                country_code=r["country_code"],
                feature_class=r["feature_class"],
                feature_code=r["feature_code"],
                admin1=r["admin1"] or None,
                admin2=r["admin2"] or None,
                population=int(r["population"] or 0),
                aliases=tuple(a for a in r["aliases"].split("|") if a),
                precision=int(r["precision"]),
                source=r["source"],
            )
        except (KeyError, ValueError) as exc:
            msg = f"places row {n}: {exc}"
            raise GazetteerDataError(msg) from None
        places.append(place)
        err = float(r.get("coord_err_km") or 0)
        if err:
            errs[place.place_id] = err
    return places, errs


def read_regions(data: bytes | str | Path | None = None) -> list[Place]:
    """Read the curated regions table (``regions.tsv``): areas reports name without a point.

    Columns: ``region_id, name, aliases, lat, lon, admin1, admin2, precision, centroid_source``.
    """
    data = _blob(data, _REGIONS_FILE)
    out = []
    for n, r in _iter_rows(data.decode("utf-8"), source="regions"):
        try:
            out.append(
                Place(
                    place_id=f"region:{r['region_id']}",
                    name=r["name"],
                    lat=_parse_float(r["lat"], "lat", n),
                    lon=_parse_float(r["lon"], "lon", n),
                    country_code="SY",
                    feature_class="L",
                    feature_code="RGN",
                    admin1=r["admin1"] or None,
                    admin2=r["admin2"] or None,
                    aliases=tuple(a.strip() for a in r["aliases"].split("|") if a.strip()),
                    precision=int(r["precision"]),
                    source="supplement",
                )
            )
        except (KeyError, ValueError) as exc:
            msg = f"regions row {n}: {exc}"
            raise GazetteerDataError(msg) from None
    return out


#: Feature class of each facility kind (GeoNames style) and the words that name the kind
#: after a facility's stem ("Shayrat airbase", "Nasib border crossing", "Tishreen dam").
FACILITY_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "AIRB": ("S", ("airbase", "air base", "military airbase", "military air base",
                   "military airport", "airport", "airfield", "air field", "military base")),
    "AIRP": ("S", ("airport", "international airport", "civil airport", "airbase",
                   "air base", "military airport", "airfield")),
    "PSTB": ("S", ("crossing", "border crossing", "crossing point", "border crossing point",
                   "border post", "border gate", "checkpoint")),
    "DAM": ("H", ("dam", "hydroelectric dam")),
    "PRN": ("S", ("prison", "military prison", "central prison", "jail")),
}  # fmt: skip


def facility_aliases(names: list[str], stems: list[str], kind: str) -> tuple[str, ...]:
    """The aliases of a facility: its own names, and each stem followed by each word of its
    kind (``Shayrat`` -> ``Shayrat airbase``, ``Shayrat military airport``, ...).

    A stem alone is not an alias: ``Damascus`` names the city, not its airport.
    """
    words = FACILITY_KINDS[kind][1]
    out: dict[str, None] = dict.fromkeys(names)
    for stem in stems:
        for w in words:
            out.setdefault(f"{stem} {w}")
    return tuple(out)


def read_facilities(data: bytes | str | Path | None = None) -> list[Place]:
    """Read the curated facilities table (``facilities.tsv``): airbases and airports, border
    crossings, dams and prisons that war reports name.

    Columns: ``facility_id, name, kind, names, stems, lat, lon, admin1, admin2, precision,
    point_source``. ``kind`` is a GeoNames feature code (``AIRB``, ``AIRP``, ``PSTB``,
    ``DAM``, ``PRN``); ``names`` (``|``-separated) name the facility alone; ``stems`` are used only
    with a word of its kind (:func:`facility_aliases`).
    """
    data = _blob(data, _FACILITIES_FILE)
    out = []
    for n, r in _iter_rows(data.decode("utf-8"), source="facilities"):
        try:
            kind = r["kind"]
            if kind not in FACILITY_KINDS:
                msg = f"kind {kind!r} is not one of {sorted(FACILITY_KINDS)!r}"
                raise ValueError(msg)
            names = [a.strip() for a in r["names"].split("|") if a.strip()]
            stems = [a.strip() for a in r["stems"].split("|") if a.strip()]
            out.append(
                Place(
                    place_id=f"facility:{r['facility_id']}",
                    name=r["name"],
                    lat=_parse_float(r["lat"], "lat", n),
                    lon=_parse_float(r["lon"], "lon", n),
                    country_code="SY",
                    feature_class=FACILITY_KINDS[kind][0],
                    feature_code=kind,
                    admin1=r["admin1"] or None,
                    admin2=r["admin2"] or None,
                    aliases=facility_aliases(names, stems, kind),
                    precision=int(r["precision"]),
                    source="facilities",
                )
            )
        except (KeyError, ValueError) as exc:
            msg = f"facilities row {n}: {exc}"
            raise GazetteerDataError(msg) from None
    return out


def read_quarters(places: Sequence[Place], data: bytes | str | Path | None = None) -> list[Place]:
    """Read the curated city quarters (``quarters.tsv``) as neighbourhoods of their city.

    Columns: ``quarter_id, name, aliases, city_id``. Each quarter takes the point, governorate
    and district of the place ``city_id`` among ``places`` (feature ``PPLX``, precision 2),
    as the OCHA neighbourhoods do.
    """
    data = _blob(data, _QUARTERS_FILE)
    cities = {p.place_id: p for p in places}
    out = []
    for n, r in _iter_rows(data.decode("utf-8"), source="quarters"):
        city = cities.get(r.get("city_id", ""))
        if city is None:
            msg = f"quarters row {n}: city_id {r.get('city_id')!r} is not a known place"
            raise GazetteerDataError(msg)
        try:
            out.append(
                Place(
                    place_id=f"quarter:{r['quarter_id']}",
                    name=r["name"],
                    lat=city.lat,
                    lon=city.lon,
                    country_code=city.country_code,
                    feature_class="P",
                    feature_code="PPLX",
                    admin1=city.admin1,
                    admin2=city.admin2,
                    aliases=tuple(a.strip() for a in r["aliases"].split("|") if a.strip()),
                    precision=2,
                    source="supplement",
                )
            )
        except (KeyError, ValueError) as exc:
            msg = f"quarters row {n}: {exc}"
            raise GazetteerDataError(msg) from None
    return out


def cache_dir() -> Path:
    """Directory of the on-disk index cache: :func:`gazetteer.paths.user_cache_dir`."""
    return user_cache_dir()


def _cache_key(blobs: list[bytes]) -> str:
    # marshal's format depends on the Python version
    h = hashlib.sha256(f"{_CACHE_FORMAT}:{sys.version}".encode())
    for b in blobs:
        h.update(hashlib.sha256(b).digest())
    pkg = resources.files("gazetteer")
    for name in _CODE_FILES:
        try:
            h.update((pkg / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()[:24]


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        # hundreds of thousands of small tuples: the cyclic GC has nothing to find here
        enabled = gc.isenabled()
        gc.disable()
        try:
            return Gazetteer.from_state(marshal.loads(path.read_bytes()))
        finally:
            if enabled:
                gc.enable()
    except (OSError, EOFError, ValueError, TypeError, GazetteerDataError):
        return None


def _write_cache(path: Path, g: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(g.to_state()))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in path.parent.glob("gazetteer-*.cache"):
            if old != path:
                old.unlink(missing_ok=True)  # an index of older data or code
    except (OSError, ValueError):
        pass  # read-only home, full disk...: stay in memory


def build_default() -> Gazetteer:
    """Build the embedded gazetteer from the package data, without any cache."""
    places, errs = read_places(_data_bytes(_PLACES_FILE))
    places.extend(read_regions(_data_bytes(_REGIONS_FILE)))
    places.extend(read_facilities(_data_bytes(_FACILITIES_FILE)))
    places.extend(read_quarters(places, _data_bytes(_QUARTERS_FILE)))
    return Gazetteer(places, coord_err_km=errs, default_country="SY")


@lru_cache(maxsize=1)
def load_default() -> Gazetteer:
    """Return the embedded gazetteer (cached in memory and on disk).

    Syria -- GeoNames towns merged with the OCHA communities, neighbourhoods, sub-districts,
    districts and governorates, plus curated regions (East Ghouta, Qalamoun, ...) and
    facilities (airbases, border crossings, dams) -- and a
    world layer of countries, capitals and large cities.

    Returns
    -------
    Gazetteer
        The same object on every call.
    """
    names = (_PLACES_FILE, _REGIONS_FILE, _FACILITIES_FILE, _QUARTERS_FILE, _WORDS_FILE)
    blobs = [_data_bytes(n) for n in names]
    path = cache_dir() / f"gazetteer-{_cache_key(blobs)}.cache"
    g = _read_cache(path)
    if g is None:
        g = build_default()
        if _cache_writable(path.parent):
            # Precompute the no-context answer of every exact name (about a second), only
            # when it can be kept on disk for the next process.
            from .resolver import DEFAULT_MIN_SCORE, Resolver

            g.answers = Resolver(g, default_country="SY").exact_answers()
            g.answers_key = ("SY", DEFAULT_MIN_SCORE)
            _write_cache(path, g)
    return g


def _cache_writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)
