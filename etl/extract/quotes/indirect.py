"""Indirect speech: reported clauses with a speech verb and a named or resolved source.

The frames, each kept only with a subject that names who spoke (a name, a description, or a
pronoun resolved through the focus): `X said (that) …`, `…, X said.`, `…, X said, …`,
`according to X, …`, `X warned of …`, `X urged Y to …`, `X asked whether …`, `X denied the
report`, `X, who …, denied …` ("who" resolves to X), `X made it clear that …`. The content is
the reported clause (PolNeAR's notion: "that" included), cut at a semicolon and before a
further attribution (", noting …"), never overlapping a quotation or a direct quote, and never
within three characters of a quotation mark on its line. Verbs of thought and perception
("believe", "see") are left out.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from etl.model import Quote
from etl.extract.quotes.cues import source_of
from etl.extract.quotes.focus import Focus, unresolved_pronoun
from etl.extract.quotes.speakers import EntityIndex, speaker_from_head

MIN_WORDS = 5
CONFIDENCE = 0.6
UNRESOLVED_CONFIDENCE = 0.2
# Verbs that report speech, not thought or perception ("believe", "see" and "know" report
# states of mind and are left out).
SPEECH_VERBS = {
    "say", "tell", "claim", "argue", "warn", "insist", "add", "note", "explain", "acknowledge",
    "admit", "deny", "announce", "state", "stress", "emphasize", "emphasise", "assert",
    "contend", "maintain", "declare", "predict", "promise", "pledge", "vow", "suggest",
    "confirm", "testify", "complain", "concede", "reply", "respond", "write", "tweet",
    "report", "reveal", "disclose", "indicate", "caution", "recall", "observe", "remark",
    "reiterate", "allege", "charge", "boast", "signal", "hint", "urge", "accuse", "criticize",
    "criticise", "speak", "agree", "propose", "recommend", "estimate", "forecast", "conclude",
    "find", "show",
}
# Verbs whose reported content is an infinitive ("urged X to …", "declined to …").
_TO_VERBS = {"urge", "call", "ask", "decline", "refuse", "promise", "vow", "pledge", "threaten",
             "demand", "encourage", "invite", "tell", "warn", "agree", "offer", "plan"}
# Verbs whose object names what was said ("cited the figures", "denied any involvement").
_OBJECT_VERBS = {"cite", "deny", "criticize", "criticise", "blame", "accuse", "announce",
                 "propose", "reject", "dismiss", "praise", "condemn", "endorse", "confirm",
                 "reveal", "defend", "dispute", "question", "acknowledge", "admit", "demand",
                 "recommend"}
# Words that open a reported question ("asked whether …", "asked how …").
_QUESTION_WORDS = {"whether", "if", "why", "what", "how", "who", "whom", "when", "where",
                   "which"}
# Verbs that report the clause before them ("The talks failed, the minister said").
_SAY_AFTER = {"say", "tell", "add", "note", "explain", "write", "tweet", "argue", "warn",
              "insist", "claim", "report", "acknowledge", "admit", "caution", "predict"}
# Verbs whose reported content is a prepositional phrase ("warned of …", "spoke about …").
_ABOUT = {"warn": ("of", "against", "about"), "speak": ("about", "of"), "complain": ("about",),
          "testify": ("about",),
          "boast": ("about", "of"), "talk": ("about",)}
_MARKS = set("“”\"„") | {"''", "``"}
_MARK_CHARS = set("“”\"„'`")
_SPACE_RUN = re.compile(r"\s+")
# Sources that give no speaker: the writer ("I", "we", "us", the "'s" of "let's"), the reader,
# a thing.
_SKIP_SOURCES = {"i", "we", "you", "it", "this", "that", "'s", "’s", "us"}


def _supposed(tok: Token) -> bool:
    """"Let me say that ...", "let's say": a supposition, with "let" an imperative (not
    "Readers may not let editorials tell them how to vote")."""
    head = tok.head
    return head.lemma_.lower() == "let" and head.i != tok.i \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)


def _clear_made(tok: Token) -> bool:
    """`made it (unequivocally) clear that …`: a speech act without a speech verb."""
    return tok.lemma_ == "make" and any(c.lower_ == "clear" for c in tok.subtree
                                        if c.head.i == tok.i or c.head.head.i == tok.i)


def _according_to(doc: Doc, tok: Token, index: EntityIndex, focus: Focus,
                  quoted: list[tuple[int, int]], taken: list[tuple[int, int]]) -> Quote | None:
    """`According to Zelensky, ensuring security would require …` and `…, according to X.`"""
    src = source_of(tok, quoted)
    if src is None or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    sent = tok.sent
    if tok.i == sent.start or tok.i == sent.start + 1 and doc[sent.start].is_punct:
        i = src.right_edge.i + 1
        while i < sent.end and (doc[i].is_punct or doc[i].is_space):
            i += 1
        span = doc[i:sent.end]
    else:
        span = doc[sent.start:tok.i]
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    if len(span) == 0 or sum(1 for t in span if t.is_alpha) < MIN_WORDS:
        return None
    if any(t.text in _MARKS for t in span) or any(t.text in _MARKS for t in sent):
        return None
    a, b = span.start_char, span.end_char
    if any(a < y and x < b for x, y in quoted + taken) or _near_mark(doc.text, a, b):
        return None
    speaker = speaker_from_head(doc, src, index, quoted, focus)
    if speaker is None:
        return None
    return Quote(text=doc.text[a:b], start=a, end=b, speaker=speaker, cue="according to",
                 partial=False, kind="indirect",
                 confidence=UNRESOLVED_CONFIDENCE if unresolved_pronoun(speaker) else CONFIDENCE)


def _near_mark(text: str, a: int, b: int) -> bool:
    """A clause within three characters of a quotation mark on its line is skipped:
    PolNeAR's scorer, and any consumer that pairs text with marks by proximity, would take it
    for a direct quote, and indirect speech must never cost direct figures. A paragraph that
    opens with a quotation after the clause's own paragraph ends ("… the spokesman said the
    report was misleading.\n\n“It cherry-picked …”") is the next paragraph, not the clause's
    marks."""
    line_before = _SPACE_RUN.sub(" ", text[max(0, a - 12):a].rpartition("\n")[2])[-3:]
    line_after = _SPACE_RUN.sub(" ", text[b:b + 12].partition("\n")[0])[:3]
    near = text[max(0, a - 3):a] + line_before + line_after + text[b:b + 3]
    return any(ch in _MARK_CHARS for ch in near)


def _complement(doc: Doc, tok: Token):
    """The reported clause of a speech verb: `said (that) …`, `…, the minister said`,
    `warned of …`, `made it clear that …`; None when it has none."""
    heads = [tok] + [c for c in tok.children if c.lower_ == "clear"] if _clear_made(tok) else [tok]
    comps = [c for h in heads for c in h.children
             if c.dep_ == "ccomp" and c.i > tok.i and c.lower_ != "clear"]
    lemma = tok.lemma_.lower()
    if comps and lemma in SPEECH_VERBS | {"make"}:
        return doc[comps[0].left_edge.i: comps[0].right_edge.i + 1], MIN_WORDS
    # a question reported: "the host asked whether …", "asked the twins if …"
    if lemma == "ask":
        asked = next((c for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.i > tok.i
                      and c.left_edge.lower_ in _QUESTION_WORDS), None)
        if asked is not None:
            return doc[asked.left_edge.i: asked.right_edge.i + 1], MIN_WORDS
    if _clear_made(tok):
        # the parser tends to hang "that …" on the nearest noun ("at a meeting … that")
        that = next((t for t in doc[tok.i + 1: tok.sent.end] if t.lower_ == "that"
                     and t.dep_ == "mark"), None)
        return (doc[that.i: tok.sent.end], MIN_WORDS) if that is not None else None
    if lemma in SPEECH_VERBS:
        # "said in a statement that …": the parser hangs the clause on the statement
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.i > tok.i):
            that = next((w for w in prep.subtree if w.lower_ == "that" and w.dep_ == "mark"
                         and w.head.dep_ in ("acl", "relcl") and w.head.head.i > prep.i), None)
            if that is not None:
                return doc[that.i: that.head.right_edge.i + 1], MIN_WORDS
    # the clause first and the attribution after it: "The talks failed, the minister said."
    before = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i
              and c.left_edge.i == tok.sent.start]
    if before and lemma in _SAY_AFTER:
        return doc[before[0].left_edge.i: before[0].right_edge.i + 1], MIN_WORDS
    # the attribution set between commas inside the clause it reports: "For now, the mayor
    # said, the bridge will stay closed." (the clause after it is what was said)
    if lemma in _SAY_AFTER and tok.dep_ == "parataxis" and tok.head.i > tok.i + 1 \
            and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "," \
            and tok.head.right_edge.i > tok.i + 1:
        return doc[tok.i + 2: tok.head.right_edge.i + 1], MIN_WORDS
    # "warned of a recession", "spoke about the plan"
    preps = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i
             and c.lower_ in _ABOUT.get(lemma, ())]
    if preps:
        return doc[preps[0].i: preps[0].right_edge.i + 1], MIN_WORDS
    return _to_or_object(doc, tok, lemma)


def _to_or_object(doc: Doc, tok: Token, lemma: str):
    """`urged Republicans to join …`, `declined to comment`, `cited derogatory comments`:
    the object with its infinitive, or the object alone for verbs that name what was said."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i > tok.i]
    objs += [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "on" and c.i > tok.i
             for o in c.children if o.dep_ == "pobj"]
    xcomp = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i
             and any(t.lower_ == "to" and t.dep_ == "aux" for t in c.children)]
    if lemma in _TO_VERBS and xcomp:
        start = min([o.left_edge.i for o in objs if o.i < xcomp[0].i] + [xcomp[0].left_edge.i])
        return doc[start: xcomp[0].right_edge.i + 1], 3
    dobj = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
    if lemma in _OBJECT_VERBS and dobj and dobj[0].pos_ in ("NOUN", "PROPN"):
        # with its reason or label: "criticized the administration for revealing …",
        # "accused Trump of …", "praised the plan as …"
        end = max([dobj[0].right_edge.i] + [c.right_edge.i for c in tok.children
                                            if c.dep_ == "prep" and c.i > dobj[0].i
                                            and c.lower_ in ("for", "as", "of")])
        return doc[dobj[0].left_edge.i: end + 1], 2
    return None


