#!/bin/sh
# The programs `make bench` measures against or with: GNU time (peak
# memory), curl (the fetch baseline), nginx (a reference server and the
# feed server of the cycle benchmark), wrk (the HTTP load generator).
# As root they are installed; otherwise the apt line is printed and the
# benchmarks that need a missing program are skipped.
set -eu

had_nginx=$(command -v nginx || true)
"$(dirname "$0")/ensure-packages.sh" bench time curl nginx wrk || exit 0
if [ -z "$had_nginx" ] && command -v nginx >/dev/null 2>&1; then
    # Debian starts nginx on install; the benchmarks run their own.
    if command -v systemctl >/dev/null 2>&1; then systemctl stop nginx 2>/dev/null || true; fi
    pkill -x nginx 2>/dev/null || true
fi
