#!/usr/bin/env bash
# Prints data/entities/sino-korean.tsv: the readings of mecab-ko-dic's single-Chinese-character entries, and for the
# characters without such an entry (出, 言, 入, 特), their reading as the first character of the dictionary's
# Chinese words, when one reading has at least twenty of those words and half of them (see the file's header).
# Needs zstd and perl.
set -euo pipefail
cd "$(dirname "$0")/.."
sed -n '1,/^# Reproduce/p' data/entities/sino-korean.tsv
zstd -dc data/mecab-ko-dic/entries.csv.zst \
    | perl -CSD -F, -lane '
        next unless $F[0] =~ /^[\x{4E00}-\x{9FFF}]+$/;
        if (length($F[0]) == 1) { $single{$F[0]} = 1; print $F[7]; next }
        next unless length($F[7]) == length($F[0]) && $F[7] =~ /^[\x{AC00}-\x{D7A3}]+$/;
        $first{substr($F[0], 0, 1)}{substr($F[7], 0, 1)}++;
        END {
            for my $c (keys %first) {
                next if $single{$c};
                my %r = %{$first{$c}};
                my $total = 0; $total += $_ for values %r;
                my ($best) = sort { $r{$b} <=> $r{$a} || $a cmp $b } keys %r;
                print $best if $r{$best} >= 20 && 2 * $r{$best} >= $total;
            }
        }' \
    | LC_ALL=C sort -u | sed 's/$/\tsino-korean/'
