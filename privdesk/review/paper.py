"""The result of the monthly access-log review (접속기록 점검 결과, 안전성 확보조치 기준 제8조②).

A summary page (period, entries, accounts, findings by kind with their results, unanswered 소명,
the reviewer, the sign-off and the access log's head at that moment — or "서명 전"), the accounts
with their risk, then each finding with the first entries behind it (capped, "외 N건"). Not every
entry of the month: a normal month stays a few pages. Renders the review's plain data only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from reportlab.platypus import Flowable

from privdesk import clock
from privdesk.files import Output
from privdesk.logview import ReadableRow
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
from privdesk.review.types import J_LABELS, KIND_LABELS, RESULT_LABELS, Finding, Month, MonthReview

TITLE = "접속기록 점검 결과"
BASIS = "개인정보의 안전성 확보조치 기준 제8조제2항 (접속기록 월 1회 이상 점검, 내려받기 사유 확인)"
RECORD_PREFIX = "AR"
WHAT = "report:access-review"
FORM = Form(TITLE, RECORD_PREFIX, BASIS, landscape=True)  # internal: 결재란
ENTRY_CAP = 20

ENTRY_COLUMNS = (
    Column("번호", 0.08, "RIGHT"),
    Column("일시", 0.14, "CENTER"),
    Column("계정", 0.10),
    Column("PC", 0.12),
    Column("작업", 0.14),
    Column("대상", 0.14),
    Column("결과", 0.06, "CENTER"),
    Column("상세", 0.22),
)
ACCOUNT_COLUMNS = (
    Column("계정", 0.08),
    Column("이름", 0.08),
    Column("부서", 0.08),
    Column("기록", 0.05, "RIGHT"),
    Column("조회", 0.05, "RIGHT"),
    Column("해제", 0.04, "RIGHT"),
    Column("내려받기", 0.05, "RIGHT"),
    Column("출력", 0.04, "RIGHT"),
    Column("로그인 실패", 0.05, "RIGHT"),
    Column("업무시간 외", 0.05, "RIGHT"),
    Column("위험 점수", 0.05, "RIGHT"),
    Column("점수 설명", 0.24),
    Column("이전 달", 0.09),
    Column("부서 중앙값", 0.05, "RIGHT"),
)


def meta_for(hospital: str, by: PrintedBy, month: Month) -> ReportMeta:
    return new_meta(hospital, FORM, by, period=period_text(month.first_day(), month.last_day()))


def head_text(review: MonthReview) -> str:
    s = review.signed
    if s is None:
        return "서명 전 — 이 점검은 아직 확정되지 않았습니다"
    return f"{s.head_seq}번 기록, 해시 {s.head_hash}"


def _result(f: Finding) -> str:
    if f.result is None:
        return "미결 (결과 없음)"
    by = f" — {f.result_by_name or f.result_by}, {clock.paper_datetime(f.result_at)}" if f.result_at else ""
    return f"{RESULT_LABELS[f.result]}: {f.result_note or ''}{by}"


def _justification(f: Finding) -> str:
    j = f.justification
    if j is None:
        return ""
    parts = [
        f"{J_LABELS[j.state]} — 요청 {clock.paper_date(j.asked_at)} ({j.asked_by_label}), 기한 {clock.paper_date(j.due)}"
        + (" (기한 지남)" if j.overdue else ""),
        f"요청: {j.message}",
    ]
    if j.answer:
        parts.append(f"답변({j.account_name}, {clock.paper_datetime(j.answered_at)}): {j.answer}")
    if j.decided_by:
        parts.append(
            f"판정({j.decided_by_label}, {clock.paper_datetime(j.decided_at)}): {j.decision_note or ''}"
        )
    return "\n".join(parts)


def _entry_row(r: ReadableRow) -> list[str]:
    return [
        str(r.seq),
        clock.paper_datetime(r.at, seconds=True),
        r.account,
        r.workstation,
        r.task,
        r.subject,
        r.outcome,
        r.detail,
    ]


def body(
    review: MonthReview, entries: Mapping[int, Sequence[ReadableRow]]
) -> Callable[[Layout], list[Flowable]]:
    def build(lay: Layout) -> list[Flowable]:
        s = review.signed
        resolved = sum(f.result is not None for f in review.findings)
        normal = sum(f.result is not None and f.result.value == "normal" for f in review.findings)
        span = f" ({review.first_seq}번 ~ {review.last_seq}번)" if review.first_seq is not None else ""
        story: list[Flowable] = [
            lay.form(
                [
                    (
                        Field("점검 대상 기간", Month.parse(review.month).label()),
                        Field("접속기록", f"{review.entries:,}건{span}"),
                    ),
                    (
                        Field("계정 수", f"{len(review.accounts)}개"),
                        Field(
                            "발견 사항",
                            f"{len(review.findings)}건 (정상 {normal}, 조치 필요 {resolved - normal}, "
                            f"미결 {len(review.findings) - resolved})",
                        ),
                    ),
                    (
                        Field("미결 소명", f"{len(review.open_justifications)}건"),
                        Field("점검자(서명)", f"{s.by_name} ({s.by})" if s else "서명 전"),
                    ),
                    (
                        Field("서명 일시", clock.paper_datetime(s.at, seconds=True) if s else "서명 전"),
                        Field("서명 시점 접속기록 헤드", head_text(review)),
                    ),
                ]
            )
        ]
        story += [
            *lay.heading("발견 사항 요약"),
            lay.table(
                [
                    Column("구분", 0.4),
                    Column("건수", 0.15, "RIGHT"),
                    Column("정상", 0.15, "RIGHT"),
                    Column("조치 필요", 0.15, "RIGHT"),
                    Column("미결", 0.15, "RIGHT"),
                ],
                [
                    [KIND_LABELS[k], str(n), str(ok), str(act), str(n - ok - act)]
                    for k, n, ok, act in review.by_kind()
                ],
                width=0.6,
                empty="발견 사항이 없습니다.",
            ),
        ]
        story += [
            *lay.heading("점검 기준"),
            lay.table([Column("기준", 0.25), Column("값", 0.75)], [list(t) for t in review.thresholds]),
        ]
        story += [
            *lay.heading("계정별 요약"),
            lay.table(
                ACCOUNT_COLUMNS,
                [
                    [
                        a.login,
                        a.name,
                        a.department,
                        f"{a.entries:,}",
                        f"{a.views:,}",
                        str(a.unmasks),
                        str(a.exports),
                        str(a.prints),
                        str(a.failed_logins),
                        str(a.off_hours),
                        str(a.risk),
                        a.risk_explained,
                        ", ".join(f"{m} {r}" for m, r in a.risk_history[:3]) or "-",
                        f"{a.department_median:g}",
                    ]
                    for a in review.accounts
                ],
                empty="이 달에 기록된 계정이 없습니다.",
            ),
        ]
        pending = review.open_justifications
        if pending:
            story += [
                *lay.heading("미결 소명"),
                lay.table(
                    [
                        Column("번호", 0.06, "RIGHT"),
                        Column("계정", 0.14),
                        Column("발견 사항", 0.4),
                        Column("상태", 0.14),
                        Column("기한", 0.12, "CENTER"),
                        Column("기한 지남", 0.14, "CENTER"),
                    ],
                    [
                        [
                            str(j.id),
                            f"{j.account_name} ({j.account})",
                            j.finding_summary,
                            J_LABELS[j.state],
                            clock.paper_date(j.due),
                            "예" if j.overdue else "",
                        ]
                        for j in pending
                    ],
                ),
            ]
        story += lay.heading("발견 사항과 근거 기록")
        if not review.findings:
            story.append(lay.text("발견 사항이 없습니다."))
        for f in review.findings:
            who = f"{f.account_name} ({f.account})" if f.account else "시스템 전체"
            rows: list[tuple[Field, ...]] = [
                (
                    Field("구분", KIND_LABELS[f.kind]),
                    Field("계정", who + (f", {f.department}" if f.department else "")),
                ),
                (Field("내용", f.summary), Field("기준", f.rule)),
                (
                    Field("결과", _result(f)),
                    Field(
                        "기록된 사유",
                        f.reason
                        or ("사유 기록 없음" if f.kind.value in ("unmask", "download", "print") else "-"),
                    ),
                ),
            ]
            if f.justification is not None:
                rows.append((Field("소명", _justification(f)),))
            story += [
                lay.space(3),
                *lay.heading(f"발견 사항 {f.id}번 — {KIND_LABELS[f.kind]} (가중치 {f.weight})", keep_mm=50),
                lay.form(rows, label_width=0.09),
            ]
            shown = list(entries.get(f.id, ()))[:ENTRY_CAP]
            if shown:
                story.append(lay.table(ENTRY_COLUMNS, [_entry_row(r) for r in shown]))
                rest = f.entry_count - len(shown)
                if rest > 0:
                    story.append(lay.text(f"외 {rest:,}건 (화면의 접속기록 점검에서 모두 볼 수 있습니다)"))
        return story

    return build


def render_access_review(
    path: Path | Output,
    meta: ReportMeta,
    review: MonthReview,
    entries: Mapping[int, Sequence[ReadableRow]],
    *,
    before_publish: Callable[[int], None] | None = None,
) -> int:
    return render(path, meta, body(review, entries), before_publish=before_publish)
