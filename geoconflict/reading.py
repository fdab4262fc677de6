"""Reading one article into incident drafts, sentence by sentence.

:func:`_analyse` reads a sentence's mentions, event cues and places (a sentence with no cue
is skipped); :func:`_drafts_of_sentence` and :func:`_event_only` make its drafts,
:func:`_link_previous` joins a placeless casualty sentence to the event sentence before it,
and :func:`_read` dates the drafts, drops background (events long before the report) and
runs the merges of :mod:`geoconflict.drafts`. :func:`read_drafts` is the reading without the
gazetteer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import lexicon as lx
from ._tokens import _QUIET, _lower, _Toks, _trie_pattern
from .cues import (
    _REPRISAL,
    _actor_for,
    _actors,
    _event_for,
    _events,
    _pick_place,
    _PlaceCand,
    _places,
    _targets,
    _with_within,
)
from .dates import MONTHS, WEEKDAYS, DateMention, find_date, find_dates
from .drafts import (
    _OTHER_EVENT_RE,
    _close_figures,
    _coarse_place,
    _Draft,
    _finer,
    _inherit_cumulative_place,
    _mark_named_parts,
    _merge_injured,
    _merge_other_estimates,
    _merge_toll_updates,
    _rival_account_told,
    _SentInfo,
    _told,
    _vague_then_precise,
    _widened,
)
from .mentions import _clause_start, _mask, _Mention, _mentions
from .records import Article
from .text import Sentence, split_sentences

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
#: A sentence opened by the day before the news: "A day earlier, ...", "The day before, ...".
_DAY_BEFORE_RE = re.compile(
    r"\s*(?:(?:a|one)\s+day\s+(?:earlier|before)|the\s+(?:day|night)\s+before|the\s+previous"
    r"\s+(?:day|night)|on\s+the\s+previous\s+day)\b"
)
#: An event someone is blamed for, after the article's news ("Turkey blames the PKK for the
#: Nov. 13 bombing in Istanbul, which killed six"): the earlier event, not news.
_BLAMED_FOR_RE = re.compile(
    r"\b(?:blames?|blamed|blaming|accuses|accused|accusing)\s+[^.;]{0,80}?\bfor\s+(?:the|a|an"
    r"|last\s+\w+[’']s)\s+(?:[\w’'.-]+\s+){0,4}?(?:bombings?|attacks?|massacres?|strikes?"
    r"|explosions?|blasts?|raids?|killings?|shootings?)\b"
)
#: A report made on an earlier day: "On Thursday, the same watchdog said at least 50 people
#: were killed in al-Bayda" in a report of Friday's massacre.
_SAID_ON_DAY_RE = re.compile(
    rf"\s*(?:on|late\s+on|early\s+on)\s+(?P<wd>{'|'.join(WEEKDAYS)}),?\s+[^,.;]{{1,60}}?"
    r"\b(?:said|reported|announced|documented)\b"
)
#: A trial over killings ("went on trial in absentia in Paris, accused of complicity in crimes
#: against humanity over the deaths of a man and his son"): the deaths are the case's, long
#: past, not news.
_TRIAL_RE = re.compile(
    r"\b(?:(?:went|go|goes|going|stand|stood|stands|put)\s+on\s+trial|(?:was|were|been)\s+"
    r"(?:tried|convicted|sentenced|indicted|acquitted)|in\s+absentia|convicted|sentenced"
    r"|indicted|acquitted|(?:the|a|his|her|their)\s+trial\s+of)\b"
)
#: A figure given earlier for the dead just counted ("The ministry had initially reported 20
#: dead ..., before raising the toll"): superseded, not more dead.
_EARLIER_FIGURE_RE = re.compile(
    r"\b(?:initially|originally|earlier|first)\s+(?:reported|said|put|gave|counted|announced"
    r"|documented|spoke\s+of)\b|\b(?:an?|the|its|their)\s+(?:initial|earlier|previous"
    r"|preliminary)\s+(?:death\s+)?toll\b"
    # "The Observatory had put the toll at 58 on Tuesday" after the toll rose to 72
    r"|\bhad\s+(?:put|given|placed)\s+(?:the|its|their|a)\s+(?:death\s+)?toll\b"
)
#: A word that every match of ``_EARLIER_FIGURE_RE`` holds (a cheap first test).
_EARLIER_FIGURE_HINT_RE = re.compile(
    _trie_pattern(["initial", "original", "earlier", "first", "previous", "preliminary", "had "])
)
#: A word that every match of ``_TRIAL_RE`` holds (a cheap first test).
_TRIAL_HINT_RE = re.compile(
    _trie_pattern(["trial", "absentia", "convicted", "sentenced", "indicted", "acquitted"])
)
#: How many sentences back the count an earlier figure was given for may be.
_EARLIER_FIGURE_REACH = 3
#: An earlier event given as the cause of this one ("in retaliation for an attack that left
#: five soldiers dead"): its dead are not news of this article.
_CAUSE_RE = re.compile(
    rf"\b(?:{_REPRISAL}|(?:after|following)\s+the\s+(?:killing|deaths?|murder)\s+of"
    # "in response to a drone attack that killed three U.S. soldiers in Jordan"
    r"|in\s+response\s+to\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,4}?(?:attacks?|strikes?|bombings?"
    r"|raids?|ambush|massacre|explosion|blast)\s+(?:that|which)"
    # "after seven Turkish soldiers and a civilian contractor were killed": a list subject
    r"|(?:after|following)(?=\s+(?:at\s+least\s+|more\s+than\s+|some\s+)?[\w-]+\s+(?:[\w.-]+\s+)"
    r"{0,6}?(?:(?:were|was|had\s+been|have\s+been)\s+(?:killed|slain)|died|had\s+died))"
    # "after the chemical attack on Khan Sheikhoun, which killed more than 80 on Tuesday"
    r"|(?:after|following)\s+(?:the|a|an|last\s+\w+[’']s)\s+(?:[\w’'.-]+\s+){0,3}?(?:bombing"
    r"|attack|attacks|massacre|strike|strikes|explosion|blast|raid)\b[^.;]{0,60}?,\s+(?:which"
    r"|that)\s+(?=(?:killed|left)\b)"
    # "the strikes followed the Istanbul bombing of Nov. 13, which killed six"
    r"|followed\s+(?:the|a|an|last\s+\w+[’']s)\s+(?:[\w’'.-]+\s+){0,3}?(?:bombing|attack|attacks"
    r"|massacre|strike|strikes|explosion|blast|raid)"
    # "the deadliest attack since 2013, when hundreds died near Damascus": an earlier event
    r"|since\s+(?:\w+\s+)?(?:19|20)\d\d\s*,\s*when"
    # "less than two weeks after a massacre in Houla that claimed more than 100 lives",
    # "three months after it was damaged in an air raid that killed 12 people"
    r"|(?:days?|weeks?|months?|years?)\s+after\s+(?:(?:a|an|the)\s+(?:[\w’'.-]+\s+){0,3}?"
    r"(?:bombings?|attacks?|massacres?|strikes?|explosions?|blasts?|raids?|killings?)\b"
    r"(?=[^,.;]{0,80}?\b(?:killed|claimed|left)\b)"
    r"|[^,.;]{0,80}?\b(?:that|which)\s+(?=(?:killed|claimed|left)\b)))"
)

#: A death toll this large counts a campaign or a war, not one event ...
_CAMPAIGN_TOLL = 1000
#: ... unless its clause names one event: "killed in a poison gas attack", "when a bomb hit".
_SINGLE_EVENT_RE = re.compile(
    r"\b(?:(?:in|by)\s+(?:a|an|the|one|single)\s+(?:[\w'-]+\s+){0,3}(?:attack|strike|airstrike"
    r"|bombing|explosion|blast|massacre|raid|bombardment|assault)(?![\w-])|when\s+(?:a|an)\s"
    # "killing more than 1,300 people in poison gas attacks on rebel-held suburbs": one night
    r"|in\s+(?:(?:suspected|alleged|apparent)\s+)?(?:chemical|poison(?:\s+gas)?|gas|sarin|chlorine"
    r"|nerve[\s-]agent)\s+(?:weapons?\s+)?attacks?\b)"
)


def _is_title(sentence: Sentence) -> bool:
    t = sentence.text.rstrip()
    # "SOHR | Security chaos in Daraa | Former commander and two others killed ...": the
    # outlet's section labels before the last bar are no part of the headline's length
    words = t.rsplit("|", 1)[-1].split() if "|" in t else t.split()
    return not t.endswith((".", "!", "?", "”", '"', "’")) and len(words) <= _TITLE_MAX_WORDS


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
    "|siege|eliminat|liquidat|neutrali|drove|driven|ousted".split("|")
)

_CUE_RE = re.compile(_trie_pattern(_CUE_STEMS))
#: Cheap first tests (literal words, one prefix-factored scan) before costlier patterns.
_CAUSE_HINT_RE = re.compile(
    _trie_pattern(["retaliation", "revenge", "avenge", "after", "follow", "since", "response"])
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
        if not made:
            continue
        _date_drafts(made, s.text, article.date, dm, last_date, info.low)
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
        _supersede_earlier_figure(made, drafts, info.low, i)
        _drop_told_before_news(made, drafts, info.low, article)
        _inherit_paragraph_place(made, infos, i)
        _the_town_before(made, infos, i)
        drafts.extend(made)
    _drop_past_day_events(drafts, infos, article)
    _merge_injured(drafts, infos)
    _merge_toll_updates(drafts)
    _merge_other_estimates(drafts)
    _mark_named_parts(drafts)
    _inherit_cumulative_place(drafts)
    _place_from_next(drafts, infos)
    kept = [d for d in drafts if not d.drop]
    _count_recent_window(kept, article)
    return [d for d in kept if not d.drop], infos


def _first_news(drafts: list[_Draft]) -> _Draft | None:
    """The first count of dead of the article's own so far (not dropped, not a running
    toll), or None."""
    return next(
        (o for o in drafts if not o.drop and o.killed is not None and not o.cumulative), None
    )


def _has_news(drafts: list[_Draft]) -> bool:
    """Whether the article has counted dead of its own so far."""
    return _first_news(drafts) is not None


def _drop_counts_after(made: list[_Draft], m: re.Match[str] | None) -> None:
    """Drop the counts of a sentence told after ``m`` (the clause that makes them background)."""
    if m is None:
        return
    for d in made:
        at = d.extra.get("at")
        if at is not None and m.start() < at:
            d.drop = True


def _supersede_earlier_figure(
    made: list[_Draft], drafts: list[_Draft], low: str, i: int
) -> None:
    """A figure given earlier for the dead just counted ("The ministry had initially reported
    20 dead ..., before raising the toll", "The monitor, which had given a toll of 22, said
    the attack hit Nawa") adds no dead: it widens that count and may place it."""
    if not _EARLIER_FIGURE_HINT_RE.search(low):
        return
    earlier = _EARLIER_FIGURE_RE.search(low)
    if earlier is None:
        return
    host = next(
        (o for o in reversed(drafts) if not o.drop and o.killed is not None
         and not o.cumulative and o.killed.best is not None),
        None,
    )
    if host is None or i - host.sent > _EARLIER_FIGURE_REACH:
        return
    for d in made:
        at = d.extra.get("at")
        if d.killed is not None and at is not None and abs(at - earlier.end()) < 40:
            _told(host).add(d.killed.best)
            host.killed = _widened(host.killed, d.killed)  # type: ignore[arg-type]
            if (
                d.place is not None
                and not d.place.country
                and not d.place.building
                and _coarse_place(host)
            ):
                host.place = _finer(d.place, host.place)
            d.drop = True


def _drop_told_before_news(
    made: list[_Draft], drafts: list[_Draft], low: str, article: Article
) -> None:
    """Counts of a sentence that tell of something before the article's news: the killings a
    court tries, a report made on a day before the news ("On Thursday, the same watchdog
    said ..."), an event someone is blamed for after the news, and an event of the day
    before told after it ("A day earlier, a car bomb near al-Bab killed 51")."""
    if _TRIAL_HINT_RE.search(low):
        _drop_counts_after(made, _TRIAL_RE.search(low))
    said_on = (
        _SAID_ON_DAY_RE.match(low)
        if low.lstrip().startswith(("on ", "late on", "early on"))
        else None
    )
    if said_on is not None and article.date is not None:
        lead = _first_news(drafts)
        back = (article.date.weekday() - WEEKDAYS[said_on.group("wd")]) % 7
        said_day = article.date - dt.timedelta(days=back)
        if lead is not None and lead.date is not None and said_day < lead.date:
            for d in made:
                d.drop = True
    if ("blam" in low or "accus" in low) and _has_news(drafts):
        _drop_counts_after(made, _BLAMED_FOR_RE.search(low))
    if _DAY_BEFORE_RE.match(low) and _has_news(drafts):
        for d in made:
            d.drop = True
    if "similar" in low and _SIMILAR_EVENT_RE.search(low) and _has_news(drafts):
        # "SOHR documented on Monday the killing of two SDF members ... in a similar attack"
        for d in made:
            d.drop = True
    lead = _first_news(drafts) if " had " in low and _HAD_REPORTED_RE.search(low) else None
    if lead is not None:
        # "SOHR had documented on 1 March the execution of 2 members": reported before the
        # news, on a day of its own
        for d in made:
            if (
                d.date_explicit
                and d.date
                and lead.date
                and d.date < lead.date
                # not a day the article's undated lead may be ("By Friday evening it said it
                # had documented the names of 62 dead", in Saturday's paper)
                and (lead.date_explicit or (lead.date - d.date).days >= 2)
            ):
                d.drop = True


#: What "a similar ..." may name: another event like the one reported.
_SIMILAR_NOUNS = "attack|bombing|strike|airstrike|raid|massacre|explosion|blast"
#: Another event like the one reported: "in a similar attack".
_SIMILAR_EVENT_RE = re.compile(
    rf"\ba\s+similar\s+(?:\w+\s+)?(?:{_SIMILAR_NOUNS}|incident|ambush|shooting)\b"
)
#: A report told in the past perfect: made before the one the article tells.
_HAD_REPORTED_RE = re.compile(
    r"\bhad\s+(?:previously\s+|earlier\s+|already\s+|also\s+)?(?:documented|reported"
    r"|recorded|announced|said|confirmed)\b"
)


def _date_drafts(
    made: list[_Draft],
    text: str,
    date: dt.date | None,
    dm: DateMention | None,
    last_date: dt.date | None,
    low: str,
) -> None:
    """Date the drafts of one sentence: its date (``dm``), else the last event date before
    it, else the article's. A window ("since Sunday") makes its counts running tolls, except
    a count told right before a day of its own ("22 civilians have been killed today ...,
    bringing the death toll since Sunday to 513"); in a sentence dated otherwise, a count told
    right before a window of its own is a running toll from that day ("clashes raged for a
    fourth day on Sunday, leaving 89 people dead since Thursday", while "killed eight on
    Monday, bringing the toll since Saturday to 24" keeps its Monday for the eight)."""
    for d in made:
        if dm is not None:
            d.date, d.date_explicit = dm.date, True
        else:
            d.date = last_date or date
    if dm is None or (not dm.window and (dm.explicit or " since " not in low)):
        return
    mentions = find_dates(text, date)
    if dm.window:
        days = [m for m in mentions if not m.window and m.start < dm.start]
        for d in made:
            day = _date_right_after(d, text, days)
            if day is not None:
                d.date = day.date
            else:
                d.cumulative = True
                d.extra["window_start"] = dm.date
    else:
        windows = [m for m in mentions if m.window]
        for d in made:
            own = _date_right_after(d, text, windows)
            if own is not None:
                d.cumulative = True
                d.extra["window_start"] = own.date


def _date_right_after(d: _Draft, text: str, mentions: list[DateMention]) -> DateMention | None:
    """The first of ``mentions`` told right after the count of ``d`` ("89 people dead since
    Thursday", "22 have been killed today"), in the same clause."""
    end = d.extra.get("at_end")
    if end is None:
        return None
    for m in mentions:
        if 0 <= m.start - end <= _OWN_WINDOW_GAP and "," not in text[end : m.start]:
            return m
    return None


#: How far after a count its own window may begin ("89 people dead since Thursday").
_OWN_WINDOW_GAP = 12


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
    rivals: list[_Draft] = []
    for d in drafts:
        if d.killed is None or d.killed.best is None or d.event_only:
            continue
        if not d.cumulative:
            if d.killed.vague and not recent:
                vague.append(d)  # "days of fighting that killed hundreds", told first
                continue
            if recent and _rival_account(d, recent[-1]):
                rivals.append(d)  # "State media accused IS of "a massacre" of 400 people"
                continue
            if d.part_of is None and not d.extra.get("subset"):
                return  # another count stands: the window's toll stays a running toll
            continue
        start = d.extra.get("window_start")
        if start is None:
            # "in a week-long offensive", "over three days of fighting": a span, not a date
            low = d.extra.get("low") or ""
            span = _SHORT_SPAN_RE.search(low) or _SINCE_RECENT_RE.search(low)
            if span is None or _LONG_SPAN_RE.search(low) is not None:
                continue  # "not for two days, after two weeks in which raids killed dozens"
            start = article.date
        if 0 <= (article.date - start).days <= _RECENT_WINDOW_DAYS and d.has_event_cue:
            recent.append(d)
    if len(recent) != 1:
        return
    toll = recent[0]
    if any(not _vague_then_precise(v.killed, toll.killed) for v in vague):  # type: ignore[arg-type]
        return  # "killed dozens" before a toll of 500: another count
    toll.cumulative = False
    for v in vague:  # the same dead, told vaguely first: the precise toll counts them
        v.extra["part_of_host"] = toll
    for r in rivals:  # another side's account of the same dead: a figure for the toll
        if _close_figures(toll.killed, r.killed, small=True):  # type: ignore[arg-type]
            toll.killed = _widened(toll.killed, r.killed)  # type: ignore[arg-type]
        toll.end = max(toll.end, r.end)
        r.drop = True


def _rival_account(d: _Draft, toll: _Draft) -> bool:
    """Whether ``d`` is another side's account of the dead of the running toll just told."""
    return 0 < d.sent - toll.sent <= 3 and _rival_account_told(d.extra.get("low") or "")


#: A span of at most a week that a running toll covers: "week-long", "a three-day assault".
_SHORT_SPAN_RE = re.compile(
    r"\b(?:(?:one|a)[\s-]week(?!s)|week-long|(?:two|three|four|five|six|seven|[2-7])[\s-]days?"
    r"(?!\s+(?:ago|earlier|before|after))|(?:two|three|four|five|six|seven|[2-7])\s+days\s+of"
    r"|(?:36|48|72|96|forty-eight|seventy-two)\s+hours)\b"
)


#: A window that opened days ago: "since it seized the city four days ago", "since the
#: militants stormed the city last week".
_SINCE_RECENT_RE = re.compile(
    r"\bsince\b[^,;.]{0,80}?\b(?:(?:two|three|four|five|six|seven|[2-7])\s+days\s+ago"
    r"|last\s+week|yesterday)\b"
)


#: A longer span named beside it: the short one may not be the toll's.
_LONG_SPAN_RE = re.compile(
    # not the war's age: "the country's 14-year conflict"
    r"(?<!-)\b(?:weeks|months?|years?)\b"
    r"|\w-(?:month|year)\b(?!\s+(?:civil\s+|old\s+)?(?:war|conflict))"
    r"|\b(?:two|three|four|five|six|several|\d+)-weeks?\b"
)


#: An event told as an earlier one: "last month", "a year ago", "in January" (a month with
#: no day, two or more months before the article's, or the month before once the article's
#: is half gone), "a similar attack". Not after "since"
#: ("since last month": a running toll) or "the" ("during the last month": a period).
_PAST_RE = re.compile(
    r"^\s*last\s+week\b(?!['’])"
    # "condolences for the 33 Turkish soldiers killed last week"
    r"|\b(?:killed|slain|died)\s+last\s+week\b"
    r"|(?<!since )(?<!the )\b(?:last\s+(?:month|year|summer|winter|spring|autumn|fall)"
    r"|earlier\s+this\s+(?:year|month)|(?:\d+|a|an|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|fifteen|twenty|several|many|a\s+few)\s+"
    r"(?:months|years|month|year|weeks|week)\s+(?:ago|earlier|before)"
    rf"|a\s+similar\s+(?:\w+\s+)?(?:{_SIMILAR_NOUNS})"
    r"|(?:in|since|during|by)\s+"
    # "in the July attacks": a month naming an event, with "the"
    r"(?:the\s+(?=[a-z]+\s+(?:attacks?|raids?|offensive|massacres?|bombings?|assault"
    r"|killings|strikes|airstrikes|clashes|fighting)\b))?"
    r"(?:(?:early|late|mid)[\s-]+)?(?P<mon>january|february|march"
    r"|april|may|june|july|august|september|october|november|december)\b(?!\s+\d))"
    # "Two of the hostages died in captivity, relatives said at the time"
    r"|\b(?:said|reported|told\s+\w+)\s+at\s+the\s+time\b"
    # "has carried out similar bombings in Homs in the past." (not "in the past 24 hours")
    r"|\bin\s+the\s+past\s*[.,;]"
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
            *"last earlier ago before after similar past january february march april may june"
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
        back = None if date is None else (date.month - MONTHS[mon]) % 12
        if back is not None and (back >= 2 or (back == 1 and date.day >= 15)):  # type: ignore[union-attr]
            # two months back or more, or last month once this one is half gone: "In early
            # May" on 3 June may be the news, "In October" on 24 November is not
            return True
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


#: A definite event noun, which tells of an event already told: "the attack on X".
_THE_EVENT_RE = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:attacks?|(?:air\s?)?strikes?|(?:air\s+)?raids?|bombings?"
    r"|blasts?|explosions?|ambush|assault|shelling|bombardment|massacre|barrage)\b"
)
#: A thing a count's sentence brings in with "a"/"an" ("ambushed a bus carrying soldiers").
_INDEFINITE_RE = re.compile(r"\ban?\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")
#: Words after "a"/"an" that a later "the ..." would not take up as the same thing.
_NOT_ANAPHORA = frozenset(
    "group monitor source statement spokesman spokeswoman number total war country day week"
    " month year time report toll person resident witness member official few lot".split()
)
#: How many sentences after a placeless count the sentence that places it may come.
_NEXT_PLACE_REACH = 2


def _place_from_next(drafts: list[_Draft], infos: list[_SentInfo]) -> None:
    """A count of dead told with no place takes the place of an event sentence that follows
    it and takes its event up again: "A suspected chemical attack in a town in northwestern
    Syria killed at least 58 people. ... the attack on Khan Sheikhoun in Idlib province
    happened ..."; "militants ambushed a bus ..., killing 25. The bus ... came under fire
    near the town of al-Sukhnah". The event sentence's own draft is the same event."""
    for n, d in enumerate(drafts):
        if (
            d.drop
            or d.event_only
            or d.cumulative
            or d.killed is None
            or d.linked
            or (d.place is not None and not d.place.country)
        ):
            continue
        for e in drafts[n + 1 :]:
            if e.sent == d.sent or e.drop:
                continue
            if e.sent - d.sent > _NEXT_PLACE_REACH or e.killed is not None or e.cumulative:
                break  # a count told between them is an event of its own
            if e.place is None or e.place.country or e.place.origin or e.place.foreign:
                break
            # the event sentence, and the injured count placed by it ("Thirteen were wounded")
            low = " ".join(infos[k].low for k in range(max(e.first_sent, d.sent + 1), e.sent + 1))
            if _OTHER_EVENT_RE.search(low) or not _takes_up(infos[d.sent].low, low):
                break
            if not any(ev[3] for k in range(e.first_sent, e.sent + 1) for ev in infos[k].events):
                break  # "Leaders in X condemned the attack": no event told, a reaction
            d.place = e.place
            d.end = max(d.end, e.end)
            if d.injured is None:
                d.injured = e.injured
            if d.event_type == "other":
                d.event_type = e.event_type
            if d.actor is None:
                d.actor = e.actor
            e.drop = True
            break


def _takes_up(first: str, later: str) -> bool:
    """Whether the sentence ``later`` refers back to the event of ``first``: a definite event
    noun ("the attack"), or "the X" for an X that ``first`` brought in as "a X"."""
    if _THE_EVENT_RE.search(later):
        return True
    for m in _INDEFINITE_RE.finditer(first):
        for word in m.group(1).split():
            if len(word) > 2 and word not in _NOT_ANAPHORA and f"the {word}" in later:
                return True
    return False


#: An event of a named earlier day, with its dead in a relative clause: "Tuesday's chemical
#: attack on Khan Sheikhoun, which killed more than 80 people".
_DAYS_EVENT_RE = re.compile(
    rf"\b(?P<wd>{'|'.join(WEEKDAYS)})['’]s\s+"
    r"(?:[\w-]+\s+){0,3}?(?:attacks?|bombings?|strikes?|air\s?strikes?|raids?|massacre|blasts?"
    r"|explosions?|shelling|ambush|assault)\b[^.;]{0,80}?,?\s+(?:which|that)\s+"
    r"(?:killed|left|claimed)\b"
)


def _drop_past_day_events(drafts: list[_Draft], infos: list[_SentInfo], article: Article) -> None:
    """The dead of "Tuesday's attack on X, which killed 80" told in a report of a later day's
    event ("Syria's army says the strike killed six") are that earlier event's: background,
    when the article counts dead of its own too."""
    if article.date is None:
        return
    past = []
    for d in drafts:
        at = d.extra.get("at")
        if d.drop or d.killed is None or at is None:
            continue
        low = infos[d.sent].low
        if "'s " not in low and "’s " not in low:
            continue
        for m in _DAYS_EVENT_RE.finditer(low):
            if m.start() < at <= m.end() + 20 and WEEKDAYS[m.group("wd")] != (
                article.date.weekday()
            ):
                past.append(d)
                break
    if past and _has_news([o for o in drafts if o not in past]):
        for d in past:
            d.drop = True


#: A source's figure told as its latest: "now says", "now puts the number at".
_NOW_SAYS_RE = re.compile(
    r"\bnow\s+(?:says?|said|reports?|puts?|estimates?|counts?)\b[^.;:]*$"
)
#: A source updating its toll before the count it gives ("updates the toll: three killed").
_UPDATES_TOLL_RE = re.compile(
    r"\b(?:updates|updated|updating|raises|raised|raising|revises|revised|revising)\s+"
    r"(?:its\s+|the\s+|their\s+|his\s+|her\s+)?(?:death\s+)?toll\b[^.;]{0,12}$"
)
#: "the town", "the city": a place named just before, taken up again.
_THE_TOWN_RE = re.compile(r"\bthe\s+(?:town|city|village)\b(?!\s+of\b|['’])")
#: How many sentences back "the town" may look for its name.
_THE_TOWN_REACH = 2


def _the_town_before(made: list[_Draft], infos: list[_SentInfo], i: int) -> None:
    """A count with no place whose sentence says "the town" takes the town named in the
    sentences just before ("... captured the town of Kafr Nabuda ... The Observatory said
    fighting for the town had killed 42 combatants")."""
    if i == 0 or not any(d.place is None and not d.cumulative and d.killed for d in made):
        return
    low = infos[i].low
    if "the " not in low or _THE_TOWN_RE.search(low) is None:
        return
    for k in range(i - 1, max(-1, i - 1 - _THE_TOWN_REACH), -1):
        cands = [
            p for p in infos[k].places
            if not p.country and not p.origin and not p.foreign and p.level in (None, "populated")
        ]
        if cands:
            for d in made:
                if d.place is None and not d.cumulative and d.killed is not None:
                    d.place = cands[0]
                    d.extra["inherited"] = True
            return


#: A source named for a count: "the Local Coordination Committees said", "according to".
_ATTRIBUTED_RE = re.compile(
    r"\b(?:said|says|reported|reports|according\s+to|put\s+the|puts\s+the|documented"
    r"|counted|recorded|told|estimated|gave\s+a|accused|claimed|saying"
    # "Government sources speak of 7 dead in al-Mazraa"
    r"|speaks?\s+of|spoke\s+of)\b"
)
#: A source named as a label before its figure: "Syrian Health Ministry: 18 killed".
_SOURCE_LABEL_RE = re.compile(
    r"\s*(?:the\s+)?(?:syrian\s+|syria[’']s\s+)?(?:health\s+ministry|ministry\s+of\s+health"
    r"|interior\s+ministry|sohr|snhr|(?:war\s+)?monitor|observatory|activists|white\s+helmets"
    r"|civil\s+defen[cs]e|sana|state\s+(?:media|tv|television)|rescuers|medics"
    r"|(?:hospital|medical|local)\s+sources?)\s*:\s"
)
#: A word that every match of ``_ATTRIBUTED_RE`` holds (a cheap first test).
_ATTRIBUTED_WORDS = tuple(
    "said says report according put documented counted recorded told estimated gave accused"
    " claimed saying speak spoke".split()
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
    attributed = bool(killed) and (
        (
            any(w in info.low for w in _ATTRIBUTED_WORDS)
            and _ATTRIBUTED_RE.search(info.low) is not None
        )
        # a liveblog's or a crawl's source label: "SOHR: 26 killed"
        or (":" in info.low[:40] and _SOURCE_LABEL_RE.match(info.low) is not None)
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
        d.extra["at_end"] = k.end
        if k.toll:
            d.extra["rise"] = k.rise
            if k.rise and place is not None and _SAYING_RE.search(info.low, k.end, place.start):
                # "have raised their toll to 48, saying more bodies were found near the
                # Shuhada square": where the bodies were found is no place of the toll's own
                d.extra["inherited"] = True
        elif "toll" in info.low and _UPDATES_TOLL_RE.search(info.low, 0, k.start) is not None:
            # "Health ministry updates the toll: three killed, 34 injured": a rise
            d.extra["toll"] = d.extra["rise"] = True
        elif "now " in info.low and _NOW_SAYS_RE.search(info.low, max(0, k.start - 60), k.start):
            # "The health directorate now says 72 people have died": its own earlier figure,
            # raised
            d.extra["toll"] = d.extra["rise"] = True
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


#: A period begun the same day: "since the assault began at dawn", "since this morning".
_SAME_DAY_RE = re.compile(
    r"[^,;.:]{0,30}?\b(?:at\s+dawn|this\s+morning|early\s+(?:this\s+|on\s+)?(?:morning|today)"
    r"|earlier\s+today|overnight|last\s+night|hours\s+ago|midnight)\b"
)
#: A participle clause of what a source says, after its figure.
_SAYING_RE = re.compile(r",\s+(?:saying|adding|explaining)\b")


def _cumulative_clause(low: str, mention: _Mention) -> bool:
    """True when the clause of a count says it runs over a period ("since Monday")."""
    start = _clause_start(low, mention.start)
    in_which = _IN_WHICH_RE.search(low, max(0, start - 14), start)
    if in_which is None and _PERFECT_OPEN_RE.match(low, start):
        in_which = _WHICH_BACK_RE.search(low, max(0, start - 8), start)
    if _PARTICIPLE_RE.match(low, start) or in_which:
        # "... since June 2019, killing 61 people": the participle belongs to the clause
        # before; so does "two weeks in which raids killed dozens" and "... since the
        # beginning of 2022, in which 163 people were killed".
        back = in_which.start() if in_which is not None else start
        start = _clause_start(low, max(0, back - 7))
    nxt = _CLAUSE_END_RE.search(low, mention.end)
    end = nxt.start() if nxt else len(low)
    hint = _CUMUL_HINT_RE.search(low, start, end)
    for cm in lx.CUMULATIVE_RE.finditer(low, start, end) if hint else ():
        if cm.group() in _SO_FAR and _ONE_DAY_RE.search(low) and "since" not in low:
            continue  # "has so far documented 103 killed in al-Tremseh on Thursday"
        if cm.group().startswith("since") and _SAME_DAY_RE.match(low, cm.end()):
            continue  # "killed since the assault began at dawn": the day's own toll
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
    " -day -long whole entire throughout war conflict period first during between alone"
    " hours".split()
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
#: A perfect relative clause of the clause before, counting up to now: "39 drone attacks
#: since the beginning of 2021, which have killed 23 people".
_WHICH_BACK_RE = re.compile(r",\s*(?:which|that)\s*$")
_PERFECT_OPEN_RE = re.compile(r"\s*(?:have|has|had)\b")
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
    # a takeover by force is specific enough here: "the army ousted rebels from Qusayr"
    specific = [e for e in info.events if e[3] or e[0] == "ground_assault"]
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
    if category is not None and category != "territory":
        # forces that "took control of" a town told as an event fought for it (ACLED's
        # "government regains territory" is a battle); only a transfer told with no event
        # word is a development (:mod:`.developments`)
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
