"""What other domains use of registry (issue 17: a domain is imported from outside only through
its api; anything else in privdesk.registry is its own business). Re-exports only."""

from __future__ import annotations

from privdesk.registry import records
from privdesk.registry.export import export_patients, export_reason
from privdesk.registry.importer import detect_encoding, normalise_header, read_header
from privdesk.registry.models import (
    PATIENT_PROOF,
    PATIENT_PROOF_COLUMNS,
    PHONE_PROOF,
    PHONE_PROOF_COLUMNS,
    STATUS_ACTIVE,
    STATUS_DESTROYED,
    STATUS_SEPARATED,
    Intake,
    Patient,
    PatientPhone,
    SubjectFlag,
    patient_ref,
)
from privdesk.registry.patients import (
    FIELD_LABELS,
    PatientDetail,
    apply_update,
    ensure_not_held,
    masked_value,
    place_hold,
    release_hold,
    retention_years,
)
from privdesk.registry.source import ImportFileError, Problem, sniff
from privdesk.registry.source import records as source_records
from privdesk.registry.validation import (
    PatientInput,
    address_district,
    mask_phone,
    normalise_phone,
    require_valid,
)

__all__ = [
    "FIELD_LABELS",
    "PATIENT_PROOF",
    "PATIENT_PROOF_COLUMNS",
    "PHONE_PROOF",
    "PHONE_PROOF_COLUMNS",
    "STATUS_ACTIVE",
    "STATUS_DESTROYED",
    "STATUS_SEPARATED",
    "ImportFileError",
    "Intake",
    "Patient",
    "PatientDetail",
    "PatientInput",
    "PatientPhone",
    "Problem",
    "SubjectFlag",
    "address_district",
    "apply_update",
    "detect_encoding",
    "ensure_not_held",
    "export_patients",
    "export_reason",
    "mask_phone",
    "masked_value",
    "normalise_header",
    "normalise_phone",
    "patient_ref",
    "place_hold",
    "read_header",
    "records",
    "release_hold",
    "require_valid",
    "retention_years",
    "sniff",
    "source_records",
]
