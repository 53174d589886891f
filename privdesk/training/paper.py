"""The yearly training report (개인정보 보호 교육 실시 결과): a summary, the sessions with their
attendees, attendance per department and who is overdue at the year's end (or today). An internal
record (결재란). Renders the year's plain data only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

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
from privdesk.training.usecases import TrainingYear, hours_text

TITLE = "개인정보 보호 교육 실시 결과"
BASIS = "개인정보 보호법 제28조제1항 (개인정보취급자에 대한 정기적인 교육), 개인정보 처리방침"
RECORD_PREFIX = "TR"
WHAT = "report:training"
FORM = Form(TITLE, RECORD_PREFIX, BASIS)  # internal: 결재란


def meta_for(hospital: str, by: PrintedBy, year: int) -> ReportMeta:
    return new_meta(hospital, FORM, by, period=period_text(dt.date(year, 1, 1), dt.date(year, 12, 31)))


def body(y: TrainingYear) -> Callable[[Layout], list[Flowable]]:
    def build(lay: Layout) -> list[Flowable]:
        attendances = sum(len(s.attendees) for s in y.sessions)
        accounts = sum(d.accounts for d in y.departments)
        trained = sum(d.trained for d in y.departments)
        story: list[Flowable] = [
            lay.form(
                [
                    (
                        Field("대상 연도", f"{y.year}년"),
                        Field("교육 회차", f"{len(y.sessions)}회 ({hours_text(y.minutes)})"),
                    ),
                    (
                        Field("이수 기록", f"{attendances}건"),
                        Field("이수한 계정", f"{trained}명 / {accounts}명"),
                    ),
                    (
                        Field("교육 주기", f"{y.interval_months}개월마다"),
                        Field("기한 경과 (기준일)", f"{len(y.overdue)}명 ({clock.paper_date(y.as_of)})"),
                    ),
                ]
            ),
            *lay.heading("교육 회차"),
            lay.table(
                [
                    Column("번호", 0.06, "RIGHT"),
                    Column("교육일", 0.12, "CENTER"),
                    Column("제목", 0.26),
                    Column("구분", 0.06, "CENTER"),
                    Column("시간", 0.08, "RIGHT"),
                    Column("강사", 0.12),
                    Column("교재·자료", 0.16),
                    Column("이수", 0.14),
                ],
                [
                    [
                        str(s.id),
                        clock.paper_date(s.held_on),
                        s.title,
                        s.kind_label,
                        s.hours_text,
                        s.instructor or "-",
                        s.material or "-",
                        f"{len(s.attendees)}명",
                    ]
                    for s in y.sessions
                ],
                empty="이 해에 기록된 교육이 없습니다.",
            ),
            *lay.heading("부서별 이수 현황"),
            lay.table(
                [
                    Column("부서", 0.4),
                    Column("계정", 0.2, "RIGHT"),
                    Column("이수", 0.2, "RIGHT"),
                    Column("이수율", 0.2, "RIGHT"),
                ],
                [[d.department, str(d.accounts), str(d.trained), d.rate] for d in y.departments],
                width=0.7,
                empty="사용 중인 계정이 없습니다.",
            ),
            *lay.heading(f"교육 기한이 지난 계정 ({clock.paper_date(y.as_of)} 기준)"),
            lay.table(
                [
                    Column("이름", 0.2),
                    Column("ID", 0.15),
                    Column("부서", 0.2),
                    Column("마지막 이수", 0.15, "CENTER"),
                    Column("기한", 0.15, "CENTER"),
                    Column("지난 일수", 0.15, "RIGHT"),
                ],
                [
                    [
                        o.name,
                        o.login,
                        o.department or "-",
                        clock.paper_date(o.last_trained) if o.last_trained else "이수 기록 없음",
                        clock.paper_date(o.due),
                        f"{o.overdue_days}일",
                    ]
                    for o in y.overdue
                ],
                empty="기한이 지난 계정이 없습니다.",
            ),
        ]
        for s in y.sessions:
            if s.attendees:
                story += [
                    *lay.heading(f"{s.id}번 {s.title} — 이수자 {len(s.attendees)}명", keep_mm=20),
                    lay.text(", ".join(f"{a.name}({a.department or a.login})" for a in s.attendees)),
                ]
        return story

    return build


def render_training(
    path: Path | Output,
    meta: ReportMeta,
    year: TrainingYear,
    *,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    return render(path, meta, body(year), before_publish=before_publish)
