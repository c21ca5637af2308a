#!/usr/bin/env bash
# Relation extraction on KLUE-RE (../shared/corpus/klue-re): gold pairs → `newskg relate` → KLUE's micro F1
# (no_relation excluded), per-label precision/recall. newskg kinds are mapped to KLUE labels by the table at the
# top of ../shared/tools/klue_re.py; labels newskg has no kind for count as misses.
#   scripts/measure-relations.sh            (prints the scores; answers kept in target/klue-re-answers.jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/klue-re
tools=../shared/tools
[ -d "$corpus" ] || { echo "skipped: $corpus not found" >&2; exit 0; }
gold=$(ls "$corpus"/*.jsonl | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 "$tools/klue_re.py" inputs "$gold" > "$work/pairs.jsonl"
./target/release/newskg relate "$work/pairs.jsonl" > target/klue-re-answers.jsonl
echo "== KLUE-RE $(basename "$gold"): $(wc -l < "$work/pairs.jsonl") pairs"
python3 "$tools/klue_re.py" score "$gold" target/klue-re-answers.jsonl
