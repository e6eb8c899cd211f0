"""Word lists the rules consult: media outlets, titles, places, nationalities, organisation words,
and the words that tell a web page's metadata from its chrome.

The lists are general knowledge written for this project (etl/lexicons/entities_*.txt and
web_*.txt, one entry a line, `#` comments). Lookups go through `fold_key`, so case, accents,
punctuation and a leading "the" never decide a match.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def text_of(doc) -> str:
    """`doc.text`, built once per document (spaCy rebuilds it from the tokens on every access)."""
    key = ("newsetl", "text")
    if key not in doc.user_data:
        doc.user_data[key] = doc.text
    return doc.user_data[key]


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Casefold, strip accents, collapse whitespace."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s.casefold()).strip()


@functools.lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """The lookup key of a name: folded, a leading "the" and a possessive dropped, punctuation
    removed ("U.S." -> "us", "Der Spiegel's" -> "der spiegel")."""
    s = fold(text)
    s = re.sub(r"(?:['’]s|['’])$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"[.’']", "", s)          # U.S. -> us, O'Neill -> oneill
    s = re.sub(r"[^\w]+", " ", s)
    return s.strip()


def _load(name: str) -> frozenset[str]:
    return _load_file(f"entities_{name}")


@functools.lru_cache(maxsize=None)
def _load_file(stem: str) -> frozenset[str]:
    keys = set()
    for line in (DATA_DIR / f"{stem}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keys.add(fold_key(line))
    keys.discard("")
    return frozenset(keys)


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    text = (DATA_DIR / "entities_given_names.txt").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    return frozenset(fold_key(w) for ln in lines for w in ln.split())


def is_given_name(word: str) -> bool:
    """A common first name ("Monica", "Todd"): evidence that a capitalised pair is a person."""
    return fold_key(word) in _given_names()


def is_media(name: str) -> bool:
    return fold_key(name) in _load("media")


def is_not_org(name: str) -> bool:
    """A time zone, measure, term, group of office holders or award ("GMT", "GDP", "MPs",
    "Oscar"): neither a person nor an organisation."""
    return fold_key(name) in _load("not_orgs")


def is_party(name: str) -> bool:
    """A political party by a short name ("Labour", "the Lib Dems", "Republicans")."""
    return fold_key(name) in _load("parties")


def media_names() -> frozenset[str]:
    """Keys of the known outlets."""
    return _load("media")


def is_country(name: str) -> bool:
    return fold_key(name) in _load("countries")


def is_place(name: str) -> bool:
    """A country, region or city (known list), of any kind."""
    k = fold_key(name)
    return k in _load("countries") or k in _load("places")


def is_nationality(name: str) -> bool:
    """"German", "Hutu", and plurals ("Hutus", "Scots", "Azeris")."""
    k = fold_key(name)
    nat = _load("nationalities")
    return k in nat or (k.endswith("s") and k[:-1] in nat)


def is_title(words: str) -> bool:
    """'German Chancellor' is not, 'Chancellor' and 'Secretary of State' are."""
    return fold_key(words) in _load("titles")


def has_org_word(name: str) -> bool:
    """True when one of the name's words marks an organisation ("Party", "Inc", "FC")."""
    org_words = _load("org_words")
    return any(fold_key(w) in org_words for w in name.split())


def is_event(name: str) -> bool:
    """A competition or event ("UEFA Cup", "Berlin Grand Prix"), by its last word(s)."""
    words = fold_key(name).split()
    events = _load("event_words")
    return len(words) >= 2 and (words[-1] in events or " ".join(words[-2:]) in events)


def title_words() -> frozenset[str]:
    """Every single word that occurs in a title ("secretary", "general", "of")."""
    return _title_words()


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in _load("titles") for w in t.split())


def is_not_author_word(word: str) -> bool:
    """A word that makes a byline not a person's name ("Staff", "Letters", "Agencies")."""
    return fold_key(word) in _load_file("web_not_authors")


def is_not_title(text: str) -> bool:
    """A CMS or section name that pages put in their title tags ("escenic", "News")."""
    return fold_key(text) in _load_file("web_not_titles")
