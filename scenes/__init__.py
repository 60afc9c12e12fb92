"""The lesson's Scene classes, one idea per file. Render one with
``manim -ql scenes/matrix_multiplication.py MatrixMultiplication`` or ``mathdl-anim render``."""
