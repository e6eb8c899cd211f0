"""Candidate mentions of people and organisations in one article, each with a type.

The model's entity spans are cleaned (etl.extract.entities.names) and typed again: the word lists
(media outlets, places, nationalities, organisation words) and the layout rules for sports
reports and initials (etl.extract.entities.layout) overrule the model, names the model missed are
added (etl.extract.entities.media, etl.extract.entities.missed), and the same name is given one
type in the whole article by a weighted vote. etl.extract.entities.grouping then groups them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from etl import lexicons
from etl.extract.entities.candidate import ACRONYM, Candidate
from etl.extract.entities.context import (DROP, by_context, clean_part, is_amount, is_legal_form,
                                          split_name_run)
from etl.extract.entities.layout import drop_unsupported_caps, pattern_candidates, sports_places
from etl.extract.entities.media import (flag_media_by_cue, listed_outlet, media_candidates,
                                         surname_of_a_person)
from etl.extract.entities.missed import given_name_candidates, list_candidates, qualifier_candidates
from etl.extract.entities.names import (PORTFOLIO_WORDS, find_appositive_role, find_role, leading_title_len,
                                        span_text, split_span, title_match_len, trim_span)
from etl.extract.entities.patterns import is_locative_use, is_sports_report, is_table_label, is_team_sports_report, is_venue
from etl.lexicons import fold_key, text_of

__all__ = ["ACRONYM", "Candidate", "collect_candidates"]

_LABELS_USED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)$")


def collect_candidates(doc: Doc) -> list[Candidate]:
    """Every typed mention of a person, organisation or place in the article."""
    sports = is_sports_report(doc)
    clubs = sports and is_team_sports_report(doc)      # towns stand for clubs
    cands = pattern_candidates(doc, sports, clubs)
    taken = {i for c in cands for i in range(c.span.start, c.span.end)}
    title_tokens: set[int] = set()
    if clubs:
        cands += sports_places(doc, taken)
        taken = {i for c in cands for i in range(c.span.start, c.span.end)}
    cands += media_candidates(doc, taken)
    taken = {i for c in cands for i in range(c.span.start, c.span.end)}
    for ent in doc.ents:
        if ent.label_ not in _LABELS_USED:
            continue
        ent = _person_by_particles(_widen_person_tail(_widen_to_listed(_after_staff_at(ent))))
        parts = split_span(ent, person=ent.label_ == "PERSON")
        if ent.label_ == "PERSON":
            parts = [p for part in parts for p in split_name_run(part)]
        for part in parts:
            if any(i in taken for i in range(part.start, part.end)):
                continue
            c = _typed(part, ent.label_, sports, clubs, title_tokens)
            if c is not None:
                cands.append(c)
                taken.update(range(c.span.start, c.span.end))    # "Leyen" after "Ursula von der"
    cands = _join_legal_forms(doc, cands)
    # "50 billion U.S. Dlrs", "3.25 H.K. Dlrs" (which also looks like an initialled name)
    cands = [c for c in cands if not is_amount(c.span)]
    cands += qualifier_candidates(doc, cands, clubs)
    cands += given_name_candidates(doc, cands)
    cands += list_candidates(doc, cands)
    cands = drop_unsupported_caps(doc, cands)
    cands = [c for c in cands if not (c.kind == "organisation" and _is_title_fragment(c.span, title_tokens))]
    for c in cands:
        # "Tovarek, a spokesman for Acme,": a word the model took for a body holds a title
        lone_word = c.kind == "organisation" and c.weight == 1 and len(c.span) == 1 \
            and not c.media and not ACRONYM.match(c.text) and not lexicons.is_party(c.text)
        if c.kind == "person" or lone_word:
            c.after_role = find_appositive_role(doc, c.span.end)
            if c.after_role is not None:
                c.kind = "person"
    flag_media_by_cue(doc, cands)
    _vote_kinds(cands)
    _shared_surnames(doc, cands)
    return cands


def _after_staff_at(ent: Span) -> Span:
    """"Engineers at Acme Corp", "Researchers at the Kelston Institute": the people who work
    somewhere, taken into the name of the place; the organisation starts after "at"."""
    doc = ent.doc
    for t in ent[1:-1]:
        if t.lower_ == "at":
            if all(w.tag_ == "NNS" for w in doc[ent.start:t.i]):
                return Span(doc, t.i + 1, ent.end, label=ent.label_)
            break
    return ent


def _widen_to_listed(ent: Span) -> Span:
    """"Dems" in "the Lib Dems": a span the model began a word late takes in the capitalised
    word before it when the two are a listed party or outlet."""
    doc, s = ent.doc, ent.start
    if s == 0 or not doc[s - 1].text[:1].isupper() or not doc[s - 1].is_alpha:
        return ent
    wider = doc[s - 1:ent.end]
    text = span_text(wider)
    if lexicons.is_party(text) or lexicons.is_media(text):
        return Span(doc, s - 1, ent.end, label=ent.label_)
    return ent


def _widen_person_tail(ent: Span) -> Span:
    """"Aung San Suu [Kyi]": a person's span the model ended a word early, where its last word
    is a compound of the capitalised name word right after it (not a word of an organisation,
    a place or a date: "Trump Tower", "Obama Administration" stay as they are)."""
    doc, e = ent.doc, ent.end
    if ent.label_ != "PERSON" or e >= len(doc) or len(ent) < 2:
        return ent
    nxt, last = doc[e], doc[e - 1]
    if last.dep_ != "compound" or last.head.i != nxt.i or nxt.pos_ != "PROPN" \
            or not nxt.is_title or not nxt.is_alpha or nxt.ent_type_ not in ("", "PERSON") \
            or lexicons.has_org_word(nxt.text) or lexicons.is_place(nxt.text) \
            or lexicons.is_nationality(nxt.text):
        return ent
    return Span(doc, ent.start, e + 1, label=ent.label_)


def _person_by_particles(ent: Span) -> Span:
    """"Joost van der Westhuizen" tagged as an organisation: a capitalised word, name particles
    written in lower case, and a capitalised surname, with no word of an organisation, is a
    person's name."""
    if ent.label_ not in ("ORG", "GPE") or len(ent) < 3:
        return ent
    words = [t.text for t in ent]
    inner = words[1:-1]
    if not (words[0].istitle() and words[-1][:1].isupper() and inner
            and all(w in ("van", "von", "der", "den", "ter", "zu") for w in inner)) \
            or lexicons.has_org_word(ent.text) or lexicons.is_place(ent.text):
        return ent
    return Span(ent.doc, ent.start, ent.end, label="PERSON")


