"""Named loggers and one rotating log file. Never personal data: the access log is in the database."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sqlite3
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file() -> Path:
    override = os.environ.get("PRIVDESK_LOG_DIR")
    base = Path(override) if override else Path(platformdirs.user_log_dir("privdesk", appauthor=False))
    return base / "privdesk.log"


def safe_message(exc: BaseException) -> str:
    """An exception's text without the data a database puts into it.

    PostgreSQL's messages carry the failing row (``DETAIL: Failing row contains (…)``, ``Key (…)=(…)``)
    and some carry the offending value; SQLAlchemy may add bound parameters. For those errors only
    the kind of error and the statement are kept."""
    from sqlalchemy.exc import StatementError  # here: the CLI starts without SQLAlchemy

    if isinstance(exc, StatementError):
        orig = exc.orig if exc.orig is not None else exc
        statement = " ".join((exc.statement or "").split())[:120]
        return f"{type(orig).__name__} in statement: {statement}"
    module = type(exc).__module__
    if isinstance(exc, sqlite3.Error) or module.startswith("psycopg"):
        return type(exc).__name__
    return str(exc)


def safe_traceback(exc: BaseException) -> str:
    """The whole chain (cause and context), each exception's text passed through :func:`safe_message`."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = (
                current.__cause__,
                "The above exception was the direct cause of the following exception:",
            )
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = (
                current.__context__,
                "During handling of the above exception, another exception occurred:",
            )
        else:
            current = None
    parts: list[str] = []
    for i, (e, _) in enumerate(reversed(chain)):
        if i:
            parts.append("\n" + chain[len(chain) - i][1] + "\n\n")
        tb: TracebackType | None = e.__traceback__
        parts.append("Traceback (most recent call last):\n" + "".join(traceback.format_tb(tb)))
        parts.append(f"{type(e).__module__}.{type(e).__qualname__}: {safe_message(e)}")
    return "".join(parts)


class SafeFormatter(logging.Formatter):
    """Formats exceptions with :func:`safe_traceback`: no row contents in the log file."""

    def formatException(
        self, ei: tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]
    ) -> str:
        return safe_traceback(ei[1]) if ei[1] is not None else ""


def setup_logging(level: int = logging.INFO) -> None:
    """privdesk's rotating log file (``PRIVDESK_LOG_DIR`` or the user's log folder). Called again,
    it keeps its handler, or moves it when the folder setting changed since (one process running
    several commands, as the test suite does)."""
    root = logging.getLogger("privdesk")
    path = log_file()
    for h in list(root.handlers):
        if getattr(h, "_privdesk", False):
            if getattr(h, "baseFilename", None) in (str(path), None):
                return
            root.removeHandler(h)
            h.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter(_FORMAT))
    handler._privdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
