"""A user's own gazetteer: GeoNames country dumps and simple CSV place lists.

The embedded data covers Syria. To follow another conflict, a user brings a GeoNames country
dump (``YE.zip``, ``SY.txt``, even ``allCountries.zip``) or a CSV of ``name, lat, lon``; this
module reads either into :class:`~gazetteer.records.Place` records, streaming row by row so a
dump of millions of rows never sits in memory as text, and :func:`load_user_gazetteer` builds a
:class:`Gazetteer` from them.

Bad rows are skipped, counted and reported in one :func:`warnings.warn` summary; a file in which
every row is bad (or the wrong format altogether) raises :class:`GazetteerDataError` naming the
file, the line and the fix.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .errors import GazetteerDataError
from .records import (
    PRECISION_COUNTRY,
    PRECISION_DISTRICT,
    PRECISION_GOVERNORATE,
    PRECISION_NEAR,
    PRECISION_PLACE,
    PRECISION_REGION,
    Place,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .index import Gazetteer

__all__ = [
    "feature_precision",
    "load_user_gazetteer",
    "read_geonames",
    "read_places_csv",
]

#: Columns of the GeoNames ``geoname`` table (https://download.geonames.org/export/dump/).
GEONAMES_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature class",
    "feature code",
    "country code",
    "cc2",
    "admin1 code",
    "admin2 code",
    "admin3 code",
    "admin4 code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification date",
)
_N_GEONAMES = len(GEONAMES_COLUMNS)

#: How many bad rows are quoted (with line numbers) in the warning summary.
_QUOTED_BAD_ROWS = 5

# --------------------------------------------------------------------------------------------
# Feature codes -> precision
# --------------------------------------------------------------------------------------------

_CODE_PRECISION: dict[str, int] = {
    # populated places: a section of a town is "part of a place"
    "PPLX": PRECISION_NEAR,
    # administrative divisions
    "ADM1": PRECISION_GOVERNORATE,
    "ADM1H": PRECISION_GOVERNORATE,
    "ADM2": PRECISION_DISTRICT,
    "ADM2H": PRECISION_DISTRICT,
    "ADM3": PRECISION_DISTRICT,
    "ADM3H": PRECISION_DISTRICT,
    "ADM4": PRECISION_DISTRICT,
    "ADM4H": PRECISION_DISTRICT,
    "ADM5": PRECISION_DISTRICT,
    "ADMD": PRECISION_DISTRICT,
    "ADMDH": PRECISION_DISTRICT,
    # countries and dependencies
    "PCL": PRECISION_COUNTRY,
    "PCLD": PRECISION_COUNTRY,
    "PCLF": PRECISION_COUNTRY,
    "PCLH": PRECISION_COUNTRY,
    "PCLI": PRECISION_COUNTRY,
    "PCLIX": PRECISION_COUNTRY,
    "PCLS": PRECISION_COUNTRY,
    "TERR": PRECISION_COUNTRY,
    "ZN": PRECISION_REGION,
    "ZNB": PRECISION_REGION,
    # wide natural or named areas
    "RGN": PRECISION_REGION,
    "RGNE": PRECISION_REGION,
    "RGNH": PRECISION_REGION,
    "AREA": PRECISION_REGION,
    "VAL": PRECISION_REGION,
    "VALS": PRECISION_REGION,
    "PLN": PRECISION_REGION,
    "PLAT": PRECISION_REGION,
    "MT": PRECISION_REGION,
    "MTS": PRECISION_REGION,
    "DSRT": PRECISION_REGION,
    "OAS": PRECISION_REGION,
    "ISLS": PRECISION_REGION,
    "WAD": PRECISION_REGION,
    "STM": PRECISION_REGION,
    # point-like natural features: a hill or a spring is a place of its own
    "HLL": PRECISION_PLACE,
    "PK": PRECISION_PLACE,
    "SPNG": PRECISION_PLACE,
    "WLL": PRECISION_PLACE,
}

_CLASS_PRECISION: dict[str, int] = {
    "P": PRECISION_PLACE,  # populated places
    "S": PRECISION_PLACE,  # spots and buildings: airports, hospitals, bases
    "R": PRECISION_NEAR,  # roads and railways: somewhere along them
    "A": PRECISION_DISTRICT,  # administrative areas not listed above
    "L": PRECISION_REGION,  # parks, areas, regions
    "T": PRECISION_REGION,  # mountains, valleys, plains
    "H": PRECISION_REGION,  # streams, lakes, wadis
    "V": PRECISION_REGION,  # forests, grassland
    "U": PRECISION_REGION,  # undersea
}

# feature-code prefixes -> feature class, for CSVs that give a code but no class
_CODE_CLASS_PREFIXES = (
    ("PPL", "P"),
    ("STLMT", "P"),
    ("ADM", "A"),
    ("PCL", "A"),
    ("TERR", "A"),
    ("ZN", "A"),
    ("RGN", "L"),
    ("AREA", "L"),
    ("OAS", "L"),
    ("VAL", "T"),
    ("PLN", "T"),
    ("PLAT", "T"),
    ("MT", "T"),
    ("HLL", "T"),
    ("PK", "T"),
    ("DSRT", "T"),
    ("ISL", "T"),
    ("STM", "H"),
    ("WAD", "H"),
    ("SPNG", "H"),
    ("WLL", "H"),
    ("LK", "H"),
)


def feature_precision(feature_class: str, feature_code: str) -> int:
    """Contract precision code (1-6) of a GeoNames feature class and code.

    Parameters
    ----------
    feature_class
        GeoNames feature class (``P``, ``A``, ``L``, ``T``, ``H``, ``S``, ``R``, ``V``, ``U``).
    feature_code
        GeoNames feature code (``PPL``, ``ADM1``, ``PCLI``, ``RGN``, ...); may be empty.

    Returns
    -------
    int
        1 exact place, 2 part of or near a place, 3 district, 4 governorate, 5 wider region,
        6 country (see ``CONTRACT.md``).

    Examples
    --------
    >>> feature_precision("P", "PPLA2"), feature_precision("A", "ADM1")
    (1, 4)
    """
    code = feature_code.strip().upper()
    if code in _CODE_PRECISION:
        return _CODE_PRECISION[code]
    return _CLASS_PRECISION.get(feature_class.strip().upper(), PRECISION_PLACE)


def _class_of_code(feature_code: str) -> str:
    code = feature_code.upper()
    for prefix, cls in _CODE_CLASS_PREFIXES:
        if code.startswith(prefix):
            return cls
    return "P"


# --------------------------------------------------------------------------------------------
# Bad-row bookkeeping
# --------------------------------------------------------------------------------------------


@dataclass
class _RowProblems:
    """Counts good and bad rows of one file and turns them into one warning or error."""

    path: Path
    fix: str
    good: int = 0
    bad: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, line: int, reason: str) -> None:
        self.bad += 1
        if len(self.examples) < _QUOTED_BAD_ROWS:
            self.examples.append(f"line {line}: {reason}")

    def finish(self) -> None:
        if self.bad == 0:
            return
        quoted = "; ".join(self.examples)
        if self.good == 0:
            msg = f"{self.path}: none of its {self.bad} rows could be read ({quoted}); {self.fix}"
            raise GazetteerDataError(msg)
        more = f" (first {len(self.examples)}: {quoted})" if self.examples else ""
        msg = f"{self.path}: skipped {self.bad} bad row(s) of {self.good + self.bad}{more}"
        warnings.warn(msg, UserWarning, stacklevel=3)


def _coordinate(text: str, what: str) -> float:
    value = text.strip()
    try:
        return float(value)
    except ValueError:
        pass
    # "33,5" from a locale that writes a decimal comma
    if value.count(",") == 1 and "." not in value:
        try:
            return float(value.replace(",", "."))
        except ValueError:
            pass
    msg = f"{what} {text!r} is not a number"
    raise ValueError(msg)


def _checked_place(**kwargs: object) -> Place:
    """Build a Place, rewording the range check with a swap hint."""
    lat = kwargs["lat"]
    lon = kwargs["lon"]
    assert isinstance(lat, float) and isinstance(lon, float)
    if not -90.0 <= lat <= 90.0 and -90.0 <= lon <= 90.0 and -180.0 <= lat <= 180.0:
        msg = (
            f"latitude {lat!r} is outside [-90, 90] but longitude {lon!r} would fit: "
            "are the latitude and longitude columns swapped?"
        )
        raise ValueError(msg)
    return Place(**kwargs)  # type: ignore[arg-type]


def _split_names(text: str, separators: str) -> list[str]:
    if not text:
        return []
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", text) if part.strip()]


def _aliases(name: str, candidates: Iterable[str]) -> tuple[str, ...]:
    seen = {name}
    out = []
    for alias in candidates:
        if alias and alias not in seen:
            seen.add(alias)
            out.append(alias)
    return tuple(out)


def _population(text: str) -> int:
    text = text.strip().replace("_", "").replace(" ", "")
    if not text:
        return 0
    try:
        value = int(float(text))
    except ValueError:
        msg = f"population {text!r} is not a number"
        raise ValueError(msg) from None
    return max(value, 0)


# --------------------------------------------------------------------------------------------
# GeoNames dumps
# --------------------------------------------------------------------------------------------


def _zip_member(archive: zipfile.ZipFile, path: Path, suffixes: tuple[str, ...]) -> str:
    """Pick the data file inside a GeoNames zip (``YE.zip`` holds ``YE.txt`` and a readme)."""
    names = [n for n in archive.namelist() if not n.endswith("/")]
    wanted = [f"{path.stem}{s}".lower() for s in suffixes]
    for name in names:
        if Path(name).name.lower() in wanted:
            return name
    data = [
        n
        for n in names
        if Path(n).suffix.lower() in suffixes and not Path(n).name.lower().startswith("readme")
    ]
    if len(data) == 1:
        return data[0]
    listing = ", ".join(repr(n) for n in names[:10]) or "nothing"
    msg = (
        f"{path}: cannot tell which file in the zip holds the places (it contains {listing}); "
        f"expected {path.stem}.txt as in a GeoNames country dump"
    )
    raise GazetteerDataError(msg)


class _Source:
    """Open a .txt/.tsv/.csv file or the data member of a .zip as a binary line stream."""

    def __init__(self, path: Path, suffixes: tuple[str, ...] = (".txt", ".tsv")) -> None:
        self.path = path
        self.suffixes = suffixes
        self._archive: zipfile.ZipFile | None = None
        self._stream: IO[bytes] | None = None
        self.member: str | None = None

    def __enter__(self) -> IO[bytes]:
        if not self.path.exists():
            msg = f"{self.path}: no such file; give the path of a GeoNames dump or a CSV"
            raise GazetteerDataError(msg)
        if self.path.is_dir():
            msg = f"{self.path} is a folder; give the path of a GeoNames dump or a CSV file"
            raise GazetteerDataError(msg)
        try:
            if self.path.suffix.lower() == ".zip":
                try:
                    self._archive = zipfile.ZipFile(self.path)
                except zipfile.BadZipFile as exc:
                    msg = f"{self.path}: not a readable zip file ({exc}); download it again"
                    raise GazetteerDataError(msg) from exc
                self.member = _zip_member(self._archive, self.path, self.suffixes)
                # zipfile's own readline is pure Python: buffer it in C
                self._stream = io.BufferedReader(
                    self._archive.open(self.member),  # type: ignore[arg-type]
                    buffer_size=1 << 18,
                )
            else:
                self._stream = self.path.open("rb")
        except OSError as exc:
            msg = f"{self.path}: cannot open it ({exc.strerror or exc})"
            raise GazetteerDataError(msg) from exc
        return self._stream

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            self._stream.close()
        if self._archive is not None:
            self._archive.close()

    @property
    def label(self) -> str:
        return f"{self.path}:{self.member}" if self.member else str(self.path)


def _read_codes_file(path: Path) -> dict[str, str]:
    """Read a GeoNames ``admin1CodesASCII.txt`` or ``admin2Codes.txt`` (``SY.08<TAB>name...``)."""
    codes: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) >= 2 and "." in parts[0]:
                codes[parts[0]] = parts[1]
    return codes


def _codes_beside(path: Path, stem: str) -> dict[str, str] | None:
    """Find ``admin1CodesASCII*.txt`` (or ``admin2Codes*.txt``) in the dump's folder."""
    folder = path.parent
    for candidate in sorted(folder.glob(f"{stem}*.txt")) + sorted(folder.glob(f"{stem}*.tsv")):
        if candidate.is_file():
            return _read_codes_file(candidate)
    return None


