"""Stage: a batch of processed articles COPied into the staging tables of a run.

Everything that depends on one article only is settled here, in the process that extracted it
(a local worker or a Dask worker): names to keys, which organisation of the article a role or a
quote refers to, duplicates within the article. What needs the whole corpus (which person is
which, article ids) is left to the merge, in PostgreSQL.

Staging a batch is one transaction that first deletes whatever the same (run, batch) staged
before, so a retried task or partition stages its rows once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import psycopg

from etl.profile import extractor_version
from etl.model import Entity, Extraction, ProcessedArticle
from etl.resolve.keys import entity_key
from etl.resolve.occurrences import entity_row

# Target table -> its columns after (load_run_id, batch, position).
COLUMNS = {
    "staging_articles": ("content_hash", "url", "source", "external_id", "title", "body",
                         "boilerplate", "authors", "published_at", "fetched_at", "word_count",
                         "source_path", "source_line", "language", "text_quality",
                         "text_quality_reason", "extractor_version"),
    "staging_entities": ("kind", "entity_index", "name", "key", "surname_key", "acronym",
                         "is_media", "forms", "form_keys", "mention_count", "first_offset",
                         "given_key", "middle_key", "skeleton", "is_first_name", "initials"),
    "staging_mentions": ("kind", "entity_index", "seq", "start_offset", "end_offset", "text"),
    "staging_roles": ("entity_index", "seq", "title", "organisation_index", "organisation_text",
                      "start_offset", "end_offset"),
    "staging_quotes": ("seq", "text", "start_offset", "end_offset", "speaker_text",
                       "speaker_name", "speaker_kind", "speaker_person_index",
                       "speaker_organisation_index", "speaker_affiliation_index",
                       "speaker_start_offset", "speaker_end_offset", "cue", "medium_text",
                       "medium_organisation_index", "is_partial", "kind", "confidence",
                       "content", "content_start_offset", "content_end_offset", "piece_starts",
                       "piece_ends"),
    "staging_topics": ("qcode", "score", "rank"),
    "staging_keyphrases": ("phrase", "score", "mention_count"),
}


def _t(s: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters."""
    return s.replace("\x00", "") if s else s


def dedupe(batch: list[ProcessedArticle]) -> list[ProcessedArticle]:
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


def entity_rows(kind: str, index: int, e: Entity) -> tuple | None:
    """The staged row of one person or organisation: its entity_occurrences row (keys the
    resolution step matches on; etl.resolve.occurrences) without article and ids; None when
    it has no key or is named in the title only (no body offsets: not stored)."""
    if not e.mentions or not entity_key(kind, e.name):
        return None
    r = entity_row(0, kind, index, 0, e)
    if not r[6]:
        return None
    (_, _, _, _, _, name, key, given, middle, surname, skeleton, first_name, initials, acronym,
     is_media, forms, form_keys, mention_count, first_offset) = r
    return (kind, index, name, key, surname, acronym, is_media, forms, form_keys, mention_count,
            first_offset, given, middle, skeleton, first_name, initials)


def article_rows(p: ProcessedArticle) -> dict[str, list[tuple]]:
    """The staged rows of one article, per staging table, without the (run, batch, position)
    columns. Pure: no database."""
    a, x = p.article, p.extraction
    rows: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
    rows["staging_articles"].append((
        a.content_hash, _t(a.url), _t(a.source), _t(a.external_id), _t(a.title), _t(a.text),
        _t(a.boilerplate), [_t(s) for s in a.authors], a.published_at, a.fetched_at,
        len(a.text.split()), _t(a.source_path), a.line, a.language, a.text_quality,
        _t(a.text_quality_reason), extractor_version()))
    # A role, a speaker's affiliation or an outlet names an organisation of the same article
    # by any of its forms; the first organisation with that form wins.
    org_by_key: dict[str, int] = {}
    for ei, e in enumerate(x.organisations):
        for form in [e.name, *e.aliases, *([e.acronym] if e.acronym else [])]:
            org_by_key.setdefault(entity_key("organisation", form), ei)

    def org(name: str | None) -> int | None:
        return org_by_key.get(entity_key("organisation", name)) if name else None

    for kind, group in (("person", x.people), ("organisation", x.organisations)):
        for ei, e in enumerate(group):
            row = entity_rows(kind, ei, e)
            if row is None:
                continue
            rows["staging_entities"].append(row)
            rows["staging_mentions"] += [(kind, ei, seq, m.start, m.end, _t(m.text))
                                         for seq, m in enumerate(e.mentions)]
            if kind == "person":
                rows["staging_roles"] += [
                    (ei, seq, _t(r.title), org(r.organisation), _t(r.organisation), r.start, r.end)
                    for seq, r in enumerate(e.roles)]
    _fact_rows(x, org, rows)
    return rows


