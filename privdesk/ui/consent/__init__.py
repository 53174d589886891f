"""The consent texts screen (동의서 문안) and the contact list."""
