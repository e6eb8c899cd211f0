"""People and organisations in one article, canonicalised within it.

The model's PERSON/ORG spans are the starting point, not the answer:
1. spans are cut at brackets, commas, spaced dashes; possessives, scores and titles are trimmed
   off, a title becoming a Role of the person (etl.extract.entities.names);
2. each span is typed again with the word lists and the layout rules, names the model missed
   are added, and each name gets one type in the article (etl.extract.entities.candidates,
   etl.extract.entities.patterns, etl.lexicons);
3. mentions are grouped into people and organisations (etl.extract.entities.grouping);
4. each group becomes an Entity named by its fullest form, with every other surface form as
   an alias, its roles, acronym and media flag.
`entity_key` gives the normalised key the cross-article resolver matches on.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from etl.extract.entities.candidates import ACRONYM, collect_candidates
from etl.extract.entities.grouping import Group, drop_person_possessors, group_orgs, group_people
from etl.extract.entities.names import clean_name, entity_key
from etl.lexicons import fold_key
from etl.model import Entity, Mention, Role

__all__ = ["extract_entities", "entity_key", "clean_name"]

_STYLED_TITLES = {"king", "queen", "prince", "princess", "pope", "sheikh", "emir", "sultan",
                  "emperor", "empress", "ayatollah", "duke", "duchess", "lord", "lady", "sir", "dame"}


def extract_entities(doc: Doc) -> tuple[list[Entity], list[Entity]]:
    """(people, organisations) of one parsed article."""
    cands = collect_candidates(doc)
    people = group_people(doc, cands)
    drop_person_possessors(cands, people)
    orgs = group_orgs(doc, cands, people)
    return [_to_entity(g, "person") for g in people], [_to_entity(g, "organisation") for g in orgs]


def _to_entity(g: Group, kind: str) -> Entity:
    forms = Counter(clean_name(c.text, keep_possessive=c.possessive) for c in g.cands)
    forms.update(clean_name(t) for _, _, t in g.extra)
    for c in g.cands:
        if c.surname:
            forms[clean_name(c.full_text)] += 0     # names the person, written nowhere whole
    if kind == "person":
        name, acronym = max(forms, key=lambda f: (len(f.split()), forms[f], len(f))), None
    else:
        name, acronym = _org_name(forms, g.acronym)
    return Entity(kind=kind, name=name, aliases=_aliases(g, forms, name, acronym), mentions=_mentions(g),
                  roles=_roles(g) if kind == "person" else [], acronym=acronym,
                  is_media=kind == "organisation" and any(c.media for c in g.cands))


def _mentions(g: Group) -> list[Mention]:
    mentions = [Mention(c.span.start_char, c.span.end_char, c.span.text) for c in g.cands]
    mentions += [Mention(s, e, t) for s, e, t in g.extra]
    mentions.sort(key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    for m in mentions:
        if not (out and out[-1].start == m.start and out[-1].end == m.end):
            out.append(m)
    return out


def _org_name(forms: Counter, acronym: str | None) -> tuple[str, str | None]:
    """The long form names the organisation; an acronym used beside it is its acronym."""
    long_forms = [f for f in forms if f != acronym and not ACRONYM.match(f)]
    name = max(long_forms or list(forms), key=lambda f: (len(f.split()), forms[f], len(f)))
    if acronym is None:
        acronym = next((f for f in forms if f != name and ACRONYM.match(f)), None)
    return name, acronym


def _aliases(g: Group, forms: Counter, name: str, acronym: str | None) -> list[str]:
    """Every other surface form, most used first; the acronym; "King Fahd" for a styled ruler."""
    aliases = sorted({f for f in forms if f and f != name}, key=lambda f: (-forms[f], f))
    if acronym and acronym != name and acronym not in aliases:
        aliases.append(acronym)
    if g.kind == "person" and len(name.split()) == 1:
        for c in g.cands:
            last = c.role.title.split()[-1] if c.role else ""
            if fold_key(last) in _STYLED_TITLES and f"{last} {name}" not in aliases:
                aliases.append(f"{last} {name}")
    return aliases


def _roles(g: Group) -> list[Role]:
    roles: list[Role] = []
    seen = set()
    for c in g.cands:
        for r in (c.role, c.after_role):
            if r is not None and (r.title, r.organisation) not in seen:
                seen.add((r.title, r.organisation))
                roles.append(r)
    return roles
