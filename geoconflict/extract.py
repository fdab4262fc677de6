"""Read incidents from news text: what happened, where, when, by whom, and how many died.

The engine works sentence by sentence with compiled patterns (:mod:`geoconflict.lexicon`),
then links sentences and merges what one article says twice:

1. **Mentions.** In each sentence with a casualty cue, find the counts of dead ("killed 21",
   "21 were killed", "the death toll rose to 45", "among those slain") and of injured, with
   their qualifiers (:mod:`geoconflict.numbers`) and victims ("including nine children").
   Counts in a question, in rhetoric ("a murderer who has killed one million"), in a negated
   clause, or mixed ("killed or wounded") are not used.
2. **Drafts.** Each count of dead starts an incident; a count of injured joins the count of
   dead before it in the same sentence. Each gets the place named in its part of the sentence
   ("in the town of X", "in X province", "on X"), the event cue nearest its verb, and the
   actor before it. A sentence with an event cue and a place but no count is an event-only
   incident ("Bombs rained down on eastern Aleppo").
3. **Links.** A casualty sentence with no place and no other event ("Three volunteers were
   killed and five wounded.") is one incident with the event sentence just before it
   ("Russian strikes hit a headquarters in the town of X."). A count of injured that names the
   same place as an incident just before it, or no place at all, joins that incident.
4. **Places and dates.** Places resolve with the gazetteer through
   :class:`~geoconflict.resolve.DocumentResolver`; dates come from the sentence, else from the
   last event date earlier in the article, else from the article date (a documented fallback).
5. **Totals.** A running toll ("the death toll since Monday") is ``is_cumulative``; a town's
   incident inside an area-wide incident of the same day ("21 killed in Erbin" after "59
   killed in East Ghouta") gets ``part_of``; the same event told twice is merged.

The code, in the order of the steps (each module imports only those before it):

- :mod:`geoconflict._tokens`: the token pre-scan, which tries a pattern only where a word of
  the sentence can start it, and the cheap first tests.
- :mod:`geoconflict.mentions`: counts of dead and injured in one sentence (step 1).
- :mod:`geoconflict.cues`: event cues, actors, targets and place candidates in one sentence.

This module holds the public API (:func:`extract_incidents`, :func:`extract_articles`,
:func:`read_drafts`) and the steps not yet in the modules above.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from . import lexicon as lx
from ._tokens import _QUIET, _lower, _Toks, _trie_pattern
from .config import DEFAULT_CONFIG, Config
from .cues import (
    _COUNTRY_WORDS,
    _REPRISAL,
    _actor_for,
    _actors,
    _event_for,
    _events,
    _institution_town,
    _make_cand,
    _pick_place,
    _PlaceCand,
    _places,
    _targets,
    _with_within,
)
from .dates import MONTHS, find_date
from .mentions import _RISE_RE, _clause_start, _mask, _Mention, _mentions
from .numbers import COUNT_PATTERN, Count, parse_count
from .records import Article, Incident, Location
from .resolve import DocumentResolver, PlaceRef, distance_km
from .text import Sentence, split_sentences

__all__ = ["extract_articles", "extract_incidents", "read_drafts"]

#: Direct speech of some length, in double quote marks.
_QUOTED_RE = re.compile(r"[“\"«]([^“”\"«»]{25,}?)[”\"»]")

_TITLE_MAX_WORDS = 14

_CLAUSE_END_RE = re.compile(
    r"[;:]|,\s+(?:the|a|an|which|who|while|but|as|said|according|raising|bringing|taking"
    r"|pushing|lifting)\b"
)

#: An explicit date this many days before the article date marks background, not news.
_BACKGROUND_DAYS = 180
#: Words before an event cue that make it a plan, a fear or a demand, not something done.
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:to\s+stop|to\s+end|halt|ceasefire|truce|would|could|might|(?<!\d\s)(?<!in\s)(?<!of\s)(?<!early\s)(?<!late\s)(?<!mid-)may(?!\s+\d)"
    r"|plans?\s+to|planned"
    r"|planning|prepar(?:e|es|ed|ing)|expected|threat|threatens?|threatened|looming|imminent"
    r"|possible|feared|fears?|warn(?:s|ed|ing)?|if|avoid|prevent)\b"
)

_NON_LETTERS_RE = re.compile(r"[^a-z]")

#: A day named: a weekday, "yesterday", a month with a day, a year.
_DAY_NAMED_RE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+\w+"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{4})\b"
)
#: An event placed before the one reported: "The killings came a day after ...", "two days
#: after".
_CAME_AFTER_RE = re.compile(
    r"(?:\b(?:a|one|two|three|four|five|six|several|few|\d+)\s+(?:days?|weeks?|hours?)"
    r"|\b(?:came|comes|come))\s+$"
)

#: What lies between a risen toll and the newly dead it counts: "... rose to 8 after a".
_AFTER_RE = re.compile(r"[^;.]*\b(?:after|as|when)\b[^;.]*")
#: An earlier event given as the cause of this one ("in retaliation for an attack that left
#: five soldiers dead"): its dead are not news of this article.
_CAUSE_RE = re.compile(
    rf"\b(?:{_REPRISAL}|(?:after|following)\s+the\s+(?:killing|deaths?|murder)\s+of"
    r"|(?:after|following)(?=\s+(?:at\s+least\s+|more\s+than\s+|some\s+)?[\w-]+\s+(?:[\w.-]+\s+)"
    r"{0,3}?(?:were|was|had\s+been|have\s+been)\s+(?:killed|slain))"
    # "the strikes followed the Istanbul bombing of Nov. 13, which killed six"
    r"|followed\s+(?:the|a|an|last\s+\w+[’']s)\s+(?:[\w’'.-]+\s+){0,3}?(?:bombing|attack|attacks"
    r"|massacre|strike|strikes|explosion|blast|raid)"
    # "the deadliest attack since 2013, when hundreds died near Damascus": an earlier event
    r"|since\s+(?:\w+\s+)?(?:19|20)\d\d\s*,\s*when)\b"
)

#: A death toll this large counts a campaign or a war, not one event ...
_CAMPAIGN_TOLL = 1000
#: ... unless its clause names one event: "killed in a poison gas attack", "when a bomb hit".
_SINGLE_EVENT_RE = re.compile(
    r"\b(?:(?:in|by)\s+(?:a|an|the|one|single)\s+(?:[\w'-]+\s+){0,3}(?:attack|strike|airstrike"
    r"|bombing|explosion|blast|massacre|raid|bombardment|assault)(?![\w-])|when\s+(?:a|an)\s)"
)


@dataclass(slots=True)
class _Draft:
    sent: int  # index of the sentence it was read from
    first_sent: int
    start: int  # char offsets in the article
    end: int
    event_type: str = "other"
    actor: str | None = None
    place: _PlaceCand | None = None
    killed: Count | None = None
    injured: Count | None = None
    children: int | None = None
    women: int | None = None
    rescuers: int | None = None
    victims: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    date: dt.date | None = None
    date_explicit: bool = False
    cumulative: bool = False
    linked: bool = False
    event_only: bool = False
    has_event_cue: bool = False
    location: Location | None = None
    part_of: int | None = None
    drop: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _is_title(sentence: Sentence) -> bool:
    t = sentence.text.rstrip()
    return not t.endswith((".", "!", "?", "”", '"', "’")) and len(t.split()) <= _TITLE_MAX_WORDS


@dataclass(slots=True)
class _SentInfo:
    sent: Sentence
    masked: str
    low: str
    toks: _Toks
    mentions: list[_Mention]
    events: list[tuple[str, int, int, bool, str]]
    places: list[_PlaceCand]
    question: bool


def _analyse(sent: Sentence) -> _SentInfo:
    low0 = sent.text.lower()
    if not _CUE_RE.search(low0):
        # A quiet sentence (no casualty or event word) yields nothing: skip the work.
        return _SentInfo(sent, sent.text, low0, _QUIET, [], [], [], False)
    masked = _mask(sent.text)
    low = _lower(masked)
    toks = _Toks(low)
    question = sent.text.rstrip(" .…\"'”’)").endswith("?")
    mentions = [] if question else _mentions(low, toks, masked)
    if mentions and _QUOTED_RE.search(sent.text):
        # A count in direct speech ("My wife and two children were all dead") tells of the
        # dead already reported, when there are any: a part of them, not more.
        spans = [m.span(1) for m in _QUOTED_RE.finditer(sent.text)]
        for mention in mentions:
            if any(a <= mention.start < b for a, b in spans):
                mention.subset = True
    events = _events(low, toks) if toks.has("event") else []
    places = _places(masked, toks, low) if (mentions or events) else []
    return _SentInfo(sent, masked, low, toks, mentions, events, places, question)


def _may_have_date(info: _SentInfo) -> bool:
    return info.toks.has("date") or _YEAR_HINT_RE.search(info.low) is not None


#: Words without which a sentence can hold no incident (a cheap first test).
_CUE_STEMS: tuple[str, ...] = tuple(
    "kill|dead|die|death|slain|toll|injur|wound|hurt|fatalit|perish|martyr|massacr|execut"
    "|shot|strike|struck|raid|bomb|shell|missile|rocket|mortar|artillery|attack|assault"
    "|offensive|clash|fight|battle|explo|blast|ied|jet|warplane|plane|aircraft|helicopter"
    "|drone|sniper|gunmen|gunfire|ambush|storm|captur|seiz|advanc|incursion|detonat|mine"
    "|booby|lives|bodies|body|maim|gunned|slaughter|sortie|scud|tomahawk|grad|tank|murder|hit"
    "|target|pound|fire|gunship|behead|stab|assassin|casualt|abduct|kidnap|drown|control"
    "|overr|protest|demonstrat|arrest|detain|best estimate|best:|fought|liberat|operation"
    "|siege".split("|")
)

_CUE_RE = re.compile(_trie_pattern(_CUE_STEMS))

_CAUSE_HINT_RE = re.compile(
    _trie_pattern(["retaliation", "revenge", "avenge", "after", "follow", "since"])
)
_YEAR_HINT_RE = re.compile(r"\d\d{3}")  # = \d{4}; a leading \d lets ``re`` skip to digits
#: A year named alone ("the 2013 attack", "in 2016"): an earlier year marks background.
#: A relative clause about a person or thing ("a commander who signed a deal in 2018"), or a
#: period's start ("the deadliest attack since they deployed in 2015"): a year in it dates
#: them, not the event.
#: Not when the clause tells dead of its own.
_NO_DEAD_AHEAD = r"(?![^,;.]*\b(?:kill|die|dead|death))"
_WHO_CLAUSE_RE = re.compile(rf"\b(?:who|whose|which|since{_NO_DEAD_AHEAD})\b[^,;.]*")
#: "a partial truce that came into effect in February": "that" before a verb opens a
#: relative clause, whose month dates its noun, not the event (before a noun, "that" opens
#: what someone said, which is kept).
_THAT_CLAUSE_RE = re.compile(
    r"\bthat(?=\s+(?:came|began|started|took|went|erupted|broke|ended|expired|was|were|had"
    rf"|has|have)\b){_NO_DEAD_AHEAD}[^,;.]*"
)
_BARE_YEAR_RE = re.compile(r"(?<![\d,.])((?:19[5-9]|20\d)\d)(?!\d|,\d)")
#: A "since" clause with dead of its own ("the deadliest attack since sarin killed hundreds
#: in 2013"): its year dates that earlier event, whose count is background, not the
#: sentence's own count before it.
_SINCE_CLAUSE_RE = re.compile(r"\bsince\b[^,;.]*")
#: "since 2011": a running toll, kept (and marked cumulative), not background.
#: Not "the deadliest since 2013, when hundreds died": a comparison with an earlier event.
_SINCE_YEAR_RE = re.compile(r"\bsince\s+(?:\w+\s+)?(?:19|20)\d\d(?!\s*,\s*when\b)")


def _old_year(low: str, year: int, since_spans: list[tuple[int, int]]) -> bool:
    """True when a sentence names a year before ``year`` outside relative clauses and
    since clauses. The spans of the since clauses with dead of their own that name such a
    year are appended to ``since_spans``: their counts tell of that earlier event."""
    plain = _WHO_CLAUSE_RE.sub(lambda m: " " * len(m.group()), low)
    olds = [m.start() for m in _BARE_YEAR_RE.finditer(plain) if int(m.group(1)) < year]
    if not olds:
        return False
    spans = [m.span() for m in _SINCE_CLAUSE_RE.finditer(plain)] if "since" in plain else []
    outside = False
    for at in olds:
        span = next((sp for sp in spans if sp[0] <= at < sp[1]), None)
        if span is None:
            outside = True
        elif span not in since_spans:
            since_spans.append(span)
    return outside


def read_drafts(article: Article) -> list[_Draft]:
    """Read incident drafts (no gazetteer) from one article, in text order.

    This is the text half of :func:`extract_incidents`, exposed for tests and tools that
    want the reading without the resolving.
    """
    return _read(article)[0]


def _read(article: Article) -> tuple[list[_Draft], list[_SentInfo]]:
    sentences = split_sentences(article.text)
    infos = [_analyse(s) for s in sentences]
    drafts: list[_Draft] = []
    last_date: dt.date | None = None
    for i, info in enumerate(infos):
        s = info.sent
        quiet = info.toks is _QUIET
        dm = find_date(s.text, article.date) if not quiet and _may_have_date(info) else None
        sent_date = dm.date if dm else None
        window = bool(dm and dm.window)
        background = bool(
            dm is not None
            and dm.explicit
            and article.date is not None
            and (article.date - dm.date).days > _BACKGROUND_DAYS
        )
        if dm is not None and not window and not background:
            last_date = dm.date
        made = _drafts_of_sentence(info, i)
        for d in made:
            if sent_date is not None:
                d.date, d.date_explicit = sent_date, True
            else:
                d.date = last_date or article.date
            if window:
                d.cumulative = True
                d.extra["window_start"] = sent_date
        if not made:
            continue
        made = _link_previous(made, infos, i, drafts, article)
        # the earlier event of a since clause with dead of its own is background, and
        # only it ("killed 58, the deadliest since sarin killed hundreds in 2013")
        since_spans: list[tuple[int, int]] = []
        old_year = (
            article.date is not None
            and ("19" in info.low or "20" in info.low)  # a year's first digits, cheaply
            and _old_year(info.low, article.date.year, since_spans)
            and not (dm is not None and dm.explicit)
            and not _SINCE_YEAR_RE.search(info.low)
        ) or (
            dm is None
            and _told_as_past(
                _THAT_CLAUSE_RE.sub("", info.low) if "that" in info.low else info.low,
                article.date,
            )
        )
        for d in made:  # background: an event long before the report ("the 2013 attack")
            at = d.extra.get("at")
            if (old_year or (at is not None and any(a <= at < b for a, b in since_spans))) and (
                not d.linked
            ):
                d.drop = True
            elif (
                d.date_explicit
                and article.date is not None
                and d.date is not None
                and ((article.date - d.date).days > _BACKGROUND_DAYS)
            ):
                d.drop = True
        _inherit_paragraph_place(made, infos, i)
        drafts.extend(made)
    _merge_injured(drafts, infos)
    _merge_toll_updates(drafts)
    _merge_other_estimates(drafts)
    _mark_named_parts(drafts)
    _inherit_cumulative_place(drafts)
    kept = [d for d in drafts if not d.drop]
    _count_recent_window(kept, article)
    return kept, infos


#: Days back from the article's date within which a running toll's window ("since Sunday",
#: "since Friday morning") is the toll of the event being reported, not of a long campaign.
_RECENT_WINDOW_DAYS = 7


def _count_recent_window(drafts: list[_Draft], article: Article) -> None:
    """An article whose only count of dead is a toll "since Sunday" reports that event
    through it: "26 soldiers and 21 rebels had been killed in the fighting since Sunday
    morning" is the toll of the attack the article is about. Counted when it is the one
    running toll with a window of at most a week and nothing else counts; tolls since a
    month, a year or the start of the war stay running tolls."""
    if article.date is None:
        return
    recent = []
    vague: list[_Draft] = []
    for d in drafts:
        if d.killed is None or d.killed.best is None or d.event_only:
            continue
        if not d.cumulative:
            if d.killed.vague and not recent:
                vague.append(d)  # "days of fighting that killed hundreds", told first
                continue
            if d.part_of is None and not d.extra.get("subset"):
                return  # another count stands: the window's toll stays a running toll
            continue
        start = d.extra.get("window_start")
        if start is None:
            # "in a week-long offensive", "over three days of fighting": a span, not a date
            low = d.extra.get("low") or ""
            if _SHORT_SPAN_RE.search(low) is None or _LONG_SPAN_RE.search(low) is not None:
                continue  # "not for two days, after two weeks in which raids killed dozens"
            start = article.date
        if 0 <= (article.date - start).days <= _RECENT_WINDOW_DAYS and d.has_event_cue:
            recent.append(d)
    if len(recent) != 1:
        return
    toll = recent[0]
    best = toll.killed.best  # type: ignore[union-attr]
    if any(not _vaguely(v.killed, best) for v in vague):  # type: ignore[arg-type]
        return  # "killed dozens" before a toll of 500: another count
    toll.cumulative = False
    for v in vague:  # the same dead, told vaguely first: the precise toll counts them
        v.extra["part_of_host"] = toll


def _vaguely(vague: Count, best: int | None) -> bool:
    """Whether a vague count ("hundreds", "dozens") may be ``best`` told vaguely: at least
    its low figure and of the same order of magnitude (hundreds: 200 to 999)."""
    low = vague.low if vague.low is not None else vague.best
    return low is not None and best is not None and low <= best < 10 ** len(str(low))


#: A span of at most a week that a running toll covers: "week-long", "a three-day assault".
_SHORT_SPAN_RE = re.compile(
    r"\b(?:(?:one|a)[\s-]week(?!s)|week-long|(?:two|three|four|five|six|seven|[2-7])[\s-]days?"
    r"(?!\s+(?:ago|earlier|before|after))|(?:two|three|four|five|six|seven|[2-7])\s+days\s+of)\b"
)


#: A longer span named beside it: the short one may not be the toll's.
_LONG_SPAN_RE = re.compile(
    r"\b(?:weeks|months?|years?)\b|\w-(?:month|year)\b"
    r"|\b(?:two|three|four|five|six|several|\d+)-weeks?\b"
)


#: An event told as an earlier one: "last month", "a year ago", "in January" (a month with
#: no day, two or more months before the article's), "a similar attack". Not after "since"
#: ("since last month": a running toll) or "the" ("during the last month": a period).
_PAST_RE = re.compile(
    r"^\s*last\s+week\b(?!['’])"
    r"|(?<!since )(?<!the )\b(?:last\s+(?:month|year|summer|winter|spring|autumn|fall)"
    r"|earlier\s+this\s+(?:year|month)|(?:\d+|a|an|one|two|three|four|five|six|several|many)\s+"
    r"(?:months|years|month|year|weeks|week)\s+(?:ago|earlier|before|after)"
    r"|a\s+similar\s+(?:\w+\s+)?(?:attack|bombing|strike|airstrike|raid|massacre|explosion|blast)"
    r"|(?:in|since|during|by)\s+"
    # "in the July attacks": a month naming an event, with "the"
    r"(?:the\s+(?=[a-z]+\s+(?:attacks?|raids?|offensive|massacres?|bombings?|assault"
    r"|killings|strikes|airstrikes|clashes|fighting)\b))?"
    r"(?:(?:early|late|mid)[\s-]+)?(?P<mon>january|february|march"
    r"|april|may|june|july|august|september|october|november|december)\b(?!\s+\d))"
    # "Two of the hostages died in captivity, relatives said at the time"
    r"|\b(?:said|reported|told\s+\w+)\s+at\s+the\s+time\b"
)


#: "since the uprising began", "since rebels launched their offensive": a month after it
#: dates the period's start.
_SINCE_BEGAN_RE = re.compile(
    r"\bsince\s+(?:[\w'’-]+\s+){1,4}?(?:began|begun|started|erupted|broke\s+out|launched"
    r"(?:\s+[\w'’-]+){0,3})\s*$"
)
_PAST_HINT_RE = re.compile(
    _trie_pattern(
        [
            *"last earlier ago before after similar january february march april may june"
            " july august september october november december".split(),
            "at the time",
        ]
    )
)


def _told_as_past(low: str, date: dt.date | None) -> bool:
    """True when a sentence tells of an event before the article's month (see ``_PAST_RE``)."""
    if not _PAST_HINT_RE.search(low):
        return False
    for m in _PAST_RE.finditer(low):
        mon = m.group("mon")
        if mon is None:
            return True
        if m.group().startswith("since") or _SINCE_BEGAN_RE.search(
            low, max(0, m.start() - 60), m.start()
        ):
            continue  # "since the uprising began in March": a running period, not the event's date
        if date is not None and (date.month - MONTHS[mon]) % 12 >= 2:
            return True  # two months back or more: "In early May" in June may be the news
    return False


