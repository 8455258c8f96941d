"""Word packages in every form officers send: .docm, .dotx, .dotm, a main part with another name, a
missing thumbnail, ISO Strict; and the files that are not Word documents at all, refused plainly."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sendplan.exporters.office import OfficeFileError
from sendplan.exporters.word import import_docx
from sendplan.exporters.word.read.package import MAX_MESSAGE
from word_families import single_table_pap

MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
STRICT = {b"http://schemas.openxmlformats.org/wordprocessingml/2006/main":
          b"http://purl.oclc.org/ooxml/wordprocessingml/main",
          b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
          b"http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _rewrite(source: Path, target: Path, change: Callable[[dict[str, bytes]], dict[str, bytes]]) -> Path:
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in change(parts).items():
            package.writestr(name, data)
    return target


def _content_type(kind: str) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    def change(parts: dict[str, bytes]) -> dict[str, bytes]:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            MAIN.encode(), f"application/vnd.ms-word.{kind}+xml".encode() if "macro" in kind else
            f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml".encode())
        if "macro" in kind:
            parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really macros"
        return parts
    return change


def _renamed_main(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts["word/plan-body.xml"] = parts.pop("word/document.xml")
    parts["word/_rels/plan-body.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/plan-body.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/word/document.xml",
                                                                        b"/word/plan-body.xml")
    return parts


def _no_thumbnail(parts: dict[str, bytes]) -> dict[str, bytes]:
    parts.pop("docProps/thumbnail.jpeg")  # the relationship to it stays, dangling, as some tools leave it
    return parts


def _strict(parts: dict[str, bytes]) -> dict[str, bytes]:
    for name in ("word/document.xml", "word/styles.xml"):
        for old, new in STRICT.items():
            parts[name] = parts[name].replace(old, new)
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
    return parts


@pytest.mark.parametrize(("suffix", "change", "said"), [
    (".docm", _content_type("document.macroEnabled.main"), "macro-enabled Word document"),
    (".dotx", _content_type("template.main"), "Word template (.dotx)"),
    (".dotm", _content_type("template.macroEnabledTemplate.main"), "macro-enabled Word template"),
    (".docx", _renamed_main, "word/plan-body.xml"),
    (".docx", _no_thumbnail, ""),
    (".docx", _strict, "Strict Open XML"),
])
def test_package_variants_read_like_the_plain_document(tmp_path: Path, suffix: str, change, said: str) -> None:  # type: ignore[no-untyped-def]
    plain = single_table_pap(tmp_path / "plain.docx")
    variant = _rewrite(plain, tmp_path / f"variant{suffix}", change)
    expected, found = import_docx(plain), import_docx(variant)
    shape = [(a.ref, a.text, a.owner, sorted(a.ratings.values()), [u.text for u in a.progress])
             for _, _, a in expected.plan.iter_actions()]
    assert [(a.ref, a.text, a.owner, sorted(a.ratings.values()), [u.text for u in a.progress])
            for _, _, a in found.plan.iter_actions()] == shape
    assert found.plan.title == expected.plan.title
    if said:
        assert any(said in note for note in found.report.notes)
    else:
        assert found.report.notes == expected.report.notes


def _odt(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    return path


def _word_part_only(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/"
                                              "wordprocessingml/2006/main'><w:bdy/></w:document>")
    return path


def _broken_xml(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document><w:body><unclosed></w:document>")
    return path


@pytest.mark.parametrize(("make", "words"), [
    (_odt, "OpenDocument text document (.odt)"),
    (_word_part_only, "no document body"),
    (_broken_xml, "damaged"),
])
def test_not_word_documents_get_a_plain_message(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "plan.docx")
    with pytest.raises(OfficeFileError) as caught:
        import_docx(path)
    message = str(caught.value)
    assert words in message and len(message) <= MAX_MESSAGE
    assert not re.search(r"\b[A-Z][a-z]+(Error|Exception)\b", message)
