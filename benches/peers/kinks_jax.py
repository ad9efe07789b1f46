#!/usr/bin/env python3
"""JAX's derivatives at kinks, zeros and non-finite inputs: the reference for docs/numerics.md.

Prints one line per case, `case | float32 | float64`, each cell the gradient JAX's reverse mode
(jax.grad) returns at that exact point, a tuple when there are several arguments. The cases are
the conventions backprop documents in runtime/src/private/rules.rs and pins in
tests/numerics.rs: abs, relu, maximum/minimum ties, clip at its bounds, sqrt and hypot at the
origin, powers at 0, the zero-gradient rounding functions, atan2 at the origin, NaN and
infinity, and stable log-sum-exp/softmax at logits of +-1000.

Usage: python3 benches/peers/kinks_jax.py
Needs: pip install "jax[cpu]"
"""

import os

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from jax.scipy.special import logsumexp  # noqa: E402

jax.config.update("jax_enable_x64", True)

DTYPES = (jnp.float32, jnp.float64)
NAN = float("nan")
INF = float("inf")


def show(value):
    """A gradient as text: a float, or a tuple/list of floats."""
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(show(v) for v in value) + ")"
    if getattr(value, "ndim", 0) > 0:
        return "[" + ", ".join(show(v) for v in value) + "]"
    return repr(float(value))


def grad_at(f, args, dtype):
    """jax.grad of `f` with respect to every argument, at `args` cast to `dtype`."""
    xs = tuple(jnp.asarray(a, dtype=dtype) for a in args)
    g = jax.grad(f, argnums=tuple(range(len(xs))))(*xs)
    return g[0] if len(g) == 1 else g


def CLAMP(x, lo, hi):
    """lax.clamp with the operand first, like jnp.clip and Rust's `x.clamp(lo, hi)`."""
    return jax.lax.clamp(lo, x, hi)


CASES = [
    ("abs'(0)", jnp.abs, (0.0,)),
    ("abs'(-0.0)", jnp.abs, (-0.0,)),
    ("relu'(0)  [jax.nn.relu]", jax.nn.relu, (0.0,)),
    ("maximum(x, y) at x = y = 1  (d/dx, d/dy)", jnp.maximum, (1.0, 1.0)),
    ("minimum(x, y) at x = y = 1  (d/dx, d/dy)", jnp.minimum, (1.0, 1.0)),
    ("clip(x, lo=1, hi=2) at x = lo  (d/dx, d/dlo, d/dhi)", jnp.clip, (1.0, 1.0, 2.0)),
    ("clip(x, lo=1, hi=2) at x = hi  (d/dx, d/dlo, d/dhi)", jnp.clip, (2.0, 1.0, 2.0)),
    ("clip(x, lo=1, hi=2) at x = 1.5 (d/dx, d/dlo, d/dhi)", jnp.clip, (1.5, 1.0, 2.0)),
    ("lax.clamp(lo=1, x, hi=2) at x = lo  (d/dx, d/dlo, d/dhi)", CLAMP, (1.0, 1.0, 2.0)),
    ("lax.clamp(lo=1, x, hi=2) at x = hi  (d/dx, d/dlo, d/dhi)", CLAMP, (2.0, 1.0, 2.0)),
    ("sqrt'(0)", jnp.sqrt, (0.0,)),
    ("hypot(x, y) at (0, 0)  (d/dx, d/dy)", jnp.hypot, (0.0, 0.0)),
    ("hypot(x, y) at (3, 4)  (d/dx, d/dy)", jnp.hypot, (3.0, 4.0)),
    ("x ** 0.5 at x = 0  (d/dx, d/dp)", lambda x, p: x**p, (0.0, 0.5)),
    ("x ** 1.0 at x = 0  (d/dx, d/dp)", lambda x, p: x**p, (0.0, 1.0)),
    ("x ** 2.0 at x = 0  (d/dx, d/dp)", lambda x, p: x**p, (0.0, 2.0)),
    ("x ** 3.0 at x = 0  (d/dx, d/dp)", lambda x, p: x**p, (0.0, 3.0)),
    ("x ** 0.0 at x = 0  (d/dx, d/dp)", lambda x, p: x**p, (0.0, 0.0)),
    ("x ** 0.0 at x = 0, p a Python constant", lambda x: x**0.0, (0.0,)),
    ("x ** -1.0 at x = 0  (d/dx, d/dp)", lambda x, p: x**p, (0.0, -1.0)),
    ("x ** 0 (integer_pow, powi(0)) at x = 0", lambda x: x**0, (0.0,)),
    ("x ** 1 (integer_pow, powi(1)) at x = 0", lambda x: x**1, (0.0,)),
    ("x ** 2 (integer_pow, powi(2)) at x = 0", lambda x: x**2, (0.0,)),
    ("x ** 3 (integer_pow, powi(3)) at x = 0", lambda x: x**3, (0.0,)),
    ("sign'(0)", jnp.sign, (0.0,)),
    ("sign'(1.5)", jnp.sign, (1.5,)),
    ("floor'(1.5)", jnp.floor, (1.5,)),
    ("round'(2.5)", jnp.round, (2.5,)),
    ("atan2(y, x) at (0, 0)  (d/dy, d/dx)", jnp.arctan2, (0.0, 0.0)),
    ("cbrt'(0)", jnp.cbrt, (0.0,)),
    ("log'(0)", jnp.log, (0.0,)),
    ("abs'(nan)", jnp.abs, (NAN,)),
    ("clip(x, lo=1, hi=2) at x = nan  (d/dx, d/dlo, d/dhi)", jnp.clip, (NAN, 1.0, 2.0)),
    ("hypot(x, y) at (nan, 1)  (d/dx, d/dy)", jnp.hypot, (NAN, 1.0)),
    ("sin'(nan)", jnp.sin, (NAN,)),
    ("maximum(x, nan) at x = 1  (d/dx, d/dy)", jnp.maximum, (1.0, NAN)),
    ("maximum(x, y) at x = y = nan  (d/dx, d/dy)", jnp.maximum, (NAN, NAN)),
    ("exp'(-inf)", jnp.exp, (-INF,)),
    ("exp'(+inf)", jnp.exp, (INF,)),
    ("tanh'(+inf)", jnp.tanh, (INF,)),
    ("atan'(+inf)", jnp.arctan, (INF,)),
    ("sqrt'(+inf)", jnp.sqrt, (INF,)),
    ("log'(+inf)", jnp.log, (INF,)),
    ("abs'(-inf)", jnp.abs, (-INF,)),
    ("logsumexp([1000, -1000, 0]) gradient", logsumexp, ([1000.0, -1000.0, 0.0],)),
    ("naive log(sum(exp(z))) at [1000, -1000, 0]", lambda z: jnp.log(jnp.sum(jnp.exp(z))), ([1000.0, -1000.0, 0.0],)),
    (
        "log_softmax([1000, -1000, 0])[0] gradient",
        lambda z: jax.nn.log_softmax(z)[0],
        ([1000.0, -1000.0, 0.0],),
    ),
    (
        "sigmoid_binary_cross_entropy(z=-1000, t=1) gradient",
        lambda z: -jax.nn.log_sigmoid(z),
        (-1000.0,),
    ),
]


def main():
    print(f"jax {jax.__version__}, backend {jax.default_backend()}")
    print("case | float32 | float64")
    for name, f, args in CASES:
        cells = [show(grad_at(f, args, dtype)) for dtype in DTYPES]
        print(f"{name} | {cells[0]} | {cells[1]}")


if __name__ == "__main__":
    main()
