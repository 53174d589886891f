"""The privacy policy's versions (개인정보 처리방침 개정): draft, compare, publish, status.

- :func:`draft` (``policy.manage``): renders the policy from today's data with the editable texts
  (those given, else the latest version's, else the seed's) and stores it as a draft.
- :func:`diff` (``policy.manage``): two versions compared section by section — a unified diff of
  each section's text and whether it was added, removed or changed.
- :func:`publish` (``policy.publish``, the officer): the latest draft becomes the next numbered
  version with its effective date (시행일); refused when today's data no longer matches the draft.
- :func:`status` (``policy.manage``): does the published version still state what privdesk holds —
  processors, cameras, retention rules, contacts — and what differs.
- :func:`outdated` (no unit, no log): the same comparison for 오늘 할 일.
- :func:`verify_ledger` (``audit.verify``): every stored version against its anchor in the access
  log — ``audit verify`` names a version altered (변조), deleted (삭제) or inserted (삽입) behind
  privdesk's back, even with the append-only triggers dropped.

Every use case runs in ``ctx.unit`` with its permission and writes an access-log entry on the
version it read or wrote (subject ``policy:<id>``; ``policy:current`` for today's data). Every row
written (draft or published) is also anchored in the access log in the same transaction
(:mod:`privdesk.audit.anchors`, subject ``policy_versions:<id>``, the SHA-256 of all its columns).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.people import people
from privdesk.accounts.permissions import Permission
from privdesk.audit import anchors
from privdesk.audit.chain import Action
from privdesk.context import Actor, AppContext, Unit
from privdesk.errors import NotFoundError, RuleViolationError, ValidationError
from privdesk.fields import no_personal_data
from privdesk.policy.document import (
    CATEGORY_LABELS,
    CATEGORY_SECTIONS,
    TEXT_DEFAULTS,
    TEXT_LABELS,
    PolicyData,
    Section,
    build_sections,
    facts,
    read_data,
)
from privdesk.policy.models import DRAFT, PUBLISHED, PolicyVersion
from privdesk.profile import HospitalProfile

TEXT_LIMIT = 5000
CURRENT = "policy:current"
TABLE = "policy_versions"  # the anchors' subject prefix (``policy_versions:<id>``)


@dataclass(frozen=True)
class VersionInfo:
    """A stored version (or, ``id == 0``, the policy rendered from today's data, not stored)."""

    id: int
    number: int | None
    state: str
    effective_date: dt.date | None
    sections: tuple[Section, ...]
    texts: dict[str, str]
    facts: dict[str, list[str]]
    created_at: dt.datetime
    created_by: str
    published_at: dt.datetime | None = None
    published_by: str | None = None
    earlier: tuple[tuple[int, dt.date | None], ...] = ()  # the published versions before this one
    created_by_name: str = ""  # ``이름(login)`` (:mod:`privdesk.accounts.people`), filled by versions()
    published_by_name: str = ""

    @property
    def subject(self) -> str:
        return f"policy:{self.id}" if self.id else CURRENT

    @property
    def label(self) -> str:
        if self.number is not None:
            return f"제{self.number}판"
        return f"초안 {self.id}" if self.id else "현재 자료"

    def text(self) -> str:
        return "\n".join(line for s in self.sections for line in [*s.text(), ""])


@dataclass(frozen=True)
class SectionDiff:
    key: str
    title: str
    change: str  # "added" / "removed" / "changed" / "same"
    lines: tuple[str, ...]  # the unified diff ("" for the same)


CHANGE_LABELS = {"added": "추가", "removed": "삭제", "changed": "변경", "same": "같음"}


@dataclass(frozen=True)
class PolicyDiff:
    old: str
    new: str
    sections: tuple[SectionDiff, ...]

    @property
    def changed(self) -> tuple[SectionDiff, ...]:
        return tuple(s for s in self.sections if s.change != "same")

    def unified(self) -> str:
        out = [f"--- {self.old}", f"+++ {self.new}"]
        for s in self.changed:
            out.append(f"## [{CHANGE_LABELS[s.change]}] {s.title}")
            out += list(s.lines)
        return "\n".join(out) + "\n"


@dataclass(frozen=True)
class FactChange:
    category: str
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)

    @property
    def sections(self) -> tuple[str, ...]:
        """The policy's sections that state these facts."""
        return CATEGORY_SECTIONS.get(self.category, ())


