"""Names found by their position in the text rather than by the model.

Two layouts defeat a statistical tagger trained on prose:
- sports reports, where a club is usually written as its town ("Surrey beat Kent", "Luton 1
  Rotherham 0", league tables). The model calls those places (or people); a reader calls them
  the clubs. The rule is about the position, never about particular names: a place-like name in
  a results line, a fixture ("X v Y"), a table row or a "X beat Y" clause of a sports report is
  a team; a country is left alone (a national side is written as its country).
- initials and a surname ("P. Simmons", "T.O'Gorman"), the usual form in scorecards and
  bylines, which the model mostly misses.
"""
from __future__ import annotations

import functools
import re

from spacy.tokens import Doc

from etl import lexicons
from etl.extract.entities.context import CAPTION_WORDS, PLACE_ENDS
from etl.lexicons import text_of
from etl.lexicons.layout import PLACE_DATE_LINE

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][\w'’.&]*(?:-[\w'’]+)*"
_NAME = rf"{_WORD}(?: (?:of|de|del|da|do|van|von|la|le|'s|’s|St\.?) {_WORD}| {_WORD}){{0,3}}"

_SPORT_CUES = re.compile(
    r"\b(?:beat|beats|drew|draw|halftime|half-time|scorers?|innings|wickets?|goals?|league|"
    r"championship|season|match|matches|tournament|standings|inning|innings|runs|pitcher|homer|"
    r"striker|midfielder|defender|goalkeeper|cup|semifinal|semi-final|quarter-final|seeded|"
    r"points|played|won|lost|coach|captain|batsman|bowler|touchdown|quarterback|rugby|soccer|"
    r"cricket|tennis|baseball|basketball|hockey|golf|cycling|athletics|olympic|race|stage|"
    r"title|champions|fixtures?|results?|playoffs?|victory|defeat)\b", re.I)
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")

_RESULT_LINE = re.compile(rf"^\s*(?P<a>{_NAME}) (?P<x>\d{{1,3}})\s*,? (?P<b>{_NAME}) (?P<y>\d{{1,3}})\b")
_FIXTURE = re.compile(rf"(?P<a>{_NAME}) (?:v|vs|vs\.|versus) (?P<b>{_NAME})")
_TABLE_ROW = re.compile(rf"^\s*(?:\d+\s*\.?\s+)?(?P<a>{_NAME})(?: (?:\d+(?:[.-/]\d+)?|\.\d+|-)){{3,}}\s*$")
_TEAM_SCORE = re.compile(rf"(?:^|[:;]\s*|,\s*)(?P<a>{_NAME}) \d{{1,3}}(?:-\d{{1,2}})?(?= (?:and|for|\(|,|\.|points|pts)| *$)")
_BEAT = re.compile(rf"(?P<a>{_NAME}) (?:beat|beats|drew with|drew|draw with|lost to|lose to|"
                   rf"defeated|thrashed|routed|edged|overcame|held|trounced|crushed|hammered|"
                   rf"were beaten by|were held by|lost at home to|won at) (?P<b>{_NAME})")
_INITIALS = re.compile(rf"(?<![\w.])(?P<n>(?:[{_UPPER}]\. ?){{1,2}}(?:(?:de|van|van der|le|la|di|da|du|von|o') ?)?(?:Mc|Mac|O'|O’|D'|De|Di|Le|La)?[{_UPPER}][a-zà-ÿ'’]+(?:-[{_UPPER}][a-zà-ÿ]+|['’][{_UPPER}]?[a-zà-ÿ]+)*)(?![\w.-])")

# Words that head table rows and result lines without being teams or people (sports results;
# company results: "Revs 43.9 mln vs 18.4 mln", "Div 50 won vs 50 won").
_LABELS = {"shr", "shrs", "revs", "avg", "div", "oper", "qtr", "mths",
           "attendance", "halftime", "half-time", "scorers", "scorer", "total", "totals", "extras",
           "points", "result", "results", "standings", "fixtures", "postponed", "abandoned",
           "played", "note", "notes", "referee", "venue", "winner", "winners", "score", "first",
           "second", "third", "round", "group", "division", "league", "table", "pts", "bowling",
           "batting", "fall", "wickets", "close", "lunch", "tea", "stumps", "innings", "day",
           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
           "january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "at", "in", "on", "the", "and", "stadium",
           "teams", "team", "squad", "overs", "maidens", "captain", "umpires", "umpire", "toss",
           "pen", "penalty"}

