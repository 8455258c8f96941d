"""The review cycle in the app: dashboard, starting a review, returns out and in, import preview, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from sendplan.summaries import summarise


def _december_review(dialog: Any) -> bool:
    """Fill in the Start a review dialog as an officer would."""
    dialog.day.setText("14/12/2026")
    dialog.label.setText("December 2026 review")
    dialog.short.setText("Dec 2026")
    dialog.period.setText("2026/2027")
    return True


def test_dashboard_agrees_with_the_core_summary(qtbot: Any, window: Any) -> None:
    dashboard = window.dashboard
    window.show_page("Dashboard")
    assert window.stack.currentWidget() is dashboard
    plan = window.session.plan
    expected = summarise(plan, window.session.current_review.id, as_of=date.today())
    assert dashboard.summary == expected
    assert dashboard.counts.item(0, 1).text() == (
        f"{expected.areas[0].current['red']} (was {expected.areas[0].previous['red']}, ±0)")
    assert dashboard.lists["overdue"].count() == len(expected.overdue)
    assert dashboard.titles["red"].text() == f"<b>Red actions ({len(expected.red)})</b>"
    assert "Stacked bar chart" in dashboard.chart.accessibleDescription()
    item = dashboard.lists["revised"].item(0)
    dashboard.lists["revised"].itemActivated.emit(item)
    assert window.stack.currentIndex() == 0
    assert window.current_action().id == item.data(Qt.ItemDataRole.UserRole)
    earlier = plan.reviews_by_date()[1]
    window.review_box.setCurrentIndex(window.review_box.findData(earlier.id))
    assert dashboard.summary.review is not earlier, "a hidden dashboard waits until it is shown"
    window.show_page("Dashboard")
    assert dashboard.summary.review is earlier


def test_start_a_review_carrying_ratings_forward(qtbot: Any, window: Any, scripted: Any) -> None:
    from sendplan.ui import cycle_actions

    plan = window.session.plan
    before = {a.id: plan.current_rating(a) for _, _, a in plan.iter_actions()}

    scripted.answers.append(_december_review)
    cycle_actions.start_review(window)
    review = window.session.current_review
    assert review.label == "December 2026 review" and review.day == date(2026, 12, 14)
    assert review.colour not in {r.colour for r in plan.reviews if r is not review}
    assert window.review_box.currentText() == "December 2026 review"
    assert {a.id: a.ratings.get(review.id, "") for _, _, a in plan.iter_actions()} == before
    window.show_page("Dashboard")
    assert len(window.dashboard.summary.not_updated) == 60  # nothing reported for it yet
    assert window.undo_action.text() == "&Undo Start the December 2026 review"
    window.undo_action.trigger()
    assert review not in plan.reviews
    assert window.session.current_review is plan.latest_review() and window.review_box.count() == 5


def test_returns_out_then_in_then_undo(qtbot: Any, window: Any, scripted: Any, merge_returns: Any,
                                       tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from sendplan.ui import cycle_actions

    from sendplan.codec import plan_to_dict

    plan = window.session.plan
    before = plan_to_dict(plan)
    folder = tmp_path / "returns"

    def out(dialog: Any) -> bool:
        for i in range(dialog.owners.count()):
            owner = dialog.owners.item(i).data(Qt.ItemDataRole.UserRole)
            if owner not in ("Head of Inclusion", "Participation Manager"):
                dialog.owners.item(i).setCheckState(Qt.CheckState.Unchecked)
        dialog.folder.setText(str(folder))
        return True
    scripted.answers += [out, "Show in folder"]  # the "Update returns written" box: Show in folder
    cycle_actions.returns_out(window)
    qtbot.waitUntil(lambda: ("open_folder", str(folder)) in scripted.shown, timeout=20000)  # written in the background
    files = sorted(folder.glob("*.xlsx"))
    assert [f.name for f in files] == ["Update return - Head of Inclusion.xlsx",
                                       "Update return - Participation Manager.xlsx"]
    assert ("open_folder", str(folder)) in scripted.shown
    for path, rag in zip(files, ("Red", "Blue"), strict=True):
        book = load_workbook(path)
        book["Your actions"]["G2"] = f"Update from {path.stem}"
        book["Your actions"]["H2"] = rag
        book.save(path)
    shown: list[int] = []

    def review_changes(dialog: Any) -> bool:
        shown.append(dialog.table.rowCount())
        dialog.set_all(Qt.CheckState.Unchecked)
        dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
        dialog.table.item(1, 0).setCheckState(Qt.CheckState.Checked)
        return True
    scripted.answers += [files, review_changes]
    merge_returns(window)
    assert shown and shown[0] >= 3  # progress from both, and any RAG that differs
    assert window.undo_action.text() == "&Undo Apply 2 changes from update returns"
    window.undo_action.trigger()
    assert plan_to_dict(plan) == before


def test_structured_kpis_are_edited_on_the_details_panel(qtbot: Any, window: Any) -> None:
    plan = window.session.plan
    action = plan.areas[1].objectives[0].actions[0]  # has "EHC plans issued within 20 weeks"
    window.show_page("All actions")
    window.select_action(action.id)
    editor = window.measures
    assert editor.table.rowCount() == 1 and editor.table.item(0, 0).text() == "EHC plans issued within 20 weeks"
    editor.table.item(0, 3).setText("79%")
    latest = plan.latest_review()
    assert action.measures[0].actuals[latest.id] == "79%"
    assert window.undo_action.text() == "&Undo Record EHC plans issued within 20 weeks at November 2026 review"
    editor.add()
    editor.table.item(1, 0).setText("Families satisfied")
    assert [m.name for m in action.measures] == ["EHC plans issued within 20 weeks", "Families satisfied"]
    window.show_page("Dashboard")
    assert window.dashboard.measures.rowCount() == 5  # the dashboard shows the new measure too
    editor.table.setCurrentCell(1, 0)
    editor.delete()
    assert len(action.measures) == 1


def test_reviews_page_previews_the_progress_key(qtbot: Any, window: Any) -> None:
    preview = window.pages["Reviews"].preview.text()
    assert "Dec 2025:</b> December 2025 review (15/12/2025)" in preview and "color:#7030A0" in preview


def test_full_cycle_dashboard_and_pack_agree(qtbot: Any, window: Any, scripted: Any, merge_returns: Any,
                                             tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook
    from sendplan.ui import cycle_actions, export_job
    from sendplan.ui.action_model import COLUMNS

    scripted.answers.append(_december_review)
    cycle_actions.start_review(window)
    folder = tmp_path / "returns"
    scripted.answers += [lambda dialog: dialog.folder.setText(str(folder)) or True, "Show in folder"]
    cycle_actions.returns_out(window)
    qtbot.waitUntil(lambda: ("open_folder", str(folder)) in scripted.shown, timeout=20000)
    returned = folder / "Update return - Head of SEND Services.xlsx"
    book = load_workbook(returned)  # the owner fills in their return
    book["Your actions"]["G2"] = "Board reconstituted with parent co-chairs."
    book["Your actions"]["H2"] = "Red"
    book.save(returned)
    scripted.answers += [[returned], lambda dialog: True]
    merge_returns(window)
    window.show_page("All actions")
    second = window.session.plan.areas[0].objectives[0].actions[1]
    index = window.proxy.mapFromSource(window.model.action_index(second.id, COLUMNS.index("rag")))
    window.proxy.setData(index, "green")  # re-rate another action in the grid
    pack = tmp_path / "pack.docx"
    scripted.answers += [lambda dialog: True, pack, None]
    export_job.export(window)
    qtbot.waitUntil(lambda: pack.exists() and not scripted.answers, timeout=20000)
    window.show_page("Dashboard")
    summary = window.dashboard.summary
    assert summary.review.label == "December 2026 review"
    table = next(t for t in Document(str(pack)).tables if t.rows[0].cells[0].text == "Area")
    names = [c.text for c in table.rows[0].cells]
    for row, area in zip(table.rows[1:], summary.areas, strict=False):
        for key, count in area.current.items():
            name = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue"}.get(key)
            if name in names:
                assert row.cells[names.index(name)].text.split("\n")[0] == str(count)
    assert summary.totals()["red"] >= 1


def test_an_action_deleted_while_returns_are_read_is_not_offered(qtbot: Any, window: Any, scripted: Any,
                                                                 tmp_path: Path) -> None:
    """Returns are read on a worker thread while the officer goes on working: a change for an action deleted
    meanwhile is not offered (and cannot fail the merge); the officer is told which."""
    from openpyxl import load_workbook
    from sendplan.exporters.returns import write_returns
    from sendplan.ui import cycle_actions

    from sendplan.commands import DeleteItem

    plan = window.session.plan
    first, second = plan.areas[0].objectives[0].actions[:2]
    owner = first.owner
    path = write_returns(plan, tmp_path, owners=[owner]).files[owner]
    book = load_workbook(path)
    sheet = book["Your actions"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    for action in (first, second):
        if action.id in rows:
            sheet.cell(row=rows[action.id], column=7).value = f"Update for {action.ref}"
    book.save(path)
    offered: list[str] = []

    def look(dialog: Any) -> bool:
        offered.extend(dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount()))
        return False
    scripted.answers += [[path], look]
    cycle_actions.returns_in(window)
    window.session.push(DeleteItem(plan, first.id))  # while the worker reads the file
    qtbot.waitUntil(lambda: not window.export_jobs, timeout=30000)
    assert offered and not any(f"Update for {first.ref}" in text for text in offered)
