#!/usr/bin/env bash
# Installs every Debian package hiresafe needs to build, run, test and benchmark. Idempotent.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev libpcre2-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libsodium-dev libssl-dev libphonenumber-dev libicu-dev libxapian-dev
  nlohmann-json3-dev libsimdjson-dev libcurl4-openssl-dev libspdlog-dev prometheus-cpp-dev
  libcli11-dev libtomlplusplus-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev wrk libre2-dev
  libpango1.0-dev libcairo2-dev fonts-wqy-microhei poppler-utils
  libical-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "installing: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
