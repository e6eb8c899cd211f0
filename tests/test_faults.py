"""Faults a user meets: a database that is not newsetl's, an unreachable server, an article the
database refuses, a URL and a body that disagree with what is stored, a connection lost in the
middle of a load. Each ends with `Error: ...` and a non-zero exit, never a traceback, and the
next run completes."""
from __future__ import annotations

import itertools
import json
import string
import time

import psycopg
import pytest

from conftest import SAMPLES, TEMPLATE, _create, _drop, assert_same_contents, contents, query
from etl.load.isolate import merge_batch, resume_abandoned
from etl.load.runs import finish_run, start_run
from etl.load.stage import stage
from etl.model import RunCounts
from etl.model import Article, Extraction, ProcessedArticle
from etl.read.inputs import iter_inputs
from etl.clean.text import clean_all
from etl.extract.pipeline import process
from test_robustness import newsetl, write_corpus

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/news"


def _jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def _story(i: int, **extra) -> dict:
    return {"id": f"s{i}", "url": f"https://news.example.org/s{i}",
            "text": f"Mayor Anna Albers said on Monday that plan number {i} would go ahead. "
                    f"The council approved {i + 3} new buses.", **extra}


# --------------------------------------------------------------------- foreign databases

def test_a_database_that_is_not_newsetls_is_refused(empty_db_url, run_cli):
    with psycopg.connect(empty_db_url) as c:
        c.execute("CREATE TABLE customers (id int)")
        c.execute("CREATE VIEW good_customers AS SELECT * FROM customers")
    r = run_cli("load", SAMPLES, "--database-url", empty_db_url)
    assert r.exit_code == 1
    assert "Error: the database is not empty and is not a newsetl database" in r.output
    assert "public.customers, public.good_customers" in r.output and "--upgrade" in r.output
    assert query(empty_db_url, "SELECT to_regclass('articles')") == [(None,)]
    r = run_cli("load", SAMPLES, "--upgrade", "--database-url", empty_db_url)
    assert r.exit_code == 0, r.output
    assert query(empty_db_url, "SELECT count(*) FROM articles") == [(5,)]


def test_another_applications_alembic_revision_is_refused(empty_db_url, run_cli):
    with psycopg.connect(empty_db_url) as c:
        c.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
        c.execute("INSERT INTO alembic_version VALUES ('9f3c2a1b')")
    r = run_cli("load", SAMPLES, "--database-url", empty_db_url)
    assert r.exit_code == 1
    assert "revision 9f3c2a1b, which is not one of this newsetl's" in r.output
    assert "another application's database" in r.output


# --------------------------------------------------------------------- unreachable server

@pytest.mark.parametrize("args", [["stats"], ["db", "upgrade"], ["db", "current"],
                                  ["db", "check"], ["load", SAMPLES], ["reprocess"]])
def test_an_unreachable_server_is_an_error_not_a_traceback(args, run_cli):
    r = run_cli(*args, "--database-url", UNREACHABLE)
    assert r.exit_code == 1
    assert r.output.startswith("Error: ") and "Traceback" not in r.output
    assert "127.0.0.1" in r.output


def test_a_wrong_password_is_an_error_not_a_traceback(server_url, run_cli):
    from sqlalchemy.engine import make_url
    url = make_url(server_url)
    if not url.password:
        pytest.skip("this server trusts local connections (no password to get wrong)")
    wrong = url.set(password="wrong-" + url.password).render_as_string(hide_password=False)
    for args in (["stats"], ["db", "current"], ["db", "upgrade"], ["load", SAMPLES]):
        r = run_cli(*args, "--database-url", wrong)
        assert r.exit_code == 1, args
        assert r.output.startswith("Error: ") and "password authentication failed" in r.output


def test_stats_on_an_empty_database_says_what_to_do(empty_db_url, run_cli):
    r = run_cli("stats", "--database-url", empty_db_url)
    assert r.exit_code == 1 and "has no newsetl tables yet" in r.output


# --------------------------------------------------------------------- articles the database refuses

