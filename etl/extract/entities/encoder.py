"""The accurate profile's entity tagger: a small transformer encoder beside spaCy's model.

spaCy's model finds the spans the rules start from (etl.extract.entities.candidates). In the
accurate profile a second tagger reads each sentence as well: all-MiniLM-L6-v2 fine-tuned on
CoNLL-2003 train for people, organisations, places and other names (scripts/train_ner.py; its
card is etl/models/ner/MODEL_CARD.md). It runs as a spaCy component after spaCy's `ner` and
rewrites `doc.ents`: where it is sure, its people and organisations overrule the spaCy model's
(`encoder_entities` says how the two are combined). The rules then work as in the fast profile.

The weights ship inside the package and are read with onnxruntime; nothing is downloaded.
"""
from __future__ import annotations

import functools
import json
import os
from importlib import resources

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

MAX_PIECES = 120          # word pieces per window, as in training
BATCH = 16                # windows per call

# The tagger's types as spaCy's labels, which the rules read (its MISC has none).
_AS_SPACY = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_NAMES = {"PERSON", "ORG"}        # what the tagger decides: people and organisations


def word_case(word: str) -> int:
    """0 lower or no letters, 1 Capitalised, 2 ALL CAPS (two letters or more), 3 mixed: the
    encoder is uncased, so each piece is given its word's case (in training too)."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return 0
    if all(c.isupper() for c in letters):
        return 2 if len(letters) > 1 else 1
    if letters[0].isupper():
        return 1
    if any(c.isupper() for c in letters):
        return 3
    return 0


class Tagger:
    """The ONNX graph, its tokenizer and its labels, loaded once per process."""

    def __init__(self):
        import onnxruntime
        from tokenizers import Tokenizer
        root = resources.files("etl.models") / "ner"
        self.labels: list[str] = json.loads((root / "labels.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_str((root / "tokenizer.json").read_text(encoding="utf-8"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        opts = onnxruntime.SessionOptions()
        # One thread: parallelism comes from the workers (--workers, a Dask cluster), one
        # process per core, as for spaCy.
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession((root / "ner.onnx").read_bytes(), opts,
                                                    providers=["CPUExecutionProvider"])
        self.cls = self.tokenizer.token_to_id("[CLS]")
        self.sep = self.tokenizer.token_to_id("[SEP]")

    def spans(self, doc: Doc) -> list[tuple[int, int, str, float]]:
        """(start token, end token, type, certainty) of every name the tagger finds."""
        words = _words(doc)
        if not words:
            return []
        enc = self.tokenizer.encode([w.text for w in words], is_pretokenized=True,
                                    add_special_tokens=False)
        pieces: list[list[int]] = [[] for _ in words]
        for piece, w in zip(enc.ids, enc.word_ids):
            pieces[w].append(piece)
        unk = self.tokenizer.token_to_id("[UNK]")
        pieces = [p or [unk] for p in pieces]
        windows = _windows(doc, words, pieces)
        tags = ["O"] * len(words)
        sure = [1.0] * len(words)
        for b in range(0, len(windows), BATCH):
            batch = windows[b:b + BATCH]
            rows = []
            for ws in batch:
                ids, case, first = [self.cls], [0], []
                for w in ws:
                    first.append(len(ids))
                    ids += pieces[w]
                    case += [word_case(words[w].text)] * len(pieces[w])
                rows.append((ids + [self.sep], case + [0], first))
            n = max(len(r[0]) for r in rows)
            ids = np.zeros((len(rows), n), dtype=np.int64)
            mask = np.zeros((len(rows), n), dtype=np.int64)
            case = np.zeros((len(rows), n), dtype=np.int64)
            for i, (r_ids, r_case, _) in enumerate(rows):
                ids[i, :len(r_ids)] = r_ids
                mask[i, :len(r_ids)] = 1
                case[i, :len(r_case)] = r_case
            logits = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask,
                                                   "case_ids": case})[0]
            z = np.exp(logits - logits.max(-1, keepdims=True))
            probs = z / z.sum(-1, keepdims=True)
            for i, ws in enumerate(batch):
                best = probs[i].argmax(-1)
                for w, at in zip(ws, rows[i][2]):
                    tags[w] = self.labels[int(best[at])]
                    sure[w] = float(probs[i, at, best[at]])
        return _decode(words, tags, sure)


_HYPHENS = {"-", "\u2010", "\u2011"}


def _words(doc: Doc) -> list[Span]:
    """The document's words as the tagger was trained on them (CoNLL's tokens): spaCy's
    tokens, but a word joined by a hyphen ("Okonkwo-Bell", "far-right") is one word."""
    words: list[Span] = []
    for t in doc:
        if t.is_space:
            continue
        if words and t.text in _HYPHENS and not doc[t.i - 1].whitespace_ \
                and not t.whitespace_ and t.i + 1 < len(doc) and doc[t.i + 1].is_alpha \
                and doc[t.i - 1].is_alpha:
            words[-1] = doc[words[-1].start:t.i + 1]
        elif words and words[-1][-1].text in _HYPHENS and len(words[-1]) > 1 \
                and words[-1].end == t.i:
            words[-1] = doc[words[-1].start:t.i + 1]
        else:
            words.append(doc[t.i:t.i + 1])
    return words


def _windows(doc: Doc, words, pieces) -> list[list[int]]:
    """Indexes into `words`, whole sentences packed up to MAX_PIECES pieces; a longer sentence
    is cut."""
    starts = {s.start for s in doc.sents} if doc.has_annotation("SENT_START") else set()
    out: list[list[int]] = []
    cur: list[int] = []
    size = 0
    sent: list[int] = []

    def flush_sentence():
        nonlocal cur, size, sent
        n = sum(len(pieces[w]) for w in sent)
        if cur and size + n > MAX_PIECES:
            out.append(cur)
            cur, size = [], 0
        if n > MAX_PIECES:
            part, psize = [], 0
            for w in sent:
                if part and psize + len(pieces[w]) > MAX_PIECES:
                    out.append(part)
                    part, psize = [], 0
                part.append(w)
                psize += len(pieces[w])
            cur, size = part, psize
        else:
            cur += sent
            size += n
        sent = []

    for k, w in enumerate(words):
        if w.start in starts and sent:
            flush_sentence()
        sent.append(k)
    if sent:
        flush_sentence()
    if cur:
        out.append(cur)
    return out


def _decode(words, tags: list[str], sure: list[float]) -> list[tuple[int, int, str, float]]:
    """IOB2 to (start token, end token, type, certainty) spans; an I- that does not continue
    its type opens a span, and an I- after a line break is dropped (a line break ends a name,
    as it ends a sentence: the rules cut spaCy's names there too). Punctuation at either end is
    not part of a name; a span with no capital letter is no name ("far-right" in "the far-right
    party"). The certainty is the least probability the tagger gave a word of the span."""
    spans = []
    start, typ, cut = None, None, None
    doc = words[0].doc if words else None
    for k, tag in enumerate(tags + ["O"]):
        kind = tag[2:] if tag != "O" else None
        if k < len(words) and start is not None and tag.startswith("I-") and kind == typ \
                and "\n" in doc.text[words[k - 1].end_char:words[k].start_char]:
            cut = typ                 # a line break ends a name, as it ends a sentence
        if cut is not None:
            if tag.startswith("I-") and kind == cut:
                tag, kind = "O", None
            else:
                cut = None
        if start is not None and (tag == "O" or tag.startswith("B-") or kind != typ):
            ws = words[start:k]
            while ws and ws[-1][-1].is_punct and ws[-1][-1].text not in (".", "'"):
                ws = ws[:-1]
            while ws and ws[0][0].is_punct:
                ws = ws[1:]
            if ws and any(w.text[:1].isupper() for w in ws):
                spans.append((ws[0].start, ws[-1].end, typ, min(sure[start:k])))
            start, typ = None, None
        if kind is not None and start is None:
            start, typ = k, kind
    return spans


@functools.lru_cache(maxsize=1)
def _tagger(pid: int) -> Tagger:
    return Tagger()


def tagger() -> Tagger:
    """This process's tagger (an inference session does not survive a fork)."""
    return _tagger(os.getpid())


# How sure the tagger must be to overrule spaCy's model: it was trained on 1996 wire stories,
# and on today's pages its unsure calls against spaCy's model are more often wrong than right
# ("Ngozi Adeyemi-Okafor" an organisation at 0.85; docs/evaluation.md, "The accurate profile").
SURE = 0.9


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _name_start(ent: Span) -> int:
    """Where the name in a span of spaCy's model starts, after "the"."""
    return ent.start + 1 if len(ent) > 1 and ent[0].lower_ == "the" else ent.start


def _owns_its_possessive(ent: Span) -> bool:
    """An organisation whose name ends in "'s" (a store or an agency named after its founder:
    "Moody's", "Bloomingdale's"): spaCy's model keeps the "'s" inside the name, which it does
    not do for a person's possessive; the tagger, trained on text where "'s" is always a word
    of its own, sees the founder."""
    return ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ in ("'s", "’s")


@Language.component("newsetl_encoder_ents")
def encoder_entities(doc: Doc) -> Doc:
    """The tagger's people and organisations in place of the spaCy model's.

    - Where spaCy's model gives a wider span of the type the tagger gives inside it ("Maria
      Okonkwo-Bell", "the Kelston Herald" around a tagged "Herald"), and the tagger is not sure
      that a part of it is a person or organisation of the other type, the wider span stays.
    - Where the two disagree, person against organisation, or the tagger sees a place where
      spaCy's model sees a person or organisation, the tagger wins when it is sure (SURE); a
      place overrules only a whole name ("Parkland", not "London" in "London Overground").
      A name only the tagger sees is taken when it is sure, too, and so is a person or
      organisation where spaCy's model sees a thing of another kind (a product, a work, a
      place): unsure, the tagger called games, phones and songs organisations.
    - The tagger's MISC (a word of a name's family: "OPEC" in "OPEC oil ministers") overrules
      nothing; a person or organisation only spaCy's model found otherwise stays.
    """
    found = [(s, e, _AS_SPACY.get(t), sure) for s, e, t, sure in tagger().spans(doc)]
    model = list(doc.ents)
    ents: list[Span] = []
    absorbed: set[int] = set()
    for ent in model:
        if ent.label_ not in _NAMES:
            continue
        inside = [k for k, f in enumerate(found) if _overlap(f[:2], (ent.start, ent.end))]
        labels = {found[k][2] for k in inside}
        against = {found[k][2] for k in inside if found[k][3] >= SURE} & _NAMES
        if inside and (ent.label_ in labels and against <= {ent.label_}
                       or _owns_its_possessive(ent)) \
                and all(ent.start <= found[k][0] and found[k][1] <= ent.end for k in inside):
            ents.append(ent)
            absorbed.update(inside)
    taken = {i for x in ents for i in range(x.start, x.end)}
    places = []
    for k, (s, e, label, sure) in enumerate(found):
        if k in absorbed or label is None:
            continue
        if label == "GPE":
            places.append((s, e, sure))
            continue
        seen = [m for m in model if _overlap((s, e), (m.start, m.end))]
        if sure < SURE and (not seen or any(m.label_ != label for m in seen)):
            continue
        ents.append(Span(doc, s, e, label=label))
        taken.update(range(s, e))
    for ent in model:
        idx = set(range(ent.start, ent.end))
        if idx & taken or ent.label_ in _NAMES and any(
                sure >= SURE and s <= _name_start(ent) and ent.end <= e for s, e, sure in places):
            continue
        ents.append(ent)
        taken.update(idx)
    # a place only the tagger found; where it overruled a person or organisation, nothing
    ents += [Span(doc, s, e, label="GPE") for s, e, sure in places
             if sure >= SURE and not any(_overlap((s, e), (m.start, m.end)) for m in model)]
    doc.ents = filter_spans(ents)
    return doc
