"""Reading the access log (접속기록 조회·내보내기) on SQLite and PostgreSQL: keyset pages newest
first, filters, the log entries a look at the log leaves, and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from privdesk import clock
from privdesk.accounts.permissions import AUDITOR, FACILITY, INTAKE
from privdesk.audit.chain import Action, Outcome
from privdesk.audit.query import LogFilter, action_label, actions, page
from privdesk.context import AppContext
from privdesk.errors import PermissionDeniedError, ValidationError
from privdesk.logview import export_csv
from privdesk.store.models import AccessLogEntry
from tests.audit_support import actor_for, add_entries, head_seq, last_entry, officer


def count_of(ctx: AppContext, action: str) -> int:
    with ctx.session() as s:
        return int(
            s.execute(
                select(func.count()).select_from(AccessLogEntry).where(AccessLogEntry.action == action)
            ).scalar_one()
        )


@pytest.fixture
def log(ctx: AppContext) -> AppContext:
    add_entries(ctx, 25, actor="kim", action=Action.VIEW)
    add_entries(ctx, 5, actor="lee", action=Action.SEARCH, subject_prefix="chart:")
    return ctx


def test_pages_newest_first_without_gaps_and_one_view_entry(log: AppContext) -> None:
    me = officer(log)
    n = head_seq(log)
    views = count_of(log, Action.VIEW)
    first = page(log, me, LogFilter(), limit=10)
    assert [r.seq for r in first] == list(range(n, n - 10, -1))
    assert count_of(log, Action.VIEW) == views + 1
    seen = [r.seq for r in first]
    while True:
        more = page(log, me, LogFilter(), before_seq=seen[-1], limit=10)
        if not more:
            break
        seen += [r.seq for r in more]
    assert seen == list(range(n, 0, -1))
    assert count_of(log, Action.VIEW) == views + 1  # further pages are not new views
    viewed = last_entry(log)
    assert (viewed["actor"], viewed["action"], viewed["subject"], viewed["detail"]) == (
        "yook",
        Action.VIEW,
        "access_log",
        "전체",
    )


def test_rows_carry_every_field(log: AppContext) -> None:
    before = clock.now()
    log.record("kim", Action.UNMASK, "patient:7", outcome=Outcome.OK, detail="사유: 보험 청구")
    row = page(log, officer(log), LogFilter(), limit=1)[0]
    assert (row.actor, row.action, row.subject, row.outcome, row.detail) == (
        "kim",
        "unmask",
        "patient:7",
        "ok",
        "사유: 보험 청구",
    )
    assert row.at.tzinfo is not None and row.at.utcoffset() == dt.timedelta(0)
    assert before - dt.timedelta(seconds=1) <= row.at <= clock.now()
    assert (row.workstation, row.ip) == (log.workstation.host, log.workstation.ip)


def test_filters_by_account_action_and_subject(log: AppContext) -> None:
    me = officer(log)
    lee = page(log, me, LogFilter(actor="lee"))
    assert len(lee) == 5 and {r.actor for r in lee} == {"lee"}
    searches = page(log, me, LogFilter(action=Action.SEARCH))
    assert [r.subject for r in searches] == [f"chart:{i}" for i in range(4, -1, -1)]
    assert [r.seq for r in page(log, me, LogFilter(subject="patient:3"))] == [searches[-1].seq - 22]
    assert page(log, me, LogFilter(actor="kim", action=Action.SEARCH)) == []
    paged = page(log, me, LogFilter(actor="kim"), limit=20)
    rest = page(log, me, LogFilter(actor="kim"), before_seq=paged[-1].seq, limit=20)
    assert len(paged) + len(rest) == 25
    assert last_entry(log)["detail"] == "계정=kim"


def test_period_is_inclusive_in_korean_time(ctx: AppContext) -> None:
    late = dt.datetime(2025, 3, 1, 23, 59, 59, tzinfo=clock.KST)  # 14:59:59 UTC
    midnight = dt.datetime(2025, 3, 2, 0, 0, tzinfo=clock.KST)  # 15:00:00 UTC
    a = add_entries(ctx, 1, at=late, actor="late")
    b = add_entries(ctx, 1, at=midnight, actor="midnight")
    me = officer(ctx)
    day1 = dt.date(2025, 3, 1)
    assert [r.seq for r in page(ctx, me, LogFilter(since=day1, until=day1))] == [a]
    assert [
        r.seq
        for r in page(
            ctx, me, LogFilter(since=day1 + dt.timedelta(days=1), until=day1 + dt.timedelta(days=1))
        )
    ] == [b]
    assert [r.seq for r in page(ctx, me, LogFilter(until=day1))] == [a]
    got = page(ctx, me, LogFilter(since=dt.date(2025, 3, 2)))
    assert b in [r.seq for r in got] and a not in [r.seq for r in got]
    assert clock.to_kst(next(r.at for r in got if r.seq == b)) == midnight
    with pytest.raises(ValidationError):
        page(ctx, me, LogFilter(since=dt.date(2025, 3, 2), until=day1))
    assert "기간=2025-03-01~2025-03-01" in LogFilter(since=day1, until=day1).describe()


def test_actions_have_korean_labels() -> None:
    listed = actions()
    assert [code for code, _ in listed] == [str(a) for a in Action]
    for code, label in listed:
        assert re.search(r"[가-힣]", label), code
    assert action_label("export") == "다운로드(내보내기)" and action_label("no-such") == "no-such"


def test_export_writes_excel_csv_and_is_logged(log: AppContext, tmp_path: Path) -> None:
    log.record('=HYPERLINK("http://x")', Action.LOGIN_FAILED, outcome=Outcome.FAILED, detail="+1 gui")
    out = tmp_path / "접속기록.csv"
    n = export_csv(log, officer(log), LogFilter(actor="lee"), out, reason="월간 점검")
    assert n == 5
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["번호", "일시(KST)", "계정"]
    assert rows[0][-3:] == ["계정 ID", "대상 참조", "수행업무 코드"]  # raw references at the end
    assert len(rows) == 6 and {r[12] for r in rows[1:]} == {"lee"} and rows[1][7].startswith("환자 검색")
    assert int(rows[1][0]) < int(rows[-1][0])  # oldest first
    logged = last_entry(log)
    assert (logged["action"], logged["subject"]) == (Action.EXPORT, "access_log")
    assert logged["detail"] == "계정=lee; 5건; 파일=접속기록.csv; 사유=월간 점검"

    every = tmp_path / "all.csv"
    export_csv(log, officer(log), LogFilter(action=Action.LOGIN_FAILED), every, reason="월간 점검")
    with every.open(encoding="utf-8-sig", newline="") as fh:
        cells = list(csv.reader(fh))[1]
    assert (
        cells[2] == '\'=HYPERLINK("http://x")' and cells[12] == '\'=HYPERLINK("http://x")'
    )  # no formula runs
    assert cells[9] == "'+1 gui"


def test_export_to_a_missing_folder_is_refused_and_not_logged(log: AppContext, tmp_path: Path) -> None:
    exports = count_of(log, Action.EXPORT)
    with pytest.raises(ValidationError) as err:
        export_csv(log, officer(log), LogFilter(), tmp_path / "nope" / "x.csv", reason="월간 점검")
    assert "출력할 폴더가 없습니다" in str(err.value)
    assert count_of(log, Action.EXPORT) == exports


def test_who_may_read_and_export(log: AppContext, tmp_path: Path) -> None:
    for login, role in (("clerk", INTAKE), ("guard", FACILITY)):
        who = actor_for(log, login, [role])
        with pytest.raises(PermissionDeniedError):
            page(log, who, LogFilter())
        with pytest.raises(PermissionDeniedError):
            export_csv(log, who, LogFilter(), tmp_path / f"{login}.csv", reason="월간 점검")
        assert not (tmp_path / f"{login}.csv").exists()
        assert last_entry(log)["action"] == Action.PERMISSION_DENIED
    auditor = actor_for(log, "inspector", [AUDITOR])
    assert len(page(log, auditor, LogFilter(), limit=5)) == 5
    assert export_csv(log, auditor, LogFilter(actor="lee"), tmp_path / "a.csv", reason="월간 점검") == 5
