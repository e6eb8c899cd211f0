"""Candidate mentions of people and organisations in one article, each with a type.

The model's entity spans are cleaned (etl.extract.entities.names) and typed again: the gazetteers
(media outlets, places, nationalities, organisation words) and the layout rules for sports
reports and initials (etl.extract.entities.patterns) overrule the model, names the model missed are added
(outlets, first names, lists of names, organisations named before a title), and the same name is
given one type in the whole article by a weighted vote. etl.extract.entities.grouping then groups them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from etl import lexicons as gazetteer
from etl.extract.entities.names import (PORTFOLIO_WORDS, find_appositive_role, find_role, leading_title_len, span_text, split_span,
                              trim_span)
from etl.extract.entities.patterns import (bracketed_person_offsets, defined_acronym_offsets, given_name_offsets,
                                 initial_name_offsets, is_locative_use, is_sports_report, is_table_label,
                                 is_team_sports_report, is_venue, list_items, nickname_offsets,
                                 place_offsets, team_name_offsets)
from etl.lexicons import fold_key, text_of
from etl.model import Role

_LABELS_USED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
# Cues that the name is an outlet. Kept strict: "according to the OECD", "Intel reported a loss",
# "told Parliament" are no evidence.
_MEDIA_CUE_BEFORE = re.compile(r"(?:\btold|\binterview with|\bwrote in|\bwriting in|\bspeaking to|"
                               r"\bcolumn in|\bquoted in|\bop-ed in)\s+(?:the\s+)?$", re.I)
_MEDIA_CUE_AFTER = re.compile(r"^(?:['’]s)?\s*(?:newspaper|daily|weekly|magazine|news agency|broadcaster|"
                              r"interview|correspondent|editorial|columnist|journalist|reporter|"
                              r"reported on its website)\b", re.I)
ACRONYM = re.compile(r"^[A-Z][A-Za-z&0-9]*[A-Z0-9][A-Za-z&0-9]*$|^(?:[A-Z]\.){2,}$")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)$")


@dataclass
class Candidate:
    """One cleaned mention with the type the rules gave it."""

    span: Span
    kind: str                        # "person", "organisation" or "place" (kept for surname checks)
    weight: int = 1                  # how sure the typing is (gazetteer / layout rules beat the model)
    role: Role | None = None         # a title written before the name
    media: bool = False
    after_role: Role | None = None   # a title written after the name ("X, leader of Y,")

    @property
    def text(self) -> str:
        return span_text(self.span)

    @property
    def key(self) -> str:
        return fold_key(self.text)


def collect_candidates(doc: Doc) -> list[Candidate]:
    """Every typed mention of a person, organisation or place in the article."""
    sports = is_sports_report(doc)
    clubs = sports and is_team_sports_report(doc)      # towns stand for clubs
    cands = _pattern_candidates(doc, sports, clubs)
    taken = {i for c in cands for i in range(c.span.start, c.span.end)}
    title_tokens: set[int] = set()
    if clubs:
        cands += _sports_places(doc, taken)
        taken = {i for c in cands for i in range(c.span.start, c.span.end)}
    cands += _media_candidates(doc, taken)
    taken = {i for c in cands for i in range(c.span.start, c.span.end)}
    for ent in doc.ents:
        if ent.label_ not in _LABELS_USED:
            continue
        for part in split_span(ent, person=ent.label_ == "PERSON"):
            if any(i in taken for i in range(part.start, part.end)):
                continue
            c = _typed(part, ent.label_, sports, clubs, title_tokens)
            if c is not None:
                cands.append(c)
    cands += _qualifier_candidates(doc, cands, clubs)
    cands += _given_name_candidates(doc, cands)
    cands += _list_candidates(doc, cands)
    cands = _drop_unsupported_caps(doc, cands)
    cands = [c for c in cands if not (c.kind == "organisation" and _is_title_fragment(c.span, title_tokens))]
    for c in cands:
        if c.kind == "person":
            c.after_role = find_appositive_role(doc, c.span.end)
    _flag_media_by_cue(doc, cands)
    _vote_kinds(cands)
    return cands


def _char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _pattern_candidates(doc: Doc, sports: bool, clubs: bool) -> list[Candidate]:
    out: list[Candidate] = []
    used: set[int] = set()
    doc_ents = list(doc.ents)
    spans = [(s, e, "organisation") for s, e in defined_acronym_offsets(doc)]
    spans += [(s, e, "person") for s, e in initial_name_offsets(doc)]
    if sports:
        for s, e, by_minute in bracketed_person_offsets(doc):
            # in a report about clubs "Red Star ( Yugoslavia ) beat ..." is a club: a person
            # needs a minute, the model's word or a first name
            sp = _char_span(doc, s, e)
            person = by_minute or not clubs or sp is not None and (
                gazetteer.is_given_name(sp[0].text) or any(t.ent_type_ == "PERSON" for t in sp))
            spans.append((s, e, "person" if person else "organisation"))
    if clubs:
        spans += [(s, e, "organisation") for s, e in team_name_offsets(doc)]
        spans += [(s, e, "organisation") for s, e in nickname_offsets(doc)]
    for s, e, kind in spans:
        sp = _char_span(doc, s, e)
        if sp is None or any(i in used for i in range(sp.start, sp.end)):
            continue
        if kind == "organisation":
            ents = [x for x in doc_ents if x.start <= sp.start and x.end >= sp.end]
            name = span_text(sp)
            # a team slot holding a person ("Jansher Khan ( Pakistan ) beat ..."): a first name
            # or an initial tells them apart from a club the model called a person ("Deportivo Coruna")
            if any(x.label_ == "PERSON" for x in ents) and len(sp) > 1 and not gazetteer.is_place(name) \
                    and not gazetteer.has_org_word(name) and (gazetteer.is_given_name(name.split()[0])
                                                              or re.match(r"^[A-Z]\.", name)):
                continue
        sp = trim_span(sp, person=kind == "person")
        if sp is None:
            continue
        used.update(range(sp.start, sp.end))
        out.append(Candidate(sp, kind, weight=3))
    return out


def _sports_places(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Known towns and counties in a sports report, the model's tag or not: the club, unless
    written as a place ("in Leeds", a dateline)."""
    out = []
    for s, e in place_offsets(doc):
        sp = _char_span(doc, s, e)
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


