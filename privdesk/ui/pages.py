"""The modules of the main window (메뉴), each registered with the permission it needs.

A later module (patients, CCTV, …) is added by writing its page and adding one :class:`PageSpec`
to :data:`DEFAULT_PAGES`; the navigation lists only the pages the account may use. The first,
오늘 할 일, is every account's start page (the profile, 내 정보, is in the 계정 menu).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from privdesk.accounts.permissions import Permission
from privdesk.context import Actor
from privdesk.ui.host import PageHost
from privdesk.ui.i18n import QT_TRANSLATE_NOOP
from privdesk.ui.page import Page

NAV_CONTEXT = "Navigation"


@dataclass(frozen=True)
class PageSpec:
    """``title`` is the Korean source text (translated in the ``Navigation`` context).
    ``any_of`` empty = every logged-in account; otherwise one of these permissions is needed."""

    key: str
    title: str
    factory: Callable[[PageHost, QWidget | None], Page]
    any_of: tuple[Permission, ...] = ()

    def allowed(self, actor: Actor) -> bool:
        return not self.any_of or any(actor.may(p) for p in self.any_of)


def _today(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.today import TodayPage

    return TodayPage(host, parent)


def _patients(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.registry.page import PatientsPage

    return PatientsPage(host, parent)


def _requests(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.requests.page import requests_page

    return requests_page(host, parent)


def _disclosures(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.disclosures import disclosures_page

    return disclosures_page(host, parent)


def _processors(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.disclosures.processors import processors_page

    return processors_page(host, parent)


def _cctv(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.cctv.page import CctvPage

    return CctvPage(host, parent)


def _lifecycle(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.lifecycle.page import LifecyclePage

    return LifecyclePage(host, parent)


def _incidents(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.incidents.page import incidents_page

    return incidents_page(host, parent)


def _complaints(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.complaints.page import complaints_page

    return complaints_page(host, parent)


def _accounts(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.accounts.page import AccountsPage

    return AccountsPage(host, parent)


def _access_log(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.audit.log import AccessLogPage

    return AccessLogPage(host, parent)


def _review(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.review.page import review_page

    return review_page(host, parent)


def _policy(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.policy.page import PolicyPage

    return PolicyPage(host, parent)


def _consent(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.consent.page import consent_texts_page

    return consent_texts_page(host, parent)


def _training(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.training.page import training_page

    return training_page(host, parent)


def _notice(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.notice.page import notice_page

    return notice_page(host, parent)


def _permission_history(host: PageHost, parent: QWidget | None) -> Page:
    from privdesk.ui.accounts.permhistory import PermissionHistoryPage

    return PermissionHistoryPage(host, parent)


DEFAULT_PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", QT_TRANSLATE_NOOP("Navigation", "오늘 할 일"), _today),  # first for every account
    PageSpec("patients", QT_TRANSLATE_NOOP("Navigation", "환자 명부"), _patients, (Permission.PATIENT_READ,)),
    PageSpec(
        "requests", QT_TRANSLATE_NOOP("Navigation", "정보주체 요구"), _requests, (Permission.REQUEST_HANDLE,)
    ),
    PageSpec(
        "disclosures",
        QT_TRANSLATE_NOOP("Navigation", "제3자 제공"),
        _disclosures,
        (Permission.DISCLOSURE_WRITE,),
    ),
    PageSpec(
        "cctv", QT_TRANSLATE_NOOP("Navigation", "CCTV"), _cctv, (Permission.CCTV_MANAGE, Permission.CCTV_READ)
    ),
    PageSpec(
        "lifecycle",
        QT_TRANSLATE_NOOP("Navigation", "보유·파기"),
        _lifecycle,
        (
            Permission.RETENTION_MANAGE,
            Permission.DESTRUCTION_PLAN,
            Permission.DESTRUCTION_APPROVE,
            Permission.SEPARATED_READ,
        ),
    ),
    PageSpec(
        "incidents", QT_TRANSLATE_NOOP("Navigation", "사고 대장"), _incidents, (Permission.INCIDENT_READ,)
    ),
    PageSpec(
        "complaints", QT_TRANSLATE_NOOP("Navigation", "신고·상담"), _complaints, (Permission.INCIDENT_READ,)
    ),
    PageSpec(
        "processors", QT_TRANSLATE_NOOP("Navigation", "수탁업체"), _processors, (Permission.PROCESSOR_MANAGE,)
    ),
    PageSpec(
        "accounts", QT_TRANSLATE_NOOP("Navigation", "계정 관리"), _accounts, (Permission.ACCOUNT_MANAGE,)
    ),
    PageSpec(
        "access_log", QT_TRANSLATE_NOOP("Navigation", "접속기록"), _access_log, (Permission.AUDIT_READ,)
    ),
    PageSpec("review", QT_TRANSLATE_NOOP("Navigation", "접속기록 점검"), _review, (Permission.AUDIT_REVIEW,)),
    PageSpec(
        "policy", QT_TRANSLATE_NOOP("Navigation", "개인정보 처리방침"), _policy, (Permission.POLICY_MANAGE,)
    ),
    PageSpec(
        "consent",
        QT_TRANSLATE_NOOP("Navigation", "동의서 문안"),
        _consent,
        (Permission.CONSENT_MANAGE, Permission.CONSENT_READ),
    ),
    PageSpec("training", QT_TRANSLATE_NOOP("Navigation", "교육"), _training, (Permission.TRAINING_READ,)),
    PageSpec(
        "notice", QT_TRANSLATE_NOOP("Navigation", "이용·제공 내역 통지"), _notice, (Permission.NOTICE_MANAGE,)
    ),
    PageSpec(
        "permission_history",
        QT_TRANSLATE_NOOP("Navigation", "권한 변경 이력"),
        _permission_history,
        (Permission.AUDIT_READ, Permission.ACCOUNT_MANAGE),
    ),
)
