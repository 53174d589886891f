"""The whole integrity check (무결성 검증) and the officer's acknowledgement of a finding.

:func:`verify_all` — ``privdesk audit verify`` and the GUI's 무결성 검증 — checks, in order:

1. the access-log chain (:mod:`privdesk.audit.verify`), stepping over links the officer has
   acknowledged;
2. the chain against every witness it can read: this workstation's witness file, files copied
   from other workstations (``--witness-file``) and values typed from printed pages
   (``--witness SEQ:HASH``) (:mod:`privdesk.audit.witness`);
3. the database's own protections: the append-only triggers and the archive permit table
   (:mod:`privdesk.audit.protections`);
4. every row proof (:mod:`privdesk.proofs`), the separate store's included;
5. the ledgers anchored in the chain (CCTV, destruction, disclosures, integrity events, the
   review's sign-offs, the privacy policy's versions).

Anything new is recorded as a *finding* (:mod:`privdesk.audit.findings`): from then on only the
privacy officer and the auditor can work until the officer acknowledges it with a reason
(:func:`acknowledge`, password re-entered). The acknowledgement re-bases a damaged chain head onto
the last entry that is really there, re-seals the rows whose proofs failed, re-creates missing
SQLite triggers and clears a left-over archive permit, records what it covers, and is itself
anchored in the chain and witnessed. Nothing the attacker did is erased: the cut, altered or
planted entries stay where they are, and every later verify lists them as known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from privdesk import clock, proofs, schema  # noqa: F401  (schema: every proven table is checked, whatever screens ran)
from privdesk.accounts.permissions import OFFICER, Permission
from privdesk.audit import anchors, findings, protections
from privdesk.audit.anchors import AnchorProblem
from privdesk.audit.chain import (
    GENESIS,
    Action,
    Outcome,
    PendingEntry,
    append_head,
    head_message,
    head_problem,
    read_head,
    witness_problem,
)
from privdesk.audit.verify import Snapshot, VerifyResult, chain_in, check_witnesses, log_verification
from privdesk.audit.witness import Witness, read_files
from privdesk.context import Actor, AppContext
from privdesk.crypto import verify_password
from privdesk.errors import AuthenticationError, PermissionDeniedError, RuleViolationError, ValidationError
from privdesk.korean import josa
from privdesk.store.models import (
    Account,
    AuditArchivePermit,
    AuditCheckpoint,
    AuditHead,
    Base,
    IntegrityEvent,
)

LedgerCheck = Callable[[AppContext, Actor], list[AnchorProblem]]
INTEGRITY_TABLE = findings.TABLE
canonical_event = findings.canonical_event


def _ledger_checks() -> Sequence[tuple[str, LedgerCheck]]:
    from privdesk.cctv.viewlog import verify_ledger
    from privdesk.disclosures.contracts import verify_returns
    from privdesk.disclosures.ledger import verify_ledger as verify_disclosure_ledger
    from privdesk.incidents.register import verify_ledger as verify_incident_ledger
    from privdesk.lifecycle.ledger import verify_ledger as verify_destruction_ledger
    from privdesk.policy.versions import verify_ledger as verify_policy_versions
    from privdesk.review.usecases import verify_ledger as verify_review_signoffs

    return (
        ("개인영상정보 관리대장", verify_ledger),
        ("개인정보파일 파기 관리대장", verify_destruction_ledger),
        ("개인정보 목적 외 이용·제3자 제공 대장", verify_disclosure_ledger),
        ("수탁업체 개인정보 반환·파기 확인", verify_returns),
        ("유출 등 사고 대장", verify_incident_ledger),
        ("무결성 확인 기록", verify_integrity_events),
        ("접속기록 점검 서명", verify_review_signoffs),
        ("개인정보 처리방침 판", verify_policy_versions),
    )


def _separated_proofs(ctx: AppContext) -> Iterable[proofs.ProofProblem]:
    from privdesk.lifecycle.store import check_separated_proofs

    return check_separated_proofs(ctx)


@dataclass(frozen=True)
class Problem:
    """One thing the check found. ``fingerprint`` is what an acknowledgement covers."""

    kind: str  # chain / witness / protection / proof / ledger
    fingerprint: str
    message: str
    at: dt.datetime | None = None  # when the witness was written (witness problems)


@dataclass(frozen=True)
class IntegrityReport:
    chain: VerifyResult
    ledgers: tuple[tuple[str, tuple[AnchorProblem, ...]], ...]
    problems: tuple[Problem, ...] = ()  # not yet acknowledged: verify fails on these
    known: tuple[Problem, ...] = ()  # acknowledged by the officer earlier
    witnesses: int = 0  # witnesses compared with the chain
    proven_rows: int = 0  # row proofs checked
    finding_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def messages(self) -> list[str]:
        """Korean sentences: the problems first (the first names the first problem), then what
        was checked and found intact, then what is known from earlier acknowledgements."""
        out = [f"{p.message}." if not p.message.endswith(".") else p.message for p in self.problems]
        if self.chain.ok:
            out.append(self.chain.message)
        if not any(p.kind == "witness" for p in self.problems):
            out.append(
                f"증인 {self.witnesses:,}건과 체인이 일치합니다."
                if self.witnesses
                else "이 PC에는 아직 이 데이터베이스의 증인 기록이 없습니다."
            )
        if not any(p.kind == "protection" for p in self.problems):
            out.append("추가 전용 보호 장치가 모두 켜져 있습니다.")
        if not any(p.kind == "proof" for p in self.problems):
            out.append(f"행 무결성 증명 {self.proven_rows:,}건이 모두 맞습니다.")
        for name, problems in self.ledgers:
            if not problems:
                out.append(f"{name}: 위·변조가 없습니다.")
        out.extend(f"확인된 위반(보호책임자 확인 완료): {p.message}" for p in self.known)
        return out


# -- the check ----------------------------------------------------------------------------------
@dataclass
class _Found:
    problems: list[Problem] = field(default_factory=list)
    known: list[Problem] = field(default_factory=list)
    witnesses: int = 0
    rows: int = 0


def _witnesses(
    ctx: AppContext, files: Sequence[Path], manual: Sequence[Witness], found: _Found
) -> list[Witness]:
    others = read_files(files, ctx.database_id, ctx.witness.location)
    for r in others:  # a wrong file given by hand is a typing mistake, not a finding
        if not r.witnesses:
            raise ValidationError(
                "witness_file",
                f"{r.path}에는 이 데이터베이스의 증인 기록이 없습니다. 다른 작업 PC의 "
                "사용자 데이터 폴더에 있는 witness.log를 지정하십시오.",
            )
    reports = [ctx.witness.report(), *others]
    out: list[Witness] = list(manual)
    for r in reports:
        if not r.readable:
            found.problems.append(
                Problem("witness", "witness", f"증인 파일 {josa(r.path, '을/를')} 읽을 수 없습니다")
            )
        if r.bad_lines:
            found.problems.append(
                Problem(
                    "witness",
                    "witness",
                    f"증인 파일 {r.path.name}의 {r.bad_lines[0]}번째 줄이 손상되었습니다",
                )
            )
        if r.other_database_here:
            found.problems.append(
                Problem(
                    "witness",
                    "witness",
                    f"증인 파일 {r.path.name}에는 이 위치에서 본 다른 데이터베이스"
                    f"(ID {r.other_database_here[:8]}…)만 있습니다: 데이터베이스가 바뀌었거나 "
                    "식별자가 변조되었습니다",
                )
            )
        out.extend(r.witnesses)
    return out


def _scan_proofs(snap: Snapshot, ctx: AppContext, found: _Found) -> None:
    dialect = ctx.engine.dialect.name
    for table, spec in proofs.all_specs(Base, dialect):
        order = (
            ", ".join(c.name for c in Base.metadata.tables[table].primary_key.columns)
            if table in Base.metadata.tables
            else "id"
        )
        with closing(snap.stream(proofs.select_sql(spec, table, order))) as batches:
            counted = _counting(batches, found)
            for problem in proofs.scan_rows(ctx.keys, spec, counted):
                found.problems.append(Problem("proof", problem.fingerprint, problem.message))
                break  # the first failing row of each table is named


def _counting(
    batches: Iterable[Sequence[Sequence[object]]], found: _Found
) -> Iterable[Sequence[Sequence[object]]]:
    for batch in batches:
        found.rows += len(batch)
        yield batch


def inspect_all(
    ctx: AppContext,
    ack: findings.Acknowledged,
    *,
    witness_files: Sequence[Path] = (),
    manual: Sequence[Witness] = (),
) -> tuple[VerifyResult, _Found]:
    """Everything but the ledgers, without logging: the chain, the witnesses, the protections and
    the row proofs. Problems the acknowledgements cover go to ``known``."""
    found = _Found()
    witnesses = _witnesses(ctx, witness_files, manual, found)
    with ctx.session() as s:
        retired = findings.retired_key_checks(s)
    with Snapshot(ctx.engine) as snap:
        chain = chain_in(snap, ctx.keys, ack.chain_seqs)
        for seq in chain.known:
            found.known.append(Problem("chain", f"chain:{seq}", f"{seq}번 기록의 체인 단절"))
        if not chain.ok and chain.fingerprint is not None:
            found.problems.append(Problem("chain", chain.fingerprint, chain.message))
        found.witnesses = len(witnesses)
        for wp in check_witnesses(snap, ctx.keys, witnesses, retired):
            found.problems.append(Problem("witness", "witness", wp.message, wp.witness.at))
        for hole in protections.check(snap, ctx.engine.dialect.name):
            found.problems.append(Problem("protection", hole.fingerprint, hole.message))
        _scan_proofs(snap, ctx, found)
    for p in _separated_proofs(ctx):
        found.problems.append(Problem("proof", p.fingerprint, p.message))
    _sort_known(found, ack)
    return chain, found


def _sort_known(found: _Found, ack: findings.Acknowledged) -> None:
    keep: list[Problem] = []
    for p in found.problems:
        if p.kind == "witness":
            covered = ack.witnesses_before is not None and p.at is not None and p.at <= ack.witnesses_before
        else:
            covered = ack.covers(p.fingerprint)
        (found.known if covered else keep).append(p)
    found.problems = keep


def verify_all(
    ctx: AppContext, actor: Actor, *, witness_files: Sequence[Path] = (), manual: Sequence[Witness] = ()
) -> IntegrityReport:
    """Verify everything (see the module docstring); log the check; record a finding for anything
    new. Needs AUDIT_VERIFY."""
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        ack = findings.acknowledged(u.session)
    chain, found = inspect_all(ctx, ack, witness_files=witness_files, manual=manual)
    chain = log_verification(ctx, actor, chain, "access_log")
    ledgers: tuple[tuple[str, tuple[AnchorProblem, ...]], ...] = ()
    if chain.ok:
        ledgers = tuple((name, tuple(check(ctx, actor))) for name, check in _ledger_checks())
        for name, problems in ledgers:
            for p in problems:
                fp = f"ledger:{p.table}:{p.row_id}:{p.problem}"
                (found.known if ack.covers(fp) else found.problems).append(
                    Problem("ledger", fp, f"{name}: {p.message}")
                )
    finding = _record_finding(ctx, actor, found.problems) if found.problems else None
    return IntegrityReport(
        chain, ledgers, tuple(found.problems), tuple(found.known), found.witnesses, found.rows, finding
    )


def _record_finding(ctx: AppContext, actor: Actor, problems: Sequence[Problem]) -> int | None:
    """A finding in ``integrity_events``, anchored (unless the same one is already open, or the
    log cannot take it: a damaged head locks the application by itself)."""
    covers = [p.fingerprint for p in problems]
    if lock_state(ctx).damaged:
        return None
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        if findings.is_open(u.session, covers):
            return None
        head = read_head(u.session)
        ev = findings.add_event(
            u.session,
            findings.FINDING,
            actor.login,
            int(head[0]) if head else 0,  # type: ignore[call-overload]
            [p.message for p in problems],
            covers,
        )
        anchors.anchor(u, Action.INTEGRITY, INTEGRITY_TABLE, ev.id, canonical_event(ev))
        return ev.id


def verify_integrity_events(ctx: AppContext, actor: Actor) -> list[AnchorProblem]:
    """The integrity events against their anchors (findings and acknowledgements cannot be
    planted, changed or removed unnoticed); logged."""
    with ctx.unit(actor, Permission.AUDIT_VERIFY) as u:
        rows = u.session.execute(select(IntegrityEvent).order_by(IntegrityEvent.id)).scalars()
        problems = anchors.verify_anchored(
            u.session, INTEGRITY_TABLE, ((e.id, canonical_event(e)) for e in rows)
        )
        u.log(Action.VERIFY, f"{INTEGRITY_TABLE}:*", detail=f"problems={len(problems)}")
        return problems


# -- the lock, as the screens see it ------------------------------------------------------------
@dataclass(frozen=True)
class LockState:
    """Why the application is locked (for the start screen and the login dialog), or nothing."""

    locked: bool
    message: str = ""
    since: dt.datetime | None = None
    damaged: bool = False  # the head itself does not check out (nothing can be appended)


def lock_state(ctx: AppContext) -> LockState:
    """Is work locked? A damaged head (checked as an append would) or an open finding."""
    with ctx.session() as s, s.begin():
        head = read_head(s)
        latest = ctx.witness.latest()
        problem = head_problem(s, ctx.keys, head)
        if problem is None and latest is not None and head is not None and not findings.superseded(s, latest):
            # a witness from before an acknowledged re-basing no longer binds
            problem = witness_problem(
                s,
                ctx.keys,
                int(head[0]),  # type: ignore[call-overload]
                latest,
                findings.retired_key_checks(s),
            )
        if problem is not None:
            return LockState(True, f"접속기록이 변조되었습니다: {problem}.", damaged=True)
        event = findings.newest(s)
        if event is not None and event.kind == findings.ROTATING:
            return LockState(
                True,
                f"키 교체가 진행 중입니다({clock.fmt_datetime(event.at)}). 보호책임자가 교체를 "
                "마치거나 취소할 때까지 아무도 작업할 수 없습니다.",
                event.at,
            )
        if event is not None and event.kind == findings.FINDING:
            first = event.summary.splitlines()[0] if event.summary else ""
            return LockState(
                True, f"무결성 위반이 발견되었습니다({clock.fmt_datetime(event.at)}): {first}", event.at
            )
    return LockState(False)


# -- the acknowledgement ------------------------------------------------------------------------
@dataclass(frozen=True)
class AckResult:
    event_id: int
    covered: tuple[str, ...]
    rebased_to: int | None
    resealed: int
    repaired: tuple[str, ...]

    @property
    def lines(self) -> list[str]:
        out = [
            f"확인했습니다: 위반 {len(self.covered)}건 (무결성 확인 기록 {self.event_id}번)."
            if self.covered
            else f"확인했습니다: 지금 다시 검사하면 위반이 없어 열려 있던 발견을 닫았습니다 (무결성 확인 기록 {self.event_id}번)."
        ]
        if self.rebased_to is not None:
            out.append(
                f"체인 헤드를 실제 마지막 기록({self.rebased_to}번)에 다시 맞췄습니다. 잘리거나 바뀐 기록은 "
                "그대로 남아 있고 검증 때마다 확인된 위반으로 보입니다."
            )
        if self.resealed:
            out.append(f"무결성 증명이 맞지 않던 행 {self.resealed}건을 지금 내용으로 다시 봉인했습니다.")
        if self.repaired:
            out.append(f"보호 장치를 다시 만들었습니다: {', '.join(self.repaired)}.")
        return out


def confirm_officer(ctx: AppContext, login: str, password: str, what: str = "무결성 위반 확인") -> None:
    """The account ``login`` is an active, unlocked privacy officer whose proofs hold, and
    ``password`` is its password (typed again; not a login, which a lock would refuse). A wrong
    password counts toward the lock-out as at login."""
    from privdesk.accounts.users import count_failure
    from privdesk.context import check_account

    with ctx.session() as s, s.begin():
        account = s.execute(
            select(Account).where(Account.login == login.strip().lower())
        ).scalar_one_or_none()
        if account is None or not account.active or account.locked:
            raise AuthenticationError()
        check_account(ctx.keys, account)
        if OFFICER not in account.role_codes:
            raise PermissionDeniedError("officer", f"{what}(개인정보 보호책임자)")
        phc, account_id = account.password_hash, account.id
    if not verify_password(password, phc):
        count_failure(ctx, account_id, what)
        raise AuthenticationError()


def _rebase(s: Session, ctx: AppContext) -> int | None:
    """Point the head at the last entry that is really there, signed (only for a head that
    fails its check). Returns the new head's sequence number, or None when it was fine."""
    if head_problem(s, ctx.keys, read_head(s), ctx.witness.latest()) is None:
        return None
    last = s.execute(
        select(Base.metadata.tables["access_log"].c.seq, Base.metadata.tables["access_log"].c.hash)
        .order_by(Base.metadata.tables["access_log"].c.seq.desc())
        .limit(1)
    ).first()
    if last is not None and isinstance(last[0], int) and isinstance(last[1], (bytes, memoryview)):
        seq, digest = int(last[0]), bytes(last[1])
    else:
        cp = s.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.upto_seq.desc()).limit(1)).scalar()
        seq, digest = (cp.upto_seq, cp.last_hash) if cp is not None else (0, GENESIS)
    s.execute(delete(AuditHead).where(AuditHead.id != 1))
    head = s.get(AuditHead, 1)
    signature = ctx.keys.sign(head_message(seq, digest))
    if head is None:
        s.add(AuditHead(id=1, seq=seq, hash=digest, signature=signature))
    else:
        head.seq, head.hash, head.signature = seq, digest, signature
    s.flush()
    return seq


