"""Damaged and hostile inputs for the fuzz run (benchmarks/fuzz_files.py), made reproducibly from a seed.

Plans: the sample plan and a generated one, truncated, bit-flipped, re-encoded, nested thousands deep, given
30 MB fields, wrong types, missing and unknown fields and tables, duplicate ids, other schema versions.
Office files: sendplan's own Word and Excel exports and returns (the files owners send back), truncated, with
flipped bytes inside compressed parts (bad CRCs), parts removed or replaced by broken, deeply nested or
entity-laden XML, a shared string filling every cell, thousands of parts, encrypted and OpenDocument headers.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from sendplan.resources import sample_plan_bytes

Mutation = Callable[[random.Random, bytes], bytes]


# ---------------------------------------------------------------------------------------------
# Plans


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data))]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _nul(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b"\x00" * rng.randint(1, 64) + data[at:]


def _cut_span(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 5000):]


def _repeat_span(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at:at + rng.randint(1, 3000)] + data[at:]


def _documents(data: dict) -> list[dict]:
    return [doc for table in data.values() if isinstance(table, dict)
            for doc in table.values() if isinstance(doc, dict)]


def _json_mutation(change: Callable[[random.Random, dict], None]) -> Mutation:
    def mutate(rng: random.Random, data: bytes) -> bytes:
        tables = json.loads(data)
        change(rng, tables)
        text = json.dumps(tables, ensure_ascii=rng.random() < 0.5)
        deep = re.search(r'"__DEEP_(\d+)__"', text)
        if deep:  # written as text: json itself cannot write what is nested this deep
            depth = int(deep[1])
            text = text.replace(deep[0], "[" * depth + '"bottom"' + "]" * depth)
        return text.encode("utf-8", "surrogatepass")
    return mutate


def _wrong_type(rng: random.Random, tables: dict) -> None:
    doc = rng.choice(_documents(tables))
    key = rng.choice(list(doc))
    doc[key] = rng.choice([None, 7, 3.5, True, [], {}, [1, [2]], {"a": {"b": None}}, "", "x" * 500])


def _drop_key(rng: random.Random, tables: dict) -> None:
    doc = rng.choice(_documents(tables))
    doc.pop(rng.choice(list(doc)), None)


def _strange_text(rng: random.Random, tables: dict) -> None:
    doc = rng.choice(_documents(tables))
    texts = [k for k, v in doc.items() if isinstance(v, str) and k != "id"]
    if texts:
        doc[rng.choice(texts)] = rng.choice(["\x07\x0b\x1b bell", "lone \ud800 surrogate", "\ufeff\ufffe\uffff",
                                             "=SUM(A1)", "<w:t>not xml</w:t>", "e\u0301" * 50, "\U0001F600" * 40,
                                             "y" * rng.choice([100_000, 30_000_000])])


def _deep(rng: random.Random, tables: dict) -> None:
    rng.choice(_documents(tables))["deep"] = f"__DEEP_{rng.choice([50, 500, 5000, 100_000])}__"


def _unknown(rng: random.Random, tables: dict) -> None:
    if rng.random() < 0.5:
        tables[f"extra_{rng.randrange(99)}"] = {"1": {"id": "x", "value": rng.random()}}
    else:
        rng.choice(_documents(tables))[f"future_field_{rng.randrange(99)}"] = {"nested": [1, 2, "three"]}


def _duplicate_id(rng: random.Random, tables: dict) -> None:
    docs = [d for d in _documents(tables) if "id" in d]
    rng.choice(docs)["id"] = rng.choice(docs)["id"]


def _version(rng: random.Random, tables: dict) -> None:
    tables["plan"]["1"]["schema_version"] = rng.choice([0, 1, 2, 3, 4, 99, -1, "3", True, None, 3.0])


def _orphan(rng: random.Random, tables: dict) -> None:
    child = rng.choice([t for t in ("objectives", "actions", "progress") if tables.get(t)])
    doc = rng.choice(list(tables[child].values()))
    key = next(k for k in doc if k.endswith("_id") and k != "review_id" and k != "workstream_id")
    doc[key] = rng.choice(["gone", "y" * 200_000])


def _reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8")
    encoding = rng.choice(["utf-16", "utf-16-le", "latin-1", "utf-8-sig", "cp1252"])
    return text.encode(encoding, "replace")


def _frame(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"", b"   \n", b"null", b"[]", b"{}", b'"plan"', b"[" + data + b"]", b'{"plan": []}',
                       b'{"_default": {"1": {"name": "tinydb of another app"}}}', b"PK\x03\x04" + data[:200],
                       b"%PDF-1.7\n" + data[:200], b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data[:200],
                       b"[" * 100_000 + b"]" * 100_000, b"\xef\xbb\xbf" + data, data + b"\n" + data])


PLAN_MUTATIONS: list[Mutation] = [
    _truncate, _flip, _nul, _cut_span, _repeat_span, _reencode, _frame,
    *[_json_mutation(f) for f in (_wrong_type, _drop_key, _strange_text, _deep, _unknown, _duplicate_id, _version,
                                  _orphan)]]


def plan_bases(folder: Path) -> list[bytes]:
    """The sample plan and a generated one of a different shape."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from generate_plan import generate  # noqa: PLC0415

    from sendplan.storage import save_new_plan  # noqa: PLC0415

    generated = folder / "generated.sendplan"
    save_new_plan(generated, generate(1, 7))
    return [sample_plan_bytes(), generated.read_bytes()]


