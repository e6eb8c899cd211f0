"""Loads on a Dask cluster (`--scheduler`) against a real PostgreSQL: the tables after a cluster
load equal those after a local load, a worker killed mid-task changes nothing, and partitions
read the same articles as the local reader."""
from __future__ import annotations

import json
import os
import signal
import threading
import time

import fsspec
import pytest

from conftest import SAMPLES, _create, _drop, query

# Every table, with foreign keys replaced by natural keys: ids and timestamps aside.
SNAPSHOT = {
    "articles": """SELECT a.content_hash, a.url, s.name, a.external_id, a.title, a.body,
        a.boilerplate, a.authors, a.published_at, a.fetched_at, a.word_count, a.source_path,
        a.source_line, a.extractor_version FROM articles a LEFT JOIN sources s
        ON s.id = a.source_id""",
    "people": "SELECT name, key, surname_key FROM people",
    "organisations": "SELECT name, key, acronym, is_media FROM organisations",
    "person_aliases": """SELECT p.key, x.alias, x.alias_key FROM person_aliases x
        JOIN people p ON p.id = x.person_id""",
    "organisation_aliases": """SELECT o.key, x.alias, x.alias_key FROM organisation_aliases x
        JOIN organisations o ON o.id = x.organisation_id""",
    "article_people": """SELECT a.content_hash, p.key, x.name_in_article, x.mention_count,
        x.first_offset FROM article_people x JOIN articles a ON a.id = x.article_id
        JOIN people p ON p.id = x.person_id""",
    "article_organisations": """SELECT a.content_hash, o.key, x.name_in_article,
        x.mention_count, x.first_offset FROM article_organisations x
        JOIN articles a ON a.id = x.article_id JOIN organisations o ON o.id = x.organisation_id""",
    "mentions": """SELECT a.content_hash, p.key, o.key, x.start_offset, x.end_offset, x.text
        FROM mentions x JOIN articles a ON a.id = x.article_id
        LEFT JOIN people p ON p.id = x.person_id
        LEFT JOIN organisations o ON o.id = x.organisation_id""",
    "person_roles": """SELECT a.content_hash, p.key, x.title, o.key, x.organisation_text,
        x.start_offset, x.end_offset FROM person_roles x JOIN articles a ON a.id = x.article_id
        JOIN people p ON p.id = x.person_id LEFT JOIN organisations o
        ON o.id = x.organisation_id""",
    "quotes": """SELECT a.content_hash, x.text, x.start_offset, x.end_offset, x.speaker_text,
        x.speaker_name, x.speaker_kind, p.key, so.key, af.key, x.speaker_start_offset,
        x.speaker_end_offset, x.cue, x.medium_text, md.key, x.is_partial, x.kind, x.confidence
        FROM quotes x JOIN articles a ON a.id = x.article_id
        LEFT JOIN people p ON p.id = x.speaker_person_id
        LEFT JOIN organisations so ON so.id = x.speaker_organisation_id
        LEFT JOIN organisations af ON af.id = x.speaker_affiliation_id
        LEFT JOIN organisations md ON md.id = x.medium_organisation_id""",
    "article_topics": """SELECT a.content_hash, t.qcode, x.score, x.rank FROM article_topics x
        JOIN articles a ON a.id = x.article_id JOIN topics t ON t.id = x.topic_id""",
    "article_keyphrases": """SELECT a.content_hash, x.phrase, x.score, x.mention_count
        FROM article_keyphrases x JOIN articles a ON a.id = x.article_id""",
    "load_errors": "SELECT source_path, line, message FROM load_errors",
    "load_runs": """SELECT command, status, articles_read, articles_inserted, articles_updated,
        articles_unchanged, errors FROM load_runs""",
    "staging": "SELECT load_run_id, batch FROM staging_batches",
}


def snapshot(url: str) -> dict[str, list[tuple]]:
    return {t: sorted(query(url, sql), key=repr) for t, sql in SNAPSHOT.items()}


@pytest.fixture
def other_db_url(server_url, template_db) -> str:
    name, url = _create(server_url, template_db)
    yield url
    _drop(server_url, name)


def _corpus(folder, n: int = 24) -> str:
    """Small made-up stories, one JSON-lines file (with one bad line) and the samples."""
    people = [("Anna Berg", "mayor", "Northport City Council"),
              ("Tomas Reyes", "engineer", "Harbour Authority"),
              ("Li Wen", "spokeswoman", "Ministry of Transport")]
    lines = []
    for i in range(n):
        name, role, org = people[i % 3]
        surname = name.split()[-1]
        lines.append(json.dumps({
            "id": f"story-{i}", "title": f"Council vote number {i} on the harbour budget",
            "text": f"The {org} met on day {i} to discuss the budget. {name}, the {role}, said "
                    f"the vote would go ahead. \"We will build the new bridge by {2030 + i},\" "
                    f"{surname} told reporters. The interest rate on the loan was {i % 5} "
                    f"percent, the {org} said."}))
    lines.insert(5, "{not json")
    (folder / "stories.jsonl").write_text("\n".join(lines) + "\n")
    for f in SAMPLES.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    return str(folder)