@dataclass(frozen=True)
class PolicyStatus:
    published: VersionInfo | None
    changes: tuple[FactChange, ...] = field(default=())

    @property
    def up_to_date(self) -> bool:
        return self.published is not None and not self.changes

    def summary(self) -> str:
        if self.published is None:
            return "게시된 개인정보 처리방침이 없습니다. 초안을 만들고 게시하십시오."
        if not self.changes:
            return f"게시된 개인정보 처리방침({self.published.label})이 현재 자료와 같습니다."
        return (
            f"게시된 개인정보 처리방침({self.published.label})이 현재 자료와 다릅니다 (out of date): "
            + ", ".join(c.label for c in self.changes)
        )


# -- reading ----------------------------------------------------------------------------------------
def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _info(row: PolicyVersion, earlier: Sequence[tuple[int, dt.date | None]] = ()) -> VersionInfo:
    raw_sections = _loads(row.sections)
    sections = (
        tuple(Section.from_json(x) for x in raw_sections if isinstance(x, dict))
        if isinstance(raw_sections, list)
        else ()
    )
    raw_texts = _loads(row.texts)
    texts = {str(k): str(v) for k, v in raw_texts.items()} if isinstance(raw_texts, dict) else {}
    raw_facts = _loads(row.facts)
    fact_map = (
        {str(k): [str(x) for x in v] for k, v in raw_facts.items() if isinstance(v, list)}
        if isinstance(raw_facts, dict)
        else {}
    )
    return VersionInfo(
        row.id,
        row.number,
        row.state,
        row.effective_date,
        sections,
        texts,
        fact_map,
        row.created_at,
        row.created_by,
        row.published_at,
        row.published_by,
        tuple(earlier),
    )


def _published(session: Session) -> list[PolicyVersion]:
    return list(
        session.execute(
            select(PolicyVersion).where(PolicyVersion.state == PUBLISHED).order_by(PolicyVersion.number)
        ).scalars()
    )


def _latest(session: Session, state: str | None = None) -> PolicyVersion | None:
    stmt = select(PolicyVersion).order_by(PolicyVersion.id.desc()).limit(1)
    if state is not None:
        stmt = stmt.where(PolicyVersion.state == state)
    return session.execute(stmt).scalar_one_or_none()


def _earlier(session: Session, before: int | None) -> list[tuple[int, dt.date | None]]:
    out: list[tuple[int, dt.date | None]] = []
    for r in _published(session):
        if r.number is not None and (before is None or r.number < before):
            out.append((r.number, r.effective_date))
    return out


def _live(
    session: Session, profile: HospitalProfile, texts: Mapping[str, str]
) -> tuple[PolicyData, VersionInfo]:
    data = read_data(session, profile)
    earlier = _earlier(session, None)
    sections = build_sections(data, texts, earlier=earlier)
    return data, VersionInfo(
        0,
        None,
        DRAFT,
        None,
        tuple(sections),
        dict(texts),
        facts(data),
        clock.now(),
        "",
        earlier=tuple(earlier),
    )


def _base_texts(session: Session) -> dict[str, str]:
    row = _latest(session)
    if row is None:
        return dict(TEXT_DEFAULTS)
    texts = _info(row).texts
    return {k: texts.get(k, v) for k, v in TEXT_DEFAULTS.items()}


