"""Find the cue (reporting verb or "according to") that attributes a quoted span, and the
noun phrase the cue names as its source.

Three sieves, most precise first (CoreNLP's design): a cue right beside the quote
(`“…,” he said`, `Smith said: “…”`), a cue whose clause governs the quote in the parse
(`stressed that “…”`, `accuses Trump of “…”`), and "according to X" in the same sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from etl.extract.quotes.speakers import document_nouns, is_speaker_like

from etl.lexicons import looks_like_media, reporting_verbs

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Verbs whose subject is shared with a reporting verb below them: "went on to say",
# "continued to insist", and participles and conjuncts ("…, insisting", "and describes").
_CLIMB_DEPS = ("xcomp", "conj", "advcl", "ccomp", "pcomp", "dep", "parataxis")

# Sieve names and the confidence a speaker found by each earns.
CONFIDENCE = {
    "adjacent": 0.95,
    "dependency": 0.9,
    "according": 0.9,
    "sentence": 0.75,
    "layout": 0.8,
    "continuation": 0.8,
    "onename": 0.6,
    "floating": 0.55,
    "closest": 0.45,
    "guess": 0.3,
    None: 0.2,
}


@dataclass
class Cue:
    token: Token                 # the verb, or "according"
    source: Token | None         # head of the source noun phrase
    sieve: str                   # "adjacent" | "dependency" | "according" | "sentence"
    text: str                    # "told", "according to"
    medium: Token | None = None  # "Politico" in "he told Politico"


# Verbs that report speech only with "back" ("shot back", "fired back", "hit back").
_BACK_VERBS = {"shoot", "fire", "hit", "snap", "push", "strike", "bite"}


def is_cue_token(tok: Token) -> bool:
    if tok.lower_ == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ == "to"
    if tok.pos_ == "VERB" and tok.lemma_.lower() in _BACK_VERBS:
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children)
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in reporting_verbs() \
        or tok.pos_ == "VERB" and tok.lower_ in ("says", "said")


def _inside(tok: Token, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in ranges)


def source_of(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """Head of the noun phrase that the cue names as the source of speech."""
    if verb.lower_ == "according":
        for to in verb.children:
            if to.lower_ == "to":
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
        if verb.i + 1 < len(verb.doc):
            for obj in verb.nbor(1).children:
                return obj
        return None
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and prev is not None and prev.pos_ == "PROPN" \
            and prev.ent_type_ == "PERSON" and not _inside(prev, quoted):
        return prev             # "footage of Clinton asking, “…”": whoever the -ing verb follows
    if prev is not None and prev.dep_ == "appos" and prev.pos_ in ("NOUN", "PROPN") \
            and prev.left_edge.i > 0 and verb.doc[prev.left_edge.i - 1].text == "," \
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and not _inside(prev, quoted):
        # "In an interview with editors A and B, the candidate said": the subject parsed as an
        # apposition to the last name of the fronted phrase
        return prev
    tok = verb
    for _ in range(4):
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS and not _inside(c, quoted)]
        if subj:
            # of two subjects (a misparse: "Holding banners ..., the dockers shouted"), the one
            # nearest before the verb
            s = max((c for c in subj if c.i < tok.i), key=lambda c: c.i, default=subj[0])
            if tok.i != verb.i and tok.lemma_ == "be" and s.lower_ in _EXPLETIVE \
                    and tok.dep_ in _CLIMB_DEPS and not _inside(tok.head, quoted):
                # "X insisted it was “too early” …, adding …": the clause climbed into is
                # what X said, and its "it" says nothing
                tok = tok.head
                continue
            if s.dep_ == "nsubjpass" and tok.i == verb.i:
                agent = [g for g in tok.children if g.dep_ == "agent"]
                objs = [o for g in agent for o in g.children if o.dep_ == "pobj"]
                return objs[0] if objs else None
            return s
        # "The trust spending $90 million on a line said": a noun and its -ing clause parsed as
        # a clausal subject; the noun is the source
        inner = [n for c in tok.children if c.dep_ == "csubj" and c.tag_ == "VBG"
                 for n in c.children if n.dep_ == "nsubj" and n.i < c.i and not _inside(n, quoted)]
        if inner:
            return inner[0]
        # "…,” said Smith: the source can come out as an object after the verb
        after = [c for c in tok.children if c.i > tok.i and c.dep_ in ("dobj", "attr", "npadvmod",
                                                                       "appos", "dative")
                 and c.pos_ in ("PROPN", "PRON") and not _inside(c, quoted)
                 and c.lower_ not in ("it", "this", "that")
                 and c.ent_type_ not in ("DATE", "TIME")]
        if after and tok.i == verb.i and tok.lemma_ == "say":
            return after[0]
        if tok.i == verb.i:
            # "Mr. Okafor, whose start-up uses satellite data, said …" parsed with the subject
            # inside a clause before the verb: a verb that reports a clause after it cannot
            # also report the one before it
            early = [c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i
                     and not _inside(c, quoted)]
            late = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
            if early and late:
                lost = [n for n in early[0].children if n.dep_ == "nsubj" and n.pos_ == "PROPN"
                        and n.i < early[0].i and n.left_edge.i == early[0].left_edge.i]
                if lost:
                    return lost[0]
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "X, who said …", "footage of X saying …" -> X; "X released a statement saying …"
            # -> X, the author of the document
            return _author(tok.head, quoted) or tok.head
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX") \
                and tok.head.lower_ in _SUBJECT_PREPS and not _inside(tok.head.head, quoted):
            tok = tok.head.head     # "X deflected questions before saying, “…”": X
            continue
        if tok.dep_ in _CLIMB_DEPS and tok.head.i != tok.i and not _inside(tok.head, quoted):
            tok = tok.head          # never into the quoted clause: its subject is not the source
            continue
        break
    return None


def _author(noun: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject that sent or released the document `noun` ("the mayor’s campaign sent out a
    press release saying …", "the campaign emailed a letter to supporters stating …")."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head         # "an email to supporters stating": the email
    if noun.lemma_.lower() not in document_nouns() | {"release"} or noun.dep_ != "dobj":
        return None
    subj = [c for c in noun.head.children if c.dep_ == "nsubj" and not _inside(c, quoted)]
    return subj[0] if subj and is_speaker_like(subj[0]) else None


def _cue_text(verb: Token) -> str:
    """The verb with its particle: "summed up", "shot back", "pointed out"."""
    prt = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return f"{verb.text} {prt[0].text}" if prt else verb.text


def _phrase(tok: Token) -> str:
    return " ".join(t.text for t in tok.subtree if not t.is_punct)


def _medium(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """The news outlet in "told Politico" / "said on CNN" / "wrote in the Kelston Herald".
    Whoever else was told is the audience ("told the Senate", "told the SEC"), not a medium."""
    for c in verb.children:
        if _inside(c, quoted):
            continue
        if verb.lemma_ == "tell" and c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN" \
                and looks_like_media(_phrase(c)):
            return c              # "told Politico", but not "told Smith"
        if c.dep_ == "prep" and c.lower_ in ("on", "to", "in"):
            for o in c.children:
                if o.dep_ == "pobj" and o.pos_ == "PROPN":
                    if looks_like_media(_phrase(o)) or looks_like_media(o.text):
                        return o
    return None


def _between(doc: Doc, a: int, b: int) -> Span:
    return doc[min(a, b): max(a, b)]


def find_cue(doc: Doc, content: Span, open_tok: int, close_tok: int,
             para: tuple[int, int], quoted: list[tuple[int, int]]) -> Cue | None:
    """The best cue for one quoted span: `content` holds the tokens inside the marks,
    `open_tok`/`close_tok` are the token indices just before/after them."""
    first_sent = doc[max(open_tok, 0)].sent if open_tok >= 0 else content[0].sent
    last_sent = doc[min(close_tok, len(doc) - 1)].sent
    lo = min(first_sent.start, content[0].sent.start)
    # and it may start a sentence at the opening mark, stranding `he boomed:` before it
    if open_tok >= 1 and doc[open_tok - 1].idx >= para[0] \
            and doc[open_tok - 1].text not in (".", "!", "?"):
        lo = min(lo, doc[open_tok - 1].sent.start)
    hi = max(last_sent.end, content[-1].sent.end)
    # the parser often ends a sentence at `?”`, stranding the cue (`…?” Vitter demanded.`)
    if hi < len(doc) and doc[hi].idx < para[1] and doc[hi - 1].text in ("”", '"', "''") \
            and content[-1].text in ("?", "!"):
        hi = doc[hi].sent.end
    roots = {t for t in content if t.head.i < content.start or t.head.i >= content.end or t.head.i == t.i}
    cands: list[tuple[float, Cue]] = []
    for tok in doc[lo:hi]:
        if tok.idx < para[0] or tok.idx >= para[1] or _inside(tok, quoted):
            continue
        if content.start <= tok.i < content.end:
            continue
        thinks = _thinks_that(tok, roots)
        if not is_cue_token(tok) and not thinks \
                and not _any_verb_cue(doc, tok, content, open_tok, close_tok, quoted):
            continue
        src = source_of(tok, quoted)
        if src is None and tok.i > close_tok:
            src = pattern_source(doc, close_tok, tok)
        text = "according to" if tok.lower_ == "according" else _cue_text(tok)
        dist = (tok.i - close_tok) if tok.i > close_tok else (open_tok - tok.i)
        dominates = any(tok in r.ancestors for r in roots)
        if tok.lower_ == "according":
            sieve, rank = "according", 1
        elif tok.i > close_tok and _adjacent_after(doc, close_tok, tok, src) \
                and not _ends_sentence(doc, content, close_tok) \
                and not _says_its_own(tok, quoted):
            sieve, rank = "adjacent", 0
        elif tok.i < open_tok and _adjacent_before(doc, tok, open_tok):
            sieve, rank = "adjacent", 0
        elif dominates:
            sieve, rank = "dependency", 1
        else:
            sieve, rank = "sentence", 2
        if src is None and sieve != "according":
            rank += 3                 # a cue without a source is a weak signal
        elif src is not None and src.lower_ in _NEUTER:
            rank += 0.5               # "she says it underscores that …": prefer the person
        elif src is not None and not is_speaker_like(src):
            rank += 2                 # "the notion …", "his final assessment …": a wrong verb
        if thinks and not is_cue_token(tok):
            rank += 0.5               # a reporting verb, where there is one, comes first
        if sieve == "dependency" and src is not None and _reported_thing(tok, src):
            rank += 1                 # "X said the ad “wrongly” suggests …": X's words
        cands.append((rank * 100 + dist, Cue(tok, src, sieve, text, _medium(tok, quoted))))
    if not cands:
        return None
    cands.sort(key=lambda c: c[0])
    return cands[0][1]


_NEUTER = {"it", "this", "that", "which"}
# Prepositions before an -ing cue whose subject is the subject of the verb they hang on ("X
# took questions before saying"); after "for" or "over" it is often the object ("the panel
# held Y in contempt for refusing", "X criticised Y for saying").
_SUBJECT_PREPS = {"before", "after", "while", "by", "without", "upon", "in", "since", "besides",
                  "despite", "when"}
_EXPLETIVE = {"it", "this", "that", "there"}
# Adverbs that may sit between a closing mark and its cue ("…,” he also said).
_GAP_ADVERBS = {"also", "then", "later", "again", "simply", "just", "recently", "once", "often",
                "previously", "earlier", "further", "finally", "quickly", "repeatedly", "flatly"}


def _reported_thing(verb: Token, src: Token) -> bool:
    """The source is a document and the clause is itself reported by another cue: "X said in
    the letter that the advertisement “wrongly” suggests …" quotes X, while "the report says
    “…”" on its own still quotes the report."""
    return src.pos_ == "NOUN" and src.lemma_.lower() in document_nouns() \
        and any(is_cue_token(a) for a in verb.ancestors)


