"""When a stance holds: the date a sentence gives its clause, resolved against the article's publication date.

Only dates that modify the clause count: "in 2015", "on May 8, 2018", "three years ago", "last May", "yesterday",
"on Tuesday" (the latest Tuesday up to publication, as news writes it).
A year inside a noun phrase names a thing, not a time ("the 2015 deal", "the 2003 invasion"), and does not date the
stance. Relative dates resolve against published_at; a date after publication (plans, deadlines) does not date a
position either. Past markers without a date ("previously", "once" as an adverb, "back then") make the stance
background (no date); "once" as a conjunction ("once Iran meets its obligations") is not one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 3,
    "couple": 2,
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
PAST_MARKERS = {"previously", "formerly", "once", "earlier"}
TEMPORAL_PREPS = {"in", "on", "since", "during", "until", "by", "from", "as", "at", "of"}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGO = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple)\s+(?:of\s+)?"
    r"(year|month|week|day)s?\s+ago\b",
    re.I,
)
_LAST = re.compile(r"\b(last|this past)\s+(year|month|week)\b", re.I)
_MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:\s+(\d{1,2})(?!\d))?(?:,?\s+(1[89]\d\d|20\d\d))?\b",
    re.I,
)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def stance_date(sent: Span, published: date | None, cue: Token | None = None) -> tuple[date | None, bool]:
    """(held_at, is_background) of a position the sentence states through `cue` (the word that governs holder and
    target): only a date of the cue's own clause or of a clause above it counts ("Trump withdrew from the deal
    agreed in 2015" is not dated 2015)."""
    # how far up from the cue each clause is: the nearest clause's date wins
    above = {t.i: n for n, t in enumerate([cue, *cue.ancestors])} if cue is not None else None
    found = []
    for ent in sent.ents:
        governor = _governor(ent) if ent.label_ == "DATE" else None
        if governor is None or (above is not None and governor.i not in above):
            continue
        if (
            (_MONTH.search(ent.text) or _WEEKDAY.search(ent.text))
            and not _YEAR.search(ent.text)
            and not _LAST.search(ent.text)
            and governor.tag_ not in {"VBD", "VBN"}
        ):
            continue  # "from November", "in May", "meet Tuesday" with a present or future verb: not a past date
        when = resolve(ent.text, published)
        if when is not None and (published is None or when <= published):
            found.append((above[governor.i] if above is not None else 0, ent.start, when))
    if found:
        return min(found)[2], False
    if any(t.lower_ in PAST_MARKERS and t.dep_ != "mark" for t in sent) or any(
        t.lower_ == "back" and t.i + 1 < sent.end and t.nbor().lower_ == "then" for t in sent
    ):
        return None, True
    return published, False


def resolve(text: str, published: date | None) -> date | None:
    """A date for a DATE entity's text: absolute (a year, a month and year) or relative to `published`."""
    low = text.lower()
    if published is not None:
        if m := _AGO.search(low):
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
            unit = m.group(2)
            if unit == "year":
                return _safe(published.year - n, published.month, published.day)
            if unit == "month":
                months = published.year * 12 + published.month - 1 - n
                return _safe(months // 12, months % 12 + 1, 1)
            return published - timedelta(days=n * (7 if unit == "week" else 1))
        if m := _LAST.search(low):
            unit = m.group(2)
            if unit == "year":
                return date(published.year - 1, 1, 1)
            if unit == "month":
                months = published.year * 12 + published.month - 2
                return date(months // 12, months % 12 + 1, 1)
            return published - timedelta(days=7)
        if "yesterday" in low:
            return published - timedelta(days=1)
    if m := _MONTH.search(low):
        month, day = MONTHS[m.group(1)], int(m.group(2) or 1)
        if m.group(3):
            return _safe(int(m.group(3)), month, day)
        if published is not None:  # "in May", "on May 8": the latest such day not after publication
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
            return _safe(year, month, day)
        return None
    if (m := _WEEKDAY.search(low)) and published is not None and not _YEAR.search(low):
        return published - timedelta(days=(published.weekday() - WEEKDAYS[m.group(1)]) % 7)
    if m := _YEAR.search(low):
        return date(int(m.group(1)), 1, 1)
    return None


def _governor(ent: Span) -> Token | None:
    """The verb a date is a time adverbial of ("in 2015", "three years ago", "last May"), or None when the date
    is part of a noun phrase ("the 2015 deal", "the deal of 2015")."""
    root: Token = ent.root
    governor = None
    if root.dep_ in {"npadvmod", "tmod", "advmod"}:
        governor = root.head
    elif root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.lower_ in TEMPORAL_PREPS:
        governor = root.head.head
        if governor.pos_ == "ADV" and governor.dep_ == "advmod":  # "back in 2020", "earlier in May"
            governor = governor.head
    return governor if governor is not None and governor.pos_ in {"VERB", "AUX"} else None


def _safe(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February, "May 32"
        return date(year, month, 28)
