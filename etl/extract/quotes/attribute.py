"""Quotes and who said them.

Marks are paired on characters (etl.extract.quotes.marks); each quoted span then goes through
deterministic sieves, most precise first, and the first that names a source wins
(etl.extract.quotes.cues): a cue beside the quote, a cue governing it in the parse, "according to".
Spans without a cue of their own continue the relation before them in the paragraph, or a
multi-paragraph quote; then the layout (`…” ― Name`, a paragraph ending "X said:"), then the
sentence that leads into the quote (one that reports speech, a clause ending in a colon), then,
for a fragment, the person who is the subject of the verb that holds it, then one name in the
paragraph, then the closest name, then the subject of the paragraph before.
Quoted pieces of one relation (`“A,” he said, “B.”`) are emitted as one quote, the way readers
and PolNeAR's annotators count them: its text is the pieces joined by a space, and start/end
span the first to the last piece. A fragment inside the reporter's sentence (`accuses Trump
of “throwing Ukraine under the bus”`) is `partial`, and its text is the reported clause that
holds it, marks included. Speakers are resolved by etl.extract.quotes.speakers.

Titles and scare quotes (“America First” policy, titled “Multipolarization”) have no cue that
governs them, are short or title-cased, and are dropped. Indirect speech comes last
(etl.extract.quotes.indirect), outside every quoted span, with kind "indirect".
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from etl.lexicons import honorifics
from etl.lexicons.layout import SMALL_WORDS
from etl.model import PIECE_JOINER, Entity, Quote, Speaker
from etl.extract.quotes.cues import CONFIDENCE, Cue, find_cue, is_cue_token, source_of
from etl.extract.quotes.indirect import extract_indirect
from etl.extract.quotes.clauses import clause, linear_clause
from etl.extract.quotes.marks import QuotedSpan, find_quoted_spans, paragraphs
from etl.extract.quotes.focus import Focus, unresolved_pronoun
from etl.extract.quotes.speakers import EntityIndex, is_speaker_like, speaker_from_head
from etl.extract.quotes.transcript import extract_turns

MIN_WORDS = 4              # shorter spans are names, titles or scare quotes unless a cue governs them
MIN_PARTIAL_WORDS = 8      # a fragment inside a sentence with no cue at all must be this long
MIN_CLAUSE_WORDS = 2       # a short fragment is kept when a cue governs it in a clause this long
_WORD = re.compile(r"\w+")
_TITLE_BEFORE = re.compile(r"(\w+)\.$")
_DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*([A-Z][^\n]*?)[ \t.]*$", re.M)
# Cues after which a short quoted fragment is someone's words (called it a “disgrace”,
# described as “unhinged”, promised to act “immediately”); after other verbs (summed up the
# “America First” policy, rejecting a “unipolar world”) it is a label or a scare quote.
_NAMING_CUES = {"say", "call", "describe", "label", "dub", "term", "brand", "refer", "tell",
                "write", "add", "warn", "claim", "insist", "promise", "vow", "argue", "accuse",
                "praise", "decry", "denounce", "condemn", "deride", "mock", "state", "respond",
                "declare", "note", "suggest", "predict", "charge", "allege", "complain",
                "acknowledge", "admit", "concede", "dismiss", "slam", "blast", "characterize",
                "characterise", "deem", "pledge", "ask", "urge", "boast", "quip", "joke",
                "remark", "comment", "explain", "announce", "stress", "emphasize", "emphasise",
                "chant", "yell", "shout", "scream", "reiterate"}


@dataclass
class Piece:
    span: QuotedSpan
    cue: Cue | None
    partial: bool
    start: int                    # emitted text: the quoted content, or for a fragment the
    end: int                      # clause that holds it ("said it would “compete…”")


@dataclass
class Relation:
    pieces: list[Piece] = field(default_factory=list)
    speaker: Speaker | None = None
    sieve: str | None = None
    cue: Cue | None = None


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _title_case(s: str) -> bool:
    """“Trump’s Call to the Kremlin”: every word capitalised but the small ones.

    Shouted text (“JUST PEACE. TOGETHER”) is writing, not a title."""
    if s.isupper() or re.search(r"[.!?]\s", s):
        return False
    ws = [w for w in _words(s) if w.lower() not in SMALL_WORDS]
    return bool(ws) and len(ws) <= 8 and all(w[0].isupper() or w[0].isdigit() for w in ws)


def _is_partial(text: str, span: QuotedSpan, para_start: int) -> bool:
    """A fragment inside the reporter's sentence, rather than a sentence of its own."""
    before = text[para_start:span.open_start].rstrip()
    if not before or before[-1] in ":.!?;—–-(":
        return False
    if before[-1] in "”\"'’" and len(before) > 1 and before[-2] in ".!?,":
        return False
    if before[-1] == ",":
        return False
    return True


