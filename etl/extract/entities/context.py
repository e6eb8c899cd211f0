"""What the words around a name say about it, in ordinary news text.

The model's spans often carry a word that is no part of the name ("Taking Archie", "Chefs Jamie
Oliver"), stop short of it ("Ursula von der [Leyen]", "Socialist Workers' [Party]"), or name
something that is neither a person nor an organisation: a dateline ("KHAN YOUNIS, Gaza Strip
(AP) —"), a film ("the film Joker"), a page furniture fragment ("Page A8", "B. Photo", an e-mail
address). Each rule here reads the tokens next to the span, never a particular name.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from etl import lexicons
from etl.extract.entities.candidate import Candidate
from etl.extract.entities.names import MONTHS_DAYS, NAME_PARTICLES, trim_span
from etl.lexicons import fold_key, text_of
from etl.lexicons.layout import DATELINE_PLACE

# Words that introduce the title of a work: "the film Joker", "the Netflix series The Crown".
WORK_NOUNS = {"film", "films", "movie", "movies", "biopic", "documentary", "series", "show", "sitcom",
              "drama", "miniseries", "novel", "book", "memoir", "album", "song", "single", "play",
              "musical", "opera", "video game", "game", "podcast", "painting", "blockbuster",
              "thriller", "comedy", "franchise", "sequel", "episode", "programme", "program"}
# Words of picture credits and page furniture; never a surname ("B. Photo", "File Photo").
CAPTION_WORDS = {"photo", "photos", "photograph", "photographs", "picture", "pictures", "image",
                 "images", "file", "video", "graphic", "graphics", "illustration", "page", "credit",
                 "caption", "getty", "handout", "pool"}
# Words a picture credit adds after the agency's name ("AP Photo", "Reuters File").
CREDIT_WORDS = {"photo", "photos", "photograph", "file", "video", "pool", "handout", "picture", "pictures"}
# Words after the name of a disease or a pathogen ("the Delta variant", "the Nipah virus", "Lyme
# disease"): what they follow is neither a person nor an organisation. ("Outbreak" and
# "pandemic" are not among them: "the Tyson Foods outbreak" names a firm.)
DISEASE_NOUNS = {"variant", "variants", "subvariant", "virus", "viruses", "disease", "diseases",
                 "syndrome", "fever", "flu", "strain", "strains"}
# Legal forms that end a company name; alone they name nothing ("Co Inc").
LEGAL_FORMS = {"inc", "corp", "co", "cos", "ltd", "plc", "llc", "lp", "sa", "ag", "nv", "spa", "gmbh",
               "bv", "ab", "group", "holdings", "cie"}
# Tags of a capitalised first word that is no part of a name: a verb or a plural noun
# ("Taking Archie", "Chefs Jamie Oliver").
_NON_NAME_TAGS = {"VBG", "VBD", "VBZ", "VBP", "VBN", "NNS", "RB"}
# Last words of street and place names ("Peachtree Road", "Christian County", "Castro Valley").
PLACE_ENDS = {"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "drive", "lane",
              "highway", "county", "valley", "village", "heights", "springs", "beach", "island",
              "islands", "creek", "falls", "hills", "township", "borough", "parish"}
# A legislator's party and state after the name ("D-OR", "R-Tex.", "D-N.J.").
_PARTY_STATE = re.compile(r"^[DRI]-(?:[A-Z][A-Za-z]{1,4}\.?|[A-Z]\.[A-Z]\.)$")
_PAGE = re.compile(r"^(?:Page|Section|Pg\.?|P\.)\s*[A-Z]?\d+[A-Z]?$")
_LOCATIVE = {"in", "to", "from", "at", "on", "off", "near", "across", "around", "into", "over"}


# Currency units, and the words of size written before them in financial copy.
_CURRENCIES = {"dlrs", "dlr", "dollars", "dollar", "cents", "cent", "yen", "stg", "sterling",
               "francs", "marks", "pounds", "lire", "pesos", "rupees", "guilders", "crowns",
               "riyals", "ringgit", "rand", "yuan", "won", "euros", "euro", "roubles", "rubles"}
_SCALES = {"mln", "bln", "million", "billion", "trillion", "thousand", "hundred"}


def is_amount(sp: Span) -> bool:
    """"50 billion U.S. Dlrs", "3.25 H.K. Dlrs": a currency after a number is an amount, not a
    name (abbreviations such as Dlrs and Stg are never a name)."""
    unit = fold_key(sp[-1].text)
    if unit not in _CURRENCIES:
        return False
    before = sp.doc[sp.start - 1] if sp.start > 0 else None
    return unit in ("dlrs", "dlr", "stg") or before is not None \
        and (before.like_num or before.lower_ in _SCALES)


def is_dateline(sp: Span) -> bool:
    """"KHAN YOUNIS, Gaza Strip (AP) — ...": capitals opening a paragraph, then a dash."""
    doc = sp.doc
    if not sp.text.isupper() or (sp.start > 0 and "\n" not in doc[sp.start - 1].whitespace_
                                 and not doc[sp.start - 1].is_space):
        return False
    text = text_of(doc)
    return DATELINE_PLACE.match(text[sp.start_char:sp.start_char + 120]) is not None


def is_work_title(sp: Span) -> bool:
    """"the film Joker", "the biopic 'Judy'": a title of a work, not a person or a company."""
    doc = sp.doc
    i = sp.start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].text in ("'", "‘", "“", '"')):
        i -= 1
    return i >= 0 and doc[i].lower_ in WORK_NOUNS


def is_fragment(sp: Span, person: bool) -> bool:
    """Page furniture the model took for a name: an e-mail or web address, a page number
    ("Page A8"), a picture credit ("B. Photo")."""
    if any(t.like_email or t.like_url or "@" in t.text for t in sp) or _PAGE.match(sp.text):
        return True
    if len(sp) == 1 and re.fullmatch(r"[A-Z]\.?", sp.text):
        return True                      # an initial alone ("B." left of "B. Photo")
    if person and any(any(ch.isdigit() for ch in t.text) for t in sp):
        return True
    return person and (fold_key(sp[-1].text) in CAPTION_WORDS or fold_key(sp[0].text) in CAPTION_WORDS)


def after_locative_the(sp: Span) -> bool:
    """"flights to the Azores were": a name after "to the", "in the" that qualifies no noun is a
    place (people are not written with "the"; "in the Trump administration" is left alone)."""
    doc = sp.doc
    if sp.start < 2 or doc[sp.start - 1].lower_ != "the" or doc[sp.start - 2].lower_ not in _LOCATIVE:
        return False
    return sp.end >= len(doc) or doc[sp.end].pos_ not in ("NOUN", "PROPN")


def strip_non_name_start(sp: Span) -> Span | None:
    """"Taking Archie" -> "Archie", "Chefs Jamie Oliver" -> "Jamie Oliver"."""
    doc = sp.doc
    s = sp.start
    while s < sp.end - 1 and doc[s].tag_ in _NON_NAME_TAGS and not lexicons.is_given_name(doc[s].text):
        s += 1
    if s == sp.start and len(sp) == 1 and doc[s].tag_ in ("VBG", "VBD") and doc[s].is_sent_start:
        return None
    return doc[s:sp.end]


def extend_particles(sp: Span) -> Span:
    """"Ursula von der" + "Leyen": a name does not end in a particle; take in the capitalised word
    after it, or drop the dangling particles."""
    doc = sp.doc
    e = sp.end
    if e > sp.start + 1 and doc[e - 1].lower_ in NAME_PARTICLES and doc[e - 1].is_lower:
        if e < len(doc) and doc[e].text[:1].isupper() and doc[e].is_alpha and doc[e - 1].whitespace_:
            return doc[sp.start:e + 1]
        while e > sp.start + 1 and doc[e - 1].lower_ in NAME_PARTICLES and doc[e - 1].is_lower:
            e -= 1
    return doc[sp.start:e]


def extend_plural_possessive(sp: Span) -> Span:
    """"Socialist Workers'" + "Party": a plural possessive inside a name, followed by the rest of
    the name (an organisation word)."""
    doc = sp.doc
    e = sp.end
    if e >= len(doc) or doc[e - 1].text not in ("'", "’"):
        return sp
    j = e
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    if j > e and lexicons.has_org_word(doc[e:j].text):
        return doc[sp.start:j]
    return sp


def extend_capitalised_tail(sp: Span) -> Span:
    """"[California Independent System] Operator": a capitalised noun right after an organisation
    span, tagged as nothing else and no title, day or month, is the end of its name."""
    doc = sp.doc
    e = sp.end
    if doc[e - 1].lower_ in lexicons.title_words():
        return sp                        # "... Deputy [Administrator]": a title runs on
    while e < len(doc) and doc[e].is_title and doc[e].is_alpha and doc[e].ent_iob_ == "O" \
            and doc[e].pos_ in ("NOUN", "PROPN") and not doc[e].is_sent_start and not doc[e - 1].is_punct \
            and "\n" not in doc[e - 1].whitespace_ and doc[e - 1].whitespace_ \
            and not lexicons.is_title(doc[e].text) and doc[e].lower_ not in lexicons.title_words() \
            and fold_key(doc[e].text) not in MONTHS_DAYS:
        e += 1
    return doc[sp.start:e]


def owns_possessive(doc: Doc, end: int) -> bool:
    """"Moody's cut", "McDonald's said", "at Sotheby's.": an "'s" that possesses nothing (no
    noun follows) belongs to the name."""
    if end >= len(doc) or doc[end].text not in ("'s", "’s"):
        return False
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "X")


def is_legal_form(sp: Span) -> bool:
    """"Co Inc", "Ltd": nothing but legal-form words."""
    return all(fold_key(t.text) in LEGAL_FORMS or t.text in (".", "&") for t in sp)


DROP = "drop"


def by_context(sp: Span, label: str) -> Candidate | str | None:
    """The type the neighbouring words give a cleaned span: a Candidate (a place, a work), DROP
    (page furniture), or None when they say nothing."""
    if is_fragment(sp, person=label == "PERSON"):
        return DROP
    if is_dateline(sp):
        return Candidate(sp, "place", weight=3)
    if is_work_title(sp):
        return Candidate(sp, "work", weight=3)          # neither a person nor an organisation
    if sp.end < len(sp.doc) and sp.doc[sp.end].lower_ in DISEASE_NOUNS:
        return DROP                                      # "the Delta variant", "Lyme disease"
    if len(sp) >= 2 and fold_key(sp[-1].text) in PLACE_ENDS and not lexicons.has_org_word(sp.text):
        return Candidate(sp, "place", weight=2)         # "Peachtree Road", "Christian County"
    if _PARTY_STATE.match(sp.text):
        return DROP                                      # "Sen. Ron Wyden, D-OR", "R-Tex."
    if len(sp) == 1 and lexicons.is_us_state_code(sp.text):
        return Candidate(sp, "place", weight=2)         # "NY", "N.J."
    if label == "PERSON" and after_locative_the(sp):
        return Candidate(sp, "place", weight=2)
    if before_its_region(sp):
        return Candidate(sp, "place", weight=2)
    return None


def before_its_region(sp: Span) -> bool:
    """"in Port St. Lucie, Florida.", "at Machesney Park, IL, on Monday": after "in", "at",
    "near" ..., a name followed by a state or a country and then by the end of the sentence or
    of the phrase is a town, whatever the model called it. ("Sen. John Cornyn, Texas, said" is
    not preceded so; a list, "the World Bank, European Community, Canada, Belgium", goes on
    after the country.)"""
    doc = sp.doc
    if sp.start == 0 or doc[sp.start - 1].lower_ not in _LOCATIVE \
            or sp.end + 1 >= len(doc) or doc[sp.end].text != ",":
        return False
    for k in (2, 1):
        region = doc[sp.end + 1: sp.end + 1 + k]
        if len(region) < k or not all(t.text[:1].isupper() for t in region):
            continue
        text = region.text
        if lexicons.is_place(text) or lexicons.is_country(text) \
                or k == 1 and lexicons.is_us_state_code(text):
            rest = doc[region.end: region.end + 2]
            return len(rest) == 0 or rest[0].text in (".", ";", ")", "!", "?") \
                or rest[0].text == "," and (len(rest) == 1 or rest[1].is_lower)
    return False


def clean_part(part: Span, label: str) -> tuple[Span | None, bool]:
    """A piece of a model entity cut down (or out) to the name it holds, and whether an "'s"
    after it belongs to the name ("Moody's")."""
    person = label == "PERSON"
    if label == "ORG":
        part = extend_plural_possessive(extend_capitalised_tail(part))
    sp = trim_span(part, person=person)
    if sp is None:
        return None, False
    if person:
        sp = strip_non_name_start(extend_particles(sp))
        return sp, False
    e = sp.end
    while e > sp.start + 1 and fold_key(sp.doc[e - 1].text) in CREDIT_WORDS:
        e -= 1                           # "AP Photo" -> "AP"
    sp = sp.doc[sp.start:e]
    owned = label == "ORG" and part.end > sp.end and owns_possessive(sp.doc, sp.end)
    return sp, owned


def split_name_run(sp: Span) -> list[Span]:
    """"Martin Amis Anne Applebaum Marie Arana": names run together without commas (a list laid
    out in columns) are cut before each first name that follows a surname."""
    doc = sp.doc
    out, s = [], sp.start
    for i in range(sp.start + 2, sp.end - 1):
        tok, prev = doc[i], doc[i - 1]
        if i - s >= 2 and lexicons.is_given_name(tok.text) and not lexicons.is_given_name(prev.text) \
                and prev.lower_ not in NAME_PARTICLES and tok.text[:1].isupper() and not prev.text.endswith("."):
            out.append(doc[s:i])
            s = i
    out.append(doc[s:sp.end])
    return out
