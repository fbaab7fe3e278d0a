"""Read the raw dir into documents: one per raw file, or one per line of an article-record file.

Nothing is dropped here. A file that cannot be read still becomes a document, carrying a `read_error` code and
detail, so that the cleaning stage can put it in the rejects with its reason: `unreadable_file` (the operating
system refused or failed the read: permissions, I/O error, the file vanished), `unreadable_gzip` (a truncated or
corrupt gzip stream: never its partial text, except the complete lines of a record file before the damage),
`symlink_outside_raw_dir` (a symbolic link to a file outside the raw dir is not followed; one to a file inside
is read once, as that file).
"""
from __future__ import annotations

import gzip
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

# extension (lower case, longest first) -> document format
FORMATS = {
    ".jsonl.gz": "record",
    ".jsonl": "record",
    ".html.gz": "html",
    ".htm.gz": "html",
    ".html": "html",
    ".htm": "html",
    ".txt.gz": "text",
    ".txt": "text",
    ".warc.gz": "warc",
    ".warc": "warc",
}
# fetch logs written by `stancewatch fetch` (pipelines/lib/fetch/landing.py) are not documents: they are loaded
# into landing.fetch_log instead
FETCH_LOG_SUFFIX = ".fetchlog.jsonl"
IGNORED_NAMES = {"readme.md", "readme.txt", "readme", ".gitkeep", ".ds_store"}
DEFAULT_MAX_BYTES = 8 * 1024 * 1024  # STANCEWATCH_MAX_DOCUMENT_BYTES


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


def format_of(path: Path) -> str:
    name = path.name.lower()
    for ext, fmt in FORMATS.items():
        if name.endswith(ext):
            return fmt
    return "unknown"


def _is_raw_name(rel: Path) -> bool:
    return (not any(part.startswith(".") for part in rel.parts) and rel.name.lower() not in IGNORED_NAMES
            and not rel.name.endswith(FETCH_LOG_SUFFIX))


def raw_files(raw_dir: Path) -> Iterator[Path]:
    """Every file below raw_dir in a stable order, minus READMEs and hidden files. A symbolic link to a file that
    is itself one of these is left out (the file is read once, under its own name); a link to a file outside the
    raw dir is yielded, and `read_file` turns it into a reject."""
    root = raw_dir.resolve()
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir)
        if not _is_raw_name(rel) or not path.is_file():
            continue
        if path.is_symlink():
            target = path.resolve()
            if target.is_relative_to(root) and _is_raw_name(target.relative_to(root)):
                continue
        yield path


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which maps almost every byte; never raises."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _failed(source: str, fmt: str, size: int, code: str, detail: str, content_hash: str | None = None) -> Document:
    return Document(document_id(source, None, content_hash or code), source, None, fmt, None, content_hash, size,
                    code, detail)


def read_documents(raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Yield the documents of every raw file. Reading is streaming: record files are read line by line."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw dir {raw_dir} does not exist (set STANCEWATCH_RAW_DIR or pass --raw-dir)")
    for path in raw_files(raw_dir):
        yield from read_file(path, path.relative_to(raw_dir).as_posix(), max_bytes, raw_dir)


def read_file(path: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES,
              raw_dir: Path | None = None) -> Iterator[Document]:
    fmt = format_of(path)
    if raw_dir is not None and path.is_symlink() and not path.resolve().is_relative_to(Path(raw_dir).resolve()):
        yield _failed(source, fmt, 0, "symlink_outside_raw_dir",
                      "a symbolic link to a file outside the raw dir; not followed", sha256(source.encode()))
        return
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            f.read(1)
    except OSError as err:
        yield _unreadable(source, fmt, err)
        return
    if fmt == "unknown":
        try:
            digest = sha256(path.read_bytes())
        except OSError as err:
            yield _unreadable(source, fmt, err)
            return
        yield _failed(source, fmt, size, "unsupported_format", f"no reader for {path.name!r}; "
                      f"expected one of {', '.join(FORMATS)}", digest)
        return
    if fmt == "record":
        yield from _read_records(path, source, size, max_bytes)
        return
    if fmt == "warc":  # one document per HTML response record (pipelines/lib/warc.py)
        from .warc import read_warc

        yield from read_warc(path, source, size, max_bytes)
        return
    try:
        data = _read_bytes(path, max_bytes)
    except _ReadError as err:
        yield _failed(source, fmt, size, err.code, err.detail)
        return
    digest = sha256(data)
    yield Document(document_id(source, None, digest), source, None, fmt, decode(data), digest, len(data))


def _unreadable(source: str, fmt: str, err: OSError) -> Document:
    detail = f"{type(err).__name__}: {err.strerror or err}" if isinstance(err, OSError) else str(err)
    return _failed(source, fmt, 0, "unreadable_file", detail, sha256(f"unreadable:{source}".encode()))


GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)  # a truncated or corrupt gzip stream


class _ReadError(Exception):
    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code, self.detail = code, detail


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        with (gzip.open if path.name.lower().endswith(".gz") else open)(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except GZIP_ERRORS as err:
        raise _ReadError("unreadable_gzip", f"{type(err).__name__}: {err}") from None
    except OSError as err:
        raise _ReadError("unreadable_file", f"{type(err).__name__}: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise _ReadError("too_large", f"more than {max_bytes} bytes (STANCEWATCH_MAX_DOCUMENT_BYTES)")
    return data


def _read_records(path: Path, source: str, size: int, max_bytes: int) -> Iterator[Document]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    line_number = 0
    try:
        with opener(path, "rb") as f:
            while True:
                raw = f.readline(max_bytes + 1)  # bounded: a huge line (or a gzip bomb) is never held whole
                if not raw:
                    break
                line_number += 1
                if len(raw) > max_bytes and not raw.endswith(b"\n"):
                    skipped = _skip_rest_of_line(f)
                    digest = sha256(raw[:4096])
                    yield Document(document_id(source, line_number, digest), source, line_number, "record", None,
                                   digest, len(raw) + skipped, "too_large",
                                   f"more than {max_bytes} bytes (STANCEWATCH_MAX_DOCUMENT_BYTES)")
                    continue
                stripped = raw.strip()
                if not stripped:
                    continue
                digest = sha256(stripped)
                yield Document(document_id(source, line_number, digest), source, line_number, "record",
                               decode(stripped), digest, len(stripped))
    except (*GZIP_ERRORS, OSError) as err:
        # a truncated or corrupt gzip, or a failed read: the lines read so far have landed; the rest is recorded
        # as lost
        code = "unreadable_gzip" if isinstance(err, GZIP_ERRORS) else "unreadable_file"
        yield _failed(source, "record", size, code, f"stopped after line {line_number}: {type(err).__name__}: {err}")


def _skip_rest_of_line(f, chunk: int = 1 << 20) -> int:
    skipped = 0
    while True:
        part = f.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped
