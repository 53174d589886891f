"""``privdesk patient export`` (issue 10): the screen's export on the command line, so a script can
take a masked list with its reason. The reason is required (exit 2 without it) and logged with
every exported patient; unmasked values need the unmask permission; held records are refused."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest

from privdesk.accounts import roles as roles_uc
from privdesk.accounts import users
from privdesk.accounts.permissions import AUDITOR, Permission
from privdesk.audit import query
from privdesk.context import Actor, AppContext
from privdesk.registry.patients import set_hold
from tests.hardening_support import as_officer, assert_refused, cli
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.test_rights import patient
from tests.ui_patients_support import STAFF_PASSWORD, rrn, staff


@pytest.fixture
def boss(ctx: AppContext) -> Actor:
    return users.login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_the_reason_is_required(ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "list.csv"
    r = cli(ctx, "patient", "export", "--out", str(out), *as_officer())
    assert r.returncode == 2 and "--reason" in r.stderr and not out.exists()
    assert_refused(
        cli(ctx, "patient", "export", "--out", str(out), "--reason", "  ", *as_officer()),
        "내보내는 사유를 입력하십시오",
    )


def test_a_masked_list_with_its_reason_logged_per_patient(
    ctx: AppContext, boss: Actor, tmp_path: Path
) -> None:
    hong = patient(ctx, boss)
    kim = patient(ctx, boss, chart="1002", rrn=rrn("850615234567"), name="김영희")
    out = tmp_path / "list.csv"
    r = cli(ctx, "patient", "export", "--out", str(out), "--reason", "건강검진 안내 대상 확인", *as_officer())
    assert r.returncode == 0, r.stderr
    assert "내보낸 환자: 2명 (마스킹)" in r.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = rows(out)
    assert data[0][:3] == ["차트번호", "이름", "주민등록번호"]
    assert sorted(row[0] for row in data[1:]) == ["1001", "1002"]
    assert all(row[2].endswith("******") and "****" in row[6] for row in data[1:])
    assert "900101-1234568" not in out.read_text(encoding="utf-8-sig")
    for pid in (hong, kim):
        logged = query.page(ctx, boss, query.LogFilter(action="export", subject=f"patient:{pid}"))
        assert [e.detail for e in logged] == ["masked; 사유=건강검진 안내 대상 확인"]
    # by chart number, and by a search
    one = tmp_path / "one.csv"
    assert (
        cli(
            ctx, "patient", "export", "--out", str(one), "--reason", "민원", "--chart", "1002", *as_officer()
        ).returncode
        == 0
    )
    assert [row[0] for row in rows(one)[1:]] == ["1002"]
    by_name = tmp_path / "by-name.csv"
    assert (
        cli(
            ctx,
            "patient",
            "export",
            "--out",
            str(by_name),
            "--reason",
            "민원",
            "--query",
            "홍",
            *as_officer(),
        ).returncode
        == 0
    )
    assert [row[1] for row in rows(by_name)[1:]] == ["홍길동"]
    assert_refused(
        cli(
            ctx,
            "patient",
            "export",
            "--out",
            str(tmp_path / "none.csv"),
            "--reason",
            "민원",
            "--chart",
            "9999",
            *as_officer(),
        ),
        "차트번호 9999",
    )
    assert_refused(
        cli(
            ctx,
            "patient",
            "export",
            "--out",
            str(tmp_path / "none.csv"),
            "--reason",
            "민원",
            "--query",
            "ㅋㅋ",
            *as_officer(),
        ),
        "검색어에 맞는 환자가 없어",
    )
    assert not (tmp_path / "none.csv").exists()


def test_unmasked_needs_the_unmask_permission(ctx: AppContext, boss: Actor, tmp_path: Path) -> None:
    patient(ctx, boss)
    auditor = next(r for r in roles_uc.list_roles(ctx, boss) if r.code == AUDITOR)
    roles_uc.set_role_permissions(
        ctx,
        boss,
        AUDITOR,
        {*auditor.permissions, str(Permission.PATIENT_READ), str(Permission.PATIENT_EXPORT)},
        reason="명부 점검",
    )
    staff(ctx, boss, "reader", [AUDITOR], name="감사인")
    out = tmp_path / "full.csv"
    r = cli(
        ctx,
        "patient",
        "export",
        "--out",
        str(out),
        "--reason",
        "감사",
        "--unmasked",
        "--as",
        "reader",
        env={"PRIVDESK_PASSWORD": STAFF_PASSWORD},
    )
    assert_refused(r, "권한이 없습니다", "마스킹 해제")
    assert not out.exists()
    r = cli(
        ctx,
        "patient",
        "export",
        "--out",
        str(out),
        "--reason",
        "감사",
        "--as",
        "reader",
        env={"PRIVDESK_PASSWORD": STAFF_PASSWORD},
    )
    assert r.returncode == 0, r.stderr
    r = cli(
        ctx,
        "patient",
        "export",
        "--out",
        str(out),
        "--reason",
        "보험 청구",
        "--unmasked",
        "--force",
        *as_officer(),
    )
    assert r.returncode == 0, r.stderr
    assert rows(out)[1][2] == "900101-1234568" and rows(out)[1][6] == "010-1234-5678"
    logged = query.page(ctx, boss, query.LogFilter(action="export", actor=OFFICER_LOGIN))
    assert logged[0].detail == "unmasked; 사유=보험 청구"


def test_a_held_record_is_refused_and_nothing_is_written(
    ctx: AppContext, boss: Actor, tmp_path: Path
) -> None:
    pid = patient(ctx, boss)
    set_hold(ctx, boss, pid, "정정 요구 처리 중")
    out = tmp_path / "list.csv"
    assert_refused(
        cli(ctx, "patient", "export", "--out", str(out), "--reason", "민원", *as_officer()),
        "차트번호 1001",
        "처리정지",
    )
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
