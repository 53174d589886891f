"""Importing consents from a CSV file (동의 기록 가져오기): a kiosk's or a scanning service's list.

The same reading rules as the patient import (:mod:`privdesk.registry.importer`): the file is
sniffed first (a binary file or an unknown encoding is refused, naming why), UTF-8 with or without
BOM or CP949; the header is matched by Korean or English names (:data:`HEADER_ALIASES`, any order,
extra columns ignored) or by the caller's ``mapping`` (field → column header).

Unlike the patient import, a consent import is **all or nothing**: consents are legal records, and a
half-imported list would leave the desk unsure who was recorded. Every row is checked exactly as
:func:`privdesk.consent.records.record` checks one — the chart number must belong to a live
patient, the purpose, version, method (서면 needs the form reference, 구두 a witness account other
than the importer), who signed (법정대리인: name and relation) — and if any row is wrong nothing is
written and a :class:`~privdesk.errors.ValidationError` lists the rows (line numbers of the file)
with their Korean reasons. ``dry_run`` checks everything and writes nothing. A row identical to a
consent already recorded (same patient, purpose, version and time) is skipped, so importing the same
file twice records nothing twice.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from privdesk import clock
from privdesk.accounts.permissions import Permission
from privdesk.audit import batches
from privdesk.audit.chain import Action
from privdesk.consent.models import (
    GIVEN,
    KIOSK,
    PAPER,
    REPRESENTATIVE,
    SELF,
    VERBAL,
    ConsentRecord,
    ConsentText,
)
from privdesk.consent.records import ConsentInput, add_given, check_input
from privdesk.consent.texts import purposes
from privdesk.context import Actor, AppContext
from privdesk.errors import NotFoundError, PrivdeskError, ValidationError
from privdesk.registry.api import (
    STATUS_ACTIVE,
    ImportFileError,
    Patient,
    Problem,
    detect_encoding,
    normalise_header,
    read_header,
    sniff,
)
from privdesk.registry.api import source_records as records

FIELDS: Final = (
    "chart_no",
    "purpose",
    "version",
    "at",
    "method",
    "form_ref",
    "witness",
    "signer",
    "representative",
    "relation",
    "note",
)
REQUIRED: Final = ("chart_no", "purpose", "at", "method")
FIELD_LABELS: Final = {
    "chart_no": "차트번호",
    "purpose": "동의 목적",
    "version": "문안 판",
    "at": "동의 일시",
    "method": "동의 방법",
    "form_ref": "동의서 번호",
    "witness": "입회자",
    "signer": "동의자",
    "representative": "법정대리인",
    "relation": "관계",
    "note": "비고",
}
HEADER_ALIASES: Final = {
    **{normalise_header(v): k for k, v in FIELD_LABELS.items()},
    **{k: k for k in FIELDS},
    "목적": "purpose",
    "판": "version",
    "동의일": "at",
    "동의일시": "at",
    "일시": "at",
    "방법": "method",
    "문서번호": "form_ref",
    "동의서번호": "form_ref",
    "법정대리인이름": "representative",
}
METHODS: Final = {
    "서면": PAPER,
    "paper": PAPER,
    "키오스크": KIOSK,
    "kiosk": KIOSK,
    "구두": VERBAL,
    "verbal": VERBAL,
}
SIGNERS: Final = {
    "본인": SELF,
    "self": SELF,
    "": SELF,
    "법정대리인": REPRESENTATIVE,
    "representative": REPRESENTATIVE,
}
SHOWN: Final = 20  # rows named in the error


@dataclass(frozen=True)
class ConsentImportResult:
    imported: int
    skipped: int  # already recorded
    rows: int
    dry_run: bool

    def summary(self) -> str:
        head = "검사만 했습니다 (기록하지 않음): " if self.dry_run else ""
        verb = "기록할 수 있는" if self.dry_run else "기록한"
        return f"{head}{verb} 동의 {self.imported}건, 이미 있어 건너뜀 {self.skipped}건 (전체 {self.rows}행)"


class _DryRun(Exception):
    """Raised inside the unit to roll a dry run back."""


def auto_mapping(header: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for col in header:
        name = HEADER_ALIASES.get(normalise_header(col))
        if name is not None and name not in out:
            out[name] = col
    return out


def _indexes(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    idx: dict[str, int] = {}
    for name, col in mapping.items():
        if name not in FIELDS:
            raise ImportFileError(f"알 수 없는 항목입니다: {name}")
        if col not in header:
            raise ImportFileError(f"파일에 '{col}' 열이 없습니다 ({FIELD_LABELS[name]}).")
        idx[name] = header.index(col)
    missing = [FIELD_LABELS[f] for f in REQUIRED if f not in idx]
    if missing:
        raise ImportFileError(
            "필수 열이 없습니다: "
            + ", ".join(missing)
            + ". 머리글을 차트번호, 동의 목적, 동의 일시, 동의 방법으로 "
            "바꾸거나 열을 직접 지정하십시오."
        )
    return idx


def parse_when(text: str) -> dt.datetime:
    value = text.strip()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).replace(tzinfo=clock.KST)
        except ValueError:
            continue
    raise ValidationError("at", "동의 일시는 YYYY-MM-DD 또는 YYYY-MM-DD HH:MM 형식이어야 합니다.")


def _version(text: str) -> int | None:
    value = text.strip().removeprefix("제").removesuffix("판")
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValidationError("version", "문안 판은 1 이상의 숫자여야 합니다 (비우면 현재 시행 중인 판).")
    return int(value)


def _explicit(path: Path, encoding: str) -> str:
    """A chosen encoding: the file is still sniffed (a binary file is refused whatever was chosen),
    and UTF-8 with a BOM is read without it."""
    sniff(path)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError(f"알 수 없는 문자 인코딩입니다: {encoding}") from None
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        with path.open("rb") as fh:
            if fh.read(3) == codecs.BOM_UTF8:
                return "utf-8-sig"
    return encoding


def import_consents(
    ctx: AppContext,
    actor: Actor,
    path: Path,
    *,
    encoding: str = "auto",
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> ConsentImportResult:
    """Import consents from ``path`` (see the module doc). Needs ``consent.record``."""
    path = Path(path)
    with ctx.unit(actor, Permission.CONSENT_RECORD):
        pass  # permission first: a refusal is logged before the file is read
    enc = detect_encoding(path) if encoding == "auto" else _explicit(path, encoding)
    header = read_header(path, enc)
    idx = _indexes(header, mapping if mapping is not None else auto_mapping(header))
    all_purposes = purposes(ctx)
    rows: list[tuple[int, list[str]]] = []
    errors: list[str] = []
    for line, cells in records(path, enc):
        if isinstance(cells, Problem):
            errors.append(f"{line}행: {cells.reason}")
        else:
            rows.append((line, cells))
    if not rows and not errors:
        raise ImportFileError(f"파일에 가져올 행이 없습니다: {path.name}")
    imported: list[int] = []
    skipped = 0
    result: ConsentImportResult | None = None
    try:
        with ctx.unit(actor, Permission.CONSENT_RECORD) as u:
            s = u.session
            charts = sorted({c[idx["chart_no"]].strip() for _l, c in rows if len(c) > idx["chart_no"]})
            ids: dict[str, int] = {}
            for i in range(0, len(charts), 500):
                found = s.execute(
                    select(Patient.chart_no, Patient.id).where(
                        Patient.chart_no.in_(charts[i : i + 500]), Patient.status == STATUS_ACTIVE
                    )
                )
                ids.update((str(c), int(pid)) for c, pid in found)
            for line, cells in rows:

                def cell(name: str, cells: list[str] = cells) -> str:
                    i = idx.get(name)
                    return cells[i].strip() if i is not None and i < len(cells) else ""

                try:
                    chart = cell("chart_no")
                    if not chart:
                        raise ValidationError("chart_no", "차트번호가 비어 있습니다.")
                    pid = ids.get(chart)
                    if pid is None:
                        raise NotFoundError("환자 기록", f"차트번호 {chart}")
                    method = METHODS.get(cell("method").lower())
                    if method is None:
                        raise ValidationError(
                            "method", "동의 방법은 서면, 키오스크, 구두 중 하나여야 합니다."
                        )
                    signer = SIGNERS.get(cell("signer").lower())
                    if signer is None:
                        raise ValidationError("signer", "동의자는 본인 또는 법정대리인이어야 합니다.")
                    data = ConsentInput(
                        patient_id=pid,
                        purpose=cell("purpose"),
                        method=method,
                        at=parse_when(cell("at")),
                        version=_version(cell("version")),
                        form_ref=cell("form_ref"),
                        witness=cell("witness"),
                        signer=signer,
                        representative=cell("representative"),
                        relation=cell("relation"),
                        note=cell("note"),
                    )
                    checked = check_input(all_purposes, data)
                    if method != VERBAL and data.witness:
                        raise ValidationError("witness", "입회자는 구두 동의에만 적습니다.")
                    if _recorded(s, pid, checked.purpose.code, checked.at, data.version):
                        skipped += 1
                        continue
                    add_given(u, checked, pid, data.version, data.witness)
                    imported.append(pid)
                except PrivdeskError as exc:
                    errors.append(f"{line}행: {exc}")
            if errors:
                more = f" 외 {len(errors) - SHOWN}행" if len(errors) > SHOWN else ""
                raise ValidationError(
                    "file",
                    f"잘못된 행이 {len(errors)}개 있어 아무것도 기록하지 않았습니다. 고친 뒤 다시 가져오십시오.\n"
                    + "\n".join(errors[:SHOWN])
                    + more,
                )
            result = ConsentImportResult(len(imported), skipped, len(rows), dry_run)
            if dry_run:
                raise _DryRun
            for subject, detail in batches.entries(imported, limit=batches.DETAIL_LIMIT - 30):
                u.log(Action.IMPORT, subject, detail=f"{detail}; 동의 기록 가져오기")
            u.log(Action.IMPORT, "consent:*", detail=f"imported={len(imported)} skipped={skipped}")
    except _DryRun:
        with ctx.unit(actor, Permission.CONSENT_RECORD) as u:
            u.log(Action.IMPORT, "consent:*", detail=f"dry-run; checked={len(rows)}")
    assert result is not None
    return result


def _recorded(s: Session, patient_id: int, purpose: str, at: dt.datetime, version: int | None) -> bool:

    stmt = select(ConsentRecord.id).where(
        ConsentRecord.patient_id == patient_id,
        ConsentRecord.purpose == purpose,
        ConsentRecord.action == GIVEN,
        ConsentRecord.at == at,
    )
    if version is not None:
        stmt = stmt.join(ConsentText, ConsentText.id == ConsentRecord.text_id).where(
            ConsentText.version == version
        )
    return s.execute(stmt.limit(1)).first() is not None
