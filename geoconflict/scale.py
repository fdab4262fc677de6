"""Scale-out on Dask: extraction and place resolution over partitions of articles.

:class:`DaskEngine` runs the costly stages of :func:`geoconflict.pipeline.run` on a
``dask.distributed`` cluster: a running scheduler (``scheduler="tcp://host:8786"``) or a
:class:`~distributed.LocalCluster` it starts itself.

* Articles are streamed from the inputs in chunks of
  :data:`~geoconflict.pipeline.CHUNK_SIZE`; at most a few chunks per worker are in flight, so
  the driver's memory stays flat however large the corpus.
* Each worker process loads the gazetteer once (``client.run(init_worker)`` when the
  cluster starts, and lazily in any worker that joins later) and keeps it for every chunk.
* In :func:`geoconflict.pipeline.run`, each task also joins its incidents to the admin
  areas and spills them by date (:meth:`DaskEngine.extract_spill`), and the merge across
  articles runs over spans of dates on the workers (:meth:`DaskEngine.submit`), as with
  local processes; the spill folder is inside the output folder when a ``scheduler`` is
  given, so the workers must see it at the same path.
* :meth:`DaskEngine.join_admin` joins a list of incidents over a partitioned
  dask-geopandas GeoDataFrame with the same function as one process
  (:func:`geoconflict.joins.join_admin_areas` per partition).
* The final incidents are written as partitioned GeoParquet (``incidents.parquet/``) by
  :class:`ParquetParts`: the driver hands the merged incidents over as they come, and every
  :data:`PARQUET_ROWS` of them become one partition that a worker writes, so the driver
  holds at most a partition at a time (the workers must see the output folder).

The result is the same as one process: the same incidents, ids and files.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .config import DEFAULT_CONFIG, Config
from .errors import ExportError, InputError
from .records import Article, Incident

__all__ = ["DaskEngine", "ParquetParts", "gdf_for_parquet"]


class DaskEngine:
    """A dask.distributed client for the pipeline's stages (use as a context manager).

    Parameters
    ----------
    scheduler
        Address of a running scheduler; None starts a local cluster.
    workers
        Worker processes of the local cluster (one thread each).
    config
        Run settings, sent to every worker once.
    """

    def __init__(
        self, *, scheduler: str | None = None, workers: int = 2, config: Config = DEFAULT_CONFIG
    ) -> None:
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.config = config
        self._stack = contextlib.ExitStack()
        self.client: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            msg = "--engine dask needs dask.distributed: pip install 'geoconflict[dask]'"
            raise InputError(msg) from None
        for name in ("distributed", "distributed.worker", "distributed.nanny"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            if self.scheduler:
                self.client = self._stack.enter_context(Client(self.scheduler, timeout="20s"))
            else:
                cluster = self._stack.enter_context(
                    LocalCluster(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",
                        silence_logs=logging.ERROR,
                    )
                )
                self.client = self._stack.enter_context(Client(cluster))
        except OSError as exc:
            self._stack.close()
            msg = f"cannot reach the Dask scheduler {self.scheduler!r}: {exc}"
            raise InputError(msg) from None
        from .pipeline import init_worker

        try:
            self.client.run(init_worker, self.config)  # one gazetteer per worker, loaded now
        except Exception as exc:  # a remote worker without geoconflict, or a broken install
            self._stack.close()
            msg = (
                f"the Dask workers cannot load geoconflict ({type(exc).__name__}: {exc}); "
                "install it on every worker: pip install 'geoconflict[dask]'"
            )
            raise InputError(msg) from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def n_workers(self) -> int:
        """Number of workers the scheduler knows."""
        return max(1, len(self.client.scheduler_info()["workers"]))

    def extract(
        self, articles: Iterable[Article], tick: Callable[[int], None] = lambda n: None
    ) -> tuple[list[Incident], list[tuple[str, str]]]:
        """Extract and resolve incidents over chunks of articles on the workers."""
        from distributed import as_completed

        from .pipeline import CHUNK_SIZE, chunked, extract_chunk

        window = 3 * self.n_workers
        incidents: list[Incident] = []
        failed: list[tuple[str, str]] = []
        sizes: dict[str, int] = {}
        queue = as_completed()

        def collect(future: Any) -> None:
            incs, fails = future.result()
            incidents.extend(incs)
            failed.extend(fails)
            tick(sizes.pop(future.key))
            future.release()

        in_flight = 0
        for chunk in chunked(articles, CHUNK_SIZE):
            future = self.client.submit(extract_chunk, chunk, self.config, pure=False)
            sizes[future.key] = len(chunk)
            queue.add(future)
            in_flight += 1
            if in_flight >= window:
                collect(next(queue))
                in_flight -= 1
        for future in queue:
            collect(future)
        return incidents, failed

    def extract_spill(
        self, articles: Iterable[Article], spill_dir: str,
        tick: Callable[[int], None] = lambda n: None,
    ) -> Iterator[Any]:
        """Extract chunks of articles on the workers, each joining its incidents to the admin
        areas and spilling them into ``spill_dir`` (which the workers must see); yield each
        chunk's :class:`~geoconflict.pipeline.ChunkSummary`."""
        from distributed import as_completed

        from .pipeline import CHUNK_SIZE, chunked, extract_spill_chunk

        window = 3 * self.n_workers
        sizes: dict[str, int] = {}
        queue = as_completed()
        in_flight = 0
        for seq, chunk in enumerate(chunked(articles, CHUNK_SIZE)):
            future = self.client.submit(extract_spill_chunk, seq, chunk, spill_dir, self.config,
                                        pure=False)
            sizes[future.key] = len(chunk)
            queue.add(future)
            in_flight += 1
            if in_flight >= window:
                future = next(queue)
                yield future.result()
                tick(sizes.pop(future.key))
                future.release()
                in_flight -= 1
        for future in queue:
            yield future.result()
            tick(sizes.pop(future.key))
            future.release()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        """Run ``fn(*args)`` on a worker; return a callable that waits for its result."""
        future = self.client.submit(fn, *args, pure=False)
        return future.result

    def join_admin(self, incidents: list[Incident]) -> list[Incident]:
        """Join incidents to admin areas over a partitioned dask-geopandas frame."""
        import dask_geopandas

        from .frames import incidents_to_gdf
        from .joins import join_admin_areas
        from .pipeline import _apply_admin

        if not incidents:
            return incidents
        gdf = incidents_to_gdf(incidents)
        parts = dask_geopandas.from_geopandas(gdf, npartitions=min(len(gdf), self.n_workers))
        meta = join_admin_areas(gdf.iloc[:1]).iloc[:0]
        joined = parts.map_partitions(join_admin_areas, meta=meta).compute()
        return _apply_admin(incidents, joined)

    def write_parquet(self, incidents: Iterable[Incident], path: str | os.PathLike[str]
                      ) -> Path:
        """Write incidents as partitioned GeoParquet (a folder of ``part.K.parquet``, one per
        worker), replacing it atomically."""
        incidents = list(incidents)
        rows = max(1, -(-len(incidents) // self.n_workers))
        parts = self.parquet_parts(path, rows=rows)
        try:
            for incident in incidents:
                parts.add(incident)
            return parts.finish()
        finally:
            parts.discard()

    def parquet_parts(self, path: str | os.PathLike[str], *, rows: int | None = None
                      ) -> ParquetParts:
        """A :class:`ParquetParts` writing to ``path`` on this cluster's workers."""
        return ParquetParts(self, path, rows=rows or PARQUET_ROWS)


#: Incidents per GeoParquet partition that :func:`geoconflict.pipeline.run` writes.
PARQUET_ROWS = 8192


def _write_part(payload: bytes, path: str) -> int:
    """Write one GeoParquet partition of the incidents pickled in ``payload`` (a worker's
    task; the pickle is the driver's own); return its rows."""
    from .frames import incidents_to_gdf

    gdf = gdf_for_parquet(incidents_to_gdf(pickle.loads(payload)))
    gdf.to_parquet(path, index=False)
    return len(gdf)


class ParquetParts:
    """Partitioned GeoParquet written as the incidents come, a partition at a time.

    Every ``rows`` incidents handed to :meth:`add` become one ``part.K.parquet``, written by a
    worker while the driver goes on, so the driver never holds more than a partition (and a
    few in flight); :meth:`finish` waits for them and moves the folder into place whole,
    replacing any earlier one. Every partition has the same schema (:func:`gdf_for_parquet`).
    The workers must see ``path``'s folder at the same path.

    Parameters
    ----------
    engine
        The cluster that writes the partitions.
    path
        The folder to write (``incidents.parquet``).
    rows
        Incidents per partition.
    """

    def __init__(self, engine: DaskEngine, path: str | os.PathLike[str], *,
                 rows: int = PARQUET_ROWS) -> None:
        self.engine = engine
        self.target = Path(path)
        self.rows = max(1, rows)
        try:
            self.tmp: Path | None = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=self.target.parent)
            )
        except OSError as exc:
            msg = f"cannot write {str(self.target)!r}: {exc}"
            raise ExportError(msg) from None
        self.held: list[Incident] = []
        self.parts = 0
        self.window = 2 * engine.n_workers
        self.in_flight: list[Any] = []

    def add(self, incident: Incident) -> None:
        """Take one incident; a full partition is sent to a worker."""
        self.held.append(incident)
        if len(self.held) >= self.rows:
            self._send()

    def _send(self) -> None:
        assert self.tmp is not None
        path = str(self.tmp / f"part.{self.parts}.parquet")
        # sent as one pickle: dask's own handling of a list of thousands of records (sizing
        # and walking it) cost the driver about 0.25 s per thousand incidents; and run ahead
        # of the merge tasks queued on the workers, so the driver, which waits for its oldest
        # partitions (at most ``window`` in flight), does not wait behind every merge
        payload = pickle.dumps(self.held, protocol=pickle.HIGHEST_PROTOCOL)
        self.in_flight.append(
            self.engine.client.submit(_write_part, payload, path, pure=False, priority=10)
        )
        self.held = []
        self.parts += 1
        while len(self.in_flight) > self.window:
            self._wait(self.in_flight.pop(0))

    def _wait(self, future: Any) -> None:
        try:
            future.result()
        except OSError as exc:
            msg = f"cannot write {str(self.target)!r}: {exc}"
            raise ExportError(msg) from None
        finally:
            future.release()

    def finish(self) -> Path:
        """Write what is held, wait for every partition, and move the folder into place."""
        if self.held or self.parts == 0:  # no incident at all: one empty partition
            self._send()
        while self.in_flight:
            self._wait(self.in_flight.pop(0))
        assert self.tmp is not None
        target = self.target
        try:
            old = None
            if target.exists():
                old = target.with_name(f".{target.name}.old")
                shutil.rmtree(old, ignore_errors=True)
                os.replace(target, old)
            os.replace(self.tmp, target)
            self.tmp = None
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            msg = f"cannot write {str(target)!r}: {exc}"
            raise ExportError(msg) from None
        return target

    def discard(self) -> None:
        """Remove the partitions of an unfinished folder (nothing once :meth:`finish` ran)."""
        for future in self.in_flight:
            future.cancel()
        self.in_flight = []
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def gdf_for_parquet(gdf: Any) -> Any:
    """Return a copy whose list/dict cells are JSON text and whose text columns are typed as
    strings (even when a partition holds only nulls), so every partition has one schema."""
    out = gdf.copy()
    for col in out.columns:
        if col == out.geometry.name or out[col].dtype != object:
            continue
        if out[col].map(lambda v: isinstance(v, list | tuple | dict)).any():
            out[col] = out[col].map(
                lambda v: json.dumps(list(v) if isinstance(v, tuple) else v, ensure_ascii=False)
                if isinstance(v, list | tuple | dict)
                else v
            )
        if out[col].map(lambda v: v is None or isinstance(v, str)).all():
            out[col] = out[col].astype("string")
    return out
