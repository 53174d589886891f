"""The whole integrity check (무결성 검증): the access-log chain and every ledger anchored in it.

The access log verifies itself (:mod:`privdesk.audit.verify`); ledgers such as the CCTV 관리대장
are append-only tables whose rows are anchored in that chain (:mod:`privdesk.audit.anchors`).
This module sits above both, so the audit package never imports the modules that use it. The CLI
(``privdesk audit verify``) and the GUI's verify button both call :func:`verify_all`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from privdesk.audit.anchors import AnchorProblem
from privdesk.audit.verify import VerifyResult, verify_chain
from privdesk.context import Actor, AppContext

LedgerCheck = Callable[[AppContext, Actor], list[AnchorProblem]]


def _ledger_checks() -> Sequence[tuple[str, LedgerCheck]]:
    from privdesk.cctv.viewlog import verify_ledger
    from privdesk.disclosures.ledger import verify_ledger as verify_disclosure_ledger
    from privdesk.lifecycle.ledger import verify_ledger as verify_destruction_ledger

    return (("개인영상정보 관리대장", verify_ledger), ("개인정보파일 파기 관리대장", verify_destruction_ledger),
            ("개인정보 제3자 제공 대장", verify_disclosure_ledger))


@dataclass(frozen=True)
class IntegrityReport:
    chain: VerifyResult
    ledgers: tuple[tuple[str, tuple[AnchorProblem, ...]], ...]

    @property
    def ok(self) -> bool:
        return self.chain.ok and all(not problems for _, problems in self.ledgers)

    @property
    def messages(self) -> list[str]:
        """Korean sentences: the chain's result, then each ledger's problems (or that it is intact)."""
        out = [self.chain.message]
        for name, problems in self.ledgers:
            if problems:
                out.extend(f"{name}: {p.message}" for p in problems)
            else:
                out.append(f"{name}: 위·변조가 없습니다.")
        return out


def verify_all(ctx: AppContext, actor: Actor) -> IntegrityReport:
    """Verify the chain; when it holds, verify the ledgers anchored in it (each check is logged)."""
    chain = verify_chain(ctx, actor)
    if not chain.ok:
        return IntegrityReport(chain, ())
    return IntegrityReport(chain, tuple((name, tuple(check(ctx, actor))) for name, check in _ledger_checks()))
