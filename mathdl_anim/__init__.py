"""mathdl-anim: the mathematics of deep learning as Manim videos.

The package has three layers, and numbers flow one way through them:

``mathdl_anim.core``
    Pure numpy/sympy code. Computes every value a scene shows, as small frozen
    dataclasses. Never imports manim.
``mathdl_anim.draw``
    Builders (``make_*``) that turn core results into mobjects. No math of their own.
``scenes/``
    Thin Scene classes whose ``construct()`` reads like a table of contents.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
