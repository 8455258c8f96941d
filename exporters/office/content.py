"""Where a column's title says nothing useful, its cells decide: ratings (words, letters, fills), dates,
references, owners' short names, dated updates. Also shared by Word and Excel: the rating a fill colour
shows, and the dated parts of one cell holding several reviews' updates ("Dec 25 – … / Sep 25 – …").
"""

from __future__ import annotations

import colorsys
import re

from sendplan.exporters.office.columns import KEPT_AS_TEXT, normalise_title, review_like

from sendplan.colours import rgb
from sendplan.dates import NON_DATES, DateParseError, parse_due

RATING_WORDS = {"r": "red", "a": "amber", "g": "green", "b": "blue", "c": "blue", "red": "red", "amber": "amber",
                "green": "green", "blue": "blue", "complete": "blue", "completed": "blue", "done": "blue",
                "achieved": "blue", "on track": "green", "off track": "red", "at risk": "amber",
                "not started": "not_started", "ns": "not_started", "amber/green": "amber", "red/amber": "red",
                "a/g": "amber", "r/a": "red", "g/b": "green", "yellow": "amber"}
_SHARE = 0.6
_QUICK = re.compile(r"\d\s*(?:update\s*)?[:\-–—]\s", re.IGNORECASE)  # what every dated label ends with
_HUE_BANDS = ((15, "red"), (70, "amber"), (170, "green"), (260, "blue"), (330, ""), (361, "red"))
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_TERMS = re.compile(r"^(?:(?:autumn|spring|summer)(?: term)?|end of|by|q[1-4]|quarter [1-4])\b.*\d{2}", re.I)
# Words that name a role, team or body (an owner), people's names and initials ("Jo Patel", "DCO", "JP/AK").
_ROLE_WORDS = re.compile(
    r"\b(?:officers?|managers?|leads?|heads?|director|directors|assistant|deputy|chief|team|teams|services?|"
    r"co-?ordinators?|board|council|partnership|partners|forum|panel|group|trust|schools?|nurse|nursing|"
    r"clinician|clinical|commissioners?|commissioning|advisers?|advisors?|psychologists?|therapists?|analysts?|"
    r"specialists?|practitioners?|consultants?|principal|senior|executive|chair|members?|workers?|sencos?|"
    r"icb|ccg|nhs|dco|dmo|sro|la|pcf|send|sendiass|cyp|camhs|hub|unit|department|directorate|authority|"
    r"providers?|colleges?|settings?|staff|champion|governors?|portfolio|cabinet|all|everyone|owner)\b",
    re.IGNORECASE)
_PERSON = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms|Miss)\.?\s)?[A-Z][a-z'’\-]+(?:\s[A-Z][a-z'’\-]+){1,2}")
_INITIALS = re.compile(r"[A-Z][A-Za-z]{0,1}[A-Z]{1,5}")
_OWNERS_SPLIT = re.compile(r"\s*(?:[/,;&+]|\band\b|\bwith\b)\s*")
_REF = re.compile(r"^\(?[A-Za-z]{0,3}\d+(?:[.\-]\d+)*\s?(?:\(?[a-z]{1,2}\)?)?\)?$")
_LABEL_TEXT = (rf"(?:{_MONTH}\.?\s*'?\d{{2,4}}|q[1-4]\s*\d{{4}}(?:/\d{{2,4}})?|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})")
_BARE_LABELS = re.compile(rf"^{_LABEL_TEXT}(?:\s*[/&,]\s*{_LABEL_TEXT})*$", re.IGNORECASE)
# A dated label opening a part of a cell: "Dec 25 –", "Sep 2025:", "12/03/24 -", "Q2 2025/26:".
DATED_PART = re.compile(rf"(?:^|(?<=[\n/;.!?])\s*)(?P<label>(?:{_MONTH}\.?\s*'?\d{{2,4}}"
                        r"|q[1-4]\s*\d{4}(?:/\d{2,4})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}))\s*(?:update\s*)?[:\-–—]\s+",
                        re.IGNORECASE)


def rating_of(text: str) -> str:
    """The rating a cell's words or letters give ("G", "Amber", "A/G", "On track" …), "" if none."""
    if len(text) > 40:
        return ""  # a rating is a word or two, never a sentence
    word = " ".join(text.lower().split()).strip(" .")
    if word in RATING_WORDS:
        return RATING_WORDS[word]
    first = re.split(r"[/\s\-–]", word)[0]
    return RATING_WORDS.get(first, "") if first in ("red", "amber", "green", "blue", "complete", "completed") else ""


def fill_rating(fill: str) -> str:
    """The rating a cell's fill colour shows, told by its hue as a person would name it: red, amber
    (orange to yellow, 15–70°), green (olive to teal, 70–170°) or a strong blue; "" for white, grey, black,
    purple or pale blue. Excel's pale conditional-formatting fills (light red, yellow, green) count."""
    hue, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in rgb(fill)))
    if saturation < 0.12 or value < 0.3:
        return ""
    key = next(key for limit, key in _HUE_BANDS if hue * 360 < limit)
    return "" if key == "blue" and saturation < 0.35 else key  # pale blue is a banded row's shading, not "complete"


def date_like(text: str) -> bool:
    """A deadline as written: a date, a month, a term or quarter with its year, or a known non-date."""
    flat = " ".join(text.split())
    if not flat or len(flat) > 40:
        return False
    if flat.lower() in NON_DATES or _TERMS.match(flat):
        return True
    try:
        return parse_due(flat).is_date
    except DateParseError:
        return False


def owner_like(text: str) -> bool:
    """A person, team, role or organisation ("Head of Inclusion", "SEND Team", "Jo Patel", "ICB / LA"): a few
    words naming someone, never a short phrase of what happened ("Strategy drafted", "Map complete")."""
    flat = " ".join(text.split())
    if not (0 < len(flat) <= 60 and len(flat.split()) <= 7 and not flat.endswith(".") and not rating_of(flat)
            and not date_like(flat) and not _REF.match(flat) and flat[:1].isupper()):
        return False
    return all(_ROLE_WORDS.search(part) or _PERSON.fullmatch(part) or _INITIALS.fullmatch(part)
               for part in _OWNERS_SPLIT.split(flat) if part.strip())


def dated_parts(text: str) -> list[tuple[str, str]]:
    """A cell's updates by the review each is labelled with, in the order written:
    "Dec 25 – Panel met. / Sep 25 – Panel agreed." → [("Dec 25", "Panel met."), ("Sep 25", "Panel agreed.")].
    [("", text)] when the cell is not split by dated labels (text before the first label keeps "")."""
    if not _QUICK.search(text):
        return [("", text)]
    matches = list(DATED_PART.finditer(text))
    if not matches:
        return [("", text)]
    parts = []
    head = text[:matches[0].start()].strip(" \n/;")
    joined = ""
    if head and _BARE_LABELS.match(head):  # "Jan 24 / Mar 24: …": both labels head the one update
        joined, head = f"{head} / ", ""
    if head:
        parts.append(("", head))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        body = text[match.end():end].strip(" \n;")
        body = body[:-1].rstrip() if body.endswith("/") else body
        parts.append((joined + " ".join(match["label"].split()), body))
        joined = ""
    return parts


def guess_role(title: str, key: str, cells: list[str], fills: list[str], taken: set[str]) -> tuple[str, str, str]:
    """What a column holds when its title does not say (``key`` "") or says progress while the cells are
    ratings: (key, review label, why) — ("", "", "") when the cells do not decide either.

    ``cells`` are the column's texts and ``fills`` its fill colours, row by row (some may be empty);
    ``taken`` the keys other columns already have (a second owner or deadline is not guessed)."""
    texts = [" ".join(c.split()) for c in cells[:100] if c and c.strip()]
    fills = fills[:100]
    if re.search(r"\b(previous|last|prior|earlier|before)\b", title, re.IGNORECASE):
        return "", "", ""  # "RAG at previous review": no review can be named for it, so it stays as text
    if normalise_title(title) in KEPT_AS_TEXT:
        return "", "", ""  # "Milestones": the title says what it holds, whatever the cells look like
    label = " ".join(title.split()) if review_like(title) else ""
    coloured = [f for f in fills if f and fill_rating(f)]
    rated = sum(bool(rating_of(t)) for t in texts)
    rows = max(len(texts), len([f for f in fills if f]))
    if rows >= 2 and (rated >= _SHARE * max(1, len(texts)) and texts or len(coloured) >= _SHARE * rows):
        if key in ("", "progress"):
            how = "ratings (R, A, G…)" if rated else "only fill colours in rating colours"
            return "rag", label, f"its cells hold {how}"
    if key or len(texts) < 2:
        return "", "", ""
    share = _SHARE * len(texts)
    if sum(date_like(t) for t in texts) >= share + 0.1 * len(texts) and "due" not in taken:
        return "due", "", "its cells hold dates"
    if sum(bool(_REF.match(t)) for t in texts) >= 0.8 * len(texts) and "action_no" not in taken:
        return "action_no", "", "its cells hold references such as 1.1"
    if sum(len(dated_parts(t)) > 1 or dated_parts(t)[0][0] != "" for t in texts) >= 0.5 * len(texts):
        return "progress", label, "its cells hold dated updates"
    if sum(owner_like(t) for t in texts) >= share + 0.1 * len(texts) and "owner" not in taken:
        return "owner", "", "its cells hold short names of people or teams"
    if label and sum(len(t) for t in texts) / len(texts) > 25:
        return "progress", label, "it is named after a review and holds text"
    return "", "", ""