def _shared_surnames(doc: Doc, cands: list[Candidate]) -> None:
    """"Bill and Hillary Clinton", "Venus and Serena Williams": a first name alone before "and"
    and a full name shares its surname."""
    starts = {c.span.start: c for c in cands if c.kind == "person"}
    # "Warren and Bernie Sanders" after "Elizabeth Warren": a surname of the article
    surnames = {c.span[-1].text for c in cands if c.kind == "person" and len(c.span) >= 2}
    for c in cands:
        e = c.span.end
        if c.kind != "person" or len(c.span) != 1 or not lexicons.is_given_name(c.text) \
                or c.text in surnames or e + 1 >= len(doc) or doc[e].lower_ not in ("and", "&"):
            continue
        nxt = starts.get(e + 1)
        if nxt is not None and len(nxt.span) == 2 and nxt.role is None \
                and all(t.is_alpha and t.text[:1].isupper() for t in nxt.span):
            c.surname = nxt.span[1].text


def _join_legal_forms(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """"Merrill Lynch and Co Inc": a legal form the model cut off at "and" joins the name before
    it; alone ("Co Inc") it names nothing. A firm named after people that the model took for
    a person and the rest of its name ("Dean Witter" + "Reynolds Inc", "Alex Brown" + "and Sons
    Inc", "E.F. Hutton" + "and Co") is one organisation."""
    cands = _firms_named_after_people(doc, cands)
    cands = _extend_over_and(doc, cands)
    by_end = {c.span.end: c for c in cands if c.kind == "organisation"}
    out = []
    for c in cands:
        if c.kind == "organisation" and is_legal_form(c.span):
            s = c.span.start
            prev = by_end.get(s - 1) if s >= 1 and doc[s - 1].lower_ in ("and", "&") else None
            if prev is not None:
                prev.span = doc[prev.span.start:c.span.end]
            continue
        out.append(c)
    return out


_COURT_V = {"v.", "v"}                   # a court case's "v." (never "V.", a middle initial)
_VERSUS = _COURT_V | {"vs.", "vs"}


def _typed(part: Span, label: str, sports: bool, clubs: bool, title_tokens: set[int]) -> Candidate | None:
    """Type one cleaned piece of a model entity, or None when it is no person/organisation."""
    person_like = label == "PERSON"
    sp, owned = clean_part(part, label)
    if sp is not None and not person_like:
        sp = _cut_trailing_title(sp)
    if sp is None:
        return None
    if any(t.text in _VERSUS for t in sp[1:-1]) or not sports and _beside_versus(sp):
        return None                          # "Keller v. Keller", "Roe v. Wade": a court case
    known = by_context(sp, label)
    if known is not None:
        return None if known == DROP else known
    text = span_text(sp)
    doc = sp.doc
    if owned or sp.end < len(doc) and doc[sp.end].text in ("'s", "’s") \
            and lexicons.is_possessive_name(text) and not surname_of_a_person(doc, text):
        return Candidate(doc[sp.start:sp.end + 1], "organisation", weight=1 if owned else 3,
                         possessive=True)
    if lexicons.is_media(text) and listed_outlet(sp.doc, sp):
        return Candidate(sp, "organisation", weight=3, media=True)
    if lexicons.is_party(text) or lexicons.is_platform(text):
        return Candidate(sp, "organisation", weight=3)
    if lexicons.is_not_org(text):
        return None
    if label == "PERSON" and len(sp) == 1 and sp[0].pos_ not in ("PROPN", "X") and not sp[0].is_upper:
        return None                          # "Symbolically", "Library": the model's guess
    if label in ("PERSON", "GPE", "LOC") and not lexicons.is_place(text) and _after_company_noun(sp):
        return Candidate(sp, "organisation", weight=2)    # "accountancy firm Grant Thornton"
    if lexicons.is_nationality(text) or all(lexicons.is_nationality(t.text) for t in sp):
        return None                          # "Rwandan Hutu"
    if sports and (sp.start > 0 and sp.doc[sp.start - 1].lower_ == "at" or is_venue(sp.doc, sp.start, sp.end)) \
            and not lexicons.has_org_word(text):
        return Candidate(sp, "place")            # a ground or a town: "At Chesterfield :"
    if len(sp) == 1 and is_table_label(text):
        return None                          # "Extras", "Stadium"
    if label in ("GPE", "LOC", "NORP") and ACRONYM.match(text) and text.isupper() and len(text) >= 3 \
            and not lexicons.is_place(text) and not _shouted(sp):
        return Candidate(sp, "organisation", weight=2)   # "ICCO" taken for a place
    if lexicons.is_place(text) or label in ("GPE", "LOC"):
        if clubs and lexicons.is_place(text) and not lexicons.is_country(text) and label != "LOC" \
                and not is_locative_use(sp.doc, sp.start):
            return Candidate(sp, "organisation", weight=2)
        if lexicons.has_org_word(text) and not lexicons.is_place(text):
            return Candidate(sp, "organisation")
        return Candidate(sp, "place", weight=2)
    if lexicons.is_event(text):
        return None                          # "UEFA Cup", "Parliament Act": an event or a document
    if lexicons.has_org_word(text):
        return Candidate(sp, "organisation", weight=2 if person_like else 1)
    if label == "PERSON":
        doc = sp.doc
        if _doctrine_or_law(sp):
            return None                      # "Thatcherism", "Obamacare", "the Dodd-Frank Act"
        if len(sp) == 1 and sp.start > 0 and doc[sp.start - 1].lower_ in ("in", "at", "near") \
                and not (sp.end < len(doc) and doc[sp.end].text in ("'s", "’s")):
            return Candidate(sp, "place")    # "in Keighley", "at Eton": a town the model took for a name
        if _home_town(sp):
            return Candidate(sp, "place")    # "Ann Berg, 30, of Dedham"
        if _written_as_a_town(sp):           # "return to Swansea", then "Swansea" as a person
            return Candidate(sp, "organisation", weight=2) \
                if clubs and not is_locative_use(doc, sp.start) else Candidate(sp, "place")
        if sports and sp.start > 0 and sp.doc[sp.start - 1].lower_ in _TEAM_NOUNS:
            return Candidate(sp, "organisation", weight=2)    # "division team Deportivo Coruna"
        return _person(sp, title_tokens)
    if label == "ORG":
        if _shouted(sp) or lexicons.is_not_org(text) or _common_word(sp):
            return None
        if _home_town(sp):
            return Candidate(sp, "place")    # "Ann Berg, 30, of Dedham"
        if _sentence_opening_plural(sp):
            return None                      # "Tours from Paris will cost ...": a common noun
        if _portfolio_and_name(sp):
            return _person(sp.doc[sp.start + 1:sp.end], title_tokens)
        if not sports and _double_barrelled_person(sp):
            return _person(sp, title_tokens)
        return Candidate(_cut_of_place(sp, clubs), "organisation")
    return None                      # NORP, FAC, PRODUCT, ... without an organisation cue


def _beside_versus(sp: Span) -> bool:
    """One side of a court case the model cut at its "v." ("Citizens United" in "Citizens United
    v. FEC"); a middle initial "V." is no "v.", and a sports fixture is left alone."""
    doc = sp.doc
    after = sp.end + 1 < len(doc) and doc[sp.end].text in _COURT_V \
        and doc[sp.end + 1].text[:1].isupper()
    before = sp.start >= 2 and doc[sp.start - 1].text in _COURT_V \
        and doc[sp.start - 2].text[:1].isupper()
    return after or before


def _sentence_opening_plural(sp: Span) -> bool:
    """One word opening a sentence that the tagger reads as a plural common noun ("Tours",
    "Imports"), in no list of names."""
    t = sp[0]
    return len(sp) == 1 and t.is_sent_start and t.tag_ == "NNS" and not t.is_upper \
        and not (lexicons.is_media(t.text) or lexicons.is_party(t.text))


def _portfolio_and_name(sp: Span) -> bool:
    """"Attorney General for Antitrust Olu Bensen": the portfolio after a title's "for" and the
    name of its holder, taken together for a body (the name is two capitalised words)."""
    doc = sp.doc
    return len(sp) == 3 and sp.start >= 2 and doc[sp.start - 1].lower_ == "for" \
        and lexicons.is_title(doc[sp.start - 2].text) \
        and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in sp)


