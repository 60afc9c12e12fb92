"""The ``mathdl-anim`` command: list, values, and the error contract (exit 2, one line, no file)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mathdl_anim.cli import main
from mathdl_anim.lesson.registry import LESSON, scene_names
from tests import pipeline


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", *args], capture_output=True, text=True, cwd=cwd
    )


def test_list_in_lesson_order(capsys):
    assert main(["list"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == scene_names()
    assert names[:3] == ["TensorShapes", "MatrixMultiplication", "Neuron"]


def test_values_of_the_lesson_example(capsys):
    assert main(["values", "matrix-multiplication"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["scene"] == "MatrixMultiplication"
    assert record["params"] == {"A": [[1, 2], [3, 4]], "B": [[5, 6], [7, 8]]}
    assert record["values"]["product"] == [[19, 22], [43, 50]]  # the lesson, by hand


def test_values_with_set(capsys):
    assert (
        main(["values", "MatrixMultiplication", "--set", "A=[[1,2,3],[4,5,6]]", "--set", "B=[[1],[0],[2]]"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["values"]["product"] == [[7], [16]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["values", "Nope"], "unknown scene 'Nope' (valid: "),
        (["values", "nueron"], "unknown scene 'nueron' (did you mean Neuron? valid: "),
        (["values", "optimisers"], "did you mean Optimizers?"),
        (["render", "gaussian"], "did you mean GaussianSampling?"),
        (
            ["values", "Neuron", "--set", "Q=1"],
            "unknown parameter 'Q' for Neuron (valid: W, activation, b, x)",
        ),
        (["values", "Neuron", "--set", "x=[1,"], "malformed JSON"),
        (["values", "Neuron", "--set", "x=[NaN, 1, 2]"], "non-finite"),
        (["values", "MatrixMultiplication", "--set", "A=[[1,2,3]]"], "cannot multiply"),
        (["values", "MatrixMultiplication", "--set", "A=[[1,2,3,4,5]]"], "drawn legibly"),
        (["values", "MatrixMultiplication", "--seed", "3"], "draws no random numbers"),
        (["render", "Nope"], "unknown scene"),
        (["render", "Neuron", "--set", "W=[[1,2],[3]]"], "not rectangular"),
        (["render", "--jobs", "0"], "jobs must be between"),
        (["render", "--encode", "bogus"], "invalid choice: 'bogus'"),
        (["slides", "--encode", "publish"], "unrecognized arguments: --encode"),
        (["bogus"], "invalid choice"),
        (["render", "Neuron", "--theme", "blue"], "argument --theme: invalid choice: 'blue'"),
        (["render", "Neuron", "--aspect", "4:3"], "argument --aspect: invalid choice: '4:3'"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, args, message):
    if args[0] == "render":
        args = [*args, "--out", str(tmp_path / "out")]
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_latex_is_one_line(tmp_path):
    import os

    env = {**os.environ, "PATH": str(tmp_path)}  # no latex, no dvisvgm
    result = subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", "render", "Neuron", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "latex" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.render
def test_render_writes_video_and_values_atomically(tmp_path):
    result = run("render", "MatrixMultiplication", "-q", "l", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "480p15"
    assert sorted(p.name for p in folder.iterdir()) == [
        "MatrixMultiplication.mp4",
        "MatrixMultiplication.srt",
        "MatrixMultiplication.values.json",
    ]
    values = json.loads((folder / "MatrixMultiplication.values.json").read_text())
    assert values["values"]["product"] == [[19, 22], [43, 50]]
    import av

    with av.open(str(folder / "MatrixMultiplication.mp4")) as video:
        stream = video.streams.video[0]
        assert (stream.width, stream.height) == (854, 480)
        assert float(video.duration / 1e6) > 5
    assert not (tmp_path / ".work").exists()


@pytest.mark.render
def test_render_in_light_theme_and_vertical_aspect(tmp_path):
    """On a scene of the short test lesson (:mod:`tests.pipeline.lesson`)."""
    from mathdl_anim.lesson.palette import LIGHT

    result = pipeline.run(
        "render",
        "AddingArrows",
        "-q",
        "l",
        "--theme",
        "light",
        "--aspect",
        "9:16",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "480p15-light-9x16"
    values = json.loads((folder / "AddingArrows.values.json").read_text())
    assert (values["theme"], values["aspect"]) == ("light", "9:16")
    import av

    with av.open(str(folder / "AddingArrows.mp4")) as video:
        stream = video.streams.video[0]
        assert (stream.width, stream.height) == (480, 854)
        for frame in video.decode(video=0):
            last = frame
    pixels = last.to_ndarray(format="rgb24")
    background = [int(LIGHT.background[i : i + 2], 16) for i in (1, 3, 5)]
    for corner in (pixels[0, 0], pixels[0, -1], pixels[-1, 0], pixels[-1, -1]):
        assert abs(corner.astype(int) - background).max() <= 3  # video compression noise
    assert (pixels.astype(int).sum(axis=-1) < 400).any()  # and dark ink on it


#: Runs the command given as arguments under an address-space cap (so that a runaway cannot take
#: the machine) and prints its peak resident memory (kB) as the last line of stderr.
_MEASURED = """
import resource, subprocess, sys
cap = int(sys.argv[1])
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
code = subprocess.run(sys.argv[2:], preexec_fn=limit).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run_measured(*args, memory_cap=2 * 1024**3, timeout=60):
    """``(returncode, stdout, stderr, seconds, peak resident MB)`` of ``mathdl-anim ARGS``."""
    import time

    start = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-c", _MEASURED, str(memory_cap), sys.executable, "-m", "mathdl_anim.cli"]
            + list(args),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"mathdl-anim {' '.join(args)} still running after {timeout} s")
    seconds = time.perf_counter() - start
    *lines, peak = result.stderr.splitlines()
    return result.returncode, result.stdout, "\n".join(lines), seconds, int(peak) / 1024


