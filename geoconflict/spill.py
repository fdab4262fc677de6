"""Incidents spilled to disk by date, so a corpus run never holds every incident at once.

:func:`geoconflict.pipeline.run` extracts incidents chunk by chunk (in this process or in
workers) and appends each chunk's incidents to one file per week of dates (and one for undated
incidents) in a temporary folder; the merge across articles then reads the days back in
order (:func:`geoconflict.merge.merge_days`), holding only a week or so at a time.

A spilled record is ``(seq, incident, payload)``: ``seq`` the incident's position in the input
(chunk number and index, so ties of the canonical order keep the input order) and ``payload``
whatever the writer attaches (the pipeline: the admin areas its point was joined to).
Records are pickled as plain tuples (several times faster than pickling the dataclasses).
Each process appends to its own files (the process id is in the name), so workers never
write to one file together.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .records import Incident, Location, SourceReport

__all__ = [
    "SPAN_DAYS", "UNDATED", "read_days", "read_range", "read_undated", "spill_records",
    "week_span",
]

#: File name of undated incidents (read last).
UNDATED = "undated"

_LOC_FIELDS = tuple(f for f in Location.__dataclass_fields__)
_REPORT_FIELDS = tuple(f for f in SourceReport.__dataclass_fields__)
_INC_FIELDS = tuple(f for f in Incident.__dataclass_fields__)
_get_loc = operator.attrgetter(*_LOC_FIELDS)
_get_report = operator.attrgetter(*_REPORT_FIELDS)
_get_inc = operator.attrgetter(*_INC_FIELDS)
_I_LOC = _INC_FIELDS.index("location")
_I_REPORTS = _INC_FIELDS.index("reports")
_I_DATE = _INC_FIELDS.index("date")


def _encode(incident: Incident) -> tuple:
    values = list(_get_inc(incident))
    loc = values[_I_LOC]
    if loc is not None:
        values[_I_LOC] = _get_loc(loc)
    if values[_I_REPORTS]:
        values[_I_REPORTS] = tuple(_get_report(r) for r in values[_I_REPORTS])
    return tuple(values)


def _decode(values: tuple) -> Incident:
    values = list(values)
    loc = values[_I_LOC]
    if loc is not None:
        values[_I_LOC] = Location(*loc)
    if values[_I_REPORTS]:
        values[_I_REPORTS] = tuple(SourceReport(*r) for r in values[_I_REPORTS])
    return Incident(*values)


#: Days per spill file: the merge reads one such span at a time.
SPAN_DAYS = 7


def _bucket(date: dt.date | None) -> str:
    return f"w{date.toordinal() // SPAN_DAYS:06d}" if date is not None else UNDATED


def spill_records(records: Iterable[tuple[int, Incident, Any]], folder: str | os.PathLike[str]
                  ) -> int:
    """Append records to this process's files in ``folder`` (one per week of dates, one for
    undated incidents); return how many."""
    by_bucket: defaultdict[str, list[tuple]] = defaultdict(list)
    n = 0
    for seq, incident, payload in records:
        by_bucket[_bucket(incident.date)].append((seq, _encode(incident), payload))
        n += 1
    pid = os.getpid()
    base = Path(folder)
    for bucket, items in by_bucket.items():
        with open(base / f"{bucket}.{pid}.bin", "ab") as fh:
            fh.write(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
    return n


def read_pickled_chunks(path: str | os.PathLike[str]) -> Iterator[Any]:
    """The items of a file of pickled lists written one after another, a list at a time."""
    with open(path, "rb") as fh:
        while True:
            try:
                items = pickle.load(fh)
            except EOFError:
                return
            yield from items


def _read_file(path: Path) -> Iterator[tuple[int, Incident, Any]]:
    for seq, values, payload in read_pickled_chunks(path):
        yield seq, _decode(values), payload


def week_span(folder: str | os.PathLike[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the weeks spilled in ``folder`` (None: no dated incidents)."""
    weeks = [int(p.name[1:7]) for p in Path(folder).iterdir()
             if p.suffix == ".bin" and p.name.startswith("w")]
    if not weeks:
        return None
    first = max(1, min(weeks) * SPAN_DAYS)
    return dt.date.fromordinal(first), dt.date.fromordinal(max(weeks) * SPAN_DAYS + SPAN_DAYS - 1)


def read_range(folder: str | os.PathLike[str], first: dt.date, last: dt.date
               ) -> list[list[tuple[int, Incident, Any]]]:
    """The spilled records dated ``first`` to ``last``, one batch per date, in date order."""
    base = Path(folder)
    by_day: defaultdict[dt.date, list[tuple[int, Incident, Any]]] = defaultdict(list)
    for week in range(first.toordinal() // SPAN_DAYS, last.toordinal() // SPAN_DAYS + 1):
        for path in sorted(base.glob(f"w{week:06d}.*.bin")):
            for record in _read_file(path):
                day = record[1].date
                if day is not None and first <= day <= last:
                    by_day[day].append(record)
    return [by_day[d] for d in sorted(by_day)]


def read_undated(folder: str | os.PathLike[str]) -> list[tuple[int, Incident, Any]]:
    """The spilled records of undated incidents."""
    return [r for path in sorted(Path(folder).glob(f"{UNDATED}.*.bin")) for r in _read_file(path)]


def read_days(folder: str | os.PathLike[str]) -> Iterator[list[tuple[int, Incident, Any]]]:
    """Yield the spilled records one date at a time, dates in order, then the undated ones
    (each batch in no particular order: the merge sorts it). Holds one week at a time."""
    files: defaultdict[str, list[Path]] = defaultdict(list)
    for path in Path(folder).iterdir():
        if path.suffix == ".bin":
            files[path.name.split(".", 1)[0]].append(path)
    for bucket in sorted(b for b in files if b != UNDATED):
        by_day: defaultdict[dt.date, list[tuple[int, Incident, Any]]] = defaultdict(list)
        for path in sorted(files[bucket]):
            for record in _read_file(path):
                by_day[record[1].date].append(record)  # type: ignore[index]
        for day in sorted(by_day):
            yield by_day.pop(day)
    if UNDATED in files:
        yield [r for path in sorted(files[UNDATED]) for r in _read_file(path)]
