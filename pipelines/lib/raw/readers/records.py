"""Article-record files (`.jsonl`, `.jsonl.gz`): one document per non-blank line, read line by line with a bound
on the line length, so that a huge line (or a gzip bomb) is never held whole. The JSON itself is parsed by the
cleaning stage, which rejects a malformed line with its reason."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from ...encoding import decode_text
from ..document import Document, document_id, failed, sha256
from .plain import GZIP_ERRORS


def read_records(path: Path, source: str, size: int, max_bytes: int) -> Iterator[Document]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    line_number = 0
    try:
        with opener(path, "rb") as f:
            while True:
                raw = f.readline(max_bytes + 1)
                if not raw:
                    break
                line_number += 1
                if len(raw) > max_bytes and not raw.endswith(b"\n"):
                    skipped = _skip_rest_of_line(f)
                    digest = sha256(raw[:4096])
                    yield Document(
                        document_id(source, line_number, digest),
                        source,
                        line_number,
                        "record",
                        None,
                        digest,
                        len(raw) + skipped,
                        "too_large",
                        f"more than {max_bytes} bytes (STANCEWATCH_MAX_DOCUMENT_BYTES)",
                    )
                    continue
                stripped = raw.strip()
                if not stripped:
                    continue
                digest = sha256(stripped)
                yield Document(
                    document_id(source, line_number, digest),
                    source,
                    line_number,
                    "record",
                    decode_text(stripped),
                    digest,
                    len(stripped),
                )
    except (*GZIP_ERRORS, OSError) as err:
        # a truncated or corrupt gzip, or a failed read: the lines read so far have landed; the rest is recorded
        # as lost
        code = "unreadable_gzip" if isinstance(err, GZIP_ERRORS) else "unreadable_file"
        yield failed(source, "record", size, code, f"stopped after line {line_number}: {type(err).__name__}: {err}")


def _skip_rest_of_line(f, chunk: int = 1 << 20) -> int:
    skipped = 0
    while True:
        part = f.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped
