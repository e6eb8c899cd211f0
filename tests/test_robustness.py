"""Crash safety, concurrent loads, parallel workers and reprocess."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from conftest import FIRST_READ_FROM, ROOT, SAMPLES, TEMPLATE, _create, _drop, \
    assert_same_contents, contents, query

FIRST = ["Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
LAST = ["Albers", "Brandt", "Castro", "Dumont", "Eriksen", "Fischer", "Garcia", "Horvat",
        "Ivanova", "Jansen"]
TOWNS = ["Port Ellery", "Kelston", "Wexford", "Redport", "Castleford"]


def write_corpus(path, start: int, count: int) -> None:
    """Short invented articles, each with a person, an organisation and a quote."""
    with path.open("w") as f:
        for i in range(start, start + count):
            name = f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}"
            town = TOWNS[i % 5]
            text = (f"Mayor {name} of {town} announced on Monday that the council would spend "
                    f"{i + 2} million dollars on new schools. \"This is the most important "
                    f"investment the town has made in a generation,\" {name.split()[1]} said. "
                    f"The {town} Teachers Union welcomed plan number {i}.")
            f.write(json.dumps({"id": f"story-{i}", "title": f"{town} plans schools ({i})",
                                "url": f"https://news.example.org/{i}", "text": text}) + "\n")


def newsetl(*args) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "etl", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err


def test_killed_load_resumes_to_the_same_tables(db_url, server_url, tmp_path, run_cli):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 0, 80)

    proc = newsetl("load", "-q", "--batch-size", "4", "--database-url", db_url, corpus)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        done = query(db_url, "SELECT coalesce(max(articles_inserted), 0) FROM load_runs")[0][0]
        if done >= 8 or proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = query(db_url, "SELECT count(*) FROM articles")[0][0]
    assert 0 < killed_at < 80, "the load should have been killed part-way"
    # every stored article is complete: it has its people and quote
    assert query(db_url, """SELECT count(*) FROM articles a WHERE NOT EXISTS
                            (SELECT 1 FROM article_people p WHERE p.article_id = a.id)""") == [(0,)]

    finish(newsetl("load", "-q", "--batch-size", "4", "--database-url", db_url, corpus))
    # the killed run is marked by the next one
    assert query(db_url, "SELECT status FROM load_runs ORDER BY id") == [("interrupted",),
                                                                        ("succeeded",)]

    name, clean_url = _create(server_url, TEMPLATE)
    try:
        assert run_cli("load", "-q", corpus, "--database-url", clean_url).exit_code == 0
        assert_same_contents(contents(db_url), contents(clean_url))
    finally:
        _drop(server_url, name)
    assert query(db_url, "SELECT count(*) FROM articles") == [(80,)]


def test_concurrent_overlapping_loads_make_no_duplicates(db_url, server_url, tmp_path, run_cli):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_corpus(a, 0, 40)
    write_corpus(b, 20, 40)        # stories 20..39 are in both
    procs = [newsetl("load", "-q", "--batch-size", "5", "--database-url", db_url, f)
             for f in (a, b)]
    for p in procs:
        finish(p)
    assert query(db_url, "SELECT count(*), count(DISTINCT url) FROM articles") == [(60, 60)]
    name, sequential = _create(server_url, TEMPLATE)
    try:
        for f in (a, b):
            assert run_cli("load", "-q", f, "--database-url", sequential).exit_code == 0
        assert_same_contents(contents(db_url, FIRST_READ_FROM),
                             contents(sequential, FIRST_READ_FROM))
    finally:
        _drop(server_url, name)


def test_workers_give_the_same_tables(db_url, server_url, run_cli):
    assert run_cli("load", SAMPLES, "--workers", "2", "--database-url", db_url).exit_code == 0
    name, other = _create(server_url, TEMPLATE)
    try:
        assert run_cli("load", SAMPLES, "--database-url", other).exit_code == 0
        assert_same_contents(contents(db_url), contents(other))
    finally:
        _drop(server_url, name)


def test_reprocess_reextracts_articles_of_an_older_extractor(db_url, run_cli):
    assert run_cli("load", SAMPLES, "--database-url", db_url).exit_code == 0
    before = contents(db_url)
    with __import__("psycopg").connect(db_url) as c:
        c.execute("UPDATE articles SET extractor_version = '0' WHERE title LIKE 'Council%'")
        c.execute("DELETE FROM quotes WHERE article_id IN "
                  "(SELECT id FROM articles WHERE extractor_version = '0')")
    r = run_cli("reprocess", "--database-url", db_url)
    assert r.exit_code == 0, r.output
    assert contents(db_url) == before
    assert query(db_url, "SELECT command, articles_updated FROM load_runs ORDER BY id DESC "
                         "LIMIT 1") == [("reprocess", 1)]
    r = run_cli("reprocess", "--database-url", db_url)
    assert query(db_url, "SELECT articles_read FROM load_runs ORDER BY id DESC LIMIT 1") == [(0,)]


def test_reextraction_removes_people_no_article_names_any_more(db_url, run_cli):
    assert run_cli("load", SAMPLES, "--database-url", db_url).exit_code == 0
    people_before = query(db_url, "SELECT count(*) FROM people")
    with __import__("psycopg").connect(db_url) as c:
        # what an older extractor might have left: a title taken for part of a name
        (pid,) = c.execute("INSERT INTO people (name, key, surname_key) VALUES "
                           "('Councillor Reyes', 'councillor reyes', 'reyes') RETURNING id").fetchone()
        (aid,) = c.execute("SELECT id FROM articles WHERE title LIKE 'Council%'").fetchone()
        c.execute("INSERT INTO article_people VALUES (%s, %s, 'Councillor Reyes', 1, 0)", (aid, pid))
        c.execute("INSERT INTO mentions (article_id, person_id, start_offset, end_offset, text) "
                  "VALUES (%s, %s, 0, 7, 'Council')", (aid, pid))
        c.execute("UPDATE articles SET extractor_version = '0' WHERE id = %s", (aid,))
    assert run_cli("reprocess", "--database-url", db_url).exit_code == 0
    assert query(db_url, "SELECT count(*) FROM people WHERE id = %s", (pid,)) == [(0,)]
    assert query(db_url, "SELECT count(*) FROM people") == people_before


def test_two_loads_and_a_reprocess_at_once_give_the_tables_of_one_after_the_other(
        db_url, server_url, tmp_path, run_cli):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    write_corpus(a, 0, 30)
    write_corpus(b, 20, 30)        # 20..29 are in a and b, 40..49 in b and c
    write_corpus(c, 40, 30)
    stale = "UPDATE articles SET extractor_version = '0' WHERE external_id <= 'story-2'"

    def prepare(url):
        assert run_cli("load", a, "--database-url", url).exit_code == 0
        query_exec(url, stale)

    prepare(db_url)
    procs = [newsetl("load", "-q", "--batch-size", "4", "--database-url", db_url, f)
             for f in (b, c)] + [newsetl("reprocess", "-q", "--batch-size", "4",
                                         "--database-url", db_url)]
    for p in procs:
        finish(p)
    assert query(db_url, "SELECT count(*), count(DISTINCT url), count(DISTINCT content_hash) "
                         "FROM articles") == [(70, 70, 70)]
    assert query(db_url, "SELECT count(*) FROM articles WHERE extractor_version = '0'") == [(0,)]
    name, sequential = _create(server_url, TEMPLATE)
    try:
        prepare(sequential)
        for args in (["load", b], ["load", c], ["reprocess"]):
            assert run_cli(*args, "--database-url", sequential).exit_code == 0
        assert_same_contents(contents(db_url, FIRST_READ_FROM),
                             contents(sequential, FIRST_READ_FROM))
    finally:
        _drop(server_url, name)


def query_exec(url: str, sql: str) -> None:
    with __import__("psycopg").connect(url) as conn:
        conn.execute(sql)
