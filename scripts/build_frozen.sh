#!/bin/sh
# Build the one-folder frozen privdesk (dist/privdesk/privdesk) with build.spec and smoke-test it.
#   scripts/build_frozen.sh            # uses $PYTHON, else .venv/bin/python, else python3
# Needs PyInstaller in that Python (pip install -e '.[dev]').  The full check is `pytest -m slow`.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${PYTHON:-}" ]; then
    if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean build.spec
echo "build: $(( $(date +%s) - start )) s, size: $(du -sh dist/privdesk | cut -f1)"
dist/privdesk/privdesk --version
QT_QPA_PLATFORM=offscreen dist/privdesk/privdesk self-test
echo "self-test: ok"
