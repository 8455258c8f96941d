"""Opening plans from the app: locks, read-only, external changes, backups, list pages, export, screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QTreeWidget
from sendplan.ui import app as app_module
from sendplan.ui.action_model import COLUMNS
from sendplan.ui.app import StartScreen, open_plan
from sendplan.ui.field_form import FieldForm
from sendplan.ui.session import PlanSession

from sendplan.backups import list_backups
from sendplan.commands import SetField
from sendplan.storage import PlanLoadError, load_plan


def test_second_opener_gets_read_only(qtbot: Any, window: Any, sample_file: Path, scripted: Any) -> None:
    scripted.answers.append("Open read-only")
    second = open_plan(sample_file)
    assert second is not None and second.session.read_only
    assert "(read-only)" in second.windowTitle()
    assert scripted.shown[-1] == ("choose", "The plan is open elsewhere")
    assert not second.add_action.isEnabled()
    assert not second.model.flags(second.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    second.close()
    window.close()  # releases the lock: the next opener edits normally
    third = open_plan(sample_file)
    assert third is not None and not third.session.read_only


def test_take_over_after_warning(qtbot: Any, window: Any, sample_file: Path, scripted: Any) -> None:
    """Qt breaks a lock only when nobody holds it open: while the other sendplan still runs, taking over is
    refused and the plan opens read-only (a lock left by a crashed computer: see test_windows_ui)."""
    scripted.answers.append("Take over")
    second = open_plan(sample_file)
    assert second is not None and second.session.read_only and second.session.lock is None
    assert scripted.shown[-1][0] == "inform" and "cannot be taken over" in scripted.shown[-1][1]


def test_lock_says_who_holds_it(qtbot: Any, window: Any, sample_file: Path) -> None:
    other = PlanSession(window.session.document)
    assert not other.acquire_lock()
    assert socket.gethostname() in other.lock_message and " since " in other.lock_message


def test_lock_left_by_a_crashed_process_is_cleared(qtbot: Any, sample_file: Path) -> None:
    script = ("import sys, os\nfrom PySide6.QtCore import QLockFile\nl = QLockFile(sys.argv[1])\n"
              "assert l.tryLock(0)\nos._exit(0)\n")  # exits without unlocking, as a crash would
    subprocess.run([sys.executable, "-c", script, str(sample_file) + ".lock"], check=True, timeout=60)
    assert Path(str(sample_file) + ".lock").exists()
    opened = open_plan(sample_file)
    assert opened is not None and not opened.session.read_only


def test_file_changed_on_disk_is_not_overwritten(qtbot: Any, window: Any, sample_file: Path, scripted: Any,
                                                 tmp_path: Path) -> None:
    theirs = sample_file.read_bytes().replace(b"Northbridge SEND Written", b"Northbridge SEND written")
    sample_file.write_bytes(theirs)
    copy = tmp_path / "mine.sendplan"
    scripted.answers += ["Save mine as a copy…", copy]
    window.session.push(SetField(window.session.plan, window.session.plan.id, "title", "My title"))
    qtbot.waitUntil(lambda: copy.exists(), timeout=3000)
    assert sample_file.read_bytes() == theirs
    assert load_plan(copy).plan.title == "My title"
    assert window.session.document.path == copy and window.status_label.text().startswith("Saved")
    assert not window.session.dirty


def test_start_screen_opens_a_fresh_sample(qtbot: Any, private_data_dir: Path) -> None:
    start = StartScreen()
    qtbot.addWidget(start)
    window = start.open_sample()
    assert window is not None and window.model.action_count() == 60
    assert window.session.document.path.parent == private_data_dir / "samples"
    assert app_module.recent_files() == [str(window.session.document.path)]
    again = StartScreen()
    qtbot.addWidget(again)
    assert again.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(window.session.document.path)


def test_recent_plans_of_the_same_name_are_told_apart_by_their_folder(qtbot: Any, tmp_path: Path) -> None:
    deep = tmp_path.joinpath("Children's Services", "SEND inspection 2026", "Action plan drafts", "Working copies",
                             "Shared with health colleagues")
    names = [tmp_path / "a" / "p.sendplan", tmp_path / "b" / "p.sendplan", deep / "p.sendplan"]
    for name in reversed(names):
        name.parent.mkdir(parents=True, exist_ok=True)
        name.write_bytes(b"{}")
        app_module.remember(name)
    start = StartScreen()
    qtbot.addWidget(start)
    items = [start.recent.item(i) for i in range(start.recent.count())]
    assert [item.toolTip() for item in items] == [str(n) for n in names]  # the full path as the tooltip
    labels = [item.text() for item in items]
    assert len(set(labels)) == 3 and all(label.startswith("p.sendplan  —  ") for label in labels)
    assert labels[0].endswith(f"{os.sep}a") and labels[1].endswith(f"{os.sep}b")
    assert "…" in labels[2] and labels[2].endswith("Shared with health colleagues")  # elided in the middle
    assert start.recent.fontMetrics().horizontalAdvance(labels[2].split("  —  ")[1]) <= app_module.RECENT_FOLDER_PX


def test_a_plan_opened_by_a_short_name_is_remembered_by_its_full_path(qtbot: Any, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """"sendplan plan.sendplan" from a command prompt: the start screen opens it later from anywhere; a plan no
    longer there is kept (its drive may be disconnected) but marked, and opening it says so without claiming
    to have left a file unchanged."""
    (tmp_path / "plan.sendplan").write_bytes(b"{}")
    monkeypatch.chdir(tmp_path)
    app_module.remember(Path("plan.sendplan"))
    app_module.remember(tmp_path / "gone" / "old.sendplan")
    assert app_module.recent_files() == [str(tmp_path / "gone" / "old.sendplan"), str(tmp_path / "plan.sendplan")]
    start = StartScreen()
    qtbot.addWidget(start)
    gone, kept = start.recent.item(0), start.recent.item(1)
    assert gone.text().endswith("  (not found)") and "drive that is not connected" in gone.toolTip()
    assert not kept.text().endswith("(not found)") and kept.toolTip() == str(tmp_path / "plan.sendplan")
    with pytest.raises(PlanLoadError) as missing:
        load_plan(tmp_path / "gone" / "old.sendplan")
    assert "there is no file at that location" in missing.value.message
    assert "has not been changed" not in missing.value.message


def test_imports_start_in_the_last_folder_used_not_the_samples_folder(qtbot: Any, tmp_path: Path, scripted: Any,
                                                                       private_data_dir: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sendplan.ui import folders, start_from

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(folders, "documents_folder", lambda: documents)
    start = StartScreen()
    qtbot.addWidget(start)
    start.open_sample()  # the latest plan is a copy of the sample, in the hidden data folder
    scripted.answers.append(None)
    assert app_module.import_dialog(start) is None
    assert scripted.folders[-1] == str(documents)
    picked = tmp_path / "From the council" / "plan.xlsx"
    picked.parent.mkdir()
    scripted.answers.append(picked)
    monkeypatch.setattr("sendplan.ui.import_preview.preview_import", lambda *args: None)
    assert start_from.import_tracker(start, open_plan) is None
    for opened in (lambda: app_module.import_dialog(start), lambda: start_from.import_tracker(start, open_plan)):
        scripted.answers.append(None)
        assert opened() is None
        assert scripted.folders[-1] == str(picked.parent)  # the folder the last document came from


def test_bad_file_gives_a_message_not_a_window(qtbot: Any, tmp_path: Path, scripted: Any) -> None:
    bad = tmp_path / "bad.sendplan"
    bad.write_text("{", encoding="utf-8")
    assert open_plan(bad) is None
    kind, text = scripted.shown[-1]
    assert kind == "warn" and "Cannot open the plan" in text and str(bad) in text


def test_glossary_page_add_edit_delete_undo(qtbot: Any, window: Any) -> None:
    page = window.pages["Glossary"]
    plan = window.session.plan
    count = len(plan.glossary)
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.add()
    QApplication.processEvents()
    assert len(plan.glossary) == count + 1
    page.model.setData(page.model.index(1, 0), "LAC", Qt.ItemDataRole.EditRole)
    page.model.setData(page.model.index(1, 1), "Looked-after child", Qt.ItemDataRole.EditRole)
    assert (plan.glossary[1].term, plan.glossary[1].meaning) == ("LAC", "Looked-after child")
    page.table.setCurrentIndex(page.model.index(1, 0))
    page.move(1)
    assert plan.glossary[2].term == "LAC"
    page.delete()
    assert all(g.term != "LAC" for g in plan.glossary)
    for _ in range(5):
        window.undo_action.trigger()
    assert len(plan.glossary) == count


def test_reviews_page_validates_dates_and_colours(qtbot: Any, window: Any, scripted: Any) -> None:
    page = window.pages["Reviews"]
    review = window.session.plan.reviews[0]
    assert not page.model.setData(page.model.index(0, 2), "31/02/2026", Qt.ItemDataRole.EditRole)
    assert scripted.shown[-1][0] == "warn"
    assert page.model.setData(page.model.index(0, 2), "14/12/2025", Qt.ItemDataRole.EditRole)
    assert review.day.isoformat() == "2025-12-14"
    assert not page.model.setData(page.model.index(0, 3), "not a colour", Qt.ItemDataRole.EditRole)
    assert window.review_box.count() == 5


def test_restore_from_backup(qtbot: Any, window: Any, sample_file: Path, scripted: Any) -> None:
    window.session.push(SetField(window.session.plan, window.session.plan.id, "title", "A mistake"))
    window.session.save_now()
    scripted.answers.append(next(b for b in list_backups(sample_file) if b.kind == "opened").describe())
    window.file_actions.restore()
    assert load_plan(sample_file).plan.title == "Northbridge SEND Written Statement of Action"
    reopened = [w for w in app_module._windows if w is not window and w.isVisible()]
    assert reopened and reopened[-1].session.plan.title == "Northbridge SEND Written Statement of Action"


def test_export_runs_off_the_gui_thread(qtbot: Any, window: Any, tmp_path: Path, scripted: Any) -> None:
    from sendplan.ui import export_job

    target = tmp_path / "pack.docx"

    def fill(dialog: Any) -> bool:
        dialog.preset.setCurrentText("Publication (accessible)")
        dialog.columns.item(7).setCheckState(Qt.CheckState.Unchecked)  # hide the KPIs
        return True
    scripted.answers += [fill, target, "Show in folder"]
    export_job.export(window)
    assert window.export_jobs, "the export was handed to a worker thread"
    qtbot.waitUntil(lambda: ("open_folder", str(tmp_path)) in scripted.shown, timeout=20000)
    document = Document(str(target))
    assert document.core_properties.subject.startswith("Action plan")
    assert "Key Performance Indicators" not in [c.text for c in document.tables[-4].rows[0].cells]
    assert window.settings.value("export/preset") == "Publication (accessible)"
    assert window.settings.value("export/hidden_columns") == "kpis"


def test_screenshot_page_prefers_an_exact_name(qtbot: Any, sample_file: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def grab(self: Any) -> QPixmap:
        shown.append(self.navigator.currentItem().text(0))
        return QPixmap(1, 1)
    monkeypatch.setattr(app_module.MainWindow, "grab", grab)
    app_module.screenshot(sample_file, tmp_path / "s.png", "Reviews")
    app_module.screenshot(sample_file, tmp_path / "s.png", "annual reviews")
    assert shown == ["Reviews", "2.3 Keep plans up to date through annual reviews."]


def test_screenshot_command(tmp_path: Path, sample_file: Path) -> None:
    out = tmp_path / "shot.png"
    before = sample_file.read_bytes()
    result = subprocess.run([sys.executable, "-m", "sendplan", "screenshot", str(sample_file), "-o", str(out),
                             "--page", "Reviews"], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20000
    assert sample_file.read_bytes() == before
    assert not Path(str(sample_file) + ".lock").exists()


def test_settings_remember_date_style_and_export_folder(qtbot: Any, window: Any, tmp_path: Path,
                                                       scripted: Any) -> None:
    window.set_date_style("dotted")
    first = window.session.plan.areas[0].objectives[0].actions[0]
    due = window.model.action_index(first.id, COLUMNS.index("due")).data()
    assert due == "31.10.25"
    from sendplan.ui import export_job

    folder = tmp_path / "exports"
    folder.mkdir()
    scripted.answers += [lambda d: d.kind.setCurrentText("Excel tracker") or True, folder / "tracker.xlsx", None]
    export_job.export(window)
    qtbot.waitUntil(lambda: (folder / "tracker.xlsx").exists() and not scripted.answers, timeout=20000)
    assert window.settings.value("export_folder") == str(folder)
    assert window.settings.value("date_style") == "dotted"


def test_front_matter_area_wording_evidence_and_notes_are_editable(qtbot: Any, window: Any,
                                                                   scripted: Any) -> None:
    plan = window.session.plan
    overview = window.pages["Plan overview"]
    form = overview.findChildren(FieldForm)[0]
    form.editors["protective_marking"].setText("OFFICIAL-SENSITIVE")
    form.commit(next(f for f in form.fields if f.name == "protective_marking"))
    form.editors["partners"].setPlainText("Council\n\nICB\n")
    form.commit(next(f for f in form.fields if f.name == "partners"))
    form.editors["plan_date"].setText("31/02/2026")
    form.commit(next(f for f in form.fields if f.name == "plan_date"))
    assert plan.protective_marking == "OFFICIAL-SENSITIVE" and plan.partners == ("Council", "ICB")
    assert scripted.shown[-1][0] == "warn" and plan.plan_date is not None
    window.navigator.setCurrentItem(window.navigator.topLevelItem(0).child(0))
    assert window.area_form.isVisibleTo(window)
    window.area_form.editors["wording"].setPlainText("Reworded area")
    window.area_form.commit(next(f for f in window.area_form.fields if f.name == "wording"))
    assert plan.areas[0].wording == "Reworded area"
    window.select_action(plan.areas[0].objectives[0].actions[1].id)
    window.action_form.editors["notes"].setPlainText("Check with the DCO")
    window.action_form.commit(next(f for f in window.action_form.fields if f.name == "notes"))
    assert plan.areas[0].objectives[0].actions[1].notes == "Check with the DCO"
    assert window.undo_action.text() == "&Undo Change notes of 1.1 (b)"
    window.navigator.setCurrentItem(window.navigator.topLevelItem(0))
    assert not window.area_form.isVisibleTo(window)


def test_import_word_plan_from_the_start_screen(qtbot: Any, tmp_path: Path, sample_file: Path,
                                                scripted: Any) -> None:
    from sendplan.exporters.word import WordOptions, export_docx

    docx = export_docx(load_plan(sample_file).plan, tmp_path / "Old plan.docx", WordOptions()).path
    start = StartScreen()
    qtbot.addWidget(start)
    target = tmp_path / "Imported.sendplan"
    seen: list[int] = []

    def preview(dialog: Any) -> bool:
        seen.append(dialog.findChild(QTreeWidget).topLevelItemCount())
        return True
    scripted.answers += [docx, preview, target]
    window = app_module.import_dialog(start)
    assert window is not None and window.model.action_count() == 60 and seen == [4]
    assert window.session.document.path == target and target.exists()
    bad = tmp_path / "notes.docx"
    bad.write_text("not really Word", encoding="utf-8")
    scripted.answers.append(bad)
    assert app_module.import_dialog(start) is None
    assert scripted.shown[-1][0] == "warn" and "not a Word document" in scripted.shown[-1][1]


def test_unexpected_errors_are_shown_and_logged(qtbot: Any, scripted: Any, private_data_dir: Path) -> None:
    import logging

    from sendplan.logs import log_path, setup_logging

    setup_logging()
    try:
        raise RuntimeError("the printer caught fire")
    except RuntimeError as error:
        app_module.report_unexpected(RuntimeError, error, error.__traceback__)
    kind, text = scripted.shown[-1]
    assert kind == "error" and "the printer caught fire" in text and "Traceback" in text
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "the printer caught fire" in log_path().read_text(encoding="utf-8")
