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
# Lint and types first (seconds): a red lint is a red build, as on a developer's machine.
.venv/bin/ruff check privdesk tests scripts
.venv/bin/ruff format --check privdesk tests scripts
.venv/bin/mypy privdesk
set +e
.venv/bin/python -m pytest "${PYTEST_ARGS[@]}" "$@"
rc=$?
if [ "$rc" -ge 128 ]; then
  # The interpreter died on a signal: a native crash, not a failed test. Its stack is above
  # (faulthandler). Report it and fail; never hide it behind a second run.
  echo "FAILED: pytest was killed by signal $((rc - 128)) (a native crash); see the stack above." >&2
  exit "$rc"
fi
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: treated as a failure" >&2
  exit 1
fi
exit "$rc"
