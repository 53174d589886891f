"""What the access log records (수행업무) and how people name it: the entry types of the chain, their
Korean labels and the kinds people filter on. No database here — the command line builds its
parser from these without loading SQLAlchemy, and every layer may import them."""

from __future__ import annotations

from enum import StrEnum

from privdesk.errors import ValidationError


class Action(StrEnum):
    """What happened (수행업무). Views, searches and changes of personal data, and account events."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"  # account locked (failures or by an administrator)
    UNLOCK = "unlock"
    IDLE_LOCK = "idle_lock"  # the GUI covered itself after inactivity
    PASSWORD_CHANGE = "password_change"
    PASSWORD_RESET = "password_reset"
    ACCOUNT_CREATE = "account_create"
    ACCOUNT_UPDATE = "account_update"
    ROLE_CHANGE = "role_change"
    PERMISSION_DENIED = "permission_denied"
    VIEW = "view"
    SEARCH = "search"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    PRINT = "print"
    EXPORT = "export"
    IMPORT = "import"
    UNMASK = "unmask"
    VERIFY = "verify"
    ARCHIVE = "archive"
    INIT = "init"
    SYSTEM = "system"
    INTEGRITY = "integrity"  # a finding of audit verify, or the officer's acknowledgement
    BACKUP = "backup"  # a backup made (or failed), an old one rotated away
    RESTORE = "restore"  # the database restored from a backup (the first entry after its head)


class Outcome(StrEnum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


ACTION_LABELS: dict[Action, str] = {
    Action.LOGIN: "로그인",
    Action.LOGIN_FAILED: "로그인 실패",
    Action.LOGOUT: "로그아웃",
    Action.LOCK: "계정 잠금",
    Action.UNLOCK: "계정 잠금 해제",
    Action.IDLE_LOCK: "화면 잠금(자리 비움)",
    Action.PASSWORD_CHANGE: "비밀번호 변경",
    Action.PASSWORD_RESET: "비밀번호 초기화",
    Action.ACCOUNT_CREATE: "계정 생성",
    Action.ACCOUNT_UPDATE: "계정 변경",
    Action.ROLE_CHANGE: "권한 변경",
    Action.PERMISSION_DENIED: "권한 없음(거부)",
    Action.VIEW: "조회",
    Action.SEARCH: "검색",
    Action.CREATE: "입력",
    Action.UPDATE: "변경",
    Action.DELETE: "삭제",
    Action.PRINT: "출력",
    Action.EXPORT: "다운로드(내보내기)",
    Action.IMPORT: "가져오기",
    Action.UNMASK: "마스킹 해제",
    Action.VERIFY: "무결성 검증",
    Action.ARCHIVE: "보관(아카이브)",
    Action.INIT: "초기 설정",
    Action.SYSTEM: "시스템",
    Action.INTEGRITY: "무결성 위반 발견·확인",
    Action.BACKUP: "백업",
    Action.RESTORE: "복원",
}

OUTCOME_LABELS: dict[str, str] = {Outcome.OK: "성공", Outcome.DENIED: "거부", Outcome.FAILED: "실패"}


# The kinds of action people filter on (수행업무 분류): (code, Korean label, actions).
CATEGORIES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("look", "조회·검색", frozenset({Action.VIEW, Action.SEARCH})),
    ("unmask", "마스킹 해제", frozenset({Action.UNMASK})),
    ("output", "내보내기·출력", frozenset({Action.EXPORT, Action.PRINT})),
    ("change", "입력·변경·삭제", frozenset({Action.CREATE, Action.UPDATE, Action.DELETE, Action.IMPORT})),
    (
        "account",
        "로그인·계정·권한",
        frozenset(
            {
                Action.LOGIN,
                Action.LOGIN_FAILED,
                Action.LOGOUT,
                Action.LOCK,
                Action.UNLOCK,
                Action.IDLE_LOCK,
                Action.PASSWORD_CHANGE,
                Action.PASSWORD_RESET,
                Action.ACCOUNT_CREATE,
                Action.ACCOUNT_UPDATE,
                Action.ROLE_CHANGE,
                Action.PERMISSION_DENIED,
            }
        ),
    ),
    (
        "system",
        "무결성·백업·시스템",
        frozenset(
            {
                Action.VERIFY,
                Action.ARCHIVE,
                Action.INTEGRITY,
                Action.BACKUP,
                Action.RESTORE,
                Action.INIT,
                Action.SYSTEM,
            }
        ),
    ),
)


def categories() -> list[tuple[str, str]]:
    """(code, Korean label) of every kind of action, for the filter combo."""
    return [(code, text) for code, text, _ in CATEGORIES]


def category_actions(code: str) -> frozenset[str]:
    for c, _text, members in CATEGORIES:
        if c == code:
            return members
    raise ValidationError("category", "알 수 없는 수행업무 분류입니다. 목록에서 고르십시오.")
