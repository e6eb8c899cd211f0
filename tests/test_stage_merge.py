"""The two load steps: stage (COPY into staging tables) and merge (set-based, into the tables).
Staging or merging a batch twice, or killing a load at any point, leaves no duplicate rows."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import psycopg
import pytest

from conftest import ROOT, SAMPLES, query
from test_cluster import _corpus, snapshot

from etl.model import (Article, Entity, Extraction, KeyPhrase, Mention, ProcessedArticle,
                       Quote, Role, Speaker, TopicScore)


def _article(text: str) -> Article:
    return Article(source_path="x.txt", text=text, title="T", url=None, published_at=None,
                   source=None, external_id=None, content_hash=str(hash(text)))


def test_article_rows_refer_to_entities_of_the_same_article_by_index():
    from etl.load.stage import article_rows
    text = "Mark Rutte of NATO told Politico: \"We stand.\" The alliance agreed."
    x = Extraction(
        people=[Entity("person", "Mark Rutte", mentions=[Mention(0, 10, "Mark Rutte")],
                       roles=[Role("Secretary General", organisation="Nato")]),
                Entity("person", "", mentions=[Mention(60, 61, "?")])],     # no key: dropped
        organisations=[Entity("organisation", "Politico", is_media=True,
                              mentions=[Mention(24, 32, "Politico")]),
                       Entity("organisation", "North Atlantic Treaty Organization",
                              acronym="NATO", mentions=[Mention(14, 18, "NATO")])],
        quotes=[Quote("We stand.", 34, 45, Speaker("Mark Rutte", "Mark Rutte", "person", 0,
                                                   organisation="NATO"), medium="Politico"),
                Quote("We stand.", 34, 45, None)],                           # same span: once
        topics=[TopicScore("medtop:11000000", "politics", 0.9),
                TopicScore("medtop:11000000", "politics", 0.1)],
        keyphrases=[KeyPhrase("alliance", 0.5), KeyPhrase("alliance", 0.2)])
    rows = article_rows(ProcessedArticle(_article(text), x))
    assert [r[:4] for r in rows["staging_entities"]] == [
        ("person", 0, "Mark Rutte", "mark rutte"), ("organisation", 0, "Politico", "politico"),
        ("organisation", 1, "North Atlantic Treaty Organization",
         "north atlantic treaty organization")]
    # the role's "Nato" and the speaker's "NATO" are organisation 1, the outlet organisation 0
    assert [(r[0], r[2], r[3]) for r in rows["staging_roles"]] == [(0, "Secretary General", 1)]
    [q] = rows["staging_quotes"]
    assert (q[7], q[8], q[9], q[14]) == (0, None, 1, 0)
    assert rows["staging_topics"] == [("medtop:11000000", 0.9, 1)]
    assert rows["staging_keyphrases"] == [("alliance", 0.5, 1)]


@pytest.fixture(scope="module")
def processed():
    from etl.clean.text import clean_all
    from etl.extract.pipeline import process
    from etl.read.inputs import iter_inputs
    return list(process(a for a in clean_all(iter_inputs([str(SAMPLES)]))))


def test_staging_or_merging_a_batch_twice_leaves_one_copy(db_url, processed):
    from etl.load.merge import merge
    from etl.load.runs import start_run
    from etl.load.stage import stage
    with psycopg.connect(db_url) as conn:
        run = start_run(conn, "load", ["samples"])
        stage(conn, run, "a", processed[:3])
        stage(conn, run, "a", processed[:3])          # a retried task
        assert query(db_url, "SELECT count(*) FROM staging_articles") == [(3,)]
        stage(conn, run, "b", processed[3:])
        assert merge(conn, run, "a") == (3, 0)
        assert merge(conn, run, "a") == (0, 0)        # merged already: nothing
        assert merge(conn, run, "b") == (len(processed) - 3, 0)
        once = snapshot(db_url)
        stage(conn, run, "a", processed[:3])          # a partition rerun after its merge
        assert merge(conn, run, "a") == (0, 3)
    again = snapshot(db_url)
    assert again == once and once["quotes"] and once["people"] and once["staging"] == []


def test_a_killed_load_is_resumed_by_the_next_one(db_url, server_url, template_db, tmp_path,
                                                   run_cli):
    from conftest import _create, _drop
    corpus = _corpus(tmp_path, n=40)
    name, clean_url = _create(server_url, template_db)
    try:
        run_cli("load", corpus, "--database-url", clean_url, "--batch-size", "3")
        want = snapshot(clean_url)
    finally:
        _drop(server_url, name)
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", corpus, "-q",
                             "--database-url", db_url, "--batch-size", "3"], cwd=ROOT)
    try:
        for _ in range(6000):
            if query(db_url, "SELECT count(*) FROM articles")[0][0] >= 6 or proc.poll() is not None:
                break
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    killed = query(db_url, "SELECT count(*) FROM articles")[0][0]
    assert 0 < killed < len(want["articles"])
    result = run_cli("load", corpus, "--database-url", db_url, "--batch-size", "3")
    assert result.exit_code == 1                      # the bad line, again
    got = snapshot(db_url)
    for table in SNAPSHOT_WITHOUT_RUNS:
        assert got[table] == want[table], table


SNAPSHOT_WITHOUT_RUNS = ("articles", "people", "organisations", "person_aliases",
                         "organisation_aliases", "article_people", "article_organisations",
                         "mentions", "person_roles", "quotes", "article_topics",
                         "article_keyphrases", "staging")
