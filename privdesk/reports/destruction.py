"""The destruction records (파기 기록): the 개인정보파일 파기 관리대장 for a period and the 파기 확인서
of one executed plan.

파기 관리대장 (표준 개인정보 보호지침 [별지 제5호서식]; forms.md §1, near-primary): landscape, the
form's columns in order — 번호 | 개인정보 파일명 | 자료의 종류 | 생성일 | 폐기일 | 폐기사유 |
처리담당자 | 처리부서장 — then how it was done (수량, 파기 방법, 입회자·확인서 번호). "번호" is the
row's permanent number in the ledger.

파기 확인서: no standard form exists (forms.md §1), so privdesk's own: file, items, count, criteria,
reason, method, date, prepared / executed / approved / verified by (부서 이름(ID)), the ledger row,
the plan's SHA-256 and the approval boxes 담당 / 확인 / 책임자; the subtitle gives the retention
ends it covers and the plan; an annex counts what was destroyed per file and per year of the
retention end (no personal data).

Rows are shaped like :class:`privdesk.lifecycle.ledger.LedgerRow` and the plan like
:class:`privdesk.lifecycle.destruction.PlanView`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reportlab.platypus import Flowable

from privdesk import clock
from privdesk.files import Output
from privdesk.reports.template import (
    Column,
    Field,
    Form,
    Layout,
    PrintedBy,
    ReportMeta,
    new_meta,
    period_text,
    render,
)

LEDGER_TITLE = "개인정보파일 파기 관리대장"
LEDGER_FORM = "[별지 제5호서식]"
LEDGER_BASIS = (
    "개인정보 보호법 제21조 · 같은 법 시행령 제16조 · 표준 개인정보 보호지침 (개인정보파일 파기 관리대장)"
)
LEDGER_PREFIX = "DL"
LEDGER_WHAT = "report:destruction-ledger"
CERT_TITLE = "개인정보 파기 확인서"
CERT_BASIS = "개인정보 보호법 제21조 · 같은 법 시행령 제16조 · 개인정보의 안전성 확보조치 기준 제13조"
CERT_PREFIX = "DC"
LEDGER = Form(LEDGER_TITLE, LEDGER_PREFIX, LEDGER_BASIS, LEDGER_FORM, landscape=True)  # internal: 결재란
CERTIFICATE = Form(CERT_TITLE, CERT_PREFIX, CERT_BASIS, approvals=("담당", "확인", "책임자"))  # internal
BACKUP_COPIES_LABEL = "백업 사본이 남아 있을 수 있는 기한"


class LedgerEntryRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def file_name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def created(self) -> str: ...
    @property
    def destroyed_on(self) -> dt.date: ...
    @property
    def reason(self) -> str: ...
    @property
    def item_count(self) -> int: ...
    @property
    def method(self) -> str: ...
    @property
    def executed_by(self) -> str: ...
    @property
    def approved_by(self) -> str: ...
    @property
    def witness(self) -> str: ...
    @property
    def certificate_no(self) -> str: ...
    @property
    def plan_id(self) -> int | None: ...
    @property
    def corrects_id(self) -> int | None: ...


COLUMNS = (
    Column("번호", 0.04, "RIGHT"),
    Column("개인정보 파일명", 0.12),
    Column("자료의 종류", 0.065, "CENTER"),
    Column("생성일", 0.09, "CENTER"),
    Column("폐기일", 0.075, "CENTER"),
    Column("폐기사유", 0.14),
    Column("처리담당자", 0.08),
    Column("처리부서장", 0.08),
    Column("수량", 0.045, "RIGHT"),
    Column("파기 방법", 0.095),
    Column("입회자 / 확인서 번호", 0.08),
    Column(BACKUP_COPIES_LABEL, 0.09, "CENTER"),
)


def table_rows(
    rows: Sequence[LedgerEntryRow], backup_copies: Mapping[int, str] | None = None
) -> list[list[str]]:
    """The ledger's cells; ``backup_copies`` maps a row's number to the 백업 사본 기한 (electronic
    destructions: until when rotated backups may still hold the records; empty for paper)."""
    copies = backup_copies or {}
    out = []
    for r in rows:
        reason = r.reason if r.corrects_id is None else f"[{r.corrects_id}번 기록 정정] {r.reason}"
        if r.plan_id is not None:
            reason += f" (파기 계획 {r.plan_id})"
        extra = " / ".join(x for x in (r.witness, r.certificate_no) if x)
        out.append(
            [
                str(r.id),
                r.file_name,
                r.kind,
                r.created,
                clock.paper_date(r.destroyed_on),
                reason,
                r.executed_by,
                r.approved_by,
                f"{r.item_count:,}",
                r.method,
                extra,
                copies.get(r.id, ""),
            ]
        )
    return out


def render_ledger(
    path: Path | Output,
    meta: ReportMeta,
    rows: Sequence[LedgerEntryRow],
    *,
    backup_copies: Mapping[int, str] | None = None,
    on_page: Callable[[int], None] | None = None,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    """Print the ledger to ``path``; returns the page count."""

    def body(lay: Layout) -> list[Flowable]:
        total = sum(r.item_count for r in rows)
        info = lay.form(
            [(Field("기록 건수", f"{len(rows):,}건 (파기 수량 합계 {total:,})"),)], label_width=0.09
        )
        note = lay.text(
            f"{BACKUP_COPIES_LABEL}: 파기 전에 만든 백업이 백업 보관 주기에 따라 모두 지워지는 날 "
            "(그때까지 백업 파일 안에 암호화된 사본이 남을 수 있으며, 복원해도 파기는 다시 적용됩니다)."
        )
        return [
            info,
            lay.space(3),
            lay.table(COLUMNS, table_rows(rows, backup_copies), empty="이 기간의 파기 기록이 없습니다."),
            lay.space(4),
            note,
        ]

    return render(path, meta, body, on_page=on_page, before_publish=before_publish)


def ledger_meta(
    hospital: str, by: PrintedBy, period: str, printed_at: dt.datetime | None = None
) -> ReportMeta:
    return new_meta(hospital, LEDGER, by, period=period, printed_at=printed_at)


@dataclass(frozen=True)
class AnnexRow:
    """One line of the certificate's annex: how many records of a file whose retention ended in a year."""

    file_name: str
    year: int
    count: int


