"""Plain text: one article per file, the first line taken as the title when it is a headline."""
from __future__ import annotations

import re
from collections.abc import Iterator

from etl.lexicons.chrome import is_chrome_line
from etl.model import RawArticle

_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of",
                "on", "or", "over", "the", "to", "up", "vs", "with", "is", "are", "be", "after"}
# A wire dateline opens a body paragraph, not a headline: "WASHINGTON (Reuters) -".
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(\([A-Za-z. ]+\))?\s*[-—–:]\s")


def _title_cased(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line)]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def looks_like_headline(line: str, followed_by_blank: bool = False) -> bool:
    """A short line that does not read as the article's first sentence.

    Headlines rarely end with a full stop; when one does ("Stealth Over Health: ... Optics.")
    it is Title Cased and set apart from the body by a blank line.
    """
    s = line.strip()
    words = s.split()
    if len(words) < 2 or len(s) > 200 or len(words) > 25 or _DATELINE.match(s) \
            or is_chrome_line(s):
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘" or s[1:2].isupper()):  # iTunes
        return False
    if s.endswith((",", ";", ":", "-", "—")):
        return False
    if s.endswith(".") and not s.endswith("..."):
        return followed_by_blank and _title_cased(s)
    return True


def read_text(name: str, text: str) -> Iterator[RawArticle]:
    body = text.strip()
    title = None
    first, sep, rest = body.partition("\n")
    if sep and rest.strip():
        followed_by_blank = not rest.split("\n", 1)[0].strip()
        if looks_like_headline(first, followed_by_blank):
            title, body = first.strip(), rest.strip()
    yield RawArticle(source_path=name, text=body, title=title)