def _home_town(sp: Span) -> bool:
    """The town after a person's age: "Jane Roe, 30, of Dedham", "Roe, 41, New Bedford, was
    arrested" (not a second person with an age of their own: "Roe, 30, Moe, 41")."""
    doc, i = sp.doc, sp.start
    if len(sp) > 3 or i < 4:
        return False
    if doc[i - 1].lower_ == "of":
        i -= 1
    elif sp.end + 1 < len(doc) and doc[sp.end].text == "," and doc[sp.end + 1].like_num:
        return False
    return doc[i - 1].text == "," and doc[i - 2].like_num and doc[i - 3].text == ","


def _double_barrelled_person(sp: Span) -> bool:
    """"Phoebe Waller-Bridge", "Raquel Montoya-Lewis": one word and a hyphenated one, no
    organisation word, the first no place or nationality. The model sometimes takes such a
    person for a firm; firms with a hyphen put it first ("Rolls-Royce Holdings") or have no
    word before it ("Hewlett-Packard"), and "Paris Saint-Germain" starts with a place."""
    if len(sp) != 4 or sp[2].text != "-" or sp[1].whitespace_ or sp[2].whitespace_:
        return False
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper and len(t) >= 2
               for t in (sp[0], sp[1], sp[3])) \
        and not (lexicons.is_place(sp[0].text) or lexicons.is_nationality(sp[0].text)
                 or lexicons.has_org_word(sp[0].text))


