"""Sentence splitting: abbreviations, initials, decimals, quotations, offsets."""

from __future__ import annotations

import pytest

from geoconflict.text import split_paragraphs, split_sentences

CASES = [
    (
        "U.S. officials met Gen. Smith. Then they left.",
        ["U.S. officials met Gen. Smith.", "Then they left."],
    ),
    (
        "The raid came on Feb. 8 at dawn. Nine died.",
        ["The raid came on Feb. 8 at dawn.", "Nine died."],
    ),
    (
        "He lived at No. 12 Baghdad Street. Jets hit it.",
        ["He lived at No. 12 Baghdad Street.", "Jets hit it."],
    ),
    ("Dr. Hamza treated them. Five survived.", ["Dr. Hamza treated them.", "Five survived."]),
    ("George W. Bush spoke. Nobody listened.", ["George W. Bush spoke.", "Nobody listened."]),
    (
        "The toll rose 2.5 percent overnight. Rescuers dug.",
        ["The toll rose 2.5 percent overnight.", "Rescuers dug."],
    ),
    (
        '"We found nobody alive." The rescuer wept.',
        ['"We found nobody alive."', "The rescuer wept."],
    ),
    ("“We found nobody,” he said. Then he left.", ["“We found nobody,” he said.", "Then he left."]),
    ("Why did they strike? Nobody knows.", ["Why did they strike?", "Nobody knows."]),
    (
        "Headline without a stop\nBody sentence one. Body two.",
        ["Headline without a stop", "Body sentence one.", "Body two."],
    ),
    ("the U.S. In a statement, it denied it.", ["the U.S.", "In a statement, it denied it."]),
    ("Shells fell at 9 a.m. on the market.", ["Shells fell at 9 a.m. on the market."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize("text", [c[0] for c in CASES], ids=[c[0][:30] for c in CASES])
def test_offsets_index_the_original_text(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_paragraph_numbers_follow_blank_lines() -> None:
    text = "Title line\n\nFirst para. Still first.\n\n\nSecond para."
    sents = split_sentences(text)
    assert [s.paragraph for s in sents] == [0, 1, 1, 2]
    assert [text[a:b] for a, b in split_paragraphs(text)] == [
        "Title line",
        "First para. Still first.",
        "Second para.",
    ]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


def test_sample_articles_keep_offsets(example_paths) -> None:  # type: ignore[no-untyped-def]
    for path in example_paths:
        text = path.read_text(encoding="utf-8")
        sents = split_sentences(text)
        assert len(sents) > 10
        for s in sents:
            assert text[s.start : s.end] == s.text
            assert s.text == s.text.strip()


def test_long_line_of_abbreviations_splits_like_short_ones() -> None:
    # The word before each full stop is found by walking back over it, whatever the line's
    # length: a very long line still splits at every real boundary and keeps "Gen." whole.
    line = " ".join(["Gen. Ali met the U.S. envoy. Shells fell."] * 300)
    sents = split_sentences(line)
    assert len(sents) == 600
    assert sents[0].text == "Gen. Ali met the U.S. envoy."
    assert all(line[s.start : s.end] == s.text for s in sents)


def test_a_threads_post_numbers_are_no_part_of_its_sentences() -> None:
    text = ("1/ Jets struck Saraqib at dawn.\n\n2/ Since 2018, hundreds have been killed.\n\n"
            "9/11 changed it.")
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Jets struck Saraqib at dawn.",
        "Since 2018, hundreds have been killed.",
        "9/11 changed it.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)
