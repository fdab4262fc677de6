"""Atomic writes: complete or absent, never half-written, with ordinary file modes."""

from __future__ import annotations

import os
import stat

import pytest

from geoconflict._atomic import atomic_open, atomic_path
from geoconflict.errors import ExportError


def test_written_file_replaces_target_with_umask_mode(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    old_mask = os.umask(0o022)
    try:
        with atomic_open(target) as fh:
            fh.write("new")
    finally:
        os.umask(old_mask)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failure_leaves_target_untouched_and_no_temp_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        msg = "boom"
        raise RuntimeError(msg)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"), atomic_open(tmp_path / "no" / "x"):
        pass
