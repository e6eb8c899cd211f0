"""Key phrases: noun phrases ranked by how often and how early the article uses them."""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc

from etl.model import KeyPhrase

_DROP_POS = {"DET", "PRON", "PUNCT", "NUM", "ADP", "CCONJ", "PART", "SPACE"}


def extract_keyphrases(doc: Doc, limit: int = 10) -> list[KeyPhrase]:
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    n = max(len(doc), 1)
    for chunk in doc.noun_chunks:
        toks = [t for t in chunk if t.pos_ not in _DROP_POS and not t.is_stop]
        if not toks:
            continue
        phrase = re.sub(r"[’']s$", "", " ".join(t.text for t in toks)).strip().lower()
        if len(phrase) < 3 or not any(c.isalpha() for c in phrase):
            continue
        counts[phrase] += 1
        first.setdefault(phrase, chunk.start)
    scored = [(c * (1.0 + 0.5 * len(p.split())) * (1.5 - first[p] / n), p, c)
              for p, c in counts.items()]
    scored.sort(reverse=True)
    return [KeyPhrase(p, round(s, 3), c) for s, p, c in scored[:limit]]