class _TokenLocator:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, pos: int) -> int:
        """Index of the token that holds character `pos` (or the last one before it)."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)


def extract_quotes(doc: Doc, people: list[Entity], organisations: list[Entity]) -> list[Quote]:
    text = doc.text
    if not text.strip() or len(doc) == 0:
        return []
    paras = paragraphs(text)
    spans = find_quoted_spans(text)
    quoted = [(s.content_start, s.content_end) for s in spans]
    index = EntityIndex(people, organisations)
    focus = Focus(doc, index, quoted)
    loc = _TokenLocator(doc)

    pieces: list[Piece] = []
    for s in spans:
        pieces.append(_piece(doc, text, s, paras, quoted, loc))

    relations = _group(text, pieces, paras)
    quotes: list[Quote] = []
    for rel in relations:
        _attribute(doc, text, rel, relations, paras, index, focus, quoted, loc)
        q = _to_quote(text, rel)
        if q is not None:
            quotes.append(q)
    taken = [(p.start, p.end) for rel in relations for p in rel.pieces]
    quotes.extend(extract_turns(doc, index, taken))
    quotes.extend(extract_indirect(doc, index, focus, quoted, taken))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _piece(doc: Doc, text: str, s: QuotedSpan, paras, quoted, loc: _TokenLocator) -> Piece:
    pa, pb = paras[s.paragraph]
    ci, cj = loc.at(s.content_start), loc.at(s.content_end - 1) + 1
    content = doc[ci:cj]
    open_tok = loc.at(s.open_start)
    close_tok = loc.at(s.close_end - 1) if not s.continues and not s.unclosed else cj
    if open_tok >= ci:
        open_tok = ci - 1
    if close_tok < cj:
        close_tok = cj
    cue = find_cue(doc, content, open_tok, min(close_tok, len(doc) - 1), (pa, pb), quoted)
    partial = _is_partial(text, s, pa)
    start, end = s.content_start, s.content_end
    if partial and cue is not None:
        if cue.sieve == "dependency":
            start, end = clause(doc, cue, content, s, (pa, pb))
        elif cue.sieve in ("adjacent", "sentence", "according"):
            start, end = linear_clause(doc, cue, open_tok, close_tok, s, (pa, pb))
    return Piece(s, cue, partial, start, end)


def _keep(text: str, p: Piece) -> bool:
    content = text[p.span.content_start:p.span.content_end]
    n = len(_words(content))
    governed = p.cue is not None and p.cue.sieve in ("adjacent", "dependency", "according")
    if _title_case(content) and (p.partial or not governed or n < MIN_WORDS):
        return False
    if n < MIN_WORDS and not p.partial and p.cue is not None and p.cue.sieve == "adjacent" \
            and p.cue.source is not None:
        return True               # “It’s finished,” she said.
    if n < MIN_WORDS:
        return governed and p.partial and p.cue.token.lemma_.lower() in _NAMING_CUES \
            and len(_words(text[p.start:p.end])) >= MIN_CLAUSE_WORDS
    if p.partial and not governed and n < MIN_PARTIAL_WORDS:
        return False
    return True


def _quote_only(text: str, s: QuotedSpan, para: tuple[int, int]) -> bool:
    """The paragraph is (almost) nothing but this quote."""
    pa, pb = para
    return s.open_start - pa <= 2 and (s.close_end >= pb - 3 or s.continues or s.unclosed)


def _has_own_cue(rel: Relation) -> bool:
    return rel.cue is not None and rel.cue.source is not None and rel.cue.sieve != "sentence"


def _group(text: str, pieces: list[Piece], paras) -> list[Relation]:
    relations: list[Relation] = []
    prev_span: QuotedSpan | None = None
    for p in pieces:
        continued = prev_span is not None and prev_span.continues \
            and prev_span.paragraph + 1 == p.span.paragraph
        if not continued and not _keep(text, p):
            continue
        last = relations[-1] if relations else None
        last_piece = last.pieces[-1] if last else None
        own = p.cue is not None and p.cue.source is not None and p.cue.sieve != "sentence"
        same_para = last_piece is not None and last_piece.span.paragraph == p.span.paragraph
        # a quote that runs on from the paragraph before belongs to it, unless both carry
        # their own cues (then the earlier mark was a stray one)
        if continued and last is not None and not (own and p.cue.sieve == "adjacent"
                                                   and _has_own_cue(last)):
            last.pieces.append(p)
        elif own:
            if same_para and last.cue is not None and last.cue.token.i == p.cue.token.i:
                last.pieces.append(p)
            else:
                relations.append(Relation([p], cue=p.cue))
        elif same_para and not p.partial:
            last.pieces.append(p)
        elif (last_piece is not None and last_piece.span.paragraph + 1 == p.span.paragraph
              and _quote_only(text, p.span, paras[p.span.paragraph]) and last.cue is not None
              and not last_piece.partial):
            last.pieces.append(p)
        else:
            relations.append(Relation([p], cue=p.cue))
        prev_span = p.span
    return relations


def _cue_sieves(doc, rel: Relation, index, quoted, focus: Focus) -> bool:
    """The cue beside a piece names the speaker: cues within the quote's clause first, then a
    cue elsewhere in the sentence. True when one did."""
    for sentence_cues in (False, True):
        for p in rel.pieces:
            if p.cue is None or p.cue.source is None or \
                    (p.cue.sieve == "sentence" and not sentence_cues):
                continue
            rel.cue = p.cue
            sp = speaker_from_head(doc, p.cue.source, index, quoted, focus)
            if sp is not None:
                rel.speaker, rel.sieve = sp, p.cue.sieve
                return True
    return False


def _dash_signature(text: str, rel: Relation, paras, index) -> Speaker | None:
    """Layout: a dash and a name after the closing mark (`…” ― Beck Pimentel`), or on a line
    of its own under a quote that fills its paragraph (a list of quotes, each signed)."""
    last = rel.pieces[-1].span
    m = _DASH_SIGNATURE.match(text, last.close_end, paras[last.paragraph][1])
    if m is None and last.paragraph + 1 < len(paras) \
            and _quote_only(text, last, paras[last.paragraph]):
        qa, qb = paras[last.paragraph + 1]
        m = _DASH_SIGNATURE.match(text, qa, qb)
    if not m or len(_words(m.group(1))) > 8:
        return None
    a, b = m.span(1)
    names = [x for x in index.within(a, b) if x.kind == "person"]
    if not names:
        return Speaker(text=text[a:b], start=a, end=b)
    sp = _mention_speaker(text, index, names[0])
    sp.text, sp.start, sp.end = text[a:b], a, b
    return sp


def _colon_label(text: str, rel: Relation, index) -> Speaker | None:
    """Layout: a person's name and a colon right before the opening mark ("Economists warn -
    Tom Reed: “…”"): the name labels the quote, whatever verb the sentence has before it."""
    first = rel.pieces[0].span
    head = text[:first.open_start].rstrip()
    if not head.endswith(":"):
        return None
    end = len(head) - 1
    names = [m for m in index.within(max(0, end - 80), end) if m.kind == "person" and m.end == end]
    # the name opens its segment ("… warn - Tom Reed:", the text's first words), so it is
    # no object of the sentence before it ("Lopez wrote of Ann Keller: “…”" is Lopez's)
    if not names:
        return None
    before = text[:names[-1].start].rstrip()
    title = _TITLE_BEFORE.search(before)
    if before[-1:] not in ("", "-", "–", "—", ".") \
            or title is not None and title.group(1).lower() in honorifics():
        return None             # "… wrote of Ms. Keller: “…”" names whom it is about
    return _mention_speaker(text, index, names[-1])


