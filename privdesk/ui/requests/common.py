"""Pieces shared by the data-subject request screens (정보주체 요구 공통): the translatable labels of
the core's codes, the days-left text with its marker, the urgency colours and styles, and the
handling of a stale copy (동시 수정 충돌).

The days-left cell is coloured (overdue red, due soon amber) *and* says so in words ("기한 초과",
"임박"), so the urgency does not rest on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from privdesk.errors import VersionConflictError
from privdesk.rights.requests import Urgency
from privdesk.ui import messages
from privdesk.ui.clocks import CLOSED_FOREGROUND as CLOSED_FOREGROUND  # the one set of clock colours
from privdesk.ui.clocks import DUE_SOON_BACKGROUND as DUE_SOON_BACKGROUND
from privdesk.ui.clocks import DUE_SOON_FOREGROUND as DUE_SOON_FOREGROUND
from privdesk.ui.clocks import OVERDUE_BACKGROUND as OVERDUE_BACKGROUND
from privdesk.ui.clocks import OVERDUE_FOREGROUND as OVERDUE_FOREGROUND
from privdesk.ui.i18n import QT_TRANSLATE_NOOP

CTX = "Requests"
ERROR_STYLE = "color: #a00000;"
OVERDUE_STYLE = (
    "color: #7f0000; background: #fde7e9; padding: 6px; border: 1px solid #f1a7ae; font-weight: bold;"
)
DUE_SOON_STYLE = "color: #8a4b00; background: #fff3e0; padding: 6px; border: 1px solid #f0c080;"
OK_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 6px; border: 1px solid #a5d6a7;"
INFO_STYLE = "color: #333; background: #f4f5f7; padding: 6px; border: 1px solid #d0d4da;"
UNMASKED_STYLE = "color: #8a4b00;"

# Labels of the core's codes (the source texts match the core's Korean labels).
KIND_TEXT = {
    "access": QT_TRANSLATE_NOOP("Requests", "열람"),
    "correct": QT_TRANSLATE_NOOP("Requests", "정정"),
    "delete": QT_TRANSLATE_NOOP("Requests", "삭제"),
    "suspend": QT_TRANSLATE_NOOP("Requests", "처리정지"),
    "withdraw": QT_TRANSLATE_NOOP("Requests", "동의철회·회원탈퇴"),
}
STATE_TEXT = {
    "received": QT_TRANSLATE_NOOP("Requests", "접수"),
    "verified": QT_TRANSLATE_NOOP("Requests", "본인 확인"),
    "in_progress": QT_TRANSLATE_NOOP("Requests", "처리 중"),
    "extended": QT_TRANSLATE_NOOP("Requests", "기간 연장"),
    "completed": QT_TRANSLATE_NOOP("Requests", "완료"),
    "partly_completed": QT_TRANSLATE_NOOP("Requests", "일부 완료"),
    "refused": QT_TRANSLATE_NOOP("Requests", "거절"),
    "withdrawn": QT_TRANSLATE_NOOP("Requests", "취하"),
}
RELATION_TEXT = {
    "self": QT_TRANSLATE_NOOP("Requests", "본인"),
    "guardian": QT_TRANSLATE_NOOP("Requests", "법정대리인"),
    "agent": QT_TRANSLATE_NOOP("Requests", "대리인"),
}
CHANNEL_TEXT = {
    "visit": QT_TRANSLATE_NOOP("Requests", "방문"),
    "mail": QT_TRANSLATE_NOOP("Requests", "우편"),
    "phone": QT_TRANSLATE_NOOP("Requests", "전화"),
    "email": QT_TRANSLATE_NOOP("Requests", "전자우편"),
    "web": QT_TRANSLATE_NOOP("Requests", "홈페이지"),
}
ACCESS_ITEM_TEXT = {
    "content": QT_TRANSLATE_NOOP("Requests", "개인정보의 항목 및 내용"),
    "purpose": QT_TRANSLATE_NOOP("Requests", "개인정보의 수집·이용의 목적"),
    "retention": QT_TRANSLATE_NOOP("Requests", "개인정보 보유 및 이용 기간"),
    "provision": QT_TRANSLATE_NOOP("Requests", "개인정보의 제3자 제공 현황"),
    "consent": QT_TRANSLATE_NOOP("Requests", "개인정보 처리에 동의한 사실 및 내용"),
}


def translated(source: str) -> str:
    return QCoreApplication.translate(CTX, source)


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label of ``code`` in one of the tables above (the code itself if unknown)."""
    if code is None:
        return ""
    source = table.get(str(code))
    return translated(source) if source else str(code)


def days_left_text(days_left: int, urgency: str) -> str:
    """``2일 지남 (기한 초과)``, ``오늘 마감 (임박)``, ``3일 남음 (임박)``, ``8일 남음``, ``종결``."""
    if urgency == Urgency.CLOSED:
        return QCoreApplication.translate("Requests", "종결")
    if days_left < 0:
        return QCoreApplication.translate("Requests", "{n}일 지남 (기한 초과)").format(n=-days_left)
    if days_left == 0:
        return QCoreApplication.translate("Requests", "오늘 마감 (임박)")
    if urgency == Urgency.DUE_SOON:
        return QCoreApplication.translate("Requests", "{n}일 남음 (임박)").format(n=days_left)
    return QCoreApplication.translate("Requests", "{n}일 남음").format(n=days_left)


def urgency_style(urgency: str) -> str:
    return {Urgency.OVERDUE: OVERDUE_STYLE, Urgency.DUE_SOON: DUE_SOON_STYLE}.get(Urgency(urgency), "")


def conflict(parent: QWidget, exc: BaseException, reload: Callable[[], None]) -> bool:
    """A stale copy (동시 수정 충돌): say so in Korean, reload, and report it handled."""
    if not isinstance(exc, VersionConflictError):
        return False
    messages.show_info(
        parent,
        QCoreApplication.translate("Requests", "다른 사용자가 변경함"),
        str(exc),
        QCoreApplication.translate("Requests", "최신 내용을 다시 불러왔습니다. 확인한 뒤 다시 하십시오."),
    )
    reload()
    return True
