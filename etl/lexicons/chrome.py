"""Page chrome: lines that are furniture of a web page wherever they stand ("Advertisement",
"Share this article", "5 min read").

Shared by reading (a first line of chrome is not a headline) and cleaning (chrome lines are cut
from the body), so it lives below both stages.
"""
from __future__ import annotations

import re

_CHROME_LINE = re.compile(r"""^\W*(
    advertisement | sponsored(\s+content)? | story\s+continues\s+(below|after)(\s+(this\s+)?advertisement)?
  | continue\s+reading\s+(the\s+main\s+story|below) | skip\s+(advertisement|to\s+(main\s+)?content)
  | scroll\s+(down\s+)?to\s+continue(\s+with\s+content)? | article\s+continues\s+(below|after\s+advertisement)
  | share(\s+this(\s+(article|story|page))?)? | share\s+on\s+\w+ | listen\s+to\s+(this\s+)?(article|story)
  | (\d+\s+)?min(ute)?s?\s+read | print(\s+this\s+(article|page))? | email | tweet | copy\s+link
  | (last\s+)?(modified|updated)      # a label whose date the page script never filled in
)\W*$""", re.I | re.X)


def is_chrome_line(p: str) -> bool:
    """Page furniture standing alone on a line ("Advertisement", "Share this article")."""
    return bool(_CHROME_LINE.match(p))
