"""Merging reports of one event across articles (geoconflict.merge)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoconflict import merge as merge_mod
from geoconflict.geojson import read_incidents_geojson, write_incidents_geojson
from geoconflict.merge import (
    MergeRule,
    _group_incidents,
    incidents_match,
    merge_days,
    merge_group,
    merge_incidents,
    merge_span,
    merged_spans,
    ordered_merged,
    reconcile_counts,
)
from geoconflict.records import Incident, Location

DAY = dt.date(2017, 3, 16)
# Two points in one town about 2 km apart, and a town about 40 km away.
ARIHA = Location(35.8137, 36.6084, 1, "Ariha", "p-ariha", "Idleb", "Ariha", "SY")
ARIHA_EAST = Location(35.8137, 36.6300, 2, "Ariha east", "p-ariha-e", "Idleb", "Ariha", "SY")
SARAQEB = Location(35.8623, 36.8006, 1, "Saraqeb", "p-saraqeb", "Idleb", "Idleb", "SY")
IDLEB_GOV = Location(35.9, 36.6, 4, "Idleb", "a1-idleb", "Idleb", None, "SY")
HOMS_GOV = Location(34.7, 36.9, 4, "Homs", "a1-homs", "Homs", None, "SY")
ARIHA_DIST = Location(35.79, 36.55, 3, "Ariha district", "a2-ariha", "Idleb", "Ariha", "SY")
GHOUTA = Location(33.55, 36.45, 5, "East Ghouta", "r-ghouta", None, None, "SY")
NEAR_ARIHA = Location(35.80, 36.62, 1, "Kafr Najd", None, "Idleb", "Ariha", "SY")


def make(doc: str, n: int = 0, **kw) -> Incident:
    """An incident of ``doc`` (its ``n``-th), an airstrike at Ariha on DAY by default."""
    base = {
        "incident_id": f"{doc}-{n}",
        "doc_id": doc,
        "text": f"Sentence {n} of {doc}.",
        "char_start": 10 * n,
        "char_end": 10 * n + 9,
        "event_type": "airstrike",
        "date": DAY,
        "place": "Ariha",
        "location": ARIHA,
    }
    base.update(kw)
    return Incident(**base)


def test_three_articles_one_strike_become_one_incident():
    reports = [
        make("a", killed_low=12, killed_best=12, injured_best=20),
        make("b", killed_best=15, killed_high=18, actor="Russia", targets=("market",)),
        make("c", event_type="attack", date=DAY + dt.timedelta(days=1), location=ARIHA_EAST,
             killed_low=10, killed_best=10),
    ]
    merged = merge_incidents(reports)
    assert len(merged) == 1
    event = merged[0]
    assert event.sources == ("a", "b", "c")
    assert [r.doc_id for r in event.reports] == ["a", "b", "c"]
    assert [r.killed_best for r in event.reports] == [12, 15, 10]
    # low = largest low (12); high = largest high (18); best = lower median of 12, 15, 10 = 12
    assert (event.killed_low, event.killed_best, event.killed_high) == (12, 12, 18)
    assert (event.injured_low, event.injured_best, event.injured_high) == (None, 20, None)
    assert event.event_type == "airstrike"  # the specific type wins over "attack"
    assert event.actor == "Russia"
    assert event.targets == ("market",)
    assert event.date == DAY  # two of three reports say DAY
    assert event.location == ARIHA  # the most precise place leads


def test_disagreement_is_written_to_geojson(tmp_path):
    merged = merge_incidents(
        [make("a", killed_best=12), make("b", killed_best=15), make("c", killed_best=10)]
    )
    path = tmp_path / "m.geojson"
    write_incidents_geojson(merged, path)
    props = json.loads(path.read_text())["features"][0]["properties"]
    assert props["sources"] == ["a", "b", "c"]
    spread = (props["killed_best_min"], props["killed_best"], props["killed_best_max"])
    assert spread == (10, 12, 15)
    assert [r["killed_best"] for r in props["reports"]] == [12, 15, 10]
    assert read_incidents_geojson(path) == merged


def test_same_place_different_days_stay_apart():
    merged = merge_incidents([make("a", killed_best=5), make("b", date=DAY + dt.timedelta(2))])
    assert len(merged) == 2


def test_adjacent_days_do_not_chain():
    days = [make(d, date=DAY + dt.timedelta(i)) for i, d in enumerate("abc")]
    merged = merge_incidents(days)
    assert len(merged) == 2
    assert sorted(len(m.sources or (m.doc_id,)) for m in merged) == [1, 2]


def test_different_places_stay_apart():
    assert len(merge_incidents([make("a"), make("b", location=SARAQEB)])) == 2


def test_precise_places_within_10_km_merge():
    assert incidents_match(make("a"), make("b", location=ARIHA_EAST))
    assert not incidents_match(make("a"), make("b", location=ARIHA_EAST), rule=MergeRule(max_km=1))


def test_coarse_places_match_by_admin_area():
    assert incidents_match(make("a"), make("b", location=IDLEB_GOV))
    assert not incidents_match(make("a"), make("b", location=HOMS_GOV))


def test_incompatible_types_stay_apart():
    assert not incidents_match(make("a"), make("b", event_type="shelling"))
    assert incidents_match(make("a", event_type="other"), make("b", event_type="shelling"))


def test_same_article_never_merged():
    merged = merge_incidents([make("a", 0), make("a", 1)])
    assert len(merged) == 2


def test_cumulative_tolls_never_merged():
    assert len(merge_incidents([make("a"), make("b", is_cumulative=True)])) == 2


def test_developments_never_merged():
    # Two articles on people fleeing Ariha, and a strike there: three records stay three.
    fled = [make("a", event_type="other", category="displacement"),
            make("b", event_type="other", category="displacement")]
    assert len(merge_incidents([*fled, make("c", killed_best=4)])) == 3


def test_undated_and_unplaced_never_merged():
    assert not incidents_match(make("a", date=None), make("b", date=None))
    assert not incidents_match(make("a", location=None), make("b", location=None))


def test_single_incidents_are_returned_unchanged():
    one = make("a", killed_best=3)
    assert merge_incidents([one]) == [one]


def test_part_of_follows_the_merged_id():
    parent_a = make("a", 0, location=IDLEB_GOV, place="Idlib")
    child_a = make("a", 1, part_of="a-0")
    parent_b = make("b", 0, location=IDLEB_GOV, place="Idlib province")
    merged = merge_incidents([parent_b, child_a, parent_a])
    ids = {m.incident_id for m in merged}
    assert all(m.part_of in ids for m in merged if m.part_of)


@pytest.mark.parametrize(
    ("lows", "bests", "highs", "expected"),
    [
        ([30, None], [30, 40], [None, None], (30, 30, None)),
        ([None, None], [10, 20], [None, None], (None, 10, None)),
        ([None], [None], [None], (None, None, None)),
        ([50, None], [50, 20], [None, 30], (50, 50, 50)),  # high raised to low
        ([None, None, None], [5, 9, 7], [6, None, None], (None, 6, 6)),  # best clipped to high
    ],
    ids=["low-wins", "even-median-lower", "all-unknown", "high-below-low", "clip-to-high"],
)
def test_reconcile_counts(lows, bests, highs, expected):
    assert reconcile_counts(lows, bests, highs) == expected


PLACES = [ARIHA, ARIHA_EAST, SARAQEB, IDLEB_GOV, HOMS_GOV]
incident_st = st.builds(
    lambda doc, n, day, place, etype, best: make(
        doc, n, date=DAY + dt.timedelta(days=day), location=PLACES[place], event_type=etype,
        killed_best=best,
    ),
    st.sampled_from("abcde"),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, len(PLACES) - 1),
    st.sampled_from(["airstrike", "shelling", "attack", "other"]),
    st.one_of(st.none(), st.integers(0, 100)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(incident_st, max_size=12, unique_by=lambda i: i.incident_id), st.randoms())
def test_merge_is_order_independent_and_keeps_every_source(incidents, rnd):
    shuffled = list(incidents)
    rnd.shuffle(shuffled)
    merged = merge_incidents(incidents)
    assert merge_incidents(shuffled) == merged
    # every input report is kept exactly once
    kept = sorted(r.incident_id for m in merged for r in (m.reports or [m]))
    assert kept == sorted(i.incident_id for i in incidents)
    for m in merged:
        # no article contributes twice to one event; best lies within the bounds
        assert len({r.doc_id for r in m.reports}) == len(m.reports)
        if m.killed_best is not None and m.killed_low is not None:
            assert m.killed_best >= m.killed_low
        if m.killed_best is not None and m.killed_high is not None:
            assert m.killed_best <= m.killed_high


WIDE_PLACES = [*PLACES, ARIHA_DIST, GHOUTA, NEAR_ARIHA,
               Location(35.8137, 36.6084, 1), Location(35.86, 36.79, 2, admin1="Idleb")]
wide_incident_st = st.builds(
    lambda doc, n, day, place, etype: make(
        doc, n, date=DAY + dt.timedelta(days=day), location=WIDE_PLACES[place], event_type=etype,
    ),
    st.sampled_from("abcdef"),
    st.integers(0, 2),
    st.integers(0, 2),
    st.integers(0, len(WIDE_PLACES) - 1),
    st.sampled_from(["airstrike", "other", "shelling"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(wide_incident_st, max_size=16, unique_by=lambda i: i.incident_id))
def test_blocking_index_finds_the_same_groups_as_comparing_everything(incidents):
    rule = MergeRule()
    indexed = _group_incidents(incidents, rule)
    brute = _group_incidents(incidents, rule, indexed=False)
    assert [[i.incident_id for i in g] for g in indexed] == [
        [i.incident_id for i in g] for g in brute
    ]


def test_merge_group_rejects_empty():
    with pytest.raises(ValueError, match="at least one"):
        merge_group([])


def test_merging_is_idempotent():
    merged = merge_incidents([make("a", killed_best=1), make("b", killed_best=3)])
    assert merge_incidents(merged) == merged


# --- the streamed merge gives exactly the merge of the whole list -------------------------------


def _varied_incidents(seed: int, n_docs: int) -> list[Incident]:
    """Incidents of ``n_docs`` articles over two weeks: many reports of a few places on
    neighbouring days (chains), coarse and precise places, unplaced, undated and cumulative
    ones, and ``part_of`` links to a larger incident of the same article."""
    import random

    rnd = random.Random(seed)
    places = [*WIDE_PLACES, None, None]
    out: list[Incident] = []
    for d in range(n_docs):
        doc = f"doc{d:03d}"
        day = rnd.randrange(14)
        area_id = None
        for n in range(rnd.randrange(1, 5)):
            loc = rnd.choice(places)
            date = None if rnd.random() < 0.08 else DAY + dt.timedelta(days=day + rnd.choice(
                [0, 0, 0, -1, 1]))
            part_of = None
            precise = loc is not None and loc.precision <= 2
            if area_id is not None and precise and rnd.random() < 0.5:
                part_of = area_id
            inc = make(
                doc, n, date=date, location=loc, place=None if loc is None else loc.place_name,
                event_type=rnd.choice(["airstrike", "shelling", "attack", "other", "bombing"]),
                killed_best=rnd.choice([None, 1, 2, 5, 30]),
                killed_low=rnd.choice([None, None, 3]),
                injured_best=rnd.choice([None, 4]),
                is_cumulative=rnd.random() < 0.05, part_of=part_of,
                confidence=rnd.choice([None, 0.5, 0.9]),
            )
            if loc is not None and loc.precision >= 3 and area_id is None:
                area_id = inc.incident_id
            out.append(inc)
    rnd.shuffle(out)
    return out


def _stream(incidents: list[Incident]):
    by_date: dict = {}
    for seq, inc in enumerate(incidents):
        by_date.setdefault(inc.date, []).append((seq, inc, inc.incident_id))
    dated = sorted(d for d in by_date if d is not None)
    batches = [by_date[d] for d in dated]
    if None in by_date:
        batches.append(by_date[None])
    return batches


@pytest.mark.parametrize("seed", range(12))
def test_streamed_merge_equals_merging_the_whole_list(seed):
    incidents = _varied_incidents(seed, n_docs=20 + 15 * seed)
    targets = {i.part_of for i in incidents if i.part_of}
    expected = merge_incidents(incidents)
    got = list(merge_days(_stream(incidents), targets=targets))
    assert [inc for inc, _lead, _same in got] == expected
    # the payload handed back is the lead report's; "unchanged" only for an input as it was
    fed = {i.incident_id: i for i in incidents}
    assert all(lead == inc.incident_id for inc, lead, _same in got)
    assert all((fed[inc.incident_id] == inc) == same for inc, _lead, same in got)
    assert any(len(inc.sources) > 2 for inc in expected)  # chains were formed
    assert any(inc.date is None for inc in expected)


def test_streamed_merge_rewrites_part_of_to_the_merged_id():
    area_a = make("a", 1, location=IDLEB_GOV, place="Idleb", killed_best=40)
    area_b = make("b", 1, location=IDLEB_GOV, place="Idleb", killed_best=35)
    town = make("b", 2, location=SARAQEB, place="Saraqeb", killed_best=3, part_of="b-1")
    incidents = [town, area_b, area_a]
    got = [inc for inc, _, _ in merge_days(_stream(incidents), targets={"b-1"})]
    assert got == merge_incidents(incidents)
    assert [i.part_of for i in got if i.doc_id == "b"] == ["a-1"]


def test_streamed_merge_rejects_dates_out_of_order():
    late, early = make("a", date=DAY), make("b", date=DAY - dt.timedelta(days=3))
    with pytest.raises(ValueError, match="increase"):
        list(merge_days([[(0, late, None)], [(1, early, None)]]))


def _merge_in_spans(incidents, span_days, warmup_days):
    """The pipeline's parallel merge, in one process: spans merged from a guess of the groups
    open at their start (a few warm-up days), checked in order and redone when wrong, put in
    one order, ``part_of`` renamed, undated incidents last."""
    targets = {i.part_of for i in incidents if i.part_of}
    batches = _stream(incidents)
    by_day = {b[0][1].date: b for b in batches}
    dated = sorted(d for d in by_day if d is not None)
    first, last = dated[0], dated[-1]
    spans = []
    start = first
    while start <= last:
        spans.append((start, min(last, start + dt.timedelta(days=span_days - 1))))
        start += dt.timedelta(days=span_days)

    def days(lo, hi):
        return [by_day[d] for d in dated if lo <= d <= hi]

    def speculate(k):
        lo, hi = spans[k]
        final = k == len(spans) - 1
        if k == 0:
            return merge_span(days(lo, hi), start=lo, end=hi, preset=(), targets=targets,
                              last=final)
        warm = lo - dt.timedelta(days=warmup_days)
        return merge_span(days(warm, hi), start=lo, end=hi, targets=targets, last=final)

    redone = []

    def redo(k, open_groups):
        lo, hi = spans[k]
        fed = {seq: item for b in batches for item in b for seq in [item[0]]}
        preset = [[fed[s] for s in g] for g in open_groups]
        redone.append(k)
        return merge_span(days(lo, hi), start=lo, end=hi, preset=preset, targets=targets,
                          last=k == len(spans) - 1)

    results = list(merged_spans([(lambda k=k: speculate(k)) for k in range(len(spans))], redo))
    renamed = {}
    for r in results:
        renamed.update(r.renamed)
    items = ordered_merged(
        (r.end, [((merge_mod._sort_key(m[0]), m[3]), m[0]) for m in r.merged]) for r in results
    )
    out = [i if i.part_of not in renamed else replace(i, part_of=renamed[i.part_of])
           for i in items]
    undated = sorted((f for f in by_day.get(None, [])),
                     key=lambda f: (merge_mod._sort_key(f[1]), f[0]))
    out += [f[1] if f[1].part_of not in renamed else replace(f[1], part_of=renamed[f[1].part_of])
            for f in undated]
    return out, redone


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("span_days", "warmup_days"), [(1, 1), (2, 1), (3, 2), (5, 0)])
def test_merging_spans_of_days_apart_equals_merging_the_whole_list(seed, span_days,
                                                                    warmup_days):
    incidents = _varied_incidents(seed, n_docs=20 + 15 * seed)
    got, _redone = _merge_in_spans(incidents, span_days, warmup_days)
    assert got == merge_incidents(incidents)


def test_a_wrong_guess_of_the_open_groups_is_redone():
    # a chain over three days: day 2's report joins day 1's, so a span starting on day 3 that
    # guesses from day 2 alone (day 2 open, a group of its own) guesses wrong
    days = [DAY + dt.timedelta(days=k) for k in range(4)]
    incidents = [make("a", date=days[0]), make("b", date=days[1]), make("c", date=days[2]),
                 make("d", date=days[3])]
    got, redone = _merge_in_spans(incidents, span_days=2, warmup_days=1)
    assert got == merge_incidents(incidents)
    assert redone == [1]


def test_a_span_settles_the_targets_of_the_groups_it_owns():
    a = make("a", 0, date=DAY)
    b = make("b", 0, date=DAY)  # merges with a: a's id leads, so b's id is renamed
    c = make("c", 0, date=DAY + dt.timedelta(days=5), part_of="c-0")
    batches = _stream([a, b, c])
    first = merge_span(batches[:1], start=DAY, end=DAY + dt.timedelta(days=2), preset=(),
                       targets={"b-0", "c-0"})
    assert first.settled == {"b-0"}
    assert first.renamed == {"b-0": "a-0"}
    rest = merge_span(batches[1:], start=DAY + dt.timedelta(days=3),
                      end=DAY + dt.timedelta(days=9), preset=first.open_out,
                      targets={"b-0", "c-0"}, last=True)
    assert rest.settled == {"c-0"}
    assert rest.renamed == {}


def test_a_span_stream_hands_out_what_merge_span_gives_before_reading_every_day():
    from geoconflict.merge import SpanStream

    incidents = _varied_incidents(3, n_docs=60)
    batches = [b for b in _stream(incidents) if b[0][1].date is not None]
    start, end = batches[0][0][1].date, batches[-1][0][1].date
    read: list[dt.date] = []

    def days():
        for batch in batches:
            read.append(batch[0][1].date)
            yield batch

    stream = SpanStream(days(), start=start, end=end, preset=(), last=True)
    items = iter(stream)
    first = next(items)
    assert len(read) < len(batches)  # handed out while later days were still unread
    got = [first, *items]
    whole = merge_span(batches, start=start, end=end, preset=(), last=True)
    assert [(m[0], m[3]) for m in got] == [(m[0], m[3]) for m in whole.merged]
    assert (stream.open_out, stream.renamed) == (whole.open_out, whole.renamed)
