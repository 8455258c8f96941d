"""The import preview corrects the importer's guesses before the plan is made: a column's role, a row read as a
heading, the header rows — each change reads the document again at once, the plan saved is what the preview
showed, and the choice is remembered for the next document with the same headers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit
from sendplan.ui import start_from
from sendplan.ui.app import StartScreen
from sendplan.ui.app import import_dialog as import_word
from sendplan.ui.import_preview import KIND
from sendplan.ui.opening import open_plan

from sendplan.storage import load_plan

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exporters"))
import world_layouts  # noqa: E402
import world_trackers  # noqa: E402


def _column_row(dialog: Any, title: str) -> int:
    return next(r for r in range(dialog.columns.rowCount()) if dialog.columns.item(r, 0).text() == title)


def _set_role(qtbot: Any, dialog: Any, title: str, key: str, review: str | None = None) -> None:
    row = _column_row(dialog, title)
    if review is not None:
        box = dialog.columns.cellWidget(row, 2)
        assert isinstance(box, QLineEdit)
        box.setText(review)
    role = dialog.columns.cellWidget(row, 1)
    assert isinstance(role, QComboBox)
    role.setCurrentIndex(role.findData(key))
    if review is not None:
        dialog.columns.cellWidget(row, 2).editingFinished.emit()
    qtbot.waitUntil(lambda: not dialog.pending, timeout=5000)


def test_change_a_column_and_a_heading_row_in_the_word_preview(qtbot: Any, tmp_path: Path, scripted: Any,
                                                                private_data_dir: Path) -> None:
    source = world_layouts.priority_action_plan(tmp_path / "pap.docx")
    target = tmp_path / "Westfold.sendplan"
    seen: dict[str, Any] = {}

    def preview(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        assert dialog.table_picker.count() == 2 and dialog.tabs.isTabEnabled(1)
        dialog.tabs.setCurrentIndex(1)
        assert [dialog.rows.item(r, 1).data(KIND) for r in range(dialog.rows.rowCount())] == [
            "action", "action", "note"]
        _set_role(qtbot, dialog, "RAG", "ignore")  # the ratings are not wanted: in both tables with these headers
        assert [a.ratings for a in dialog.outcome.plan.areas[0].objectives[0].actions] == [{}, {}]
        assert dialog.table_state.text() == ("Your change to “RAG” was applied to the 2 tables with these headers "
                                             "(tables 1 and 2).")
        assert dialog.table_picker.currentData() == "table 1"  # the officer stays where they were
        note = next(r for r in range(dialog.rows.rowCount()) if "led jointly" in dialog.rows.item(r, 0).text())
        item = dialog.rows.item(note, 1)
        item.setData(KIND, "area")  # as the drop-down does: "Note" becomes "Area heading"
        qtbot.waitUntil(lambda: not dialog.pending, timeout=5000)
        seen["areas"] = [a.wording for a in dialog.outcome.plan.areas]
        seen["found"] = dialog.tree.topLevelItemCount()
        return True

    scripted.answers += [source, preview, target]
    window = import_word(StartScreen())
    assert window is not None
    plan = load_plan(target).plan
    assert seen["areas"] == [a.wording for a in plan.areas] and seen["found"] == len(plan.areas) == 3
    assert plan.areas[1].wording == "Note: Action 1.2 is led jointly with the council's family hubs service."
    assert [a.ratings for a in plan.areas[0].objectives[0].actions] == [{}, {}]
    assert not any(a.ratings for a in plan.areas[2].objectives[0].actions)  # table 2 has the same headers
    remembered = json.loads((private_data_dir / "import-mappings.json").read_text(encoding="utf-8"))
    (entry,) = remembered["tables"].values()
    assert [c["role"] for c in entry["table"]["columns"]] == ["reference", "action", "owner", "due", "ignore",
                                                              "progress"]


def test_a_review_typed_for_a_column_and_the_choice_remembered(qtbot: Any, tmp_path: Path, scripted: Any) -> None:
    first = world_layouts.question_headers(tmp_path / "first.docx")

    def preview(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        for index in range(dialog.table_picker.count()):
            dialog.table_picker.setCurrentIndex(index)
            _set_role(qtbot, dialog, "Where are we now?", "rag", "Q3 2024/25")
        assert [r.short_label for r in dialog.outcome.plan.reviews] == ["Q3 2024/25"]
        return True

    scripted.answers += [first, preview, tmp_path / "first.sendplan"]
    assert import_word(StartScreen()) is not None
    second = world_layouts.question_headers(tmp_path / "second.docx")

    def check(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        assert [r.short_label for r in dialog.outcome.plan.reviews] == ["Q3 2024/25"]  # remembered
        assert any("as you chose before" in n for n in dialog.outcome.report.notes)
        return False

    scripted.answers += [second, check]
    assert import_word(StartScreen()) is None


def test_change_the_header_rows_of_a_sheet(qtbot: Any, tmp_path: Path, scripted: Any) -> None:
    tracker = world_trackers.quarterly(tmp_path / "ashcombe.xlsx")
    target = tmp_path / "Ashcombe.sendplan"

    def preview(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Import an Excel tracker"
        assert (dialog.header_at.value(), dialog.header_rows.value()) == (3, 2)
        assert len(dialog.outcome.plan.reviews) == 2
        dialog.header_rows.setValue(1)  # the officer says the header is one row: the quarters are not reviews
        qtbot.waitUntil(lambda: not dialog.pending, timeout=5000)
        assert [c.title for c in dialog.outcome.mapping.tables[0].columns][5:7] == ["RAG rating", "RAG rating"]
        _set_role(qtbot, dialog, "Finance code", "ignore")
        return True

    scripted.answers += [tracker, preview, target]
    assert start_from.import_tracker(None, open_plan) is not None
    plan = load_plan(target).plan
    assert not any("Finance code" in a.extra for _, _, a in plan.iter_actions())
    labels = [r.short_label for r in plan.reviews]
    assert "Q2 2025/26" not in labels and "At import" in labels  # the plain "RAG rating" column rates at the import


def test_an_area_s_details_are_shown_and_edited_as_label_lines(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QPlainTextEdit
    from sendplan.ui.field_form import details

    assert details("Lead: Jo Hill\nNote: moved to the sufficiency plan\n  agreed in May\nno label") == {
        "Lead": "Jo Hill", "Note": "moved to the sufficiency plan\nagreed in May\nno label"}
    area = window.session.plan.areas[0]
    window.model.area_id = area.id
    form = window.area_form
    form.refresh()
    editor = form.editors["extra"]
    assert isinstance(editor, QPlainTextEdit) and editor.toPlainText() == ""
    editor.setPlainText("Lead: Director of Education\nImpact measure: 90% within 20 weeks")
    form.commit(next(f for f in form.fields if f.name == "extra"))
    assert area.extra == {"Lead": "Director of Education", "Impact measure": "90% within 20 weeks"}
    window.session.undo_stack.undo()
    assert area.extra == {}


def test_a_column_change_applies_to_every_table_with_the_same_headers(qtbot: Any, tmp_path: Path,
                                                                      scripted: Any) -> None:
    """An Accelerated Progress Plan: two action tables with one set of headers, each after a header block. A
    role change applies to both (unless one was corrected on its own), the focus stays on the row changed,
    the header blocks say what they were read as, and a column kept as text says why."""
    source = world_layouts.accelerated_lead_block(tmp_path / "kestrelford.docx")
    target = tmp_path / "Kestrelford.sendplan"
    seen: dict[str, Any] = {}

    def keys(dialog: Any, where: str) -> list[str]:
        return [c.key for c in dialog.outcome.mapping.table(where).columns]

    def preview(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.tabs.setCurrentIndex(1)
        assert [dialog.table_picker.itemText(i).split(":")[0] for i in range(dialog.table_picker.count())] == [
            "table 1 (read as the heading of area of weakness 1)", "table 2",
            "table 3 (read as the heading of area of weakness 2)", "table 4"]
        assert dialog.table_picker.currentData() == "table 2"
        assert dialog.columns.viewport().height() >= dialog.columns.rowCount() * dialog.columns.rowHeight(0)
        milestones = _column_row(dialog, "Milestones")
        assert "kept on each action as text" in dialog.columns.item(milestones, 3).text()
        _set_role(qtbot, dialog, "Milestones", "outcomes")
        assert keys(dialog, "table 2")[milestones] == keys(dialog, "table 4")[milestones] == "outcomes"
        assert dialog.table_state.text() == ("Your change to “Milestones” was applied to the 2 tables with these "
                                             "headers (tables 2 and 4).")
        role = dialog.columns.cellWidget(milestones, 1)
        assert dialog.focusWidget() is role and dialog.columns.currentRow() == milestones  # not back at the top
        dialog.table_picker.setCurrentIndex(dialog.table_picker.findData("table 4"))
        _set_role(qtbot, dialog, "Milestones", "notes")  # corrected on its own (table 2 was too: it keeps its own)…
        assert (keys(dialog, "table 2")[milestones], keys(dialog, "table 4")[milestones]) == ("outcomes", "notes")
        dialog.table_picker.setCurrentIndex(dialog.table_picker.findData("table 2"))
        _set_role(qtbot, dialog, "Milestones", "kpis")  # …so a later change to table 2 leaves it be
        assert (keys(dialog, "table 2")[milestones], keys(dialog, "table 4")[milestones]) == ("kpis", "notes")
        assert "table 4, which you corrected separately, kept its own" in dialog.table_state.text()
        dialog.table_picker.setCurrentIndex(dialog.table_picker.findData("table 3"))
        seen["heading"] = dialog.table_state.text()
        return True

    scripted.answers += [source, preview, target]
    assert import_word(StartScreen()) is not None
    assert seen["heading"] == ("Read as the heading of area of weakness 2: Area of weakness 2 — Parents do not know "
                               "how to raise a concern about an EHC plan; Lead: Parent Carer Forum Chair. To read it "
                               "as an action table instead, give one column the role Action.")
    actions = [a for _, _, a in load_plan(target).plan.iter_actions()]
    rows = [row for _, _, table in world_layouts.LEAD_AREAS for row in table]
    assert [(a.kpis, a.notes) for a in actions] == [(rows[0][2], ""), (rows[1][2], ""), ("", rows[2][2])]


def test_the_preview_of_an_accelerated_progress_plan_counts_what_it_shows(qtbot: Any, tmp_path: Path,
                                                                        scripted: Any) -> None:
    """No objectives counted when the tree shows none (the actions sit under their areas), and the table list
    names whole column titles, then "…", never a title cut short or a trailing comma."""
    source = world_layouts.accelerated_lead_block(tmp_path / "kestrelford.docx")
    seen: dict[str, Any] = {}

    def preview(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        seen["summary"] = dialog.summary.text()
        tops = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
        seen["children"] = [[top.child(c).text(0) for c in range(top.childCount())] for top in tops]
        seen["tables"] = [dialog.table_picker.itemText(i) for i in range(dialog.table_picker.count())]
        return False

    scripted.answers += [source, preview]
    assert import_word(StartScreen()) is None
    assert "2 areas, 0 objectives, 3 actions" in seen["summary"]
    assert [len(children) for children in seen["children"]] == [2, 1]
    assert all(child.startswith("P") for children in seen["children"] for child in children)  # actions, by ref
    action_table = next(label for label in seen["tables"] if "Milestones" in label)
    assert action_table.endswith(", …")
    titles = action_table.split(": ", 1)[1].removesuffix(", …").split(", ")
    assert titles == world_layouts.LEAD_HEADERS[:len(titles)] and len(titles) < len(world_layouts.LEAD_HEADERS)
