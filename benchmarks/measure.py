"""How the benchmarks measure: CPU and wall time of a call or of a child process, a child's peak memory,
medians, and the growth exponent between two sizes.

The machine the benchmarks run on may be shared, so every figure is a median of several runs, and CPU
time (what the work itself costs, whoever else is running) is reported beside wall time. A child
process's CPU time and peak memory come from the kernel (``os.wait4``), for that child alone, and each
benchmark runs in a process of its own (``run.py --child``), so no benchmark's memory weighs on another.

Children run the app as it is installed: with compiled bytecode. A development shell may set
``PYTHONDONTWRITEBYTECODE`` (then every start compiles every module again, which no installed copy
does); the children's bytecode goes to a cache folder of the benchmark's own instead, made by a first
run that is not counted.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    cpu_ms: float
    wall_ms: float
    peak_mb: float = 0.0


def child_env(folder: Path) -> dict[str, str]:
    """The environment for children: offscreen Qt, a user data folder of their own, compiled bytecode."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "SENDPLAN_DATA_DIR": str(folder / "userdata"), "PYTHONPYCACHEPREFIX": str(folder / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


_WAIT = ("import json, os, subprocess, sys, time\n"
         "started = time.perf_counter()\n"
         "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
         "_, status, usage = os.wait4(child.pid, 0)\n"
         "print(json.dumps([usage.ru_utime + usage.ru_stime, time.perf_counter() - started, usage.ru_maxrss,\n"
         "                  os.waitstatus_to_exitcode(status)]))\n")


def run_child(command: Sequence[str], env: dict[str, str], *, timeout: float = 900) -> Sample:
    """Run ``command`` to its end: its CPU time (user + system), wall time and peak resident memory.

    It is started by a small process of its own, which reports what the kernel counted for it: a
    child forked straight from this (large) process would have this process's memory in its peak."""
    output = subprocess.run([sys.executable, "-c", _WAIT, *command], env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=timeout, check=True).stdout
    cpu, wall, peak_kb, code = json.loads(output.strip().splitlines()[-1])
    if code:
        raise RuntimeError(f"{' '.join(command[:4])}… failed ({code})")
    return Sample(cpu * 1000, wall * 1000, peak_kb / 1024)


def children(command: Sequence[str], env: dict[str, str], repeat: int) -> list[Sample]:
    """``repeat`` runs of a child after one that is not counted (it fills the bytecode and file caches)."""
    run_child(command, env)
    return [run_child(command, env) for _ in range(repeat)]


def calls(function: Callable[[], object], repeat: int) -> list[Sample]:
    """``repeat`` calls in this process: CPU time of this thread and wall time of each."""
    samples = []
    for _ in range(repeat):
        cpu, wall = time.thread_time(), time.perf_counter()
        function()
        samples.append(Sample((time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000))
    return samples


def median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 2) if values else 0.0


def p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(len(ordered) * 0.9) - 1)], 2) if ordered else 0.0


def exponent(small: float, large: float, factor: float = 10.0) -> float | None:
    """The growth exponent from one size to ``factor`` times it: 1.0 is linear, 2.0 quadratic."""
    if small <= 0 or large <= 0:
        return None
    return round(math.log(large / small, factor), 2)