def _codes_from_dump(path: Path, code: str) -> dict[str, str]:
    """First pass over a dump collecting the names of its ADM1 rows (when no codes file exists)."""
    needle = f"\t{code}\t".encode()
    names: dict[str, str] = {}
    with _Source(path) as stream:
        for raw in stream:
            if needle not in raw:
                continue
            parts = raw.decode("utf-8", errors="replace").rstrip("\r\n").split("\t")
            if len(parts) >= 11 and parts[7] == code:
                names[f"{parts[8]}.{parts[10]}"] = parts[1]
    return names


#: GeoNames admin1 codes of Syria -> the OCHA English governorate names that the embedded
#: data and ``CONTRACT.md`` use (joined through ``GN_ADMIN1`` of the OCHA ADM1 boundaries).
OCHA_ADMIN1_SY: dict[str, str] = {
    "SY.01": "Al-Hasakeh",
    "SY.02": "Lattakia",
    "SY.03": "Quneitra",
    "SY.04": "Ar-Raqqa",
    "SY.05": "As-Sweida",
    "SY.06": "Dar'a",
    "SY.07": "Deir-ez-Zor",
    "SY.08": "Rural Damascus",
    "SY.09": "Aleppo",
    "SY.10": "Hama",
    "SY.11": "Homs",
    "SY.12": "Idleb",
    "SY.13": "Damascus",
    "SY.14": "Tartous",
}