def _inherit_paragraph_place(made: list[_Draft], infos: list[_SentInfo], i: int) -> None:
    """A casualty count with no place takes the place of the sentence before it in the same
    paragraph ("Warplanes pounded X on Monday. The strikes killed 12 people.")."""
    if i == 0:
        return
    prev = infos[i - 1]
    if prev.sent.paragraph != infos[i].sent.paragraph or prev.question:
        return
    for d in made:
        if d.actor is None and prev.events and not d.event_only and not d.cumulative:
            # "Russian jets pounded X. In Y, four were killed": the same attackers.
            d.actor = _actor_for(_actors(prev.masked, prev.toks, []), len(prev.low))
        if d.place is not None or d.event_only or d.cumulative:
            continue
        cands = [p for p in prev.places if not p.country and not p.ref.near and not p.origin]
        if cands:
            d.place = _with_within(cands[0], prev.places)
            d.extra["inherited"] = True
            if prev.events and (d.event_type == "other" or d.actor is None):
                pos = len(prev.low)
                if d.event_type == "other":
                    d.event_type = _event_for(prev.events, pos, prev.low) or "other"
                if d.actor is None:
                    d.actor = _actor_for(_actors(prev.masked, prev.toks, []), pos)


#: A source named for a count: "the Local Coordination Committees said", "according to".
_ATTRIBUTED_RE = re.compile(
    r"\b(?:said|says|reported|reports|according\s+to|put\s+the|puts\s+the|documented"
    r"|counted|recorded|told|estimated|gave\s+a|accused|claimed|saying)\b"
)
#: A word that every match of ``_ATTRIBUTED_RE`` holds (a cheap first test).
_ATTRIBUTED_WORDS = tuple(
    "said says report according put documented counted recorded told estimated gave accused"
    " claimed saying".split()
)
#: Words that make a count one of more dead, not another figure for the same dead.
_MORE_DEAD_RE = re.compile(
    r"\b(?:another|more(?!\s+than)|others?|further|additional|also|separate)\b"
)


