"""Warehouse I/O: the landing schema in DuckDB and the idempotent writes into it.

Every write is keyed (document_id, article_id) and done in one transaction per batch, so a crash loses at most the
batch in flight and a rerun neither duplicates nor skips anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from .clean import Article, Reject
from .raw.document import Document

LANDING_DDL = """
create schema if not exists landing;
create table if not exists landing.documents (
    document_id varchar primary key,
    source varchar not null,
    line_number integer,
    format varchar not null,
    content varchar,
    content_hash varchar,
    byte_size bigint,
    read_error varchar,
    read_detail varchar,
    loaded_at timestamp not null
);
create table if not exists landing.articles (
    article_id varchar primary key,
    document_id varchar not null,
    url varchar,
    title varchar,
    authors varchar,
    source varchar,
    source_domain varchar,
    published_at timestamp,
    language varchar,
    text varchar not null,
    word_count integer not null,
    text_hash varchar not null,
    extractor varchar not null,
    quality_flags varchar[],
    extra varchar,
    cleaned_at timestamp not null
);
create table if not exists landing.rejects (
    document_id varchar primary key,
    source varchar not null,
    line_number integer,
    reason varchar not null,
    detail varchar,
    rejected_at timestamp not null
);
create table if not exists landing.extractions (
    article_id varchar not null,
    text_hash varchar not null,
    extractor_version varchar not null,
    mention_count integer,
    claim_count integer,
    stance_count integer,
    error varchar,
    extracted_at timestamp not null
);
-- warehouses made before extraction errors were recorded
alter table landing.extractions add column if not exists error varchar;
create table if not exists landing.mentions (
    article_id varchar not null,
    mention_index integer not null,
    actor_id varchar,
    actor_name varchar,
    actor_type varchar,
    mention_text varchar not null,
    canonical_text varchar not null,
    alias_key varchar not null,
    ner_label varchar,
    sentence_index integer not null,
    start_char integer not null,
    end_char integer not null,
    extracted_at timestamp not null
);
create table if not exists landing.claims (
    article_id varchar not null,
    claim_index integer not null,
    sentence_index integer not null,
    speaker_text varchar,
    speaker_actor_id varchar,
    speaker_alias_key varchar,
    cue varchar,
    cue_text varchar,
    claim_text varchar not null,
    attribution varchar not null,
    is_hedged boolean not null,
    is_negated boolean not null,
    about_claim_index integer,
    about_relation varchar,
    evidence_text varchar not null,
    start_char integer not null,
    end_char integer not null,
    extracted_at timestamp not null
);
create table if not exists landing.stance_observations (
    article_id varchar not null,
    stance_index integer not null,
    sentence_index integer not null,
    holder_text varchar not null,
    holder_actor_id varchar,
    holder_alias_key varchar,
    holder_level varchar not null,
    via_actor_id varchar,
    target_text varchar not null,
    target_type varchar not null,
    target_actor_id varchar,
    target_alias_key varchar,
    topic_id varchar,
    polarity integer not null,
    confidence double,
    sentence_count integer,
    cue varchar not null,
    is_negated boolean not null,
    held_at date,
    is_background boolean not null,
    evidence_text varchar not null,
    start_char integer not null,
    end_char integer not null,
    extracted_at timestamp not null
);
-- warehouses made before the stance model (confidence) and per-article stances (sentence_count)
alter table landing.stance_observations add column if not exists confidence double;
alter table landing.stance_observations add column if not exists sentence_count integer;
-- web ingestion (pipelines/lib/fetch): one row per HTTP exchange or refusal, loaded from the raw dir's fetch logs
create table if not exists landing.fetch_log (
    attempt_id varchar primary key,
    run_id varchar,
    fetched_at timestamp,
    source varchar,
    kind varchar,
    requested_url varchar,
    url varchar,
    hop integer,
    attempt integer,
    status integer,
    bytes bigint,
    elapsed_ms double,
    error varchar,
    detail varchar,
    content_type varchar,
    content_length varchar,
    etag varchar,
    last_modified varchar,
    retry_after varchar,
    location varchar,
    final boolean,
    outcome varchar,
    final_url varchar,
    landed_as varchar,
    content_sha256 varchar,
    log_file varchar,
    loaded_at timestamp
);
-- syndication dedup (pipelines/lib/dedup.py): MinHash signatures and duplicate pairs; dbt makes the clusters
create table if not exists landing.article_signatures (
    article_id varchar primary key,
    text_hash varchar not null,
    dedup_version varchar not null,
    shingle_count integer not null,
    signature blob,
    signed_at timestamp not null
);
create table if not exists landing.duplicate_pairs (
    article_id varchar not null,
    duplicate_article_id varchar not null,
    method varchar not null,
    similarity double not null,
    dedup_version varchar not null,
    found_at timestamp not null,
    primary key (article_id, duplicate_article_id)
);
"""


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise FileNotFoundError(f"warehouse {path} does not exist yet: run `stancewatch run` first")
    return duckdb.connect(str(path), read_only=read_only)


def ensure_landing(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(LANDING_DDL)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def _insert_new(con, table: str, key: str, frame: pd.DataFrame) -> int:
    """Insert the frame's rows whose key is not in the table yet; return how many were inserted."""
    if frame.empty:
        return 0
    con.register("_incoming", frame)
    try:
        columns = ", ".join(frame.columns)
        before = con.execute(f"select count(*) from {table}").fetchone()[0]
        con.execute(
            f"insert into {table} ({columns}) select distinct on ({key}) {columns} from _incoming "
            f"where {key} not in (select {key} from {table})"
        )
        return con.execute(f"select count(*) from {table}").fetchone()[0] - before
    finally:
        con.unregister("_incoming")


