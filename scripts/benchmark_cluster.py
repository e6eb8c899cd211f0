"""Benchmarks for loads past one machine. Nothing here is a test: it prints figures.

Two parts:

  python scripts/benchmark_cluster.py nlp --limit 1000
      the same Reuters-21578 development stories (as in scripts/benchmark.py) loaded into two
      fresh databases, once with `--workers 2` and once with `--scheduler local:2`; prints
      articles per second and their ratio.

  python scripts/benchmark_cluster.py merge --articles 100000 300000
      the database side alone: staged rows for synthetic articles are generated in PostgreSQL
      (per-article counts of people, organisations, mentions, roles, quotes, topics and key
      phrases drawn around the means of `newsetl extract` on the Reuters development stories),
      then merged batch by batch with etl.load.merge; prints articles and rows per second,
      table and index sizes, and how the merge time grows.

The database is a fresh one on $DATABASE_URL's server (required for `merge`), else on a
temporary embedded server.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import synthetic_names  # noqa: E402
from benchmark import bench_database, reuters_jsonl  # noqa: E402

# Means per article from `newsetl extract` over 1,000 Reuters development stories
# (people 0.74, organisations 2.53, person mentions 1.46, organisation mentions 4.24, roles 0.31,
# quotes 1.19, topics 2.48, key phrases 7.13, 807 characters of text).
PEOPLE, ORGS, PERSON_MENTIONS, ORG_MENTIONS = 0.74, 2.53, 2.0, 1.7   # mentions per entity
ROLES, QUOTES, TOPICS, PHRASES, BODY_CHARS = 0.31, 1.19, 2.48, 7.13, 807
# Names, from a load of all 12,530 Reuters development stories: 5,318 distinct person keys in
# 9,336 occurrences, 12,790 organisation keys in 31,615; distinct keys grow as articles^0.83
# (people) and ^0.74 (organisations) between 1,000 and 12,530 stories; the most named
# organisation is in 4.5% of the stories, the most named person in 2.5%; 21% of person
# occurrences are a surname alone, 13% of the surnames with a full name have two or more, 13% of
# organisation occurrences carry an acronym and 9% are the acronym alone. The draw
# pick = pool * random()^SKEW gives the n-th most named entity a share of about n^-0.67, as
# in those stories, and with these pools about as many distinct keys per occurrence. The
# shares of the pool (SHARED_SURNAMES, ACRONYMS) are higher than the shares measured, because
# only part of the pool is drawn and only multi-word names have initials. Generated over 12,530
# articles: 5,113 person keys in 9,217 occurrences, 10,623 organisation keys in 31,421, the
# most named organisation in 10% of the articles (a harder case than Reuters for the
# resolution step, which re-reads what popular names touch).
REUTERS_ARTICLES = 12_530
PERSON_POOL, PERSON_GROWTH, ORG_POOL, ORG_GROWTH, SKEW = 16_000, 0.83, 22_000, 0.74, 3
PERSON_SURNAME_ALONE, SHARED_SURNAMES, ACRONYMS, ORG_SHORT = 0.21, 0.3, 0.18, 0.6


def _server() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("set DATABASE_URL to a PostgreSQL server (database 'postgres')")
    return url


def _fresh_db() -> contextlib.AbstractContextManager[str]:
    """A fresh, migrated database on $DATABASE_URL's server, dropped afterwards (with the
    server required, bench_database never uses its folder)."""
    _server()
    return bench_database(Path(tempfile.gettempdir()))


# ----------------------------------------------------------------------- NLP: cluster vs local

def nlp(limit: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "reuters.jsonl"
        n = reuters_jsonl(corpus, limit)
        rates = {}
        for label, extra in (("--workers 2", ["--workers", "2"]),
                             ("--scheduler local:2", ["--scheduler", "local:2"])):
            with _fresh_db() as url:
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "etl", "load", str(corpus), "-q",
                                "--database-url", url, *extra], check=True)
                rates[label] = n / (time.perf_counter() - t)
            print(f"{label:22} {n} stories  {rates[label]:6.1f} articles/s", flush=True)
        ratio = rates["--scheduler local:2"] / rates["--workers 2"]
        print(f"cluster / local throughput: {ratio:.2f}")


# ----------------------------------------------------------------------- merge alone

_GENERATE = """
WITH a AS (SELECT g AS position, %(base)s + g AS n FROM generate_series(0, %(size)s - 1) g)
INSERT INTO staging_articles (load_run_id, batch, position, content_hash, url, source, title,
    body, authors, published_at, word_count, source_path, source_line, text_quality,
    extractor_version)
