"""Event dates in news text, resolved against the article's publication date.

:func:`find_date` reads one sentence and returns a :class:`DateMention` (the date and whether
it opens a cumulative window) or None. Explicit dates ("Feb. 8, 2018", "8 February 2018",
"2018-02-08") win over relative days ("on Thursday" = the most recent Thursday on or before
the article date, "yesterday", "today", "last night"); "since Monday" opens a window (a
cumulative toll) and resolves to that Monday. Relative days need the article date; without it
they give None. A day named in an attribution ("the ministry said on Thursday") is the date of
the statement, not of the event, and is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_date", "find_dates"]

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_DATE_RE = re.compile(
    rf"\b(?P<iso>(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d))\b"
    rf"|\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    rf"|\b{_MON2}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year2>(?:19|20)\d\d))?",
)
_REL_RE = re.compile(
    r"\b(?P<since>since)?\s*(?:(?:on|last|this|early|late)\s+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
    r"|\b(?P<yday>yesterday|last\s+night|overnight)\b"
    # not an anniversary: "Ten years ago today, more than a hundred people were killed"
    r"|\b(?<!ago\s)(?P<today>today|this\s+morning|tonight|this\s+afternoon|this\s+evening)\b",
    re.IGNORECASE,
)
#: A period opened by an event, told before its day: "since the offensive began on".
_SINCE_BEGAN_RE = re.compile(
    r"\bsince\s+[^,.;]{0,70}?\b(?:began|begun|launched|started|erupted|broke\s+out"
    r"|opened|kicked\s+off|was\s+launched|were\s+launched)\b[^,.;]{0,50}?"
    r"(?:\b(?:on|last|this|early|late)\s+)?$"
)
#: "since the announcement of the end of the ceasefire on 19 September", "since the
#: resumption of the air campaign on Tuesday": the day a period began, named after "on".
_SINCE_THE_OF_RE = re.compile(
    r"\bsince\s+the\s+(?:announcement|resumption|renewal|launch|onset|outbreak|start"
    r"|beginning|signing|declaration|collapse|end)\s+of\b[^,.;]{0,70}?(?:\bon\s+(?:the\s+)?)?$"
)
#: A word that every match of ``_REL_RE`` holds, lowercased.
_REL_WORDS = ("day", "night", "morning", "afternoon", "evening")
_DIGIT_RE = re.compile(r"\d")
_ISO_HINT_RE = re.compile(r"\d-")
_MONTH_PREFIXES = tuple("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())
_REL_LOW_RE = re.compile(_REL_RE.pattern.lower().replace("(?p<", "(?P<"))
_WEEKDAY_RE = re.compile(r"(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday")
_ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|added|confirmed|claimed|denied|declared)"
    # not when the dead come between: "says 22 civilians have been killed today"
    r"\b(?![^,;]*?\b(?:killed|died|dead|slain)\b)[^,;]{0,40}$",
    re.IGNORECASE,
)
#: A clause of what befell the victims before ("after being abducted by gunmen"): its day
#: is not the event's.
_AFTER_BEING_RE = re.compile(r"\bafter\s+(?:being|having\s+been)\s+\w+ed\b[^,;]*$")
#: A place's relative clause after a count of dead ("eight were killed in Kafr Nabuda, where
#: rebels launched a counter-attack on Tuesday"): its day dates what it tells, not the dead.
_WHERE_CLAUSE_RE = re.compile(
    r"\b(?:kill\w*|died|dead|deaths?)\b[^;]*,\s+where\b(?![^,;]*\b(?:kill|dead|died|death))"
    r"[^,;]*$"
)
_ATTRIBUTION_WORDS = tuple(
    "said says told reported announced stated added confirmed claimed denied declared".split()
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date read from text: the day, its offsets, and whether it opens a window."""

    date: dt.date
    start: int
    end: int
    window: bool = False
    explicit: bool = False



def _fold(word: str) -> str:
    """A matched month or weekday as the tables spell it. The patterns match case-blind, and
    ``re`` then also takes the long s, the Kelvin sign and the dotted capital I for s, k and
    i ("Thurſday"); ``str.lower`` keeps them, so they are folded here."""
    return word.lower().replace("ſ", "s").replace("\u212a", "k").replace("i\u0307", "i")

