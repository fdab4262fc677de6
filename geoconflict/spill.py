"""Incidents spilled to disk by date, so a corpus run never holds every incident at once.

:func:`geoconflict.pipeline.run` extracts incidents chunk by chunk (in this process or in
workers) and appends each chunk's incidents to one file per week of dates (and one for undated
incidents) in a temporary folder; the merge across articles then reads the days back in
order (:func:`read_range`, :func:`read_days`), one date at a time.

A spilled record is ``(seq, incident, payload)``: ``seq`` the incident's position in the input
(chunk number and index, so ties of the canonical order keep the input order) and ``payload``
whatever the writer attaches (the pipeline: the admin areas its point was joined to).
Records are pickled as plain tuples (several times faster than pickling the dataclasses).
Each process appends to its own files (the process id is in the name), so workers never
write to one file together.

A file is a sequence of frames, one per date of a chunk: a header (the date's ordinal, 0 for
undated, the number of records and the length of the pickle), then the pickled list of that
date's records. A reader walks the headers and unpickles only the frames of the dates it
wants, so reading the days in order holds one date's records, however dense the weeks.
"""

from __future__ import annotations

import datetime as dt
import operator
import os
import pickle
import struct
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .records import Incident, Location, SourceReport

__all__ = [
    "SPAN_DAYS", "UNDATED", "day_counts", "read_days", "read_range", "read_undated",
    "spill_records", "week_span",
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


#: Days per spill file.
SPAN_DAYS = 7

#: A frame's header: date ordinal (0: undated), records, bytes of the pickle that follows.
_HEADER = struct.Struct("<iII")

SpilledRecord = tuple[int, Incident, Any]


def _bucket(ordinal: int) -> str:
    return f"w{ordinal // SPAN_DAYS:06d}" if ordinal else UNDATED


def spill_records(records: Iterable[tuple[int, Incident, Any]], folder: str | os.PathLike[str]
                  ) -> int:
    """Append records to this process's files in ``folder`` (one per week of dates, one for
    undated incidents), a frame per date; return how many."""
    by_day: defaultdict[int, list[tuple]] = defaultdict(list)
    n = 0
    for seq, incident, payload in records:
        day = incident.date
        by_day[day.toordinal() if day is not None else 0].append((seq, _encode(incident),
                                                                   payload))
        n += 1
    by_bucket: defaultdict[str, bytearray] = defaultdict(bytearray)
    for ordinal in sorted(by_day):
        items = by_day[ordinal]
        data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
        frames = by_bucket[_bucket(ordinal)]
        frames += _HEADER.pack(ordinal, len(items), len(data))
        frames += data
    pid = os.getpid()
    base = Path(folder)
    for bucket, frames in by_bucket.items():
        with open(base / f"{bucket}.{pid}.bin", "ab") as fh:
            fh.write(frames)
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


def _frames(fh: IO[bytes]) -> Iterator[tuple[int, int, int, int]]:
    """``(ordinal, records, offset, length)`` of each frame of an open spill file."""
    size = _HEADER.size
    at = 0
    while True:
        fh.seek(at)
        head = fh.read(size)
        if len(head) < size:
            return
        ordinal, count, length = _HEADER.unpack(head)
        yield ordinal, count, at + size, length
        at += size + length


def _files(folder: str | os.PathLike[str]) -> defaultdict[str, list[Path]]:
    """The spill files of ``folder`` by bucket (week or undated), each list sorted."""
    files: defaultdict[str, list[Path]] = defaultdict(list)
    base = Path(folder)
    for name in sorted(os.listdir(base)):
        if name.endswith(".bin"):
            files[name.split(".", 1)[0]].append(base / name)
    return files


def _read_bucket(paths: Iterable[Path], keep: Any) -> Iterator[list[SpilledRecord]]:
    """The records of some files of one bucket, one batch per date whose ordinal ``keep``
    accepts, dates in order (each batch in no particular order: the merge sorts it)."""
    index: defaultdict[int, list[tuple[int, int, int]]] = defaultdict(list)
    handles: list[IO[bytes]] = []
    try:
        for path in paths:
            fh = open(path, "rb")  # closed below: its frames are read date by date
            handles.append(fh)
            for ordinal, _count, offset, length in _frames(fh):
                if keep(ordinal):
                    index[ordinal].append((len(handles) - 1, offset, length))
        for ordinal in sorted(index):
            batch: list[SpilledRecord] = []
            for h, offset, length in index.pop(ordinal):
                fh = handles[h]
                fh.seek(offset)
                batch.extend((seq, _decode(values), payload)
                             for seq, values, payload in pickle.loads(fh.read(length)))
            yield batch
    finally:
        for fh in handles:
            fh.close()


def day_counts(folder: str | os.PathLike[str]) -> dict[dt.date, int]:
    """Dated records spilled in ``folder`` per date (read from the frame headers only)."""
    counts: defaultdict[int, int] = defaultdict(int)
    for bucket, paths in _files(folder).items():
        if bucket == UNDATED:
            continue
        for path in paths:
            with open(path, "rb") as fh:
                for ordinal, count, _offset, _length in _frames(fh):
                    counts[ordinal] += count
    return {dt.date.fromordinal(o): counts[o] for o in sorted(counts)}


def week_span(folder: str | os.PathLike[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the weeks spilled in ``folder`` (None: no dated incidents)."""
    weeks = [int(b[1:7]) for b in _files(folder) if b != UNDATED]
    if not weeks:
        return None
    first = max(1, min(weeks) * SPAN_DAYS)
    return dt.date.fromordinal(first), dt.date.fromordinal(max(weeks) * SPAN_DAYS + SPAN_DAYS - 1)


def read_range(folder: str | os.PathLike[str], first: dt.date, last: dt.date
               ) -> Iterator[list[SpilledRecord]]:
    """The spilled records dated ``first`` to ``last``, one batch per date, dates in order,
    read as they are asked for (one date's records at a time)."""
    lo, hi = first.toordinal(), last.toordinal()
    files = _files(folder)
    for week in range(lo // SPAN_DAYS, hi // SPAN_DAYS + 1):
        paths = files.get(f"w{week:06d}")
        if paths:
            yield from _read_bucket(paths, lambda o: lo <= o <= hi)


def read_undated(folder: str | os.PathLike[str]) -> list[SpilledRecord]:
    """The spilled records of undated incidents."""
    paths = _files(folder).get(UNDATED, [])
    return [r for batch in _read_bucket(paths, lambda o: True) for r in batch]


def read_days(folder: str | os.PathLike[str]) -> Iterator[list[SpilledRecord]]:
    """Yield the spilled records one date at a time, dates in order, then the undated ones
    (each batch in no particular order: the merge sorts it). Holds one date at a time."""
    files = _files(folder)
    for bucket in sorted(b for b in files if b != UNDATED):
        yield from _read_bucket(files[bucket], lambda o: True)
    undated = read_undated(folder)
    if undated:
        yield undated
