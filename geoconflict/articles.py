"""Read articles from text files, folders, JSONL, CSV/TSV and stdin, one at a time.

:func:`read_articles` streams :class:`~geoconflict.records.Article` records from any mix of
inputs without holding a whole corpus in memory, and accounts for every input in an
:class:`InputReport`: files read, articles read, and every item skipped with its reason.

Input kinds
-----------
``.txt`` file
    One article. ``doc_id`` is the file name without its extension.
folder
    Its ``.txt``, ``.jsonl``/``.ndjson``, ``.csv`` and ``.tsv`` files, recursively, in sorted
    order of their relative paths (deterministic). Hidden files and folders (names starting
    with ``.``) are not entered; files of other types are counted as ignored.
``.jsonl`` / ``.ndjson``
    One JSON object per line with a ``text`` string (required) and optional ``id``, ``date``,
    ``title``, ``url``, ``source``. Blank lines are passed over.
``.csv`` / ``.tsv``
    A header row, then one article per row, same columns (case-insensitive; ``doc_id`` is
    accepted for ``id``). Quoted fields may span lines.
``-``
    Standard input. When its first non-blank character is ``{`` it is read as JSONL (one
    article per line, streamed); otherwise the whole of it is one text article with
    ``doc_id`` ``"stdin"``.

``doc_id`` of a row is its ``id`` when given, else ``"<file stem>:<N>"`` where ``N`` is the
line number (JSONL) or the 1-based data row after the header (CSV), the same number the
report uses to point at a bad row. A ``doc_id`` used by two articles of one run (two folders
holding ``report.txt``) is kept as it is and adds a warning: its incident ids would repeat.

Text is kept as read, except that the newlines ``\\r\\n`` and ``\\r`` become ``\\n``: incident
offsets index into this text.

Dates
-----
A row's ``date`` may be ``YYYY-MM-DD``; an ISO date-time (``2018-02-09T10:00:00Z``: the date
as written, with no time-zone conversion); ``YYYY/MM/DD`` or ``YYYY.MM.DD``; ``9 February
2018``, ``Feb. 9, 2018`` (an optional weekday in front, an optional time after); an RFC 2822
mail date; or a numeric ``D/M/YYYY`` /
``M/D/YYYY`` (``/``, ``.`` or ``-``) **only when unambiguous** (one of the first two numbers
is above 12, or both are equal). ``09/02/2018`` is ambiguous and is not guessed. An absent,
unrecognised or ambiguous date falls back to ``default_date``; the last two add a warning.

Encodings
---------
UTF-8 (with or without a BOM), and UTF-16 or UTF-32 with a BOM, are read as such. Text that is
not valid UTF-8 is read as Windows-1252 only when it decodes strictly and is mostly ASCII
(English text with a few curly quotes or accented letters saved by an old Windows program);
that adds a warning. Anything else (an Arabic or Cyrillic 8-bit code page, UTF-16 without a
BOM) is refused with a reason: pass ``encoding=`` (``--encoding`` on the command line) to
name the encoding, which is then used strictly for every file.

Problems that skip an item without stopping the run: an empty file, a binary file (NUL
bytes), an unreadable file (permissions, a broken link), undecodable text, a JSONL line that
is not a JSON object, a row without ``text``, a CSV file without a ``text`` column. A path
that does not exist, or of an unsupported type, raises :class:`~geoconflict.errors.InputError`
when :func:`read_articles` is called, before any article is read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from .errors import InputError
from .records import Article

__all__ = [
    "ARTICLE_SUFFIXES",
    "InputReport",
    "SkippedItem",
    "parse_article_date",
    "read_articles",
]

InputKind = Literal["text", "jsonl", "csv", "tsv"]

#: File suffixes read as articles, and how.
ARTICLE_SUFFIXES: dict[str, InputKind] = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}

STDIN = "-"
_SNIFF_BYTES = 8192
_BINARY = "contains NUL bytes; not a text file (UTF-16 needs a BOM)"
_MAX_KEPT = 200  # skipped items / warnings kept in full; the rest are only counted
_CP1252_MAX_NON_ASCII = 0.05
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# --- the report ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SkippedItem:
    """One input item that was not read as an article.

    Parameters
    ----------
    where
        The file, or ``"<file>:<N>"`` for a row (the same ``N`` as in row ``doc_id`` values).
    reason
        A short kind, used to group the summary: ``empty``, ``binary``, ``unreadable``,
        ``encoding``, ``bad JSON``, ``no text``, ``no text column``.
    detail
        A longer explanation a person can act on.
    """

    where: str
    reason: str
    detail: str = ""

    def __str__(self) -> str:
        tail = f" ({self.detail})" if self.detail else ""
        return f"{self.where}: {self.reason}{tail}"


@dataclass(slots=True)
class InputReport:
    """An account of every input given to :func:`read_articles`, filled in as it reads.

    Only the first few hundred skipped items and warnings are kept in full; all of them are
    counted, so a corpus with millions of bad rows does not fill the memory.
    """

    files_read: int = 0
    articles_read: int = 0
    files_ignored: int = 0
    skipped: list[SkippedItem] = field(default_factory=list)
    skipped_by_reason: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    warning_count: int = 0
    _seen_ids: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def skipped_count(self) -> int:
        """Number of items skipped (files and rows)."""
        return sum(self.skipped_by_reason.values())

    def skip(self, where: str, reason: str, detail: str = "") -> None:
        """Record an item that was not read."""
        self.skipped_by_reason[reason] += 1
        if len(self.skipped) < _MAX_KEPT:
            self.skipped.append(SkippedItem(where, reason, detail))

    def warn(self, message: str) -> None:
        """Record a problem that did not stop an article from being read."""
        self.warning_count += 1
        if len(self.warnings) < _MAX_KEPT:
            self.warnings.append(message)

    def summary(self, *, examples: int = 3) -> str:
        """Return one line accounting for every input.

        Examples
        --------
        ``read 2 articles from 2 files; skipped 1 (empty: x.txt)``
        """
        parts = [
            f"read {_plural(self.articles_read, 'article')} from {_plural(self.files_read, 'file')}"
        ]
        if self.skipped_by_reason:
            groups = []
            for reason, count in self.skipped_by_reason.most_common():
                names = [s.where for s in self.skipped if s.reason == reason][:examples]
                more = ", ..." if count > len(names) else ""
                label = f"{reason} x{count}" if count > 1 else reason
                groups.append(f"{label}: {', '.join(names)}{more}")
            parts.append(f"skipped {self.skipped_count} ({'; '.join(groups)})")
        if self.files_ignored:
            parts.append(f"ignored {_plural(self.files_ignored, 'file')} of other types in folders")
        if self.warning_count:
            parts.append(_plural(self.warning_count, "warning"))
        return "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- dates ---------------------------------------------------------------------------------

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME_TAIL = r"(?:(?:,|\s+at)?\s+\d{1,2}[:.]\d{2}\b.*)?"
_ISO_RE = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?"
)
_DMY_WORDS_RE = re.compile(
    rf"{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}}){_TIME_TAIL}",
    re.IGNORECASE,
)
_MDY_WORDS_RE = re.compile(
    rf"{_WEEKDAY}{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_TIME_TAIL}",
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})")


def parse_article_date(value: Any) -> dt.date:
    """Parse the publication date of an article row.

    Parameters
    ----------
    value
        A string (see the module notes for the accepted forms) or a :class:`datetime.date`.

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        When the value is not a recognised date, or is an ambiguous numeric date such as
        ``09/02/2018``; the message says why.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        msg = f"date {value!r} is not text; write it as YYYY-MM-DD"
        raise ValueError(msg)
    text = value.strip()
    m = _ISO_RE.fullmatch(text)
    if m:
        return _make_date(int(m["y"]), int(m["m"]), int(m["d"]), value)
    for pattern in (_DMY_WORDS_RE, _MDY_WORDS_RE):
        m = pattern.fullmatch(text)
        if m and m["month"].lower() in _MONTHS:
            return _make_date(int(m["y"]), _MONTHS[m["month"].lower()], int(m["d"]), value)
    m = _NUMERIC_RE.fullmatch(text)
    if m:
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 or a == b:
            return _make_date(year, b, a, value)
        if b > 12:
            return _make_date(year, a, b, value)
        msg = f"ambiguous date {value!r} (day/month or month/day?); write it as YYYY-MM-DD"
        raise ValueError(msg)
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date()
    msg = f"unrecognised date {value!r}; write it as YYYY-MM-DD"
    raise ValueError(msg)


