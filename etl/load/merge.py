"""Merge: staged batches into the normalised tables, set-based, one transaction per batch.

The same step for every way of running: `newsetl load` stages each batch and merges it at once;
a Dask cluster's workers stage partitions and the client merges them as they complete. A
batch takes a transaction-scoped advisory lock while it writes, so concurrent merges never
create duplicates and never deadlock; the NLP, which is the real cost, runs outside the lock.

Idempotent: a merged batch is deleted from staging in the same transaction, and merging the
same articles again (a re-staged batch) updates them in place, replacing their facts.
"""
from __future__ import annotations

import psycopg

from etl.load.planner import analyze_stale, vacuum_stale
from etl.load.stage import discard
from etl.resolve.resolve import resolve
from etl.resolve.staged import resolve_batch

LOAD_LOCK = 7_265_120_002
ARTICLE_CHILDREN = ("article_people", "article_organisations", "mentions", "person_roles",
                    "quotes", "article_topics", "article_keyphrases", "entity_occurrences")
# Articles merged between two runs of the resolution step: it costs about the same for one
# article as for a thousand (a fixed number of set-based statements), so it runs rarely.
RESOLVE_EVERY = 2000

_BATCH = "load_run_id = %(run)s AND batch = %(batch)s"


def _in(alias: str) -> str:
    """The rows of the batch being merged, in the table aliased `alias`."""
    return f"{alias}.load_run_id = %(run)s AND {alias}.batch = %(batch)s"


def staged_batches(conn: psycopg.Connection, run_id: int) -> list[str]:
    """The batches of a run that are staged and not merged yet, in order."""
    with conn.transaction():
        return [r[0] for r in conn.execute(
            "SELECT batch FROM staging_batches WHERE load_run_id = %s ORDER BY batch",
            (run_id,)).fetchall()]


def merge(conn: psycopg.Connection, run_id: int, batch: str,
          touched: list[int] | None = None) -> tuple[int, int]:
    """Merge one staged batch; returns (articles inserted, articles updated), and adds the
    merged articles' ids to `touched` (for the resolution step). A batch that is not staged
    (already merged) merges nothing."""
    p = {"run": run_id, "batch": batch}
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOAD_LOCK,))
        analyze_stale(conn)
        # A batch's statements touch hundreds of rows: compiling them to machine code (JIT),
        # which the costs of the hash-join plans below invite, takes a second per batch and
        # saves nothing.
        cur.execute("SET LOCAL jit = off")
        if cur.execute(f"SELECT 1 FROM staging_batches WHERE {_BATCH}", p).fetchone() is None:
            return 0, 0
        existing = _match_articles(cur, p)
        stale = _entities_of(cur, existing) if existing else ([], [])
        for table in ARTICLE_CHILDREN:   # re-extracted articles lose their old facts
            cur.execute(f"DELETE FROM {table} WHERE article_id = ANY(%s)", (existing,))
        updated, inserted = _write_articles(cur, p)
        resolve_batch(cur, run_id, batch)      # first-guess identities and occurrences
        # The staging tables are filled and emptied all the time, so their statistics say
        # "one row": the planner would join them by nested loops, quadratic in the batch.
        # Here only staged rows of one batch meet each other (and `topics`): hash joins.
        cur.execute("SET LOCAL enable_nestloop = off")
        _write_children(cur, p)
        cur.execute("SET LOCAL enable_nestloop = on")
        _drop_orphans(cur, *stale)
        if touched is not None:
            touched += [r[0] for r in cur.execute(
                f"SELECT article_id FROM staging_articles WHERE {_BATCH}", p).fetchall()]
        discard(cur, run_id, batch)
    return inserted, updated


def resolve_touched(conn: psycopg.Connection, touched: list[int], at_least: int = 1) -> None:
    """Run the resolution step over the articles merged since it last ran, once there are
    `at_least` of them (RESOLVE_EVERY on the way, 1 at the end of a run); empties `touched`.
    Then the tables with many dead rows (staging above all) are vacuumed."""
    if touched and len(touched) >= at_least:
        with conn.transaction():
            analyze_stale(conn)
        resolve(conn, touched=sorted(set(touched)))
        touched.clear()
        vacuum_stale(conn)


