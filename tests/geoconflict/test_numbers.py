"""Counts from digits, words and qualifiers, with the CONTRACT's low/best/high rules."""

from __future__ import annotations

import re

import pytest

from geoconflict.numbers import COUNT_PATTERN, Count, parse_count, parse_number, word_to_int

COUNTS = [
    ("21", Count(21, 21, 21)),
    ("1,200", Count(1200, 1200, 1200)),
    ("nine", Count(9, 9, 9)),
    ("Nine", Count(9, 9, 9)),
    ("twenty-one", Count(21, 21, 21)),
    ("twenty one", Count(21, 21, 21)),
    ("a hundred", Count(100, 100, 100)),
    ("two hundred and fifty", Count(250, 250, 250)),
    ("2.5 million", Count(2_500_000, 2_500_000, 2_500_000)),
    ("at least 30", Count(30, 30, None)),
    ("at least twelve", Count(12, 12, None)),
    ("no fewer than 7", Count(7, 7, None)),
    ("about 100", Count(None, 100, None)),
    ("around 40", Count(None, 40, None)),
    ("some 60", Count(None, 60, None)),
    ("approximately 15", Count(None, 15, None)),
    ("an estimated 300", Count(None, 300, None)),
    ("nearly 50", Count(None, 50, 50)),
    ("almost twenty", Count(None, 20, 20)),
    ("more than 800", Count(801, 801, None)),
    ("over 20", Count(21, 21, None)),
    ("up to 15", Count(None, 15, 15)),
    ("between 10 and 15", Count(10, 10, 15)),
    ("10 to 15", Count(10, 10, 15)),
    ("10-15", Count(10, 10, 15)),
    ("ten to fifteen", Count(10, 10, 15)),
    ("another 59", Count(59, 59, 59)),
    ("a further six", Count(6, 6, 6)),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS, ids=[c[0] for c in COUNTS])
def test_parse_count(text: str, expected: Count) -> None:
    got = parse_count(text)
    assert got is not None
    assert (got.low, got.best, got.high) == (expected.low, expected.best, expected.high)


VAGUE = [
    ("dozens", 24),
    ("a dozen", 12),
    ("scores", 40),
    ("hundreds", 200),
    ("thousands", 2000),
    ("tens of thousands", 20000),
]


@pytest.mark.parametrize(("text", "low"), VAGUE, ids=[v[0] for v in VAGUE])
def test_vague_quantities_give_a_lower_bound(text: str, low: int) -> None:
    got = parse_count(text)
    assert got is not None and got.vague
    assert got.low == low and got.high is None


@pytest.mark.parametrize("text", ["a number of", "several", "numerous"])
def test_quantities_without_a_number_stay_unknown(text: str) -> None:
    got = parse_count(text)
    assert got is not None
    assert (got.low, got.best, got.high) == (None, None, None)
    assert not got.known


@pytest.mark.parametrize("text", ["", "people", "the town", "at least", "Monday"])
def test_not_a_count(text: str) -> None:
    assert parse_count(text) is None


def test_word_numbers() -> None:
    assert word_to_int("forty-two") == 42
    assert word_to_int("one thousand two hundred") == 1200
    assert word_to_int("banana") is None
    assert parse_number("3,000") == 3000
    assert parse_number("seventeen") == 17


def test_count_pattern_finds_counts_in_running_text() -> None:
    rx = re.compile(COUNT_PATTERN, re.I)
    m = rx.search("strikes killed at least 12 people")
    assert m is not None and m.group().strip() == "at least 12"
    assert rx.search("between five and 9 died").group() == "between five and 9"
    # a number word inside another word is not a count
    assert rx.fullmatch("often") is None


def test_a_dash_range_does_not_reach_across_a_gap() -> None:
    assert parse_count("10 - 15") == Count(10, 10, 15)
    assert parse_count("7        - Two") is None
