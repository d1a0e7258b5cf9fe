#!/usr/bin/env bash
# One command to test keyledger: installs what is missing, builds, runs every test with ctest.
# Usage: tools/test.sh [extra ctest arguments, e.g. -L unit or -R http]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh --test
tools/build.sh
cd build
ctest --output-on-failure -j"${JOBS:-2}" "$@"
