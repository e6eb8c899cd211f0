"""Mentions grouped into the people and organisations of one article.

A surname joins the one full name it ends ("Zelensky" -> "Volodymyr Zelensky"), a one-word
organisation or place that is a person's surname becomes that person ("Trump" tagged ORG), an
acronym joins its long form ("Alternative for Germany (AfD)", "CDU" = "Christian Democratic
Union"), a bracketed translation joins the name it translates, "Deportivo" joins "Deportivo
Coruna"; repeats of a known name or acronym that the model did not tag are added as mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from etl import lexicons
from etl.extract.entities.candidates import ACRONYM, Candidate
from etl.extract.entities.names import NAME_PARTICLES, entity_key, span_text
from etl.lexicons import fold_key, text_of

_INITIALS_SKIP = {"of", "the", "and", "for", "on", "in", "de", "la", "le", "du", "des", "&", "a",
                  "an", "at", "to", "fur", "für", "und", "der", "die", "das"}


@dataclass
class Group:
    """The mentions of one person or organisation."""

    kind: str
    cands: list[Candidate] = field(default_factory=list)
    acronym: str | None = None
    extra: list[tuple[int, int, str]] = field(default_factory=list)   # mentions found by search


def group_people(doc: Doc, cands: list[Candidate]) -> list[Group]:
    """The people of the article; retypes candidates that turn out to be people (or companies)."""
    # "Magna" beside "Magna International": the first word of a company is the company
    org_heads = {c.key.split()[0] for c in cands if c.kind == "organisation" and len(c.span) >= 2
                 and not lexicons.is_given_name(c.span[0].text)}
    person_surnames = {c.key.split()[-1] for c in cands if c.kind == "person" and len(c.span) >= 2}
    # "Phillips Idowu" typed as an organisation beside "Idowu" the person
    person_words = person_surnames | {c.key for c in cands if c.kind == "person" and len(c.span) == 1}
    for c in cands:
        if c.kind == "organisation" and 2 <= len(c.span) <= 3 and not c.media and c.weight < 3 \
                and c.key.split()[-1] in person_words and not lexicons.has_org_word(c.text) \
                and all(t.text[:1].isupper() and t.is_alpha for t in c.span):
            c.kind = "person"
    for c in cands:
        if c.kind == "person" and len(c.span) == 1 and c.role is None and c.key in org_heads \
                and c.key not in person_surnames:
            c.kind = "organisation"
    _shortened_companies(doc, cands)
    by_key: dict[str, Group] = {}
    for c in cands:
        if c.kind == "person":
            by_key.setdefault(entity_key("person", c.full_text), Group("person")).cands.append(c)
    groups = _fold_short_names(by_key)
    _join_first_names(groups)
    # a one-word organisation or place that is a person's surname is that person ("Trump" as
    # ORG); the surname of two people ("Carly Fiorina", her husband "Frank Fiorina") is still a
    # person, the surname alone, as when the model tags it as one
    owners = _surname_owners(groups)
    surname_of = _surname_index(owners)
    alone = {k: g for g in groups for k in {c.key for c in g.cands} if " " not in k}
    for c in cands:
        if c.kind in ("organisation", "place") and len(c.span) == 1 and not c.media \
                and c.weight < 3 and not (c.text.isupper() and len(c.text) > 1):
            g = surname_of.get(c.key)
            if g is None and len(owners.get(c.key, ())) > 1:
                g = alone.get(c.key)
                if g is None:
                    g = alone[c.key] = Group("person")
                    groups.append(g)
            if g is not None:
                c.kind = "person"
                g.cands.append(c)
    _join_name_tails(groups, cands)
    _add_untagged_mentions(doc, groups, cands)
    return groups


_PERSONAL = {"he", "she", "his", "her", "him", "mr", "mrs", "ms", "mr.", "mrs.", "ms."}


def _shortened_companies(doc: Doc, cands: list[Candidate]) -> None:
    """"Hilton Hotels" beside "Hilton Hotels Corp", "Tony Lama" beside "Tony Lama Co Inc": the
    leading words of a company's name, written alone, are the company, unless the article
    treats them as a person (a title, Mr or Ms, he or she in the same sentence)."""
    companies = [c for c in cands if c.kind == "organisation" and not c.media and len(c.span) >= 3]
    personal = {c.key for c in cands if c.kind == "person" and (c.role or c.after_role)}
    for c in cands:
        if c.kind == "person" and len(c.span) >= 2 and c.key not in personal:
            if any(t.lower_ in _PERSONAL for t in c.span.sent) \
                    or c.span.start > 0 and doc[c.span.start - 1].lower_ in _PERSONAL:
                personal.add(c.key)
    for c in cands:
        if c.kind != "person" or len(c.span) < 2 or c.key in personal:
            continue
        words = [t.lower_ for t in c.span]
        for o in companies:
            rest = o.span[len(words):]
            if len(rest) and [t.lower_ for t in o.span[:len(words)]] == words \
                    and _company_words(rest):
                c.kind, c.short_of = "organisation", o.text
                break


def _company_words(rest: Span) -> bool:
    """The words a company's name ends with: "Corp", "Co Inc", "Banks Inc", "Holdings Ltd"."""
    folded = [fold_key(t.text) for t in rest if not t.is_punct]
    return bool(folded) and (folded[-1] in lexicons.legal_suffixes()
                             or lexicons.has_org_word(rest.text))