def _attribute(doc, text, rel: Relation, relations, paras, index, focus: Focus, quoted, loc):
    """Run the sieves for one relation; sets rel.speaker, rel.sieve, rel.cue."""
    sp = _colon_label(text, rel, index)
    if sp is not None:
        rel.speaker, rel.sieve = sp, "layout"
        return
    if _cue_sieves(doc, rel, index, quoted, focus):
        return
    first = rel.pieces[0].span
    pa, pb = paras[first.paragraph]
    sp = _dash_signature(text, rel, paras, index)
    if sp is not None:
        rel.speaker, rel.sieve = sp, "layout"
        return
    # layout: the paragraph before ends by introducing this one ("Cruz continued:")
    if _quote_only(text, first, (pa, pb)) and first.paragraph > 0:
        qa, qb = paras[first.paragraph - 1]
        if text[qa:qb].rstrip().endswith(":"):
            sp = _last_cue_source(doc, qa, qb, index, quoted, focus, loc)
            if sp is not None:
                rel.speaker, rel.sieve = sp, "layout"
                return
    # continuation of the previous relation's speaker (a quote-only paragraph after it)
    prev = _previous(rel, relations)
    if prev is not None and prev.speaker is not None and _quote_only(text, first, (pa, pb)) \
            and prev.pieces[-1].span.paragraph >= first.paragraph - 1:
        rel.speaker, rel.sieve = prev.speaker, "continuation"
        return
    # a quote that opens a sentence after one that reports speech ("she said she and the
    # mayor had agreed on the plan. “We expect …”") goes on with that speaker; a quote after
    # a colon that ends a sentence with no cue ("X sent a short reply to Y: “…”") is its
    # subject's
    sp = _reporting_sentence(doc, text, first, (pa, pb), index, quoted, focus, loc)
    if sp is not None:
        rel.speaker, rel.sieve = sp, "sentence"
        return
    # a fragment inside the reporter's sentence is the words of the subject whose verb holds
    # it ("Sanders credited Clinton's win to “a closed primary”"), not of a name nearby
    if rel.pieces[0].partial:
        sp = _governing_subject(doc, first, index, quoted, focus, loc)
        if sp is not None:
            rel.speaker, rel.sieve = sp, "sentence"
            return
    # one name in the paragraph outside quotes, else the closest one before the quote
    names = [m for m in index.within(pa, pb) if m.kind == "person"
             and not any(a <= m.start < b for a, b in quoted)]
    distinct = {m.index for m in names}
    if len(distinct) == 1:
        m = names[0]
        rel.speaker, rel.sieve = _mention_speaker(text, index, m), "onename"
        return
    before = [m for m in names if m.start < first.open_start]
    if before:
        rel.speaker, rel.sieve = _mention_speaker(text, index, before[-1]), "closest"
        return
    if _quote_only(text, first, (pa, pb)) and first.paragraph > 0:
        qa, qb = paras[first.paragraph - 1]
        sp = focus.subject_speaker(doc[loc.at(first.open_start)], qa)
        if sp is not None:
            rel.speaker, rel.sieve = sp, "floating"
            return
        prev_names = [m for m in index.within(qa, qb) if m.kind == "person"
                      and not any(a <= m.start < b for a, b in quoted)]
        if prev_names:
            rel.speaker, rel.sieve = _mention_speaker(text, index, prev_names[-1]), "floating"
            return
    # guesses of last resort, flagged by their low confidence
    if names:
        rel.speaker, rel.sieve = _mention_speaker(text, index, names[0]), "guess"
    elif prev is not None and prev.speaker is not None \
            and prev.pieces[-1].span.paragraph >= first.paragraph - 1:
        rel.speaker, rel.sieve = prev.speaker, "guess"


