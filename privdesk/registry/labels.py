"""The patient fields' names as people read them (환자 항목 이름): one source for the form, the
import wizard (its column mapping), the import's reject reasons and the validation messages.

The UI translates these through its own markers (``ui/registry/form.py`` ``LABELS``, which a test
keeps equal to this table); the core writes them in Korean into messages and reject files.
"""

from __future__ import annotations

from typing import Final

FIELD_LABELS: Final = {
    "chart_no": "차트번호",
    "name": "이름",
    "rrn": "주민등록번호",
    "address": "주소",
    "phone": "연락처",
    "phone2": "연락처 2",
    "phone3": "연락처 3",
    "first_visit": "최초 내원일",
    "last_visit": "최종 내원일",
}