def _make_date(year: int, month: int, day: int, original: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        msg = f"impossible date {original!r}"
        raise ValueError(msg) from None


# --- finding the inputs --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Input:
    path: Path | None  # None for stdin
    kind: InputKind | Literal["folder", "stdin"]


def _check_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[_Input]:
    """Validate every input up front: a missing path fails before anything is read."""
    checked: list[_Input] = []
    seen_stdin = False
    for raw in inputs:
        name = os.fspath(raw)
        if name == STDIN:
            if seen_stdin:
                msg = "standard input ('-') is named more than once"
                raise InputError(msg)
            seen_stdin = True
            checked.append(_Input(None, "stdin"))
            continue
        path = Path(name)
        if path.is_dir():
            checked.append(_Input(path, "folder"))
            continue
        if not path.exists():
            hint = " (a broken link)" if path.is_symlink() else ""
            msg = f"no such file or folder: {name!r}{hint}"
            raise InputError(msg)
        kind = ARTICLE_SUFFIXES.get(path.suffix.lower())
        if kind is None:
            allowed = ", ".join(ARTICLE_SUFFIXES)
            msg = (
                f"cannot read {name!r}: unsupported file type {path.suffix or '(none)'!r}; "
                f"expected {allowed}, a folder, or '-' for standard input"
            )
            raise InputError(msg)
        checked.append(_Input(path, kind))
    if not checked:
        msg = "no input given; name .txt, .jsonl or .csv files, folders, or '-'"
        raise InputError(msg)
    return checked


def _walk_folder(folder: Path, report: InputReport) -> Iterator[tuple[Path, InputKind]]:
    """Yield article files under ``folder`` in sorted order, skipping hidden entries."""
    entries: list[tuple[str, Path]] = []

    def unreadable(exc: OSError) -> None:
        report.skip(str(exc.filename), "unreadable", exc.strerror or str(exc))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for fname in files:
            if fname.startswith("."):
                continue
            path = Path(root, fname)
            if ARTICLE_SUFFIXES.get(path.suffix.lower()) is None:
                report.files_ignored += 1
                continue
            entries.append((path.relative_to(folder).as_posix(), path))
    for _rel, path in sorted(entries):
        yield path, ARTICLE_SUFFIXES[path.suffix.lower()]


# --- decoding ------------------------------------------------------------------------------


class _Refused(Exception):
    """A file or row cannot be read, for a ``reason`` (a short kind) with a ``detail``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _bom_encoding(head: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _looks_binary(head: bytes) -> bool:
    return b"\x00" in head


def _decode_fallback(data: bytes, where: str, report: InputReport | None) -> str:
    """Decode bytes that are not valid UTF-8: cp1252 when clean and mostly ASCII."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        non_ascii = sum(1 for ch in text if ord(ch) > 127)
        controls = any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)
        if not controls and non_ascii <= max(3, _CP1252_MAX_NON_ASCII * len(text)):
            if report is not None:
                report.warn(f"{where}: not UTF-8; read as Windows-1252 (cp1252)")
            return text
    offset = 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
    detail = (
        f"not UTF-8 (byte 0x{data[offset : offset + 1].hex()} at offset {offset}) nor plain "
        "Windows-1252 text; convert it to UTF-8 or name its encoding with --encoding"
    )
    raise _Refused(reason="encoding", detail=detail)


