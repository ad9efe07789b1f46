#!/usr/bin/env python3
"""ADBench GMM and LSTM in jax.numpy: the JAX peer for the backprop-adbench table.

Reads the same ADBench files as the Rust crate (folder from $ADBENCH_DATA, default
../shared/data/adbench beside the workspace), checks the objective and the gradient against
golden/computed/*.ref.txt with ADBench's rho(x, y) = |x - y| / max(1, |x| + |y|), then times
jax.jit(f) and jax.jit(jax.grad(f)) on one CPU thread in float64 with the ADBench protocol:
after compilation, repeats doubled until one sample takes >= 0.1 s, minimum of 5 samples.

Usage: python3 benches/peers/adbench_jax.py [--samples N] [--min-time S] [--json] [INSTANCE ...]
Needs: pip install "jax[cpu]"
"""

import os

# One thread, float64, CPU: these must be set before jax is imported.
os.environ["XLA_FLAGS"] = (
    os.environ.get("XLA_FLAGS", "")
    + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
).strip()
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NPROC"):
    os.environ[_var] = "1"
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax.scipy.special import logsumexp, multigammaln  # noqa: E402

jax.config.update("jax_enable_x64", True)

DEFAULT_INSTANCES = ["gmm/1k/gmm_d10_K5", "gmm/10k/gmm_d10_K5", "lstm/lstm_l2_c1024"]
TOLERANCE = 1e-8


def data_dir():
    """$ADBENCH_DATA, or shared/data/adbench beside the workspace holding this script."""
    if "ADBENCH_DATA" in os.environ:
        return pathlib.Path(os.environ["ADBENCH_DATA"])
    workspace = pathlib.Path(__file__).resolve().parents[2]
    return workspace.parent / "shared" / "data" / "adbench"


def max_rho(got, want):
    got, want = np.atleast_1d(np.asarray(got)), np.atleast_1d(np.asarray(want))
    if got.shape != want.shape:
        return math.inf
    return float(np.max(np.abs(got - want) / np.maximum(1.0, np.abs(got) + np.abs(want))))


def read_ref(path):
    """golden/computed GMM/LSTM reference: line 1 the objective, line 2 the gradient."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    return float(lines[0]), np.array(lines[1].split(), dtype=np.float64)


# --- GMM -------------------------------------------------------------------------------------


def read_gmm(path):
    tokens = path.read_text().split()
    d, k, n = (int(t) for t in tokens[:3])
    pos = 3

    def take(count):
        nonlocal pos
        out = np.array(tokens[pos : pos + count], dtype=np.float64)
        pos += count
        return out

    icf_size = d * (d + 1) // 2
    alpha, means, icf = take(k), take(k * d).reshape(k, d), take(k * icf_size).reshape(k, icf_size)
    left = len(tokens) - pos
    if left == n * d + 2:
        x = take(n * d).reshape(n, d)
    elif left == d + 2:  # replicate-point mode
        x = np.tile(take(d), (n, 1))
    else:
        raise ValueError(f"{path}: unexpected token count {left} for the points")
    gamma, m = take(2)
    return dict(alpha=alpha, means=means, icf=icf, x=x, gamma=float(gamma), m=float(m))


def lower_indices(d):
    """(row, col) of the strictly lower triangle in ADBench's packing order: column by column."""
    rows, cols = [], []
    for col in range(d):
        for row in range(col + 1, d):
            rows.append(row)
            cols.append(col)
    return np.array(rows, dtype=np.int32), np.array(cols, dtype=np.int32)


def make_gmm_objective(x, gamma, m):
    n, d = x.shape
    rows, cols = lower_indices(d)
    n_prime = d + m + 1
    # The Wishart constant C depends on constants only.
    c_const = n_prime * d * (math.log(gamma) - 0.5 * math.log(2.0)) - float(
        multigammaln(0.5 * n_prime, d)
    )
    x = jnp.asarray(x)

    def objective(alpha, means, icf):
        k = alpha.shape[0]
        qs, ls = icf[:, :d], icf[:, d:]
        q_mat = jnp.zeros((k, d, d)).at[:, rows, cols].set(ls) + jax.vmap(jnp.diag)(jnp.exp(qs))
        xc = x[:, None, :] - means[None, :, :]
        z = jnp.einsum("kij,nkj->nki", q_mat, xc)
        main = alpha[None, :] + qs.sum(axis=1)[None, :] - 0.5 * jnp.sum(z * z, axis=2)
        prior = 0.5 * gamma**2 * (jnp.sum(jnp.exp(qs) ** 2) + jnp.sum(ls**2)) - m * jnp.sum(qs)
        return (
            -n * d * 0.5 * math.log(2 * math.pi)
            + jnp.sum(logsumexp(main, axis=1))
            - n * logsumexp(alpha)
            + prior
            - k * c_const
        )

    return objective


def gmm_problem(path):
    data = read_gmm(path)
    f = make_gmm_objective(data["x"], data["gamma"], data["m"])
    args = tuple(jnp.asarray(data[key]) for key in ("alpha", "means", "icf"))
    grad = jax.grad(f, argnums=(0, 1, 2))

    def flat_grad(*a):
        return jnp.concatenate([g.ravel() for g in grad(*a)])

    return f, flat_grad, args


# --- LSTM ------------------------------------------------------------------------------------


