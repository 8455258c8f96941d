"""Child process for the app benchmarks: open a plan in the main window, then measure the GUI thread.

    python benchmarks/gui_probe.py PLAN [SPAWNED]   (QT_QPA_PLATFORM=offscreen is set if no screen)

SPAWNED is the parent's ``time.time()`` when it started this process (for the wall time to the window).
Opens the plan as a user does, through ``sendplan open PLAN`` (the command line, then the app, until
its window is showing with its first paint done), then, with every action in the grid, measures
as CPU time of the GUI thread alone (workers not counted) from the action to the repainted view:
- find: each of a few searches typed into Find, and clearing it again;
- filter: a RAG filter switched on, and off again;
- autosave: an edit's autosave as the GUI thread does it (the write itself is on the worker);
- navigate: choosing an area in the navigator, and all actions again.
Prints one JSON line: those lists (ms), start_cpu_ms (this process's CPU time until the window showed,
its interpreter start included), start_wall_ms and the peak resident memory of this process (MB).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _peak_mb() -> float:
    """VmHWM of this process (Linux); elsewhere ru_maxrss, which may include what the parent had."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_ms() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000


def main(path: str, spawned: float) -> None:
    from PySide6.QtWidgets import QApplication

    from sendplan import cli

    QApplication.exec = lambda *_args: _measure(spawned)  # run_app's event loop: measure instead, then end
    raise SystemExit(cli.main(["open", path]))


def _measure(spawned: float) -> int:
    from PySide6.QtWidgets import QApplication
    from sendplan.ui.opening import _windows

    from sendplan.commands import SetField

    app = QApplication.instance()
    window = _windows[-1]
    session = window.session
    deadline = time.perf_counter() + 60
    while (window.windowHandle() is None or not window.windowHandle().isExposed()) and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()  # the grid has painted its first rows
    start_cpu, start_wall = _cpu_ms(), (time.time() - spawned) * 1000 if spawned else 0.0

    def gui(action: Callable[[], object]) -> float:
        app.processEvents()
        started = time.thread_time()
        action()
        QApplication.processEvents()
        return (time.thread_time() - started) * 1000

    window.navigator.setCurrentItem(window.navigator.topLevelItem(0))  # every action in the grid, on screen
    for _ in range(3):
        app.processEvents()
    find = []
    for term in ("board", "assessment", "zzz-not-there", "families", "the", "review"):
        find.append(gui(lambda term=term: window.search.setText(term)))  # as typed into Find
        find.append(gui(window.search.clear))
    filters = []
    for _ in range(3):
        filters.append(gui(lambda: window.toggle_rating("red", True)))
        filters.append(gui(lambda: window.toggle_rating("red", False)))
    autosave = []
    actions = [a for _, _, a in session.plan.iter_actions()]
    for n in range(6):
        session.push(SetField(session.plan, actions[n * 7 % len(actions)].id, "owner", f"Probe owner {n}"))
        app.processEvents()
        autosave.append(gui(session.save_in_background))
        session.writer.wait()
    navigate = []
    navigator = window.navigator
    everything = navigator.topLevelItem(0)  # "All actions", with the areas beneath
    areas = [everything.child(i) for i in range(everything.childCount())]
    for item in areas[:3]:
        navigate.append(gui(lambda item=item: navigator.setCurrentItem(item)))
        navigate.append(gui(lambda: navigator.setCurrentItem(everything)))
    print(json.dumps({"start_cpu_ms": round(start_cpu, 1), "start_wall_ms": round(start_wall, 1),
                      "peak_mb": round(_peak_mb(), 1), "find": [round(v, 2) for v in find],
                      "filter": [round(v, 2) for v in filters], "autosave": [round(v, 2) for v in autosave],
                      "navigate": [round(v, 2) for v in navigate]}), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.0)
