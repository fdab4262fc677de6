"""Token pre-scan of one sentence: patterns are tried only where a word is one of their triggers.

:class:`_Toks` holds the words of a lowercased sentence and, for each pattern family of
:mod:`geoconflict.lexicon` (kill, toll, event, place, date, ...), the offsets where it may
start; :func:`_scan` tries a pattern only there. ``_QUIET`` is the empty scan of a sentence
with no cue. Also the cheap first tests the extractor builds on: :func:`_lower` (lowercase
keeping offsets) and :func:`_trie_pattern` (a word alternation factored by shared prefixes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, chain, compress
from operator import itemgetter
from typing import Any

from . import lexicon as lx

#: The same words, each with the separators before it (positions by summing lengths).
_SEP_TOKEN_RE = re.compile(r"([^a-z0-9]*)([a-z]+|\d[\d,.]*)")

_FAMILIES: dict[str, frozenset[str]] = {
    "event": lx.EVENT_TRIGGERS,
    "actor": lx.ACTOR_TRIGGERS,
    "target": lx.TARGET_TRIGGERS,
    "kill": lx.KILL_ACTIVE_TRIGGERS,
    "toll": lx.TOLL_TRIGGERS,
    "deaths_of": lx.DEATHS_OF_TRIGGERS,
    "injure": lx.INJURE_ACTIVE_TRIGGERS,
    "place": lx.PLACE_CUE_TRIGGERS,
    "feat_before": lx.FEATURE_BEFORE_TRIGGERS,
    "feat_after": lx.FEATURE_AFTER_TRIGGERS,
    "casualty": lx.CASUALTY_TRIGGERS,
    "date": lx.DATE_TRIGGERS,
}
_INDEX: dict[str, tuple[str, ...]] = {}
for _name, _words in _FAMILIES.items():
    for _w in _words:
        _INDEX[_w] = (*_INDEX.get(_w, ()), _name)
#: Words that start a count only when a number follows ("at least 5", "a dozen").
_NUM_CORE = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million tens hundreds thousands dozen dozens scores couple handful
    number several numerous
    """.split()
)
_NUM_LEAD = lx.NUMBER_TRIGGERS - _NUM_CORE
_ONE_LEADS = frozenset(lx.ONE_LEADS)


def _singular_words() -> frozenset[str]:
    """The words a singular victim noun may end with: the victim classes' singular keys and
    every alternative of ``lx._SINGULAR_VICTIMS`` ("a pilot", "an elderly man", "his
    brother-in-law": the token is its last word, "law")."""
    words = {k for k in lx.VICTIM_CLASSES if not k.endswith("s")}
    for alt in lx._SINGULAR_VICTIMS.split("|"):
        last = re.split(r"\\s\+|-", alt.strip())[-1]
        for form in {last.replace("u?", "u"), last.replace("u?", "")}:
            words.add(form)
    return frozenset(words)


_SINGULAR = _singular_words()
#: Verbs a passive count of dead / injured ends with ("21 were killed", "five wounded").
_KILL_VERBS = frozenset(
    "killed slain dead died perished martyred executed drowned lives deaths fatalities among shot "
    "gunned assassinated beheaded martyrs found recovered retrieved discovered pulled fell"
    " eliminated liquidated".split()
)
_INJURE_VERBS = frozenset("injured wounded hurt maimed injuries sustained".split())
#: How many words a passive count may stand before its verb.
_PASSIVE_REACH = 16
#: How many words a place cue may stand before the capitalised name.
_CUE_REACH = 6


#: The (falsy) info of a word that belongs to no family and has no flag.
_EMPTY: tuple[()] = ()
_F_KILL, _F_INJ, _F_CORE, _F_LEAD, _F_SING = 1, 2, 4, 8, 16
_TOKEN_INFO: dict[str, Any] = {}


def _token_info(t: str) -> Any:
    """Families and flags of one lowercased word (memoised)."""
    info = _TOKEN_INFO.get(t)
    if info is not None:
        return info
    fams = _INDEX.get(t, ())
    if len(t) > 4:
        fams = fams + tuple(f for f in _INDEX.get(t[:4], ()) if f not in fams)
    flags = 0
    if t in _KILL_VERBS:
        flags |= _F_KILL
    elif t in _INJURE_VERBS:
        flags |= _F_INJ
    if t[0].isdigit() or t in _NUM_CORE:
        flags |= _F_CORE
    elif t in _NUM_LEAD:
        flags |= _F_LEAD
    if t in _SINGULAR:
        flags |= _F_SING
    info = (fams, flags) if (fams or flags) else _EMPTY
    if len(_TOKEN_INFO) < 100_000:
        _TOKEN_INFO[t] = info
    return info


