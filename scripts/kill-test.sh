#!/usr/bin/env bash
# Kill test for `newskg ingest` (issue 6): serve N generated articles on
# 127.0.0.1, ingest them once without interruption (the reference), then
# ingest into a second database while killing the process with SIGKILL at
# random moments K times, finish with one uninterrupted run, and check that
# every article is stored exactly once, the database is intact, and the
# exported graph equals the reference byte for byte.
#
#   scripts/kill-test.sh [N=300] [K=20] [DELAY=0.02]
#
# DELAY (seconds between requests, one at a time) slows ingestion down so
# that the K kills land while articles are being stored, not after the end.
set -euo pipefail
N=${1:-300}
K=${2:-20}
DELAY=${3:-0.02}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin newskg --example ingest_bench
BIN=target/release/newskg
tmp=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$tmp"' EXIT

target/release/examples/ingest_bench serve "$N" >"$tmp/url" &
SERVER=$!
for _ in $(seq 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
FEED=$(cat "$tmp/url")
FLAGS=(--no-cache --delay "$DELAY" --host-concurrency 1 --progress lines)

start=$(date +%s.%N)
"$BIN" ingest --db "$tmp/ref.db" "${FLAGS[@]}" "$FEED" 2>"$tmp/ref.log"
dur=$(echo "$(date +%s.%N) - $start" | bc)
"$BIN" export --db "$tmp/ref.db" -o "$tmp/ref.json" 2>/dev/null
echo "reference: $(tail -1 "$tmp/ref.log") in ${dur}s"

for k in $(seq "$K"); do
  "$BIN" ingest --db "$tmp/kill.db" "${FLAGS[@]}" "$FEED" 2>"$tmp/run.log" &
  pid=$!
  # A random moment in the first seconds of a run (start-up included), so
  # that most kills interrupt storing.
  wait_s=$(python3 -c "import random; print(round(random.uniform(0.05, min(2.5, $dur)), 2))")
  sleep "$wait_s"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  stored=$(python3 -c "import sqlite3; print(sqlite3.connect('$tmp/kill.db').execute('select count(*) from articles').fetchone()[0])" 2>/dev/null || echo 0)
  echo "kill $k after ${wait_s}s: $stored articles stored"
done

"$BIN" ingest --db "$tmp/kill.db" "${FLAGS[@]}" "$FEED" 2>"$tmp/final.log"
echo "final run: $(tail -1 "$tmp/final.log")"
"$BIN" export --db "$tmp/kill.db" -o "$tmp/kill.json" 2>/dev/null

python3 - "$tmp/kill.db" "$N" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
assert c.execute("pragma integrity_check").fetchone()[0] == "ok", "integrity_check failed"
articles = c.execute("select count(*) from articles").fetchone()[0]
keys = c.execute("select count(distinct key) from articles").fetchone()[0]
dup_rel = c.execute("select count(*) from (select article_id, seq from relations group by 1, 2 having count(*) > 1)").fetchone()[0]
orphans = c.execute("select count(*) from mentions where article_id not in (select id from articles)").fetchone()[0]
print(f"integrity ok; {articles} articles, {keys} distinct keys, {dup_rel} duplicated relations, {orphans} orphan mentions")
assert articles == keys == n and dup_rel == 0 and orphans == 0
PY
if cmp -s "$tmp/ref.json" "$tmp/kill.json"; then
  echo "PASS: the graph after $K kills equals the uninterrupted run's"
else
  echo "FAIL: graphs differ"; diff <(head -c 2000 "$tmp/ref.json") <(head -c 2000 "$tmp/kill.json") | head; exit 1
fi
