#!/usr/bin/env bash
# Browser tests of the web UI against a real keyledger server, in Debian's
# headless Chromium driven by playwright-core. Installs node_modules from the
# lock file when missing or stale, then runs node's test runner.
# Env: KEYLEDGER_BIN (default <repo>/build/bin/keyledger), CHROMIUM (default
# /usr/bin/chromium), KEYLEDGER_SCREENSHOT_DIR (default <repo>/build/screenshots).
set -euo pipefail
cd "$(dirname "$0")"

chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "run.sh: $chromium not found; install Debian's chromium (tools/setup.sh --test)" >&2
  exit 1
fi
if [[ ! -f node_modules/playwright-core/package.json ]] ||
   [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node --test --test-concurrency=1 "$@" ui.test.mjs