_LOCATIVE = {"in", "at", "from", "to", "near", "of", "outside", "into", "across", "around",
             "visit", "visited", "toward", "towards", "via", "through", "across"}


_TEAM_SPORT_CUES = re.compile(
    r"\b(?:soccer|football|cricket|rugby|baseball|basketball|hockey|league|division|innings|"
    r"wickets?|goals?|scorers|halftime|half-time|standings|inning|homer|touchdown|striker|"
    r"midfielder|goalkeeper|county championship|premier|serie a|bundesliga|relegat\w+|promot\w+|"
    r"draw|drew|points|county|club|clubs|fixtures?|matches|v|vs|qualifier|qualifying|skipper|"
    r"squad|defender|forward|winger|manager|premiership|transfer)\b", re.I)


def is_team_sports_report(doc: Doc) -> bool:
    """A sports report about clubs (where towns stand for teams), not athletes at a venue."""
    text = text_of(doc)
    if len(_TEAM_SPORT_CUES.findall(text)) >= 3:
        return True
    results = sum(1 for line in text.split("\n") if _RESULT_LINE.match(line) or _FIXTURE.search(line))
    return results >= 2


def is_sports_report(doc: Doc) -> bool:
    text = text_of(doc)
    cues = len(_SPORT_CUES.findall(text))
    scores = len(_SCORE.findall(text))
    words = max(1, len(doc))
    return cues >= 3 and (scores >= 1 or cues * 40 >= words)


def _usable_team(name: str) -> bool:
    first = name.split()[0].lower()
    if first in _LABELS or name.lower() in _LABELS:
        return False
    if lexicons.is_country(name) or lexicons.is_nationality(name):
        return False
    return any(c.isalpha() for c in name)


def team_name_offsets(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of names standing where a team stands, in a sports report."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text_of(doc).split("\n"):
        # names inside brackets are players ("Sussex 363 ( W. Athey 111 )"): blank them out
        flat = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), line)
        for rx in (_RESULT_LINE, _FIXTURE, _TABLE_ROW, _TEAM_SCORE, _BEAT):
            for m in rx.finditer(flat):
                for g in ("a", "b"):
                    if g in m.groupdict() and m.group(g) and _usable_team(m.group(g)):
                        out.append((pos + m.start(g), pos + m.end(g)))
        pos += len(line) + 1
    return out


# Words that open the names of football and other sports clubs before a town ("Real Madrid",
# "Atletico Madrid", "Deportivo Coruna", "Borussia Dortmund", "Dynamo Kiev", "Olympique
# Marseille"): the town after them is the club, wherever the article is.
_CLUB_OPENERS = re.compile(
    r"(?<![\w-])(?:Real|Atl[eé]tico|Deportivo|Borussia|Olympique|Dynamo|Dinamo|Lokomotiv|Spartak|"
    r"Sporting)[ \t]+(?:de[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?")


# Openers that are also ordinary English words: a club only before a known town or in a
# sports report.
_PLAIN_WORD_OPENERS = {"Real", "Sporting"}


