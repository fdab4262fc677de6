"""A minimal headless Chromium driver over the DevTools protocol pipe (standard library only).

Used by the browser tests and the map benchmarks to open generated maps in a real browser with
the network cut off, read console errors and exceptions, wait for a page flag, evaluate
JavaScript and take screenshots. ``--remote-debugging-pipe`` speaks CDP as NUL-separated JSON
over file descriptors 3 and 4, so no websocket library is needed.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

#: Flags that keep Chromium off the network and quiet.
OFFLINE_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def find_chromium() -> str | None:
    """Return the path of a Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _high_fd(fd: int) -> int:
    import fcntl

    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return new


class BrowserError(RuntimeError):
    """Chromium failed to start or answer."""


class Chromium:
    """One headless Chromium with one page, driven over the DevTools pipe.

    Use as a context manager::

        with Chromium() as browser:
            browser.open(Path("map.html"))
            browser.wait_for("document.documentElement.dataset.gcReady === '1'")
            errors = browser.errors
    """

    def __init__(self, executable: str | None = None, *, width: int = 1200, height: int = 800,
                 timeout: float = 60.0) -> None:
        exe = executable or find_chromium()
        if exe is None:
            msg = "chromium is not installed"
            raise BrowserError(msg)
        self.timeout = timeout
        self._tmp = tempfile.TemporaryDirectory(prefix="gc-chromium-")
        r_cmd, w_cmd = os.pipe()  # we write commands -> chromium fd 3
        r_evt, w_evt = os.pipe()  # chromium fd 4 -> we read events
        # keep the child's ends clear of fds 3 and 4, which the shell below fills
        r_cmd, w_evt = (_high_fd(r_cmd), _high_fd(w_evt))
        args = [
            exe, *OFFLINE_FLAGS, f"--user-data-dir={self._tmp.name}",
            f"--window-size={width},{height}", "--remote-debugging-pipe", "about:blank",
        ]

        def _child() -> None:  # pragma: no cover - runs in the forked child
            os.dup2(r_cmd, 3)  # inheritable copies where Chromium expects them
            os.dup2(w_evt, 4)

        # close_fds=False keeps the dup2'ed fds 3 and 4; every other fd Python opens is
        # non-inheritable (PEP 446) and so still closes on exec.
        self.proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=_child,
            start_new_session=True,
        )
        os.close(r_cmd)
        os.close(w_evt)
        self._w = os.fdopen(w_cmd, "wb", buffering=0)
        self._r = os.fdopen(r_evt, "rb", buffering=0)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        self._attach(width, height)

    # --- protocol -------------------------------------------------------------------------
    def _send(self, method: str, params: dict[str, Any] | None = None, *,
              session: bool = True) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        self._w.write(json.dumps(msg).encode() + b"\0")
        want = self._id
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == want:
                if "error" in reply:
                    msg_0 = f"{method}: {reply['error']}"
                    raise BrowserError(msg_0)
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                msg = "timed out waiting for chromium"
                raise BrowserError(msg)
            ready, _, _ = select.select([self._r], [], [], left)
            if not ready:
                continue
            chunk = self._r.read(1 << 20)
            if not chunk:
                msg = "chromium exited"
                raise BrowserError(msg)
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def _attach(self, width: int, height: int) -> None:
        targets = self._send("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self._send(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True},
            session=False,
        )["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self._send(f"{domain}.enable")
        self._send("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    # --- API ------------------------------------------------------------------------------
    def open(self, path: Path | str) -> float:
        """Navigate to a local file; return the wall time at which navigation started."""
        url = Path(path).resolve().as_uri() if not str(path).startswith(("file:", "http")) \
            else str(path)
        self.events.clear()
        start = time.perf_counter()
        self._send("Page.navigate", {"url": url})
        # later evaluations must see the new document, not the one being replaced
        self.wait_for(f"location.href === {json.dumps(url)}", interval=0.005)
        return start

    def evaluate(self, expression: str) -> Any:
        """Evaluate a JavaScript expression in the page and return its JSON value."""
        res = self._send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in res:
            msg = f"evaluate {expression!r}: {res['exceptionDetails']}"
            raise BrowserError(msg)
        return res.get("result", {}).get("value")

    def wait_for(self, expression: str, *, timeout: float | None = None,
                 interval: float = 0.02) -> float:
        """Poll ``expression`` until it is truthy; return the wall time when it was."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression):
                    return time.perf_counter()
            except BrowserError:
                pass
            time.sleep(interval)
        msg = f"timed out waiting for {expression!r}"
        raise BrowserError(msg)

    def screenshot(self, path: Path | str) -> None:
        """Save a PNG screenshot of the page."""
        data = self._send("Page.captureScreenshot", {"format": "png"})["data"]
        Path(path).write_bytes(base64.b64decode(data))

    @property
    def errors(self) -> list[str]:
        """Console errors/warnings, uncaught exceptions and failed loads seen since ``open``."""
        self._drain()
        found = []
        for ev in self.events:
            method, p = ev.get("method"), ev.get("params", {})
            if method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                exc = d.get("exception", {})
                text = exc.get("description") or exc.get("value") or d.get("text", "?")
                found.append(f"{text} at {d.get('url', '')}:{d.get('lineNumber')}:"
                             f"{d.get('columnNumber')}")
            elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning",
                                                                             "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", "")))
                                      for a in p.get("args", [])))
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error",
                                                                                     "warning"):
                e = p["entry"]
                found.append(f"{e.get('text')} {e.get('url', '')}".strip())
        return found

    @property
    def console(self) -> list[str]:
        """Every console message logged since ``open`` (any level)."""
        self._drain()
        return [" ".join(str(a.get("value", "")) for a in ev["params"].get("args", []))
                for ev in self.events if ev.get("method") == "Runtime.consoleAPICalled"]

    def _drain(self) -> None:
        self.evaluate("1")  # a round trip flushes queued events into self.events

    def close(self) -> None:
        """Quit Chromium and remove its profile folder."""
        try:
            self._send("Browser.close", session=False)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fh in (self._w, self._r):
            try:
                fh.close()
            except OSError:
                pass
        self._tmp.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