def _distinct_words(length: int) -> str:
    """`length` characters of words that are all different (letters only)."""
    out, size = [], 0
    for n in itertools.count():
        word = "q" + "".join(string.ascii_lowercase[(n // 26 ** k) % 26] for k in range(6))
        if size + len(word) + 1 > length:
            return " ".join(out)
        out.append(word)
        size += len(word) + 1


def _batch_with_a_refused_article(tmp_path) -> list[ProcessedArticle]:
    """Two articles extracted as usual and, between them, one whose body is too big for the
    search index (stored with nothing extracted: the parse of 990,000 characters takes
    minutes), which the database refuses."""
    _jsonl(tmp_path / "ok.jsonl", [_story(1), _story(2)])
    good = list(process(a for a in clean_all(iter_inputs([str(tmp_path / "ok.jsonl")]))))
    huge_text = _distinct_words(990_000)
    huge = Article(source_path="huge.txt", text=huge_text, title="Huge", url=None,
                   published_at=None, source=None, external_id=None,
                   content_hash="huge-" + str(len(huge_text)))
    return [good[0], ProcessedArticle(huge, Extraction()), good[1]]


def test_a_body_too_big_for_the_search_index_is_recorded_and_the_rest_of_its_batch_stored(
        db_url, tmp_path):
    batch = _batch_with_a_refused_article(tmp_path)
    counts = RunCounts(read=3)
    with psycopg.connect(db_url) as conn:
        run_id = start_run(conn, "load", ["test"])
        stage(conn, run_id, "b", batch)
        merge_batch(conn, run_id, "b", counts)
        assert finish_run(conn, run_id, counts) == "partial"
    assert (counts.inserted, counts.errors) == (2, 1)
    assert "string is too long for tsvector" in counts.error_messages[0]
    assert counts.error_messages[0].startswith("huge.txt: the database refused this article")
    assert query(db_url, "SELECT external_id FROM articles ORDER BY 1") == [("s1",), ("s2",)]
    assert query(db_url, "SELECT count(*) FROM article_people") == [(2,)]
    rows = query(db_url, "SELECT source_path, message FROM load_errors")
    assert rows[0][0] == "huge.txt" and "string is too long for tsvector" in rows[0][1]


def test_a_killed_runs_batch_with_a_refused_article_is_merged_around_it_by_the_next_run(
        db_url, tmp_path):
    # A run staged a batch and died before merging it; one of its articles is one the database
    # refuses. The next run merges the batch article by article and records the refused one
    # under the run that read it.
    with psycopg.connect(db_url) as dead:
        killed = start_run(dead, "load", ["test"])
        stage(dead, killed, "b", _batch_with_a_refused_article(tmp_path))
    # its connection is gone, and with it the run's lock
    with psycopg.connect(db_url) as conn:
        run_id = start_run(conn, "load", ["test"])
        touched: list[int] = []
        assert resume_abandoned(conn, run_id, touched) == 1
    stored = query(db_url, "SELECT id, external_id FROM articles ORDER BY 2")
    assert [e for _, e in stored] == ["s1", "s2"] and sorted(touched) == sorted(i for i, _ in stored)
    assert query(db_url, "SELECT load_run_id, source_path, message LIKE '%%tsvector%%' "
                         "FROM load_errors") == [(killed, "huge.txt", True)]
    assert query(db_url, "SELECT id, articles_inserted, errors FROM load_runs ORDER BY id") == [
        (killed, 2, 1), (run_id, 0, 0)]
    assert query(db_url, "SELECT count(*) FROM staging_articles") == [(0,)]


def test_an_article_that_breaks_a_constraint_is_recorded_and_the_run_completes(
        db_url, run_cli, tmp_path):
    with psycopg.connect(db_url) as c:
        c.execute("ALTER TABLE articles ADD CONSTRAINT no_embargoed_titles "
                  "CHECK (title NOT LIKE 'EMBARGOED%')")
    _jsonl(tmp_path / "in.jsonl", [_story(1, title="Buses"), _story(2, title="EMBARGOED: buses"),
                                   _story(3, title="More buses")])
    r = run_cli("load", tmp_path / "in.jsonl", "--database-url", db_url)
    assert r.exit_code == 1
    assert "no_embargoed_titles" in r.output and "Traceback" not in r.output
    assert query(db_url, "SELECT external_id FROM articles ORDER BY 1") == [("s1",), ("s3",)]
    assert query(db_url, "SELECT line, message LIKE '%%no_embargoed_titles%%' "
                         "FROM load_errors") == [(2, True)]
    assert query(db_url, "SELECT status, articles_inserted, errors FROM load_runs") == [
        ("partial", 2, 1)]


# --------------------------------------------------------------------- URL and body disagree

@pytest.mark.parametrize("bump", [False, True], ids=["same-extractor", "newer-extractor"])
def test_a_known_body_at_another_articles_url_changes_neither_url(db_url, run_cli, tmp_path,
                                                                  bump):
    """X is stored with (u1, body 1), Y with (u2, body 2); an input (u1, body 2) arrives. The
    body decides: the input is Y, and u1 stays with X, which keeps its body."""
    x, y = _story(1), _story(2)
    _jsonl(tmp_path / "first.jsonl", [x, y])
    assert run_cli("load", tmp_path / "first.jsonl", "--database-url", db_url).exit_code == 0
    if bump:
        with psycopg.connect(db_url) as c:
            c.execute("UPDATE articles SET extractor_version = '0'")
    _jsonl(tmp_path / "second.jsonl", [dict(y, id="s2b", url=x["url"])])
    r = run_cli("load", tmp_path / "second.jsonl", "--database-url", db_url)
    assert r.exit_code == 0, r.output
    rows = query(db_url, "SELECT url, left(body, 40) FROM articles ORDER BY url")
    assert rows == [(x["url"], x["text"][:40]), (y["url"], y["text"][:40])]
    expected = (0, 1, 0) if bump else (0, 0, 1)
    assert query(db_url, "SELECT articles_inserted, articles_updated, articles_unchanged "
                         "FROM load_runs ORDER BY id DESC LIMIT 1") == [expected]


def test_a_changed_body_at_a_known_url_updates_that_article(db_url, run_cli, tmp_path):
    _jsonl(tmp_path / "a.jsonl", [_story(1)])
    _jsonl(tmp_path / "b.jsonl", [_story(1, text=_story(9)["text"])])
    for f in ("a.jsonl", "b.jsonl"):
        assert run_cli("load", tmp_path / f, "--database-url", db_url).exit_code == 0
    assert query(db_url, "SELECT url, body FROM articles") == [
        (_story(1)["url"], _story(9)["text"])]


# --------------------------------------------------------------------- a connection lost mid-load

def test_a_connection_lost_mid_load_is_an_error_and_the_next_run_completes(
        db_url, server_url, tmp_path, run_cli):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 0, 40)
    proc = newsetl("load", "--batch-size", "4", "--database-url", db_url, corpus)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if query(db_url, "SELECT coalesce(max(articles_inserted), 0) FROM load_runs")[0][0] >= 8:
            break
        time.sleep(0.05)
    # what a server restart does to the load's connections
    query(db_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    assert "Error: lost the connection to the database" in err and "Traceback" not in err
    stored = query(db_url, "SELECT count(*) FROM articles")[0][0]
    assert 0 < stored < 40
    r = run_cli("load", "-q", corpus, "--database-url", db_url)
    assert r.exit_code == 0, r.output
    assert query(db_url, "SELECT status FROM load_runs ORDER BY id") == [("interrupted",),
                                                                        ("succeeded",)]
    name, clean = _create(server_url, TEMPLATE)
    try:
        assert run_cli("load", "-q", corpus, "--database-url", clean).exit_code == 0
        assert_same_contents(contents(db_url), contents(clean))
    finally:
        _drop(server_url, name)


def test_a_schema_of_its_own_in_a_shared_database(empty_db_url, run_cli):
    with psycopg.connect(empty_db_url) as c:
        c.execute("CREATE TABLE customers (id int)")
        c.execute("CREATE SCHEMA news")
    url = empty_db_url + "?options=-csearch_path%3Dnews"
    r = run_cli("load", SAMPLES, "--database-url", url)
    assert r.exit_code == 0, r.output
    assert query(empty_db_url, "SELECT count(*) FROM news.articles") == [(5,)]
    assert query(empty_db_url, "SELECT to_regclass('public.articles')") == [(None,)]
    assert query(empty_db_url, "SELECT count(*) FROM news.alembic_version") == [(1,)]
    for args in (["stats"], ["db", "check"]):
        r = run_cli(*args, "--database-url", url)
        assert r.exit_code == 0, r.output
    r = run_cli("load", SAMPLES, "--database-url", empty_db_url + "?options=-csearch_path%3Dnope")
    assert r.exit_code == 1 and "create it first" in r.output
