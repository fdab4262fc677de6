"""Tests of gazetteer.loader: the embedded data, its cache, and standalone import."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from gazetteer import GazetteerDataError, load_default, read_places, read_regions


def _run(code: str, env_cache: str | None) -> str:
    """Run ``code`` in a fresh interpreter; ``env_cache`` None keeps the user's cache."""
    env = dict(os.environ)
    if env_cache is not None:
        env.update({"XDG_CACHE_HOME": env_cache, "HOME": env_cache})
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return out.stdout.strip()


def test_load_default_is_cached_and_complete() -> None:
    g = load_default()
    assert load_default() is g
    assert len(g) > 9000
    sources = {p.source for p in g.places}
    assert {"geonames+ocha", "ocha", "supplement", "geonames-world"} <= sources
    assert g.get("geonames:169372").name == "‘Irbīn"  # type: ignore[union-attr]


def test_regions_have_region_precision_and_a_governorate() -> None:
    regions = read_regions()
    assert len(regions) >= 10
    for r in regions:
        assert r.precision in (2, 5)
        assert r.admin1
        assert r.feature_code == "RGN"
    ghouta = next(r for r in regions if r.name == "East Ghouta")
    # East Ghouta is east of Damascus, not the city centre
    assert ghouta.lon > 36.33
    assert 33.45 < ghouta.lat < 33.65


def test_read_places_reports_bad_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "p.tsv"
    header = ("place_id\tname\tlat\tlon\tcountry_code\tfeature_class\tfeature_code\tadmin1\t"
              "admin2\tpopulation\tprecision\tsource\tcoord_err_km\taliases\n")  # fmt: skip
    bad.write_text(header + "x:1\tA\tnorth\t36\tSY\tP\tPPL\t\t\t0\t1\tt\t0\t\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="lat 'north' is not a number"):
        read_places(bad)
    bad.write_text(header + "x:1\tA\t95\t36\tSY\tP\tPPL\t\t\t0\t1\tt\t0\t\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="swapped"):
        read_places(bad)


def test_cache_round_trip_and_speed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = """
        import time
        t = time.perf_counter()
        import gazetteer
        g = gazetteer.load_default()
        r = gazetteer.default_resolver()
        r.resolve("Douma")
        print(f"{time.perf_counter() - t:.3f} {len(g)}")
    """
    first = _run(code, str(tmp_path))  # builds and writes the cache
    assert list((tmp_path / "geoconflict").glob("gazetteer-*.cache"))
    second = _run(code, str(tmp_path))
    seconds, n = second.split()
    assert n == first.split()[1]
    # well under a second on an idle machine; generous for a shared CI box
    assert float(seconds) < 3.0


def test_unwritable_cache_falls_back_to_memory(tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    out = _run(
        """
        import gazetteer
        print(gazetteer.default_resolver().resolve("Saraqib").best.place.admin1)
        """,
        str(blocker),
    )
    assert out == "Idleb"


def test_gazetteer_never_imports_geoconflict() -> None:
    load_default()  # the user's cache is warm for the subprocess
    out = _run(
        """
        import sys
        import gazetteer
        gazetteer.default_resolver().resolve("Erbin")
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("geoconflict", "geopandas")))
        """,
        None,
    )
    assert out == "[]"


def test_index_cache_and_online_cache_share_one_folder_rule(monkeypatch, tmp_path):
    from gazetteer import online
    from gazetteer.loader import cache_dir

    monkeypatch.setenv("GEOCONFLICT_CACHE_DIR", str(tmp_path / "gc"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == online.user_cache_dir() == tmp_path / "gc"
    monkeypatch.delenv("GEOCONFLICT_CACHE_DIR")
    assert cache_dir() == online.user_cache_dir() == tmp_path / "xdg" / "geoconflict"
