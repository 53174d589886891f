"""The whole database schema: the store's own tables (accounts, the access log, counters —
:mod:`privdesk.store.models`) and every domain's tables, each domain declaring its models on the
one shared ``Base``.

The store is a leaf: it imports no domain. This module, above the domains, collects them, so that
``Base.metadata`` is complete wherever it matters — the migrations' environment, the application
context (every use case runs through it), the tests that compare the models with the migrated
database. A new domain with tables adds one line here.
"""

from __future__ import annotations

from privdesk.backup import models as backup_models
from privdesk.cctv import models as cctv_models
from privdesk.complaints import models as complaint_models
from privdesk.consent import models as consent_models
from privdesk.disclosures import models as disclosure_models
from privdesk.incidents import models as incident_models
from privdesk.lifecycle import models as lifecycle_models
from privdesk.notice import models as notice_models
from privdesk.policy import models as policy_models
from privdesk.registry import models as registry_models
from privdesk.review import model as review_models
from privdesk.rights import models as rights_models
from privdesk.store.models import Base
from privdesk.training import models as training_models

DOMAIN_MODELS = (
    backup_models,
    cctv_models,
    complaint_models,
    consent_models,
    disclosure_models,
    incident_models,
    lifecycle_models,
    notice_models,
    policy_models,
    registry_models,
    review_models,
    rights_models,
    training_models,
)
metadata = Base.metadata

__all__ = ["DOMAIN_MODELS", "Base", "metadata"]
