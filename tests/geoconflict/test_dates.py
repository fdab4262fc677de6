"""Event dates: explicit forms and relative days resolved against the article date."""

from __future__ import annotations

import datetime as dt

import pytest

from geoconflict.dates import find_date, find_dates

FRIDAY = dt.date(2018, 2, 9)

CASES = [
    ("Jets struck the village on Feb. 8, 2018.", dt.date(2018, 2, 8)),
    ("Jets struck the village on 8 February 2018.", dt.date(2018, 2, 8)),
    ("On 12 March 2017, warplanes hit a bakery.", dt.date(2017, 3, 12)),
    ("Shelling on 2018-02-07 killed two.", dt.date(2018, 2, 7)),
    ("Shelling on February 3 killed two.", dt.date(2018, 2, 3)),
    ("The strike came on the 4th of February.", dt.date(2018, 2, 4)),
    ("Jets struck the village on Thursday.", dt.date(2018, 2, 8)),
    ("Jets struck the village on Friday.", FRIDAY),
    ("Jets struck the village last Friday.", dt.date(2018, 2, 2)),
    ("Mortars fell for a second day Wednesday.", dt.date(2018, 2, 7)),
    ("A car bomb exploded yesterday.", dt.date(2018, 2, 8)),
    ("Heavy shelling last night killed four.", dt.date(2018, 2, 8)),
    ("A car bomb exploded today.", FRIDAY),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_find_date(text: str, expected: dt.date) -> None:
    found = find_date(text, FRIDAY)
    assert found is not None
    assert found.date == expected


def test_a_named_day_wins_over_overnight() -> None:
    found = find_date("Jets struck overnight Wednesday.", FRIDAY)
    assert found is not None and found.date == dt.date(2018, 2, 7)


def test_since_an_explicit_date_opens_a_window() -> None:
    found = find_date("The toll since February 4 is 90.", FRIDAY)
    assert found is not None and found.window and found.date == dt.date(2018, 2, 4)


def test_since_opens_a_window() -> None:
    found = find_date("The death toll since Monday is at least 40.", FRIDAY)
    assert found is not None
    assert found.window and found.date == dt.date(2018, 2, 5)


def test_month_without_year_after_the_article_is_last_year() -> None:
    found = find_date("The siege began on December 20.", dt.date(2018, 2, 9))
    assert found is not None and found.date == dt.date(2017, 12, 20)


def test_attribution_day_is_not_the_event_day() -> None:
    assert find_date("Ten died, the ministry said in a statement on Thursday.", FRIDAY) is None


def test_relative_days_need_the_article_date() -> None:
    assert find_date("Jets struck on Thursday.", None) is None
    assert find_date("Jets struck on 8 February 2018.", None).date == dt.date(2018, 2, 8)


def test_no_date_and_modal_may() -> None:
    assert find_date("Jets may strike again.", FRIDAY) is None
    assert find_dates("Nothing here at all.", FRIDAY) == []


def test_impossible_dates_are_ignored() -> None:
    assert find_date("It happened on 31 February 2018.", None) is None


def test_letters_that_match_case_blind_never_break_a_day_name():
    # re's case-blind matching takes the long s and the dotted capital I for s and i.
    ref = dt.date(2018, 2, 9)
    assert find_date("Shelling hit Douma on Thurſday.", ref).date == dt.date(2018, 2, 8)
    assert find_date("Shelling hit Douma on FrİDAY.", ref).date == dt.date(2018, 2, 9)


def test_the_day_a_period_began_after_since_the_x_of_is_a_window() -> None:
    found = find_dates(
        "Since the announcement of the end of the ceasefire on 19 September, strikes killed 96.",
        dt.date(2016, 9, 26),
    )
    assert [(m.date, m.window) for m in found] == [(dt.date(2016, 9, 19), True)]
    found = find_dates("Since the resumption of the air campaign on Tuesday, 50 died.",
                       dt.date(2016, 11, 20))
    assert [(m.date, m.window) for m in found] == [(dt.date(2016, 11, 15), True)]


def test_a_day_after_the_dead_is_theirs_not_the_sayings() -> None:
    # "said on Tuesday" dates the saying; "says 22 have been killed today" dates the dead
    text = "The Observatory says 22 civilians have been killed today in air strikes on Douma."
    found = find_dates(text, dt.date(2018, 2, 24))
    assert [m.date for m in found] == [dt.date(2018, 2, 24)]
    assert find_dates("The Observatory said on Tuesday that jets struck Douma.",
                      dt.date(2018, 2, 24)) == []


def test_the_day_of_what_befell_the_victims_before_is_not_the_events() -> None:
    # the bodies were found on the article's day; the abduction was the day before
    found = find_dates("Five men were found dead in the Karm al-Louz neighbourhood, after being "
                       "abducted by gunmen yesterday.", dt.date(2024, 12, 24))
    assert found == []
    found = find_dates("Gunmen abducted five men yesterday.", dt.date(2024, 12, 24))
    assert [f.date for f in found] == [dt.date(2024, 12, 23)]


def test_the_day_of_a_places_where_clause_is_not_the_deaths() -> None:
    friday = dt.date(2019, 5, 24)
    found = find_dates("Eight of the dead were killed in strikes on Kafr Nabuda, where rebels "
                       "launched a counter-attack on Tuesday.", friday)
    assert found == []
    # dead told in the clause itself are dated by it
    found = find_dates("Rebels stormed Kafr Nabuda, where eight people were killed on Tuesday.",
                       friday)
    assert [f.date for f in found] == [dt.date(2019, 5, 21)]
