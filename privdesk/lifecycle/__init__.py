"""The legal life of every record (개인정보 생애주기): retention rules, separation (분리보관) and
destruction (파기), PIPA 제21조 and 시행령 제16조.

Modules (import them directly; this package stays light so the store can load the models):

- :mod:`~privdesk.lifecycle.models` — files and rules, legal holds, plans, the destruction ledger
- :mod:`~privdesk.lifecycle.files` — personal-information files and retention rules as data; stages
- :mod:`~privdesk.lifecycle.store` — the physically separate store (second SQLite file / PG schema)
- :mod:`~privdesk.lifecycle.separation` — ``retention run``: separate what is due, list what is due
- :mod:`~privdesk.lifecycle.destruction` — plans, exclusions, approval, execution, unrecoverability
- :mod:`~privdesk.lifecycle.ledger` — the 개인정보파일 파기 관리대장 (append-only, anchored)
- :mod:`~privdesk.lifecycle.holds` — legal holds by chart number, released with a logged reason
"""
