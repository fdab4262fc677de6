"""Incidents as RFC 7946 GeoJSON features, and back.

This is the one place that turns an :class:`~geoconflict.records.Incident` into the property
set of ``CONTRACT.md``; every writer (GeoJSON, CSV, GeoPackage, GeoDataFrame) goes through
:func:`incident_properties`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable, Mapping
from typing import Any

from ._atomic import atomic_open
from .errors import SchemaError
from .records import COUNT_FIELDS, Incident, Location, SourceReport

#: Property names in output order. The first block is ``CONTRACT.md``; the rest are ours.
PROPERTY_NAMES: tuple[str, ...] = (
    "incident_id", "doc_id", "text", "char_start", "char_end", "event_type", "actor", "date",
    "place", "place_name", "place_id", "admin1", "admin2", "precision",
    "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "killed_children", "killed_women", "targets",
    "killed_rescuers", "victims", "is_cumulative", "part_of", "sources", "confidence",
    "category", "reports", "killed_best_min", "killed_best_max",
    "match_score", "feature_code", "country_code", "lat", "lon",
)


def incident_properties(incident: Incident) -> dict[str, Any]:
    """Return the flat property dict of one incident (JSON-ready: dates as ISO strings)."""
    loc = incident.location
    return {
        "incident_id": incident.incident_id,
        "doc_id": incident.doc_id,
        "text": incident.text,
        "char_start": incident.char_start,
        "char_end": incident.char_end,
        "event_type": incident.event_type,
        "actor": incident.actor,
        "date": incident.date.isoformat() if incident.date else None,
        "place": incident.place,
        "place_name": loc.place_name if loc else None,
        "place_id": loc.place_id if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "precision": loc.precision if loc else None,
        "killed_low": incident.killed_low,
        "killed_best": incident.killed_best,
        "killed_high": incident.killed_high,
        "injured_low": incident.injured_low,
        "injured_best": incident.injured_best,
        "injured_high": incident.injured_high,
        "killed_children": incident.killed_children,
        "killed_women": incident.killed_women,
        "targets": list(incident.targets),
        "killed_rescuers": incident.killed_rescuers,
        "victims": list(incident.victims),
        "is_cumulative": incident.is_cumulative,
        "part_of": incident.part_of,
        "sources": list(incident.sources) if incident.sources else [incident.doc_id],
        "confidence": incident.confidence,
        "category": incident.category,
        "reports": [_report_properties(r) for r in incident.reports],
        "killed_best_min": _best_extreme(incident, min),
        "killed_best_max": _best_extreme(incident, max),
        "match_score": loc.score if loc else None,
        "feature_code": loc.feature_code if loc else None,
        "country_code": loc.country_code if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
    }


def _report_properties(report: SourceReport) -> dict[str, Any]:
    return {
        "doc_id": report.doc_id,
        "incident_id": report.incident_id,
        "date": report.date.isoformat() if report.date else None,
        **{name: getattr(report, name) for name in COUNT_FIELDS},
    }


def _best_extreme(incident: Incident, pick: Any) -> int | None:
    """Smallest/largest ``killed_best`` over the sources (the disagreement), or the own best."""
    bests = [r.killed_best for r in incident.reports if r.killed_best is not None]
    if not bests:
        return incident.killed_best
    return int(pick(bests))


def _counts(props: Mapping[str, Any]) -> dict[str, int | None]:
    """The six casualty counts of a property set, as ints or None."""
    return {name: _opt_int(props.get(name)) for name in COUNT_FIELDS}


def _report_from_properties(props: Mapping[str, Any]) -> SourceReport:
    date = props.get("date")
    return SourceReport(
        doc_id=str(props["doc_id"]),
        incident_id=str(props.get("incident_id") or ""),
        date=dt.date.fromisoformat(date) if date else None,
        **_counts(props),
    )


def _opt_reports(value: Any) -> tuple[SourceReport, ...]:
    if isinstance(value, str):  # a flat writer (CSV) stores the list as JSON text
        value = json.loads(value) if value.strip() else []
    if not value:
        return ()
    return tuple(_report_from_properties(r) for r in value)


def incident_to_feature(incident: Incident) -> dict[str, Any]:
    """Return one incident as a GeoJSON Feature (``[lon, lat]``; null geometry if unplaced)."""
    loc = incident.location
    geometry = (
        {"type": "Point", "coordinates": [round(loc.lon, 6), round(loc.lat, 6)]}
        if loc is not None
        else None
    )
    return {"type": "Feature", "geometry": geometry, "properties": incident_properties(incident)}


def incidents_to_feature_collection(incidents: Iterable[Incident]) -> dict[str, Any]:
    """Return an RFC 7946 FeatureCollection (no ``crs`` member) of the incidents."""
    return {
        "type": "FeatureCollection",
        "features": [incident_to_feature(i) for i in incidents],
    }


_encode_str = json.encoder.encode_basestring  # the C encoder json.dumps uses (ensure_ascii=False)


def _dumps_indented(value: Any, indent: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)`` at depth ``indent``, same bytes.

    json's indenting encoder is pure Python (its C encoder does no indentation) and was most
    of the time ``run`` spent writing; this one builds the same text several times faster.
    """
    if isinstance(value, str):
        return _encode_str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        # json writes a finite float as its repr (and rejects nothing here: NaN -> NaN)
        return float.__repr__(value) if math.isfinite(value) else json.dumps(value)
    inner = indent + " "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{_encode_str(str(k))}: {_dumps_indented(v, inner)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [inner + _dumps_indented(v, inner) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)  # anything else: json's own error or form


#: What :func:`write_incidents_geojson` writes before the features, between two, and after
#: them (with and without features); a streamed writer joins :func:`feature_text` with them.
GEOJSON_HEAD = '{\n "type": "FeatureCollection",\n "features": ['
GEOJSON_SEP = ",\n  "
GEOJSON_FIRST = "\n  "
GEOJSON_TAIL = "\n ]\n}\n"
GEOJSON_EMPTY_TAIL = "]\n}\n"


_PROPERTY_PREFIX: dict[str, str] = {}


def feature_text(incident: Incident) -> str:
    """Return one incident's feature as :func:`write_incidents_geojson` writes it.

    The text of ``_dumps_indented(incident_to_feature(incident), "  ")`` (the bytes of
    ``json.dumps(..., indent=1)`` at that depth), with the flat properties written inline.
    """
    feature = incident_to_feature(incident)
    geometry = feature["geometry"]
    parts = []
    prefixes = _PROPERTY_PREFIX
    for key, value in feature["properties"].items():
        prefix = prefixes.get(key)
        if prefix is None:
            prefix = prefixes[key] = f"\n    {_encode_str(key)}: "
        kind = type(value)
        if kind is str:
            parts.append(prefix + _encode_str(value))
        elif value is None:
            parts.append(prefix + "null")
        elif kind is int:
            parts.append(prefix + int.__repr__(value))
        else:
            parts.append(prefix + _dumps_indented(value, "    "))
    geom = "null" if geometry is None else _dumps_indented(geometry, "   ")
    return ('{\n   "type": "Feature",\n   "geometry": ' + geom + ',\n   "properties": {'
            + ",".join(parts) + "\n   }\n  }")


def write_incidents_geojson(incidents: Iterable[Incident], path: str | os.PathLike[str]) -> int:
    """Write incidents to ``path`` as GeoJSON, atomically. Return the number written.

    Features are written one at a time as ``incidents`` yields them (a generator is never
    held in memory whole); the bytes are those of ``json.dump(collection, indent=1)``. If the
    iterable raises, the exception propagates and no file is left.
    """
    count = 0
    with atomic_open(path, "w") as fh:
        fh.write(GEOJSON_HEAD)
        for incident in incidents:
            fh.write(GEOJSON_SEP if count else GEOJSON_FIRST)
            fh.write(feature_text(incident))
            count += 1
        fh.write(GEOJSON_TAIL if count else GEOJSON_EMPTY_TAIL)
    return count


def _opt_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    return int(value)


def feature_to_incident(feature: Mapping[str, Any]) -> Incident:
    """Rebuild an :class:`Incident` from a GeoJSON feature written by this module."""
    props = dict(feature.get("properties") or {})
    if "incident_id" not in props or "doc_id" not in props:
        msg = "feature lacks 'incident_id' or 'doc_id'; is this a geoconflict incidents file?"
        raise SchemaError(msg)
    geom = feature.get("geometry")
    location = None
    if geom and geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]
        location = Location(
            lat=float(lat),
            lon=float(lon),
            precision=_opt_int(props.get("precision")) or 1,
            place_name=props.get("place_name"),
            place_id=props.get("place_id"),
            admin1=props.get("admin1"),
            admin2=props.get("admin2"),
            country_code=props.get("country_code"),
            feature_code=props.get("feature_code"),
            score=props.get("match_score"),
        )
    date = props.get("date")
    return Incident(
        incident_id=str(props["incident_id"]),
        doc_id=str(props["doc_id"]),
        text=props.get("text") or "",
        char_start=_opt_int(props.get("char_start")) or 0,
        char_end=_opt_int(props.get("char_end")) or 0,
        event_type=props.get("event_type") or "other",
        actor=props.get("actor"),
        date=dt.date.fromisoformat(date) if date else None,
        place=props.get("place"),
        location=location,
        **_counts(props),
        killed_children=_opt_int(props.get("killed_children")),
        killed_women=_opt_int(props.get("killed_women")),
        killed_rescuers=_opt_int(props.get("killed_rescuers")),
        victims=tuple(props.get("victims") or ()),
        targets=tuple(props.get("targets") or ()),
        is_cumulative=bool(props.get("is_cumulative")),
        part_of=props.get("part_of"),
        sources=tuple(props.get("sources") or ()),
        confidence=props.get("confidence"),
        reports=_opt_reports(props.get("reports")),
        category=props.get("category") or "violence",
    )


def read_incidents_geojson(path: str | os.PathLike[str]) -> list[Incident]:
    """Read incidents written by :func:`write_incidents_geojson`."""
    from .errors import InputError

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        msg = f"no such file: {os.fspath(path)!r}"
        raise InputError(msg) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"cannot read {os.fspath(path)!r} as GeoJSON: {exc}"
        raise InputError(msg) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        msg = f"{os.fspath(path)!r} is not a GeoJSON FeatureCollection"
        raise SchemaError(msg)
    return [feature_to_incident(f) for f in data.get("features") or ()]