def _admin1_names(
    path: Path, admin1_codes: str | Path | Mapping[str, str] | None
) -> Mapping[str, str]:
    if isinstance(admin1_codes, Mapping):
        return admin1_codes
    if admin1_codes is not None:
        codes_path = Path(admin1_codes)
        if not codes_path.is_file():
            msg = f"{codes_path}: no such admin1 codes file (GeoNames admin1CodesASCII.txt)"
            raise GazetteerDataError(msg)
        return _read_codes_file(codes_path)
    beside = _codes_beside(path, "admin1CodesASCII")
    names = beside if beside is not None else _codes_from_dump(path, "ADM1")
    # Syria's governorates get the OCHA names of the embedded data, so a user's SY dump
    # agrees with it (``within="Rural Damascus"``, joins with the boundaries).
    return {**names, **OCHA_ADMIN1_SY}


def _looks_like_geonames(first: str) -> bool:
    parts = first.split("\t")
    return len(parts) == _N_GEONAMES and parts[0].strip().isdigit()


def read_geonames(
    path: str | Path,
    *,
    country: str | Iterable[str] | None = None,
    feature_classes: Iterable[str] | None = ("P", "A", "L"),
    admin1_codes: str | Path | Mapping[str, str] | None = None,
    source: str = "geonames",
) -> Iterator[Place]:
    """Stream the places of a GeoNames dump (``SY.txt``, ``YE.zip``, ``allCountries.zip``).

    The file is read one row at a time, so a dump of millions of rows never sits in memory.

    Parameters
    ----------
    path
        A GeoNames ``geoname`` table: 19 tab-separated columns, no header, UTF-8, as a ``.txt``
        (or ``.tsv``) file or a ``.zip`` holding ``XX.txt`` (and a readme).
    country
        Keep only rows of this ISO country code (or codes); None keeps all.
    feature_classes
        GeoNames feature classes to keep: ``P`` populated places, ``A`` administrative areas,
        ``L`` regions by default; add ``T`` (mountains, valleys), ``H`` (water), ``S`` (spots,
        buildings). None keeps every class.
    admin1_codes
        Names of first-level areas, to fill :attr:`Place.admin1`: a mapping ``{"YE.26": "Amanat
        Al Asimah"}``, or the path of a GeoNames ``admin1CodesASCII.txt``. By default a file named
        ``admin1CodesASCII*.txt`` beside the dump is used, else the dump's own ``ADM1`` rows
        (an extra pass over the file); Syrian governorates always get the OCHA names of the
        embedded data (:data:`OCHA_ADMIN1_SY`) unless a mapping or path is given.
    source
        The :attr:`Place.source` of the places read.

    Yields
    ------
    Place
        One per kept row; ``place_id`` is ``geonames:<geonameid>``, the aliases are the ASCII
        name and the alternate names.

    Raises
    ------
    GazetteerDataError
        When the file is missing, is not a GeoNames table, or none of its rows can be read.
        Single bad rows are skipped and summarised in one warning.

    Examples
    --------
    >>> places = list(read_geonames("YE.zip", feature_classes=("P",)))  # doctest: +SKIP
    """
    path = Path(path)
    countries = _country_set(country)
    classes = None if feature_classes is None else {c.upper() for c in feature_classes}
    admin1 = _admin1_names(path, admin1_codes)
    admin2 = _codes_beside(path, "admin2Codes") or {}
    problems = _RowProblems(
        path,
        fix="a GeoNames dump has 19 tab-separated columns per row "
        "(https://download.geonames.org/export/dump/readme.txt); "
        "for a list of name, lat, lon use a .csv file",
    )
    source_file = _Source(path)
    # filters compare raw bytes, so rows of other countries or classes are never decoded
    b_countries = None if countries is None else {c.encode() for c in countries}
    b_classes = None if classes is None else {c.encode() for c in classes}
    with source_file as stream:
        checked_first = False
        for lineno, raw in enumerate(stream, start=1):
            fields = raw.rstrip(b"\r\n").split(b"\t")
            if len(fields) == _N_GEONAMES and checked_first:
                if b_countries is not None and fields[8].upper() not in b_countries:
                    continue
                if b_classes is not None and fields[6].upper() not in b_classes:
                    continue
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                problems.add(lineno, "not UTF-8 text")
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if not checked_first:
                checked_first = True
                if not _looks_like_geonames(line):
                    _raise_not_geonames(source_file.label, lineno, line)
            parts = line.split("\t")
            if len(parts) != _N_GEONAMES:
                problems.add(lineno, f"{len(parts)} columns instead of {_N_GEONAMES}")
                continue
            if countries is not None and parts[8].upper() not in countries:
                continue
            if classes is not None and parts[6].upper() not in classes:
                continue
            try:
                place = _geonames_place(parts, admin1, admin2, source)
            except ValueError as exc:
                problems.add(lineno, str(exc))
                continue
            problems.good += 1
            yield place
    problems.finish()