# --- documents ---------------------------------------------------------------------------------------------------


def insert_documents(con, documents: Sequence[Document]) -> int:
    now = datetime.now()
    frame = pd.DataFrame([{**asdict(d), "loaded_at": now} for d in documents])
    with transaction(con):
        return _insert_new(con, "landing.documents", "document_id", frame)


_PENDING_DOCUMENTS = """
    from landing.documents d
    where not exists (select 1 from landing.articles a where a.document_id = d.document_id)
      and not exists (select 1 from landing.rejects r where r.document_id = d.document_id)
"""


def pending_documents(con, batch_size: int = 256) -> Iterator[list[Document]]:
    """Documents that are neither an article nor a reject yet, in load order, batch by batch.

    The pending ids are listed first (small), then contents are read per batch, so the caller may write between
    batches without disturbing the iteration."""
    ids = [
        r[0]
        for r in con.execute(
            f"select document_id {_PENDING_DOCUMENTS} order by source, line_number nulls first"
        ).fetchall()
    ]
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        rows = con.execute(
            """
            select document_id, source, line_number, format, content, content_hash, byte_size, read_error, read_detail
            from landing.documents where document_id in (select unnest(?))
            order by source, line_number nulls first
        """,
            [chunk],
        ).fetchall()
        yield [Document(*row) for row in rows]


def count_pending_documents(con) -> int:
    return con.execute(f"select count(*) {_PENDING_DOCUMENTS}").fetchone()[0]


# --- articles and rejects ----------------------------------------------------------------------------------------

ARTICLE_COLUMNS = [
    "article_id",
    "document_id",
    "url",
    "title",
    "authors",
    "source",
    "source_domain",
    "published_at",
    "language",
    "text",
    "word_count",
    "text_hash",
    "extractor",
    "quality_flags",
    "extra",
]


def write_cleaned(con, articles: Iterable[Article], rejects: Iterable[Reject]) -> tuple[int, int]:
    """Land a batch of articles and rejects in one transaction. An article whose id is already taken (the same URL,
    or the same text without a URL) becomes a `duplicate` reject that names the article it repeats."""
    now = datetime.now()
    articles, rejects = list(articles), list(rejects)
    with transaction(con):
        taken = _existing_ids(con, "landing.articles", "article_id", [a.article_id for a in articles])
        fresh, seen = [], set()
        for art in articles:
            if art.article_id in taken or art.article_id in seen:
                rejects.append(
                    Reject(
                        art.document_id,
                        *_source_of(con, art.document_id),
                        "duplicate",
                        f"same article as article_id {art.article_id} (url or text already landed)",
                    )
                )
                continue
            seen.add(art.article_id)
            fresh.append(art)
        frame = pd.DataFrame(
            [{c: getattr(a, c) for c in ARTICLE_COLUMNS} | {"cleaned_at": now} for a in fresh],
            columns=ARTICLE_COLUMNS + ["cleaned_at"],
        )
        n_articles = _insert_new(con, "landing.articles", "article_id", frame)
        reject_frame = pd.DataFrame([asdict(r) | {"rejected_at": now} for r in rejects])
        n_rejects = _insert_new(con, "landing.rejects", "document_id", reject_frame)
    return n_articles, n_rejects


