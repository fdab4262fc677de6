"""Read reference event datasets (ACLED, UCDP GED) as :class:`~geoconflict.records.Incident`.

Researchers hold what the text says against the established datasets. These readers map one
row of an ACLED CSV export or a UCDP GED CSV onto the same incident model the extractor
produces, so both can be mapped, exported and compared the same way.

ACLED (``event_id_cnty``, ``event_date``, ``fatalities``, ...)
    * ``incident_id`` and ``doc_id``: ``event_id_cnty``; ``text``: ``notes``;
    * ``date``: ``event_date`` (``12 March 2017``, ``12-March-2017`` or ISO);
    * counts: ``fatalities`` -> ``killed_best`` (ACLED gives one conservative figure);
    * ``event_type``: from ``sub_event_type`` (:data:`ACLED_EVENT_TYPES`), e.g.
      ``Air/drone strike`` -> ``airstrike``, ``Armed clash`` -> ``ground_assault``;
    * ``category``: ``protest``, ``agreement`` or ``arrest`` for those developments
      (:data:`ACLED_CATEGORIES`: ``Peaceful protest``, ``Agreement``, ``Arrests``), else
      ``violence``;
    * ``actor``: ``actor1`` normalised (:func:`normalize_actor`);
    * precision: ``geo_precision`` 1 -> 1 (the place), 2 -> 2 (near the place),
      3 -> 3 (a wider area; 4 when no ``admin2`` is given).

UCDP GED (``id``, ``type_of_violence``, ``best``, ``date_start``, ...)
    * ``incident_id`` and ``doc_id``: ``ged-<id>``; ``text``: ``source_article`` (else
      ``source_headline``, ``where_description``);
    * ``date``: ``date_start`` (the first day of the reported range, see ``date_prec``);
    * counts: ``low``/``best``/``high`` -> ``killed_low``/``killed_best``/``killed_high``;
    * ``event_type``: ``attack`` (GED records the kind of conflict, not the weapon);
    * ``actor``: ``side_a`` normalised;
    * precision: ``where_prec`` 1..7 -> 1, 2, 3, 4, 5, 6, 6 (international waters or
      airspace count as country level); without ``where_prec``: 1.

Both: ``place`` and ``place_name`` are the location name, ``admin1``/``admin2`` the admin
names with suffixes such as "governorate" dropped and Syrian governorates spelled as in the
OCHA boundaries; rows without coordinates become unplaced incidents (``location`` None).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from .errors import InputError
from .records import Incident, Location

__all__ = [
    "ACLED_CATEGORIES",
    "ACLED_COLUMNS",
    "ACLED_EVENT_TYPES",
    "UCDP_COLUMNS",
    "is_reference_csv",
    "normalize_actor",
    "read_acled",
    "read_reference",
    "read_ucdp",
    "sniff_reference_format",
    "sniff_reference_head",
]

#: Columns that identify an ACLED export (a subset of the published layout).
ACLED_COLUMNS: frozenset[str] = frozenset(
    {"event_id_cnty", "event_date", "event_type", "latitude", "longitude", "fatalities"}
)
#: Columns that identify a UCDP GED CSV.
UCDP_COLUMNS: frozenset[str] = frozenset(
    {"id", "type_of_violence", "date_start", "latitude", "longitude", "best"}
)

#: ACLED ``sub_event_type`` -> contract event type (others: by ``event_type``, else ``other``).
ACLED_EVENT_TYPES: dict[str, str] = {
    "air/drone strike": "airstrike",
    "shelling/artillery/missile attack": "shelling",
    "remote explosive/landmine/ied": "bombing",
    "suicide bomb": "bombing",
    "grenade": "attack",
    "chemical weapon": "other",
    "armed clash": "ground_assault",
    "government regains territory": "ground_assault",
    "non-state actor overtakes territory": "ground_assault",
    "attack": "attack",
}
#: ACLED ``sub_event_type`` of a development (an event with no violence) -> its category.
ACLED_CATEGORIES: dict[str, str] = {
    "peaceful protest": "protest",
    "protest with intervention": "protest",
    "agreement": "agreement",
    "arrests": "arrest",
    "non-violent transfer of territory": "territory",
}
_ACLED_BY_EVENT_TYPE = {
    "battles": "ground_assault",
    "explosions/remote violence": "attack",
    "violence against civilians": "attack",
}

_ACLED_DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")

#: Common spellings of Syria's governorates -> the OCHA names of the boundaries.
_ADMIN1_SPELLINGS: dict[str, str] = {
    "idlib": "Idleb", "idleb": "Idleb",
    "latakia": "Lattakia", "lattakia": "Lattakia", "al ladhiqiyah": "Lattakia",
    "deir ez zor": "Deir-ez-Zor", "deir ezzor": "Deir-ez-Zor", "dayr az zawr": "Deir-ez-Zor",
    "deir al zor": "Deir-ez-Zor",
    "raqqa": "Ar-Raqqa", "ar raqqa": "Ar-Raqqa", "al raqqa": "Ar-Raqqa", "ar raqqah": "Ar-Raqqa",
    "hasakah": "Al-Hasakeh", "al hasakah": "Al-Hasakeh", "al hasakeh": "Al-Hasakeh",
    "hasakeh": "Al-Hasakeh", "hassakeh": "Al-Hasakeh",
    "daraa": "Dar'a", "dara": "Dar'a", "deraa": "Dar'a",
    "suwayda": "As-Sweida", "as suwayda": "As-Sweida", "as sweida": "As-Sweida",
    "sweida": "As-Sweida",
    "tartus": "Tartous", "tartous": "Tartous",
    "rif dimashq": "Rural Damascus", "rural damascus": "Rural Damascus",
    "damascus countryside": "Rural Damascus",
    "damascus": "Damascus", "dimashq": "Damascus", "aleppo": "Aleppo", "halab": "Aleppo",
    "homs": "Homs", "hims": "Homs", "hama": "Hama", "quneitra": "Quneitra",
}
_ADMIN_SUFFIX = re.compile(r"\s+(governorate|province|district|muhafazah|mantiqah)$", re.I)

_COUNTRY_CODES = {
    "syria": "SY", "iraq": "IQ", "turkey": "TR", "lebanon": "LB", "jordan": "JO",
    "israel": "IL", "palestine": "PS", "yemen": "YE", "libya": "LY", "ukraine": "UA",
    "russia": "RU", "afghanistan": "AF", "sudan": "SD", "somalia": "SO", "iran": "IR",
}
_GOVERNMENT_ACTORS = {"syria": "pro-Assad forces", "russia": "Russia",
                      "russia (soviet union)": "Russia", "united states": "US",
                      "united states of america": "US"}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _sub_key(text: str) -> str:
    """An ACLED ``sub_event_type`` as its tables are looked up ("Air/drone strike" ->
    "airdronestrike")."""
    return _key(text).replace(" ", "")


_ACLED_TYPE_BY_SUB = {_sub_key(k): v for k, v in ACLED_EVENT_TYPES.items()}
_ACLED_CATEGORY_BY_SUB = {_sub_key(k): v for k, v in ACLED_CATEGORIES.items()}


def normalize_actor(name: str | None) -> str | None:
    """Normalise an ACLED/UCDP actor name where it is obvious.

    ``Military Forces of Russia (2000-)`` and ``Government of Russia (Soviet Union)`` give
    ``Russia``; Syria's government forces give ``pro-Assad forces``; otherwise the name with
    ACLED's year range dropped.

    Examples
    --------
    >>> normalize_actor("Military Forces of Syria (2000-)")
    'pro-Assad forces'
    >>> normalize_actor("Hayat Tahrir al Sham")
    'Hayat Tahrir al Sham'
    """
    if name is None or not name.strip():
        return None
    text = re.sub(r"\s*\(\d{4}-\d{0,4}\)\s*$", "", name.strip())
    match = re.match(
        r"^(?:Military Forces of|Police Forces of|Government of)\s+(?:the\s+)?(.+)$", text
    )
    if match:
        country = match.group(1).strip()
        return _GOVERNMENT_ACTORS.get(country.casefold(), country)
    return text


def _admin(name: str | None) -> str | None:
    if name is None or not name.strip():
        return None
    text = _ADMIN_SUFFIX.sub("", name.strip())
    return _ADMIN1_SPELLINGS.get(_key(text), text)


def _text(row: Mapping[str, str | None], *columns: str) -> str | None:
    for column in columns:
        value = (row.get(column) or "").strip()
        if value:
            return value
    return None


def _int(value: str | None, column: str) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(float(value))
    except ValueError:
        msg = f"column {column!r} holds {value!r}, not a number"
        raise ValueError(msg) from None


def _location(
    row: Mapping[str, str | None], precision: int, name: str | None, admin1: str | None,
    admin2: str | None, country: str | None,
) -> Location | None:
    lat_text, lon_text = (row.get("latitude") or "").strip(), (row.get("longitude") or "").strip()
    if not lat_text or not lon_text:
        return None
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        msg = f"latitude/longitude {lat_text!r}, {lon_text!r} are not numbers"
        raise ValueError(msg) from None
    return Location(
        lat=lat, lon=lon, precision=precision, place_name=name, admin1=admin1, admin2=admin2,
        country_code=_COUNTRY_CODES.get(_key(country or "")),
    )


def _acled_date(text: str | None) -> dt.date | None:
    if text is None or not text.strip():
        return None
    value = text.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    msg = f"event_date {value!r} is not a date like '12 March 2017' or '2017-03-12'"
    raise ValueError(msg)


def _acled_row(row: Mapping[str, str | None]) -> Incident:
    event_id = _text(row, "event_id_cnty")
    if event_id is None:
        msg = "event_id_cnty is empty"
        raise ValueError(msg)
    sub = _sub_key(row.get("sub_event_type") or "")
    event_type = _ACLED_TYPE_BY_SUB.get(sub) or _ACLED_BY_EVENT_TYPE.get(
        (row.get("event_type") or "").strip().casefold(), "other"
    )
    admin1, admin2 = _admin(row.get("admin1")), _admin(row.get("admin2"))
    geo_precision = _int(row.get("geo_precision"), "geo_precision") or 1
    precision = {1: 1, 2: 2}.get(geo_precision, 3 if admin2 else 4)
    name = _text(row, "location")
    return Incident(
        incident_id=event_id,
        doc_id=event_id,
        text=_text(row, "notes") or "",
        char_start=0,
        char_end=len(_text(row, "notes") or ""),
        event_type=event_type,
        actor=normalize_actor(row.get("actor1")),
        date=_acled_date(row.get("event_date")),
        place=name,
        location=_location(row, precision, name, admin1, admin2, row.get("country")),
        killed_best=_int(row.get("fatalities"), "fatalities"),
        category=_ACLED_CATEGORY_BY_SUB.get(sub, "violence"),
    )


_UCDP_PRECISION = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 6}


def _ucdp_row(row: Mapping[str, str | None]) -> Incident:
    ged_id = _text(row, "id")
    if ged_id is None:
        msg = "id is empty"
        raise ValueError(msg)
    where_prec = _int(row.get("where_prec"), "where_prec")
    precision = _UCDP_PRECISION.get(where_prec or 1, 6)
    start = _text(row, "date_start")
    try:
        date = dt.date.fromisoformat(start[:10]) if start else None
    except ValueError:
        msg = f"date_start {start!r} is not an ISO date"
        raise ValueError(msg) from None
    name = _text(row, "where_coordinates")
    text = _text(row, "source_article", "source_headline", "where_description") or ""
    return Incident(
        incident_id=f"ged-{ged_id}",
        doc_id=f"ged-{ged_id}",
        text=text,
        char_start=0,
        char_end=len(text),
        event_type="attack",
        actor=normalize_actor(row.get("side_a")),
        date=date,
        place=name,
        location=_location(
            row, precision, name, _admin(row.get("adm_1")), _admin(row.get("adm_2")),
            row.get("country"),
        ),
        killed_low=_int(row.get("low"), "low"),
        killed_best=_int(row.get("best"), "best"),
        killed_high=_int(row.get("high"), "high"),
    )


def _open_rows(path: Path) -> tuple[list[str], Iterator[dict[str, str | None]], Callable[[], None]]:
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        msg = f"no such file: {str(path)!r}"
        raise InputError(msg) from None
    except OSError as exc:
        msg = f"cannot read {str(path)!r}: {exc.strerror or exc}"
        raise InputError(msg) from None
    try:
        sample = fh.read(8192)
        fh.seek(0)
        delimiter = ","
        first = sample.splitlines()[0] if sample else ""
        if first.count(",") == 0:
            delimiter = max(("\t", ";"), key=first.count) if first else ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        header = [h.strip() for h in (reader.fieldnames or [])]
    except (UnicodeDecodeError, csv.Error) as exc:
        fh.close()
        msg = f"cannot read {str(path)!r} as a UTF-8 CSV: {exc}"
        raise InputError(msg) from None
    reader.fieldnames = header
    return header, reader, fh.close


def sniff_reference_format(header: list[str] | tuple[str, ...]) -> str | None:
    """Return ``"acled"``, ``"ucdp"`` or None for a CSV header (a list of column names)."""
    columns = {h.strip().casefold() for h in header}
    if ACLED_COLUMNS <= columns:
        return "acled"
    if UCDP_COLUMNS <= columns:
        return "ucdp"
    return None


def is_reference_csv(path: str | os.PathLike[str]) -> bool:
    """Return whether ``path`` is a CSV whose header is an ACLED or UCDP GED layout."""
    p = Path(path)
    if p.suffix.casefold() not in {".csv", ".tsv", ".txt"}:
        return False
    try:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            first = fh.readline()
    except (OSError, UnicodeDecodeError):
        return False
    for delimiter in (",", "\t", ";"):
        if sniff_reference_format(next(csv.reader([first], delimiter=delimiter), [])):
            return True
    return False


def sniff_reference_head(head: bytes) -> bool:
    """Return whether the first bytes of a file are the header of an ACLED/UCDP GED CSV."""
    try:
        first = head.decode("utf-8-sig", errors="replace").splitlines()[0]
    except IndexError:
        return False
    return any(
        sniff_reference_format(next(csv.reader([first], delimiter=d), [])) is not None
        for d in (",", "\t", ";")
    )


def _read(path: Path, kind: str | None) -> list[Incident]:
    header, rows, close = _open_rows(path)
    try:
        found = sniff_reference_format(header)
        if found is None or (kind is not None and found != kind):
            wanted = {
                "acled": f"an ACLED export (columns {sorted(ACLED_COLUMNS)})",
                "ucdp": f"a UCDP GED CSV (columns {sorted(UCDP_COLUMNS)})",
            }
            expected = (
                wanted[kind] if kind else f"{wanted['acled']} or {wanted['ucdp']}"
            )
            shown = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
            msg = f"{str(path)!r} is not {expected}; its columns are: {shown or '(none)'}"
            raise InputError(msg)
        convert = _acled_row if found == "acled" else _ucdp_row
        incidents: list[Incident] = []
        skipped: list[str] = []
        try:
            for line, row in enumerate(rows, start=2):
                try:
                    incidents.append(convert(row))
                except ValueError as exc:
                    skipped.append(f"row {line}: {exc}")
        except (UnicodeDecodeError, csv.Error) as exc:
            msg = f"cannot read {str(path)!r} as a UTF-8 CSV: {exc}"
            raise InputError(msg) from None
    finally:
        close()
    if skipped:
        warnings.warn(
            f"{str(path)!r}: skipped {len(skipped)} bad row(s); first: {skipped[0]}",
            UserWarning,
            stacklevel=3,
        )
    return incidents


def read_acled(path: str | os.PathLike[str]) -> list[Incident]:
    """Read an ACLED CSV export as incidents (see the module doc for the mapping).

    Parameters
    ----------
    path
        A CSV in ACLED's export layout.

    Returns
    -------
    list of Incident
        One per row, in file order; bad rows are skipped with one warning.

    Raises
    ------
    InputError
        When the file is missing, unreadable, or not in ACLED's layout.
    """
    return _read(Path(path), "acled")


def read_ucdp(path: str | os.PathLike[str]) -> list[Incident]:
    """Read a UCDP GED CSV as incidents (see the module doc for the mapping).

    Raises
    ------
    InputError
        When the file is missing, unreadable, or not in UCDP GED's layout.
    """
    return _read(Path(path), "ucdp")


def read_reference(path: str | os.PathLike[str]) -> list[Incident]:
    """Read an ACLED or UCDP GED CSV, telling which from its header.

    Parameters
    ----------
    path
        An ACLED export or a UCDP GED CSV.

    Returns
    -------
    list of Incident
        One per row, in file order.

    Raises
    ------
    InputError
        When the file is missing, unreadable, or in neither layout (the message lists the
        columns each needs).
    """
    return _read(Path(path), None)