def _reporting_sentence(doc, text, first: QuotedSpan, para, index, quoted, focus,
                        loc) -> Speaker | None:
    """The speaker of a quote with no cue, named by the sentence that leads into it."""
    pa, _ = para
    lead = text[pa:first.open_start].rstrip()
    if not lead:
        return None
    end = loc.at(pa + len(lead) - 1)
    if lead.endswith(":"):
        colon = doc[end]
        verb = colon.head if colon.head.pos_ in ("VERB", "AUX") else colon.sent.root
        if any(is_cue_token(a) for a in verb.ancestors):
            return None         # "X said Y was a candidate …: “…”" reports X, not Y
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.idx >= pa
                and not any(a <= c.idx < b for a, b in quoted)]
        if subj and is_speaker_like(subj[0]) and subj[0].lower_ not in ("it", "this", "that"):
            sp = speaker_from_head(doc, subj[0], index, quoted, focus)
            if sp is not None and sp.name is not None:
                return sp
        return None
    if lead[-1] not in ".!?" and not (lead[-1] in "”\"'’" and lead[-2:-1] in (".", "!", "?")):
        return None
    sent = doc[end].sent
    if sent.start_char < pa:
        return None
    for tok in reversed(sent):
        if is_cue_token(tok) and tok.lower_ != "according" \
                and not any(a <= tok.idx < b for a, b in quoted):
            src = source_of(tok, quoted)
            if src is None:
                continue
            sp = speaker_from_head(doc, src, index, quoted, focus)
            if sp is not None and sp.name is not None:
                return sp
    return None


