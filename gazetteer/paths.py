"""Where the toolkit keeps its per-user files (one rule for every cache)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["user_cache_dir"]


def user_cache_dir() -> Path:
    """The per-user cache folder of the toolkit (the name index, the online geocoder's answers).

    ``$GEOCONFLICT_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/geoconflict``, else the
    platform's cache folder: ``~/.cache/geoconflict`` on Linux,
    ``~/Library/Caches/geoconflict`` on macOS, ``%LOCALAPPDATA%\\geoconflict\\Cache`` on
    Windows. The folder is not created here.
    """
    override = os.environ.get("GEOCONFLICT_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg).expanduser() / "geoconflict"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "geoconflict" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "geoconflict"
    return Path.home() / ".cache" / "geoconflict"