def _adjacent_after(doc: Doc, close_tok: int, verb: Token, src: Token | None) -> bool:
    """`…,” he said` / `…,” said Smith` / `…,” Smith, a spokesman, said`."""
    gap = _between(doc, close_tok, verb.i)
    if len(gap) > 10:
        return False
    if src is not None and src.i < close_tok:
        return False          # `the advertisement “…” suggests`: the subject precedes the quote
    allowed = set()
    if src is not None:
        allowed = {t.i for t in src.subtree}
    return all(t.is_punct or t.i in allowed or t.is_space or t.dep_ in ("aux", "neg")
               or t.lower_ in _GAP_ADVERBS for t in gap)


_NP_POS = {"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM"}
_HEAD_POS = {"PROPN", "NOUN", "PRON"}


def _name_group(tokens: list[Token]) -> Token | None:
    """Head of a short name-like group (`Ramos, 58,` -> Ramos; `Trump` -> Trump)."""
    toks = [t for t in tokens if not t.is_space]
    while toks and toks[0].is_punct:
        toks.pop(0)
    group = []
    for t in toks:
        if t.tag_ == "HYPH" and group and t.i + 1 < len(t.doc) and not t.doc[t.i + 1].is_punct:
            continue                # "the 43-year-old"
        if t.is_punct:
            break
        group.append(t)
    if len(group) >= 3 and group[0].lower_ == "the" and group[-1].lower_ == "old" \
            and group[-2].lower_ in ("year", "years"):
        return group[-1]            # `“…?” the 43-year-old asked`: a person by their age
    if not group or len(group) > 6 or not all(t.pos_ in _NP_POS or t.lower_ in ("'s", "’s")
                                              for t in group):
        return None
    if len(group) > 1 and group[0].lower_ == "the" and group[1].text[:1].isupper():
        group = group[1:]           # `“…,” opined the Kelston Herald`
    if not (group[0].text[:1].isupper() or group[0].lower_ in ("he", "she", "they", "it", "we")):
        return None
    heads = [t for t in group if t.pos_ in _HEAD_POS]
    return heads[-1] if heads else None