def _other_estimate(low: str, mention: _Mention, attributed: bool) -> bool:
    """True when a sentence gives a source's figure of dead and nothing else of an event:
    no event word of its own and no "more"/"another" ("The committees said 100 died")."""
    if mention.toll or mention.subset or mention.cumulative or not attributed:
        return False
    return _MORE_DEAD_RE.search(low, mention.start, mention.end) is None


def _widened(first: Count, other: Count) -> Count:
    """``first`` with its range stretched to take in another source's figure ``other``: the
    best estimate stays the first figure; an open upper bound ("at least 30") stays open."""
    lows = [x for x in (first.low, other.low, other.best) if x is not None]
    high = None if first.high is None else max(first.high, other.high or other.best or 0)
    return Count(min(lows) if lows else None, first.best, high, first.vague)


#: Counts this close to each other (ratio of bests) may be two sources' figures for one event.
_CLOSE_FIGURES = (0.5, 2.0)
#: The smallest counts read as two figures for one event when the later sentence tells an
#: event or place of its own: small tolls in a round-up are more often separate incidents.
_CLOSE_FIGURES_MIN = 10


def _close_figures(host: Count, other: Count, *, small: bool = False) -> bool:
    """Whether two counts are near enough to be two sources' figures for the same dead
    (small counts too when ``small``: the figures are told of the same place)."""
    a, b = host.best, other.best
    if a is None or b is None or min(a, b) < (2 if small else _CLOSE_FIGURES_MIN):
        return False
    lo, hi = _CLOSE_FIGURES
    return lo <= b / a <= hi


def _finer(place: _PlaceCand, coarse: _PlaceCand | None) -> _PlaceCand:
    """``place``, with ``coarse`` tried after its own alternatives when it cannot be placed."""
    if coarse is None or coarse is place:
        return place
    return replace(place, alts=(*place.alts, coarse))


def _coarse_place(d: _Draft) -> bool:
    """Whether a draft's place leaves room for a finer one: none, "near X", or an area."""
    return d.place is None or d.place.ref.near or d.place.level in ("admin1", "admin2", "region")


#: How many sentences back a bare figure with no event or place of its own may look.
_PLAIN_REACH = 8


def _reach(host: _Draft, d: _Draft) -> int:
    """How many sentences after ``host`` a figure may restate it: three, or six when it
    names the same place (a quotation of several sentences may stand between the two)."""
    return 6 if _same_place(host, d) else 3


def _restates(host: _Draft, d: _Draft) -> bool:
    """Whether ``d``, a source's figure told with an event or place of its own ("State
    media said a rocket had killed 87 people"), restates the count of ``host`` told just
    before: figures of the same size, at most three sentences apart, on the same or the next
    day ("had said on Sunday that 80 were killed"), in the host's place or a finer one."""
    if host.killed is None or d.killed is None:
        return False
    if not _close_figures(host.killed, d.killed, small=_same_place(host, d)):
        return False
    if d.sent - host.sent > _reach(host, d):
        return False
    if host.date is not None and d.date is not None and abs((host.date - d.date).days) > 1:
        return False
    if _OTHER_EVENT_RE.search(_RELATIVE_RE.sub("", d.extra.get("low") or "")):
        # "Hours earlier, twin car bombs ... killing 57": another event (not "the attack,
        # which it said also involved roadside bombs": that tells of the same one)
        return False
    return not _own_place(d) or _coarse_place(host) or _same_place(host, d)


#: A relative clause after a comma: ", which it said also involved roadside bombs".
_RELATIVE_RE = re.compile(r",\s+(?:which|who)\b[^,;.]*")
#: Words that tell another event than the one just counted.
_OTHER_EVENT_RE = re.compile(
    r"\b(?:earlier|later|elsewhere|meanwhile|separately|separate|another|second\s+(?:attack"
    r"|strike|blast|bombing|explosion)|also"
    # "On the government side of the divided city, rebel shelling killed 14"
    r"|on\s+the\s+(?:[\w-]+\s+){0,2}?side)\b"
)


def _adds_up_to(drafts: list[_Draft], host: _Draft, n: int) -> bool:
    """Whether ``drafts[n]`` is one of two or more counts after ``host`` that add up to it
    exactly ("killing at least 148" ... "100 in Jableh" ... "48 in Tartus"): a part of the
    total, not another figure for it."""
    want = host.killed.best if host.killed is not None else None
    if want is None:
        return False
    after = [
        d
        for d in drafts
        if d.sent > host.sent
        and d.sent - host.sent <= _BREAKDOWN_REACH
        and not d.drop
        and d.killed is not None
        and d.killed.best is not None
    ]
    mine = drafts[n]
    for i in range(len(after)):
        total = 0
        for j in range(i, len(after)):
            total += after[j].killed.best  # type: ignore[union-attr,operator]
            if total >= want:
                break
        if total == want and j > i and any(after[k] is mine for k in range(i, j + 1)):
            return True
    return False


#: A second source's figure in the same sentence: "..., while the ministry spoke of 40".
_RIVAL_SOURCE_RE = re.compile(
    r"\b(?:while|whereas)\s+(?:the\s+)?[\w\s'’-]{0,60}?\b(?:spoke\s+of|said|put\s+the"
    r"|reported|gave|cited|counted)\b"
)


#: A count that takes in dead counted before: "24 were killed, including the two
#: journalists", "48 died, among them the 16 security personnel".
_BACKREF_RE = re.compile(
    rf"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+the\s+(?P<num>{COUNT_PATTERN})\s+[a-z]",
    re.I,
)


def _mark_named_parts(drafts: list[_Draft]) -> None:
    """A count told earlier and named again as a part of a larger one ("... killing two
    journalists. At least 24 were killed in Baba Amr, including the two journalists.") is a
    part of the larger count, so that no total counts its dead twice."""
    for n, d in enumerate(drafts):
        if d.drop or d.killed is None or d.killed.best is None or d.cumulative:
            continue
        low = d.extra.get("low") or ""
        if "the " not in low:
            continue
        for m in _BACKREF_RE.finditer(low):
            part = parse_count(m.group("num"))
            if part is None or part.best is None or part.best >= d.killed.best:
                continue
            for host in reversed(drafts[:n]):
                if d.sent - host.sent > 4:
                    break
                if host.drop or host.sent == d.sent or host.killed is None or host.cumulative:
                    continue
                if host.killed.best == part.best and "part_of_host" not in host.extra:
                    host.extra["part_of_host"] = d
                    break


def _merge_other_estimates(drafts: list[_Draft]) -> None:
    """Another source's figure for the dead just counted, in a later sentence, widens that
    count's range instead of adding deaths: with no place and no event of its own ("...
    killed at least 82 people. The committees said more than 100 were killed."), or with
    them when the figures are of a size and the place agrees (:func:`_restates`). The
    plain figures are merged first, so that a breakdown is seen without them."""
    for plain_pass in (True, False):
        _merge_estimates_pass(drafts, plain_only=plain_pass)
    _merge_rival_accounts(drafts)


#: A source's account of the same event that it says differs: "State media gave a different
#: account, saying ... three soldiers were killed".
_RIVAL_ACCOUNT_RE = re.compile(
    r"\b(?:different|conflicting|contradictory|contrasting)\s+(?:account|version|narrative"
    r"|picture|story)\b"
    # "Opposition activists gave a higher toll, saying at least 114 people died"
    r"|\b(?:gave|give|gives|giving|put|puts|putting|reported|cited|had|offered)\s+(?:a|an)\s+"
    r"(?:much\s+|far\s+|slightly\s+|significantly\s+)?(?:higher|lower|different|smaller"
    r"|larger|bigger|conflicting)\s+(?:death\s+)?(?:toll|figure|count|number|estimate|tally)\b"
    # the attackers' own figure: "IS claimed the attack, saying it had killed 12"
    r"|\bclaimed\s+(?:responsibility\s+for\s+)?the\s+(?:attack|bombing|strike|ambush"
    r"|assault|raid)\b[^.;]*\bsaying\b"
    # the other side's account: "State television accused terrorists of committing the
    # massacre and said nine people had been killed"
    r"|\b(?:accused|accusing|blamed|blaming)\b[^.;]{0,80}?\b(?:of|for)\s+(?:committing\s+"
    r"|carrying\s+out\s+|perpetrating\s+)?the\s+(?:massacre|attack|killings|bombing|strike"
    r"|explosion|blast|shelling)\b"
)


#: Words one of which every match of ``_RIVAL_ACCOUNT_RE`` holds (a cheap test first).
_RIVAL_ACCOUNT_WORDS = (
    "count", "version", "narrative", "picture", "story", "claimed", "accus", "blam", "toll",
    "figure", "estimate", "number", "tally",
)


def _merge_rival_accounts(drafts: list[_Draft]) -> None:
    """A count told in another source's differing account of the event just counted is that
    event's, not more dead: it widens the count when the figures are of a size, and else is
    kept in the incident's text only (a 3 against a 200 is no range of one toll)."""
    for n, d in enumerate(drafts):
        low = d.extra.get("low") or ""
        if d.drop or d.killed is None:
            continue
        if not any(w in low for w in _RIVAL_ACCOUNT_WORDS):
            continue
        if not _RIVAL_ACCOUNT_RE.search(low):
            continue
        for host in reversed(drafts[:n]):
            if host.drop or host.killed is None or host.event_only or host.sent == d.sent:
                continue
            if d.sent - host.sent > 3 or host.cumulative or host.killed.best is None:
                break
            if _close_figures(host.killed, d.killed, small=True):
                host.killed = _widened(host.killed, d.killed)
            host.end = max(host.end, d.end)
            d.drop = True
            break


def _merge_estimates_pass(drafts: list[_Draft], *, plain_only: bool) -> None:
    for n, d in enumerate(drafts):
        if d.drop or not d.extra.get("other_estimate") or d.killed is None or d.cumulative:
            continue  # a running toll is no other figure for one event
        plain = not d.has_event_cue and (
            d.place is None or d.extra.get("inherited") or d.linked or d.place.origin
        )
        if plain_only and not plain:
            continue
        bound = d.killed.low is None and d.killed.high is not None
        rival = _RIVAL_SOURCE_RE.search(d.extra.get("low") or "") is not None
        for host in reversed(drafts[:n]):
            if host.drop or host.event_only or host.killed is None:
                continue
            if _other_victims(host, d):
                continue  # "six soldiers" ... "nine civilians": not a figure for the same dead
            if host.sent == d.sent:
                if (
                    (bound or (rival and _close_figures(host.killed, d.killed)))
                    and host.killed.best is not None
                    and not host.cumulative
                    and (d.place is None or _same_place(host, d))
                ):
                    # "At least 38 were killed; some sources reported up to 49 deaths."
                    host.killed = _widened(host.killed, d.killed)
                    d.drop = True
                    break
                continue
            if host.killed.best is None and d.sent - host.sent <= 3:
                continue  # "more bodies were found": no figure to compare
            # a source's bare figure ("The health directorate said 100 had died") tells of
            # no event of its own: it is a figure for one told before, however far back
            reach = _PLAIN_REACH if plain else _reach(host, d)
            if d.sent - host.sent > reach or host.cumulative or host.killed.best is None:
                break
            if not plain and (
                not _restates(host, d)
                or _adds_up_to(drafts, host, n)
                or any(o is not d and o.sent == d.sent and o.killed for o in drafts)
            ):
                break  # two counts in one sentence: parts ("48 in Tartous ..., 100 in Jableh")
            if plain and not _close_figures(host.killed, d.killed):
                # "Car bombs killed 34 in Aleppo, as a mortar killed five in Turkey. ... The
                # Observatory said 48 were killed": the figure is for the count of its size
                # told in the same sentence as the nearest one
                host = next(
                    (o for o in drafts[:n] if o.sent == host.sent and not o.drop
                     and not o.event_only and not o.cumulative and o.killed is not None
                     and _close_figures(o.killed, d.killed)),
                    host,
                )
            host.killed = _widened(host.killed, d.killed)
            if d.place is not None and _coarse_place(host):
                # "an attack near Damascus" ... "the attack on Douma"; the coarser place
                # stays behind it, should the finer name be one the gazetteer lacks.
                host.place = _finer(d.place, host.place)
            host.end = max(host.end, d.end)
            d.drop = True
            break


