"""Ratings a tracker shows only by conditional formatting: the rules trackers use are worked out (never run),
a formula rule reading another cell included; a rule nothing here understands colours nothing."""

from __future__ import annotations

from pathlib import Path

from sendplan.exporters.excel import import_tracker


def _write(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule, FormulaRule, Rule
    from openpyxl.styles import PatternFill
    from openpyxl.styles.differential import DifferentialStyle

    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", "RAG Dec 25", "Comment", "RAG Mar 26"])
    rows = [("1.1", "Publish the dashboard", "Data Lead", None, "Off track", "x"),
            ("1.2", "Hold the panel weekly", "Panel Chair", None, "On track", "done well"),
            ("1.3", "Train the coordinators", "SEND Manager", None, "Delayed", "unknown")]
    for row in rows:
        sheet.append(list(row))
    red, green = PatternFill(bgColor="FFC7CE", fill_type="solid"), PatternFill(bgColor="C6EFCE", fill_type="solid")
    sheet.conditional_formatting.add("D2:D4", FormulaRule(formula=['$E2="Off track"'], fill=red))
    sheet.conditional_formatting.add("D2:D4", FormulaRule(formula=['ISNUMBER(SEARCH("On track",$E2))'], fill=green))
    rule = Rule(type="containsText", operator="containsText", text="done",
                dxf=DifferentialStyle(fill=PatternFill(bgColor="00B050", fill_type="solid")))
    sheet.conditional_formatting.add("F2:F4", rule)
    sheet.conditional_formatting.add("F2:F4", CellIsRule(operator="equal", formula=["$A$1"], fill=red))  # a reference
    book.save(str(path))
    return path


def test_conditional_formats_give_the_ratings_they_show(tmp_path: Path) -> None:
    result = import_tracker(_write(tmp_path / "formats.xlsx"))
    plan = result.plan
    dec, mar = plan.reviews_by_date()
    actions = [a for _, _, a in plan.iter_actions()]
    assert [a.ratings.get(dec.id) for a in actions] == ["red", "green", None]  # from the comment beside them
    assert [a.ratings.get(mar.id) for a in actions] == [None, "green", None]  # "done" contained: green fill
    assert actions[0].notes == "Comment: Off track\nRAG Mar 26: x"  # not a rating, no rule coloured it: kept
