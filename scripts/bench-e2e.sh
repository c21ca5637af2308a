#!/usr/bin/env bash
# End-to-end benchmark: saved news pages → GraphML, newskg side by side with the Python pipeline a user would
# otherwise assemble (../shared/tools/pyref.sh: trafilatura, MeCab-ko, networkx), on the same files, in the same
# run. Needs ../shared (the corpus and the tools); skips with a message without it.
#
#   scripts/bench-e2e.sh                 # everything below
#   scripts/bench-e2e.sh ratio           # one core: newskg vs Python
#   scripts/bench-e2e.sh scaling         # -j 1 vs -j N (all cores), output identical
#   scripts/bench-e2e.sh curve           # time and peak RSS at 1k, 5k, 10k articles
#
# Environment: PAGES (files for ratio/scaling, default 1100: the corpus's 36 broadcaster pages, 80 KB on average,
# repeated), ROUNDS (default 3; the best round of each side counts, rounds alternate so load from other processes
# falls on both alike), SIZES (default "1000 5000 10000"), PROFILE (the cargo profile built and measured, default
# release-lto: the production build the README installs; `PROFILE=release` measures the test build), NEWSKG_BIN
# (measure this binary instead of building one, e.g. to compare two builds).
#
# For the curve every copy of a page gets its own canonical URL (a <link rel=canonical> added after <head>), so
# 10,000 copies are 10,000 distinct articles in the graph: per-article state (article table, article sets,
# evidence) grows as with real distinct articles. The entity vocabulary does not grow (it is 40 pages' worth).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/news-html
tools=../shared/tools
if [[ ! -d $corpus || ! -x $tools/pyref.sh ]]; then
    echo "bench-e2e: $corpus or $tools/pyref.sh not found; skipping" >&2
    exit 0
fi
what=${1:-all}
pages=${PAGES:-1100}
rounds=${ROUNDS:-3}
sizes=${SIZES:-1000 5000 10000}
cores=$(nproc)
profile=${PROFILE:-release-lto}
if [[ -n ${NEWSKG_BIN:-} ]]; then
    bin=$(realpath "$NEWSKG_BIN")
else
    cargo build --profile "$profile" --quiet
    bin=$PWD/target/$profile/newskg
fi
echo "== binary: $bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# copies SRC_GLOB N DIR [distinct]: N files cycling over the pages.
copies() {
    python3 - "$@" <<'PY'
import glob, os, re, sys
pattern, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
distinct = len(sys.argv) > 4
files = sorted(glob.glob(pattern))
pages = [open(f, 'rb').read() for f in files]
os.makedirs(out, exist_ok=True)
for i in range(n):
    b = pages[i % len(pages)]
    if distinct:
        tag = b'<link rel="canonical" href="https://bench.invalid/copy/%d">' % i
        m = re.search(rb'<head[^>]*>', b, re.I)
        b = b[:m.end()] + tag + b[m.end():] if m else tag + b
    with open(os.path.join(out, 'p%05d.html' % i), 'wb') as f:
        f.write(b)
PY
}

# timed LOG CMD...: runs CMD, appends "seconds peak_kb user_s sys_s" to LOG.
timed() {
    local log=$1
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
        cat "$work/stderr" >&2
        return 1
    }
    cat "$work/time" >> "$log"
}

best() { sort -n "$1" | head -1; }
# cpu LOG: the least CPU time (user + system) of the rounds. On a machine other processes share, wall time
# includes their turns on the core; CPU time does not (it still grows a little with cache and memory contention).
cpu() { awk '{ print $3 + $4 }' "$1" | sort -n | head -1; }

if [[ $what == all || $what == ratio || $what == scaling ]]; then
    # The broadcasters (KBS, MBC, SBS, YTN): 36 pages.
    copies "$corpus/crw[kmsy]*/*.html" "$pages" "$work/pages"
    mb=$(du -sm "$work/pages" | cut -f1)
    echo "== $pages pages ($mb MB of HTML: the corpus's 36 broadcaster pages, repeated)"
fi

