"""Each scene's last frame matches its committed control image, within a tolerance.

Regenerate the controls after an intended visual change, then look at them before committing::

    .venv/bin/pytest tests/scenes/test_last_frame.py --update-controls
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mathdl_anim.lesson.registry import scene_names

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

CONTROL_DIR = Path(__file__).resolve().parents[1] / "control"
#: A pixel differs when any channel is off by more than this (0-255).
PIXEL_TOLERANCE = 48
#: The share of differing pixels allowed (anti-aliasing and font hinting noise).
MAX_DIFFERING_SHARE = 0.005


def differing_share(a: np.ndarray, b: np.ndarray) -> float:
    """The share of pixels where two RGB(A) frames differ by more than the tolerance."""
    if a.shape != b.shape:
        return 1.0
    diff = np.abs(a[..., :3].astype(int) - b[..., :3].astype(int)).max(axis=-1)
    return float(np.mean(diff > PIXEL_TOLERANCE))


@pytest.mark.parametrize("name", scene_names())
def test_last_frame_matches_control(screen, name, request):
    frame = screen(name).last_frame[..., :3]
    control = CONTROL_DIR / f"{name}.png"
    if request.config.getoption("--update-controls"):
        CONTROL_DIR.mkdir(exist_ok=True)
        Image.fromarray(frame).save(control, optimize=True)
        pytest.skip(f"wrote {control}")
    assert control.exists(), f"no control image: run pytest {__file__} --update-controls"
    expected = np.array(Image.open(control).convert("RGB"))
    share = differing_share(frame, expected)
    assert share <= MAX_DIFFERING_SHARE, f"{share:.2%} of pixels differ from {control.name}"


def test_comparison_detects_a_changed_frame():
    a = np.zeros((48, 64, 3), np.uint8)
    b = a.copy()
    b[10:20, 10:20] = 255  # a 10x10 label moved in: 3.3% of the pixels
    assert differing_share(a, a) == 0
    assert differing_share(a, b) > MAX_DIFFERING_SHARE
