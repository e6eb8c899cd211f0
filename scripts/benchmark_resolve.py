"""Benchmark the resolution step (etl/resolve/) on generated people: N people rows, each named
in one article by its full name, and a fifth of them named again in another article by the
surname alone; some surnames are shared by several people, some spelt two ways.

    python scripts/benchmark_resolve.py                   # 1,000,000 people rows
    python scripts/benchmark_resolve.py --people 100000

It times the resolution of everything (`newsetl resolve`), the first time and again, and the
resolution after a load of 2,000 of the articles. The database is a fresh one on $DATABASE_URL's server when set,
else on a temporary embedded server. Nothing here is a test: it prints figures.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import bench_database  # noqa: E402
from etl.resolve.resolve import resolve  # noqa: E402

# Generated rows, set-based: article i names person i by full name; every fifth person is named
# again, surname alone, in article i + 1. Surnames are random strings of seven letters (vowels
# about as frequent as in English names); every 50th person shares a surname with the next one,
# every 200th is spelt with an extra last letter.
GENERATE = """
INSERT INTO load_runs (id, command, extractor_version, newsetl_version)
    OVERRIDING SYSTEM VALUE VALUES (1, 'benchmark', 'benchmark', 'benchmark');
INSERT INTO articles (id, content_hash, body, word_count, source_path, extractor_version,
                      load_run_id, published_at) OVERRIDING SYSTEM VALUE
SELECT i, md5(i::text), 'generated', 1, 'generated', 'benchmark', 1,
       timestamptz '2026-01-01' + (i % 365) * interval '1 day'
FROM generate_series(1, %(n)s + 1) i;
CREATE TEMP TABLE gen AS
SELECT i, g.given, (SELECT string_agg(substr('abcdefghijklmnopqrstuvwxyzaeiou',
                                              1 + get_byte(h, b) % 31, 1), '' ORDER BY b)
                    FROM generate_series(0, 6) b)
                   || CASE WHEN i % 200 = 0 THEN 'y' ELSE '' END AS surname
FROM generate_series(1, %(n)s) i,
     LATERAL (SELECT decode(md5((CASE WHEN i % 50 = 1 THEN i - 1 ELSE i END)::text), 'hex') AS h) m,
     LATERAL (SELECT (ARRAY['anna', 'ben', 'carla', 'dmitri', 'elena', 'farid', 'grace',
                            'hiro', 'ines', 'jonas'])[1 + i % 10] AS given) g;
INSERT INTO people (id, name, key, surname_key) OVERRIDING SYSTEM VALUE
SELECT i, given || ' ' || surname, given || ' ' || surname, surname FROM gen;
INSERT INTO entity_occurrences (article_id, kind, entity_index, person_id, name, name_key,
    given_key, middle_key, surname_key, skeleton, forms, form_keys, mention_count, first_offset)
SELECT i, 'person', 0, i, given || ' ' || surname, given || ' ' || surname, given, '', surname,
       regexp_replace(surname, '[aeiouy]', '', 'g'), ARRAY[given || ' ' || surname],
       ARRAY[given || ' ' || surname], 1, 0
FROM gen;
INSERT INTO entity_occurrences (article_id, kind, entity_index, person_id, name, name_key,
    given_key, middle_key, surname_key, skeleton, forms, form_keys, mention_count, first_offset)
SELECT i + 1, 'person', 1, i, surname, surname, NULL, '', surname,
       regexp_replace(surname, '[aeiouy]', '', 'g'), ARRAY[surname], ARRAY[surname], 1, 10
FROM gen WHERE i % 5 = 0;
INSERT INTO article_people (article_id, person_id, name_in_article, mention_count, first_offset)
SELECT article_id, person_id, name, mention_count, first_offset FROM entity_occurrences;
SELECT setval(pg_get_serial_sequence('people', 'id'), %(n)s);
SELECT setval(pg_get_serial_sequence('articles', 'id'), %(n)s + 1);
ANALYZE;
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=1_000_000, help="people rows to generate")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsetl-bench-"))
    try:
        with bench_database(tmp) as url:
            _time_resolution(url, args.people)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _time_resolution(url: str, n: int) -> None:
    with psycopg.connect(url) as conn:
        t = time.perf_counter()
        conn.execute(GENERATE.replace("%(n)s", str(int(n))))
        conn.commit()
        print(f"generated {n:,} people rows in {time.perf_counter() - t:.1f} s",
              flush=True)
        t = time.perf_counter()
        counts = resolve(conn)
        print(f"everything, first time (every occurrence settled): "
              f"{time.perf_counter() - t:.1f} s; people {counts.people}", flush=True)
        t = time.perf_counter()
        counts = resolve(conn)
        print(f"everything again (nothing changed): {time.perf_counter() - t:.1f} s",
              flush=True)
        t = time.perf_counter()
        resolve(conn, touched=list(range(1000, 3000)))
        print(f"after a load of 2,000 articles (RESOLVE_EVERY): "
              f"{time.perf_counter() - t:.1f} s", flush=True)


if __name__ == "__main__":
    main()