def pattern_source(doc: Doc, close_tok: int, verb: Token) -> Token | None:
    """The source by token pattern when the parse is broken (CoreNLP's trigram sieve):
    `“…,” NAME VERB` or `“…,” VERB NAME`."""
    before = list(doc[close_tok + 1: verb.i])
    if before and any(not t.is_punct and not t.is_space for t in before):
        return _name_group(before)
    after = list(doc[verb.i + 1: min(verb.i + 8, len(doc))])
    return _name_group(after) or _description_after(after)


def _description_after(tokens: list[Token]) -> Token | None:
    """`“…,” said the woman, who …`: a description right after the verb, parsed as the subject
    of a later clause."""
    if not tokens or tokens[0].lower_ not in ("the", "a", "an", "another"):
        return None
    group = []
    for t in tokens[1:]:
        if t.tag_ == "HYPH":
            continue
        if t.is_punct or t.pos_ not in ("ADJ", "NOUN", "NUM", "PROPN"):
            break
        group.append(t)
    if not group or len(group) > 4 or group[-1].pos_ != "NOUN" or group[-1].tag_ == "NNS":
        return None
    nxt = group[-1].i + 1
    if nxt < len(group[-1].doc) and not group[-1].doc[nxt].is_punct:
        return None                 # "said the woman had left": the start of a clause
    return group[-1]


