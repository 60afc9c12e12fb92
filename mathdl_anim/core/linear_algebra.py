"""Linear algebra: tensor shapes, matrix multiplication and the neuron z = Wx + b.

Every function validates its input, computes with numpy and returns a frozen dataclass whose
``values()`` is the JSON-ready record of every number a scene shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from mathdl_anim.core.activations import get_activation
from mathdl_anim.core.digits import (
    CLASSES,
    DIGIT_IMAGES,
    DIGIT_PIXELS,
    DIGIT_SIDE,
    Digit,
    digit_network,
    load_digit,
)
from mathdl_anim.core.errors import InputError

__all__ = [
    "ShapeRule",
    "LayerCost",
    "DIGIT_PIXELS",
    "DIGIT_IMAGES",
    "TensorInfo",
    "TensorShapesExample",
    "tensor_shapes_example",
    "MatMulStep",
    "MatMulExample",
    "matmul_example",
    "NeuronExample",
    "neuron_example",
    "MIN_BATCH",
    "MAX_BATCH",
    "SECOND_LAYER",
    "SCORE_DECIMALS",
    "WALL_SIZE",
    "WALL_SLOT",
]

#: A second layer of two neurons stacked on the Neuron scene's layer (its first k columns for a
#: layer of k neurons): small whole numbers, so that the collapsed matrix is checkable by hand.
SECOND_LAYER = ((1.0, 0.0, -1.0, 0.0), (0.0, 1.0, 1.0, 0.0))
#: Images in the batch of the tensor tour: at least three (a batch, whose rows stack into a
#: picture that fills the frame), at most four.
MIN_BATCH, MAX_BATCH = 3, 4


def _tolist(a: npt.ArrayLike) -> list[Any]:
    return cast(list[Any], np.asarray(a).tolist())


@dataclass(frozen=True)
class TensorInfo:
    """A named array with the shape, ``ndim`` and ``size`` numpy reports for it.

    Attributes
    ----------
    label : str
        What the array is, e.g. ``"matrix"``.
    shape : tuple[int, ...]
    ndim : int
    size : int
    entries : list or float or None
        The numbers drawn inside it (``None`` when only its outline is drawn).
    """

    label: str
    shape: tuple[int, ...]
    ndim: int
    size: int
    entries: object = None

    @classmethod
    def of(cls, label: str, array: np.ndarray, show_entries: bool = True) -> TensorInfo:
        """Describe ``array`` as numpy does."""
        arr = np.asarray(array)
        entries = (arr.item() if arr.ndim == 0 else arr.tolist()) if show_entries else None
        return cls(label, tuple(int(n) for n in arr.shape), int(arr.ndim), int(arr.size), entries)

    def values(self) -> dict[str, Any]:
        out = {"shape": list(self.shape), "ndim": self.ndim, "size": self.size}
        if self.entries is not None:
            out["entries"] = self.entries
        return out


@dataclass(frozen=True)
class TensorShapesExample:
    """Real digits as arrays: one pixel, a row, an image, a batch; flattened and scored.

    Attributes
    ----------
    digits : tuple[Digit, ...]
        The batch's images (1 to 4); the first is the one shown number by number.
    tensors : tuple[TensorInfo, ...]
        The ranks as they are built from the first image: a pixel (``scalar``, shape ``()``),
        its row (``vector``), the image (``matrix``), the batch (``batch``, ``(N, 8, 8)``), the
        batch with its channel axis (``channels``, ``(N, 1, 8, 8)``), and the shape the same
        batch would have in colour (``colour``, ``(N, 3, 8, 8)``).
    pixel : tuple[int, int]
        Row and column of the pixel that is the scalar (the brightest of the middle row).
    flattened : TensorInfo
        The batch reshaped to ``(N, 64)``: one row per image.
    weights_shape : tuple[int, int]
        The network's weights, ``(64, 10)``.
    xw, bias, bias_broadcast, broadcast_sum : TensorInfo
        ``X @ W`` of shape ``(N, 10)``, the bias ``(10,)``, the bias as NumPy broadcasts it to
        ``(N, 10)``, and the scores ``X @ W + b``. All at the precision the film shows (one
        decimal), the sum of the rounded terms, so that every sum on screen adds up.
    guesses : tuple[int, ...]
        The digit with the largest score in each row.
    wall : tuple[Digit, ...]
        The first image's neighbours in the data set (:data:`WALL_SIZE` images, the first image
        at place :data:`WALL_SLOT`): the data set it is picked from.
    weights : np.ndarray, shape (64, 10)
        The network's weights (drawn as a block, not written as numbers: not in ``values()``).
    """

    digits: tuple[Digit, ...]
    tensors: tuple[TensorInfo, ...]
    pixel: tuple[int, int]
    flattened: TensorInfo
    weights_shape: tuple[int, int]
    xw: TensorInfo
    bias: TensorInfo
    bias_broadcast: TensorInfo
    broadcast_sum: TensorInfo
    guesses: tuple[int, ...]
    wall: tuple[Digit, ...]
    weights: np.ndarray

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "digits": [d.index for d in self.digits],
            "labels": [d.label for d in self.digits],
            "pixels": [_tolist(d.pixels) for d in self.digits],
        }
        out.update({t.label: t.values() for t in self.tensors})
        out["pixel"] = list(self.pixel)
        out["flattened"] = self.flattened.values()
        out["weights_shape"] = list(self.weights_shape)
        out["xw"] = self.xw.values()
        out["bias"] = self.bias.values()
        out["bias_broadcast"] = self.bias_broadcast.values()
        out["broadcast_sum"] = self.broadcast_sum.values()
        out["guesses"] = list(self.guesses)
        out["classes"] = list(range(CLASSES))
        out["flatten_counts"] = list(self.flatten_counts)
        out["wall"] = [d.index for d in self.wall]
        return out

    @property
    def flatten_counts(self) -> tuple[int, ...]:
        """The running count as an image's rows are laid end to end: 8, 16, ..., 64."""
        return tuple(DIGIT_SIDE * (r + 1) for r in range(DIGIT_SIDE))


