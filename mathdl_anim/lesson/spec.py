"""What the command knows of a scene without importing manim: name, parameters, core function."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from mathdl_anim.core.params import Param, resolve_params

__all__ = ["SceneSpec", "NoValues"]


@dataclass(frozen=True)
class NoValues:
    """The example of a scene without a core computation: it shows no recorded values."""

    def values(self) -> dict[str, Any]:
        """Nothing to record."""
        return {}


@dataclass(frozen=True)
class SceneSpec:
    """One scene of the lesson.

    Attributes
    ----------
    name : str
        The Scene class name, e.g. ``"MatrixMultiplication"``.
    module : str
        The module that defines it, e.g. ``"scenes.matrix_multiplication"``.
    chapter : str
        The chapter title it belongs to.
    description : str
        One line for ``mathdl-anim list``.
    params : tuple[Param, ...]
    build : Callable[..., Any]
        The core function; called with the resolved parameters, it returns the example whose
        ``values()`` the scene shows.
    """

    name: str
    module: str
    chapter: str
    description: str
    params: tuple[Param, ...]
    build: Callable[..., Any]

    @property
    def aliases(self) -> tuple[str, ...]:
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", self.name).lower()
        return (self.name.lower(), snake, snake.replace("_", "-"))

    def resolve(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults merged with ``given``, each value checked and converted."""
        return resolve_params(self.params, dict(given or {}), self.name)

    def example(self, given: Mapping[str, Any] | None = None) -> Any:
        """The core result for these parameters."""
        return self.build(**self.resolve(given))

    def json_params(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The resolved parameters as JSON values (defaults filled in)."""
        self.resolve(given)  # validate
        merged = {p.name: p.default for p in self.params}
        merged.update(given or {})
        return merged

    def values(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The record printed by ``mathdl-anim values`` and written beside each video."""
        return {
            "scene": self.name,
            "params": self.json_params(given),
            "values": self.example(given).values(),
        }

    def scene_class(self) -> type:
        """Import and return the Scene class (imports manim)."""
        return cast(type, getattr(importlib.import_module(self.module), self.name))
