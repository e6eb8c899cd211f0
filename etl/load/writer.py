"""The load stage: processed articles into PostgreSQL, one transaction per batch.

The people and organisations a batch names get a first-guess row (the row the same name went to
before, or a new one); the resolution step (etl.resolve.resolve) then settles who is who over
what the run touched, every RESOLVE_EVERY articles and at the end of the run.

Rows go in with COPY into temporary staging tables and set-based upserts. A batch takes a
transaction-scoped advisory lock once its articles are staged, before it matches them and
resolves people and organisations, so concurrent loads never create duplicates and never
deadlock on each other; the NLP, which is the real cost, and the copy of the batch into the
staging table run outside the lock. The lock lasts to the commit: released earlier, the next
batch would not see the people this one adds (a surname alone would not find its full name) and
could point at a person this one removes as no longer named.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg

from etl import EXTRACTOR_VERSION, __version__
from etl.errors import InputError
from etl.load.runs import lock_run
from etl.model import Article, Entity, ProcessedArticle, RunCounts
from etl.resolve.keys import entity_key
from etl.resolve.occurrences import COLUMNS as OCCURRENCE_COLUMNS, entity_row
from etl.resolve.resolve import resolve

LOAD_LOCK = 7_265_120_002
# Articles written between two runs of the resolution step: it costs about the same for one
# article as for a thousand (a fixed number of set-based statements), so it runs rarely.
RESOLVE_EVERY = 2000
ARTICLE_CHILDREN = ("article_people", "article_organisations", "mentions", "person_roles",
                    "quotes", "article_topics", "article_keyphrases", "entity_occurrences")


def _t(s: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters."""
    return s.replace("\x00", "") if s else s


# ----------------------------------------------------------------------- runs and errors

def start_run(conn: psycopg.Connection, command: str, inputs: Sequence[str]) -> int:
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO load_runs (command, inputs, extractor_version, newsetl_version) "
            "VALUES (%s, %s, %s, %s) RETURNING id",
            (command, [_t(i) for i in inputs], EXTRACTOR_VERSION, __version__)).fetchone()
        lock_run(conn, row[0])
    return row[0]


def record_error(conn: psycopg.Connection, run_id: int, err: InputError, counts: RunCounts) -> None:
    counts.errors += 1
    counts.error_messages.append(str(err))
    with conn.transaction():
        conn.execute("INSERT INTO load_errors (load_run_id, source_path, line, message) "
                      "VALUES (%s, %s, %s, %s)", (run_id, _t(err.path), err.line, _t(err.problem)))
        conn.execute("UPDATE load_runs SET errors = %s WHERE id = %s", (counts.errors, run_id))


def finish_run(conn: psycopg.Connection, run_id: int, counts: RunCounts,
               crashed: bool = False) -> str:
    done = counts.inserted + counts.updated + counts.unchanged
    status = "succeeded" if not counts.errors else ("partial" if done else "failed")
    if crashed:
        status = "failed"
        conn.rollback()
    with conn.transaction():
        conn.execute(
            "UPDATE load_runs SET status = %s, finished_at = now(), articles_read = %s, "
            "articles_inserted = %s, articles_updated = %s, articles_unchanged = %s, errors = %s "
            "WHERE id = %s",
            (status, counts.read, counts.inserted, counts.updated, counts.unchanged,
             counts.errors, run_id))
    return status


# ----------------------------------------------------------------------- skipping unchanged

def split_unchanged(conn: psycopg.Connection, batch: list[Article]) -> tuple[list[Article], int]:
    """Articles that need extraction, and how many are already stored as they are."""
    hashes = list({a.content_hash for a in batch})
    with conn.transaction():
        rows = conn.execute("SELECT content_hash FROM articles WHERE content_hash = ANY(%s) "
                            "AND extractor_version = %s", (hashes, EXTRACTOR_VERSION)).fetchall()
    stored = {r[0] for r in rows}
    seen: set[str] = set()
    todo = []
    for a in batch:
        if a.content_hash in stored or a.content_hash in seen:
            continue
        seen.add(a.content_hash)
        todo.append(a)
    return todo, len(batch) - len(todo)


# ----------------------------------------------------------------------- writing a batch

_STAGE_ARTICLES = """
CREATE TEMP TABLE IF NOT EXISTS stage_articles (
    idx int, content_hash text, url text, source text, external_id text, title text, body text,
    boilerplate text, authors text[], published_at timestamptz, fetched_at timestamptz,
    word_count int, source_path text, source_line int, language text, text_quality text,
    text_quality_reason text, article_id bigint
) ON COMMIT DELETE ROWS
"""