def _country_set(country: str | Iterable[str] | None) -> set[str] | None:
    if country is None:
        return None
    if isinstance(country, str):
        return {country.upper()}
    return {c.upper() for c in country}


def _raise_not_geonames(label: str, lineno: int, line: str) -> None:
    parts = line.split("\t")
    if len(parts) == 1 and line.count(",") >= 2:
        hint = "it looks comma-separated: give a CSV file a .csv suffix"
    elif len(parts) == _N_GEONAMES:
        hint = f"the first column {parts[0]!r} should be a numeric geonameid"
    elif parts and not parts[0].strip().isdigit():
        hint = "it has a header or is not a GeoNames table; a CSV with a header needs a .csv suffix"
    else:
        hint = f"line {lineno} has {len(parts)} tab-separated columns instead of {_N_GEONAMES}"
    msg = (
        f"{label}: not a GeoNames dump ({hint}); expected 19 tab-separated columns "
        "geonameid, name, asciiname, alternatenames, latitude, longitude, ..."
    )
    raise GazetteerDataError(msg)


def _geonames_place(
    parts: list[str], admin1: Mapping[str, str], admin2: Mapping[str, str], source: str
) -> Place:
    geonameid = parts[0].strip()
    if not geonameid.isdigit():
        msg = f"geonameid {geonameid!r} is not a number"
        raise ValueError(msg)
    name = parts[1].strip()
    if not name:
        msg = "empty name"
        raise ValueError(msg)
    lat = _coordinate(parts[4], "latitude")
    lon = _coordinate(parts[5], "longitude")
    fclass = parts[6].strip().upper()
    fcode = parts[7].strip().upper()
    cc = parts[8].strip().upper()
    a1 = parts[10].strip()
    a2 = parts[11].strip()
    alternates = parts[3].split(",") if parts[3] else ()
    aliases = _aliases(name, [parts[2].strip(), *(a.strip() for a in alternates)])
    return _checked_place(
        place_id=f"geonames:{geonameid}",
        name=name,
        lat=lat,
        lon=lon,
        country_code=cc,
        feature_class=fclass or _class_of_code(fcode),
        feature_code=fcode,
        admin1=admin1.get(f"{cc}.{a1}") if a1 else None,
        admin2=admin2.get(f"{cc}.{a1}.{a2}") if a2 else None,
        population=_population(parts[14]),
        aliases=aliases,
        precision=feature_precision(fclass, fcode),
        source=source,
    )


