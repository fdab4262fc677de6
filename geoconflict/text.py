"""Sentence splitting with character offsets, robust to news abbreviations.

:func:`split_sentences` returns :class:`Sentence` spans whose ``start``/``end`` index into the
original text, so ``text[s.start:s.end] == s.text`` always holds. Line breaks end a sentence
(news pages put headlines, captions and paragraphs on their own lines); inside a line, a full
stop, question or exclamation mark (with any closing quotes or brackets) ends a sentence when
the next word starts with a capital, a digit or an opening quote, unless the word before it is
an abbreviation ("U.S.", "Gen.", "Feb.", "No. 3", "Dr."), an initial ("George W. Bush") or a
decimal point.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Sentence", "split_paragraphs", "split_sentences"]

#: Abbreviations whose full stop does not end a sentence (lowercase, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig rep sen gov pres
    st mt ft ave rd blvd jr sr rev hon amb
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vol approx est etc vs al inc corp co ltd dept govt univ
    u.s u.k u.n e.u u.a.e d.c a.m p.m i.e e.g
    """.split()
)
#: Abbreviations that can also end a sentence when followed by a capitalised word that
#: is not a name (we only keep them unsplit before digits).
_BEFORE_DIGIT_ONLY = frozenset({"no", "nos", "vol"})

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_LINE_RE = re.compile(r"[^\n]+")
_PARA_SEP_RE = re.compile(r"\n[ \t\r]*\n")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and its character offsets in the source text."""

    text: str
    start: int
    end: int
    paragraph: int = 0
    index: int = 0


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the full stop at ``line[dot]`` belongs to an abbreviation or initial."""
    if line[dot] != ".":
        return False
    # The word before the dot: the run of letters and dots ending there, from its first
    # letter (walking back is linear in the word; a regex search from 0 is not in the line).
    r = dot
    while r > 0 and line[r - 1] in _WORD_CHARS:
        r -= 1
    while r < dot and line[r] == ".":
        r += 1
    if r == dot:
        return False
    raw = line[r:dot]
    word = raw.lower().rstrip(".")
    if len(word) == 1 and raw[0].isupper():
        return True  # an initial: "George W. Bush", "U.S." handled below too
    if word in ABBREVIATIONS:
        if word in _BEFORE_DIGIT_ONLY:
            nxt = line[dot + 1 :].lstrip()
            return nxt[:1].isdigit()
        if word in ("u.s", "u.k", "u.n", "e.u", "u.a.e", "d.c"):
            # "the U.S. In a statement..." is rare; "U.S. officials" is common.
            nxt = line[dot + 1 :].lstrip().split(" ", 1)[0]
            return nxt not in {"The", "In", "It", "On", "A", "But", "He", "She", "They", "This"}
        return True
    if "." in word:  # dotted acronyms we do not list: "S.A.A."
        return True
    return False


def split_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of paragraphs: runs of text separated by blank lines."""
    start = 0
    for m in _PARA_SEP_RE.finditer(text):
        yield from _trimmed(text, start, m.start())
        start = m.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with character offsets.

    Parameters
    ----------
    text
        Article text.

    Returns
    -------
    list of Sentence
        In text order; whitespace around each sentence is trimmed, and
        ``text[s.start:s.end] == s.text``.

    Examples
    --------
    >>> [s.text for s in split_sentences("U.S. jets struck on Feb. 8. Ten died.")]
    ['U.S. jets struck on Feb. 8.', 'Ten died.']
    """
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        para = text[p_start:p_end]
        for lm in _LINE_RE.finditer(para):
            line = lm.group()
            base = p_start + lm.start()
            cut = 0
            for bm in _BOUNDARY_RE.finditer(line):
                if _is_abbreviation(line, bm.start()):
                    continue
                _emit(out, text, base + cut, base + bm.end(), p_index)
                cut = bm.end()
            _emit(out, text, base + cut, base + len(line), p_index)
    return out


#: The number of a post in a thread ("4/ Since 2018, ..."), not a date or "9/11".
_THREAD_NUMBER_RE = re.compile(r"\d{1,2}/\s+(?=\S)")


def _emit(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    if start < end and text[start].isdigit():
        thread = _THREAD_NUMBER_RE.match(text, start, end)
        if thread is not None:
            start = thread.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(text[start:end], start, end, paragraph, len(out)))
