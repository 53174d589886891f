"""The translation marker for strings defined before any widget exists (column titles, labels of
codes), typed.

``pyside6-lupdate`` finds the calls by their name, ``QT_TRANSLATE_NOOP(context, text)``, whatever
module the name comes from; PySide6's own stub types the result as ``object``, which made every
such label an error for mypy. This one returns the text as ``str`` — the Qt noise handled once.
Translate at display time with ``QCoreApplication.translate(context, text)``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; returns it unchanged."""
    del context
    return source
