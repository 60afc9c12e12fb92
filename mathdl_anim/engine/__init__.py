"""The engine room: everything that reaches into manim's internals.

Importing a module here installs nothing. :mod:`~mathdl_anim.engine.speedups` lists every
speed-up with what it replaces and the manim versions it was checked against; the renderer
installs them explicitly (``MATHDL_ANIM_SPEEDUPS=off`` renders with plain manim).
"""
