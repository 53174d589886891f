"""The breach register (유출 등 사고 대장, 개인정보 보호법 제34조): incidents, who is affected, the 72-hour
clock and its duties, the notices and the closing.

Modules (import them directly; this package stays light so the store can load the models):

- :mod:`~privdesk.incidents.models`: the tables;
- :mod:`~privdesk.incidents.rules`: the clock and the duties decided from the facts (no database);
- :mod:`~privdesk.incidents.register`: opening, editing, listing, closing, the history;
- :mod:`~privdesk.incidents.affected`: who is affected, drawn from the data;
- :mod:`~privdesk.incidents.notices`: notices marked sent, the CSV for an SMS/mail service, the
  homepage notice text;
- :mod:`~privdesk.incidents.printing`: the letters, the 신고서, the incident record and the register
  as PDFs.
"""
