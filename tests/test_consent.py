"""Consent records (privdesk.consent): texts versioned like the policy, the fresh-consent rule,
consents and withdrawals append-only, the opt-in export and disclosures on consent, permissions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text

from privdesk import clock
from privdesk.consent import records, texts
from privdesk.consent.api import ConsentMissingError
from privdesk.context import AppContext
from privdesk.disclosures.ledger import INTERNAL_USE, DisclosureInput, record_disclosure
from privdesk.errors import NotFoundError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.registry.export import export_patients
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, officer
from tests.consent_support import give_consent, publish_text
from tests.helpers import owner_engine
from tests.incident_support import add_patients

TODAY = clock.today_kst


def kiosk(pid: int, purpose: str = "contact", **kw: object) -> records.ConsentInput:
    return records.ConsentInput(patient_id=pid, purpose=purpose, method="kiosk", **kw)  # type: ignore[arg-type]


def test_texts_are_versioned_published_once_and_immutable(ctx: AppContext) -> None:
    yook = officer(ctx)
    with pytest.raises(RuleViolationError, match="초안이 없습니다"):
        texts.publish(ctx, yook, "contact", TODAY())
    with pytest.raises(ValidationError, match="알 수 없는 동의 목적"):
        texts.draft(ctx, yook, "nonsense", "동의합니다.")
    with pytest.raises(ValidationError, match="전화번호"):
        texts.draft(ctx, yook, "contact", "문의 010-1234-5678로 연락 주십시오.")
    d1 = texts.draft(ctx, yook, "contact", "안내 문자를 받는 데 동의합니다.")
    assert d1.version is None and d1.state == "draft"
    v1 = texts.publish(ctx, yook, "contact", TODAY())
    assert v1.version == 1 and v1.requires_fresh_consent and v1.published_by == "yook"
    assert v1.purpose_name == "안내·홍보 연락"
    with pytest.raises(RuleViolationError):
        texts.publish(ctx, yook, "contact", TODAY())  # no newer draft
    texts.draft(ctx, yook, "contact", "안내 문자·전화를 받는 데 동의합니다.")
    with pytest.raises(ValidationError, match="바뀌었는지 정하십시오"):
        texts.publish(ctx, yook, "contact", TODAY())  # after 제1판 the officer must decide
    with pytest.raises(ValidationError, match="이전 판의 시행일"):
        texts.publish(ctx, yook, "contact", TODAY() - dt.timedelta(days=1), requires_fresh_consent=False)
    v2 = texts.publish(ctx, yook, "contact", TODAY(), requires_fresh_consent=False)
    assert v2.version == 2 and not v2.requires_fresh_consent
    # another purpose numbers its own versions
    assert publish_text(ctx, "provision").version == 1
    listed = texts.texts(ctx, yook, "contact")
    assert [t.version for t in listed] == [2, None, 1, None]
    with owner_engine(ctx) as engine:
        for sql in (
            "UPDATE consent_texts SET text = 'x' WHERE version = 1",
            "DELETE FROM consent_texts WHERE version = 1",
            f"UPDATE consent_texts SET effective_date = NULL WHERE id = {d1.id}",
        ):
            with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
                conn.execute(text(sql))


def test_a_consent_is_recorded_with_how_and_by_whom(ctx: AppContext) -> None:
    yook = officer(ctx)
    clerk = actor_for(ctx, "clerk", ["intake"])
    actor_for(ctx, "nurse", ["intake"])
    pid, other, third = add_patients(ctx, yook, 3)
    with pytest.raises(RuleViolationError, match="게시되지 않았습니다"):
        records.record(ctx, clerk, kiosk(pid))
    publish_text(ctx)
    with pytest.raises(ValidationError, match="문서번호"):  # 서면 needs the scanned form's reference
        records.record(ctx, clerk, records.ConsentInput(pid, "contact", "paper"))
    with pytest.raises(ValidationError, match="다른 직원"):  # 구두: a witness other than oneself
        records.record(ctx, clerk, records.ConsentInput(pid, "contact", "verbal", witness="clerk"))
    with pytest.raises(ValidationError, match="계정 'ghost'"):
        records.record(ctx, clerk, records.ConsentInput(pid, "contact", "verbal", witness="ghost"))
    with pytest.raises(ValidationError, match="관계"):
        records.record(
            ctx,
            clerk,
            records.ConsentInput(pid, "contact", "kiosk", signer="representative", representative="김철수"),
        )
    with pytest.raises(ValidationError, match="미래"):
        records.record(ctx, clerk, kiosk(pid, at=clock.now() + dt.timedelta(days=1)))
    with pytest.raises(NotFoundError):
        records.record(ctx, clerk, kiosk(999_999))
    paper = records.record(
        ctx, clerk, records.ConsentInput(pid, "contact", "paper", form_ref="SCAN-2026-0001")
    )
    assert paper.version == 1 and paper.how == "서면 (SCAN-2026-0001)" and paper.who == "본인"
    verbal = records.record(ctx, clerk, records.ConsentInput(other, "contact", "verbal", witness="nurse"))
    assert verbal.witness == "nurse" and "입회 nurse" in verbal.how
    rep = records.record(
        ctx,
        clerk,
        records.ConsentInput(
            third, "contact", "kiosk", signer="representative", representative="김철수", relation="부"
        ),
    )
    assert rep.representative == "김*수" and rep.who == "법정대리인 김*수 (부)"
    with ctx.session() as s:  # the representative's full name is nowhere in the record
        assert "김철수" not in str(s.execute(text("SELECT * FROM consent_records")).all())

    shown = records.show(ctx, clerk, pid)
    assert [(st.purpose, st.state) for st in shown.states] == [("contact", "valid"), ("provision", "none")]
    with ctx.session() as s:  # every look at a patient's consents is an access-log entry on the patient
        logged = s.execute(
            select(AccessLogEntry.action, AccessLogEntry.detail).where(
                AccessLogEntry.subject == f"patient:{pid}"
            )
        ).all()
    assert ("view", "동의 기록 조회; records=1") in logged
    assert any(a == "create" and (d or "").startswith("동의 기록 consent:") for a, d in logged)


def test_withdrawal_is_a_later_record_and_history_never_changes(ctx: AppContext) -> None:
    yook = officer(ctx)
    clerk = actor_for(ctx, "clerk", ["intake"])
    (pid,) = add_patients(ctx, yook, 1)
    publish_text(ctx)
    with pytest.raises(RuleViolationError, match="철회할 것이 없습니다"):
        records.withdraw(ctx, clerk, pid, "contact", reason="문자 수신 거부")
    records.record(ctx, clerk, kiosk(pid, at=clock.now() - dt.timedelta(days=3)))
    with pytest.raises(ValidationError, match="철회 사유"):
        records.withdraw(ctx, clerk, pid, "contact", reason="")
    with pytest.raises(ValidationError, match="동의 일시보다 앞섭니다"):
        records.withdraw(
            ctx, clerk, pid, "contact", reason="문자 수신 거부", at=clock.now() - dt.timedelta(days=5)
        )
    w = records.withdraw(ctx, clerk, pid, "contact", reason="문자 수신 거부")
    assert w.action == "withdrawn" and w.note == "문자 수신 거부"
    shown = records.show(ctx, clerk, pid)
    assert shown.states[0].state == "withdrawn"
    assert [h.action for h in shown.history] == ["withdrawn", "given"]
    with pytest.raises(RuleViolationError):
        records.withdraw(ctx, clerk, pid, "contact", reason="두 번째 철회")
    # consenting again later is a third record
    records.record(ctx, clerk, kiosk(pid))
    assert records.show(ctx, clerk, pid).states[0].valid
    with owner_engine(ctx) as engine:
        for sql in ("UPDATE consent_records SET action = 'given'", "DELETE FROM consent_records"):
            with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
                conn.execute(text(sql))


def test_a_changed_purpose_needs_fresh_consent(ctx: AppContext) -> None:
    yook = officer(ctx)
    (pid, other) = add_patients(ctx, yook, 2)
    publish_text(ctx)  # 제1판, in force for a month
    records.record(ctx, yook, kiosk(pid))
    records.record(ctx, yook, kiosk(other))
    # 제2판 corrects the wording only: consents to 제1판 still count
    texts.draft(ctx, yook, "contact", "진료 예약 안내와 병원 소식을 문자로 받는 데 동의합니다.")
    texts.publish(ctx, yook, "contact", TODAY(), requires_fresh_consent=False)
    assert records.show(ctx, yook, pid).states[0].valid
    # 제3판 changes the purpose (adds phone promotion), in force next week: still valid until then
    texts.draft(ctx, yook, "contact", "진료 안내와 건강검진 홍보를 문자·전화로 받는 데 동의합니다.")
    texts.publish(ctx, yook, "contact", TODAY() + dt.timedelta(days=7), requires_fresh_consent=True)
    assert records.show(ctx, yook, pid).states[0].valid
    # 제4판 also changes the purpose, in force today: consents to 제1–3판 no longer count
    texts.draft(ctx, yook, "contact", "진료 안내와 건강검진·이벤트 홍보를 문자·전화로 받는 데 동의합니다.")
    with pytest.raises(ValidationError, match="이전 판의 시행일"):
        texts.publish(ctx, yook, "contact", TODAY(), requires_fresh_consent=True)
    # (the officer cannot put a newer version in force before an older one: 제4판 from next week too)
    texts.publish(ctx, yook, "contact", TODAY() + dt.timedelta(days=7), requires_fresh_consent=True)
    with ctx.session() as s:
        assert records.without_consent(s, [pid, other], "contact", TODAY()) == []
        later = TODAY() + dt.timedelta(days=7)
        assert records.without_consent(s, [pid, other], "contact", later) == [pid, other]
    # today a consent to 제1판 may still be recorded; from next week only 제4판 (the newest fresh one) counts
    assert records.record(ctx, yook, kiosk(pid, version=1)).version == 1
    # the new text can be signed in advance, before it takes effect: that consent counts next week
    assert records.record(ctx, yook, kiosk(other, version=4)).version == 4
    with ctx.session() as s:
        assert records.without_consent(s, [pid, other], "contact", later) == [pid]
    with ctx.session() as s:
        from privdesk.consent.texts import counting_ids

        by_version = dict(
            s.execute(text("SELECT id, version FROM consent_texts WHERE version IS NOT NULL")).all()
        )
        assert sorted(by_version[i] for i in counting_ids(s, "contact", later)) == [4]
        assert sorted(by_version[i] for i in counting_ids(s, "contact", TODAY())) == [1, 2, 3, 4]


def test_the_consent_use_export_is_opt_in(ctx: AppContext, tmp_path: Path) -> None:
    yook = officer(ctx)
    clerk = actor_for(ctx, "clerk", ["intake"])
    a, b, c = add_patients(ctx, yook, 3)
    give_consent(ctx, [a])
    out = tmp_path / "contacts.csv"
    with pytest.raises(ConsentMissingError, match=r"차트번호 1002, 1003") as refused:
        export_patients(ctx, clerk, [a, b, c], out, reason="검진 안내 문자", consent_use=True)
    assert refused.value.charts == ("1002", "1003")
    assert not out.exists()  # nothing half-written
    with pytest.raises(ValidationError, match="제3자 제공"):  # a purpose that does not allow contact
        export_patients(
            ctx, clerk, [a], out, reason="검진 안내 문자", consent_use=True, consent_purpose="provision"
        )
    assert export_patients(ctx, clerk, [a], out, reason="검진 안내 문자", consent_use=True) == 1
    assert "1001" in out.read_text(encoding="utf-8-sig")
    # withdrawn: refused again
    records.withdraw(ctx, clerk, a, "contact", reason="문자 수신 거부")
    with pytest.raises(ConsentMissingError, match="1001"):
        export_patients(ctx, clerk, [a], tmp_path / "again.csv", reason="검진 안내 문자", consent_use=True)
    # an export that is not consent-based is not affected
    assert export_patients(ctx, clerk, [a, b, c], tmp_path / "work.csv", reason="보험 청구") == 3
    listed = records.consenting(ctx, clerk, "contact")
    assert listed == []
    give_consent(ctx, [b, c])
    assert [p.chart_no for p in records.consenting(ctx, clerk, "contact")] == ["1002", "1003"]


def test_a_disclosure_on_consent_needs_the_recorded_consent(ctx: AppContext) -> None:
    yook = officer(ctx)
    desk = actor_for(ctx, "desk", ["intake"])
    a, b = add_patients(ctx, yook, 2)

    def insurer(*ids: int, **kw: object) -> DisclosureInput:
        base: dict[str, object] = dict(
            file_code="patient",
            recipient="한빛손해보험(주)",
            recipient_purpose="실손의료보험금 지급 심사",
            items="이름, 내원일",
            legal_basis="consent",
            basis_detail="제3자 제공 동의서",
            disclosed_on=TODAY(),
            form="팩스",
            patient_ids=list(ids),
        )
        base.update(kw)
        return DisclosureInput(**base)  # type: ignore[arg-type]

    with pytest.raises(ConsentMissingError, match="1001"):
        record_disclosure(ctx, desk, insurer(a))
    give_consent(ctx, [a], "contact")  # consent to contact is not consent to a provision
    with pytest.raises(ConsentMissingError, match="'제3자 제공'"):
        record_disclosure(ctx, desk, insurer(a))
    give_consent(ctx, [a], "provision")
    row = record_disclosure(ctx, desk, insurer(a))
    assert row.legal_basis == "consent"
    with pytest.raises(ConsentMissingError, match="1002"):
        record_disclosure(ctx, desk, insurer(a, b))
    # a use beyond the purpose inside the hospital on consent: the contact purpose
    survey = insurer(
        a, kind=INTERNAL_USE, recipient="원무과", recipient_purpose="만족도 조사 안내", form="전산 조회"
    )
    assert record_disclosure(ctx, desk, survey).kind == INTERNAL_USE
    # a disclosure under a law needs no consent
    assert (
        record_disclosure(
            ctx,
            desk,
            insurer(
                b, legal_basis="law", basis_detail="국민건강보험법 제96조", restrictions="목적 외 이용 금지"
            ),
        ).legal_basis
        == "law"
    )


def test_permissions(ctx: AppContext) -> None:
    yook = officer(ctx)
    (pid,) = add_patients(ctx, yook, 1)
    clerk = actor_for(ctx, "clerk", ["intake"])
    privacy = actor_for(ctx, "kim", ["privacy"])
    facility = actor_for(ctx, "fac", ["facility"])
    with pytest.raises(PermissionDeniedError):
        texts.draft(ctx, clerk, "contact", "동의합니다.")  # intake does not write texts
    texts.draft(ctx, privacy, "contact", "동의합니다.")
    texts.publish(ctx, privacy, "contact", TODAY())
    with pytest.raises(PermissionDeniedError):
        records.record(ctx, privacy, kiosk(pid))  # the privacy staff do not record consents
    records.record(ctx, clerk, kiosk(pid))
    assert records.show(ctx, privacy, pid).states[0].valid
    for call in (
        lambda: records.show(ctx, facility, pid),
        lambda: records.consenting(ctx, facility, "contact"),
        lambda: texts.texts(ctx, facility),
        lambda: records.withdraw(ctx, facility, pid, "contact", reason="x"),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    with ctx.session() as s:
        granted = set(
            s.execute(
                text("SELECT role_code, permission FROM role_permissions WHERE permission LIKE 'consent.%'")
            ).all()
        )
    assert {
        ("officer", "consent.manage"),
        ("intake", "consent.read"),
        ("intake", "consent.record"),
        ("privacy", "consent.read"),
        ("privacy", "consent.manage"),
    } <= granted
    assert ("intake", "consent.manage") not in granted and ("privacy", "consent.record") not in granted


def test_a_consent_to_a_version_that_no_longer_counts_is_refused(ctx: AppContext) -> None:
    yook = officer(ctx)
    (pid,) = add_patients(ctx, yook, 1)
    publish_text(ctx, effective=TODAY() - dt.timedelta(days=60))
    records.record(ctx, yook, kiosk(pid))
    texts.draft(ctx, yook, "contact", "건강검진 홍보 전화를 받는 데도 동의합니다.")
    texts.publish(ctx, yook, "contact", TODAY() - dt.timedelta(days=1), requires_fresh_consent=True)
    state = records.show(ctx, yook, pid).states[0]
    assert state.state == "outdated" and state.label == "새 동의 필요"
    with pytest.raises(RuleViolationError, match="제1판은 그 뒤 동의 목적이 바뀌어"):
        records.record(ctx, yook, kiosk(pid, version=1))
    with pytest.raises(ValidationError, match="시행일"):  # agreed before 제2판 was in force
        records.record(ctx, yook, kiosk(pid, at=clock.now() - dt.timedelta(days=3)))
    assert records.record(ctx, yook, kiosk(pid)).version == 2
    assert records.show(ctx, yook, pid).states[0].valid


def test_migration_0780_guards_and_downgrades(empty_db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError

    from privdesk.audit import protections
    from privdesk.audit.verify import Snapshot
    from privdesk.store import migrate
    from privdesk.store.engine import make_engine

    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0775")
        migrate.upgrade(engine)
        with Snapshot(engine) as snap:
            assert protections.check(snap, engine.dialect.name) == []
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO consent_texts (purpose, version, state, text, requires_fresh_consent, created_at, "
                    "created_by) VALUES ('contact', 1, 'published', '동의', true, '2026-12-01 00:00:00', 'yook')"
                )
            )
        for stmt in ("UPDATE consent_texts SET state = 'draft'", "DELETE FROM consent_texts"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(stmt))
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0775")
        assert not {"consent_texts", "consent_records"} & set(inspect(engine).get_table_names())
        migrate.upgrade(engine)
        assert {"consent_texts", "consent_records"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_the_profile_lists_the_consent_purposes() -> None:
    from privdesk.consent.purposes import DEFAULT_PURPOSES, for_use, purposes_from
    from privdesk.errors import ConfigError

    assert purposes_from({}) == DEFAULT_PURPOSES
    assert [p.name for p in DEFAULT_PURPOSES] == ["안내·홍보 연락", "제3자 제공"]
    own = purposes_from(
        {
            "consent": {
                "purposes": [
                    {"code": "sms", "name": "검진 안내 문자", "uses": ["contact"]},
                    {"code": "research", "name": "연구 목적 이용", "uses": ["internal_use"]},
                ]
            }
        }
    )
    assert for_use(own, "contact").code == "sms" and for_use(own, "internal_use").code == "research"
    with pytest.raises(ValidationError, match="제3자 제공에 쓰는 동의 목적이 없습니다"):
        for_use(own, "provision")
    for bad in (
        {"consent": {"purposes": []}},
        {"consent": {"purposes": [{"code": "한글", "name": "x"}]}},
        {"consent": {"purposes": [{"code": "a", "name": "x", "uses": ["marketing"]}]}},
        {"consent": {"purposes": [{"code": "a", "name": "x"}, {"code": "a", "name": "y"}]}},
    ):
        with pytest.raises(ConfigError):
            purposes_from(bad)


def test_the_summary_for_the_access_answer(ctx: AppContext) -> None:
    from privdesk.consent.api import consent_summary

    yook = officer(ctx)
    (pid,) = add_patients(ctx, yook, 1)
    give_consent(ctx, [pid])
    with ctx.session() as s:
        text_ = consent_summary(s, ctx.profile.raw, pid)
    day = clock.today_kst().isoformat()
    assert text_ == f"선택 동의: 안내·홍보 연락 — 동의(유효) {day}, 키오스크; 제3자 제공 — 기록 없음."


def test_the_privacy_policy_states_the_purposes_processed_with_consent(ctx: AppContext) -> None:
    from privdesk.policy import versions

    yook = officer(ctx)
    before = versions.current(ctx, yook).text()
    assert "동의를 받아 처리하는 경우" not in before  # no text in force: nothing stated
    v1 = publish_text(ctx, "contact", effective=dt.date(2026, 1, 2))
    body = versions.current(ctx, yook).text()
    assert "## ○동의를 받아 처리하는 경우 (선택 동의)" in body
    assert (
        f"- 안내·홍보 연락 : 별도로 동의한 정보주체의 개인정보만 이 목적으로 처리하며, 동의는 언제든지 철회할 수 "
        f"있습니다 (동의서 제{v1.version}판, 2026. 1. 2. 시행)." in body
    )
    assert "제3자 제공 : 별도로" not in body  # its text is not published
