"""The one form of a reason in the access log (``…; 사유=…``) and its checks."""

from __future__ import annotations

import pytest

from privdesk.audit.reasons import reason_of, require, with_reason
from privdesk.errors import ValidationError


def test_reason_is_appended_and_read_back_in_both_forms() -> None:
    assert with_reason("AL-2026-0001; 3쪽", "월례 점검") == "AL-2026-0001; 3쪽; 사유=월례 점검"
    assert with_reason(None, "점검") == "사유=점검"
    assert reason_of("AL-2026-0001; 3쪽; 사유=월례 점검") == "월례 점검"
    assert reason_of("csv; reason=감사 대응") == "감사 대응"  # entries written before the one form
    assert reason_of("열람 답변; request=3; reason=본인 요청") == "본인 요청"
    assert reason_of("사유=a; b") == "a; b"
    assert reason_of("results=3") is None
    assert reason_of(None) is None
    assert reason_of("사유=  ") is None


@pytest.mark.parametrize("bad", ["", "   ", None, "고객 010-1234-5678 요청", "x" * 201])
def test_reason_refused_when_empty_too_long_or_personal(bad: str | None) -> None:
    with pytest.raises(ValidationError):
        require(bad)


def test_reason_stripped() -> None:
    assert require("  점검  ") == "점검"