def _cut_trailing_title(sp: Span) -> Span | None:
    """"U.S. Department of Agriculture Deputy Administrator" -> the department."""
    for k in (3, 2, 1):
        if len(sp) > k and lexicons.is_title(sp[-k:].text) and sp[-k].text[:1].isupper():
            return trim_span(sp[:-k], person=False)
    doc = sp.doc
    if sp.end < len(doc) and doc[sp.end].text[:1].isupper():
        # a title that begins inside the span and goes on after it: "Tea Council Executive"
        # before "Director Kofi Mensah" -> Tea Council; "Peruvian Foreign Trade" before
        # "Minister" -> nothing
        for i in range(sp.start + 1, sp.end):
            n = title_match_len(doc, i, min(len(doc), sp.end + 4))
            if n and i + n > sp.end:
                cut = i
                while cut > sp.start and doc[cut - 1].lower_ in PORTFOLIO_WORDS:
                    cut -= 1
                if cut > sp.start and doc[cut - 1].lower_ in ("of", "for", "and", "&"):
                    return sp                # "Department of Agriculture" keeps its name
                rest = doc[sp.start:cut]
                if not len(rest) or lexicons.is_nationality(rest.text) \
                        or lexicons.is_country(rest.text):
                    return None
                return trim_span(rest, person=False)
    return sp


