"""Staff training (개인정보 보호 교육, 법 제28조①, 안전성 확보조치 기준): sessions, attendance per
account, who is overdue, the optional gate on unmasking and exporting, the yearly training report.

Modules: :mod:`~privdesk.training.models` (tables), the profile's (:func:`privdesk.profile.training_rules_from`:
``[training]``), :mod:`~privdesk.training.usecases` (the use cases), :mod:`~privdesk.training.api`
(what other domains call inside their own unit: :func:`~privdesk.training.api.ensure_trained`),
:mod:`~privdesk.training.paper` and :mod:`~privdesk.training.printing` (the yearly report).
"""