# ----------------------------------------------------------------------- articles

def _match_articles(cur: psycopg.Cursor, p: dict) -> list[int]:
    """Point staged articles at the stored ones they are (same URL or same body); returns
    the ids of those stored articles."""
    cur.execute(f"""
        UPDATE staging_articles s SET article_id = a.id FROM articles a
        WHERE {_in("s")} AND s.url IS NOT NULL AND a.url = s.url
          AND NOT EXISTS (SELECT 1 FROM articles b
                          WHERE b.content_hash = s.content_hash AND b.id <> a.id)""", p)
    cur.execute(f"""
        UPDATE staging_articles s SET article_id = a.id FROM articles a
        WHERE {_in("s")} AND s.article_id IS NULL AND a.content_hash = s.content_hash""", p)
    return [r[0] for r in cur.execute(
        f"SELECT article_id FROM staging_articles WHERE {_BATCH} AND article_id IS NOT NULL",
        p).fetchall()]


def _write_articles(cur: psycopg.Cursor, p: dict) -> tuple[int, int]:
    cur.execute(f"""
        INSERT INTO sources (name) SELECT DISTINCT source FROM staging_articles
        WHERE {_BATCH} AND source IS NOT NULL ORDER BY source ON CONFLICT (name) DO NOTHING""", p)
    updated = cur.execute(f"""
        UPDATE articles a SET content_hash = s.content_hash,
            url = CASE WHEN s.url IS NULL OR EXISTS (SELECT 1 FROM articles o
                       WHERE o.url = s.url AND o.id <> a.id) THEN a.url ELSE s.url END,
            source_id = COALESCE(src.id, a.source_id),
            external_id = COALESCE(s.external_id, a.external_id),
            title = COALESCE(s.title, a.title), body = s.body, boilerplate = s.boilerplate,
            authors = s.authors, published_at = COALESCE(s.published_at, a.published_at),
            fetched_at = COALESCE(s.fetched_at, a.fetched_at), word_count = s.word_count,
            source_path = s.source_path, source_line = s.source_line,
            language = s.language, text_quality = s.text_quality,
            text_quality_reason = s.text_quality_reason,
            extractor_version = s.extractor_version, load_run_id = s.load_run_id,
            updated_at = now()
        FROM staging_articles s LEFT JOIN sources src ON src.name = s.source
        WHERE {_in("s")} AND a.id = s.article_id""", p).rowcount
    inserted = cur.execute(f"""
        INSERT INTO articles (content_hash, url, source_id, external_id, title, body,
            boilerplate, authors, published_at, fetched_at, word_count, source_path,
            source_line, language, text_quality, text_quality_reason, extractor_version,
            load_run_id)
        SELECT s.content_hash, s.url, src.id, s.external_id, s.title, s.body, s.boilerplate,
            s.authors, s.published_at, s.fetched_at, s.word_count, s.source_path,
            s.source_line, s.language, s.text_quality, s.text_quality_reason,
            s.extractor_version, s.load_run_id
        FROM staging_articles s LEFT JOIN sources src ON src.name = s.source
        WHERE {_in("s")} AND s.article_id IS NULL
        ORDER BY s.position""", p).rowcount
    cur.execute(f"""
        UPDATE staging_articles s SET article_id = a.id FROM articles a
        WHERE {_in("s")} AND s.article_id IS NULL AND a.content_hash = s.content_hash""", p)
    return updated, inserted


# ----------------------------------------------------------------------- what hangs off them

# Staged entities with their article id and resolved id; only those the article mentions.
_ENTITIES = f"""(
    SELECT e.*, a.article_id FROM staging_entities e
    JOIN staging_articles a USING (load_run_id, batch, position)
    WHERE {_in("e")} AND e.mention_count > 0 AND e.entity_id IS NOT NULL) e"""
