"""Alembic environment: runs on the connection handed over by ``server.db.migrate``
(or, from the ``alembic`` command line, on ``XIAONENG_SERVER_DB``)."""

from alembic import context
from sqlalchemy import Connection

from server.models import Base

config = context.config
connection = config.attributes.get("connection")


def _run(conn: Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=conn.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    from server.config import Settings
    from server.db import make_engine

    engine = make_engine(Settings.from_env().database_url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
