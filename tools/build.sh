#!/usr/bin/env bash
# Configures and builds keyledger into build/ (Release by default).
# Usage: tools/build.sh [target...]   (default: everything, tests included)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${KEYLEDGER_BUILD_DIR:-build}
# ccache: paths below the checkout are hashed relative to it, so every clone
# of the repository (CI's included) shares one cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j"${JOBS:-2}" "${targets[@]}"
