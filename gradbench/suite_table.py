#!/usr/bin/env python3
"""Prints a table of a `run-suite` run: per eval and input, whether every output was
validated, the minimum `evaluate` time of the objective and of its derivative for backprop,
their ratio, and the same for `manual` where its log exists.

    python3 gradbench/suite_table.py LOGS [EVAL ...] [--all]

LOGS holds backprop/<eval>.jsonl and manual/<eval>.jsonl (from `gradbench run -o`). Without
--all, only each eval's largest input (the last one it sends) is shown.
"""

import json
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
    return f"{num / den:.2f}×" if num is not None and den else "—"


def main():
    args = [a for a in sys.argv[1:] if a != "--all"]
    everything = "--all" in sys.argv
    logs, evals = Path(args[0]), args[1:] or list(PAIRS) + list(NESTED)
    print("| eval | input | valid | backprop objective | backprop derivative | ratio | manual objective | manual derivative | manual ratio |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for eval in evals:
        ours = read(logs / "backprop" / f"{eval}.jsonl")
        if ours is None:
            continue
        theirs = read(logs / "manual" / f"{eval}.jsonl")
        times, valid, total = ours
        manual = theirs[0] if theirs else {}
        inputs = list(dict.fromkeys(d for (_, d) in times))
        if not everything:
            inputs = inputs[-1:]
        functions = NESTED.get(eval)
        for d in inputs:
            if functions:
                cells = ", ".join(f"{f} {show(times.get((f, d)))}" for f in functions)
                mcells = ", ".join(f"{f} {show(manual.get((f, d)))}" for f in functions) if manual else "—"
                print(f"| {eval} | {d} | {valid}/{total} | — | {cells} | — | — | {mcells} | — |")
                continue
            obj, der = PAIRS[eval]
            o, g = times.get((obj, d)), times.get((der, d))
            mo, mg = manual.get((obj, d)), manual.get((der, d))
            print(
                f"| {eval} | {d} | {valid}/{total} | {show(o)} | {show(g)} | {ratio(g, o)} "
                f"| {show(mo)} | {show(mg)} | {ratio(mg, mo)} |"
            )


if __name__ == "__main__":
    main()