def _join_name_tails(groups: list[Group], cands: list[Candidate]) -> None:
    """"Montoya-Lewis" beside "Raquel Montoya-Lewis", "Von der Leyen" beside "Ursula von der
    Leyen": a hyphenated surname, or one with its particles, written alone is the person whose
    name ends with it, when only one does."""
    tails: dict[str, list[Group]] = {}
    for g in groups:
        for key in {c.key for c in g.cands}:
            words = key.split()
            for k in range(2, len(words)):
                tails.setdefault(" ".join(words[-k:]), []).append(g)
    for c in cands:
        if c.kind not in ("organisation", "place") or c.media or c.weight >= 3 or len(c.span) < 2:
            continue
        one_word = not any(t.whitespace_ for t in c.span[:-1])
        particle = c.span[0].lower_ in NAME_PARTICLES and not lexicons.has_org_word(c.text)
        found = {id(g): g for g in tails.get(c.key, [])}
        if (one_word or particle) and len(found) == 1:
            c.kind, c.role = "person", None
            next(iter(found.values())).cands.append(c)


def drop_person_possessors(cands: list[Candidate], people: list[Group]) -> None:
    """"Farrakhan 's Nation of Islam": the organisation starts after a person's possessive."""
    person_words = {w for g in people for c in g.cands for w in (c.key, c.key.split()[-1])}
    for c in cands:
        if c.kind != "organisation":
            continue
        for t in c.span:
            if t.text in ("'s", "’s") and t.i + 1 < c.span.end and t.i > c.span.start:
                if fold_key(c.span.doc[c.span.start:t.i].text) in person_words:
                    c.span = c.span.doc[t.i + 1:c.span.end]
                break


def _tokens(key: str) -> list[str]:
    return key.split()


def _fold_short_names(by_key: dict[str, Group]) -> list[Group]:
    """'Zelensky' and 'President Zelensky' join 'Volodymyr Zelensky' when he is the only
    person whose name ends that way."""
    keys = sorted(by_key, key=lambda k: -len(k.split()))
    merged: dict[str, str] = {}
    for k in keys:
        toks = _tokens(k)
        targets = [f for f in keys if len(_tokens(f)) > len(toks) and f not in merged
                   and _is_subname(toks, _tokens(f))]
        # prefer the longest; ambiguous when two unrelated full names fit ("Smith")
        if not targets:
            continue
        longest = [t for t in targets if not any(_is_subname(_tokens(t), _tokens(o)) for o in targets if o != t)]
        if len(longest) == 1:
            merged[k] = longest[0]
    out = []
    for k in keys:
        if k in merged:
            continue
        out.append(by_key[k])
    for k, target in merged.items():
        while target in merged:
            target = merged[target]
        by_key[target].cands.extend(by_key[k].cands)
    return out


def _join_first_names(groups: list[Group]) -> None:
    """'Ann' joins 'Ann Keller' when she is the only person of the article with that first
    name and nobody's surname is 'Ann' (a first name alone is how articles name someone
    already introduced; with two Anns it stays a name of its own)."""
    owners: dict[str, list[Group]] = {}
    surnames: set[str] = set()
    for g in groups:
        for toks in {tuple(c.key.split()) for c in g.cands}:
            if len(toks) >= 2:
                if g not in owners.setdefault(toks[0], []):
                    owners[toks[0]].append(g)
                surnames.add(toks[-1])
    for g in list(groups):
        keys = {c.key for c in g.cands}
        if len(keys) != 1 or " " in next(iter(keys)):
            continue
        key = next(iter(keys))
        found = owners.get(key, [])
        if len(found) == 1 and key not in surnames and found[0] is not g:
            found[0].cands.extend(g.cands)
            groups.remove(g)


