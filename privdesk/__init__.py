"""privdesk: a Korean hospital's privacy obligations (개인정보 보호) as working software."""

__version__ = "0.1.0"