# A doctrine or a programme named after someone ("Thatcherism", "Obamacare"): one word.
_DOCTRINE = re.compile(r"^[A-Z][a-z]{3,}(?:ism|isms|care)$")
# What a law named after its sponsors is called ("the Dodd-Frank Act", "Glass-Steagall rules").
_LAW_NOUNS = r"(?:Act|act|Law|law|bill|Bill|rules?|reforms?|regime|legislation|regulations?)"


def _doctrine_or_law(sp: Span) -> bool:
    """One word named after people that names no person: a doctrine or programme, or two
    surnames joined by a hyphen that the article also writes before "Act", "law" or "rules"."""
    doc = sp.doc
    s, e = sp.start, sp.end                  # the whole word: "Dodd" of "Dodd-Frank"
    while s > 1 and doc[s - 1].text == "-" and not doc[s - 2].whitespace_ and not doc[s - 1].whitespace_:
        s -= 2
    while e + 1 < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_ \
            and not doc[e].whitespace_ and doc[e + 1].text[:1].isupper():
        e += 2
    text = doc[s:e].text
    if " " in text:
        return False
    if _DOCTRINE.match(text):
        return True
    return "-" in text.strip("-") and re.search(
        rf"\b{re.escape(text)}\s+{_LAW_NOUNS}\b", text_of(sp.doc)) is not None


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
            if fold_key(head[-1].text) in lexicons.legal_suffixes() and lexicons.is_place(tail_text) \
                    or clubs and lexicons.is_country(tail_text):
                return head
            break
    return sp


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
            or prev.is_stop or lexicons.is_place(prev.text) or lexicons.is_nationality(prev.text) \
            or prev.whitespace_ != " ":
        return name
    if prev.is_sent_start and not lexicons.is_given_name(prev.text):
        return name
    return doc[name.start - 1:name.end]


def _is_title_word(tok) -> bool:
    return lexicons.is_title(tok.text) or tok.lower_ in lexicons.title_words()


_TEAM_NOUNS = {"team", "teams", "club", "clubs", "side", "sides", "outfit", "franchise", "champions",
               "rivals", "contenders", "opponents", "visitors", "hosts", "leaders", "holders"}

# Nouns that say what kind of organisation the name right after them is ("accountancy firm
# Grant Thornton", "retail bank Absa", "PR agency Brunswick").
# (Not "broker", "maker", "publisher", "operator": a person's trade as often as a firm's.)
_COMPANY_NOUNS = {"firm", "company", "bank", "agency", "group", "carrier", "airline", "insurer",
                  "retailer", "brokerage", "manufacturer", "conglomerate", "consultancy",
                  "lender", "supermarket", "chain", "startup", "start-up", "charity", "utility"}
# Verbs after "the firm X" that make X its founder or owner ("the firm John Smith founded").
_OWNER_VERBS = {"found", "start", "set", "run", "own", "join", "leave", "build", "create",
                "launch", "buy", "sell", "head", "lead", "co-found", "work"}


def _after_company_noun(sp: Span) -> bool:
    """A name the model took for a person, right after a noun for a kind of organisation."""
    doc = sp.doc
    if sp.start == 0 or doc[sp.start - 1].lower_ not in _COMPANY_NOUNS \
            or not doc[sp.start - 1].is_lower or doc[sp.start - 1].pos_ != "NOUN":
        return False
    after = doc[sp.end] if sp.end < len(doc) else None
    return after is None or not (after.pos_ == "VERB" and after.lemma_.lower() in _OWNER_VERBS)


def _written_as_a_town(sp: Span) -> bool:
    """A town (entities_towns.txt) that the article writes as a place somewhere ("in X", "near
    X", "at X", "X-born", "X-based", "Archbishop of X") and that is no given name and the
    surname of no person it names ("Bolton" stays John Bolton)."""
    text = span_text(sp)
    if not lexicons.is_town(text) or lexicons.is_given_name(sp[0].text) \
            or surname_of_a_person(sp.doc, text) \
            or sp.root.dep_ == "nsubj" \
            and sp.root.head.lemma_.lower() in lexicons.reporting_verbs():
        return False                         # "Bolton, the former ambassador, said"
    x = re.escape(text)
    return re.search(rf"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]t)\s+{x}\b(?!['’]s|-)|\b{x}-(?:born|based)\b"
                     rf"|\b[A-Z][a-z]+ of {x}\b", text_of(sp.doc)) is not None


