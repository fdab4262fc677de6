"""The map's blob built slice by slice on disk (geoconflict.map_blob)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from geoconflict.joins import casualties_by_area, join_admin_areas
from geoconflict.map_blob import BlobColumns
from geoconflict.maps import (
    COMPRESS_ABOVE,
    MAP_COLUMNS,
    _as_gdf,
    incidents_blob,
    map_from_blob,
    map_from_table,
    render_map,
    save_map,
    script_json,
)

from .map_data import map_incidents


def _table(incidents):
    return join_admin_areas(_as_gdf(incidents))[list(MAP_COLUMNS)]


def _blob_text(table, folder, step, **kwargs):
    blob = BlobColumns(folder, **kwargs)
    for start in range(0, max(len(table), 1), step):
        blob.add(table.iloc[start:start + step])
    return blob, "".join(blob.pieces())


def _many(n):
    """``n`` distinct incidents made from the map test incidents (ids, texts, counts vary)."""
    base = map_incidents()
    out = []
    for i in range(n):
        inc = base[i % len(base)]
        out.append(dataclasses.replace(
            inc, incident_id=f"{inc.incident_id}-{i}", doc_id=f"doc-{i // 3}",
            text=f"Report {i}: {inc.text} The toll given by the monitor was {i % 97}.",
            killed_best=None if inc.killed_best is None else inc.killed_best + i % 5))
    return out


@pytest.mark.parametrize("step", [1, 3, 1000])
def test_slices_give_the_text_of_the_whole_table(tmp_path, step):
    table = _table(map_incidents())
    _, text = _blob_text(table, tmp_path, step)
    assert text == script_json(incidents_blob(table))


def test_no_rows_give_an_empty_blob(tmp_path):
    table = _table(map_incidents()).iloc[:0]
    blob, text = _blob_text(table, tmp_path, 10)
    assert text == script_json(incidents_blob(table))
    assert (blob.facts.rows, blob.drawn, blob.facts.first_date) == (0, 0, None)


def test_bounded_interning_decodes_to_the_same_values(tmp_path):
    table = _table(_many(200))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, small = _blob_text(table, tmp_path / "a", 7, intern_limit=2)
    _, full = _blob_text(table, tmp_path / "b", 7)
    got, want = json.loads(small), json.loads(full)
    assert len(got["s"]) > len(want["s"])  # repeats stored again once the memory was full
    for col in ("pl", "pn", "ac", "dc", "tx", "id"):
        decode_got = [got["s"][c] if c >= 0 else None for c in got[col]]
        decode_want = [want["s"][c] if c >= 0 else None for c in want[col]]
        assert decode_got == decode_want
    rest = {k for k in want if k not in {"pl", "pn", "ac", "dc", "tx", "id", "s"}}
    assert {k: got[k] for k in rest} == {k: want[k] for k in rest}


def test_large_map_from_disk_is_the_map_from_memory(tmp_path):
    joined = join_admin_areas(_as_gdf(_many(6000)))
    table = joined[list(MAP_COLUMNS)]
    assert len(script_json(incidents_blob(table))) > COMPRESS_ABOVE  # the compressed path
    summaries = {lvl: casualties_by_area(joined, lvl) for lvl in ("admin1", "admin2")}
    blob = BlobColumns(tmp_path)
    for start in range(0, len(table), 1024):
        blob.add(table.iloc[start:start + 1024])
    payload = tmp_path / "payload.gz"
    from_disk = map_from_blob(blob, summaries, spill=payload, offline=True)
    assert payload.stat().st_size > 0  # the compressed blob waits in the file
    save_map(from_disk, tmp_path / "disk.html")
    save_map(map_from_table(table, summaries, offline=True), tmp_path / "memory.html")
    page = (tmp_path / "disk.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "memory.html").read_text(encoding="utf-8")
    assert "@@gc-payload-" not in page
    assert 'data-encoding="gzip-base64"' in page
    # render_map (a string in memory) gives the same page from a fresh build: a folium
    # map is rendered once, so the saved one cannot be rendered again
    again = BlobColumns(tmp_path / "again")
    for start in range(0, len(table), 4096):
        again.add(table.iloc[start:start + 4096])
    assert render_map(map_from_blob(again, summaries, spill=tmp_path / "again.gz",
                                    offline=True)) == page


def test_facts_of_the_blob_are_those_of_the_table(tmp_path):
    from geoconflict.maps import MapFacts

    table = _table(_many(50))
    blob, _ = _blob_text(table, tmp_path, 9)
    facts = MapFacts.of_table(table)
    got = blob.facts
    assert (got.rows, got.with_position, got.first_date, got.last_date, got.killed,
            frozenset(got.types_seen), got.has_hollow) == (
        facts.rows, facts.with_position, facts.first_date, facts.last_date, facts.killed,
        facts.types_seen, facts.has_hollow)
