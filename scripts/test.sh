#!/usr/bin/env bash
# Sets up the development environment and runs the whole test suite (arguments go to pytest).
# Locally it runs on SQLite and skips what needs a missing service; .ci/run points it at
# PostgreSQL and Redis and makes those tests fail instead of skip.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh requirements-dev.txt
exec python -m pytest "$@"
