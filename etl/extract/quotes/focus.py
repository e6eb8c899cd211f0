"""Who is in focus at a point of the article: the antecedent of he/she/it/they, without a
coreference model.

Pronouns agree with their antecedent. A person's gender comes from Mr/Mrs/Ms before the name
first, then from a list of given names that nearly always belong to one gender
(etl/lexicons/names_gender.txt), then from what the article calls them ("a spokeswoman", "her
husband": etl/lexicons/names_gender_nouns.txt), then from the article's pronouns (the first
he/she/his/her later in a sentence that names that person and nobody else). "she" never goes
to a man nor "he" to a woman: with no agreeing person in focus the pronoun is left unresolved.
"they" goes to an organisation only when no group of people ("the experts", "officials") was
the subject since, and the group's own organisation ("experts at Acme Corp") is not its
speaker.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from etl.lexicons import fold_key, given_name_gender, noun_gender, title_nouns, title_words
from etl.model import Speaker
from etl.extract.quotes.speakers import EntityIndex, PERSON_PRONOUNS, _EntMention, _org_of_entity

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them"}
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.?\s+$")
_HONORIFIC_GENDER = {"Mr": "male", "Sir": "male", "Lord": "male", "Mrs": "female",
                     "Ms": "female", "Miss": "female", "Dame": "female", "Lady": "female"}
# Links that stay inside one noun phrase ("Ed Hale, [her deputy at the firm],").
_NP_DEPS = ("poss", "appos", "compound", "amod", "det", "prep", "pobj", "nmod")
WINDOW = 1500          # characters back to look for an antecedent: about three paragraphs


def unresolved_pronoun(speaker: Speaker | None) -> bool:
    """A pronoun speaker that no antecedent agreed with: the quote is as good as unattributed."""
    return speaker is not None and speaker.name is None \
        and speaker.text.lower() in MALE | FEMALE | PLURAL | {"it", "we"}


def pronoun_gender(word: str) -> str | None:
    low = word.lower()
    return "male" if low in MALE else "female" if low in FEMALE else None


class Focus:
    """Who is in focus at a point of the article: the antecedent for he/she/it/they."""

    def __init__(self, doc: Doc, index: EntityIndex, excluded: list[tuple[int, int]]):
        self.doc = doc
        self.index = index
        self.excluded = excluded
        self._genders: dict[int, str] | None = None

    def gender(self, person: int) -> str | None:
        """"female", "male" or None (unknown) for a person of the article."""
        if self._genders is None:
            self._genders = self._gender_evidence()
        return self._genders.get(person)

    def _gender_evidence(self) -> dict[int, str]:
        votes: dict[int, Counter] = defaultdict(Counter)
        text = self.doc.text
        voted: set[int] = set()
        for tok in self.doc:
            g = pronoun_gender(tok.text)
            if g is None or any(a <= tok.idx < b for a, b in self.excluded):
                continue
            # one person named earlier in the same sentence: theirs ("Obi joined later; he
            # trained in Lagos"). A pronoun opening the next sentence is not counted: it is
            # often the very "she replied" whose antecedent is in question. Only the first
            # pronoun after the name counts ("Keyworth was fired up; he said she should call"),
            # and a possessor is not the one the sentence is about ("After Hale's pitch, she").
            if tok.sent.start in voted:
                continue
            before = self.index.within(tok.sent.start_char, tok.idx)
            near = {m.index for m in before if m.kind == "person" and self._outside_quotes(m)
                    and not self._in_own_phrase(tok, m)}
            possessors = {m.index for m in before if text[m.end:m.end + 2] in ("'s", "’s")}
            if len(near) == 1 and not near & possessors:
                votes[near.pop()][g] += 1
                voted.add(tok.sent.start)
        described = self._described_genders()
        titled: dict[int, Counter] = defaultdict(Counter)
        for m in self.index.mentions:
            title = _HONORIFIC.search(text, max(0, m.start - 7), m.start)
            if m.kind == "person" and title:
                titled[m.index][_HONORIFIC_GENDER[title.group(1)]] += 1
        out = {}
        for i, p in enumerate(self.index.people):
            # Mr/Ms first; then a given name that nearly always belongs to one gender, which
            # a pronoun near the name cannot overrule ("Louise Keller, who worked with him as
            # he …"); then what the article calls them; then the pronouns
            given = given_name_gender(p.name.split()[0]) if " " in p.name else None
            for c in (titled.get(i), Counter({given: 1}) if given else None, described.get(i),
                      votes.get(i)):
                if c and c["male"] != c["female"]:
                    out[i] = c.most_common(1)[0][0]
                    break
        return out

    def _described_genders(self) -> dict[int, Counter]:
        """What the article calls each person, where the noun says a gender: an apposition
        ("Roy Mendel, a spokesman"; "her husband, Frank Hale") or a word before the name
        ("actress Ann Lowe", "Congresswoman Ruiz")."""
        out: dict[int, Counter] = defaultdict(Counter)
        for m in self.index.mentions:
            if m.kind != "person" or not self._outside_quotes(m):
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            nouns = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                nouns.append(root.head)
            nouns += [t for t in self.doc[max(span.start - 2, 0):span.start]
                      if t.head.i == root.i and t.dep_ in ("compound", "amod", "nmod")]
            for noun in nouns:
                g = noun_gender(noun.lemma_) or noun_gender(noun.text)
                if g is not None:
                    out[m.index][g] += 1
        return out

    def _in_own_phrase(self, tok: Token, m: _EntMention) -> bool:
        """A pronoun inside the name's own phrase is someone else ("Ed Hale, her deputy,")."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        t = tok
        while t.dep_ in _NP_DEPS and t.head.i != t.i:
            t = t.head
            if t.i == span.root.i:
                return True
        return False

    def agrees(self, person: int, pronoun: str) -> bool:
        g = self.gender(person)
        return g is None or g == pronoun_gender(pronoun)

    def _outside_quotes(self, m: _EntMention) -> bool:
        return not any(a <= m.start < b for a, b in self.excluded)

    def _is_subject(self, m: _EntMention) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        while root.dep_ in ("compound", "appos", "poss", "flat") and root.head.i != root.i:
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass")

    def person_by_word(self, token_text: str) -> int | None:
        return self.index.person_by_word(token_text)

    def _subject_person(self, subj: Token) -> tuple[int, Token] | None:
        """The person a subject phrase names, if it names one."""
        a = subj.left_edge.idx
        b = subj.right_edge.idx + len(subj.right_edge.text)
        for m in self.index.within(a, b):
            if m.kind == "person" and m.start <= subj.idx < m.end + 1:
                return m.index, subj
        if subj.pos_ == "PROPN" or subj.text[:1].isupper() and subj.pos_ == "NOUN":
            i = self.person_by_word(subj.text)
            if i is not None:
                return i, subj
        return None

    def subject_speaker(self, tok: Token, window: int) -> Speaker | None:
        """The latest person-like subject before `tok`, named or not (a floating quote's
        speaker is usually the subject of the paragraph before it)."""
        sent = tok.sent
        while sent is not None and sent.end_char > window:
            for t in reversed(sent):
                if t.i >= tok.i or t.dep_ not in ("nsubj", "nsubjpass") or t.idx < window:
                    continue
                if any(a <= t.idx < b for a, b in self.excluded):
                    continue
                found = self._subject_person(t)
                if found is not None:
                    i = found[0]
                    return Speaker(text=t.text, name=self.index.people[i].name, kind="person",
                                   entity=i, start=t.idx, end=t.idx + len(t.text))
                if t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON"):
                    return Speaker(text=t.text, name=t.text, kind="person", start=t.idx,
                                   end=t.idx + len(t.text))
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        return None

    def _recent_subjects(self, tok: Token, window: int) -> Iterator[int]:
        """People who are subjects of clauses before `tok`, latest first: the ones in focus."""
        sent = tok.sent
        while sent is not None and sent.end_char > window:
            for t in reversed(sent):
                if t.i >= tok.i or t.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if any(a <= t.idx < b for a, b in self.excluded):
                    continue
                found = self._subject_person(t)
                if found is not None:
                    yield found[0]
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent

    def _plural_subject(self, tok: Token, window: int) -> Token | None:
        """The latest plural noun subject before `tok` ("the experts", "officials")."""
        for t in reversed(self.doc[:tok.i]):
            if t.idx < window:
                break
            if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS") \
                    and not any(a <= t.idx < b for a, b in self.excluded):
                return t
        return None

    def resolve_pronoun(self, tok: Token) -> Speaker:
        text, start, end = tok.text, tok.idx, tok.idx + len(tok.text)
        low = tok.lower_
        window = tok.idx - WINDOW
        if low in PERSON_PRONOUNS:
            for i in self._person_candidates(tok, window):
                if self.agrees(i, low):
                    return Speaker(text=text, name=self.index.people[i].name, kind="person",
                                   entity=i, start=start, end=end)
            return Speaker(text=text, kind="person", start=start, end=end)
        cands = [m for m in self.index.before(tok.idx)
                 if m.kind == "organisation" and m.start >= window and self._outside_quotes(m)]
        if low in PLURAL:
            group = self._plural_subject(tok, window)
            # the group is in focus unless an organisation is named after its phrase ("Experts
            # at Acme Corp ... they said": the experts, of Acme Corp)
            if group is not None and (not cands or cands[0].start <= group.right_edge.idx):
                inside = [m for m in cands
                          if group.left_edge.idx <= m.start <= group.right_edge.idx]
                return Speaker(text=text, kind="other", start=start, end=end,
                               organisation=self.index.entity(inside[0]).name if inside else None)
        if cands:
            m = cands[0]
            return Speaker(text=text, name=self.index.entity(m).name, kind="organisation",
                           entity=m.index, start=start, end=end)
        return Speaker(text=text, start=start, end=end)

    def _person_candidates(self, tok: Token, window: int) -> Iterator[int]:
        """People a he/she may stand for, most likely first: the subjects in focus, then the
        nearest people named (a subject before an object: "accuses Trump" rarely is it)."""
        seen: set[int] = set()
        subjects = self._recent_subjects(tok, window)
        first = next(subjects, None)
        if first is not None:
            seen.add(first)
            yield first
        cands = [m for m in self.index.before(tok.idx)
                 if m.kind == "person" and m.start >= window and self._outside_quotes(m)]
        chosen = next((m for m in cands[:4] if self._is_subject(m)), cands[0] if cands else None)
        ordered = ([chosen] if chosen else []) + cands
        for m in ordered:
            kind, idx, _ = _org_of_entity(self.index, m)
            if kind == "person" and idx is not None and idx not in seen:
                seen.add(idx)
                yield idx
        for i in subjects:
            if i not in seen:
                seen.add(i)
                yield i

    def described_person(self, head: Token, pos: int) -> int | None:
        """The person a definite description stands for ("Sen. Ann Reyes … the Ohio senator
        said"): one of the two people named last before `pos`, given a title whose holder the
        description's noun names. The description's title words must be in that title ("the
        vice president" is not President Ortiz), its places beside one of the person's
        mentions ("the Ohio senator", "the senator from Ohio": "Ohio Sen. Ann Reyes", "Ann
        Reyes, D-Ohio"), and its gender, where the noun has one, the person's."""
        if head.tag_ in ("NNS", "NNPS"):
            return None
        noun = head.lemma_.lower()
        gender = "female" if noun.endswith("woman") else "male" if noun.endswith("man") else None
        words = title_words()
        qualifiers = {c.lower_ for c in head.children
                      if c.dep_ in ("compound", "amod") and c.is_lower and c.lower_ in words}
        places = [t.text for c in head.children for t in c.subtree
                  if t.ent_type_ in ("GPE", "LOC") and t.pos_ == "PROPN"]
        recent: list[int] = []
        for m in self.index.before(pos):
            if m.start < pos - WINDOW or len(recent) == 2:
                break
            if m.kind == "person" and m.index not in recent and self._outside_quotes(m):
                recent.append(m.index)
        text = self.doc.text

        def beside(m: _EntMention) -> str:
            """The words around a mention, within its sentence."""
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            a, b = (span.sent.start_char, span.sent.end_char) if span is not None else (0, len(text))
            return text[max(a, m.start - 40):min(b, m.end + 25)]

        for i in recent:
            person = self.index.people[i]
            if not any(r.start is not None and r.start < pos and noun in title_nouns(r.title)
                       and qualifiers <= set(fold_key(r.title).split()) for r in person.roles):
                continue
            if gender is not None and self.gender(i) not in (None, gender):
                continue
            around = [beside(m) for m in self.index.before(pos) if m.kind == "person"
                      and m.index == i] if places else []
            if all(any(p in words_around for words_around in around) for p in places):
                return i
        return None

    def latest_titled(self, noun: str, pos: int) -> tuple[str, int | None] | None:
        """The latest organisation or named work before `pos` whose name contains `noun`."""
        for m in self.index.before(pos):
            if m.kind != "organisation":
                continue
            name = self.index.entity(m).name
            if noun in name.lower().split():
                return name, m.index
        for ent in reversed(self.doc.ents):
            if ent.start_char < pos and noun in ent.text.lower().split():
                return ent.text.removeprefix("the ").removeprefix("The "), None
        return None
