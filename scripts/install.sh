#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for privdesk: system packages, Python >= 3.12,
# and the virtual environment .venv with privdesk and its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[install] %s\n' "$*"; }

# -- system packages --------------------------------------------------------------------------
# Qt's xcb/offscreen runtime libraries, fonts-nanum for Hangul, poppler-utils to check PDFs,
# xvfb for screenshots on a machine without a screen, PostgreSQL 15 server for the test suite,
# zbar-tools to read back the QR code of the key recovery sheet in a test.
PKGS=(fonts-nanum poppler-utils zbar-tools xvfb xauth libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0
      libfontconfig1 libdbus-1-3 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libxcb-cursor0)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  PKGS+=(postgresql)
fi
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  if command -v apt-get >/dev/null 2>&1; then
    log "apt-get install ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "please install: ${missing[*]}"
  fi
fi

# -- Python >= 3.12 (PySide6 6.12 on 3.11 crashes: see ../shared/TECH-NOTES.md) ----------------
find_python() {
  local c
  for c in "${PRIVDESK_PYTHON:-}" python3.12 python3.13 \
           "$HOME"/.pyenv/versions/3.12*/bin/python "$HOME"/.pyenv/versions/3.13*/bin/python \
           /root/.pyenv/versions/3.12*/bin/python /root/.pyenv/versions/3.13*/bin/python python3; do
    [ -n "$c" ] || continue
    if command -v "$c" >/dev/null 2>&1 || [ -x "$c" ]; then
      if "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        echo "$c"; return 0
      fi
    fi
  done
  return 1
}
if ! PY=$(find_python); then
  if command -v pyenv >/dev/null 2>&1; then
    log "pyenv install 3.12"
    pyenv install -s 3.12
    PY=$(find_python)
  else
    echo "privdesk needs Python 3.12 or newer (set PRIVDESK_PYTHON=/path/to/python3.12)" >&2
    exit 1
  fi
fi

# -- virtual environment -----------------------------------------------------------------------
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  log "creating .venv with $("$PY" --version)"
  rm -rf .venv
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[${PRIVDESK_EXTRAS:-test}]"
log "ready: $(.venv/bin/privdesk --version)"
