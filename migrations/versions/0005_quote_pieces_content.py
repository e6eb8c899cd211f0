"""Quotes as analysts read them: verbatim words, attributed content, kind 'mixed', pieces.

- quotes.content, content_start_offset, content_end_offset: the attributed content (for a mixed
  quote the reported clause with its frame, `that “…”`), beside quotes.text, which from
  extractor version 2026.12.1 on holds only the verbatim words inside the marks.
- quotes.kind may be 'mixed' (a quoted fragment inside the reporter's sentence).
- quote_pieces: one row per piece of a quote's verbatim words, with offsets into articles.body.

Existing rows are filled in SQL from what they hold: their text was the attributed content, so
it becomes `content` too; partial direct quotes become 'mixed'; a quote whose text is exactly its
span of the body gets that span as its one piece. The verbatim words of older rows (and the
pieces of quotes joined from several) come from re-extraction: `newsetl reprocess` re-runs the
extraction over every article an older extractor version made, which after this change is all
of them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT_COMMENT = ("The quoted words, verbatim: the text inside the quotation marks, its pieces "
                "joined with ' … ' (quote_pieces has each piece); for indirect speech, the "
                "reported clause.")
KIND_COMMENT = ("direct (whole sentences in quotation marks), mixed (a quoted fragment inside the "
                "reporter's sentence) or indirect (reported speech, no marks).")
OLD_TEXT_COMMENT = "The quoted words."
OLD_KIND_COMMENT = "direct (in quotation marks) or indirect (reported speech)."
VIEW_QUOTE_COMMENT = ("The quoted words, verbatim (inside the quotation marks, pieces joined "
                      "with ' … '); for indirect speech, the reported clause.")


def _sql(s: str) -> str:
    return s.replace("'", "''")


def _comments(text: str, kind: str, view_quote: str, view_kind: str) -> None:
    op.execute(f"COMMENT ON COLUMN quotes.text IS '{_sql(text)}'")
    op.execute(f"COMMENT ON COLUMN quotes.kind IS '{_sql(kind)}'")
    op.execute(f"COMMENT ON COLUMN quotes_with_speakers.quote IS '{_sql(view_quote)}'")
    op.execute(f"COMMENT ON COLUMN quotes_with_speakers.kind IS '{_sql(view_kind)}'")


def upgrade() -> None:
    op.add_column('quotes', sa.Column('content', sa.Text(), nullable=True, comment=(
        "The attributed content (what the source is said to have said): for a mixed quote the "
        "reported clause with its frame ('that “…”'), for a direct quote the quoted pieces with "
        "their marks, pieces joined with ' … '.")))
    op.add_column('quotes', sa.Column('content_start_offset', sa.Integer(), nullable=True,
                                      comment='Start of the attributed content in articles.body.'))
    op.add_column('quotes', sa.Column(
        'content_end_offset', sa.Integer(), nullable=True,
        comment='End (exclusive) of the attributed content in articles.body.'))
    op.execute("UPDATE quotes SET content = text, content_start_offset = start_offset, "
               "content_end_offset = end_offset")
    for col in ('content', 'content_start_offset', 'content_end_offset'):
        op.alter_column('quotes', col, nullable=False)
    op.drop_constraint(op.f('ck_quotes_kind'), 'quotes', type_='check')
    op.create_check_constraint(op.f('ck_quotes_kind'), 'quotes',
                               "kind IN ('direct', 'mixed', 'indirect')")
    op.execute("UPDATE quotes SET kind = 'mixed' WHERE kind = 'direct' AND is_partial")
    op.alter_column('quotes', 'start_offset', comment=(
        'Start of the first piece of the quoted words in articles.body.'),
        existing_comment='Start of the quote in articles.body.', existing_type=sa.Integer(),
        existing_nullable=False)
    op.alter_column('quotes', 'end_offset', comment='End (exclusive) of the last piece in articles.body.',
                    existing_comment='End (exclusive) in articles.body.', existing_type=sa.Integer(),
                    existing_nullable=False)
    op.create_table(
        'quote_pieces',
        sa.Column('quote_id', sa.BigInteger(), nullable=False, comment='The quote (quotes.id).'),
        sa.Column('position', sa.Integer(), nullable=False,
                  comment='Order of the piece within the quote, from 1.'),
        sa.Column('start_offset', sa.Integer(), nullable=False,
                  comment="Start of the piece's words (inside the marks) in articles.body."),
        sa.Column('end_offset', sa.Integer(), nullable=False,
                  comment='End (exclusive) of the piece in articles.body.'),
        sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], ondelete='CASCADE',
                                name=op.f('fk_quote_pieces_quote_id_quotes')),
        sa.PrimaryKeyConstraint('quote_id', 'position', name=op.f('pk_quote_pieces')),
        comment=("The pieces of each quote's verbatim words (`“A,” he said, “B.”` has two), each "
                 "mapping back to articles.body; quotes.text is the pieces joined with ' … '."))
    op.execute("""
        INSERT INTO quote_pieces (quote_id, position, start_offset, end_offset)
        SELECT q.id, 1, q.start_offset, q.end_offset
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE substring(a.body FROM q.start_offset + 1 FOR q.end_offset - q.start_offset) = q.text""")
    _comments(TEXT_COMMENT, KIND_COMMENT, VIEW_QUOTE_COMMENT, KIND_COMMENT)


def downgrade() -> None:
    _comments(OLD_TEXT_COMMENT, OLD_KIND_COMMENT, OLD_TEXT_COMMENT, OLD_KIND_COMMENT)
    op.drop_table('quote_pieces')
    op.execute("UPDATE quotes SET kind = 'direct' WHERE kind = 'mixed'")
    op.drop_constraint(op.f('ck_quotes_kind'), 'quotes', type_='check')
    op.create_check_constraint(op.f('ck_quotes_kind'), 'quotes', "kind IN ('direct', 'indirect')")
    op.alter_column('quotes', 'start_offset', comment='Start of the quote in articles.body.',
                    existing_type=sa.Integer(), existing_nullable=False)
    op.alter_column('quotes', 'end_offset', comment='End (exclusive) in articles.body.',
                    existing_type=sa.Integer(), existing_nullable=False)
    # the older schema's one text column held the attributed content
    op.execute("UPDATE quotes SET text = content, start_offset = content_start_offset, "
               "end_offset = content_end_offset")
    op.drop_column('quotes', 'content_end_offset')
    op.drop_column('quotes', 'content_start_offset')
    op.drop_column('quotes', 'content')