def _is_title_fragment(sp: Span, title_tokens: set[int]) -> bool:
    """'State' in 'Secretary of State', 'State for Trade and Industry' in 'Secretary of State for
    Trade and Industry': the portfolio of a title, not an organisation ("Chairman of Chrysler"
    keeps Chrysler)."""
    if all(i in title_tokens for i in range(sp.start, sp.end)):
        return True
    if sp.start >= 2:
        doc = sp.doc
        prev, head = doc[sp.start - 1], doc[sp.start - 2]
        if prev.lower_ in ("of", "for") and lexicons.is_title(head.text) and sp[0].lower_ in PORTFOLIO_WORDS:
            return True
    # "Shadow Home [Secretary]": nothing but portfolio words, right before a title
    doc = sp.doc
    return sp.end < len(doc) and lexicons.is_title(doc[sp.end].text) and \
        all(t.lower_ in PORTFOLIO_WORDS or t.lower_ in ("and", "&") for t in sp)


def _firms_named_after_people(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A person without a title followed by capitalised words that end in a legal form ("Dean
    Witter Reynolds Inc", "Alex Brown and Sons Inc", "E.F. Hutton LBO Inc") becomes the
    organisation so named, and whatever was found inside the rest of the name goes."""
    grown: list[Candidate] = []
    for c in cands:
        if c.kind != "person" or c.role is not None:
            continue
        end = _legal_tail(doc, c.span.end)
        if end is not None:
            c.kind, c.span, c.weight = "organisation", doc[c.span.start:end], max(c.weight, 2)
            grown.append(c)
    if not grown:
        return cands
    inside = {i for c in grown for i in range(c.span.start, c.span.end)}
    return [c for c in cands if any(c is g for g in grown)
            or not any(i in inside for i in range(c.span.start, c.span.end))]


def _extend_over_and(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """"Standard and Poor's Corp", "Procter and Gamble Co": a firm the model began after "and"
    takes in the one capitalised word before it, when that word is no name of its own (in
    "Ford and Chrysler Corp" Ford is one)."""
    taken = {i: c for c in cands for i in range(c.span.start, c.span.end)}
    absorbed: set[int] = set()
    for c in cands:
        s = c.span.start
        if c.kind != "organisation" or s < 2 or doc[s - 1].lower_ not in ("and", "&") \
                or fold_key(c.span[-1].text) not in lexicons.legal_suffixes():
            continue
        word = doc[s - 2]
        other = taken.get(word.i)
        if other is not None and len(other.span) == 1 and other.kind == "organisation" \
                and any(t.text in ("'s", "’s") for t in c.span[1:]):
            # "Standard" + "Poor's Corp": a firm named "A and B's" is one name, whatever the
            # model made of A ("Ford and Chrysler's" has no legal form)
            absorbed.add(id(other))
            c.span = doc[s - 2:c.span.end]
            continue
        if other is not None or not word.is_alpha or not word.text[:1].isupper() \
                or word.is_sent_start or word.i > 0 and doc[word.i - 1].text[:1].isupper() \
                or lexicons.is_place(word.text) or lexicons.is_country(word.text) \
                or lexicons.is_nationality(word.text):
            continue
        c.span = doc[s - 2:c.span.end]
    return [c for c in cands if id(c) not in absorbed]


_FIRM_AFTER_AND = {"co", "company", "sons", "son", "brothers", "bros", "partners", "associates"}


def _legal_tail(doc: Doc, i: int) -> int | None:
    """The end of "[and|&] Word ... LegalForm" starting at token i (at most three words before
    the legal form, which is not the start of a hyphenated word: "Co-chairman"). After "and"
    only a firm's own word may follow ("and Sons Inc", "and Co"): in "John Smith and Acme
    Corp" the person and the company are two."""
    if i < len(doc) and doc[i].lower_ in ("and", "&"):
        if i + 1 >= len(doc) or fold_key(doc[i + 1].text) not in _FIRM_AFTER_AND:
            return None
        i += 1
    for j in range(i, min(i + 4, len(doc))):
        t = doc[j]
        if not (t.text[:1].isupper() or t.text == "."):
            return None
        if fold_key(t.text) in lexicons.legal_suffixes() and j > 0:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is not None and nxt.text in ("-", "–") and not nxt.whitespace_ \
                    and not t.whitespace_:
                return None
            return j + 1
    return None


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
