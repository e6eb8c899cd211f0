"""People and organisations in one article, canonicalised within it.

First version: spaCy PERSON/ORG entities, titles and possessives stripped, surnames folded into
the fullest name the article uses.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from etl.model import Entity, Mention

_POSSESSIVE = re.compile(r"[’']s?$")
_EDGE_PUNCT = " \t\n.,;:!?\"“”‘’'()[]{}—–-"
_LEADING_THE = re.compile(r"^the\s+", re.I)


def clean_name(text: str) -> str:
    """'Donald Trump’s' -> 'Donald Trump'; 'the Left Party' -> 'Left Party'."""
    s = re.sub(r"\s+", " ", text).strip(_EDGE_PUNCT)
    s = _POSSESSIVE.sub("", s).strip(_EDGE_PUNCT)
    s = _LEADING_THE.sub("", s)
    return s


def _mention(span: Span, name: str) -> Mention:
    return Mention(span.start_char, span.end_char, span.text)


def extract_entities(doc: Doc) -> tuple[list[Entity], list[Entity]]:
    """(people, organisations) of one parsed article."""
    people: dict[str, Entity] = {}
    orgs: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        name = clean_name(ent.text)
        if not name or not any(c.isupper() for c in name):
            continue
        table = people if ent.label_ == "PERSON" else orgs
        kind = "person" if ent.label_ == "PERSON" else "organisation"
        e = table.setdefault(name, Entity(kind=kind, name=name))
        e.mentions.append(_mention(ent, name))
    return _merge_surnames(list(people.values())), list(orgs.values())


def _merge_surnames(people: list[Entity]) -> list[Entity]:
    """Fold 'Zelensky' into 'Volodymyr Zelensky' when the article names him fully."""
    full = [p for p in people if " " in p.name]
    out = []
    for p in people:
        target = None
        if " " not in p.name:
            cands = [f for f in full if f.name.split()[-1] == p.name]
            if len(cands) == 1:
                target = cands[0]
        if target is None:
            out.append(p)
            continue
        target.mentions.extend(p.mentions)
        if p.name not in target.aliases:
            target.aliases.append(p.name)
    for p in out:
        p.mentions.sort(key=lambda m: m.start)
    return out
