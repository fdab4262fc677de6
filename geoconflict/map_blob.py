"""The map's incident blob, built slice by slice on disk.

:func:`geoconflict.maps.incidents_blob` builds the columnar structure the map script draws from
a whole table in memory. :class:`BlobColumns` builds the same structure from slices of rows as
they come and keeps every column in files of a working folder, so a run that maps a million
incidents holds one slice, not a million rows; :meth:`BlobColumns.pieces` then yields the JSON
text member by member, in the format of ``script_json(incidents_blob(table))``.

Strings are interned per column as in :func:`~geoconflict.maps.incidents_blob`, but each
column's memory of strings already seen is bounded (``intern_limit``): past it the memory is
forgotten and later repeats are stored again. Below the limit the text is byte for byte that
of :func:`~geoconflict.maps.incidents_blob`; above it the page decodes the same values from a
longer string table.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from .maps import (
    EVENT_COLORS,
    MAX_POPUP_TEXT,
    MapFacts,
    _flag_codes,
    _int_codes,
    _iso_date,
    _known,
    _marker_positions,
    _type_codes,
    script_json,
)
from .records import MAP_KINDS

#: Columns of the blob that point into its string table, in the table's order.
STRING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("pl", "place"), ("pn", "place_name"), ("ac", "actor"), ("dc", "doc_id"),
    ("tx", "text"), ("id", "incident_id"),
)
#: Sparse columns: blob member -> table column.
SPARSE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("kl", "killed_low"), ("kh", "killed_high"), ("inj", "injured_best"),
    ("ch", "killed_children"),
)
#: Distinct strings remembered per column for interning (see the module's notes).
INTERN_LIMIT = 20_000
#: Values read back from a column file at a time.
_READ = 1 << 16

_SEP = (",", ":")


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and math.isnan(value))


def _json_values(values: list[Any]) -> str:
    """The members of a JSON array of ``values``, without the brackets."""
    return json.dumps(values, separators=_SEP)[1:-1]


class _IntFile:
    """An append-only file of int64 (or float64) values."""

    def __init__(self, path: Path, dtype: str = "int64") -> None:
        self.path = path
        self.dtype = np.dtype(dtype)
        self.fh: IO[bytes] = open(path, "wb")
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        arr = np.ascontiguousarray(values, dtype=self.dtype)
        self.fh.write(arr.tobytes())
        self.n += len(arr)

    def close(self) -> None:
        if not self.fh.closed:
            self.fh.close()

    def chunks(self) -> Iterator[np.ndarray]:
        self.close()
        size = self.dtype.itemsize
        with open(self.path, "rb") as fh:
            while True:
                data = fh.read(_READ * size)
                if not data:
                    return
                yield np.frombuffer(data, dtype=self.dtype)


class _StringColumn:
    """One column's part of the string table: the strings in a file, codes local to it."""

    def __init__(self, path: Path, limit: int | None, intern_limit: int) -> None:
        self.path = path
        self.fh: IO[str] = open(path, "w", encoding="utf-8", newline="")
        self.limit = limit
        self.intern_limit = intern_limit
        self.seen: dict[Any, int] = {}
        self.n = 0

    def codes(self, values: np.ndarray) -> np.ndarray:
        out = np.empty(len(values), dtype=np.int64)
        seen, limit = self.seen, self.limit
        for i, value in enumerate(values.tolist()):
            if _missing(value):
                out[i] = -1
                continue
            code = seen.get(value)
            if code is None:
                if len(seen) >= self.intern_limit:
                    seen.clear()
                text = str(value)
                if limit is not None and len(text) > limit:
                    text = text[: limit - 1].rstrip() + "…"
                code = self.n
                seen[value] = code
                self.fh.write(("," if self.n else "") + script_json(text))
                self.n += 1
                if text == "":
                    code = -1
                    seen[value] = -1
            out[i] = code
        return out

    def text_chunks(self) -> Iterator[str]:
        if not self.fh.closed:
            self.fh.close()
        with open(self.path, encoding="utf-8", newline="") as fh:
            while True:
                data = fh.read(1 << 20)
                if not data:
                    return
                yield data