def damaged_plans(folder: Path, count: int, seed: int) -> Iterator[Path]:
    rng = random.Random(seed)
    bases = plan_bases(folder)
    for number in range(count):
        data = rng.choice(bases)
        for mutation in rng.sample(PLAN_MUTATIONS, rng.choice([1, 1, 2])):
            try:
                data = mutation(rng, data)
            except (ValueError, KeyError, IndexError, StopIteration, AttributeError, TypeError, RecursionError):
                data = _flip(rng, data or b"{}")  # the first damage left nothing the second could work on
            if not data:
                break
        path = folder / f"plan-{number:04d}.sendplan"
        path.write_bytes(data)
        yield path


# ---------------------------------------------------------------------------------------------
# Office files


def office_bases(folder: Path, plan_file: Path) -> list[Path]:
    """sendplan's own Word and Excel files: a pack, a tracker, and one Word and one Excel return."""
    from sendplan.exporters.excel import export_tracker  # noqa: PLC0415
    from sendplan.exporters.returns import write_returns  # noqa: PLC0415
    from sendplan.exporters.word import WordOptions, export_docx  # noqa: PLC0415

    from sendplan.storage import load_plan  # noqa: PLC0415

    plan = load_plan(plan_file).plan
    owner = next(a.owner for _, _, a in plan.iter_actions() if a.owner)
    return [export_docx(plan, folder / "pack.docx", WordOptions.for_preset("table-only")).path,
            export_tracker(plan, folder / "tracker.xlsx"),
            write_returns(plan, folder / "returns", kind="docx", owners=[owner]).files[owner],
            write_returns(plan, folder / "returns", kind="xlsx", owners=[owner]).files[owner]]


def _parts(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info, package.read(info)) for info in package.infolist()]


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts:
            package.writestr(name, content)
    return out.getvalue()


def _main_part(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> str:
    names = [info.filename for info, _ in parts]
    return next((n for n in ("word/document.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml")
                 if n in names), names[0])


def _replace_part(rng: random.Random, data: bytes) -> bytes:
    parts = _parts(data)
    target = _main_part(parts) if rng.random() < 0.6 else rng.choice(parts)[0].filename
    deep = "<a>" * 100_000 + "</a>" * 100_000
    laughs = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]><l>&d;&d;&d;</l>')
    content = rng.choice([b"", b"not xml at all", b"<unclosed", deep.encode(), laughs.encode(),
                          b"<?xml version='1.0'?><root/>", bytes(rng.randrange(256) for _ in range(2000))])
    return _zip([(i.filename, content if i.filename == target else c) for i, c in parts])


