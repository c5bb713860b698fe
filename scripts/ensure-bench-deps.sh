#!/bin/sh
# The programs `make bench` measures against or with: GNU time (peak
# memory), curl (the fetch baseline), nginx (a reference server and the
# feed server of the cycle benchmark), wrk (the HTTP load generator).
# As root they are installed; otherwise the apt line is printed and the
# benchmarks that need a missing program are skipped.
set -eu

packages="time curl nginx wrk"
missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "bench: installing$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    # Debian starts nginx on install; the benchmarks run their own.
    if command -v systemctl >/dev/null 2>&1; then systemctl stop nginx 2>/dev/null || true; fi
    pkill -x nginx 2>/dev/null || true
else
    echo "bench: missing$missing; install with: sudo apt-get install -y$missing" >&2
fi
