#!/bin/sh
# Poll-cycle benchmark (issue 4): 1,000 generated feeds served by nginx on
# loopback; feedsift's cycle cold (everything new: fetch, parse, dedupe,
# classify, store, publish), steady state (one new item per feed, every
# document fetched and parsed again) and warm (every feed answers 304), next to
# `curl --parallel --parallel-max 16` fetching the same URLs, in one run,
# with feedsift's peak memory. Both sides use 16 connections, and both are
# timed to the microsecond, best of three runs (cold and warm; the steady
# state once), with the highest peak memory of feedsift's runs.
#
# usage: Benchmarks/cycle.sh FEEDS_DIR FEEDSIFT_BINARY
set -eu

feeds=$(cd "$1" && pwd)
binary=$2
for program in nginx curl /usr/bin/time; do
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "cycle: $program not installed; skipped (see scripts/ensure-bench-deps.sh)" >&2
        exit 0
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/feedsift-cycle.XXXXXX")
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# One modification time for every file, so one If-Modified-Since serves
# curl's conditional pass for all of them.
touch -d "2026-11-01 00:00:00 UTC" "$feeds"/*.xml
stamp="Sun, 01 Nov 2026 00:00:00 GMT"

mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types { application/rss+xml xml; }
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx;
    scgi_temp_path $work/nginx;
    server {
        listen 127.0.0.1:$port;
        root $feeds;
    }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"

ls "$feeds" | grep '\.xml$' | sed "s|^|http://127.0.0.1:$port/|" > "$work/urls"
count=$(wc -l < "$work/urls")
bytes=$(cat "$feeds"/*.xml | wc -c)

# The benchmark configuration: every feed, 16 connections to the one host,
# min-interval lowered so a second cycle may follow at once.
{
    printf '[daemon]\nstate-dir = %s/state\nlog-level = error\n\n' "$work"
    printf '[fetch]\nconcurrency = 16\nper-host = 16\nmin-interval = 1s\nallow-private = yes\n\n'
    printf '[output]\nlisten =\n\ninclude = %s/rules.conf\n\n' "$(pwd)"
    while read -r url; do
        name=$(basename "$url" .xml)
        printf '[feed "%s"]\nurl = %s\n\n' "$name" "$url"
    done < "$work/urls"
} > "$work/bench.conf"

best() { sort -n | head -1; }
# Wall time to the microsecond: GNU time prints hundredths and cuts the rest
# off, which read curl's 0.075 s as 0.07 (7 % short).
now() { date +%s%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.4f\n", ($2 - $1) / 1e9 }'; }
seconds() { start=$(now); "$@" >/dev/null 2>&1; end=$(now); elapsed "$start" "$end"; }

curl_cold=$(for _ in 1 2 3; do
    seconds sh -c "xargs curl -s --parallel --parallel-max 16 -o /dev/null < '$work/urls'"
done | best)
curl_warm=$(for _ in 1 2 3; do
    seconds sh -c "xargs curl -s --parallel --parallel-max 16 -o /dev/null -H 'If-Modified-Since: $stamp' < '$work/urls'"
done | best)

run_cycle() {
    start=$(now)
    /usr/bin/time -f "%M %U %S" -o "$work/t" "$binary" run --once --config "$work/bench.conf" >"$work/out" 2>"$work/err" \
        || { cat "$work/err" >&2; exit 1; }
    end=$(now)
    echo "$(elapsed "$start" "$end") $(cat "$work/t")"
}
# Three runs, as for curl: the best time (with that run's CPU time), and
# the highest peak memory of the three, so that memory is never flattered.
# Prints "best_wall peak_KiB user sys worst_wall".
best_of_runs() { sort -n | awk 'NR == 1 { best = $0 } { if ($2 > peak) peak = $2; worst = $1 }
    END { split(best, f, " "); print f[1], peak, f[3], f[4], worst }'; }
cold=$(for _ in 1 2 3; do
    rm -rf "$work/state"
    run_cycle
done | best_of_runs)
items=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from items').fetchone()[0])" "$work/state/feedsift.db")

# Steady state: each feed's newest item is forgotten and its validators
# dropped, so the next cycle fetches and parses every document in full (as
# from a server without validators) and finds one new item per feed.
# The search index's triggers on items need feedsift's own tokenizer, which
# Python's sqlite3 lacks; `run --once` indexes nothing for search, so they
# are set aside while the items go and put back unchanged.
python3 - "$work/state/feedsift.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("SELECT indexed_up_to FROM search_progress").fetchone()[0] == 0
triggers = c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'items'").fetchall()
for name, _ in triggers:
    c.execute('DROP TRIGGER "%s"' % name)
newest = [(row[0],) for row in c.execute("SELECT max(id) FROM items GROUP BY feed_id")]
c.executemany("DELETE FROM item_dedupe WHERE item_id = ?", newest)
c.executemany("UPDATE items SET copy_of = NULL WHERE copy_of = ?", newest)
c.executemany("UPDATE stories SET representative_item_id = NULL WHERE representative_item_id = ?", newest)
c.executemany("DELETE FROM items WHERE id = ?", newest)
c.execute("UPDATE feeds SET next_poll_at = 0, etag = NULL, last_modified = NULL")
for _, sql in triggers:
    c.execute(sql)
c.commit()
PY
incremental=$(run_cycle)

warm=$(for _ in 1 2 3; do
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('update feeds set next_poll_at = 0'); c.commit()" "$work/state/feedsift.db"
    run_cycle
done | best_of_runs)
not_modified=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from feeds where last_status = 304').fetchone()[0])" "$work/state/feedsift.db")

echo "$cold $warm $curl_cold $curl_warm $incremental" | awk -v n="$count" -v b="$bytes" -v items="$items" -v nm="$not_modified" '{
    # Cold and warm: best wall seconds of three runs, the highest peak KiB,
    # user and system CPU seconds of the best run, the slowest wall seconds.
    # Steady state: one run. CPU time moves less than wall time on a shared
    # machine.
    printf "cycle: %d feeds, %.0f MB, %d items, served by nginx on loopback, 16 connections; best of 3 runs each\n", n, b / 1e6, items
    printf "  cold: feedsift %.2f s (%.1f× curl --parallel %.3f s; slowest run %.2f s), %.2f s of CPU, peak memory %.0f MiB\n", $1, $1 / $11, $11, $5, $3 + $4, $2 / 1024
    printf "  one new item per feed, every document fetched and parsed: feedsift %.2f s (%.1f× curl), %.2f s of CPU, peak memory %.0f MiB\n", $13, $13 / $11, $15 + $16, $14 / 1024
    printf "  warm: feedsift %.2f s (%.1f× curl conditional %.3f s; slowest run %.2f s), %.2f s of CPU, %d of %d feeds answered 304, peak memory %.0f MiB\n", $6, $6 / $12, $12, $10, $8 + $9, nm, n, $7 / 1024
}'
