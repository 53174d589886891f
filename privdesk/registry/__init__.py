"""The patient intake registry (환자 진료 접수 및 관리): the policy's file ``patient``.

Modules (import them directly; this package stays light so the store can load the models):

- :mod:`~privdesk.registry.models` — ``patients``, ``patient_phones``, ``intakes``
- :mod:`~privdesk.registry.validation` — form input, resident and phone numbers, Korean messages
- :mod:`~privdesk.registry.hangul` — 초성 (initial consonants) for search
- :mod:`~privdesk.registry.patients` — create, update, view, unmask, intakes, processing hold
- :mod:`~privdesk.registry.search` — one search box, classified queries, keyset pages
- :mod:`~privdesk.registry.importer` / :mod:`~privdesk.registry.export` — CSV in and out
- :mod:`~privdesk.registry.sample` — realistic sample patients (no Faker)
"""
