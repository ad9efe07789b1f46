#!/usr/bin/env python3
"""One MLP training step in JAX: the JAX peer of backprop's train_step benchmark.

The step is forward, value_and_grad and an Adam update (lr 1e-3, betas 0.9 and 0.999, eps 1e-8,
written by hand in jax.numpy with the same arithmetic as backprop's Adam), all inside one
jax.jit, for the MLPs 64-128-10 and 784-256-10 (dense, ReLU, dense, softmax cross-entropy
with integer labels, mean over the batch) at batches 64 and 128. CPU, one thread, float32.

Protocol, as in the Rust benchmark: segments of 200 steps, each from the initial weights
with fresh Adam moments, cycling through 8 seeded batches; the first step of a segment is not
timed (the first segment's first step also compiles). Each step is timed on its own up to
block_until_ready, and the median is printed.

Usage: python3 benches/peers/train_step_jax.py [--segments N] [--json]
Needs: pip install "jax[cpu]"
"""

import os

# One thread, CPU: these must be set before jax is imported.
os.environ["XLA_FLAGS"] = (
    os.environ.get("XLA_FLAGS", "")
    + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
).strip()
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NPROC"):
    os.environ[_var] = "1"
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import argparse  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

CONFIGS = [(64, 128, 10, 64), (64, 128, 10, 128), (784, 256, 10, 64), (784, 256, 10, 128)]
LEARNING_RATE = 1e-3
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
SEGMENT = 200
BATCHES = 8
SEED = 42


def init_params(key, inputs, hidden, classes):
    """He-normal hidden weights, Xavier-uniform output weights, small random biases."""
    k1, k2, k3, k4 = jax.random.split(key, 4)
    bound = (6.0 / (hidden + classes)) ** 0.5
    return {
        "w1": jax.random.normal(k1, (inputs, hidden), jnp.float32) * (2.0 / inputs) ** 0.5,
        "b1": jax.random.uniform(k2, (hidden,), jnp.float32, -0.1, 0.1),
        "w2": jax.random.uniform(k3, (hidden, classes), jnp.float32, -bound, bound),
        "b2": jax.random.uniform(k4, (classes,), jnp.float32, -0.1, 0.1),
    }


def loss(params, x, labels):
    """Mean softmax cross-entropy of dense → ReLU → dense."""
    hidden = jax.nn.relu(x @ params["w1"] + params["b1"])
    logits = hidden @ params["w2"] + params["b2"]
    log_p = jax.nn.log_softmax(logits)
    return -jnp.mean(jnp.take_along_axis(log_p, labels[:, None], axis=1))


def adam_leaf(w, g, m, v, step_size, inv_sqrt_bias2):
    """backprop's Adam on one leaf: m and v updated, then
    w -= step_size m / (sqrt(v) / sqrt(1 - β2^t) + eps) with step_size = lr / (1 - β1^t)."""
    m = BETA1 * m + (1.0 - BETA1) * g
    v = BETA2 * v + (1.0 - BETA2) * g * g
    w = w - step_size * m / (jnp.sqrt(v) * inv_sqrt_bias2 + EPS)
    return w, m, v


# The params and moments are replaced by each step: donating them lets XLA update in place.
@functools.partial(jax.jit, donate_argnums=(0, 1, 2))
def train_step(params, m, v, t, x, labels):
    """One step at Adam step t (1, 2, …): returns the new params, moments and the loss before."""
    value, grads = jax.value_and_grad(loss)(params, x, labels)
    t = t.astype(jnp.float32)
    step_size = LEARNING_RATE / (1.0 - BETA1**t)
    inv_sqrt_bias2 = 1.0 / jnp.sqrt(1.0 - BETA2**t)
    new = {k: adam_leaf(params[k], grads[k], m[k], v[k], step_size, inv_sqrt_bias2) for k in params}
    return (
        {k: new[k][0] for k in new},
        {k: new[k][1] for k in new},
        {k: new[k][2] for k in new},
        value,
    )


def make_batches(key, inputs, classes, batch):
    out = []
    for k in jax.random.split(key, BATCHES):
        kx, ky = jax.random.split(k)
        x = jax.random.normal(kx, (batch, inputs), jnp.float32)
        labels = jax.random.randint(ky, (batch,), 0, classes, jnp.int32)
        out.append((x, labels))
    return out


def run_config(config, segments):
    """Median seconds per step, and the loss at the end of the last segment."""
    inputs, hidden, classes, batch = config
    key_params, key_data = jax.random.split(jax.random.PRNGKey(SEED))
    initial = init_params(key_params, inputs, hidden, classes)
    batches = make_batches(key_data, inputs, classes, batch)
    times = []
    value = None
    for _ in range(segments):
        params = {k: jnp.copy(p) for k, p in initial.items()}  # donated by the first step
        m = {k: jnp.zeros_like(p) for k, p in params.items()}
        v = {k: jnp.zeros_like(p) for k, p in params.items()}
        params, m, v, value = train_step(params, m, v, jnp.int32(1), *batches[0])
        jax.block_until_ready(value)
        for i in range(1, SEGMENT):
            x, labels = batches[i % BATCHES]
            t = jnp.int32(i + 1)
            start = time.perf_counter()
            params, m, v, value = train_step(params, m, v, t, x, labels)
            jax.block_until_ready((params, value))
            times.append(time.perf_counter() - start)
    return statistics.median(times), float(value)


def fmt(seconds):
    return f"{seconds * 1e3:.3f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.1f} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    rows = []
    for config in CONFIGS:
        seconds, value = run_config(config, options.segments)
        name = "-".join(map(str, config[:3]))
        rows.append(dict(config=name, batch=config[3], seconds=seconds, loss=value))
    if options.json:
        print(json.dumps(dict(jax=jax.__version__, rows=rows), indent=2))
        return 0
    steps = options.segments * (SEGMENT - 1)
    print(f"JAX {jax.__version__}, CPU, one thread, float32, jit(value_and_grad + Adam)")
    print(f"median of {steps} timed steps per configuration")
    print()
    print("| configuration | JAX step | loss at the end of a segment |")
    print("|---|---:|---:|")
    for r in rows:
        print(f"| {r['config']}, batch {r['batch']} | {fmt(r['seconds'])} | {r['loss']:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
