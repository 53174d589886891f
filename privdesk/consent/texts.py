"""Consent texts, versioned like the privacy policy (동의서 문안의 판 관리).

- :func:`draft` (``consent.manage``): a new draft of one purpose's text.
- :func:`publish` (``consent.manage``): the purpose's latest draft becomes its next numbered version
  (제N판) with its effective date (시행일) and who published it; immutable from then on (the
  database refuses UPDATE and DELETE, :mod:`privdesk.audit.protections`).
- :func:`texts` (``consent.read``): every version, drafts included, the newest first.

**What "the purpose changed" means here (fresh consent, 새 동의).** The policy promises
"이용목적이 변경될 시에는 사전에 동의를 구할 것입니다". Whether a new text changes the purpose (what
is used, for what, given to whom) or only its wording is a judgement the officer makes when
publishing: a version is published either with ``requires_fresh_consent`` (목적·항목·제공받는 자가
바뀜: earlier consents stop counting from its effective date) or without it (문구 수정: consents to the
earlier versions still count). After the first version the choice must be made explicitly — nothing
defaults to "still valid". A consent counts when the version agreed to is the newest version
published with ``requires_fresh_consent`` that is in force, or later (:func:`counting_ids`).

Every use case writes an access-log entry on the text (``consent_text:<id>``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import People, people
from privdesk.accounts.permissions import Permission
from privdesk.audit.chain import Action
from privdesk.consent.models import DRAFT, PUBLISHED, ConsentText
from privdesk.consent.purposes import Purpose, find, purposes_from
from privdesk.context import Actor, AppContext
from privdesk.errors import RuleViolationError, ValidationError
from privdesk.fields import no_personal_data
from privdesk.fields import text as text_field

TEXT_LIMIT = 5000


@dataclass(frozen=True)
class TextInfo:
    id: int
    purpose: str
    purpose_name: str
    version: int | None
    state: str
    text: str
    effective_date: dt.date | None
    requires_fresh_consent: bool
    created_at: dt.datetime
    created_by: str
    published_at: dt.datetime | None
    published_by: str | None
    created_by_name: str = ""  # ``이름(login)`` (:mod:`privdesk.accounts.people`), filled by texts()
    published_by_name: str = ""

    @property
    def label(self) -> str:
        return f"제{self.version}판" if self.version is not None else f"초안 {self.id}"


def purposes(ctx: AppContext) -> tuple[Purpose, ...]:
    """The consent purposes of the hospital profile (:mod:`privdesk.consent.purposes`)."""
    return purposes_from(ctx.profile.raw)


def info(row: ConsentText, names: dict[str, str], who: People | None = None) -> TextInfo:
    who = who if who is not None else People()
    return TextInfo(
        row.id,
        row.purpose,
        names.get(row.purpose, row.purpose),
        row.version,
        row.state,
        row.text,
        row.effective_date,
        row.requires_fresh_consent,
        row.created_at,
        row.created_by,
        row.published_at,
        row.published_by,
        who.label(row.created_by),
        who.label(row.published_by),
    )


def published(session: Session, purpose: str) -> list[ConsentText]:
    """The purpose's published versions, oldest first."""
    return list(
        session.execute(
            select(ConsentText)
            .where(ConsentText.purpose == purpose, ConsentText.state == PUBLISHED)
            .order_by(ConsentText.version)
        ).scalars()
    )


def in_force(session: Session, purpose: str, today: dt.date) -> ConsentText | None:
    """The version in force today (the newest published whose effective date has come)."""
    rows = [
        r for r in published(session, purpose) if r.effective_date is not None and r.effective_date <= today
    ]
    return rows[-1] if rows else None


def counting_ids(session: Session, purpose: str, today: dt.date) -> set[int]:
    """The ids of the versions whose consent still counts today (see the module doc)."""
    rows = published(session, purpose)
    floor = 0
    for r in rows:
        if (
            r.requires_fresh_consent
            and r.effective_date is not None
            and r.effective_date <= today
            and r.version is not None
        ):
            floor = max(floor, r.version)
    return {r.id for r in rows if r.version is not None and r.version >= floor}


def _checked_text(value: str) -> str:
    value = text_field("text", value, "동의서 문안", limit=TEXT_LIMIT)
    return no_personal_data("text", value, "동의서 문안")