if [[ $what == all || $what == ratio ]]; then
    echo "== one core (taskset -c 0), best of $rounds rounds"
    "$tools/pyref.sh" "$work/warm.graphml" "$work/pages/p00000.html" 2> /dev/null # installs on first use
    : > "$work/py.log"
    : > "$work/ours.log"
    for _ in $(seq "$rounds"); do
        timed "$work/py.log" taskset -c 0 "$tools/pyref.sh" "$work/py.graphml" "$work"/pages/*.html
        timed "$work/ours.log" taskset -c 0 "$bin" extract -j 1 --progress lines "$work/pages" -o "$work/ours.graphml"
    done
    read -r py_s py_kb _ < <(best "$work/py.log")
    read -r ours_s ours_kb _ < <(best "$work/ours.log")
    python3 - "$pages" "$py_s" "$py_kb" "$ours_s" "$ours_kb" "$(cpu "$work/py.log")" "$(cpu "$work/ours.log")" <<'PY'
import sys
n, py_s, py_kb, s, kb, py_cpu, cpu = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"python reference : {py_s:7.2f} s  {n / py_s:8.1f} articles/s  peak RSS {py_kb / 1024:6.0f} MB  (CPU {py_cpu:.2f} s)")
print(f"newskg -j 1      : {s:7.2f} s  {n / s:8.1f} articles/s  peak RSS {kb / 1024:6.0f} MB  (CPU {cpu:.2f} s)")
print(f"ratio newskg / python: {py_s / s:.1f}x wall clock, {py_cpu / cpu:.1f}x CPU time")
PY
    echo "-- where newskg's time goes (-j 1, one core)"
    taskset -c 0 "$bin" extract -j 1 --progress lines --timings "$work/pages" -o "$work/ours.graphml" 2>&1 |
        sed -n '/^stage/,$p'
fi

if [[ $what == all || $what == scaling ]]; then
    echo "== scaling: -j 1 on one core vs -j $cores on $cores cores, best of $rounds rounds"
    : > "$work/j1.log"
    : > "$work/jn.log"
    for _ in $(seq "$rounds"); do
        timed "$work/j1.log" taskset -c 0 "$bin" extract -j 1 --progress lines "$work/pages" -o "$work/j1.graphml"
        timed "$work/jn.log" "$bin" extract -j "$cores" --progress lines "$work/pages" -o "$work/jn.graphml"
    done
    read -r j1_s j1_kb _ < <(best "$work/j1.log")
    read -r jn_s jn_kb _ < <(best "$work/jn.log")
    python3 - "$pages" "$cores" "$j1_s" "$j1_kb" "$jn_s" "$jn_kb" <<'PY'
import sys
n, cores, s1, kb1, sn, kbn = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:])
print(f"-j 1, 1 core     : {s1:7.2f} s  {n / s1:8.1f} articles/s  peak RSS {kb1 / 1024:6.0f} MB")
print(f"-j {cores}, {cores} cores    : {sn:7.2f} s  {n / sn:8.1f} articles/s  peak RSS {kbn / 1024:6.0f} MB")
print(f"speed-up: {s1 / sn:.2f}x")
PY
    if cmp -s "$work/j1.graphml" "$work/jn.graphml"; then
        echo "output of -j $cores identical to -j 1"
    else
        echo "output of -j $cores DIFFERS from -j 1" >&2
        exit 1
    fi
fi

if [[ $what == all || $what == curve ]]; then
    max=0
    for n in $sizes; do ((n > max)) && max=$n; done
    copies "$corpus/crw*/*.html" "$max" "$work/distinct" distinct
    echo "== growth: distinct articles (-j $cores), time and peak RSS"
    printf '%9s %9s %12s %10s %12s\n' articles seconds articles/s "peak MB" "ms/article"
    find "$work/distinct" -name '*.html' | sort > "$work/all"
    for n in $sizes; do
        head -n "$n" "$work/all" > "$work/list"
        : > "$work/curve.log"
        timed "$work/curve.log" "$bin" extract --progress lines --urls "$work/list" -o "$work/curve.graphml"
        read -r s kb _ < "$work/curve.log"
        python3 -c "import sys; n, s, kb = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); \
print(f'{n:9d} {s:9.2f} {n / s:12.1f} {kb / 1024:10.0f} {1000 * s / n:12.3f}')" "$n" "$s" "$kb"
    done
fi