#: The wall of digits the first image is picked from: how many, and the first image's place.
WALL_SIZE, WALL_SLOT = 24, 9
#: Decimals of the scores on screen.
SCORE_DECIMALS = 1


def tensor_shapes_example(digits: tuple[int, ...] | list[int] = (0, 1, 2, 3)) -> TensorShapesExample:
    """Build the tensor tour around the data set's images at the indices ``digits`` (3 or 4).

    Raises
    ------
    InputError
        If there are not 3 or 4 indices, or one is not an image of the data set.
    """
    if not MIN_BATCH <= len(digits) <= MAX_BATCH:
        raise InputError(f"digits must list {MIN_BATCH} to {MAX_BATCH} image indices, got {len(digits)}")
    images = tuple(load_digit(i) for i in digits)
    batch = np.stack([d.pixels for d in images])
    first = batch[0]
    row = DIGIT_SIDE // 2 - 1
    col = int(np.argmax(first[row]))
    network = digit_network()
    xw = np.round(network.inputs(batch) @ network.W, SCORE_DECIMALS) + 0.0  # + 0.0: no -0.0
    bias = np.round(network.b, SCORE_DECIMALS) + 0.0
    total = np.round(xw + bias, SCORE_DECIMALS) + 0.0
    flat = batch.reshape(len(images), -1)
    return TensorShapesExample(
        digits=images,
        tensors=(
            TensorInfo.of("scalar", first[row, col]),
            TensorInfo.of("vector", first[row]),
            TensorInfo.of("matrix", first),
            TensorInfo.of("batch", batch, show_entries=False),
            TensorInfo.of("channels", batch[:, None], show_entries=False),
            TensorInfo.of(
                "colour",
                np.broadcast_to(batch[:, None], (len(images), 3, DIGIT_SIDE, DIGIT_SIDE)),
                show_entries=False,
            ),
        ),
        pixel=(row, col),
        flattened=TensorInfo.of("flattened", flat, show_entries=False),
        weights_shape=(DIGIT_PIXELS, CLASSES),
        xw=TensorInfo.of("xw", xw),
        bias=TensorInfo.of("bias", bias),
        bias_broadcast=TensorInfo.of("bias_broadcast", np.broadcast_to(bias, xw.shape)),
        broadcast_sum=TensorInfo.of("broadcast_sum", total),
        guesses=tuple(int(k) for k in np.argmax(total, axis=1)),
        wall=tuple(load_digit((images[0].index + k - WALL_SLOT) % DIGIT_IMAGES) for k in range(WALL_SIZE)),
        weights=network.W,
    )