#: formulas that grew to gigabytes, ran for minutes or ended in a traceback (issue 19)
EXPLODING = [
    ("x^x^x^x", "10"),
    ("x^x^x^x^x", "10"),
    ("exp(exp(exp(exp(exp(x)))))", "1"),
    ("x^x^x^x^x^x", "10"),
    ("x*1e-320", "10"),
]


@pytest.mark.parametrize("formula, x0", EXPLODING)
def test_exploding_formulas_are_one_line_exit_2_small_and_quick(formula, x0):
    code, out, err, seconds, peak = run_measured(
        "values", "derivative-slope", "--set", f"f={json.dumps(formula)}", "--set", f"x0={x0}"
    )
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("mathdl-anim: error: f"), err
    assert peak < 300, f"{peak:.0f} MB"
    assert seconds < 30  # a hang guard (it takes about a second, Python's start-up included)


def _too_large_values():
    big = "1" + "0" * 400
    return [big, "-" + big, "1" + "0" * 4300, "1e400", f"[{big}]", f"[[{big}]]", f'["x", {big}]']


@pytest.mark.parametrize("spec", [s for s in LESSON if s.params], ids=lambda s: s.name)
def test_every_parameter_refuses_numbers_of_any_size_in_one_line(spec, capsys):
    """A 401-digit or 4301-digit integer, or 1e400, anywhere: one line and exit 2, no traceback."""
    for param in spec.params:
        for value in _too_large_values():
            assert main(["values", spec.name, "--set", f"{param.name}={value}"]) == 2, (param.name, value)
            captured = capsys.readouterr()
            assert captured.out == ""
            lines = captured.err.splitlines()
            assert len(lines) == 1 and len(lines[0]) < 300, (param.name, value, captured.err[:300])


def test_a_repeated_set_key_is_refused(capsys):
    assert main(["values", "GaussianSampling", "--set", "mu=1", "--set", "mu=2"]) == 2
    assert "--set mu is given twice" in capsys.readouterr().err


def test_list_params_states_the_limits(capsys):
    assert main(["list", "--params"]) == 0
    lines = capsys.readouterr().out.splitlines()
    data = next(line for line in lines if "--set data=" in line)
    assert "each in [-10000, 10000]" in data  # Normalization refused |value| > 10000 unsaid
    mu = next(line for line in lines if "--set mu=" in line)
    assert "accepts a number in [-1000, 1000]" in mu


#: inputs that every converter accepts but the core refuses (issue 19, item 3)
REFUSED_BY_THE_CORE = [
    ["matrix-multiplication", "--set", "A=[[1,2,3],[4,5,6]]", "--set", "B=[[1,2],[3,4]]"],
    ["neuron", "--set", "x=[1,2]"],
    ["neuron", "--set", "b=[1,2]"],
    ["random-variables", "--set", "weights=[0,0,0]"],
    ["normalization", "--set", "data=[3,3,3]"],
    ["derivative-slope", "--set", 'f="1/x"', "--set", "x0=0"],
    ["derivative-slope", "--set", 'f="log(x)"', "--set", "x0=-1"],
    ["chain-rule", "--set", 'functions=["log(x)", "x"]', "--set", "x=-1"],
]


