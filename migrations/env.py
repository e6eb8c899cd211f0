"""Alembic environment: the URL comes from the same place as for the newsetl command."""
from __future__ import annotations

import logging.config

from alembic import context
from sqlalchemy import create_engine, pool, text

from etl.db.config import resolve_url, sqlalchemy_url
from etl.db.schema import metadata

config = context.config
if config.config_file_name and config.attributes.get("configure_logger", True):
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)

# Two migrators never race: the second waits for the first, then finds nothing to do.
MIGRATION_LOCK = 7_265_120_001


def _url() -> str:
    return sqlalchemy_url(config.attributes.get("database_url") or resolve_url())


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        connection.execute(text("SET lock_timeout = '60s'"))
        connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
        connection.commit()
        try:
            context.configure(connection=connection, target_metadata=metadata,
                              compare_type=True, transaction_per_migration=False)
            with context.begin_transaction():
                context.run_migrations()
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
            connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