_SAME_ARTICLE = "x.load_run_id = e.load_run_id AND x.batch = e.batch AND x.position = e.position"


def _org(alias: str, index: str) -> str:
    """LEFT JOIN an organisation of the same article by its index."""
    return (f"LEFT JOIN staging_entities {alias} ON {alias}.load_run_id = x.load_run_id "
            f"AND {alias}.batch = x.batch AND {alias}.position = x.position "
            f"AND {alias}.kind = 'organisation' AND {alias}.entity_index = x.{index}")


def _write_children(cur: psycopg.Cursor, p: dict) -> None:
    for kind, table, fk in (("person", "article_people", "person_id"),
                            ("organisation", "article_organisations", "organisation_id")):
        cur.execute(f"""
            INSERT INTO {table} (article_id, {fk}, name_in_article, mention_count, first_offset)
            SELECT e.article_id, e.entity_id,
                   (array_agg(e.name ORDER BY e.entity_index))[1], sum(e.mention_count),
                   min(e.first_offset)
            FROM {_ENTITIES} WHERE e.kind = '{kind}'
            GROUP BY e.article_id, e.entity_id ORDER BY min(e.position), min(e.entity_index)""",
                    p)
    cur.execute(f"""
        INSERT INTO mentions (article_id, person_id, organisation_id, start_offset, end_offset,
                              text)
        SELECT e.article_id, CASE WHEN e.kind = 'person' THEN e.entity_id END,
               CASE WHEN e.kind = 'organisation' THEN e.entity_id END,
               x.start_offset, x.end_offset, x.text
        FROM staging_mentions x JOIN {_ENTITIES} ON {_SAME_ARTICLE}
          AND x.kind = e.kind AND x.entity_index = e.entity_index
        ORDER BY e.position, e.kind DESC, e.entity_index, x.seq""", p)
    cur.execute(f"""
        INSERT INTO person_roles (article_id, person_id, title, organisation_id,
                                  organisation_text, start_offset, end_offset)
        SELECT e.article_id, e.entity_id, x.title, o.entity_id, x.organisation_text,
               x.start_offset, x.end_offset
        FROM staging_roles x JOIN {_ENTITIES} ON {_SAME_ARTICLE}
          AND e.kind = 'person' AND x.entity_index = e.entity_index
        {_org("o", "organisation_index")}
        ORDER BY e.position, e.entity_index, x.seq""", p)
    _write_quotes(cur, p)
    cur.execute(f"""
        INSERT INTO article_topics (article_id, topic_id, score, rank)
        SELECT a.article_id, t.id, x.score, x.rank
        FROM staging_topics x JOIN staging_articles a USING (load_run_id, batch, position)
        JOIN topics t ON t.qcode = x.qcode
        WHERE {_in("x")} ORDER BY x.position, x.rank""", p)
    cur.execute(f"""
        INSERT INTO article_keyphrases (article_id, phrase, score, mention_count)
        SELECT a.article_id, x.phrase, x.score, x.mention_count
        FROM staging_keyphrases x JOIN staging_articles a USING (load_run_id, batch, position)
        WHERE {_in("x")}""", p)


