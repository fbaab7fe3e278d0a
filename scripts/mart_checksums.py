"""Row count and an order-independent checksum of every table in a warehouse's `marts` schema.

    .venv/bin/python scripts/mart_checksums.py WAREHOUSE [--per-column]
    .venv/bin/python scripts/mart_checksums.py WAREHOUSE --against OTHER

Two runs of the pipeline on the same raw dir should print the same lines, and so should a refactoring that keeps
the marts' behaviour (renaming intermediate models, moving SQL into macros, reformatting):

    .venv/bin/stancewatch run --warehouse /tmp/x/before.duckdb     # on the old commit
    .venv/bin/stancewatch run --warehouse /tmp/x/after.duckdb      # on the new one (after `make setup`)
    .venv/bin/python scripts/mart_checksums.py /tmp/x/after.duckdb --against /tmp/x/before.duckdb

The checksum is the md5 of the sorted md5s of the rows (each row cast to text with its column names, columns in
table order), so it counts duplicate rows, does not depend on row order, and changes when a column is added,
dropped or renamed. Left out are the columns that record when a run loaded something rather than what it found
(VOLATILE_COLUMNS). `--per-column` adds one line per column (its checksum alone), to see which column differs.

Floating-point averages are not bit-for-bit reproducible: DuckDB sums a group's values in whatever order its
threads deliver them, so an average that `round(..., 4)` meets exactly on a half (fct_stance_periods.mean_confidence,
the confidences and shares of fct_stance_changes) can come out 0.0001 apart in two runs of the same code on the same
input. `--against OTHER` therefore compares two warehouses table by table: rows are matched on all their other
columns, DOUBLE columns may differ by FLOAT_TOLERANCE; it prints one line per table and exits 1 when any differs.
"""

import argparse
import sys

import duckdb

# Columns that differ between two runs on the same input: load times, not content.
VOLATILE_COLUMNS = {
    "fct_articles": ["cleaned_at"],  # when the article was landed
    "rejects": ["rejected_at"],  # when the document was rejected
}
# The marts round averages to 4 decimals; a sum in another order can move one across a rounding half.
FLOAT_TOLERANCE = 1e-4 + 1e-9


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def mart_columns(con, catalog: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """table -> [(column, type)] of the marts schema of a catalog (the warehouse opened), volatile columns left out."""
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = coalesce(?, current_database()) and table_schema = 'marts' "
        "order by table_name, ordinal_position",
        [catalog],
    ).fetchall()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        if column not in VOLATILE_COLUMNS.get(table, []):
            columns.setdefault(table, []).append((column, data_type))
    return columns


def checksum(con, relation: str) -> tuple[int, str]:
    count, digest = con.execute(
        f"select count(*), coalesce(md5(string_agg(row_md5, '' order by row_md5)), '-') "
        f"from (select md5(cast(t as varchar)) as row_md5 from ({relation}) as t)"
    ).fetchone()
    return count, digest


def mart_checksums(con, per_column: bool = False) -> list[str]:
    lines = []
    for table, columns in mart_columns(con).items():
        names = [c for c, _ in columns]
        count, digest = checksum(con, f"select {', '.join(map(quoted, names))} from marts.{quoted(table)}")
        volatile = VOLATILE_COLUMNS.get(table)
        lines.append(f"{table:<24} {count:>9} {digest}" + (f"  (without {', '.join(volatile)})" if volatile else ""))
        if per_column:
            for column in names:
                _, digest = checksum(con, f"select {quoted(column)} from marts.{quoted(table)}")
                lines.append(f"  {table}.{column:<40} {digest}")
    return lines


def compare(con, table: str, columns: list[tuple[str, str]]) -> tuple[bool, str]:
    """Rows of marts.<table> here and in the attached catalog `other`, matched on their non-DOUBLE columns (and,
    among equal ones, by their DOUBLE values' order); matched DOUBLE values may differ by FLOAT_TOLERANCE."""
    current = quoted(con.execute("select current_database()").fetchone()[0])
    exact = [quoted(c) for c, t in columns if t != "DOUBLE"]
    floats = [quoted(c) for c, t in columns if t == "DOUBLE"]
    key = f"md5(cast(struct_pack({', '.join(f'{c} := {c}' for c in exact)}) as varchar))" if exact else "''"
    order = ", ".join(floats) or "1"

    def side(catalog: str) -> str:
        return (
            f"select {key} as k, row_number() over (partition by {key} order by {order}) as n"
            + "".join(f", {c}" for c in floats)
            + f" from {catalog}.marts.{quoted(table)}"
        )

    apart = (
        " or ".join(f"(a.{c} is null) <> (b.{c} is null) or abs(a.{c} - b.{c}) > {FLOAT_TOLERANCE}" for c in floats)
        or "false"
    )
    largest = "greatest(" + ", ".join(f"coalesce(abs(a.{c} - b.{c}), 0)" for c in floats) + ")" if floats else "0"
    only_a, only_b, differ, rows, largest_gap = con.execute(
        f"select count(*) filter (where b.k is null), count(*) filter (where a.k is null), "
        f"count(*) filter (where a.k is not null and b.k is not null and ({apart})), count(*), "
        f"coalesce(max({largest}) filter (where a.k is not null and b.k is not null), 0) "
        f"from ({side(current)}) as a full join ({side('other')}) as b on a.k = b.k and a.n = b.n"
    ).fetchone()
    if only_a or only_b or differ:
        return False, f"DIFFERENT: {only_a} rows only here, {only_b} only in the other, {differ} with floats apart"
    if largest_gap:
        return True, f"equal ({rows} rows; DOUBLE values within {largest_gap:.4g})"
    return True, f"equal ({rows} rows)"


def compare_warehouses(con, other: str) -> tuple[bool, list[str]]:
    path = other.replace("'", "''")
    con.execute(f"attach '{path}' as other (read_only)")
    here, there = mart_columns(con), mart_columns(con, "other")
    ok, lines = True, []
    for table in sorted(set(here) | set(there)):
        if table not in there or table not in here:
            ok = False
            lines.append(f"{table:<24} DIFFERENT: only in {'this warehouse' if table in here else 'the other'}")
        elif here[table] != there[table]:
            ok = False
            lines.append(f"{table:<24} DIFFERENT columns: {here[table]} vs {there[table]}")
        else:
            same, text = compare(con, table, here[table])
            ok = ok and same
            lines.append(f"{table:<24} {text}")
    return ok, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", help="the DuckDB file (opened read-only)")
    parser.add_argument("--per-column", action="store_true", help="a checksum per column too")
    parser.add_argument("--against", metavar="OTHER", help="compare with another warehouse's marts instead")
    args = parser.parse_args(argv)
    con = duckdb.connect(args.warehouse, read_only=True)
    try:
        if args.against:
            ok, lines = compare_warehouses(con, args.against)
        else:
            lines = mart_checksums(con, args.per_column)
            ok = bool(lines)
    finally:
        con.close()
    if not lines:
        print(f"{args.warehouse}: no tables in schema marts", file=sys.stderr)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
