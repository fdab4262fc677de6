"""The whole pipeline in one call: articles -> incidents -> places -> merged events -> outputs.

:func:`run` reads the inputs as a stream, extracts incidents and resolves their places (in
this process, in ``jobs`` local processes, or on a Dask cluster), merges the reports of one
event across articles (:mod:`geoconflict.merge`), joins the incidents to the administrative
areas they fall in, and writes into ``outdir``:

``incidents.geojson``
    The merged incidents (``CONTRACT.md``), sorted by date, place and document.
``incidents.csv``
    The same table as CSV.
``areas.geojson``
    Deaths and incidents per governorate (the choropleth's table).
``map.html``
    The interactive map.
``report.md``
    What was read and found: articles, incidents, deaths by governorate, the place names
    the gazetteer did not know (with how often they occurred: the list to extend the
    gazetteer from), and every skipped input with its reason.
``incidents.parquet/``
    Partitioned GeoParquet (with ``engine="dask"`` only).

Every file is written atomically, and the same input gives byte-identical files (no
timestamps, stable ids, sorted rows) whatever ``jobs`` or ``engine``.

Totals count each event once: cumulative tolls (``is_cumulative``) and incidents that lie
inside a larger one (``part_of``) are listed but not added.

How a large corpus is streamed (memory stays flat as the corpus grows, and almost all the
work runs in the worker processes):

1. Articles are read lazily and sent in chunks of :data:`CHUNK_SIZE`. Each chunk is
   extracted, joined to its admin areas (:func:`admin_payloads`, row by row) and its
   incidents written, with their GeoJSON feature and CSV line, to a spill of one file per
   week of dates, read back a date at a time (:mod:`geoconflict.spill`); only a small
   :class:`ChunkSummary` comes back (with the incidents per date).
2. The merge only joins reports on the same or adjacent days, so it runs over spans of
   dates (:func:`merge_span_task`, in parallel), cut so each holds about the same number
   of incidents (:data:`MERGE_SPANS_PER_WORKER` per worker, at most
   :data:`MERGE_SPAN_DAYS` days), each starting from the groups still open at its first
   day: guessed from :data:`MERGE_WARMUP_DAYS` earlier days, checked in order against the
   previous span and redone when the guess was wrong
   (:func:`geoconflict.merge.merged_spans`), so the result is exactly the merge of all
   incidents at once (:func:`geoconflict.merge.merge_incidents`). A task reads its days one
   at a time and writes its records as they are settled (:class:`geoconflict.merge.SpanStream`),
   so it holds a few days of incidents, however long its span.
3. This process concatenates the spans' features and lines in order into the GeoJSON and
   CSV files, and keeps only the few columns the map draws, from which the per-area sums and
   the map are made.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._atomic import atomic_open
from .config import DEFAULT_CONFIG, Config
from .errors import ExportError, GeoconflictError, InputError
from .records import Article, Incident, map_kind

if TYPE_CHECKING:
    import geopandas as gpd

    from .articles import InputReport

__all__ = [
    "CHUNK_SIZE",
    "OUTPUT_NAMES",
    "Engine",
    "RunResult",
    "chunked",
    "counted",
    "extract_chunk",
    "init_worker",
    "run",
    "unresolved_names",
]

Engine = Literal["local", "dask"]

#: Output files of :func:`run`, by key.
OUTPUT_NAMES: dict[str, str] = {
    "incidents": "incidents.geojson",
    "csv": "incidents.csv",
    "areas": "areas.geojson",
    "map": "map.html",
    "report": "report.md",
}

#: Articles per task sent to a worker process.
CHUNK_SIZE = 64


@dataclass(frozen=True, slots=True)
class RunResult:
    """What :func:`run` did.

    Parameters
    ----------
    outdir
        The output folder.
    articles
        Articles read.
    extracted
        Incidents found, before merging across articles.
    incidents
        Incidents written (one per event, after merging).
    merged
        Incidents that combine reports from several articles.
    placed
        Incidents with a resolved place.
    killed
        Deaths (best estimates) over the counted incidents (see :func:`counted`).
    paths
        The files written, by key (``incidents``, ``csv``, ``areas``, ``map``, ``report``,
        ``parquet``).
    unresolved
        ``(place name, occurrences)`` of names the gazetteer could not place, most frequent
        first.
    missing
        Stages not available in this installation (their outputs were not written).
    failed
        ``(doc_id, message)`` of articles whose extraction failed.
    report
        The input report (files read, skipped items with reasons).
    by_admin1
        ``(governorate, incidents, killed)`` over the counted incidents.
    timings
        Seconds spent in each stage (``read+extract``: reading, extraction, the admin join
        and the spill; ``merge``: merging and serialising the incidents, span by span;
        ``write``: the incident files; ``areas+map``: areas, map and report), and ``merge
        spans redone`` (spans whose guessed open groups were wrong); not written to any
        output, so outputs stay identical between runs.
    """

    outdir: Path
    articles: int
    extracted: int
    incidents: int
    merged: int
    placed: int
    killed: int
    paths: dict[str, Path] = field(default_factory=dict)
    unresolved: tuple[tuple[str, int], ...] = ()
    missing: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    report: InputReport | None = None
    by_admin1: tuple[tuple[str, int, int], ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def summary(self) -> str:
        """Return a short multi-line summary for people (the CLI prints it)."""
        lines = [
            f"articles: {self.articles}",
            f"incidents: {self.incidents} ({self.extracted} extracted, {self.merged} merged "
            f"across articles, {self.placed} placed)",
            f"killed (best estimate, each event once): {self.killed}",
        ]
        if self.unresolved:
            top = ", ".join(f"{n} ({c})" for n, c in self.unresolved[:5])
            lines.append(f"unresolved places: {len(self.unresolved)} names, e.g. {top}")
        if self.report is not None and self.report.skipped_count:
            lines.append(f"skipped inputs: {self.report.skipped_count} (see report.md)")
        if self.failed:
            lines.append(f"articles that failed extraction: {len(self.failed)} (see report.md)")
        lines.extend(f"not written: {stage}" for stage in self.missing)
        lines.extend(f"wrote {path}" for _key, path in sorted(self.paths.items()))
        return "\n".join(lines)


# --- extraction in this process or in worker processes -----------------------------------

_WORKER: dict[str, Any] = {}


def _extractor() -> Callable[..., Iterable[Incident]]:
    from .extract import extract_incidents

    return extract_incidents


def _load_resolver(config: Config) -> Any:
    """Load the default gazetteer resolver once per process (cached by the gazetteer)."""
    import gazetteer

    if config.default_country in (None, "SY"):
        return gazetteer.default_resolver()
    return gazetteer.Resolver(gazetteer.load_default(), default_country=config.default_country)


def init_worker(config: Config) -> None:
    """Load the gazetteer once in a worker process (``ProcessPoolExecutor`` initializer)."""
    _WORKER["config"] = config
    _WORKER["resolver"] = _load_resolver(config)
    _WORKER["extract"] = _extractor()
    # Warm up once here, so lazily built tables are ready before the first real chunk.
    warmup = Article(doc_id="warmup", text="Shelling killed 2 people in Aleppo on Monday.")
    with contextlib.suppress(Exception):
        list(_WORKER["extract"](warmup, resolver=_WORKER["resolver"], config=config))


def extract_chunk(
    articles: Sequence[Article], config: Config | None = None
) -> tuple[list[Incident], list[tuple[str, str]]]:
    """Extract and resolve the incidents of some articles with this process's gazetteer.

    Returns the incidents and ``(doc_id, message)`` for each article whose extraction failed
    (the run goes on without it and lists it in the report).
    """
    if "resolver" not in _WORKER or (config is not None and _WORKER.get("config") != config):
        init_worker(config or DEFAULT_CONFIG)
    extract, resolver, cfg = _WORKER["extract"], _WORKER["resolver"], _WORKER["config"]
    incidents: list[Incident] = []
    failed: list[tuple[str, str]] = []
    for article in articles:
        try:
            incidents.extend(extract(article, resolver=resolver, config=cfg))
        except Exception as exc:  # one bad article must not stop a corpus run
            failed.append((article.doc_id, f"{type(exc).__name__}: {exc}"))
    return incidents, failed


#: ``(admin1, admin2)`` the point's join gives the incident (the records' areas), then
#: ``(admin1, admin2)`` of the join the area summaries and the map apply to those records;
#: None for an unplaced incident.
AdminPayload = tuple[str | None, str | None, str | None, str | None] | None


def admin_payloads(incidents: Sequence[Incident]) -> list[AdminPayload]:
    """Join the incidents' points to the admin areas (:func:`join_admin` and the join the
    area summary applies on top of it), row by row, without building a GeoDataFrame."""
    import numpy as np

    from .joins import join_admin_arrays

    placed = [k for k, inc in enumerate(incidents) if inc.location is not None]
    out: list[AdminPayload] = [None] * len(incidents)
    if not placed:
        return out
    locs = [incidents[k].location for k in placed]
    x = np.array([loc.lon for loc in locs], dtype=float)  # type: ignore[union-attr]
    y = np.array([loc.lat for loc in locs], dtype=float)  # type: ignore[union-attr]
    p = np.array([loc.precision for loc in locs], dtype=int)  # type: ignore[union-attr]
    old1 = np.array([loc.admin1 for loc in locs] + [None], dtype=object)[:-1]  # type: ignore[union-attr]
    old2 = np.array([loc.admin2 for loc in locs] + [None], dtype=object)[:-1]  # type: ignore[union-attr]
    none = np.full(len(locs), None, dtype=object)
    a1, a2, _a3 = join_admin_arrays(x, y, p, old1, old2, none.copy())
    # _apply_admin: the join's areas, unless it found none
    found = np.array([v1 is not None or v2 is not None for v1, v2 in zip(a1, a2, strict=True)],
                     dtype=bool)
    r1 = np.where(found, a1, old1)
    r2 = np.where(found, a2, old2)
    b1, b2, _b3 = join_admin_arrays(x, y, p, r1.copy(), r2.copy(), none.copy())
    for j, k in enumerate(placed):
        out[k] = (r1[j], r2[j], b1[j], b2[j])
    return out


#: What the pipeline spills with each incident: its :data:`AdminPayload`, and its GeoJSON
#: feature and CSV line as written when it merges with nothing.
SpilledPayload = tuple[AdminPayload, str, str]


@dataclass(frozen=True, slots=True)
class ChunkSummary:
    """What a worker hands back for a chunk of articles whose incidents it spilled."""

    extracted: int
    failed: tuple[tuple[str, str], ...]
    unresolved: dict[str, int]
    targets: tuple[str, ...]
    #: dated incidents spilled per date (the merge cuts its spans by them)
    days: dict[dt.date, int] = field(default_factory=dict)


def extract_spill_chunk(
    seq: int, articles: Sequence[Article], spill_dir: str, config: Config | None = None
) -> ChunkSummary:
    """Extract a chunk of articles, join its incidents to the admin areas and spill them by
    date into ``spill_dir`` (:mod:`geoconflict.spill`); return only a small summary.

    ``seq`` numbers the chunk in the input, so the merge keeps the input order on ties.
    """
    from .exports import incident_csv_line
    from .geojson import feature_text
    from .merge import _eligible
    from .spill import spill_records

    incidents, failed = extract_chunk(articles, config)
    # the areas, and the GeoJSON feature and CSV line the incident gets if it merges with
    # nothing (most do): written as they are, so the serial merge has little left to do
    payloads = []
    for inc, admin in zip(incidents, admin_payloads(incidents), strict=True):
        joined = _with_admin(inc, admin)
        payloads.append((admin, feature_text(joined), incident_csv_line(joined)))
    spill_records(
        (((seq << 24) | k, inc, payload)
         for k, (inc, payload) in enumerate(zip(incidents, payloads, strict=True))),
        spill_dir,
    )
    named = {i.part_of for i in incidents if i.part_of}
    targets = tuple(i.incident_id for i in incidents if i.incident_id in named and _eligible(i))
    return ChunkSummary(
        extracted=len(incidents),
        failed=tuple(failed),
        unresolved=dict(unresolved_names(incidents)),
        targets=targets,
        days=dict(Counter(i.date for i in incidents if i.date is not None)),
    )


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Yield lists of up to ``size`` items, reading ``items`` lazily."""
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: Imported once by the fork server, so every worker starts with them.
_PRELOAD = ["geoconflict.pipeline", "geoconflict.extract", "gazetteer"]


