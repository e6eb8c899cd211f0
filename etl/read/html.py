"""HTML pages: the main text and its metadata, found by trafilatura.

trafilatura (and lxml under it) is imported on the first HTML page only, so reading text and
JSON stays light.
"""
from __future__ import annotations

import logging
import re
from datetime import datetime

from etl.errors import InputError
from etl.model import RawArticle
from etl.read.dates import parse_datetime
from etl.read.decoding import UndecodableText, decode

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)


MIN_WORDS = 3


def _without_repeated_title(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1>; the title is stored apart, so the body starts after it."""
    first, sep, rest = text.strip().partition("\n")
    if title and sep and rest.strip() and " ".join(first.split()).casefold() == " ".join(
            title.split()).casefold():
        return rest
    return text


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


def declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head[:4096])
    return m.group(1).decode("ascii") if m else None


def read_html(name: str, data: bytes, *, url: str | None = None, line: int | None = None,
              fetched_at: datetime | None = None, charset: str | None = None
              ) -> RawArticle | InputError:
    """One article from one page; charset is the HTTP header's, when the page came from one."""
    try:
        html = decode(data, declared=charset or declared_charset(data))
    except UndecodableText as e:
        return InputError(name, str(e), line=line)
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                          include_images=False, include_links=False,
                          date_extraction_params={"extensive_search": True,
                                                  "original_date": True,
                                                  "outputformat": "%Y-%m-%dT%H:%M:%S%z"})
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    # A page of navigation alone still yields a word or two ("Home"): not an article.
    if len(text.split()) < MIN_WORDS:
        return InputError(name, "no article text found in the HTML", line=line)
    title = (doc.title or "").strip() or None
    text = _without_repeated_title(text, title)
    published = None
    if doc.date:
        try:
            published = parse_datetime(doc.date)
        except ValueError as e:
            log.warning("%s: published date: %s; the article is kept without it", name, e)
    authors = [a.strip() for a in re.split(r";|\s+and\s+", doc.author or "") if a.strip()]
    return RawArticle(
        source_path=name, text=text, title=title,
        url=doc.url or url, published_at=published, source=doc.sitename or None,
        line=line, authors=authors, fetched_at=fetched_at, language=doc.language or None)
