"""reveal.js for offline decks: checksum, extraction, inlining, the network check. No network."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile

import pytest

from mathdl_anim.publish import revealjs
from mathdl_anim.publish.revealjs import (
    CDN_URL,
    REVEAL_VERSION,
    RevealError,
    check_integrity,
    inline_reveal,
    network_references,
)

CDN = CDN_URL.format(version=REVEAL_VERSION)


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_integrity_accepts_the_same_bytes_and_rejects_others():
    data = b"reveal"
    check_integrity(data, integrity_of(data))
    with pytest.raises(RevealError, match="checksum"):
        check_integrity(data + b"!", integrity_of(data))
    with pytest.raises(RevealError, match="unsupported"):
        check_integrity(data, "md5-abc")


def test_pinned_integrity_is_an_npm_sha512():
    algorithm, _, digest = revealjs._INTEGRITY.partition("-")
    assert algorithm == "sha512" and len(base64.b64decode(digest)) == 64
    assert revealjs._TARBALL.endswith(f"/reveal.js-{REVEAL_VERSION}.tgz")


def test_download_is_verified_and_only_dist_is_kept(tmp_path, monkeypatch):
    data = tarball(
        {
            "package/dist/reveal.js": b"js",
            "package/dist/theme/black.css": b"css",
            "package/README.md": b"readme",
            "package/dist/../../evil": b"x",
        }
    )
    monkeypatch.setattr(revealjs, "_download", lambda url: data)
    monkeypatch.setattr(revealjs, "_INTEGRITY", integrity_of(data))
    dist = revealjs.reveal_dist(tmp_path)
    assert dist == tmp_path / f"reveal.js-{REVEAL_VERSION}"
    assert sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()) == [
        "reveal.js",
        "theme/black.css",
    ]
    assert not (tmp_path.parent / "evil").exists()
    assert [p.name for p in tmp_path.iterdir()] == [dist.name]  # no temporary folder left
    monkeypatch.setattr(revealjs, "_download", lambda url: pytest.fail("downloaded twice"))
    assert revealjs.reveal_dist(tmp_path) == dist  # cached


def test_a_tampered_download_is_not_cached(tmp_path, monkeypatch):
    fake = tarball({"package/dist/reveal.js": b"x"})
    monkeypatch.setattr(revealjs, "_download", lambda url: fake)
    with pytest.raises(RevealError, match="checksum"):
        revealjs.reveal_dist(tmp_path)
    assert not any(tmp_path.iterdir())


def test_inline_reveal_leaves_no_address(tmp_path):
    (tmp_path / "theme").mkdir()
    (tmp_path / "reveal.css").write_text(".reveal{color:red}")
    (tmp_path / "theme" / "black.css").write_text("body{background:#000}")
    (tmp_path / "reveal.js").write_text("var s = '<!--'; var t = '<script>';")
    page = (
        f'<html><head><link rel="stylesheet" href="{CDN}/dist/reveal.css">'
        f'<link rel="stylesheet" href="{CDN}/dist/theme/black.css">'
        '<!-- <link href="https://example.org/x.css"> --></head>'
        f'<body><section data-background-video="data:video/mp4;base64,AAAA"></section>'
        f'<script src="{CDN}/dist/reveal.js"></script><script>Reveal.initialize()</script>'
        "</body></html>"
    )
    out = inline_reveal(page, tmp_path)
    assert network_references(out) == []
    assert "http" not in out
    assert ".reveal{color:red}" in out and "body{background:#000}" in out
    code = base64.b64encode(b"var s = '<!--'; var t = '<script>';").decode()
    assert f'src="data:text/javascript;base64,{code}"' in out


def test_inline_reveal_refuses_a_missing_file_or_another_server(tmp_path):
    with pytest.raises(RevealError, match="has no plugin/zoom.js"):
        inline_reveal(f'<script src="{CDN}/dist/plugin/zoom.js"></script>', tmp_path)
    with pytest.raises(RevealError, match="would still load https://example.org/a.js"):
        inline_reveal('<script src="https://example.org/a.js"></script>', tmp_path)


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<img src="https://a.b/c.png">', ["https://a.b/c.png"]),
        ('<img src="//a.b/c.png">', ["//a.b/c.png"]),
        ('<link rel="stylesheet" href="http://a.b/c.css">', ["http://a.b/c.css"]),
        ('<section data-background-video="https://a.b/v.mp4"></section>', ["https://a.b/v.mp4"]),
        ('<video poster="https://a.b/p.png"></video>', ["https://a.b/p.png"]),
        (
            "<style>@import 'https://a.b/f.css'; p{background:url(http://a.b/i.png)}</style>",
            ["https://a.b/f.css", "http://a.b/i.png"],
        ),
        ("<div style=\"background: url( 'https://a.b/i.png' )\"></div>", ["https://a.b/i.png"]),
        ('<a href="https://a.b/">a link is not loaded</a>', []),
        ('<img src="data:image/png;base64,AAAA"><script>var u = "https://a.b";</script>', []),
    ],
)
def test_network_references(html, found):
    assert network_references(html) == found
