"""The app's Merge returned updates… takes a Word return beside Excel ones: same tick-box view, one undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt


def test_a_word_return_merged_in_the_app(qtbot: Any, window: Any, scripted: Any, merge_returns: Any,
                                         tmp_path: Path) -> None:
    from docx import Document
    from sendplan.exporters.returns import write_returns

    from sendplan.codec import plan_to_dict

    plan = window.session.plan
    before = plan_to_dict(plan)
    path = write_returns(plan, tmp_path, kind="docx", owners=["Head of Inclusion"]).files["Head of Inclusion"]
    document = Document(str(path))
    table = next(t for t in document.tables if "Actions" in [c.text for c in t.rows[0].cells])  # after the keys
    titles = [c.text for c in table.rows[0].cells]
    row = table.rows[1]
    row.cells[titles.index("Progress 2026/2027")].add_paragraph("Inclusion panel met twice this term.")
    row.cells[titles.index("Objective")].paragraphs[0].add_run(" (reworded)")
    document.save(str(path))
    seen: list[tuple[str, bool, str]] = []

    def review_changes(dialog: Any) -> bool:
        for r in range(dialog.table.rowCount()):
            seen.append((dialog.table.item(r, 1).text(), dialog.table.item(r, 0).checkState() == Qt.CheckState.Checked,
                         dialog.table.item(r, 2).text()))
        return True
    scripted.answers += [[path], review_changes]
    merge_returns(window)
    assert [(text.split(":")[0], ticked, source) for text, ticked, source in seen] == [
        ("comment", False, "Head of Inclusion (Word)"), ("new progress", True, "Head of Inclusion (Word)")]
    assert "Objective changed in Word" in seen[0][0], "an edit sendplan cannot interpret is listed, unticked"
    action = next(a for _, _, a in plan.iter_actions() if a.owner == "Head of Inclusion")
    assert action.progress[-1].text == "Inclusion panel met twice this term."
    assert window.undo_action.text() == "&Undo Apply 1 change from update returns"
    window.undo_action.trigger()
    assert plan_to_dict(plan) == before


def _only(owners: tuple[str, ...], folder: Path, kind: str | None = None) -> Any:
    """A scripted user: ticks only ``owners``, picks the folder and (if given) the format, presses Write returns."""
    def fill(dialog: Any) -> bool:
        for i in range(dialog.owners.count()):
            item = dialog.owners.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in owners
                               else Qt.CheckState.Unchecked)
        if kind is not None:
            dialog.format.setCurrentIndex(dialog.format.findData(kind))
        dialog.folder.setText(str(folder))
        return True
    return fill


def test_send_returns_as_word_documents_remembered(qtbot: Any, window: Any, scripted: Any, tmp_path: Path) -> None:
    from docx import Document
    from sendplan.ui import cycle_actions

    plan = window.session.plan
    owners = ("Head of Inclusion", "Participation Manager")
    seen: list[tuple[str, str]] = []

    def check_default(dialog: Any) -> bool:
        seen.append((dialog.chosen_format(), dialog.hint.text()))
        return _only(owners, tmp_path / "word", "docx")(dialog)
    scripted.answers += [check_default, "Show in folder"]
    cycle_actions.returns_out(window)
    qtbot.waitUntil(lambda: ("open_folder", str(tmp_path / "word")) in scripted.shown, timeout=30000)
    assert seen[0][0] == "xlsx" and "yellow columns" in seen[0][1], "Excel is the first choice"
    files = sorted((tmp_path / "word").iterdir())
    assert [f.name for f in files] == [f"Update return - {o}.docx" for o in owners]
    assert window.statusBar().currentMessage().startswith("Wrote 2 update returns (Word documents)")
    assert ("finished", "Update returns written") in scripted.shown, "a box that stays, with Show in folder"
    numbers = plan.numbers()
    for owner, path in zip(owners, files, strict=True):
        document = Document(str(path))
        assert any(owner in p.text for p in document.paragraphs[:5]), "the instructions name the owner"
        rows = [r.cells[2].text for t in document.tables if "Actions" in [c.text for c in t.rows[0].cells]
                for r in t.rows[1:]]  # Actions: "2.5 (a) Launch …" (the keys' tables come first)
        mine = [f"{numbers[a.id]} {a.text}" for _, _, a in plan.iter_actions() if a.owner == owner]
        assert rows and rows == mine, f"{owner}'s return holds exactly their actions"
    assert window.settings.value("returns/format") == "docx"

    def check_remembered(dialog: Any) -> bool:
        seen.append((dialog.chosen_format(), dialog.hint.text()))
        assert dialog.folder.text() == str(window.session.document.path.resolve().parent / "Update returns")
        dialog.tick_all(Qt.CheckState.Unchecked)
        assert dialog.chosen_owners() == []
        dialog.owners.findItems("Head of Inclusion", Qt.MatchFlag.MatchStartsWith)[0].setCheckState(
            Qt.CheckState.Checked)
        dialog.choose_folder()  # the Choose… button: the folder dialog's answer fills the box
        return True
    scripted.answers += [check_remembered, tmp_path / "again", "Show in folder"]
    cycle_actions.returns_out(window)
    qtbot.waitUntil(lambda: ("open_folder", str(tmp_path / "again")) in scripted.shown, timeout=30000)
    assert seen[1][0] == "docx" and "action table" in seen[1][1], "the last format chosen is offered again"
    assert [f.name for f in (tmp_path / "again").iterdir()] == ["Update return - Head of Inclusion.docx"]


def test_returns_into_a_folder_that_cannot_be_made(qtbot: Any, window: Any, scripted: Any, tmp_path: Path) -> None:
    from sendplan.ui import cycle_actions

    blocked = tmp_path / "a file"
    blocked.write_text("not a folder", encoding="utf-8")
    scripted.answers.append(_only(("Head of Inclusion",), blocked / "returns", "docx"))
    cycle_actions.returns_out(window)
    qtbot.waitUntil(lambda: any(kind == "warn" for kind, _ in scripted.shown), timeout=30000)
    warning = next(text for kind, text in scripted.shown if kind == "warn")
    assert warning.startswith("Returns not written: The file could not be written")
    assert "Error" not in warning and not any(kind == "open_folder" for kind, _ in scripted.shown)


def test_merge_lists_word_and_excel_returns_by_owner_and_kind(qtbot: Any, window: Any, scripted: Any,
                                                             merge_returns: Any, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook
    from sendplan.exporters.returns import write_returns

    plan = window.session.plan
    owner = "Head of Inclusion"
    word = write_returns(plan, tmp_path / "w", kind="docx", owners=[owner]).files[owner]
    excel = write_returns(plan, tmp_path / "x", owners=[owner]).files[owner]
    document = Document(str(word))
    table = next(t for t in document.tables if "Actions" in [c.text for c in t.rows[0].cells])  # after the keys
    titles = [c.text for c in table.rows[0].cells]
    table.rows[1].cells[titles.index("Progress 2026/2027")].add_paragraph("Typed in Word.")
    document.save(str(word))
    book = load_workbook(excel)
    book["Your actions"]["G2"] = "Typed in Excel."
    book.save(excel)
    rows: list[tuple[str, str, str, bool]] = []

    def look(dialog: Any) -> bool:
        for r in range(dialog.table.rowCount()):
            rows.append((dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text(),
                         dialog.table.item(r, 3).text(), dialog.table.item(r, 0).checkState() == Qt.CheckState.Checked))
        return False  # cancelled: nothing applied
    scripted.answers += [[word, excel], look]
    merge_returns(window)
    assert [(text, source, ticked) for text, source, _, ticked in rows] == [
        ("new progress: Typed in Word.", "Head of Inclusion (Word)", False),
        ("new progress: Typed in Excel.", "Head of Inclusion (Excel)", False)]
    assert all("also changes this action's new progress" in conflict for _, _, conflict, _ in rows)
    assert not window.undo_action.isEnabled(), "cancelled: nothing was applied"


def test_merge_rows_are_as_tall_as_their_text(qtbot: Any, window: Any) -> None:
    from sendplan.ui.cycle_dialogs import MergeDialog

    from sendplan.merge import MergeResult, ProposedChange

    plan = window.session.plan
    action = next(a for _, _, a in plan.iter_actions())
    long = "The panel met twice and agreed the new criteria. " * 8
    result = MergeResult(plan.latest_review(), changes=[
        ProposedChange(action.id, "1.1 (a)", "rag", "Amber", "Green", "green", "Update return - Lead.docx"),
        ProposedChange(action.id, "1.1 (a)", "progress", "", long, long, "Update return - Lead.xlsx")])
    dialog = MergeDialog(result, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    line = dialog.table.fontMetrics().lineSpacing()
    assert dialog.table.rowHeight(0) < 2 * line + 12, "a one-line change takes one line"
    assert dialog.table.rowHeight(1) >= 3 * line, "a long one shows all its lines"
    assert dialog.table.item(1, 1).text() == f"new progress: {long}", "in full: it is read before it is ticked"
    assert [dialog.table.item(r, 2).text() for r in range(2)] == ["Lead (Word)", "Lead (Excel)"]


def test_merge_names_every_file_of_a_joined_comment_and_shows_a_likely_duplicate(qtbot: Any, window: Any) -> None:
    from sendplan.ui.cycle_dialogs import MergeDialog

    from sendplan.merge import MergeResult, ProposedChange
    from sendplan.merge_rows import NewAction

    plan = window.session.plan
    objective = plan.areas[0].objectives[0]
    comment = ProposedChange(objective.actions[0].id, "1.1 (a)", "comment", "", "Agreed.", "Agreed.",
                             "Update return - Lead.docx", also=["Update return - Lead.xlsx"])
    new = NewAction(objective.id, "Run a survey")
    duplicate = ProposedChange(objective.id, "1.1", "action", "", new.describe(), new, "Update return - Lead.xlsx",
                               accepted=False, duplicate="likely a duplicate of the new action from a.docx")
    dialog = MergeDialog(MergeResult(plan.latest_review(), changes=[comment, duplicate]), window)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).text() for c in (1, 2)] == ["comment: Agreed.", "Lead (Word) and Lead (Excel)"]
    assert dialog.table.item(1, 3).text() == "likely a duplicate of the new action from a.docx"
    assert dialog.table.item(1, 0).checkState() == Qt.CheckState.Unchecked


def test_an_unticked_new_action_says_what_ticking_it_does(qtbot: Any, window: Any) -> None:
    from sendplan.ui.cycle_dialogs import MergeDialog

    from sendplan.merge import MergeResult, ProposedChange
    from sendplan.merge_rows import NewAction

    plan = window.session.plan
    objective = plan.areas[0].objectives[0]
    new = NewAction(objective.id, "Set up a parent advisory panel")
    added = ProposedChange(objective.id, "1.1", "action", "", new.describe(), new, "Update return - Lead.xlsx",
                           accepted=False)
    dialog = MergeDialog(MergeResult(plan.latest_review(), changes=[added]), window)
    qtbot.addWidget(dialog)
    assert dialog.table.horizontalHeaderItem(3).text() == "Conflict or note"
    assert dialog.table.item(0, 3).text() == "A new action the owner added: tick to add it to the plan"
    assert dialog.table.item(0, 3).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Note: A new action")


def test_an_unexpected_failure_is_told_in_plain_words(qtbot: Any, window: Any, scripted: Any, tmp_path: Path,
                                                      monkeypatch: Any) -> None:
    from sendplan.ui import cycle_actions

    from sendplan import exporters

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise KeyError("paragraph style")
    monkeypatch.setattr(exporters.returns, "write_word_return", broken)
    scripted.answers.append(_only(("Head of Inclusion",), tmp_path / "out", "docx"))
    cycle_actions.returns_out(window)
    qtbot.waitUntil(lambda: any(kind == "warn" for kind, _ in scripted.shown), timeout=30000)
    warning = next(text for kind, text in scripted.shown if kind == "warn")
    assert warning.startswith("Returns not written: The file could not be written because of an unexpected problem")
    assert "KeyError" not in warning and "sendplan.log" in warning
