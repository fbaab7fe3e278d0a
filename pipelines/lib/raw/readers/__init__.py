"""Read the raw dir into documents: one per raw file, or one per line of an article-record file (one per HTML
response of a WARC file). The reader of a file is chosen by its format (`layout.format_of`) in `READERS`.

Nothing is dropped here. A file that cannot be read still becomes a document, carrying a `read_error` code and
detail, so that the cleaning stage can put it in the rejects with its reason: `unreadable_file` (the operating
system refused or failed the read: permissions, I/O error, the file vanished), `unreadable_gzip` (a truncated or
corrupt gzip stream: never its partial text, except the complete lines of a record file before the damage),
`symlink_outside_raw_dir` (a symbolic link to a file outside the raw dir is not followed; one to a file inside
is read once, as that file), `unsupported_format` (no reader for the file's name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..document import Document, failed, sha256
from ..layout import DEFAULT_MAX_BYTES, FORMATS, format_of, raw_files
from .plain import read_html, read_text
from .records import read_records
from .warc import read_warc

# format -> reader(path, source, size, max_bytes) yielding the file's documents
Reader = Callable[[Path, str, int, int], Iterator[Document]]
READERS: dict[str, Reader] = {
    "record": read_records,
    "html": read_html,
    "text": read_text,
    "warc": read_warc,
}


def read_documents(raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Yield the documents of every raw file. Reading is streaming: record files are read line by line."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw dir {raw_dir} does not exist (set STANCEWATCH_RAW_DIR or pass --raw-dir)")
    for path in raw_files(raw_dir):
        yield from read_file(path, path.relative_to(raw_dir).as_posix(), max_bytes, raw_dir)


def read_file(
    path: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES, raw_dir: Path | None = None
) -> Iterator[Document]:
    fmt = format_of(path)
    if raw_dir is not None and path.is_symlink() and not path.resolve().is_relative_to(Path(raw_dir).resolve()):
        yield failed(
            source,
            fmt,
            0,
            "symlink_outside_raw_dir",
            "a symbolic link to a file outside the raw dir; not followed",
            sha256(source.encode()),
        )
        return
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            f.read(1)
    except OSError as err:
        yield unreadable(source, fmt, err)
        return
    reader = READERS.get(fmt)
    if reader is None:
        try:
            digest = sha256(path.read_bytes())
        except OSError as err:
            yield unreadable(source, fmt, err)
            return
        yield failed(
            source,
            fmt,
            size,
            "unsupported_format",
            f"no reader for {path.name!r}; expected one of {', '.join(FORMATS)}",
            digest,
        )
        return
    yield from reader(path, source, size, max_bytes)


def unreadable(source: str, fmt: str, err: OSError) -> Document:
    detail = f"{type(err).__name__}: {err.strerror or err}" if isinstance(err, OSError) else str(err)
    return failed(source, fmt, 0, "unreadable_file", detail, sha256(f"unreadable:{source}".encode()))
