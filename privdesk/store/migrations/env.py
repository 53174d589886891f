"""Alembic environment: privdesk always passes an open connection (see privdesk.store.migrate)."""

from alembic import context

from privdesk.schema import metadata  # every domain's tables, not only the store's

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through 'privdesk init' or privdesk.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