SELECT %(run)s, %(batch)s, position, md5(n::text) || md5((n + 1)::text),
       'https://news.example.org/' || n, 'Outlet ' || (n %% 50), 'Headline of story ' || n,
       repeat('Words of the synthetic story number ' || n || '. ', %(body)s / 40), '{}',
       timestamptz '2026-01-01' + n * interval '10 seconds', %(body)s / 6, 'synthetic.jsonl',
       n, 'good', 'bench'
FROM a;

-- entities: names drawn from bench_names (scripts/synthetic_names.py) with a skewed draw, so
-- that most resolve to rows already there and a few are named everywhere, as in news
INSERT INTO staging_entities (load_run_id, batch, position, kind, entity_index, name, key,
    surname_key, acronym, is_media, forms, form_keys, mention_count, first_offset,
    is_first_name, given_key, middle_key, skeleton, initials)
SELECT %(run)s, %(batch)s, position, kind, i, n.name, n.key, n.surname_key, n.acronym, false,
       n.forms, n.form_keys, m, 10 * i, n.is_first_name, n.given_key, n.middle_key, n.skeleton,
       n.initials
FROM (SELECT position, kind, pick, short, m,
             (row_number() OVER (PARTITION BY position, kind ORDER BY pick))::int - 1 AS i
      FROM (SELECT DISTINCT ON (position, kind, pick) position, kind, pick, short, m
            FROM (SELECT position, kind,
                         floor(CASE WHEN kind = 'person' THEN %(ppool)s ELSE %(opool)s END
                               * power(random(), %(skew)s))::int AS pick,
                         random() < CASE WHEN kind = 'person' THEN %(ps)s ELSE %(os)s END
                             AS short,
                         1 + floor(random() * 2 * (CASE WHEN kind = 'person' THEN %(pm)s
                                                        ELSE %(om)s END - 1))::int AS m
                  FROM generate_series(0, %(size)s - 1) position,
                       LATERAL (VALUES ('person', %(people)s), ('organisation', %(orgs)s))
                           v(kind, mean),
                       LATERAL generate_series(0, floor(random() * 2 * mean + random() + 0 * position)::int - 1)
                           e) x
            ORDER BY position, kind, pick) y) z
JOIN bench_names n USING (kind, pick, short);

INSERT INTO staging_mentions (load_run_id, batch, position, kind, entity_index, seq,
    start_offset, end_offset, text)
SELECT load_run_id, batch, position, kind, entity_index, s, 10 * entity_index + 50 * s,
       10 * entity_index + 50 * s + length(name), name
FROM staging_entities, generate_series(0, mention_count - 1) s
WHERE load_run_id = %(run)s AND batch = %(batch)s;

INSERT INTO staging_roles (load_run_id, batch, position, entity_index, seq, title,
    organisation_text)
SELECT load_run_id, batch, position, entity_index, 0, 'minister', NULL
FROM staging_entities WHERE load_run_id = %(run)s AND batch = %(batch)s AND kind = 'person'
  AND random() < %(roles)s / greatest(%(people)s, 0.01);

INSERT INTO staging_quotes (load_run_id, batch, position, seq, text, start_offset, end_offset,
    speaker_text, speaker_kind, speaker_person_index, cue, is_partial, kind, confidence,
    content, content_start_offset, content_end_offset, piece_starts, piece_ends)
SELECT %(run)s, %(batch)s, position, q, 'Words said in quote ' || q, 100 * q, 100 * q + 60,
       'he', 'person', NULL, 'said', false, 'direct', 0.8, 'Words said in quote ' || q,
       100 * q, 100 * q + 60, ARRAY[100 * q], ARRAY[100 * q + 60]
FROM generate_series(0, %(size)s - 1) position,
     LATERAL generate_series(0, floor(random() * 2 * %(quotes)s + random() + 0 * position)::int - 1) q;

INSERT INTO staging_topics (load_run_id, batch, position, qcode, score, rank)
SELECT %(run)s, %(batch)s, position, qcode, 1.0 / r, r
FROM generate_series(0, %(size)s - 1) position,
     LATERAL (SELECT qcode, row_number() OVER () AS r FROM
              (SELECT qcode FROM topics ORDER BY random() + 0 * position LIMIT
               (1 + floor(random() * 2 * (%(topics)s - 0.5) + 0 * position))::int) t) t;

INSERT INTO staging_keyphrases (load_run_id, batch, position, phrase, score, mention_count)
SELECT %(run)s, %(batch)s, position, 'phrase ' || floor(20000 * power(random(), 2))::int,
       random(), 1
FROM generate_series(0, %(size)s - 1) position,
     LATERAL generate_series(1, floor(random() * 2 * %(phrases)s + random() + 0 * position)::int)
ON CONFLICT DO NOTHING;

