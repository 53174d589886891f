"""The privacy policy screen (개인정보 처리방침)."""
