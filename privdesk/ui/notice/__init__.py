"""The yearly usage notice screen (이용·제공 내역 통지)."""
