"""The complaints desk (개인정보 침해 신고·상담): complaints and inquiries about the hospital's handling
of personal data, received by phone, in person, by mail or on the homepage, each answered within
``profile.complaint_days`` (10) days.

Modules (import them directly; this package stays light so the store can load the models):

- :mod:`~privdesk.complaints.models`: the table;
- :mod:`~privdesk.complaints.desk`: receiving, listing, answering and closing, the contact look, and
  opening a data-subject request or an incident from a complaint.
"""
