"""The staff training screen (개인정보 보호 교육)."""
