"""Word lists the rules consult: media outlets, titles, places, nationalities, organisation words,
and the words that tell a web page's metadata from its chrome.

The lists are general knowledge (etl/lexicons/entities_*.txt, names_*.txt, web_*.txt, ..., one
entry a line, `#` comments; each file's header names its source and licence). Lookups go through
`fold_key`, so case, accents, punctuation and a leading "the" never decide a match.

A name in two lists is decided in this order (etl.extract.entities.candidates): the words around
the mention first (a dateline, "the film ...", "told ..."), then media outlets, where a name that
is also a party ("Vox") or the surname of a person the article names ("Bloomberg") is an outlet
only when the words around it say so; then parties and platforms, not-organisations,
nationalities, places, events, and last the organisation words.
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
    return _entries(f"entities_{name}.txt")


@functools.lru_cache(maxsize=None)
def _entries(filename: str) -> frozenset[str]:
    """The folded entries of one word-list file (one a line, `#` comments)."""
    keys = set()
    for line in (DATA_DIR / filename).read_text(encoding="utf-8").splitlines():
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


@functools.lru_cache(maxsize=1)
def _us_state_codes() -> frozenset[str]:
    text = (DATA_DIR / "entities_us_state_codes.txt").read_text(encoding="utf-8")
    return frozenset(w for ln in text.splitlines() if not ln.startswith("#") for w in ln.split())


def is_us_state_code(token: str) -> bool:
    """"NY", "TX", "N.J.", "D.C.": a US state's postal code, written in capitals, with or
    without dots (case-sensitive: not "or", "in")."""
    if len(token) == 4 and token[1] == token[3] == "." and token[0].isupper() \
            and token[2].isupper():
        token = token[0] + token[2]
    return token in _us_state_codes()


def is_media(name: str) -> bool:
    """A known news outlet (entities_media.txt)."""
    return fold_key(name) in _load("media")


# Names shaped like a news outlet: "Kelston Herald", "Radio Ellery", "Channel 4 News".
_OUTLET_SHAPE = re.compile(
    r"^(?:the\s+)?(?:Radio|Radio-Television)\s+\S.*|"
    r"^(?:the\s+)?(?:Daily|Sunday|Evening|Morning)\s+[A-Z][a-z]+$|"
    r"^(?:the\s+)?\S.*\s(?:Radio|TV|Television|Broadcaster|Times|Post|Herald|Gazette|Tribune|"
    r"Chronicle|Telegraph|Courier|Newspaper|Magazine|News|Journal|Newsweek|Daily)$")


def looks_like_media(name: str) -> bool:
    """A news outlet by evidence: known as one, or shaped like one ("the Kelston Herald",
    "Radio Ellery"). An audience that was told something ("the Senate", "the SEC") is not."""
    name = name.strip()
    return is_media(name) or bool(_OUTLET_SHAPE.match(name))


def is_not_org(name: str) -> bool:
    """A time zone, measure, term, group of office holders or award ("GMT", "GDP", "MPs",
    "Oscar"): neither a person nor an organisation."""
    return fold_key(name) in _load("not_orgs")


def is_possessive_name(name: str) -> bool:
    """An organisation whose name ends in "'s", given without it ("McDonald", "Sotheby")."""
    return fold_key(name) in _load("possessive_names")


def is_party(name: str) -> bool:
    """A political party by a short name ("Labour", "the Lib Dems", "Republicans")."""
    return fold_key(name) in _load("parties")


def is_platform(name: str) -> bool:
    """An online platform or technology company known by one name ("Twitter", "YouTube")."""
    return fold_key(name) in _load("platforms")


def media_names() -> frozenset[str]:
    """Keys of the known outlets."""
    return _load("media")


def is_country(name: str) -> bool:
    return fold_key(name) in _load("countries")


def country_names() -> frozenset[str]:
    """Countries and their common short forms, folded ("united states", "us")."""
    return _load("countries")


def joined_country_names() -> frozenset[str]:
    """Countries whose names join two with "and" ("antigua and barbuda"), folded: the model
    tags the two halves apart."""
    return frozenset(n for n in _load("countries") if " and " in n)


@functools.lru_cache(maxsize=1)
def org_acronyms() -> tuple[tuple[str, str], ...]:
    """Well-known organisation acronyms and the names they stand for, folded:
    (("un", "united nations"), ...)."""
    pairs = []
    for line in (DATA_DIR / "orgs_acronyms.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*([^#(]+?)\s*\(([^)]+)\)\s*$", line)
        if m:
            pairs.append((fold_key(m.group(2)).replace(" ", ""), fold_key(m.group(1))))
    return tuple(pairs)


def is_place(name: str) -> bool:
    """A country, region or city (known list), of any kind."""
    k = fold_key(name)
    return k in _load("countries") or k in _load("places")


def is_town(name: str) -> bool:
    """A town or city of 50,000 people or more (entities_towns.txt, from GeoNames). Many are
    surnames too: evidence of a place only beside what the article says of the name."""
    return fold_key(name) in _load("towns")


@functools.lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """The lemmas of verbs that report speech ("say", "tell", "warn"; quotes_cue_verbs.txt)."""
    return _entries("quotes_cue_verbs.txt")


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
    words = org_words()
    return any(fold_key(w) in words for w in name.split())


def org_words() -> frozenset[str]:
    """The words that mark an organisation, folded ("party", "inc", "council")."""
    return _load("org_words")


def is_event(name: str) -> bool:
    """A competition or event ("UEFA Cup", "Berlin Grand Prix"), by its last word(s)."""
    words = fold_key(name).split()
    events = _load("event_words")
    return len(words) >= 2 and (words[-1] in events or " ".join(words[-2:]) in events)


def courtesy_forms() -> frozenset[str]:
    """Courtesy forms ("mr", "frau"), folded: never a role."""
    return _entries("names_courtesy.txt")


def honorifics() -> frozenset[str]:
    """Courtesy forms and honorifics of rank ("mr", "frau", "dr", "sir"), folded: what a
    person's name may start with."""
    return courtesy_forms() | _entries("names_honorifics.txt")


