"""Names the model missed or mistyped, added from their context: the organisation written before
a title, a common first name, a list of names most of which are people."""
from __future__ import annotations

from spacy.tokens import Doc

from etl import lexicons
from etl.extract.entities.candidate import Candidate, char_span
from etl.extract.entities.names import find_role, span_text, trim_span
from etl.extract.entities.patterns import given_name_offsets, is_table_label, list_items
from etl.lexicons import text_of

def qualifier_candidates(doc: Doc, cands: list[Candidate], clubs: bool) -> list[Candidate]:
    """The organisation written before a title ("Norwich striker Keith O'Neill", "ICCO Executive
    Director ...") is an organisation of the article even when the model did not tag it; a town
    there is the club only in a report about clubs ("Kyiv mayor" stays a place)."""
    out = []
    for c in cands:
        r = c.role
        if c.kind != "person" or r is None or not r.organisation or r.start is None:
            continue
        q_end = r.start + len(text_of(doc)[r.start:r.end]) - len(r.title)
        sp = char_span(doc, r.start, q_end)
        if sp is None:
            continue
        sp = trim_span(sp, person=False)
        if sp is None or (lexicons.is_place(span_text(sp)) and not clubs) \
                or not all(t.pos_ == "PROPN" or t.is_upper for t in sp) \
                or lexicons.is_nationality(span_text(sp)) or lexicons.is_event(span_text(sp)):
            continue                     # "West Indian all-rounder", "Recalled defender"
        overlapping = [o for o in cands + out if o.span.start < sp.end and sp.start < o.span.end]
        if any(o.kind == "organisation" or o.weight >= 3 for o in overlapping):
            continue
        for o in overlapping:
            if o.span.start == sp.start and o.span.end == sp.end:
                o.kind, o.weight = "organisation", 2
                break
        else:
            if not overlapping:
                out.append(Candidate(sp, "organisation", weight=2))
    return out


def given_name_candidates(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Names the model missed or mistyped that start with a common first name ("Todd Martin")."""
    out = []
    for c in cands:
        if c.kind != "person" and not c.media and c.weight < 3 and _middle_named(c.span):
            c.kind, c.weight = "person", 2               # "Darnell Lamont Briggs" typed as ORG
    by_start = {c.span.start: c for c in cands}
    occupied = {i for c in cands for i in range(c.span.start, c.span.end)}
    for s, e in given_name_offsets(doc):
        sp = char_span(doc, s, e)
        if sp is None:
            continue
        same = by_start.get(sp.start)
        if same is not None and same.span.end == sp.end and same.kind != "person" and not same.media \
                and same.weight < 3:
            same.kind, same.weight = "person", 2          # "Les Ferdinand" typed as a place
            continue
        host = next((c for c in cands if c.span.start < sp.start and c.span.end == sp.end
                     and c.kind != "person" and not c.media and c.weight < 3), None)
        if host is not None:
            # "Bank of England Robin Leigh-Pemberton", "American Dennis Mitchell"
            rest = trim_span(doc[host.span.start:sp.start], person=False)
            if rest is None or lexicons.is_nationality(span_text(rest)) or lexicons.is_place(span_text(rest)) \
                    or lexicons.is_title(span_text(rest)):
                host.span, host.kind, host.role = sp, "person", find_role(doc, sp.start)[0]
            else:
                host.span = rest
                out.append(Candidate(sp, "person", role=find_role(doc, sp.start)[0]))
            occupied.update(range(sp.start, sp.end))
            continue
        if any(i in occupied for i in range(sp.start, sp.end)):
            continue
        occupied.update(range(sp.start, sp.end))
        out.append(Candidate(sp, "person", role=find_role(doc, sp.start)[0]))
    return out


def _middle_named(sp) -> bool:
    """Three capitalised words, the first two common given names and the last no title,
    place or nationality, in a name without organisation words: a person with a middle name."""
    words = [t.text for t in sp]
    name = " ".join(words)
    return len(words) == 3 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words) \
        and lexicons.is_given_name(words[0]) and lexicons.is_given_name(words[1]) \
        and not lexicons.has_org_word(name) and not lexicons.is_place(name) \
        and not lexicons.is_place(words[2]) and not lexicons.is_title(words[2]) \
        and not lexicons.is_nationality(words[2])


def list_candidates(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A list is of one kind: in a run of names where most are people, the rest are people too
    ("Teams : Australia - Ian Healy , Michael Bevan , Damien Fleming")."""
    by_range = {(c.span.start_char, c.span.end_char): c for c in cands}
    out = []
    for items in list_items(doc):
        kinds = [by_range[it].kind if it in by_range else None for it in items]
        persons = sum(any(c.kind == "person" and c.span.start_char < b and a < c.span.end_char for c in cands)
                      for a, b in items)
        if persons < 2 or persons < 0.5 * len(items):
            continue
        for it, kind in zip(items, kinds):
            text = text_of(doc)[it[0]:it[1]]
            if kind == "person" or lexicons.is_place(text) or lexicons.has_org_word(text) \
                    or lexicons.is_nationality(text) or is_table_label(text.split()[0]):
                continue
            c = by_range.get(it)
            if c is not None:
                if c.weight < 3 and not c.media:
                    c.kind, c.weight = "person", 2
                continue
            sp = char_span(doc, *it)
            if sp is None:
                continue
            overlapping = [c for c in cands if c.span.start_char < it[1] and it[0] < c.span.end_char]
            if any(c.weight >= 3 or c.media for c in overlapping):
                continue
            if overlapping and any(t.tag_ in ("NN", "NNS") for t in sp
                                   if not any(c.span.start <= t.i < c.span.end for c in overlapping)):
                continue                     # "Defendants Mark Hale, 68, of ...; ...": a noun
            for c in overlapping:            # "Raul Rodrigo" inside the item "Raul Rodrigo Lara"
                c.span, c.kind, c.role = sp, "person", None
            if not overlapping:
                out.append(Candidate(sp, "person"))
    return out
