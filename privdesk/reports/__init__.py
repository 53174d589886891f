"""Printed records (출력 기록): one page template (:mod:`privdesk.reports.template`) and one module per
record, each turning plain data into pages. No use case lives here and no domain is imported: the
printing use cases (numbering, witnessing, the access-log entry) are :mod:`privdesk.printing`, called
by each domain's printing module.
"""
