"""The HTML map as built (no browser): escaping, offline inlining, classes, honest placement.

What the page does once drawn is checked in a real Chromium in test_maps_browser.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings

import numpy as np
import pytest

import geoconflict.maps as maps
from geoconflict.boundaries import load_boundaries
from geoconflict.errors import ExportError, InputError
from geoconflict.frames import incidents_to_gdf
from geoconflict.joins import join_admin_areas
from geoconflict.maps import (
    classify,
    fisher_jenks_breaks,
    incident_map,
    incidents_blob,
    map_png,
    render_map,
    save_map,
    script_json,
)
from tests.geoconflict.map_data import IMG_PAYLOAD, SCRIPT_PAYLOAD, incident, map_incidents


@pytest.fixture(scope="module")
def offline_html():
    return render_map(incident_map(map_incidents(), offline=True, title="Test <i>map</i>"))


@pytest.fixture(scope="module")
def online_html():
    return render_map(incident_map(map_incidents(), offline=False))


def test_script_json_cannot_close_or_open_markup():
    text = script_json({"t": "</script><!-- <img src=x> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!-- <img src=x> & \u2028"}


@pytest.mark.parametrize("html_fixture", ["offline_html", "online_html"])
def test_article_markup_never_reaches_the_page_as_markup(request, html_fixture):
    html = request.getfixturevalue(html_fixture)
    assert SCRIPT_PAYLOAD not in html and IMG_PAYLOAD not in html
    assert "document.title='pwned'" in html  # present, but only as escaped JSON text
    assert "\\u003cscript\\u003edocument.title" in html


def test_the_title_is_escaped(offline_html):
    assert "Test <i>map</i>" not in offline_html
    assert "Test &lt;i&gt;map&lt;/i&gt;" in offline_html


def test_offline_map_loads_nothing_from_the_network(offline_html):
    assert not re.search(r"<script[^>]+src=", offline_html)
    assert not re.search(r"<link[^>]+href=", offline_html)
    assert "tile.openstreetmap" not in offline_html
    assert "L.markerClusterGroup" in offline_html and "Leaflet 1.9.4" in offline_html
    assert "simpleheat" in offline_html


def test_online_map_uses_cdn_scripts_and_tiles(online_html):
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js" in online_html
    assert "tile.openstreetmap.org" in online_html
    assert "jquery" not in online_html.lower()  # only what the map needs


def test_attribution_title_legend_and_layers_are_present(offline_html):
    for text in ("GeoNames", "OCHA", "geoBoundaries", "Natural Earth",
                 "Killed per governorate", "Killed per district", "Heat map",
                 "no incidents or deaths not reported", "gc-legend", "gc-title"):
        assert text in offline_html


def test_save_map_is_atomic_and_refuses_a_missing_folder(tmp_path):
    out = save_map(map_incidents(), tmp_path / "map.html", offline=True)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    with pytest.raises(ExportError, match="does not exist"):
        save_map(map_incidents(), tmp_path / "missing" / "map.html")


def test_offline_check_catches_an_external_script():
    m = incident_map(map_incidents(), offline=True)
    from branca.element import JavascriptLink

    m.get_root().header.add_child(JavascriptLink("https://example.org/x.js"))
    with pytest.raises(ExportError, match="external resource"):
        render_map(m)


def test_unknown_level_is_refused():
    with pytest.raises(InputError, match="admin1 or admin2"):
        incident_map(map_incidents(), level="admin7")


def test_empty_input_still_gives_a_map(tmp_path):
    html = render_map(incident_map([], offline=True))
    assert "Killed per governorate" in html


def test_fisher_jenks_matches_mapclassify():
    mapclassify = pytest.importorskip("mapclassify")
    rng = np.random.default_rng(5)
    for _ in range(10):
        values = np.round(rng.lognormal(2, 1.4, size=int(rng.integers(8, 80))))
        for k in (2, 3, 5):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ref = mapclassify.FisherJenks(values, k=k).bins
            assert fisher_jenks_breaks(values, k) == pytest.approx(list(ref))


def test_classes_fall_back_to_fewer_when_few_distinct_values():
    assert classify([None, np.nan]) == []
    assert classify([3, 3, 3]) == [(3.0, 3.0)]
    assert classify([0, 5, 5, 9]) == [(0.0, 0.0), (5.0, 5.0), (9.0, 9.0)]
    classes = classify([0, 1, 2, 3, 10, 11, 12, 50, 51, 200], k=4)
    assert len(classes) == 4 and classes[0][0] == 0 and classes[-1][1] == 200
    assert all(lo <= hi for lo, hi in classes)


def test_choropleth_colours_nodata_apart_from_zero():
    incs = [incident("z", 35.95, 39.01, killed_best=0), incident("k", 35.862, 36.8,
                                                                 killed_best=7)]
    m = incident_map(incs, offline=True)
    html = render_map(m)
    blob = _blob(html, "Ar-Raqqa")
    feats = {f["properties"]["label"]: f["properties"] for f in blob["features"]}
    assert feats["Ar-Raqqa"]["fill"] != maps.NODATA_COLOR and not feats["Ar-Raqqa"]["nodata"]
    assert feats["Homs"]["fill"] == maps.NODATA_COLOR and feats["Homs"]["nodata"]
    assert feats["Ar-Raqqa"]["fill"] != feats["Idleb"]["fill"]


def _blob(html, needle):
    for payload in re.findall(r'<script type="application/json"[^>]*data-encoding="json">'
                              r"(.*?)</script>", html, re.S):
        if needle in payload:
            return json.loads(payload)
    msg = f"no data blob containing {needle!r}"
    raise AssertionError(msg)


def test_coarse_incidents_are_drawn_at_their_area_centre_not_as_a_pinpoint():
    gdf = join_admin_areas(incidents_to_gdf(map_incidents()))
    blob = incidents_blob(gdf)
    ids = [blob["s"][i] for i in blob["id"]]
    k = ids.index("t-idleb-gov")
    assert blob["pr"][k] == 4
    gov = load_boundaries("admin1").set_index("name").loc["Idleb", "geometry"]
    centre = gov.representative_point()
    assert (blob["lon"][k], blob["lat"][k]) == (round(centre.x, 5), round(centre.y, 5))
    assert "t-nowhere" not in ids  # no position, no marker
    assert len(ids) == 7


def test_large_blobs_are_compressed_and_small_ones_are_plain(monkeypatch):
    html = render_map(incident_map(map_incidents(), offline=True))
    assert 'data-encoding="gzip-base64"' not in html
    monkeypatch.setattr(maps, "COMPRESS_ABOVE", 100)
    html = render_map(incident_map(map_incidents(), offline=True))
    assert 'data-encoding="gzip-base64"' in html
    assert "document.title" not in html  # the texts are inside the compressed blob


def test_unmatched_areas_are_reported_when_mapping():
    gdf = incidents_to_gdf([incident("u", killed_best=1)])
    gdf["admin1"] = ["Narnia"]
    with pytest.warns(UserWarning, match="Narnia"):
        incident_map(gdf, offline=True)


def test_png_map(tmp_path):
    out = map_png(map_incidents(), tmp_path / "map.png", level="admin2", title="Deaths")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_reference_events_are_an_optional_grey_layer():
    ref = [incident("acled-1", 35.0, 37.0, event_type="airstrike", killed_best=4)]
    html = render_map(incident_map(map_incidents(), offline=True, reference=ref))
    assert "Reference events (1)" in html
    assert '"reference": true' in html or '"reference":true' in html


def test_dates_given_as_timestamps_still_drive_the_slider():
    import pandas as pd

    gdf = incidents_to_gdf(map_incidents())
    gdf["date"] = pd.to_datetime(gdf["date"])
    blob = incidents_blob(join_admin_areas(gdf))
    assert blob["dates"][0] == "2021-03-02" and len(blob["dates"]) == 5


def test_a_map_whose_points_miss_every_area_says_so():
    far = [incident("kyiv", 50.45, 30.52, killed_best=2)]  # not in the embedded boundaries
    with pytest.warns(UserWarning, match="none of the 1 placed incidents"):
        incident_map(far, offline=True)


def test_template_syntax_in_articles_and_titles_is_not_evaluated():
    incs = [incident("tpl", 35.862, 36.8, killed_best=1,
                     text="A strike {{ 7*7 }} and {% if true %}x{% endif %} on Saraqeb.")]
    html = render_map(incident_map(incs, offline=True, title="Title {{ 6*7 }}"))
    assert "{{ 7*7 }}" in html and "{% if true %}x{% endif %}" in html
    assert "Title {{ 6*7 }}" in html and "Title 42" not in html


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_the_same_incidents_give_the_same_html(offline):
    first = render_map(incident_map(map_incidents(), offline=offline))
    again = render_map(incident_map(map_incidents(), offline=offline))
    assert first == again
    assert re.search(r"gc_data_0{20}", first)  # element ids are numbered, not random


def test_a_large_blob_is_compressed_piece_by_piece_to_the_same_bytes():
    import base64
    import gzip
    import random

    from geoconflict.maps import COMPRESS_ABOVE, _elements, script_json

    rnd = random.Random(3)
    words = ["strike", "<b>", "Ünïcödé", "&amp;", "\u2028", "Idleb", '"q"', "x" * 50]
    value = {
        "lat": [round(rnd.uniform(32, 37), 5) for _ in range(30000)],
        "k": [rnd.randrange(-1, 300) for _ in range(30000)],
        "f": {str(i): 1 for i in range(0, 30000, 7)},
        "s": [" ".join(rnd.choice(words) for _ in range(rnd.randrange(1, 30)))
              for _ in range(20000)],
    }
    text = script_json(value)
    assert len(text.encode()) > COMPRESS_ABOVE
    blob = _elements()["DataBlob"](value, compress=True)
    expected = base64.b64encode(gzip.compress(text.encode(), compresslevel=4, mtime=0))
    assert blob.encoding == "gzip-base64"
    assert blob.payload == expected.decode("ascii")
    assert blob.raw_size == len(text.encode())
    small = {"lat": [1.5], "s": ["<script>"]}
    blob = _elements()["DataBlob"](small, compress=True)
    assert (blob.encoding, blob.payload) == ("json", script_json(small))


def test_developments_are_drawn_and_listed_as_their_category():
    fled = incident("t-fled", 35.93, 36.63, event_type="other", category="displacement",
                    date=dt.date(2021, 3, 6), place="Idlib",
                    text="Thousands of families fled Idlib city.")
    gdf = join_admin_areas(incidents_to_gdf([*map_incidents(), fled]))
    html = render_map(incident_map(gdf, offline=True))
    blob = incidents_blob(maps._with_kinds(gdf))
    ids = [blob["s"][i] for i in blob["id"]]
    assert blob["types"][blob["ty"][ids.index("t-fled")]] == "displacement"
    assert blob["types"][blob["ty"][ids.index("t-saraqib")]] == "airstrike"
    # The legend lists the kind with its own colour.
    assert maps.EVENT_COLORS["displacement"] in html and "displacement" in html