INSERT INTO staging_batches (load_run_id, batch, articles) VALUES (%(run)s, %(batch)s, %(size)s);
"""

_ROW_TABLES = ("articles", "people", "organisations", "person_aliases", "organisation_aliases",
               "article_people", "article_organisations", "mentions", "person_roles", "quotes",
               "article_topics", "article_keyphrases")


def _pools(articles: int) -> tuple[int, int]:
    """How many people and organisations the names of `articles` articles are drawn from."""
    n = max(articles, 2000) / REUTERS_ARTICLES
    return round(PERSON_POOL * n ** PERSON_GROWTH), round(ORG_POOL * n ** ORG_GROWTH)


def _stage_synthetic(conn, run_id: int, base: int, size: int, batch: str) -> None:
    people, orgs = _pools(base + size)
    params = {"run": run_id, "batch": batch, "base": base, "size": size, "body": BODY_CHARS,
              "ppool": people, "opool": orgs, "skew": SKEW, "ps": PERSON_SURNAME_ALONE,
              "os": ORG_SHORT, "people": PEOPLE, "orgs": ORGS, "pm": PERSON_MENTIONS,
              "om": ORG_MENTIONS, "roles": ROLES, "quotes": QUOTES, "topics": TOPICS,
              "phrases": PHRASES}
    with conn.transaction():
        for statement in _GENERATE.split(";\n"):
            if statement.strip():
                conn.execute(statement, params)


def _sizes(conn) -> tuple[int, int, int]:
    rows = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _ROW_TABLES)
    tables = sum(conn.execute("SELECT pg_table_size(%s)", (t,)).fetchone()[0]
                 for t in _ROW_TABLES)
    indexes = sum(conn.execute("SELECT pg_indexes_size(%s)", (t,)).fetchone()[0]
                  for t in _ROW_TABLES)
    return rows, tables, indexes


# The server settings the merge's figures depend on (docs/scaling.md, "The server").
_SETTINGS = ("server_version", "shared_buffers", "max_wal_size", "checkpoint_timeout",
             "work_mem", "synchronous_commit")


def merge_bench(targets: list[int], batch_size: int) -> None:
    from etl.load.merge import RESOLVE_EVERY, merge, resolve_touched
    from etl.load.runs import start_run
    with _fresh_db() as url:
        with psycopg.connect(url) as conn:
            # the figures depend on the server's memory and checkpoints: say what they were
            print("server: " + ", ".join(f"{name} {conn.execute(f'SHOW {name}').fetchone()[0]}"
                                         for name in _SETTINGS), flush=True)
            run_id = start_run(conn, "load", ["synthetic"])
            t = time.perf_counter()
            synthetic_names.create_pool(conn, max(_pools(max(targets))) + 1,
                                        shared_surnames=SHARED_SURNAMES, acronyms=ACRONYMS)
            print(f"name pool: {time.perf_counter() - t:.0f} s", flush=True)
            conn.execute("SELECT setseed(0.16)")
            conn.commit()        # each batch then commits on its own, as in a load
            done, merge_s, stage_s, prev_rows = 0, 0.0, 0.0, 0
            touched: list[int] = []     # the resolution step runs as in a load
            print("articles  stage s  merge s  merge art/s  ms/art(window)  rows/s(merge)  rows      "
                  "tables MB  indexes MB  people  organisations", flush=True)
            for target in sorted(targets):
                window_start, window_rows, window_done = merge_s, prev_rows, done
                while done < target:
                    size = min(batch_size, target - done)
                    batch = f"{done:012d}"
                    t = time.perf_counter()
                    _stage_synthetic(conn, run_id, done, size, batch)
                    stage_s += time.perf_counter() - t
                    t = time.perf_counter()
                    merge(conn, run_id, batch, touched)
                    resolve_touched(conn, touched, at_least=RESOLVE_EVERY)
                    merge_s += time.perf_counter() - t
                    done += size
                with conn.transaction():
                    rows, tables, indexes = _sizes(conn)
                    people, orgs = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                    for t in ("people", "organisations"))
                window = merge_s - window_start
                print(f"{done:8}  {stage_s:7.1f}  {merge_s:7.1f}  {done / merge_s:11.0f}  "
                      f"{1000 * window / (done - window_done):14.2f}  "
                      f"{(rows - window_rows) / window:13.0f}  {rows:8}  "
                      f"{tables / 2**20:9.0f}  {indexes / 2**20:10.0f}  {people:6}  "
                      f"{orgs:13}", flush=True)
                prev_rows = rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="part", required=True)
    a = sub.add_parser("nlp")
    a.add_argument("--limit", type=int, default=1000)
    b = sub.add_parser("merge")
    b.add_argument("--articles", type=int, nargs="+", default=[100_000, 300_000])
    b.add_argument("--batch-size", type=int, default=2000)
    args = ap.parse_args()
    if args.part == "nlp":
        nlp(args.limit)
    else:
        merge_bench(args.articles, args.batch_size)


if __name__ == "__main__":
    main()