_ARMED = frozenset({"troops", "fighters"})
_UNARMED = frozenset({"civilians", "children", "women", "rescuers"})


#: The count's own noun says civilians ("nine civilians", "12 women and children"), not
#: "people", which the victim classes also file under civilians.
_CIVILIANS_SAID_RE = re.compile(r"[\w-]+(?:\s+[\w-]+){0,3}?\s+(?:civilians|children|women)\b")


def _other_victims(a: _Draft, b: _Draft) -> bool:
    """Whether two counts are of different people: soldiers or fighters in one, civilians
    said in so many words in the other."""
    va, vb = set(a.victims), set(b.victims)
    if not va or not vb:
        return False
    if va <= _ARMED and vb <= _UNARMED:
        return _says_civilians(b)
    if va <= _UNARMED and vb <= _ARMED:
        return _says_civilians(a)
    return False


def _says_civilians(d: _Draft) -> bool:
    at = d.extra.get("at")
    low = d.extra.get("low") or ""
    return at is not None and _CIVILIANS_SAID_RE.match(low, at) is not None


def _updates_unplaced(drafts: list[_Draft], n: int) -> bool:
    """Whether the toll ``drafts[n]``, told with a place, is a figure for the count just
    before it that names no precise place ("The death toll from an attack on a town in
    northern Syria rose to 72" ... "the Observatory, which had given a toll of 58 ..., said
    ... in Khan Sheikhoun"): the nearest earlier count, within two sentences, of the size."""
    d = drafts[n]
    for host in reversed(drafts[:n]):
        if host.drop or host.event_only or host.killed is None or host.sent == d.sent:
            continue
        return (
            not host.cumulative
            and d.sent - host.sent <= 2
            # or another source's figure told right after the count ("The Observatory put
            # the toll at 74, ... when a bomb struck buses near the Bab al-Saghir cemetery")
            and (_coarse_place(host) or (d.extra.get("rise") is False
                                         and d.sent - host.sent == 1))
            and d.killed is not None
            and _close_figures(host.killed, d.killed)
        )
    return False


def _merge_toll_updates(drafts: list[_Draft]) -> None:
    """ "The death toll rose to 20" with no place of its own updates the incident before it."""
    for n, d in enumerate(drafts):
        if d.drop or not d.extra.get("toll") or d.cumulative or d.killed is None:
            continue
        # A place taken from the sentence before ("... in X. The Observatory put the toll at
        # 20") is not the toll's own.
        own_place = _own_place(d)
        figure_for = own_place and _updates_unplaced(drafts, n)
        if own_place and d.sent != drafts[max(0, n - 1)].sent and not figure_for:
            continue
        # "By evening, the Observatory had raised its toll to 72": a rise told in words
        # updates a count told before, not an event told between them with no count
        raised = (
            d.extra.get("rise") is not False
            and ":" not in d.extra.get("low", ":")
            and _RISE_RE.search(d.extra.get("low", "")) is not None
            and any(
                not h.drop and not h.cumulative and not h.event_only and h.killed is not None
                and d.sent - h.sent <= 4
                for h in drafts[:n]
            )
        )
        for host in reversed(drafts[:n]):
            if host.drop or host.cumulative:
                continue
            if host.event_only and raised:
                continue
            if host.event_only and not own_place and d.sent - host.sent <= 2:
                # "Clashes near Morek. Deaths: 12": the toll of the event told just before.
                host.killed, host.event_only = d.killed, False
                host.end = max(host.end, d.end)
                d.drop = True
                break
            if host.event_only or host.killed is None:
                continue
            if d.sent - host.sent > 4:
                break
            if own_place and host.place is not None and not _same_place(d, host) and not figure_for:
                break
            if d.extra.get("rise") is False and d.sent != host.sent:
                # "The Observatory gave a toll of 7": another figure, not a rise.
                host.killed = _widened(host.killed, d.killed)
            elif (d.killed.best or 0) >= (host.killed.best or 0):
                _told(host).add(host.killed.best)
                host.killed = d.killed
            if host.place is None and own_place:
                host.place = d.place  # "two more died, raising the toll of the X massacre"
            host.end = max(host.end, d.end)
            d.drop = True
            break


#: A second statement or a source after a count: "..., adding that", "..., citing a source at".
_SECOND_STATEMENT_RE = re.compile(r",\s+(?:adding\s+that|added\s+that|citing|quoting)\b")
#: A clause of another event after a count: "..., killing eight, as insurgents pushed
#: toward Hama", "..., while rebels shelled Damascus".
_SIDE_CLAUSE_RE = re.compile(r",\s+(?:even\s+as|as|while|amid|whereas)\s+(?!well\b|many\b|much\b)")


def _side_clause_cut(
    masked: str, places: list[_PlaceCand], lo: int, hi: int, k: _Mention
) -> int:
    """Where the text of the count ``k`` ends: before a side clause after it ("..., killing
    eight, as insurgents pushed toward the city of Hama") when a place stands before the
    count's verb, so that the side clause's places do not become the count's place."""
    aside = _SECOND_STATEMENT_RE.search(masked, k.end, hi)
    if aside is not None:
        # "... had risen to 18, adding that several of the injured remain at X Hospital":
        # a second statement; its places are not the count's.
        hi = aside.start()
    side = _SIDE_CLAUSE_RE.search(masked, k.end, hi)
    if side is None:
        return hi
    if any(lo <= c.start < k.verb and not c.origin and not c.country for c in places):
        return side.start()
    return hi


def _drafts_of_sentence(info: _SentInfo, index: int) -> list[_Draft]:
    s, masked = info.sent, info.masked
    if info.question or not (info.mentions or info.events):
        return []
    killed = [m for m in info.mentions if m.kind == "killed"]
    injured = [m for m in info.mentions if m.kind == "injured"]
    victim_spans = [(m.start, m.end) for m in info.mentions]
    actors = _actors(masked, info.toks, victim_spans) if (info.mentions or info.events) else []
    targets = _targets(info.low, info.toks) if (info.mentions or info.events) else ()
    out: list[_Draft] = []
    cause = _CAUSE_RE.search(info.low) if killed and _CAUSE_HINT_RE.search(info.low) else None
    if (
        cause is not None
        and cause.group().startswith(("after", "following"))
        and not any(e[1] < cause.start() for e in info.events)
        and not _DAY_NAMED_RE.search(info.low, cause.start())
        and not _CAME_AFTER_RE.search(info.low, max(0, cause.start() - 30), cause.start())
    ):
        # "Authorities imposed a curfew after a man and his wife were found killed": with no
        # attack told before it and no day of its own ("after 34 soldiers were killed on
        # Thursday"), the killing after "after" is the news, not its cause
        cause = None
    # "The death toll rose to eight after a wounded child died": the newly dead are inside
    # the risen toll, not more dead.
    rises = [k for k in killed if k.toll and k.rise and not k.cumulative and k.count.best]
    attributed = (
        bool(killed)
        and any(w in info.low for w in _ATTRIBUTED_WORDS)
        and _ATTRIBUTED_RE.search(info.low) is not None
    )
    # Each count of dead owns the text up to the clause of the next one ("..., while ...").
    bounds = [0] + [k.start for k in killed[1:]] + [len(masked)]
    for n in range(1, len(killed)):
        cut = _clause_start(info.low, killed[n].start)
        if cut > killed[n - 1].end:
            bounds[n] = cut
    for n, k in enumerate(killed):
        lo, hi = bounds[n], bounds[n + 1]
        hi = _side_clause_cut(masked, info.places, lo, hi, k)
        place = _pick_place(info.places, lo, hi, k.verb, masked)
        if place is None and n == 0:
            place = _pick_place(info.places, 0, hi, k.verb, masked)
        if place is None and n > 0 and out:
            place = out[-1].place  # "..., and three more were killed" (same place)
        d = _Draft(
            sent=index,
            first_sent=index,
            start=s.start,
            end=s.end,
            event_type=_event_for(info.events, k.verb, info.low) or "other",
            actor=_actor_for(actors, k.verb),
            place=place,
            killed=k.count,
            children=k.children,
            women=k.women,
            rescuers=k.rescuers,
            victims=k.victims,
            targets=targets,
            cumulative=k.cumulative
            or _cumulative_clause(info.low, k)
            or (
                k.count.best is not None
                and k.count.best >= _CAMPAIGN_TOLL
                and not _single_event_clause(info.low, k)
            ),
            has_event_cue=bool(info.events),
        )
        d.extra["toll"] = k.toll
        d.extra["at"] = k.start
        if k.toll:
            d.extra["rise"] = k.rise
        d.extra["subset"] = k.subset
        d.drop = (cause is not None and cause.start() < k.start) or any(
            r is not k
            and r.start < k.start
            and (k.count.best or 0) < (r.count.best or 0)
            and _AFTER_RE.fullmatch(info.low, r.end, k.start) is not None
            for r in rises
        )
        d.extra["other_estimate"] = _other_estimate(info.low, k, attributed)
        d.extra["title"] = _is_title(s)
        d.extra["low"] = info.low
        out.append(d)
    for j in injured:
        host = None
        for d, k in zip(out, killed, strict=False):
            if k.start < j.start and d.injured is None:
                host = d
        if host is not None:
            host.injured = j.count
            continue
        place = _pick_place(info.places, 0, len(masked), j.verb, masked)
        out.append(
            _Draft(
                sent=index,
                first_sent=index,
                start=s.start,
                end=s.end,
                event_type=_event_for(info.events, j.verb, info.low) or "other",
                actor=_actor_for(actors, j.verb),
                place=place,
                injured=j.count,
                targets=targets,
                cumulative=_cumulative_clause(info.low, j),
                has_event_cue=bool(info.events),
                victims=j.victims,
            )
        )
    if out and not all(d.drop for d in out):
        return out
    if not info.events or not info.places:
        return out
    # Event-only incidents: mentions of unusable counts ("killed or wounded") or only of dead
    # given as a reason ("after 9 soldiers were killed") still leave the event to report.
    return out + _event_only(info, index, actors, targets)


