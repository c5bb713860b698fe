#!/bin/sh
# `make demo`: the whole pipeline offline on examples/, in a fresh state
# directory, then a look at the Atom file it wrote.
set -eu
cd "$(dirname "$0")/.."

binary=${1:-.build/debug/feedsift}
state=$(mktemp -d "${TMPDIR:-/tmp}/feedsift-demo.XXXXXX")

"$binary" check --config examples/demo.conf
"$binary" run --once --config examples/demo.conf --state-dir "$state"

atom="$state/out/feed.atom"
echo
echo "Stories in the Atom feed:"
python3 - "$atom" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
root = ET.parse(sys.argv[1]).getroot()
for entry in root.findall("a:entry", ns):
    title = entry.findtext("a:title", namespaces=ns)
    cats = ", ".join(c.get("term") for c in entry.findall("a:category", ns))
    related = entry.findall("a:link[@rel='related']", ns)
    print(f"  - {title}  [{cats}]" + (f"  (+{len(related)} related links)" if related else ""))
PY
echo
echo "$atom"
