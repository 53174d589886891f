#!/usr/bin/env bash
# Installs privdesk (scripts/install.sh) and starts the application on its embedded SQLite default
# (the first start opens the set-up wizard). Extra arguments go to privdesk.
set -euo pipefail
cd "$(dirname "$0")/.."
PRIVDESK_EXTRAS=test bash scripts/install.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "[start] no screen found: starting a virtual one with xvfb-run" >&2
  exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/privdesk "$@"
fi
exec .venv/bin/privdesk "$@"