def _reseal(s: Session, ctx: AppContext, problems: Sequence[Problem]) -> int:
    """Re-seal every row of the tables whose proofs failed (the officer accepts them as they are)."""
    tables = {p.fingerprint.split(":")[1] for p in problems if p.kind == "proof"}
    conn = s.connection()
    done = 0
    for table, spec in proofs.all_specs(Base, ctx.engine.dialect.name):
        if table in tables:
            done += proofs.reseal_all(conn, ctx.keys, spec, table)
    if tables & {"separated.patients", "separated.patient_phones"} and ctx.engine.dialect.name == "sqlite":
        from privdesk.lifecycle.store import reseal_separated

        done += reseal_separated(ctx)
    return done


def acknowledge(ctx: AppContext, actor: Actor, password: str, reason: str) -> AckResult:
    """The privacy officer acknowledges every open problem (무결성 위반 확인) with a reason."""
    from privdesk.fields import reason as clean_reason

    reason = clean_reason("reason", reason, "확인 사유", required=True, limit=500)
    if len(reason) < 4:
        raise ValidationError("reason", "확인 사유를 구체적으로 입력하십시오 (조사 내용, 조치).")
    confirm_officer(ctx, actor.login, password)
    with ctx.session() as s, s.begin():
        ack = findings.acknowledged(s)
    chain, found = inspect_all(ctx, ack)
    ledger_problems = _ledger_problems(ctx, ack) if chain.ok else []
    problems = [*found.problems, *ledger_problems]
    with ctx.session() as s, s.begin():
        broken = head_problem(s, ctx.keys, read_head(s), ctx.witness.latest()) is not None
        if not problems and not broken and findings.open_finding(s) is None:
            raise RuleViolationError("확인할 무결성 위반이 없습니다.")
        rebased = _rebase(s, ctx)
        resealed = _reseal(s, ctx, problems)
        holes = [p for p in problems if p.kind == "protection"]
        repaired: list[str] = []
        if holes and ctx.engine.dialect.name == "sqlite":
            repaired = protections.repair_sqlite(
                s.connection(), [protections.Hole(p.fingerprint.split(":", 1)[-1], "") for p in holes]
            )
        if any(p.fingerprint == "permit" for p in holes):
            s.execute(delete(AuditArchivePermit))
        covers = [p.fingerprint for p in problems]
        if rebased is not None:
            covers.append(f"head:{rebased}")
        if any(p.kind == "witness" for p in problems) or rebased is not None:
            covers.append("witness")
        head = read_head(s)
        ev = findings.add_event(
            s,
            findings.ACK,
            actor.login,
            int(head[0]) if head else 0,  # type: ignore[call-overload]
            [p.message for p in problems] or ["체인 헤드 이상"],
            covers,
            reason,
        )
        entry = PendingEntry(
            actor.login,
            Action.INTEGRITY,
            f"{INTEGRITY_TABLE}:{ev.id}",
            None,
            Outcome.OK,
            anchors.DETAIL_PREFIX + anchors.digest(canonical_event(ev)),
        )
        new_head = append_head(s, ctx.keys, ctx.workstation, [entry])
    ctx.witness.record_head(*new_head, "ack", actor.login)
    return AckResult(ev.id, tuple(sorted(set(covers))), rebased, resealed, tuple(repaired))


