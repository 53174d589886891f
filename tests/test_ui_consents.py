"""The 동의 tab of the patient detail (pytest-qt, offscreen): the current state per purpose, a
consent recorded through the dialog (a refusal stays in it in Korean), a withdrawal confirmed with a
reason, and no tab for an account without ``consent.read``."""

from __future__ import annotations

import pytest

from privdesk.consent import records
from privdesk.context import Actor, AppContext
from privdesk.ui.registry.consents import ConsentDialog
from privdesk.ui.tasks import TaskRunner
from privdesk.ui.widgets import ReasonDialog
from tests.consent_support import TEXTS, publish_text
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.ui_patients_support import (  # noqa: F401 (fixtures)
    close,
    closed,
    open_registry,
    register_hong,
    runner_fixture,
    settle,
    staff,
)

pytestmark = pytest.mark.usefixtures("runner")


@pytest.fixture
def boss(sqlite_ctx: AppContext) -> Actor:
    from privdesk.accounts import users

    return users.login(sqlite_ctx, OFFICER_LOGIN, OFFICER_PASSWORD)


def test_the_consent_tab_records_and_withdraws(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    hong = register_hong(ctx, boss)
    publish_text(ctx)
    clerk = staff(ctx, boss, "clerk", ["intake"], name="김원무")
    window, page = open_registry(qtbot, ctx, runner, clerk)
    section = page.consents
    assert section is not None and section.record_button is not None and section.withdraw_button is not None
    assert page.panel.tabs.tabText(1) == "동의"
    page.select_row(0)
    qtbot.waitUntil(lambda: section.states.rowCount() == 2, timeout=10_000)
    states = section.states
    assert [states.data(states.index(r, 0)) for r in range(2)] == ["안내·홍보 연락", "제3자 제공"]
    assert states.data(states.index(0, 1)) == "기록 없음"
    assert section.record_button.isEnabled() and not section.withdraw_button.isEnabled()

    section.record_button.click()  # the published texts are read first, then the dialog opens
    qtbot.waitUntil(lambda: isinstance(section.dialog, ConsentDialog), timeout=10_000)
    dialog = section.dialog
    assert isinstance(dialog, ConsentDialog)
    assert dialog.version.currentText().startswith("제1판 (시행 ") and dialog.version.currentData() == 1
    assert dialog.text_view.toPlainText() == TEXTS["contact"]  # the text the patient agrees to, shown
    dialog.purpose.setCurrentIndex(1)  # 제3자 제공: nothing published yet
    assert dialog.version.count() == 0 and dialog.text_view.toPlainText() == "게시된 동의서 문안이 없습니다."
    dialog.purpose.setCurrentIndex(0)
    dialog.method.setCurrentIndex(dialog.method.findData("paper"))
    assert dialog.form_ref.isEnabled() and not dialog.witness.isEnabled()
    dialog.ok_button.click()  # no form reference: refused, the dialog stays open
    qtbot.waitUntil(lambda: "문서번호" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible()
    dialog.form_ref.setText("SCAN-2026-0007")
    dialog.signer.setCurrentIndex(dialog.signer.findData("representative"))
    dialog.representative.setText("홍판서")
    dialog.relation.setText("부")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=10_000)
    qtbot.waitUntil(
        lambda: states.rowCount() == 2 and states.data(states.index(0, 1)) == "동의(유효)", timeout=10_000
    )
    assert states.data(states.index(0, 2)) == "제1판"
    assert states.data(states.index(0, 4)) == "서면 (SCAN-2026-0007) · 법정대리인 홍*서 (부)"
    assert section.history.rowCount() == 1

    section.state_table.selectRow(0)
    assert section.withdraw_button.isEnabled()
    section.withdraw_button.click()
    confirm = section.dialog
    assert isinstance(confirm, ReasonDialog)
    confirm.reason.setPlainText("연락처 010-1234-5678로 요청")  # personal data: refused in the dialog
    confirm.accept()
    assert confirm.isVisible() and "전화번호" in confirm.message.text()
    confirm.reason.setPlainText("안내 문자 수신 거부")
    confirm.accept()
    qtbot.waitUntil(lambda: states.data(states.index(0, 1)) == "철회", timeout=10_000)
    qtbot.waitUntil(lambda: section.history.rowCount() == 2, timeout=10_000)
    assert section.history.data(section.history.index(0, 2)) == "철회"
    assert records.show(ctx, boss, hong.id).states[0].state == "withdrawn"
    close(qtbot, window, runner)


def test_no_consent_tab_without_consent_read(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, boss: Actor
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.accounts import roles as roles_uc
    from privdesk.accounts.permissions import AUDITOR, Permission

    register_hong(sqlite_ctx, boss)
    auditor = next(r for r in roles_uc.list_roles(sqlite_ctx, boss) if r.code == AUDITOR)
    roles_uc.set_role_permissions(
        sqlite_ctx, boss, AUDITOR, {*auditor.permissions, str(Permission.PATIENT_READ)}, reason="명부 점검"
    )
    reader = staff(sqlite_ctx, boss, "reader", [AUDITOR], name="감사인")
    window, page = open_registry(qtbot, sqlite_ctx, runner, reader)
    assert page.consents is None and page.panel.tabs.count() == 1
    close(qtbot, window, runner)


def test_the_contact_list_export_refuses_patients_without_consent_in_the_dialog(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, boss: Actor, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from privdesk.ui.registry.dialogs import ExportDialog

    register_hong(sqlite_ctx, boss)
    clerk = staff(sqlite_ctx, boss, "clerk", ["intake"], name="김원무")
    window, page = open_registry(qtbot, sqlite_ctx, runner, clerk)
    page.select_row(0)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    page.export_selected()
    dialog = page.dialog
    assert isinstance(dialog, ExportDialog)
    out = tmp_path / "contacts.csv"
    dialog.path_edit.setText(str(out))
    dialog.reason.setEditText("검진 안내 문자")
    dialog.consent_box.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "C-0001" in dialog.message.text(), timeout=10_000)
    assert "유효한 동의 기록이 없는" in dialog.message.text() and dialog.isVisible() and not out.exists()
    dialog.reject()
    close(qtbot, window, runner)
