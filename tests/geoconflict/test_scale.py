"""Scale-out on Dask (geoconflict.scale): a LocalCluster of 2 worker processes gives the same
result as one process."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask_geopandas")

from geoconflict.geojson import read_incidents_geojson
from geoconflict.pipeline import extract_chunk, join_admin, run
from geoconflict.records import Article, Incident, Location
from geoconflict.scale import DaskEngine

needs_extraction = pytest.mark.skipif(
    importlib.util.find_spec("geoconflict.extract") is None,
    reason="extraction is not available yet",
)

SENTENCES = [
    "Airstrikes killed {n} people in Saraqeb in Idlib province on Monday, a monitor said.",
    "Shelling on Douma killed {n} civilians and wounded {m} on Tuesday.",
    "A car bomb exploded in Azaz on Wednesday, killing {n} people.",
    "Government helicopters dropped barrel bombs on Daraya, killing {n} on Friday.",
]


def corpus_articles(n: int) -> list[Article]:
    return [
        Article(
            doc_id=f"doc-{i:03d}",
            text=SENTENCES[i % len(SENTENCES)].format(n=3 + i % 7, m=10 + i % 5),
            date=dt.date(2017, 3, 10) + dt.timedelta(days=i % 9),
        )
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def engine():
    with DaskEngine(workers=2) as eng:
        yield eng


def test_local_cluster_has_two_workers_with_a_gazetteer_each(engine):
    assert engine.n_workers == 2
    loaded = engine.client.run(
        lambda: __import__("geoconflict.pipeline").pipeline._WORKER.get("resolver") is not None
    )
    assert list(loaded.values()) == [True, True]


def test_dask_join_equals_local_join(engine):
    incidents = [
        Incident(f"i{k}", f"d{k}", "t", 0, 1, date=dt.date(2017, 3, 14),
                 location=Location(lat, lon, 1))
        for k, (lat, lon) in enumerate([(35.81, 36.61), (33.57, 36.40), (36.59, 37.05),
                                        (34.73, 36.71), (35.0, 38.5)])
    ]
    assert engine.join_admin(incidents) == join_admin(incidents, missing=[])


def test_partitioned_geoparquet(engine, tmp_path):
    import geopandas as gpd

    incidents = [
        Incident(f"i{k}", f"d{k}", "t", 0, 1, targets=("school",) if k % 2 else (),
                 location=Location(35.8 + k / 100, 36.6, 1) if k != 3 else None)
        for k in range(6)
    ]
    path = engine.write_parquet(incidents, tmp_path / "incidents.parquet")
    parts = sorted(p.name for p in path.iterdir() if p.suffix == ".parquet")
    assert len(parts) == 2
    back = gpd.read_parquet(path)
    assert back.crs.to_epsg() == 4326
    assert sorted(back["incident_id"]) == [f"i{k}" for k in range(6)]
    assert json.loads(back.set_index("incident_id").loc["i1", "targets"]) == ["school"]
    # written again, the folder is replaced whole
    engine.write_parquet(incidents[:2], path)
    assert len(gpd.read_parquet(path)) == 2


def test_parquet_parts_stream_partitions_of_one_schema(engine, tmp_path):
    import geopandas as gpd

    # the first partition has no actor and no place at all: its columns are still typed
    incidents = [
        Incident(f"i{k}", f"d{k}", "t", 0, 1, actor="Russia" if k >= 2 else None,
                 location=Location(35.8, 36.6, 1) if k >= 2 else None)
        for k in range(5)
    ]
    parts = engine.parquet_parts(tmp_path / "incidents.parquet", rows=2)
    for incident in incidents:
        parts.add(incident)
    path = parts.finish()
    assert sorted(p.name for p in path.iterdir()) == [f"part.{k}.parquet" for k in range(3)]
    back = gpd.read_parquet(path)
    assert list(back["incident_id"]) == [f"i{k}" for k in range(5)]
    assert [a if isinstance(a, str) else None for a in back["actor"]] == [None, None] + [
        "Russia"] * 3
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())


def test_parquet_parts_discarded_leave_nothing(engine, tmp_path):
    parts = engine.parquet_parts(tmp_path / "incidents.parquet", rows=1)
    parts.add(Incident("i0", "d0", "t", 0, 1))
    parts.discard()
    assert list(tmp_path.iterdir()) == []


def _id(incident: Incident) -> str:
    return incident.incident_id


@needs_extraction
def test_dask_extraction_equals_one_process(engine):
    articles = corpus_articles(60)
    local, failed = extract_chunk(articles)
    distributed, dfailed = engine.extract(iter(articles))
    assert sorted(distributed, key=_id) == sorted(local, key=_id)
    assert dfailed == failed == []


@needs_extraction
def test_run_on_dask_writes_the_same_files_as_one_process(engine, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"id": a.doc_id, "text": a.text, "date": a.date.isoformat()}) + "\n"
                for a in corpus_articles(60)),
        encoding="utf-8",
    )
    one = run([feed], outdir=tmp_path / "one", progress=False)
    # --scheduler: the module's cluster (starting a second one would double the test time)
    address = engine.client.scheduler.address
    dask = run([feed], outdir=tmp_path / "dask", engine="dask", scheduler=address,
               progress=False)
    for name in ("incidents.geojson", "incidents.csv", "report.md"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
    assert (one.incidents, one.killed) == (dask.incidents, dask.killed)
    assert one.merged > 0  # the corpus repeats strikes across articles
    assert read_incidents_geojson(tmp_path / "dask" / "incidents.geojson")
    assert dask.paths["parquet"].is_dir()
    import geopandas as gpd

    back = gpd.read_parquet(dask.paths["parquet"])
    features = json.loads((tmp_path / "one" / "incidents.geojson").read_text("utf-8"))["features"]
    assert list(back["incident_id"]) == [f["properties"]["incident_id"] for f in features]
    assert list(back["killed_best"].astype(object).where(back["killed_best"].notna(), None)) == [
        f["properties"]["killed_best"] for f in features]