def _ledger_problems(ctx: AppContext, ack: findings.Acknowledged) -> list[Problem]:
    """Ledger problems, checked without logging (the officer's acknowledgement covers them)."""
    from privdesk.cctv.viewlog import verify_ledger_in as cctv_in
    from privdesk.disclosures.contracts import verify_returns_in as returns_in
    from privdesk.disclosures.ledger import verify_ledger_in as disclosures_in
    from privdesk.incidents.register import verify_ledger_in as incidents_in
    from privdesk.lifecycle.ledger import verify_ledger_in as destruction_in
    from privdesk.review.usecases import verify_ledger_in as review_in

    out: list[Problem] = []
    with ctx.session() as s, s.begin():
        rows = s.execute(select(IntegrityEvent).order_by(IntegrityEvent.id)).scalars()
        own = anchors.verify_anchored(s, INTEGRITY_TABLE, ((e.id, canonical_event(e)) for e in rows))
        for p in [
            *cctv_in(s),
            *destruction_in(s),
            *disclosures_in(s),
            *returns_in(s),
            *incidents_in(s),
            *review_in(s),
            *own,
        ]:
            fp = f"ledger:{p.table}:{p.row_id}:{p.problem}"
            if not ack.covers(fp):
                out.append(Problem("ledger", fp, p.message))
    return out
