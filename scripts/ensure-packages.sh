#!/bin/sh
# usage: scripts/ensure-packages.sh LABEL PACKAGE...
# Installs the Debian packages that are missing. As root it runs apt-get
# itself and exits 0; otherwise it prints the one command that does and
# exits 1. LABEL starts its messages.
set -eu

label=$1
shift
missing=""
for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "$label: installing missing Debian packages:$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "$label: missing Debian packages:$missing" >&2
    echo "$label: install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi
