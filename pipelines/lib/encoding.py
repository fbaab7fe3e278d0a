"""Bytes to text, wherever they come from (the fetcher, a WARC record, a raw file): Content-Encoding undone strictly
and with a cap (`inflate`), the charset found (`decode_text`, `decode_html`), and one answer to "is this HTML?"
(`looks_like_html`). Used by the raw readers, the cleaner and the fetcher, so it imports none of them."""

from __future__ import annotations

import re
import zlib

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class BodyError(Exception):
    """A body that cannot be used: `code` is a reject / fetch-failure reason, `detail` says why."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code, self.detail = code, detail


def inflate(body: bytes, encoding: str | None, max_bytes: int, fail=BodyError) -> bytes:
    """Undo Content-Encoding (gzip, deflate) without ever producing more than max_bytes. A truncated or corrupt
    stream raises `fail(code, detail)`, never returns partial text."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("", "identity", "none"):
        return body
    if encoding in ("gzip", "x-gzip"):
        decoders = [zlib.MAX_WBITS | 16]
    elif encoding == "deflate":
        decoders = [zlib.MAX_WBITS, -zlib.MAX_WBITS]
    else:
        raise fail("unsupported_content_encoding", f"Content-Encoding {encoding}")
    for wbits in decoders:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(body, max_bytes + 1)
        except zlib.error as err:
            error = err
            continue
        if len(out) > max_bytes or inflater.unconsumed_tail:
            raise fail("too_large", f"the inflated body exceeds max_bytes {max_bytes}")
        if not inflater.eof:  # a truncated stream: what came out is only part of the document
            error = "truncated: the compressed body ends before its end-of-stream marker"
            continue
        return out
    raise fail("bad_content_encoding", f"{encoding}: {error}")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which maps almost every byte; never raises."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def decode_html(payload: bytes, content_type: str | None) -> str:
    """The charset of the Content-Type header, else of a <meta> tag, else UTF-8 / Windows-1252."""
    charsets = []
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.IGNORECASE)
    if match:
        charsets.append(match.group(1))
    meta = _META_CHARSET.search(payload[:4096])
    if meta:
        charsets.append(meta.group(1).decode("ascii", "ignore"))
    for charset in charsets:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_text(payload)


HTML_TAGS = ("<html", "<body", "<p", "<div", "<!doctype", "<article", "<head", "<span", "<br", "<meta", "<title")


def looks_like_html(content: str | bytes) -> bool:
    """Markup in the first 4 KiB (one of the usual tags) and no NUL byte: what a page is, as opposed to an image, a
    PDF or plain text that only happens to be served or named as HTML."""
    head = content[:4096]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    head = head.lower()
    return "\x00" not in head and "<" in head and any(tag in head for tag in HTML_TAGS)