def _remove_part(rng: random.Random, data: bytes) -> bytes:
    parts = _parts(data)
    gone = _main_part(parts) if rng.random() < 0.4 else rng.choice(parts)[0].filename
    return _zip([(i.filename, c) for i, c in parts if i.filename != gone])


def _bad_crc(rng: random.Random, data: bytes) -> bytes:
    """Bytes flipped inside a compressed part: the zip opens, the part does not unpack (a CRC or zlib error)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = rng.choice([i for i in package.infolist() if i.compress_size > 20] or package.infolist())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for _ in range(rng.randint(1, 8)):
        out[start + rng.randrange(max(1, info.compress_size))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _shared_string_bomb(rng: random.Random, data: bytes) -> bytes:
    """One long shared string used by thousands of cells (what made a 110 KB file take 12 GB)."""
    text = "x" * rng.choice([40_000, 1_000_000])
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{col}{r}" t="s"><v>0</v></c>' for col in "ABC") + "</row>"
                   for r in range(1, rng.choice([3000, 20000])))
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             f"{rows}</sheetData></worksheet>")
    strings = (f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
               f'uniqueCount="1"><si><t>{text}</t></si></sst>')
    parts = _parts(data)
    names = {i.filename for i, _ in parts}
    if "xl/workbook.xml" not in names:
        return data
    replaced = [(i.filename, sheet.encode() if i.filename.startswith("xl/worksheets/sheet") else
                 strings.encode() if i.filename == "xl/sharedStrings.xml" else c) for i, c in parts]
    if "xl/sharedStrings.xml" not in names:
        replaced.append(("xl/sharedStrings.xml", strings.encode()))
    return _zip(replaced)


def _many_parts(rng: random.Random, data: bytes) -> bytes:
    parts = [(i.filename, c) for i, c in _parts(data)]
    return _zip(parts + [(f"customXml/junk{n}.xml", b"<x/>") for n in range(rng.choice([500, 6000]))])


def _header(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le"),
                       _zip([("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]),
                       b"<html><body>a web page saved as .docx</body></html>", b"", b"PK\x05\x06" + b"\x00" * 18])


def _embedded_plan(rng: random.Random, data: bytes) -> bytes:
    """The plan a sendplan document carries, damaged."""
    parts = _parts(data)
    out = []
    for info, content in parts:
        if info.filename.startswith("customXml/item") and b"urn:sendplan" in content[:4096]:
            content = rng.choice([content[:len(content) // 2], content.replace(b'"schema_version":3',
                                                                                b'"schema_version":99'),
                                  content.replace(b"<plan>", b"<plan>" + b"[" * 5000), b"<x/>"])
        out.append((info.filename, content))
    return _zip(out)


OFFICE_MUTATIONS: list[Mutation] = [_truncate, _flip, _cut_span, _replace_part, _remove_part, _bad_crc, _bad_crc,
                                    _shared_string_bomb, _many_parts, _header, _embedded_plan]


def damaged_office_files(folder: Path, bases: list[Path], count: int, seed: int) -> Iterator[Path]:
    rng = random.Random(seed)
    for number in range(count):
        base = rng.choice(bases)
        data = base.read_bytes()
        mutation = rng.choice(OFFICE_MUTATIONS)
        try:
            data = mutation(rng, data)
        except (zipfile.BadZipFile, ValueError, IndexError, KeyError, EOFError):
            data = _flip(rng, data)
        suffix = base.suffix if rng.random() < 0.85 else rng.choice([".docx", ".xlsx", ".xltx", ".docm"])
        path = folder / f"office-{number:04d}-{mutation.__name__.strip('_')}{suffix}"
        path.write_bytes(data)
        yield path
