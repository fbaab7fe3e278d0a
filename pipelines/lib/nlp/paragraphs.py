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
# A credit or a link glued to the story when the page lost its line breaks: the whole paragraph would be dropped
# as boilerplate with the story in it ("... the watchdog group said.The Associated Press contributed to this
# report.", "Read more We have misunderstood ...", "Foreign warnings - Fox News :Syrian President Bashar al-Assad
# has warned ..."). Such a paragraph is split where the credit or link ends or begins; a gallery of captions
# ("Photos: ... Hide Caption 1 of 19 Photos: ...") stays whole.
_GLUED_CREDIT = re.compile(r"(?<=[.!?\"\u201d])\s*(?=(?:The )?[A-Z][^.!?]{0,80}\bcontributed to this report\.?$)")
_GLUED_LINK = re.compile(r"^(?:Read more\b\s*|[^:\s][^:]{0,40}:)(?=[A-Z'\"\u2018\u201c])")
_GALLERY = re.compile(r"hide caption|^(photos?|images?|video|watch|listen):", re.IGNORECASE)
_STORY_WORDS = 40  # a paragraph this long is a story's, whatever precedes or follows it


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
        yield from _unglued(start + lead, body)


def _unglued(start: int, body: str) -> Iterator[tuple[int, str]]:
    """The paragraph, or its credit or link and its story as two paragraphs when they are glued together."""
    if len(body.split()) >= _STORY_WORDS:
        link = _GLUED_LINK.match(body)
        if link and not _GALLERY.search(body):
            label = body[: link.end()].rstrip()
            story = body[link.end() :]
            yield start, label
            yield start + link.end(), story
            return
        credit = _GLUED_CREDIT.search(body)
        if credit:
            yield start, body[: credit.start()].rstrip()
            yield start + credit.end(), body[credit.end() :]
            return
    yield start, body


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
    if len(words) < _STORY_WORDS and paragraph.rstrip().endswith("Read more"):
        return True  # the Guardian's link to another story: "Iran dismisses Trump's late-night Twitter rant Read more"
    return bool(_CREDIT.search(paragraph.strip()) or _CAPTION_OR_LINK.search(paragraph.strip()))
