"""Names as written -> names as stored: span clean-up, titles split off as roles, the lookup key.

spaCy's entity spans carry what a reader would not call part of a name: possessives ("Donald
Trump’s"), scores in results tables ("Kent 108-3"), two names joined by a dash or a bracket
("Norway - Ola Berg"), titles ("President Zelensky"). The functions here cut those off on
token boundaries, so offsets stay exact.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from etl import lexicons
from etl.lexicons import fold
from etl.model import Role

# Tokens that never belong inside a name and split a span in two.
_SEPARATORS = {"(", ")", "[", "]", ",", ";", ":", '"', "“", "”", "/", "|", "•", "*", "=", "+", "<", ">"}
_DASHES = {"-", "–", "—", "--"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_LEADING_JUNK = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
                 "our", "my", "your", "both", "all", "former", "late", "new", "then", "ex"}
MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
                "friday", "saturday", "sunday"}
_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z])$")
_NUMBERISH = re.compile(r"^(?:[\d.,/:%+\-–]+(?:st|nd|rd|th|s)?|[QH][1-4])$", re.I)
# Courtesy forms: stripped from names but not worth keeping as a role.
from etl.resolve.keys import entity_key  # noqa: F401  (one key for within- and cross-article matching)
NAME_PARTICLES = {"de", "da", "di", "do", "dos", "das", "du", "del", "della", "der", "den", "van",
                  "von", "le", "la", "al", "el", "bin", "ibn", "ben", "y", "e", "zu", "ter", "ten",
                  "st", "af", "av", "mac", "ould", "abu"}
# Words in front of a title that qualify it without naming an organisation: rank, standing and
# region ("Shadow Home Secretary", "Deputy Finance Minister", "Scottish Secretary").
_TITLE_QUALIFIERS = {"shadow", "state", "deputy", "acting", "assistant", "associate", "junior",
                     "senior", "former", "interim", "northern", "scottish", "welsh", "european",
                     "europe"}
# A portfolio ("Finance", "Home", "Mines and Energy") or a qualifier: part of the title.
PORTFOLIO_WORDS = lexicons.portfolio_words() | _TITLE_QUALIFIERS
_CONNECTORS = {"of", "for", "the", "on", "and", "-"}

def clean_name(text: str, keep_possessive: bool = False) -> str:
    """'Donald Trump’s' -> 'Donald Trump'; 'the Left Party' -> 'Left Party'; "Moody's" stays when
    its "'s" belongs to the name (keep_possessive)."""
    edge = " \t\n,;:!?\"“”‘’'()[]{}<>—–-"
    s = re.sub(r"\s+", " ", text).strip(edge)
    if keep_possessive and re.search(r"\w[’']s$", s):
        return re.sub(r"^the\s+", "", s, flags=re.I)
    s = re.sub(r"[’']s?$", "", s).strip(edge)
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    # a final "." stays on an abbreviation ("Corp.", "U.N.") and goes after a word ("Putin.")
    s = re.sub(r"(?:\s+\.+|(?<=[a-z]{4})\.+)$", "", s).lstrip(".")
    return s


def split_span(span: Span, person: bool = False) -> list[Span]:
    """Cut a span at tokens that cannot be inside one name (brackets, commas, spaced dashes,
    line breaks, a new sentence; in a person's name also lower-case words other than
    particles: "Yorkshire at Headingley"). A firm's comma stays: "Goldman, Sachs and Co",
    "Kidder, Peabody and Co Inc"."""
    doc = span.doc
    parts, start = [], span.start
    for tok in span:
        if not person and tok.text == "," and tok.i == start + 1 \
                and doc[start].text[:1].isupper() and _legal_form_ahead(span, tok.i + 1):
            continue
        if tok.i > start and (tok.is_sent_start or _ends_firm(doc[tok.i - 1])
                              and lexicons.fold_key(tok.text) not in lexicons.legal_suffixes()):
            parts.append(doc[start:tok.i])       # a new sentence starts inside the span
            start = tok.i
        sep = (tok.text in _SEPARATORS or tok.is_space or "\n" in tok.text
               or (tok.text in _DASHES and (tok.whitespace_ or doc[tok.i - 1].whitespace_))
               or (person and tok.is_lower and tok.is_alpha and tok.text not in NAME_PARTICLES
                   and tok.whitespace_ and doc[tok.i - 1].whitespace_))   # not "Chun-yeh"
        if sep:
            if tok.i > start:
                parts.append(doc[start:tok.i])
            start = tok.i + 1
        elif "\n" in tok.whitespace_:
            parts.append(doc[start:tok.i + 1])
            start = tok.i + 1
    if start < span.end:
        parts.append(doc[start:span.end])
    return parts


def _ends_firm(tok: Token) -> bool:
    """"Inc.", "Corp.": a legal form with its full stop, after which no name goes on ("Kidder,
    Peabody and Co Inc. Ford raised prices": a new sentence the parser did not see)."""
    return tok.text.endswith(".") and lexicons.fold_key(tok.text) in lexicons.legal_suffixes()


def _legal_form_ahead(span: Span, i: int) -> bool:
    """Capitalised words from token i on, up to the span's next separator, ending in a legal
    form ("Sachs and Co", "Peabody and Co Inc")."""
    for tok in span.doc[i:span.end]:
        if tok.text in _SEPARATORS or not (tok.text[:1].isupper() or tok.lower_ in ("and", "&")
                                           or tok.text == "."):
            return False
        if lexicons.fold_key(tok.text) in lexicons.legal_suffixes():
            return True
    return False


def trim_span(span: Span, person: bool) -> Span | None:
    """Drop leading articles/possessors and trailing possessives, numbers and punctuation.

    For people the name starts after a possessive inside the span ("Trump’s Marco Rubio")."""
    doc = span.doc
    s, e = span.start, span.end
    if person:
        for tok in span:
            if tok.text in _POSSESSIVE and tok.i + 1 < e:
                s = tok.i + 1
    while s < e and (doc[s].lower_ in ("the", "a", "an") or doc[s].text in _LEADING_JUNK
                     or doc[s].is_punct or doc[s].text in _POSSESSIVE or doc[s].lower_ in MONTHS_DAYS
                     or (doc[s].is_lower and doc[s].text not in NAME_PARTICLES)):
        s += 1                           # "Controversial", "September Treasury", "pro-socialist"
    while e > s and (doc[e - 1].text in _POSSESSIVE or doc[e - 1].is_punct
                     or _NUMBERISH.match(doc[e - 1].text) or doc[e - 1].is_space
                     or (doc[e - 1].is_lower and (doc[e - 1].is_stop or not person))):
        if doc[e - 1].text == "." and e - 2 >= s and not doc[e - 2].whitespace_ \
                and _ABBREVIATION.match(doc[e - 2].text):
            break                        # "Corp.", "U.N.", "S.A."
        e -= 1
    if e <= s:
        return None
    out = doc[s:e]
    if not any(t.text[:1].isupper() for t in out):
        return None
    if not any(c.isalpha() for c in out.text):
        return None
    return out


def span_text(span: Span) -> str:
    return re.sub(r"\s+", " ", span.text).strip()


# ----------------------------------------------------------------------------- titles

def title_match_len(doc: Doc, i: int, end: int) -> int:
    """Length in tokens of the longest title entry starting at token i (0 if none)."""
    if doc[i].is_punct:
        return 0
    best = 0
    words = []
    for j in range(i, min(end, i + 6)):
        t = doc[j]
        if t.is_punct and t.text != "-" or t.is_space:
            break
        if t.text == "-" and not t.whitespace_ and j > i:
            words[-1] = words[-1] + "-"
            continue
        if words and words[-1].endswith("-"):
            words[-1] = words[-1] + t.text
        else:
            words.append(t.text)
        if lexicons.is_title(" ".join(words)):
            best = j - i + 1
    return best


def leading_title_len(span: Span) -> int:
    """Number of tokens at the start of a person span that are a title ("President ...")."""
    doc = span.doc
    i = span.start
    # "Belgian King Baudouin": a nationality counts only when a title follows it
    while i < span.end - 2 and lexicons.is_nationality(doc[i].text):
        i += 1
    nationality_end = i
    while i < span.end - 1:
        n = title_match_len(doc, i, span.end - 1)
        if not n:
            break
        i += n
    if i == nationality_end:
        return 0
    return i - span.start


def _title_cased(tok: Token) -> bool:
    return tok.text[:1].isupper() or (tok.text.isupper() and tok.is_alpha)


def find_role(doc: Doc, name_start: int) -> tuple[Role | None, int]:
    """The title written right before a name, as a Role, and the token where the title itself
    starts, after any qualifier (== name_start when there is none).

    "German Chancellor Olaf Scholz"           -> Role("German Chancellor")
    "NATO Secretary-General Mark Rutte"       -> Role("Secretary-General", "NATO")
    "Trump’s Secretary of State Marco Rubio"  -> Role("Secretary of State")
    "Real Madrid coach Fabio Capello"         -> Role("coach", "Real Madrid")
    """
    title_vocab = lexicons.title_words()
    sent_start = doc[name_start].sent.start if doc.has_annotation("SENT_START") else 0
    i = name_start - 1
    run_start = name_start
    while i >= sent_start and name_start - i <= 9:
        t = doc[i]
        if t.text in _POSSESSIVE or t.is_space or "\n" in t.whitespace_:
            break
        if t.lower_ == "and" and i > 0 and doc[i - 1].ent_type_ == "PERSON":
            break                            # "JD Vance and Secretary of State Rubio"
        glued_dash = t.text == "-" and not t.whitespace_ and not doc[i - 1].whitespace_ if i > 0 else False
        # "Secretary of State", not "spokeswoman for Governor": a connector inside a title has
        # capitals on both sides
        if glued_dash or (t.lower_ in _CONNECTORS and t.text != "-" and i + 1 < name_start
                          and _title_cased(doc[i + 1]) and i > 0 and _title_cased(doc[i - 1])):
            i -= 1
            continue
        if _title_cased(t) and not t.is_punct and (t.is_upper or not t.is_stop or t.lower_ in title_vocab):
            run_start = i
            i -= 1
            continue
        if t.is_lower and t.lower_ in title_vocab:
            run_start = i
            i -= 1
            continue
        break
    # drop connectors left dangling at the start
    while run_start < name_start and doc[run_start].lower_ in _CONNECTORS:
        run_start += 1
    # leftmost token where a title entry begins and the rest up to the name is title-ish
    for k in range(run_start, name_start):
        n = title_match_len(doc, k, name_start)
        if not n:
            continue
        while k - 2 >= run_start and doc[k - 1].text == "-" and not doc[k - 1].whitespace_ \
                and not doc[k - 2].whitespace_ and doc[k - 2].is_alpha:
            k -= 2                           # "co-chairman", "ex-minister"
        title_span = doc[k:name_start]
        if any(lexicons.is_given_name(t.text) and t.lower_ not in title_vocab for t in doc[k + n:name_start]):
            return None, name_start          # "President Donald [Trump]": a first name, not a title
        qualifier = doc[run_start:k]
        return _make_role(title_span, qualifier), k
    return None, name_start


def _make_role(title_span: Span, qualifier: Span) -> Role | None:
    title = span_text(title_span)
    if fold(title) in lexicons.courtesy_forms() or fold(title).rstrip(".") in lexicons.courtesy_forms():
        return None
    while len(qualifier) and (qualifier[0].lower_ in MONTHS_DAYS or qualifier[0].is_punct):
        qualifier = qualifier[1:]            # "On Tuesday Sir ...", not an organisation
    if not len(qualifier):
        return Role(title=title, start=title_span.start_char, end=title_span.end_char)
    q = span_text(qualifier)
    # "German Chancellor", "US Secretary of Defense": a nation qualifies the title; anything else
    # ("NATO", "Real Madrid", "California") is the organisation the title belongs to
    if all(lexicons.is_nationality(t.text) or lexicons.is_country(t.text) or t.lower_ in _CONNECTORS
           or t.lower_ in PORTFOLIO_WORDS for t in qualifier) or lexicons.is_country(q):
        # also "Culture Secretary", "Shadow Home Secretary": the portfolio is part of the title
        return Role(title=f"{q} {title}", start=qualifier.start_char, end=title_span.end_char)
    return Role(title=title, organisation=clean_name(q), start=qualifier.start_char,
                end=title_span.end_char)


def find_appositive_role(doc: Doc, name_end: int) -> Role | None:
    """A title written after the name, between commas: "Friedrich Merz, leader of the Christian
    Democratic Union (CDU), ..." -> Role("leader", "Christian Democratic Union")."""
    i = name_end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    while i < len(doc) and doc[i].lower_ in ("the", "a", "an", "former", "then", "current", "acting"):
        i += 1
    start = i
    while i < len(doc) and (lexicons.is_nationality(doc[i].text) or lexicons.is_country(doc[i].text)):
        i += 1                           # "Dutch prime minister"
    adjectives = 0                       # "regional secretary", "deputy chief economist"
    while adjectives < 2 and i + 1 < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_lower \
            and doc[i].lower_ not in lexicons.title_words():
        i += 1
        adjectives += 1
    if adjectives and not (title_match_len(doc, i, min(len(doc), i + 6))
                           or doc[i].lower_ in lexicons.title_words()):
        return None
    n = 0
    while i < len(doc) and n < 4 and (title_match_len(doc, i, min(len(doc), i + 6))
                                       or doc[i].lower_ in lexicons.title_words()
                                       and doc[i].lower_ not in _CONNECTORS and doc[i].is_alpha):
        i += max(1, title_match_len(doc, i, min(len(doc), i + 6)))
        n += 1
    if not n:
        return None
    title_span = doc[start:i]
    if i < len(doc) and doc[i].lower_ in ("of", "at", "for") and i + 1 < len(doc):
        j = i + 1
        if doc[j].lower_ == "the":
            j += 1
        k = j
        while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].lower_ in ("of", "for", "and", "&")
                                and k + 1 < len(doc) and doc[k + 1].text[:1].isupper()):
            k += 1
        if k > j and (lexicons.is_title(doc[j].text) or any(t.ent_type_ == "PERSON" for t in doc[j:k])):
            # "a spokeswoman for Governor Andrew Cuomo": the role's holder is named, not an organisation
            return Role(title=span_text(title_span), start=title_span.start_char, end=title_span.end_char)
        if k > j:
            org = clean_name(doc[j:k].text)
            return Role(title=span_text(title_span), organisation=org, start=title_span.start_char,
                        end=doc[k - 1].idx + len(doc[k - 1]))
        # "a lawyer for the family,": the title with a complement that names no organisation
        end = next((m for m in range(j, min(len(doc), j + 8))
                    if doc[m].text in (",", ".", ";") or doc[m].pos_ in ("VERB", "AUX")), None)
        if end is not None and end > j and doc[end].text in (",", ".", ";") \
                and all(t.is_lower or not t.is_alpha for t in doc[j:end]):
            return Role(title=span_text(title_span), start=title_span.start_char,
                        end=title_span.end_char)
    if i < len(doc) and doc[i].text in (",", ".", ";"):
        return Role(title=span_text(title_span), start=title_span.start_char, end=title_span.end_char)
    return None