def club_name_offsets(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of a club named by its opener and its town; after "Real" or "Sporting"
    only when the town is a known place or the article is a sports report ("Real Estate" and
    "Sporting News" are not clubs)."""
    text = text_of(doc)
    out = []
    sports: bool | None = None
    for m in _CLUB_OPENERS.finditer(text):
        opener, *words = m.group(0).split()
        if words[0] == "de":
            words = words[1:]
        if lexicons.is_place(" ".join(words)):
            out.append((m.start(), m.end()))
        elif lexicons.is_place(words[0]):
            out.append((m.start(), m.start() + m.group(0).index(words[0]) + len(words[0])))
        elif opener not in _PLAIN_WORD_OPENERS:
            out.append((m.start(), m.end()))
        else:
            if sports is None:
                sports = is_sports_report(doc)
            if sports:
                out.append((m.start(), m.end()))
    return out


@functools.lru_cache(maxsize=1)
def _joined_countries() -> re.Pattern:
    names = sorted(lexicons.joined_country_names(), key=len, reverse=True)
    if not names:
        return re.compile(r"(?!)")           # matches nothing (an empty list, in an ablation)
    return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, n.split()))
                                                 for n in names) + r")(?![\w-])", re.I)


def joined_country_offsets(doc: Doc) -> list[tuple[int, int]]:
    """"Antigua and Barbuda", "Bosnia and Herzegovina": one country, written with "and"."""
    text = text_of(doc)
    return [(m.start(), m.end()) for m in _joined_countries().finditer(text)
            if text[m.start()].isupper()]


def place_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Known places written in ordinary text (one to three capitalised words), for the sports
    rule: the model leaves many county and town clubs untagged."""
    out = []
    n = len(doc)
    i = 0
    while i < n:
        hit = 0
        if doc[i].text[:1].isupper():
            for k in (3, 2, 1):
                if i + k <= n and all(t.text[:1].isupper() or t.text in ("-", "of", "on", "upon")
                                      for t in doc[i:i + k]):
                    if lexicons.is_place(doc[i:i + k].text) and not lexicons.is_country(doc[i:i + k].text):
                        hit = k
                        break
        if hit:
            out.append((doc[i].idx, doc[i + hit - 1].idx + len(doc[i + hit - 1])))
            i += hit
        else:
            i += 1
    return out


_LIST_ITEM = re.compile(rf"^(?:\d+(?:st|nd|rd|th)?\s*[-.]?\s+)?(?P<n>{_WORD}(?: (?:de|van|von|da|der|le|la|di|dos|del|bin|al) {_WORD}| {_WORD}){{0,3}})"
                        r"(?:\s*\([^()]*\))?(?:\s+[\d.]+(?:-[\d.]+)*)*\s*\.?$")


def _split_outside_brackets(text: str) -> list[str]:
    """Split at ",", ";" and " and " outside brackets, keeping the separators as pieces."""
    pieces, depth, cur, i = [], 0, "", 0
    while i < len(text):
        ch = text[i]
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch in ",;":
            pieces += [cur, ch]
            cur = ""
        elif depth == 0 and text.startswith(" and ", i):
            pieces += [cur, " and "]
            cur = ""
            i += 5
            continue
        else:
            cur += ch
        i += 1
    return pieces + [cur]


def list_items(doc: Doc) -> list[list[tuple[int, int]]]:
    """Comma-separated runs of bare names on one line ("Teams: Norway - Ola Berg (captain),
    Per Lunde, Emil Strand"): each run's items as (start, end) offsets."""
    runs = []
    pos = 0
    for line in text_of(doc).split("\n"):
        colon = list(re.finditer(r":\s", line))             # "Teams: ..."
        dash = line.rfind(" - ") + 3 if line.count(" - ") == 1 else 0
        start = max(colon[-1].end() if colon else 0, dash)
        items, off = [], pos + start
        for piece in _split_outside_brackets(line[start:]):
            if piece in (",", " and ", ";"):
                off += len(piece)
                continue
            lead = len(piece) - len(piece.lstrip())
            m = _LIST_ITEM.match(piece.strip())
            if m:
                items.append((off + lead + m.start("n"), off + lead + m.end("n")))
            off += len(piece)
        if len(items) >= 3:
            runs.append(items)
        pos += len(line) + 1
    return runs


def is_venue(doc: Doc, start_token: int, end_token: int) -> bool:
    """"Eastford: Westshire 238 ..." — a name opening a line and followed by a colon is where
    the match was played."""
    line_start = start_token == 0 or doc[start_token - 1].is_space or "\n" in doc[start_token - 1].whitespace_
    if not line_start or end_token >= len(doc) or doc[start_token: end_token].text.lower() in _LABELS:
        return False
    after = text_of(doc)[doc[end_token].idx: doc[end_token].idx + 40]
    return re.match(r"^(?:\([^()]*\)\s*)?:", after) is not None      # "London (The Oval):"


def is_table_label(word: str) -> bool:
    return word.lower() in _LABELS


_NICKNAME = re.compile(rf"\b[Tt]he (?P<n>(?:[{_UPPER}][a-z]+ )?[{_UPPER}][a-z]+s)\b(?! [{_UPPER}])")


def nickname_offsets(doc: Doc) -> list[tuple[int, int]]:
    """"the Marlins", "the Blue Jays": a capitalised plural after "the" names a team in a report
    about clubs (not "the Australians", "the Alps")."""
    out = []
    for m in _NICKNAME.finditer(text_of(doc)):
        name = m.group("n")
        last = name.split()[-1]
        if lexicons.is_nationality(last) or lexicons.is_nationality(last[:-1]) or lexicons.is_place(name) \
                or lexicons.is_title(last[:-1]) or last.lower() in _LABELS:
            continue
        out.append((m.start("n"), m.end("n")))
    return out


def is_locative_use(doc: Doc, start_token: int) -> bool:
    """A place preceded by "in", "at", "from" ... or opening a dateline is a place, even in a
    sports report ("At Eastford:", "LONDON 2026-08-30")."""
    if start_token > 0 and doc[start_token - 1].lower_ in _LOCATIVE:
        return True
    tok = doc[start_token]
    line_start = start_token == 0 or "\n" in doc[start_token - 1].whitespace_ or doc[start_token - 1].is_space
    text = text_of(doc)
    a = text.rfind("\n", 0, tok.idx) + 1
    b = text.find("\n", tok.idx)
    line = text[a: b if b >= 0 else len(text)]
    if PLACE_DATE_LINE.match(line):
        return True
    return tok.is_upper and len(tok) > 3 and line_start


_BRACKETED_PERSON = re.compile(
    rf"(?P<n>{_WORD}(?: (?:de|van|von|da|der|le|la|di|dos|del) )?(?: {_WORD}){{1,3}}) \("
    rf"(?P<b>[^()]{{2,30}}?)\)")


_SUBSTITUTE = re.compile(rf"\((?:\d+ ?- ?)?(?P<n>{_WORD}(?: {_WORD}){{0,2}}) \d{{1,3}}(?:st|nd|rd|th)\)")


def bracketed_person_offsets(doc: Doc) -> list[tuple[int, int, bool]]:
    """In a sports report, "Anna Berg (Norway)" and "Ivo Maric (31st)": a full name followed
    by a country or a minute in brackets is a competitor; so is a substitute written in
    brackets with the minute he came on ("(14-Per Lunde 87th)").
    Returns (start, end, by_minute): a minute marks a player for sure, a country may follow a
    club too ("Red Star (Serbia)")."""
    out = []
    for m in _SUBSTITUTE.finditer(text_of(doc)):
        name = m.group("n")
        if not (lexicons.is_place(name) or lexicons.has_org_word(name) or name.split()[0].lower() in _LABELS):
            out.append((m.start("n"), m.end("n"), True))
    for m in _BRACKETED_PERSON.finditer(text_of(doc)):
        name, inner = m.group("n"), m.group("b").strip()
        by_minute = re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)?(?: ?(?:pen|penalty|og|o\.g\.))?", inner) is not None
        if not (by_minute or lexicons.is_country(inner) or lexicons.is_nationality(inner)):
            continue
        if lexicons.is_place(name) or lexicons.has_org_word(name) or name.split()[0].lower() in _LABELS:
            continue
        out.append((m.start("n"), m.end("n"), by_minute))
    return out


