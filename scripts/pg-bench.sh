#!/usr/bin/env bash
# Worker throughput (issue 15): N generated articles served locally, queued
# in a throwaway PostgreSQL cluster, then worked by one worker process pinned
# to one core and by two pinned to one core each (`-j 1`, no per-host delay,
# no HTTP cache). Prints articles/s for each and the speed-up, and the CPU
# time the workers spent per article (the same for one and two workers
# means they cost each other nothing; on a machine busy with other work the
# wall-clock ratio says less). The server, PostgreSQL and the site share the
# same two cores, as on a small machine.
#
#   scripts/pg-bench.sh [N=1000] [ROUNDS=3]
set -euo pipefail
N=${1:-1000}
ROUNDS=${2:-3}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin newskg --example ingest_bench
BIN=$PWD/target/release/newskg
tmp=$(mktemp -d)
chmod 755 "$tmp"
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER"; scripts/pg-cluster.sh stop "$tmp/pg" immediate 2>/dev/null || true; rm -rf "$tmp"' EXIT
target/release/examples/ingest_bench serve "$N" >"$tmp/url" &
SERVER=$!
for _ in $(seq 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
FEED=$(cat "$tmp/url")
URL=$(scripts/pg-cluster.sh start "$tmp/pg")
unset NEWSKG_DB NEWSKG_LOG
FLAGS=(--no-cache --delay 0 --host-concurrency 16 -j 1 --progress lines)
run() { # cores...
  local name
  name=b$(date +%s%N)
  scripts/pg-cluster.sh psql "$tmp/pg" -q -c "CREATE DATABASE $name"
  local db=${URL%/*}/$name
  "$BIN" ingest --db "$db" --enqueue-only "${FLAGS[@]}" "$FEED" 2>/dev/null
  local start pids=()
  start=$(date +%s.%N)
  rm -f "$tmp"/cpu.*
  for core in "$@"; do
    taskset -c "$core" /usr/bin/time -f "%U %S" -o "$tmp/cpu.$core" \
      "$BIN" worker --db "$db" --until-empty "${FLAGS[@]}" 2>/dev/null &
    pids+=($!)
  done
  wait "${pids[@]}"
  local rate cpu
  rate=$(echo "$N / ($(date +%s.%N) - $start)" | bc -l)
  cpu=$(cat "$tmp"/cpu.* | awk '{ s += $1 + $2 } END { print s }')
  echo "$rate $(echo "$cpu * 1000 / $N" | bc -l)"
}
for r in $(seq "$ROUNDS"); do
  read -r one one_cpu <<<"$(run 0)"
  read -r two two_cpu <<<"$(run 0 1)"
  printf 'round %d: one worker %.0f articles/s (%.2f ms CPU each), two workers %.0f articles/s (%.2f ms CPU each): %.2f×\n' \
    "$r" "$one" "$one_cpu" "$two" "$two_cpu" "$(echo "$two / $one" | bc -l)"
done
