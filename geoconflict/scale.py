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
* The final incidents are written as partitioned GeoParquet (``incidents.parquet/``); for
  that the driver keeps the merged incidents of a Dask run (the local engine does not).

The result is the same as one process: the same incidents, ids and files.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .config import DEFAULT_CONFIG, Config
from .errors import ExportError, InputError
from .records import Article, Incident

__all__ = ["DaskEngine", "gdf_for_parquet"]


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

    def write_parquet(self, incidents: list[Incident], path: str | os.PathLike[str]) -> Path:
        """Write incidents as partitioned GeoParquet (a folder), replacing it atomically."""
        import dask_geopandas

        from .frames import incidents_to_gdf

        target = Path(path)
        gdf = gdf_for_parquet(incidents_to_gdf(incidents))
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            parts = dask_geopandas.from_geopandas(
                gdf, npartitions=max(1, min(len(gdf), self.n_workers))
            )
            parts.to_parquet(tmp / "data", write_index=False)
            old = None
            if target.exists():
                old = target.with_name(f".{target.name}.old")
                shutil.rmtree(old, ignore_errors=True)
                os.replace(target, old)
            os.replace(tmp / "data", target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            msg = f"cannot write {str(target)!r}: {exc}"
            raise ExportError(msg) from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return target


def gdf_for_parquet(gdf: Any) -> Any:
    """Return a copy whose list/dict cells are JSON text, so every partition has one schema."""
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
    return out
