"""The import wizard end to end: a CP949 file with a header the importer does not know, the
decoded preview (numbers masked), the mapping step, the import off the GUI thread with its
progress bar, the summary with the rejects file, and cancelling mid-import — real widgets on
SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from privdesk.context import Actor, AppContext
from privdesk.registry.models import Patient
from privdesk.registry.sample import write_sample_csv
from privdesk.registry.search import search
from privdesk.ui.registry.import_wizard import ImportWizard
from privdesk.ui.registry.page import PatientsPage
from privdesk.ui.tasks import TaskRunner
from tests.ui_patients_support import (  # noqa: F401 (fixtures)
    HONG_RRN,
    boss_fixture,
    close,
    open_registry,
    register_hong,
    rrn,
    runner_fixture,
    settle,
    wait_search,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

HEADER = ["환자번호", "성명", "주민등록번호", "주소", "휴대폰", "최종내원일", "비고"]


def write_cp949(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="cp949", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def open_wizard(qtbot, page: PatientsPage) -> ImportWizard:  # type: ignore[no-untyped-def]
    assert page.import_button is not None
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.dialog
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    return wizard


def patient_count(ctx: AppContext) -> int:
    with ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Patient)).scalar_one())


def test_wizard_imports_a_cp949_file_with_a_mapping_and_reports_rejects(
    qtbot, ctx: AppContext, runner: TaskRunner, boss: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    register_hong(ctx, boss)
    path = write_cp949(
        tmp_path / "emr 내보내기.csv",
        [
            [
                "C-0001",
                "홍길동",
                HONG_RRN,
                "서울특별시 관악구 봉천로 1",
                "010-1234-5678",
                "2024-05-06",
                "재진",
            ],  # known
            [
                "C-1001",
                "김철수",
                rrn("800101123456"),
                "부산광역시 수영구 수영로 3",
                "01022223333",
                "2023-02-01",
                "",
            ],
            ["C-1002", "이영희", rrn("951231234567"), "", "02-345-6789", "", "메모"],
            [
                "C-1003",
                "박서준",
                "901301-1234567",
                "대구광역시 중구 국채보상로 9",
                "010-5555-6666",
                "2022-01-01",
                "",
            ],
            [
                "C-1004",
                "최민지",
                rrn("030405412345", good=False),
                "",
                "",
                "2021-07-07",
                "",
            ],  # check-digit warning
            ["C-1005", "정하늘", rrn("770707145678"), "", "010-7777-8888", "2020-12-12", ""],
        ],
    )
    window, page = open_registry(qtbot, ctx, runner, boss)
    wizard = open_wizard(qtbot, page)
    files = wizard.file_page
    assert not files.isComplete()
    files.path_edit.setText(str(path))
    assert files.isComplete() and files.preview is not None and files.preview.encoding == "cp949"
    assert files.info.text().startswith("CP949 (EUC-KR)로 읽습니다. 열 7개, 처음 5줄")
    assert files.table.horizontalHeaderItem(1).text() == "성명"
    assert files.table.item(1, 1).text() == "김철수"  # Hangul decoded
    assert files.table.item(0, 2).text() == "900101-1******"  # numbers masked in the preview
    assert files.table.item(1, 4).text() == "010-****-3333"

    files.encoding.setCurrentIndex(files.encoding.findData("utf-8"))  # the wrong encoding is refused
    assert not files.isComplete() and "utf-8" in files.info.text()
    files.encoding.setCurrentIndex(files.encoding.findData("auto"))
    assert files.isComplete()

    wizard.next()
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    assert mapping.combos["name"].currentData() == "성명"
    assert mapping.combos["rrn"].currentData() == "주민등록번호"
    assert mapping.combos["phone"].currentData() == "휴대폰"
    assert mapping.combos["last_visit"].currentData() == "최종내원일"
    assert mapping.combos["chart_no"].currentData() == "환자번호"  # the HIS's 환자번호 is the 차트번호
    assert mapping.isComplete()
    mapping.combos["chart_no"].setCurrentIndex(mapping.combos["chart_no"].findData(""))
    assert not mapping.isComplete() and mapping.message.text() == "필수 항목의 열을 고르십시오: 차트번호"
    mapping.combos["chart_no"].setCurrentIndex(mapping.combos["chart_no"].findData("성명"))
    assert mapping.message.text() == "한 열을 두 항목에 쓸 수 없습니다: 성명" and not mapping.isComplete()
    mapping.combos["chart_no"].setCurrentIndex(mapping.combos["chart_no"].findData("환자번호"))
    assert mapping.isComplete()

    wizard.next()  # the commit page: the import starts
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=30_000)
    settle(qtbot, runner)
    assert wizard.progress_page.bar.value() == wizard.progress_page.bar.maximum() == 6
    counts = {k: v.text() for k, v in wizard.summary_page.counts.items()}
    assert counts == {"imported": "4", "rejected": "1", "duplicates": "1", "warnings": "1"}
    assert wizard.summary_page.headline.text() == "가져오기를 마쳤습니다."
    rejects = Path(str(path) + ".rejects.csv")
    assert wizard.summary_page.rejects_url().toLocalFile() == str(rejects)
    assert wizard.summary_page.open_rejects_button.isEnabled()
    with rejects.open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][:2] == ["줄번호", "사유"] and len(lines) == 2
    assert lines[1][0] == "5" and "[주민등록번호]" in lines[1][1] and lines[1][2] == "C-1003"
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()

    assert {r.chart_no for r in search(ctx, boss, "").rows} == {
        "C-0001",
        "C-1001",
        "C-1002",
        "C-1004",
        "C-1005",
    }
    wait_search(qtbot, page)
    assert page.model.rowCount() == 5  # the screen reloaded after the import
    wizard.accept()
    close(qtbot, window, runner)


def test_cancelling_mid_import_keeps_only_whole_batches(
    qtbot,
    ctx: AppContext,
    runner: TaskRunner,  # type: ignore[no-untyped-def]
    boss: Actor,
    tmp_path: Path,
) -> None:
    total = 3000
    path = write_sample_csv(tmp_path / "big.csv", total, seed=9, encoding="cp949")
    window, page = open_registry(qtbot, ctx, runner, boss)
    wizard = open_wizard(qtbot, page)
    wizard.batch_size = 25
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    assert wizard.mapping_page.isComplete()  # the sample file's Korean header maps by itself
    bar = wizard.progress_page.bar
    # closing the wizard after the first committed batch: it cancels and waits for the rollback
    bar.valueChanged.connect(lambda value: value > 0 and wizard.reject())
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    settle(qtbot, runner)
    assert wizard.isVisible() and not wizard.progress_page.cancel_button.isEnabled()
    result = wizard.outcome
    assert result is not None and result.cancelled
    assert 0 < result.imported < total and result.imported % 25 == 0  # whole batches only
    assert patient_count(ctx) == result.imported  # nothing of the cancelled batch
    assert wizard.summary_page.headline.text().startswith("취소했습니다.")
    assert wizard.summary_page.counts["imported"].text() == str(result.imported)
    assert not wizard.summary_page.open_rejects_button.isEnabled()  # nothing was rejected
    wizard.accept()
    close(qtbot, window, runner)
