"""Issue 12, processors (위탁, 법 제26조): the contract's required contents as a checklist per
contract (법 제26조①, 시행령 제28조①), sub-processors (재위탁, 법 제26조⑥), and at the contract's end
the processor's return or destruction of the data with evidence (append-only, row proof) — an ended
contract without it stays open: listed, marked, printed (pdftotext). Both backends."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from privdesk import clock
from privdesk.context import Actor, AppContext
from privdesk.disclosures import contracts, printing
from privdesk.disclosures import processors as uc
from privdesk.disclosures.contracts import ClauseInput, ReturnInput, SubprocessorInput
from privdesk.errors import RuleViolationError, ValidationError
from tests.audit_support import actor_for
from tests.helpers import owner_engine
from tests.test_processors import form

ALL_PRESENT = {c.code: ClauseInput(True, f"제{i}조") for i, c in enumerate(contracts.CLAUSES, start=3)}


@pytest.fixture
def privacy(ctx: AppContext) -> Actor:
    return actor_for(ctx, "priv01", ["privacy"])


def squash(s: str) -> str:
    return "".join(s.split())


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_the_checklist_holds_the_contents_of_article_26(ctx: AppContext, privacy: Actor) -> None:
    assert [c.label for c in contracts.CLAUSES] == [
        "위탁업무 수행 목적 외 개인정보의 처리 금지",
        "개인정보의 기술적·관리적 보호조치",
        "위탁업무의 목적 및 범위",
        "재위탁 제한",
        "개인정보에 대한 접근 제한 등 안전성 확보 조치",
        "개인정보 관리 현황 점검 등 감독",
        "의무 위반 시 손해배상 등 책임",
    ]
    p = uc.list_processors(ctx, privacy)[0]
    assert p.checklist_text == "계약서 미점검" and len(p.contract.missing) == 7
    with pytest.raises(ValidationError) as err:  # present, but where?
        contracts.check_clauses(ctx, privacy, p.id, {"purpose_ban": ClauseInput(True)}, "계약서 확인")
    assert err.value.field == "article"
    with pytest.raises(ValidationError) as err:
        contracts.check_clauses(ctx, privacy, p.id, {"gifts": ClauseInput(True, "제1조")}, "계약서 확인")
    assert err.value.field == "clauses"
    partial = {**ALL_PRESENT, "liability": ClauseInput(False)}
    state = contracts.check_clauses(ctx, privacy, p.id, partial, "위탁 계약서 검토")
    assert state.missing == ("의무 위반 시 손해배상 등 책임",)
    assert state.checklist_text == "필수 기재사항 6/7 — 누락·미점검: 의무 위반 시 손해배상 등 책임"
    state = contracts.check_clauses(
        ctx, privacy, p.id, {"liability": ClauseInput(True, "제12조")}, "변경 계약 체결"
    )
    assert state.missing == () and state.checklist_text == "필수 기재사항 7/7 확인"
    history = uc.processor_history(ctx, privacy, p.id)
    assert [h.change_label for h in history[-2:]] == ["계약서 점검", "계약서 점검"]
    assert (
        "의무 위반 시 손해배상 등 책임: 누락" in history[-2].detail and history[-1].reason == "변경 계약 체결"
    )


def test_subprocessors_are_recorded_with_the_hospitals_consent(ctx: AppContext, privacy: Actor) -> None:
    p = uc.list_processors(ctx, privacy)[1]
    state = contracts.add_subprocessor(
        ctx,
        privacy,
        p.id,
        SubprocessorInput(
            "(주)클라우드원",
            "영상 저장 서버 운영",
            clock.today_kst() - dt.timedelta(days=10),
            "재위탁 동의 공문 2026-311",
        ),
        "재위탁 동의",
    )
    sub = state.subprocessors[0]
    assert sub.name == "(주)클라우드원" and uc.get_processor(
        ctx, privacy, p.id
    ).subprocessors_text.startswith("(주)클라우드원 (영상 저장 서버 운영; 동의 ")
    with pytest.raises(ValidationError):
        contracts.add_subprocessor(
            ctx, privacy, p.id, SubprocessorInput("x", "y", clock.today_kst() + dt.timedelta(days=1)), "r"
        )
    state = contracts.end_subprocessor(ctx, privacy, sub.id, clock.today_kst(), "재위탁 종료")
    assert state.subprocessors[0].ended_on == clock.today_kst() and state.subprocessor_text == "없음"
    with pytest.raises(RuleViolationError):
        contracts.end_subprocessor(ctx, privacy, sub.id, clock.today_kst(), "again")


def test_an_ended_contract_stays_open_until_the_return_or_destruction_is_recorded(
    ctx: AppContext, privacy: Actor, tmp_path: Path
) -> None:
    rows = uc.list_processors(ctx, privacy)
    ended, running, expired = rows[6], rows[1], rows[2]
    # not ended yet: nothing to return
    with pytest.raises(RuleViolationError):
        contracts.record_return(
            ctx, privacy, running.id, ReturnInput("destroy", clock.today_kst(), "파기 확인서")
        )
    gone = uc.deactivate_processor(ctx, privacy, ended.id, "위탁 계약 종료")
    assert gone.outstanding and gone.status_text == "위탁 종료 — 반환·파기 미확인"
    uc.update_processor(
        ctx,
        privacy,
        expired.id,
        form(
            expired,
            contract_start=clock.today_kst() - dt.timedelta(days=400),
            contract_end=clock.today_kst() - dt.timedelta(days=1),
        ),
        "계약서 확인",
        1,
    )
    assert uc.get_processor(ctx, privacy, expired.id).status_text == "계약 만료 — 반환·파기 미확인"
    # still listed among the processors in use (the policy's list) while open
    in_use = uc.list_processors(ctx, privacy, include_inactive=False)
    assert ended.id in [r.id for r in in_use] and len(in_use) == 10
    out = tmp_path / "open.pdf"
    printing.print_processors(ctx, privacy, out, reason="업무 확인")
    body = squash(pdf_text(out))
    assert "위탁종료—반환·파기미확인" in body and "반환·파기미확인2곳" in body
    assert "미확인—반환·파기증빙을기록하십시오" in body and "계약서미점검" in body
    for bad, field in (
        (ReturnInput("sell", clock.today_kst(), "x"), "method"),
        (ReturnInput("destroy", clock.today_kst(), " "), "evidence"),
        (ReturnInput("destroy", clock.today_kst() + dt.timedelta(days=1), "x"), "done_on"),
        (ReturnInput("destroy", clock.today_kst(), "x", confirmed_by="ghost"), "confirmed_by"),
    ):
        with pytest.raises(ValidationError) as err:
            contracts.record_return(ctx, privacy, ended.id, bad)
        assert err.value.field == field
    state = contracts.record_return(
        ctx,
        privacy,
        ended.id,
        ReturnInput(
            "destroy",
            clock.today_kst() - dt.timedelta(days=1),
            "수탁업체 개인정보 파기 확인서 (공문 씨전-2026-045, 하드디스크 초기화 사진 첨부)",
            confirmed_by="yook",
        ),
    )
    assert state.returned is not None and state.returned.confirmed_by_name == "육의곤"
    row = uc.get_processor(ctx, privacy, ended.id)
    assert (
        not row.outstanding
        and row.status_text == "위탁 종료"
        and row.end_text.startswith(
            f"{(clock.today_kst() - dt.timedelta(days=1)).isoformat()} 파기 확인 — 증빙: 수탁업체 개인정보 파기 확인서"
        )
    )
    assert ended.id not in [r.id for r in uc.list_processors(ctx, privacy, include_inactive=False)]
    assert uc.processor_history(ctx, privacy, ended.id)[-1].change_label == "반환·파기 확인"
    contracts.record_return(
        ctx, privacy, expired.id, ReturnInput("return", clock.today_kst(), "반환 인수증 2026-12")
    )
    out = tmp_path / "closed.pdf"
    printing.print_processors(ctx, privacy, out, reason="업무 확인")
    body = squash(pdf_text(out))
    assert "반환·파기미확인0곳" in body and "반환확인—증빙:반환인수증2026-12" in body


@pytest.mark.tampers
def test_the_return_record_is_append_only_and_anchored(ctx: AppContext, privacy: Actor) -> None:
    from sqlalchemy.exc import DBAPIError

    from privdesk.audit.findings import NOTHING
    from privdesk.integrity import inspect_all
    from tests.audit_support import officer

    rows = uc.list_processors(ctx, privacy)
    for p in (rows[6], rows[7]):
        uc.deactivate_processor(ctx, privacy, p.id, "위탁 계약 종료")
        contracts.record_return(ctx, privacy, p.id, ReturnInput("destroy", clock.today_kst(), "파기 확인서"))
    boss = officer(ctx)
    assert contracts.verify_returns(ctx, boss) == [] and inspect_all(ctx, NOTHING)[1].problems == []
    for stmt in ("UPDATE processor_returns SET evidence = '없음'", "DELETE FROM processor_returns"):
        with pytest.raises(DBAPIError), ctx.engine.begin() as conn:
            conn.execute(text(stmt))
    with owner_engine(ctx) as engine, engine.begin() as conn:  # an intruder goes around the trigger …
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER processor_returns_no_update"))
            conn.execute(text("DROP TRIGGER processor_returns_no_delete"))
        else:
            conn.execute(text("ALTER TABLE processor_returns DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE processor_returns SET evidence = '확인서 없음' WHERE id = 1"))
        conn.execute(text("DELETE FROM processor_returns WHERE id = 2"))
    found = [(p.row_id, p.problem) for p in contracts.verify_returns(ctx, boss)]  # … and is found
    assert found == [(1, "변조"), (2, "삭제")]
    problems = [x.message for x in inspect_all(ctx, NOTHING)[1].problems]
    assert any("processor_return" in m for m in problems), problems


def test_the_command_line_checks_records_and_lists_open_contracts(ctx: AppContext, privacy: Actor) -> None:
    from tests.audit_support import TEST_PASSWORD
    from tests.helpers import run_cli

    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": TEST_PASSWORD,
    }
    p = uc.list_processors(ctx, privacy)[6]
    uc.deactivate_processor(ctx, privacy, p.id, "위탁 계약 종료")
    as_ = ["--as", "priv01"]
    r = run_cli(
        "processor",
        "checklist",
        str(p.id),
        "--present",
        "purpose_ban=제5조",
        "--missing",
        "liability",
        "--reason",
        "계약서 검토",
        *as_,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert "liability  의무 위반 시 손해배상 등 책임 (시행령 제28조제1항제5호): 누락" in r.stdout
    assert (
        "purpose_ban  위탁업무 수행 목적 외 개인정보의 처리 금지 (법 제26조제1항제1호): 있음 (제5조)"
        in r.stdout
    )
    r = run_cli(
        "processor", "checklist", str(p.id), "--present", "purpose_ban", "--reason", "x", *as_, env=env
    )
    assert r.returncode != 0 and "CODE=조항" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("processor", "list", *as_, env=env)
    line = next(x for x in r.stdout.splitlines() if p.name in x)
    assert line.startswith("[반환·파기 미확인] ") and "필수 기재사항 1/7" in line
    r = run_cli(
        "processor",
        "returned",
        str(p.id),
        "--method",
        "destroy",
        "--date",
        clock.today_kst().isoformat(),
        "--evidence",
        "파기 확인서 2026-77",
        *as_,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(
        f"반환·파기: {clock.today_kst().isoformat()} 파기 확인 — 증빙: 파기 확인서 2026-77"
    )
    r = run_cli("processor", "list", *as_, env=env)
    assert p.name not in r.stdout
    r = run_cli(
        "processor",
        "subcontract",
        str(uc.list_processors(ctx, privacy)[0].id),
        "--name",
        "(주)백업센터",
        "--task",
        "백업 보관",
        "--consented",
        clock.today_kst().isoformat(),
        "--reason",
        "재위탁 동의",
        *as_,
        env=env,
    )
    assert r.returncode == 0 and r.stdout.startswith("재위탁: (주)백업센터 (백업 보관; 동의 "), r.stderr


def test_a_key_rotation_leaves_the_return_records_intact(sqlite_ctx: AppContext) -> None:
    """The record is append-only: nothing in it may need rewriting when the master key changes."""
    from privdesk.custody import rotation
    from tests.audit_support import officer
    from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD

    ctx = sqlite_ctx
    me = officer(ctx)
    p = uc.list_processors(ctx, me)[0]
    uc.deactivate_processor(ctx, me, p.id, "위탁 계약 종료")
    contracts.record_return(ctx, me, p.id, ReturnInput("destroy", clock.today_kst(), "파기 확인서"))
    assert rotation.rotate(ctx, OFFICER_LOGIN, OFFICER_PASSWORD).finished
    assert (
        contracts.verify_returns(ctx, officer(ctx)) == []
    )  # (and the fixture's end-of-test integrity check)
