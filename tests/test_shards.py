"""A scene drawn in shards, one process per core, is the scene drawn whole.

Same frames (every pixel of every frame), same number of frames, same subtitles and values;
and the joining refuses shards that do not add up.
"""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest

from mathdl_anim.render import (
    RenderError,
    RenderTask,
    ShardJob,
    ShardResult,
    join_shards,
    output_folder,
    render_all,
)
from tests.synthetic import make_clip

SCENE = "GradientDescent"  # the shortest scene, with waits, transforms and a loop of steps


def _frames(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as video:
        return [frame.to_ndarray(format="rgb24") for frame in video.decode(video=0)]


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    """The scene rendered whole (--jobs 1) and in three shards (--jobs 3, one scene)."""
    folders = {}
    for jobs in (1, 3):
        out = tmp_path_factory.mktemp(f"jobs{jobs}")
        assert render_all([RenderTask(SCENE)], "l", out, jobs=jobs) == 0
        folders[jobs] = out
    return folders


def test_sharded_frames_equal_whole_frames(renders):
    name = f"{output_folder('l')}/{SCENE}.mp4"
    whole, sharded = _frames(renders[1] / name), _frames(renders[3] / name)
    assert len(whole) == len(sharded) > 100
    for k, (a, b) in enumerate(zip(whole, sharded)):
        assert np.array_equal(a, b), f"frame {k} differs"


def test_sharded_subtitles_and_values_equal_whole(renders, capsys):
    folder = output_folder("l")
    srt = [(renders[j] / folder / f"{SCENE}.srt").read_text() for j in (1, 3)]
    assert srt[0] == srt[1] and srt[0].count("-->") >= 3
    values = [json.loads((renders[j] / folder / f"{SCENE}.values.json").read_text()) for j in (1, 3)]
    assert values[0] == values[1]
    for out in renders.values():
        assert not (out / ".work").exists()  # every shard's folder removed


# Joining, without manim: clips made with PyAV stand for the shards' partial movies --------
def _job(tmp_path, index, count=2):
    return ShardJob(RenderTask(SCENE), index, count, tmp_path)


def _result(tmp_path, index, numbers, **changes):
    partials = tuple((n, str(make_clip(tmp_path / f"p{n}.mp4", 3, shade=20 + 60 * n)))
                     for n in numbers)
    fields = dict(partials=partials, plays=3, subtitles="1\n00:00:00,000 --> 00:00:01,000\nhi\n",
                  values={"x": 1})
    fields.update(changes)
    return ShardResult(_job(tmp_path, index), **fields)


def test_join_puts_partials_in_animation_order(tmp_path):
    results = [_result(tmp_path, 0, [0, 2]), _result(tmp_path, 1, [1])]
    joined = join_shards(results, "l", tmp_path / "out", start=0.0)
    brightness = [frame.mean() for frame in _frames(joined.video)]
    assert len(brightness) == 9
    assert brightness == sorted(brightness)  # clip n is brighter than clip n - 1
    assert (joined.video.parent / f"{SCENE}.srt").read_text().endswith("hi\n")


@pytest.mark.parametrize(("change", "message"), [
    ({"plays": 4}, "disagree"),
    ({"subtitles": ""}, "disagree"),
    ({"values": {"x": 2}}, "disagree"),
    ({"error": "ValueError: boom"}, "boom"),
])
def test_join_refuses_shards_that_disagree(tmp_path, change, message):
    results = [_result(tmp_path, 0, [0, 2]), _result(tmp_path, 1, [1], **change)]
    with pytest.raises(RenderError, match=message):
        join_shards(results, "l", tmp_path / "out", start=0.0)
    assert not (tmp_path / "out").exists()  # nothing published


def test_join_refuses_an_animation_drawn_twice(tmp_path):
    results = [_result(tmp_path, 0, [0, 1]), _result(tmp_path, 1, [1])]
    with pytest.raises(RenderError, match="drew animations"):
        join_shards(results, "l", tmp_path / "out", start=0.0)


def test_shard_numbers():
    from mathdl_anim.draw.renderer import Shard

    assert [n for n in range(7) if Shard(1, 3).owns(n)] == [1, 4]
    with pytest.raises(ValueError):
        Shard(2, 2)
