"""Open a local page in headless Chromium and check that every ``<video>`` on it plays.

Chromium is driven through the DevTools protocol over ``--remote-debugging-pipe`` (JSON messages
separated by NUL bytes on file descriptors 3 and 4): no WebSocket client, no Selenium, no
downloaded browser. The page is loaded from disk; the check reports, for each video, whether its
metadata loaded and whether its clock advanced after ``play()``, and every console error, uncaught
exception and failed resource load the browser logged.

Also here: :func:`read_page` and :func:`assert_self_contained`, static checks of a page's links,
and the ``chromium`` fixture.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

__all__ = [
    "CHROMIUM_FLAGS",
    "find_chromium",
    "chromium",
    "VideoCheck",
    "PageCheck",
    "Page",
    "read_page",
    "assert_self_contained",
    "check_page",
]

#: The flags the issue asks for, plus a muted-autoplay policy so ``play()`` needs no gesture.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
    "--remote-debugging-pipe",
)

#: Runs in the page: load each video's metadata, play it muted and watch its clock move.
_PLAY_EVERY_VIDEO = r"""
(async () => {
  const wait = (v, names, ms) => new Promise(resolve => {
    const done = (why) => {
      names.forEach(n => v.removeEventListener(n, on)); clearTimeout(t); resolve(why);
    };
    const on = (e) => done(e.type);
    names.forEach(n => v.addEventListener(n, on));
    const t = setTimeout(() => done('timeout'), ms);
  });
  const out = [];
  for (const v of document.querySelectorAll('video')) {
    v.muted = true;
    if (v.readyState < 1 && !v.error) { v.load(); await wait(v, ['loadedmetadata', 'error'], 15000); }
    const r = {src: v.getAttribute('src'), duration: v.duration, error: v.error ? v.error.code : null,
               width: v.videoWidth, height: v.videoHeight, played: 0};
    if (!v.error && v.readyState >= 1) {
      try { await v.play(); } catch (e) { r.error = 'play: ' + e.name; }
      const t0 = Date.now();
      while (!r.error && v.currentTime < 0.3 && !v.ended && Date.now() - t0 < 15000) {
        await new Promise(res => setTimeout(res, 50));
      }
      r.played = v.currentTime;
      v.pause();
      if (v.error) r.error = v.error.code;
    }
    out.push(r);
  }
  return out;
})()
"""


def find_chromium() -> str | None:
    """The Chromium binary on ``PATH`` (Debian's ``chromium``), or ``None``."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass(frozen=True)
class VideoCheck:
    """What one ``<video>`` did: ``ok`` when it loaded, has a size, and its clock advanced."""

    src: str
    duration: float | None
    width: int
    height: int
    played: float
    error: Any

    @property
    def ok(self) -> bool:
        return (
            self.error is None
            and bool(self.duration)
            and self.width > 0
            and (self.played > 0.2 or self.played >= (self.duration or 0) - 0.1)
        )


@dataclass(frozen=True)
class PageCheck:
    """The result of :func:`check_page`."""

    videos: tuple[VideoCheck, ...]
    errors: tuple[str, ...] = field(default_factory=tuple)
    requests: tuple[str, ...] = field(default_factory=tuple)


class _Pipe:
    """The DevTools protocol over Chromium's debugging pipe."""

    def __init__(self, binary: str, user_dir: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_fds() -> None:  # in the child: commands on fd 3, replies on fd 4
            # out of the way first: a pipe end may itself be fd 3 or 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_r, from_browser_w)]
            for target, fd in zip((3, 4), high):
                os.dup2(fd, target)  # dup2 makes the copy inheritable

        self.proc = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={user_dir}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,
            close_fds=False,  # the os.pipe ends are close-on-exec; 3, 4 not
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(
        self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30
    ) -> dict:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._read(deadline)
            self.events.append(event)
            if event.get("method") == method:
                return event

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium exited")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def _describe(event: dict) -> str | None:
    """An error the page logged, as one line, or ``None`` for anything else."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return f"exception: {details.get('exception', {}).get('description') or details.get('text')}"
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        return "console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
    if method == "Log.entryAdded" and params["entry"].get("level") == "error":
        entry = params["entry"]
        return f"log: {entry.get('text')} {entry.get('url', '')}".strip()
    if method == "Network.loadingFailed" and not params.get("canceled"):
        return f"load failed: {params.get('errorText')}"
    return None


class Page(HTMLParser):
    """The tags of a page with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.link_texts: list[str] = []
        self._in_link = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self.link_texts.append("")
            self._in_link = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_link = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_link:
            self.link_texts[-1] += data

    def all(self, tag: str) -> list[dict]:
        return [attrs for t, attrs in self.tags if t == tag]

    def urls(self) -> list[str]:
        return [v for _, attrs in self.tags for k, v in attrs.items() if k in ("src", "href", "poster")]


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def assert_self_contained(index: Path) -> None:
    """Every link is relative and names an existing file; nothing points off the disk."""
    text = index.read_text(encoding="utf-8")
    assert not re.search(r"(https?:|//[\w.-]+\.\w)", text), "the gallery must not reach the network"
    for url in read_page(index).urls():
        if url.startswith("#"):
            continue
        assert not re.match(r"^[a-z]+:|^/", url), url
        assert (index.parent / unquote(url)).is_file(), f"{url} does not exist"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's ``chromium`` (``./setup.sh test`` installs it); required in CI."""
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: run ./setup.sh test")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return binary


def _open(pipe: _Pipe, url: str, domains: tuple[str, ...]) -> str:
    """Attach to the browser's page, enable ``domains``, load ``url``; return the session id."""
    targets = pipe.send("Target.getTargets")["targetInfos"]
    page_target = next(t for t in targets if t["type"] == "page")
    session = pipe.send("Target.attachToTarget", {"targetId": page_target["targetId"], "flatten": True})[
        "sessionId"
    ]
    for domain in domains:
        pipe.send(f"{domain}.enable", session=session)
    pipe.events.clear()
    pipe.send("Page.navigate", {"url": url}, session=session)
    pipe.wait_for("Page.loadEventFired")
    return session


def check_page(page: Path, binary: str, user_dir: Path) -> PageCheck:
    """Open ``page`` (a local file) and play every video on it; see :class:`PageCheck`."""
    pipe = _Pipe(binary, user_dir)
    try:
        session = _open(pipe, Path(page).resolve().as_uri(), ("Page", "Runtime", "Log", "Network"))
        result = pipe.send(
            "Runtime.evaluate",
            {"expression": _PLAY_EVERY_VIDEO, "awaitPromise": True, "returnByValue": True},
            session=session,
            timeout=120,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        videos = tuple(
            VideoCheck(v["src"], v["duration"], v["width"], v["height"], v["played"], v["error"])
            for v in result["result"]["value"]
        )
        errors = tuple(e for e in map(_describe, pipe.events) if e)
        requests = tuple(
            e["params"]["request"]["url"]
            for e in pipe.events
            if e.get("method") == "Network.requestWillBeSent"
        )
        return PageCheck(videos, errors, requests)
    finally:
        pipe.close()


def evaluate_in_page(page: Path, binary: str, user_dir: Path, expression: str, fragment: str = "") -> Any:
    """Open ``page`` (a local file, with ``#fragment``), wait for its load, and return the value of
    the JavaScript ``expression`` (a promise is awaited)."""
    pipe = _Pipe(binary, user_dir)
    try:
        url = Path(page).resolve().as_uri() + (f"#{fragment}" if fragment else "")
        session = _open(pipe, url, ("Page", "Runtime"))
        result = pipe.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session=session,
            timeout=60,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")
    finally:
        pipe.close()
