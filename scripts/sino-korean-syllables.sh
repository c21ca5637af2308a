#!/usr/bin/env bash
# Prints data/entities/sino-korean.tsv: the readings of mecab-ko-dic's single-Chinese-character entries (see the
# file's header). Needs zstd and perl.
set -euo pipefail
cd "$(dirname "$0")/.."
sed -n '1,/^# Reproduce/p' data/entities/sino-korean.tsv
zstd -dc data/mecab-ko-dic/entries.csv.zst \
    | perl -CSD -F, -lane 'print $F[7] if length($F[0]) == 1 && $F[0] =~ /^[\x{4E00}-\x{9FFF}]$/' \
    | LC_ALL=C sort -u | sed 's/$/\tsino-korean/'
