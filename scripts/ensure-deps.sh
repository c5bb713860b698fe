#!/bin/sh
# Installs the Debian packages feedsift builds and tests with, when they
# are missing. As root it runs apt-get itself; otherwise it prints the one
# command that does and fails, so `make` stops with a clear instruction.
set -eu

packages="libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev libxml2-utils pkg-config python3"
missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "feedsift: installing missing Debian packages:$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "feedsift: missing Debian packages:$missing" >&2
    echo "feedsift: install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi
