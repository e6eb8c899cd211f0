"""Transcript turns: `WALLACE: …`, `Q: … A: …` lines are the words of the labelled speaker.

A line that opens with a speaker label in capitals and a colon is one turn; the label resolves to
the person of the article with that surname ("WALLACE" -> "Chris Wallace"). `Q` is the
interviewer and `A` the one interviewed, resolved where the article says who interviewed whom
("Chris Wallace interviewed Trump", "in an interview with Trump", "interviewed by Wallace").
An article needs two turns or more to count as a transcript, so that a lone "UPDATE: …" or a
dateline is never a quote.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from etl.model import Quote, Speaker
from etl.extract.quotes.speakers import EntityIndex

CONFIDENCE = 0.8
MIN_TURNS = 2
_TURN = re.compile(r"^[ \t]*(Q|A|[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,2})[ \t]*:[ \t]+(\S[^\n]*)",
                   re.M)
# Labels in capitals that head a note, not a turn of speech.
_NOT_SPEAKERS = {"UPDATE", "UPDATED", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION",
                 "CLARIFICATION", "WATCH", "READ", "READ MORE", "RELATED", "VIDEO", "PHOTOS",
                 "PHOTO", "SOURCE", "SOURCES", "TRANSCRIPT", "BREAKING", "ALSO", "WARNING", "PS",
                 "P.S.", "FILE", "URL", "HTTP", "HTTPS", "TAGS", "TOPICS"}


def extract_turns(doc: Doc, index: EntityIndex, taken: list[tuple[int, int]]) -> list[Quote]:
    """One quote per labelled line outside every quote already found."""
    text = doc.text
    turns = [m for m in _TURN.finditer(text) if m.group(1) not in _NOT_SPEAKERS]
    if len(turns) < MIN_TURNS:
        return []
    roles = _interview_roles(doc, index)
    out = []
    for m in turns:
        a, b = m.span(2)
        while b > a and text[b - 1].isspace():
            b -= 1
        if len(re.findall(r"\w+", text[a:b])) < 2 or any(a < y and x < b for x, y in taken):
            continue
        speaker = _label_speaker(m.group(1), m.start(1), m.end(1), index, roles)
        out.append(Quote(text=text[a:b], start=a, end=b, speaker=speaker, kind="direct",
                         confidence=CONFIDENCE))
        taken.append((a, b))
    return out


def _label_speaker(label: str, start: int, end: int, index: EntityIndex,
                   roles: dict[str, int]) -> Speaker:
    if label in ("Q", "A"):
        i = roles.get("interviewer" if label == "Q" else "interviewee")
    else:
        i = index.person_by_word(label.split()[-1].title())
    if i is None:
        return Speaker(text=label, start=start, end=end)
    return Speaker(text=label, name=index.people[i].name, kind="person", entity=i,
                   start=start, end=end)


def _person_at(tok: Token, index: EntityIndex) -> int | None:
    for m in index.within(tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)):
        if m.kind == "person" and m.start <= tok.idx < m.end:
            return m.index
    return None


def _interview_roles(doc: Doc, index: EntityIndex) -> dict[str, int]:
    """Who interviewed whom, from "X interviewed Y", "Y was interviewed by X" and "an
    interview with Y"."""
    roles: dict[str, int] = {}
    for tok in doc:
        if tok.lemma_.lower() != "interview":
            continue
        for c in tok.children:
            kids = [o for o in c.children if o.dep_ == "pobj"]
            if c.dep_ == "nsubj" and tok.pos_ == "VERB":
                role, head = "interviewer", c
            elif c.dep_ in ("dobj", "nsubjpass"):
                role, head = "interviewee", c
            elif c.dep_ in ("agent", "prep") and c.lower_ == "by" and kids:
                role, head = "interviewer", kids[0]
            elif c.dep_ == "prep" and c.lower_ == "with" and kids:
                role, head = "interviewee", kids[0]
            else:
                continue
            i = _person_at(head, index)
            if i is not None:
                roles.setdefault(role, i)
    return roles
