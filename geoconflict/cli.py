"""The ``geoconflict`` command line: thin click commands over the library API.

Every :class:`~geoconflict.errors.GeoconflictError` (and gazetteer error) becomes a one-line
message and exit status 1; usage errors keep click's exit status 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import GeoconflictError

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn library errors into click errors (one line, exit 1) instead of tracebacks."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from gazetteer.errors import GazetteerError

        try:
            return func(*args, **kwargs)
        except (GeoconflictError, GazetteerError) as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geoconflict")
def cli() -> None:
    """Turn news reports of war into maps of strikes and deaths, offline.

    \b
    Typical use:
      geoconflict run articles/ -o out/          # the whole pipeline
      geoconflict extract a.txt -o incidents.geojson
      geoconflict resolve "Deir ez-Zor" Erbin --json
      geoconflict map incidents.geojson -o map.html
      geoconflict export incidents.geojson -o incidents.gpkg
    """


# --- resolve (gazetteer) ---------------------------------------------------------------
# RESOLVE-COMMAND

# --- extract ----------------------------------------------------------------------------
# EXTRACT-COMMAND

# --- map / export -----------------------------------------------------------------------
# MAP-EXPORT-COMMANDS

# --- run --------------------------------------------------------------------------------
# RUN-COMMAND


main = cli

if __name__ == "__main__":  # pragma: no cover
    main()
