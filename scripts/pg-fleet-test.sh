#!/usr/bin/env bash
# Fleet test for the PostgreSQL store (issue 15): a local site of N generated
# articles (127.0.0.1), a throwaway PostgreSQL cluster (scripts/pg-cluster.sh),
# and three runs of WORKERS `newskg worker` processes over one queue, each
# checked against an uninterrupted single-process SQLite run of the same site:
#
#   1. clean: every article stored once, every article URL requested once
#      (the site's own log), the per-host delay held across the workers (the
#      site's arrival times), the JSON export equal byte for byte;
#   2. kills: K times `kill -9` of a random worker (a new one takes its
#      place), then a clean finish: nothing lost, nothing duplicated, the
#      export equal byte for byte;
#   3. restart: the server is stopped hard (immediate: a crash) and started
#      again mid-run: the workers retry with back-off and finish, the export
#      equal byte for byte.
#
#   scripts/pg-fleet-test.sh [N=2000] [K=20] [DELAY=0.02] [WORKERS=4]
#
# Workers run with a 10 s lease; a killed worker's claims come back at once
# (its process is gone from this machine) and its host turn and slots with
# its connection.
set -euo pipefail
N=${1:-2000}
K=${2:-20}
DELAY=${3:-0.02}
WORKERS=${4:-4}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin newskg --example ingest_bench
BIN=$PWD/target/release/newskg
tmp=$(mktemp -d)
chmod 755 "$tmp"
SERVER=
pids=()
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  scripts/pg-cluster.sh stop "$tmp/pg" immediate 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

target/release/examples/ingest_bench serve "$N" "$tmp/hits.log" >"$tmp/url" &
SERVER=$!
for _ in $(seq 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
FEED=$(cat "$tmp/url")
URL=$(scripts/pg-cluster.sh start "$tmp/pg")
psql_() { scripts/pg-cluster.sh psql "$tmp/pg" -At "$@"; }
FLAGS=(--no-cache --progress lines --retries 1)
unset NEWSKG_DB NEWSKG_LOG

start=$(date +%s.%N)
"$BIN" ingest --db "$tmp/ref.db" --delay 0 "${FLAGS[@]}" "$FEED" 2>"$tmp/ref.log"
echo "reference (one SQLite process, no delay): $(tail -1 "$tmp/ref.log") in $(echo "$(date +%s.%N) - $start" | bc) s"
"$BIN" export --db "$tmp/ref.db" -o "$tmp/ref.json" 2>/dev/null

db_url() { psql_ -d postgres -c "CREATE DATABASE $1" >/dev/null; echo "${URL%/*}/$1"; }
worker() { "$BIN" worker --db "$1" --until-empty --lease 10s --delay "$DELAY" "${FLAGS[@]}" 2>>"$tmp/workers.log" & }

check() { # name db
  local name=$1 db=$2
  "$BIN" export --db "$db" -o "$tmp/$name.json" 2>/dev/null
  local counts
  counts=$(psql_ -d "$name" -c "SELECT count(*), count(DISTINCT key) FROM articles" | tr '|' ' ')
  local left
  left=$(psql_ -d "$name" -c "SELECT count(*) FROM url_queue WHERE state <> 'done'")
  echo "  $name: articles, distinct keys: $counts; queue entries not done: $left"
  [ "$counts" = "$N $N" ] && [ "$left" = 0 ] || { echo "FAIL: $name lost or duplicated articles"; exit 1; }
  if cmp -s "$tmp/ref.json" "$tmp/$name.json"; then
    echo "  $name: export equals the single-process SQLite run byte for byte"
  else
    echo "FAIL: $name: exports differ"; exit 1
  fi
}

# 1. clean run
from=$(wc -l <"$tmp/hits.log")
DB=$(db_url clean)
"$BIN" ingest --db "$DB" --enqueue-only "${FLAGS[@]}" "$FEED" 2>/dev/null
start=$(date +%s.%N)
pids=()
for _ in $(seq "$WORKERS"); do worker "$DB"; pids+=($!); done
wait "${pids[@]}"
secs=$(echo "$(date +%s.%N) - $start" | bc)
echo "clean: $WORKERS workers, delay ${DELAY}s, $N articles in ${secs} s"
tail -n +"$((from + 1))" "$tmp/hits.log" >"$tmp/clean-hits.log"
python3 - "$tmp/clean-hits.log" "$N" "$DELAY" <<'PY'
import re, sys
log, n, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
hits, times = {}, []
for line in open(log):
    t, path = line.split(" ", 1)
    m = re.match(r"/news/(\d+)", path)
    if m:
        hits[int(m.group(1))] = hits.get(int(m.group(1)), 0) + 1
        times.append(float(t))
times.sort()
gaps = [b - a for a, b in zip(times, times[1:])]
once = sum(1 for i in range(n) if hits.get(i) == 1)
print(f"  clean: {len(times)} article requests, {once} of {n} articles requested exactly once; "
      f"gaps between requests as the site saw them: min {min(gaps)*1000:.2f} ms, "
      f"median {sorted(gaps)[len(gaps)//2]*1000:.2f} ms (delay {delay*1000:.0f} ms)")
assert once == n == len(times), "an article was requested more than once, or not at all"
assert min(gaps) >= delay, "the per-host delay was not held across the workers"
PY
check clean "$DB"

# 2. kill -9 of random workers, then a clean finish
DB=$(db_url kills)
"$BIN" ingest --db "$DB" --enqueue-only "${FLAGS[@]}" "$FEED" 2>/dev/null
pids=()
for _ in $(seq "$WORKERS"); do worker "$DB"; pids+=($!); done
for k in $(seq "$K"); do
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 2.0), 2))')"
  i=$((RANDOM % WORKERS))
  { kill -9 "${pids[$i]}" && wait "${pids[$i]}"; } 2>/dev/null || true
  stored=$(psql_ -d kills -c "SELECT count(*) FROM articles")
  echo "  kill $k: worker ${pids[$i]} killed with $stored articles stored"
  worker "$DB"; pids[$i]=$!
done
wait "${pids[@]}" 2>/dev/null || true
"$BIN" worker --db "$DB" --until-empty --delay "$DELAY" "${FLAGS[@]}" 2>"$tmp/final.log"
echo "kills: $K × kill -9, then: $(grep 'worker stopped' "$tmp/final.log")"
check kills "$DB"

# 3. the server crashes (pg_ctl stop -m immediate) and comes back mid-run
DB=$(db_url restart)
"$BIN" ingest --db "$DB" --enqueue-only "${FLAGS[@]}" "$FEED" 2>/dev/null
pids=()
for _ in $(seq "$WORKERS"); do worker "$DB"; pids+=($!); done
sleep 5
stored=$(psql_ -d restart -c "SELECT count(*) FROM articles")
scripts/pg-cluster.sh stop "$tmp/pg" immediate
echo "restart: server stopped (immediate) with $stored articles stored; down for 3 s"
sleep 3
scripts/pg-cluster.sh start-again "$tmp/pg"
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
echo "  restart: workers finished ($failed exited non-zero)"
"$BIN" worker --db "$DB" --until-empty --delay "$DELAY" "${FLAGS[@]}" 2>/dev/null
check restart "$DB"
grep -c "retrying in" "$tmp/workers.log" | xargs echo "  log lines of workers retrying the server:"
echo "PASS"