def _existing_ids(con, table: str, key: str, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    rows = con.execute(f"select {key} from {table} where {key} in (select unnest(?))", [ids]).fetchall()
    return {r[0] for r in rows}


def _source_of(con, document_id: str) -> tuple[str, int | None]:
    row = con.execute(
        "select source, line_number from landing.documents where document_id = ?", [document_id]
    ).fetchone()
    return (row[0], row[1]) if row else ("?", None)


# --- extraction --------------------------------------------------------------------------------------------------

_PENDING_ARTICLES = """
    from landing.articles a
    where not exists (
        select 1 from landing.extractions e
        where e.article_id = a.article_id and e.text_hash = a.text_hash and e.extractor_version = ?)
"""


def pending_article_ids(con, extractor_version: str) -> list[str]:
    """Ids of the articles not yet extracted by this extractor version (new, changed, or older version), in order."""
    return [
        r[0]
        for r in con.execute(
            f"select a.article_id {_PENDING_ARTICLES} order by a.article_id", [extractor_version]
        ).fetchall()
    ]


def count_pending_articles(con, extractor_version: str) -> int:
    return con.execute(f"select count(*) {_PENDING_ARTICLES}", [extractor_version]).fetchone()[0]


EXTRACTION_TABLES = ("mentions", "claims", "stance_observations")


def extraction_frames(results: Sequence[dict], extractor_version: str) -> dict[str, pd.DataFrame]:
    """The rows of a batch of extraction results, one frame per landing table (empty frames included).

    `results` holds one dict per article: {article_id, text_hash, mentions: [...], claims: [...], stances: [...]}.
    The "extractions" frame marks each article done by this extractor version, with the error that stopped its
    analysis if any (the article then has no rows: see shards.extract_shard).
    """
    now = datetime.now()
    return {
        "mentions": pd.DataFrame([m | {"extracted_at": now} for r in results for m in r["mentions"]]),
        "claims": pd.DataFrame([c | {"extracted_at": now} for r in results for c in r["claims"]]),
        "stance_observations": pd.DataFrame([s | {"extracted_at": now} for r in results for s in r["stances"]]),
        "extractions": pd.DataFrame(
            [
                {
                    "article_id": r["article_id"],
                    "text_hash": r["text_hash"],
                    "extractor_version": extractor_version,
                    "mention_count": len(r["mentions"]),
                    "claim_count": len(r["claims"]),
                    "stance_count": len(r["stances"]),
                    "error": r.get("error"),
                    "extracted_at": now,
                }
                for r in results
            ]
        ),
    }


def load_extraction_files(con, files: dict[str, Path]) -> None:
    """Load one shard's Parquet files ({table: path}, "extractions" always present) in one transaction: the rows
    of its articles are replaced and the articles marked done together, or not at all."""
    with transaction(con):
        ids = [
            r[0] for r in con.execute("select article_id from read_parquet(?)", [str(files["extractions"])]).fetchall()
        ]
        _delete_extractions(con, ids)
        for table, path in files.items():
            con.execute(f"insert into landing.{table} by name select * from read_parquet(?)", [str(path)])


def _delete_extractions(con, article_ids: list[str]) -> None:
    for table in EXTRACTION_TABLES + ("extractions",):
        con.execute(f"delete from landing.{table} where article_id in (select unnest(?))", [article_ids])


def table_counts(con, schema: str) -> dict[str, int]:
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = ? order by table_name", [schema]
        ).fetchall()
    ]
    return {t: con.execute(f'select count(*) from "{schema}"."{t}"').fetchone()[0] for t in tables}


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
