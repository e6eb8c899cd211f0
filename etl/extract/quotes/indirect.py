"""Indirect speech: `Hegseth made it clear that …`, `the minister said the talks had failed`.

Only the one frame that stays precise without a coreference or attribution model: a speech
verb from a short list, with a named source as its subject and a complement clause (ccomp) of
at least a few words that holds no quotation mark. Everything else is left to direct quotes.
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
}
_MARKS = set("“”\"„") | {"''", "``"}
_MARK_CHARS = set("“”\"„'`")
_SPACE_RUN = re.compile(r"\s+")
_SKIP_SOURCES = {"i", "we", "you", "it", "this", "that", "which", "who"}


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
    """A clause within three characters of a quotation mark (even across a line break) is
    skipped: PolNeAR's scorer, and any consumer that pairs text with marks by proximity, would
    take it for a direct quote, and indirect speech must never cost direct figures."""
    before = _SPACE_RUN.sub(" ", text[max(0, a - 12):a])[-3:]
    after = _SPACE_RUN.sub(" ", text[b:b + 12])[:3]
    return any(ch in _MARK_CHARS for ch in before + after)


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
        if tok.pos_ != "VERB" or not (tok.lemma_.lower() in SPEECH_VERBS or _clear_made(tok)):
            continue
        if any(a <= tok.idx < b for a, b in quoted + taken):
            continue
        heads = [tok] + [c for c in tok.children if c.lower_ == "clear"] if _clear_made(tok) else [tok]
        comps = [c for h in heads for c in h.children
                 if c.dep_ == "ccomp" and c.i > tok.i and c.lower_ != "clear"]
        if comps:
            span = doc[comps[0].left_edge.i: comps[0].right_edge.i + 1]
        elif _clear_made(tok):
            # the parser tends to hang "that …" on the nearest noun ("at a meeting … that")
            that = next((t for t in doc[tok.i + 1: tok.sent.end] if t.lower_ == "that"
                         and t.dep_ == "mark"), None)
            if that is None:
                continue
            span = doc[that.i: tok.sent.end]
        else:
            continue
        while len(span) and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        if len(span) == 0 or any(t.text in _MARKS for t in span):
            continue
        if sum(1 for t in span if t.is_alpha) < MIN_WORDS:
            continue
        a, b = span.start_char, span.end_char
        if any(a < y and x < b for x, y in quoted + taken):
            continue
        if _near_mark(doc.text, a, b):
            continue
        src = source_of(tok, quoted)
        if src is None or src.lower_ in _SKIP_SOURCES or src.i > tok.i + 3:
            continue
        speaker = speaker_from_head(doc, src, index, quoted, focus)
        if speaker is None or speaker.kind is None and speaker.name is None \
                and not speaker.text[:1].isupper():
            continue
        cue = f"{tok.text} it clear" if _clear_made(tok) else tok.text
        out.append(Quote(text=doc.text[a:b], start=a, end=b, speaker=speaker, cue=cue,
                         partial=False, kind="indirect",
                 confidence=UNRESOLVED_CONFIDENCE if unresolved_pronoun(speaker) else CONFIDENCE))
        taken.append((a, b))
    return out
