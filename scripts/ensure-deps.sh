#!/bin/sh
# Installs the Debian packages feedsift builds and tests with, when they
# are missing. As root it runs apt-get itself; otherwise it prints the one
# command that does and fails, so `make` stops with a clear instruction.
set -eu
exec "$(dirname "$0")/ensure-packages.sh" feedsift \
    libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev libxml2-utils pkg-config python3 tzdata