@dataclass(frozen=True)
class MatMulStep:
    """One entry of C = AB: row ``i`` of A times column ``j`` of B.

    Attributes
    ----------
    i, j : int
        Zero-based row and column.
    factors : tuple[tuple[float, float], ...]
        The pairs ``(A[i, k], B[k, j])``.
    terms : tuple[float, ...]
        Their products.
    total : float
        The sum of the terms, ``C[i, j]``.
    """

    i: int
    j: int
    factors: tuple[tuple[float, float], ...]
    terms: tuple[float, ...]
    total: float


#: A small batch of inputs (rows are examples) and a layer's weights (columns are neurons),
#: hand-checkable, for "inputs times weights".
BATCH_INPUTS = ((1.0, 0.0, 2.0, 1.0), (0.0, 1.0, 1.0, 3.0), (2.0, 1.0, 0.0, 1.0))
BATCH_WEIGHTS = ((0.5, -1.0), (1.0, 0.0), (-0.5, 1.0), (0.0, 0.5))
#: The entry of ``inputs @ weights`` worked out on screen: example 2, neuron 1 (zero-based).
LAYER_ENTRY = (1, 0)


def _step(A: np.ndarray, B: np.ndarray, i: int, j: int) -> MatMulStep:
    """Row ``i`` of ``A`` times column ``j`` of ``B``, every product kept."""
    factors = tuple((float(A[i, k]), float(B[k, j])) for k in range(A.shape[1]))
    terms = tuple(a * b for a, b in factors)
    return MatMulStep(i, j, factors, terms, float(sum(terms)))


@dataclass(frozen=True)
class ShapeRule:
    """``(m x n) @ (n x p) -> (m x p)``: the inner sizes meet, the outer ones remain.

    Examples
    --------
    >>> ShapeRule((2, 3), (3, 4)).result
    (2, 4)
    """

    left: tuple[int, int]
    right: tuple[int, int]

    def __post_init__(self) -> None:
        if self.left[1] != self.right[0]:
            raise InputError(f"inner sizes differ: {self.left[1]} and {self.right[0]}")

    @property
    def result(self) -> tuple[int, int]:
        return (self.left[0], self.right[1])


@dataclass(frozen=True)
class LayerCost:
    """The multiply-adds of one dense layer: one per weight, for each example.

    Attributes
    ----------
    inputs, neurons, batch : int
    """

    inputs: int
    neurons: int
    batch: int

    @property
    def per_example(self) -> int:
        """``inputs * neurons``: one multiply-add per weight."""
        return self.inputs * self.neurons

    @property
    def per_batch(self) -> int:
        """``batch * inputs * neurons``."""
        return self.batch * self.per_example


@dataclass(frozen=True)
class MatMulExample:
    """The product C = A @ B and its row-by-column steps.

    Attributes
    ----------
    A, B, product : np.ndarray
    steps : tuple[MatMulStep, ...]
        One per entry of C, row by row.
    rule : ShapeRule
        A pair whose inner sizes visibly meet (2 x 3 by 3 x 4).
    inputs, weights, outputs : np.ndarray
        A batch of inputs (rows are examples), a layer's weights (columns are neurons) and
        their product (one weighted sum per example and neuron).
    cost : LayerCost
        The multiply-adds of the digit network's first layer, per image and per batch.
    """

    A: np.ndarray
    B: np.ndarray
    product: np.ndarray
    steps: tuple[MatMulStep, ...]
    rule: ShapeRule = ShapeRule((2, 3), (3, 4))
    inputs: np.ndarray = field(default_factory=lambda: np.array(BATCH_INPUTS))
    weights: np.ndarray = field(default_factory=lambda: np.array(BATCH_WEIGHTS))
    cost: LayerCost = LayerCost(DIGIT_PIXELS, CLASSES, DIGIT_IMAGES)  # the digit network's layer

    @property
    def outputs(self) -> np.ndarray:
        """``inputs @ weights``."""
        return cast(np.ndarray, self.inputs @ self.weights)

    @property
    def shapes(self) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
        """``((m, n), (n, p), (m, p))``."""
        return self.A.shape, self.B.shape, self.product.shape

    def step(self, i: int, j: int) -> MatMulStep:
        return self.steps[i * int(self.product.shape[1]) + j]

    @property
    def layer_step(self) -> MatMulStep:
        """The entry :data:`LAYER_ENTRY` of ``inputs @ weights``: one example's inputs times one
        neuron's weights, term by term."""
        return _step(self.inputs, self.weights, *LAYER_ENTRY)

    @property
    def numpy_lines(self) -> tuple[str, ...]:
        """What NumPy prints for ``A @ B``, line by line (leading spaces stripped): whole numbers
        as integers, as for the lesson's integer matrices, anything else as NumPy's floats."""
        product = self.product
        whole = bool(np.all(product == np.round(product))) and bool(np.all(np.abs(product) < 2**53))
        shown = product.astype(np.int64) if whole else product
        return tuple(line.strip() for line in repr(shown).splitlines())

    def values(self) -> dict[str, Any]:
        return {
            "A": _tolist(self.A),
            "B": _tolist(self.B),
            "product": _tolist(self.product),
            "terms": [
                [list(self.step(i, j).terms) for j in range(self.product.shape[1])]
                for i in range(self.product.shape[0])
            ],
            "shapes": [list(s) for s in self.shapes],
            "rule": {
                "left": list(self.rule.left),
                "right": list(self.rule.right),
                "result": list(self.rule.result),
            },
            "inputs": _tolist(self.inputs),
            "weights": _tolist(self.weights),
            "outputs": _tolist(self.outputs),
            "layer_entry": list(LAYER_ENTRY),
            "layer_terms": list(self.layer_step.terms),
            "cost": {
                "inputs": self.cost.inputs,
                "neurons": self.cost.neurons,
                "batch": self.cost.batch,
                "per_example": self.cost.per_example,
                "per_batch": self.cost.per_batch,
            },
        }


def matmul_example(A: npt.ArrayLike, B: npt.ArrayLike) -> MatMulExample:
    """Multiply ``A`` (m x n) by ``B`` (n x p), keeping every product shown on screen.

    Raises
    ------
    InputError
        If the inner dimensions differ.
    """
    A = np.atleast_2d(np.asarray(A, dtype=float))
    B = np.atleast_2d(np.asarray(B, dtype=float))
    if A.ndim != 2 or B.ndim != 2:
        raise InputError("A and B must be matrices")
    if A.shape[1] != B.shape[0]:
        raise InputError(
            f"cannot multiply A {A.shape[0]}x{A.shape[1]} by B {B.shape[0]}x{B.shape[1]}: "
            f"A has {A.shape[1]} columns but B has {B.shape[0]} rows"
        )
    product = A @ B
    steps = tuple(
        replace(_step(A, B, i, j), total=float(product[i, j]))
        for i in range(A.shape[0])
        for j in range(B.shape[1])
    )
    return MatMulExample(A, B, product, steps)


