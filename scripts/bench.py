#!/usr/bin/env python3
"""Benchmark: the runner against a naive loop of `papermill` and `jupyter nbconvert` command lines.

Both do the same work (execute every notebook, an HTML page without code and one with code) and are
measured in this one process, alternating, `--rounds` times each; the median times and their ratio
are printed. Target: the runner takes at most 0.5 of the naive loop's time.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "src"))
from prequel.runner import all_notebooks  # noqa: E402


def timed(commands: list[list[str]], cwd: Path) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def naive_commands(out: Path) -> list[list[str]]:
    commands = []
    for nb in all_notebooks():
        executed = out / nb.name
        commands += [
            [str(BIN / "papermill"), str(nb), str(executed), "--no-progress-bar"],
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed),
             "--output", f"{nb.stem}.html"],
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed), "--output", f"{nb.stem}.code.html"],
        ]
    return commands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    notebooks = all_notebooks()
    runner_times, naive_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            out = Path(tmp) / f"naive{i}"
            out.mkdir()
            naive_times.append(timed(naive_commands(out), REPO / "notebooks"))
            runner_times.append(timed([[sys.executable, str(REPO / "scripts" / "run_notebooks.py"),
                                        "--out", str(Path(tmp) / f"runner{i}")]], REPO))
    runner, naive = statistics.median(runner_times), statistics.median(naive_times)
    print(f"notebooks: {len(notebooks)}; rounds: {args.rounds}")
    print(f"runner (all notebooks, HTML, index): {runner:.2f} s  (each round: {', '.join(f'{t:.2f}' for t in runner_times)})")
    print(f"naive papermill + nbconvert loop:    {naive:.2f} s  (each round: {', '.join(f'{t:.2f}' for t in naive_times)})")
    print(f"ratio runner / naive: {runner / naive:.2f} (target <= 0.50)")


if __name__ == "__main__":
    main()
