"""Exceptions raised by :mod:`gazetteer`.

Each one also inherits the matching builtin, so callers may catch either.
"""

from __future__ import annotations


class GazetteerError(Exception):
    """Root of every error raised by the gazetteer package."""


class GazetteerDataError(GazetteerError, ValueError):
    """A gazetteer file or row cannot be read (bad path, format, or values)."""


class PlaceNotFoundError(GazetteerError, LookupError):
    """A name resolved to no place (raised only by strict lookups).

    Attributes
    ----------
    query : str
        The name that was looked up.
    suggestions : tuple of str
        Close names, best first, for a "Did you mean ...?" message.
    """

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        msg = f"no place named {query!r} in the gazetteer"
        if self.suggestions:
            msg += f"; did you mean {self.suggestions[0]!r}?"
        super().__init__(msg)


class GeocoderUnavailableError(GazetteerError, ConnectionError):
    """The optional online geocoder could not be reached (offline, refused, or timed out)."""