def _decode(data: bytes, where: str, report: InputReport, encoding: str | None) -> str:
    """Decode one whole file or one line, following the module's encoding rules."""
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            detail = f"not valid {encoding} at offset {exc.start}"
            raise _Refused(reason="encoding", detail=detail) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_fallback(data, where, report)


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# --- readers -------------------------------------------------------------------------------


def _label(path: Path | None) -> str:
    return "<stdin>" if path is None else str(path)


def _read_text_file(
    path: Path, report: InputReport, default_date: dt.date | None, encoding: str | None
) -> Iterator[Article]:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.skip(where, "unreadable", exc.strerror or str(exc))
        return
    try:
        text = _bytes_to_text(data, where, report, encoding)
    except _Refused as exc:
        report.skip(where, exc.reason, exc.detail)
        return
    report.files_read += 1
    report.articles_read += 1
    yield Article(doc_id=path.stem, text=text, date=default_date)


def _bytes_to_text(data: bytes, where: str, report: InputReport, encoding: str | None) -> str:
    """Decode a whole text article; refuse empty and binary content."""
    bom = _bom_encoding(data[:4])
    if encoding is None and bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            detail = f"invalid {bom} at offset {exc.start}"
            raise _Refused(reason="encoding", detail=detail) from None
    else:
        if not data.strip():
            raise _Refused(reason="empty", detail="no text")
        if encoding is None and _looks_binary(data[:_SNIFF_BYTES]):
            raise _Refused(reason="binary", detail=_BINARY)
        text = _decode(data, where, report, encoding)
    text = _normalise_newlines(text.lstrip("\ufeff"))
    if not text.strip():
        raise _Refused(reason="empty", detail="no text")
    return text


