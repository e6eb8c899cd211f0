"""Is the extracted text the article? A per-article verdict, stored in articles.text_quality.

Main-text extraction fails in a few recognisable ways, and a failed extraction still loads:
- a fragment: far fewer words than the page holds in running text (a photo caption while the
  article is on the page);
- page furniture: mostly short lines without a sentence's ending (breadcrumbs, share buttons,
  lists of headlines);
- a directory: many lines of e-mail addresses or phone numbers (a staff or contacts table).
Such articles are stored and flagged `poor` with a reason. Contact lines are never parsed as
prose: `mask_contacts` blanks them (same length, so offsets hold) before the NLP.
"""
from __future__ import annotations

import re

GOOD, POOR = "good", "poor"

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<!\d)(\+?\d{1,3}[ .-])?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]?\d{3,4}(?!\d)")
_SENTENCE_END = re.compile(r"""[.!?…:]["'”’)\]]*$""")

MIN_CONTACT_LINES = 5
CONTACT_SHARE = 0.3          # of the lines
FRAGMENT_SHARE = 0.25        # of the page's running text
MIN_PAGE_WORDS = 200         # pages with less running text are not judged on length
SHORT_LINE_WORDS = 8
MIN_SHORT_LINES = 8
SHORT_LINE_SHARE = 0.6       # of the words


def is_contact_line(line: str) -> bool:
    return bool(_EMAIL.search(line) or _PHONE.search(line))


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def contact_table(text: str) -> bool:
    lines = _lines(text)
    contacts = sum(1 for ln in lines if is_contact_line(ln))
    return contacts >= MIN_CONTACT_LINES and contacts >= CONTACT_SHARE * len(lines)


def assess(text: str, page_words: int | None = None) -> tuple[str, str | None]:
    """(quality, reason): GOOD and None, or POOR and why."""
    words = len(text.split())
    lines = _lines(text)
    if contact_table(text):
        n = sum(1 for ln in lines if is_contact_line(ln))
        return POOR, f"a table of contacts ({n} of {len(lines)} lines are e-mail addresses " \
                     f"or phone numbers)"
    if page_words and page_words >= MIN_PAGE_WORDS and words < FRAGMENT_SHARE * page_words:
        return POOR, f"too short for the page ({words} of its {page_words} words of running text)"
    short = [ln for ln in lines if len(ln.split()) <= SHORT_LINE_WORDS
             and not _SENTENCE_END.search(ln)]
    if len(short) >= MIN_SHORT_LINES and \
            sum(len(ln.split()) for ln in short) >= SHORT_LINE_SHARE * max(words, 1):
        return POOR, (f"mostly short lines of links or list items ({len(short)} of "
                      f"{len(lines)} lines)")
    return GOOD, None


def mask_contacts(text: str) -> str:
    """The text with every line of a contacts table blanked (spaces, same length), so that the
    NLP finds no names in it and every offset still holds."""
    if not contact_table(text):
        return text
    return re.sub(r"[^\n]+", lambda m: " " * len(m.group()) if is_contact_line(m.group())
                  else m.group(), text)