def _cumulative_clause(low: str, mention: _Mention) -> bool:
    """True when the clause of a count says it runs over a period ("since Monday")."""
    start = _clause_start(low, mention.start)
    if _PARTICIPLE_RE.match(low, start) or _IN_WHICH_RE.search(low, max(0, start - 14), start):
        # "... since June 2019, killing 61 people": the participle belongs to the clause
        # before; so does "two weeks in which raids killed dozens".
        start = _clause_start(low, max(0, start - 7))
    nxt = _CLAUSE_END_RE.search(low, mention.end)
    end = nxt.start() if nxt else len(low)
    hint = _CUMUL_HINT_RE.search(low, start, end)
    for cm in lx.CUMULATIVE_RE.finditer(low, start, end) if hint else ():
        if cm.group() in _SO_FAR and _ONE_DAY_RE.search(low) and "since" not in low:
            continue  # "has so far documented 103 killed in al-Tremseh on Thursday"
        # "the deadliest since the uprising began", "one of the deadliest assaults on
        # government-held territory in the war": a superlative, no running toll.
        reach = min(max(0, cm.start() - 40), max(start, cm.start() - 90))
        if not _SUPERLATIVE_RE.search(low, reach, cm.start()):
            return True
    if _PERFECT_RE.search(
        low, max(0, mention.verb - 30), mention.verb + 12
    ) and _CAMPAIGN_SUBJECT_RE.search(low, 0, mention.start):
        return True  # "The offensive, launched in April, has killed more than 300"
    # A period fronted before the main clause ("Since January, the offensive has killed").
    lead = _FRONTED_RE.match(low)
    return (
        lead is not None
        and lead.end() <= start
        and lx.CUMULATIVE_RE.match(low, lead.start(1)) is not None
    )


#: A word that every match of ``lx.CUMULATIVE_RE`` holds (a cheap first test; a test in
#: tests/geoconflict/test_speed_guards.py checks every alternative of the pattern has one).
_CUMUL_WORDS = tuple(
    "since far date total overall cumulative week month year past last recent days which"
    " -day -long whole entire throughout war conflict period first".split()
)
_CUMUL_HINT_RE = re.compile(_trie_pattern(_CUMUL_WORDS))
#: Running-toll words that also fit one event's toll counted up to now.
_SO_FAR = frozenset({"so far", "to date"})
#: One day named: "on Thursday", "yesterday", "on 3 May", "on May 3".
_ONE_DAY_RE = re.compile(
    r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday"
    r"|on\s+\d{1,2}\s+[a-z]+|on\s+(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december)\s+\d{1,2})\b"
)
#: A clause that opens with a participle ("killing 61 people", "leaving 5 dead").
_PARTICIPLE_RE = re.compile(r"\s*(?:killing|leaving|claiming|wounding|injuring)\b")
_IN_WHICH_RE = re.compile(r"\b(?:in|during)\s+which\s*$")
#: A superlative before "since ...": "the deadliest attack since the war began".
_SUPERLATIVE_RE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|highest|first"
    r"|most\s+(?!of\b)\w+)\b"
)
#: A campaign as the subject of a count ("the offensive", "Russia's air campaign").
_CAMPAIGN_SUBJECT_RE = re.compile(
    r"\b(?:offensive|campaign|bombardment|operation|siege|escalation|onslaught|air\s+war"
    r"|intervention|battle\s+for)\b"
)
#: A present perfect that counts up to now: "has killed", "have now claimed".
_PERFECT_RE = re.compile(r"\b(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:killed|claimed)\b")
#: An adverbial phrase that opens a sentence, up to its comma.
_FRONTED_RE = re.compile(r"\s*(since\s[^,;.]{1,60}|so\s+far|to\s+date|in\s+total),")


def _single_event_clause(low: str, mention: _Mention) -> bool:
    """True when the clause of a count ties it to one event ("in a gas attack on ...")."""
    start = _clause_start(low, mention.start)
    nxt = _CLAUSE_END_RE.search(low, mention.end)
    end = nxt.start() if nxt else len(low)
    return _SINGLE_EVENT_RE.search(low, start, end) is not None


#: A denied toll, not a denied event: "no casualties were reported", "without injuries".
_NO_CASUALTIES_RE = re.compile(
    r"\b(?:no|without\s+(?:any\s+)?|no\s+reports?\s+of)\s*(?:immediate\s+)?(?:reports?\s+of\s+)?"
    r"(?:casualties|deaths|injuries|fatalities|victims|losses)\b"
    r"|\bno\s+(?:one|body)\s+was\s+(?:hurt|injured|killed|wounded)"
)


#: A word that every match of ``_NO_CASUALTIES_RE`` holds, but for "was".
_NO_CASUALTY_NOUNS = ("casualties", "deaths", "injuries", "fatalities", "victims", "losses")


def _event_only(
    info: _SentInfo, index: int, actors: list[tuple[str, int]], targets: tuple[str, ...]
) -> list[_Draft]:
    s, masked = info.sent, info.low
    specific = [e for e in info.events if e[3]]
    cue = specific[0] if specific else None
    if cue is None:
        strike = lx.STRIKE_VERB_RE.search(masked)
        if strike is None:
            return []
        cue = next((e for e in info.events if e[1] >= strike.start() - 40), info.events[0])
    # "no casualties as rockets fall on X": the event happened; only its toll is denied.
    said = masked[: cue[2] + 40]
    if "was" in said or any(w in said for w in _NO_CASUALTY_NOUNS):  # else nothing to blank
        said = _NO_CASUALTIES_RE.sub(lambda m: " " * len(m.group()), said)
    if lx.NEGATION_RE.search(said) or lx.RHETORIC_RE.search(masked):
        return []
    if _HYPOTHETICAL_RE.search(masked, 0, cue[1]):
        return []
    place = _pick_place(info.places, 0, len(masked), cue[1], masked)
    if place is None:
        return []
    return [
        _Draft(
            sent=index,
            first_sent=index,
            start=s.start,
            end=s.end,
            event_type=_event_for(info.events, cue[1], masked) or "other",
            actor=_actor_for(actors, cue[1]),
            place=place,
            targets=targets,
            event_only=True,
            has_event_cue=True,
            extra=_event_extra(s, cue[4]),
        )
    ]


def _category_of(text: str) -> str | None:
    """The first development category whose words ``text`` holds (:data:`lx.DEVELOPMENT_CUES`
    order), or None."""
    return next((cat for cat, rx in lx.DEVELOPMENT_CUES.items() if rx.search(text)), None)


def _event_extra(s: Sentence, word: str) -> dict[str, Any]:
    """The notes of an event told with no count: a protest or an arrest ("protesters",
    "arrested") is a development of that category, not violence."""
    extra: dict[str, Any] = {"title": _is_title(s)}
    category = _category_of(word)
    if category is not None:
        extra["category"] = category
    return extra


def _link_previous(
    made: list[_Draft], infos: list[_SentInfo], i: int, drafts: list[_Draft], article: Article
) -> list[_Draft]:
    """Join a placeless casualty sentence to the event sentence just before it."""
    if i == 0 or not made:
        return made
    info = infos[i]
    prev = infos[i - 1]
    if any(not p.country for p in info.places):
        return made
    if prev.mentions or prev.question or not prev.events:
        return made
    prev_places = [p for p in prev.places if not p.country]
    if not prev_places:
        return made
    same_para = prev.sent.paragraph == info.sent.paragraph
    if not same_para and not lx.STRIKE_VERB_RE.search(prev.low):
        return made
    prev_type = _event_for(prev.events, len(prev.low), prev.low)
    own_types = {d.event_type for d in made if d.event_type != "other"}
    if own_types and prev_type not in own_types:
        return made
    # The earlier sentence's event-only draft (if any) is absorbed.
    prev_drafts = [d for d in drafts if d.sent == i - 1 and d.event_only]
    strike = lx.STRIKE_VERB_RE.search(prev.low)
    pos = strike.start() if strike else len(prev.masked)
    place = _pick_place(prev.places, 0, len(prev.masked), pos, prev.masked)
    prev_actors = _actors(prev.masked, prev.toks, [])
    for d in made:
        d.linked = True
        d.first_sent = i - 1
        d.start = prev.sent.start
        if d.place is None:
            d.place = place
        if d.event_type == "other" and prev_type:
            d.event_type = prev_type
        if d.actor is None and prev_actors:
            d.actor = _actor_for(prev_actors, pos)
        d.targets = tuple(dict.fromkeys((*_targets(prev.low, prev.toks), *d.targets)))
        if not d.date_explicit:
            dm = find_date(prev.sent.text, article.date)
            if dm is not None:
                d.date, d.date_explicit = dm.date, True
    for pd in prev_drafts:
        pd.drop = True
    return made


def _own_place(d: _Draft) -> bool:
    """Whether a draft names a place of its own, not one taken from the sentence before."""
    return d.place is not None and not d.extra.get("inherited") and not d.linked


def _same_place(a: _Draft, b: _Draft) -> bool:
    """Whether two drafts name one place: the same name, or, once places are resolved, two
    names of one town ("Palmyra" and "Tadmur", "Deir ez-Zor" and "Deir al-Zour")."""
    if a.place is None or b.place is None:
        return False
    if _norm(a.place.ref.name) == _norm(b.place.ref.name):
        return True
    la, lb = a.location, b.location
    return (
        la is not None
        and lb is not None
        and la.place_id is not None
        and la.place_id == lb.place_id
        and la.precision <= 2
    )


@lru_cache(maxsize=65536)
def _norm(name: str) -> str:
    return _NON_LETTERS_RE.sub("", name.lower())


def _merge_injured(drafts: list[_Draft], infos: list[_SentInfo]) -> None:
    """An injured-only draft joins the incident just before it with the same (or no) place."""
    for n, d in enumerate(drafts):
        if d.drop or d.killed is not None or d.injured is None or d.event_only:
            continue
        for host in reversed(drafts[:n]):
            if host.drop or host.event_only or host.killed is None:
                continue
            if d.sent - host.sent > 4:
                break
            if host.injured is not None or host.cumulative != d.cumulative:
                continue
            if _same_place(d, host) or (
                d.place is None and not infos[d.sent].events and d.sent - host.sent <= 4
            ):
                host.injured = d.injured
                host.end = max(host.end, d.end)
                d.drop = True
                break


def _inherit_cumulative_place(drafts: list[_Draft]) -> None:
    """A running toll with no place (or only a place the dead came from or the attackers
    went to) is the toll of the area the article was about."""
    for n, d in enumerate(drafts):
        if not d.cumulative or d.drop or (d.place is not None and not d.place.origin):
            continue
        earlier = [h for h in drafts[:n] if not h.drop and h.place is not None and not h.cumulative]
        if not earlier:
            continue
        # The story's main event: the one with most dead (the latest among equals).
        main = max(
            enumerate(earlier),
            key=lambda e: ((e[1].killed.best or 0) if e[1].killed else 0, e[0]),
        )[1]
        d.place = main.place


_RESOLVERS: dict[str, Any] = {}


def _default_resolver(config: Config) -> Any:
    """The bundled gazetteer's resolver for ``config.default_country`` (built once)."""
    import gazetteer

    country = config.default_country or "SY"
    if country == "SY":
        return gazetteer.default_resolver()
    if country not in _RESOLVERS:
        _RESOLVERS[country] = gazetteer.Resolver(gazetteer.load_default(), default_country=country)
    return _RESOLVERS[country]


def _country_location(doc: DocumentResolver) -> Location | None:
    ref = PlaceRef(text="Syria", name="Syria", feature_hint="country")
    key = ("country-loc",)
    cache = doc._cache
    if key not in cache:
        loc = None
        match = doc._match(ref.name, "country", None, ())
        if match is not None and match.place.country_code == doc.country:
            loc = Location(
                lat=float(match.place.lat),
                lon=float(match.place.lon),
                precision=6,
                place_name=match.place.name,
                place_id=match.place.place_id,
                country_code=match.place.country_code,
                feature_code=match.place.feature_code,
                score=round(float(match.score), 3),
            )
        cache[key] = loc
    return cache[key]


