"""The tree shows the flow read → clean → extract → resolve → load, and imports run one way.

Each stage package may import the packages below it in the flow and the shared base (`model`,
`errors`, `lexicons`, `profile`, the package root), never a later stage, `run` or `cli`. The rules are
checked on the source (every `import` statement, also those inside functions) and, for spaCy, on
what importing a module really pulls in.
"""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from conftest import ROOT

ETL = ROOT / "etl"
BASE = {"etl", "etl.model", "etl.errors", "etl.lexicons", "etl.progress", "etl.profile"}
# What each part may import from etl, besides the base and itself.
ALLOWED = {
    "read": set(),
    "clean": set(),
    "extract": {"clean"},            # the pipeline cleans what it reads before parsing
    "resolve": set(),
    "load": {"resolve"},
    "db": set(),
    "lexicons": set(),
    "model": set(),
    "errors": set(),
    "progress": set(),
    "profile": set(),
    "models": set(),
}
# The extraction folds names with the same keys as the cross-article resolution, so that within-
# and cross-article matching agree; those keys are pure functions with no spaCy.
SHARED_KEYS = "etl.resolve.keys"


def _part(module: str) -> str:
    """The part of the package a module belongs to: 'etl.extract.quotes.cues' -> 'extract'; a name
    of the package root ('etl.__version__') -> ''."""
    parts = module.split(".")
    if len(parts) < 2 or not ((ETL / parts[1]).is_dir() or (ETL / f"{parts[1]}.py").exists()):
        return ""
    return parts[1]


def _module_name(path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in out if m == "etl" or m.startswith("etl.")}


def _modules():
    return sorted(p for p in ETL.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_one_way(path):
    me = _module_name(path)
    part = _part(me)
    if part in {"cli", "run", "cluster", "__main__", "migrations"} or me == "etl":
        return                                   # the composition layer may import every stage
    allowed = ALLOWED[part] | {part}
    for target in _imports(path):
        if target in BASE or _part(target) in {"model", "errors", "lexicons", "progress",
                                                "profile", ""}:
            continue
        if target.startswith(SHARED_KEYS) and part == "extract":
            continue
        assert _part(target) in allowed, f"{me} imports {target}: {part} may not import it"


@pytest.mark.parametrize("module", ["etl.load.stage", "etl.load.merge", "etl.load.isolate",
                                    "etl.resolve.keys", "etl.read.inputs", "etl.clean.text",
                                    "etl.db.migrate", "etl.progress"])
def test_stages_without_nlp_never_import_spacy(module):
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", f"importing {module} imports spaCy"


def test_every_stage_package_says_what_it_takes_and_gives():
    for init in sorted(ETL.glob("*/__init__.py")) + sorted(ETL.glob("extract/*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 12, f"{init.relative_to(ROOT)} has no docstring"