class BatchWriter:
    """Writes batches of processed articles; one instance per connection."""

    def __init__(self, conn: psycopg.Connection, run_id: int):
        self.conn = conn
        self.run_id = run_id
        self.pending: list[int] = []
        with conn.transaction():
            conn.execute(_STAGE_ARTICLES)
            self.topic_ids = dict(conn.execute("SELECT qcode, id FROM topics").fetchall())

    def write(self, batch: list[ProcessedArticle], counts: RunCounts) -> None:
        batch = _dedupe(batch)
        if not batch:
            return
        with self.conn.transaction():
            ids, inserted, updated = self._articles(batch)
            stale = self._entities_of(ids) if updated else ([], [])
            for table in ARTICLE_CHILDREN:   # re-extracted articles lose their old facts
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ANY(%s)", (ids,))
            person_ids, person_rows = self._resolve(batch, ids, "person")
            org_ids, org_rows = self._resolve(batch, ids, "organisation")
            self._children(batch, ids, person_ids, org_ids)
            _copy(self.conn.cursor(), f"entity_occurrences ({', '.join(OCCURRENCE_COLUMNS)})",
                  person_rows + org_rows)
            self._drop_orphans(*stale)
            self.pending.extend(ids)
            counts.inserted += inserted
            counts.updated += updated
            self.conn.execute(
                "UPDATE load_runs SET articles_read = %s, articles_inserted = %s, "
                "articles_updated = %s, articles_unchanged = %s WHERE id = %s",
                (counts.read, counts.inserted, counts.updated, counts.unchanged, self.run_id))
        if len(self.pending) >= RESOLVE_EVERY:
            self.resolve_pending()

    def resolve_pending(self) -> None:
        """Run the resolution step on the articles written since it last ran (at the end of a
        run, and every RESOLVE_EVERY articles on the way)."""
        if self.pending:
            resolve(self.conn, touched=sorted(set(self.pending)))
            self.pending = []

    # -- people and organisations no article names any more

    def _entities_of(self, article_ids: list[int]) -> tuple[list[int], list[int]]:
        """People and organisations the given articles name now (before re-extraction)."""
        people = self.conn.execute(
            "SELECT person_id FROM mentions WHERE article_id = ANY(%(a)s) AND person_id IS NOT NULL "
            "UNION SELECT person_id FROM person_roles WHERE article_id = ANY(%(a)s) "
            "UNION SELECT speaker_person_id FROM quotes WHERE article_id = ANY(%(a)s) "
            "AND speaker_person_id IS NOT NULL", {"a": article_ids}).fetchall()
        orgs = self.conn.execute(
            "SELECT organisation_id FROM mentions WHERE article_id = ANY(%(a)s) "
            "AND organisation_id IS NOT NULL "
            "UNION SELECT organisation_id FROM person_roles WHERE article_id = ANY(%(a)s) "
            "AND organisation_id IS NOT NULL "
            "UNION SELECT unnest(ARRAY[speaker_organisation_id, speaker_affiliation_id, "
            "medium_organisation_id]) FROM quotes WHERE article_id = ANY(%(a)s)",
            {"a": article_ids}).fetchall()
        return [r[0] for r in people], [r[0] for r in orgs if r[0] is not None]

    def _drop_orphans(self, people: list[int], orgs: list[int]) -> None:
        """A re-extraction can leave a person or organisation that no article names any more
        (an old mistake, since fixed): remove it, so that counts stay true."""
        if people:
            self.conn.execute("""
                DELETE FROM people p WHERE p.id = ANY(%s)
                AND NOT EXISTS (SELECT 1 FROM article_people x WHERE x.person_id = p.id)
                AND NOT EXISTS (SELECT 1 FROM mentions x WHERE x.person_id = p.id)
                AND NOT EXISTS (SELECT 1 FROM person_roles x WHERE x.person_id = p.id)
                AND NOT EXISTS (SELECT 1 FROM quotes x WHERE x.speaker_person_id = p.id)
                AND NOT EXISTS (SELECT 1 FROM entity_occurrences x WHERE x.person_id = p.id)""",
                              (people,))
        if orgs:
            self.conn.execute("""
                DELETE FROM organisations o WHERE o.id = ANY(%s)
                AND NOT EXISTS (SELECT 1 FROM article_organisations x WHERE x.organisation_id = o.id)
                AND NOT EXISTS (SELECT 1 FROM mentions x WHERE x.organisation_id = o.id)
                AND NOT EXISTS (SELECT 1 FROM person_roles x WHERE x.organisation_id = o.id)
                AND NOT EXISTS (SELECT 1 FROM quotes x WHERE o.id IN (x.speaker_organisation_id,
                                x.speaker_affiliation_id, x.medium_organisation_id))
                AND NOT EXISTS (SELECT 1 FROM entity_occurrences x
                                WHERE x.organisation_id = o.id)""", (orgs,))

    # -- articles

    def _articles(self, batch: list[ProcessedArticle]) -> tuple[list[int], int, int]:
        cur = self.conn.cursor()
        sources = sorted({_t(p.article.source) for p in batch if p.article.source})
        if sources:
            cur.execute("INSERT INTO sources (name) SELECT unnest(%s::text[]) "
                        "ON CONFLICT (name) DO NOTHING", (sources,))
        cur.execute("DELETE FROM stage_articles")   # an earlier savepoint's batch may be there
        with cur.copy("COPY stage_articles (idx, content_hash, url, source, external_id, title, "
                      "body, boilerplate, authors, published_at, fetched_at, word_count, "
                      "source_path, source_line, language, text_quality, text_quality_reason) "
                      "FROM STDIN") as cp:
            for i, p in enumerate(batch):
                a = p.article
                cp.write_row((i, a.content_hash, _t(a.url), _t(a.source), _t(a.external_id),
                              _t(a.title), _t(a.text), _t(a.boilerplate),
                              [_t(x) for x in a.authors], a.published_at, a.fetched_at,
                              len(a.text.split()), _t(a.source_path), a.line, a.language,
                              a.text_quality, _t(a.text_quality_reason)))
        # Sources are inserted in one sorted statement and the staging table is this session's
        # own, so nothing above can wait on another batch; from here on, one batch at a time.
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOAD_LOCK,))
        # An article is the same article when its body is the same; else when its URL is. A URL
        # stays with the article that holds it: an article found by its body takes a new URL
        # only when no other article has that URL.
        cur.execute("""
            UPDATE stage_articles s SET article_id = a.id FROM articles a
            WHERE s.url IS NOT NULL AND a.url = s.url
              AND NOT EXISTS (SELECT 1 FROM articles b
                              WHERE b.content_hash = s.content_hash AND b.id <> a.id)""")
        cur.execute("""
            UPDATE stage_articles s SET article_id = a.id FROM articles a
            WHERE s.article_id IS NULL AND a.content_hash = s.content_hash""")
        updated = cur.execute("""
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
                text_quality_reason = s.text_quality_reason, extractor_version = %(v)s, load_run_id = %(run)s, updated_at = now()
            FROM stage_articles s LEFT JOIN sources src ON src.name = s.source
            WHERE a.id = s.article_id""", {"v": EXTRACTOR_VERSION, "run": self.run_id}).rowcount
        inserted = cur.execute("""
            INSERT INTO articles (content_hash, url, source_id, external_id, title, body,
                boilerplate, authors, published_at, fetched_at, word_count, source_path,
                source_line, language, text_quality, text_quality_reason, extractor_version,
                load_run_id)
            SELECT s.content_hash, s.url, src.id, s.external_id, s.title, s.body, s.boilerplate,
                s.authors, s.published_at, s.fetched_at, s.word_count, s.source_path,
                s.source_line, s.language, s.text_quality, s.text_quality_reason, %(v)s, %(run)s
            FROM stage_articles s LEFT JOIN sources src ON src.name = s.source
            WHERE s.article_id IS NULL
            ORDER BY s.idx""", {"v": EXTRACTOR_VERSION, "run": self.run_id}).rowcount
        rows = cur.execute("""
            SELECT s.idx, a.id FROM stage_articles s JOIN articles a
            ON a.content_hash = s.content_hash ORDER BY s.idx""").fetchall()
        ids = [r[1] for r in rows]
        if len(ids) != len(batch):
            raise RuntimeError("article ids do not match the batch")
        return ids, inserted, updated

    # -- people and organisations

    def _resolve(self, batch: list[ProcessedArticle], ids: list[int],
                 kind: str) -> tuple[dict[tuple[int, int], int], list[tuple]]:
        """{(article index, entity index): id} for every person or organisation in the batch,
        and their entity_occurrences rows. The ids are a first guess (the row an earlier
        article's same name went to, or a new row); the resolution step settles them."""
        table = "people" if kind == "person" else "organisations"
        fk = "person_id" if kind == "person" else "organisation_id"
        ents: list[tuple[int, int, Entity, tuple]] = []
        for ai, p in enumerate(batch):
            group = p.extraction.people if kind == "person" else p.extraction.organisations
            for ei, e in enumerate(group):
                row = entity_row(ids[ai], kind, ei, 0, e)
                if row[6] and e.mentions:    # named in the title only: not stored (no body offsets)
                    ents.append((ai, ei, e, row))
        if not ents:
            return {}, []
        cur = self.conn.cursor()
        keys = sorted({r[6] for *_, r in ents if not r[11]})
        known = dict(cur.execute(f"""
            SELECT DISTINCT ON (name_key) name_key, {fk} FROM entity_occurrences
            WHERE kind = %s AND name_key = ANY(%s) AND NOT is_first_name
            GROUP BY name_key, {fk} ORDER BY name_key, count(*) DESC, {fk}""",
                                     (kind, keys)).fetchall())
        known.update({k: i for k, i in cur.execute(
            f"SELECT key, min(id) FROM {table} WHERE key = ANY(%s) GROUP BY key",
            ([k for k in keys if k not in known],)).fetchall()})
        # New rows: one per new name, and one per article for a first name alone.
        new = sorted({(r[6], r[0] if r[11] else 0): r for *_, r in ents
                      if r[11] or r[6] not in known}.items())
        if new:
            new_ids = [r[0] for r in cur.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
                f"FROM generate_series(1, %s)", (len(new),)).fetchall()]
            if kind == "person":
                cur.execute(
                    "INSERT INTO people (id, name, key, surname_key) OVERRIDING SYSTEM VALUE "
                    "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[])",
                    (new_ids, [r[5] for _, r in new], [r[6] for _, r in new],
                     [r[9] for _, r in new]))
            else:
                cur.execute(
                    "INSERT INTO organisations (id, name, key, acronym, is_media) "
                    "OVERRIDING SYSTEM VALUE SELECT * FROM unnest(%s::bigint[], %s::text[], "
                    "%s::text[], %s::text[], %s::bool[])",
                    (new_ids, [r[5] for _, r in new], [r[6] for _, r in new],
                     [r[13] for _, r in new], [r[14] for _, r in new]))
            fresh = dict(zip((k for k, _ in new), new_ids))
        else:
            fresh = {}
        out: dict[tuple[int, int], int] = {}
        rows = []
        slot = 3 if kind == "person" else 4
        for ai, ei, _, r in ents:
            eid = fresh.get((r[6], r[0])) if r[11] else known.get(r[6], fresh.get((r[6], 0)))
            out[(ai, ei)] = eid
            rows.append(r[:slot] + (eid,) + r[slot + 1:])
        return out, rows

    # -- everything that hangs off an article

    def _children(self, batch, ids, person_ids, org_ids) -> None:
        cur = self.conn.cursor()
        ap, ao, men, roles, quotes, topics, phrases = {}, {}, [], [], {}, {}, {}
        pieces: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
        for ai, p in enumerate(batch):
            aid, x = ids[ai], p.extraction
            org_by_key = {}
            for ei, e in enumerate(x.organisations):
                for form in [e.name, *e.aliases, *([e.acronym] if e.acronym else [])]:
                    org_by_key.setdefault(entity_key("organisation", form), org_ids.get((ai, ei)))
            for kind, group, idmap, agg in (("person", x.people, person_ids, ap),
                                            ("organisation", x.organisations, org_ids, ao)):
                for ei, e in enumerate(group):
                    eid = idmap.get((ai, ei))
                    if eid is None or not e.mentions:
                        continue
                    first = min(m.start for m in e.mentions)
                    prev = agg.get((aid, eid))
                    if prev:
                        agg[(aid, eid)] = (aid, eid, prev[2], prev[3] + len(e.mentions),
                                           min(prev[4], first))
                    else:
                        agg[(aid, eid)] = (aid, eid, _t(e.name), len(e.mentions), first)
                    for m in e.mentions:
                        men.append((aid, eid if kind == "person" else None,
                                    eid if kind == "organisation" else None,
                                    m.start, m.end, _t(m.text)))
                    if kind == "person":
                        for r in e.roles:
                            roles.append((aid, eid, _t(r.title),
                                          org_by_key.get(entity_key("organisation", r.organisation))
                                          if r.organisation else None,
                                          _t(r.organisation), r.start, r.end))
            for q in x.quotes:
                sp = q.speaker
                pid = oid = aff = None
                if sp and sp.entity is not None:
                    if sp.kind == "person":
                        pid = person_ids.get((ai, sp.entity))
                    elif sp.kind == "organisation":
                        oid = org_ids.get((ai, sp.entity))
                if sp and sp.organisation:
                    aff = org_by_key.get(entity_key("organisation", sp.organisation))
                medium = org_by_key.get(entity_key("organisation", q.medium)) if q.medium else None
                quotes.setdefault((q.start, q.end, aid), (
                    aid, _t(q.text), q.start, q.end, _t(sp.text) if sp else None,
                    _t(sp.name) if sp else None, sp.kind if sp else None, pid, oid, aff,
                    sp.start if sp else None, sp.end if sp else None, _t(q.cue), _t(q.medium),
                    medium, q.partial, q.kind, float(q.confidence), _t(q.content),
                    q.content_start, q.content_end))
                pieces.setdefault((aid, q.start, q.end), q.pieces)
            for rank, t in enumerate(x.topics, 1):
                tid = self.topic_ids.get(t.qcode)
                if tid is not None and (aid, tid) not in topics:
                    topics[(aid, tid)] = (aid, tid, float(t.score), rank)
            for k in x.keyphrases:
                phrase = _t(k.text)
                if phrase and (aid, phrase) not in phrases:
                    phrases[(aid, phrase)] = (aid, phrase, float(k.score), k.count)
        _copy(cur, "article_people (article_id, person_id, name_in_article, mention_count, "
                   "first_offset)", ap.values())
        _copy(cur, "article_organisations (article_id, organisation_id, name_in_article, "
                   "mention_count, first_offset)", ao.values())
        _copy(cur, "mentions (article_id, person_id, organisation_id, start_offset, end_offset, "
                   "text)", men)
        _copy(cur, "person_roles (article_id, person_id, title, organisation_id, "
                   "organisation_text, start_offset, end_offset)", roles)
        _copy(cur, "quotes (article_id, text, start_offset, end_offset, speaker_text, "
                   "speaker_name, speaker_kind, speaker_person_id, speaker_organisation_id, "
                   "speaker_affiliation_id, speaker_start_offset, speaker_end_offset, cue, "
                   "medium_text, medium_organisation_id, is_partial, kind, confidence, "
                   "content, content_start_offset, content_end_offset)",
              quotes.values())
        _copy_quote_pieces(cur, ids, pieces)
        _copy(cur, "article_topics (article_id, topic_id, score, rank)", topics.values())
        _copy(cur, "article_keyphrases (article_id, phrase, score, mention_count)",
              phrases.values())


