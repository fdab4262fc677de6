"""Tests for the streaming GeoJSON writer of geoconflict.geojson."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geoconflict.geojson import (
    incidents_to_feature_collection,
    read_incidents_geojson,
    write_incidents_geojson,
)
from geoconflict.records import Incident, Location


def sample_incidents() -> list[Incident]:
    located = [
        Incident(
            incident_id=f"note-{k:03d}",
            doc_id="note",
            text="Barrel bombs hit “the old souk”\nin Ḥamāh; 3 dead.",
            char_start=10 * k,
            char_end=10 * k + 9,
            event_type="airstrike",
            date=dt.date(2018, 2, 9),
            place="Hama",
            location=Location(lat=35.13, lon=36.75, precision=1, place_name="Ḥamāh"),
            killed_best=3,
            targets=("market",),
        )
        for k in range(3)
    ]
    return [*located, Incident("note-004", "note", "Shelling was reported.", 50, 72)]


@pytest.mark.parametrize("count", [0, 1, 4])
def test_streamed_file_is_byte_identical_to_json_dump(tmp_path, count):
    incidents = sample_incidents()[:count]
    path = tmp_path / "incidents.geojson"
    assert write_incidents_geojson(iter(incidents), path) == count
    expected = json.dumps(incidents_to_feature_collection(incidents), ensure_ascii=False, indent=1)
    assert path.read_text(encoding="utf-8") == expected + "\n"
    back = read_incidents_geojson(path)
    assert [(i.incident_id, i.killed_best, i.text) for i in back] == [
        (i.incident_id, i.killed_best, i.text) for i in incidents
    ]


def test_failing_iterable_leaves_no_file(tmp_path):
    def incidents():
        yield sample_incidents()[0]
        msg = "extraction broke half-way"
        raise RuntimeError(msg)

    path = tmp_path / "incidents.geojson"
    with pytest.raises(RuntimeError, match="half-way"):
        write_incidents_geojson(incidents(), path)
    assert list(tmp_path.iterdir()) == []
