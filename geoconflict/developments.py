"""Developments an article reports with no violence told: people who fled a town, an aid
convoy that reached it, a protest, arrests, a ceasefire or a surrender (:func:`_developments`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from . import lexicon as lx
from ._tokens import _QUIET, _lower
from .cues import _facility_first, _make_cand, _with_within
from .dates import DateMention, find_date
from .drafts import _Draft, _norm, _SentInfo
from .mentions import _mask
from .placing import _dateline_end
from .reading import _BARE_YEAR_RE, _WHO_CLAUSE_RE, _category_of, _is_title, _told_as_past
from .records import Article

#: Words that make a development one only spoken of ("called for a ceasefire", "plans to").
_UNREAL_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|propos(?:e|es|ed|al)"
    r"|talks\s+(?:on|about)|would|could|might|plans?\s+to|planned|expected|fears?|feared"
    r"|threat(?:en|ens|ened)?|possible|if|unless|before\s+the\s+war)\b"
)


#: Where a sentence starts a new clause of its own: "declared victory in Raqqa, and said they
#: would hand the city over" (what they would do is not the victory).
_NEW_CLAUSE_RE = re.compile(
    r",\s+(?:and|but|while|although|though|whereas)\b|;"
    r"|\b(?:and|but)\s+(?:said|says|added|warned|pledged|vowed)\b"
)


def _spoken_of(low: str, category: str) -> bool:
    """Whether the development of ``category`` in ``low`` is only spoken of: an
    :data:`_UNREAL_RE` word in its own clause or an earlier one ("the evacuation is expected
    to begin", "called for a ceasefire"), not one in a later clause."""
    unreal = _UNREAL_RE.search(low)
    if unreal is None:
        return False
    word = lx.DEVELOPMENT_CUES[category].search(low)
    if word is None or unreal.start() < word.start():
        return True
    later = _NEW_CLAUSE_RE.search(low, word.end())
    return later is None or unreal.start() < later.start()


#: A development denied or not yet come: "no convoy has entered", "has not reached".
_NOT_RE = re.compile(
    r"\b(?:no(?!\s+(?:fewer|less)\b)|not|never|none|nobody|yet\s+to|failed\s+to|denied)\b|n't"
)


#: A since-clause, up to the end of its clause.
_SINCE_CLAUSE_RE = re.compile(r"\bsince\b[^,;.]*")


def _recent_day(dm: DateMention | None, date: dt.date | None) -> bool:
    """Whether ``dm`` is a day of the last week before ``date`` (not a window)."""
    return (
        dm is not None and not dm.window and date is not None and 0 <= (date - dm.date).days <= 7
    )


def _developments(
    article: Article, infos: list[_SentInfo], drafts: list[_Draft]
) -> list[_Draft]:
    """Developments the article reports: conflict events with no violence told (people who
    fled a town, an aid convoy that reached it, a protest, arrests, a ceasefire or a
    surrender), one draft per category and place, each to be placed like any event and
    never counted. Sentences with a count of dead or injured are incidents already."""
    if not lx.DEVELOPMENT_CUE_RE.search(article.text.lower()):
        return []
    out: list[_Draft] = []
    seen: set[tuple[str, str]] = set()
    told = {d.sent for d in drafts}
    at_dateline = _dateline_end(article)
    for i, info in enumerate(infos):
        if info.mentions or info.question or i in told:
            continue
        if not lx.DEVELOPMENT_CUE_RE.search(info.low):
            continue
        masked = info.masked if info.toks is not _QUIET else _mask(info.sent.text)
        low = _lower(masked)
        # a since-clause tells something earlier ("stopped pumping since Turkish-backed
        # groups took control of the area"): the development is in the rest
        category = _category_of(_SINCE_CLAUSE_RE.sub("", low))
        if category is None:
            continue
        if _NOT_RE.search(low) or _spoken_of(low, category) or lx.RHETORIC_RE.search(low):
            continue
        # a relative or since-clause dates something else ("the largest delivery since an
        # earthquake two weeks ago"): the development's own time is in the rest
        own = _WHO_CLAUSE_RE.sub("", low)
        dm = None
        dated = False
        if _told_as_past(own, article.date):
            # "forces entered the towns on Saturday ..., completing a surrender deal reached
            # earlier this month": a day of its own dates the development, whatever else is
            # past
            dm, dated = find_date(info.sent.text, article.date), True
            if not _recent_day(dm, article.date):
                continue
        if article.date is not None and any(
            int(y) < article.date.year for y in _BARE_YEAR_RE.findall(low)
        ):
            continue  # "those who fled in 2012", "the 2016 evacuation of Aleppo"
        cands = []
        found = [*lx.DEVELOPMENT_PLACE_RE.finditer(masked), *lx.PLACE_OF_RE.finditer(masked)]
        found.sort(key=lambda m: m.start("name"))
        names_at: set[int] = set()
        for m in found:
            if m.start("name") in names_at:
                continue  # "in the town of X" found by both patterns
            names_at.add(m.start("name"))
            c = _make_cand(masked, m, m.groupdict().get("cue"))
            if c is None or c.country:
                continue
            if not c.foreign:  # "returned from Lebanon": not where it happened
                cands.append(c)
        cands = _facility_first(cands, cands, masked)  # "X square in Y city": Y
        if not cands:
            if at_dateline is not None and info.sent.start <= at_dateline < info.sent.end:
                # "BAB AL-HAWA, Syria (AP) — A convoy of 14 U.N. trucks crossed into
                # rebel-held northwest Syria": where it was filed from is where it happened
                key = (category, "")
                if key not in seen:
                    seen.add(key)
                    out.append(_Draft(
                        sent=i, first_sent=i, start=info.sent.start, end=info.sent.end,
                        event_type="other", date=article.date, event_only=True,
                        extra={"title": False, "category": category, "at_dateline": True},
                    ))
            continue
        key = (category, _norm(cands[0].ref.name))
        if key in seen:
            continue
        seen.add(key)
        if not dated:
            dm = find_date(info.sent.text, article.date)
        out.append(
            _Draft(
                sent=i,
                first_sent=i,
                start=info.sent.start,
                end=info.sent.end,
                event_type="other",
                place=replace(_with_within(cands[0], cands[1:]), alts=tuple(cands[1:])),
                date=dm.date if dm is not None and not dm.window else article.date,
                event_only=True,
                extra={"title": _is_title(info.sent), "category": category},
            )
        )
    return out