def name_suffixes() -> frozenset[str]:
    """Generational suffixes after a name ("jr", "iii"), folded."""
    return _entries("names_suffixes.txt")


def surname_first() -> frozenset[str]:
    """Family names written first ("xi", "kim"), folded."""
    return _entries("names_surname_first.txt")


def legal_suffixes() -> frozenset[str]:
    """Legal-form suffixes of company names ("inc", "plc", "ag", "sa"), folded."""
    return _entries("orgs_legal_suffixes.txt")


def is_regnal_title(title: str) -> bool:
    """A monarch's or a pope's title, alone or at the end of a role ("King", "Saudi King",
    "Crown Prince"): a first name with it names one person (etl/lexicons/names_regnal_titles.txt)."""
    words = fold_key(title).split()
    titles = _entries("names_regnal_titles.txt")
    return any(" ".join(words[-n:]) in titles for n in (1, 2) if len(words) >= n)


def portfolio_words() -> frozenset[str]:
    """Words of ministries' portfolios ("energy", "mines", "finance"), folded: what a stripped
    title can leave in front of a surname; never a common given name."""
    return frozenset(w for w in _entries("names_portfolios.txt") if not is_given_name(w))


def title_words() -> frozenset[str]:
    """Every single word that occurs in a title ("secretary", "general", "of")."""
    return _title_words()


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in _load("titles") for w in t.split())


def _keyed_lines(filename: str) -> list[tuple[str, str]]:
    """The `key: values` lines of a word-list file (`#` comments)."""
    out = []
    for line in (DATA_DIR / filename).read_text(encoding="utf-8").splitlines():
        key, sep, values = line.partition(":")
        if sep and not line.startswith("#"):
            out.append((key.strip(), values))
    return out


@functools.lru_cache(maxsize=1)
def _title_nouns() -> dict[str, frozenset[str]]:
    return {fold_key(title): frozenset(fold_key(n) for n in nouns.split(","))
            for title, nouns in _keyed_lines("names_title_nouns.txt")}


def title_nouns(title: str) -> frozenset[str]:
    """The nouns a later description uses for the holder of a title ("Sen." -> senator,
    lawmaker; "Foreign Minister" -> minister; "Secretary of State" -> secretary), folded."""
    key = fold_key(title)
    listed = _title_nouns()
    words = key.split()
    for n in range(len(words), 0, -1):
        if " ".join(words[-n:]) in listed:
            return listed[" ".join(words[-n:])]
    head = key.split(" of ")[0].split()
    return frozenset(head[-1:])


def is_not_author_word(word: str) -> bool:
    """A word that makes a byline not a person's name ("Staff", "Letters", "Agencies")."""
    return fold_key(word) in _entries("web_not_authors.txt")


def is_not_title(text: str) -> bool:
    """A CMS or section name that pages put in their title tags ("escenic", "News")."""
    return fold_key(text) in _entries("web_not_titles.txt")
@functools.lru_cache(maxsize=1)
def _name_genders() -> dict[str, str]:
    return {fold_key(n): gender for gender, names in _keyed_lines("names_gender.txt")
            for n in names.split()}


@functools.lru_cache(maxsize=1)
def _noun_genders() -> dict[str, str]:
    return {fold_key(n): gender for gender, nouns in _keyed_lines("names_gender_nouns.txt")
            for n in nouns.split()}


def noun_gender(lemma: str) -> str | None:
    """"female" or "male" for a noun that says a person's gender ("spokeswoman", "husband")."""
    return _noun_genders().get(fold_key(lemma))


def given_name_gender(word: str) -> str | None:
    """"female" or "male" for a given name that is nearly always one of them ("Ruth", "Olaf"),
    else None: the last evidence for agreeing a pronoun with a person."""
    return _name_genders().get(fold_key(word))
