"""Read every inspection report PDF in a folder and compare with a truth written by reading them:
``python benchmarks/report_corpus.py FOLDER``.

The truth (``report_corpus_truth.json`` beside this script) holds facts only, never the reports'
sentences: per report (found by the SHA-256 of its file) the partnership's name, the inspection dates,
the previous inspection, the outcome (positive, inconsistent or systemic), the partners, a hash of each
named leader, and per area its kind (priority action or improvement), responsible body, reference,
word count, number of list items and a hash of its normalised wording. A report is *exact* when every
one of those facts matches; an area is *word for word* when its hash is among the areas read.

Each report is read (``read_report`` then ``draft_to_plan``, the work of ``sendplan new --from-report``)
in a child process with a time and memory limit, timed inside the child. Printed: exact reports,
areas word for word, refusals, messages naming an exception, hangs, crashes, the slowest reports and,
for each report that is not exact, what differs. Exit status 1 unless every report is exact, none is
refused and each is read within ``--budget`` seconds.

``--make-truth FOLDER`` writes the truth file from hand-written truth texts (one ``NAME.txt`` per
report, named like the report's folder or file; the format is in :func:`parse_truth_text`). Keep
those texts, like the PDFs, out of the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

TRUTH = Path(__file__).with_name("report_corpus_truth.json")
NAMED_EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Warning)\b|Traceback|\bFile \"")
BULLET = re.compile(r"(?m)^\s*[•▪◼●◦\-–−*]\s+")
FIELDS = ("partnership", "inspection_dates", "previous_inspection", "outcome", "partners", "leaders")
CHILD = r"""
import json, resource, sys, time, traceback
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
started = time.perf_counter()
from sendplan.exporters.report import ReportFileError, draft_to_plan, read_report
try:
    draft = read_report(sys.argv[1])
    plan = draft_to_plan(draft)
    seconds = time.perf_counter() - started
    areas = [{"text": item.text, "kind": getattr(item, "kind", "") or ("priority" if "priority" in item.title.lower()
              else "improvement"), "body": getattr(item, "body", ""), "ref": getattr(item, "ref", "")}
             for item in draft.areas if item.include]
    outcome = {"kind": "read", "seconds": seconds, "partnership": draft.partnership,
               "inspection_dates": draft.inspection_dates, "previous_inspection": draft.previous_inspection,
               "outcome": getattr(draft, "outcome_level", ""), "partners": list(draft.partners),
               "leaders": [list(s) for s in draft.signatories], "areas": areas, "notes": list(draft.notes),
               "plan_areas": len(plan.areas)}
except ReportFileError as error:
    outcome = {"kind": "refused", "message": str(error), "seconds": time.perf_counter() - started}
except BaseException:
    outcome = {"kind": "traceback", "message": traceback.format_exc(), "seconds": time.perf_counter() - started}
print(json.dumps(outcome))
"""


def normalise(text: str) -> str:
    """The wording compared: Unicode NFC, list bullets dropped, every run of white space one space."""
    return " ".join(BULLET.sub(" ", unicodedata.normalize("NFC", text)).split())


def digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def items(text: str) -> int:
    """Number of list items in an area's wording (lines that start with a bullet)."""
    return len(BULLET.findall(text))


def area_facts(kind: str, body: str, ref: str, text: str) -> dict[str, Any]:
    return {"kind": kind, "body": body, "ref": ref, "words": len(normalise(text).split()), "items": items(text),
            "hash": digest(text)}


def leader_hash(name: str, role: str, organisation: str) -> str:
    return digest(f"{name} | {role} | {organisation}")


def parse_truth_text(text: str) -> dict[str, Any]:
    """Facts from a truth text: ``key: value`` lines (partnership, dates, previous, outcome, partner, leader as
    ``name | role | organisation``), then each area as ``== KIND | BODY | REF`` followed by its wording,
    one paragraph or list item (``• …``) a line."""
    facts: dict[str, Any] = {"partners": [], "leaders": [], "areas": []}
    keys = {"partnership": "partnership", "dates": "inspection_dates", "previous": "previous_inspection",
            "outcome": "outcome"}
    area: list[str] | None = None
    header: list[str] = []

    def close() -> None:
        if area is not None:
            kind, body, ref = (header + ["", "", ""])[:3]
            facts["areas"].append(area_facts(kind, body, ref, "\n".join(area).strip()))

    for line in text.splitlines():
        if line.startswith("== "):
            close()
            header = [part.strip() for part in line[3:].split("|")]
            area = []
        elif area is not None:
            area.append(line)
        elif ":" in line:
            key, _, value = line.partition(":")
            value = value.strip()
            if key == "partner":
                facts["partners"].append(value)
            elif key == "leader":
                name, role, organisation = ([p.strip() for p in value.split("|")] + ["", ""])[:3]
                facts["leaders"].append(leader_hash(name, role, organisation))
            elif key in keys:
                facts[keys[key]] = value
    close()
    return facts


