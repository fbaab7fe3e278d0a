"""Paragraph splitting with character offsets: the parser does not treat blank lines as sentence breaks."""
from __future__ import annotations

import re
from typing import Iterator

_BREAK = re.compile(r"\n\s*\n|\n")


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
