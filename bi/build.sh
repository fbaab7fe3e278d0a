#!/usr/bin/env bash
# Builds the Evidence site in this folder from a stancewatch serving DuckDB file (what `make bi` runs):
#   bi/build.sh /abs/path/to/serving.duckdb
# Needs node_modules (`npm ci` here; `make bi` runs it when missing). Writes build/ (the static site) and the
# Parquet extracts under .evidence/ (both ignored by git). Works offline: see the README's "BI tools" section
# for why @duckdb/duckdb-wasm is pinned to 1.28.0 and Evidence's telemetry is switched off.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
serving="${1:-}"
if [ -z "$serving" ]; then
  echo "usage: bi/build.sh SERVING_DB" >&2
  exit 2
fi
if [ ! -f "$serving" ]; then
  echo "error: no serving file at $serving: run \`make run\` first (or \`stancewatch run --warehouse ...\`)" >&2
  exit 1
fi
if [ ! -x "$here/node_modules/.bin/evidence" ]; then
  echo "error: Evidence is not installed in $here: run \`make bi\` (or \`npm ci\` in bi/)" >&2
  exit 1
fi

# Resolve the serving link once, so every query of this build reads the same publication even if the pipeline
# publishes a new one meanwhile (the last 3 versions are kept; see the README's "The publication").
resolved="$(realpath "$serving")"
cd "$here"
# The DuckDB connector joins `filename` to the source's folder, so it must be relative to it.
export EVIDENCE_SOURCE__stancewatch__filename="$(realpath --relative-to="$here/sources/stancewatch" "$resolved")"
# Evidence reads this variable only where no evidence.settings.json exists (this folder has one, saying "no").
export SEND_ANONYMOUS_USAGE_STATS=no

started=$SECONDS
node_modules/.bin/evidence sources --strict
node_modules/.bin/evidence build:strict

version="$(node --input-type=module -e '
  import { DuckDBInstance } from "@duckdb/node-api";
  const db = await DuckDBInstance.create(process.argv[1], { access_mode: "READ_ONLY" });
  const reader = await (await db.connect()).runAndReadAll("select max(version) from publication");
  console.log(reader.getRows()[0][0]);' "$resolved" 2>/dev/null || echo unknown)"
echo
echo "Evidence site built in $((SECONDS - started)) s: $here/build"
echo "  from publication $version (serving file $resolved)"
echo "  preview: python3 -m http.server --directory $here/build --bind 127.0.0.1 8080   then open http://127.0.0.1:8080/"
