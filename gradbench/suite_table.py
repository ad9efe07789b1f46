#!/usr/bin/env python3
"""Prints a table of a `run-suite` run: per eval and input, each tool's derivative time (the
minimum `evaluate` time of the runs in one `gradbench run`) and its derivative/objective
ratio, and how many of each tool's outputs the eval validated.

    python3 gradbench/suite_table.py LOGS [EVAL ...] [--all] [--detail | --short]

LOGS holds TOOL/<eval>.jsonl (from `gradbench run -o`) for the tools backprop,
backprop-native, manual and jax; a tool without logs is left out. Without --all, only each
eval's largest input (the last one it sends) is shown. --detail prints the objective times
too; --short prints one cell per tool, "derivative (ratio)", and no input or validity columns.
If LOGS/load.txt exists (run-suite writes it), the range of the 1-minute load average
seen during the runs is printed under the table.
"""

import json
import re
import sys
from pathlib import Path

# The objective and the derivative of each eval, by function name.
PAIRS = {
    "hello": ("square", "double"),
    "lse": ("primal", "gradient"),
    "llsq": ("primal", "gradient"),
    "det": ("primal", "gradient"),
    "ode": ("primal", "gradient"),
    "kmeans": ("cost", "dir"),
    "gmm": ("objective", "jacobian"),
    "lstm": ("objective", "jacobian"),
    "ht": ("objective", "jacobian"),
    "ba": ("objective", "jacobian"),
}
# Evals whose every function is a derivative (nested ones): no objective to divide by.
NESTED = {"saddle": ("rr", "rf", "fr", "ff"), "particle": ("rr", "rf", "fr", "ff")}
# Column order and headings.
TOOLS = [
    ("backprop", "backprop"),
    ("backprop-native", "backprop native"),
    ("manual", "manual"),
    ("jax", "JAX"),
]


def read(path):
    """{(function, description): min ns}, number of valid analyses, number of analyses."""
    times, pending = {}, {}
    valid = total = 0
    if not path.exists():
        return None
    with path.open() as f:
        for line in f:
            entry = json.loads(line)
            message, response = entry.get("message"), entry.get("response")
            if message and message.get("kind") == "evaluate":
                pending[message["id"]] = (message["function"], message.get("description") or "")
            elif message and message.get("kind") == "analysis":
                total += 1
                valid += bool(message.get("valid"))
            elif response and response.get("id") in pending:
                key = pending.pop(response["id"])
                ns = [t["nanoseconds"] for t in response.get("timings", []) if t.get("name") == "evaluate"]
                if response.get("success") and ns:
                    times[key] = min(ns)
    return times, valid, total


def show(ns):
    if ns is None:
        return "—"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns} ns"


def ratio(num, den):
    if num is None or not den:
        return "—"
    r = num / den
    return f"{r:.2f}×" if r >= 0.01 else f"{r:.1g}×"


def load_range(path):
    loads = []
    if path.exists():
        for line in path.read_text().splitlines():
            m = re.search(r"load average: ([\d.]+)", line)
            if m:
                loads.append(float(m.group(1)))
    return (min(loads), max(loads)) if loads else None


def print_short(logs, evals, tools, everything):
    print("| eval | " + " | ".join(h for _, h in tools) + " |")
    print("|---|" + "---:|" * len(tools))
    for eval in evals:
        data = {t: read(logs / t / f"{eval}.jsonl") for t, _ in tools}
        if not any(data.values()):
            continue
        reference = next(d for d in data.values() if d)
        inputs = list(dict.fromkeys(d for (_, d) in reference[0]))
        for d in inputs if everything else inputs[-1:]:
            row = [eval]
            for t, _ in tools:
                times = data[t][0] if data[t] else {}
                if eval in NESTED:
                    cells = [times.get((f, d)) for f in NESTED[eval]]
                    row.append(" / ".join(show(c) for c in cells) if any(cells) else "—")
                    continue
                obj, der = PAIRS[eval]
                o, g = times.get((obj, d)), times.get((der, d))
                row.append(f"{show(g)} ({ratio(g, o)})" if g is not None else "—")
            print("| " + " | ".join(row) + " |")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    everything = "--all" in sys.argv
    detail = "--detail" in sys.argv
    short = "--short" in sys.argv
    logs, evals = Path(args[0]), args[1:] or list(PAIRS) + list(NESTED)
    tools = [(t, h) for t, h in TOOLS if (logs / t).is_dir()]
    if short:
        print_short(logs, evals, tools, everything)
        return
    head = ["eval", "input", "valid (" + " · ".join(h for _, h in tools) + ")"]
    for _, h in tools:
        head += ([f"{h} objective"] if detail else []) + [f"{h} derivative", "ratio"]
    print("| " + " | ".join(head) + " |")
    print("|---|---|---|" + "---:|" * (len(head) - 3))
    for eval in evals:
        data = {t: read(logs / t / f"{eval}.jsonl") for t, _ in tools}
        if not any(data.values()):
            continue
        reference = next(d for d in data.values() if d)
        inputs = list(dict.fromkeys(d for (_, d) in reference[0]))
        if not everything:
            inputs = inputs[-1:]
        valid = " · ".join(f"{d[1]}/{d[2]}" if d and d[2] else "—" for d in data.values())
        for d in inputs:
            row = [eval, d, valid]
            for t, _ in tools:
                times = data[t][0] if data[t] else {}
                if eval in NESTED:
                    cells = ", ".join(f"{f} {show(times.get((f, d)))}" for f in NESTED[eval]) if times else "—"
                    row += (["—"] if detail else []) + [cells, "—"]
                    continue
                obj, der = PAIRS[eval]
                o, g = times.get((obj, d)), times.get((der, d))
                row += ([show(o)] if detail else []) + [show(g), ratio(g, o)]
            print("| " + " | ".join(row) + " |")
    loads = load_range(logs / "load.txt")
    if loads:
        print(f"\n1-minute load average during the runs: {loads[0]:g} to {loads[1]:g} (from {logs / 'load.txt'}).")


if __name__ == "__main__":
    main()
