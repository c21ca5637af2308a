#!/usr/bin/env bash
# Entity recognition time against input size: one plain-text article of 1, 2, 4 and 8 MB (SIZES), made by
# repeating text, run through `newskg extract --timings`; prints the tokenize and entities seconds per size and
# entities µs per KB, which stays flat when the stage is linear. The text is data/samples/*.txt, plus the
# corpus's business articles (../shared/corpus/tech-news) when they are there (more varied names).
#
#   scripts/bench-entities-scale.sh              # 1 2 4 8 MB
#   SIZES="1 2" scripts/bench-entities-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-1 2 4 8}
cargo build --release --quiet
bin=$PWD/target/release/newskg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sources=(data/samples/*.txt)
if [[ -d ../shared/corpus/tech-news ]]; then
    sources+=(../shared/corpus/tech-news/*.txt)
fi
cat "${sources[@]}" > "$work/seed.txt"
printf '%-6s %10s %10s %14s\n' MB tokenize entities 'entities µs/KB'
for mb in $sizes; do
    python3 - "$work/seed.txt" "$mb" "$work/in.txt" <<'PY'
import sys
seed, mb, out = open(sys.argv[1], encoding='utf-8').read(), int(sys.argv[2]), sys.argv[3]
want = mb * 1024 * 1024
text = seed * (want // len(seed.encode()) + 1)
open(out, 'w', encoding='utf-8').write(text.encode()[:want].decode('utf-8', 'ignore'))
PY
    "$bin" extract "$work/in.txt" -o "$work/out.json" --timings 2> "$work/timings.txt"
    tok=$(awk '$1 == "tokenize" {print $2}' "$work/timings.txt")
    ent=$(awk '$1 == "entities" {print $2}' "$work/timings.txt")
    per=$(python3 -c "print(f'{$ent * 1e6 / ($mb * 1024):.0f}')")
    printf '%-6s %10s %10s %14s\n' "$mb" "$tok" "$ent" "$per"
done
