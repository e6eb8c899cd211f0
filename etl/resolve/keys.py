"""Names to keys: how one person or organisation is recognised across articles.

Pure functions, no spaCy: the extraction uses the same keys to fold the forms of a name within
one article, and the loader uses them to match names across articles, so the two agree.
"""
from __future__ import annotations

from etl import lexicons
from etl.lexicons import fold_key

__all__ = ["entity_key", "surname_key"]

# Courtesy forms: stripped from names but not worth keeping as a role.
COURTESY = {"mr", "mrs", "ms", "miss", "mx", "herr", "frau", "monsieur", "madame", "senor",
            "senora", "m", "mme"}


def entity_key(kind: str, name: str) -> str:
    """Normalised key for matching names across articles: casefolded, accents folded,
    punctuation, honorifics/titles (people) and legal suffixes (organisations) removed.

    entity_key("person", "President Volodymyr Zelensky’s") == "volodymyr zelensky"
    entity_key("organisation", "The U.N.") == "un"
    """
    if kind == "person":
        name = name.replace(".", ". ")       # initials: "T.O'Gorman" == "T. O'Gorman"
    words = fold_key(name).split()
    if kind == "person":
        while len(words) > 1 and (words[0] in COURTESY or lexicons.is_title(words[0])):
            words = words[1:]
        while len(words) > 1 and words[-1] in {"jr", "sr", "ii", "iii"}:
            words = words[:-1]
    else:
        while len(words) > 1 and words[-1] in {"inc", "corp", "co", "ltd", "plc", "llc", "ag",
                                               "sa", "spa", "nv", "gmbh", "corporation",
                                               "limited", "company"}:
            words = words[:-1]
    return " ".join(words)



def surname_key(key: str) -> str:
    """Last word of a person key: 'mark rutte' -> 'rutte'."""
    return key.rsplit(" ", 1)[-1]
