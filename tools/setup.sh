#!/usr/bin/env bash
# Installs the Debian packages keyledger needs, only those that are missing.
# Usage: tools/setup.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail

packages=(cmake g++ ccache pkg-config
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev
  libabsl-dev librocksdb-dev libprotobuf-dev protobuf-compiler libssl-dev nettle-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium openssl curl)
  # Node.js may come from elsewhere than Debian (with its own npm, which
  # conflicts with Debian's npm package): only install it when missing.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
