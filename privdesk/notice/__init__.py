"""The yearly usage notice (개인정보 이용·제공 내역 통지, 법 제20조의2, 시행령 제15조의3): whether the
duty applies (the profile, and privdesk's own count of registered patients), the yearly batch
(letters as a PDF, or a CSV for a mail/SMS service) and each delivery.

Modules: :mod:`~privdesk.notice.models` (tables), the profile's (:func:`privdesk.profile.notice_rules_from`:
``[notice]``), :mod:`~privdesk.notice.usecases` (status, make, deliver, list), :mod:`~privdesk.notice.paper`
(the letters).
"""
