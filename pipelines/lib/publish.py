"""Publication of the marts for readers: a serving DuckDB file and one Parquet file per mart.

Readers (BI tools, notebooks) never open the warehouse: DuckDB allows one writing process per file, so a reader on
the warehouse would block the pipeline, and could see a mart in the middle of a `dbt build`. They read the
publication instead, which is only ever replaced whole:

- **serving DuckDB file** (`serving.duckdb`): the marts are copied into a new file with a temporary name next to it
  (`ATTACH` from the warehouse connection, `CREATE TABLE ... AS SELECT`, `CHECKPOINT`, `DETACH`, fsync), then
  `os.replace` renames it over the old one. A rename is atomic on POSIX: a new reader opens either the old file or
  the new one, never a half-written one; a reader that has the old file open keeps reading the old file (its inode)
  until it reconnects, and never blocks the rename.
- **Parquet** (`parquet/`): `parquet` is a symbolic link to a versioned directory `parquet.versions/<version>/`
  holding `<mart>.parquet` for every mart and `_publication.json`. A new version is written in full under a
  temporary name, renamed into place, and then the link is swapped atomically (a new link with a temporary name,
  `os.replace`d over the old one). The last `keep` versions are kept, so a reader that resolved the link just
  before a swap can finish reading.

Both carry the same version (the `publication` table in the serving file, `_publication.json` in the Parquet
directory). Everything is read in one transaction of the warehouse connection, so all marts of a publication come
from the same snapshot. Any error leaves the previous publication in place.
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

MARTS_SCHEMA = "marts"
KEEP_VERSIONS = 3
MANIFEST = "_publication.json"
SERVING_ALIAS = "stancewatch_publication"


class PublicationError(RuntimeError):
    pass


@dataclass
class Publication:
    version: str
    published_at: datetime
    serving_db: Path
    parquet_dir: Path  # the symbolic link readers use
    parquet_version_dir: Path  # what it points at
    row_counts: dict[str, int] = field(default_factory=dict)
    removed_versions: list[str] = field(default_factory=list)


def versions_dir(parquet_dir: Path) -> Path:
    return parquet_dir.parent / f"{parquet_dir.name}.versions"


def mart_tables(con, schema: str = MARTS_SCHEMA) -> list[str]:
    """Base tables (not views) of the schema in the connection's own database."""
    return [r[0] for r in con.execute("""
        select table_name from information_schema.tables
        where table_schema = ? and table_type = 'BASE TABLE' and table_catalog = current_database()
        order by table_name""", [schema]).fetchall()]