def _is_subname(short: list[str], full: list[str]) -> bool:
    """True when `short` is `full` with words left out, keeping the last one ("george bush" in
    "george w bush", "zelensky" in "volodymyr zelensky")."""
    if not short or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(w in it for w in short)


def _surname_owners(groups: list[Group]) -> dict[str, list[Group]]:
    """Each surname that ends a full name of the article, with the people whose names it ends."""
    owners: dict[str, list[Group]] = {}
    for g in groups:
        for c in g.cands:
            toks = c.key.split()
            if len(toks) >= 2:
                found = owners.setdefault(toks[-1], [])
                if not any(o is g for o in found):
                    found.append(g)
    return owners


def _surname_index(owners: dict[str, list[Group]]) -> dict[str, Group]:
    """The surnames that end the full name of one person only, with that person."""
    return {k: gs[0] for k, gs in owners.items() if len(gs) == 1}


def _add_untagged_mentions(doc: Doc, groups: list[Group], cands: list[Candidate]) -> None:
    """Repeats of a known name the model did not tag ("... said Zelensky")."""
    occupied = [(c.span.start_char, c.span.end_char) for c in cands]
    text = text_of(doc)
    surname_of = _surname_index(_surname_owners(groups))
    forms: dict[str, Group] = {}
    for g in groups:
        for c in g.cands:
            forms.setdefault(c.text, g)
    for last, g in surname_of.items():
        for c in g.cands:
            w = c.text.split()[-1]
            if fold_key(w) == last and len(w) >= 3 and not lexicons.is_place(w):
                forms.setdefault(w, g)
    taken = _occupancy(text, occupied)
    for m in _find_forms(text, forms):
        s, e = m.span()
        if any(taken[s:e]):
            continue
        # not part of a longer capitalised name ("Brown" in "Gordon Brown University")
        if re.search(r"[A-Z][\w.]*\s$", text[max(0, s - 20):s]) and not _sentence_start(text, s):
            continue
        if re.match(r"^\s[A-Z]", text[e:e + 2]):
            continue
        forms[m.group(0)].extra.append((s, e, m.group(0)))
        taken[s:e] = b"\x01" * (e - s)


def _occupancy(text: str, spans: list[tuple[int, int]]) -> bytearray:
    taken = bytearray(len(text))
    for a, b in spans:
        taken[a:b] = b"\x01" * (b - a)
    return taken


def _find_forms(text: str, forms) -> list[re.Match]:
    """Whole-word occurrences of any of the forms, longest form first at each position."""
    if not forms:
        return []
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return list(re.finditer(rf"(?<![\w\-])(?:{alternation})(?![\w\-])", text))


def _sentence_start(text: str, s: int) -> bool:
    before = text[:s].rstrip(" ")
    return not before or before[-1] in ".!?\n\"“"


# ----------------------------------------------------------------------------- organisations

def group_orgs(doc: Doc, cands: list[Candidate], people: list[Group]) -> list[Group]:
    """The organisations of the article, acronyms and translations joined to their names."""
    orgs = [c for c in cands if c.kind == "organisation"]
    by_key: dict[str, Group] = {}
    for c in orgs:
        by_key.setdefault(entity_key("organisation", c.short_of or c.text),
                          Group("organisation")).cands.append(c)
    _link_brackets(doc, orgs, by_key)
    _link_initials(by_key)
    _fold_short_orgs(by_key)
    groups = list({id(g): g for g in by_key.values()}.values())
    _add_untagged_org_mentions(doc, groups, cands)
    return groups


def _bracket_after(doc: Doc, sp: Span) -> Span | None:
    """The bracketed words right after a span: "Alternative for Germany (AfD)",
    "Sahra Wagenknecht Alliance, (BSW)"."""
    i = sp.end
    if i + 2 < len(doc) and doc[i].text == "," and ACRONYM.match(doc[i + 1].text) \
            and doc[i + 1].text.isupper() and doc[i + 2].text in (",", ")", "."):
        return doc[i + 1:i + 2]          # "The International Cocoa Organization, ICCO, ..."
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].text != "(":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 8 and doc[j].text != ")":
        j += 1
    if j >= len(doc) or doc[j].text != ")" or j == i + 1:
        return None
    return doc[i + 1:j]


