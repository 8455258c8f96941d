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

``--pasted [plain] [layout] [raw] [viewer]`` copies each PDF to text with poppler's ``pdftotext`` (plain;
``-layout``; ``-raw``; and ``-raw`` without page breaks, as a PDF viewer copies) and reads that with the
pasted-text reader (``read_report_text``) against the same truth. Text cannot carry every fact (which
body an area is addressed to when the columns come one after the other; where an area ends when its
last sentence ends at a full line), so each fact is judged right, *said* (left empty, or two areas left
in one, with a note in the draft saying so) or wrong; a report has *nothing wrong* when nothing is
wrong, and the exit status is 1 unless every report has nothing wrong.

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
VARIANTS = {"plain": [], "layout": ["-layout"], "raw": ["-raw"], "viewer": ["-raw"]}  # viewer: -raw, no page breaks
FIELDS = ("partnership", "inspection_dates", "previous_inspection", "outcome", "partners", "leaders")
CHILD = r"""
import json, resource, sys, time, traceback
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
text = sys.stdin.read() if sys.argv[1] == "-" else ""
started = time.perf_counter()
from sendplan.exporters.report import ReportFileError, draft_to_plan, read_report, read_report_text
try:
    draft = read_report_text(text) if sys.argv[1] == "-" else read_report(sys.argv[1])
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


def run_one(path: Path, timeout: float, text: str | None = None) -> dict[str, Any]:
    """Read ``path`` in a child process, or ``text`` as pasted text when it is given."""
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, "-" if text is not None else str(path)],
                              input=text or "", capture_output=True, text=True, timeout=timeout, check=False,
                              encoding="utf-8")
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


def pdftotext(path: Path, variant: str) -> str:
    """The report as text, copied the way ``variant`` names (poppler's pdftotext; a viewer's copy has no
    page breaks, so the form feeds of ``-raw`` go)."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *VARIANTS[variant], str(path), "-"], capture_output=True,
                          check=False, timeout=60)
    text = done.stdout.decode("utf-8", "replace")
    return text.replace("\f", "\n") if variant == "viewer" else text


def judge(expected: dict[str, Any], got: dict[str, Any]) -> Counter[str]:
    """Each fact of a reading from pasted text as right, "said" (left empty, and a note says what to type
    in) or wrong (a fact read wrongly, or left empty without a word)."""
    verdict: Counter[str] = Counter()
    if got.get("kind") != "read":
        verdict["refused" if got.get("kind") == "refused" else "failed"] += 1
        return verdict
    notes = " ".join(got.get("notes", [])).lower()
    said = {"partners": "partners", "leaders": "partners", "body": "responsible bod",
            "partnership": "partnership's name", "inspection_dates": "inspection dates"}
    read = dict(got, leaders=[leader_hash(*(list(s) + ["", "", ""])[:3]) for s in got["leaders"]])
    for name in FIELDS:
        want = expected.get(name, [] if name in ("partners", "leaders") else "")
        if want == read.get(name):
            verdict[f"{name} right"] += 1
        elif not read.get(name) and said.get(name, "\0") in notes:
            verdict[f"{name} said"] += 1
        else:
            verdict[f"{name} wrong"] += 1
    areas = [area_facts(a["kind"], a["body"], a["ref"], a["text"]) for a in got["areas"]]
    verdict["area counts right" if len(areas) == len(expected["areas"]) else "area counts differ"] += 1
    unmatched = list(range(len(expected["areas"])))
    for number, have in enumerate(areas):
        index = next((i for i in unmatched if expected["areas"][i]["hash"] == have["hash"]), None)
        if index is not None:
            unmatched.remove(index)
        want = expected["areas"][index] if index is not None else (
            expected["areas"][number] if number < len(expected["areas"]) else None)
        if want is not None and want["body"] == have["body"]:
            verdict["body right"] += 1
        elif want is not None and not have["body"] and said["body"] in notes:
            verdict["body said"] += 1
        elif want is not None or have["body"]:
            verdict["body wrong"] += 1
        if index is None and f"area {number + 1} may be two areas" in notes:
            merged = _merged(expected["areas"], unmatched, have)
            verdict["area merged, said"] += len(merged)
            unmatched = [i for i in unmatched if i not in merged]
    verdict["area word for word"] += len(expected["areas"]) - len(unmatched) - verdict["area merged, said"]
    verdict["area wrong"] += len(unmatched)
    return verdict