def _mp_context() -> Any:
    # forkserver: workers start clean (no inherited threads or locks: a progress bar or a
    # Dask client may be running) and load the gazetteer once each in the initializer; the
    # server imports the code once, so every worker starts with it imported.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


_POOL_DIED = (
    "a worker process died (out of memory, or killed); in a Python script, call "
    "run(..., jobs=N) under 'if __name__ == \"__main__\":' so workers can start"
)


def _extract_local(
    articles: Iterable[Article],
    config: Config,
    pool: ProcessPoolExecutor | None,
    jobs: int,
    tick: Callable[[int], None],
    spill_dir: str,
) -> Iterator[ChunkSummary]:
    chunks = enumerate(chunked(articles, CHUNK_SIZE))
    if pool is None:
        for seq, chunk in chunks:
            out = extract_spill_chunk(seq, chunk, spill_dir, config)
            tick(len(chunk))
            yield out
        return
    window = 2 * jobs  # chunks in flight: memory stays flat however large the corpus
    pending: deque[tuple[Future, int]] = deque()
    try:
        for seq, chunk in chunks:
            pending.append((pool.submit(extract_spill_chunk, seq, chunk, spill_dir), len(chunk)))
            del chunk
            while len(pending) >= window:
                future, n = pending.popleft()
                yield future.result()
                tick(n)
        for future, n in pending:
            yield future.result()
            tick(n)
    except BrokenProcessPool:
        raise GeoconflictError(_POOL_DIED) from None


