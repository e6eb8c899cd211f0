"""Turn the noun phrase that a cue points at into a Speaker, without a coreference model.

A name inside the phrase resolves through the article's entity table (the phrase may carry an
appositive or a title: "Carl Wendorff, a warehouse manager"); a pronoun resolves to the person
or organisation last in focus; a description keeps its words as written and links the
organisation it names ("the former head of Britain's MI6" -> organisation "MI6"); a document
("the report") resolves to the latest title that names such a document.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from etl.model import Entity, Speaker

if TYPE_CHECKING:
    from etl.extract.quotes.focus import Focus

from etl.lexicons import DATA_DIR as _DATA, is_media, looks_like_media

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them", "we"}
FIRST_SECOND = {"i", "me", "you", "we", "us"}
RELATIVE = {"who", "that", "which", "whom"}

# Head nouns of descriptions that stand for one person ("a spokesman for X"): such a speaker
# is kind "other" with the organisation linked, never given the organisation's name.
PERSON_ROLES = {
    "head", "chief", "spokesman", "spokeswoman", "spokesperson", "official", "officer", "aide",
    "adviser", "advisor", "director", "minister", "secretary", "president", "chairman",
    "chairwoman", "chair", "leader", "member", "source", "executive", "analyst", "expert",
    "lawyer", "attorney", "representative", "ambassador", "envoy", "diplomat", "commander",
    "general", "governor", "senator", "mayor", "manager", "founder", "economist", "professor",
    "researcher", "strategist", "pollster", "staffer", "employee", "worker", "candidate",
    "politician", "lawmaker", "legislator", "negotiator", "deputy", "correspondent", "editor",
    "reporter", "columnist", "author", "writer", "historian", "scientist", "doctor", "woman",
    "man", "person", "official", "resident", "voter", "supporter", "critic", "activist",
}


# Common nouns for groups and bodies that speak ("the campaign said", "police said").
SPEAKING_BODIES = {
    "campaign", "group", "committee", "agency", "company", "firm", "government", "administration",
    "ministry", "department", "police", "party", "council", "court", "board", "team", "office",
    "union", "coalition", "organization", "organisation", "association", "network", "newspaper",
    "magazine", "station", "paper", "military", "army", "navy", "embassy", "spokesman",
    "people", "voter", "resident", "critic", "supporter", "protester", "protestor", "observer",
    "democrat", "republican", "lawmaker", "leader", "official", "source", "witness", "neighbor",
    "neighbour", "friend", "family", "parent", "mother", "father", "son", "daughter", "wife",
    "husband", "student", "teacher", "victim", "owner", "fan", "crowd", "audience", "rival",
    "opponent", "ally", "colleague", "partner", "investigator", "prosecutor", "judge", "jury",
    "panel", "commission", "senate", "house", "congress", "parliament", "white", "kremlin",
    "pentagon", "statement", "release", "spokesperson", "host", "anchor", "moderator",
}
# Agent-noun endings: "spymaster", "columnist", "politician", "commentator".
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")


def is_speaker_like(head: Token) -> bool:
    """Can this noun phrase head be someone who speaks? ("the notion said" cannot; a parse
    that makes "fact" the subject of "speaks volumes" picked the wrong verb)."""
    low = head.lower_
    if head.pos_ in ("PRON", "PROPN") or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if head.text[:1].isupper() and head.i > head.sent.start:
        return True
    lemma = head.lemma_.lower()
    if lemma in PERSON_ROLES or lemma in SPEAKING_BODIES or lemma in document_nouns():
        return True
    return low.endswith(_AGENT_SUFFIXES) or lemma.endswith(_AGENT_SUFFIXES)


def _lines(name: str) -> list[str]:
    path = _DATA / name
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    return frozenset(_lines("quotes_document_nouns.txt"))


@dataclass
class _EntMention:
    start: int
    end: int
    kind: str          # "person" | "organisation"
    index: int


class EntityIndex:
    """Entity mentions of one article, sorted by offset, for lookups by position."""

    def __init__(self, people: list[Entity], organisations: list[Entity]):
        self.people = people
        self.organisations = organisations
        ms = [_EntMention(m.start, m.end, "person", i) for i, e in enumerate(people)
              for m in e.mentions]
        ms += [_EntMention(m.start, m.end, "organisation", i) for i, e in enumerate(organisations)
               for m in e.mentions]
        ms.sort(key=lambda m: (m.start, m.end))
        self.mentions = ms
        self.starts = [m.start for m in ms]

    def person_by_word(self, word: str) -> int | None:
        """The one person whose name has this word ("Fücks" -> "Ralf Fücks")."""
        hits = {i for i, p in enumerate(self.people)
                if " " in p.name and word in p.name.split() or word in p.aliases}
        return hits.pop() if len(hits) == 1 else None

    def entity(self, m: _EntMention) -> Entity:
        return (self.people if m.kind == "person" else self.organisations)[m.index]

    def within(self, start: int, end: int) -> list[_EntMention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def before(self, pos: int) -> list[_EntMention]:
        """Mentions that start before `pos`, nearest first."""
        i = bisect.bisect_left(self.starts, pos)
        return self.mentions[:i][::-1]


def _org_of_entity(index: EntityIndex, m: _EntMention) -> tuple[str, int | None, str]:
    """(kind, index, name) for a mention, correcting outlets that a tagger called people and
    surnames that it called organisations ("According to Ridley" after "Tom Ridley")."""
    ent = index.entity(m)
    if m.kind == "organisation" and " " not in ent.name and not ent.name.isupper():
        i = index.person_by_word(ent.name)
        if i is not None:
            return "person", i, index.people[i].name
    if m.kind == "person" and is_media(ent.name):
        for i, o in enumerate(index.organisations):
            if o.name.lower() == ent.name.lower():
                return "organisation", i, o.name
        return "organisation", None, ent.name
    return m.kind, m.index, ent.name


def phrase_span(doc: Doc, head: Token, excluded: list[tuple[int, int]]) -> tuple[int, int]:
    """Character span of the noun phrase headed by `head`, without relative clauses and
    without anything inside a quotation."""
    lo, hi = head.i, head.i
    before = sorted((c for c in head.children if c.i < head.i), key=lambda c: -c.i)
    after = sorted((c for c in head.children if c.i > head.i), key=lambda c: c.i)
    for child in before + after:
        if child.dep_ in ("relcl", "acl") or child.dep_ == "punct" and child.i > head.i:
            continue
        if any(a <= child.idx < b for a, b in excluded):
            continue
        # "Ann Keller, the treasurer, repeated claims that …" parsed with "repeated claims" as
        # a second apposition: an apposition never opens with a verb
        if child.dep_ == "appos" and child.i > head.i and child.left_edge.pos_ in ("VERB", "AUX"):
            continue
        # "an appeals panel in 2019 found": when is not who
        if child.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME")
                                        for o in child.children):
            continue
        # "said ING analyst Ann Keller of the findings": after a verb of saying, "of" and a
        # common noun is what was said about, not who ("Ann Keller of ING" stays)
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > head.i \
                and head.ent_type_ == "PERSON" and head.i > 0 and doc[lo - 1].pos_ == "VERB" \
                and any(o.dep_ == "pobj" and o.is_lower for o in child.children):
            continue
        # "In an interview with Ann Keller, the senator said": a fronted phrase set off by a
        # comma says where, not who
        if child.i < head.i and child.dep_ == "prep" and doc[child.right_edge.i + 1].text == ",":
            continue
        # only what joins the phrase: "A group representing farmers endorsed X on Friday,
        # another example of …" hangs "example" on "group" past the whole clause
        gap = doc[child.right_edge.i + 1:lo] if child.i < head.i else doc[hi + 1:child.left_edge.i]
        if any(not t.is_punct for t in gap):
            continue
        lo = min(lo, child.left_edge.i)
        hi = max(hi, child.right_edge.i)
    # a dateline glued to the subject ("WASHINGTON (AFP) — Clinton said") is not part of it
    for t in doc[lo:head.i]:
        if t.text in ("—", "–", "--", ")"):
            lo = t.i + 1
    # a parenthesis after the name is no part of it ("Kestrel Foods Corp (NYSE: KFC) said")
    for t in doc[head.i + 1:hi + 1]:
        if t.text == "(":
            hi = t.i - 1
            break
    # ", who added that …" hung on a word inside the phrase ("familiar with the budget, who")
    for t in doc[head.i + 1:hi]:
        if t.text == "," and doc[t.i + 1].lower_ in ("who", "which", "whose"):
            hi = t.i - 1
            break
    # a clause boundary (comma before a relative/participle) should not end the phrase
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep")):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _which_clause(head: Token) -> bool:
    """A capitalised name with a relative clause on "which" ("Acme Shipping, which runs ...")."""
    return head.text[:1].isupper() and any(
        c.dep_ == "relcl" and any(w.lower_ == "which" and w.i < c.i for w in c.children)
        for c in head.children)


def speaker_from_head(doc: Doc, head: Token, index: EntityIndex,
                      excluded: list[tuple[int, int]], focus: "Focus") -> Speaker | None:
    """A Speaker for the noun phrase headed by `head` (the subject of a cue)."""
    if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
        # "X, who said": X is the speaker, "who" is how the sentence writes it
        ante = head.head.head
        if head.lower_ == "who":
            # "one official familiar with the budget, who added": who is a person, not the budget
            while ante.dep_ == "pobj" and ante.ent_type_ != "PERSON" and ante.head.dep_ == "prep":
                up = ante.head.head
                up = up.head if up.dep_ == "amod" else up
                if up.pos_ not in ("NOUN", "PROPN"):
                    break
                ante = up
        sp = speaker_from_head(doc, ante, index, excluded, focus)
        if sp is not None and head.lower_ in ("who", "which"):
            sp.text, sp.start, sp.end = head.text, head.idx, head.idx + len(head.text)
        return sp
    low = head.lower_
    if low == "i":
        # outside every quotation, "I said" is the writer's own account (a column, a memoir)
        return Speaker(text=head.text, kind="person", start=head.idx, end=head.idx + 1)
    if low in FIRST_SECOND:
        return None                     # "we"/"you" said: nobody the article names
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
        return focus.resolve_pronoun(head)
    start, end = phrase_span(doc, head, excluded)
    text = doc.text[start:end]
    inside = index.within(start, end)
    head_m = [m for m in inside if m.start <= head.idx < m.end]
    # "Ortiz's former deputy, Ann Keller": the person who owns the head is not the speaker
    people = [m for m in inside if m.kind == "person"
              and not (head_m == [] and doc.text[m.end:m.end + 2] in ("'s", "’s"))]
    # "The trust spending $90 million on a Harbour Rapid Transit line": a name that describes
    # another thing in the phrase is not the speaker
    orgs = [m for m in inside if m.kind == "organisation" and not _describes_other(doc, m, head)]
    if head_m or (people and head.pos_ == "PROPN"):
        m = head_m[0] if head_m else people[0]
        kind, idx, name = _org_of_entity(index, m)
        return Speaker(text=text, name=name, kind=kind, entity=idx, start=start, end=end)
    if people:
        # "Carl Wendorff, a warehouse manager" parsed with the description as head
        m = people[0]
        kind, idx, name = _org_of_entity(index, m)
        return Speaker(text=text, name=name, kind=kind, entity=idx, start=start, end=end)
    lemma = head.lemma_.lower()
    if head.pos_ == "NOUN" and not orgs and any(c.dep_ == "det" and c.lower_ == "the"
                                                 for c in head.children):
        i = focus.described_person(head, start)
        if i is not None:
            return Speaker(text=text, name=index.people[i].name, kind="person", entity=i,
                           start=start, end=end)
    if head.pos_ != "PROPN" and lemma in document_nouns():
        author = _author_by(head)
        if author is not None:
            # "a campaign letter sent out by the senator warned", "according to a court
            # filing submitted by the prosecutor": the author speaks through the document
            sp = speaker_from_head(doc, author, index, excluded, focus)
            if sp is not None and sp.name is not None:
                return sp
        found = focus.latest_titled(lemma, start)
        if found is not None:
            name, idx = found
            return Speaker(text=text, name=name, kind="organisation", entity=idx,
                           start=start, end=end)
    if orgs:
        org = index.entity(orgs[0]).name
        if head.pos_ != "PROPN" and lemma in PERSON_ROLES:
            return Speaker(text=text, kind="other", start=start, end=end, organisation=org)
        kind, idx, name = _org_of_entity(index, orgs[0])
        return Speaker(text=text, name=name, kind=kind, entity=idx, start=start, end=end,
                       organisation=None)
    if head.pos_ == "PROPN" and (looks_like_media(text) or _which_clause(head)):
        # an outlet by its shape; a name the model missed that the sentence calls a "which"
        # ("Acme Shipping, which runs the terminal, denied"), a body, not a person
        return Speaker(text=text, name=text.removeprefix("the ").removeprefix("The "),
                       kind="organisation", start=start, end=end)
    if head.pos_ == "PROPN" or head.text[:1].isupper() and head.pos_ == "NOUN":
        i = focus.person_by_word(head.text)
        if i is not None:
            return Speaker(text=text, name=index.people[i].name, kind="person", entity=i,
                           start=start, end=end)
        if head.ent_type_ == "PERSON":
            return Speaker(text=text, name=text, kind="person", start=start, end=end)
    return Speaker(text=text, kind="other", start=start, end=end, organisation=_named_body(head))


# Verbs by which someone puts out a document that then speaks for them.
_PUT_OUT = {"release", "issue", "publish", "post", "send", "air", "run", "launch", "unveil",
            "circulate", "distribute"}


def _author_by(noun: Token) -> Token | None:
    """Who a document speaks for: the agent of a participle that describes it ("a statement
    issued by X"), or the subject of the verb that put it out ("X showed no sign of backing
    down, releasing a statement that accused …", "X is releasing a new ad that urges …")."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _PUT_OUT:
        verb = noun.head
        if verb.dep_ in ("advcl", "xcomp", "conj") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head          # "…, releasing a statement": the subject of the clause
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj and subj[0].lower_ not in RELATIVE and is_speaker_like(subj[0]):
            return subj[0]
    for acl in noun.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for agent in acl.children:
                if agent.dep_ == "agent":
                    objs = [o for o in agent.children if o.dep_ == "pobj"]
                    if objs and is_speaker_like(objs[0]):
                        return objs[0]
    return None


def _describes_other(doc: Doc, m: _EntMention, head: Token) -> bool:
    """The mention qualifies a noun of the phrase other than its head ("a ... Transit line")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i != head.i \
        and not span.start <= root.head.i < span.end and root.head.pos_ == "NOUN"


def _named_body(head: Token) -> str | None:
    """The proper name a description is attached to, when the tagger found no organisation:
    "the former head of Britain's MI6" -> "MI6", "a spokesman for Acme Corp" -> "Acme Corp"."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at", "with"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                parts = [t for t in obj.subtree
                         if t.i == obj.i or t.dep_ in ("compound", "flat") and t.head.i == obj.i]
                return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
    return None
