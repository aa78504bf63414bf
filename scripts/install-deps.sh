#!/usr/bin/env bash
# Installs the Debian packages fluxi builds with (skips apt-get when they are all present already).
set -euo pipefail
PACKAGES=(g++ cmake make pkg-config antlr4 default-jre-headless libantlr4-runtime-dev doctest-dev
          libre2-dev libsqlite3-dev libhowardhinnant-date-dev libcli11-dev libedit-dev
          tzdata tmux ccache
          libs2-dev libabsl-dev libzstd-dev
          libcurl4-openssl-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
          libpq-dev postgresql libmariadb-dev mariadb-server libmosquitto-dev mosquitto influxdb
          curl gzip
          clang libclang-rt-14-dev)  # clang: the sanitizer build and the libFuzzer targets (scripts/fuzz.sh)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm for the JavaScript client tests, from Debian unless the machine already has them.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
# The JavaScript client tests of `fluxi serve` (tests/js): the official InfluxDB client from npm, at the
# versions package-lock.json pins.
js_dir="$(cd "$(dirname "$0")/../tests/js" && pwd)"
if [ ! -d "$js_dir/node_modules/@influxdata/influxdb-client" ]; then
  (cd "$js_dir" && npm ci --no-audit --no-fund)
fi
