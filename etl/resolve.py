"""Names to keys: how one person or organisation is recognised across articles.

Pure functions; the loader uses them with the database's people/organisations tables.
"""
from __future__ import annotations

import re
import unicodedata

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "rev", "lord",
               "lady", "mx"}
_ORG_LEADING = re.compile(r"^(the)\s+")
_NON_WORD = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation dropped, spaces collapsed."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = _NON_WORD.sub(" ", s.replace("-", " "))
    return re.sub(r"\s+", " ", s).strip()


def person_key(name: str) -> str:
    words = [w for w in fold(name).split() if w not in _HONORIFICS]
    return " ".join(words)


def organisation_key(name: str) -> str:
    return _ORG_LEADING.sub("", fold(name))


def entity_key(kind: str, name: str) -> str:
    return person_key(name) if kind == "person" else organisation_key(name)


def surname_key(key: str) -> str:
    """Last word of a person key: 'mark rutte' -> 'rutte'."""
    return key.rsplit(" ", 1)[-1]
