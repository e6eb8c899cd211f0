"""The reported clause that holds a quoted fragment: the content of a mixed quote.

`Rutte stressed that “it is important …”` -> `that “it is important …”`; `accuses Trump of
“throwing Ukraine under the bus”` -> `Trump of “throwing Ukraine under the bus”`. By the parse
when the cue governs the fragment, else by position in the sentence.
"""
from __future__ import annotations

from spacy.tokens import Doc

from etl.extract.quotes.cues import Cue
from etl.extract.quotes.marks import QuotedSpan


def linear_clause(doc: Doc, cue: Cue, open_tok: int, close_tok: int, s: QuotedSpan,
                   para) -> tuple[int, int]:
    """The reported clause by position when the parse does not connect cue and quote: from
    the cue to the end of the sentence (`said that … “…” …`), or from the start of the
    sentence to the quote when the cue follows (`… “…,” she said`)."""
    verb = cue.token
    if verb.sent.start != doc[max(open_tok, 0)].sent.start and \
            verb.sent.start != doc[min(close_tok, len(doc) - 1)].sent.start:
        return s.content_start, s.content_end
    if verb.i < open_tok:
        i = verb.i + 1
        skip = {c.i for c in verb.children if c.dep_ in ("prt", "dative", "npadvmod")
                or c.dep_ == "dobj" and verb.lemma_ in ("tell", "ask", "remind", "inform")}
        skip |= {t.i for j in list(skip) for t in doc[j].subtree}
        while i < open_tok and (i in skip or doc[i].is_punct or doc[i].is_space
                                or verb.lower_ == "according" and doc[i].lower_ == "to"
                                or i == getattr(cue.source, "i", -1)):
            if cue.source is not None and i == cue.source.i:
                i = cue.source.right_edge.i + 1
                continue
            i += 1
        a = doc[min(i, max(open_tok, 0), len(doc) - 1)].idx
        b = max(doc[min(close_tok, len(doc) - 1)].sent.end_char, s.close_end)
    else:
        a = doc[max(open_tok, 0)].sent.start_char
        b = s.close_end
    a, b = max(a, para[0]), min(b, para[1])
    a = min(a, s.open_start)
    while b > a and doc.text[b - 1] in " .,;\n":
        b -= 1
    return (a, b) if b > a else (s.content_start, s.content_end)


def clause(doc: Doc, cue: Cue, content, s: QuotedSpan, para) -> tuple[int, int]:
    """The complement of the cue that holds the quoted fragment, marks included."""
    verb = cue.token
    root = content.root
    child = root
    while child.head.i != verb.i and child.head.i != child.i:
        child = child.head
    if child.head.i != verb.i:
        return s.content_start, s.content_end
    a = doc[child.left_edge.i].idx
    if child.dep_ in ("oprd", "attr", "xcomp", "prep", "advcl", "acomp", "ccomp"):
        # `called X “Y”`, `described X as “Y”`: the content is the object and its predicate
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.i < child.i]
        if objs:
            a = min(a, doc[objs[0].left_edge.i].idx)
    b = doc[child.right_edge.i].idx + len(doc[child.right_edge.i])
    sent = verb.sent
    a = max(a, sent.start_char, para[0])
    b = min(max(b, s.close_end), para[1])
    a = min(a, s.open_start)
    if a >= b:
        return s.content_start, s.content_end
    # trailing sentence punctuation is not part of the content
    while b > a and doc.text[b - 1] in " .,;":
        b -= 1
    return a, b
