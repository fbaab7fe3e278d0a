"""What a fetch run leaves in the raw dir, and what it learns from earlier runs.

    <raw>/web/<host>/<sha256>.warc.gz                   one fetched page: a WARC file (warcinfo, request, response)
                                                        named by the sha256 of the page body; the response record
                                                        holds the status line, headers and body as received
    <raw>/web/_fetch_log/<time>-<run>.fetchlog.jsonl   one JSON line per HTTP exchange or refusal (the fetch log)

Both are append-only: a page file is written once (to a hidden temporary name, then renamed, so a reader never
sees half a file) and never replaced; a fetch log grows line by line during its run and is never touched again.
`stancewatch run` reads the WARC files like any other raw file (pipelines/lib/raw/readers/warc.py) and loads the
fetch logs
into `landing.fetch_log`. The fetcher's memory of earlier runs (which URLs were fetched, their ETag and
Last-Modified) is rebuilt from the fetch logs, so nothing but the raw dir holds state.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import warcio
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..raw.layout import FETCH_LOG_SUFFIX
from ..urls import host_port, normalize_url, strip_userinfo
from .fetcher import FetchResult, _version

WEB_DIR = "web"
LOG_DIR = "_fetch_log"
HOP_BY_HOP = {"transfer-encoding", "connection", "keep-alive"}
# outcomes after which a page is not fetched again (unless its source says `refetch: true`)
DONE_OUTCOMES = {
    "ok",
    "landed",
    "duplicate_content",
    "not_modified",
    "unsupported_content_type",
    "too_large",
    "http_error_permanent",
    "redirect_loop",
    "redirect_limit",
    "bad_redirect",
    "unsupported_scheme",
    "invalid_url",
    "unsupported_content_encoding",
    "bad_content_encoding",
}
TRANSIENT_RETRY_RUNS = 3  # a page that failed transiently is tried again in this many later runs

LOG_COLUMNS = [
    "attempt_id",
    "run_id",
    "fetched_at",
    "source",
    "kind",
    "requested_url",
    "url",
    "hop",
    "attempt",
    "status",
    "bytes",
    "elapsed_ms",
    "error",
    "detail",
    "content_type",
    "content_length",
    "etag",
    "last_modified",
    "retry_after",
    "location",
    "final",
    "outcome",
    "final_url",
    "landed_as",
    "content_sha256",
]


URL_COLUMNS = {"requested_url", "url", "final_url", "location"}


def host_dir(url: str) -> str:
    parts = urlsplit(url)
    name = (parts.hostname or "unknown").lower()
    if parts.port:
        name += f"_{parts.port}"
    return re.sub(r"[^a-z0-9._-]", "_", name)


class RawLanding:
    """Writes one fetch run's pages and log into the raw dir. Thread-safe."""

    def __init__(self, raw_dir: Path, run_id: str | None = None, user_agent: str = ""):
        self.raw_dir = Path(raw_dir)
        self.run_id = run_id or uuid.uuid4().hex[:12]
        self.user_agent = user_agent
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.log_path = self.raw_dir / WEB_DIR / LOG_DIR / f"{stamp}-{self.run_id}{FETCH_LOG_SUFFIX}"
        self._lock = threading.Lock()
        self._log_file = None

    def log(self, rows: list[dict]) -> None:
        if not rows:
            return
        with self._lock:
            if self._log_file is None:
                self.log_path.parent.mkdir(parents=True, exist_ok=True)
                self._log_file = open(self.log_path, "a", encoding="utf-8")
            for row in rows:
                self._log_file.write(json.dumps({**row, "run_id": self.run_id}, ensure_ascii=False) + "\n")
            self._log_file.flush()

    def close(self) -> None:
        with self._lock:
            if self._log_file is not None:
                self._log_file.close()
                self._log_file = None

    def land(self, result: FetchResult, extra_headers: dict[str, str]) -> tuple[str, bool, str]:
        """Write the page as a content-addressed WARC file; returns (path relative to the raw dir, new?, sha256)."""
        digest = hashlib.sha256(result.content or b"").hexdigest()
        rel = Path(WEB_DIR) / host_dir(result.final_url or result.url) / f"{digest}.warc.gz"
        path = self.raw_dir / rel
        with self._lock:
            if path.exists():
                return rel.as_posix(), False, digest
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.parent / f".{digest}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            with open(tmp, "wb") as f:
                write_warc(f, result, extra_headers, self.user_agent, rel.name)
            with self._lock:
                if path.exists():
                    return rel.as_posix(), False, digest
                os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return rel.as_posix(), True, digest


def write_warc(f, result: FetchResult, extra_headers: dict[str, str], user_agent: str, filename: str) -> None:
    writer = WARCWriter(f, gzip=True, warc_version="1.1")
    when = (result.fetched_at or datetime.now(UTC)).astimezone(UTC)
    warc_date = when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    writer.write_record(
        writer.create_warcinfo_record(
            filename,
            {
                "software": f"stancewatch/{_version()} (warcio {warcio.__version__})"
                if hasattr(warcio, "__version__")
                else f"stancewatch/{_version()}",
                "format": "WARC File Format 1.1",
                "robots": "obey",
                "http-header-user-agent": user_agent,
            },
        )
    )
    url = result.final_url or result.url
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_headers = StatusAndHeaders(
        f"GET {target} HTTP/1.1", [("Host", host_port(url))] + result.request_headers, is_http_request=True
    )
    response_headers = StatusAndHeaders(
        f"{result.status} {result.reason}".strip(),
        [(k, v) for k, v in result.headers if k.lower() not in HOP_BY_HOP],
        protocol=result.http_version,
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(result.body or b""),
        length=len(result.body or b""),
        http_headers=response_headers,
        warc_headers_dict={"WARC-Date": warc_date, **extra_headers},
    )
    request = writer.create_warc_record(
        url,
        "request",
        payload=BytesIO(b""),
        length=0,
        http_headers=request_headers,
        warc_headers_dict={"WARC-Date": warc_date},
    )
    writer.write_request_response_pair(request, response)


