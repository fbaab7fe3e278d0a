"""Paragraph splitting with character offsets: the parser does not treat blank lines as sentence breaks."""

from __future__ import annotations

import re
from collections.abc import Iterator

_BREAK = re.compile(r"\n\s*\n|\n")
_CREDIT = re.compile(
    r"contributed to this report|^\s*(click here|read more|related:|see also:|follow (us|him|her)|sign up|subscribe|"
    r"photo:|image:|video:|watch:|listen:|advertisement|hide caption|photos:)|getty images|ap photo|\(photo|"
    r"/reuters\)?$|just watched|must watch|replay more videos|monitor stories|all rights reserved|"
    r"^in this\b[^.]{0,40}\b(photo|image|picture)\b|\bvia ap\)$",
    re.IGNORECASE,
)
# USA Today's video captions ("CLOSE President Obama touted ...") and inline links ("Opinion:Attack on U.S. Embassy
# in Iraq shows Trump is failing": a label, a colon and no space; not a ticker, "UK:BRNX19")
_CAPTION_OR_LINK = re.compile(r"^CLOSE\b|^[^:\s][^:]{0,40}:(?=[A-Z'\"\u2018\u201c])(?![A-Z][A-Z0-9]{2})")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(start offset, paragraph text) for each non-empty paragraph; text[start:start+len(p)] == p."""
    pos = 0
    for match in _BREAK.finditer(text):
        yield from _stripped(text, pos, match.start())
        pos = match.end()
    yield from _stripped(text, pos, len(text))


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    body = chunk.strip()
    if body:
        yield start + lead, body


def is_boilerplate(paragraph: str) -> bool:
    """Headline links, photo captions and credits, video captions and contribution lines: not part of the
    story."""
    letters = [c for c in paragraph if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return True
    words = paragraph.split()
    if (
        4 <= len(words) <= 20
        and not paragraph.rstrip().endswith((".", '"', "\u201d", ":"))
        and sum(w[:1].isupper() for w in words) / len(words) > 0.7
    ):
        return True  # a Title Case line: a headline or a link to another story
    return bool(_CREDIT.search(paragraph.strip()) or _CAPTION_OR_LINK.search(paragraph.strip()))
