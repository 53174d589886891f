#!/usr/bin/env bash
# Installs everything the tests need (scripts/install.sh) and runs the test suite against SQLite
# and a PostgreSQL server that the suite starts itself, including the slow test that builds the
# frozen application (benchmarks stay out: run them with -m bench). Extra arguments go to pytest
# (after ours, so e.g. `-n 0` runs everything in one process).
# Two pytest-xdist workers (the machines have 2 CPUs); each starts its own PostgreSQL cluster, and
# the frozen-build tests stay together on one worker (tests/conftest.py, ONE_WORKER_MODULES).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export QT_QPA_PLATFORM=offscreen
PYTEST_ARGS=(-m "not bench" -n 2 --durations=15)
set +e
.venv/bin/python -m pytest "${PYTEST_ARGS[@]}" "$@"
rc=$?
if [ "$rc" -ge 128 ]; then
  # The interpreter died on a signal (a native crash, not a failed test). One such crash was seen
  # once in the Qt task runner and fixed; if it comes back, say so loudly and run once more so
  # the crash is reported with its stack (faulthandler) while a second, clean run still counts.
  echo "WARNING: pytest was killed by signal $((rc - 128)); see the stack above. Running the suite once more." >&2
  .venv/bin/python -m pytest "${PYTEST_ARGS[@]}" "$@"
  rc=$?
fi
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: treated as a failure" >&2
  exit 1
fi
exit "$rc"
