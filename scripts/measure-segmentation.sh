#!/usr/bin/env bash
# Segmentation agreement with MeCab-ko on real news sentences (KLUE-NER and KLUE-RE, from ../shared/corpus),
# plus throughput side by side with lindera's own Segmenter. Needs ../shared (the corpus and tools).
#   scripts/measure-segmentation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
tools=../shared/tools
[ -d "$corpus" ] || { echo "skipped: $corpus not found" >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$tools/klue_ner.py" sentences "$corpus/klue-ner/klue-ner-v1.1_dev_news_a.tsv" > "$work/sentences.txt"
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line)["sentence"].replace("\n", " "))
' "$corpus/klue-re/klue-re-v1_train_heldout3247.jsonl" >> "$work/sentences.txt"
cargo build --release --quiet
"$tools/mecab_ref.sh" < "$work/sentences.txt" > "$work/ref.mecab"
./target/release/newskg tokenize "$work/sentences.txt" > "$work/ours.mecab"
echo "== agreement with MeCab-ko on $(wc -l < "$work/sentences.txt") sentences"
python3 "$tools/mecab_agree.py" "$work/ref.mecab" "$work/ours.mecab"
if cmp -s "$work/ref.mecab" "$work/ours.mecab"; then echo "output byte-identical to MeCab-ko (all 8 feature fields)"; fi