def make_truth(texts: Path, folder: Path) -> int:
    truth: dict[str, Any] = {}
    for pdf in sorted(folder.rglob("*.pdf")):
        name = pdf.parent.name if pdf.parent != folder else pdf.stem
        source = texts / f"{name}.txt"
        if not source.exists():
            print(f"no truth text for {name}")
            continue
        facts = parse_truth_text(source.read_text(encoding="utf-8"))
        truth[hashlib.sha256(pdf.read_bytes()).hexdigest()] = {"name": name, **facts}
    TRUTH.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(truth)} reports written to {TRUTH}")
    return 0


def run_one(path: Path, timeout: float) -> dict[str, Any]:
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                              timeout=timeout, check=False, encoding="utf-8")
    except subprocess.TimeoutExpired:
        return {"kind": "hang", "message": f"no answer within {timeout:.0f} s", "seconds": timeout}
    lines = done.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else {"kind": "crash", "message": done.stderr[-400:], "seconds": 0}
    except json.JSONDecodeError:
        return {"kind": "crash", "message": (done.stderr or done.stdout)[-400:], "seconds": 0}


def compare(expected: dict[str, Any], got: dict[str, Any]) -> tuple[list[str], int]:
    """(differences, areas word for word) between the truth and what was read."""
    if got.get("kind") != "read":
        return [f"{got.get('kind')}: {str(got.get('message', ''))[:300]}"], 0
    differences = []
    read = dict(got)
    read["leaders"] = [leader_hash(*(list(s) + ["", "", ""])[:3]) for s in got["leaders"]]
    for name in FIELDS:
        if expected.get(name, "" if name not in ("partners", "leaders") else []) != read.get(name):
            shown = read.get(name) if name != "leaders" else [" | ".join(s) for s in got["leaders"]]
            differences.append(f"{name}: read {shown!r}")
    areas = [area_facts(a["kind"], a["body"], a["ref"], a["text"]) for a in got["areas"]]
    hashes = Counter(a["hash"] for a in areas)
    word_for_word = 0
    for area in expected["areas"]:
        if hashes[area["hash"]] > 0:
            hashes[area["hash"]] -= 1
            word_for_word += 1
    if len(areas) != len(expected["areas"]):
        differences.append(f"areas: read {len(areas)}, expected {len(expected['areas'])}")
    for number, (want, have, raw) in enumerate(zip(expected["areas"], areas, got["areas"], strict=False), start=1):
        wrong = [key for key in ("kind", "body", "ref", "words", "items", "hash") if want[key] != have[key]]
        if wrong:
            detail = {key: have[key] for key in wrong if key != "hash"}
            differences.append(f"area {number}: {', '.join(wrong)} differ {detail} — read “{raw['text'][:160]}…”")
    return differences, word_for_word


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path, help="folder searched (recursively) for report PDFs")
    parser.add_argument("--timeout", type=float, default=60, help="seconds allowed per report (default 60)")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds a report may take (default 2)")
    parser.add_argument("--json", type=Path, help="also write every report's outcome to this JSON file")
    parser.add_argument("--make-truth", type=Path, metavar="TEXTS", help="write the truth file from truth texts")
    args = parser.parse_args(argv)
    if args.make_truth:
        return make_truth(args.make_truth, args.folder)
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    files = sorted(args.folder.rglob("*.pdf"))
    counts: Counter[str] = Counter()
    outcomes: dict[str, Any] = {}
    slow: list[tuple[float, str]] = []
    areas_total = areas_exact = 0
    report_lines = []
    for path in files:
        key = hashlib.sha256(path.read_bytes()).hexdigest()
        expected = truth.get(key)
        got = run_one(path, args.timeout)
        name = expected["name"] if expected else str(path.relative_to(args.folder))
        outcomes[name] = got
        counts[got["kind"]] += 1
        if NAMED_EXCEPTION.search(str(got.get("message", ""))) or any(NAMED_EXCEPTION.search(n)
                                                                       for n in got.get("notes", [])):
            counts["messages naming an exception"] += 1
        slow.append((float(got.get("seconds", 0)), name))
        if float(got.get("seconds", 0)) > args.budget:
            counts["over budget"] += 1
        if expected is None:
            counts["no truth"] += 1
            continue
        differences, word_for_word = compare(expected, got)
        areas_total += len(expected["areas"])
        areas_exact += word_for_word
        if differences:
            report_lines.append(f"\n{name}: " + "\n  ".join(differences))
        else:
            counts["exact"] += 1
    checked = len(files) - counts["no truth"]
    print(f"{len(files)} report PDFs in {args.folder} ({checked} with a truth)")
    print(f"  exact: {counts['exact']} of {checked}")
    print(f"  areas word for word: {areas_exact} of {areas_total}")
    for kind in ("read", "refused", "traceback", "hang", "crash", "messages naming an exception", "over budget"):
        print(f"  {kind}: {counts.get(kind, 0)}")
    slow.sort(reverse=True)
    print(f"  slowest: {', '.join(f'{n} {s:.2f} s' for s, n in slow[:3])}; median "
          f"{sorted(s for s, _ in slow)[len(slow) // 2]:.2f} s")
    print("".join(report_lines))
    if args.json:
        args.json.write_text(json.dumps(outcomes, indent=1, ensure_ascii=False), encoding="utf-8")
    bad = (counts["exact"] < checked or counts.get("refused", 0) or counts.get("over budget", 0)
           or counts.get("messages naming an exception", 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