def _fact_rows(x: Extraction, org: Callable[[str | None], int | None],
               rows: dict[str, list[tuple]]) -> None:
    """Quotes (one per span), topics (one per qcode, ranked) and key phrases (one each)."""
    seen: set[tuple[int, int]] = set()
    for q in x.quotes:
        if (q.start, q.end) in seen:
            continue
        seen.add((q.start, q.end))
        sp = q.speaker
        kind = sp.kind if sp else None
        rows["staging_quotes"].append((
            len(seen) - 1, _t(q.text), q.start, q.end, _t(sp.text) if sp else None,
            _t(sp.name) if sp else None, kind, sp.entity if kind == "person" else None,
            sp.entity if kind == "organisation" else None, org(sp.organisation) if sp else None,
            sp.start if sp else None, sp.end if sp else None, _t(q.cue), _t(q.medium),
            org(q.medium), q.partial, q.kind, float(q.confidence), _t(q.content),
            q.content_start, q.content_end, [a for a, _ in q.pieces], [b for _, b in q.pieces]))
    qcodes: set[str] = set()
    for rank, t in enumerate(x.topics, 1):
        if t.qcode not in qcodes:
            qcodes.add(t.qcode)
            rows["staging_topics"].append((t.qcode, float(t.score), rank))
    phrases: set[str] = set()
    for k in x.keyphrases:
        phrase = _t(k.text)
        if phrase and phrase not in phrases:
            phrases.add(phrase)
            rows["staging_keyphrases"].append((phrase, float(k.score), k.count))


def batch_rows(batch: Iterable[ProcessedArticle]) -> dict[str, list[tuple]]:
    """Staged rows of a batch, each with its article's position first."""
    out: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
    for position, p in enumerate(batch):
        for table, rows in article_rows(p).items():
            out[table] += [(position, *r) for r in rows]
    return out


def stage(conn: psycopg.Connection, run_id: int, batch: str,
          processed: list[ProcessedArticle]) -> int:
    """COPY a batch into the staging tables of run `run_id`; returns the articles staged.

    Replaces whatever this (run, batch) staged before, in one transaction: a batch is either
    staged whole or not at all, and staging it again (a retried task) leaves one copy."""
    processed = dedupe(processed)
    if not processed:
        return 0
    rows = batch_rows(processed)
    with conn.transaction(), conn.cursor() as cur:
        discard(cur, run_id, batch)
        for table, columns in COLUMNS.items():
            if rows[table]:
                with cur.copy(f"COPY {table} (load_run_id, batch, position, {', '.join(columns)})"
                              " FROM STDIN") as cp:
                    for r in rows[table]:
                        cp.write_row((run_id, batch, *r))
        cur.execute("INSERT INTO staging_batches (load_run_id, batch, articles) "
                    "VALUES (%s, %s, %s)", (run_id, batch, len(processed)))
    return len(processed)


def discard(cur: psycopg.Cursor, run_id: int, batch: str) -> None:
    """Delete the staged rows of one batch (inside the caller's transaction)."""
    for table in ("staging_batches", *COLUMNS):
        cur.execute(f"DELETE FROM {table} WHERE load_run_id = %s AND batch = %s", (run_id, batch))
