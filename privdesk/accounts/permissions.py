"""Named permissions (권한) and the preset roles (역할) built from them.

Roles are data (the ``roles`` and ``role_permissions`` tables): the privacy officer may edit them.
The presets below are what ``privdesk init`` seeds. Command-line role IDs are the codes.
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    # accounts and settings
    ACCOUNT_MANAGE = "account.manage"  # add accounts, reset passwords, lock/unlock, set roles
    ROLE_EDIT = "role.edit"  # change what a role may do (officer)
    SETTINGS_MANAGE = "settings.manage"
    # access log and permission history
    AUDIT_READ = "audit.read"  # view the access log and the permission history
    AUDIT_VERIFY = "audit.verify"
    AUDIT_EXPORT = "audit.export"
    AUDIT_ARCHIVE = "audit.archive"
    AUDIT_REVIEW = "audit.review"  # the monthly access-log review (접속기록 점검, 고시 제8조②)
    POLICY_MANAGE = "policy.manage"  # the privacy policy: draft, compare, render, status (법 제30조)
    POLICY_PUBLISH = "policy.publish"  # publish a version of the privacy policy (the officer)
    TRAINING_READ = "training.read"  # staff training (개인정보 보호 교육): sessions, attendance, overdue
    TRAINING_MANAGE = "training.manage"  # record sessions and attendance, print the yearly report
    NOTICE_MANAGE = "notice.manage"  # the yearly usage notice (이용·제공 내역 통지, 법 제20조의2; officer)
    # patient intake registry (환자 진료 접수)
    PATIENT_READ = "patient.read"
    PATIENT_WRITE = "patient.write"
    PATIENT_UNMASK = "patient.unmask"
    PATIENT_EXPORT = "patient.export"
    PATIENT_IMPORT = "patient.import"
    # data-subject requests and disclosures
    REQUEST_HANDLE = "request.handle"
    DISCLOSURE_WRITE = "disclosure.write"
    PROCESSOR_MANAGE = "processor.manage"
    # CCTV
    CCTV_MANAGE = "cctv.manage"
    CCTV_READ = "cctv.read"
    # retention, separation, destruction
    SEPARATED_READ = "separated.read"
    DESTRUCTION_PLAN = "destruction.plan"
    DESTRUCTION_APPROVE = "destruction.approve"
    RETENTION_MANAGE = "retention.manage"
    # backup and restore (백업): IT (the privacy role) and the officer
    BACKUP = "backup"
    # breach register (유출 등 사고 대장): the officer and privacy staff act, the auditor reads;
    # closing an incident is the officer's approval
    INCIDENT_READ = "incident.read"
    INCIDENT_HANDLE = "incident.handle"
    INCIDENT_APPROVE = "incident.approve"
    # consent records (동의): intake records and reads, the privacy staff publish the texts
    CONSENT_READ = "consent.read"
    CONSENT_RECORD = "consent.record"
    CONSENT_MANAGE = "consent.manage"


LABELS: dict[Permission, str] = {
    Permission.ACCOUNT_MANAGE: "계정 관리",
    Permission.ROLE_EDIT: "역할 권한 편집",
    Permission.SETTINGS_MANAGE: "설정 관리",
    Permission.AUDIT_READ: "접속기록·권한 변경 이력 조회",
    Permission.AUDIT_VERIFY: "접속기록 무결성 검증",
    Permission.AUDIT_EXPORT: "접속기록 내보내기",
    Permission.AUDIT_ARCHIVE: "접속기록 보관(아카이브)",
    Permission.AUDIT_REVIEW: "접속기록 점검",
    Permission.POLICY_MANAGE: "개인정보 처리방침 작성·비교",
    Permission.POLICY_PUBLISH: "개인정보 처리방침 게시",
    Permission.TRAINING_READ: "개인정보 보호 교육 조회",
    Permission.TRAINING_MANAGE: "개인정보 보호 교육 관리",
    Permission.NOTICE_MANAGE: "이용·제공 내역 통지",
    Permission.PATIENT_READ: "환자 명부 조회",
    Permission.PATIENT_WRITE: "환자 명부 등록·수정",
    Permission.PATIENT_UNMASK: "개인정보 마스킹 해제",
    Permission.PATIENT_EXPORT: "환자 명부 내보내기",
    Permission.PATIENT_IMPORT: "환자 명부 가져오기",
    Permission.REQUEST_HANDLE: "정보주체 요구 처리",
    Permission.DISCLOSURE_WRITE: "제3자 제공 기록",
    Permission.PROCESSOR_MANAGE: "수탁업체 관리",
    Permission.CCTV_MANAGE: "CCTV 관리",
    Permission.CCTV_READ: "CCTV 기록 조회",
    Permission.SEPARATED_READ: "분리보관 기록 조회",
    Permission.DESTRUCTION_PLAN: "파기 계획 작성",
    Permission.DESTRUCTION_APPROVE: "파기 승인",
    Permission.RETENTION_MANAGE: "보유기간 규칙 관리",
    Permission.BACKUP: "백업·복원",
    Permission.INCIDENT_READ: "유출 사고 대장 조회",
    Permission.INCIDENT_HANDLE: "유출 사고 대응(등록·통지·신고)",
    Permission.INCIDENT_APPROVE: "유출 사고 종결 승인",
    Permission.CONSENT_READ: "동의 기록 조회",
    Permission.CONSENT_RECORD: "동의 기록·철회 입력",
    Permission.CONSENT_MANAGE: "동의서 문안 관리",
}

OFFICER = "officer"
PRIVACY = "privacy"
INTAKE = "intake"
FACILITY = "facility"
AUDITOR = "auditor"

ROLE_NAMES: dict[str, str] = {
    OFFICER: "개인정보 보호책임자",
    PRIVACY: "개인정보 보호 담당",
    INTAKE: "원무",
    FACILITY: "시설",
    AUDITOR: "감사",
}

ROLE_DESCRIPTIONS: dict[str, str] = {
    OFFICER: "승인, 파기, 감사, 보고 — 모든 권한",
    PRIVACY: "전산팀: 계정과 설정, 접속기록 점검, 백업",
    INTAKE: "원무과·행정실: 환자 명부, 정보주체 요구, 제3자 제공",
    FACILITY: "시설팀: CCTV, 열람 요구, 열람 기록, 보존 연장",
    AUDITOR: "읽기 전용 감사: 접속기록과 권한 변경 이력",
}

ROLE_PRESETS: dict[str, frozenset[Permission]] = {
    OFFICER: frozenset(Permission),
    PRIVACY: frozenset(
        {
            Permission.ACCOUNT_MANAGE,
            Permission.SETTINGS_MANAGE,
            Permission.AUDIT_READ,
            Permission.AUDIT_VERIFY,
            Permission.AUDIT_EXPORT,
            Permission.AUDIT_ARCHIVE,
            Permission.PROCESSOR_MANAGE,
            Permission.DESTRUCTION_PLAN,
            Permission.BACKUP,
            Permission.INCIDENT_READ,
            Permission.INCIDENT_HANDLE,
            Permission.AUDIT_REVIEW,
            Permission.POLICY_MANAGE,
            Permission.CONSENT_READ,
            Permission.CONSENT_MANAGE,
            Permission.TRAINING_READ,
            Permission.TRAINING_MANAGE,
        }
    ),
    INTAKE: frozenset(
        {
            Permission.PATIENT_READ,
            Permission.PATIENT_WRITE,
            Permission.PATIENT_UNMASK,
            Permission.PATIENT_EXPORT,
            Permission.PATIENT_IMPORT,
            Permission.REQUEST_HANDLE,
            Permission.DISCLOSURE_WRITE,
            Permission.CONSENT_READ,
            Permission.CONSENT_RECORD,
        }
    ),
    FACILITY: frozenset({Permission.CCTV_MANAGE, Permission.CCTV_READ}),
    AUDITOR: frozenset(
        {
            Permission.AUDIT_READ,
            Permission.AUDIT_VERIFY,
            Permission.AUDIT_EXPORT,
            Permission.CCTV_READ,
            Permission.INCIDENT_READ,
            Permission.AUDIT_REVIEW,
        }
    ),
}


def label(permission: str) -> str:
    try:
        return LABELS[Permission(permission)]
    except ValueError:
        return permission
