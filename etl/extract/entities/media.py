"""Outlets: names from the media list written in the text, and cues that make a name an outlet."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from etl import lexicons
from etl.extract.entities.candidate import Candidate
from etl.extract.entities.context import CREDIT_WORDS
from etl.lexicons import fold_key, text_of

# Cues that the name is an outlet. Kept strict: "according to the OECD", "Intel reported a loss",
# "told Parliament" are no evidence.
_MEDIA_CUE_BEFORE = re.compile(r"(?:\btold|\binterview with|\bwrote in|\bwriting in|\bspeaking to|"
                               r"\bcolumn in|\bquoted in|\bop-ed in)\s+(?:the\s+)?$", re.I)
_MEDIA_CUE_AFTER = re.compile(r"^(?:['’]s)?\s*(?:newspaper|daily|weekly|magazine|news agency|broadcaster|"
                              r"interview|correspondent|editorial|columnist|journalist|reporter|"
                              r"reported on its website)\b", re.I)
# For a name already in the media list, reporting is evidence too ("Vox reported", "(AP) —").
_LISTED_CUE_AFTER = re.compile(r"^(?:['’]s)?\s*(?:reported|reports|reporting|wrote|writes|revealed|"
                               r"said in a report|news|\)\s*[—–-])", re.I)


def media_cue(doc: Doc, start_char: int, end_char: int) -> bool:
    """The words around a mention say it is an outlet ("told Vox", "a Bloomberg interview")."""
    text = text_of(doc)
    before, after = text[max(0, start_char - 25):start_char], text[end_char:end_char + 40]
    return bool(_MEDIA_CUE_BEFORE.search(before) or _MEDIA_CUE_AFTER.match(after)
                or _LISTED_CUE_AFTER.match(after))


def listed_outlet(doc: Doc, sp: Span) -> bool:
    """Is this mention of a name from the media list the outlet? A name that is also a party
    ("Vox") is the party, one word that is also the surname of a person the article names
    ("Bloomberg" beside "Michael Bloomberg") is that person, and the start of a longer name
    ("Dow Jones Industrial Average") is not the outlet, unless the words around it say outlet."""
    if media_cue(doc, sp.start_char, sp.end_char):
        return True
    if sp.end < len(doc) and doc[sp.end].is_title and doc[sp.end].is_alpha and sp[-1].whitespace_ \
            and not lexicons.is_title(doc[sp.end].text) and fold_key(doc[sp.end].text) not in CREDIT_WORDS:
        return False                     # "Dow Jones Industrial Average": a longer name
    name = sp.text
    if lexicons.is_party(name):
        return False
    return len(sp) != 1 or not surname_of_a_person(doc, name)


def surname_of_a_person(doc: Doc, word: str) -> bool:
    """The article names a person with this surname ("Michael Bloomberg", "Helmut Kohl"): a
    first name from the list right before it."""
    return any(lexicons.is_given_name(m.group(1))
               for m in re.finditer(rf"\b([A-Z][\w'’-]+) {re.escape(word)}\b", text_of(doc)))


def media_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Outlets from the list written in the text, tagged by the model or not ("The Gazzetta dello
    Sport said", "the news agency Tanjug"). A one-word outlet counts only mid-sentence and when
    the article never writes it in lower case ("Time", "Focus" are ordinary words too)."""
    text = text_of(doc)
    media = lexicons.media_names()
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
                if any(j in taken for j in range(i, i + k)) or not listed_outlet(doc, sp):
                    continue
                out.append(Candidate(sp, "organisation", weight=3, media=True))
                found = k
                break
        i += found or 1
    return out + _shaped_outlets(doc, taken | {j for c in out for j in range(c.span.start, c.span.end)})


def _shaped_outlets(doc: Doc, taken: set[int]) -> list[Candidate]:
    """An outlet the model missed and the list does not know, shaped like one and named as one
    ("The Daily Harbinger reported on its website", "told the Kelston Herald")."""
    out, i, n = [], 0, len(doc)
    while i < n:
        j = i
        while j < n and j - i < 4 and j not in taken and doc[j].is_alpha and doc[j].is_title \
                and doc[j].lower_ != "the":
            j += 1
        if j - i >= 2:
            sp = doc[i:j]
            if lexicons.looks_like_media(sp.text) and media_cue(doc, sp.start_char, sp.end_char):
                out.append(Candidate(sp, "organisation", weight=2, media=True))
        i = max(j, i + 1)
    return out


def flag_media_by_cue(doc: Doc, cands: list[Candidate]) -> None:
    """'he told Politico', 'Der Spiegel reported', 'a Guardian interview': an outlet."""
    text = text_of(doc)
    for c in cands:
        if c.kind == "place" or c.media:
            continue
        before = text[max(0, c.span.start_char - 25): c.span.start_char]
        after = text[c.span.end_char: c.span.end_char + 40]
        # "told the Senate": whoever is told is an audience, and "Intel reported" a company; an
        # outlet must be shaped like one ("told the Kelston Herald", "Kaieteur News reported")
        if c.kind == "organisation" \
                and ((_MEDIA_CUE_BEFORE.search(before) or _LISTED_CUE_AFTER.match(after))
                     and lexicons.looks_like_media(c.text)
                     or _MEDIA_CUE_AFTER.match(after) and not lexicons.has_org_word(c.text)):
            c.media = True
        elif c.kind == "person" and len(c.span) <= 2 and _MEDIA_CUE_AFTER.match(after) \
                and re.match(r"^\s*(?:newspaper|daily|weekly|magazine|news agency|broadcaster)", after):
            c.kind, c.media, c.role = "organisation", True, None
