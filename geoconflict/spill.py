"""Incidents spilled to disk by date, so a corpus run never holds every incident at once.

:func:`geoconflict.pipeline.run` extracts incidents chunk by chunk (in this process or in
workers) and appends each chunk's incidents to one file per day (and one for undated
incidents) in a temporary folder; the merge across articles then reads the days back in
order (:func:`geoconflict.merge.merge_days`), holding only a few days at a time.

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

__all__ = ["UNDATED", "day_keys", "read_day", "spill_records"]

#: Day key of undated incidents (read last).
UNDATED = 0

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


def _day_key(date: dt.date | None) -> int:
    return date.toordinal() if date is not None else UNDATED


def spill_records(records: Iterable[tuple[int, Incident, Any]], folder: str | os.PathLike[str]
                  ) -> int:
    """Append records to the day files of this process in ``folder``; return how many."""
    by_day: defaultdict[int, list[tuple]] = defaultdict(list)
    n = 0
    for seq, incident, payload in records:
        by_day[_day_key(incident.date)].append((seq, _encode(incident), payload))
        n += 1
    pid = os.getpid()
    base = Path(folder)
    for day, items in by_day.items():
        with open(base / f"d{day:07d}.{pid}.bin", "ab") as fh:
            fh.write(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
    return n


def day_keys(folder: str | os.PathLike[str]) -> list[int]:
    """Return the day keys present in ``folder``: dated days in order, then :data:`UNDATED`."""
    keys = {int(p.name[1:8]) for p in Path(folder).glob("d*.bin")}
    dated = sorted(k for k in keys if k != UNDATED)
    return dated + ([UNDATED] if UNDATED in keys else [])


def read_day(folder: str | os.PathLike[str], day: int) -> Iterator[tuple[int, Incident, Any]]:
    """Yield the records of one day (in no particular order: the merge sorts them)."""
    for path in sorted(Path(folder).glob(f"d{day:07d}.*.bin")):
        with open(path, "rb") as fh:
            while True:
                try:
                    items = pickle.load(fh)
                except EOFError:
                    break
                for seq, values, payload in items:
                    yield seq, _decode(values), payload


def day_of(day: int) -> dt.date | None:
    """The date of a day key (None for :data:`UNDATED`)."""
    return None if day == UNDATED else dt.date.fromordinal(day)
