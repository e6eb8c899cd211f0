"""Reliability: runs a killed process left behind, and an index on every foreign key.

- load_runs.status may be 'interrupted': a run whose process died (killed, or its connection to
  the server lost) before it could finish; the next run marks it so.
- Indexes on quotes.speaker_affiliation_id and quotes.medium_organisation_id, the two foreign-key
  columns without one (removing an organisation scanned the whole quotes table).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS_COMMENT = ("running, succeeded, failed (nothing loaded), partial (some inputs failed) or "
                  "interrupted (the process died before the run finished).")
OLD_STATUS_COMMENT = "running, succeeded, failed (nothing loaded) or partial (some inputs failed)."


def upgrade() -> None:
    op.drop_constraint(op.f("ck_load_runs_status"), "load_runs", type_="check")
    op.create_check_constraint(
        op.f("ck_load_runs_status"), "load_runs",
        "status IN ('running', 'succeeded', 'failed', 'partial', 'interrupted')")
    op.alter_column("load_runs", "status", comment=STATUS_COMMENT,
                    existing_comment=OLD_STATUS_COMMENT)
    op.create_index("ix_quotes_speaker_affiliation_id", "quotes", ["speaker_affiliation_id"])
    op.create_index("ix_quotes_medium_organisation_id", "quotes", ["medium_organisation_id"])


def downgrade() -> None:
    op.drop_index("ix_quotes_medium_organisation_id", table_name="quotes")
    op.drop_index("ix_quotes_speaker_affiliation_id", table_name="quotes")
    op.execute("UPDATE load_runs SET status = 'failed' WHERE status = 'interrupted'")
    op.drop_constraint(op.f("ck_load_runs_status"), "load_runs", type_="check")
    op.create_check_constraint(
        op.f("ck_load_runs_status"), "load_runs", "status IN ('running', 'succeeded', 'failed', 'partial')")
    op.alter_column("load_runs", "status", comment=OLD_STATUS_COMMENT,
                    existing_comment=STATUS_COMMENT)
