"""A document: one raw file, one line of an article-record file, or one record of a WARC file.

A document that cannot be read is still a document (`failed`): it carries a `read_error` code and detail, and the
cleaning stage puts it in the rejects with its reason. Nothing is dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    document_id: str
    source: str  # path relative to the raw dir
    line_number: int | None  # 1-based, for article records (the record number in a WARC file)
    format: str  # record | html | text | warc | unknown
    content: str | None
    content_hash: str | None
    byte_size: int
    read_error: str | None = None
    read_detail: str | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id(source: str, line_number: int | None, content_hash: str | None) -> str:
    key = f"{source}\x00{line_number or 0}\x00{content_hash or ''}"
    return sha256(key.encode("utf-8"))[:32]


def failed(source: str, fmt: str, size: int, code: str, detail: str, content_hash: str | None = None) -> Document:
    """A whole file that could not be read: one document with the reason, keyed by `content_hash` (or the code)."""
    return Document(
        document_id(source, None, content_hash or code), source, None, fmt, None, content_hash, size, code, detail
    )
