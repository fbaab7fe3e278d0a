"""Publication of the marts for readers: a serving DuckDB file and one Parquet file per mart.

Readers (BI tools, notebooks) never open the warehouse: DuckDB allows one writing process per file, so a reader on
the warehouse would block the pipeline, and could see a mart in the middle of a `dbt build`. They read the
publication instead, which is only ever replaced whole:

- **one version directory for both**: `parquet.versions/<version>/` holds `<mart>.parquet` for every mart, the
  serving DuckDB file (`serving.duckdb`, schema `marts` plus a `publication` table) and `_publication.json` (the
  manifest: version, rows per mart, files). It is written in full under a temporary name (`ATTACH`,
  `CREATE TABLE ... AS SELECT`, `COPY ... TO parquet`, `CHECKPOINT`, `DETACH`), checked against its manifest (every
  table of the serving file and every Parquet file has the rows the manifest says), fsynced and renamed into place.
- **one switch**: `parquet` is a symbolic link to the current version directory, and `serving.duckdb` a symbolic
  link to `parquet/serving.duckdb`. Replacing the `parquet` link (a new link with a temporary name, `os.replace`d
  over the old one: atomic on POSIX) switches both at once, so the serving file and the Parquet files always carry
  the same version, whenever the writer is killed. A reader opens either the old set or the new one, never a
  half-written one; a reader that has the old file open keeps reading it (its inode) until it reconnects.
- **no stale WAL**: a read-write client of the serving file that crashed leaves `serving.duckdb.wal`, which DuckDB
  would replay onto the next file opened under that name; it is removed before the switch.

The last `keep` versions are kept, so a reader that resolved the link just before a switch can finish reading.
Everything is read in one transaction of the warehouse connection, so all marts of a publication come from the
same snapshot. Any error leaves the previous publication in place.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

MARTS_SCHEMA = "marts"
KEEP_VERSIONS = 3
MANIFEST = "_publication.json"
SERVING_ALIAS = "stancewatch_publication"
VERIFY_ALIAS = "stancewatch_publication_check"


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
    return [
        r[0]
        for r in con.execute(
            """
        select table_name from information_schema.tables
        where table_schema = ? and table_type = 'BASE TABLE' and table_catalog = current_database()
        order by table_name""",
            [schema],
        ).fetchall()
    ]


def _sql_string(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _new_version() -> tuple[str, datetime]:
    now = datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%S%fZ"), now


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(
    con,
    serving_db: Path,
    parquet_dir: Path,
    run_id: str | None = None,
    keep: int = KEEP_VERSIONS,
    schema: str = MARTS_SCHEMA,
    built_from: str | None = None,
) -> Publication:
    """Publish every table of `schema` from the warehouse connection `con` (which may be a writing connection).
    `built_from` (stages.build_inputs_fingerprint) is kept in the manifest: a later run whose inputs have the same
    fingerprint has nothing new to build or publish."""
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

    parquet_tmp = versions / f".{version}.tmp"
    parquet_tmp.mkdir()
    serving_tmp = parquet_tmp / serving_db.name
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
                con.execute(
                    f'copy (select * from {SERVING_ALIAS}."{schema}"."{table}") '
                    f"to {_sql_string(parquet_tmp / f'{table}.parquet')} (format parquet, compression zstd)"
                )
                counts[table] = con.execute(f'select count(*) from {SERVING_ALIAS}."{schema}"."{table}"').fetchone()[0]
            con.execute(f"""create table {SERVING_ALIAS}.main.publication (
                version varchar, published_at timestamptz, run_id varchar, table_name varchar, row_count bigint)""")
            con.executemany(
                f"insert into {SERVING_ALIAS}.main.publication values (?, ?, ?, ?, ?)",
                [[version, published_at, run_id, f"{schema}.{t}", n] for t, n in counts.items()],
            )
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        con.execute(f"checkpoint {SERVING_ALIAS}")
        con.execute(f"detach {SERVING_ALIAS}")
        attached = False
        manifest = {
            "version": version,
            "published_at": published_at.isoformat(),
            "run_id": run_id,
            "schema": schema,
            "row_counts": counts,
            "serving_file": serving_db.name,
            "files": {t: f"{t}.parquet" for t in tables},
            "built_from": built_from,
        }
        verify(con, parquet_tmp, manifest)
        (parquet_tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for path in parquet_tmp.iterdir():
            _fsync(path)

        version_dir = versions / version
        os.rename(parquet_tmp, version_dir)
        _fsync(versions)
        Path(f"{serving_db}.wal").unlink(missing_ok=True)  # a crashed client's WAL must not replay onto the new file
        _swap_link(parquet_dir, Path(versions.name) / version)  # the switch: serving file and Parquet at once
        _link_serving_file(serving_db, parquet_dir)
        _fsync(serving_db.parent)
        _fsync(parquet_dir.parent)
    except BaseException:
        if attached:
            try:
                con.execute(f"detach {SERVING_ALIAS}")
            except Exception:
                pass
        shutil.rmtree(parquet_tmp, ignore_errors=True)
        raise
    removed = prune_versions(parquet_dir, keep)
    return Publication(version, published_at, serving_db, parquet_dir, version_dir, counts, removed)


def verify(con, version_dir: Path, manifest: dict) -> None:
    """Check a written (not yet switched) version against its manifest: the serving file holds exactly the marts of
    the manifest with its row counts, and so does every Parquet file. Raises PublicationError."""
    schema, expected = manifest["schema"], manifest["row_counts"]
    serving_file = version_dir / manifest["serving_file"]
    con.execute(f"attach {_sql_string(serving_file)} as {VERIFY_ALIAS} (read_only)")
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_catalog = ? and table_schema = ?",
                [VERIFY_ALIAS, schema],
            ).fetchall()
        ]
        in_serving = {
            t: con.execute(f'select count(*) from {VERIFY_ALIAS}."{schema}"."{t}"').fetchone()[0] for t in tables
        }
        listed = dict(con.execute(f"select table_name, row_count from {VERIFY_ALIAS}.main.publication").fetchall())
    finally:
        con.execute(f"detach {VERIFY_ALIAS}")
    in_parquet = {
        t: con.execute("select count(*) from read_parquet(?)", [str(version_dir / f)]).fetchone()[0]
        for t, f in manifest["files"].items()
    }
    problems = [
        f"{where}: {got} instead of {expected}"
        for where, got in (
            ("serving file tables", in_serving),
            ("Parquet files", in_parquet),
            ("publication table", {k.split(".", 1)[1]: v for k, v in listed.items()}),
        )
        if got != expected
    ]
    if problems:
        raise PublicationError(
            f"the new publication {manifest['version']} does not match its manifest; "
            f"nothing was switched: {'; '.join(problems)}"
        )


def _link_serving_file(serving_db: Path, parquet_dir: Path) -> None:
    """serving.duckdb -> <parquet link>/serving.duckdb (once; an older regular file is replaced by the link)."""
    target = os.path.relpath(parquet_dir / serving_db.name, serving_db.parent)
    if serving_db.is_symlink() and os.readlink(serving_db) == target:
        return
    tmp = serving_db.parent / f".{serving_db.name}.{uuid.uuid4().hex[:8]}.tmp"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, serving_db)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _check_link_location(parquet_dir: Path) -> None:
    if parquet_dir.is_symlink() or not parquet_dir.exists():
        return
    if parquet_dir.is_dir() and not any(parquet_dir.iterdir()):
        parquet_dir.rmdir()  # an empty directory someone created: becomes the link
        return
    raise PublicationError(
        f"{parquet_dir} exists and is not a publication link (a symbolic link to "
        f"{versions_dir(parquet_dir).name}/<version>): move it away or choose another "
        "STANCEWATCH_PARQUET_DIR"
    )


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
    for name in names[max(keep, 1) :]:
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
