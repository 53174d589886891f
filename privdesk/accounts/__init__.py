"""Accounts (계정), roles (역할), passwords and login."""
