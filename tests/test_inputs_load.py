"""Real-world inputs through `newsetl load`: formats end to end, and a corpus of bad files."""
from __future__ import annotations

import gzip
import json
import os

from conftest import SEED, query
from test_read import PAGE, _warc

BODY = ("Mayor Angela Whitford of Port Ellery said on Monday that the harbour bridge would "
        "reopen in the spring. \"We are nearly there,\" Whitford told reporters.")


def test_html_warc_and_gzip_load_end_to_end(db_url, run_cli, tmp_path):
    (tmp_path / "page.html").write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    _warc(tmp_path / "crawl.warc.gz", gz=True)
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(BODY.encode()))
    r = run_cli("load", tmp_path, "--database-url", db_url)
    assert r.exit_code == 0, r.output
    # The page and both WARC responses name the same canonical URL: one article, holding the
    # text read last. The gzipped text file has no URL.
    rows = query(db_url, "SELECT url, authors, published_at IS NOT NULL, fetched_at IS NOT NULL, "
                         "body LIKE '%Ann Other%' FROM articles ORDER BY url NULLS LAST")
    assert rows == [("https://example.org/news/bridge", ["Jane Doe"], True, True, True),
                    (None, [], False, False, False)]


def test_field_mapping_on_the_command_line(db_url, run_cli, tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"headline": "Bridge to reopen", "story": BODY,
                             "link": "https://example.org/b", "date": "3 March 2025"}) + "\n")
    r = run_cli("load", f, "--field", "text=story", "--field", "title=headline",
                "--database-url", db_url)
    assert r.exit_code == 0, r.output
    assert query(db_url, "SELECT title, url, published_at::date::text FROM articles") == [
        ("Bridge to reopen", "https://example.org/b", "2025-03-03")]


def test_bad_file_corpus_fails_one_file_at_a_time(db_url, run_cli, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text(BODY)
    (corpus / "nul.txt").write_bytes(BODY.replace("spring", "sum\x00mer").encode())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    data = gzip.compress((BODY * 300).encode())
    (corpus / "truncated.txt.gz").write_bytes(data[: len(data) // 2])
    (corpus / "invalid.txt").write_bytes(
        b"Some words here " + bytes([0x81, 0x8D, 0x90, 0xFE, 0xFF, 0x9D, 0xA4, 0xBF]) * 20)
    (corpus / "feed.jsonl").write_text(json.dumps({"text": BODY.replace("Monday", "Friday")})
                                       + "\n" + '{"text": "unclosed\n')
    (corpus / "nothing.html").write_text("<html><head><title>Home</title></head><body><nav>"
                                         "Home</nav></body></html>")
    with open(corpus / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    os.symlink(corpus, corpus / "sub" / "loop")

    r = run_cli("load", corpus, "--database-url", db_url)
    assert r.exit_code == 1
    errors = query(db_url, "SELECT source_path, line, message FROM load_errors ORDER BY 1, 2")
    failed = {os.path.relpath(path, corpus): line for path, line, _ in errors}
    assert failed == {"empty.txt": None, "binary.txt": None, "truncated.txt.gz": None,
                      "invalid.txt": None, "feed.jsonl": 2, "nothing.html": None,
                      "huge.txt": None, "sub/loop": None}
    for path, line, message in errors:
        where = f"{path}:{line}" if line else path
        assert f"Error: {where}: {message}" in r.output
    # the good file, the cleaned NUL file and the good JSON line are loaded, complete
    assert query(db_url, "SELECT count(*) FROM articles") == [(3,)]
    assert query(db_url, "SELECT count(*) FROM articles WHERE body LIKE '%summer%'") == [(1,)]
    assert query(db_url, """SELECT count(*) FROM articles a WHERE NOT EXISTS
                            (SELECT 1 FROM quotes q WHERE q.article_id = a.id)""") == [(0,)]
    assert query(db_url, "SELECT status, errors, articles_inserted FROM load_runs") == [
        ("partial", 8, 3)]


def test_seed_boilerplate_is_kept_apart(db_url, run_cli):
    if not SEED.exists():
        import pytest
        pytest.skip("the shared seed article is not beside the project")
    assert run_cli("load", SEED, "--database-url", db_url).exit_code == 0
    [(body, boilerplate)] = query(db_url, "SELECT body, boilerplate FROM articles")
    assert body.rstrip().endswith("socialist program.")
    assert "Please donate today!" in boilerplate
    assert "Friedrich Merz" not in body
    names = {r[0] for r in query(db_url, "SELECT name FROM people")}
    assert "Friedrich Merz" not in names
