"""The yearly usage notice (이용·제공 내역 통지, 법 제20조의2): applicability by count and by the
profile, the batch as letters (with the year's provisions) or a CSV (logged with its reason), the
rerun refusal and the numbered reissue, deliveries, the start-screen lines, permissions."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from privdesk import today as today_mod
from privdesk.audit.chain import Action
from privdesk.context import AppContext
from privdesk.disclosures.ledger import record_disclosure
from privdesk.errors import (
    ConfigError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    ValidationError,
)
from privdesk.notice.models import CSV, RETURNED, SENT
from privdesk.notice.usecases import batches, deliver, make, status
from tests.audit_support import actor_for, officer, row_count
from tests.incident_support import ADDRESSES, NAMES, add_patients
from tests.test_disclosures import police
from tests.training_support import created_on, with_sections


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_applicability_by_count_and_by_the_profile(sqlite_ctx: AppContext) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    s = status(ctx, yook)
    assert not s.applies and s.count_text.startswith("등록 환자 0명 — 통지 의무 대상이 아닙니다")
    add_patients(ctx, yook, 3)
    with_sections(ctx, notice={"threshold": 3})
    s = status(ctx, yook)
    assert s.applies and s.count_text.startswith("등록 환자 3명 — 통지 의무 대상입니다")
    with_sections(ctx, notice={"threshold": 4})
    assert not status(ctx, yook).applies
    with_sections(ctx, notice={"threshold": 4, "applies": True})
    s = status(ctx, yook)
    assert s.applies and "대상으로 지정" in s.decision_text and "다릅니다" in s.decision_text
    # a wrong value is refused when the profile is loaded (privdesk init), not on the start screen
    for bad in ({"applies": "sometimes"}, {"threshold": 0}, {"remind_from": "02-30"}, {"typo": 1}):
        with pytest.raises(ConfigError, match=r"notice"):
            with_sections(ctx, notice=bad)


def test_batch_letters_list_the_years_provisions_and_rerun_is_refused(
    sqlite_ctx: AppContext, tmp_path: Path
) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    ids = add_patients(ctx, yook, 3)
    year = dt.date.today().year
    record_disclosure(ctx, yook, police(ids[0], recipient="관악경찰서 형사과", items="이름, 주소, 내원일"))
    record_disclosure(
        ctx, yook, police(ids[1], recipient="작년의 수신처", disclosed_on=dt.date(year - 1, 6, 1))
    )
    before = row_count(ctx)
    out = tmp_path / "letters.pdf"
    r = make(ctx, yook, year, out, reason="연간 이용·제공 내역 통지")
    assert r.batch.issue == 1 and r.batch.patients == 3 and r.batch.provisions == 1 and r.pages >= 3
    text = pdf_text(out)
    assert (
        "개인정보 이용·제공 내역 통지서" in text
        and "관악경찰서 형사과" in text
        and "이름, 주소, 내원일" in text
    )
    assert "작년의 수신처" not in text  # another year's provision
    for name, address in zip(NAMES, ADDRESSES, strict=True):
        assert f"{name} 님께" in text and address.split()[0] in text  # addressed to the person, in full
    assert "900101-1" not in text  # never the resident number
    # one entry per patient (by reference, with the reason) and one for the batch; no name in any
    from sqlalchemy import select

    from privdesk.store.models import AccessLogEntry

    with ctx.session() as s:
        new = list(s.scalars(select(AccessLogEntry).where(AccessLogEntry.seq > before)))
    printed = [e for e in new if e.action == Action.PRINT]
    assert sorted(e.subject for e in printed) == sorted(f"patient:{i}" for i in ids)
    assert all("연간 이용·제공 내역 통지" in (e.detail or "") for e in printed)
    assert not any(n in (e.detail or "") + (e.subject or "") for e in new for n in NAMES)

    with pytest.raises(RuleViolationError, match="이미 만들었습니다"):
        make(ctx, yook, year, tmp_path / "again.pdf", reason="다시")
    assert not (tmp_path / "again.pdf").exists()
    r2 = make(ctx, yook, year, tmp_path / "reissue.pdf", reason="주소 오류 재발행", reissue=True)
    assert r2.batch.issue == 2 and "재발행 제2차" in pdf_text(tmp_path / "reissue.pdf")
    assert [b.issue for b in batches(ctx, yook)] == [2, 1]
    with pytest.raises(ValidationError):
        make(ctx, yook, year + 1, tmp_path / "future.pdf", reason="미래")


def test_csv_for_a_mail_service_needs_a_reason_and_is_logged(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    ids = add_patients(ctx, yook, 2)
    record_disclosure(ctx, yook, police(ids[1]))
    year = dt.date.today().year
    out = tmp_path / "notice.csv"
    with pytest.raises(ValidationError):
        make(ctx, yook, year, out, output=CSV, reason=" ")
    with pytest.raises(ValidationError):
        make(ctx, yook, year, out, output=CSV, reason="010-1234-5678에게 문자")  # personal data in a reason
    assert not out.exists() and batches(ctx, yook) == []
    before = row_count(ctx)
    r = make(ctx, yook, year, out, output=CSV, reason="문자 발송 서비스 업로드")
    assert r.pages == 0 and r.batch.output == "csv"
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["통지번호", "차트번호", "이름"] and len(rows) == 3
    by_chart = {row[1]: row for row in rows[1:]}
    assert (
        by_chart["1002"][2] == NAMES[1] and by_chart["1002"][7] == "1" and "관악경찰서" in by_chart["1002"][8]
    )
    assert by_chart["1001"][8] == "없음" and by_chart["1001"][4] == "010-1234-5678"
    from sqlalchemy import select

    from privdesk.store.models import AccessLogEntry

    with ctx.session() as s:
        new = list(s.scalars(select(AccessLogEntry).where(AccessLogEntry.seq > before)))
    exports = [e for e in new if e.action == Action.EXPORT]
    assert len(exports) == 2 and all("문자 발송 서비스 업로드" in (e.detail or "") for e in exports)


def test_deliveries_are_recorded_per_patient(ctx: AppContext, tmp_path: Path) -> None:
    yook = officer(ctx)
    add_patients(ctx, yook, 3)
    year = dt.date.today().year
    with pytest.raises(NotFoundError):
        deliver(ctx, yook, year, SENT, all_pending=True)
    make(ctx, yook, year, tmp_path / "l.pdf", reason="연간 통지")
    assert deliver(ctx, yook, year, RETURNED, charts=["1002"], note="수취인 불명") == 1
    assert deliver(ctx, yook, year, SENT, all_pending=True) == 2
    b = batches(ctx, yook)[0]
    assert (b.sent, b.returned, b.pending) == (2, 1, 0)
    assert deliver(ctx, yook, year, SENT, charts=["1002"]) == 1  # re-sent: the latest counts
    b = batches(ctx, yook)[0]
    assert (b.sent, b.returned) == (3, 0)
    with pytest.raises(NotFoundError):
        deliver(ctx, yook, year, SENT, charts=["9999"])
    with pytest.raises(ValidationError):
        deliver(ctx, yook, year, RETURNED, all_pending=True)
    with pytest.raises(ValidationError):
        deliver(ctx, yook, year, SENT)


def test_start_screen_when_due_and_overdue(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    add_patients(ctx, yook, 3)

    def lines(day: dt.date) -> dict[str, str]:
        return {i.key: i.text for i in today_mod.collect(ctx, yook, day) if i.key.startswith("notice")}

    year = dt.date.today().year
    assert lines(dt.date(year, 11, 2)) == {}  # not applicable: 3 patients < 50,000
    with_sections(ctx, notice={"threshold": 3})
    assert set(lines(dt.date(year, 11, 2))) == {
        "notice.due"
    }  # privdesk not in use last year: no overdue line
    created_on(ctx, "yook", dt.date(year - 1, 3, 1))
    assert set(lines(dt.date(year, 10, 31))) == {"notice.overdue"}  # last year's, before this year's reminder
    found = lines(dt.date(year, 11, 1))
    assert "등록 환자 3명 이상 — 통지 의무 대상입니다" in found["notice.due"]  # counted up to the threshold
    assert f"{year - 1}년 개인정보 이용·제공 내역 통지를 하지 않았습니다" in found["notice.overdue"]
    make(ctx, yook, year, tmp_path / "l.pdf", reason="연간 통지")
    assert "notice.due" not in lines(dt.date(year, 11, 2))
    with_sections(ctx, notice={"threshold": 3, "remind_from": "12-01"})
    assert "notice.due" not in lines(dt.date(year, 11, 2))
    clerk = actor_for(ctx, "it", ["privacy"])
    assert [
        i for i in today_mod.collect(ctx, clerk, dt.date(year, 11, 2)) if i.key.startswith("notice")
    ] == []


def test_permissions(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    it = actor_for(ctx, "it", ["privacy"])
    clerk = actor_for(ctx, "clerk", ["intake"])
    add_patients(ctx, officer(ctx), 1)
    for who in (it, clerk):
        with pytest.raises(PermissionDeniedError):
            status(ctx, who)
        with pytest.raises(PermissionDeniedError):
            make(ctx, who, dt.date.today().year, tmp_path / "x.csv", output=CSV, reason="발송")
    assert not (tmp_path / "x.csv").exists()


def test_the_training_gate_holds_for_the_batch_too(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    from privdesk.training.api import TrainingOverdueError

    ctx = sqlite_ctx
    yook = officer(ctx)
    add_patients(ctx, yook, 1)
    created_on(ctx, "yook", dt.date(2020, 1, 2))  # never trained since
    with_sections(ctx, training={"gate": True, "gate_days": 30})
    with pytest.raises(TrainingOverdueError):
        make(ctx, yook, dt.date.today().year, tmp_path / "n.csv", output=CSV, reason="문자 발송")
    assert not (tmp_path / "n.csv").exists() and batches(ctx, yook) == []


def test_deliveries_on_the_batch_the_letter_belongs_to(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    """A letter of 제1차 returned after 제2차 was made is recorded on 제1차 (``issue``); the default
    is still the year's latest batch; an issue never made, or a chart not in that batch, refused."""
    from tests.helpers import OFFICER_PASSWORD, run_cli

    ctx = sqlite_ctx
    yook = officer(ctx)
    add_patients(ctx, yook, 2)
    year = dt.date.today().year
    make(ctx, yook, year, tmp_path / "1.pdf", reason="연간 통지")
    assert deliver(ctx, yook, year, SENT, all_pending=True) == 2
    make(ctx, yook, year, tmp_path / "2.csv", output=CSV, reason="주소 변경 후 재발행", reissue=True)
    assert deliver(ctx, yook, year, RETURNED, charts=["1001"], issue=1, note="수취인 불명") == 1
    second, first = batches(ctx, yook)
    assert (first.issue, first.sent, first.returned) == (1, 1, 1)
    assert (second.issue, second.sent, second.returned, second.pending) == (2, 0, 0, second.patients)
    assert deliver(ctx, yook, year, SENT, all_pending=True) == second.patients  # the latest by default
    assert deliver(ctx, yook, year, SENT, all_pending=True, issue=1) == 0  # 제1차: nothing pending
    with pytest.raises(NotFoundError, match="제3차"):
        deliver(ctx, yook, year, SENT, charts=["1001"], issue=3)
    with pytest.raises(ValidationError):
        deliver(ctx, yook, year, SENT, charts=["1001"], issue=0)
    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    r = run_cli(
        "notice",
        "deliver",
        "--year",
        str(year),
        "--issue",
        "1",
        "--sent",
        "--chart",
        "1001",
        "--as",
        "yook",
        env=env,
    )
    assert r.returncode == 0 and f"{year}년 제1차 통지: 발송 1건 기록" in r.stdout, r.stderr
    assert batches(ctx, yook)[1].returned == 0 and batches(ctx, yook)[1].sent == 2
    r = run_cli(
        "notice", "deliver", "--year", str(year), "--issue", "5", "--sent", "--all", "--as", "yook", env=env
    )
    assert r.returncode != 0 and "제5차" in r.stderr