@pytest.mark.parametrize("command", ["render", "slides"])
@pytest.mark.parametrize("inputs", REFUSED_BY_THE_CORE, ids=lambda a: " ".join(a[:3]))
def test_rendering_commands_check_with_the_core_before_any_work(
    tmp_path, capsys, monkeypatch, command, inputs
):
    """What ``values`` refuses, ``render`` and ``slides`` refuse at once: exit 2, the same one
    line, nothing written (no work folder, no gallery)."""
    from mathdl_anim.publish import slides
    from mathdl_anim.render import scenes

    def started(*args, **kwargs):
        raise AssertionError("work started before the core checked the parameters")

    monkeypatch.setattr(scenes, "render_all", started)
    monkeypatch.setattr(slides, "make_slides", started)
    out = tmp_path / "out"
    assert main(["values", *inputs]) == 2
    refused = capsys.readouterr().err.splitlines()
    assert len(refused) == 1
    assert main([command, *inputs, "-q", "l", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == refused and captured.out == ""
    assert not out.exists()


def test_seed_given_twice_is_refused(capsys):
    assert main(["values", "GaussianSampling", "--seed", "1", "--set", "seed=2"]) == 2
    assert "--seed and --set seed" in capsys.readouterr().err


@pytest.mark.render
def test_an_unwritable_cache_renders_without_it(tmp_path):
    """A read-only HOME and cache: one warning line, the video all the same (exit 0). On a scene
    of the short test lesson, whose title and captions are labels like any scene's."""
    import os

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # unwritable even for root, unlike chmod
    env = {**os.environ, "HOME": str(blocker), "XDG_CACHE_HOME": str(blocker)}
    result = pipeline.run("render", "AddingArrows", "-q", "l", "--out", tmp_path / "out", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and "cache not writable" in warnings[0], result.stderr[-2000:]
    assert (tmp_path / "out" / "480p15" / "AddingArrows.mp4").is_file()


_LESSONS = {
    "no_such_lesson_xyz": (None, "cannot import it"),
    "lesson_without_title": ("SCENES = ()\n", "has no TITLE"),
    "lesson_without_scenes": ("TITLE = 'A lesson'\nSCENES = ()\n", "non-empty sequence of SceneSpec"),
    "lesson_with_a_bug": ("TITLE = 'A lesson'\nSCENES = 1 / 0\n", "ZeroDivisionError"),
    "lesson_with_a_name_twice": (
        "from tests.pipeline.lesson import SCENES as S\nTITLE = 'A lesson'\nSCENES = (S[0], S[0])\n",
        "two scenes share a name",
    ),
}


@pytest.mark.parametrize("command", [["list"], ["render", "AddingArrows", "-q", "l"]])
@pytest.mark.parametrize("module", sorted(_LESSONS))
def test_a_bad_lesson_module_is_one_line_exit_2(tmp_path, module, command):
    """``MATHDL_ANIM_LESSON`` naming a module that is missing, broken or not a lesson."""
    import os

    text, message = _LESSONS[module]
    if text is not None:
        (tmp_path / f"{module}.py").write_text(text)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(pipeline.ROOT)])}
    env["MATHDL_ANIM_LESSON"] = module
    out = tmp_path / "out"
    args = [*command, "--out", str(out)] if command[0] == "render" else command
    result = subprocess.run(
        [sys.executable, "-m", "mathdl_anim.cli", *args], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"MATHDL_ANIM_LESSON={module}" in lines[0] and message in lines[0], (
        result.stderr
    )
    assert not out.exists()


def test_a_lesson_of_your_own_is_listed_and_valued():
    """The commands on another lesson: its scenes, its parameters, its core's values."""
    listed = pipeline.run("list", "--params")
    assert listed.returncode == 0, listed.stderr
    from tests.pipeline.lesson import SCENES

    names = [line.split()[0] for line in listed.stdout.splitlines() if not line.startswith(" ")]
    assert names == [spec.name for spec in SCENES]
    valued = pipeline.run("values", "adding-arrows", "--set", "a=-1.25")
    assert valued.returncode == 0, valued.stderr
    assert json.loads(valued.stdout)["values"] == {"a": -1.25, "b": 1.5, "total": 0.25}  # -1.25 + 1.5
