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
- :mod:`geoconflict.drafts`: incident drafts and the merges between them.
- :mod:`geoconflict.reading`: one article read into drafts, sentence by sentence, with their
  links and dates (steps 2-3; :func:`read_drafts`).
- :mod:`geoconflict.placing`: drafts' places resolved, and the fallbacks (step 4).
- :mod:`geoconflict.totals`: totals and their parts, the same event told twice, and
  drafts made into incidents (step 5).
- :mod:`geoconflict.developments`: events with no violence told (aid, protests, ceasefires).

This module holds the public API: :func:`extract_incidents`, :func:`extract_articles` and
:func:`read_drafts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .config import DEFAULT_CONFIG, Config
from .developments import _developments
from .drafts import _merge_estimates_pass
from .placing import (
    _country_location,
    _dateline_fallback,
    _dateline_ref,
    _default_resolver,
    _field_place_fallback,
    _resolve,
    _sentence_places,
    _single_place_fallback,
)
from .reading import _read, read_drafts
from .records import Article, Incident
from .resolve import DocumentResolver
from .totals import _attach_subsets, _dedupe, _mark_parts, _to_incident

__all__ = ["extract_articles", "extract_incidents", "read_drafts"]


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