# --- the fetch logs ----------------------------------------------------------------------------------------------


def log_files(raw_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in Path(raw_dir).rglob(f"*{FETCH_LOG_SUFFIX}")
        if not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
    )


def read_log(path: Path):
    """The rows of one fetch log; a torn last line (a run still writing, or killed) is skipped."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and row.get("attempt_id"):
                yield row


@dataclass
class PageState:
    outcome: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    transient_failures: int = 0
    source: str | None = None


@dataclass
class FetchHistory:
    """What earlier runs did, per normalized page URL (requested and final)."""

    pages: dict[str, PageState] = field(default_factory=dict)
    discovery: dict[str, PageState] = field(default_factory=dict)  # feeds and sitemaps: validators only

    @classmethod
    def load(cls, raw_dir: Path) -> FetchHistory:
        history = cls()
        rows = [row for path in log_files(raw_dir) for row in read_log(path) if row.get("final")]
        rows.sort(key=lambda r: r.get("fetched_at") or "")
        for row in rows:
            kind = row.get("kind")
            if kind == "robots":
                continue
            table = history.pages if kind == "page" else history.discovery
            keys = {normalize_url(row.get("requested_url")), normalize_url(row.get("final_url"))} - {None}
            outcome = _effective_outcome(row)
            for key in keys:
                state = table.setdefault(key, PageState())
                state.source = row.get("source") or state.source
                if outcome in ("landed", "duplicate_content", "ok"):
                    state.etag, state.last_modified = row.get("etag"), row.get("last_modified")
                if outcome in DONE_OUTCOMES:
                    state.outcome = outcome
                elif state.outcome not in DONE_OUTCOMES:
                    state.outcome = outcome
                    state.transient_failures += 1
        return history

    def is_done(self, url: str) -> bool:
        state = self.pages.get(url)
        return bool(state and state.outcome in DONE_OUTCOMES)

    def validators(self, url: str, kind: str = "page") -> dict | None:
        state = (self.pages if kind == "page" else self.discovery).get(url)
        if state and (state.etag or state.last_modified):
            return {"etag": state.etag, "last_modified": state.last_modified}
        return None

    def gave_up(self, url: str) -> bool:
        """True when the page failed transiently (timeout, 5xx, 429) in TRANSIENT_RETRY_RUNS runs: it is not
        queued again, however often a feed or the command line names it, unless its source says `refetch: true`."""
        state = self.pages.get(url)
        return bool(state and state.outcome not in DONE_OUTCOMES and state.transient_failures >= TRANSIENT_RETRY_RUNS)

    def retry_candidates(self) -> dict[str, str]:
        """{url: source} of pages whose last outcome was a transient failure, tried fewer than the limit."""
        return {
            url: s.source
            for url, s in self.pages.items()
            if s.outcome not in DONE_OUTCOMES
            and s.outcome not in ("robots_disallowed", "private_address")
            and s.transient_failures < TRANSIENT_RETRY_RUNS
        }


def _effective_outcome(row: dict) -> str:
    outcome = row.get("outcome") or row.get("error") or "unknown"
    status = row.get("status")
    if outcome == "http_error" and isinstance(status, int) and 400 <= status < 500 and status not in (408, 425, 429):
        return "http_error_permanent"
    return outcome


# --- landing.fetch_log -------------------------------------------------------------------------------------------


def load_fetch_logs(con, raw_dir: Path, batch_size: int = 5000) -> dict[str, int]:
    """Load every fetch-log row of the raw dir not loaded yet into landing.fetch_log (keyed by attempt_id)."""
    import pandas as pd

    from ..warehouse import ensure_landing

    ensure_landing(con)
    known = {r[0] for r in con.execute("select attempt_id from landing.fetch_log").fetchall()}
    now = datetime.now()
    files, read, added, batch = 0, 0, 0, []

    def flush():
        nonlocal added, batch
        if not batch:
            return
        frame = pd.DataFrame(batch, columns=LOG_COLUMNS + ["log_file", "loaded_at"])
        frame["fetched_at"] = pd.to_datetime(frame["fetched_at"], utc=True, errors="coerce").dt.tz_localize(None)
        for col in ("status", "bytes", "hop", "attempt"):
            frame[col] = pd.array(frame[col], dtype="Int64")
        frame["final"] = frame["final"].astype("boolean")
        con.register("_fetch_rows", frame)
        try:
            con.execute("begin transaction")
            con.execute(
                f"insert into landing.fetch_log ({', '.join(frame.columns)}) "
                f"select {', '.join(frame.columns)} from _fetch_rows"
            )
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        finally:
            con.unregister("_fetch_rows")
        added += len(batch)
        batch = []

    for path in log_files(raw_dir):
        files += 1
        rel = path.relative_to(raw_dir).as_posix()
        for row in read_log(path):
            read += 1
            if row["attempt_id"] in known:
                continue
            known.add(row["attempt_id"])
            batch.append([_scalar(row.get(c)) for c in LOG_COLUMNS] + [rel, now])
            for i, column in enumerate(LOG_COLUMNS):  # a log of an older version may hold credentials in URLs
                if column in URL_COLUMNS and isinstance(batch[-1][i], str):
                    batch[-1][i] = strip_userinfo(batch[-1][i])
            if len(batch) >= batch_size:
                flush()
    flush()
    total = con.execute("select count(*) from landing.fetch_log").fetchone()[0]
    return {"files": files, "read": read, "new": added, "total": total}


def _scalar(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value