# a lookahead, so that "Australian Rodney Eyles" is tried at "Rodney" too (matches overlap)
_GIVEN_PAIR = re.compile(rf"(?<![\w'’.-])(?=(?P<n>[{_UPPER}][a-zà-ÿ]+(?:-[{_UPPER}][a-zà-ÿ]+)?(?: [{_UPPER}]\.)? (?:(?:de|van|von|da|der|le|la|di|De|Van|Von|Da|Der|Le|La|Di|Du|Mac) )?"
                         rf"(?:Mc|Mac|O'|O’)?[{_UPPER}][a-zà-ÿ'’]+(?:-[{_UPPER}]?[a-zà-ÿ]+)?)(?![\w'’-]))")


_PLACE_PREFIXES = {"San", "Santa", "Santo", "Sao", "São", "St", "St.", "Saint", "Sainte", "Fort", "Port",
                   "Mount", "Mt", "Lake", "Cape", "Los", "Las", "El", "La", "Le", "Nueva", "New"}


def given_name_offsets(doc: Doc) -> list[tuple[int, int]]:
    """"Anna Berg", "Tom Hadleigh": a common first name and a capitalised word."""
    out: list[tuple[int, int]] = []
    text = text_of(doc)
    for m in _GIVEN_PAIR.finditer(text):
        name = m.group("n")
        if out and m.start("n") < out[-1][1]:
            continue                         # inside the name found just before
        before = re.search(r"(\S+) $", text[max(0, m.start("n") - 20):m.start("n")])
        if before and (before.group(1) in _PLACE_PREFIXES
                       or lexicons.is_place(f"{before.group(1)} {name.split()[0]}")):
            continue                         # "San Diego Padres", "St Louis Cardinals"
        first, last = name.split()[0].split("-")[0], name.split()[-1]     # "Jean-Philippe" -> "Jean"
        if not lexicons.is_given_name(first) or lexicons.is_place(name) or lexicons.is_place(last) \
                or lexicons.has_org_word(name) or lexicons.is_nationality(last) \
                or last.lower() in _LABELS or lexicons.is_title(last) or last.lower() in PLACE_ENDS:
            continue
        out.append((m.start("n"), m.end("n")))
    return out


