"""The page template and the two first records, checked on real PDFs with poppler
(pdffonts, pdftotext, pdfinfo, pdftoppm)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from privdesk import clock, logview
from privdesk.accounts.people import People, Person
from privdesk.accounts.users import CHANGE_LABELS
from privdesk.audit import query
from privdesk.errors import ValidationError
from privdesk.files import Output
from privdesk.logview import summarise
from privdesk.reports import access_log, permission_history
from privdesk.reports.template import (
    FONT,
    FONT_BOLD,
    MARGIN_X,
    Column,
    Field,
    FieldGroup,
    Form,
    Layout,
    ReportMeta,
    checkboxes,
    new_meta,
    record_number,
    register_fonts,
    render,
)

HOSPITAL = "서울행복병원"
AT = dt.datetime(2026, 11, 25, 5, 30, tzinfo=dt.UTC)  # 14:30 KST
LONG_KO = (
    "인사이동으로 시설팀 업무를 겸임하게 되어 영상정보 열람 권한을 추가로 부여하였으며 "
    "기존 원무과 업무에 필요한 환자 명부 조회 권한은 그대로 유지한다 "
)


@dataclass(frozen=True)
class By:
    name: str
    login: str


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    actor_login: str
    target: str
    change: str
    detail: str
    reason: str

    @property
    def change_label(self) -> str:  # as the accounts module's PermissionChangeInfo gives it
        return CHANGE_LABELS.get(self.change, self.change)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: dt.datetime
    actor: str
    workstation: str
    ip: str
    action: str
    subject: str | None
    search_kind: str | None
    outcome: str
    detail: str | None


def meta(**kw: object) -> ReportMeta:
    base: dict[str, object] = dict(
        hospital=HOSPITAL,
        title="권한 부여·변경·말소 기록",
        record_no="PH-20261125-143000",
        printed_by_name="육의곤",
        printed_by_login="yook",
        printed_at=AT,
        form_label="[별지 제5호서식]",
        period="2026-11-01 ~ 2026-11-30",
    )
    base.update(kw)
    return ReportMeta(**base)  # type: ignore[arg-type]


# -- poppler helpers -----------------------------------------------------------------------------
def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120).stdout


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return run("pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-")


def page_count(pdf: Path) -> int:
    m = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M)
    assert m
    return int(m.group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    m = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", str(pdf)), re.M)
    assert m
    return float(m.group(1)), float(m.group(2))


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(name, emb) for every font pdffonts lists."""
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end
        out.append((parts[0], parts[-5]))
    return out


def assert_only_nanum_embedded(pdf: Path) -> None:
    found = fonts(pdf)
    assert found, "no fonts listed"
    assert {name.split("+")[-1] for name, _ in found} <= {"NanumGothic", "NanumGothicBold"}, found
    assert all(emb == "yes" for _, emb in found), found
    assert b"Helvetica" not in pdf.read_bytes()