#: A place text ending in a facility word ("Damascus International Airport").
_FACILITY_TAIL_RE = re.compile(
    r"\b(?:airport|air\s?base|airfield|crossing|dam|prison)$", re.I
)


#: A city's quarter named as such, and how far from the city its clause names it may lie.
_QUARTER_RE = re.compile(r"\b(?:neighbou?rhoods?|quarters?|district)\b", re.I)
_QUARTER_REACH_KM = 30.0


def _resolve(drafts: list[_Draft], doc: DocumentResolver, dateline: PlaceRef | None) -> None:
    refs = [
        p.ref for d in drafts if d.place is not None for p in (d.place, *d.place.alts)
    ]
    if dateline is not None and not doc.is_foreign(dateline.name):
        refs.append(dateline)  # "Damascus, SANA -": the article's places lie around there
    doc.set_context(refs)
    for d in drafts:
        if d.place is None or d.place.foreign:
            continue
        d.location = doc.locate(d.place.ref)
        ref = d.place.ref
        if d.location is not None and d.place.alts and _QUARTER_RE.search(ref.text):
            # "... the eastern city of Deir Ezzor ..., seven of them in the Hamidiyeh
            # neighbourhood": a quarter found far from the city its clause names is a
            # namesake elsewhere; the event lies in that city (precision 2, a part of it)
            for alt in d.place.alts:
                city = doc.locate(alt.ref)
                if (
                    city is not None
                    and city.precision <= 2
                    and distance_km(city.lat, city.lon, d.location.lat, d.location.lon)
                    > _QUARTER_REACH_KM
                ):
                    d.location = replace(city, precision=2)
                    break
        if d.location is None and ref.text != ref.name and _FACILITY_TAIL_RE.search(ref.text):
            # "Damascus International Airport" is the gazetteer's name, not "Damascus
            # International" with a feature word after it.
            d.location = doc.locate(replace(ref, name=ref.text, feature_hint=None))
        if d.location is None and ("category" in d.extra or not doc.is_foreign(ref.name)):
            # "at Mezzeh airport in Damascus": when the first place is unknown, the
            # enclosing one of the same clause places the event near it; a development's
            # other places are tried after a foreign one ("returned from Lebanon through
            # the Jdeidet Yabous crossing").
            for alt in d.place.alts:
                loc = doc.locate(replace(alt.ref, near=True))
                if loc is not None:
                    d.location = loc
                    break
        if d.location is None:
            town = _institution_town(d.place.ref.name)
            if town is not None:  # "Aleppo University": in Aleppo
                d.location = doc.locate(PlaceRef(text=town, name=town, part=True))


#: An event note's place field: "Location: Ariha, Idlib governorate", "Where: Tall Hamis".
_FIELD_PLACE_RE = re.compile(
    r"(?:^|(?<=[.\n|]))\s*(?:Location|Where|Place)\s*:\s*(?P<value>[^.\n:]{2,160})"
)
#: Words around a name in a place field: "western", "village", "subdistrict", "governorate".
_FIELD_LEAD_RE = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?|(?:north|south)-?(?:east|west)(?:ern)?"
    r"|central|rural|countryside\s+of|outskirts\s+of|near)\s+",
    re.I,
)
_FIELD_TAIL_RE = re.compile(
    r"\s+(?:village|town|city|subdistrict|sub-district|district|governorate|province"
    r"|countryside|area|neighbou?rhood|region|camp)$",
    re.I,
)
_FIELD_AREA_RE = re.compile(r"\b(?:governorate|province)\b", re.I)


#: Lower-case particles that may open a name in a place field ("al-Sakhour").
_FIELD_PARTICLES = ("al-", "el-", "as-", "ad-", "ar-", "ash-", "az-", "at-")


#: Governorate names as event notes write them, the OCHA and the Arabic ones.
_LINE_GOVERNORATES = lx.GOVERNORATE_NAMES | {
    "halab", "hims", "rif dimashq", "dimashq", "al-ladhiqiyah", "ladhiqiyah", "dayr az-zawr",
    "ar-raqqah", "as-suwayda", "al-qunaytirah",
}
#: A note's place line: names, then a governorate, alone in their sentence ("Al-Bab, Halab.",
#: "Jabal al-Turkman, Lattakia governorate (Rabee'a subdistrict).").
_PLACE_LINE_RE = re.compile(
    r"(?:^|(?<=[.\n]))[ \t]*(?P<value>[A-Z][^.\n:;]{1,80}?,[ \t]*(?i:"
    + "|".join(sorted((re.escape(g) for g in _LINE_GOVERNORATES), key=len, reverse=True))
    + r")(?:[ \t]+(?i:governorate|province))?(?:[ \t]*\([^().\n]{1,40}\))?)[ \t]*\."
)


def _field_parts(value: str) -> list[tuple[str, str, bool]]:
    """The names of a place field in the order written: (as written, bare name, is a
    governorate)."""
    parts = []
    for raw in re.split(r"[,;()/]|\s+-\s+", value):
        text = raw.strip()
        name = text
        for _ in range(2):
            name = _FIELD_LEAD_RE.sub("", name).strip()
            name = _FIELD_TAIL_RE.sub("", name).strip()
        if len(name) < 3 or (not name[0].isupper() and not name.startswith(_FIELD_PARTICLES)):
            continue
        parts.append((text, name, bool(_FIELD_AREA_RE.search(text))))
    return parts


def _fineness(loc: Location) -> float:
    """How fine a place is, smallest first: a neighbourhood (PPLX, precision 2 as a part of
    a town) is finer than the town around it."""
    return 0.5 if loc.feature_code == "PPLX" else loc.precision


def _field_place_fallback(drafts: list[_Draft], article: Article, doc: DocumentResolver) -> None:
    """An event note's place field ("Location: al-Jinah village, Atarib subdistrict, western
    Aleppo governorate") places its counts of dead that name no place of their own: at the
    most precise name of the field the gazetteer knows that lies in the field's governorate
    (when it gives one), else in that governorate. Names in two governorates place nothing.
    """
    if not any(d.location is None and not d.event_only for d in drafts):
        return
    body = article.text  # a field needs its colon and its key word: a cheap first test
    has_field = ":" in body and ("Location" in body or "Where" in body or "Place" in body)
    m = _FIELD_PLACE_RE.search(body) if has_field else None
    if m is None:
        # A note's place line with no key: "Al-Bab, Halab.", "Talbiseh and al-Rastan, Hims."
        m = _PLACE_LINE_RE.search(body)
        if m is None:
            return
    parts = _field_parts(m.group("value"))
    if m.re is _PLACE_LINE_RE and parts and parts[-1][1].lower() in _LINE_GOVERNORATES:
        parts[-1] = (parts[-1][0], parts[-1][1], True)  # the line's last name: its area
    area: Location | None = None
    for text, name, is_area in parts:
        if is_area:
            area = doc.locate(PlaceRef(text=text, name=name, feature_hint="admin1"))
            break
    loc: Location | None = None
    for text, name, is_area in parts:
        if is_area:
            continue
        found = doc.locate(PlaceRef(text=text, name=name, exact=True))
        if found is None or found.precision >= 6:
            continue
        if area is not None and area.admin1 is not None and found.admin1 != area.admin1:
            continue
        if loc is not None and loc.admin1 != found.admin1:
            loc = None  # "Location: Azaz, Afrin": two governorates, so none of the two
            break
        if loc is None or _fineness(found) < _fineness(loc):
            loc = found  # fields run either way: "Homs city, Baba Amr neighbourhood"
    loc = loc or area
    if loc is None or loc.precision >= 6:
        return
    for d in drafts:
        if _unplaced(d, doc):
            d.location = loc
            d.extra["inferred_place"] = True


def _sentence_places(info: _SentInfo) -> list[_PlaceCand]:
    """The place candidates of a sentence, read now if the quick pass skipped it."""
    if info.places or info.mentions or info.events:
        return info.places
    masked = info.masked if info.toks is not _QUIET else _mask(info.sent.text)
    low = _lower(masked)
    return _places(masked, _Toks(low), low)


def _single_place_fallback(
    drafts: list[_Draft], infos: list[_SentInfo], doc: DocumentResolver
) -> None:
    """When an article names one place only, a count of dead with no place of its own
    happened there ("A strike on a convoy in northern Syria killed 11. The convoy was heading
    to Ras al-Ain."), at district precision (3) since the text does not say so outright.
    When its places all lie in one governorate ("Location: Aleppo city, al-Sakhour
    neighbourhood"), the count is placed in that governorate (precision 4)."""
    if not any(d.location is None and d.place is None and not d.event_only for d in drafts):
        return
    if any(d.place is not None and d.place.foreign for d in drafts):
        return
    located = [d.location for d in drafts if d.location is not None and d.location.precision < 6]
    ids = {loc.place_id for loc in located}
    areas = {loc.admin1 for loc in located}

    def mixed() -> bool:  # several places, not all in one governorate: neither rule applies
        return len(ids) > 1 and (len(areas) > 1 or None in areas)

    if mixed():
        return
    for info in infos:
        for cand in _sentence_places(info):
            if cand.foreign:
                return
            if cand.country:
                continue
            loc = doc.locate(cand.ref)
            if loc is not None and loc.precision < 6:
                located.append(loc)
                ids.add(loc.place_id)
                areas.add(loc.admin1)
                if mixed():
                    return
    if not located:
        return
    if len(ids) == 1:
        loc: Location | None = replace(located[0], precision=max(located[0].precision, 3))
    else:
        (area,) = areas  # one governorate, as mixed() was false
        loc = doc.locate(PlaceRef(text=area, name=area, feature_hint="admin1"))
        if loc is None or loc.precision != 4 or loc.admin1 != area:
            return
    for d in drafts:
        if d.location is None and d.place is None and not d.event_only:
            d.location = loc
            d.extra["inferred_place"] = True