def _start_pool(config: Config, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=_mp_context(), initializer=init_worker, initargs=(config,)
    )


#: ``submit(fn, *args)`` runs ``fn`` in a worker (or here) and returns a callable that waits
#: for and returns its result.
Submit = Callable[..., Callable[[], Any]]


def _submit_here(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Any]:
    value = fn(*args, **kwargs)
    return lambda: value


def _submit_to(pool: ProcessPoolExecutor) -> Submit:
    def submit(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Any]:
        future = pool.submit(fn, *args, **kwargs)

        def result() -> Any:
            try:
                return future.result()
            except BrokenProcessPool:
                raise GeoconflictError(_POOL_DIED) from None

        return result

    return submit


# --- summaries -----------------------------------------------------------------------------


def counted(incident: Incident) -> bool:
    """Return whether an incident's deaths add to totals (not a cumulative toll, not part of
    a larger incident)."""
    return not incident.is_cumulative and incident.part_of is None


def unresolved_names(incidents: Iterable[Incident]) -> list[tuple[str, int]]:
    """Return ``(place name, occurrences)`` of places that were named but not resolved,
    most frequent first, then alphabetically."""
    counts = Counter(
        " ".join(i.place.split()) for i in incidents if i.place and i.location is None
    )
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))


_UNPLACED = "(unplaced, or outside the governorates)"


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _report_markdown(result: RunResult, inputs_label: str) -> str:
    r = result
    out = [
        "# geoconflict run",
        "",
        f"Inputs: {inputs_label}",
        "",
        f"- articles read: {r.articles}",
        f"- incidents: {r.incidents} (extracted {r.extracted}; {r.merged} merged from "
        "several articles)",
        f"- placed on the map: {r.placed}",
        f"- killed (best estimates, each event once): {r.killed}",
        "",
        "## Deaths by governorate",
        "",
    ]
    if r.by_admin1:
        out += ["| governorate | incidents | killed (best) |", "| --- | ---: | ---: |"]
        out += [f"| {_md(a)} | {n} | {k} |" for a, n, k in r.by_admin1]
    else:
        out.append("No incidents.")
    out += ["", "## Unresolved place names", ""]
    if r.unresolved:
        out += [
            "Names the gazetteer did not place; add them (with coordinates) to a user "
            "gazetteer to map these incidents.",
            "",
            "| name | occurrences |",
            "| --- | ---: |",
        ]
        out += [f"| {_md(name)} | {count} |" for name, count in r.unresolved]
    else:
        out.append("None.")
    out += ["", "## Skipped inputs", ""]
    rep = r.report
    if rep is not None and rep.skipped_count:
        by_reason = ", ".join(f"{r} {n}" for r, n in sorted(rep.skipped_by_reason.items()))
        out.append(f"{rep.skipped_count} skipped ({by_reason}), each listed once:")
        out.append("")
        out += [f"- {_md(item)}" for item in rep.skipped]
        if rep.skipped_count > len(rep.skipped):
            out.append(f"- ... and {rep.skipped_count - len(rep.skipped)} more")
    else:
        out.append("None.")
    if rep is not None and rep.warnings:
        out += ["", "## Warnings", ""]
        out += [f"- {_md(w)}" for w in rep.warnings]
    if r.failed:
        out += ["", "## Articles whose extraction failed", ""]
        out += [f"- {_md(doc)}: {_md(msg)}" for doc, msg in r.failed]
    if r.missing:
        out += ["", "## Not written", "", "Parts of the pipeline not available in this "
                "installation, or with nothing to do:", ""]
        out += [f"- {m}" for m in r.missing]
    return "\n".join(out) + "\n"