def _governing_subject(doc, first: QuotedSpan, index, quoted, focus: Focus,
                       loc) -> Speaker | None:
    """The person who is the subject of the verb before a quoted fragment that governs it."""
    ci, cj = loc.at(first.content_start), loc.at(first.content_end - 1) + 1
    if ci >= cj:
        return None
    opening = loc.at(first.open_start)
    roots = [t for t in doc[ci:cj] if not ci <= t.head.i < cj or t.head.i == t.i]
    for root in roots:
        verb = next((a for a in root.ancestors if a.pos_ == "VERB" and a.i < opening), None)
        while verb is not None:
            subj = [c for c in verb.children if c.dep_ == "nsubj"
                    and not any(a <= c.idx < b for a, b in quoted)]
            if subj:
                break
            verb = verb.head if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i \
                else None
        if verb is None or not subj or subj[0].sent.start != root.sent.start:
            continue
        head = subj[0]
        if head.lower_ not in ("he", "she") and not (head.pos_ == "PROPN"
                                                     and is_speaker_like(head)):
            return None
        if head.lower_ in ("he", "she"):
            # "Speaker Paul Ryan, despite admitting that he had concerns about “…”": the person
            # the sentence named before its pronoun, where one agrees
            named = [m for m in index.within(head.sent.start_char, head.idx)
                     if m.kind == "person" and focus.agrees(m.index, head.lower_)
                     and not any(a <= m.start < b for a, b in quoted)]
            if named:
                return Speaker(text=head.text, name=index.people[named[0].index].name,
                               kind="person", entity=named[0].index, start=head.idx,
                               end=head.idx + len(head.text))
        sp = speaker_from_head(doc, head, index, quoted, focus)
        if sp is not None and sp.name is not None and sp.kind == "person":
            return sp
        return None
    return None


def _previous(rel: Relation, relations: list[Relation]) -> Relation | None:
    i = relations.index(rel)
    return relations[i - 1] if i > 0 else None


def _mention_speaker(text: str, index: EntityIndex, m) -> Speaker:
    ent = index.entity(m)
    return Speaker(text=text[m.start:m.end], name=ent.name, kind=m.kind, entity=m.index,
                   start=m.start, end=m.end)


def _last_cue_source(doc, qa, qb, index, quoted, focus, loc) -> Speaker | None:
    for tok in reversed(doc[loc.at(qa):loc.at(qb - 1) + 1]):
        if is_cue_token(tok) and not any(a <= tok.idx < b for a, b in quoted):
            src = source_of(tok, quoted)
            if src is not None:
                return speaker_from_head(doc, src, index, quoted, focus)
    return None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _to_quote(text: str, rel: Relation) -> Quote | None:
    if not rel.pieces:
        return None
    # verbatim: the words inside the marks of each piece
    pieces = _merged([(p.span.content_start, p.span.content_end) for p in rel.pieces])
    # attributed content: a fragment's reported clause, else the piece with its marks
    content = _merged([(min(p.start, p.span.open_start), max(p.end, p.span.close_end))
                       if p.partial else (p.span.open_start, p.span.close_end)
                       for p in rel.pieces])
    partial = all(p.partial for p in rel.pieces)
    cue = rel.cue.text if rel.cue is not None else None
    medium = None
    if rel.cue is not None and rel.cue.medium is not None:
        m = rel.cue.medium
        medium = m.doc[m.left_edge.i: m.right_edge.i + 1].text
        medium = re.sub(r"^the\s+", "", medium, flags=re.I)
    return Quote(text=PIECE_JOINER.join(text[a:b] for a, b in pieces), start=pieces[0][0],
                 end=pieces[-1][1], pieces=pieces, speaker=rel.speaker, cue=cue, medium=medium,
                 partial=partial, kind="mixed" if partial else "direct",
                 confidence=CONFIDENCE[None if unresolved_pronoun(rel.speaker) else rel.sieve],
                 content=PIECE_JOINER.join(text[a:b] for a, b in content),
                 content_start=content[0][0], content_end=content[-1][1])
