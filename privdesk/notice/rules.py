"""The profile's ``[notice]`` section (이용·제공 내역 통지, 법 제20조의2), as typed data.

Read from the stored profile's raw data (every key optional, unknown keys refused)::

    [notice]
    applies = "auto"      # "auto": by privdesk's own count; true / false: the officer's decision
    threshold = 50000     # 민감정보·고유식별정보를 처리하는 정보주체 수 (시행령 제15조의3①)
    remind_from = "11-01" # the start screen reminds from this day (MM-DD) until the year's batch is made
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from privdesk.errors import ConfigError

KEYS = frozenset({"applies", "threshold", "remind_from"})
AUTO = "auto"


@dataclass(frozen=True)
class NoticeRules:
    applies: bool | None = None  # None: by count ("auto")
    threshold: int = 50_000
    remind_month: int = 11
    remind_day: int = 1

    def remind_on(self, year: int) -> dt.date:
        return dt.date(year, self.remind_month, self.remind_day)


def notice_rules_from(raw: dict[str, Any], source: str = "profile") -> NoticeRules:
    """``[notice]`` of the profile's raw data (defaults when the section is missing)."""
    data = raw.get("notice")
    if data is None:
        return NoticeRules()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [notice] 항목이 표 형식이 아닙니다.")
    unknown = set(data) - KEYS
    if unknown:
        raise ConfigError(f"{source}: [notice]에 알 수 없는 항목이 있습니다: {sorted(unknown)[0]}")
    applies = data.get("applies", AUTO)
    if applies != AUTO and not isinstance(applies, bool):
        raise ConfigError(f'{source}: notice.applies는 "auto", true 또는 false여야 합니다.')
    threshold = data.get("threshold", 50_000)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ConfigError(f"{source}: notice.threshold는 1 이상의 정수여야 합니다.")
    text = str(data.get("remind_from", "11-01"))
    try:
        month, day = (int(x) for x in text.split("-"))
        dt.date(2025, month, day)  # a year with no 29 February: 02-29 is refused
    except ValueError:
        raise ConfigError(f"{source}: notice.remind_from은 'MM-DD' 형식이어야 합니다: {text!r}") from None
    return NoticeRules(None if applies == AUTO else bool(applies), threshold, month, day)