def _checked_texts(texts: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in texts.items():
        if key not in TEXT_DEFAULTS:
            raise ValidationError(
                "texts",
                f"편집할 수 없는 문구입니다: {key}. 다음 중에서 고르십시오: "
                + ", ".join(f"{k}({v})" for k, v in TEXT_LABELS.items()),
            )
        value = str(value).strip()
        if not value:
            raise ValidationError(key, f"'{TEXT_LABELS[key]}' 문구가 비어 있습니다.")
        if len(value) > TEXT_LIMIT:
            raise ValidationError(key, f"'{TEXT_LABELS[key]}' 문구는 {TEXT_LIMIT:,}자 이내로 입력하십시오.")
        out[key] = no_personal_data(key, value, f"'{TEXT_LABELS[key]}' 문구")
    return out


def _by_number(session: Session, number: int) -> PolicyVersion:
    row = session.execute(select(PolicyVersion).where(PolicyVersion.number == number)).scalar_one_or_none()
    if row is None:
        raise NotFoundError("개인정보 처리방침 판", str(number))
    return row


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def canonical_version(row: PolicyVersion) -> bytes:
    """The bytes a version's anchor covers: every column, in a fixed order."""
    return anchors.canonical(
        row.id,
        row.number,
        row.state,
        row.effective_date,
        row.sections,
        row.texts,
        row.facts,
        row.source_id,
        row.created_at,
        row.created_by,
        row.published_at,
        row.published_by,
    )


# -- use cases --------------------------------------------------------------------------------------
def versions(ctx: AppContext, actor: Actor) -> list[VersionInfo]:
    """Every stored version, the newest first (drafts and published)."""
    with ctx.unit(actor, Permission.POLICY_MANAGE) as u:
        rows = list(u.session.execute(select(PolicyVersion).order_by(PolicyVersion.id.desc())).scalars())
        names = people(u.session, [x for r in rows for x in (r.created_by, r.published_by)])
        u.log(Action.VIEW, "policy:*", detail=f"versions={len(rows)}")
        return [
            replace(
                _info(r),
                created_by_name=names.label(r.created_by),
                published_by_name=names.label(r.published_by),
            )
            for r in rows
        ]


def current(ctx: AppContext, actor: Actor) -> VersionInfo:
    """The policy as today's data and the latest texts would render it (not stored)."""
    profile = ctx.profile
    with ctx.unit(actor, Permission.POLICY_MANAGE) as u:
        _data, info = _live(u.session, profile, _base_texts(u.session))
        u.log(Action.VIEW, CURRENT, detail="현재 자료로 작성")
        return info


def draft(ctx: AppContext, actor: Actor, texts: Mapping[str, str] | None = None) -> VersionInfo:
    """A new draft from today's data; ``texts`` replaces some editable texts (the rest from the
    latest version, else the seed's)."""
    changed = _checked_texts(texts or {})
    profile = ctx.profile
    with ctx.unit(actor, Permission.POLICY_MANAGE) as u:
        merged = {**_base_texts(u.session), **changed}
        _data, live = _live(u.session, profile, merged)
        row = PolicyVersion(
            number=None,
            state=DRAFT,
            effective_date=None,
            sections=_dump([s.as_json() for s in live.sections]),
            texts=_dump(merged),
            facts=_dump(live.facts),
            source_id=None,
            created_at=clock.now(),
            created_by=u.actor_login,
        )
        u.session.add(row)
        u.session.flush()
        anchors.anchor(u, Action.CREATE, TABLE, row.id, canonical_version(row))
        u.log(
            Action.CREATE,
            f"policy:{row.id}",
            detail="초안 작성" + (f"; 문구={','.join(sorted(changed))}" if changed else ""),
        )
        return _info(row, live.earlier)


def _diff_sections(
    old: Sequence[Section], new: Sequence[Section], old_label: str, new_label: str
) -> list[SectionDiff]:
    a = {s.key: s for s in old}
    b = {s.key: s for s in new}
    order = [s.key for s in new] + [k for k in a if k not in b]
    out: list[SectionDiff] = []
    for key in order:
        sa, sb = a.get(key), b.get(key)
        either = sb if sb is not None else sa
        title = either.title if either is not None else key
        la = sa.text() if sa is not None else []
        lb = sb.text() if sb is not None else []
        change = "added" if sa is None else "removed" if sb is None else "same" if la == lb else "changed"
        lines = (
            ()
            if change == "same"
            else tuple(
                difflib.unified_diff(
                    la, lb, fromfile=f"{old_label}/{title}", tofile=f"{new_label}/{title}", lineterm=""
                )
            )
        )
        out.append(SectionDiff(key, title, change, lines))
    return out


def diff(
    ctx: AppContext, actor: Actor, from_number: int | None = None, to_number: int | None = None
) -> PolicyDiff:
    """Compare two versions section by section. ``from_number``: a published version (default the
    latest published; none published: an empty policy). ``to_number``: a published version (default
    the latest draft if it is newer than the latest published, else today's data)."""
    profile = ctx.profile
    with ctx.unit(actor, Permission.POLICY_MANAGE) as u:
        s = u.session
        if from_number is not None:
            old: VersionInfo | None = _info(_by_number(s, from_number))
        else:
            pub = _latest(s, PUBLISHED)
            old = _info(pub) if pub is not None else None
        if to_number is not None:
            new = _info(_by_number(s, to_number))
        else:
            latest = _latest(s)
            if latest is not None and latest.state == DRAFT:
                new = _info(latest)
            else:
                _data, new = _live(s, profile, _base_texts(s))
        old_label = old.label if old is not None else "(없음)"
        result = PolicyDiff(
            old_label,
            new.label,
            tuple(
                _diff_sections(old.sections if old is not None else (), new.sections, old_label, new.label)
            ),
        )
        u.log(
            Action.VIEW,
            new.subject,
            detail=f"비교 {old.subject if old is not None else '-'} → {new.subject}; 바뀐 절={len(result.changed)}",
        )
        return result


def publish(ctx: AppContext, actor: Actor, effective: dt.date) -> VersionInfo:
    """Publish the latest draft as the next numbered version, in force from ``effective``."""
    profile = ctx.profile
    with ctx.unit(actor, Permission.POLICY_PUBLISH) as u:
        s = u.session
        row = _latest(s)
        if row is None or row.state != DRAFT:
            raise RuleViolationError(
                "게시할 초안이 없습니다. 먼저 초안을 만드십시오 (privdesk policy draft)."
            )
        last = _latest(s, PUBLISHED)
        if last is not None and last.effective_date is not None and effective < last.effective_date:
            raise ValidationError(
                "effective", f"시행일은 이전 판의 시행일({last.effective_date.isoformat()}) 이후여야 합니다."
            )
        today = clock.today_kst()
        if effective > today + dt.timedelta(days=366):
            raise ValidationError("effective", "시행일은 1년 이내의 날짜로 정하십시오.")
        base = _info(row)
        data = read_data(s, profile)
        again = build_sections(data, base.texts, earlier=_earlier(s, None))
        if facts(data) != base.facts or tuple(again) != base.sections:
            # what is published is exactly the draft the officer compared (only its 시행일 added)
            raise RuleViolationError(
                "초안을 만든 뒤 자료(수탁업체·CCTV·보유기간·연락처·기한 등)가 바뀌었습니다. "
                "초안을 다시 만들어 비교한 뒤 게시하십시오."
            )
        top = s.execute(select(func.max(PolicyVersion.number))).scalar_one_or_none()
        number = (top or 0) + 1
        earlier = _earlier(s, number)
        sections = build_sections(data, base.texts, effective=effective, earlier=earlier)
        now = clock.now()
        pub = PolicyVersion(
            number=number,
            state=PUBLISHED,
            effective_date=effective,
            sections=_dump([x.as_json() for x in sections]),
            texts=_dump(base.texts),
            facts=_dump(base.facts),
            source_id=row.id,
            created_at=now,
            created_by=u.actor_login,
            published_at=now,
            published_by=u.actor_login,
        )
        s.add(pub)
        s.flush()
        anchors.anchor(u, Action.CREATE, TABLE, pub.id, canonical_version(pub))
        u.log(
            Action.CREATE,
            f"policy:{pub.id}",
            detail=f"게시 제{number}판; 시행일={effective.isoformat()}; 초안=policy:{row.id}",
        )
        return _info(pub, earlier)


def changes_of(
    published: Mapping[str, Sequence[str]], today: Mapping[str, Sequence[str]]
) -> list[FactChange]:
    out = []
    for cat in CATEGORY_LABELS:
        old, new = list(published.get(cat, [])), list(today.get(cat, []))
        if old != new:
            out.append(
                FactChange(cat, tuple(x for x in new if x not in old), tuple(x for x in old if x not in new))
            )
    return out


def outdated(session: Session, profile: HospitalProfile) -> list[FactChange] | None:
    """What differs between the latest published version and today's data (None: nothing published).
    Reads only; writes no log entry (for 오늘 할 일)."""
    pub = _latest(session, PUBLISHED)
    if pub is None:
        return None
    return changes_of(_info(pub).facts, facts(read_data(session, profile)))


def status(ctx: AppContext, actor: Actor) -> PolicyStatus:
    """Whether the published policy states what privdesk holds today, and what differs."""
    profile = ctx.profile
    with ctx.unit(actor, Permission.POLICY_MANAGE) as u:
        pub = _latest(u.session, PUBLISHED)
        if pub is None:
            u.log(Action.VIEW, CURRENT, detail="현황: 게시본 없음")
            return PolicyStatus(None)
        info = _info(pub)
        found = changes_of(info.facts, facts(read_data(u.session, profile)))
        u.log(
            Action.VIEW,
            info.subject,
            detail="현황: " + (",".join(c.category for c in found) if found else "일치"),
        )
        return PolicyStatus(info, tuple(found))


def for_render(ctx: AppContext, actor: Actor, number: int | None) -> VersionInfo:
    """The version to render (``number``; default the latest published, else today's data as a
    draft). Logged by the caller's output (:mod:`privdesk.policy.output`)."""
    profile = ctx.profile
    with ctx.unit(actor, Permission.POLICY_MANAGE) as u:
        s = u.session
        if number is None:
            latest = _latest(s, PUBLISHED)
            number = latest.number if latest is not None else None
        if number is not None:
            return _info(_by_number(s, number), _earlier(s, number))
        _data, info = _live(s, profile, _base_texts(s))
        return info


def anchor_unanchored(u: Unit) -> int:
    """Anchor the versions stored before versions were anchored (a database made under 0770;
    :data:`privdesk.opening.ANCHORED_BY_REVISION`); returns how many."""
    have = anchors.anchors_of(u.session, TABLE)
    rows = u.session.execute(select(PolicyVersion).order_by(PolicyVersion.id)).scalars()
    n = 0
    for row in rows:
        if row.id not in have:
            anchors.anchor(u, Action.SYSTEM, TABLE, row.id, canonical_version(row))
            n += 1
    return n


def verify_ledger_in(session: Session) -> list[anchors.AnchorProblem]:
    """Every stored version (draft or published) against its access-log anchor; for ``audit verify``."""
    rows = session.execute(select(PolicyVersion).order_by(PolicyVersion.id)).scalars()
    return anchors.verify_anchored(session, TABLE, ((r.id, canonical_version(r)) for r in rows))


def verify_ledger(ctx: AppContext, actor: Actor) -> list[anchors.AnchorProblem]:
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        problems = verify_ledger_in(u.session)
        u.log(Action.VERIFY, f"{TABLE}:*", detail=f"problems={len(problems)}")
        return problems
