"""People and organisations named in an article's title.

The title is stored apart from the body, so the body's parse never sees it ("Merkel to step down
as party leader" over a body that only says "the chancellor"). The title is parsed on its own and
its names go through the same rules; a name the body also gives becomes a title mention of that
entity, a full name the title gives a person the body names by surname alone only ("Joel Embiid"
over "Embiid said") becomes that person's name, a name only the title gives becomes an entity
with title mentions only, unless the body writes its words as common words (a headline
capitalises every word). Title mentions
are offsets into the title, kept apart from the body's (`Entity.title_mentions`).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from etl.extract.entities.assemble import extract_entities
from etl.extract.entities.names import entity_key
from etl.model import Entity, Mention


def add_title_entities(title_doc: Doc, people: list[Entity], orgs: list[Entity],
                       body_text: str = "") -> None:
    """Give body entities their title mentions; append the entities only the title names, when
    the body does not write their words as common words (`body_text`)."""
    title = title_doc.text
    for e in people + orgs:
        e.title_mentions = _forms_in(title, _forms(e))
    t_people, t_orgs = extract_entities(title_doc)
    for found, body in ((t_people, people), (t_orgs, orgs)):
        for t in found:
            target = _match(t, body)
            mentions = [Mention(m.start, m.end, m.text) for m in t.mentions]
            if target is None and (target := _surname_of(t, body)) is not None:
                # "Joel Embiid scores 40" over a body that only says "Embiid": the title gives
                # the body's person the full name
                target.aliases = sorted({*target.aliases, target.name} - {t.name})
                target.name = t.name
                target.title_mentions = [o for o in target.title_mentions if not any(
                    m.start < o.end and o.start < m.end for m in mentions)]
            if target is None:
                if not _written_as_name(t.name, body_text, _shouted(title)):
                    continue
                t.title_mentions, t.mentions = mentions, []
                body.append(t)
                continue
            have = {(m.start, m.end) for m in target.title_mentions}
            target.title_mentions += [m for m in mentions if (m.start, m.end) not in have
                                      and not any(a < m.end and m.start < b for a, b in have)]
            target.title_mentions.sort(key=lambda m: m.start)


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’(\n]|[-—–] )\s*$")


def _shouted(title: str) -> bool:
    """A title written in capitals ("BAKER TO MEET JAPAN OFFICIALS")."""
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _written_as_name(name: str, body: str, shouted: bool = False) -> bool:
    """A headline capitalises every word, so a name found only in the title needs the body's
    word: each of its capitalised words that the body uses must be capitalised there somewhere
    other than at the start of a sentence. "Raise Twins" over a body that says "raise twins",
    "Will Paul" (Ortiz) over one that says "will", are no names; "Rutte" over a body that only
    says "the prime minister" is. In a title in capitals (`shouted`), one word the body writes
    in lower case at all is an ordinary word ("TEA" over "tea quotas"), even where the body
    capitalises it inside a longer name ("International Tea Council")."""
    for word in re.findall(r"[^\W\d_][\w'’-]*", name):
        if not word[0].isupper() or len(word) < 2:
            continue
        low = word.lower()
        if not re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", body):
            continue
        if shouted and " " not in name.strip():
            return False
        cap = low[0].upper() + low[1:]
        if not any(not _SENTENCE_START.search(body[max(0, m.start() - 3):m.start()])
                   for m in re.finditer(rf"(?<![\w-]){re.escape(cap)}(?![\w-])", body)):
            return False
    return True


def _forms(e: Entity) -> list[str]:
    forms = {e.name, *e.aliases, *([e.acronym] if e.acronym else [])}
    if e.kind == "person" and len(e.name.split()) >= 2:
        forms.add(e.name.split()[-1])                 # "Merkel" in the title, "Angela Merkel" below
    return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def _forms_in(title: str, forms: list[str]) -> list[Mention]:
    """Whole-word occurrences of the forms in the title, longest first, not overlapping; in any
    case when the title is written in capitals ("BAKER TO MEET JAPAN OFFICIALS")."""
    shouted = _shouted(title)
    out: list[Mention] = []
    for f in forms:
        for m in re.finditer(rf"(?<![\w\-]){re.escape(f)}(?![\w\-])", title, flags=re.I if shouted else 0):
            if not any(o.start < m.end() and m.start() < o.end for o in out):
                out.append(Mention(m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda m: m.start)


def _surname_of(t: Entity, body: list[Entity]) -> Entity | None:
    """The body's one person named by a surname alone ("Embiid", "von der Leyen") that a full
    name of the title ends with ("Joel Embiid"), when no other person of the body bears that
    surname."""
    if t.kind != "person" or len(t.name.split()) < 2:
        return None
    same = [e for e in body if e.name.split()[-1] == t.name.split()[-1]]
    if len(same) != 1 or not t.name.endswith(" " + same[0].name):
        return None
    e = same[0]
    particles, given = e.name.split()[:-1], t.name[: -len(e.name)].split()
    if any(w[0].isupper() for w in particles) or not all(w[0].isupper() for w in given):
        return None
    return e


def _match(t: Entity, body: list[Entity]) -> Entity | None:
    """The body entity a title entity names: the same key, or (a person) the same surname."""
    keys = {entity_key(t.kind, f) for f in [t.name, *t.aliases]}
    for e in body:
        forms = [e.name, *e.aliases, *([e.acronym] if e.acronym else [])]
        if keys & {entity_key(e.kind, f) for f in forms}:
            return e
    if t.kind == "person" and len(t.name.split()) == 1:
        same = [e for e in body if e.name.split()[-1] == t.name]
        if len(same) == 1:
            return same[0]
    return None
