"""Direct quotes and who said them.

First version: paired double quotation marks, attributed to the subject of a reporting verb in
the same sentence, or to a pronoun resolved to the last person named before it.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from etl.model import Entity, Quote, Speaker

REPORTING_VERBS = {
    "say", "tell", "state", "stress", "comment", "add", "write", "argue", "warn", "explain",
    "claim", "insist", "note", "conclude", "declare", "announce", "ask", "reply", "respond",
    "emphasize", "emphasise", "continue", "acknowledge", "admit", "assert", "believe",
    "complain", "confirm", "deny", "describe", "point", "predict", "promise", "recall",
    "report", "suggest", "tweet", "urge", "accuse", "call", "praise", "criticize", "criticise",
}
_QUOTE = re.compile(r"[“\"]([^“”\"]{2,}?)[”\"]")
_PRONOUNS = {"he", "she", "they", "it", "we"}


def extract_quotes(doc: Doc, people: list[Entity], organisations: list[Entity]) -> list[Quote]:
    text = doc.text
    quotes: list[Quote] = []
    for m in _QUOTE.finditer(text):
        start, end = m.start(1), m.end(1)
        content = m.group(1)
        if len(content.split()) < 4:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        speaker, cue = _speaker_in_sentence(sent, start, end, people, organisations, doc)
        quotes.append(Quote(text=content, start=start, end=end, speaker=speaker, cue=cue,
                            partial=False, confidence=0.6 if speaker else 0.3))
    return quotes


def _find_entity(start: int, end: int, entities: list[Entity]) -> int | None:
    for i, e in enumerate(entities):
        for mn in e.mentions:
            if mn.start < end and start < mn.end:
                return i
    return None


def _speaker_in_sentence(sent, qstart, qend, people, orgs, doc):
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in REPORTING_VERBS:
            continue
        if qstart <= tok.idx < qend:
            continue
        for child in tok.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            sub = doc[child.left_edge.i: child.right_edge.i + 1]
            if qstart <= sub.start_char < qend:
                continue
            if child.lower_ in _PRONOUNS:
                ref = _last_person_before(sub.start_char, people)
                if ref is not None:
                    return Speaker(text=child.text, name=people[ref].name, kind="person",
                                   entity=ref, start=child.idx,
                                   end=child.idx + len(child.text)), tok.text
                return Speaker(text=child.text, start=child.idx,
                               end=child.idx + len(child.text)), tok.text
            i = _find_entity(sub.start_char, sub.end_char, people)
            if i is not None:
                return Speaker(text=sub.text, name=people[i].name, kind="person", entity=i,
                               start=sub.start_char, end=sub.end_char), tok.text
            i = _find_entity(sub.start_char, sub.end_char, orgs)
            if i is not None:
                return Speaker(text=sub.text, name=orgs[i].name, kind="organisation", entity=i,
                               start=sub.start_char, end=sub.end_char), tok.text
            return Speaker(text=sub.text, kind="other", start=sub.start_char,
                           end=sub.end_char), tok.text
    return None, None


def _last_person_before(pos: int, people: list[Entity]) -> int | None:
    best, best_pos = None, -1
    for i, p in enumerate(people):
        for mn in p.mentions:
            if best_pos < mn.start < pos:
                best, best_pos = i, mn.start
    return best
