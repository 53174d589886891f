"""Consent records (동의): versioned consent texts and each patient's consents and withdrawals."""
