"""Named loggers and one rotating log file. Never personal data: the access log is in the database."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file() -> Path:
    override = os.environ.get("PRIVDESK_LOG_DIR")
    base = Path(override) if override else Path(platformdirs.user_log_dir("privdesk", appauthor=False))
    return base / "privdesk.log"


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger("privdesk")
    if any(getattr(h, "_privdesk", False) for h in root.handlers):
        return
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._privdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
