"""The privacy policy from the data (privdesk.policy): the seed policy's facts rendered from the
default profile, draft → diff → publish → immutable, out of date after a processor change (also on
오늘 할 일, without a log entry), the HTML self-contained, the PDF read back, permissions."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select, text

from privdesk import clock
from privdesk.cctv import cameras
from privdesk.context import AppContext
from privdesk.disclosures import processors
from privdesk.errors import OutputError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.lifecycle import files as lifecycle_files
from privdesk.policy import versions
from privdesk.policy.output import render
from privdesk.store.models import AccessLogEntry as AccessLog
from privdesk.today import collect
from tests.audit_support import actor_for, officer, row_count
from tests.helpers import owner_engine

SEED_PROCESSORS = (
    ("아미스테크놀로지(주)", "전산장비 및 데이터베이스 유지보수"),
    ("(주)태영소프트", "의료영상저장전송"),
    ("(주)새롬소프트", "전산장비 및 데이터베이스 유지보수"),
    ("더블유의원", "의료영상 원격 판독"),
    ("(주)닥스미디어", "홈페이지 개발 및 운영"),
    ("녹십자의료재단", "위탁검사"),
    ("(재)씨전의료재단", "위탁검사"),
    ("(주)지노믹트리", "위탁검사"),
    ("세종텔레콤(주)", "예약문자 시스템"),
    ("(주)피어나인", "검진센터 문자발송 시스템"),
)
SEED_FILES = {
    "홈페이지 회원가입 및 관리": "이름, 생년월일, 성별, 아이디, 비밀번호, 연락처, 이메일",
    "홈페이지 온라인예약": "이름, 연락처, 이메일",
    "환자 진료 접수 및 관리": "이름, 주민등록번호, 주소, 연락처",
    "영상정보처리기기(CCTV) 영상": "개인영상정보",
}
REMEDIES = (
    "개인정보 분쟁조정위원회",
    "1833-6972",
    "www.kopico.go.kr",
    "개인정보침해 신고센터",
    "118",
    "privacy.kisa.or.kr",
    "대검찰청",
    "1301",
    "경찰청",
    "182",
)


def entries(ctx: AppContext, subject_prefix: str) -> list[AccessLog]:
    with ctx.session() as s:
        return list(
            s.execute(
                select(AccessLog).where(AccessLog.subject.like(f"{subject_prefix}%")).order_by(AccessLog.seq)
            ).scalars()
        )


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_default_profile_renders_every_fact_of_the_seed_policy(ctx: AppContext) -> None:
    info = versions.current(ctx, officer(ctx))
    body = info.text()
    titles = [s.title for s in info.sections]
    assert titles == [
        "개인정보처리방침",
        "□ 수집하는 개인정보 항목",
        "□ 개인정보의 수집 및 이용목적",
        "□ 개인정보의 보유 및 이용기간",
        "□ 개인정보의 파기절차 및 방법",
        "▣개인정보의 제3자 제공",
        "▣수집한 개인정보의 위탁",
        "□ 이용자 및 법정대리인의 권리와 그 행사방법",
        "□ 개인정보 자동수집 장치의 설치, 운영 및 그 거부에 관한 사항",
        "□ 개인정보에 관한 민원서비스",
        "□ 개인정보의 안전성 확보조치",
        "□영상정보처리기기(CCTV) 운영·관리 방침",
        "□ 개인정보 처리방침 변경",
        "장튼위튼병원",
    ]
    for name, task in SEED_PROCESSORS:
        assert f"| {name} | {task} | 위탁계약 종료 시까지" in body
    assert "수탁업체 10곳" in body
    assert "- 설치대수 : 25대" in body and "건물로비 5대, 원내 13대, 건물외부 7대" in body
    assert len(re.findall(r"^\| CAM-\d\d \|", body, re.M)) == 25
    assert "- 보관기간 : 촬영일로부터 30일" in body and "- 촬영시간 : 24시간" in body
    assert "- 성명 : 육의곤 (대표원장)" in body and "- 연락처 : 070-4243-5308" in body
    assert "- 부서명 : 전산팀" in body and "- 연락처 : 070-4209-9794" in body
    assert (
        "관리책임자 : 진료부 대표원장, 070-4243-5308" in body
        and "접근권한자 : 시설팀 주임, 070-4233-4389" in body
    )
    for name, items in SEED_FILES.items():
        assert f"## ○{name}" in body and f"- 수집항목 : {items}" in body
    for fact in REMEDIES:
        assert fact in body
    # what privdesk does, not what the seed said
    assert "최종 내원일로부터 5년" in body and "5일 이내에 파기" in body
    assert "예외 없이" not in body and "정보통신망" not in body and "「개인정보 보호법」" in body
    assert "범죄의 수사" not in body  # 법 제18조②7: public bodies only
    assert "10일 이내에 열람하게" in body and "최대 10일까지 연기" in body
    assert "접속기록을 2년 이상 보관" in body
    assert "- 종전 개인정보 처리방침: 2013. 8. 16. 시행, 2020. 8. 31. 수정" in body
    assert "마지막 내원 후 3년 동안 내원이 없으면" in body


def test_draft_diff_publish_and_published_versions_are_immutable(ctx: AppContext) -> None:
    yook = officer(ctx)
    d1 = versions.draft(ctx, yook)
    assert d1.number is None and d1.state == "draft"
    first = versions.diff(ctx, yook)
    assert first.old == "(없음)" and {s.change for s in first.sections} == {"added"}
    with pytest.raises(ValidationError):
        versions.publish(ctx, yook, clock.today_kst() + dt.timedelta(days=400))
    v1 = versions.publish(ctx, yook, clock.today_kst())
    assert v1.number == 1 and v1.published_by == yook.login
    assert f"이 개인정보 처리방침은 {clock.paper_date(clock.today_kst())}부터 시행합니다." in v1.text()
    with pytest.raises(RuleViolationError):
        versions.publish(ctx, yook, clock.today_kst())  # no newer draft
    assert versions.status(ctx, yook).up_to_date

    d2 = versions.draft(ctx, yook, {"intro": "{name}은 정보주체의 개인정보를 소중히 다룹니다."})
    with pytest.raises(ValidationError):
        versions.draft(ctx, yook, {"nonsense": "x"})
    with pytest.raises(ValidationError):
        versions.draft(ctx, yook, {"intro": "문의 010-1234-5678"})
    change = versions.diff(ctx, yook)
    assert change.old == "제1판" and change.new == f"초안 {d2.id}"
    changed = {s.key: s for s in change.changed}
    assert set(changed) == {"intro", "changes"}
    assert "+장튼위튼병원은 정보주체의 개인정보를 소중히 다룹니다." in changed["intro"].lines
    assert any(x.startswith("-장튼위튼병원(이하 '본원')") for x in changed["intro"].lines)
    assert "## [변경] 개인정보처리방침" in change.unified()
    v2 = versions.publish(ctx, yook, clock.today_kst() + dt.timedelta(days=7))
    assert v2.number == 2 and v2.texts["intro"].startswith("{name}은")
    assert "- 제1판: " in v2.text()
    between = versions.diff(ctx, yook, 1, 2)
    assert (
        between.old == "제1판"
        and between.new == "제2판"
        and {s.key for s in between.changed} == {"intro", "changes"}
    )
    versions.draft(ctx, yook)
    with pytest.raises(ValidationError, match="이전 판의 시행일"):
        versions.publish(ctx, yook, clock.today_kst() - dt.timedelta(days=1))  # before 제2판's 시행일
    assert [v.number for v in versions.versions(ctx, yook) if v.number] == [2, 1]

    logged = entries(ctx, "policy:")
    assert [e.action for e in logged if e.subject == f"policy:{v2.id}"][:1] == ["create"]
    assert any("게시 제2판" in (e.detail or "") for e in logged)
    with owner_engine(ctx) as engine:
        for sql in (
            "UPDATE policy_versions SET sections = '[]' WHERE number = 1",
            "DELETE FROM policy_versions WHERE number = 1",
            f"UPDATE policy_versions SET effective_date = NULL WHERE id = {d2.id}",
        ):
            with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
                conn.execute(text(sql))
    assert versions.diff(ctx, yook, 1, 1).changed == ()


def test_a_processor_change_makes_the_published_policy_out_of_date(ctx: AppContext) -> None:
    yook = officer(ctx)
    assert versions.status(ctx, yook).published is None
    assert "policy.outdated" not in {i.key for i in collect(ctx, yook)}
    versions.draft(ctx, yook)
    versions.publish(ctx, yook, clock.today_kst())
    st = versions.status(ctx, yook)
    assert st.up_to_date and "같습니다" in st.summary()
    rules = lifecycle_files.list_files(ctx, yook)  # seeding the files and the cameras from the
    cameras.list_cameras(ctx, yook)  # profile changes nothing the policy states
    assert versions.status(ctx, yook).up_to_date
    processors.add_processor(
        ctx,
        yook,
        processors.ProcessorChangeInput(name="(주)새수탁", task="주차 관리 시스템"),
        reason="주차 관리 위탁 계약",
    )
    st = versions.status(ctx, yook)
    assert not st.up_to_date and "out of date" in st.summary() and "수탁업체" in st.summary()
    assert [c.category for c in st.changes] == ["processors"]
    assert st.changes[0].sections == ("▣수집한 개인정보의 위탁",)
    cameras.add_camera(ctx, yook, number="CAM-26", location="원내", coverage="8층 복도", reason="증축")
    patient = next(r for r in rules if r.code == "patient")
    lifecycle_files.update_rule(
        ctx,
        yook,
        "patient",
        lifecycle_files.RuleChange(legal_period="medical_record"),
        expected_version=patient.version,
        reason="법령 개정 반영",
    )
    st = versions.status(ctx, yook)
    assert [c.category for c in st.changes] == ["processors", "cameras", "retention"]
    assert "설치 대수 26대" in st.changes[1].added and "CAM-26 원내 · 8층 복도" in st.changes[1].added
    assert any("최종 내원일로부터 10년" in x for x in st.changes[2].added)
    assert (
        st.changes[0].added == ("(주)새수탁 — 주차 관리 시스템 (위탁계약 종료 시까지)",)
        and not st.changes[0].removed
    )
    before = row_count(ctx)
    items = {i.key: i for i in collect(ctx, yook)}
    assert row_count(ctx) == before
    line = items["policy.outdated"]
    assert line.text.startswith(
        "게시된 개인정보 처리방침이 현재 자료와 다릅니다: 수탁업체, CCTV, 보유기간·항목"
    )
    assert line.page == "policy"
    clerk = actor_for(ctx, "clerk", ["intake"])
    assert "policy.outdated" not in {i.key for i in collect(ctx, clerk)}
    with pytest.raises(RuleViolationError):
        # the draft of before the change no longer states today's data
        versions.publish(ctx, yook, clock.today_kst())
    versions.draft(ctx, yook)
    unified = versions.diff(ctx, yook).unified()
    assert "+| (주)새수탁 | 주차 관리 시스템 | 위탁계약 종료 시까지" in unified
    assert "+- 설치대수 : 26대" in unified and "-- 설치대수 : 25대" in unified
    versions.publish(ctx, yook, clock.today_kst())
    assert versions.status(ctx, yook).up_to_date


def test_html_is_self_contained_and_the_pdf_reads_back(ctx: AppContext, tmp_path: Path) -> None:
    yook = officer(ctx)
    draft_html = render(ctx, yook, tmp_path / "draft.html")
    assert draft_html.label == "현재 자료" and "초안" in draft_html.path.read_text(encoding="utf-8")
    versions.draft(ctx, yook)
    versions.publish(
        ctx, yook, dt.date(2026, 1, 1) if clock.today_kst() >= dt.date(2026, 1, 1) else clock.today_kst()
    )
    versions.draft(ctx, yook, {"changes": "개정 시 홈페이지에 7일 전부터 공지합니다."})
    versions.publish(ctx, yook, clock.today_kst())
    out = render(ctx, yook, tmp_path / "policy.html")
    html = out.path.read_bytes().decode("utf-8")
    assert out.path.stat().st_mode & 0o777 == 0o600
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html and "<style>" in html
    assert "<script" not in html and " src=" not in html and "http://" not in html and "<link" not in html
    assert sorted(re.findall(r'href="([^"]+)"', html)) == sorted(
        f"https://{s}"
        for s in ("www.kopico.go.kr", "privacy.kisa.or.kr", "www.spo.go.kr", "ecrm.police.go.kr")
    )
    assert "제2판 · 시행일" in html and "<h3>○이전 개인정보 처리방침</h3>" in html and "<li>제1판: " in html
    assert "<td>아미스테크놀로지(주)</td>" in html and "070-4243-5308" in html
    with pytest.raises(OutputError):
        render(ctx, yook, tmp_path / "policy.html")  # exists: --force needed
    again = render(ctx, yook, tmp_path / "policy.html", force=True, number=1)
    assert "제1판 · 시행일" in again.path.read_text(encoding="utf-8")
    with pytest.raises(ValidationError):
        render(ctx, yook, tmp_path / "policy.txt")

    pdf = render(ctx, yook, tmp_path / "policy.pdf")
    assert pdf.pages >= 4 and pdf.record_no.startswith("PP-")
    body = pdf_text(pdf.path)
    for fact in (
        "개인정보 처리방침",
        "장튼위튼병원",
        "아미스테크놀로지(주)",
        "검진센터 문자발송 시스템",
        "070-4243-5308",
        "전산팀",
        "촬영일로부터 30일",
        "1833-6972",
        "최종 내원일로부터 5년",
        "제2판",
    ):
        assert fact in body, fact
    assert "결재" not in body  # an outgoing document: no 결재란
    kinds = {(e.action, e.subject) for e in entries(ctx, "policy:")}
    assert ("export", "policy:current") in kinds
    assert any(a == "print" for a, _s in kinds)


def test_permissions_clerk_refused_privacy_drafts_but_does_not_publish(
    ctx: AppContext, tmp_path: Path
) -> None:
    clerk = actor_for(ctx, "clerk", ["intake"])
    for call in (
        lambda: versions.draft(ctx, clerk),
        lambda: versions.status(ctx, clerk),
        lambda: versions.diff(ctx, clerk),
        lambda: versions.current(ctx, clerk),
        lambda: render(ctx, clerk, tmp_path / "x.html"),
        lambda: versions.publish(ctx, clerk, clock.today_kst()),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    assert not (tmp_path / "x.html").exists()
    privacy = actor_for(ctx, "kim", ["privacy"])
    versions.draft(ctx, privacy)
    with pytest.raises(PermissionDeniedError):
        versions.publish(ctx, privacy, clock.today_kst())
    assert versions.publish(ctx, officer(ctx), clock.today_kst()).number == 1


def test_the_roles_have_the_policy_permissions(ctx: AppContext) -> None:
    with ctx.session() as s:
        granted = set(
            s.execute(
                text("SELECT role_code, permission FROM role_permissions WHERE permission LIKE 'policy.%'")
            ).all()
        )
    assert {
        ("officer", "policy.manage"),
        ("officer", "policy.publish"),
        ("privacy", "policy.manage"),
    } <= granted
    assert ("privacy", "policy.publish") not in granted


def test_migration_0770_guards_and_downgrades(empty_db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError

    from privdesk.audit import protections
    from privdesk.audit.verify import Snapshot
    from privdesk.store import migrate
    from privdesk.store.engine import make_engine

    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0760")
        migrate.upgrade(engine)
        with Snapshot(engine) as snap:
            assert protections.check(snap, engine.dialect.name) == []
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO policy_versions (number, state, sections, texts, facts, created_at, "
                    "created_by) VALUES (1, 'published', '[]', '{}', '{}', '2026-12-01 00:00:00', 'yook')"
                )
            )
        for stmt in ("UPDATE policy_versions SET state = 'draft'", "DELETE FROM policy_versions"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(stmt))
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0760")
        assert "policy_versions" not in inspect(engine).get_table_names()
        migrate.upgrade(engine)
        assert "policy_versions" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_the_cctv_policy_as_a_separate_document(ctx: AppContext, tmp_path: Path) -> None:
    import copy

    from privdesk.profile import profile_from_dict

    yook = officer(ctx)
    with pytest.raises(ValidationError, match="한 절입니다"):
        render(ctx, yook, tmp_path / "cctv.html", cctv=True)  # the default: a section of the policy
    raw = copy.deepcopy(ctx.profile.raw)
    raw["policy"]["cctv"] = "separate"
    ctx._profile = profile_from_dict(raw, "test")
    versions.draft(ctx, yook)
    v = versions.publish(ctx, yook, clock.today_kst())
    cctv = next(s for s in v.sections if s.key == "cctv")
    assert "별도의 문서" in cctv.lines[0] and "- 설치대수 : 25대, 보관기간 : 촬영일로부터 30일" in cctv.lines
    html = render(ctx, yook, tmp_path / "cctv.html", cctv=True).path.read_text(encoding="utf-8")
    assert "<h1>장튼위튼병원 영상정보처리기기 운영·관리 방침</h1>" in html and "CAM-25" in html
    assert "수탁업체명" not in html and "이 영상정보처리기기 운영·관리 방침은" in html
    policy = render(ctx, yook, tmp_path / "policy.html").path.read_text(encoding="utf-8")
    assert "CAM-25" not in policy and "별도의 문서" in policy
    pdf = render(ctx, yook, tmp_path / "cctv.pdf", cctv=True)
    body = pdf_text(pdf.path)
    assert (
        "영상정보처리기기 운영·관리 방침" in body and "촬영일로부터 30일" in body and "070-4233-4389" in body
    )
    raw["policy"]["cctv"] = "elsewhere"
    ctx._profile = profile_from_dict(raw, "test")
    from privdesk.errors import ConfigError

    with pytest.raises(ConfigError):
        versions.draft(ctx, yook)


def test_publishing_refuses_a_draft_older_than_the_data(ctx: AppContext) -> None:
    import copy

    from privdesk.profile import profile_from_dict

    yook = officer(ctx)
    versions.draft(ctx, yook)
    raw = copy.deepcopy(ctx.profile.raw)
    raw["deadlines"]["request_days"] = 7
    ctx._profile = profile_from_dict(raw, "test")
    with pytest.raises(RuleViolationError, match="초안을 다시 만들어"):
        versions.publish(ctx, yook, clock.today_kst())
    versions.draft(ctx, yook)
    v = versions.publish(ctx, yook, clock.today_kst())
    assert "요구를 받은 날부터 7일 이내에 열람하게" in v.text()
