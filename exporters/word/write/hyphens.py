"""Where a word too wide for its column may take a soft hyphen, by simple rules of English syllables.

Breaks are ranked: first at a hard hyphen, after a known prefix ("under-", "neuro-"), between the
parts of a known compound ("work-stream", "frame-work") or before a known ending ("-ment", "-tion",
"-ship"); then inside a run of consonants, so that the second part starts the way an English
syllable can ("recon-stitute", "com-plaints", "pro-gramme"); then before a single consonant between
vowels ("commu-nity"); only then anywhere. Every piece keeps at least three letters, so "complain-ts"
and "differen-ce" never happen, and abbreviations ("SENDCos") are never broken. No dictionary: a
few rules that read naturally for the words of action plans, checked by tests against a list of
words and their expected breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 3
_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")
_PREFIXES = ("counter", "under", "inter", "intra", "multi", "neuro", "physio", "psycho", "over", "super", "self",
             "semi", "non")
_PARTS = ("stream", "board", "work", "force", "stone", "hood", "place", "time", "scale", "line", "wide", "book",
          "care", "side", "where", "ward", "point", "holder", "owner", "teacher", "school", "health", "group",
          "based", "come", "reach", "load", "house", "room", "light", "paper")
_PART_ENDINGS = ("", "s", "'s", "\u2019s", "ing", "ed", "er", "ers")
# Endings a line may break before, longest first where one ends another.
_SUFFIXES = ("isations", "isation", "mentally", "mental", "ments", "ment", "nesses", "ness", "ships", "ship",
             "hoods", "hood", "tional", "sional", "tions", "tion", "sions", "sion", "ities", "ity", "ably", "able",
             "ibly", "ible", "ically", "ical", "ally", "fully", "ful", "less", "ising", "ised", "ises", "ise",
             "izing", "ized", "ative", "atives", "ive", "ives", "ary", "ory", "ings", "ing", "ance", "ances",
             "ence", "ences")
# Consonant groups a syllable may begin with ("th" as in "then").
_ONSETS = frozenset(("str", "spr", "scr", "spl", "thr", "chr", "shr", "phr", "squ", "bl", "br", "cl", "cr", "dr",
                     "fl", "fr", "gl", "gr", "pl", "pr", "tr", "tw", "wr", "th", "ch", "sh", "ph", "wh", "qu", "sp",
                     "st", "sk", "sc", "sm", "sn", "sl", "sw"))
_CLOSE = frozenset(("bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr"))  # "pro-gramme"
_DIGRAPHS = frozenset(("th", "ch", "sh", "ph", "wh", "gh", "ck", "qu", "ng"))


def _core(word: str) -> tuple[int, str]:
    """The letters of ``word`` without leading/trailing punctuation or a possessive: (offset, core)."""
    start, end = 0, len(word)
    while start < end and not word[start].isalpha():
        start += 1
    for tail in ("'s", "\u2019s"):
        if word[start:end].lower().endswith(tail):
            end -= len(tail)
    while end > start and not word[end - 1].isalpha():
        end -= 1
    return start, word[start:end]


def _is_vowel(lower: str, i: int) -> bool:
    """'y' is a vowel unless it starts the word or comes before a vowel ("yes", "lawyer")."""
    char = lower[i]
    if char != "y":
        return char in _VOWELS
    return i > 0 and not (i + 1 < len(lower) and lower[i + 1] in "aeiou")


def _morpheme_breaks(lower: str) -> list[int]:
    """After a known prefix, between the parts of a compound, before a known ending."""
    points = [len(p) for p in _PREFIXES if lower.startswith(p)]
    for part in _PARTS:
        for ending in _PART_ENDINGS:
            tail = part + ending
            if lower.endswith(tail) and len(lower) > len(tail):
                points.append(len(lower) - len(tail))
    for suffix in _SUFFIXES:
        if lower.endswith(suffix):
            at = len(lower) - len(suffix)
            if suffix[0] in "ae" and suffix[:3] in ("anc", "enc") and at > 0 and lower[at - 1] in "cg":
                at -= 1  # "intelli-gence", "evi-dence" keeps its soft consonant with the ending
            elif at >= 2 and lower[at - 1] == lower[at - 2] and not _is_vowel(lower, at - 1) and suffix in (
                    "ing", "ings"):
                at -= 1  # "plan-ning"
            points.append(at)
            break
    return points


def _cluster_breaks(lower: str) -> tuple[list[int], list[int]]:
    """Breaks inside runs of consonants between vowels (the second part starting with the longest
    group a syllable may begin with), and before a single consonant between vowels."""
    clusters, singles = [], []
    vowel = [_is_vowel(lower, i) for i in range(len(lower))]
    i = 0
    while i < len(lower):
        if vowel[i] or not lower[i].isalpha():
            i += 1
            continue
        start = i
        while i < len(lower) and lower[i].isalpha() and not vowel[i]:
            i += 1
        if start == 0 or i >= len(lower) or not vowel[start - 1] or not vowel[i]:
            continue
        run = lower[start:i]
        if len(run) == 1:
            singles.append(i if run in "xy" else start)  # "ex-ample", "employ-ers", "commu-nity"
        elif len(run) == 2 and run in _DIGRAPHS:
            clusters.append(i)  # "teach-er", "moth-er"
        elif len(run) == 2:
            clusters.append(start if run in _CLOSE else start + 1)  # "pro-gramme", "sis-ter", "com-mission"
        else:
            onset = next((k for k in (3, 2) if k < len(run) and run[-k:] in _ONSETS), 1)
            at = i - onset
            if lower[at - 1:at + 1] in _DIGRAPHS:
                at += 1
            clusters.append(at)
    return clusters, singles


def break_points(word: str) -> list[list[int]]:
    """Where ``word`` may take a hyphen, best group first; each point leaves three letters or more
    on either side. Hard hyphens are not included (a line may already end there)."""
    offset, core = _core(word)
    if any(char.isdigit() for char in core):
        return [[], [], [], []]
    found: list[set[int]] = [set(), set(), set(), set()]
    for run in _LETTERS.finditer(core):  # "parents/carers": each run of letters on its own
        lower = run.group().lower()
        if len(lower) < 2 * MIN_LETTERS or sum(char.isupper() for char in run.group()) > 1:
            continue  # too short, or an abbreviation ("SENDCos", "NHSEngland")
        clusters, singles = _cluster_breaks(lower)
        groups = [_morpheme_breaks(lower), clusters, singles, list(range(len(lower)))]
        for points, group in zip(found, groups, strict=True):
            points.update(p + offset + run.start() for p in group if MIN_LETTERS <= p <= len(lower) - MIN_LETTERS)
    return [sorted(points) for points in found]


def soft_hyphens(word: str, fits: Callable[[str], bool]) -> str:
    """``word`` with soft hyphens so that each piece a line may end after fits (``fits`` is given a
    piece with its printed hyphen). Each part of a hyphenated word is broken on its own; in each
    part the latest break in the best group that fits is taken, then the rest is broken again."""
    parts = word.split("-")
    return "-".join(_soft_hyphens_part(part, fits, last=i == len(parts) - 1) for i, part in enumerate(parts))


def _soft_hyphens_part(part: str, fits: Callable[[str], bool], last: bool) -> str:
    result, rest = "", part
    while not fits(rest if last else rest + "-"):
        cut = 0
        for points in break_points(rest):
            fitting = [i for i in points if fits(rest[:i] + "-")]
            if fitting:
                cut = max(fitting)
                break
        if not cut:
            break
        result += rest[:cut] + SOFT_HYPHEN
        rest = rest[cut:]
    return result + rest
