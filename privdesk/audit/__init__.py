"""The tamper-evident access log (접속기록)."""