def words_with_boxes(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word on ``page``, from pdftotext -bbox."""
    html = run("pdftotext", "-enc", "UTF-8", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    return [
        (w, float(x0), float(x1))
        for x0, x1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html
        )
    ]


def png_of_first_page(pdf: Path) -> Path:
    prefix = pdf.with_suffix("")
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix))
    return prefix.with_suffix(".png")


# -- a sample body using every helper ------------------------------------------------------------
COLUMNS = [
    Column("번호", 0.08, "RIGHT"),
    Column("일시", 0.2, "CENTER"),
    Column("대상 계정", 0.17),
    Column("내용", 0.55),
]


def sample_body(rows: int) -> object:
    def body(lay: Layout) -> list[Flowable]:
        return [
            lay.form(
                [
                    (Field("구분", checkboxes(["열람", "정정·삭제", "처리정지"], {"정정·삭제"})),),
                    FieldGroup(
                        "청구인",
                        (
                            (Field("성명", "홍길동"), Field("전화번호", "010-****-1234")),
                            (Field("주소", "서울특별시 강남구 테헤란로 123"),),
                        ),
                    ),
                    (Field("처리 결과", "정정 완료"), Field("처리일", "2026-11-25")),
                ]
            ),
            lay.text("아래는 이 기간의 기록입니다."),
            *lay.heading("기록"),
            lay.table(
                COLUMNS,
                [
                    [str(i), "2026-11-25 14:30", f"R{i:05d}", "역할 변경: 원무 → 원무, 시설"]
                    for i in range(1, rows + 1)
                ],
            ),
        ]

    return body


@pytest.fixture
def sample_pdf(tmp_path: Path) -> Path:
    out = tmp_path / "sample.pdf"
    pages = render(out, meta(), sample_body(40))  # type: ignore[arg-type]
    assert pages == page_count(out)
    return out


# -- the template --------------------------------------------------------------------------------
def test_only_nanumgothic_fonts_all_embedded(sample_pdf: Path) -> None:
    assert_only_nanum_embedded(sample_pdf)
    names = {n.split("+")[-1] for n, _ in fonts(sample_pdf)}
    assert names == {"NanumGothic", "NanumGothicBold"}  # bold is used: title, labels, header row


def test_hangul_comes_back_with_header_footer_and_title_block(sample_pdf: Path) -> None:
    first = text(sample_pdf, 1, 1)
    for expected in (
        HOSPITAL,
        "권한 부여·변경·말소 기록",
        "[별지 제5호서식]",
        "PH-20261125-143000",
        "2026-11-01 ~ 2026-11-30",
        "담당",
        "책임자",
        "육의곤 (yook)",
        "2026-11-25 14:30",
        "홍길동",
        "청구인",
        "□열람",
        "■정정·삭제",
        "□처리정지",
        "R00001",
        "역할 변경: 원무 → 원무, 시설",
    ):
        assert expected in first, expected


def test_footer_page_numbers_match_page_count(tmp_path: Path) -> None:
    out = tmp_path / "pages.pdf"
    pages = render(out, meta(), sample_body(120))  # type: ignore[arg-type]
    assert pages == page_count(out) >= 3
    for n in range(1, pages + 1):
        page = text(out, n, n)
        assert re.search(rf"쪽\s*{n}\s*/\s*{pages}\b", page)  # pdftotext may drop the narrow spaces
        assert HOSPITAL in page and "PH-20261125-143000" in page and "육의곤 (yook)" in page


def test_2000_rows_paginate_with_the_header_repeated_and_no_row_lost(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    pages = render(out, meta(landscape=True), sample_body(2000))  # type: ignore[arg-type]
    assert pages == page_count(out) > 20
    second = text(out, 2, 2)
    for title in ("번호", "일시", "대상 계정", "내용"):
        assert title in second
    assert re.search(r"^번호$", text(out, pages, pages), re.M)  # the last page too
    ids = re.findall(r"R\d{5}", text(out))
    assert len(ids) == 2000 and set(ids) == {f"R{i:05d}" for i in range(1, 2001)}
    assert ids == sorted(ids)
    assert_only_nanum_embedded(out)


def test_long_korean_cells_wrap_inside_their_column(tmp_path: Path) -> None:
    out = tmp_path / "wrap.pdf"
    long_word = "가나다라마바사아자차카타파하" * 6  # one word wider than its column
    cols = [Column("번호", 0.1, "RIGHT"), Column("사유", 0.3), Column("비고", 0.6)]
    render(out, meta(approvals=()), lambda lay: [lay.table(cols, [["1", LONG_KO * 3, long_word]])])
    width, _ = page_size(out)
    usable = width - 2 * MARGIN_X
    left, col_right = MARGIN_X + 0.1 * usable, MARGIN_X + 0.4 * usable
    boxes = words_with_boxes(out, 1)
    body_words = LONG_KO.split()
    seen = [(w, x0, x1) for w, x0, x1 in boxes if w in body_words]
    assert {w for w, _, _ in seen} == set(body_words)  # every word is on the page
    assert all(left - 0.5 <= x0 and x1 <= col_right + 0.5 for _, x0, x1 in seen), seen
    assert len({round(x0) for _, x0, _ in seen}) > 1  # and it really wrapped onto several lines
    assert all(x1 <= width - MARGIN_X + 0.5 for _, _, x1 in boxes)  # nothing past the right margin
    pieces = [
        w for w, x0, _ in boxes if x0 >= col_right and w.startswith(tuple("가나다라마바사아자차카타파하"))
    ]
    assert len(pieces) > 1 and "".join(pieces) == long_word  # the over-wide word was split, not clipped


def test_landscape_and_portrait_a4(tmp_path: Path) -> None:
    p, q = tmp_path / "p.pdf", tmp_path / "l.pdf"
    render(p, meta(), lambda lay: [lay.text("세로")])
    render(q, meta(landscape=True), lambda lay: [lay.text("가로")])
    assert page_size(p) == pytest.approx((595.276, 841.89), abs=0.5)
    assert page_size(q) == pytest.approx((841.89, 595.276), abs=0.5)


def test_empty_table_says_so(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    assert render(out, meta(), lambda lay: [lay.table(COLUMNS, [], empty="이 기간의 기록이 없습니다.")]) == 1
    assert "이 기간의 기록이 없습니다." in text(out)


def test_no_approval_boxes_when_none_are_asked(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    render(out, meta(approvals=()), lambda lay: [lay.text("본문")])
    assert "책임자" not in text(out) and "본문" in text(out)


def test_failure_or_cancel_leaves_no_file_and_keeps_an_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "ledger.pdf"

    def broken(lay: Layout) -> list[Flowable]:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        render(out, meta(), broken)
    assert list(folder.iterdir()) == []

    class Cancelled(Exception):
        pass

    def cancel_at_3(n: int) -> None:
        if n == 3:
            raise Cancelled()

    out.write_bytes(b"old")
    with pytest.raises(Cancelled):
        render(Output(out, force=True), meta(), sample_body(500), on_page=cancel_at_3)  # type: ignore[arg-type]
    assert out.read_bytes() == b"old" and list(folder.iterdir()) == [out]

    def refuse(pages: int) -> None:
        raise PermissionError("logging refused")

    with pytest.raises(PermissionError):
        render(Output(out, force=True), meta(), sample_body(10), before_publish=refuse)  # type: ignore[arg-type]
    assert out.read_bytes() == b"old" and list(folder.iterdir()) == [out]


def test_progress_and_publish_hooks_see_every_page(tmp_path: Path) -> None:
    out = tmp_path / "hooks.pdf"
    seen: list[int] = []
    published: list[int] = []
    pages = render(
        out,
        meta(),
        sample_body(150),
        on_page=seen.append,  # type: ignore[arg-type]
        before_publish=published.append,
    )
    assert seen == list(range(1, pages + 1)) and published == [pages]
    assert out.stat().st_mode & 0o077 == 0  # owner-only, like the database and key files


def test_missing_folder_is_a_korean_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="출력할 폴더가 없습니다"):
        render(tmp_path / "nope" / "x.pdf", meta(), lambda lay: [])


def test_fonts_register_once_and_meta_needs_an_aware_time() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    register_fonts()
    assert {FONT, FONT_BOLD} <= set(pdfmetrics.getRegisteredFontNames())
    with pytest.raises(ValueError):
        meta(printed_at=dt.datetime(2026, 11, 25, 14, 30))
    assert record_number("PH", 2026, 12) == "PH-2026-0012"
    m = new_meta(HOSPITAL, Form("제목", "CV"), By("육의곤", "yook"), printed_at=AT)
    assert (m.record_no, m.printed_by, m.approvals) == ("CV-2026-견본", "육의곤 (yook)", ("담당", "책임자"))
    assert m.numbered(7).record_no == "CV-2026-0007"  # the number comes from the database (witnessed)


def test_first_page_renders_to_png(sample_pdf: Path) -> None:
    from PIL import Image

    png = png_of_first_page(sample_pdf)
    with Image.open(png) as im:
        assert im.size[0] == pytest.approx(496, abs=2) and im.size[1] == pytest.approx(
            702, abs=2
        )  # A4, 60 dpi
        dark = sum(im.convert("L").histogram()[:128])
    assert dark > 2000  # text and grid lines were drawn, not a blank page


# -- the two records ----------------------------------------------------------------------------
def changes() -> list[Change]:
    base = dt.datetime(2026, 11, 3, 0, 30, tzinfo=dt.UTC)
    kinds = [
        ("create", "부여: 원무(intake)", "신규 입사"),
        ("roles", "부여: 시설(facility); 회수: 없음", LONG_KO),
        ("lock", "관리자 잠금", "장기 휴직"),
        ("deactivate", "회수: 원무(intake)", "퇴사"),
        ("password_reset", "일회용 비밀번호 발급", "분실 신고"),
    ]
    return [
        Change(base + dt.timedelta(hours=7 * i), "yook", f"staff{i % 4}", *kinds[i % len(kinds)])
        for i in range(25)
    ][::-1]  # given newest first: the record sorts them


def test_permission_history_record(tmp_path: Path) -> None:
    out = tmp_path / "ph.pdf"
    m = permission_history.meta_for(HOSPITAL, By("육의곤", "yook"), "2026-11-01 ~ 2026-11-30", AT)
    pages = permission_history.render_permission_history(out, m, changes())
    assert pages == page_count(out)
    assert page_size(out)[0] > page_size(out)[1]  # landscape
    assert_only_nanum_embedded(out)
    body = text(out)
    for expected in (
        "권한 부여·변경·말소 기록",
        "제5조제3항",
        HOSPITAL,
        "PH-2026-견본",
        "계정 생성·권한 부여",
        "역할 변경",
        "계정 잠금",
        "계정 말소",
        "비밀번호 초기화",
        "부여: 원무(intake)",
        "staff3",
        "신규 입사",
        "총 25건",
        "부여 5건",
        "말소 5건",
        "변경 15건",
    ):
        assert expected in body, expected
    assert body.index("2026. 11. 3. 09:30") < body.index("2026. 11. 3. 16:30")  # oldest first


def entries(n: int) -> list[Entry]:
    base = dt.datetime(2026, 11, 3, 0, 30, tzinfo=dt.UTC)
    acts = [
        "login",
        "view",
        "search",
        "update",
        "export",
        "login_failed",
        "permission_denied",
        "print",
        "unmask",
        "logout",
    ]
    out = []
    for i in range(n):
        a = acts[i % len(acts)]
        out.append(
            Entry(
                i + 1,
                base + dt.timedelta(minutes=7 * i),
                ["kim", "lee", "park"][i % 3],
                "WS-원무-03",
                "10.0.3.21",
                a,
                f"patient:{1000 + i}" if a in ("view", "update", "export") else None,
                "rrn" if a == "search" else None,
                {"login_failed": "failed", "permission_denied": "denied"}.get(a, "ok"),
                "정정 요구 처리 중 주소 변경 확인" if a == "update" else None,
            )
        )
    return out


def readable_entries(n: int) -> list[logview.ReadableRow]:
    """``entries(n)`` in words, as the CLI gives them to the renderer (no database: logins shown as they are)."""
    people = People({"kim": Person("kim", "김원무", "원무과"), "lee": Person("lee", "이감사", "감사실")})
    return logview.readable_rows(
        [query.LogRow(*vars(e).values()) for e in entries(n)], logview.Resolver(people=people)
    )


def test_access_log_listing_in_words(tmp_path: Path) -> None:
    out = tmp_path / "al.pdf"
    m = access_log.meta_for(HOSPITAL, By("육의곤", "yook"), "2026-11-01 ~ 2026-11-30", AT)
    entries = readable_entries(600)
    pages = access_log.render_access_log(out, m, entries, summarise(entries))
    assert pages == page_count(out) > 5
    assert page_size(out)[0] > page_size(out)[1]
    assert_only_nanum_embedded(out)
    first = text(out, 1, 1)
    for expected in (
        "접속기록 (출력)",
        "제8조",
        HOSPITAL,
        "AL-2026-견본",
        "기간",
        "총 기록",
        "600건",
        "로그인 실패",
        "60건 — park 20건, 김원무(kim) 20건, 이감사(lee) 20건",
        "권한 거부",
        "다운로드(내보내기) 60건",
        "마스킹 해제 60건",
        "출력 60건",
        "수행업무 분류별 건수",
        "조회·검색",
        "로그인·계정·권한",
    ):
        assert expected in first, expected
    for gone in (
        "점검표",
        "점검 결과",
        "□이상 없음",
        "점검 의견",
        "점검자",
    ):  # the signed review is its own record
        assert gone not in first, gone
    later = text(out, 3, 3)
    for title in ("번호", "일시", "계정", "수행업무", "대상", "상세", "접속지", "결과"):
        assert title in later
    all_text = text(out)
    assert (
        re.search(r"2026\. 11\. 3\.\s+09:30:00", all_text)
        and "WS-원무-03" in all_text
        and "원무과" in all_text
    )
    assert (
        "환자 조회" in all_text
        and "개인정보 마스킹 해제" in all_text
        and "환자 검색(주민등록번호)" in all_text
    )
    assert "환자 기록 1001번" in all_text and "정정 요구 처리 중 주소 변경 확인" in all_text
    assert "patient:" not in all_text and "acct:" not in all_text
    assert len(re.findall(r"2026\. 11\. \d\d?\.\s+\d\d:\d\d:\d\d", all_text)) == 600


def test_access_log_with_no_entries(tmp_path: Path) -> None:
    out = tmp_path / "al0.pdf"
    m = access_log.meta_for(HOSPITAL, By("육의곤", "yook"), "2026-10-01 ~ 2026-10-31", AT)
    assert access_log.render_access_log(out, m, [], summarise([])) == 1
    body = text(out)
    assert "이 기간의 접속기록이 없습니다." in body and "0건" in body


def test_kst_shown_for_utc_times() -> None:
    assert clock.fmt_datetime(AT) == "2026-11-25 14:30"
    assert access_log.fmt_at(AT) == "2026. 11. 25. 14:30:00"
    assert clock.paper_datetime(AT) == "2026. 11. 25. 14:30"  # paper; screens keep YYYY-MM-DD


def test_a_row_taller_than_a_page_continues_on_the_next(tmp_path: Path) -> None:
    out = tmp_path / "giant.pdf"
    huge = " ".join(f"단어{i:05d}" for i in range(5000))
    cols = [Column("번호", 0.2), Column("내용", 0.8)]
    pages = render(out, meta(), lambda lay: [lay.table(cols, [["1", "앞"], ["2", huge], ["3", "뒤"]])])
    assert pages == page_count(out) > 3
    words = re.findall(r"단어\d{5}", text(out))
    assert words == [f"단어{i:05d}" for i in range(5000)]  # every word once, in order
    assert "뒤" in text(out, pages, pages)


def test_a_body_given_as_an_iterator_is_laid_out_as_it_comes_the_same_as_a_list(tmp_path: Path) -> None:
    """A generator body (the notice's letters) renders the very pages a list body does; the
    renderer holds only a window of it (the iterator is not drained before the first page)."""
    from reportlab.platypus import PageBreak

    m = new_meta(HOSPITAL, Form("통지서", "UN"), By("육의곤", "yook"), printed_at=AT)
    drawn: list[int] = []

    def letters(lay: Layout, n: int = 200):  # type: ignore[no-untyped-def]
        for i in range(n):
            drawn.append(i)
            if i:
                yield PageBreak()
            yield lay.text(f"{i + 1}번째 통지 {LONG_KO}")

    first_page: list[int] = []
    streamed = render(
        tmp_path / "streamed.pdf",
        m,
        letters,
        on_page=lambda n: first_page.append(len(drawn)) if n == 1 else None,
    )
    assert first_page[0] < 200  # the first page was laid out before the last letter was produced
    listed = render(tmp_path / "listed.pdf", m, lambda lay: list(letters(lay)))
    assert streamed == listed >= 200
    text = [
        subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / f), "-"], capture_output=True, text=True
        ).stdout
        for f in ("streamed.pdf", "listed.pdf")
    ]
    assert (
        text[0] == text[1] and "200번째 통지" in text[0] and f"1 / {streamed}" in text[0].replace("쪽 ", "")
    )
