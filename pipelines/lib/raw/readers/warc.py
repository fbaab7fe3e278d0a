"""WARC files (`.warc`, `.warc.gz`) as a raw format: each HTML response record becomes a document.

Common Crawl News, web archives and `stancewatch fetch` (pipelines/lib/fetch/landing.py) all write WARC. A
response record with a 2xx status and an HTML content type (or no content type and a body that looks like HTML)
becomes one document whose content is an article record (the same JSON the `.jsonl` reader yields):

    {url: canonical URL, html, fetched_at: WARC-Date, final_url: WARC-Target-URI, requested_url, status,
     content_type, warc_record_id, published_at and source when the fetcher knew them from a feed or sources.yaml}

so cleaning treats it like any article record, and the canonical URL identifies the article. Request, metadata,
warcinfo and revisit records, non-2xx responses and non-HTML responses are skipped (they are counted; a file that
holds no HTML response at all becomes one reject, `no_html_records`). A gzip or deflate Content-Encoding is
undone strictly: a truncated or corrupt body is a reject `unreadable_gzip`, never its partial text. The line
number of a document is the 1-based position of its record in the file.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from ...encoding import BodyError, decode_html, inflate, looks_like_html
from ...urls import canonical_url, strip_userinfo
from ..document import Document, document_id, failed, sha256

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, source: str, size: int, max_bytes: int) -> Iterator[Document]:
    skipped: Counter = Counter()
    ordinal, yielded = 0, 0
    try:
        with open(path, "rb") as f:
            for record in ArchiveIterator(f, arc2warc=True):
                ordinal += 1
                doc, why = _document(record, source, ordinal, max_bytes)
                if doc is None:
                    skipped[why] += 1
                    continue
                yielded += 1
                yield doc
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as err:
        yield failed(
            source,
            "warc",
            size,
            "unreadable_warc",
            f"stopped after record {ordinal}: {type(err).__name__}: {str(err)[:300]}",
        )
        return
    if not yielded:
        detail = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items())) or "no records"
        yield failed(
            source,
            "warc",
            size,
            "no_html_records",
            f"{ordinal} records, none an HTML response: {detail}",
            sha256(f"{source}:{ordinal}".encode()),
        )


def _document(record, source: str, ordinal: int, max_bytes: int) -> tuple[Document | None, str]:
    if record.rec_type != "response":
        return None, f"{record.rec_type} record(s)"
    http = record.http_headers
    if http is None or not getattr(http, "statusline", None):
        return None, "response(s) without HTTP headers"
    status = (http.get_statuscode() or "").strip()
    if not status.startswith("2"):
        return None, "non-2xx response(s)"
    content_type = http.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return None, "non-HTML response(s)"
    url = strip_userinfo(record.rec_headers.get_header("WARC-Target-URI") or "")
    try:
        payload = _payload(record, http, max_bytes)
    except BodyError as err:
        code = "too_large" if err.code == "too_large" else "unreadable_gzip"
        return Document(
            document_id(source, ordinal, f"{code}:{ordinal}"),
            source,
            ordinal,
            "warc",
            None,
            None,
            0,
            code,
            f"record {ordinal} ({url}): {err.detail}"[:2000],
        ), ""
    except (OSError, EOFError, zlib.error, ValueError) as err:
        doc = Document(
            document_id(source, ordinal, f"unreadable:{ordinal}"),
            source,
            ordinal,
            "warc",
            None,
            None,
            0,
            "unreadable_record",
            f"record {ordinal} ({url}): {type(err).__name__}: {err}"[:2000],
        )
        return doc, ""
    digest = sha256(payload)
    if len(payload) > max_bytes:
        return Document(
            document_id(source, ordinal, digest),
            source,
            ordinal,
            "warc",
            None,
            digest,
            len(payload),
            "too_large",
            f"record {ordinal} ({url}) has more than {max_bytes} bytes",
        ), ""
    if not mime and not looks_like_html(payload):
        return None, "non-HTML response(s)"
    html = decode_html(payload, content_type)
    identity, cross_site = canonical_url(url, html) if url else (None, None)
    headers = record.rec_headers
    article = {
        "url": identity,
        "html": html,
        "fetched_at": headers.get_header("WARC-Date"),
        "final_url": url or None,
        "requested_url": strip_userinfo(headers.get_header("Stancewatch-Requested-URI") or url) or None,
        "status": int(status[:3]) if status[:3].isdigit() else None,
        "content_type": content_type or None,
        "warc_record_id": headers.get_header("WARC-Record-ID"),
    }
    if cross_site:
        article["canonical_link"] = cross_site
    for key, header in (
        ("published_at", "Stancewatch-Published-At"),
        ("source", "Stancewatch-Outlet"),
        ("fetch_source", "Stancewatch-Source"),
    ):
        value = headers.get_header(header)
        if value:
            article[key] = value
    content = json.dumps(article, ensure_ascii=False)
    return Document(document_id(source, ordinal, digest), source, ordinal, "warc", content, digest, len(payload)), ""


def _payload(record, http, max_bytes: int) -> bytes:
    """The body with its Content-Encoding undone. warcio's own decoding stops quietly at the end of a truncated
    gzip stream, so gzip and deflate are inflated here, with the fetcher's strict and capped `inflate`."""
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return record.content_stream().read(max_bytes + 1)
    stream = record.raw_stream
    if (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream, decomp_type=None)
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise BodyError("too_large", f"the compressed body has more than {max_bytes} bytes")
    return inflate(body, encoding, max_bytes)
