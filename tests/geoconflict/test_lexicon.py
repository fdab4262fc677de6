"""The lexicon's trigger words: trying a pattern only at trigger words finds what a full
scan finds (the engine's speed must not cost matches)."""

from __future__ import annotations

import pytest

from geoconflict import _tokens, mentions
from geoconflict import lexicon as lx
from geoconflict.text import split_sentences

TEXT = """
Russian warplanes struck a market in the town of Ariha on Monday, killing at least 21 people.
Twenty-one people, including six children, were killed in air raids on Saraqib.
About 40 civilians were reportedly killed and 120 others wounded in shelling on Douma.
A car bomb left nine people dead near a checkpoint in Azaz, the Observatory said.
The death toll from the barrel bomb attack on Daraya has risen to 45.
Regime helicopters dropped barrel bombs on Anadan, injuring a dozen residents.
The US-led coalition said its strikes near Raqqa killed 15 IS militants.
Turkish artillery shelled YPG positions near Afrin, wounding three fighters.
An IED exploded in al-Bab, and a suicide bomber blew himself up at a mosque in Jarablus.
Gunmen shot dead a local council member in Daraa; two of his guards were also killed.
Up to 30 Hezbollah fighters died in clashes with rebels in the Qalamoun mountains.
A child was killed and her mother was wounded when a mortar hit their home in Jobar.
Between 10 and 15 soldiers lost their lives in an ambush near Palmyra on 3 March 2017.
The strikes claimed the lives of more than 60 people, among them 22 children.
Israeli jets hit an Iranian base near Damascus airport, the army said.
"""


def _sentences(example_paths) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [TEXT] + [p.read_text(encoding="utf-8") for p in example_paths]
    return [s.text for t in texts for s in split_sentences(t)]


PAIRS = [
    (lx.EVENT_RE, "event", True),
    (lx.TARGET_RE, "target", True),
    (lx.KILL_ACTIVE_RE, "kill", True),
    (lx.TOLL_RE, "toll", True),
    (lx.DEATHS_OF_RE, "deaths_of", True),
    (lx.INJURE_ACTIVE_RE, "injure", True),
    (lx.KILL_PASSIVE_RE, "number_k", True),
    (lx.INJURE_PASSIVE_RE, "number_i", True),
    (lx.ACTOR_RE, "actor", False),
]


@pytest.mark.parametrize(("rx", "family", "lower"), PAIRS, ids=[p[1] for p in PAIRS])
def test_trigger_scan_finds_what_a_full_scan_finds(rx, family, lower, example_paths) -> None:  # type: ignore[no-untyped-def]
    total = 0
    for sentence in _sentences(example_paths):
        masked = mentions._mask(sentence)
        low = _tokens._lower(masked)
        toks = _tokens._Toks(low)
        text = low if lower else masked
        full = [(m.start(), m.end()) for m in rx.finditer(text)]
        fast = [(m.start(), m.end()) for m in _tokens._scan(rx, family, toks, text)]
        assert fast == full, sentence
        total += len(full)
    assert total > 0


def test_lowercase_patterns_have_no_uppercase_escapes() -> None:
    # _lc lowers pattern text; an uppercase escape (\\S, \\W, \\D, \\B) would change meaning.
    for name in dir(lx):
        value = getattr(lx, name)
        if hasattr(value, "pattern") and not value.flags & 2:  # compiled without IGNORECASE
            for esc in ("\\S", "\\W", "\\D", "\\B", "\\A", "\\Z"):
                assert esc not in value.pattern, name


def test_actor_table_names_are_stable() -> None:
    names = {name for name, _ in lx.ACTORS}
    assert names == {
        "Russia",
        "US-led coalition",
        "Israel",
        "Turkey",
        "HTS",
        "IS",
        "SDF",
        "pro-Assad forces",
        "rebels",
    }


def test_held_is_not_an_actor() -> None:
    assert lx.ACTOR_RE.search("shelling on rebel-held areas") is None
    assert lx.ACTOR_RE.search("regime-controlled districts") is None