def extract_indirect(doc: Doc, index: EntityIndex, focus: Focus,
                     quoted: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Quote]:
    """Reported clauses outside every quotation and every direct quote already taken."""
    out: list[Quote] = []
    for tok in doc:
        if tok.lower_ == "according":
            q = _according_to(doc, tok, index, focus, quoted, taken)
            if q is not None:
                out.append(q)
                taken.append((q.start, q.end))
            continue
        q = _reported(doc, tok, index, focus, quoted, taken)
        if q is not None:
            out.append(q)
            taken.append((q.start, q.end))
    return out


def _reported(doc: Doc, tok: Token, index: EntityIndex, focus: Focus,
              quoted: list[tuple[int, int]], taken: list[tuple[int, int]]) -> Quote | None:
    """The reported speech a verb attributes to its subject, if it has a clear source."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or not (lemma in SPEECH_VERBS or lemma in _TO_VERBS
                                  or lemma in _OBJECT_VERBS or _clear_made(tok)):
        return None
    if any(a <= tok.idx < b for a, b in quoted + taken) or _supposed(tok):
        return None
    found = _complement(doc, tok)
    if found is None:
        return None
    span, min_words = found
    span = _cut_at_further_attribution(_cut_at_semicolon(span))
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    if len(span) == 0 or any(t.text in _MARKS for t in span) \
            or sum(1 for t in span if t.is_alpha) < min_words:
        return None
    a, b = span.start_char, span.end_char
    if any(a < y and x < b for x, y in quoted + taken) or _near_mark(doc.text, a, b):
        return None
    src = source_of(tok, quoted)
    if src is None or src.lower_ in _SKIP_SOURCES or src.i > tok.i + 3:
        return None
    speaker = speaker_from_head(doc, src, index, quoted, focus)
    if speaker is None or speaker.kind is None and speaker.name is None \
            and not speaker.text[:1].isupper():
        return None
    cue = f"{tok.text} it clear" if _clear_made(tok) else tok.text
    return Quote(text=doc.text[a:b], start=a, end=b, speaker=speaker, cue=cue, partial=False,
                 kind="indirect",
                 confidence=UNRESOLVED_CONFIDENCE if unresolved_pronoun(speaker) else CONFIDENCE)


def _cut_at_further_attribution(span):
    """A reported clause ends before ", noting …" / ", adding …": a speech verb's participle
    after a comma is the reporter attributing something more ("Kerr said the plan was late,
    noting the costs"), not part of what was said first."""
    for t in span[1:]:
        if t.tag_ == "VBG" and t.lemma_.lower() in SPEECH_VERBS and t.i > span.start + 1 \
                and t.nbor(-1).text == ",":
            return span[:t.i - 1 - span.start]
    return span


def _cut_at_semicolon(span):
    """A reported clause ends at a semicolon: what follows is the reporter's next clause."""
    for t in span:
        if t.text == ";":
            return span[:t.i - span.start]
    return span

