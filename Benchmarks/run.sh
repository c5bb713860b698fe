#!/bin/sh
# `make bench`: builds the corpora the benchmarks need under .build/bench
# (from ../shared/bench/gen_corpus.py) and prints every figure.
set -eu
cd "$(dirname "$0")/.."

BENCH=.build/release/feedsift-bench
DATA=.build/bench
SHARED=${FEEDSIFT_SHARED:-../shared}
mkdir -p "$DATA"

if [ -f "$SHARED/bench/gen_corpus.py" ]; then
    if [ ! -f "$DATA/feeds/MANIFEST.tsv" ]; then
        python3 "$SHARED/bench/gen_corpus.py" --feeds 1000 --out "$DATA/feeds" >/dev/null
    fi
else
    echo "bench: $SHARED/bench/gen_corpus.py not found; corpus-based benchmarks skipped" >&2
fi

./scripts/ensure-bench-deps.sh || true

echo "feedsift benchmarks ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores)"
$BENCH rules

# Feed parsing (issue 3): full parse (bytes -> ParsedFeed with sanitized HTML
# and text) next to libxml2's own streaming parse of the same files, and the
# ratio of their CPU throughputs (the target is at least 0.6).
if [ -d "$DATA/feeds" ]; then
    parse_line=$("$BENCH" parse "$DATA/feeds")
    echo "$parse_line"
    bytes=$(cat "$DATA"/feeds/*.xml | wc -c)
    # Best of three, wall and CPU (user+sys) time, like feedsift-bench.
    xmllint_line=$(for _ in 1 2 3; do
        /usr/bin/time -f "%e %U %S" -o "$DATA/xmllint.time" xmllint --stream --noout "$DATA"/feeds/*.xml
        cat "$DATA/xmllint.time"
    done | awk -v b="$bytes" '
        NR == 1 || $1 < w { w = $1 }
        NR == 1 || $2 + $3 < c { c = $2 + $3 }
        END { printf "xmllint --stream --noout: %.1f MB, best of 3: %.3f s wall (%.1f MB/s), %.3f s CPU (%.1f MB/s)\n",
              b / 1e6, w, b / 1e6 / w, c, b / 1e6 / c }')
    echo "$xmllint_line"
    printf '%s\n%s\n' "$parse_line" "$xmllint_line" | awk '
        { if (match($0, /CPU \([0-9.]+ MB\/s\)/)) rate[NR] = substr($0, RSTART + 5, RLENGTH - 11) + 0 }
        END { if (rate[1] > 0 && rate[2] > 0) printf "parse / xmllint --stream (CPU): %.2fx (target: 0.60x)\n", rate[1] / rate[2] }'
fi

# Poll cycle (issue 4): 1,000 feeds from nginx, cold and warm, next to curl.
if [ -d "$DATA/feeds" ]; then
    ./Benchmarks/cycle.sh "$DATA/feeds" .build/release/feedsift
fi

# Built-in HTTP server (issue 7): a 200 KB feed, full GETs and 304s per
# second with wrk, next to nginx serving the same file in the same run.
if command -v wrk >/dev/null 2>&1 && [ -x /usr/sbin/nginx ] && command -v curl >/dev/null 2>&1; then
    "$BENCH" http --data "$DATA/http"
else
    echo "bench: HTTP benchmark skipped: it needs wrk, nginx and curl (see scripts/ensure-bench-deps.sh)" >&2
fi

# Control socket (issue 8): search and stories latency on a store of a
# million generated items (built once, about 3 minutes, cached in $DATA).
"$BENCH" control --data "$DATA"

# Deduplication (issue 5): items placed per second into a window already
# holding 100,000 and 1,000,000 generated items, and the index's memory.
"$BENCH" dedupe
