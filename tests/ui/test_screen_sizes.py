"""The app on the screens officers really have: 1920×1080 at 150% (1280×720 logical) and 125% (1536×864), and
1366×768 at 100% with the taskbar (1366×728). The window, every dialog, the grid's columns, review mode's
controls and the navigator's titles all fit; with the screen simulated in-process, and for real in a child
process started with QT_SCALE_FACTOR, as Windows scales."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import screen_checks
from every_dialog import every_dialog
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QAction
from sendplan.ui import screen_fit
from sendplan.ui.action_model import COLUMNS
from sendplan.ui.opening import open_plan, settings

from sendplan.commands import SetField

SCREENS = {"150% on 1920×1080": QRect(0, 0, 1280, 720), "125% on 1920×1080": QRect(0, 0, 1536, 864),
           "100% on 1366×768, taskbar": QRect(0, 0, 1366, 728)}
HERE = Path(__file__).resolve().parent


def _on_screen(monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(area))


@pytest.mark.parametrize("area", SCREENS.values(), ids=SCREENS.keys())
def test_the_main_window_fits(qtbot: Any, sample_file: Path, monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    _on_screen(monkeypatch, area)
    window = open_plan(sample_file)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert screen_checks.all_problems(window) == []


@pytest.mark.parametrize("area", [*SCREENS.values(), QRect(0, 0, 1093, 582)],
                         ids=[*SCREENS.keys(), "125% on 1366×768, taskbar"])
def test_a_long_undo_label_keeps_find_and_filters_on_the_toolbar(qtbot: Any, sample_file: Path,
                                                                  monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    """The toolbar says Undo; what it would undo is its tooltip (and in full on the Edit menu)."""
    _on_screen(monkeypatch, area)
    window = open_plan(sample_file)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    action = window.session.plan.areas[0].objectives[0].actions[0]
    owner = "Head of Inclusion and Specialist Educational Provision Services"
    window.session.push(SetField(window.session.plan, action.id, "owner", owner))
    assert window.undo_action.text().startswith("&Undo Change By Whom of")
    undo = window.findChild(QAction, "toolbar_undo")
    assert undo.text() == "Undo" and undo.isEnabled()
    assert undo.toolTip() == f"Undo Change By Whom of {action.ref}"
    assert screen_checks.toolbar_problems(window) == []
    undo.trigger()
    assert action.owner != owner
    assert not undo.isEnabled() and undo.toolTip() == "Nothing to undo"
    assert window.findChild(QAction, "toolbar_redo").toolTip() == f"Redo Change By Whom of {action.ref}"


@pytest.mark.parametrize("area", SCREENS.values(), ids=SCREENS.keys())
def test_every_dialog_fits(qtbot: Any, sample_file: Path, monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    _on_screen(monkeypatch, area)
    window = open_plan(sample_file)
    qtbot.addWidget(window)
    smallest = QSize(1280, 720) - screen_fit.FRAME
    for name, dialog in every_dialog(window, qtbot):
        dialog.show()  # a message box works out its size as it is shown
        screen_checks.settle()
        frame = QRect(dialog.pos(), dialog.size() + screen_fit.FRAME)
        assert area.contains(frame), f"{name}: {frame} is not within {area}"
        minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert minimum.width() <= smallest.width() and minimum.height() <= smallest.height(), (name, minimum)
        assert dialog.size().expandedTo(minimum) == dialog.size(), f"{name} is smaller than its content"


def test_a_geometry_saved_on_a_big_monitor_comes_back_on_the_laptop(qtbot: Any, sample_file: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _on_screen(monkeypatch, QRect(0, 0, 2560, 1400))
    window = open_plan(sample_file)
    qtbot.addWidget(window)
    window.resize(2400, 1300)
    window.move(100, 60)
    window.close()  # the geometry is saved
    _on_screen(monkeypatch, SCREENS["150% on 1920×1080"])
    reopened = open_plan(sample_file)
    qtbot.addWidget(reopened)
    qtbot.waitExposed(reopened)
    assert screen_checks.window_problems(reopened) == []


def test_a_column_width_the_officer_chose_is_kept_and_shown_when_there_is_room(
        qtbot: Any, sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _on_screen(monkeypatch, QRect(0, 0, 1920, 1040))
    window = open_plan(sample_file)
    qtbot.addWidget(window)
    window.show_page("All actions")
    qtbot.waitExposed(window)
    action = COLUMNS.index("action")
    window.grid.header().resizeSection(action, 330)  # as dragging the column's edge does
    window.close()
    settings().remove("geometry")  # the offscreen test screen is smaller than any here: Qt would shrink to it
    _on_screen(monkeypatch, SCREENS["150% on 1920×1080"])
    small = open_plan(sample_file)
    qtbot.addWidget(small)
    assert screen_checks.grid_problems(small) == []  # narrower than chosen: it gives way, nothing scrolls
    assert small.grid.header().sectionSize(action) < 330
    small.close()
    settings().remove("geometry")
    _on_screen(monkeypatch, QRect(0, 0, 1920, 1040))
    wide = open_plan(sample_file)
    qtbot.addWidget(wide)
    wide.resize(1900, 1000)
    assert screen_checks.grid_problems(wide) == []
    assert wide.grid.header().sectionSize(action) == 330, "the choice survived the small screen"


@pytest.mark.parametrize("scale, logical", [("1.5", [1280, 720]), ("1.25", [1536, 864])])
def test_under_windows_display_scaling(tmp_path: Path, sample_file: Path, scale: str, logical: list[int]) -> None:
    """A 1920×1080 screen scaled by Qt as Windows does at 150% and 125%: nothing simulated in the app."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpi": 96}]}), encoding="utf-8")
    env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": f"offscreen:configfile={config.name}",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, str(HERE / "scaled_window.py"), str(tmp_path / "settings"),
                             str(sample_file)], capture_output=True, text=True, encoding="utf-8", env=env,
                            cwd=tmp_path, timeout=120, check=False)  # a relative name: Qt splits "C:\\…" at ":"
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {"screen": logical, "problems": []}