#: A wire-copy dateline opening a paragraph: "ALEPPO, Syria (AP) —", "IDLIB (Reuters) -".
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][A-Z’'`.-]+(?:[ -][A-Z][A-Z’'`.-]+){0,3})"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?))?"
    r"\s*(?:\((?P<agency>[A-Za-z. ]{2,24})\))?\s*[-—–:]{1,2}\s"
)
#: How far into an article a dateline may stand (after a headline and a byline).
_DATELINE_REACH = 400
#: A state-media dateline: "Damascus, SANA -", "Tartous, SANA –".
_AGENCY_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][\w’'`-]+(?:[ -][A-Z][\w’'`-]+){0,2}),\s*(?P<agency>SANA|SNHR"
    r"|SOHR|Reuters|AFP|AP|Xinhua|Anadolu)\s*[-—–:]{1,2}\s"
)


def _wire_dateline(article: Article) -> re.Match[str] | None:
    """An opening wire dateline with a country or an agency ("IDLIB (Reuters) -")."""
    m = _DATELINE_RE.search(article.text, 0, _DATELINE_REACH)
    return m if m is not None and (m.group("country") or m.group("agency")) else None


def _at_home(m: re.Match[str]) -> bool:
    """Whether a dateline names no country, or the country's own."""
    country = (m.groupdict().get("country") or "").lower()
    return not country or country in _COUNTRY_WORDS


def _dateline_end(article: Article) -> int | None:
    """Where an opening dateline naming a place of the country ends, if there is one."""
    m = _wire_dateline(article)
    return m.end() if m is not None and _at_home(m) else None


def _dateline_ref(article: Article) -> PlaceRef | None:
    """The place an article is filed from, when its dateline names one in the country."""
    m = _wire_dateline(article) or _AGENCY_LINE_RE.search(article.text, 0, _DATELINE_REACH)
    if m is None or not _at_home(m):
        return None
    name = " ".join(w.capitalize() for w in m.group("name").split())
    if name.lower() in _COUNTRY_WORDS or name.lower() in lx.NOT_PLACES:
        return None
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("countryside", "suburbs", "rural"):
        # "Damascus Countryside, SANA -": the governorate around the city.
        return PlaceRef(text=m.group("name"), name=" ".join(words[:-1]), rural=True)
    if len(words) > 1 and words[0].lower() == "rural":
        return PlaceRef(text=m.group("name"), name=" ".join(words[1:]), rural=True)
    return PlaceRef(text=m.group("name"), name=name)


def _unplaced(d: _Draft, doc: DocumentResolver) -> bool:
    """A count of dead left with no location: its text names no place, or only one the
    gazetteer cannot place and that is not known abroad ("near the al-Naim roundabout")."""
    if d.location is not None or d.event_only:
        return False
    if d.place is None:
        return True
    return not d.place.foreign and not d.place.country and not doc.is_foreign(d.place.ref.name)


def _dateline_fallback(
    drafts: list[_Draft], ref: PlaceRef | None, doc: DocumentResolver
) -> None:
    """A count of dead with no place of its own, in an article datelined from a place of the
    country ("ALEPPO, Syria (AP) —"), is placed in the dateline's area, at governorate
    precision (4): wire stories are mostly about the area they are filed from, but the text
    does not say where. A development told in the dateline's own sentence with no place of
    its own (``at_dateline``) is at the dateline's place. A foreign dateline ("BEIRUT
    (Reuters) -") places nothing."""
    if ref is None or doc.is_foreign(ref.name):
        return
    unplaced = [d for d in drafts if _unplaced(d, doc)]
    told_there = [d for d in drafts if d.extra.get("at_dateline")]
    if not unplaced and not told_there:
        return
    loc = doc.locate(ref)
    if loc is None:
        return
    for d in told_there:  # a development told in the dateline's own sentence
        d.location = loc
    if loc.precision >= 6:
        return
    for d in unplaced:
        d.location = replace(loc, precision=max(loc.precision, 4))
        d.extra["inferred_place"] = True


def _attach_subsets(drafts: list[_Draft]) -> None:
    """A part of dead counted before ("Seven of them died in X", "Five children were among
    the dead") adds no death: with a place of its own elsewhere it is a sub-incident of the
    count it belongs to (``part_of``); otherwise it only tells who the dead were."""
    for n, d in enumerate(drafts):
        if d.drop or not d.extra.get("subset") or d.killed is None or d.killed.best is None:
            continue
        host_at = next(
            (
                m
                for m in range(n - 1, -1, -1)
                if not drafts[m].drop
                and not drafts[m].event_only
                and not drafts[m].extra.get("subset")
                and drafts[m].killed is not None
                and (drafts[m].killed.best or 0) >= d.killed.best
                and d.sent - drafts[m].sent <= 4
            ),
            None,
        )
        if host_at is None:
            continue  # nothing counted before: the part is all the text says
        host = drafts[host_at]
        own = d.place is not None and not d.extra.get("inherited")
        if own and not _same_place(d, host):
            # with a place of its own, and the host's elsewhere or none ("Shelling killed 11
            # civilians. Eight of the civilians were killed in Ras al-Ain"): a sub-incident
            d.extra["part_of_host"] = host
            continue
        for name in ("children", "women", "rescuers"):
            if getattr(host, name) is None and getattr(d, name) is not None:
                setattr(host, name, getattr(d, name))
        host.victims = tuple(dict.fromkeys((*host.victims, *d.victims)))
        host.end = max(host.end, d.end)
        d.drop = True


def _contains(area: Location, point: Location) -> bool:
    if area.precision == 4:
        return bool(area.admin1) and area.admin1 == point.admin1
    if area.precision == 3:
        return bool(area.admin2) and area.admin2 == point.admin2
    if area.precision == 5:
        if area.admin1 and point.admin1 and area.admin1 != point.admin1:
            return False
        return distance_km(area.lat, area.lon, point.lat, point.lon) <= 20.0
    return False


#: A count told as an event of its own ("a separate strike killed three"), or as the other
#: side's answer to it ("Turkish retaliatory shelling killed 16 Syrian troops").
_SEPARATE_RE = re.compile(r"\bseparate(?:ly)?\b|\bretaliat(?:ory|ion|ed)\b|\bhit\s+back\b")


def _mark_parts(drafts: list[_Draft]) -> None:
    """Mark sub-incidents: parts named as such ("seven of them"), counts that add up to one
    told before them ("killed 39" ... "31 at the courthouse" ... "eight at the restaurant"),
    and precise places inside a coarse one with as many dead or more, the same day."""
    at = {id(d): n for n, d in enumerate(drafts)}
    for d in drafts:
        host = d.extra.get("part_of_host")
        if host is not None and id(host) in at:
            d.part_of = at[id(host)]
    _mark_breakdowns(drafts)
    for n, d in enumerate(drafts):
        if d.part_of is not None:
            continue
        if d.location is None or d.location.precision > 2 or d.killed is None or d.cumulative:
            continue
        if _SEPARATE_RE.search(d.extra.get("low") or ""):
            continue  # "a separate strike killed three": an event of its own
        for m, area in enumerate(drafts):
            if m == n or area.location is None or area.cumulative or area.killed is None:
                continue
            if area.location.precision < 3 or area.part_of is not None:
                continue
            if area.date and d.date and area.date != d.date:
                continue
            if area.sent == d.sent:
                continue  # two counts of one sentence are two counts ("18 ..., and 11 ...")
            if d.actor and area.actor and d.actor != area.actor:
                continue  # other attackers: another event in the same area
            if _other_victims(d, area):
                continue  # soldiers at the base are no part of the civilians around it
            kb, ab = d.killed.best, area.killed.best
            if kb is None or ab is None or kb > ab:
                continue
            if _contains(area.location, d.location):
                d.part_of = m
                break


#: How many sentences after a total its breakdown may run.
_BREAKDOWN_REACH = 8


def _mark_breakdowns(drafts: list[_Draft]) -> None:
    """Two or more counts of dead told right after a total, in later sentences, that add up
    to it exactly are its parts ("148 killed in Tartous and Jableh" ... "48 in Tartous" ...
    "100 in Jableh"): the total counts, they are ``part_of`` it."""

    def countable(d: _Draft) -> bool:
        return (
            d.killed is not None
            and d.killed.best is not None
            and not d.cumulative
            and not d.event_only
            and d.part_of is None
        )

    for n, total in enumerate(drafts):
        if not countable(total) or total.killed.best < 2:  # type: ignore[union-attr]
            continue
        want = total.killed.best  # type: ignore[union-attr]
        # parts already named as such ("14 of the dead were in X") count toward the total:
        # "... and five more were killed in Y" is then the rest of it
        named = [
            d.killed.best  # type: ignore[union-attr]
            for d in drafts[n + 1 :]
            if d.part_of == n and d.killed is not None and d.killed.best is not None
        ]
        want -= sum(named)
        if want <= 0:
            continue
        after = [
            m
            for m in range(n + 1, len(drafts))
            if countable(drafts[m]) and drafts[m].sent > total.sent
        ]
        for first in after[:2]:
            run_sum, run = 0, []
            for m in after[after.index(first) :]:
                d = drafts[m]
                if d.sent - total.sent > _BREAKDOWN_REACH or (
                    # a total dated only by the article (a headline) may sum up the day before
                    d.date and total.date and d.date != total.date
                    and (total.date_explicit or abs((total.date - d.date).days) > 1)
                ):
                    break
                run_sum += d.killed.best  # type: ignore[union-attr,operator]
                run.append(m)
                if run_sum >= want:
                    break
            if (
                run_sum == want
                and len(run) + len(named) >= 2
                and all(_inside(total, drafts[m]) for m in run)
            ):
                for m in run:
                    drafts[m].part_of = n
                break
    # A nationwide total ("killing at least 136 people across the country") takes in the
    # counts told after it, place by place, as long as they fit inside it.
    for n, total in enumerate(drafts):
        if not countable(total) or total.killed.best < 2:  # type: ignore[union-attr]
            continue
        low = total.extra.get("low") or ""
        if not ("country" in low or "syria" in low or "nationwide" in low):
            continue  # the words every match of _NATIONWIDE_RE holds: a cheap first test
        if not _NATIONWIDE_RE.search(low):
            continue
        room = total.killed.best  # type: ignore[union-attr]
        for m in range(n + 1, len(drafts)):
            d = drafts[m]
            if d.sent == total.sent or not countable(d):
                continue
            if d.sent - total.sent > _BREAKDOWN_REACH or (
                d.date and total.date and d.date != total.date
            ):
                break
            if d.killed.best > room:  # type: ignore[union-attr,operator]
                break
            room -= d.killed.best  # type: ignore[union-attr,operator]
            d.part_of = n
    # A total told after its parts ("5 killed in X; 2 in Y; 2 in Z. Total: 9 deaths") adds
    # them up: it is kept, marked as a running toll, so that no sum counts them twice.
    for n, total in enumerate(drafts):
        if not countable(total) or total.killed.best < 2:  # type: ignore[union-attr]
            continue
        run_sum, count = 0, 0
        for m in range(n - 1, -1, -1):
            d = drafts[m]
            if d.sent == total.sent or not countable(d):
                break
            run_sum += d.killed.best  # type: ignore[union-attr,operator]
            count += 1
            if run_sum >= total.killed.best:  # type: ignore[union-attr,operator]
                break
        if count >= 2 and run_sum == total.killed.best:  # type: ignore[union-attr]
            total.cumulative = True


#: A count over the whole country: "killing 136 people across the country".
_NATIONWIDE_RE = re.compile(
    r"\b(?:across|throughout|around|all\s+over)\s+(?:the\s+country|syria)\b|\bnationwide\b"
)


def _inside(total: _Draft, part: _Draft) -> bool:
    """Whether ``part`` may be a part of ``total``: it lies in the total's governorate, or the
    total names no precise place, or the total's sentence names the part's place ("bombings
    in Tartous and Jableh killed 148")."""
    tl, pl = total.location, part.location
    if tl is None or pl is None or tl.precision >= 4:
        return True
    if tl.admin1 is not None and tl.admin1 == pl.admin1:
        return True
    low = total.extra.get("low", "")
    name = part.place.ref.name.lower() if part.place is not None else ""
    if name and name in low:
        return True
    # "air strikes killed 12 in southern Idlib and northern Hama" ... "two in Kafr Nabuda"
    return any(w in low for w in _GOVERNORATE_WORDS.get(pl.admin1 or "", ()))


#: How articles spell each governorate (the OCHA names the locations carry, as keys).
_GOVERNORATE_WORDS: dict[str, tuple[str, ...]] = {
    "Aleppo": ("aleppo", "halab"),
    "Idleb": ("idlib", "idleb"),
    "Hama": ("hama",),
    "Homs": ("homs",),
    "Lattakia": ("latakia", "lattakia", "latakiya"),
    "Tartous": ("tartous", "tartus"),
    "Damascus": ("damascus",),
    "Rural Damascus": ("rural damascus", "damascus countryside", "rif dimashq", "ghouta"),
    "Dar'a": ("daraa", "deraa", "dar'a", "dara'a"),
    "As-Sweida": ("sweida", "suwayda", "suweida", "swaida"),
    "Quneitra": ("quneitra", "qunaytirah"),
    "Ar-Raqqa": ("raqqa", "rakka"),
    "Deir-ez-Zor": ("deir ez", "deir el", "deir al-z", "deir ezzor", "dayr az", "deir-ez"),
    "Al-Hasakeh": ("hasak", "hassak"),
}


def _dedupe(drafts: list[_Draft]) -> None:
    """The same event told twice in one article becomes one incident.

    Two drafts are the same event when they give the same number of dead (both running tolls
    or neither) and their places agree: the same place, the same governorate, or one of them
    names none. The better-told draft survives (body over headline, the more precise place,
    more details) and takes what only the other one says.
    """
    for n, d in enumerate(drafts):
        if d.drop:
            continue
        for e in drafts[n + 1 :]:
            if e.drop or d.drop:
                continue
            if d.extra.get("category") != e.extra.get("category"):
                continue  # people fleeing a town are not the strike on it
            same_place = (
                d.location is not None
                and e.location is not None
                and d.location.place_id == e.location.place_id
            ) or _same_place(d, e)
            if e.event_only and same_place:
                e.drop = True
                continue
            if d.event_only and same_place and not e.event_only:
                d.drop = True
                break
            if (
                (same_place or e.place is None or d.place is None or _same_area(d, e))
                and d.killed is not None
                and e.killed is not None
                and d.killed.best is not None
                and (
                    d.killed.best == e.killed.best
                    or _title_told(d, e)
                    or _title_told(e, d)
                    or (
                        abs(e.sent - d.sent) <= 3
                        and (
                            _vague_then_precise(d.killed, e.killed)
                            or _vague_then_precise(e.killed, d.killed)
                        )
                    )
                )
                and d.cumulative == e.cumulative
            ):
                keep, lose = (e, d) if _better(e, d) else (d, e)
                _absorb(keep, lose)
                if keep.killed is not None and keep.killed.vague and lose.killed is not None:
                    keep.killed = lose.killed  # "scores" ... "at least 136": the number
                lose.drop = True


def _vague_then_precise(vague: Count, precise: Count) -> bool:
    """A vague count ("scores", "dozens") that a number of the same event makes precise:
    within what the word can mean ("a dozen" is not 99; "scores" may be 136)."""
    if not (vague.vague and not precise.vague and vague.low and precise.best is not None):
        return False
    upper = vague.low * (5 if vague.low >= 24 else 1.3)
    return vague.low <= precise.best <= upper


def _told(d: _Draft) -> set[int | None]:
    """The earlier counts of dead of a draft whose toll was updated ("rose to 27")."""
    return d.extra.setdefault("told", set())


def _title_told(title: _Draft, body: _Draft) -> bool:
    """A headline's count that the body gave before updating it ("kill 25" ... "killed at
    least 25 ... put the toll at 27"): the headline tells the same event."""
    return bool(title.extra.get("title")) and title.killed is not None and (
        title.killed.best in body.extra.get("told", ())
    )


def _better(a: _Draft, b: _Draft) -> bool:
    """True when draft ``a`` tells the event better than ``b``."""

    def rank(d: _Draft) -> tuple[int, int, int, int]:
        precision = d.location.precision if d.location is not None else 9
        details = sum(x is not None for x in (d.injured, d.children, d.women, d.rescuers))
        return (int(bool(d.extra.get("title"))), precision, -details, -int(d.actor is not None))

    return rank(a) < rank(b)


def _absorb(keep: _Draft, lose: _Draft) -> None:
    """Fill what ``keep`` lacks from ``lose``."""
    if keep.place is None:
        keep.place, keep.location = lose.place, lose.location
    for name in ("injured", "children", "women", "rescuers", "actor"):
        if getattr(keep, name) is None:
            setattr(keep, name, getattr(lose, name))
    if keep.event_type == "other":
        keep.event_type = lose.event_type
    if not keep.date_explicit and lose.date_explicit:
        keep.date, keep.date_explicit = lose.date, True
    keep.targets = tuple(dict.fromkeys((*keep.targets, *lose.targets)))
    keep.victims = tuple(dict.fromkeys((*keep.victims, *lose.victims)))


def _same_area(a: _Draft, b: _Draft) -> bool:
    """Both resolved inside the same governorate."""
    la, lb = a.location, b.location
    return la is not None and lb is not None and la.admin1 is not None and la.admin1 == lb.admin1


def _more_precise(a: _Draft, b: _Draft) -> bool:
    """True when ``a`` is placed more precisely than ``b``."""
    if a.location is None:
        return False
    return (
        b.location is None
        or a.location.precision < b.location.precision
        or (a.location.precision == b.location.precision and b.extra.get("title", False))
    )


def _confidence(d: _Draft) -> float:
    """How sure the reading is (0-1): an explicit count of dead, a place written in the
    sentence itself, an event word and an actor each add to a base of 0.3; places taken from
    neighbouring sentences add less, and event-only incidents stay at or below 0.45."""
    score = 0.3
    if d.killed is not None and d.killed.best is not None:
        score += 0.25
    elif d.injured is not None:
        score += 0.15
    if d.location is not None:
        if d.extra.get("inferred_place") or d.extra.get("inherited"):
            score += 0.05
        else:
            score += 0.2 if d.location.precision <= 2 else 0.1
    if d.event_type != "other":
        score += 0.1
    if d.actor:
        score += 0.05
    if d.linked:
        score -= 0.05
    if d.event_only:
        score = min(score, 0.45)
    return round(max(0.05, min(score, 0.95)), 2)


def _to_incident(d: _Draft, article: Article, incident_id: str, part_of: str | None) -> Incident:
    text = article.text[d.start : d.end]
    k = d.killed or Count(None, None, None)
    j = d.injured or Count(None, None, None)
    victims = d.victims
    return Incident(
        incident_id=incident_id,
        doc_id=article.doc_id,
        text=text,
        char_start=d.start,
        char_end=d.end,
        event_type=d.event_type,
        actor=d.actor,
        date=d.date,
        place=d.place.ref.text if d.place else None,
        location=d.location,
        killed_low=k.low,
        killed_best=k.best,
        killed_high=k.high,
        injured_low=j.low,
        injured_best=j.best,
        injured_high=j.high,
        killed_children=d.children,
        killed_women=d.women,
        killed_rescuers=d.rescuers,
        victims=victims,
        targets=d.targets,
        is_cumulative=d.cumulative,
        part_of=part_of,
        sources=(article.doc_id,),
        confidence=_confidence(d),
        category=d.extra.get("category", "violence"),
    )


#: Words that make a development one only spoken of ("called for a ceasefire", "plans to").
_UNREAL_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|propos(?:e|es|ed|al)"
    r"|talks\s+(?:on|about)|would|could|might|plans?\s+to|planned|expected|fears?|feared"
    r"|threat(?:en|ens|ened)?|possible|if|unless|before\s+the\s+war)\b"
)


