"""Child process for the app benchmarks: open a plan in the main window, report when it is showing.

    python benchmarks/gui_probe.py PLAN   (QT_QPA_PLATFORM=offscreen is set if no screen)

Prints "shown" as soon as the window is exposed with the plan in it, then runs a few searches and
prints one JSON line: filter times (ms) and the peak resident memory of this process alone (MB, the
kernel's high-water mark of this address space: neither the parent's memory copied at fork nor any
child such as LibreOffice counts).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
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


def main(path: str) -> None:
    from PySide6.QtWidgets import QApplication
    from sendplan.ui.app import application
    from sendplan.ui.main_window import MainWindow
    from sendplan.ui.session import PlanSession

    from sendplan.document import PlanDocument

    app = application()
    window = MainWindow(PlanSession(PlanDocument.open(Path(path), backups=False), autosave=False))
    window.show()
    deadline = time.perf_counter() + 30
    while (window.windowHandle() is None or not window.windowHandle().isExposed()) and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()  # the grid has painted its first rows
    print("shown", flush=True)
    samples = []
    for term in ("board", "assessment", "zzz-not-there", "families", "the", "review"):
        started = time.perf_counter()
        window.search.setText(term)  # as typed into Find: the grid filters and repaints
        QApplication.processEvents()
        samples.append((time.perf_counter() - started) * 1000)
        window.search.clear()
        QApplication.processEvents()
    peak_mb = _peak_mb()
    print(json.dumps({"filter_ms": round(statistics.median(samples), 2), "peak_mb": round(peak_mb, 1)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
