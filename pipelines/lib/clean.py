"""Turn documents into articles (clean text + metadata), or into rejects with a reason.

HTML goes through trafilatura; article records with `text` pass through; plain-text files give their first line
as the title. Every text is normalised the same way: paragraphs separated by one blank line, hard-wrapped lines
(as in Reuters wire copy) joined, runs of spaces collapsed. Offsets computed later index this text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import trafilatura

from .encoding import looks_like_html
from .raw.document import Document

EXTRACTOR_VERSION = f"trafilatura-{trafilatura.__version__}"
MIN_WORDS = 1
MIN_PAGE_WORDS = 10  # a web page whose main text is shorter is a login form, an error page, a gallery: no article
MAX_TEXT_CHARS = 1_000_000  # spaCy's default max_length; longer "articles" are dumps, not news
SHORT_TEXT_WORDS = 50


@dataclass
class Article:
    article_id: str
    document_id: str
    url: str | None
    title: str | None
    authors: str | None
    source: str | None
    source_domain: str | None
    published_at: datetime | None
    language: str | None
    text: str
    word_count: int
    text_hash: str
    extractor: str
    quality_flags: list[str] = field(default_factory=list)
    extra: str | None = None  # unknown record fields, as JSON


@dataclass(frozen=True)
class Reject:
    document_id: str
    source: str
    line_number: int | None
    reason: str
    detail: str


def clean_document(doc: Document) -> Article | Reject:
    """One document in, one article or one reject out. Never raises for bad input."""
    if doc.read_error:
        return _reject(doc, doc.read_error, doc.read_detail or "")
    if doc.byte_size == 0:
        return _reject(doc, "empty_file", "the file is empty")
    try:
        if doc.format in ("record", "warc"):  # a WARC response record is read as an article record
            return _from_record(doc)
        if doc.format == "html":
            return _from_html(doc, doc.content or "", url=None, meta={})
        if doc.format == "text":
            return _from_text_file(doc)
        return _reject(doc, "unsupported_format", f"format {doc.format!r}")
    except Exception as err:  # a bug or a pathological input must not stop the other documents
        return _reject(doc, "cleaning_error", f"{type(err).__name__}: {err}")


def _reject(doc: Document, reason: str, detail: str) -> Reject:
    where = f"line {doc.line_number}: " if doc.line_number else ""
    return Reject(doc.document_id, doc.source, doc.line_number, reason, f"{where}{detail}"[:2000])


# --- the three input shapes -------------------------------------------------------------------------------------


def _from_record(doc: Document) -> Article | Reject:
    try:
        record = json.loads(doc.content or "")
    except json.JSONDecodeError as err:
        return _reject(doc, "malformed_json", f"{err.msg} at column {err.colno}")
    if not isinstance(record, dict):
        return _reject(doc, "malformed_json", f"expected a JSON object, got {type(record).__name__}")
    known = {"url", "title", "published_at", "authors", "source", "text", "html"}
    extra = {k: v for k, v in record.items() if k not in known}
    meta = {
        "title": _verbatim(record.get("title")),
        "authors": _authors(record.get("authors")),
        "source": _as_text(record.get("source")),
        "published_at": record.get("published_at"),
        "extra": json.dumps(extra, ensure_ascii=False, default=str) if extra else None,
    }
    url = _as_text(record.get("url"))
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return _article(doc, normalize_text(text), url=url, meta=meta, extractor="record")
    if isinstance(html, str) and html.strip():
        return _from_html(doc, html, url=url, meta=meta)
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        return _reject(doc, "bad_field_type", "`text` and `html` must be strings")
    if "text" in record or "html" in record:
        return _reject(doc, "empty_text", "the record's text/html is empty")
    return _reject(doc, "missing_text", "the record has neither `text` nor `html`")


def _from_html(doc: Document, html: str, url: str | None, meta: dict) -> Article | Reject:
    if not looks_like_html(html):
        return _reject(doc, "not_html", "content does not look like HTML")
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if extracted is None or not (extracted.text or "").strip():
        return _reject(doc, "empty_text", "trafilatura found no article text")
    if len(extracted.text.split()) < MIN_PAGE_WORDS:
        return _reject(
            doc,
            "no_article",
            f"the page's main text has {len(extracted.text.split())} words "
            f"(fewer than {MIN_PAGE_WORDS}): {extracted.text[:80]!r}",
        )
    merged = {
        "title": meta.get("title") or extracted.title,
        "authors": meta.get("authors") or extracted.author,
        "source": meta.get("source") or extracted.sitename,
        "published_at": meta.get("published_at") or extracted.date,
        "extra": meta.get("extra"),
    }
    return _article(
        doc,
        normalize_text(extracted.text, unwrap=False),
        url=url or extracted.url,
        meta=merged,
        extractor=EXTRACTOR_VERSION,
    )


def _from_text_file(doc: Document) -> Article | Reject:
    content = (doc.content or "").strip()
    if not content:
        return _reject(doc, "empty_text", "the file holds only white space")
    title, _, body = content.partition("\n")
    if not body.strip():
        title, body = None, title
    return _article(doc, normalize_text(body), url=None, meta={"title": title and title.strip()}, extractor="text")


def _article(doc: Document, text: str, url: str | None, meta: dict, extractor: str) -> Article | Reject:
    words = len(text.split())
    if words < MIN_WORDS:
        return _reject(doc, "empty_text", "no words after cleaning")
    if len(text) > MAX_TEXT_CHARS:
        return _reject(doc, "too_large", f"clean text has {len(text)} characters (limit {MAX_TEXT_CHARS})")
    flags = []
    published_at, date_flag = parse_date(meta.get("published_at"))
    if date_flag:
        flags.append(date_flag)
    language = guess_language(text)
    if language is None:
        flags.append("unknown_language")
    if words < SHORT_TEXT_WORDS:
        flags.append("short_text")
    url = url.strip() if url else None
    text_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        article_id=article_id(url, text_hash),
        document_id=doc.document_id,
        url=url,
        title=meta.get("title"),
        authors=meta.get("authors"),
        source=meta.get("source"),
        source_domain=domain_of(url),
        published_at=published_at,
        language=language,
        text=text,
        word_count=words,
        text_hash=text_hash,
        extractor=extractor,
        quality_flags=flags,
        extra=meta.get("extra"),
    )


# --- small pure helpers -----------------------------------------------------------------------------------------


def article_id(url: str | None, text_hash: str) -> str:
    """The URL identifies an article when present; otherwise its cleaned text does."""
    key = f"url:{url}" if url else f"text:{text_hash}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _verbatim(value) -> str | None:
    """Titles land exactly as given (scorers and users find articles by them); only blank ones become null."""
    if isinstance(value, str):
        return value if value.strip() else None
    return _as_text(value)


def _authors(value) -> str | None:
    if isinstance(value, list):
        names = [a.strip() for a in value if isinstance(a, str) and a.strip()]
        return ", ".join(names) or None
    return _as_text(value)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_date(value) -> tuple[datetime | None, str | None]:
    """ISO 8601 date or datetime -> (naive UTC datetime, flag). Unparseable, future and pre-1900 dates are flagged."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        return None, "bad_date"
    raw = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(raw[:10]), datetime.min.time())
        except ValueError:
            return None, "bad_date"
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    if parsed.year < 1900:
        return parsed, "date_before_1900"
    if parsed > datetime.now().replace(microsecond=0) and parsed.date() > date.today():
        return parsed, "date_in_future"
    return parsed, None


