"""The app's Merge returned updates… takes a Word return beside Excel ones: same tick-box view, one undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt


def test_a_word_return_merged_in_the_app(qtbot: Any, window: Any, scripted: Any, tmp_path: Path) -> None:
    from docx import Document
    from sendplan.exporters.word_returns import write_word_returns
    from sendplan.ui import cycle_actions

    from sendplan.codec import plan_to_dict

    plan = window.session.plan
    before = plan_to_dict(plan)
    path = write_word_returns(plan, tmp_path, owners=["Head of Inclusion"]).files["Head of Inclusion"]
    document = Document(str(path))
    table = document.tables[0]
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
    cycle_actions.returns_in(window)
    assert [(text.split(":")[0], ticked, source) for text, ticked, source in seen] == [
        ("comment", False, "Head of Inclusion"), ("new progress", True, "Head of Inclusion")]
    assert "Objective changed in Word" in seen[0][0], "an edit sendplan cannot interpret is listed, unticked"
    action = next(a for _, _, a in plan.iter_actions() if a.owner == "Head of Inclusion")
    assert action.progress[-1].text == "Inclusion panel met twice this term."
    assert window.undo_action.text() == "&Undo Apply 1 change from update returns"
    window.undo_action.trigger()
    assert plan_to_dict(plan) == before