def _open_lines(
    fh: IO[bytes], where: str, report: InputReport, encoding: str | None
) -> Iterator[tuple[str, bool]]:
    """Yield ``(line, ok)`` decoded lines (with their line ends) from a binary stream.

    UTF-16/32 files (BOM) and a named ``encoding`` use an incremental decoder over the
    stream; otherwise each line is decoded on its own (UTF-8, or the cp1252 fallback), so one
    bad line costs one row, not the rest of the file. ``ok`` is False for a line that could
    not be decoded (it is then given with replacement characters).
    """
    head = fh.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(fh, "peek") else b""
    bom = _bom_encoding(head[:4])
    if encoding is None and bom is None and _looks_binary(head):
        raise _Refused(reason="binary", detail=_BINARY)
    wide = encoding or (bom if bom in ("utf-16", "utf-32") else None)
    if wide is not None:
        stream = io.TextIOWrapper(fh, encoding=wide, errors="strict", newline="")
        try:
            for line in stream:
                yield line.lstrip("\ufeff"), True
        except UnicodeDecodeError as exc:
            detail = f"invalid {wide} after {exc.start} bytes of a chunk; rest of file not read"
            raise _Refused(reason="encoding", detail=detail) from None
        finally:
            stream.detach()
        return
    fallback_lines = 0  # lines read as cp1252: one warning per file, not one per line
    for number, raw in enumerate(fh, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = _decode_fallback(raw, where, None)
            except _Refused:
                yield raw.decode("utf-8", errors="replace"), False
                continue
            fallback_lines += 1
            if fallback_lines == 1:
                report.warn(
                    f"{where}:{number}: not UTF-8; this line and any others like it in the "
                    "file read as Windows-1252 (cp1252)"
                )
        yield text, True


def _row_date(
    value: Any, where: str, report: InputReport, default_date: dt.date | None
) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_date
    try:
        return parse_article_date(value)
    except ValueError as exc:
        fallback = default_date.isoformat() if default_date else "none"
        report.warn(f"{where}: {exc}; using the default date ({fallback})")
        return default_date


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _row_article(
    row: dict[str, Any],
    stem: str,
    number: int,
    where: str,
    report: InputReport,
    default_date: dt.date | None,
) -> Article | None:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        detail = "the 'text' field is missing or empty"
        if text is not None and not isinstance(text, str):
            detail = f"the 'text' field is {type(text).__name__}, not a string"
        report.skip(where, "no text", detail)
        return None
    if "\x00" in text:
        report.skip(where, "binary", "the text holds NUL bytes")
        return None
    doc_id = _opt_str(row.get("id"))
    if doc_id is None:
        doc_id = _opt_str(row.get("doc_id"))
    return Article(
        doc_id=doc_id or f"{stem}:{number}",
        text=_normalise_newlines(text),
        date=_row_date(row.get("date"), where, report, default_date),
        title=_opt_str(row.get("title")),
        url=_opt_str(row.get("url")),
        source=_opt_str(row.get("source")),
    )


def _jsonl_articles(
    lines: Iterator[tuple[str, bool]],
    stem: str,
    label: str,
    report: InputReport,
    default_date: dt.date | None,
) -> Iterator[Article]:
    for number, (line, ok) in enumerate(lines, start=1):
        where = f"{label}:{number}"
        if not ok:
            report.skip(where, "encoding", "line is not UTF-8 nor plain Windows-1252 text")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            report.skip(where, "bad JSON", f"{exc.msg} at column {exc.colno}")
            continue
        if not isinstance(row, dict):
            report.skip(where, "bad JSON", f"a JSON {type(row).__name__}, not an object")
            continue
        article = _row_article(row, stem, number, where, report, default_date)
        if article is not None:
            report.articles_read += 1
            yield article


def _csv_articles(
    lines: Iterator[tuple[str, bool]],
    stem: str,
    label: str,
    report: InputReport,
    default_date: dt.date | None,
    delimiter: str,
) -> Iterator[Article]:
    bad_lines: set[int] = set()
    line_count = 0

    def text_lines() -> Iterator[str]:
        nonlocal line_count
        for line, ok in lines:
            line_count += 1
            if not ok:
                bad_lines.add(line_count)
            yield line

    csv.field_size_limit(2**31 - 1)  # an article is often longer than csv's 128 KiB default
    reader = csv.reader(text_lines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise _Refused(reason="empty", detail="no header row") from None
    columns = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "text" not in columns:
        shown = ", ".join(repr(c) for c in columns[:8])
        detail = f"the header has {shown}; a 'text' column is needed"
        raise _Refused(reason="no text column", detail=detail)
    last_line = reader.line_num
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            report.skip(f"{label}:{number}", "bad CSV", str(exc))
            last_line = reader.line_num
            continue
        first_line, last_line = last_line + 1, reader.line_num
        if not values or not any(v.strip() for v in values):
            continue
        number += 1
        where = f"{label}:{number}"
        if any(first_line <= n <= last_line for n in bad_lines):
            report.skip(where, "encoding", "row is not UTF-8 nor plain Windows-1252 text")
            continue
        row = dict(zip(columns, values, strict=False))
        article = _row_article(row, stem, number, where, report, default_date)
        if article is not None:
            report.articles_read += 1
            yield article


def _read_row_file(
    path: Path,
    kind: InputKind,
    report: InputReport,
    default_date: dt.date | None,
    encoding: str | None,
) -> Iterator[Article]:
    where = str(path)
    try:
        fh = open(path, "rb")  # closed in the finally below
    except OSError as exc:
        report.skip(where, "unreadable", exc.strerror or str(exc))
        return
    try:
        yield from _read_row_stream(fh, path.stem, where, kind, report, default_date, encoding)
    finally:
        fh.close()


def _read_row_stream(
    fh: IO[bytes],
    stem: str,
    where: str,
    kind: InputKind,
    report: InputReport,
    default_date: dt.date | None,
    encoding: str | None,
) -> Iterator[Article]:
    before = report.articles_read
    try:
        if not isinstance(fh, io.BufferedReader):
            fh = io.BufferedReader(fh)  # type: ignore[arg-type]
        head = fh.peek(_SNIFF_BYTES)
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n"):
            raise _Refused(reason="empty", detail="no content")
        lines = _open_lines(fh, where, report, encoding)
        if kind == "jsonl":
            yield from _jsonl_articles(lines, stem, where, report, default_date)
        else:
            delimiter = "\t" if kind == "tsv" else ","
            yield from _csv_articles(lines, stem, where, report, default_date, delimiter)
    except _Refused as exc:
        if report.articles_read == before:
            report.skip(where, exc.reason, exc.detail)
            return
        read = report.articles_read - before
        report.skip(where, exc.reason, f"{exc.detail} (after {_plural(read, 'article')})")
        report.files_read += 1
        return
    except OSError as exc:
        report.skip(where, "unreadable", exc.strerror or str(exc))
        if report.articles_read > before:
            report.files_read += 1
        return
    report.files_read += 1


def _read_stdin(
    report: InputReport, default_date: dt.date | None, encoding: str | None
) -> Iterator[Article]:
    where = _label(None)
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stdin (some embedding hosts): encode back to bytes
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    head = buffered.peek(_SNIFF_BYTES)
    bom = _bom_encoding(head[:4])
    sniff = head.decode(bom or "utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if sniff.startswith("{"):
        yield from _read_row_stream(
            buffered, "stdin", where, "jsonl", report, default_date, encoding
        )
        return
    try:
        text = _bytes_to_text(buffered.read(), where, report, encoding)
    except _Refused as exc:
        report.skip(where, exc.reason, exc.detail)
        return
    report.files_read += 1
    report.articles_read += 1
    yield Article(doc_id="stdin", text=text, date=default_date)


# --- the public reader ---------------------------------------------------------------------


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
    report: InputReport | None = None,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Stream the articles of any mix of text files, folders, JSONL/CSV files and stdin.

    Parameters
    ----------
    inputs
        Paths of ``.txt``, ``.jsonl``/``.ndjson``, ``.csv``/``.tsv`` files or folders, and
        ``"-"`` for standard input; see the module notes for each kind.
    default_date
        Publication date of articles that carry none (text files, rows without a usable
        ``date``); used to resolve "on Thursday".
    report
        An :class:`InputReport` to fill in while reading (read it once the iterator is
        exhausted); a new one is used when omitted.
    encoding
        Decode every file with this encoding (strictly) instead of the automatic rules.

    Returns
    -------
    Iterator[Article]
        A lazy iterator: files are opened one at a time and rows read one at a time.

    Raises
    ------
    InputError
        At once, before any article is read, when an input does not exist, has an
        unsupported type, or ``encoding`` is unknown. Problems inside inputs are not raised:
        they are recorded in ``report`` and the item is skipped.

    Examples
    --------
    >>> report = InputReport()
    >>> for article in read_articles(["articles/"], report=report):  # doctest: +SKIP
    ...     print(article.doc_id)
    >>> print(report.summary())  # doctest: +SKIP
    read 2 articles from 2 files
    """
    checked = _check_inputs(inputs)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            msg = f"unknown encoding {encoding!r}; try utf-8, cp1252, cp1256 or utf-16"
            raise InputError(msg) from None
    if report is None:
        report = InputReport()
    return _iter_articles(checked, report, default_date, encoding)


def _iter_articles(
    checked: list[_Input],
    report: InputReport,
    default_date: dt.date | None,
    encoding: str | None,
) -> Iterator[Article]:
    for item in checked:
        if item.kind == "stdin":
            yield from _unique(_read_stdin(report, default_date, encoding), report)
            continue
        assert item.path is not None
        if item.kind == "folder":
            files: Iterable[tuple[Path, InputKind]] = _walk_folder(item.path, report)
        else:
            files = [(item.path, item.kind)]  # type: ignore[list-item]
        for path, kind in files:
            if kind == "text":
                yield from _unique(_read_text_file(path, report, default_date, encoding), report)
            else:
                rows = _read_row_file(path, kind, report, default_date, encoding)
                yield from _unique(rows, report)


def _unique(articles: Iterator[Article], report: InputReport) -> Iterator[Article]:
    """Pass articles through, warning when a ``doc_id`` was already used in this run."""
    seen = report._seen_ids
    for article in articles:
        if article.doc_id in seen:
            report.warn(
                f"doc_id {article.doc_id!r} is used by more than one article; "
                "incident ids will repeat (give rows an 'id', or rename the files)"
            )
        else:
            seen.add(article.doc_id)
        yield article