def _sql_string(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _new_version() -> tuple[str, datetime]:
    now = datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S%fZ"), now


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(con, serving_db: Path, parquet_dir: Path, run_id: str | None = None, keep: int = KEEP_VERSIONS,
            schema: str = MARTS_SCHEMA) -> Publication:
    """Publish every table of `schema` from the warehouse connection `con` (which may be a writing connection)."""
    serving_db, parquet_dir = Path(serving_db), Path(parquet_dir)
    tables = mart_tables(con, schema)
    if not tables:
        raise PublicationError(f"no tables in schema {schema!r}: run dbt build first")
    _check_link_location(parquet_dir)
    version, published_at = _new_version()
    serving_db.parent.mkdir(parents=True, exist_ok=True)
    versions = versions_dir(parquet_dir)
    versions.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(serving_db, versions)

    serving_tmp = serving_db.parent / f".{serving_db.name}.{version}.tmp"
    parquet_tmp = versions / f".{version}.tmp"
    parquet_tmp.mkdir()
    attached = False
    try:
        con.execute(f"attach {_sql_string(serving_tmp)} as {SERVING_ALIAS}")
        attached = True
        con.execute(f'create schema {SERVING_ALIAS}."{schema}"')
        counts: dict[str, int] = {}
        con.execute("begin transaction")  # one snapshot of the warehouse for every copy
        try:
            for table in tables:
                con.execute(f'create table {SERVING_ALIAS}."{schema}"."{table}" as select * from "{schema}"."{table}"')
                con.execute(f'copy (select * from {SERVING_ALIAS}."{schema}"."{table}") '
                            f'to {_sql_string(parquet_tmp / f"{table}.parquet")} (format parquet, compression zstd)')
                counts[table] = con.execute(
                    f'select count(*) from {SERVING_ALIAS}."{schema}"."{table}"').fetchone()[0]
            con.execute(f"""create table {SERVING_ALIAS}.main.publication (
                version varchar, published_at timestamptz, run_id varchar, table_name varchar, row_count bigint)""")
            con.executemany(f"insert into {SERVING_ALIAS}.main.publication values (?, ?, ?, ?, ?)",
                            [[version, published_at, run_id, f"{schema}.{t}", n] for t, n in counts.items()])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        con.execute(f"checkpoint {SERVING_ALIAS}")
        con.execute(f"detach {SERVING_ALIAS}")
        attached = False
        manifest = {"version": version, "published_at": published_at.isoformat(), "run_id": run_id,
                    "schema": schema, "row_counts": counts,
                    "files": {t: f"{t}.parquet" for t in tables}}
        (parquet_tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for path in [serving_tmp, *parquet_tmp.iterdir()]:
            _fsync(path)

        # the swaps: each one is a single rename
        version_dir = versions / version
        os.rename(parquet_tmp, version_dir)
        os.replace(serving_tmp, serving_db)
        _swap_link(parquet_dir, Path(versions.name) / version)
        _fsync(serving_db.parent)
        _fsync(parquet_dir.parent)
    except BaseException:
        if attached:
            try:
                con.execute(f"detach {SERVING_ALIAS}")
            except Exception:
                pass
        for leftover in (serving_tmp, Path(f"{serving_tmp}.wal")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(parquet_tmp, ignore_errors=True)
        raise
    removed = prune_versions(parquet_dir, keep)
    return Publication(version, published_at, serving_db, parquet_dir, version_dir, counts, removed)


def _check_link_location(parquet_dir: Path) -> None:
    if parquet_dir.is_symlink() or not parquet_dir.exists():
        return
    if parquet_dir.is_dir() and not any(parquet_dir.iterdir()):
        parquet_dir.rmdir()  # an empty directory someone created: becomes the link
        return
    raise PublicationError(f"{parquet_dir} exists and is not a publication link (a symbolic link to "
                           f"{versions_dir(parquet_dir).name}/<version>): move it away or choose another "
                           "STANCEWATCH_PARQUET_DIR")


def _swap_link(link: Path, target: Path) -> None:
    tmp = link.parent / f".{link.name}.{uuid.uuid4().hex[:8]}.tmp"
    os.symlink(target, tmp, target_is_directory=True)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _remove_leftovers(serving_db: Path, versions: Path) -> None:
    """Temporary files of a publication that crashed (one writer per warehouse, so none is in progress)."""
    for path in serving_db.parent.glob(f".{serving_db.name}.*.tmp*"):
        path.unlink(missing_ok=True)
    for path in versions.glob(".*.tmp"):
        shutil.rmtree(path, ignore_errors=True)


def current_version_dir(parquet_dir: Path) -> Path | None:
    """The version directory the link points at (resolve it once, then read every file from it)."""
    parquet_dir = Path(parquet_dir)
    return parquet_dir.resolve() if parquet_dir.is_symlink() else None


def prune_versions(parquet_dir: Path, keep: int = KEEP_VERSIONS) -> list[str]:
    """Delete all but the newest `keep` versions (never the current one)."""
    versions = versions_dir(parquet_dir)
    current = current_version_dir(parquet_dir)
    names = sorted((p.name for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True)
    removed = []
    for name in names[max(keep, 1):]:
        if current is not None and (versions / name).resolve() == current:
            continue
        shutil.rmtree(versions / name, ignore_errors=True)
        removed.append(name)
    return removed


def read_manifest(parquet_dir: Path) -> dict | None:
    current = current_version_dir(parquet_dir)
    if current is None or not (current / MANIFEST).exists():
        return None
    return json.loads((current / MANIFEST).read_text(encoding="utf-8"))