def _write_quotes(cur: psycopg.Cursor, p: dict) -> None:
    """Quotes and their pieces in one statement: the pieces find the quotes just written by
    (article, start, end), unique per article; only this batch's new quotes are joined."""
    cur.execute(f"""
        WITH q AS (
        INSERT INTO quotes (article_id, text, start_offset, end_offset, speaker_text,
            speaker_name, speaker_kind, speaker_person_id, speaker_organisation_id,
            speaker_affiliation_id, speaker_start_offset, speaker_end_offset, cue, medium_text,
            medium_organisation_id, is_partial, kind, confidence, content, content_start_offset,
            content_end_offset)
        SELECT a.article_id, x.text, x.start_offset, x.end_offset, x.speaker_text,
            x.speaker_name, x.speaker_kind, sp.entity_id, so.entity_id, af.entity_id,
            x.speaker_start_offset, x.speaker_end_offset, x.cue, x.medium_text, md.entity_id,
            x.is_partial, x.kind, x.confidence, x.content, x.content_start_offset,
            x.content_end_offset
        FROM staging_quotes x
        JOIN staging_articles a USING (load_run_id, batch, position)
        LEFT JOIN staging_entities sp ON sp.load_run_id = x.load_run_id AND sp.batch = x.batch
          AND sp.position = x.position AND sp.kind = 'person'
          AND sp.entity_index = x.speaker_person_index
        {_org("so", "speaker_organisation_index")} {_org("af", "speaker_affiliation_index")}
        {_org("md", "medium_organisation_index")}
        WHERE {_in("x")} ORDER BY x.position, x.seq
        RETURNING id, article_id, start_offset, end_offset)
        INSERT INTO quote_pieces (quote_id, position, start_offset, end_offset)
        SELECT q.id, p.n, p.s, p.e
        FROM staging_quotes x JOIN staging_articles a USING (load_run_id, batch, position)
        JOIN q ON q.article_id = a.article_id AND q.start_offset = x.start_offset
          AND q.end_offset = x.end_offset,
        unnest(x.piece_starts, x.piece_ends) WITH ORDINALITY AS p(s, e, n)
        WHERE {_in("x")} ORDER BY q.id, p.n""", p)


# ----------------------------------------------------------------------- orphans

def _entities_of(cur: psycopg.Cursor, article_ids: list[int]) -> tuple[list[int], list[int]]:
    """People and organisations the given articles name now (before re-extraction)."""
    people = cur.execute(
        "SELECT person_id FROM mentions WHERE article_id = ANY(%(a)s) AND person_id IS NOT NULL "
        "UNION SELECT person_id FROM person_roles WHERE article_id = ANY(%(a)s) "
        "UNION SELECT speaker_person_id FROM quotes WHERE article_id = ANY(%(a)s) "
        "AND speaker_person_id IS NOT NULL", {"a": article_ids}).fetchall()
    orgs = cur.execute(
        "SELECT organisation_id FROM mentions WHERE article_id = ANY(%(a)s) "
        "AND organisation_id IS NOT NULL "
        "UNION SELECT organisation_id FROM person_roles WHERE article_id = ANY(%(a)s) "
        "AND organisation_id IS NOT NULL "
        "UNION SELECT unnest(ARRAY[speaker_organisation_id, speaker_affiliation_id, "
        "medium_organisation_id]) FROM quotes WHERE article_id = ANY(%(a)s)",
        {"a": article_ids}).fetchall()
    return [r[0] for r in people], [r[0] for r in orgs if r[0] is not None]


def _drop_orphans(cur: psycopg.Cursor, people: list[int], orgs: list[int]) -> None:
    """A re-extraction can leave a person or organisation that no article names any more
    (an old mistake, since fixed): remove it, so that counts stay true."""
    if people:
        cur.execute("""
            DELETE FROM people p WHERE p.id = ANY(%s)
            AND NOT EXISTS (SELECT 1 FROM article_people x WHERE x.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM mentions x WHERE x.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM person_roles x WHERE x.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM quotes x WHERE x.speaker_person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM entity_occurrences x WHERE x.person_id = p.id)""",
                    (people,))
    if orgs:
        cur.execute("""
            DELETE FROM organisations o WHERE o.id = ANY(%s)
            AND NOT EXISTS (SELECT 1 FROM article_organisations x WHERE x.organisation_id = o.id)
            AND NOT EXISTS (SELECT 1 FROM mentions x WHERE x.organisation_id = o.id)
            AND NOT EXISTS (SELECT 1 FROM person_roles x WHERE x.organisation_id = o.id)
            AND NOT EXISTS (SELECT 1 FROM quotes x WHERE o.id IN (x.speaker_organisation_id,
                            x.speaker_affiliation_id, x.medium_organisation_id))
            AND NOT EXISTS (SELECT 1 FROM entity_occurrences x
                            WHERE x.organisation_id = o.id)""", (orgs,))
