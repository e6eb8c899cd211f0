"""Text cleaners: small pure `str -> str` steps, and the one that turns a RawArticle into an
Article whose body is what gets stored (all offsets refer to it)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

from etl.clean.boilerplate import strip_boilerplate  # noqa: F401  (a cleaner of this pipeline)
from etl.clean.quality import assess
from etl.errors import InputError
from etl.model import Article, RawArticle

MAX_ARTICLE_CHARS = 1_000_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff\u00ad]")
# C1 control characters in decoded text are Windows-1252 punctuation read as Latin-1 upstream
# (\x93 for “): put the intended character back.
_C1 = re.compile(r"[\x80-\x9f]")
# A UTF-8 lead byte read as a Windows-1252/Latin-1 letter, then a continuation byte read the
# same way ("â€™", "Ã©"): the cheap sign of mojibake, before ftfy's own check.
_UTF8_AS_CP1252 = re.compile(
    "[\u00c2-\u00df\u00e0-\u00ef\u00f0-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161"
    "\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
    "\u2030\u2039\u203a\u20ac\u2122]")
_LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029]")
# Runs of two or more spaces, or any other horizontal space (a plain single space is left be:
# matching every one of them made this the slowest cleaner).
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING = re.compile(r"[ \t]+\n")
_BLANKS = re.compile(r"\n{3,}")


# A list marker opening a line ("• ", "* ", "▪ "): the tagger reads the line after it as no
# sentence ("• Tyrese Maxey was able to ..." gave no person, and "Maxey" later an organisation).
# A dash opens a list item only before a sentence: "- Bernie Sanders." under a quote signs it.
_LIST_MARKER = re.compile(r"(?m)^([ \t]*)(?:[*•·▪▫●○◦‣⁃■□►▸▶➢➤✓✔]|[-–—](?=[ \t]+(?:\S+[ \t]+){5}))"
                          r"(?=[ \t]+\S)")


def blank_list_markers(text: str) -> str:
    """The text with each list marker that opens a line blanked (a space: the same length, so
    every offset still holds); for what the tagger reads, not for what is stored."""
    return _LIST_MARKER.sub(lambda m: m.group(1) + " ", text)


def repair_mojibake(text: str) -> str:
    """UTF-8 text that was once decoded as Windows-1252 ("wasnâ€™t" -> "wasn’t"), repaired by
    ftfy; only when ftfy's own check finds the marks of it, so clean text is left as it is."""
    if text.isascii() or not _UTF8_AS_CP1252.search(text):
        return text
    from ftfy import fix_encoding
    from ftfy.badness import is_bad
    return fix_encoding(text) if is_bad(text) else text


def normalise_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def remove_control_chars(text: str) -> str:
    """NUL bytes and other control characters (PostgreSQL text cannot hold NUL), soft hyphens
    and zero-width spaces (they split words for the parser); line breaks become '\n'."""
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _C1.sub(lambda m: bytes([ord(m.group())]).decode("cp1252", errors="ignore"), text)
    return _CONTROL.sub("", text)


def normalise_whitespace(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip()


_TERMINAL = tuple(".!?:;\"”’'")
_COLUMNS = re.compile(r"\S(?: {2,}|\t)\S")


def unwrap_lines(text: str) -> str:
    """Hard-wrapped text (wire copy, e-mail, plain-text archives: each paragraph cut into lines
    of a fixed width) joined back into one line per paragraph: a line break ends a sentence for
    the parser, and a name cut by one ("Paul" at the end of a line, "Volcker" at the start of
    the next) would be two names.

    A line was wrapped when the next line's first word would not have fitted on it: its length,
    a space and that word pass the text's width (its longest line, 40 to 100 characters; no
    one wraps prose narrower, and wider lines are paragraphs). Text is hard-wrapped when
    most of its line breaks are wraps that cut a sentence; then every wrapped line joins the
    next, unless that one is indented (a new paragraph in wire copy) or blank. Table rows
    (columns of two or more spaces) stay as they are, and other text is left untouched."""
    lines = text.split("\n")
    prose = [len(ln.rstrip()) for ln in lines if ln.strip() and not _COLUMNS.search(ln)]
    if len(prose) < 3 or not 40 <= max(prose) <= 100:
        return text
    width = max(prose)

    def wrapped(line: str, nxt: str) -> bool:
        if not (line.strip() and nxt.strip()) or nxt[:1].isspace() \
                or _COLUMNS.search(line) or _COLUMNS.search(nxt):
            return False
        return len(line.rstrip()) + 1 + len(nxt.split()[0]) > width

    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()
             and not b[:1].isspace()]
    cut = sum(wrapped(a, b) and not a.rstrip().endswith(_TERMINAL) for a, b in pairs)
    if cut == 0 or cut < 0.5 * len(pairs):
        return text
    out = [lines[0]]
    for i, (prev, line) in enumerate(zip(lines, lines[1:])):
        if wrapped(prev, line) or i == 0 and _cut_first_line(prev, line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _cut_first_line(line: str, nxt: str) -> bool:
    """The first line of wrapped copy is often short, its start taken by a dateline that was
    removed ("WASHINGTON, March 2 - "): it still runs on when it ends mid-sentence in ordinary
    words, unlike a headline."""
    return bool(line.strip() and nxt.strip()) and not nxt[:1].isspace() \
        and not line.rstrip().endswith(_TERMINAL) and any(w.islower() for w in line.split())


def clean_text(text: str) -> str:
    text = remove_control_chars(normalise_unicode(repair_mojibake(text)))
    return normalise_whitespace(unwrap_lines(text))


def clean_field(value: str | None) -> str | None:
    """A metadata string (URL, source, author) fit for the database: no NUL, one line."""
    if value is None:
        return None
    value = " ".join(remove_control_chars(normalise_unicode(repair_mojibake(str(value)))).split())
    return value or None


def content_hash(text: str) -> str:
    # str.split() splits on exactly the characters regex \s matches in str patterns.
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def prepare(raw: RawArticle) -> Article:
    """Clean one raw article; raises InputError when nothing usable is left."""
    text = clean_text(raw.text)
    body, removed = strip_boilerplate(text)
    if not body:
        raise InputError(raw.source_path, "no article text after cleaning", line=raw.line)
    if len(body) > MAX_ARTICLE_CHARS:
        raise InputError(raw.source_path, f"article is {len(body):,} characters, more than the "
                                          f"{MAX_ARTICLE_CHARS:,} newsetl processes", line=raw.line)
    title = clean_field(raw.title)
    quality, reason = assess(body, raw.page_words)
    authors = [a for a in (clean_field(a) for a in raw.authors) if a]
    return Article(
        source_path=raw.source_path, text=body, title=title, url=clean_field(raw.url),
        published_at=raw.published_at, source=clean_field(raw.source),
        external_id=clean_field(raw.external_id), content_hash=content_hash(body),
        line=raw.line, boilerplate=removed, authors=list(dict.fromkeys(authors)),
        fetched_at=raw.fetched_at, text_quality=quality, text_quality_reason=reason)


def clean_all(items: Iterable[RawArticle | InputError]) -> Iterator[Article | InputError]:
    """Each raw article cleaned, or the error that reading or cleaning it gave."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield prepare(item)
        except InputError as e:
            yield e
