"""Names to keys: how one person or organisation is recognised across articles.

Pure functions, no spaCy: the extraction uses the same keys to fold the forms of a name within
one article, and the loader and the resolution step use them to match names across articles, so
they agree. The word lists come from `etl.lexicons`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser import HumanName

from etl import lexicons
from etl.lexicons import fold_key

__all__ = ["entity_key", "surname_key", "PersonName", "person_name", "org_initials",
           "looks_like_acronym", "spelling_skeleton"]

# Organisation keys spell -isation/-yse the -ization/-yze way ("organisation" = "organization").
_ISATION = re.compile(r"(?<=\w)is(ation|ations|e|es|ed|ing)\b")
# Words left out of an organisation's initials ("International Monetary Fund" -> imf).
INITIALS_SKIP = {"of", "the", "and", "for", "de", "la", "du", "des", "der", "und", "on", "in"}


def entity_key(kind: str, name: str) -> str:
    """Normalised key for matching names across articles: casefolded, accents folded,
    punctuation, honorifics/titles (people) and legal suffixes (organisations) removed.

    entity_key("person", "President Volodymyr Zelensky’s") == "volodymyr zelensky"
    entity_key("organisation", "The U.N.") == "un"
    """
    if kind == "person":
        name = name.replace(".", ". ")       # initials: "T.O'Gorman" == "T. O'Gorman"
    words = fold_key(name).split()
    if kind == "person":
        while len(words) > 1 and (words[0] in lexicons.courtesy_forms() or lexicons.is_title(words[0])):
            words = words[1:]
        while len(words) > 1 and words[-1] in lexicons.name_suffixes():
            words = words[:-1]
    else:
        while len(words) > 1 and words[-1] in lexicons.legal_suffixes():
            words = words[:-1]
        words = [_ISATION.sub(r"iz\1", w) if len(w) > 6 else w for w in words]
    return " ".join(words)


@dataclass(frozen=True)
class PersonName:
    """The parts of a person's name key: given name, middle names, surname (with its particles:
    "von der leyen", "da silva"). `given` is None for a surname alone ("Rutte")."""
    key: str
    given: str | None
    middle: str
    surname: str

    @property
    def skeleton(self) -> str:
        return spelling_skeleton(self.surname)


def person_name(name: str) -> PersonName:
    """Key and parts of a person's name.

    person_name("Ursula von der Leyen").surname == "von der leyen"
    person_name("Xi Jinping").surname == "xi"; person_name("Kim Jong Un").given == "jong un"
    person_name("Martin Luther King Jr.").surname == "king"
    person_name("Belgian Willy de Clercq").key == "willy de clercq"
    """
    key = entity_key("person", name)
    words = key.split()
    # "Belgian Willy de Clercq", "Chefs Jamie Oliver": a nationality or a plural title in front
    while len(words) > 2 and (lexicons.is_nationality(words[0]) or words[0].endswith("s")
                              and (lexicons.is_title(words[0][:-1]) or lexicons.is_given_name(
                                  words[1]) and not lexicons.is_given_name(words[0]))):
        words = words[1:]
    key = " ".join(words)
    if len(words) == 1:
        return PersonName(key, None, "", key)
    first = words[0]
    if first in lexicons.surname_first() and (len(words) >= 3 or not lexicons.is_given_name(first)):
        return PersonName(key, " ".join(words[1:]), "", first)
    parsed = HumanName(key)
    surname = fold_key(parsed.last) if parsed.last else words[-1]
    if not parsed.first or surname == key:       # "de Gaulle" alone: all surname
        return PersonName(key, None, "", key)
    given = fold_key(parsed.first)
    middle = fold_key(parsed.middle) if parsed.middle else ""
    if f"{given} {middle} {surname}".split() != words:  # the parser reordered or dropped words
        given, middle, surname = words[0], " ".join(words[1:-1]), words[-1]
    return PersonName(key, given, middle, surname)


def spelling_skeleton(word: str) -> str:
    """The consonants of a surname with the letters transliterations swap folded together:
    Zelensky, Zelenskyy, Zelenskiy -> slnsk; Gaddafi, Qaddafi, Kadhafi -> kdf."""
    s = word.replace(" ", "").replace("h", "")
    s = s.translate(str.maketrans("qgcz", "kkks"))
    s = re.sub(r"[aeiouy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def org_initials(name: str) -> str:
    """Initials of a multi-word organisation name: 'International Monetary Fund' -> 'imf',
    'Organisation for Economic Co-operation and Development' -> 'oecd'."""
    words = [w for w in entity_key("organisation", name.replace("-", "")).split()
             if w not in INITIALS_SKIP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def looks_like_acronym(name: str) -> bool:
    """'IMF', 'U.N.', 'OPEC': one word written in capitals."""
    letters = re.sub(r"[^\w]", "", name)
    return 2 <= len(letters) <= 8 and letters.isupper() and " " not in name.strip()


def surname_key(key: str) -> str:
    """The surname of a person key: 'mark rutte' -> 'rutte', 'xi jinping' -> 'xi',
    'ursula von der leyen' -> 'von der leyen'."""
    return person_name(key).surname
