"""The privacy policy screen (개인정보 처리방침) on a real SQLite database: the status against today's
data, a draft made from the data with an edited text, the difference with the changed lines
highlighted, publishing with the effective date by the officer (the privacy role sees the button
disabled and the use case refuses it), the versions with who published them by name, and the
homepage HTML and the PDF preview written from the screen."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from privdesk import clock
from privdesk.context import AppContext
from privdesk.errors import PermissionDeniedError
from privdesk.korean import josa
from privdesk.policy import versions
from privdesk.ui.pdfpreview import PdfPreviewDialog
from privdesk.ui.policy.page import ADDED_STYLE, REMOVED_STYLE, PolicyPage, PublishDialog
from privdesk.ui.tablemodel import select_where
from privdesk.ui.tasks import TaskRunner
from tests.audit_support import actor_for, officer
from tests.ui_cctv_support import dismiss, message_boxes
from tests.ui_inbox_support import ok, runner_fixture, settle, window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
__all__ = ["runner_fixture"]

NEW_INTRO = "{name}은 정보주체의 개인정보를 소중히 다룹니다."


def open_policy(qtbot, ctx: AppContext, runner: TaskRunner, login: str, roles: list[str] | None = None):  # type: ignore[no-untyped-def]
    win = window(qtbot, ctx, runner, login, roles)
    page = win.show_page("policy")
    assert isinstance(page, PolicyPage)
    qtbot.waitUntil(lambda: page.loaded is not None and page.diff is not None, timeout=15_000)
    settle(qtbot, runner)
    return win, page


def reloaded(qtbot, runner: TaskRunner, page: PolicyPage, count: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.loaded is not None and len(page.loaded.versions) == count, timeout=15_000)
    settle(qtbot, runner)


def test_the_officer_drafts_compares_publishes_and_renders(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:
    ctx = sqlite_ctx
    win, page = open_policy(qtbot, ctx, runner, "yook")
    assert page.status_label.text().startswith("게시된 개인정보 처리방침이 없습니다.")
    assert not page.publish_button.isEnabled()  # nothing to publish yet
    yook = officer(ctx)
    versions.draft(ctx, yook)
    v1 = versions.publish(ctx, yook, clock.today_kst())
    page.reload()
    reloaded(qtbot, runner, page, 2)
    assert page.status_label.text() == (
        f"게시본(제1판, 시행일 {clock.today_kst().isoformat()})이 현재 자료와 같습니다."
    )

    # the editable texts start from the published version's; one is changed and saved as a draft
    assert len(page.editors) == 13
    assert page.editors["intro"].toPlainText() == v1.texts["intro"]
    page.editors["intro"].setPlainText(NEW_INTRO)
    assert page.edited_texts() == {"intro": NEW_INTRO}
    page.draft_button.click()
    reloaded(qtbot, runner, page, 3)
    draft = page.loaded.latest_draft if page.loaded else None
    assert draft is not None and draft.texts["intro"] == NEW_INTRO
    assert page.editors["intro"].toPlainText() == NEW_INTRO  # the saved text is the new base

    # the difference: the intro changed, its new line green, its old line red
    qtbot.waitUntil(lambda: page.diff is not None and page.diff.new == f"초안 {draft.id}", timeout=15_000)
    settle(qtbot, runner)
    assert page.diff is not None and {s.key for s in page.diff.changed} == {"intro", "changes"}
    shown = page.diff_view.toPlainText()
    assert "[변경] 개인정보처리방침" in shown
    assert "+장튼위튼병원은 정보주체의 개인정보를 소중히 다룹니다." in shown
    assert (
        f'<span style="{ADDED_STYLE}">+장튼위튼병원은 정보주체의 개인정보를 소중히 다룹니다.</span>'
        in page.diff_source
    )
    assert f'<span style="{REMOVED_STYLE}">-장튼위튼병원(이하 &#x27;본원&#x27;)' in page.diff_source

    # publishing: the dialog names the draft, the next number and the date
    assert page.publish_button.isEnabled()
    page.publish_button.click()
    dialog = page.dialog
    assert isinstance(dialog, PublishDialog)
    effective = clock.today_kst() + dt.timedelta(days=7)
    dialog.date.setDate(QDate(effective.year, effective.month, effective.day))
    assert dialog.confirm.text().startswith(
        f"{josa(f'초안 {draft.id}', '을/를')} 제2판으로 게시합니다. 시행일: {effective.isoformat()}."
    )
    ok(dialog)
    reloaded(qtbot, runner, page, 4)
    top = page.versions_model.rows()[0]
    assert (top.number, top.effective_date) == (2, effective)
    assert page.versions_model.index(0, page.versions_model.COL_BY).data() == "육의곤(yook)"
    assert page.status_label.text().startswith("게시본(제2판, ")
    assert not page.publish_button.isEnabled()  # the draft was published
    assert page.message.text() == f"제2판을 게시했습니다 (시행일 {effective.isoformat()})."
    assert [v.number for v in versions.versions(ctx, yook) if v.number] == [2, 1]

    # the homepage HTML of the selected version, and the PDF through the preview
    assert select_where(page.versions_table, page.versions_model, lambda v: v.number == 1)
    assert page.target_label.text() == "저장할 판: 제1판"
    target = tmp_path / "처리방침.html"
    page.save_html(target)
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=15_000)
    html = target.read_text(encoding="utf-8")
    assert "제1판" in html and "소중히" not in html  # the first version's text
    assert select_where(page.versions_table, page.versions_model, lambda v: v.number == 2)
    job = page.preview_pdf()
    qtbot.waitUntil(lambda: job.preview is not None or job.error is not None, timeout=30_000)
    assert job.error is None
    preview = job.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(lambda: preview.ready and preview.page_count >= 1, timeout=15_000)
    text = subprocess.run(["pdftotext", str(job.out), "-"], capture_output=True, text=True, check=True).stdout
    assert "개인정보 처리방침" in text and "제2판" in text and "소중히" in text
    preview.close()
    settle(qtbot, runner)
    win.close()
    settle(qtbot, runner)


def test_publishing_is_the_officers_and_the_page_needs_policy_manage(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner
) -> None:
    ctx = sqlite_ctx
    yook = officer(ctx)
    versions.draft(ctx, yook)
    privacy = actor_for(ctx, "priv1", ["privacy"])
    win, page = open_policy(qtbot, ctx, runner, "priv1")
    assert page.loaded is not None and page.loaded.latest_draft is not None
    assert not page.publish_button.isEnabled() and "보호책임자" in page.publish_button.toolTip()
    assert page.ask_publish() is None and page.dialog is None
    with pytest.raises(PermissionDeniedError):
        versions.publish(ctx, privacy, clock.today_kst())  # refused by the use case, not only the button
    page.editors["safety"].setPlainText("   ")  # an emptied text: refused in Korean, nothing saved
    page.save_draft()
    settle(qtbot, runner)
    boxes = message_boxes(win)
    assert [b.text() for b in boxes] == ["'안전성 확보조치' 문구가 비어 있습니다."]
    dismiss(boxes)
    assert len(versions.versions(ctx, yook)) == 1 and page.draft_button.isEnabled()
    page.editors["safety"].setPlainText(page.loaded.texts["safety"])
    page.save_draft()  # the privacy role may draft
    reloaded(qtbot, runner, page, 2)
    win.close()
    settle(qtbot, runner)
    clerk_win = window(qtbot, ctx, runner, "clerk1", ["intake"])
    assert "policy" not in clerk_win.page_keys() and clerk_win.show_page("policy") is None
    clerk_win.close()
    settle(qtbot, runner)


def test_the_difference_is_escaped_html(qtbot) -> None:  # type: ignore[no-untyped-def]
    from privdesk.policy.versions import PolicyDiff, SectionDiff
    from privdesk.ui.policy.page import diff_html

    d = PolicyDiff(
        "제1판",
        "초안 <2>",
        (
            SectionDiff(
                "intro",
                "머리<말>",
                "changed",
                ("--- a", "+++ b", "@@ -1 +1 @@", "-<b>옛</b>", "+<script>x</script>"),
            ),
            SectionDiff("items", "항목", "same", ()),
        ),
    )
    html = diff_html(d)
    assert "<script>" not in html and "<b>옛" not in html
    assert f'<span style="{ADDED_STYLE}">+&lt;script&gt;x&lt;/script&gt;</span>' in html
    assert f'<span style="{REMOVED_STYLE}">-&lt;b&gt;옛&lt;/b&gt;</span>' in html
    assert "[변경] 머리&lt;말&gt;" in html and "초안 &lt;2&gt;: 바뀐 절 1개 / 전체 2개" in html
    assert "--- a" not in html  # the file headers of the unified diff are left out


def test_the_separate_cctv_document_is_written_from_the_screen(
    qtbot, sqlite_ctx: AppContext, runner: TaskRunner, tmp_path: Path
) -> None:
    import copy

    from privdesk.profile import profile_from_dict

    ctx = sqlite_ctx
    win, page = open_policy(qtbot, ctx, runner, "yook")
    assert not page.cctv_separate and page.document_combo.isHidden()  # the default: a section
    win.close()
    settle(qtbot, runner)
    raw = copy.deepcopy(ctx.profile.raw)
    raw["policy"]["cctv"] = "separate"
    ctx._profile = profile_from_dict(raw, "test")
    yook = officer(ctx)
    versions.draft(ctx, yook)
    versions.publish(ctx, yook, clock.today_kst())
    win, page = open_policy(qtbot, ctx, runner, "yook")
    assert page.cctv_separate and not page.document_combo.isHidden()
    page.document_combo.setCurrentIndex(page.document_combo.findData(True))
    page.tabs.setCurrentIndex(2)  # the buttons' document does not depend on the tab shown
    page.save_html(tmp_path / "cctv.html")
    qtbot.waitUntil(lambda: page.last_saved is not None, timeout=15_000)
    html = (tmp_path / "cctv.html").read_text(encoding="utf-8")
    assert "<h1>장튼위튼병원 영상정보처리기기 운영·관리 방침</h1>" in html and "CAM-25" in html
    assert page.message.text().startswith("영상정보처리기기 운영·관리 방침 제1판을 저장했습니다")
    win.close()
    settle(qtbot, runner)