_DEFINED_ACRONYM = re.compile(
    rf"(?P<n>{_WORD}(?:(?: (?:for|of|and|the|für|fur|de|del|des|du|la|le|on|in))? {_WORD}){{1,6}}),? \( ?"
    r"(?P<a>[A-Z][A-Za-z&]{1,9}) ?\)")


def defined_acronym_offsets(doc: Doc) -> list[tuple[int, int]]:
    """"Alternative for Germany (AfD)": a capitalised phrase defining an acronym is an
    organisation (the acronym's first letter must be the phrase's)."""
    out = []
    for m in _DEFINED_ACRONYM.finditer(text_of(doc)):
        name, acr = m.group("n"), m.group("a")
        words = name.split()
        # the phrase may start with words that are not part of it ("In Alternative for ...")
        for i, w in enumerate(words):
            if w[0] == acr[0] and sum(c.isupper() for c in acr) >= 2 and len(words) - i >= 2:
                start = m.start("n") + len(" ".join(words[:i])) + (1 if i else 0)
                if not lexicons.is_place(" ".join(words[i:])):
                    out.append((start, m.end("n")))
                break
    return out


def initial_name_offsets(doc: Doc) -> list[tuple[int, int]]:
    """Offsets of "P. Simmons" / "T.O'Gorman"-style names (initials, then a surname), with the
    first name written before the initial ("Ivan F. Boesky"). A hyphenated surname is
    capitalised on both sides ("Smith-Jones"): "Icahn-led" is no name."""
    out = []
    for m in _INITIALS.finditer(text_of(doc)):
        name = m.group("n")
        initials = re.match(r"^(?:[^\W\d_]\. ?)+", name).group(0).replace(" ", "")
        surname = name[len(re.match(r"^(?:[^\W\d_]\. ?)+", name).group(0)):]
        if lexicons.is_place(initials) or lexicons.is_place(surname) or lexicons.is_nationality(surname):
            continue                       # "U.S. Open", "U.N. Geneva", "S. Korean"
        if lexicons.has_org_word(surname) or surname.lower() in _LABELS or surname.lower() in CAPTION_WORDS:
            continue
        after = text_of(doc)[m.end(): m.end() + 12]
        if re.match(r"^ ?(?:&|and )?(?:Co|Corp|Inc|Ltd|Group|Bros|Sons)\b", after):
            continue
        out.append((_first_name_before(doc, m.start("n")), m.end("n")))
    return out


def _first_name_before(doc: Doc, start: int) -> int:
    """Where a name whose initial begins at character `start` really begins: at the word before
    it when that is a first name, known as one or inside the model's person with the initial."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span[0].idx != start or span[0].i == 0:
        return start
    tok, prev = span[0], doc[span[0].i - 1]
    if not prev.is_alpha or not prev.text[:1].isupper() or len(prev) < 2 \
            or "\n" in prev.whitespace_:
        return start
    if lexicons.is_given_name(prev.text) \
            or prev.ent_type_ == "PERSON" and tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I":
        return prev.idx
    return start
