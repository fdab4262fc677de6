"""Counts written in news text, as low / best / high.

The one public regex fragment :data:`COUNT_PATTERN` matches a count with its qualifiers
("at least 30", "about 100", "more than 800", "between 10 and 15", "twenty-one", "dozens");
:func:`parse_count` turns such a phrase into a :class:`Count`.

Rules (``CONTRACT.md``): "at least 30" is low 30, best 30, high None; "about 100" is best 100;
"more than 800" is low 801; "up to 15" is best 15, high 15; "dozens" is low 24; a range
"10 to 15" is low 10, best 10, high 15 (the conservative end is the best estimate); a bare
number is exact (low = best = high).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = [
    "COUNT_PATTERN",
    "Count",
    "parse_count",
    "parse_number",
    "word_to_int",
]

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

#: Vague plural quantities: the lower bound each one implies.
VAGUE_LOW = {
    "a dozen": 12,
    "dozen": 12,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "a couple": 2,
    "a couple of": 2,
    "a handful": 3,
    "a handful of": 3,
}
#: Quantities that say "more than one" but no number: the count stays unknown.
VAGUE_UNKNOWN = ("a number of", "several", "many", "numerous", "tens")

#: Every word that spells a number by itself ("two", "twenty", "hundred", "dozens").
NUMBER_WORDS = frozenset(
    [*_ONES, *_TENS, "hundred", "hundreds", "thousand", "thousands", "million", "dozen", "dozens"]
)

_ONES_RE = "|".join(sorted(_ONES, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_WORD_2 = rf"(?:(?:{_TENS_RE})(?:[-\s](?:{_ONES_RE}))?|(?:{_ONES_RE}))"
_WORD_NUM = (
    rf"(?:(?:{_WORD_2}|a|one)\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_WORD_2})?|{_WORD_2})"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:million|thousand|hundred)\b)?"
_VAGUE = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|a\s+dozen|dozens|scores|hundreds"
    r"|thousands|a\s+couple(?:\s+of)?|a\s+handful(?:\s+of)?|a\s+number\s+of|several|numerous)"
)
#: "two dozen", "3 dozen": a number of dozens (24, 36).
_DOZEN_OF = rf"(?:\d+|{_WORD_2})"
_DOZENS = rf"{_DOZEN_OF}[ \t-]dozen(?!s)"
_DOZENS_RE = re.compile(rf"^({_DOZEN_OF})[ \t-]dozen$", re.IGNORECASE)
_CORE = rf"(?:{_DOZENS}|{_DIGITS}|{_WORD_NUM}|{_VAGUE})"
_QUAL = (
    r"(?:at\s+least|no\s+(?:fewer|less)\s+than|more\s+than|over|upwards\s+of|in\s+excess\s+of"
    r"|about|around|some|approximately|roughly|nearly|almost|close\s+to|an\s+estimated"
    r"|estimated|up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|at\s+most|another"
    r"|a\s+further|further|an\s+additional|additional|a\s+total\s+of|total\s+of|only|just|all)"
)

#: Regex fragment (no groups) for a count with optional qualifiers and range.
COUNT_PATTERN = (
    rf"(?:(?:{_QUAL})\s+)*(?:between\s+{_CORE}\s+and\s+{_CORE}"
    rf"|{_CORE}(?:[ \t]?[-–][ \t]?{_CORE}|\s+(?:to|or)\s+{_CORE})?)(?![\w-])"
)
_COUNT_RE = re.compile(rf"^\s*{COUNT_PATTERN}\s*$", re.IGNORECASE)
_QUAL_RE = re.compile(rf"^\s*((?:(?:{_QUAL})\s+)*)(.*)$", re.IGNORECASE | re.DOTALL)
_RANGE_RE = re.compile(
    rf"^(?:between\s+)?({_CORE})\s*(?:-|–|to|or|and)\s*({_CORE})$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Count:
    """A count read from text: any of the three bounds may be unknown (None)."""

    low: int | None
    best: int | None
    high: int | None
    vague: bool = False

    @property
    def known(self) -> bool:
        """True when the text gives at least a bound."""
        return self.low is not None or self.best is not None or self.high is not None


_NUMBER_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|hundred)?")
_Q_AT_LEAST = re.compile(r"\b(at least|no (fewer|less) than)\b")
_Q_MORE = re.compile(r"\b(more than|over|upwards of|in excess of)\b")
_Q_UP_TO = re.compile(r"\b(up to|as many as|at most)\b")
_Q_FEWER = re.compile(r"\b(fewer than|less than)\b")
_Q_NEARLY = re.compile(r"\b(nearly|almost|close to)\b")
_Q_ABOUT = re.compile(r"\b(about|around|some|approximately|roughly|estimated)\b")


def word_to_int(text: str) -> int | None:
    """Return the value of a number written in words ("twenty-one", "a hundred"), or None."""
    words = text.strip().lower().replace("-", " ").split()
    words = [w for w in words if w and w != "and"]
    if not words:
        return None
    total = 0
    current = 0
    seen = False
    for word in words:
        if word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("a", "an") and not seen:
            current += 1
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current


def parse_number(text: str) -> int | None:
    """Return the integer value of one number ("21", "1,200", "2.5 million", "nine")."""
    t = text.strip().lower()
    if not t:
        return None
    m = _NUMBER_RE.fullmatch(t)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        return round(value)
    return word_to_int(t)


def _vague_low(text: str) -> int | None:
    t = " ".join(text.lower().split())
    return VAGUE_LOW.get(t)


@functools.lru_cache(maxsize=8192)
def parse_count(text: str) -> Count | None:
    """Parse a count phrase into a :class:`Count`; None when it is not a count.

    Parameters
    ----------
    text
        A phrase such as ``"at least 12"``, ``"about 100"``, ``"between 10 and 15"``.

    Examples
    --------
    >>> parse_count("more than 800")
    Count(low=801, best=801, high=None, vague=False)
    >>> parse_count("dozens")
    Count(low=24, best=24, high=None, vague=True)
    """
    if not _COUNT_RE.match(text):
        return None
    qm = _QUAL_RE.match(text)
    assert qm is not None
    quals = " ".join(qm.group(1).lower().split())
    body = qm.group(2).strip()
    dozens = _DOZENS_RE.match(body)
    if dozens is not None:
        n = parse_number(dozens.group(1))
        return None if n is None else _apply_qualifier(quals, 12 * n)
    single = parse_number(body)
    if single is not None:
        return _apply_qualifier(quals, single)
    rng = _RANGE_RE.match(body)
    if rng:
        a = parse_number(rng.group(1)) or _vague_low(rng.group(1))
        b = parse_number(rng.group(2)) or _vague_low(rng.group(2))
        if a is not None and b is not None and a <= b:
            return Count(a, a, b)
        return None
    b_norm = " ".join(body.lower().split())
    if b_norm in VAGUE_UNKNOWN:
        return Count(None, None, None, vague=True)
    vague = _vague_low(body)
    if vague is not None and not body[:1].isdigit():
        if quals.startswith(("up to", "fewer than", "less than", "at most")):
            return Count(None, None, None, vague=True)
        return Count(vague, vague, None, vague=True)
    n = parse_number(body)
    if n is None:
        return None
    return _apply_qualifier(quals, n)


def _apply_qualifier(quals: str, n: int) -> Count:
    # The last qualifier that bounds the count wins ("another at least 5" -> at least).
    q = quals
    if _Q_AT_LEAST.search(q):
        return Count(n, n, None)
    if _Q_MORE.search(q):
        return Count(n + 1, n + 1, None)
    if _Q_UP_TO.search(q):
        return Count(None, n, n)
    if _Q_FEWER.search(q):
        return Count(None, max(n - 1, 0), max(n - 1, 0))
    if _Q_NEARLY.search(q):
        return Count(None, n, n)
    if _Q_ABOUT.search(q):
        return Count(None, n, None)
    return Count(n, n, n)
