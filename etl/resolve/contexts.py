"""What the article of each person occurrence gives it (person_contexts): the other names it
holds, the person's titles there, its day. A surname alone that several full names compete for
goes to the one whose other articles share most with its own; person_key_contexts, kept from
this table by triggers (migration 0013), holds the same per name, so the resolution step reads
what a candidate's articles share as one row per item, not by reading the articles again.

Written by the resolution step for the articles it takes in, before it resolves them; an
occurrence's rows go with it (a foreign key, ON DELETE CASCADE). What a step adds to the names'
contexts (new_pairs) tells which earlier decisions it can change.
"""
from __future__ import annotations

import psycopg

from etl.resolve.graph import temp

__all__ = ["write_contexts", "new_pairs"]

# The rows of the person occurrences `p` (a relation of entity_occurrences rows): the
# organisations and the other full names of the article, the titles the person has there, and
# the article's day.
CONTEXTS = """
    SELECT p.article_id, p.entity_index, p.name_key, 'organisation', x.name_key
    FROM {p} CROSS JOIN LATERAL (
        SELECT x.name_key FROM entity_occurrences x
        WHERE x.article_id = p.article_id AND x.kind = 'organisation' OFFSET 0) x
    UNION SELECT p.article_id, p.entity_index, p.name_key, 'person', x.name_key
    FROM {p} CROSS JOIN LATERAL (
        SELECT x.name_key FROM entity_occurrences x
        WHERE x.article_id = p.article_id AND x.kind = 'person' AND x.given_key IS NOT NULL
          AND x.name_key <> p.name_key OFFSET 0) x
    UNION SELECT p.article_id, p.entity_index, p.name_key, 'title', lower(r.title)
    FROM {p} CROSS JOIN LATERAL (
        SELECT r.title FROM person_roles r
        WHERE r.article_id = p.article_id AND r.person_id = p.person_id OFFSET 0) r
    UNION SELECT p.article_id, p.entity_index, p.name_key, 'day',
                 to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    FROM {p} JOIN articles a ON a.id = p.article_id WHERE a.published_at IS NOT NULL"""


def write_contexts(cur: psycopg.Cursor, touched: list[int] | None) -> None:
    """(Re)write the contexts of the person occurrences of the articles `touched`; with
    `touched` None, write those of the occurrences that have none."""
    if touched is None:
        # every article was taken in by a step after its load, which wrote its contexts (a
        # database upgraded to 0013 had them written then): those of occurrences that have
        # none are written, and those of occurrences with no context are looked for again
        p = ("(SELECT * FROM entity_occurrences o WHERE o.kind = 'person' AND NOT EXISTS ("
             "SELECT 1 FROM person_contexts c WHERE c.article_id = o.article_id "
             "AND c.entity_index = o.entity_index)) p")
        cur.execute("INSERT INTO person_contexts (article_id, entity_index, name_key, what, "
                    "item)" + CONTEXTS.format(p=p))
        return
    cur.execute("DELETE FROM person_contexts WHERE article_id = ANY(%s)", (touched,))
    # a join on the articles' ids, not `= ANY(ids)` (see organisations.scope)
    p = ("(SELECT o.* FROM unnest(%(t)s::bigint[]) t(id) JOIN entity_occurrences o "
         "ON o.article_id = t.id WHERE o.kind = 'person') p")
    cur.execute("INSERT INTO person_contexts (article_id, entity_index, name_key, what, item)"
                + CONTEXTS.format(p=p), {"t": touched})


def new_pairs(cur: psycopg.Cursor, touched: list[int]) -> None:
    """r_batchpair: the (name, what, item) pairs of the person occurrences of the articles
    `touched`, found after write_contexts, with how many of those occurrences hold each
    (`n`) and whether no other occurrence of the name does (`fresh`: the name's articles hold
    the item for the first time). A surname alone's evidence can change only through fresh
    pairs of its candidates; `n` tells what the name's earlier occurrences hold apart from the
    batch's. An article loaded again counts as new, which only makes the fresh pairs more."""
    temp(cur, "r_batchpair", "name_key text, what text, item text, n int, fresh bool, "
                             "PRIMARY KEY (name_key, what, item)")
    cur.execute("""
        INSERT INTO r_batchpair SELECT b.name_key, b.what, b.item, b.n, k.occurrences = b.n
        FROM (SELECT c.name_key, c.what, c.item, count(*) AS n
              FROM unnest(%s::bigint[]) t(id) JOIN person_contexts c ON c.article_id = t.id
              GROUP BY 1, 2, 3) b
        JOIN person_key_contexts k USING (name_key, what, item)""", (touched,))
    cur.execute("ANALYZE r_batchpair")