def draft(ctx: AppContext, actor: Actor, purpose: str, text: str) -> TextInfo:
    """A new draft of ``purpose``'s consent text."""
    all_purposes = purposes(ctx)
    p = find(all_purposes, purpose)
    body = _checked_text(text)
    with ctx.unit(actor, Permission.CONSENT_MANAGE) as u:
        row = ConsentText(
            purpose=p.code,
            version=None,
            state=DRAFT,
            text=body,
            effective_date=None,
            requires_fresh_consent=False,
            source_id=None,
            created_at=clock.now(),
            created_by=u.actor_login,
        )
        u.session.add(row)
        u.session.flush()
        u.log(Action.CREATE, row.ref, detail=f"동의서 문안 초안; 목적={p.code}")
        return info(row, {x.code: x.name for x in all_purposes}, people(u.session, [u.actor_login]))


def publish(
    ctx: AppContext,
    actor: Actor,
    purpose: str,
    effective: dt.date,
    *,
    requires_fresh_consent: bool | None = None,
) -> TextInfo:
    """Publish ``purpose``'s latest draft as its next version, in force from ``effective``.
    ``requires_fresh_consent``: whether the purpose changed (see the module doc); required once a
    version has been published."""
    all_purposes = purposes(ctx)
    p = find(all_purposes, purpose)
    with ctx.unit(actor, Permission.CONSENT_MANAGE) as u:
        s = u.session
        latest = s.execute(
            select(ConsentText).where(ConsentText.purpose == p.code).order_by(ConsentText.id.desc()).limit(1)
        ).scalar_one_or_none()
        if latest is None or latest.state != DRAFT:
            raise RuleViolationError(
                f"게시할 '{p.name}' 동의서 문안 초안이 없습니다. 먼저 초안을 만드십시오 (privdesk consent text-draft)."
            )
        earlier = published(s, p.code)
        if earlier:
            last = earlier[-1]
            if requires_fresh_consent is None:
                raise ValidationError(
                    "requires_fresh_consent",
                    "이전 판과 비교해 동의 목적(이용 목적·항목·제공받는 자)이 바뀌었는지 정하십시오: 바뀌었으면 "
                    "새 동의가 필요하고(--fresh-consent), 문구만 고쳤으면 기존 동의가 유지됩니다(--wording-only).",
                )
            if last.effective_date is not None and effective < last.effective_date:
                raise ValidationError(
                    "effective",
                    f"시행일은 이전 판의 시행일({last.effective_date.isoformat()}) 이후여야 합니다.",
                )
            if latest.text == last.text:
                raise RuleViolationError("초안이 게시된 최신 판과 같습니다. 문안을 고친 뒤 게시하십시오.")
        fresh = True if not earlier else bool(requires_fresh_consent)
        if effective > clock.today_kst() + dt.timedelta(days=366):
            raise ValidationError("effective", "시행일은 1년 이내의 날짜로 정하십시오.")
        top = s.execute(select(func.max(ConsentText.version)).where(ConsentText.purpose == p.code)).scalar()
        now = clock.now()
        row = ConsentText(
            purpose=p.code,
            version=(top or 0) + 1,
            state=PUBLISHED,
            text=latest.text,
            effective_date=effective,
            requires_fresh_consent=fresh,
            source_id=latest.id,
            created_at=now,
            created_by=u.actor_login,
            published_at=now,
            published_by=u.actor_login,
        )
        s.add(row)
        s.flush()
        u.log(
            Action.CREATE,
            row.ref,
            detail=f"동의서 문안 게시 제{row.version}판; 목적={p.code}; 시행일={effective.isoformat()}; "
            f"새 동의 {'필요' if fresh else '불필요'}; 초안={latest.ref}",
        )
        return info(row, {x.code: x.name for x in all_purposes}, people(u.session, [u.actor_login]))


def texts(ctx: AppContext, actor: Actor, purpose: str | None = None) -> list[TextInfo]:
    """Every version (drafts and published) of one purpose or of all, the newest first."""
    all_purposes = purposes(ctx)
    code = find(all_purposes, purpose).code if purpose else None
    with ctx.unit(actor, Permission.CONSENT_READ) as u:
        stmt = select(ConsentText).order_by(ConsentText.id.desc())
        if code is not None:
            stmt = stmt.where(ConsentText.purpose == code)
        rows = list(u.session.execute(stmt).scalars())
        u.log(Action.VIEW, "consent_text:*", detail=f"목적={code or '전체'}; rows={len(rows)}")
        who = people(u.session, [x for r in rows for x in (r.created_by, r.published_by)])
        return [info(r, {x.code: x.name for x in all_purposes}, who) for r in rows]
