"""The cheap first tests of the extractor must never skip a match of the pattern they guard.

Several scans (the extractor's modules, ``geoconflict.dates``) first test whether the text holds
one of a few literal words that every match of the costly pattern holds, and skip the pattern
when it does not. These tests read each guarded pattern's parse tree and check that every way
it can match spells one of those words, so that a rule added to a pattern without its word
fails here instead of being skipped in silence.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest

from geoconflict import cues, dates, mentions, placing, reading, totals
from geoconflict import lexicon as lx

if sys.version_info >= (3, 11):
    from re import _constants as C
    from re import _parser as P
else:  # pragma: no cover
    import sre_constants as C
    import sre_parse as P

_MAX_STRINGS = 256


def _strings(item: tuple) -> set[str] | None:
    """The finite set of strings one parsed item matches, when it is made of literals alone."""
    op, av = item
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN and all(o is C.LITERAL for o, _ in av):
        return {chr(a) for _, a in av}
    if op is C.SUBPATTERN:
        return _seq_strings(av[-1])
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            s = _seq_strings(alt)
            if s is None:
                return None
            out |= s
        return out
    return None


def _seq_strings(seq) -> set[str] | None:
    out = {""}
    for item in seq:
        s = _strings(item)
        if s is None or len(out) * len(s) > _MAX_STRINGS:
            return None
        out = {a + b for a in out for b in s}
    return out


def _covered(seq, ok: Callable[[str], bool]) -> bool:
    """True when every match of the parsed sequence holds a string that ``ok`` accepts."""
    items = list(seq)
    i = 0
    while i < len(items):
        if _strings(items[i]) is not None:  # a run of literal items: every spelling of it
            run = {""}
            j = i
            while j < len(items) and (s := _strings(items[j])) is not None:
                if len(run) * len(s) > _MAX_STRINGS:
                    break
                run = {a + b for a in run for b in s}
                j += 1
            if all(ok(r) for r in run):
                return True
            i = max(j, i + 1)
            continue
        op, av = items[i]
        if op is C.SUBPATTERN and _covered(av[-1], ok):
            return True
        if op is C.BRANCH and all(_covered(alt, ok) for alt in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1 and _covered(av[2], ok):
            return True
        i += 1
    return False


def _uncovered(rx: re.Pattern[str], ok: Callable[[str], bool]) -> list[str]:
    """The top-level alternatives of ``rx`` (or the whole pattern) that ``ok`` misses."""
    tree = P.parse(rx.pattern, rx.flags)
    if _covered(tree, ok):
        return []
    items = list(tree)
    branches = [av for op, av in items if op is C.BRANCH]
    if len(items) == 1 and branches:
        return [str(alt) for alt in branches[0][1] if not _covered(alt, ok)] or ["?"]
    return [rx.pattern]


def _has(words: tuple[str, ...], *, fold: bool = False) -> Callable[[str], bool]:
    return lambda s: any(w in (s.lower() if fold else s) for w in words)


@pytest.mark.parametrize(
    ("name", "rx", "ok"),
    [
        ("CUMULATIVE_RE", lx.CUMULATIVE_RE, _has(reading._CUMUL_WORDS)),
        ("_DENIED_REPORT_RE", mentions._DENIED_REPORT_RE, _has(mentions._DENIED_WORDS, fold=True)),
        (
            "_HOMETOWN_BEFORE_RE",
            cues._HOMETOWN_BEFORE_RE,
            _has(cues._HOMETOWN_WORDS, fold=True),
        ),
        (
            "_NO_CASUALTIES_RE",
            reading._NO_CASUALTIES_RE,
            _has((*reading._NO_CASUALTY_NOUNS, "was")),
        ),
        ("_ATTRIBUTED_RE", reading._ATTRIBUTED_RE, _has(reading._ATTRIBUTED_WORDS)),
        ("_NATIONWIDE_RE", totals._NATIONWIDE_RE, _has(("country", "syria", "nationwide"))),
        ("_FIELD_PLACE_RE", placing._FIELD_PLACE_RE, _has(("Location", "Where", "Place"))),
        ("_BARE_YEAR_RE", reading._BARE_YEAR_RE, _has(("19", "20"))),
        ("_REL_RE", dates._REL_RE, _has(dates._REL_WORDS, fold=True)),
        ("_ATTRIBUTION_RE", dates._ATTRIBUTION_RE, _has(dates._ATTRIBUTION_WORDS, fold=True)),
        ("_DATE_RE", dates._DATE_RE, _has((*dates._MONTH_PREFIXES, "-"))),
    ],
)
def test_every_match_holds_a_first_test_word(name: str, rx: re.Pattern[str], ok) -> None:
    assert _uncovered(rx, ok) == [], f"{name}: alternatives without a first-test word"


def test_origin_words_end_every_alternative() -> None:
    """``_ORIGIN_BEFORE_RE`` is ``\\b(?:...)\\s+$``: each alternative ends with a word of
    ``_ORIGIN_WORDS`` (the first test looks only at the window's last word)."""
    tree = list(P.parse(cues._ORIGIN_BEFORE_RE.pattern, cues._ORIGIN_BEFORE_RE.flags))
    # The parser inlines a non-capturing group: its alternatives are a top-level BRANCH.
    (branch,) = [av for op, av in tree if op is C.BRANCH]
    for alt in branch[1]:
        tail = list(alt)
        run = {""}
        while tail and (s := _strings(tail[-1])) is not None:
            run = {b + a for a in run for b in s}
            tail.pop()
        assert run != {""} and all(
            r.lower().endswith(cues._ORIGIN_WORDS) for r in run
        ), f"alternative {alt} does not end with a word of _ORIGIN_WORDS"
    assert [op for op, _ in tree][-2:] == [C.MAX_REPEAT, C.AT]  # ... \s+$


def test_ascii_folds_are_all_the_non_ascii_letters_ignorecase_matches() -> None:
    letters = re.compile("[a-z]", re.IGNORECASE)
    found = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if letters.fullmatch(chr(c)))
    assert all(mentions._ASCII_FOLDS_RE.fullmatch(ch) for ch in found)
    assert len(found) == len(mentions._ASCII_FOLDS_RE.pattern) - 2  # "[" ... "]"


def test_lowercase_relative_day_pattern_is_the_same_pattern() -> None:
    """``_REL_LOW_RE`` is ``_REL_RE`` lowercased: that keeps its meaning only while the
    pattern has no uppercase escape (``\\S``, ``\\W``, ``\\D``, ``\\B``...)."""
    assert not re.search(r"\\[A-Z]", dates._REL_RE.pattern)
    assert dates._REL_LOW_RE.groupindex == dates._REL_RE.groupindex
