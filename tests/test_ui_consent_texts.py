"""The consent texts screen (동의서 문안, pytest-qt offscreen, real SQLite): the versions with who
published them by name and the text of the one chosen; a new draft published with fresh consent
after a confirmation naming the version (the decision recorded); the intake desk reads the texts
(no drafting) and exports the contact list — only consenting patients, a 처리정지 patient left out,
the reason logged per patient; the purpose picker in the contact export, the registry's export
dialog and the disclosure form when the profile has more than one purpose for the use."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from privdesk import clock
from privdesk.audit.actions import Action
from privdesk.audit.reasons import reason_of
from privdesk.consent import texts
from privdesk.context import AppContext
from privdesk.disclosures.bases import CONSENT, LAW
from privdesk.disclosures.ledger import INTERNAL_USE
from privdesk.registry.models import Patient, SubjectFlag
from privdesk.registry.sample import add_sample_patients
from privdesk.store.models import AccessLogEntry
from privdesk.ui.consent.page import ConsentPublishDialog, ConsentTextsPage, ContactExportDialog
from privdesk.ui.disclosures.form import DisclosureDialog
from privdesk.ui.registry.dialogs import ExportDialog
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import actor_for, officer
from tests.confirm_support import confirm_answered
from tests.consent_support import TEXTS, give_consent
from tests.ui_cctv_support import dismiss, message_boxes
from tests.ui_inbox_support import ok, runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["runner_fixture"]

NEW_TEXT = "진료 예약·검진 안내와 병원 소식을 문자·전화·카카오톡으로 받는 데 동의합니다."


def open_page(qtbot, ctx: AppContext, runner: TaskRunner, login: str, roles: list[str] | None = None):  # type: ignore[no-untyped-def]
    win = window(qtbot, ctx, runner, login, roles)
    page = win.show_page("consent")
    assert isinstance(page, ConsentTextsPage)
    qtbot.waitUntil(lambda: page.loaded is not None, timeout=15_000)
    settle(qtbot, runner)
    return win, page


def test_the_officer_publishes_a_new_text_that_needs_fresh_consent(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    give_consent(ctx, [])  # 제1판 published (by the officer) 30 days ago
    _win, page = open_page(qtbot, ctx, runner, "yook")
    assert [page.purpose_combo.itemText(i) for i in range(page.purpose_combo.count())] == [
        "안내·홍보 연락",
        "제3자 제공",
    ]
    m = page.model
    assert m.rowCount() == 1 and m.data(m.index(0, 0)) == "제1판" and m.data(m.index(0, 2)) == "첫 판"
    assert m.data(m.index(0, 3)) == "육의곤(yook)"  # a name, not a login
    assert page.text_view.toPlainText() == TEXTS["contact"]
    assert "게시 육의곤(yook)" in page.version_info.text()
    assert page.draft_box.isVisible() and not page.publish_button.isEnabled()  # no draft yet

    page.draft_edit.setPlainText(NEW_TEXT)
    page.draft_button.click()
    qtbot.waitUntil(lambda: page.loaded is not None and len(page.loaded.versions) == 2, timeout=15_000)
    settle(qtbot, runner)
    assert page.message.text().startswith("초안 ") and "저장했습니다" in page.message.text()
    assert page.publish_button.isEnabled() and page.draft_edit.toPlainText() == NEW_TEXT

    page.publish_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ConsentPublishDialog) and dialog.number == 2
    assert not dialog.ok_button.isEnabled()  # the decision must be made, nothing is preselected
    assert "동의를 다시 받아야 합니다" in dialog.fresh.text() and "문구만 고칩니다" in dialog.wording.text()
    dialog.fresh.setChecked(True)
    assert dialog.ok_button.isEnabled()
    with confirm_answered("action") as seen:
        ok(dialog)
    assert seen.texts and "제2판을 게시합니다" in seen.texts[0] and "'안내·홍보 연락'" in seen.texts[0]
    assert "동의를 다시 받아야 합니다" in seen.consequences[0]
    assert "제2판 게시" in seen.buttons[0]
    qtbot.waitUntil(
        lambda: (
            page.loaded is not None and len(page.loaded.versions) == 2 and page.loaded.latest_draft is None
        ),
        timeout=15_000,
    )
    settle(qtbot, runner)

    stored = [v for v in texts.texts(ctx, officer(ctx), "contact") if v.version == 2]
    assert len(stored) == 1 and stored[0].requires_fresh_consent and stored[0].text == NEW_TEXT
    assert stored[0].effective_date == clock.today_kst()
    assert m.data(m.index(0, 0)) == "제2판" and m.data(m.index(0, 2)) == "새 동의 필요"
    assert m.data(m.index(0, 3)) == "육의곤(yook)"
    assert "게시했습니다" in page.message.text() and "새 동의 필요" in page.message.text()
    # the version in force is chosen, with the decision in words
    assert page.text_view.toPlainText() == NEW_TEXT
    assert "동의를 다시 받아야 합니다" in page.version_info.text()

    # a wording-only change: the choice recorded as such
    page.draft_edit.setPlainText(NEW_TEXT + " (문구 정리)")
    page.draft_button.click()
    qtbot.waitUntil(lambda: page.loaded is not None and len(page.loaded.versions) == 3, timeout=15_000)
    settle(qtbot, runner)
    page.publish_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ConsentPublishDialog)
    dialog.wording.setChecked(True)
    with confirm_answered("keep"):  # 취소: nothing published
        ok(dialog)
    settle(qtbot, runner)
    assert len([v for v in texts.texts(ctx, officer(ctx), "contact") if v.version]) == 2


def test_the_desk_reads_the_texts_and_exports_the_contact_list(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    assert add_sample_patients(ctx, officer(ctx), 4, seed=3) == 4
    with ctx.session() as s:
        ids = [int(i) for i in s.execute(select(Patient.id).order_by(Patient.id)).scalars()]
        charts = {int(i): str(c) for i, c in s.execute(select(Patient.id, Patient.chart_no))}
    give_consent(ctx, ids[:3])
    with ctx.session() as s, s.begin():
        s.add(
            SubjectFlag(
                subject_ref=f"patient:{ids[2]}",
                patient_id=ids[2],
                suspended=True,
                consent_withdrawn=False,
                scope="안내 문자 발송",
                since=clock.now(),
                set_by="yook",
            )
        )
    actor_for(ctx, "clerk", ["intake"])
    _win, page = open_page(qtbot, ctx, runner, "clerk")
    assert not page.draft_box.isVisible()  # consent.read: the texts, no drafting
    assert page.text_view.toPlainText() == TEXTS["contact"]
    assert page.export_button.isVisible()

    page.export_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ContactExportDialog)
    assert not dialog.purpose.isVisible()  # one purpose for contact: no picker
    out = tmp_path / "contacts.csv"
    dialog.path_edit.setText(str(out))
    assert not dialog.ok_button.isEnabled()  # the reason is required
    dialog.reason.setEditText("건강검진 안내 문자 발송")
    assert dialog.ok_button.isEnabled()
    ok(dialog)
    qtbot.waitUntil(lambda: bool(message_boxes(page)), timeout=15_000)
    settle(qtbot, runner)
    assert "처리정지·동의철회 1명" in page.message.text() and "환자 2명" in page.message.text()
    dismiss(message_boxes(page))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        exported = sorted(r[0] for r in list(csv.reader(fh))[1:])
    assert exported == sorted(charts[i] for i in ids[:2])  # not the 처리정지 one, not the one never asked
    with ctx.session() as s:
        logged = list(
            s.execute(
                select(AccessLogEntry.subject, AccessLogEntry.detail).where(
                    AccessLogEntry.action == Action.EXPORT, AccessLogEntry.actor == "clerk"
                )
            )
        )
    assert sorted(sub or "" for sub, _ in logged) == sorted(f"patient:{i}" for i in ids[:2])
    assert {reason_of(d) for _, d in logged} == {"건강검진 안내 문자 발송"}


def test_the_purpose_pickers_appear_when_the_profile_has_more_than_one(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    raw = {
        **ctx.profile.raw,
        "consent": {
            "purposes": [
                {"code": "contact", "name": "안내·홍보 연락", "uses": ["contact", "internal_use"]},
                {"code": "checkup", "name": "검진 안내", "uses": ["contact"]},
                {"code": "provision", "name": "제3자 제공", "uses": ["provision"]},
                {"code": "insurer", "name": "보험사 제공", "uses": ["provision"]},
            ]
        },
    }
    ctx._profile = dataclasses.replace(ctx.profile, raw=raw)
    assert add_sample_patients(ctx, officer(ctx), 2, seed=5) == 2
    with ctx.session() as s:
        a, b = (int(i) for i in s.execute(select(Patient.id).order_by(Patient.id)).scalars())
        chart_b = str(s.execute(select(Patient.chart_no).where(Patient.id == b)).scalar_one())
    give_consent(ctx, [a], "contact")
    give_consent(ctx, [b], "checkup")

    _win, page = open_page(qtbot, ctx, runner, "yook")
    assert page.purpose_combo.count() == 4
    page.export_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ContactExportDialog) and dialog.purpose.isVisible()
    assert [dialog.purpose.itemData(i) for i in range(dialog.purpose.count())] == ["contact", "checkup"]
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("checkup"))
    out = tmp_path / "checkup.csv"
    dialog.path_edit.setText(str(out))
    dialog.reason.setEditText("검진 안내 문자 발송")
    ok(dialog)
    qtbot.waitUntil(lambda: bool(message_boxes(page)), timeout=15_000)
    settle(qtbot, runner)
    dismiss(message_boxes(page))
    assert "'검진 안내' 연락 명단" in page.message.text()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert [r[0] for r in list(csv.reader(fh))[1:]] == [chart_b]

    # the registry's export dialog: the picker, enabled with the consent use, decides the purpose
    exp = ExportDialog(page.host, page, [b], may_unmask=False, default_path=tmp_path / "reg.csv")
    qtbot.addWidget(exp)
    exp.show()
    assert exp.consent_purpose.isVisible() and not exp.consent_purpose.isEnabled()
    exp.consent_box.setChecked(True)
    assert exp.consent_purpose.isEnabled()
    exp.reason.setEditText("검진 안내")
    exp.consent_purpose.setCurrentIndex(exp.consent_purpose.findData("contact"))
    ok(exp)  # b consented to 검진 안내 only: refused for 안내·홍보 연락
    qtbot.waitUntil(lambda: "유효한 동의 기록이 없는" in exp.message.text(), timeout=15_000)
    assert not (tmp_path / "reg.csv").exists()
    exp.consent_purpose.setCurrentIndex(exp.consent_purpose.findData("checkup"))
    ok(exp)
    qtbot.waitUntil(lambda: (tmp_path / "reg.csv").exists(), timeout=15_000)
    settle(qtbot, runner)

    # the disclosure form: the picker on the basis of consent, with the purposes for the kind
    form = DisclosureDialog(None, [], consent_purposes=texts.purposes(ctx))
    qtbot.addWidget(form)
    form.show()
    form.basis.setCurrentIndex(form.basis.findData(LAW))
    assert not form.consent_purpose.isVisible() and form.chosen_consent_purpose() == ""
    form.basis.setCurrentIndex(form.basis.findData(CONSENT))
    assert form.consent_purpose.isVisible()
    assert [form.consent_purpose.itemData(i) for i in range(form.consent_purpose.count())] == [
        "provision",
        "insurer",
    ]
    form.consent_purpose.setCurrentIndex(1)
    assert form.value().consent_purpose == "insurer"
    form.kind.setCurrentIndex(form.kind.findData(INTERNAL_USE))  # one purpose for internal use
    assert not form.consent_purpose.isVisible() and form.value().consent_purpose == ""
