"""Candidates found by layout: sports results, initials, towns standing for clubs, and the
clean-up of all-capitals lines (etl.extract.entities.patterns finds the offsets)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from etl import lexicons
from etl.extract.entities.candidate import Candidate, char_span
from etl.extract.entities.names import span_text, trim_span
from etl.extract.entities.patterns import (bracketed_person_offsets, club_name_offsets,
                                           defined_acronym_offsets,
                                           initial_name_offsets, is_locative_use,
                                           joined_country_offsets, nickname_offsets, place_offsets,
                                           team_name_offsets)
from etl.lexicons import text_of

def pattern_candidates(doc: Doc, sports: bool, clubs: bool) -> list[Candidate]:
    out: list[Candidate] = []
    used: set[int] = set()
    doc_ents = list(doc.ents)
    spans = [(s, e, "place") for s, e in joined_country_offsets(doc)]
    spans += [(s, e, "organisation") for s, e in defined_acronym_offsets(doc)]
    spans += [(s, e, "person") for s, e in initial_name_offsets(doc)]
    spans += [(s, e, "organisation") for s, e in club_name_offsets(doc)]
    if sports:
        for s, e, by_minute in bracketed_person_offsets(doc):
            # in a report about clubs "Red Star ( Yugoslavia ) beat ..." is a club: a person
            # needs a minute, the model's word or a first name
            sp = char_span(doc, s, e)
            person = by_minute or not clubs or sp is not None and (
                lexicons.is_given_name(sp[0].text) or any(t.ent_type_ == "PERSON" for t in sp))
            spans.append((s, e, "person" if person else "organisation"))
    if clubs:
        spans += [(s, e, "organisation") for s, e in team_name_offsets(doc)]
        spans += [(s, e, "organisation") for s, e in nickname_offsets(doc)]
    for s, e, kind in spans:
        sp = char_span(doc, s, e)
        if sp is None or any(i in used for i in range(sp.start, sp.end)):
            continue
        if kind == "organisation":
            ents = [x for x in doc_ents if x.start <= sp.start and x.end >= sp.end]
            name = span_text(sp)
            # a team slot holding a person ("Jansher Khan ( Pakistan ) beat ..."): a first name
            # or an initial tells them apart from a club the model called a person ("Deportivo Coruna")
            if any(x.label_ == "PERSON" for x in ents) and len(sp) > 1 and not lexicons.is_place(name) \
                    and not lexicons.has_org_word(name) and (lexicons.is_given_name(name.split()[0])
                                                              or re.match(r"^[A-Z]\.", name)):
                continue
        sp = trim_span(sp, person=kind == "person")
        if sp is None:
            continue
        used.update(range(sp.start, sp.end))
        out.append(Candidate(sp, kind, weight=3))
    return out


def sports_places(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Known towns and counties in a sports report, the model's tag or not: the club, unless
    written as a place ("in Leeds", a dateline)."""
    out = []
    for s, e in place_offsets(doc):
        sp = char_span(doc, s, e)
        if sp is None or any(i in taken for i in range(sp.start, sp.end)):
            continue
        after = text_of(doc)[sp.end_char: sp.end_char + 40]
        if sp.end < len(doc) and doc[sp.end].text[:1].isupper() or re.match(r"^\s*\([^()]*\)\s*:", after):
            continue                     # part of a longer name, or a ground: "London ( The Oval ) :"
        if sp.start > 0 and doc[sp.start - 1].text[:1].isupper() and not doc[sp.start - 1].is_sent_start:
            continue
        if is_locative_use(doc, sp.start) or (sp.start > 0 and doc[sp.start - 1].lower_ == "at"):
            out.append(Candidate(sp, "place", weight=2))
        else:
            out.append(Candidate(sp, "organisation", weight=2))
    return out


def _caps_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in capitals (headlines, table captions)."""
    out, pos = [], 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(line.split()) >= 3 and len(letters) >= 6 and \
                sum(c.isupper() for c in letters) >= 0.7 * len(letters):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def drop_unsupported_caps(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """In an all-capitals line (a headline, a table caption) the model's guesses are noise:
    keep a name there only when the article also writes it in ordinary case or a list knows it."""
    lines = _caps_lines(text_of(doc))
    caps = [any(a <= c.span.start_char < b for a, b in lines) for c in cands]
    if not any(caps):
        return cands
    support = {c.key for c, cap in zip(cands, caps) if not cap}
    support |= {c.key.split()[-1] for c, cap in zip(cands, caps) if not cap and c.kind == "person"}
    return [c for c, cap in zip(cands, caps)
            if not cap or c.media or c.weight >= 2 or c.key in support or lexicons.is_place(c.text)]