_ENGLISH = set(
    """the of and to a in is that for it as was with be by on not he i this are or his from at which but
have an they you were her she there their one all we can has been if more when will would who so no its said had
also than about after into over says""".split()
)


def guess_language(text: str) -> str | None:
    """'en' when common English function words make up a good share of the words, else None (unknown)."""
    words = re.findall(r"[a-z]+", text[:5000].lower())
    if len(words) < 5:
        return None
    share = sum(w in _ENGLISH for w in words) / len(words)
    return "en" if share >= 0.2 else None


_BLANK = re.compile(r"\n[ \t]*\n")
_INDENTED = re.compile(r"\n(?=[ \t]{2,}\S)")
_SPACES = re.compile(r"[ \t\u00a0]+")


# The Hill's link cards: after a name in the text, the person's full name glued to the titles of related stories,
# closed by "MORE" ("President Trump Donald John TrumpGOP senators balk at ... MORE has shifted"); the card goes,
# the name as written stays
_LINK_CARD = re.compile(
    r"\b(?P<last>[A-Z][\w'\u2019-]+) (?:[A-Z][\w.'\u2019-]* (?:\([A-Z][\w.'\u2019-]*\) )?){0,4}(?P=last)"
    r"(?=[A-Z0-9'\u2018\u201c\"])[^\n]{0,600}? MORE\b"
)


# a sentence glued to the one before it by a lost space ("program.Despite", 'remain."What'): sentence splitting,
# and so quotes and claims, need the space back
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z][.!?][\"\u201d])(?=[A-Z])")


def drop_link_cards(text: str) -> str:
    return _LINK_CARD.sub(lambda m: m.group("last"), text)


def repair_text(text: str) -> str:
    """What the normalisation changes inside a paragraph: link cards out, lost spaces between sentences back."""
    return _GLUED_SENTENCE.sub(" ", drop_link_cards(text))


def normalize_text(text: str, unwrap: bool = True) -> str:
    """Paragraphs separated by one blank line; hard-wrapped lines joined (when `unwrap`); spaces collapsed.

    trafilatura puts one paragraph on each line, so its output is never unwrapped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in _BLANK.split(text):
        for para in _INDENTED.split(block):  # wire copy starts paragraphs with an indent
            lines = [_SPACES.sub(" ", ln).strip() for ln in para.split("\n")]
            lines = [ln for ln in lines if ln]
            if not lines:
                continue
            if unwrap and _hard_wrapped(lines):
                paragraphs.append(" ".join(lines))
            else:
                paragraphs.extend(lines)
    return repair_text("\n\n".join(paragraphs))


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of a similar, bounded width that mostly stop mid-sentence were wrapped by a typewriter, not a writer."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if max(len(ln) for ln in body) > 100:
        return False
    open_ended = sum(not ln.endswith((".", "!", "?", ":", '"', "\u201d")) for ln in body)
    return open_ended / len(body) >= 0.5