def _link_brackets(doc: Doc, orgs: list[Candidate], by_key: dict[str, Group]) -> None:
    for c in orgs:
        inner = _bracket_after(doc, c.span)
        if inner is None:
            # the tokenizer can glue the bracket to the next word ("(AfD)—agree"): read the text
            m = re.match(r"\s*,?\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)", text_of(doc)[c.span.end_char:c.span.end_char + 16])
            if m and ACRONYM.match(m.group(1)) and not lexicons.is_place(m.group(1)):
                g = by_key[entity_key("organisation", c.text)]
                g.acronym = g.acronym or m.group(1)
                s = c.span.end_char + m.start(1)
                g.extra.append((s, s + len(m.group(1)), m.group(1)))
                by_key.setdefault(entity_key("organisation", m.group(1)), g)
            continue
        g = by_key[entity_key("organisation", c.text)]
        inner_text = span_text(inner)
        inner_key = entity_key("organisation", inner_text)
        if lexicons.is_place(inner_text) or lexicons.is_nationality(inner_text) \
                or any(t.like_num for t in inner):
            continue                 # "Davidson Ezinwa ( Nigeria )", "( 31st )"
        if len(inner) == 1 and ACRONYM.match(inner_text):
            g.acronym = g.acronym or inner_text
        elif len(inner) < 2 or not lexicons.has_org_word(inner_text) \
                or not all(t.text[:1].isupper() or t.is_stop for t in inner):
            continue                 # only a translation: "Gleichheitspartei (Equality Party)"
        else:
            if inner_key not in by_key:
                by_key[inner_key] = Group("organisation", [Candidate(inner, "organisation")])
        other = by_key.get(inner_key)
        if other is not None and other is not g:
            g.cands.extend(other.cands)
            g.acronym = g.acronym or other.acronym
            for k, v in list(by_key.items()):
                if v is other:
                    by_key[k] = g
        if len(inner) == 1 and ACRONYM.match(inner_text):
            by_key.setdefault(inner_key, g)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and fold_key(w) not in _INITIALS_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).casefold()


def _link_initials(by_key: dict[str, Group]) -> None:
    """'CDU' joins 'Christian Democratic Union' when the letters are its initials."""
    groups = list({id(g): g for g in by_key.values()}.values())
    for g in groups:
        short = [c for c in g.cands if ACRONYM.match(c.text)]
        if not short or len(short) != len(g.cands):
            continue
        acr = fold_key(short[0].text).replace(" ", "")
        targets = [o for o in groups if o is not g and o.cands and any(
            len(c.text.split()) >= 2 and _initials(c.text) == acr for c in o.cands)]
        if len(targets) == 1:
            t = targets[0]
            t.cands.extend(g.cands)
            t.acronym = t.acronym or short[0].text
            g.cands = []
            for k, v in list(by_key.items()):
                if v is g:
                    by_key[k] = t


def _fold_short_orgs(by_key: dict[str, Group]) -> None:
    """'Deportivo' joins 'Deportivo Coruna', 'Magna' joins 'Magna International' when only one
    longer name starts with that word."""
    groups = list({id(g): g for g in by_key.values()}.values())
    for g in groups:
        if not g.cands or any(len(c.key.split()) != 1 or ACRONYM.match(c.text) for c in g.cands):
            continue
        word = g.cands[0].key
        targets = [o for o in groups if o is not g and o.cands
                   and any(len(c.key.split()) >= 2 and c.key.split()[0] == word for c in o.cands)]
        if len(targets) != 1:
            continue
        t = targets[0]
        t.cands.extend(g.cands)
        t.extra.extend(g.extra)
        g.cands = []
        for k, v in list(by_key.items()):
            if v is g:
                by_key[k] = t


def _add_untagged_org_mentions(doc: Doc, groups: list[Group], cands: list[Candidate]) -> None:
    """Untagged repeats of an organisation's name or acronym ("a Guardian interview")."""
    occupied = [(c.span.start_char, c.span.end_char) for c in cands]
    text = text_of(doc)
    forms: dict[str, Group] = {}
    for g in groups:
        if not g.cands:
            continue
        for form in {c.text for c in g.cands if len(c.text) >= 3} | ({g.acronym} if g.acronym else set()):
            if not (lexicons.is_place(form) and not g.cands[0].media):
                forms.setdefault(form, g)
    taken = _occupancy(text, occupied)
    for m in _find_forms(text, forms):
        s, e = m.span()
        if not any(taken[s:e]):
            forms[m.group(0)].extra.append((s, e, m.group(0)))
            taken[s:e] = b"\x01" * (e - s)
