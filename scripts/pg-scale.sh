#!/usr/bin/env bash
# Exports at scale (issue 15): a store of N articles of a growing vocabulary
# (examples/store_bench.rs: one new entity per article, dates spread over
# 2026) on a throwaway PostgreSQL cluster, then with /usr/bin/time -v the
# wall time and peak RSS of `newskg export` of a one-week window and of
# everything; the same on SQLite (copied with `newskg db copy`) for
# comparison.
#
#   scripts/pg-scale.sh [N=100000] [TYPED=1] [PAIRS=24]
#
# TYPED typed relations and PAIRS co-occurrences per article (defaults: the
# pipeline's proportions on the corpus, see examples/store_bench.rs); the
# graph held by an export grows with the distinct relations it keeps.
set -euo pipefail
N=${1:-100000}
TYPED=${2:-1}
PAIRS=${3:-24}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin newskg --example store_bench
BIN=$PWD/target/release/newskg
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'scripts/pg-cluster.sh stop "$tmp/pg" immediate 2>/dev/null || true; rm -rf "$tmp"' EXIT
URL=$(scripts/pg-cluster.sh start "$tmp/pg")
scripts/pg-cluster.sh psql "$tmp/pg" -q -c "CREATE DATABASE scale"
DB=${URL%/*}/scale
unset NEWSKG_DB NEWSKG_LOG
target/release/examples/store_bench fill "$DB" "$N" "$TYPED" "$PAIRS"

measure() { # label, export arguments...
  local label=$1
  shift
  /usr/bin/time -v "$BIN" export "$@" 2>"$tmp/time.log" >/dev/null || { cat "$tmp/time.log"; exit 1; }
  local wall rss summary
  wall=$(grep "Elapsed (wall clock)" "$tmp/time.log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$tmp/time.log" | awk '{print $NF}')
  summary=$(grep "newskg: graph of" "$tmp/time.log" | sed 's/ → .*//')
  printf '%-40s wall %8s  peak RSS %6d MB  (%s)\n' "$label" "$wall" $((rss / 1024)) "${summary#newskg: }"
}

for db in "$DB" "$tmp/scale.db"; do
  if [ "$db" = "$tmp/scale.db" ]; then
    "$BIN" db copy --from "$DB" --to "$db" 2>&1 | tail -1
    name=SQLite
  else
    name=PostgreSQL
  fi
  measure "$name: one week (2026-06-01..07), GraphML" --db "$db" --since 2026-06-01 --until 2026-06-07 -o "$tmp/week.graphml"
  measure "$name: one week (2026-06-01..07), JSON" --db "$db" --since 2026-06-01 --until 2026-06-07 -o "$tmp/week.json"
  measure "$name: everything, GraphML" --db "$db" -o "$tmp/all.graphml"
  measure "$name: everything, JSON" --db "$db" -o "$tmp/all.json"
  measure "$name: one week, --co-occurrence" --db "$db" --since 2026-06-01 --until 2026-06-07 --co-occurrence -o "$tmp/week-co.graphml"
done
"$BIN" stats --db "$DB" >"$tmp/stats.txt"; head -7 "$tmp/stats.txt"
