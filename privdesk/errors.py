"""Known errors (예상된 오류): typed, shown to the user as one Korean sentence.

Anything that is not a :class:`PrivdeskError` is a bug: the CLI and the GUI log it and show a
crash message instead. Messages never carry personal data (resident numbers, phones, addresses):
they name files, fields, rules and internal references only.
"""

from __future__ import annotations

from collections.abc import Mapping

from privdesk.korean import josa


class PrivdeskError(Exception):
    """Base of every known error. ``str(err)`` is the Korean message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(PrivdeskError):
    """Settings that cannot be used (bad config file, unknown database URL)."""


class KeyFileError(PrivdeskError):
    """The key file is missing, wrong for this database, unreadable or already present."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class NotInitializedError(PrivdeskError):
    """The database has no privdesk schema or key check yet."""

    def __init__(self) -> None:
        super().__init__("데이터베이스가 아직 초기화되지 않았습니다. 먼저 'privdesk init'을 실행하십시오.")


class AlreadyInitializedError(PrivdeskError):
    def __init__(self) -> None:
        super().__init__("이 데이터베이스는 이미 초기화되어 있습니다.")


class DecryptionError(PrivdeskError):
    """A ciphertext does not belong to this key, table, column and row."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"암호화된 값을 복호화할 수 없습니다 ({where}): 키 파일이나 저장 위치가 맞지 않습니다."
        )
        self.where = where


class VersionConflictError(PrivdeskError):
    """Optimistic locking: somebody else saved the record first (동시 수정 충돌)."""

    def __init__(
        self,
        table: str,
        ref: str,
        expected: int | None,
        found: int | None,
        changed_fields: Mapping[str, tuple[object, object]] | None = None,
        *,
        deleted: bool = False,
    ) -> None:
        if deleted:
            text = f"다른 사용자가 이 기록({ref})을 삭제했습니다. 저장하지 않았습니다."
        elif expected is None or found is None:
            text = (
                f"다른 사용자가 먼저 이 기록({ref})을 수정했습니다. 최신 내용을 다시 불러온 뒤 저장하십시오."
            )
        else:
            text = (
                f"다른 사용자가 먼저 이 기록({ref})을 수정했습니다 "
                f"(버전 {expected} → {found}). 최신 내용을 다시 불러온 뒤 저장하십시오."
            )
        super().__init__(text)
        self.table = table
        self.ref = ref
        self.expected = expected
        self.found = found
        self.deleted = deleted
        self.changed_fields: dict[str, tuple[object, object]] = dict(changed_fields or {})


class ValidationError(PrivdeskError):
    """Input that cannot be saved; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class AuthenticationError(PrivdeskError):
    """Wrong ID or password: one message for both, so the ID's existence is not revealed."""

    def __init__(self, message: str = "아이디 또는 비밀번호가 올바르지 않습니다.") -> None:
        super().__init__(message)

    @classmethod
    def password_again(cls) -> AuthenticationError:
        """A re-entered password (sign-off, approval) that is wrong: the ID is known, so say so plainly."""
        return cls(
            "비밀번호가 올바르지 않습니다. 로그인할 때 쓰는 비밀번호를 다시 입력하십시오. "
            "틀린 입력은 로그인 실패처럼 세어집니다."
        )

    @classmethod
    def recovery(cls) -> AuthenticationError:
        return cls(
            "복구 코드가 맞지 않습니다. 'privdesk init' 때(또는 마지막 복구 때) 받아 금고에 보관한 복구 코드를 "
            "입력하십시오."
        )


class AccountLockedError(PrivdeskError):
    def __init__(self, contact: str = "") -> None:
        tail = (
            f" {contact}에게 잠금 해제를 요청하십시오."
            if contact
            else " 관리자에게 잠금 해제를 요청하십시오."
        )
        super().__init__("계정이 잠겼습니다(잠김)." + tail)


class PasswordChangeRequiredError(PrivdeskError):
    def __init__(self) -> None:
        super().__init__("비밀번호를 먼저 변경해야 합니다. 'privdesk passwd --as <아이디>'를 실행하십시오.")


class PasswordRuleError(PrivdeskError):
    """A new password breaks a rule; ``rule`` is a stable key, the message names the rule."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


class PermissionDeniedError(PrivdeskError):
    def __init__(self, permission: str, label: str) -> None:
        super().__init__(f"권한이 없습니다: {label}")
        self.permission = permission


class NotFoundError(PrivdeskError):
    def __init__(self, what: str, ref: str) -> None:
        super().__init__(f"{josa(what, '을/를')} 찾을 수 없습니다: {ref}")
        self.ref = ref


class RuleViolationError(PrivdeskError):
    """An action the rules forbid (e.g. locking the last privacy officer)."""


INVESTIGATE_HINT = (
    "개인정보 보호책임자나 감사 담당자가 로그인하여 'privdesk audit verify'(또는 접속기록 화면의 "
    "무결성 검사)로 확인하십시오."
)


class LogTamperedError(PrivdeskError):
    """The access log's head does not check out (변조된 접속기록): nothing is appended to it, and no
    head is signed, until the privacy officer has investigated and acknowledged the finding."""

    def __init__(self, problem: str, *, from_witness: bool = False) -> None:
        super().__init__(
            f"접속기록이 변조되었습니다: {problem}. 더 이상 작업할 수 없습니다. {INVESTIGATE_HINT}"
        )
        self.problem = problem
        self.from_witness = from_witness  # the head checks out; this workstation's witness disagrees


class IntegrityLockedError(PrivdeskError):
    """An integrity finding is open: only the privacy officer and the auditor may work until the
    officer acknowledges it (무결성 잠금)."""

    def __init__(self, found_at: str) -> None:
        super().__init__(
            f"접속기록 또는 기록의 위·변조가 발견되어({found_at}) 개인정보 보호책임자가 확인할 때까지 작업할 수 "
            "없습니다. 개인정보 보호책임자에게 알리십시오."
        )
        self.found_at = found_at


class KeyRotationError(PrivdeskError):
    """A key rotation is under way (키 교체 중): nobody works until it is finished or cancelled."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "키 교체가 진행 중입니다. 개인정보 보호책임자가 'privdesk key rotate --as <아이디>'(또는 키 관리 "
            "화면)로 교체를 마치거나 취소할 때까지 작업할 수 없습니다." + (f" {detail}" if detail else "")
        )


class RecordIntegrityError(PrivdeskError):
    """A row's proof does not match its columns: it was changed behind privdesk's back."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what}의 식별 정보가 무결성 증명과 맞지 않아 보여 드리지 않습니다(데이터베이스에서 직접 "
            f"바뀌었을 수 있습니다). {INVESTIGATE_HINT}"
        )
        self.what = what


class OutputError(ValidationError):
    """A file privdesk was asked to write cannot or may not be written there (출력 파일)."""

    def __init__(self, message: str) -> None:
        super().__init__("out", message)


class DatabaseError(PrivdeskError):
    """The database cannot be used as it is: not a privdesk database, read-only, a full disk, a
    server that cannot be reached. ``kind`` is a stable key; the message says what to do."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class BackupError(PrivdeskError):
    """A backup, its verification or a restore cannot go on (백업·복원): a damaged or truncated
    archive, the wrong key file, a non-empty target database, missing PostgreSQL client tools …
    ``kind`` is a stable key; the message says what is wrong and what to do."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
