"""Typed records that flow through the pipeline: articles, locations and incidents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

#: Event types of ``CONTRACT.md``.
EventType = Literal[
    "airstrike", "shelling", "bombing", "missile", "ground_assault", "attack", "other"
]
EVENT_TYPES: tuple[str, ...] = (
    "airstrike", "shelling", "bombing", "missile", "ground_assault", "attack", "other",
)
#: What a development (an event told with no violence) was: :attr:`Incident.category`.
DEVELOPMENT_CATEGORIES: tuple[str, ...] = (
    "displacement", "return", "aid", "protest", "arrest", "agreement", "territory",
)
#: The kinds a map tells apart: the event types, then the developments.
MAP_KINDS: tuple[str, ...] = EVENT_TYPES + DEVELOPMENT_CATEGORIES


def map_kind(event_type: str | None, category: str | None) -> str:
    """The kind a map shows an incident as: a development's category, else its event type."""
    if category in DEVELOPMENT_CATEGORIES:
        return str(category)
    return event_type or "other"


#: The six casualty counts that incidents and per-source reports share, in output order.
COUNT_FIELDS: tuple[str, ...] = (
    "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article or event note.

    Parameters
    ----------
    doc_id
        Identifier (file name without extension, or the ``id`` column).
    text
        Full text; incident offsets index into it.
    date
        Publication date, used to resolve "on Thursday"; None if unknown.
    title, url, source
        Optional metadata.
    """

    doc_id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where an incident happened, as resolved against the gazetteer.

    ``precision`` uses the codes of ``CONTRACT.md`` (1 exact place ... 6 country).
    """

    lat: float
    lon: float
    precision: int
    place_name: str | None = None
    place_id: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country_code: str | None = None
    feature_code: str | None = None
    score: float | None = None

    def __post_init__(self) -> None:
        if not -90.0 <= self.lat <= 90.0:
            msg = f"latitude {self.lat!r} is outside [-90, 90]; are lat and lon swapped?"
            raise ValueError(msg)
        if not -180.0 <= self.lon <= 180.0:
            msg = f"longitude {self.lon!r} is outside [-180, 180]"
            raise ValueError(msg)
        if not 1 <= self.precision <= 6:
            msg = f"precision {self.precision!r} is not one of 1..6"
            raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What one source article said about an incident that was merged across articles.

    A merged :class:`Incident` keeps one of these per source so the disagreement between
    sources stays visible (see :mod:`geoconflict.merge` for the reconciliation rule).
    """

    doc_id: str
    incident_id: str
    date: dt.date | None = None
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    """One event read from an article (or merged from several).

    Counts are None when the text does not give them, never 0 for "unknown".
    ``is_cumulative`` marks a running toll over several events ("the death toll since Monday"),
    and ``part_of`` names the ``incident_id`` of a larger incident this one lies inside
    (a town's strike inside a region-wide campaign the same day); totals skip both so that
    no death is counted twice.
    """

    incident_id: str
    doc_id: str
    text: str
    char_start: int
    char_end: int
    event_type: str = "other"
    actor: str | None = None
    date: dt.date | None = None
    place: str | None = None
    location: Location | None = None
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    killed_children: int | None = None
    killed_women: int | None = None
    killed_rescuers: int | None = None
    victims: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    is_cumulative: bool = False
    part_of: str | None = None
    sources: tuple[str, ...] = field(default=())
    confidence: float | None = None
    #: One :class:`SourceReport` per source when merged across articles; empty otherwise.
    reports: tuple[SourceReport, ...] = ()
    #: ``violence`` for an attack, a strike or fighting; for a development told with no
    #: violence, what it was: ``displacement``, ``return``, ``aid``, ``protest``, ``arrest``
    #: or ``agreement`` (never counted, never merged across articles).
    category: str = "violence"
