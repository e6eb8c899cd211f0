"""Key phrases: the noun phrases an article is about, in a form that groups across a corpus.

Analysts group and count key phrases over thousands of articles, so the same idea must come
out as the same string: phrases are lowercased, the head noun is lemmatised ("security
guarantees" -> "security guarantee"), determiners, pronouns, numbers and dates are trimmed
away, and phrases that are only names of people or organisations are left to the entity
tables. Salience combines how often a phrase occurs, how early it first appears and how
specific it is (multi-word phrases, not generic nouns such as "time" or "people").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from etl import lexicons
from etl.model import KeyPhrase

# tokens that may appear inside a key phrase
_KEEP_POS = {"NOUN", "PROPN", "ADJ", "VERB", "ADV", "PUNCT"}
_HEAD_POS = {"NOUN", "PROPN"}
# entity types that are not topics to group by: when-, how-much- and which-number words
_DROP_ENT = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# phrases made only of these are names, kept in the people/organisations tables instead
_NAME_ENT = {"PERSON", "ORG"}
# nouns too general to be worth grouping by on their own
_GENERIC_NOUNS = {
    "thing", "things", "way", "ways", "lot", "lots", "part", "kind", "sort", "type", "number",
    "time", "times", "year", "years", "day", "days", "week", "weeks", "month", "months", "people",
    "person", "man", "woman", "one", "ones", "something", "anything", "everything", "nothing",
    "someone", "anyone", "everyone", "case", "fact", "point", "place", "end", "side", "top",
    "bit", "area", "level", "use", "form", "line", "group", "issue", "matter", "question",
    "problem", "reason", "result", "situation", "course", "term", "terms", "basis", "example",
    "other", "others", "percent", "per cent", "cent", "today", "yesterday", "tomorrow", "mr",
    "mrs", "ms", "dr", "sir", "name", "view", "idea", "words", "word", "statement", "comment",
    "comments", "report", "news", "story", "article", "interview", "website", "role", "effect",
    "decision", "set", "shape", "world", "act", "move", "need", "attempt", "chance", "amount",
    "range", "rest", "couple", "stage", "step", "aim", "hand", "eye", "face", "head", "field",
    "lead", "look", "sense", "thing", "deal", "interest", "share", "figure", "figures", "plan",
    "claim", "cost", "change", "rise", "start", "work", "list", "rule", "service", "information",
    "system", "event", "project", "site", "country", "city", "money", "demand", "performance",
}
# heads that only count or measure something else ("world number one" without its number)
_QUANTITY_HEADS = {"number", "lot", "lots", "kind", "sort", "type", "bit", "couple", "amount",
                   "total", "majority", "percent", "per cent", "half", "third", "quarter"}
# Adjectives that classify (a *military* aid, a *rare* earth) rather than evaluate (a *long*
# call, *numerous* politicians): only these stay at the front of a phrase, so the same idea
# is written the same way across articles. Relational suffixes cover most of them.
_CLASSIFYING_SUFFIXES = ("al", "ic", "ary", "ian", "ese", "ish", "ist", "ear")
_NOT_CLASSIFYING = {
    "potential", "total", "usual", "crucial", "vital", "critical", "additional", "final",
    "special", "normal", "original", "actual", "typical", "formal", "individual", "essential",
    "necessary", "ordinary", "temporary", "contrary", "basic", "dramatic", "fantastic",
    "historic", "tragic", "logical", "radical", "several", "clear", "near", "dear", "equal",
    "legal", "fatal", "initial", "central", "capital", "annual", "real", "eventual",
    "substantial", "considerable", "overall", "general", "specific", "minimal", "optimal",
    "terrific", "classic", "chronic", "frantic", "horrific", "stylish", "foolish", "selfish",
    "controversial", "unusual", "brutal", "phenomenal", "sensational", "exceptional",
    "emotional", "personal", "unnatural", "natural", "typical", "identical", "ideal",
}
_CLASSIFYING = {
    "public", "foreign", "civil", "human", "prime", "rare", "free", "joint", "mobile", "digital",
    "online", "green", "open", "domestic", "private", "armed", "renewable", "interest", "social",
    "federal", "chief", "junior", "senior", "global", "local", "national", "international",
    "urban", "rural", "royal", "key", "top", "net", "gross", "high", "low", "short", "long-term",
    "short-term", "far-right", "far-left", "right-wing", "left-wing", "anti", "pro", "junk",
    "raw", "fossil", "solar", "wireless", "broadband", "hybrid", "electric",
}
# plural-looking nouns whose lemma changes the meaning ("media" -> "medium")
_KEEP_AS_WRITTEN = {"media", "politics", "news", "data", "economics", "physics", "series",
                    "species", "means", "arms", "goods", "headquarters", "olympics",
                    "athletics", "savings", "earnings", "talks", "troops", "forces",
                    "relations", "affairs", "rights", "finances"}
_MAX_WORDS = 5
_SPACES = re.compile(r"\s+")
_EDGE = " -–—'’\"“”.,;:!?()[]{}"


@dataclass
class _Candidate:
    text: str
    count: int
    first: int         # token index of the first occurrence
    words: int
    proper: bool       # a proper noun phrase ("european union", "ukraine")


def _keep(tok: Token) -> bool:
    if tok.ent_type_ in _DROP_ENT or tok.like_num or tok.is_space:
        return False
    if any(c.isdigit() for c in tok.text):         # "280bn", "2014", "F-16s" are not topics
        return False
    if len(tok.text) == 1 and tok.text.isalpha():   # the "m" of "60 m", initials
        return False
    if tok.pos_ == "PUNCT":
        return tok.text in {"-", "–", "&"}         # inside compounds: "far-right", "M&A"
    return tok.pos_ in _KEEP_POS and not tok.is_stop


def _is_classifying(tok: Token) -> bool:
    word = tok.lower_
    if tok.ent_type_ == "NORP" or word in _CLASSIFYING:    # "German", "Ukrainian"
        return True
    return word.endswith(_CLASSIFYING_SUFFIXES) and word not in _NOT_CLASSIFYING


def _person_words(doc: Doc) -> frozenset[str]:
    """The words of the people the model names anywhere in the article ("donald trump" gives
    "donald" and "trump"): the model may type the same name differently elsewhere ("Trump"
    as an organisation or a place), and a person's name is no key phrase wherever it stands."""
    return frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2
                     for t in e if t.is_alpha and t.text[:1].isupper())


