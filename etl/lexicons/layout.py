"""The layout of news pages: Title Case, lines that are page furniture, and datelines.

One home for these patterns, shared by the reader (a dateline is not a headline) and the
boilerplate cutter (chrome lines and other stories' datelines are not the article).
"""
from __future__ import annotations

import re

# Words that Title Case leaves in lower case ("Call to the Kremlin"): a headline or a title is
# capitalised but for these.
SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "are", "be",
    "of", "on", "or", "over", "the", "to", "up", "with", "after", "s", "vs", "v"})

# A wire dateline opening a body paragraph: "WASHINGTON (Reuters) -", "LONDON —".
WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(\([A-Za-z. ]+\))?\s*[-—–:]\s")

# A dateline whose place may carry a region and an agency, up to its dash: "KHAN YOUNIS, Gaza
# Strip (AP) — ...". The capitals it opens with name a place, never a person.
DATELINE_PLACE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]*){0,2}\s*"
                            r"(?:\([^()]{1,40}\)\s*)?(?:—|–|--?)\s")

# A line that is only a place and a date ("LONDON 1996-08-30", "Paris, 3 March 2025").
PLACE_DATE_LINE = re.compile(r"^\s*[\w .'’-]+(?:,\s*[\w .'’-]+)?\s+"
                             r"(?:\d{4}-\d{2}-\d{2}|\d{1,2} \w+ \d{4}|\w+ \d{1,2},? \d{4})\s*$")

# Lines that are page chrome wherever they stand.
CHROME_LINE = re.compile(r"""^\W*(
    advertisement | sponsored(\s+content)? | story\s+continues\s+(below|after)(\s+(this\s+)?advertisement)?
  | continue\s+reading\s+(the\s+main\s+story|below) | skip\s+(advertisement|to\s+(main\s+)?content)
  | scroll\s+(down\s+)?to\s+continue(\s+with\s+content)? | article\s+continues\s+(below|after\s+advertisement)
  | share(\s+this(\s+(article|story|page))?)? | share\s+on\s+\w+ | listen\s+to\s+(this\s+)?(article|story)
  | (\d+\s+)?min(ute)?s?\s+read | print(\s+this\s+(article|page))? | email | tweet | copy\s+link
  | copyright
  | (last\s+)?(modified|updated) | (posted|published)(\s+(on|at))?
                                    # a label whose date the page script never filled in
)\W*$""", re.I | re.X)

# A wire story's sign-off, alone on its last line: "REUTER", "(AP)", "ENDS".
SIGN_OFF = re.compile(r"^\W*[A-Z][A-Z&-]{1,15}\W*$")

# Any dateline lead, also a bare place in capitals before the first sentence, as in another
# story's teaser: "KIEV The heads ...", "WASHINGTON (Reuters) - ...", "LONDON — ...". Too broad for
# telling a headline from a body ("NATO Allies Agree ..." is a headline), so WIRE_DATELINE does that.
# (No colon after the caps: "TAPPER: Do you think ..." is a transcript's speaker, not a dateline.)
DATELINE_LEAD = re.compile(r"^[A-Z][A-Z'’.-]{2,}(?:[ ,]+[A-Z][A-Z'’.-]{2,})*(?:,\s+[A-Z][a-z]+)?"
                           r"(?:\s*\([^)]{1,40}\))?\s*(?:[-—–]\s*|\s+(?=[A-Z][a-z]))")


# A line that only dates the page: "Last updated: 5 March 2020", "Published 12:00, 3 March 2020 |
# Updated 13:05 GMT", "page.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm".
# Each label is followed by a date or a time and nothing else ("Updated: the council says 12
# people were hurt" is the article's).
_DATE_WORD = (r"(?:\d[\d:/.,-]*(?:am|pm|a\.m\.|p\.m\.|st|nd|rd|th|h)?|am|pm|a\.m\.|p\.m\."
              r"|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
              r"|january|february|march|april|june|july|august|september|october|november"
              r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
              r"|utc|gmt|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt|ist|aest|jst|hkt|sgt|at|on|of)"
              r"\.?,?")
_STAMP = (r"(?:created|published|posted|(?:last\s+)?(?:modified|updated|edited|revised|reviewed))"
          rf"(?:\s+(?:on|at))?\s*:?\s*(?=[^|•]*\d){_DATE_WORD}(?:\s+{_DATE_WORD})*")
# A static page's own file name opening its footer line ("stunnel_rsync.html - Created ...").
FILE_NAME_LEAD = r"[\w.-]+\.s?html?\s*[-–|]\s*"
PAGE_STAMP = re.compile(rf"^\W*(?:{FILE_NAME_LEAD})?{_STAMP}"
                        rf"(?:\s*[-–|•]\s*{_STAMP})*\W*$", re.I)


def is_chrome_line(p: str) -> bool:
    """Page furniture standing alone on a line ("Advertisement", "Share this article", "Last
    updated: 5 March 2020")."""
    return bool(CHROME_LINE.match(p)) or (len(p) <= 160 and bool(PAGE_STAMP.match(p)))
