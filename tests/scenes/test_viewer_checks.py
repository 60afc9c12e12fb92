"""Checks that see what a viewer sees (issue 14), on every scene and parameter case.

Each check is first shown failing on a scene built to break it (``tests/scenes/broken.py``) and
passing on one that breaks none. A lesson scene that fails a check today is an expected failure
that turns into an error once it passes (``xfail(strict=True)``), naming the issue that rebuilds
it: the chapter issues remove those marks.
"""

from __future__ import annotations

import pytest

from tests.scenes import broken
from tests.scenes.cases import CASES, case_id
from tests.scenes.checks import evaluate, findings
from tests.scenes.screen import run_scene

pytestmark = pytest.mark.render  # plays scenes with manim: not in the fast lane

CHECKS = ("arithmetic", "collisions", "empty", "frame", "axes", "stale", "apart")


@pytest.fixture(scope="module")
def broken_runs(tmp_path_factory):
    media = tmp_path_factory.mktemp("broken")
    names = ["CleanScene", *broken.BROKEN.values()]
    return {name: run_scene(getattr(broken, name)._find_spec(), media) for name in names}


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_finds_its_defect(broken_runs, check):
    found = findings(broken_runs[broken.BROKEN[check]])
    assert found[check], f"{check} saw nothing wrong in {broken.BROKEN[check]}"


def test_a_clean_scene_passes_every_check(broken_runs):
    assert {k: v for k, v in findings(broken_runs["CleanScene"]).items() if v} == {}


@pytest.mark.parametrize(
    "tex, value",
    [
        (r"0.73 \cdot 0.92", 0.6716),
        (r"3 \cdot 3.2 \cdot (-0.84)", -8.064),
        (r"\frac{1}{4} + 2 \times 10^{-3}", 0.252),
        (r"-(1 - 0.5) / 2", -0.25),
    ],
)
def test_arithmetic_is_read_without_eval(tex, value):
    assert evaluate(tex) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("tex", [r"w \cdot 2", r"\sigma(0.5)", "2 +", "(1"])
def test_symbols_are_not_arithmetic(tex):
    with pytest.raises(ValueError):
        evaluate(tex)


#: (scene, check) pairs that fail today, with the issue that rebuilds the scene. Filled from a run
#: of every case; a pair that starts passing fails the suite (strict), so the mark must go.
# known failures: begin
KNOWN: dict[tuple[str, str], str] = {}
# known failures: end


def _marks(case, check):
    key = (case_id(case), check)
    if key in KNOWN:
        return [pytest.mark.xfail(strict=True, reason=KNOWN[key])]
    return []


@pytest.mark.parametrize(
    "case, check",
    [
        pytest.param(case, check, marks=_marks(case, check), id=f"{case_id(case)}-{check}")
        for case in CASES
        for check in CHECKS
    ],
)
def test_lesson_scene_passes(screen, case, check):
    assert findings(screen(*case))[check] == []
