"""Persistence: models, the engine factory and migrations."""
