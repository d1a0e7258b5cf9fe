#!/usr/bin/env bash
# One command to run keyledger: installs what is missing, builds, and starts the server.
# Extra arguments go to `keyledger serve`, e.g. tools/run.sh --http-port 3001
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
tools/build.sh keyledger
exec build/bin/keyledger serve --data-dir "${KEYLEDGER_DATA_DIR:-./data}" "$@"
