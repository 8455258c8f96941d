"""Review day, measured: a complete review in the real main window, driven by key events only.

    python benchmarks/review_day.py [--json] [--limit-10x N]

Opens the main window offscreen at 1366×768 on the sample plan, then on a 10× plan, each with a
fresh review started for today (so review mode is where the plan opens). For every action it sends
a rating key and a one-line update to whichever widget has the keyboard focus, then Ctrl+Enter, and
checks that the place was kept: focus still on the review surface, the review on the action it
should have moved to (the next one without an update), and that action's row in view. No model or
command is called directly. ``--json`` prints exactly: actions, keystrokes_per_action (median, the
typed text not counted), focus_losses, selection_resets, scroll_jumps, commit_ms_median_10x (key
press to the model updated and the view repainted) and progress_column_visible_1366x768.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

RATING_KEYS = ("g", "a", "3", "r", "2", "1")
UPDATE = "Met the lead; on track for the next board."


@dataclass
class Run:
    actions: int = 0
    keystrokes: list[int] = field(default_factory=list)
    focus_losses: int = 0
    selection_resets: int = 0
    scroll_jumps: int = 0
    commit_ms: list[float] = field(default_factory=list)
    progress_visible: bool = False


def _prepare(folder: Path, scale: int) -> Path:
    """A plan file with a review started today (setting up the day, before the window opens)."""
    from generate_plan import generate
    from sendplan.resources import sample_plan_bytes

    from sendplan.commands import AddItem
    from sendplan.model import Review
    from sendplan.storage import load_plan, save_new_plan

    path = folder / f"review-day-{scale}x.sendplan"
    if scale == 1:
        path.write_bytes(sample_plan_bytes())
        plan = load_plan(path).plan
    else:
        plan = generate(scale, seed=1)
    today = date.today()
    AddItem(plan, None, "reviews", Review(label=f"{today:%B %Y} review (benchmark)", short_label="Today",
                                          day=today, colour="#7F6000")).apply(plan)
    path.unlink(missing_ok=True)
    save_new_plan(path, plan)
    return path


def _press(key: object, modifier: object = None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)  # type: ignore[arg-type]


def _expected_next(queue: object, row: int) -> int:
    """The next row (after ``row``, wrapping) still marked as having no update, as the queue shows it."""
    count = queue.count()  # type: ignore[attr-defined]
    for step in range(1, count + 1):
        candidate = (row + step) % count
        if not queue.item(candidate).text().startswith("✓"):  # type: ignore[attr-defined]
            return candidate
    return row


def review(path: Path, limit: int | None) -> Run:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from sendplan.ui.action_model import COLUMNS
    from sendplan.ui.app import application
    from sendplan.ui.opening import open_plan

    app = application()
    window = open_plan(path)
    assert window is not None, "the plan did not open"
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    page = window.review_page
    queue = page.queue_list
    run = Run()
    assert window.stack.currentWidget() is page, "a current review opens in review mode"
    total = queue.count()
    for n in range(min(total, limit or total)):
        row = queue.currentRow()
        expected = _expected_next(queue, row) if n < total - 1 else row
        keys = 0
        _press(RATING_KEYS[n % len(RATING_KEYS)])
        keys += 1
        QTest.keyClicks(QApplication.focusWidget(), UPDATE)
        started = time.perf_counter()
        _press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        keys += 1
        QApplication.processEvents()  # the queued repaints of what changed, as the event loop would
        QApplication.processEvents()
        run.commit_ms.append((time.perf_counter() - started) * 1000)
        run.keystrokes.append(keys)
        run.actions += 1
        focus = QApplication.focusWidget()
        if focus is None or not page.isAncestorOf(focus):
            run.focus_losses += 1
        if queue.currentRow() != expected:
            run.selection_resets += 1
        item = queue.item(queue.currentRow()) if queue.currentRow() >= 0 else None
        shown = queue.visualItemRect(item) if item is not None else None
        if shown is None or shown.top() < 0 or shown.bottom() > queue.viewport().height():
            run.scroll_jumps += 1
    _press(Qt.Key.Key_Escape)  # back to the grid, on the All actions page
    QApplication.processEvents()
    header = window.grid.header()
    column = COLUMNS.index("progress")
    span = QRect(header.sectionViewportPosition(column), 0, header.sectionSize(column), 1)
    run.progress_visible = (window.grid.isVisible() and not header.isSectionHidden(column)
                            and span.left() >= 0 and span.right() < window.grid.viewport().width())
    window.session.save_now()
    window.close()
    app.processEvents()
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--limit-10x", type=int, default=0, help="review only this many actions at 10× (0: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sendplan-review-day-") as folder:
        os.environ["SENDPLAN_DATA_DIR"] = str(Path(folder) / "userdata")
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(folder) / "settings"))
        one = review(_prepare(Path(folder), 1), None)
        ten = review(_prepare(Path(folder), 10), args.limit_10x or None)
    result = {
        "actions": one.actions,
        "keystrokes_per_action": statistics.median(one.keystrokes + ten.keystrokes),
        "focus_losses": one.focus_losses + ten.focus_losses,
        "selection_resets": one.selection_resets + ten.selection_resets,
        "scroll_jumps": one.scroll_jumps + ten.scroll_jumps,
        "commit_ms_median_10x": round(statistics.median(ten.commit_ms), 2),
        "progress_column_visible_1366x768": one.progress_visible,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"Reviewed {one.actions} actions (sample) and {ten.actions} (10×), key events only")
        print(f"keystrokes per action besides the text (median): {result['keystrokes_per_action']}  (target ≤ 8)")
        print(f"losses of place: focus {result['focus_losses']}, selection {result['selection_resets']}, "
              f"scroll {result['scroll_jumps']}  (target 0)")
        print(f"commit at 10×, key press to repainted view (median ms): {result['commit_ms_median_10x']}  "
              "(target ≤ 50)")
        print(f"progress column wholly visible at 1366×768: {result['progress_column_visible_1366x768']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