ANNEX_TITLE = "별첨: 파기 내역 (개인정보 파일별·보유기간 종료 연도별 건수)"
ANNEX_COLUMNS = (
    Column("개인정보 파일명", 0.5),
    Column("보유기간 종료 연도", 0.25, "CENTER"),
    Column("파기 건수", 0.25, "RIGHT"),
)


def annex_rows(rows: Sequence[AnnexRow]) -> list[list[str]]:
    out = [[r.file_name, f"{r.year}년", f"{r.count:,}건"] for r in rows]
    if rows:
        out.append(["합계", "", f"{sum(r.count for r in rows):,}건"])
    return out


def certificate_period(first: dt.date | None, last: dt.date | None, plan_id: int, as_of: dt.date) -> str:
    """The certificate's subtitle: the retention ends it covers, then the plan it executes."""
    plan = f"파기 계획 제{plan_id}호 ({clock.fmt_date(as_of)} 작성)"
    if first is None or last is None:
        return plan
    return f"{period_text(first, last)} (보유기간 종료일)  ·  {plan}"


@dataclass(frozen=True)
class Certificate:
    """What the 파기 확인서 states about one executed plan."""

    plan_id: int
    file_name: str
    items: str
    count: int
    excluded: int
    criteria: str
    reason: str
    method: str
    executed_at: dt.datetime
    executed_by: str
    approved_by: str
    verified_by: str
    ledger_id: int | None
    plan_hash: str
    hospital: str
    backup_copies: str = ""  # until when rotated backups may still hold the records
    prepared_by: str = ""  # who prepared the plan (계획 작성자)
    as_of: dt.date | None = None  # the plan's 기준일
    annex: tuple[AnnexRow, ...] = ()


def render_certificate(
    path: Path | Output,
    meta: ReportMeta,
    c: Certificate,
    *,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    def body(lay: Layout) -> list[Flowable]:
        form = lay.form(
            [
                (
                    Field(
                        "파기 계획 번호",
                        f"제{c.plan_id}호" + (f" ({clock.fmt_date(c.as_of)} 작성)" if c.as_of else ""),
                    ),
                    Field("관리대장 번호", str(c.ledger_id) if c.ledger_id is not None else ""),
                ),
                (Field("계획 작성자", c.prepared_by),),
                (Field("개인정보 파일명", c.file_name),),
                (Field("개인정보 항목", c.items),),
                (
                    Field("파기 건수", f"{c.count:,}건"),
                    Field("파기 제외", f"{c.excluded:,}건 (보존 사유 있음)"),
                ),
                (Field("선정 기준", c.criteria),),
                (Field("파기 사유", c.reason),),
                (Field("파기 방법", c.method),),
                (
                    Field("파기 일시", clock.paper_datetime(c.executed_at)),
                    Field("파기 실행자", c.executed_by),
                ),
                (Field("승인자", c.approved_by), Field("확인자", c.verified_by or "(서명)")),
                (Field("계획 해시(SHA-256)", c.plan_hash),),
                (Field(BACKUP_COPIES_LABEL, c.backup_copies or "해당 없음"),),
            ],
            label_width=0.15,
        )
        statement = lay.text(
            "위 개인정보를 「개인정보 보호법」 제21조 및 같은 법 시행령 제16조에 따라 복구 또는 재생되지 않도록 "
            "파기하였음을 확인합니다. 주 저장소와 분리보관 저장소에서 삭제한 뒤, 삭제된 저장 영역을 덮어쓰고 "
            "정리하는 복구 불가 조치를 하였습니다. 파기 전에 만든 백업에는 위 기한까지 암호화된 사본이 남을 수 있으며, "
            "그 백업을 복원하면 이 파기가 다시 적용됩니다."
        )
        sign = lay.text(
            f"{clock.paper_date(c.executed_at)}\n\n{c.hospital} 개인정보 보호책임자            (서명 또는 인)"
        )
        annex = [
            *lay.heading(ANNEX_TITLE),
            lay.table(ANNEX_COLUMNS, annex_rows(c.annex), zebra=False, empty="파기한 기록이 없습니다."),
            lay.space(2),
            lay.text("건수만 적습니다: 파기한 기록의 개인정보는 이 확인서에도 남기지 않습니다."),
        ]
        return [form, lay.space(6), statement, lay.space(10), sign, lay.space(8), *annex]

    return render(path, meta, body, before_publish=before_publish)


def certificate_meta(
    hospital: str, by: PrintedBy, plan_id: int, printed_at: dt.datetime | None = None, *, period: str = ""
) -> ReportMeta:
    """``period``: :func:`certificate_period` (the plan alone when not given)."""
    return new_meta(
        hospital, CERTIFICATE, by, period=period or f"파기 계획 제{plan_id}호", printed_at=printed_at
    )
