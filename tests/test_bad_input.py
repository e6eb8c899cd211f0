"""Bad inputs: one clear error each, the rest still loads, the run records the failures."""
from __future__ import annotations

from conftest import query


def test_bad_files_are_reported_and_the_rest_loads(db_url, run_cli, tmp_path):
    (tmp_path / "good.txt").write_text("Mayor Angela Whitford opened the new library on Monday.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "mixed.jsonl").write_text(
        '{"text": "Councillor Tomas Reyes voted against the plan."}\n'
        '{"text": "broken\n'
        '{"title": "no body here"}\n')
    result = run_cli("load", tmp_path, "--database-url", db_url)
    assert result.exit_code == 1
    err = result.output
    assert f"{tmp_path / 'empty.txt'}: file is empty" in err
    assert f"{tmp_path / 'binary.txt'}: file is binary" in err
    assert f"{tmp_path / 'mixed.jsonl'}:2: malformed JSON" in err
    assert f"{tmp_path / 'mixed.jsonl'}:3: record has no article text" in err
    assert query(db_url, "SELECT count(*) FROM articles") == [(2,)]
    assert query(db_url, "SELECT status, errors FROM load_runs") == [("partial", 4)]
    errors = query(db_url, "SELECT source_path, line FROM load_errors ORDER BY source_path, line")
    assert errors == sorted([(str(tmp_path / "binary.txt"), None),
                             (str(tmp_path / "empty.txt"), None),
                             (str(tmp_path / "mixed.jsonl"), 2),
                             (str(tmp_path / "mixed.jsonl"), 3)],
                            key=lambda r: (r[0], r[1] or 0))


def test_missing_path_is_an_error(db_url, run_cli, tmp_path):
    result = run_cli("load", tmp_path / "nope.txt", "--database-url", db_url)
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.output


def test_unreachable_database_is_a_clear_error(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Some text about Port Ellery and its mayor.")
    result = run_cli("load", tmp_path, "--database-url", "postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot connect to the database")