def test_cluster_load_equals_local_load(db_url, other_db_url, run_cli, tmp_path):
    corpus = _corpus(tmp_path)
    local = run_cli("load", corpus, "--database-url", db_url, "--batch-size", "7")
    cluster = run_cli("load", corpus, "--database-url", other_db_url, "--batch-size", "7",
                      "--scheduler", "local:2")
    assert local.exit_code == cluster.exit_code == 1      # the bad line
    want, got = snapshot(db_url), snapshot(other_db_url)
    assert want["load_errors"] == [(f"{corpus}/stories.jsonl", 6, "malformed JSON: Expecting "
                                    "property name enclosed in double quotes (column 2)")]
    assert len(want["articles"]) == 29 and want["quotes"] and want["staging"] == []
    for table in SNAPSHOT:
        assert got[table] == want[table], table
    # loading again on the cluster: nothing new, nothing extracted
    again = run_cli("load", corpus, "--database-url", other_db_url, "--scheduler", "local:2")
    assert "29 unchanged" in again.output
    assert snapshot(other_db_url)["articles"] == want["articles"]


def test_a_worker_killed_mid_task_changes_nothing(db_url, other_db_url, tmp_path):
    from distributed import Client, LocalCluster

    from etl.run import load
    corpus = tmp_path / "in"
    corpus.mkdir()
    _corpus(corpus, n=60)
    load(db_url, [str(corpus)], batch_size=4)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0",
                      silence_logs=50) as cluster, Client(cluster) as client:
        done = threading.Thread(target=load, args=(other_db_url, [str(corpus)]),
                                kwargs={"batch_size": 4, "scheduler": cluster.scheduler_address})
        done.start()
        victim = _worker_staging(client, other_db_url, "stories.jsonl")
        pid = client.run(os.getpid)[victim]
        os.kill(pid, signal.SIGKILL)
        done.join(timeout=600)
    assert not done.is_alive()
    assert snapshot(other_db_url) == snapshot(db_url)


def _worker_staging(client, url: str, file: str) -> str:
    """The worker that runs the task of `file` once it has staged a batch."""
    for _ in range(3000):
        staged = query(url, "SELECT count(*) FROM staging_batches")[0][0]
        busy = [w for w, keys in client.processing().items() if keys]
        if staged and busy:
            for w in busy:
                for key in client.processing()[w]:
                    if query(url, "SELECT 1 FROM staging_batches WHERE batch LIKE %s",
                             (key.rsplit("-", 1)[1].zfill(7) + ".%",)):
                        return w
        time.sleep(0.1)
    raise AssertionError("no task was ever seen staging")


def test_partitions_read_what_the_local_reader_reads(tmp_path):
    from etl.read.inputs import iter_inputs
    from etl.read.partitions import plan, read_partition
    corpus = _corpus(tmp_path)
    data = (tmp_path / "stories.jsonl").read_bytes()
    with fsspec.open("memory://corpus/stories.jsonl", "wb") as f:
        f.write(data)

    def summary(items):
        return [(type(r).__name__, r.line, getattr(r, "external_id", None),
                 getattr(r, "text", None) or getattr(r, "problem", None)) for r in items]

    want = summary(iter_inputs([corpus]))
    parts = list(plan([corpus], block_bytes=500))
    assert len(parts) > 6                       # the JSON-lines file is cut into blocks
    assert summary(r for p in parts for r in read_partition(p)) == want
    mem = list(plan(["memory://corpus/"], block_bytes=500))
    assert len(mem) > 3 and {p.url for p in mem} == {"memory:///corpus/stories.jsonl"}
    assert summary(r for p in mem for r in read_partition(p)) == \
        summary(iter_inputs([str(tmp_path / "stories.jsonl")]))


def test_a_bad_scheduler_is_an_error_not_a_traceback(db_url, run_cli):
    from click.testing import CliRunner

    from etl.cli import cli
    result = CliRunner().invoke(cli, ["load", str(SAMPLES), "--database-url", db_url,
                                      "--scheduler", "local:zero"])
    assert result.exit_code == 1
    assert "Error: cannot use the Dask scheduler 'local:zero'" in result.output
    both = CliRunner().invoke(cli, ["load", str(SAMPLES), "--database-url", db_url,
                                    "--scheduler", "local:2", "--workers", "2"])
    assert both.exit_code == 2 and "--workers is for this machine" in both.output
    assert query(db_url, "SELECT count(*) FROM articles") == [(0,)]