def _qualifier_candidates(doc: Doc, cands: list[Candidate], clubs: bool) -> list[Candidate]:
    """The organisation written before a title ("Norwich striker Keith O'Neill", "ICCO Executive
    Director ...") is an organisation of the article even when the model did not tag it; a town
    there is the club only in a report about clubs ("Kyiv mayor" stays a place)."""
    out = []
    for c in cands:
        r = c.role
        if c.kind != "person" or r is None or not r.organisation or r.start is None:
            continue
        q_end = r.start + len(text_of(doc)[r.start:r.end]) - len(r.title)
        sp = _char_span(doc, r.start, q_end)
        if sp is None:
            continue
        sp = trim_span(sp, person=False)
        if sp is None or (gazetteer.is_place(span_text(sp)) and not clubs) \
                or not all(t.pos_ == "PROPN" or t.is_upper for t in sp) \
                or gazetteer.is_nationality(span_text(sp)) or gazetteer.is_event(span_text(sp)):
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


def _given_name_candidates(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Names the model missed or mistyped that start with a common first name ("Todd Martin")."""
    out = []
    by_start = {c.span.start: c for c in cands}
    occupied = {i for c in cands for i in range(c.span.start, c.span.end)}
    for s, e in given_name_offsets(doc):
        sp = _char_span(doc, s, e)
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
            if rest is None or gazetteer.is_nationality(span_text(rest)) or gazetteer.is_place(span_text(rest)) \
                    or gazetteer.is_title(span_text(rest)):
                host.span, host.kind, host.role = sp, "person", find_role(doc, sp.start)[0]
            else:
                host.span = rest
                out.append(Candidate(sp, "person", role=find_role(doc, sp.start)[0]))
            occupied.update(range(sp.start, sp.end))
            continue
        if any(i in occupied for i in range(sp.start, sp.end)):
            continue
        occupied.update(range(sp.start, sp.end))
        out.append(Candidate(sp, "person"))
    return out


def _list_candidates(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
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
            if kind == "person" or gazetteer.is_place(text) or gazetteer.has_org_word(text) \
                    or gazetteer.is_nationality(text) or is_table_label(text.split()[0]):
                continue
            c = by_range.get(it)
            if c is not None:
                if c.weight < 3 and not c.media:
                    c.kind, c.weight = "person", 2
                continue
            sp = _char_span(doc, *it)
            if sp is None:
                continue
            overlapping = [c for c in cands if c.span.start_char < it[1] and it[0] < c.span.end_char]
            if any(c.weight >= 3 or c.media for c in overlapping):
                continue
            for c in overlapping:            # "Raul Rodrigo" inside the item "Raul Rodrigo Lara"
                c.span, c.kind, c.role = sp, "person", None
            if not overlapping:
                out.append(Candidate(sp, "person"))
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


def _drop_unsupported_caps(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """In an all-capitals line (a headline, a table caption) the model's guesses are noise:
    keep a name there only when the article also writes it in ordinary case or a list knows it."""
    lines = _caps_lines(text_of(doc))
    caps = [any(a <= c.span.start_char < b for a, b in lines) for c in cands]
    if not any(caps):
        return cands
    support = {c.key for c, cap in zip(cands, caps) if not cap}
    support |= {c.key.split()[-1] for c, cap in zip(cands, caps) if not cap and c.kind == "person"}
    return [c for c, cap in zip(cands, caps)
            if not cap or c.media or c.weight >= 2 or c.key in support or gazetteer.is_place(c.text)]


def _typed(part: Span, label: str, sports: bool, clubs: bool, title_tokens: set[int]) -> Candidate | None:
    """Type one cleaned piece of a model entity, or None when it is no person/organisation."""
    person_like = label == "PERSON"
    sp = trim_span(part, person=person_like)
    if sp is not None and not person_like:
        sp = _cut_trailing_title(sp)
    if sp is None:
        return None
    text = span_text(sp)
    if gazetteer.is_media(text):
        return Candidate(sp, "organisation", weight=3, media=True)
    if gazetteer.is_party(text):
        return Candidate(sp, "organisation", weight=3)
    if gazetteer.is_not_org(text):
        return None
    if label == "PERSON" and len(sp) == 1 and sp[0].pos_ not in ("PROPN", "X") and not sp[0].is_upper:
        return None                          # "Symbolically", "Library": the model's guess
    if gazetteer.is_nationality(text) or all(gazetteer.is_nationality(t.text) for t in sp):
        return None                          # "Rwandan Hutu"
    if sports and (sp.start > 0 and sp.doc[sp.start - 1].lower_ == "at" or is_venue(sp.doc, sp.start, sp.end)) \
            and not gazetteer.has_org_word(text):
        return Candidate(sp, "place")            # a ground or a town: "At Chesterfield :"
    if len(sp) == 1 and is_table_label(text):
        return None                          # "Extras", "Stadium"
    if label in ("GPE", "LOC", "NORP") and ACRONYM.match(text) and text.isupper() and len(text) >= 3 \
            and not gazetteer.is_place(text) and not _shouted(sp):
        return Candidate(sp, "organisation", weight=2)   # "ICCO" taken for a place
    if gazetteer.is_place(text) or label in ("GPE", "LOC"):
        if clubs and gazetteer.is_place(text) and not gazetteer.is_country(text) and label != "LOC" \
                and not is_locative_use(sp.doc, sp.start):
            return Candidate(sp, "organisation", weight=2)
        if gazetteer.has_org_word(text) and not gazetteer.is_place(text):
            return Candidate(sp, "organisation")
        return Candidate(sp, "place", weight=2)
    if gazetteer.is_event(text):
        return None                          # "UEFA Cup", "Parliament Act": an event or a document
    if gazetteer.has_org_word(text):
        return Candidate(sp, "organisation", weight=2 if person_like else 1)
    if label == "PERSON":
        doc = sp.doc
        if len(sp) == 1 and sp.start > 0 and doc[sp.start - 1].lower_ in ("in", "at", "near") \
                and not (sp.end < len(doc) and doc[sp.end].text in ("'s", "’s")):
            return Candidate(sp, "place")    # "in Keighley", "at Eton": a town the model took for a name
        if sports and sp.start > 0 and sp.doc[sp.start - 1].lower_ in _TEAM_NOUNS:
            return Candidate(sp, "organisation", weight=2)    # "division team Deportivo Coruna"
        return _person(sp, title_tokens)
    if label == "ORG":
        if _shouted(sp) or gazetteer.is_not_org(text) or _common_word(sp):
            return None
        return Candidate(_cut_of_place(sp, clubs), "organisation")
    return None                      # NORP, FAC, PRODUCT, ... without an organisation cue


def _cut_trailing_title(sp: Span) -> Span | None:
    """"U.S. Department of Agriculture Deputy Administrator" -> the department."""
    for k in (3, 2, 1):
        if len(sp) > k and gazetteer.is_title(sp[-k:].text) and sp[-k].text[:1].isupper():
            return trim_span(sp[:-k], person=False)
    return sp


def _shouted(sp: Span) -> bool:
    """Words in capitals inside a run of capitals that the article also writes in lower case
    ("JUST PEACE. TOGETHER"): emphasis, not an acronym (an acronym like "OPEC" stands alone)."""
    doc, text = sp.doc, sp.text
    if not (text.isupper() and len(text) > 3):
        return False
    neighbours = [doc[i] for i in (sp.start - 1, sp.end) if 0 <= i < len(doc)]
    if not any(t.is_upper and t.is_alpha and len(t) > 1 for t in neighbours):
        return False
    return re.search(rf"\b{re.escape(text.lower())}\b", text_of(doc)) is not None


def _common_word(sp: Span) -> bool:
    """One capitalised word that the article also writes in lower case, opening a sentence or
    written capitalised only once ("Next door on the grandstand", "Men 's singles",
    "the Department"): an ordinary word."""
    if len(sp) != 1 or not sp.text.istitle():
        return False
    text = text_of(sp.doc)
    if re.search(rf"\b{re.escape(sp.text.lower())}\b", text) is None:
        return False
    return sp[0].is_sent_start or len(re.findall(rf"\b{re.escape(sp.text)}\b", text)) == 1


def _cut_of_place(sp: Span, clubs: bool) -> Span:
    """"Daniels Pharmaceuticals Inc of St. Petersburg" -> the company; "Benetton of Italy" -> the
    club in a sports report. ("Bank of England" keeps its "of".)"""
    doc = sp.doc
    for t in sp:
        if t.lower_ == "of" and t.i > sp.start:
            head, tail = doc[sp.start:t.i], doc[t.i + 1:sp.end]
            if not len(tail):
                break
            tail_text = span_text(tail)
            if fold_key(head[-1].text) in gazetteer.legal_suffixes() and gazetteer.is_place(tail_text) \
                    or clubs and gazetteer.is_country(tail_text):
                return head
            break
    return sp


def _media_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Outlets from the list written in the text, tagged by the model or not ("The Gazzetta dello
    Sport said", "the news agency Tanjug"). A one-word outlet counts only mid-sentence and when
    the article never writes it in lower case ("Time", "Focus" are ordinary words too)."""
    text = text_of(doc)
    media = gazetteer.media_names()
    out = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        found = 0
        if tok.text[:1].isupper() and tok.lower_ != "the" and i not in taken:
            for k in range(min(5, n - i), 0, -1):
                sp = doc[i:i + k]
                if not sp[-1].text[:1].isupper() or any(t.is_punct and t.text not in ("'", "’", "-", "&", ".")
                                                         for t in sp):
                    continue
                if fold_key(sp.text) not in media:
                    continue
                if k == 1 and (tok.is_sent_start or re.search(rf"\b{re.escape(tok.lower_)}\b", text)
                               or tok.ent_iob_ == "B" and i + 1 < n and doc[i + 1].ent_iob_ == "I"
                               or tok.ent_iob_ == "I"):
                    continue                 # an ordinary word, or part of a longer name
                if any(j in taken for j in range(i, i + k)):
                    continue
                out.append(Candidate(sp, "organisation", weight=3, media=True))
                found = k
                break
        i += found or 1
    return out


def _person(sp: Span, title_tokens: set[int]) -> Candidate | None:
    doc = sp.doc
    n_title = leading_title_len(sp)
    name = doc[sp.start + n_title: sp.end]
    if len(name) == 1 and ACRONYM.match(name.text) and name.text.isupper() and len(name.text) <= 6:
        return Candidate(name, "organisation")          # "BSW", "NATO" called a person
    name = _extend_first_name(name)
    if name.end < len(doc) and _ROMAN.match(doc[name.end].text) and doc[name.end - 1].whitespace_ \
            and (doc[name.end].text != "I" or len(name) == 1 and doc[name.end].tag_ != "PRP"):
        name = doc[name.start:name.end + 1]          # "Elizabeth I", "Henry VIII", not "Merkel I said"
    role, role_start = find_role(doc, name.start)
    if role is not None:
        title_tokens.update(range(role_start, name.start))
    return Candidate(name, "person", role=role)


def _extend_first_name(name: Span) -> Span:
    """The model sometimes tags only the surname ("shot by Ogun [Temizkanoglu]"): take in a
    capitalised word just before it that is no title, place, nationality or other entity."""
    doc = name.doc
    if len(name) != 1 or name.start == 0 or _is_title_word(doc[name.start - 1]):
        return name
    prev = doc[name.start - 1]
    if not (prev.is_alpha and prev.text[:1].isupper() and not prev.is_upper) or prev.ent_iob_ != "O" \
            or prev.is_stop or gazetteer.is_place(prev.text) or gazetteer.is_nationality(prev.text) \
            or prev.whitespace_ != " ":
        return name
    if prev.is_sent_start and not gazetteer.is_given_name(prev.text):
        return name
    return doc[name.start - 1:name.end]


def _is_title_word(tok) -> bool:
    return gazetteer.is_title(tok.text) or tok.lower_ in gazetteer.title_words()


_TEAM_NOUNS = {"team", "teams", "club", "clubs", "side", "sides", "outfit", "franchise", "champions",
               "rivals", "contenders", "opponents", "visitors", "hosts", "leaders", "holders"}

def _is_title_fragment(sp: Span, title_tokens: set[int]) -> bool:
    """'State' in 'Secretary of State', 'State for Trade and Industry' in 'Secretary of State for
    Trade and Industry': the portfolio of a title, not an organisation ("Chairman of Chrysler"
    keeps Chrysler)."""
    if all(i in title_tokens for i in range(sp.start, sp.end)):
        return True
    if sp.start >= 2:
        doc = sp.doc
        prev, head = doc[sp.start - 1], doc[sp.start - 2]
        if prev.lower_ in ("of", "for") and gazetteer.is_title(head.text) and sp[0].lower_ in PORTFOLIO_WORDS:
            return True
    # "Shadow Home [Secretary]": nothing but portfolio words, right before a title
    doc = sp.doc
    return sp.end < len(doc) and gazetteer.is_title(doc[sp.end].text) and \
        all(t.lower_ in PORTFOLIO_WORDS or t.lower_ in ("and", "&") for t in sp)


def _flag_media_by_cue(doc: Doc, cands: list[Candidate]) -> None:
    """'he told Politico', 'Der Spiegel reported', 'a Guardian interview': an outlet."""
    text = text_of(doc)
    for c in cands:
        if c.kind == "place" or c.media:
            continue
        before = text[max(0, c.span.start_char - 25): c.span.start_char]
        after = text[c.span.end_char: c.span.end_char + 40]
        if c.kind == "organisation" and not gazetteer.has_org_word(c.text) \
                and (_MEDIA_CUE_BEFORE.search(before) or _MEDIA_CUE_AFTER.match(after)):
            c.media = True
        elif c.kind == "person" and len(c.span) <= 2 and _MEDIA_CUE_AFTER.match(after) \
                and re.match(r"^\s*(?:newspaper|daily|weekly|magazine|news agency|broadcaster)", after):
            c.kind, c.media, c.role = "organisation", True, None


def _vote_kinds(cands: list[Candidate]) -> None:
    """One type per name in an article: the weighted majority of its mentions."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        votes[c.key][c.kind] += c.weight
        if c.media:
            votes[c.key]["organisation"] += 5
    media_keys = {c.key for c in cands if c.media}
    for c in cands:
        v = votes[c.key]
        best = max(v, key=lambda k: (v[k], k == c.kind))
        if best != c.kind:
            c.kind = best
            if best != "person":
                c.role = None
        if c.kind == "organisation" and c.key in media_keys:
            c.media = True
