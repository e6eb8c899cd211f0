"""Topics on the IPTC Media Topics taxonomy, from a weighted lexicon.

Why a lexicon and not embeddings: zero-shot sentence embeddings scored below a ten-keyword
baseline on BBC News (see the project's model notes), while a hand-built lexicon is fast,
offline and can be read and corrected by the people who query the database.

The lexicon has two sources, both keyed to the most specific concept a term points to:
  - etl/lexicons/topics_lexicon.tsv, written by hand from general news vocabulary;
  - the labels of the active concepts of the taxonomy itself ("climate change", "tennis").
Evidence for a concept is the weighted, sublinear count of its terms (title words count
more); a term listed under several top-level topics counts for less in each. Weak terms
("game", "deal", "party") count only in proportion to what the strong terms already say about
their topic, so they sharpen a reading instead of creating one. Evidence rolls up the
hierarchy, so a top-level topic's score covers all its subtopics.

The result lists the top-level topics that hold a fair share of the evidence and, under each,
the most specific subtopics that are well supported, ordered by score. Scores are shares of
the article's total topic evidence (0..1); a subtopic never scores above its top level.
"""
from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from etl.model import TopicScore
from etl.extract.topics.taxonomy import load_taxonomy, top_level
from etl.lexicons import DATA_DIR

LEXICON_TSV = DATA_DIR / "topics_lexicon.tsv"

