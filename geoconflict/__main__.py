"""``python -m geoconflict``: the same command line as the ``geoconflict`` script."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    main(prog_name="geoconflict")