def _trim(span: Span, people: frozenset[str]) -> list[Token]:
    """The phrase's content tokens: no determiner, pronoun, number, date or evaluative word."""
    toks = list(span)
    # "Trump's unilateral approach": the possessor is a separate idea (and usually an entity)
    possessive = [i for i, t in enumerate(toks) if t.tag_ == "POS"]
    if possessive:
        toks = toks[possessive[-1] + 1:]
    toks = [t for t in toks if _keep(t)]
    # a phrase starts with a classifying adjective or a noun...
    while toks and not (toks[0].pos_ in _HEAD_POS
                        or (toks[0].pos_ == "ADJ" and _is_classifying(toks[0]))):
        toks.pop(0)
    # ...and ends with its head noun
    while toks and toks[-1].pos_ not in _HEAD_POS:
        toks.pop()
    # "promising Trump preferential access": a name glued to the front by the parser
    if len(toks) > 2 and (toks[0].ent_type_ == "PERSON" or toks[0].lower_ in people) \
            and toks[0].text[:1].isupper() and toks[1].pos_ == "ADJ":
        toks = toks[1:]
    return toks


def normalise(toks: list[Token]) -> str:
    """Lowercase words, head noun lemmatised, original spacing kept inside compounds."""
    parts = []
    for i, t in enumerate(toks):
        is_head = i == len(toks) - 1
        lemmatise = is_head and t.pos_ == "NOUN" and t.lower_ not in _KEEP_AS_WRITTEN
        word = t.lemma_ if lemmatise else t.text
        word = word.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        gap = " " if i + 1 < len(toks) and (t.whitespace_ or toks[i + 1].i != t.i + 1) else ""
        parts.append(word + gap)
    return _SPACES.sub(" ", "".join(parts)).strip(_EDGE)


def _is_name(toks: list[Token], people: frozenset[str]) -> bool:
    """"Donald Trump", "President Donald Trump", "Ms Ensler", "NATO": names, not key phrases."""
    return (toks[-1].ent_type_ == "PERSON" or toks[0].lower_ in lexicons.honorifics()
            or all(t.ent_type_ in _NAME_ENT or t.lower_ in people and t.text[:1].isupper()
                   for t in toks))


def _salience(c: _Candidate, n_tokens: int) -> float:
    frequency = 1.0 + math.log(c.count)
    position = 1.5 - c.first / max(n_tokens, 1)      # 1.5 at the start, 0.5 at the end
    specificity = 1.0 + 0.4 * min(c.words - 1, 2)    # "peace talks" over "talks"
    if c.words == 1 and not c.proper:
        specificity *= 0.8                           # a lone common noun is rarely the point
    return frequency * position * specificity


def extract_keyphrases(doc: Doc, limit: int = 10) -> list[KeyPhrase]:
    """The article's `limit` most salient noun phrases, best first, each with its count."""
    found: dict[str, _Candidate] = {}
    people = _person_words(doc)
    for span in doc.noun_chunks:
        toks = _trim(span, people)
        if not toks or len(toks) > _MAX_WORDS or _is_name(toks, people):
            continue
        if toks[-1].lower_ in _QUANTITY_HEADS:
            continue
        text = normalise(toks)
        if len(text) < 3 or not any(c.isalpha() for c in text) or text in _GENERIC_NOUNS:
            continue
        if text in found:
            found[text].count += 1
        else:
            found[text] = _Candidate(text, 1, toks[0].i, len(text.split()),
                                     all(t.pos_ == "PROPN" for t in toks))
    # a single common noun said once is noise ("effect", "demand"), not a key phrase
    kept = [c for c in found.values() if not (c.words == 1 and not c.proper and c.count < 2)]
    ranked = sorted(kept, key=lambda c: (-_salience(c, len(doc)), c.first))
    return [KeyPhrase(c.text, round(_salience(c, len(doc)), 3), c.count) for c in ranked[:limit]]
