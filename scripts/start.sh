#!/usr/bin/env bash
# Installs privdesk (scripts/install.sh) and starts the application on its embedded SQLite default
# (the first start opens the set-up wizard). Extra arguments go to privdesk.
#
# On a machine without a screen (no DISPLAY / WAYLAND_DISPLAY / QT_QPA_PLATFORM, or Qt told to
# draw nowhere: QT_QPA_PLATFORM=offscreen or minimal) it installs,
# then says so and stops with exit code 3: a window nobody can see helps no one. What works there:
# `.venv/bin/privdesk demo --no-gui` and the command line (`.venv/bin/privdesk --help`).
#   --virtual-screen   start the window anyway, inside a virtual screen (xvfb-run)
#   --check-screen     only check for a screen (no install): exit 0 with one, 3 without
set -euo pipefail
cd "$(dirname "$0")/.."

NO_SCREEN=3

has_screen() {
  # Qt's offscreen and minimal platforms draw nowhere: no screen, whatever DISPLAY says
  case "${QT_QPA_PLATFORM:-}" in
    offscreen | offscreen:* | minimal | minimal:*) return 1 ;;
  esac
  [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]
}

no_screen_message() {
  cat >&2 <<'EOF'
[start] 화면(디스플레이)이 없습니다: 이 PC에서는 프로그램 창을 볼 수 없어 시작하지 않습니다.
        체험용 데이터베이스 만들기:  .venv/bin/privdesk demo --no-gui
        명령줄 사용법:                .venv/bin/privdesk --help
        가상 화면에서 그래도 시작:    bash scripts/start.sh --virtual-screen
[start] No screen (display) found: the program window could not be seen here, so it is not started.
        Make the demo database:       .venv/bin/privdesk demo --no-gui
        The command line:             .venv/bin/privdesk --help
        Start in a virtual screen:    bash scripts/start.sh --virtual-screen
EOF
}

virtual=0
check_only=0
args=()
for arg in "$@"; do
  case "$arg" in
    --virtual-screen) virtual=1 ;;
    --check-screen) check_only=1 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$check_only" = 1 ]; then
  if has_screen; then
    exit 0
  fi
  no_screen_message
  exit "$NO_SCREEN"
fi

PRIVDESK_EXTRAS=test bash scripts/install.sh
if has_screen; then
  exec .venv/bin/privdesk "${args[@]+"${args[@]}"}"
fi
if [ "$virtual" = 1 ]; then
  echo "[start] no screen found: starting a virtual one with xvfb-run (--virtual-screen)" >&2
  exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/privdesk "${args[@]+"${args[@]}"}"
fi
no_screen_message
exit "$NO_SCREEN"
