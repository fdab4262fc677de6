"""Shared fixtures. Test modules may add their own conftest-free fixtures locally."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def example_paths() -> list[Path]:
    """The bundled sample articles (package data)."""
    folder = resources.files("geoconflict") / "examples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout (gold files, scorer); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of a headless-capable Chromium; skip browser tests when absent."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (Debian package 'chromium')")
    return path