def read_lstm(path):
    tokens = path.read_text().split()
    l, c, b = (int(t) for t in tokens[:3])
    values = np.array(tokens[3:], dtype=np.float64)
    sizes = [8 * l * b, 3 * b, 2 * l * b, c * b]
    if len(values) != sum(sizes):
        raise ValueError(f"{path}: expected {sum(sizes)} numbers, found {len(values)}")
    main, extra, state, seq = np.split(values, np.cumsum(sizes)[:-1])
    return dict(l=l, c=c, b=b, main=main, extra=extra, state=state, seq=seq.reshape(c, b))


def make_lstm_objective(l, c, b, state, seq):
    state = jnp.asarray(state).reshape(l, 2, b)
    seq = jnp.asarray(seq)

    def objective(main_params, extra_params):
        # Per layer: weights W_f, W_i, W_o, W_c, then biases; all element-wise.
        w = main_params.reshape(l, 2, 4, b)
        in_w, out_w, out_b = extra_params.reshape(3, b)

        def step(st, inputs):
            x_t, gold = inputs
            inp = x_t * in_w
            layers = []
            for layer in range(l):
                h, s = st[layer, 0], st[layer, 1]
                weight, bias = w[layer, 0], w[layer, 1]
                # ADBench's wiring: forget/output gates read the input, input gate/candidate h.
                f = jax.nn.sigmoid(inp * weight[0] + bias[0])
                i = jax.nn.sigmoid(h * weight[1] + bias[1])
                o = jax.nn.sigmoid(inp * weight[2] + bias[2])
                g = jnp.tanh(h * weight[3] + bias[3])
                s = s * f + i * g
                h = o * jnp.tanh(s)
                layers.append(jnp.stack([h, s]))
                inp = h
            y = inp * out_w + out_b
            lse = jnp.log(jnp.sum(jnp.exp(y)) + 2.0)  # ADBench's sum(exp(y), 2) quirk
            return jnp.stack(layers), jnp.sum(gold * (y - lse))

        # The scan starts from the given state at every call (the "fresh copy").
        _, terms = jax.lax.scan(step, state, (seq[:-1], seq[1:]))
        return -jnp.sum(terms) / ((c - 1) * b)

    return objective


def lstm_problem(path):
    data = read_lstm(path)
    f = make_lstm_objective(data["l"], data["c"], data["b"], data["state"], data["seq"])
    args = (jnp.asarray(data["main"]), jnp.asarray(data["extra"]))
    grad = jax.grad(f, argnums=(0, 1))

    def flat_grad(*a):
        return jnp.concatenate([g.ravel() for g in grad(*a)])

    return f, flat_grad, args


# --- protocol --------------------------------------------------------------------------------


def measure(fn, args, min_time, samples):
    """Seconds per call: repeats doubled until a sample takes >= min_time, min over samples."""
    jax.block_until_ready(fn(*args))  # compile and warm up

    def sample(repeats):
        start = time.perf_counter()
        for _ in range(repeats):
            out = fn(*args)
        jax.block_until_ready(out)
        return (time.perf_counter() - start) / repeats

    repeats = 1
    while True:
        best = sample(repeats)
        if best * repeats >= min_time:
            break
        repeats *= 2
    for _ in range(samples - 1):
        best = min(best, sample(repeats))
    return best


def run(instance, data, min_time, samples):
    path = data / f"{instance}.txt"
    problem = gmm_problem if instance.startswith("gmm/") else lstm_problem
    f, grad, args = problem(path)
    f_jit, grad_jit = jax.jit(f), jax.jit(grad)
    want_f, want_g = read_ref(data / "golden" / "computed" / f"{instance}.ref.txt")
    rho_f = max_rho(float(f_jit(*args)), want_f)
    rho_g = max_rho(np.asarray(grad_jit(*args)), want_g)
    t_f = measure(f_jit, args, min_time, samples)
    t_g = measure(grad_jit, args, min_time, samples)
    return dict(
        instance=instance,
        objective_seconds=t_f,
        gradient_seconds=t_g,
        ratio=t_g / t_f,
        objective_rho=rho_f,
        gradient_rho=rho_g,
    )


def fmt(seconds):
    if seconds >= 1:
        return f"{seconds:.3f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3f} ms"
    return f"{seconds * 1e6:.3f} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", default=DEFAULT_INSTANCES)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--min-time", type=float, default=0.1)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    data = data_dir()
    if not (data / "gmm").is_dir():
        print(f"skipping: ADBench data not found at {data} (set ADBENCH_DATA)", file=sys.stderr)
        return 0
    rows = []
    for instance in options.instances:
        instance = instance.removesuffix(".txt")
        if not instance.startswith(("gmm/", "lstm/")):
            print(f"{instance}: only gmm/ and lstm/ instances are implemented", file=sys.stderr)
            return 2
        print(f"running {instance} …", file=sys.stderr)
        rows.append(run(instance, data, options.min_time, options.samples))
    failed = [r["instance"] for r in rows if max(r["objective_rho"], r["gradient_rho"]) >= TOLERANCE]
    if options.json:
        print(json.dumps(dict(jax=jax.__version__, rows=rows), indent=2))
    else:
        print(f"JAX {jax.__version__}, CPU, one thread, float64, jit; min of {options.samples} samples")
        print()
        print("| instance | jit(f) | jit(grad f) | ratio | worst ρ f | worst ρ ∇f |")
        print("|---|---:|---:|---:|---:|---:|")
        for r in rows:
            print(
                f"| {r['instance']} | {fmt(r['objective_seconds'])} | {fmt(r['gradient_seconds'])} "
                f"| {r['ratio']:.2f}× | {r['objective_rho']:.1e} | {r['gradient_rho']:.1e} |"
            )
    if failed:
        print(f"values differ from golden/computed beyond {TOLERANCE}: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
