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
$BENCH rules