def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _explicit(m: re.Match[str], ref: dt.date | None) -> dt.date | None:
    if m.group("iso"):
        return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if m.group("day"):
        mon, day, year = m.group("mon"), m.group("day"), m.group("year")
    else:
        mon, day, year = m.group("mon2"), m.group("day2"), m.group("year2")
    month = MONTHS[_fold(mon).rstrip(".")]
    if year:
        return _safe_date(int(year), month, int(day))
    if ref is None:
        return None
    guess = _safe_date(ref.year, month, int(day))
    if guess is not None and guess > ref + dt.timedelta(days=1):
        guess = _safe_date(ref.year - 1, month, int(day))
    return guess


def find_dates(sentence: str, article_date: dt.date | None) -> list[DateMention]:
    """Return every date mention in ``sentence`` (explicit first, then relative days)."""
    out: list[DateMention] = []
    # Every explicit date has a digit and a month's first three letters or a digit and a
    # dash; every relative day has one of _REL_WORDS (lowercase ASCII text can be tested
    # with ``in``): most sentences need neither regex scan.
    explicit = _DIGIT_RE.search(sentence) and (
        any(p in sentence for p in _MONTH_PREFIXES) or _ISO_HINT_RE.search(sentence)
    )
    for m in _DATE_RE.finditer(sentence) if explicit else ():
        # "May" is also a modal verb: require a day number with it (the regex does).
        d = _explicit(m, article_date)
        if d is not None:
            before = sentence[max(0, m.start() - 120) : m.start()].lower()
            since = before.endswith("since ") or (
                "since the" in before and _SINCE_THE_OF_RE.search(before) is not None
            )
            out.append(DateMention(d, m.start(), m.end(), window=since, explicit=True))
    if article_date is None:
        return out
    low = sentence.lower()
    if low.isascii() and not any(w in low for w in _REL_WORDS):
        return out
    # ASCII text: the same matches, at the same offsets, in its lowercase copy without
    # IGNORECASE (cheaper for ``re``); an attribution needs one of its verbs before the day.
    ascii_text = sentence.isascii()
    for m in _REL_LOW_RE.finditer(low) if ascii_text else _REL_RE.finditer(sentence):
        if any(o.start <= m.start() < o.end for o in out):
            continue
        if (
            (not ascii_text or any(w in low[: m.start()] for w in _ATTRIBUTION_WORDS))
            and _ATTRIBUTION_RE.search(sentence, 0, m.start())
            and not m.group("since")
        ):
            continue
        if "after " in low and _AFTER_BEING_RE.search(low, max(0, m.start() - 70), m.start()):
            continue  # "found dead ..., after being abducted by gunmen yesterday": not the day
        if "where " in low and _WHERE_CLAUSE_RE.search(low, max(0, m.start() - 200), m.start()):
            continue  # "killed in X, where rebels launched a counter-attack on Tuesday"
        if m.group("wd"):
            target = WEEKDAYS[_fold(m.group("wd"))]
            back = (article_date.weekday() - target) % 7
            text = m.group().lower()
            if "last" in text and back == 0:
                back = 7
            d = article_date - dt.timedelta(days=back)
            # "since the militants launched their offensive on Wednesday": a window too
            window = bool(m.group("since")) or (
                "since" in low
                and (
                    _SINCE_BEGAN_RE.search(low, max(0, m.start() - 100), m.start()) is not None
                    or _SINCE_THE_OF_RE.search(low, max(0, m.start() - 120), m.start())
                    is not None
                )
            )
        elif m.group("yday"):
            d, window = article_date - dt.timedelta(days=1), False
        else:
            d, window = article_date, False
        out.append(DateMention(d, m.start(), m.end(), window=window))
    return out


def find_date(sentence: str, article_date: dt.date | None) -> DateMention | None:
    """Return the event date of ``sentence``, or None.

    Parameters
    ----------
    sentence
        One sentence (or linked sentences) of an article.
    article_date
        The publication date; relative days resolve against it.

    Examples
    --------
    >>> find_date("Jets struck the town on Thursday.", dt.date(2018, 2, 9)).date
    datetime.date(2018, 2, 8)
    """
    found = find_dates(sentence, article_date)
    if not found:
        return None
    explicit = [f for f in found if f.explicit]
    if explicit:
        windows = [f for f in found if f.window and not f.explicit]
        if windows and explicit[0].date == article_date:
            # "BEIRUT, Nov 28 (Reuters) - ... since the offensive began on Wednesday": the
            # dateline's day is the report's; the window is the count's
            return windows[0]
        return explicit[0]
    # A named day is more precise than "overnight" or "today" in the same sentence.
    days = [f for f in found if _WEEKDAY_RE.search(sentence, f.start, f.end)]
    return days[0] if days else found[0]
