"""People and organisations in one article, canonicalised within it.

The model's PERSON/ORG spans are the starting point, not the answer:
1. spans are cut at brackets, commas, spaced dashes; possessives, scores and titles are trimmed
   off, a title becoming a Role of the person (etl.entity_names);
2. each span is typed again with the gazetteers and the layout rules, names the model missed
   are added, and each name gets one type in the article (etl.entity_candidates,
   etl.entity_patterns, etl.gazetteer);
3. mentions are grouped into people and organisations (etl.entity_grouping);
4. each group becomes an Entity named by its fullest form, with every other surface form as
   an alias, its roles, acronym and media flag.
`entity_key` gives the normalised key the cross-article resolver matches on.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from etl.entity_candidates import ACRONYM, collect_candidates
from etl.entity_grouping import Group, drop_person_possessors, group_orgs, group_people
from etl.entity_names import clean_name, entity_key
from etl.gazetteer import fold_key
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
    mentions = [Mention(c.span.start_char, c.span.end_char, c.span.text) for c in g.cands]
    mentions += [Mention(s, e, t) for s, e, t in g.extra]
    mentions.sort(key=lambda m: (m.start, m.end))
    dedup: list[Mention] = []
    for m in mentions:
        if dedup and dedup[-1].start == m.start and dedup[-1].end == m.end:
            continue
        dedup.append(m)
    forms = Counter(clean_name(c.text) for c in g.cands)
    forms.update(clean_name(t) for _, _, t in g.extra)
    acronym = g.acronym
    if kind == "person":
        name = max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
    else:
        long_forms = [f for f in forms if f != acronym and not (ACRONYM.match(f) and acronym is None
                                                                 and len(forms) > 1)]
        pool = long_forms or list(forms)
        name = max(pool, key=lambda f: (forms[f] > 0 and not ACRONYM.match(f), len(f.split()), forms[f]))
        if acronym is None:
            acr = [f for f in forms if f != name and ACRONYM.match(f)]
            acronym = acr[0] if acr else None
    aliases = sorted({f for f in forms if f and f != name}, key=lambda f: (-forms[f], f))
    if acronym and acronym != name and acronym not in aliases:
        aliases.append(acronym)
    if kind == "person" and len(name.split()) == 1:
        # "King Fahd", "Pope Francis": a ruler's title is part of how the name is written
        for c in g.cands:
            last = c.role.title.split()[-1] if c.role else ""
            if fold_key(last) in _STYLED_TITLES and f"{last} {name}" not in aliases:
                aliases.append(f"{last} {name}")
    roles: list[Role] = []
    seen = set()
    for c in g.cands:
        for r in (c.role, c.after_role):
            if r is not None and (r.title, r.organisation) not in seen:
                seen.add((r.title, r.organisation))
                roles.append(r)
    return Entity(kind=kind, name=name, aliases=aliases, mentions=dedup,
                  roles=roles if kind == "person" else [],
                  acronym=acronym if kind == "organisation" else None,
                  is_media=kind == "organisation" and any(c.media for c in g.cands))
