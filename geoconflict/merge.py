"""Merge incidents that different articles report about the same event.

One strike is usually reported by many articles; counting it once per article inflates every
total. :func:`merge_incidents` groups the reports of one event into ONE incident that lists
every source and reconciles the counts by an explicit rule.

When are two incidents the same event?
--------------------------------------
Two incidents ``a`` and ``b`` *match* when all of these hold:

1. **Different articles.** They share no source document. Incidents from the same article are
   never merged here: extraction already decided those.
2. **Single events of violence.** Neither is a cumulative toll (``is_cumulative``); a running
   toll is never merged with anything, and neither is a development (``category`` other than
   ``violence``: a displacement, a protest, an agreement), which has no count to reconcile.
3. **Dated, same or adjacent day.** Both have a date and ``|a.date - b.date| <= 1 day``
   (:attr:`MergeRule.max_days`). Undated incidents are never merged.
4. **Compatible type.** Same ``event_type``, or one of them is ``other`` or ``attack`` (the
   generic types, :data:`GENERIC_TYPES`).
5. **Same place.** Both are placed (unplaced incidents are never merged) and either

   * they resolved to the same gazetteer ``place_id``, or
   * both are precise (precision <= 2) and lie within :attr:`MergeRule.max_km` (10 km) of
     each other (great-circle distance), or
   * the coarser one is a district (precision 3) and both lie in the same ``admin2``, or
   * the coarser one is a governorate (precision 4) and both lie in the same ``admin1``.

   Coarser places (regions, countries: precision >= 5) only match the same ``place_id``.

Groups are built by **complete linkage**: an incident joins a group only when it matches every
member already in it, so reports never chain across days or kilometres (three reports on
days 1, 2 and 3 give two groups, not one). Incidents are visited in a canonical order
(:func:`_sort_key`: date, place, doc id, offsets, id), and an incident joins the matching group
whose members are closest in time, then in space, then the earliest-made; so the result does
not depend on the order of the input.

How are the counts reconciled?
------------------------------
For deaths (``killed_*``) and, alike, injuries (``injured_*``) over the group's reports:

* ``low``  = the largest reported low (None when no source gives one);
* ``high`` = the largest reported high (None when none gives one), raised to ``low`` if
  below it;
* ``best`` = the median of the reported bests; for an even number of bests, the lower of the
  two middle values, so ``best`` is always a number some source gave. It is then clipped into
  ``[low, high]``;
* ``killed_children``, ``killed_women``, ``killed_rescuers``: the largest reported.

The disagreement stays visible: ``Incident.reports`` keeps one
:class:`~geoconflict.records.SourceReport` per source (its own low/best/high), and the GeoJSON
writer adds ``killed_best_min`` / ``killed_best_max``.

Other fields of a merged incident: the place, text, offsets and doc id of its *lead* report
(the most precise place, then the most counts, then the canonical order); ``sources`` = the
sorted doc ids of all reports; ``event_type`` = the specific type if any report has one;
``date`` = the most often reported date (ties: the earliest); ``actor`` = the lead's actor, else
the first known; ``targets`` and ``victims`` = the sorted union; ``confidence`` = the largest.
A merged incident keeps its lead's ``incident_id``; an incident that matched nothing is
returned unchanged. ``part_of`` links are rewritten to the id of the merged incident.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .records import COUNT_FIELDS, Incident, SourceReport

__all__ = [
    "GENERIC_TYPES",
    "MergeRule",
    "SpanMerge",
    "SpanStream",
    "incidents_match",
    "merge_days",
    "merge_group",
    "merge_incidents",
    "merge_span",
    "merged_spans",
    "ordered_merged",
    "reconcile_counts",
]

#: Event types compatible with every other type.
GENERIC_TYPES: frozenset[str] = frozenset({"other", "attack"})


@dataclass(frozen=True, slots=True)
class MergeRule:
    """Thresholds of the same-event test.

    Parameters
    ----------
    max_km
        Largest distance between two precise places (precision <= 2) of one event.
    max_days
        Largest difference in days between the dates of one event.
    max_precise
        Highest precision code treated as a point (compared by distance).
    """

    max_km: float = 10.0
    max_days: int = 1
    max_precise: int = 2


DEFAULT_RULE = MergeRule()


def _sources(incident: Incident) -> tuple[str, ...]:
    return incident.sources or (incident.doc_id,)


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _distance_km(a: Incident, b: Incident) -> float:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return math.inf
    return _haversine_km(la.lat, la.lon, lb.lat, lb.lon)


def _types_compatible(a: str, b: str) -> bool:
    return a == b or a in GENERIC_TYPES or b in GENERIC_TYPES


def _same_place(a: Incident, b: Incident, rule: MergeRule) -> bool:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return False
    if la.place_id is not None and la.place_id == lb.place_id:
        return True
    coarser = max(la.precision, lb.precision)
    if coarser <= rule.max_precise:
        return _distance_km(a, b) <= rule.max_km
    if coarser == 3:
        return la.admin2 is not None and la.admin2 == lb.admin2
    if coarser == 4:
        return la.admin1 is not None and la.admin1 == lb.admin1
    return False


def _eligible(incident: Incident) -> bool:
    return (
        not incident.is_cumulative
        and incident.date is not None
        and incident.location is not None
        and incident.category == "violence"
    )


def incidents_match(a: Incident, b: Incident, *, rule: MergeRule = DEFAULT_RULE) -> bool:
    """Return whether two incidents describe the same event (the rule in the module doc).

    Parameters
    ----------
    a, b
        The two incidents.
    rule
        Distance and day thresholds.

    Returns
    -------
    bool
        True when they come from different articles, are dated single events within
        ``rule.max_days`` of each other, of compatible types and at the same place.
    """
    if not (_eligible(a) and _eligible(b)):
        return False
    if set(_sources(a)) & set(_sources(b)):
        return False
    assert a.date is not None and b.date is not None
    if abs((a.date - b.date).days) > rule.max_days:
        return False
    if not _types_compatible(a.event_type, b.event_type):
        return False
    return _same_place(a, b, rule)


def _reports(incident: Incident) -> tuple[SourceReport, ...]:
    if incident.reports:
        return incident.reports
    return (
        SourceReport(
            doc_id=incident.doc_id,
            incident_id=incident.incident_id,
            date=incident.date,
            **{name: getattr(incident, name) for name in COUNT_FIELDS},
        ),
    )


def reconcile_counts(
    lows: Sequence[int | None], bests: Sequence[int | None], highs: Sequence[int | None]
) -> tuple[int | None, int | None, int | None]:
    """Reconcile several sources' counts of one event into ``(low, best, high)``.

    Parameters
    ----------
    lows, bests, highs
        Each source's lower bound, best estimate and upper bound (None: not given).

    Returns
    -------
    tuple
        ``low`` = largest low; ``high`` = largest high (raised to ``low`` if below it);
        ``best`` = the lower median of the bests, clipped into ``[low, high]``.

    Examples
    --------
    >>> reconcile_counts([30, None, 25], [30, 40, 25], [None, 45, None])
    (30, 30, 45)
    """
    known_lows = [v for v in lows if v is not None]
    known_bests = sorted(v for v in bests if v is not None)
    known_highs = [v for v in highs if v is not None]
    low = max(known_lows) if known_lows else None
    high = max(known_highs) if known_highs else None
    if low is not None and high is not None and high < low:
        high = low
    best = known_bests[(len(known_bests) - 1) // 2] if known_bests else None
    if best is not None:
        if low is not None and best < low:
            best = low
        if high is not None and best > high:
            best = high
    return low, best, high


def _max_opt(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _n_counts(incident: Incident) -> int:
    return sum(
        v is not None
        for v in (incident.killed_low, incident.killed_best, incident.injured_low,
                  incident.injured_best)
    )


def _sort_key(incident: Incident) -> tuple:
    loc = incident.location
    return (
        incident.date or dt.date.max,
        loc.place_id or "" if loc else "",
        incident.doc_id,
        incident.char_start,
        incident.char_end,
        incident.incident_id,
    )


def _lead_key(incident: Incident) -> tuple:
    precision = incident.location.precision if incident.location else 9
    return (precision, -_n_counts(incident), _sort_key(incident))


def merge_group(group: Sequence[Incident]) -> Incident:
    """Merge incidents judged to be one event into one incident (the module doc's rule).

    Parameters
    ----------
    group
        Incidents of one event, from different articles (one incident is returned as is).

    Returns
    -------
    Incident
        The merged incident, with ``sources`` and one ``reports`` entry per source.
    """
    if not group:
        msg = "merge_group needs at least one incident"
        raise ValueError(msg)
    if len(group) == 1:
        return group[0]
    members = sorted(group, key=_sort_key)
    lead = min(members, key=_lead_key)
    reports = tuple(
        sorted(
            (r for m in members for r in _reports(m)), key=lambda r: (r.doc_id, r.incident_id)
        )
    )
    k_low, k_best, k_high = reconcile_counts(
        [r.killed_low for r in reports], [r.killed_best for r in reports],
        [r.killed_high for r in reports],
    )
    i_low, i_best, i_high = reconcile_counts(
        [r.injured_low for r in reports], [r.injured_best for r in reports],
        [r.injured_high for r in reports],
    )
    specific = sorted({m.event_type for m in members} - GENERIC_TYPES)
    if lead.event_type not in GENERIC_TYPES:
        event_type = lead.event_type
    elif specific:
        event_type = specific[0]
    else:
        event_type = "attack" if any(m.event_type == "attack" for m in members) else "other"
    dates = Counter(m.date for m in members if m.date is not None)
    date = min(dates, key=lambda d: (-dates[d], d)) if dates else None
    actor = lead.actor or next((m.actor for m in members if m.actor), None)
    confidences = [m.confidence for m in members if m.confidence is not None]
    return dataclasses.replace(
        lead,
        event_type=event_type,
        date=date,
        actor=actor,
        killed_low=k_low,
        killed_best=k_best,
        killed_high=k_high,
        injured_low=i_low,
        injured_best=i_best,
        injured_high=i_high,
        killed_children=_max_opt(m.killed_children for m in members),
        killed_women=_max_opt(m.killed_women for m in members),
        killed_rescuers=_max_opt(m.killed_rescuers for m in members),
        targets=tuple(sorted({t for m in members for t in m.targets})),
        victims=tuple(sorted({v for m in members for v in m.victims})),
        sources=tuple(sorted({s for m in members for s in _sources(m)})),
        confidence=max(confidences) if confidences else None,
        reports=reports,
        part_of=lead.part_of or next((m.part_of for m in members if m.part_of), None),
    )


_EARTH_KM = 6371.0088


class _GroupIndex:
    """Blocking keys for candidate groups: only groups with a member that could match an
    incident are compared with it (complete linkage then checks every member).

    A member can match an incident only when they share a ``place_id``, or are both precise
    and near (nearby cells of a 3-D grid over the unit sphere, cell side = twice the chord of
    ``max_km``: exact at any latitude), or one is a district/governorate-level
    report in the other's ``admin2``/``admin1``; all within ``max_days``.
    """

    def __init__(self, rule: MergeRule) -> None:
        self.rule = rule
        # cells twice the chord of max_km: a neighbour lies in the own cell or the next one
        # on the side the point is nearer to, so 2 x 2 x 2 cells cover it
        self.cell = 2 * (2 * math.sin(rule.max_km / (2 * _EARTH_KM)))
        self.keys: defaultdict[tuple, set[int]] = defaultdict(set)

    def _xyz(self, incident: Incident) -> tuple[float, float, float]:
        loc = incident.location
        assert loc is not None
        lat, lon = math.radians(loc.lat), math.radians(loc.lon)
        return (
            math.cos(lat) * math.cos(lon) / self.cell,
            math.cos(lat) * math.sin(lon) / self.cell,
            math.sin(lat) / self.cell,
        )

    def _cell(self, incident: Incident) -> tuple[int, int, int]:
        x, y, z = self._xyz(incident)
        return math.floor(x), math.floor(y), math.floor(z)

    def _near_cells(self, incident: Incident) -> list[tuple[int, int, int]]:
        axes = []
        for v in self._xyz(incident):
            base = math.floor(v)
            axes.append((base, base - 1 if v - base < 0.5 else base + 1))
        return [(i, j, k) for i in axes[0] for j in axes[1] for k in axes[2]]

    def _keys(self, incident: Incident) -> list[tuple]:
        loc, day = incident.location, incident.date
        assert loc is not None and day is not None
        keys: list[tuple] = []
        if loc.place_id is not None:
            keys.append(("pid", day, loc.place_id))
        if loc.precision <= self.rule.max_precise:
            keys.append(("cell", day, *self._cell(incident)))
        elif loc.precision == 3 and loc.admin2:
            keys.append(("coarse2", day, loc.admin2))
        elif loc.precision == 4 and loc.admin1:
            keys.append(("coarse1", day, loc.admin1))
        if loc.admin1:
            keys.append(("admin1", day, loc.admin1))
        if loc.admin2:
            keys.append(("admin2", day, loc.admin2))
        return keys

    def add(self, incident: Incident, gi: int) -> None:
        for key in self._keys(incident):
            self.keys[key].add(gi)

    def candidates(self, incident: Incident) -> set[int]:
        loc, day = incident.location, incident.date
        assert loc is not None and day is not None
        found: set[int] = set()
        cells: list[tuple[int, int, int]] | None = None
        for delta in range(-self.rule.max_days, self.rule.max_days + 1):
            d = day + dt.timedelta(days=delta)
            lookups: list[tuple] = []
            if loc.place_id is not None:
                lookups.append(("pid", d, loc.place_id))
            if loc.precision <= self.rule.max_precise:
                if cells is None:
                    cells = self._near_cells(incident)
                lookups += [("cell", d, *c) for c in cells]
                if loc.admin2:
                    lookups.append(("coarse2", d, loc.admin2))
                if loc.admin1:
                    lookups.append(("coarse1", d, loc.admin1))
            elif loc.precision == 3:
                if loc.admin2:
                    lookups.append(("admin2", d, loc.admin2))
                if loc.admin1:
                    lookups.append(("coarse1", d, loc.admin1))
            elif loc.precision == 4 and loc.admin1:
                lookups.append(("admin1", d, loc.admin1))
            for key in lookups:
                found.update(self.keys.get(key, ()))
        return found


def _group_incidents(
    incidents: Sequence[Incident], rule: MergeRule, *, indexed: bool = True
) -> list[list[Incident]]:
    """Complete-linkage groups, visiting incidents in canonical order.

    ``indexed=False`` compares every incident with every group (the reference the blocking
    index is tested against).
    """
    groups: list[list[Incident]] = []
    index = _GroupIndex(rule)
    open_groups: list[int] = []
    for incident in sorted(incidents, key=_sort_key):
        best: tuple | None = None
        if _eligible(incident):
            assert incident.date is not None
            candidates = index.candidates(incident) if indexed else open_groups
            for gi in sorted(candidates):
                group = groups[gi]
                if all(incidents_match(incident, m, rule=rule) for m in group):
                    days = max(abs((incident.date - m.date).days) for m in group)  # type: ignore[operator]
                    km = max(_distance_km(incident, m) for m in group)
                    key = (days, km, gi)
                    if best is None or key < best:
                        best = key
        if best is None:
            gi = len(groups)
            groups.append([incident])
            if _eligible(incident):
                index.add(incident, gi)
                open_groups.append(gi)
        else:
            gi = best[2]
            groups[gi].append(incident)
            index.add(incident, gi)
    return groups


def merge_incidents(
    incidents: Iterable[Incident], *, rule: MergeRule = DEFAULT_RULE
) -> list[Incident]:
    """Merge incidents that different articles report about the same event.

    Parameters
    ----------
    incidents
        Incidents from any number of articles, in any order.
    rule
        Distance and day thresholds (default: 10 km, +-1 day).

    Returns
    -------
    list of Incident
        One incident per event, in canonical order (date, place, doc id, offsets). The same
        input in any order gives the same output. See the module docstring for the rule.
    """
    groups = _group_incidents(list(incidents), rule)
    merged = [merge_group(g) for g in groups]
    renamed = {
        m.incident_id: out.incident_id
        for g, out in zip(groups, merged, strict=True)
        for m in g
        if m.incident_id != out.incident_id
    }
    if renamed:
        merged = [
            dataclasses.replace(i, part_of=renamed.get(i.part_of, i.part_of))
            if i.part_of in renamed
            else i
            for i in merged
        ]
    return sorted(merged, key=_sort_key)


# --- merging a stream, day by day -------------------------------------------------------------

#: ``(seq, incident, payload)``: an incident fed to :func:`merge_days`, with its position in
#: the input (ties of the canonical order keep the input order, as a stable sort does) and
#: any value the caller wants back with the merged incident it leads.
Fed = tuple[int, Incident, Any]


class _DayIndex(_GroupIndex):
    """A :class:`_GroupIndex` that forgets the keys of days no later incident can reach."""

    def __init__(self, rule: MergeRule) -> None:
        super().__init__(rule)
        self.by_day: defaultdict[dt.date, list[tuple]] = defaultdict(list)

    def add(self, incident: Incident, gi: int) -> None:
        keys = self._keys(incident)
        for key in keys:
            self.keys[key].add(gi)
        assert incident.date is not None
        self.by_day[incident.date].extend(keys)

    def forget_before(self, day: dt.date) -> None:
        for old in [d for d in self.by_day if d < day]:
            for key in self.by_day.pop(old):
                self.keys.pop(key, None)


class _DayMerger:
    """Complete-linkage grouping of incidents fed one date at a time (the visiting order of
    :func:`_group_incidents`), holding only the groups a later day can still join.

    ``groups`` maps a group number (in order of creation) to its members ``(seq, incident,
    payload)``; a group is *closed* once it began more than ``rule.max_days`` before the
    current day, and closed groups are handed out by :meth:`take_closed`.
    """

    def __init__(self, rule: MergeRule) -> None:
        self.rule = rule
        self.span = dt.timedelta(days=rule.max_days)
        self.index = _DayIndex(rule)
        self.groups: dict[int, list[Fed]] = {}
        self.by_day: deque[tuple[dt.date, list[int]]] = deque()
        self.closed: list[list[Fed]] = []
        self.next_gi = 0
        # per open group: sources of all members, earliest date, the specific event types
        # and the place ids of its members (so most candidates are decided without
        # comparing the incident with every member)
        self.meta: dict[int, tuple[set[str], dt.date, set[str], set[str | None]]] = {}

    def _track(self, gi: int, incident: Incident) -> None:
        loc = incident.location
        assert incident.date is not None and loc is not None
        meta = self.meta.get(gi)
        if meta is None:
            meta = self.meta[gi] = (set(), incident.date, set(), set())
        elif incident.date < meta[1]:
            meta = self.meta[gi] = (meta[0], incident.date, meta[2], meta[3])
        meta[0].update(_sources(incident))
        if incident.event_type not in GENERIC_TYPES:
            meta[2].add(incident.event_type)
        meta[3].add(loc.place_id)

    def _joins(self, incident: Incident, gi: int, group: Sequence[Fed]) -> bool:
        """Whether the incident matches every member of the group (as
        ``all(incidents_match(incident, m) ...)``, members dated on or before its day)."""
        sources, earliest, types, places = self.meta[gi]
        day = incident.date
        assert day is not None
        if (day - earliest).days > self.rule.max_days:
            return False
        if not sources.isdisjoint(_sources(incident)):
            return False
        if incident.event_type not in GENERIC_TYPES and not types <= {incident.event_type}:
            return False
        loc = incident.location
        assert loc is not None
        if loc.place_id is not None and len(places) == 1 and loc.place_id in places:
            return True
        return all(_same_place(incident, m, self.rule) for _s, m, _p in group)

    def preset(self, groups: Sequence[Sequence[Fed]], day: dt.date) -> None:
        """Open the given groups (members in order), as begun on ``day``."""
        today: list[int] = []
        self.by_day.append((day, today))
        for members in groups:
            gi = self.next_gi
            self.next_gi += 1
            self.groups[gi] = list(members)
            for _seq, incident, _payload in members:
                self.index.add(incident, gi)
                self._track(gi, incident)
            today.append(gi)

    def close_before(self, day: dt.date) -> None:
        """Close the groups no incident of ``day`` or later can join."""
        while self.by_day and self.by_day[0][0] < day - self.span:
            for gi in self.by_day.popleft()[1]:
                self.closed.append(self.groups.pop(gi))
                del self.meta[gi]
        self.index.forget_before(day - self.span)

    def take_closed(self) -> list[list[Fed]]:
        closed, self.closed = self.closed, []
        return closed

    def open_groups(self) -> list[list[Fed]]:
        return [self.groups[gi] for gi in sorted(self.groups)]

    def add_day(self, day: dt.date, items: Sequence[Fed]) -> None:
        """Visit one date's incidents (sorted here into the canonical order)."""
        self.close_before(day)
        today: list[int] = []
        self.by_day.append((day, today))
        groups, index = self.groups, self.index
        for item in sorted(items, key=lambda f: (_sort_key(f[1]), f[0])):
            incident = item[1]
            best: tuple | None = None
            if _eligible(incident):
                for gi in sorted(index.candidates(incident)):
                    group = groups.get(gi)
                    if group is None:
                        continue
                    if self._joins(incident, gi, group):
                        days_apart = (day - self.meta[gi][1]).days
                        km = max(_distance_km(incident, m) for _s, m, _p in group)
                        key = (days_apart, km, gi)
                        if best is None or key < best:
                            best = key
            if best is None:
                gi = self.next_gi
                self.next_gi += 1
                if _eligible(incident):
                    groups[gi] = [item]
                    index.add(incident, gi)
                    self._track(gi, incident)
                    today.append(gi)
                else:
                    self.closed.append([item])
            else:
                gi = best[2]
                groups[gi].append(item)
                index.add(incident, gi)
                self._track(gi, incident)

    def close_all(self) -> None:
        for gi in sorted(self.groups):
            self.closed.append(self.groups.pop(gi))
        self.meta.clear()
        self.by_day.clear()


def _merge_members(group: Sequence[Fed]) -> tuple[Incident, Any, bool, tuple]:
    """``(merged incident, lead's payload, unchanged, order key of the group's creation)``."""
    seq, first, payload = group[0]
    first_key = (_sort_key(first), seq)
    if len(group) == 1:
        return first, payload, True, first_key
    out = merge_group([m for _s, m, _p in group])
    lead = next(p for _s, m, p in group if m.incident_id == out.incident_id)
    return out, lead, False, first_key


def _renames(group: Sequence[Fed], out: Incident, targets: Collection[str]) -> Iterator[
        tuple[str, str]]:
    for _s, m, _p in group:
        if m.incident_id in targets and m.incident_id != out.incident_id:
            yield m.incident_id, out.incident_id


def _check_day(items: Sequence[Fed], last: dt.date | None) -> dt.date | None:
    day = items[0][1].date
    if any(f[1].date != day for f in items):
        msg = "merge_days: a batch must hold the incidents of one date"
        raise ValueError(msg)
    if day is not None and last is not None and day <= last:
        msg = f"merge_days: dates must increase from batch to batch ({last} then {day})"
        raise ValueError(msg)
    return day


def merge_days(
    days: Iterable[Iterable[Fed]],
    *,
    targets: Collection[str] = (),
    rule: MergeRule = DEFAULT_RULE,
) -> Iterator[tuple[Incident, Any, bool]]:
    """Merge a stream of incidents fed one date at a time, holding only what can still change.

    Gives exactly what :func:`merge_incidents` gives on all the incidents at once, in the same
    order, while keeping in memory only the groups that a later day could still join (those
    whose first report lies within ``rule.max_days`` of the current day) and the merged
    incidents that cannot be placed in the output order yet.

    Parameters
    ----------
    days
        Batches of ``(seq, incident, payload)``: each batch holds the incidents of one date,
        dates strictly increasing, then optionally one batch of undated incidents (last).
        ``seq`` is the incident's position in the input (unique).
    targets
        Every ``incident_id`` that some incident's ``part_of`` names and that could merge
        (dated, placed, not cumulative): the merged incident naming one is held back until
        the group holding the target is complete, so its ``part_of`` can follow a merge.
    rule
        Distance and day thresholds.

    Yields
    ------
    tuple
        ``(merged incident, payload of its lead report, unchanged)``, in canonical order;
        ``unchanged`` is True when the incident is the one fed (it matched nothing and its
        ``part_of`` was not rewritten).

    Raises
    ------
    ValueError
        When a batch mixes dates or the dates do not increase.
    """
    merger = _DayMerger(rule)
    pending = set(targets)
    renamed: dict[str, str] = {}
    heap: list[tuple] = []

    def push_closed() -> None:
        for group in merger.take_closed():
            out, payload, same, first_key = _merge_members(group)
            for _s, m, _p in group:
                pending.discard(m.incident_id)
            renamed.update(_renames(group, out, targets))
            heapq.heappush(heap, (_sort_key(out), first_key, out, payload, same))

    def emit(before: dt.date | None) -> Iterator[tuple[Incident, Any, bool]]:
        while heap and (before is None or heap[0][0][0] < before):
            out = heap[0][2]
            if out.part_of is not None and out.part_of in pending:
                break  # its target's group may still grow: wait (keeps the order)
            _key, _first, out, payload, same = heapq.heappop(heap)
            if out.part_of in renamed:
                out = dataclasses.replace(out, part_of=renamed[out.part_of])
                same = False
            yield out, payload, same

    undated: list[Fed] = []
    last: dt.date | None = None
    for batch in days:
        items = list(batch)
        if not items:
            continue
        day = _check_day(items, last)
        if day is None:
            undated.extend(items)
            continue
        if undated:
            msg = "merge_days: undated incidents must come last"
            raise ValueError(msg)
        last = day
        merger.add_day(day, items)
        push_closed()
        yield from emit(day - merger.span)
    merger.close_all()
    push_closed()
    yield from emit(None)
    for item in undated:
        merger.closed.append([item])
    push_closed()
    yield from emit(None)


# --- merging spans of dates in parallel ------------------------------------------------------

#: Open groups as the ``seq`` of their members: the state one span hands the next.
OpenGroups = tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class SpanMerge:
    """The merge of one span of dates (:func:`merge_span`).

    ``merged`` holds ``(merged incident, lead's payload, unchanged, order key)`` of the
    groups this span owns, in output order (the order key: the group's first report);
    ``open_in`` the groups open when the span's first day began (as computed, possibly from
    warm-up days), ``open_out`` those still open after its last day (owned by the next
    span); ``renamed`` maps ``targets`` merged into another incident to that incident's id,
    and ``settled`` holds every target in the groups this span owns (once the span is exact,
    whether such a target was renamed is known: the rest of the merge cannot change it).
    """

    start: dt.date
    end: dt.date
    merged: list[tuple[Incident, Any, bool, tuple]]
    open_in: OpenGroups
    open_out: OpenGroups
    renamed: dict[str, str]
    settled: frozenset[str] = frozenset()


def _signature(groups: Sequence[Sequence[Fed]]) -> OpenGroups:
    return tuple(tuple(seq for seq, _i, _p in g) for g in groups)


class SpanStream:
    """The merge of one span of dates (:func:`merge_span`), handed out as it goes.

    Iterating yields ``(merged incident, lead's payload, unchanged, order key)`` of the
    groups the span owns, in output order, each as soon as no later day of the span can put
    anything before it; so only the open groups and the merged incidents of the last
    ``rule.max_days`` days are held, however long the span. Once the iteration is over,
    :attr:`open_in`, :attr:`open_out`, :attr:`renamed` and :attr:`settled` are those of
    :class:`SpanMerge`. The parameters are those of :func:`merge_span`.
    """

    def __init__(
        self,
        days: Iterable[Sequence[Fed]],
        *,
        start: dt.date,
        end: dt.date,
        preset: Sequence[Sequence[Fed]] | None = None,
        targets: Collection[str] = (),
        last: bool = False,
        rule: MergeRule = DEFAULT_RULE,
    ) -> None:
        self.days = days
        self.start = start
        self.end = end
        self.preset = preset
        self.targets = targets
        self.last = last
        self.rule = rule
        self.open_in: OpenGroups = _signature(preset) if preset is not None else ()
        self.open_out: OpenGroups = ()
        self.renamed: dict[str, str] = {}
        self.settled: set[str] = set()

    def __iter__(self) -> Iterator[tuple[Incident, Any, bool, tuple]]:
        merger = _DayMerger(self.rule)
        start, end, preset, targets = self.start, self.end, self.preset, self.targets
        if preset is not None:
            merger.preset(preset, start - merger.span)
        seen: dt.date | None = None
        started = preset is not None
        heap: list[tuple] = []

        def collect() -> None:
            for group in merger.take_closed():
                out, payload, same, first_key = _merge_members(group)
                self.renamed.update(_renames(group, out, targets))
                self.settled.update(m.incident_id for _s, m, _p in group
                                    if m.incident_id in targets)
                heapq.heappush(heap, (_sort_key(out), first_key, out, payload, same))

        def ready(before: dt.date | None) -> Iterator[tuple[Incident, Any, bool, tuple]]:
            # a group still open began at most max_days before the last day read, so every
            # incident merged later is dated at least that day: what is dated before it is
            # in its place
            while heap and (before is None or heap[0][0][0] < before):
                _key, first_key, out, payload, same = heapq.heappop(heap)
                yield out, payload, same, first_key

        for batch in self.days:
            items = list(batch)
            if not items:
                continue
            day = _check_day(items, seen)
            if day is None or day > end:
                msg = f"merge_span: a batch dated {day} outside the span ending {end}"
                raise ValueError(msg)
            seen = day
            if day >= start and not started:
                merger.close_before(start)
                merger.take_closed()  # warm-up groups that closed before the span: not ours
                self.open_in = _signature(merger.open_groups())
                started = True
            if preset is not None and day < start:
                continue
            merger.add_day(day, items)
            if started:
                collect()
                yield from ready(day - merger.span)
            else:
                merger.take_closed()
        if not started:
            merger.close_before(start)
            merger.take_closed()
            self.open_in = _signature(merger.open_groups())
        if self.last:
            merger.close_all()
        else:
            merger.close_before(end + dt.timedelta(days=1))
        collect()
        self.open_out = _signature(merger.open_groups())
        yield from ready(None)


def merge_span(
    days: Iterable[Sequence[Fed]],
    *,
    start: dt.date,
    end: dt.date,
    preset: Sequence[Sequence[Fed]] | None = None,
    targets: Collection[str] = (),
    last: bool = False,
    rule: MergeRule = DEFAULT_RULE,
) -> SpanMerge:
    """Merge the incidents dated ``start`` to ``end`` without the days before them.

    The merge of a day depends on the days before it only through the groups still open
    when it begins (those begun within ``rule.max_days``). ``preset`` gives those groups
    (members as ``(seq, incident, payload)``, in order; ``()``: none), and the result is then
    exact. With ``preset=None`` they are worked out from the batches of ``days`` dated before
    ``start`` (a few warm-up days): a guess, right unless the days before the warm-up changed
    them, and checked by :func:`merged_spans` against the previous span's ``open_out``.

    ``days`` are batches of one date each, in increasing order, from the warm-up days (if
    any) up to ``end``. Groups still open after ``end`` are left to the next span (unless
    this is the ``last``); the groups open at ``start`` belong to this one.
    :class:`SpanStream` does the same work and hands the merged incidents out as it goes.
    """
    stream = SpanStream(days, start=start, end=end, preset=preset, targets=targets, last=last,
                        rule=rule)
    merged = list(stream)
    return SpanMerge(start, end, merged, stream.open_in, stream.open_out, stream.renamed,
                     frozenset(stream.settled))


def merged_spans(
    results: Iterable[Callable[[], Any]], redo: Callable[[int, OpenGroups], Any]
) -> Iterator[Any]:
    """Check speculative span merges in order, redoing any whose guess was wrong.

    ``results`` yields, span by span in date order, a callable returning that span's result
    (an object with ``open_in`` and ``open_out``, like :class:`SpanMerge`); the first span
    must have been merged with ``preset=()``. A span whose ``open_in`` differs from the
    previous span's ``open_out`` is merged again by ``redo(index, open_groups)`` with the
    right groups. Yields the exact results in order.
    """
    expected: OpenGroups = ()
    for k, wait in enumerate(results):
        result = wait()
        if result.open_in != expected:
            result = redo(k, expected)
        expected = result.open_out
        yield result


def ordered_merged(spans: Iterable[tuple[dt.date, Iterable[tuple[tuple, Any]]]], *,
                   rule: MergeRule = DEFAULT_RULE) -> Iterator[Any]:
    """Put the merged incidents of consecutive spans in one output order.

    Each span gives ``(end, items)``: ``items`` are ``(order key, value)`` in order, the
    order key ``(sort key of the merged incident, key of its group's first report)``. A span
    owns the groups open at its start, so its first items may be dated the previous span's
    last days (``rule.max_days``): those are interleaved with the previous span's items.
    """
    carry: list[tuple[tuple, Any]] = []
    span = dt.timedelta(days=rule.max_days)
    for end, items in spans:
        tail: list[tuple[tuple, Any]] = []
        for item in heapq.merge(carry, items, key=lambda it: it[0]):
            if item[0][0][0] > end - span:
                tail.append(item)
            else:
                yield item[1]
        carry = tail
    for item in carry:
        yield item[1]
