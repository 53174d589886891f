"""CCTV (영상정보처리기기 운영·관리): cameras, footage retention and evidence holds (보존 연장),
viewing requests (개인영상정보 열람·존재확인·삭제 청구) on the 10-day clock, third-party provision
(제3자 제공) and the 개인영상정보 관리대장.

Modules: :mod:`~privdesk.cctv.cameras`, :mod:`~privdesk.cctv.retention`,
:mod:`~privdesk.cctv.requests`, :mod:`~privdesk.cctv.decisions`, :mod:`~privdesk.cctv.viewlog`,
:mod:`~privdesk.cctv.printing`. Kept free of imports here: :mod:`privdesk.store.models` imports
:mod:`privdesk.cctv.models` while it is itself being imported.
"""