class BlobColumns:
    """The incident blob of the map, added slice by slice and kept in ``folder``.

    Parameters
    ----------
    folder
        An existing working folder; the column files are written there (the caller removes
        it).
    intern_limit
        Distinct strings remembered per string column (a bound on memory).

    Notes
    -----
    ``add`` takes tables of :data:`geoconflict.maps.MAP_COLUMNS` (incidents joined to their
    areas, with nullable integer counts); rows without a position are left out, as in
    :func:`~geoconflict.maps.incidents_blob`. ``add`` also keeps what the map's title and
    legend need (:attr:`facts`, a :class:`~geoconflict.maps.MapFacts`), so the table itself
    is never needed again.
    """

    def __init__(self, folder: str | os.PathLike[str], *,
                 intern_limit: int = INTERN_LIMIT) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        f = self.folder
        self.lat = _IntFile(f / "lat.f8", "float64")
        self.lon = _IntFile(f / "lon.f8", "float64")
        self.ints = {name: _IntFile(f / f"{name}.i8") for name in ("k", "ty", "d", "pr")}
        self.sparse = {name: (_IntFile(f / f"{name}.at.i8"), _IntFile(f / f"{name}.v.i8"))
                       for name, _ in (*SPARSE_COLUMNS, ("f", ""))}
        self.strings = {
            name: _StringColumn(f / f"{name}.json", MAX_POPUP_TEXT if name == "tx" else None,
                                intern_limit)
            for name, _ in STRING_COLUMNS
        }
        self.codes = {name: _IntFile(f / f"{name}.i8") for name, _ in STRING_COLUMNS}
        self.date_codes: dict[str, int] = {}
        self.drawn = 0
        #: what the title, subtitle and legend say, over every row (placed or not)
        self.facts = MapFacts()

    def add(self, table: pd.DataFrame) -> None:
        """Add a slice of rows (see the class notes)."""
        if len(table) == 0:
            return
        self.facts += MapFacts.of_table(table)
        lon, lat = _marker_positions(table)
        keep = ~(np.isnan(lon) | np.isnan(lat))
        g = table.loc[keep].reset_index(drop=True)
        if len(g) == 0:
            return
        start = self.drawn
        self.drawn += len(g)
        self.lat.extend(np.round(lat[keep], 5))
        self.lon.extend(np.round(lon[keep], 5))
        self.ints["k"].extend(_int_codes(g["killed_best"]))
        self.ints["pr"].extend(_int_codes(g["precision"]))
        self.ints["ty"].extend(_type_codes(g["event_type"]))
        dates = self.date_codes
        codes = []
        for value in g["date"].to_numpy(dtype=object):
            iso = _iso_date(value)
            codes.append(-1 if not iso else dates.setdefault(iso, len(dates)))
        self.ints["d"].extend(np.array(codes, dtype=np.int64))
        for name, column in SPARSE_COLUMNS:
            known, values = _known(g[column])
            at, vals = self.sparse[name]
            at.extend(known + start)
            vals.extend(values)
        flags = _flag_codes(g)
        marked = np.flatnonzero(flags)
        at, vals = self.sparse["f"]
        at.extend(marked + start)
        vals.extend(flags[marked])
        for name, column in STRING_COLUMNS:
            self.codes[name].extend(self.strings[name].codes(g[column].to_numpy(dtype=object)))

    def pieces(self) -> Iterator[str]:
        """Yield the blob's JSON text, piece by piece (joined: one JSON object)."""
        types = list(MAP_KINDS)
        dates = sorted(self.date_codes)
        rank = np.full(len(self.date_codes) + 1, -1, dtype=np.int64)
        for i, d in enumerate(dates):
            rank[self.date_codes[d]] = i
        offsets = {}
        total = 0
        for name, _ in STRING_COLUMNS:
            offsets[name] = total
            total += self.strings[name].n

        def array(name: str, source: _IntFile, remap: Any = None, sep: str = ",",
                  ) -> Iterator[str]:
            yield f'{sep}"{name}":['
            first = True
            for chunk in source.chunks():
                if remap is not None:
                    chunk = remap(chunk)
                text = _json_values(chunk.tolist())
                if text:
                    yield ("" if first else ",") + text
                    first = False
            yield "]"

        def sparse(name: str) -> Iterator[str]:
            at, vals = self.sparse[name]
            yield f',"{name}":{{'
            first = True
            for idx, val in zip(at.chunks(), vals.chunks(), strict=True):
                text = ",".join(f'"{i}":{v}' for i, v in zip(idx.tolist(), val.tolist(),
                                                              strict=True))
                if text:
                    yield ("" if first else ",") + text
                    first = False
            yield "}"

        yield "{"
        yield from array("lat", self.lat, sep="")
        yield from array("lon", self.lon)
        yield from array("k", self.ints["k"])
        for name, _ in SPARSE_COLUMNS:
            yield from sparse(name)
        yield from array("ty", self.ints["ty"])
        yield ',"types":' + script_json(types)
        yield ',"colors":' + script_json([EVENT_COLORS[t] for t in types])
        yield from array("d", self.ints["d"], lambda c: rank[c])
        yield ',"dates":' + script_json(dates)
        yield from array("pr", self.ints["pr"])
        yield from sparse("f")
        for name, _ in STRING_COLUMNS:
            offset = offsets[name]
            yield from array(name, self.codes[name],
                             lambda c, o=offset: np.where(c >= 0, c + o, -1))
        yield ',"s":['
        first = True
        for name, _ in STRING_COLUMNS:
            column = self.strings[name]
            if column.n == 0:
                column.fh.close()
                continue
            if not first:
                yield ","
            yield from column.text_chunks()
            first = False
        yield "]}"

    def close(self) -> None:
        """Close the column files (:meth:`pieces` closes them too)."""
        for f in (self.lat, self.lon, *self.ints.values(), *self.codes.values(),
                  *(f for pair in self.sparse.values() for f in pair)):
            f.close()
        for column in self.strings.values():
            if not column.fh.closed:
                column.fh.close()
