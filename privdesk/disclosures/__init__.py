"""제3자 제공 (third-party disclosures) and 처리 위탁 (processors)."""
