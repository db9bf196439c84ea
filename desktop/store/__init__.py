"""The laptop's store: SQLAlchemy models and Alembic migrations on SQLite (WAL),
the audit trail and the sync outbox."""
