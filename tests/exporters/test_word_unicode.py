"""Property: whatever text is stored in any field, every preset exports and the file reopens."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sendplan.exporters.word import WordOptions, export_docx

from sendplan.codec import entity_fields, iter_entities
from sendplan.model import Action, Area, Objective, Plan, ProgressUpdate, Review, default_rag_scale
from sendplan.text import clean_text

# Everything, including control characters, surrogates, RTL and emoji.
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60)


def _base() -> Plan:
    review = Review(label="R", short_label="R1")
    action = Action(ratings={review.id: "amber"}, progress=[ProgressUpdate(review_id=review.id)],
                    evidence=("",))
    return Plan(reviews=[review], rag_scale=default_rag_scale(),
                areas=[Area(objectives=[Objective(actions=[action])])])


TEMPLATE = _base()
TEXT_FIELDS = [(type(e), name) for e in [TEMPLATE, *iter_entities(TEMPLATE)]
               for name, hint in entity_fields(type(e)) if hint is str and name not in ("id", "key", "colour")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_text, min_size=len(TEXT_FIELDS), max_size=len(TEXT_FIELDS)), st.sampled_from(
    ["review-pack", "publication", "table-only"]))
def test_any_text_in_any_field_exports(values: list[str], preset: str) -> None:
    plan = copy.deepcopy(TEMPLATE)
    entities = [plan, *iter_entities(plan)]
    for (cls, name), value in zip(TEXT_FIELDS, values, strict=True):
        for entity in entities:
            if type(entity) is cls:
                setattr(entity, name, value)  # bypassing the commands' cleaning on purpose
    plan.areas[0].objectives[0].actions[0].evidence = (values[0],)
    with tempfile.TemporaryDirectory() as folder:
        path = export_docx(plan, Path(folder) / "x.docx", WordOptions.for_preset(preset)).path
        document = Document(str(path))
        text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        action_text = clean_text(plan.areas[0].objectives[0].actions[0].text).strip()
        for word in action_text.split()[:3]:  # a soft hyphen is written as Word's own, which has no text
            assert word.replace("\t", "").replace("\xad", "") in text.replace("\t", "")
