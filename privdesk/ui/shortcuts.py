"""The keyboard shortcuts (단축키): one table, used by the main window to bind them and by the
도움말 → 단축키 window to list them (never retyped elsewhere).

A :class:`Shortcut` with a ``command`` is bound by :func:`install`; one without (``command=""``)
is a rule every screen follows (Enter and Escape in dialogs) and is only listed; ``lock`` and
``guide`` are the keys of the menu actions that use them (계정 → 화면 잠금, 도움말 → 사용 설명서). The commands
the main window handles are :data:`COMMANDS`; what each does on a page is the page's
(:class:`privdesk.ui.page.Page`: ``search_box``, ``refresh``, ``new_action``, ``print_action``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from privdesk.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Shortcuts"
PAGE_KEYS = 9  # Alt+1 … Alt+9: the first nine pages of the navigation


@dataclass(frozen=True)
class Shortcut:
    """``keys`` in Qt's portable text (``Ctrl+F``); ``text`` the Korean source text (translated in
    the ``Shortcuts`` context); ``command`` the name :func:`install` binds (empty: listed only)."""

    command: str
    keys: str
    text: str

    def label(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.text)

    def shown_keys(self) -> str:
        """The keys as the user reads them (``Ctrl+F``, ``Alt+1 … Alt+9``)."""
        if self.command == "page":
            first = QKeySequence("Alt+1").toString(QKeySequence.SequenceFormat.NativeText)
            last = QKeySequence(f"Alt+{PAGE_KEYS}").toString(QKeySequence.SequenceFormat.NativeText)
            return f"{first} … {last}"
        if not self.command:
            return self.keys
        return QKeySequence(self.keys).toString(QKeySequence.SequenceFormat.NativeText)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("search", "Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "현재 화면의 검색·필터 칸으로 이동")),
    Shortcut("refresh", "F5", QT_TRANSLATE_NOOP("Shortcuts", "현재 화면을 새로 읽기")),
    Shortcut(
        "new",
        "Ctrl+N",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "새로 등록 (환자, 정보주체 요구, CCTV 열람 요구, 제공 기록, 사고, 신고, 계정 …)"
        ),
    ),
    Shortcut(
        "print",
        "Ctrl+P",
        QT_TRANSLATE_NOOP("Shortcuts", "선택한 기록 또는 화면의 대장 출력 (출력 사유를 묻습니다)"),
    ),
    Shortcut("page", "Alt+1", QT_TRANSLATE_NOOP("Shortcuts", "왼쪽 목록의 1~9번째 화면으로 이동")),
    Shortcut("lock", "Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "화면 잠금")),
    Shortcut("guide", "F1", QT_TRANSLATE_NOOP("Shortcuts", "사용 설명서 열기")),
    Shortcut("", "Enter", QT_TRANSLATE_NOOP("Shortcuts", "대화상자: 기본 단추 (확인·저장)")),
    Shortcut("", "Esc", QT_TRANSLATE_NOOP("Shortcuts", "대화상자: 취소 (아무것도 바꾸지 않고 닫기)")),
    Shortcut("", "Tab", QT_TRANSLATE_NOOP("Shortcuts", "다음 입력 칸 (Shift+Tab: 이전 칸)")),
)

COMMANDS = frozenset(s.command for s in SHORTCUTS if s.command)


def shortcut(command: str) -> Shortcut:
    for s in SHORTCUTS:
        if s.command == command:
            return s
    raise KeyError(command)


def install(
    window: QWidget,
    handlers: Mapping[str, Callable[[], object]],
    *,
    page: Callable[[int], object] | None = None,
) -> dict[str, QAction]:
    """Bind each shortcut that has a handler to ``window`` (window-wide: not inside dialogs) and
    return the actions by name (``page1`` … ``page9`` for ``page(n)``, n from 0)."""
    actions: dict[str, QAction] = {}
    for s in SHORTCUTS:
        if s.command == "page":
            if page is None:
                continue
            for n in range(PAGE_KEYS):
                action = QAction(window)
                action.setObjectName(f"page{n + 1}Shortcut")
                action.setShortcut(QKeySequence(f"Alt+{n + 1}"))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.triggered.connect(lambda _checked=False, n=n: page(n))
                window.addAction(action)
                actions[f"page{n + 1}"] = action
            continue
        handler = handlers.get(s.command)
        if handler is None:
            continue
        action = QAction(s.label(), window)
        action.setObjectName(f"{s.command}Shortcut")
        action.setShortcut(QKeySequence(s.keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, h=handler: h())
        window.addAction(action)
        actions[s.command] = action
    return actions
