#!/usr/bin/env bash
# Installs everything the tests need (scripts/install.sh) and runs the test suite against SQLite
# and a PostgreSQL server that the suite starts itself, including the slow test that builds the
# frozen application (benchmarks stay out: run them with -m bench). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest -m "not bench" "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: treated as a failure" >&2
  exit 1
fi
exit "$rc"
