"""The screens of one domain (privdesk/ui by domain)."""