@dataclass(frozen=True)
class NeuronExample:
    """A layer z = Wx + b followed by an activation.

    Attributes
    ----------
    W : np.ndarray, shape (k, n)
    x : np.ndarray, shape (n,)
    b : np.ndarray, shape (k,)
    terms : np.ndarray, shape (k, n)
        ``W[r, j] * x[j]``: the weighted inputs, summed term by term.
    z : np.ndarray, shape (k,)
        The pre-activations ``W @ x + b``.
    activation : str
    a : np.ndarray, shape (k,)
        The activations.
    second : np.ndarray, shape (2, k)
        A second layer's weights, stacked on this one without an activation.
    collapsed : np.ndarray, shape (2, n)
        ``second @ W``: the one matrix the two linear layers collapse into.
    """

    W: np.ndarray
    x: np.ndarray
    b: np.ndarray
    terms: np.ndarray
    z: np.ndarray
    activation: str
    a: np.ndarray
    second: np.ndarray
    collapsed: np.ndarray

    @property
    def z_ticks(self) -> tuple[float, ...]:
        """Whole numbers labelling the z-axis of the activation's plot: every z lies within them."""
        lo = math.floor(min(float(self.z.min()), 0.0)) - 1
        hi = math.ceil(max(float(self.z.max()), 0.0)) + 1
        step = max(1, math.ceil((hi - lo) / 8))
        return tuple(float(t) for t in range(lo, hi + 1, step))

    @property
    def a_ticks(self) -> tuple[float, ...]:
        """Whole numbers labelling the activation's axis over :attr:`z_ticks`."""
        fn = get_activation(self.activation).fn
        values = fn(np.array([self.z_ticks[0], self.z_ticks[-1], 0.0]))
        lo, hi = math.floor(float(values.min())), math.ceil(float(values.max()))
        step = max(1, math.ceil((hi - lo) / 6))
        return tuple(float(t) for t in range(lo, hi + 1, step))

    def curve(self, samples: int = 161) -> tuple[np.ndarray, np.ndarray]:
        """The activation sampled over the z-axis: ``(z, a)`` for its plot."""
        zs = np.linspace(self.z_ticks[0], self.z_ticks[-1], samples)
        return zs, get_activation(self.activation).fn(zs)

    @property
    def partial_sums(self) -> np.ndarray:
        """Running sums of the first neuron's terms, then plus its bias: shape (n + 1,)."""
        return np.append(np.cumsum(self.terms[0]), self.z[0])

    def values(self) -> dict[str, Any]:
        return {
            "W": _tolist(self.W),
            "x": _tolist(self.x),
            "b": _tolist(self.b),
            "terms": _tolist(self.terms),
            "partial_sums": _tolist(self.partial_sums),
            "z": _tolist(self.z),
            "a": _tolist(self.a),
            "activation_constants": list(get_activation(self.activation).constants),
            "second": _tolist(self.second),
            "collapsed": _tolist(self.collapsed),
            "z_ticks": list(self.z_ticks),
            "a_ticks": list(self.a_ticks),
        }


def neuron_example(
    W: npt.ArrayLike, x: npt.ArrayLike, b: npt.ArrayLike, activation: str = "relu"
) -> NeuronExample:
    """Compute z = Wx + b and its activation, keeping each weighted input.

    Raises
    ------
    InputError
        If the shapes of ``W``, ``x`` and ``b`` do not fit together.
    """
    W = np.atleast_2d(np.asarray(W, dtype=float))
    x = np.asarray(x, dtype=float).reshape(-1)
    b = np.asarray(b, dtype=float).reshape(-1)
    k, n = W.shape
    if x.shape[0] != n:
        raise InputError(f"W is {k}x{n}, so x needs {n} entries, got {x.shape[0]}")
    if b.shape[0] not in (1, k):
        raise InputError(f"W has {k} rows, so b needs {k} entries (or one), got {b.shape[0]}")
    b = np.broadcast_to(b, (k,)).copy()
    terms = W * x
    z = W @ x + b
    a = get_activation(activation).fn(z)
    second = np.asarray(SECOND_LAYER, dtype=float)[:, :k]
    if k > second.shape[1]:
        raise InputError(f"W has {k} rows; at most {second.shape[1]} are drawn")
    return NeuronExample(W, x, b, terms, z, activation, a, second, second @ W)