# --------------------------------------------------------------------------------------------
# CSV place lists
# --------------------------------------------------------------------------------------------

#: Accepted header spellings (after lower-casing and turning spaces/hyphens into ``_``).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "place", "place_name", "placename", "toponym", "location", "town"),
    "lat": ("lat", "latitude", "y", "lat_y", "latitude_dd"),
    "lon": ("lon", "lng", "long", "longitude", "x", "lon_x", "longitude_dd"),
    "aliases": (
        "alternate_names",
        "alternatenames",
        "alternative_names",
        "alt_names",
        "altnames",
        "aliases",
        "alias",
        "variants",
        "other_names",
        "spellings",
    ),
    "country": ("country_code", "country", "cc", "iso2", "iso_a2", "countrycode"),
    "admin1": ("admin1", "admin1_name", "province", "governorate", "state", "region", "adm1"),
    "admin2": ("admin2", "admin2_name", "district", "county", "adm2"),
    "population": ("population", "pop", "inhabitants"),
    "feature_code": ("feature_code", "featurecode", "feature", "type", "fcode"),
    "feature_class": ("feature_class", "featureclass", "fclass"),
    "place_id": ("place_id", "id", "geonameid", "pcode", "code"),
    "precision": ("precision",),
}

_CSV_FIX = "the header needs columns name, lat, lon (lat/lng, latitude/longitude also work)"


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-.]+", "_", text.strip().lstrip("\ufeff").casefold()).strip("_")


