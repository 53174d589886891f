"""The profile's ``[training]`` section (개인정보 보호 교육), as typed data.

Read from the stored profile's raw data (every key optional, unknown keys refused), so the profile
module needs no change for a domain of its own::

    [training]
    interval_months = 12   # an account is overdue this many months after its last training
    gate = false           # refuse unmasking and exporting to an account overdue by more than …
    gate_days = 30         # … this many days (only when gate = true)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from privdesk.errors import ConfigError

KEYS = frozenset({"interval_months", "gate", "gate_days"})


@dataclass(frozen=True)
class TrainingRules:
    interval_months: int = 12
    gate: bool = False
    gate_days: int = 30


def training_rules_from(raw: dict[str, Any], source: str = "profile") -> TrainingRules:
    """``[training]`` of the profile's raw data (defaults when the section is missing)."""
    data = raw.get("training")
    if data is None:
        return TrainingRules()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [training] 항목이 표 형식이 아닙니다.")
    unknown = set(data) - KEYS
    if unknown:
        raise ConfigError(f"{source}: [training]에 알 수 없는 항목이 있습니다: {sorted(unknown)[0]}")
    interval = data.get("interval_months", 12)
    if isinstance(interval, bool) or not isinstance(interval, int) or not 1 <= interval <= 60:
        raise ConfigError(f"{source}: training.interval_months는 1에서 60 사이의 개월 수여야 합니다.")
    gate = data.get("gate", False)
    if not isinstance(gate, bool):
        raise ConfigError(f"{source}: training.gate는 true 또는 false여야 합니다.")
    days = data.get("gate_days", 30)
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 365:
        raise ConfigError(f"{source}: training.gate_days는 0에서 365 사이의 일수여야 합니다.")
    return TrainingRules(interval, gate, days)
