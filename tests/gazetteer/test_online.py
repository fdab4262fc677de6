"""The Nominatim fallback against a real HTTP server on 127.0.0.1 (no mocks of geopy)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer import GeocoderUnavailableError, Place
from gazetteer.online import DEFAULT_USER_AGENT, NominatimFallback, osm_precision

# Answers in Nominatim's /search JSON shape (format=json: "class"; jsonv2: "category").
MARIB = {
    "place_id": 1234,
    "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
    "osm_type": "node",
    "osm_id": 5550001,
    "lat": "15.4620",
    "lon": "45.3253",
    "class": "place",
    "type": "town",
    "place_rank": 16,
    "importance": 0.5,
    "addresstype": "town",
    "name": "Marib",
    "display_name": "Marib, Marib Governorate, Yemen",
    "address": {"town": "Marib", "state": "Marib Governorate", "country_code": "ye"},
    "namedetails": {"name": "مأرب", "name:en": "Marib", "alt_name": "Ma'rib"},
    "boundingbox": ["15.43", "15.49", "45.30", "45.35"],
}
HADRAMAUT = {
    "place_id": 99,
    "osm_type": "relation",
    "osm_id": 777,
    "lat": "16.0",
    "lon": "49.0",
    "category": "boundary",
    "type": "administrative",
    "place_rank": 8,
    "addresstype": "state",
    "name": "Hadramaut",
    "display_name": "Hadramaut, Yemen",
    "address": {"state": "Hadramaut", "country_code": "ye"},
    "boundingbox": ["14", "19", "47", "53"],
}


class _Nominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim: known names get one result, others an empty list."""

    answers: ClassVar[dict[str, dict]] = {"marib": MARIB, "hadramaut": HADRAMAUT}

    def do_GET(self) -> None:
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.server.requests.append((url.path, params, dict(self.headers)))  # type: ignore[attr-defined]
        if url.path != "/search" or params.get("format") not in {"json", "jsonv2"}:
            self.send_error(400, "bad request")
            return
        if params.get("q") == "forbidden":
            self.send_error(403, "Forbidden")
            return
        answer = self.answers.get(params.get("q", "").casefold())
        if answer is not None and params.get("countrycodes", "ye") != "ye":
            answer = None
        body = json.dumps([answer] if answer else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    httpd.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _fallback(port: int, tmp_path, **kwargs) -> NominatimFallback:
    return NominatimFallback(
        domain=f"127.0.0.1:{port}",
        scheme="http",
        cache_path=tmp_path / "nominatim.sqlite3",
        min_delay_seconds=0,
        timeout=5,
        **kwargs,
    )


def test_hit_becomes_a_place(server, tmp_path):
    with _fallback(server.server_port, tmp_path) as online:
        place = online.geocode("Marib", country="YE")
    assert isinstance(place, Place)
    assert place.name == "Marib"
    assert place.source == "nominatim"
    assert (place.lat, place.lon) == pytest.approx((15.4620, 45.3253))
    assert place.country_code == "YE"
    assert place.precision == 1
    assert place.admin1 == "Marib Governorate"
    assert "Ma'rib" in place.aliases
    path, params, _ = server.requests[0]
    assert path == "/search"
    assert params["q"] == "Marib"
    assert params["countrycodes"] == "ye"


def test_miss_returns_none(server, tmp_path):
    with _fallback(server.server_port, tmp_path) as online:
        assert online.geocode("Nowhereville", country="YE") is None
        assert online.match("Nowhereville") is None
    assert len(server.requests) == 2  # the country is part of the cache key


def test_cache_answers_the_second_time_without_a_request(server, tmp_path):
    with _fallback(server.server_port, tmp_path) as online:
        first = online.geocode("Marib", country="YE")
        online.geocode("Nowhereville")
        assert len(server.requests) == 2
        again = online.geocode("  marib ", country="ye")
        assert online.geocode("Nowhereville") is None  # a miss is cached too
        assert len(server.requests) == 2
    assert again == first
    # the cache is on disk: a new object (a new run) asks nothing either
    with _fallback(server.server_port, tmp_path) as later:
        assert later.geocode("Marib", country="YE") == first
        assert later.requests_sent == 0
    assert len(server.requests) == 2


def test_user_agent_names_the_project(server, tmp_path):
    with _fallback(server.server_port, tmp_path) as online:
        online.geocode("Marib")
    headers = server.requests[0][2]
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("geoconflict/")
    assert "+http" in DEFAULT_USER_AGENT


def test_state_result_has_governorate_precision(server, tmp_path):
    with _fallback(server.server_port, tmp_path) as online:
        match = online.match("Hadramaut")
    assert match is not None
    assert match.method == "online"
    assert match.precision == 4
    assert match.place.feature_code == "ADM1"
    assert 0 < match.score < 1


def test_offline_raises_a_clear_error(tmp_path):
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with _fallback(port, tmp_path, max_retries=0) as online:
        with pytest.raises(GeocoderUnavailableError) as info:
            online.geocode("Marib")
        assert len(online.cache) == 0  # a failure is not cached as a miss
    message = str(info.value)
    assert f"http://127.0.0.1:{port}/search (connection refused)" in message
    assert "offline" in message
    assert "\n" not in message and "Traceback" not in message
    assert "run without --online" in message
    assert isinstance(info.value, ConnectionError)


@pytest.mark.parametrize(
    ("result", "precision"),
    [
        ({"class": "place", "type": "village"}, 1),
        ({"class": "place", "type": "suburb"}, 2),
        ({"class": "boundary", "type": "administrative", "addresstype": "county"}, 3),
        ({"category": "boundary", "type": "administrative", "place_rank": 8}, 4),
        ({"class": "place", "type": "region"}, 5),
        ({"class": "natural", "type": "valley"}, 5),
        ({"class": "boundary", "type": "administrative", "addresstype": "country"}, 6),
        ({"class": "amenity", "type": "hospital"}, 1),
    ],
    ids=["village", "suburb", "county", "state-by-rank", "region", "valley", "country", "hospital"],
)
def test_osm_precision(result, precision):
    assert osm_precision(result)[0] == precision


def test_resolver_asks_online_only_when_offline_data_has_no_answer(server, tmp_path):
    from gazetteer import Gazetteer, Resolver

    aden = Place("user:1", "Aden", 12.78, 45.04, "YE")
    with _fallback(server.server_port, tmp_path) as online:
        resolver = Resolver(Gazetteer.from_places([aden]), default_country="YE", online=online)
        offline = resolver.resolve("Aden").best
        assert offline is not None and offline.method != "online"
        assert server.requests == []  # the offline answer needed no request
        best = resolver.resolve("Marib").best
    assert best is not None
    assert best.method == "online"
    assert best.place.name == "Marib"
    assert server.requests[0][1]["countrycodes"] == "ye"


def test_refusing_server_raises_a_clear_error(server, tmp_path):
    with _fallback(server.server_port, tmp_path, max_retries=0) as online:
        with pytest.raises(GeocoderUnavailableError, match=r"access refused \(HTTP 403\)"):
            online.geocode("forbidden")
        assert online.geocode("Marib") is not None  # the next name still works
