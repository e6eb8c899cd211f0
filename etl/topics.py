"""Topics on the IPTC Media Topics taxonomy.

First version: counts words of each active concept's label in the article and rolls the
evidence up to the top level.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from etl.model import TopicScore
from etl.taxonomy import load_taxonomy, top_level

_WORD = re.compile(r"[a-z]+")
_STOP = {"and", "or", "of", "the", "in", "for", "a", "an", "to", "other", "general", "issue",
         "issues", "media", "on", "with", "by", "at"}


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, set[str]]:
    lex: dict[str, set[str]] = {}
    for t in load_taxonomy().values():
        if t.retired:
            continue
        for w in _WORD.findall(t.label.lower()):
            if w not in _STOP and len(w) > 3:
                lex.setdefault(w, set()).add(t.qcode)
    return lex


def assign_topics(title: str | None, text: str, limit: int = 3) -> list[TopicScore]:
    words = Counter(_WORD.findall(((title or "") + "\n" + text).lower()))
    lex = _lexicon()
    scores: Counter[str] = Counter()
    for w, n in words.items():
        for q in lex.get(w, ()):
            scores[top_level(q).qcode] += n / len(lex[w])
    total = sum(scores.values())
    if not total:
        return []
    tax = load_taxonomy()
    return [TopicScore(q, tax[q].label, round(s / total, 4)) for q, s in scores.most_common(limit)]
