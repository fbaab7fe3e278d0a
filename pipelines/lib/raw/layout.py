"""The layout of the raw dir: which files are documents, and the format of each (by its name).

The fetcher (pipelines/lib/fetch) writes WARC files and fetch logs here; fetch logs are not documents (they are
loaded into landing.fetch_log), so their suffix lives here, where both sides read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


def format_of(path: Path) -> str:
    name = path.name.lower()
    for ext, fmt in FORMATS.items():
        if name.endswith(ext):
            return fmt
    return "unknown"


def is_raw_name(rel: Path) -> bool:
    """A document's path relative to the raw dir: not hidden, not a README, not a fetch log."""
    return (
        not any(part.startswith(".") for part in rel.parts)
        and rel.name.lower() not in IGNORED_NAMES
        and not rel.name.endswith(FETCH_LOG_SUFFIX)
    )


def raw_files(raw_dir: Path) -> Iterator[Path]:
    """Every file below raw_dir in a stable order, minus READMEs and hidden files. A symbolic link to a file that
    is itself one of these is left out (the file is read once, under its own name); a link to a file outside the
    raw dir is yielded, and the reader turns it into a reject."""
    root = raw_dir.resolve()
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir)
        if not is_raw_name(rel) or not path.is_file():
            continue
        if path.is_symlink():
            target = path.resolve()
            if target.is_relative_to(root) and is_raw_name(target.relative_to(root)):
                continue
        yield path
