"""The contact list in one step (``privdesk consent export``, :mod:`privdesk.consent.contacts`) and the
start screen's line for consents that a fresh-consent version made lapse.

Only patients whose consent counts are in the file; 처리정지·동의철회 and 처리 보류 are left out and
counted; the reason is required (exit 2 on the command line, a Korean ValidationError in the use
case) and logged with every exported patient; nobody to contact is a refusal that writes no file.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update

from privdesk import clock
from privdesk.audit.actions import Action
from privdesk.audit.reasons import reason_of
from privdesk.consent import records, texts
from privdesk.consent.contacts import export_contacts
from privdesk.context import AppContext
from privdesk.errors import PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.registry.models import Patient, SubjectFlag
from privdesk.registry.sample import add_sample_patients
from privdesk.store.models import AccessLogEntry
from privdesk.today import collect
from tests.audit_support import actor_for, officer, row_count
from tests.consent_support import give_consent
from tests.helpers import OFFICER_PASSWORD, run_cli


def flag(ctx: AppContext, patient_id: int, *, suspended: bool = False, withdrawn: bool = False) -> None:
    """What a completed 처리정지 / 동의철회 request writes (privdesk.rights)."""
    with ctx.session() as s, s.begin():
        s.add(
            SubjectFlag(
                subject_ref=f"patient:{patient_id}",
                patient_id=patient_id,
                suspended=suspended,
                consent_withdrawn=withdrawn,
                scope="안내 문자 발송",
                since=clock.now(),
                set_by="yook",
            )
        )


def add_patients(ctx: AppContext, actor: object, n: int) -> list[int]:
    """``n`` sample patients through the real import; their ids."""
    assert add_sample_patients(ctx, actor, n, seed=7) == n  # type: ignore[arg-type]
    with ctx.session() as s:
        return [int(i) for i in s.execute(select(Patient.id).order_by(Patient.id)).scalars()]


def charts_in(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "차트번호"
    return sorted(r[0] for r in rows[1:])


def chart_of(ctx: AppContext, pid: int) -> str:
    with ctx.session() as s:
        return str(s.execute(select(Patient.chart_no).where(Patient.id == pid)).scalar_one())


def test_only_consenting_patients_are_exported_and_each_is_logged(ctx: AppContext, tmp_path: Path) -> None:
    yook = officer(ctx)
    ids = add_patients(ctx, yook, 6)
    consenting, stopped, withdrawn_flag, held, withdrew, never = ids
    give_consent(ctx, [consenting, stopped, withdrawn_flag, held, withdrew])
    records.withdraw(ctx, yook, withdrew, "contact", reason="문자 수신 거부")
    flag(ctx, stopped, suspended=True)
    flag(ctx, withdrawn_flag, withdrawn=True)
    with ctx.session() as s, s.begin():
        s.execute(update(Patient).where(Patient.id == held).values(hold=True, hold_reason="정정 중"))
    clerk = actor_for(ctx, "clerk", ["intake"])

    with pytest.raises(ValidationError, match="사유"):
        export_contacts(ctx, clerk, None, tmp_path / "none.csv", reason=" ")
    assert not (tmp_path / "none.csv").exists()

    out = tmp_path / "contacts.csv"
    r = export_contacts(ctx, clerk, "contact", out, reason="진료 예약·검진 안내 발송")
    assert (r.written, r.stopped, r.held, r.purpose.code) == (1, 2, 1, "contact")
    assert charts_in(out) == [chart_of(ctx, consenting)]
    with ctx.session() as s:
        entries = list(
            s.execute(
                select(AccessLogEntry.subject, AccessLogEntry.detail).where(
                    AccessLogEntry.action == Action.EXPORT, AccessLogEntry.actor == "clerk"
                )
            )
        )
    assert [subject for subject, _ in entries] == [f"patient:{consenting}"]
    assert all(
        reason_of(d) == "진료 예약·검진 안내 발송" and "purpose=contact" in (d or "") for _, d in entries
    )
    assert chart_of(ctx, never) not in charts_in(out)  # no consent record: not on the list

    # a purpose that does not allow contact, and an account without export, are refused
    with pytest.raises(ValidationError, match="제3자 제공"):
        export_contacts(ctx, clerk, "provision", tmp_path / "p.csv", reason="안내")
    privacy = actor_for(ctx, "it", ["privacy"])
    with pytest.raises(PermissionDeniedError):
        export_contacts(ctx, privacy, None, tmp_path / "it.csv", reason="안내")
    assert not (tmp_path / "it.csv").exists()


def test_nobody_to_contact_is_refused_without_a_file(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    [pid] = add_patients(ctx, yook, 1)
    give_consent(ctx, [pid])
    flag(ctx, pid, suspended=True)
    with pytest.raises(RuleViolationError, match="처리정지·동의철회 1명"):
        export_contacts(ctx, yook, None, tmp_path / "x.csv", reason="안내 문자")
    assert not (tmp_path / "x.csv").exists()


def test_the_command_line(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    a, b = add_patients(ctx, yook, 2)
    give_consent(ctx, [a])
    env = {
        "PRIVDESK_DB": ctx.settings.db_url,
        "PRIVDESK_KEY_FILE": str(ctx.settings.key_file),
        "PRIVDESK_PASSWORD": OFFICER_PASSWORD,
    }
    out = tmp_path / "c.csv"
    before = row_count(ctx)
    missing = run_cli("consent", "export", "--out", str(out), "--as", "yook", env=env)
    assert missing.returncode == 2 and not out.exists() and row_count(ctx) == before
    done = run_cli(
        "consent",
        "export",
        "--purpose",
        "contact",
        "--out",
        str(out),
        "--reason",
        "검진 안내",
        "--as",
        "yook",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "'안내·홍보 연락' 연락 명단: 1명 (마스킹)" in done.stdout
    assert charts_in(out) == [chart_of(ctx, a)] and chart_of(ctx, b) not in charts_in(out)
    with out.open(encoding="utf-8-sig") as fh:
        assert "*" in fh.read()  # masked by default
    again = run_cli(
        "consent",
        "export",
        "--out",
        str(out),
        "--reason",
        "검진 안내",
        "--unmasked",
        "--force",
        "--as",
        "yook",
        env=env,
    )
    assert again.returncode == 0, again.stderr
    assert "마스킹 해제" in again.stdout


def test_the_start_screen_counts_consents_a_fresh_version_made_lapse(ctx: AppContext) -> None:
    yook = officer(ctx)
    ids = add_patients(ctx, yook, 3)
    give_consent(ctx, ids)  # 제1판, in force for 30 days
    key = "consent.outdated.contact"
    assert key not in {i.key for i in collect(ctx, yook)}
    texts.draft(
        ctx, yook, "contact", "병원 소식과 건강강좌 안내를 문자·전화·카카오톡으로 받는 데 동의합니다."
    )
    texts.publish(ctx, yook, "contact", clock.today_kst(), requires_fresh_consent=True)
    before = row_count(ctx)
    items = {i.key: i for i in collect(ctx, yook)}
    assert row_count(ctx) == before  # the start screen logs nothing
    line = items[key]
    assert line.count == 3 and line.page == "consent"
    from privdesk.ui.pages import DEFAULT_PAGES

    assert any(spec.key == line.page for spec in DEFAULT_PAGES)  # 열기 opens the 동의서 문안 screen
    assert f"제2판(시행 {clock.today_kst().isoformat()})" in line.text and "3명" in line.text
    clerk = actor_for(ctx, "clerk", ["intake"])
    assert key not in {i.key for i in collect(ctx, clerk)}  # consent.manage only
    records.record(ctx, yook, records.ConsentInput(patient_id=ids[0], purpose="contact", method="kiosk"))
    assert {i.key: i for i in collect(ctx, yook)}[key].count == 2
    records.withdraw(ctx, yook, ids[1], "contact", reason="문자 수신 거부")  # no longer waiting either
    for pid in ids[2:]:
        records.record(ctx, yook, records.ConsentInput(patient_id=pid, purpose="contact", method="kiosk"))
    assert key not in {i.key for i in collect(ctx, yook)}
    # a wording-only version makes nothing lapse
    texts.draft(
        ctx,
        yook,
        "contact",
        "병원 소식과 건강강좌 안내를 문자·전화·카카오톡으로 받는 데 동의합니다 (문구 수정).",
    )
    texts.publish(
        ctx, yook, "contact", clock.today_kst() + dt.timedelta(days=1), requires_fresh_consent=False
    )
    assert key not in {i.key for i in collect(ctx, yook, clock.today_kst() + dt.timedelta(days=2))}
