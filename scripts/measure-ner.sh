#!/usr/bin/env bash
# Measures `newskg ner` against KLUE-NER (entity-level F1 per type and overall)
# and its throughput against `newskg tokenize` on the same sentences.
# Needs ../shared (the corpus and tools); skips with a message without it.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
gold=$shared/corpus/klue-ner/klue-ner-v1.1_dev_news_a.tsv
if [[ ! -f $gold || ! -x $shared/tools/klue_ner.py ]]; then
    echo "measure-ner: $gold or $shared/tools/klue_ner.py not found; skipping" >&2
    exit 0
fi
cargo build --release --quiet
bin=target/release/newskg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$shared/tools/klue_ner.py" sentences "$gold" > "$tmp/sentences.txt"
n=$(wc -l < "$tmp/sentences.txt")
# Ten copies for timing, so start-up (dictionary load) does not dominate.
for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$tmp/sentences.txt"; done > "$tmp/x10.txt"
t0=$(date +%s.%N); "$bin" tokenize < "$tmp/x10.txt" > /dev/null; t1=$(date +%s.%N)
"$bin" ner < "$tmp/x10.txt" > /dev/null; t2=$(date +%s.%N)
"$bin" ner --klue < "$tmp/sentences.txt" > "$tmp/pred.jsonl"
python3 "$shared/tools/klue_ner.py" score "$gold" "$tmp/pred.jsonl"
python3 - "$n" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]) * 10, *map(float, sys.argv[2:])
print(f"throughput on {n} sentences: tokenize {n / (t1 - t0):.0f} sentences/s, "
      f"ner {n / (t2 - t1):.0f} sentences/s (ner/tokenize time {(t2 - t1) / (t1 - t0):.2f}x)")
PY
