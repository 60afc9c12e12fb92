"""reveal.js for offline slide decks: fetched once from the npm registry, inlined into the HTML.

manim-slides' HTML template loads reveal.js from a CDN; its own ``--offline`` mode downloads
those files from the CDN at conversion time. Here the files come instead from the npm package
``reveal.js`` (the version manim-slides 5.7's template is written for), downloaded once from
``registry.npmjs.org`` into ``~/.cache/mathdl-anim/reveal.js-<version>/`` and checked against
the registry's published sha512 ``integrity``, pinned below. :func:`inline_reveal` then puts
each stylesheet and script into the page itself, so the deck is one file that opens offline.

``python -m mathdl_anim.publish.revealjs`` fills the cache (``setup.sh`` does it).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import sys
import tarfile
import urllib.request
import uuid
from pathlib import Path

from mathdl_anim.files import cache_dir

__all__ = [
    "REVEAL_VERSION",
    "CDN_URL",
    "RevealError",
    "reveal_dist",
    "check_integrity",
    "inline_reveal",
    "network_references",
]

#: The reveal.js version of manim-slides 5.7's template (its ``reveal_version`` default).
REVEAL_VERSION = "6.0.1"
#: Where the template points; :func:`inline_reveal` replaces every such reference.
CDN_URL = "https://cdn.jsdelivr.net/npm/reveal.js@{version}"
#: ``dist.tarball`` and ``dist.integrity`` of https://registry.npmjs.org/reveal.js/6.0.1
_TARBALL = "https://registry.npmjs.org/reveal.js/-/reveal.js-6.0.1.tgz"
_INTEGRITY = "sha512-9eacArNIgqO2HGWOK+93gJNn+gvdGDVbSq+i2u3Ja9kjiHps0XNLpgYTZTYjKRH91uXy3clGimeGiw4umHG/tg=="
_TIMEOUT_S = 60


class RevealError(RuntimeError):
    """reveal.js could not be had (no network on first use, a corrupt download)."""


def check_integrity(data: bytes, integrity: str) -> None:
    """Raise :class:`RevealError` unless ``data`` matches an npm ``integrity`` string.

    ``integrity`` is Subresource-Integrity style: ``sha512-<base64 digest>``.
    """
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in {"sha512", "sha384", "sha256"}:
        raise RevealError(f"unsupported integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")
    if actual != expected:
        raise RevealError(f"reveal.js download does not match its published {algorithm} checksum")


def _download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT_S) as response:  # https only
            return response.read()
    except OSError as exc:
        raise RevealError(
            f"could not download reveal.js from {url} ({exc}); connect once to "
            "fill the cache, or run: python -m mathdl_anim.publish.revealjs"
        ) from None


def _extract_dist(data: bytes, target: Path) -> None:
    """Extract ``package/dist/**`` of the npm tarball into ``target`` (regular files only)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            parts = Path(member.name).parts
            if not member.isfile() or parts[:2] != ("package", "dist") or ".." in parts:
                continue
            dest = target.joinpath(*parts[2:])
            dest.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            dest.write_bytes(source.read())


def reveal_dist(cache: Path | None = None) -> Path:
    """The ``dist`` folder of reveal.js :data:`REVEAL_VERSION`, downloaded on first use.

    Parameters
    ----------
    cache : Path, optional
        Folder holding ``reveal.js-<version>/``; default ``~/.cache/mathdl-anim``
        (``$XDG_CACHE_HOME`` respected).

    Raises
    ------
    RevealError
        If it is not cached and cannot be downloaded, or the download is not the published one.
    """
    root = Path(cache) if cache is not None else cache_dir()
    target = root / f"reveal.js-{REVEAL_VERSION}"
    if (target / "reveal.js").is_file():
        return target
    data = _download(_TARBALL)
    check_integrity(data, _INTEGRITY)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".reveal.js-{REVEAL_VERSION}.{uuid.uuid4().hex[:8]}.part"
    try:
        _extract_dist(data, tmp)
        try:
            os.replace(tmp, target)  # atomic; fails if another process got there first
        except OSError:
            if not (target / "reveal.js").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def inline_reveal(html: str, dist: Path, cdn_url: str = CDN_URL) -> str:
    """Put the page's reveal.js stylesheets and scripts into the page itself.

    Each ``<link>`` becomes a ``<style>`` with the file's text; each ``<script src>`` gets the
    file as a ``data:`` address. HTML comments are dropped.

    Parameters
    ----------
    html : str
        A page from manim-slides' reveal.js template, rendered with ``cdn_url``.
    dist : Path
        reveal.js's ``dist`` folder (:func:`reveal_dist`).
    cdn_url : str
        The prefix to replace, with ``{version}`` filled in or not.

    Raises
    ------
    RevealError
        If the page refers to a reveal.js file that ``dist`` lacks, or still refers to the
        network afterwards (:func:`network_references`).
    """
    from bs4 import BeautifulSoup, Comment

    prefix = cdn_url.format(version=REVEAL_VERSION).rstrip("/") + "/dist/"
    soup = BeautifulSoup(html, "html.parser")

    def local(url: str) -> bytes:
        path = Path(dist).joinpath(*url[len(prefix) :].split("/"))
        if not path.is_file():
            raise RevealError(f"reveal.js {REVEAL_VERSION} has no {url[len(prefix) :]}")
        return path.read_bytes()

    for link in soup.find_all("link", href=True):
        href = link["href"]  # a str: only attributes such as class and rel hold lists
        if isinstance(href, str) and href.startswith(prefix):
            style = soup.new_tag("style")
            style.string = re.sub(r"</(style)", r"<\\/\1", local(href).decode("utf-8"), flags=re.I)
            link.replace_with(style)
    for script in soup.find_all("script", src=True):
        src = script["src"]
        if isinstance(src, str) and src.startswith(prefix):
            # a data: address, not inline text: script text holding "<!--" and "<script" (as
            # marked, in the markdown plugin, does) would change how the page itself is parsed
            code = base64.b64encode(local(src)).decode("ascii")
            script["src"] = f"data:text/javascript;base64,{code}"
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()  # the template's commented-out links and notes, addresses included
    page = str(soup)
    remote = network_references(page)
    if remote:
        raise RevealError(f"the deck would still load {remote[0]}")
    return page


_URL_IN_CSS = re.compile(r"""(?:url\(\s*|@import\s+)['"]?\s*((?:https?:)?//[^'")\s]+)""", re.I)


def network_references(html: str) -> list[str]:
    """Every address a browser would fetch from the network when opening ``html``.

    Attributes that load something (``src``, ``href`` of ``<link>``, ``poster``,
    ``data-background-*``...) and CSS ``url(...)``/``@import`` in ``<style>`` and ``style=``,
    with an ``http:``, ``https:`` or protocol-relative ``//`` address. Script text is not run
    and not searched (reveal.js mentions its home page in a string).
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    remote = re.compile(r"^\s*(?:https?:)?//", re.I)
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            loads = (
                name in {"src", "poster", "srcset", "data", "background"}
                or (name == "href" and tag.name in {"link", "script", "image", "use"})
                or name.startswith("data-background")
                or name.endswith("src")
            )
            for item in values:
                if loads and remote.match(str(item)):
                    found.append(str(item))
            if name == "style":
                found += _URL_IN_CSS.findall(str(value))
        if tag.name == "style" and tag.string:
            found += _URL_IN_CSS.findall(tag.string)
    return found


def main() -> int:
    """Fill the cache (``python -m mathdl_anim.publish.revealjs``); exit 1 with the reason if it fails."""
    try:
        print(reveal_dist())
    except RevealError as exc:
        print(f"mathdl-anim: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
