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

echo "feedsift benchmarks ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores)"

# Feed parsing (issue 3): full parse (bytes -> ParsedFeed with sanitized HTML
# and text) next to libxml2's own streaming parse of the same files.
if [ -d "$DATA/feeds" ]; then
    "$BENCH" parse "$DATA/feeds"
    bytes=$(cat "$DATA"/feeds/*.xml | wc -c)
    start=$(date +%s.%N)
    xmllint --stream --noout "$DATA"/feeds/*.xml
    end=$(date +%s.%N)
    awk -v b="$bytes" -v s="$start" -v e="$end" \
        'BEGIN { printf "xmllint --stream --noout: %.1f MB in %.3f s, %.1f MB/s\n", b / 1e6, e - s, b / 1e6 / (e - s) }'
fi