def _any_verb_cue(doc: Doc, tok: Token, content: Span, open_tok: int, close_tok: int,
                  quoted: list[tuple[int, int]]) -> bool:
    """Any verb is a cue in the two frames that leave no doubt (`“…,” Trump barked`,
    `he leaned in and boomed: “…”`): manner-of-speaking verbs are too many to list."""
    if tok.dep_ in ("acl", "relcl", "amod", "advcl", "pcomp", "xcomp"):
        return False          # "…,” the number needed: a modifier, not the main verb
    if tok.pos_ != "VERB" or tok.lemma_ in ("be", "have", "do", "follow"):
        return False          # "summed up the policy as follows: “…”" -> the cue is "summed up"
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
        return False          # "…,” they would graduate": a modal verb tells, it does not speak
    if tok.i > close_tok and content[-1].text in (",", "?", "!", "—") and tok.i - close_tok <= 8:
        src = source_of(tok, quoted) or pattern_source(doc, close_tok, tok)
        return src is not None and src.i < tok.i + 3 and _adjacent_after(doc, close_tok, tok, src)
    if tok.i < open_tok and open_tok - tok.i <= 2:
        gap = doc[tok.i + 1: open_tok + 1]
        return any(t.text == ":" for t in gap)
    return False


def _thinks_that(verb: Token, roots: set[Token]) -> bool:
    """`He anticipated that the hardest part would be “…”`: a verb of thought whose "that"
    clause holds the quoted words attributes them to its subject (not to a name inside them)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _THOUGHT:
        return False
    if verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "that":
        # the clause as written, whatever the parse made of it
        return any(verb in r.ancestors for r in roots)
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that"
                                         for m in c.children)
               and any(r.i == c.i or c in r.ancestors for r in roots)
               for c in verb.children)


# Verbs of thought: not reporting verbs (they rarely carry a whole quotation), but the source
# of the words quoted inside their "that" clause.
_THOUGHT = {"think", "believe", "expect", "anticipate", "hope", "fear", "feel", "suspect",
            "worry", "reckon", "doubt", "know", "recall", "remember", "conclude", "guess",
            "imagine", "figure"}


def _says_its_own(verb: Token, quoted: list[tuple[int, int]]) -> bool:
    """`“… harder than you!” She replied that it was …`: a verb after the quote that reports
    a clause of its own after it starts another sentence; it is not the quote's cue."""
    return any(c.dep_ == "ccomp" and c.i > verb.i and not _inside(c, quoted)
               and not _inside(c.left_edge, quoted) and not c.left_edge.is_quote
               for c in verb.children)


def _ends_sentence(doc: Doc, content: Span, close_tok: int) -> bool:
    """`“… bus.” He blames …`: a quote closed by a full stop and followed by a capital starts
    a new sentence, so a verb after it is not its cue (unlike `“…?” Vitter demanded`)."""
    if content[-1].text != ".":
        return False
    nxt = close_tok + 1
    while nxt < len(doc) and (doc[nxt].is_punct or doc[nxt].is_space):
        nxt += 1
    return nxt < len(doc) and doc[nxt].text[:1].isupper()


def _adjacent_before(doc: Doc, verb: Token, open_tok: int) -> bool:
    """`Smith said, “…` / `the report states: “…` / `As X concluded in its coverage: “…`."""
    gap = doc[verb.i + 1: open_tok + 1]
    if len(gap) > 14:
        return False
    last = next((t for t in reversed(gap) if not t.is_space and t.text not in "“\"``„''"), None)
    if last is None:
        return True
    return last.text in (",", ":", "—", "-", "–") or last.lower_ == "that"