# --- writing -------------------------------------------------------------------------------


def _apply_admin(incidents: list[Incident], gdf: gpd.GeoDataFrame) -> list[Incident]:
    """Copy the admin1/admin2 found by the spatial join back into the records."""
    by_id = {}
    for row in gdf[["incident_id", "admin1", "admin2"]].itertuples(index=False):
        by_id[row.incident_id] = (
            row.admin1 if isinstance(row.admin1, str) else None,
            row.admin2 if isinstance(row.admin2, str) else None,
        )
    out = []
    for inc in incidents:
        loc = inc.location
        if loc is not None and inc.incident_id in by_id:
            a1, a2 = by_id[inc.incident_id]
            if (a1, a2) != (None, None) and (a1, a2) != (loc.admin1, loc.admin2):
                inc = dataclasses.replace(
                    inc, location=dataclasses.replace(loc, admin1=a1, admin2=a2)
                )
        out.append(inc)
    return out


def _optional(module: str, name: str) -> Any:
    """Return ``geoconflict.<module>.<name>``, or None when that part is not installed."""
    import importlib

    try:
        mod = importlib.import_module(f"geoconflict.{module}")
    except ImportError:
        return None
    return getattr(mod, name, None)


def join_admin(
    incidents: list[Incident], missing: list[str], *, submit: Submit | None = None, parts: int = 1
) -> list[Incident]:
    """Give each placed incident the governorate/district its point falls in.

    With ``submit`` and ``parts > 1`` the join runs on ``parts`` slices in worker processes.
    """
    join = _optional("joins", "join_admin_areas")
    to_gdf = _optional("frames", "incidents_to_gdf")
    if join is None or to_gdf is None or not incidents:
        if join is None or to_gdf is None:
            missing.append("admin join: geoconflict.joins is not available yet")
        return incidents
    if submit is None or parts <= 1 or len(incidents) < 1000:
        return _apply_admin(incidents, join(to_gdf(incidents)))
    size = -(-len(incidents) // parts)
    waits = [
        submit(join_admin, incidents[i : i + size], []) for i in range(0, len(incidents), size)
    ]
    return [inc for wait in waits for inc in wait()]


def _with_admin(incident: Incident, payload: AdminPayload) -> Incident:
    """The record with the areas its point was joined to (as :func:`_apply_admin` does)."""
    loc = incident.location
    if loc is None or payload is None:
        return incident
    a1, a2 = payload[0], payload[1]
    if (a1, a2) != (loc.admin1, loc.admin2):
        incident = dataclasses.replace(
            incident, location=dataclasses.replace(loc, admin1=a1, admin2=a2)
        )
    return incident


_TALLY_COUNTS = ("killed_low", "killed_best", "killed_high", "injured_best", "killed_children")

#: What the writer needs of one merged incident, in output order: its GeoJSON feature, CSV
#: line, map row (``maps.MAP_COLUMNS``), ``(merged, placed, counted, killed, governorate)``
#: for the summary, and the incident itself when its ``part_of`` may still be renamed (or
#: when the run keeps every incident, for GeoParquet).
OutputRecord = tuple[str, str, tuple, tuple, Incident | None]


def _output_record(merged: Incident, payload: SpilledPayload, unchanged: bool, *,
                   keep: bool = False) -> OutputRecord:
    from .exports import incident_csv_line
    from .geojson import feature_text

    admin, feature, line = payload
    inc = _with_admin(merged, admin)
    if not unchanged:
        feature, line = feature_text(inc), incident_csv_line(inc)
    loc = inc.location
    row = (
        inc.incident_id, inc.doc_id, inc.text, map_kind(inc.event_type, inc.category), inc.actor,
        inc.date.isoformat() if inc.date else None, inc.place,
        loc.place_name if loc else None,
        admin[2] if admin is not None else None, admin[3] if admin is not None else None,
        loc.precision if loc else None,
        inc.killed_low, inc.killed_best, inc.killed_high, inc.injured_best,
        inc.killed_children, inc.is_cumulative, inc.part_of,
        loc.lat if loc else None, loc.lon if loc else None,
    )
    summary = (len(inc.sources) > 1, loc is not None, counted(inc), inc.killed_best or 0,
               (loc.admin1 if loc else None) or _UNPLACED)
    return feature, line, row, summary, inc if keep or inc.part_of is not None else None


def _renamed_record(record: OutputRecord, renamed: dict[str, str]) -> OutputRecord:
    """The record with its ``part_of`` following a merge (rewritten as the merge would)."""
    from .exports import incident_csv_line
    from .geojson import feature_text

    inc = record[4]
    if inc is None or inc.part_of not in renamed:
        return record
    inc = dataclasses.replace(inc, part_of=renamed[inc.part_of])
    row = list(record[2])
    row[_MAP_PART_OF] = inc.part_of
    return feature_text(inc), incident_csv_line(inc), tuple(row), record[3], inc


_MAP_PART_OF = 17  # index of part_of in the map row (maps.MAP_COLUMNS)
#: Map rows held before they are added to the area sums and the map's blob on disk.
_MAP_SLICE = 4096


#: Most days of dates per merge task; a span is cut sooner to balance the tasks by
#: incidents (:func:`_merge_spans`). The warm-up days a task reads before its span to guess
#: which groups are open when the span begins.
MERGE_SPAN_DAYS = 91
MERGE_WARMUP_DAYS = 14
#: Merge tasks per worker process: spans hold about ``1 / (workers * MERGE_SPANS_PER_WORKER)``
#: of the dated incidents each (more tasks: more warm-up days read twice; fewer: a longer
#: wait for the last one).
MERGE_SPANS_PER_WORKER = 4
#: Output records per pickle in a span's file (read back a chunk at a time).
_RECORD_CHUNK = 1024


@dataclass(frozen=True, slots=True)
class SpanSummary:
    """What a merge task hands back: the span, its open groups in and out, the ``part_of``
    targets merged away (and every target it settled), and the file holding its output
    records in order."""

    start: dt.date
    end: dt.date
    open_in: tuple
    open_out: tuple
    renamed: dict[str, str]
    path: str
    count: int
    settled: frozenset[str] = frozenset()


def merge_span_task(
    spill_dir: str, k: int, start: dt.date, end: dt.date, preset: tuple | None,
    targets: frozenset[str], last: bool, keep: bool = False,
) -> SpanSummary:
    """Merge the spilled incidents dated ``start`` to ``end`` (:class:`merge.SpanStream`) and
    write their output records, in order, to a file in ``spill_dir``, a chunk at a time (the
    days are read one at a time: a task holds a few days, however long its span).

    ``preset``: the ``seq`` of the groups open at ``start`` (exact), or None to guess them
    from :data:`MERGE_WARMUP_DAYS` warm-up days.
    """
    import pickle

    from .merge import DEFAULT_RULE, SpanStream, _sort_key
    from .spill import read_range

    span = dt.timedelta(days=DEFAULT_RULE.max_days)
    if preset is None:
        days = read_range(spill_dir, start - dt.timedelta(days=MERGE_WARMUP_DAYS), end)
        stream = SpanStream(days, start=start, end=end, targets=targets, last=last)
    else:
        groups: list[list[Any]] = []
        if preset:
            before = {r[0]: r for batch in read_range(spill_dir, start - span,
                                                      start - dt.timedelta(days=1))
                      for r in batch}
            groups = [[before[seq] for seq in group] for group in preset]
        stream = SpanStream(read_range(spill_dir, start, end), start=start, end=end,
                            preset=groups, targets=targets, last=last)
    path = os.path.join(spill_dir, f"merged-{k:05d}-{'exact' if preset is not None else 'guess'}"
                        ".pkl")
    count = 0
    with open(path, "wb") as fh:
        # in chunks, so that the main process reads them back a chunk at a time
        records: list[tuple[tuple, OutputRecord]] = []
        for out, payload, same, first in stream:
            records.append(((_sort_key(out), first),
                            _output_record(out, payload, same, keep=keep)))
            if len(records) >= _RECORD_CHUNK:
                pickle.dump(records, fh, protocol=pickle.HIGHEST_PROTOCOL)
                count += len(records)
                records = []
        if records:
            pickle.dump(records, fh, protocol=pickle.HIGHEST_PROTOCOL)
            count += len(records)
    return SpanSummary(start, end, stream.open_in, stream.open_out, stream.renamed, path,
                       count, frozenset(stream.settled))


def _merge_spans(spill_dir: str, days: dict[dt.date, int] | None = None, parts: int = 1
                 ) -> list[tuple[dt.date, dt.date]]:
    """The spans of dates merged one task each, from the first date spilled to the last:
    consecutive, cut before a date once the span holds ``1 / parts`` of the dated incidents
    or would grow past :data:`MERGE_SPAN_DAYS` days (it may end with days without incidents);
    ``days``: dated incidents per date (None: read from the spill)."""
    from .spill import day_counts

    counts = day_counts(spill_dir) if days is None else days
    dates = sorted(d for d, n in counts.items() if n)
    if not dates:
        return []
    share = -(-sum(counts[d] for d in dates) // max(1, parts))
    spans: list[tuple[dt.date, dt.date]] = []
    lo, held = dates[0], 0
    for day in dates:
        if held >= share or (day - lo).days >= MERGE_SPAN_DAYS:
            spans.append((lo, day - dt.timedelta(days=1)))
            lo, held = day, 0
        held += counts[day]
    spans.append((lo, dates[-1]))
    return spans


def _merged_records(
    spill_dir: str, targets: set[str], submit: Submit | None, keep: bool, timings: dict,
    *, days: dict[dt.date, int] | None = None, workers: int = 1,
) -> Iterator[OutputRecord]:
    """The output records of every merged incident, in output order.

    With ``submit`` every span of dates is submitted at once (before the first record is
    asked for), merged in parallel from guessed open groups and checked in order
    (:func:`merge.merged_spans`); without, the spans are merged one after the other, exactly.
    A wrong guess is redone here, in this process, which waits for it anyway (submitted, it
    would wait behind every span still queued). Records are handed out span by span as the
    spans become exact (:func:`_records_in_order`), so writing them overlaps the merge of
    later spans. ``days`` (dated incidents per date; None: read from the spill) and
    ``workers`` set the spans (:func:`_merge_spans`).
    """
    from .merge import merged_spans

    frozen = frozenset(targets)
    parallel = submit is not None
    spans = _merge_spans(spill_dir, days, workers * MERGE_SPANS_PER_WORKER if parallel else 1)
    n = len(spans)
    timings["merge spans redone"] = 0.0
    finals: Iterator[SpanSummary]
    if submit is not None and n > 1:
        waits = [submit(merge_span_task, spill_dir, k, lo, hi, () if k == 0 else None, frozen,
                        k == n - 1, keep)
                 for k, (lo, hi) in enumerate(spans)]

        def redo(k: int, open_groups: tuple) -> SpanSummary:
            timings["merge spans redone"] += 1
            lo, hi = spans[k]
            return merge_span_task(spill_dir, k, lo, hi, open_groups, frozen, k == n - 1, keep)

        finals = merged_spans(waits, redo)
    else:
        finals = _exact_spans(spill_dir, spans, frozen, keep)
    return _records_in_order(spill_dir, finals, frozen, keep)


def _exact_spans(spill_dir: str, spans: Sequence[tuple[dt.date, dt.date]],
                 targets: frozenset[str], keep: bool) -> Iterator[SpanSummary]:
    """Merge the spans one after the other in this process, each from the open groups the
    one before it left (exact)."""
    expected: tuple = ()
    for k, (lo, hi) in enumerate(spans):
        result = merge_span_task(spill_dir, k, lo, hi, expected, targets, k == len(spans) - 1,
                                 keep)
        expected = result.open_out
        yield result


def _records_in_order(spill_dir: str, finals: Iterator[SpanSummary], targets: frozenset[str],
                      keep: bool) -> Iterator[OutputRecord]:
    """The records of the exact spans ``finals`` (in date order) in output order, then the
    undated incidents', each with its ``part_of`` following a merge.

    A span's records are read once the span is exact. A record whose ``part_of`` names a
    target no exact span has settled yet (:attr:`merge.SpanMerge.settled`) waits for the
    spans up to the one that settles it, so its renaming is known when it is handed out.
    """
    from .merge import _sort_key, ordered_merged
    from .spill import read_pickled_chunks, read_undated

    renamed: dict[str, str] = {}
    settled: set[str] = set()
    ready: deque[SpanSummary] = deque()

    def advance() -> bool:
        result = next(finals, None)
        if result is None:
            return False
        renamed.update(result.renamed)
        settled.update(result.settled)
        ready.append(result)
        return True

    def spans() -> Iterator[tuple[dt.date, Iterator[Any]]]:
        while ready or advance():
            result = ready.popleft()
            yield result.end, read_pickled_chunks(result.path)

    for record in ordered_merged(spans()):
        inc = record[4]
        if inc is not None and inc.part_of in targets:
            while inc.part_of not in settled and advance():
                pass
        yield _renamed_record(record, renamed)
    undated = sorted(read_undated(spill_dir), key=lambda r: (_sort_key(r[1]), r[0]))
    for _seq, incident, payload in undated:
        yield _renamed_record(_output_record(incident, payload, True, keep=keep), renamed)


class _StreamedOutputs:
    """Writes the outputs of :func:`run` from the merged incidents' records as they come, in
    order: GeoJSON features and CSV lines straight to temporary files (renamed when the run
    completes), and only the columns the map draws kept for the map and the area sums."""

    def __init__(self, outdir: Path, stack: contextlib.ExitStack, workdir: str | os.PathLike[str],
                 *, keep: Callable[[Incident], None] | None = None) -> None:
        from .exports import incidents_csv_text
        from .geojson import GEOJSON_HEAD

        self.outdir = outdir
        self.paths: dict[str, Path] = {}
        self.paths["incidents"] = outdir / OUTPUT_NAMES["incidents"]
        self.paths["csv"] = outdir / OUTPUT_NAMES["csv"]
        self.geojson = stack.enter_context(atomic_open(self.paths["incidents"], "w"))
        self.csv = stack.enter_context(atomic_open(self.paths["csv"], "w"))
        self.geojson.write(GEOJSON_HEAD)
        self.csv.write(incidents_csv_text([], header=True))
        self.count = 0
        self.merged = 0
        self.placed = 0
        self.killed = 0
        self.by_admin1_n: Counter[str] = Counter()
        self.by_admin1_killed: defaultdict[str, int] = defaultdict(int)
        from .joins import AreaTally
        from .map_blob import BlobColumns

        # the map's rows are held a slice at a time, then added to the area sums and to the
        # map's blob, whose columns wait on disk in ``workdir``
        self.workdir = Path(workdir)
        self.rows: list[tuple] = []
        self.tallies = {level: AreaTally(level) for level in ("admin1", "admin2")}
        self.blob = BlobColumns(self.workdir)
        stack.callback(self.blob.close)
        self.keep = keep  # takes every incident (GeoParquet of a Dask run), or None
        from .maps import _elements

        # folium is imported and the map's elements defined now, while the workers merge,
        # rather than once they are done
        _elements()

    def add(self, record: OutputRecord) -> None:
        """Write one merged incident's record."""
        from .geojson import GEOJSON_FIRST, GEOJSON_SEP

        feature, line, row, (merged, placed, is_counted, killed, area), inc = record
        self.geojson.write(GEOJSON_SEP if self.count else GEOJSON_FIRST)
        self.geojson.write(feature)
        self.csv.write(line)
        self.count += 1
        self.merged += merged
        self.placed += placed
        if is_counted:
            self.killed += killed
            self.by_admin1_n[area] += 1
            self.by_admin1_killed[area] += killed
        self.rows.append(row)
        if len(self.rows) >= _MAP_SLICE:
            self._flush_rows()
        if self.keep is not None and inc is not None:
            self.keep(inc)

    def _flush_rows(self) -> None:
        """Add the rows held to the area sums and the map's blob, then drop them."""
        import pandas as pd

        from .maps import MAP_COLUMNS

        if not self.rows:
            return
        frame = pd.DataFrame.from_records(self.rows, columns=list(MAP_COLUMNS))
        self.rows = []
        for c in ("precision", *_TALLY_COUNTS):
            frame[c] = pd.array(frame[c], dtype="Int64")
        for c in ("lat", "lon"):
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype(float)
        frame["is_cumulative"] = frame["is_cumulative"].astype(bool)
        for tally in self.tallies.values():
            tally.add(frame)
        self.blob.add(frame)

    def finish(
        self, *, offline_map: bool, missing: list[str], reference: Sequence[Incident] | None
    ) -> dict[str, Path]:
        """Complete the incident files (renamed into place when the run ends), then write
        the areas and the map."""
        from .exports import export_areas
        from .geojson import GEOJSON_EMPTY_TAIL, GEOJSON_TAIL
        from .maps import map_from_blob, save_map

        self.geojson.write(GEOJSON_TAIL if self.count else GEOJSON_EMPTY_TAIL)
        paths = dict(self.paths)
        self._flush_rows()
        summaries = self.tallies
        if self.count == 0:
            missing.append("areas.geojson: no incidents to sum")
            area_summary = summaries["admin1"].result(stacklevel=4)
        else:
            path = self.outdir / OUTPUT_NAMES["areas"]
            area_summary = summaries["admin1"].result(stacklevel=4)
            export_areas(area_summary, path)
            paths["areas"] = path
        results = {"admin1": area_summary, "admin2": summaries["admin2"].result(stacklevel=4)}
        kwargs: dict[str, Any] = {"offline": offline_map}
        if reference is not None:
            from .frames import incidents_to_gdf

            kwargs["reference"] = incidents_to_gdf(reference)
        m = map_from_blob(self.blob, results, spill=self.workdir / "map-payload.gz", **kwargs)
        path = self.outdir / OUTPUT_NAMES["map"]
        save_map(m, path)
        paths["map"] = path
        return paths

    def by_admin1(self) -> list[tuple[str, int, int]]:
        n, killed = self.by_admin1_n, self.by_admin1_killed
        return sorted(
            ((a, n[a], killed[a]) for a in n),
            key=lambda r: (r[0] == _UNPLACED, -r[2], -r[1], r[0]),
        )


# --- the pipeline --------------------------------------------------------------------------


def _progress_bar(progress: bool | None) -> Any:
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(unit="article", desc="articles", file=sys.stderr, dynamic_ncols=True)


def run(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    outdir: str | os.PathLike[str],
    config: Config = DEFAULT_CONFIG,
    jobs: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    default_date: dt.date | None = None,
    progress: bool | None = None,
    offline_map: bool = True,
    reference: str | os.PathLike[str] | None = None,
) -> RunResult:
    """Run the whole pipeline on some inputs and write every output into ``outdir``.

    Parameters
    ----------
    inputs
        Text files, folders, JSONL/CSV files (see :func:`geoconflict.articles.read_articles`).
    outdir
        Output folder; created if missing. Existing outputs of the same names are replaced.
    config
        Run settings (default country, minimum match score, ...).
    jobs
        Worker processes for extraction and place resolution (``engine="local"``), or the
        number of workers of the local Dask cluster started when ``engine="dask"`` and no
        ``scheduler`` is given.
    engine
        ``"local"`` (this machine's processes) or ``"dask"`` (dask.distributed; also writes
        ``incidents.parquet/``).
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); ``engine="dask"`` only.
        The workers must see ``outdir`` at the same path.
    default_date
        Publication date for articles that carry none.
    progress
        Show a progress bar on stderr; None: only when stderr is a terminal.
    offline_map
        Embed the map's JavaScript and CSS so ``map.html`` works without the network (the
        default); False: a smaller page that loads them, and OpenStreetMap tiles, from the web.
    reference
        An ACLED or UCDP GED CSV laid under the extracted incidents on the map.

    Returns
    -------
    RunResult
        Counts, paths and the input report.

    Raises
    ------
    InputError
        When an input does not exist or ``jobs``/``engine`` are invalid.
    ExportError
        When ``outdir`` cannot be created or written.
    """
    from .articles import InputReport, read_articles

    if engine not in ("local", "dask"):
        msg = f"engine {engine!r} is not one of 'local', 'dask'"
        raise InputError(msg)
    if jobs < 1:
        msg = f"jobs must be at least 1, not {jobs!r}"
        raise InputError(msg)
    if scheduler is not None and engine != "dask":
        msg = "--scheduler needs --engine dask"
        raise InputError(msg)
    inputs = [os.fspath(p) for p in inputs]
    out = Path(outdir)
    ref_incidents = None
    if reference is not None:
        from .reference import read_reference

        ref_incidents = read_reference(reference)
    report = InputReport()
    articles = read_articles(inputs, default_date=default_date, report=report)
    missing: list[str] = []
    import importlib.util

    # not imported here: with worker processes, only they need the extractor
    can_extract = importlib.util.find_spec("geoconflict.extract") is not None
    if not can_extract:
        missing.append("extraction: geoconflict.extract is not available yet")
    paths: dict[str, Path] = {}
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    with contextlib.ExitStack() as stack:
        dask_engine = None
        if engine == "dask":
            from .scale import DaskEngine

            dask_engine = stack.enter_context(
                DaskEngine(scheduler=scheduler, workers=jobs, config=config)
            )
        spill_dir = _spill_folder(out if scheduler is not None else None, stack)
        pool = None
        if dask_engine is None and jobs > 1:
            pool = stack.enter_context(_start_pool(config, jobs))
        bar = _progress_bar(progress)
        if bar is not None:
            stack.callback(bar.close)
        tick: Callable[[int], None] = bar.update if bar is not None else (lambda n: None)
        n_extracted = 0
        failed: list[tuple[str, str]] = []
        unresolved_counts: Counter[str] = Counter()
        targets: set[str] = set()
        days: Counter[dt.date] = Counter()
        if not can_extract:
            for chunk in chunked(articles, CHUNK_SIZE):  # still read: report every input
                tick(len(chunk))
            summaries: Iterable[ChunkSummary] = ()
        elif dask_engine is not None:
            summaries = dask_engine.extract_spill(articles, spill_dir, tick)
        else:
            summaries = _extract_local(articles, config, pool, jobs, tick, spill_dir)
        for summary in summaries:
            n_extracted += summary.extracted
            failed.extend(summary.failed)
            unresolved_counts.update(summary.unresolved)
            targets.update(summary.targets)
            days.update(summary.days)
        if bar is not None:
            bar.close()
        if report.articles_read == 0:
            msg = f"no articles read: {report.summary()}"
            raise InputError(msg)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            msg = f"cannot create output folder {str(out)!r}: {exc.strerror or exc}"
            raise ExportError(msg) from None
        timings["read+extract"] = time.perf_counter() - clock
        clock = time.perf_counter()
        unresolved = sorted(unresolved_counts.items(),
                            key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
        with contextlib.ExitStack() as files:
            keep = dask_engine is not None
            workers = 1
            if pool is not None:
                submit: Submit | None = _submit_to(pool)
                workers = jobs
            elif dask_engine is not None:
                submit = dask_engine.submit
                workers = dask_engine.n_workers
            else:
                submit = None
            merge_clock = _Clock()
            # the merge tasks are submitted first, so the workers start on them at once
            records = _merged_records(spill_dir, targets, submit, keep, timings, days=days,
                                      workers=workers)
            map_dir = tempfile.mkdtemp(prefix="map-", dir=spill_dir)
            parquet = None
            if dask_engine is not None:  # written by the workers, a partition at a time
                parquet = dask_engine.parquet_parts(out / "incidents.parquet")
                files.callback(parquet.discard)
            outputs = _StreamedOutputs(out, files, map_dir,
                                       keep=parquet.add if parquet is not None else None)
            for record in merge_clock.iterate(records):
                outputs.add(record)
            timings["merge"] = merge_clock.seconds
            timings["write"] = time.perf_counter() - clock - merge_clock.seconds
            clock = time.perf_counter()
            if pool is not None:
                pool.shutdown()  # the workers' memory is free before the map is drawn
            paths.update(outputs.finish(offline_map=offline_map, missing=missing,
                                        reference=ref_incidents))
            if parquet is not None:
                paths["parquet"] = parquet.finish()
    result = RunResult(
        outdir=out,
        articles=report.articles_read,
        extracted=n_extracted,
        incidents=outputs.count,
        merged=outputs.merged,
        placed=outputs.placed,
        killed=outputs.killed,
        paths=paths,
        unresolved=tuple(unresolved),
        missing=tuple(dict.fromkeys(missing)),
        failed=tuple(sorted(failed)),
        report=report,
        by_admin1=tuple(outputs.by_admin1()),
        timings=timings,
    )
    path = out / OUTPUT_NAMES["report"]
    label = ", ".join(Path(p).name or p for p in inputs)
    with atomic_open(path, "w") as fh:
        fh.write(_report_markdown(result, label))
    result.paths["report"] = path
    timings["areas+map"] = time.perf_counter() - clock
    return result


class _Clock:
    """Seconds spent inside an iterator (the merge, read from the spill, as it is consumed)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def iterate(self, items: Iterable[Any]) -> Iterator[Any]:
        it = iter(items)
        while True:
            start = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                self.seconds += time.perf_counter() - start
                return
            self.seconds += time.perf_counter() - start
            yield item


def _spill_folder(outdir: Path | None, stack: contextlib.ExitStack) -> str:
    """A temporary folder for the spilled incidents, removed when the run ends: in the
    system's temporary folder, or in ``outdir`` (which remote Dask workers share)."""
    import shutil

    if outdir is not None:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            msg = f"cannot create output folder {str(outdir)!r}: {exc.strerror or exc}"
            raise ExportError(msg) from None
    folder = tempfile.mkdtemp(prefix=".geoconflict-spill-", dir=outdir)
    stack.callback(shutil.rmtree, folder, ignore_errors=True)
    return folder




