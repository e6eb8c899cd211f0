"""schema/er-diagram.md and schema/data-dictionary.md are generated from the models and kept
current: regenerate them with `python -m etl.db.docs`."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

from etl.db import docs
from etl.db.schema import metadata


def test_committed_er_diagram_and_data_dictionary_are_current():
    assert docs.stale_files() == [], "run: python -m etl.db.docs"


def test_er_diagram_has_every_table_and_every_foreign_key():
    text = (ROOT / "schema" / "er-diagram.md").read_text()
    body = re.search(r"```mermaid\n(.*?)```", text, re.DOTALL).group(1)
    assert body.startswith("erDiagram\n")
    entities = set(re.findall(r"^    (\w+) \{$", body, re.MULTILINE))
    assert entities == set(metadata.tables)
    links = set(re.findall(r"^    (\w+) (?:\|\||\|o)--o\{ (\w+) : \"(\w+)\"$", body, re.MULTILINE))
    expected = {(fk.column.table.name, table.name, fk.parent.name)
                for table in metadata.tables.values() for fk in table.foreign_keys}
    assert links == expected
    # Mermaid attribute types are single tokens.
    for line in re.findall(r"^        (\S+) \w+", body, re.MULTILINE):
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\[\]]*", line), line


def test_data_dictionary_describes_every_column():
    text = (ROOT / "schema" / "data-dictionary.md").read_text()
    for table in metadata.tables.values():
        section = text.split(f"### {table.name}\n", 1)[1].split("\n### ", 1)[0]
        for col in table.columns:
            assert f"| `{col.name}` |" in section, f"{table.name}.{col.name}"
            assert col.comment and col.comment.replace("|", "\\|") in section


def test_check_mode_reports_a_stale_file(tmp_path):
    for name in docs.GENERATED_FILES:
        (tmp_path / name).write_text("old\n")
    assert sorted(docs.stale_files(tmp_path)) == sorted(docs.GENERATED_FILES)
    proc = subprocess.run([sys.executable, "-m", "etl.db.docs", "--check"], cwd=ROOT,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
