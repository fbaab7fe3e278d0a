"""HTML and plain-text files (optionally gzipped): the whole file is one document, decoded as UTF-8 or
Windows-1252. Cleaning tells an HTML page from its text (trafilatura) later."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from ...encoding import BodyError, decode_text
from ..document import Document, document_id, failed, sha256

GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)  # a truncated or corrupt gzip stream


def read_html(path: Path, source: str, size: int, max_bytes: int) -> Iterator[Document]:
    yield _whole_file(path, source, size, max_bytes, "html")


def read_text(path: Path, source: str, size: int, max_bytes: int) -> Iterator[Document]:
    yield _whole_file(path, source, size, max_bytes, "text")


def _whole_file(path: Path, source: str, size: int, max_bytes: int, fmt: str) -> Document:
    try:
        data = read_bytes(path, max_bytes)
    except BodyError as err:
        return failed(source, fmt, size, err.code, err.detail)
    digest = sha256(data)
    return Document(document_id(source, None, digest), source, None, fmt, decode_text(data), digest, len(data))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most max_bytes of the file, gunzipped when its name ends in .gz; BodyError with a reject code else."""
    try:
        with (gzip.open if path.name.lower().endswith(".gz") else open)(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except GZIP_ERRORS as err:
        raise BodyError("unreadable_gzip", f"{type(err).__name__}: {err}") from None
    except OSError as err:
        raise BodyError("unreadable_file", f"{type(err).__name__}: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise BodyError("too_large", f"more than {max_bytes} bytes (STANCEWATCH_MAX_DOCUMENT_BYTES)")
    return data
