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


def test_feature_text_is_the_indented_json_of_the_feature():
    import datetime as dt

    from geoconflict.geojson import _dumps_indented, feature_text, incident_to_feature
    from geoconflict.records import Incident, Location, SourceReport

    report = SourceReport("b", "b-001", dt.date(2017, 3, 2), 1, 2, None, None, 3, None)
    cases = [
        Incident("a-001", "a", "Text with \"quotes\", \u2028 and ünïcödé.\n", 0, 9),
        Incident("a-002", "a", "", 3, 4, event_type="airstrike", actor="Russia",
                 date=dt.date(2017, 3, 1), place="Ariha",
                 location=Location(35.8137, 36.6084, 1, "Ariha", "p1", "Idleb", "Ariha", "SY",
                                   "PPL", 0.93),
                 killed_low=3, killed_best=5, killed_high=None, injured_best=0,
                 targets=("school", "hospital"), victims=("civilians",), is_cumulative=True,
                 part_of="a-001", sources=("a", "b"), confidence=1.0, reports=(report,)),
    ]
    for inc in cases:
        assert feature_text(inc) == _dumps_indented(incident_to_feature(inc), "  ")
        assert json.loads(feature_text(inc)) == incident_to_feature(inc)


def test_category_round_trips_and_defaults_to_violence(tmp_path):
    fled = Incident("note-005", "note", "Thousands fled Hama.", 80, 100, category="displacement")
    incidents = [*sample_incidents()[:1], fled]
    path = tmp_path / "incidents.geojson"
    write_incidents_geojson(incidents, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [f["properties"]["category"] for f in data["features"]] == ["violence", "displacement"]
    assert [i.category for i in read_incidents_geojson(path)] == ["violence", "displacement"]
    # A file written before the field existed reads as violence.
    for feature in data["features"]:
        del feature["properties"]["category"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [i.category for i in read_incidents_geojson(path)] == ["violence", "violence"]
