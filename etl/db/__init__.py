"""The database: where newsetl's PostgreSQL is and what it holds.

`config` resolves the URL (option, `DATABASE_URL`, else the embedded server), `embedded` runs that
server, `schema` holds the models the migrations create, `migrate` drives Alembic, `docs`
generates the data dictionary and diagram, `stats` summarises the tables for `newsetl stats`.
"""