class _Toks:
    """The words of one (lowercased) sentence and where each family of patterns may start."""

    __slots__ = ("at", "idx", "items")

    def __init__(self, low: str) -> None:
        pairs = _SEP_TOKEN_RE.findall(low)
        words = list(map(_SECOND, pairs))
        # Offsets: each word starts where the running length of separators and words up to
        # its own separators ends (computed with C-level iterators: this runs on every word
        # of every cued sentence).
        starts = list(accumulate(map(len, chain.from_iterable(pairs))))[::2]
        items = list(zip(starts, words, strict=True))
        self.items = items
        at: dict[str, list[int]] = {}
        #: Token indices of the place cues and feature words that follow a name.
        idx: dict[str, list[int]] = {}
        infos = list(map(_TOKEN_INFO.get, words))
        if None in infos:
            infos = [_token_info(w) if f is None else f for f, w in zip(infos, words, strict=True)]
        flags_at: list[tuple[int, int]] = []
        any_verb = 0
        for i in compress(range(len(infos)), infos):  # the words with a family or a flag
            fams, flags = infos[i]
            pos = starts[i]
            for name in fams:
                lst = at.get(name)
                if lst is None:
                    at[name] = [pos]
                else:
                    lst.append(pos)
                if name == "place" or name == "feat_after":
                    idx.setdefault(name, []).append(i)
            if flags:
                flags_at.append((i, flags))
                any_verb |= flags
        if any_verb & (_F_KILL | _F_INJ) and any_verb & (_F_CORE | _F_LEAD):
            self._numbers(items, flags_at, at)
        self.at = at
        self.idx = idx

    @staticmethod
    def _numbers(
        items: list[tuple[int, str]], flags_at: list[tuple[int, int]], at: dict[str, list[int]]
    ) -> None:
        """Counts that a passive verb follows ("21 were killed", "five wounded")."""
        # One pass sorts the flagged words; "is there a c in the (ascending) list with
        # 0 < c - i <= reach" is then a bisection: the first c after i is close enough.
        kv: list[int] = []
        iv: list[int] = []
        cores: list[int] = []
        sing: list[int] = []
        leads: list[int] = []
        for i, f in flags_at:
            if f & _F_KILL:
                kv.append(i)
            elif f & _F_INJ:
                iv.append(i)
            if f & _F_CORE:
                cores.append(i)
            elif f & _F_LEAD:
                leads.append(i)
            if f & _F_SING:
                sing.append(i)
        nums = cores
        if leads:
            nums = list(cores)
            for i in leads:
                k = bisect_right(cores, i)
                if (k < len(cores) and cores[k] - i <= 3) or (
                    items[i][1] in _ONE_LEADS
                    and (k2 := bisect_right(sing, i)) < len(sing)
                    and sing[k2] - i <= 4
                ):
                    nums.append(i)
            nums.sort()
        for verbs, name in ((kv, "number_k"), (iv, "number_i")):
            if verbs:
                sel = []
                for i in nums:
                    k = bisect_right(verbs, i)
                    if k < len(verbs) and verbs[k] - i <= _PASSIVE_REACH:
                        sel.append(items[i][0])
                if sel:
                    at[name] = sel

    def has(self, family: str) -> bool:
        return family in self.at

    def cue_positions(self, text: str) -> list[int]:
        """Place cues followed, within a few words, by a capitalised word of ``text``."""
        out: list[int] = []
        items = self.items
        n = len(items)
        for i in self.idx.get("place", ()):
            pos = items[i][0]
            for j in range(i + 1, min(n, i + 1 + _CUE_REACH)):
                if text[items[j][0]].isupper():
                    out.append(pos)
                    break
        return out


_SECOND = itemgetter(1)
_QUIET = _Toks("")


def _scan(rx: re.Pattern[str], family: str, toks: _Toks, text: str) -> list[re.Match[str]]:
    """Like ``rx.finditer(text)``, but trying ``rx`` only where ``family`` may start."""
    out: list[re.Match[str]] = []
    last = 0
    for pos in toks.at.get(family, ()):
        if pos < last:
            continue
        m = rx.match(text, pos)
        if m is not None:
            out.append(m)
            last = max(m.end(), pos + 1)
    return out


def _lower(text: str) -> str:
    """Lowercase ``text`` keeping every offset (a few characters grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation of ``words`` factored by shared prefixes ("kill|kin" ->
    "ki(?:ll|n)"), for an existence test: it matches at every position where the flat
    alternation matches (a word that extends another is dropped), several times faster,
    since each position tries one branch per letter instead of every word."""
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        if "" in node:  # a word ends here: any longer continuation is optional
            return ""
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(tree)