#: A development denied or not yet come: "no convoy has entered", "has not reached".
_NOT_RE = re.compile(
    r"\b(?:no(?!\s+(?:fewer|less)\b)|not|never|none|nobody|yet\s+to|failed\s+to|denied)\b|n't"
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
        category = _category_of(low)
        if category is None:
            continue
        if _NOT_RE.search(low) or _UNREAL_RE.search(low) or lx.RHETORIC_RE.search(low):
            continue
        # a relative or since-clause dates something else ("the largest delivery since an
        # earthquake two weeks ago"): the development's own time is in the rest
        own = _WHO_CLAUSE_RE.sub("", low)
        if _told_as_past(own, article.date) or (
            article.date is not None
            and any(int(y) < article.date.year for y in _BARE_YEAR_RE.findall(low))
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


def extract_incidents(
    article: Article,
    *,
    resolver: Any | None = None,
    config: Config = DEFAULT_CONFIG,
) -> list[Incident]:
    """Extract the incidents of one article, with places resolved.

    Parameters
    ----------
    article
        The article; ``article.date`` resolves relative days ("on Thursday").
    resolver
        A ``gazetteer.Resolver``; None uses ``gazetteer.default_resolver()``.
    config
        Run settings (``default_country``, ``min_score``).

    Returns
    -------
    list of Incident
        In text order, with stable ids ``f"{doc_id}-{n:03d}"``. Counts the text does not
        give are None. ``is_cumulative`` marks running tolls and ``part_of`` names the
        incident an incident lies inside; totals should skip both.

    Examples
    --------
    >>> from geoconflict.records import Article
    >>> art = Article("note", "Regime warplanes struck Kafr Nabl, killing 4 civilians.")
    >>> [(i.event_type, i.killed_best) for i in extract_incidents(art)]  # doctest: +SKIP
    [('airstrike', 4)]
    """
    drafts, infos = _read(article)
    drafts += _developments(article, infos, drafts)
    if not drafts:
        return []
    if resolver is None:
        resolver = _default_resolver(config)
    doc = DocumentResolver(resolver, country=config.default_country, min_score=config.min_score)
    dateline = _dateline_ref(article)
    doc.set_article_places(
        lambda: [
            c.ref for info in infos for c in _sentence_places(info) if not (c.foreign or c.country)
        ]
    )
    _resolve(drafts, doc, dateline)
    _field_place_fallback(drafts, article, doc)
    _single_place_fallback(drafts, infos, doc)
    _dateline_fallback(drafts, dateline, doc)
    # Two names of one town are known only now: a source's figure told under the other
    # name ("in Palmyra" ... "in Tadmur") is a figure for the count before it.
    _merge_estimates_pass(drafts, plain_only=False)
    country_loc = None
    told_in_body = any(not d.extra.get("title") for d in drafts)
    for d in drafts:
        if d.location is None and d.place is not None and d.place.country:
            country_loc = country_loc or _country_location(doc)
            d.location = country_loc
        if d.event_only and (d.location is None or d.location.precision >= 6):
            d.drop = True
        if d.event_only and d.extra.get("title") and told_in_body:
            d.drop = True  # the body tells the event; a headline alone is kept
    _dedupe(drafts)
    _attach_subsets(drafts)
    kept = [d for d in drafts if not d.drop]
    _mark_parts(kept)
    ids = {n: f"{article.doc_id}-{n + 1:03d}" for n in range(len(kept))}
    return [
        _to_incident(d, article, ids[n], ids.get(d.part_of) if d.part_of is not None else None)
        for n, d in enumerate(kept)
    ]


def extract_articles(
    articles: Iterable[Article],
    *,
    resolver: Any | None = None,
    config: Config = DEFAULT_CONFIG,
) -> Iterator[Incident]:
    """Extract incidents from many articles, lazily, sharing one resolver.

    Parameters
    ----------
    articles
        Any iterable of :class:`~geoconflict.records.Article`.
    resolver, config
        As for :func:`extract_incidents`.

    Yields
    ------
    Incident
        Article by article, in text order.
    """
    for article in articles:
        if resolver is None:
            resolver = _default_resolver(config)
        yield from extract_incidents(article, resolver=resolver, config=config)