def _merged(expected: list[dict[str, Any]], unmatched: list[int], have: dict[str, Any]) -> list[int]:
    """The expected areas (consecutive, not yet matched) that one area read holds together, told by their
    kinds and word counts adding up (the truth keeps no wording to compare)."""
    for start in unmatched:
        run: list[int] = []
        for index in range(start, len(expected)):
            if index not in unmatched or expected[index]["kind"] != have["kind"]:
                break
            run.append(index)
            if len(run) > 1 and sum(expected[i]["words"] for i in run) == have["words"]:
                return run
    return []


def pasted(args: argparse.Namespace, truth: dict[str, Any], files: list[Path]) -> int:
    """Each report copied as text (pdftotext plain, -layout, -raw, and -raw without page breaks as a PDF viewer
    copies it) and read by the text reader: the same truth, each fact right, left empty (or two areas left
    in one) with a note saying so, or wrong."""
    bad = False
    for variant in args.pasted:
        totals: Counter[str] = Counter()
        exact = honest = 0
        lines = []
        slow: list[float] = []
        for path in files:
            expected = truth.get(hashlib.sha256(path.read_bytes()).hexdigest())
            if expected is None:
                continue
            got = run_one(path, args.timeout, pdftotext(path, variant))
            slow.append(float(got.get("seconds", 0)))
            verdict = judge(expected, got)
            totals.update(verdict)
            wrong = sorted(key for key, count in verdict.items() if count and key.endswith(("wrong", "refused",
                                                                                              "failed")))
            exact += not wrong and not any(count and key.endswith("said") for key, count in verdict.items())
            honest += not wrong
            if wrong:
                differences, _ = compare(expected, got)
                lines.append(f"\n{expected['name']} ({variant}): " + "\n  ".join(differences))
        checked = len(slow)
        print(f"{variant} ({' '.join(['pdftotext', *VARIANTS[variant]])}): {checked} reports")
        print(f"  exact: {exact}; nothing wrong (exact, or a fact left to type in with a note saying so): "
              f"{honest} of {checked}")
        expected_areas = sum(len(truth[key]["areas"]) for key in truth)
        print(f"  areas word for word: {totals['area word for word']} of {expected_areas}; held two to an area "
              f"where a note says it may be two: {totals['area merged, said']}; wrong: {totals['area wrong']}; "
              f"area counts right: {totals['area counts right']} of {checked}")
        for name in ("body", *FIELDS):
            print(f"  {name}: {totals[f'{name} right']} right, {totals[f'{name} said']} left to type in (said), "
                  f"{totals[f'{name} wrong']} wrong")
        print(f"  refused: {totals['refused']}; failed: {totals['failed']}; slowest {max(slow, default=0):.2f} s")
        if args.verbose:
            print("".join(lines))
        bad = bad or honest < checked
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path, help="folder searched (recursively) for report PDFs")
    parser.add_argument("--timeout", type=float, default=60, help="seconds allowed per report (default 60)")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds a report may take (default 2)")
    parser.add_argument("--json", type=Path, help="also write every report's outcome to this JSON file")
    parser.add_argument("--make-truth", type=Path, metavar="TEXTS", help="write the truth file from truth texts")
    parser.add_argument("--pasted", nargs="*", choices=sorted(VARIANTS), metavar="VARIANT",
                        help="read each report as pasted text instead (pdftotext copies: plain, layout, raw, and "
                             "viewer, which is raw without page breaks; all four when none is named)")
    parser.add_argument("--verbose", action="store_true", help="with --pasted, what differs in each report")
    args = parser.parse_args(argv)
    if args.make_truth:
        return make_truth(args.make_truth, args.folder)
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    files = sorted(args.folder.rglob("*.pdf"))
    if args.pasted is not None:
        args.pasted = args.pasted or list(VARIANTS)
        return pasted(args, truth, files)
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
