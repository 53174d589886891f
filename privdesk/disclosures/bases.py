"""Legal bases of a third-party disclosure or a use beyond the purpose (제3자 제공·목적 외 이용의
법적 근거) as data.

The policy's ▣개인정보의 제3자 제공 list, checked against law.md §1: which grounds a private
hospital may use (법 제17조①, 제18조② 1·2·3·10, and 가명정보 for statistics, scientific research
and public-interest archiving, 법 제28조의2) and which are for public bodies only (법 제18조② 5–9:
refused, with a Korean message pointing to '다른 법률의 특별한 규정').

The policy's old statistics item rested on 법 제18조②4 ("통계작성 및 학술연구 등의 목적을 위하여
필요한 경우로서 특정 개인을 알아볼 수 없는 형태로"), deleted by the 2020 amendment (법률 제16930호,
2020. 2. 4. 공포, 2020. 8. 5. 시행) that moved statistics and research to 가명정보 (법 제28조의2–
제28조의7). ``statistics`` stays in the list only so that entries recorded on it still display,
labelled as the old ground (:attr:`LegalBasis.retired`); a new entry on it is refused with a pointer
to ``pseudonymised``. The disclosure ledger (:mod:`privdesk.disclosures.ledger`) re-exports
:data:`LEGAL_BASES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from privdesk.errors import ValidationError

FORMS: tuple[str, ...] = (
    "사본(종이)",
    "전자파일",
    "열람",
    "전산 연계",
    "전산 조회",
    "우편",
    "팩스",
    "구두 회신",
)
DEFAULT_RESTRICTIONS = (
    "제공 목적 외 이용 및 제3자 제공 금지, 목적 달성 후 지체 없이 파기, "
    "개인정보의 안전성 확보조치 요청 (개인정보 보호법 제18조제5항)"
)


@dataclass(frozen=True)
class LegalBasis:
    """One ground for providing personal data to a third party."""

    code: str
    label: str  # short Korean label (screens, the ledger)
    basis: str  # the provision(s) of the Act
    applies_to_private: bool  # False: public bodies only (법 제18조②5–9)
    detail_required: bool = False
    detail_hint: str = ""  # what the detail should say (the entry form's placeholder)
    public_article: str = ""  # "제18조제2항제7호" for the public-only grounds
    retired: str = ""  # non-empty: a repealed ground, kept to display old entries; the refusal

    @property
    def text(self) -> str:
        return f"{self.label} ({self.basis})"


LEGAL_BASES: tuple[LegalBasis, ...] = (
    LegalBasis(
        "consent",
        "정보주체의 별도 동의",
        "개인정보 보호법 제17조제1항제1호, 제18조제2항제1호",
        True,
        detail_hint="동의서 번호·동의일 (예: 제3자 제공 동의서 2026-11-02)",
    ),
    LegalBasis(
        "law",
        "다른 법률의 특별한 규정",
        "개인정보 보호법 제17조제1항제2호, 제18조제2항제2호",
        True,
        detail_required=True,
        detail_hint="법률 이름과 조항 (예: 형사소송법 제215조 압수·수색영장, 의료법 제21조제3항)",
    ),
    LegalBasis(
        "urgent",
        "급박한 생명·신체·재산의 이익",
        "개인정보 보호법 제18조제2항제3호",
        True,
        detail_required=True,
        detail_hint="누구의 어떤 급박한 이익을 위해, 왜 동의를 받을 수 없었는지",
    ),
    LegalBasis(
        "pseudonymised",
        "가명정보 처리 (통계작성·과학적 연구·공익적 기록보존)",
        "개인정보 보호법 제28조의2, 제28조의4",
        True,
        detail_required=True,
        detail_hint="통계·연구 과제명 또는 기록보존 목적 (예: 외래 내원 양상 연구)",
    ),
    LegalBasis(
        "statistics",
        "(구) 통계작성·학술연구 — 2020. 8. 5. 삭제된 근거",
        "구 개인정보 보호법 제18조제2항제4호 (2020. 2. 4. 개정으로 삭제)",
        True,
        retired=(
            "통계작성·학술연구 목적의 제공 근거였던 구 개인정보 보호법 제18조제2항제4호는 2020. 8. 5. "
            "삭제되었습니다. 가명처리한 뒤 '가명정보 처리 (통계작성·과학적 연구·공익적 기록보존)' "
            "근거로 기록하고 가명처리 기록을 함께 남기십시오 (개인정보 보호법 제28조의2, 제28조의4)."
        ),
    ),
    LegalBasis(
        "public_health",
        "공중위생 등 공공의 안전을 위한 긴급한 필요",
        "개인정보 보호법 제18조제2항제10호",
        True,
        detail_required=True,
        detail_hint="긴급한 필요의 내용과 요청 기관",
    ),
    LegalBasis(
        "pipc",
        "보호위원회 심의·의결 (소관 업무 수행)",
        "개인정보 보호법 제18조제2항제5호",
        False,
        public_article="제18조제2항제5호",
    ),
    LegalBasis(
        "treaty",
        "조약·국제협정의 이행",
        "개인정보 보호법 제18조제2항제6호",
        False,
        public_article="제18조제2항제6호",
    ),
    LegalBasis(
        "investigation",
        "범죄의 수사와 공소의 제기·유지",
        "개인정보 보호법 제18조제2항제7호",
        False,
        public_article="제18조제2항제7호",
    ),
    LegalBasis(
        "trial",
        "법원의 재판업무 수행",
        "개인정보 보호법 제18조제2항제8호",
        False,
        public_article="제18조제2항제8호",
    ),
    LegalBasis(
        "sentence",
        "형 및 감호·보호처분의 집행",
        "개인정보 보호법 제18조제2항제9호",
        False,
        public_article="제18조제2항제9호",
    ),
)
BASES: dict[str, LegalBasis] = {b.code: b for b in LEGAL_BASES}
CONSENT, LAW, URGENT, STATISTICS, PUBLIC_HEALTH = "consent", "law", "urgent", "statistics", "public_health"
PSEUDONYMISED = "pseudonymised"
# 가명정보의 처리 목적 (법 제28조의2①)
PSEUDONYM_PURPOSES: dict[str, str] = {
    "statistics": "통계작성",
    "research": "과학적 연구",
    "archiving": "공익적 기록보존",
}
SUSPENSION_EXEMPT = frozenset({LAW, URGENT})  # 처리정지 does not stop these (법 제37조②1·2)


def legal_basis(code: str) -> LegalBasis:
    try:
        return BASES[code]
    except KeyError:
        raise ValidationError("legal_basis", "법적 근거를 목록에서 고르십시오.") from None


def private_bases() -> list[LegalBasis]:
    """The grounds a private hospital may use now (the entry form offers these first); a repealed
    ground (:attr:`LegalBasis.retired`) is not among them."""
    return [b for b in LEGAL_BASES if b.applies_to_private and not b.retired]


def public_only_refusal(b: LegalBasis) -> str:
    return (
        f"'{b.label}'(개인정보 보호법 {b.public_article})는 공공기관에만 적용되는 제공 사유입니다. "
        "민간 병원은 '다른 법률의 특별한 규정'(예: 형사소송법 제215조에 따른 압수·수색영장, "
        "의료법 제21조제3항 각 호)을 근거로 기록하십시오."
    )
