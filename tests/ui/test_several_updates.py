"""Two owners' returns both bring progress for one action at one review: the grid, review mode, the details,
the Excel tracker, the returns and the pack all show both, in the order they were recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from openpyxl import load_workbook
from sendplan.exporters.excel import export_tracker
from sendplan.exporters.returns import write_returns
from sendplan.exporters.word import WordOptions, export_docx
from sendplan.ui.action_model import COLUMNS

from sendplan.commands import AddItem
from sendplan.model import ProgressUpdate
from sendplan.review_state import latest_progress, progress_text

pytest_plugins = ["pytestqt"]
FIRST, SECOND = "The board signed off the plan.", "Schools were briefed on the plan."


def _two_updates(window: Any) -> Any:
    session = window.session
    plan = session.plan
    review = plan.latest_review()
    action = plan.areas[0].objectives[0].actions[0]
    for text in (FIRST, SECOND):
        session.push(AddItem(plan, action.id, "progress", ProgressUpdate(text=text, review_id=review.id,
                                                                          added=date.today())))
    return action


def test_every_view_shows_both_in_order(qtbot: Any, window: Any, tmp_path: Path) -> None:
    action = _two_updates(window)
    plan = window.session.plan
    review = plan.latest_review()
    texts = [u.text for u in latest_progress(action, review)]
    assert texts[-2:] == [FIRST, SECOND]
    shown = progress_text(latest_progress(action, review))
    assert shown.index(FIRST) < shown.index(SECOND)

    window.show_page("All actions")
    model = window.model
    index = model.action_index(action.id, COLUMNS.index("progress"))
    cell = model.data(index)
    assert FIRST in cell and SECOND in cell and cell.index(FIRST) < cell.index(SECOND)
    assert model.data(index, 2) == SECOND, "the editor changes the latest entry"

    window.select_action(action.id)
    window.enter_review_mode()
    page = window.review_page
    assert page.update_box.toPlainText() == SECOND
    earlier = page.earlier.toPlainText()
    assert FIRST in earlier and f"({len(texts) - 1} of {len(texts)})" in earlier
    assert f"entry {len(texts)} of {len(texts)}" in page.update_label.text()

    details = window.details.toPlainText()
    assert details.index(FIRST) < details.index(SECOND)

    snapshot = plan
    tracker = export_tracker(snapshot, tmp_path / "tracker.xlsx", review.id)
    sheet = load_workbook(tracker)["Plan"]
    column = [c.value for c in sheet[1]].index("Latest progress") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == action.id)
    value = sheet.cell(row=row, column=column).value
    assert FIRST in value and SECOND in value and value.index(FIRST) < value.index(SECOND)

    returned = write_returns(snapshot, tmp_path / "r", owners=[action.owner]).files[action.owner]
    sheet = load_workbook(returned)["Your actions"]
    column = [c.value for c in sheet[1]].index("Latest progress") + 1
    value = next(sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)
                 if sheet.cell(row=r, column=1).value == action.id)
    assert value.index(FIRST) < value.index(SECOND)

    pack = export_docx(snapshot, tmp_path / "pack.docx", WordOptions.for_preset("table-only")).path
    body = "\n".join(c.text for t in Document(str(pack)).tables for r in t.rows for c in r.cells)
    assert body.index(FIRST) < body.index(SECOND)