TITLE_BOOST = 3.0            # a headline word counts as much as three body words
LEAD_BOOST = 2.0             # news puts the point first: words of the lead paragraph count more
LEAD_CHARS = 300             # about the first paragraph or two sentences
LABEL_TERM_WEIGHT = 0.5      # terms taken from taxonomy labels: useful, but less curated
MIN_TOP_SHARE = 0.15         # a top-level topic needs this share of the evidence...
MIN_TOP_RATIO = 0.35         # ...and this fraction of the best topic's evidence
MAX_TOP_LEVELS = 4
MIN_SUB_EVIDENCE = 2.0       # a subtopic needs about two good term hits...
MIN_SUB_SHARE = 0.25         # ...and this share of its top level's evidence
MAX_SUBTOPICS_PER_TOP = 3
MIN_EVIDENCE = 1.0           # below this the article is not about anything we can name
WEAK_FACTOR = 0.5            # a weak term ("deal?" in the lexicon) weighs half a strong one
CONTEXT_SMOOTHING = 0.5      # how much a weak term counts for a topic with no strong evidence

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['&-][A-Za-z0-9]+)*")
# words whose final "s" is not a plural ending (or whose folding would collide: news/new)
_NO_FOLD = {"news", "gas", "aids", "bus", "its", "this", "his", "has", "was", "is", "as", "us",
            "yes", "does", "less", "always", "perhaps", "series", "species", "lens", "chaos",
            "physics", "politics", "economics", "athletics", "olympics", "gymnastics",
            "mathematics",
            "electronics", "genetics", "ethics", "statistics", "thanks", "means", "arms", "sales",
            # plurals whose singular is another, common word: "securities" is not "security"
            "securities", "damages", "talks", "overs", "goods", "customs", "forces", "minutes"}
# single words from taxonomy labels that are too common in news to stand for the concept
_GENERIC_LABEL_WORDS = {
    "air", "incident", "service", "services", "product", "products", "activity", "activities",
    "group", "groups", "information", "issue", "issues", "other", "general", "men", "adults",
    "women", "children", "party", "game", "values", "trend", "record", "series", "bar", "pool",
    "metal", "house", "home", "plastic", "space", "event", "events", "management", "ownership",
    "organisation", "organization", "institution", "system", "development", "policy",
    "technology", "science", "business", "industry", "market", "exchange", "government",
    "leisure", "lifestyle", "society", "culture", "media", "law", "health", "environment",
    "nature", "family", "communities", "holiday", "legislation", "welfare", "employment",
    "election", "sport", "crime", "economy", "finance", "education", "religion", "labour",
    "weather", "conflict", "war", "peace", "justice", "arts", "entertainment", "disaster",
    "accident", "emergency", "politics", "mountain", "river", "ocean", "forest", "animal",
    "ceremony", "hobby", "language", "currency", "wedding", "school", "students", "teachers",
    "court", "police", "prosecution", "appeal", "judge", "arrest", "transport", "retail",
    "banking", "insurance", "music", "cinema", "theatre", "fashion", "literature", "radio",
    "television", "newspaper", "dance", "festival", "fire", "flood", "drought", "famine",
    "club", "association",
}


def stem(word: str) -> str:
    """Lowercase and fold a plural to its singular, the same way for text and lexicon."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or w in _NO_FOLD:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ie") and len(w) > 4:        # movie/movies both become "movy"
        return w[:-2] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def tokens(text: str, keep_case: bool = False) -> list[str]:
    if keep_case:
        return [_stem_keep_case(t) for t in _TOKEN.findall(text)]
    return [stem(t) for t in _TOKEN.findall(text)]


def _stem_keep_case(word: str) -> str:
    stemmed = stem(word)
    # restore the original capitalisation on the stemmed form (Tories -> Tory, Labour -> Labour)
    return stemmed if word.islower() else (word[: len(stemmed)] if word.lower().startswith(stemmed)
                                          else stemmed.capitalize())


@dataclass(frozen=True)
class Hit:
    qcode: str
    weight: float      # already divided by the term's ambiguity across top-level topics
    weak: bool


@dataclass(frozen=True)
class Lexicon:
    lower: dict[tuple[str, ...], list[Hit]]    # term (tuple of folded tokens) -> concepts
    cased: dict[tuple[str, ...], list[Hit]]    # case-sensitive terms ("Labour", "Tories")
    max_len: int


def _label_terms(label: str) -> list[tuple[str, float]]:
    """Terms from a concept label: the whole label, and its parts split on commas and 'and'."""
    label = re.sub(r"\(.*?\)", "", label).strip().lower()
    terms = [(label, 1.0)]
    parts = [p.strip() for p in re.split(r",|\band\b", label) if p.strip()]
    if len(parts) > 1:
        terms += [(p, 1.0) for p in parts]
    return [(t, w) for t, w in terms
            if not (len(t.split()) == 1 and t in _GENERIC_LABEL_WORDS) and len(t) > 2]


def _read_hand_lexicon(path: Path) -> list[tuple[str, float, str, bool]]:
    """(qcode, weight, term, weak) rows from the hand-written lexicon."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        qcode, weight_text, terms = line.split("\t")
        line_weight = float(weight_text)
        for term in (t.strip() for t in terms.split(",")):
            if not term:
                continue
            weak = term.endswith("?") or line_weight < 1
            weight = line_weight * (WEAK_FACTOR if term.endswith("?") else 1.0)
            rows.append((qcode.strip(), weight, term.rstrip("?").strip(), weak))
    return rows


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    tax = load_taxonomy()
    entries = _read_hand_lexicon(LEXICON_TSV)
    for t in tax.values():
        if not t.retired:
            entries += [(t.qcode, w * LABEL_TERM_WEIGHT, term, False)
                        for term, w in _label_terms(t.label)]

    # one listing per (term, concept): the strongest wins
    by_term: dict[tuple[bool, tuple[str, ...]], dict[str, tuple[float, bool]]] = defaultdict(dict)
    for qcode, weight, term, weak in entries:
        if qcode not in tax or tax[qcode].retired:
            raise ValueError(f"{LEXICON_TSV.name}: unknown or retired qcode {qcode!r} for {term!r}")
        cased = any(c.isupper() for c in term)
        key = (cased, tuple(tokens(term, keep_case=cased)))
        if key[1] and weight > by_term[key].get(qcode, (0.0, True))[0]:
            by_term[key][qcode] = (weight, weak)

    lower: dict[tuple[str, ...], list[Hit]] = {}
    cased_terms: dict[tuple[str, ...], list[Hit]] = {}
    for (cased, key), concepts in by_term.items():
        (cased_terms if cased else lower)[key] = _term_hits(len(key), concepts)
    max_len = max(len(k) for k in list(lower) + list(cased_terms))
    return Lexicon(lower, cased_terms, max_len)


def _term_hits(n_words: int, concepts: dict[str, tuple[float, bool]]) -> list[Hit]:
    """Spread one term's weight over the concepts that list it.

    Each top-level topic that claims the term gets the term's weight once, divided by the
    number of top levels claiming it (an IDF-like specificity: "game" tells us less than
    "tennis"). Within a top level the weight goes to the most specific listings only, so a
    term listed under both "government" and "politics and government" is not counted twice.
    """
    by_top: dict[str, dict[str, tuple[float, bool]]] = defaultdict(dict)
    for q, listing in concepts.items():
        by_top[_top_qcode(q)][q] = listing
    length_bonus = 1.0 + 0.5 * (n_words - 1)     # multi-word terms are rarer and more telling
    hits = []
    for listings in by_top.values():
        ancestors = set().union(*(_ancestors(q) for q in listings))
        specific = [q for q in listings if q not in ancestors]
        weight = max(w for w, _ in listings.values()) * length_bonus / len(by_top)
        weak = all(weak for _, weak in listings.values())
        hits += [Hit(q, weight / len(specific), weak) for q in specific]
    return hits


TermCounts = dict[tuple[bool, tuple[str, ...]], float]   # (case-sensitive?, term) -> count


def _match(toks: list[str], table: dict[tuple[str, ...], list[Hit]], max_len: int,
           cased: bool, counts: TermCounts, weight: float) -> None:
    """Greedy longest match: "interest rate" is read once, not also as "rate"."""
    i, n = 0, len(toks)
    while i < n:
        for size in range(min(max_len, n - i), 0, -1):
            key = tuple(toks[i:i + size])
            if key in table:
                counts[(cased, key)] += weight
                i += size
                break
        else:
            i += 1


def count_terms(text: str, weight: float = 1.0, counts: TermCounts | None = None) -> TermCounts:
    """How often each lexicon term occurs in `text` (each occurrence adds `weight`)."""
    lex = load_lexicon()
    counts = defaultdict(float) if counts is None else counts
    _match(tokens(text), lex.lower, lex.max_len, False, counts, weight)
    _match(tokens(text, keep_case=True), lex.cased, lex.max_len, True, counts, weight)
    return counts


# Entity types the parser finds that hint at a topic: sums of money and percentages are the
# language of business news, titles of works that of the arts. Weak hints: they only add to a
# topic the words already point to.
ENTITY_HINTS = {"MONEY": ("medtop:04000000", 0.5), "PERCENT": ("medtop:04000000", 0.5),
                "WORK_OF_ART": ("medtop:01000000", 0.5)}


def _entity_hits(doc: Doc | None) -> list[tuple[Hit, float]]:
    if doc is None:
        return []
    counts: dict[str, int] = defaultdict(int)
    for ent in doc.ents:
        if ent.label_ in ENTITY_HINTS:
            counts[ent.label_] += 1
    return [(Hit(ENTITY_HINTS[label][0], ENTITY_HINTS[label][1], weak=True), 1.0 + math.log(n))
            for label, n in counts.items()]


def _split_lead(text: str) -> tuple[str, str]:
    """The lead (first paragraph, at most about LEAD_CHARS) and the rest, cut at a space."""
    cut = text.find("\n")
    if cut < 0 or cut > LEAD_CHARS:
        cut = text.rfind(" ", 0, LEAD_CHARS) if len(text) > LEAD_CHARS else len(text)
    cut = max(cut, 0)
    return text[:cut], text[cut:]


def concept_evidence(title: str | None, text: str, doc: Doc | None = None) -> dict[str, float]:
    """Evidence per concept (not rolled up), from the title, the body and its parse."""
    lex = load_lexicon()
    in_title = count_terms(title or "")
    counts = count_terms(title or "", weight=TITLE_BOOST)
    lead, rest = _split_lead(text)
    count_terms(lead, weight=LEAD_BOOST, counts=counts)
    count_terms(rest, counts=counts)
    found = []
    for (cased, key), n in counts.items():
        tf = 1.0 + math.log(n) if n >= 1 else n     # sublinear: ten "match"es are not ten topics
        for hit in (lex.cased if cased else lex.lower)[key]:
            # a weak term in the headline is what the article is about: strong there
            if hit.weak and (cased, key) in in_title:
                hit = Hit(hit.qcode, hit.weight, weak=False)
            found.append((hit, tf))
    found += _entity_hits(doc)

    evidence: dict[str, float] = defaultdict(float)
    strong_by_top: dict[str, float] = defaultdict(float)
    for hit, tf in found:
        if not hit.weak:
            evidence[hit.qcode] += hit.weight * tf
            strong_by_top[_top_qcode(hit.qcode)] += hit.weight * tf
    # weak terms follow the strong evidence: full weight for the leading topic, little elsewhere
    best = max(strong_by_top.values(), default=0.0)
    for hit, tf in found:
        if hit.weak:
            context = ((strong_by_top.get(_top_qcode(hit.qcode), 0.0) + CONTEXT_SMOOTHING)
                       / (best + CONTEXT_SMOOTHING))
            evidence[hit.qcode] += hit.weight * tf * context
    return evidence


@functools.lru_cache(maxsize=None)
def _top_qcode(qcode: str) -> str:
    return top_level(qcode).qcode


def roll_up(evidence: dict[str, float]) -> dict[str, float]:
    """Each concept's evidence plus that of all its descendants."""
    tax = load_taxonomy()
    total: dict[str, float] = defaultdict(float)
    for qcode, e in evidence.items():
        q: str | None = qcode
        while q:
            total[q] += e
            q = tax[q].parent
    return total


@functools.lru_cache(maxsize=None)
def _ancestors(qcode: str) -> frozenset[str]:
    tax = load_taxonomy()
    out, q = set(), tax[qcode].parent
    while q:
        out.add(q)
        q = tax[q].parent
    return frozenset(out)


def assign_topics(title: str | None, text: str, doc: Doc | None = None) -> list[TopicScore]:
    """Top-level IPTC topics and their best-supported subtopics, best first.

    `doc` (the parse of `text`, optional) adds hints from entity types.
    """
    tax = load_taxonomy()
    subtree = roll_up(concept_evidence(title, text, doc))
    # Ties are broken by qcode everywhere: sets of strings iterate in an order that changes with
    # each process's hash seed, and the same article must give the same topics in any process.
    tops = sorted(((q, e) for q, e in subtree.items() if tax[q].parent is None),
                  key=lambda x: (-x[1], x[0]))
    total = sum(e for _, e in tops)
    if not tops or total < MIN_EVIDENCE:
        return []
    best = tops[0][1]
    chosen_tops = [(q, e) for i, (q, e) in enumerate(tops[:MAX_TOP_LEVELS])
                   if i == 0 or (e / total >= MIN_TOP_SHARE and e >= MIN_TOP_RATIO * best)]

    out = [TopicScore(q, tax[q].label, round(e / total, 4)) for q, e in chosen_tops]
    for top_q, top_e in chosen_tops:
        candidates = {q for q, e in subtree.items()
                      if tax[q].parent is not None and _top_qcode(q) == top_q
                      and e >= MIN_SUB_EVIDENCE and e >= MIN_SUB_SHARE * top_e}
        # the most specific supported concepts: drop a candidate whose descendant is also one
        covered = set().union(*(_ancestors(q) for q in candidates)) if candidates else set()
        specific = sorted(candidates - covered,
                          key=lambda q: (-subtree[q], q))[:MAX_SUBTOPICS_PER_TOP]
        out += [TopicScore(q, tax[q].label, round(subtree[q] / total, 4)) for q in specific]
    # ties keep top levels first (they were added first; sort is stable)
    out.sort(key=lambda t: -t.score)
    return out
