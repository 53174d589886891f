"""The purposes that need the patient's consent (선택 동의 항목), from the hospital profile.

Profile key (optional; TOML)::

    [[consent.purposes]]
    code = "contact"                      # 영문 코드 (CLI, CSV)
    name = "안내·홍보 연락"                 # 화면·오류에 쓰는 이름
    uses = ["contact", "internal_use"]    # 이 동의로 할 수 있는 이용

    [[consent.purposes]]
    code = "provision"
    name = "제3자 제공"
    uses = ["provision"]

The default (:data:`DEFAULT_PURPOSES`, used when the profile has no ``[consent]``) is exactly these
two: **안내·홍보 연락** — the policy's 선택 item (마케팅 등 광고에 활용: 이벤트 등 광고성 정보 전달),
which the consent-use export (안내 문자·연락 명단) and a use beyond the purpose inside the hospital on
the basis of consent (목적 외 이용, 동의) need; and **제3자 제공** — a provision to a third party on the
basis of consent (법 제17조①1, 제18조②1), which the disclosure ledger needs.

``uses`` names what a purpose's consent allows: ``contact`` (the consent-use export), ``provision``
(a disclosure to a third party on consent), ``internal_use`` (a use beyond the purpose on consent).
Where a use has no purpose named by the caller, the first purpose listing that use applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from privdesk.errors import ConfigError, ValidationError
from privdesk.korean import josa

USE_CONTACT: Final = "contact"
USE_PROVISION: Final = "provision"
USE_INTERNAL: Final = "internal_use"
USES: Final = {USE_CONTACT: "안내·홍보 연락", USE_PROVISION: "제3자 제공", USE_INTERNAL: "목적 외 이용"}


@dataclass(frozen=True)
class Purpose:
    code: str
    name: str
    uses: tuple[str, ...]


DEFAULT_PURPOSES: Final = (
    Purpose("contact", "안내·홍보 연락", (USE_CONTACT, USE_INTERNAL)),
    Purpose("provision", "제3자 제공", (USE_PROVISION,)),
)


def purposes_from(raw: Mapping[str, Any]) -> tuple[Purpose, ...]:
    """The purposes of a profile's raw data (``profile.raw``); the default when it names none."""
    section = raw.get("consent")
    if section is None:
        return DEFAULT_PURPOSES
    items = section.get("purposes") if isinstance(section, dict) else None
    if not isinstance(items, list) or not items:
        raise ConfigError(
            "병원 프로필: [consent] purposes는 동의 목적(code, name, uses)의 목록이어야 합니다."
        )
    out: list[Purpose] = []
    for item in items:
        if not isinstance(item, dict):
            raise ConfigError(
                "병원 프로필: consent.purposes의 각 항목은 code, name, uses를 가진 표여야 합니다."
            )
        code = str(item.get("code", "")).strip()
        name = str(item.get("name", "")).strip()
        uses = item.get("uses", [USE_CONTACT])
        if not code.isascii() or not code.replace("_", "").isalnum() or len(code) > 32:
            raise ConfigError(f"병원 프로필: 동의 목적 코드는 32자 이내의 영문·숫자여야 합니다: {code!r}")
        if not name:
            raise ConfigError(f"병원 프로필: 동의 목적 '{code}'의 이름(name)이 없습니다.")
        if not isinstance(uses, list) or any(u not in USES for u in uses):
            raise ConfigError(
                f"병원 프로필: 동의 목적 '{code}'의 uses는 {', '.join(USES)} 중에서 고르십시오."
            )
        if any(p.code == code for p in out):
            raise ConfigError(f"병원 프로필: 동의 목적 코드 '{code}'가 두 번 있습니다.")
        out.append(Purpose(code, name, tuple(str(u) for u in uses)))
    return tuple(out)


def find(purposes: tuple[Purpose, ...], code: str) -> Purpose:
    """The purpose with ``code`` (or with that Korean name); a ValidationError lists the choices."""
    wanted = (code or "").strip()
    for p in purposes:
        if wanted in (p.code, p.name):
            return p
    raise ValidationError(
        "purpose",
        f"알 수 없는 동의 목적입니다: {wanted or '(없음)'}. 다음 중에서 고르십시오: "
        + ", ".join(f"{p.code}({p.name})" for p in purposes),
    )


def for_use(purposes: tuple[Purpose, ...], use: str, code: str | None = None) -> Purpose:
    """The purpose whose consent a use needs: ``code`` when given (it must allow the use), else the
    first purpose that lists the use."""
    if code:
        p = find(purposes, code)
        if use not in p.uses:
            raise ValidationError(
                "purpose",
                f"'{p.name}' 동의로는 {josa(USES.get(use, use), '을/를')} 할 수 없습니다. 다른 동의 목적을 고르십시오.",
            )
        return p
    for p in purposes:
        if use in p.uses:
            return p
    raise ValidationError(
        "purpose",
        f"병원 프로필에 {USES.get(use, use)}에 쓰는 동의 목적이 없습니다. [consent] purposes에 추가하십시오.",
    )