def _map_header(header: list[str], label: str) -> dict[str, int]:
    keys = [_header_key(h) for h in header]
    found: dict[str, int] = {}
    for field_name, spellings in CSV_COLUMNS.items():
        for spelling in spellings:
            if spelling in keys:
                found[field_name] = keys.index(spelling)
                break
    missing = [f for f in ("name", "lat", "lon") if f not in found]
    if missing:
        shown = ", ".join(repr(h) for h in header[:12])
        looks_numeric = sum(_is_number(h) for h in header) >= 2
        why = (
            "the first row holds numbers, so the header row is missing"
            if looks_numeric
            else f"no {' / '.join(missing)} column among {shown}"
        )
        msg = f"{label}: line 1: {why}; {_CSV_FIX}"
        raise GazetteerDataError(msg)
    return found


def _is_number(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return True


def _sniff_delimiter(sample: str) -> str:
    first = sample.splitlines()[0] if sample else ""
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_places_csv(
    path: str | Path,
    *,
    delimiter: str | None = None,
    country: str | None = None,
    source: str = "user",
) -> Iterator[Place]:
    """Stream the places of a CSV with a header: name, lat, lon and optional extras.

    Parameters
    ----------
    path
        A UTF-8 CSV (a BOM is fine). Required columns: name (or ``place``), latitude (``lat``)
        and longitude (``lon``, ``lng``, ``long``). Optional: alternate names (``alternate_names``,
        ``aliases``, ``alt_names``; separated by ``|`` or ``;``), ``country`` (ISO code),
        ``admin1`` (``province``, ``governorate``), ``admin2`` (``district``), ``population``,
        ``feature_code`` (GeoNames code such as ``PPL``, ``ADM1``, ``RGN``), ``feature_class``,
        ``id`` and ``precision`` (1-6).
    delimiter
        Field separator; by default guessed from the header among ``,``, ``;``, tab and ``|``.
    country
        Country code for rows without a ``country`` column or value.
    source
        The :attr:`Place.source` of the places read.

    Yields
    ------
    Place
        One per good row; ``place_id`` is the ``id`` column or ``user:<line>``.

    Raises
    ------
    GazetteerDataError
        When the file is missing, has no name/lat/lon header, or none of its rows can be read.
        Single bad rows are skipped and summarised in one warning.
    """
    path = Path(path)
    problems = _RowProblems(path, fix=_CSV_FIX + ", then one place per row with numeric lat/lon")
    source_file = _Source(path, suffixes=(".csv", ".tsv", ".txt"))
    with source_file as raw_stream:
        text = io.TextIOWrapper(raw_stream, encoding="utf-8-sig", newline="")
        try:
            sample = text.readline()
        except UnicodeDecodeError as exc:
            msg = f"{source_file.label}: line 1 is not UTF-8 text; save the file as UTF-8 CSV"
            raise GazetteerDataError(msg) from exc
        if not sample.strip():
            msg = f"{source_file.label}: the file is empty; {_CSV_FIX}"
            raise GazetteerDataError(msg)
        sep = delimiter or _sniff_delimiter(sample)
        alias_separators = "|" if sep == ";" else "|;"
        header = next(csv.reader([sample], delimiter=sep))
        columns = _map_header(header, source_file.label)
        reader = csv.reader(text, delimiter=sep)
        lineno = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                msg = (
                    f"{source_file.label}: after line {lineno} the text is not UTF-8; "
                    "save the file as UTF-8 CSV"
                )
                raise GazetteerDataError(msg) from exc
            except csv.Error as exc:
                lineno += 1
                problems.add(lineno, f"unreadable CSV ({exc})")
                continue
            lineno = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            try:
                place = _csv_place(row, columns, lineno, alias_separators, country, source)
            except ValueError as exc:
                problems.add(lineno, str(exc))
                continue
            problems.good += 1
            yield place
    problems.finish()


def _csv_place(
    row: list[str],
    columns: Mapping[str, int],
    lineno: int,
    alias_separators: str,
    country: str | None,
    source: str,
) -> Place:
    def cell(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()

    if len(row) <= max(columns[f] for f in ("name", "lat", "lon")):
        msg = f"{len(row)} fields, fewer than the header"
        raise ValueError(msg)
    name = cell("name")
    if not name:
        msg = "empty name"
        raise ValueError(msg)
    lat_text, lon_text = cell("lat"), cell("lon")
    if not lat_text or not lon_text:
        msg = f"no coordinates for {name!r}"
        raise ValueError(msg)
    lat = _coordinate(lat_text, "latitude")
    lon = _coordinate(lon_text, "longitude")
    fcode = cell("feature_code").upper()
    fclass = cell("feature_class").upper() or (_class_of_code(fcode) if fcode else "P")
    precision_text = cell("precision")
    if precision_text:
        if precision_text not in {"1", "2", "3", "4", "5", "6"}:
            msg = f"precision {precision_text!r} is not one of 1-6"
            raise ValueError(msg)
        precision = int(precision_text)
    else:
        precision = feature_precision(fclass, fcode)
    return _checked_place(
        place_id=cell("place_id") or f"user:{lineno}",
        name=name,
        lat=lat,
        lon=lon,
        country_code=(cell("country") or country or "").upper(),
        feature_class=fclass,
        feature_code=fcode or ("PPL" if fclass == "P" else ""),
        admin1=cell("admin1") or None,
        admin2=cell("admin2") or None,
        population=_population(cell("population")),
        aliases=_aliases(name, _split_names(cell("aliases"), alias_separators)),
        precision=precision,
        source=source,
    )


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------

_FORMATS = ".txt / .tsv / .zip (GeoNames dump) or .csv (name, lat, lon)"


def read_user_places(
    path: str | Path,
    *,
    country: str | Iterable[str] | None = None,
    feature_classes: Iterable[str] | None = ("P", "A", "L"),
) -> Iterator[Place]:
    """Stream the places of a user's file, choosing the reader by suffix and content.

    ``.zip`` and ``.txt``/``.tsv`` files whose first row has 19 tab-separated columns starting with
    a number are GeoNames dumps; ``.csv`` files, and ``.txt``/``.tsv`` files with a header, are read
    with :func:`read_places_csv`.

    Parameters
    ----------
    path
        The file.
    country
        Keep only this country (GeoNames dumps), or the default country code of CSV rows.
    feature_classes
        GeoNames feature classes to keep (GeoNames dumps only).

    Raises
    ------
    GazetteerDataError
        For an unknown suffix, a missing file, or a file of the wrong format.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".zip":
        yield from read_geonames(path, country=country, feature_classes=feature_classes)
        return
    if suffix in {".txt", ".tsv"}:
        if _first_line(path).count("\t") + 1 == _N_GEONAMES or not _first_line(path):
            yield from read_geonames(path, country=country, feature_classes=feature_classes)
        else:
            csv_country = country if isinstance(country, str) else None
            yield from read_places_csv(
                path, delimiter="\t" if suffix == ".tsv" else None, country=csv_country
            )
        return
    if suffix == ".csv":
        csv_country = country if isinstance(country, str) else None
        yield from read_places_csv(path, country=csv_country)
        return
    msg = f"{path}: unknown gazetteer format {suffix or '(no suffix)'!r}; use {_FORMATS}"
    raise GazetteerDataError(msg)


def _first_line(path: Path) -> str:
    if not path.is_file():
        return ""
    with path.open("rb") as handle:
        for raw in handle:
            line = raw.decode("utf-8", errors="replace").strip("\r\n")
            if line.strip() and not line.startswith("#"):
                return line
    return ""


def load_user_gazetteer(
    path: str | Path,
    *,
    country: str | Iterable[str] | None = None,
    feature_classes: Iterable[str] | None = ("P", "A", "L"),
) -> Gazetteer:
    """Build a :class:`Gazetteer` from a user's GeoNames dump or CSV place list.

    Parameters
    ----------
    path
        ``XX.txt`` / ``XX.zip`` (a GeoNames country dump, or ``allCountries.zip`` with
        ``country=``), or a ``.csv`` of name, lat, lon and optional alternate names.
    country
        Keep only this country's rows of a GeoNames dump (or the country code for CSV rows
        that have none).
    feature_classes
        GeoNames feature classes to keep; None keeps all.

    Returns
    -------
    Gazetteer
        Its ``default_country`` is ``country`` or the most common country of the places;
        ready for ``Resolver(gazetteer)``, or to extend the embedded data with
        ``load_default().merged(gazetteer)``.

    Raises
    ------
    GazetteerDataError
        When the file cannot be read or yields no places.

    Examples
    --------
    >>> g = load_user_gazetteer("YE.zip")  # doctest: +SKIP
    >>> Resolver(g, default_country="YE").resolve("Sanaa").best.place.name  # doctest: +SKIP
    "Sana'a"
    """
    places = tuple(read_user_places(path, country=country, feature_classes=feature_classes))
    if not places:
        which = f" for country {country!r}" if country is not None else ""
        msg = (
            f"{path}: no places{which} were read; check the country code and feature classes "
            f"({', '.join(feature_classes) if feature_classes else 'all'})"
        )
        raise GazetteerDataError(msg)
    default_country = country.upper() if isinstance(country, str) else _main_country(places)
    try:
        return _gazetteer_from_places(places, default_country)
    except GazetteerDataError as exc:
        msg = f"{path}: {exc}; give every row its own id"
        raise GazetteerDataError(msg) from exc


def _main_country(places: Iterable[Place]) -> str | None:
    counts = Counter(p.country_code for p in places if p.country_code)
    return counts.most_common(1)[0][0] if counts else None


def _gazetteer_from_places(places: tuple[Place, ...], default_country: str | None) -> Gazetteer:
    # The one call that depends on the core of the package (index.py).
    from .index import Gazetteer

    return Gazetteer.from_places(places, default_country=default_country)
