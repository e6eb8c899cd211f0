"""HTML pages: the main text, found by trafilatura, and the page's own metadata, checked
(etl/read/metadata.py).

trafilatura (and lxml under it) is imported on the first HTML page only, so reading text and
JSON stays light.
"""
from __future__ import annotations

import html as html_module
import re
from datetime import datetime

from etl.errors import InputError
from etl.lexicons.layout import is_chrome_line
from etl.model import RawArticle
from etl.read.decoding import UndecodableText, decode
from etl.read.metadata import (choose_authors, choose_date, choose_site, choose_title, choose_url,
                               read_page_metadata)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)


# Containers of other stories, named as themes and templates name them ("nextstory",
# "related-posts", "read_next", "more-news", "you-may-also-like"): a blog's page often carries the
# next posts whole, and their people and quotes are not the article's.
_FOLLOW_ON = re.compile(
    r"(?:^|[\s_-])(?:(?:up|read|what'?s)[-_]?next|next[-_]?(?:stor(?:y|ies)|posts?|articles?|reads?)"
    r"|related[-_]?(?:stor(?:y|ies)|posts?|articles?|content|links|news|reading)|recommended"
    r"|more[-_]?(?:stor(?:y|ies)|news|articles|from)|(?:also|must)[-_]?read"
    r"|you[-_]?(?:may|might)[-_]?(?:also[-_]?)?like)(?:$|[\s_-])", re.I)
_NOT_CONTAINERS = {"script", "style", "link", "meta", "img", "html", "body", "head", "main"}

MIN_WORDS = 3
MIN_UNSPACED_CHARS = 20
MIN_DECLARED_BODY_WORDS = 100


def _without_repeated_title(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1>; the title is stored apart, so the body starts after it
    (and after the chrome lines above it, "Posted on", which the cleaner removes)."""
    if not title:
        return text
    lines = text.strip().split("\n")
    i = 0
    while i < len(lines) - 1 and is_chrome_line(lines[i].strip()):
        i += 1
    rest = lines[:i] + lines[i + 1:]
    if i < len(lines) - 1 and "".join(lines[i + 1:]).strip() and " ".join(
            lines[i].split()).casefold() == " ".join(title.split()).casefold():
        return "\n".join(rest)
    return text


MAX_HEADING_WORDS = 20


def _leading_heading(text: str) -> tuple[str | None, str]:
    """A page that declares no headline (an empty <h1>, a <title> of the site name alone)
    still shows one: the main text's first line, when it is shaped like a heading (a few
    words, capitalised, no closing punctuation) and text follows it."""
    first, sep, rest = text.strip().partition("\n")
    first = " ".join(first.split())
    words = first.split()
    if not sep or not rest.strip() or not 2 <= len(words) <= MAX_HEADING_WORDS \
            or not first[:1].isupper() or first[-1] in ".!?,;:…\"”'’)" or is_chrome_line(first):
        return None, text
    return first, rest


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


def declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head[:4096])
    return m.group(1).decode("ascii") if m else None


def page_words(tree) -> int:
    """Words of running text on the whole page: paragraphs of a sentence or more, wherever
    they stand (a measure of how much article the page holds, for the quality check)."""
    total = 0
    for p in tree.iter("p"):
        n = len(p.text_content().split())
        if n >= 8:
            total += n
    return total


def drop_follow_on_stories(tree) -> None:
    """Remove the containers of other stories (by their class or id) before the main text is
    looked for; never one holding the headline (<h1>) or half the page's running text: that
    one is the article's own, whatever its template calls it."""
    half_page = None            # counted only for a page that has such a container
    found = set()
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_CONTAINERS:
            continue
        if _FOLLOW_ON.search(f"{el.get('class') or ''} {el.get('id') or ''}") \
                and next(el.iter("h1"), None) is None:
            if half_page is None:
                half_page = page_words(tree) / 2
            if page_words(el) <= half_page:
                found.add(el)
    for el in found:
        if el.getparent() is not None and not any(a in found for a in el.iterancestors()):
            el.getparent().remove(el)


def _declared_body(bodies: list[str], text: str, words_on_page: int) -> tuple[str, int]:
    """The JSON-LD articleBody when trafilatura found a fragment of it (a photo caption, say)
    and the page declares the whole article; also the page's word count, counting that body."""
    if not bodies:
        return text, words_on_page
    body = max(bodies, key=len)
    if "<" in body:
        from lxml import html as lxml_html
        try:
            body = lxml_html.fromstring(body).text_content()
        except (ValueError, TypeError):
            pass
    body = html_module.unescape(body).strip()
    words = len(body.split())
    if words >= MIN_DECLARED_BODY_WORDS and words >= 3 * len(text.split()):
        text = body
    return text, max(words_on_page, words)


def read_html(name: str, data: bytes, *, url: str | None = None, line: int | None = None,
              fetched_at: datetime | None = None, charset: str | None = None
              ) -> RawArticle | InputError:
    """One article from one page; charset is the HTTP header's, when the page came from one."""
    try:
        html = decode(data, declared=charset or declared_charset(data))
    except UndecodableText as e:
        return InputError(name, str(e), line=line)
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return InputError(name, "no article text found in the HTML", line=line)
    declared = read_page_metadata(tree)
    drop_follow_on_stories(tree)
    words_on_page = page_words(tree)
    doc = bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                          include_images=False, include_links=False,
                          date_extraction_params={"extensive_search": True,
                                                  "original_date": True,
                                                  "outputformat": "%Y-%m-%dT%H:%M:%S%z"})
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    text, words_on_page = _declared_body(declared.bodies, text, words_on_page)
    # A page of navigation alone still yields a word or two ("Home"): not an article. (Chinese
    # and Japanese do not separate words: a long unspaced run is text too.)
    if len(text.split()) < MIN_WORDS and len("".join(text.split())) < MIN_UNSPACED_CHARS:
        return InputError(name, "no article text found in the HTML", line=line)
    page_url = choose_url(declared, url, doc.url)
    first_title = next(iter([*declared.titles, doc.title or ""]), None)
    source = choose_site(declared, doc.sitename, first_title, page_url, html)
    title = choose_title(declared, doc.title, source, page_url)
    if title is None:
        title, text = _leading_heading(text)
    text = _without_repeated_title(text, title)
    if doc.title and doc.title != title:
        text = _without_repeated_title(text, doc.title)
    return RawArticle(
        source_path=name, text=text, title=title, url=page_url,
        published_at=choose_date(declared, doc.date), source=source, line=line,
        authors=choose_authors(declared, doc.author, source, page_url), fetched_at=fetched_at,
        language=doc.language or None, page_words=words_on_page)