def _copy_quote_pieces(cur: psycopg.Cursor, article_ids,
                       pieces: dict[tuple[int, int, int], list[tuple[int, int]]]) -> None:
    """The pieces of the quotes just written, keyed to their ids by (article, start, end)."""
    if not pieces:
        return
    cur.execute("SELECT id, article_id, start_offset, end_offset FROM quotes "
                "WHERE article_id = ANY(%s)", (list(set(article_ids)),))
    qid = {(aid, a, b): i for i, aid, a, b in cur.fetchall()}
    _copy(cur, "quote_pieces (quote_id, position, start_offset, end_offset)",
          ((qid[key], n, a, b) for key, ps in pieces.items() if key in qid
           for n, (a, b) in enumerate(ps, 1)))


def _copy(cur: psycopg.Cursor, target: str, rows: Iterable[tuple]) -> None:
    rows = list(rows)
    if not rows:
        return
    with cur.copy(f"COPY {target} FROM STDIN") as cp:
        for r in rows:
            cp.write_row(r)


def _dedupe(batch: list[ProcessedArticle]) -> list[ProcessedArticle]:
    """One article per body and per URL within a batch (the last one read wins)."""
    by_hash: dict[str, ProcessedArticle] = {}
    for p in batch:
        by_hash[p.article.content_hash] = p
    by_url: dict[str, ProcessedArticle] = {}
    out = []
    for p in by_hash.values():
        if p.article.url:
            by_url[p.article.url] = p
        else:
            out.append(p)
    return out + list(by_url.values())
