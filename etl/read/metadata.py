"""A page's own metadata (JSON-LD, Open Graph, meta tags, canonical link), checked.

Pages say what they are in several places, and each is wrong somewhere: a `<title>` carries the
site's name ("Headline | Site"), a CMS writes its own name as the title, a site name is the
whole tagline, an author field holds "Staff" or a date. Each field here is taken from the most
specific source that gives a plausible value (JSON-LD article, then Open Graph, then other meta
tags, then trafilatura's guess), and what does not pass the checks is left out.
"""
from __future__ import annotations

import calendar
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from etl.lexicons import fold_key, has_org_word, is_not_author_word, is_not_title
from etl.read.dates import parse_datetime

_ARTICLE_TYPE = re.compile(r"(Article|BlogPosting|Posting|Report)$")
# Separators between a headline and the site or section name in a <title>.
_TITLE_SEPARATOR = re.compile(r"\s+[|–—·•»/:-]\s+|\s+::\s+|\s*\|\s*|(?<=\w):\s+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:(?:written|posted|story|words|text|reported)\s+)?by\b[:\s]*"
                            r"|^\s*view\s+all\s+posts\s+by\s+", re.I)
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[,;|/]|\band\b|&)\s*")
_NAME_PARTICLES = {"de", "da", "das", "do", "dos", "du", "del", "della", "der", "den", "di", "la",
                   "le", "van", "von", "ter", "ten", "bin", "bint", "ibn", "al", "el", "y", "e"}
_CALENDAR_WORDS = {w.casefold() for w in (*calendar.month_name, *calendar.month_abbr,
                                          *calendar.day_name, *calendar.day_abbr) if w}
_COMMENTER_VERBS = {"says", "said", "wrote", "writes", "replied"}
_COUNTRY_SECOND_LEVELS = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go",
                          "gv", "nic", "ltd", "plc", "sch", "gob", "mil"}
_EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
MAX_SITE_WORDS = 6
MAX_TITLE_CHARS = 300
_SEPARATOR_CHARS = " |-–—:·•»/"      # what a title's parts are joined with
# "Harbour Ferries -": a template's site name followed by a separator and nothing, the
# headline's place left empty.
_EMPTY_HEADLINE = re.compile(r"\s[|–—·•»/:-]\s*$|\|\s*$")


@dataclass
class PageMetadata:
    """What the page itself declares, before any checks."""

    titles: list[str] = field(default_factory=list)      # most specific first
    html_title: str | None = None                        # the <title> element
    headings: list[str] = field(default_factory=list)    # <h1> texts
    sites: list[str] = field(default_factory=list)
    authors: list[list[str]] = field(default_factory=list)   # one list per source
    dates: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    software: list[str] = field(default_factory=list)    # generator / application-name
    app_names: list[str] = field(default_factory=list)   # application-name: an app's, often not the site's
    bodies: list[str] = field(default_factory=list)      # JSON-LD articleBody


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _meta(tree) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = " ".join((m.get("content") or "").split())
        if key and value:
            out.setdefault(key, []).append(value)
    return out


def _json_ld_objects(tree) -> list[dict]:
    objects: list[dict] = []

    def walk(x):
        if isinstance(x, list):
            for y in x:
                walk(y)
        elif isinstance(x, dict):
            objects.append(x)
            walk(x.get("@graph"))

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            walk(json.loads(script.text, strict=False))
        except ValueError:
            continue            # broken JSON-LD is common; the other sources remain
    return objects


def _types(obj: dict) -> list[str]:
    t = obj.get("@type") or []
    return [str(x) for x in (t if isinstance(t, list) else [t])]


def _names(value, people: bool = False) -> list[str]:
    """Names from a JSON-LD person or organisation value (string, object or list); with
    `people`, organisations given as authors are left out."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v, people)]
    if isinstance(value, dict):
        if people and any("Organization" in t for t in _types(value)):
            return []
        value = value.get("name")
        return _names(value, people) if isinstance(value, (list, dict)) else (
            [_unescaped(value)] if isinstance(value, str) and value.strip() else [])
    return [_unescaped(value)] if isinstance(value, str) and value.strip() else []


def _unescaped(value: str) -> str:
    """JSON-LD strings often carry HTML entities ("O&#039;Donnell")."""
    return " ".join(html.unescape(value).split())


def _first(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return str(value).strip() if isinstance(value, str) and value.strip() else None


def read_page_metadata(tree) -> PageMetadata:
    """Everything the page declares about itself, most specific source first."""
    pm = PageMetadata()
    meta = _meta(tree)
    for obj in _json_ld_objects(tree):
        types = _types(obj)
        if any(_ARTICLE_TYPE.search(t) for t in types):
            pm.titles += [_unescaped(obj[k]) for k in ("headline", "name")
                          if isinstance(obj.get(k), str)]
            if isinstance(obj.get("articleBody"), str):
                pm.bodies.append(obj["articleBody"])
            names = _names(obj.get("author"), people=True)
            if names:
                pm.authors.append(names)
            pm.dates += [str(obj[k]) for k in ("datePublished", "dateCreated")
                         if isinstance(obj.get(k), str)]
            pm.sites += _names(obj.get("publisher"))
            pm.urls += [u for u in (_first(obj.get("url")), _first(obj.get("mainEntityOfPage")))
                        if u]
        elif any(t in ("WebSite", "NewsMediaOrganization") for t in types):
            pm.sites += _names(obj)
    pm.titles += meta.get("og:title", []) + meta.get("twitter:title", [])
    pm.sites += meta.get("og:site_name", [])
    pm.app_names = meta.get("application-name", [])
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "byl"):
        values = [v for v in meta.get(key, []) if not v.startswith(("http:", "https:", "@"))]
        if values:
            pm.authors.append(values)
    for key in ("article:published_time", "og:published_time", "pubdate", "publishdate",
                "date", "dc.date.issued", "dc.date", "parsely-pub-date", "sailthru.date"):
        pm.dates += meta.get(key, [])
    canonical = [link.get("href") for link in tree.iter("link")
                 if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")]
    pm.urls = canonical + meta.get("og:url", []) + pm.urls
    pm.software = meta.get("generator", []) + meta.get("application-name", [])
    title = next(tree.iter("title"), None)
    pm.html_title = _text(title) if title is not None else None
    pm.headings = [t for t in (_text(h) for h in tree.iter("h1")) if t][:3]
    return pm


# ------------------------------------------------------------------------------ checks

def registrable_label(url: str | None) -> str | None:
    """'timesofisrael' from 'https://www.timesofisrael.com/x'; 'bbc' from 'www.bbc.co.uk'."""
    host = (urlsplit(url).hostname or "") if url else ""
    parts = [p for p in host.split(".") if p]
    if len(parts) < 2:
        return None
    # "co.uk", "com.au", "org.nz": a generic second level under a country code.
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _COUNTRY_SECOND_LEVELS:
        return parts[-3]
    return parts[-2]


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold_key(text).replace("the ", ""))


def _same_name(a: str, b: str | None) -> bool:
    if not b or not _squashed(a):
        return False
    return fold_key(a) == fold_key(b) or _squashed(a) == _squashed(b)


def plausible_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url.strip()


def choose_url(pm: PageMetadata, given: str | None, heuristic: str | None) -> str | None:
    """The page's canonical URL when it is an absolute article address on the same site."""
    site = registrable_label(given)
    for url in pm.urls:
        url = plausible_url(url)
        if url is None or urlsplit(url).path in ("", "/"):
            continue        # a home page as canonical: a CMS default, not this article
        if site is None or registrable_label(url) == site:
            return url
    return plausible_url(given) or plausible_url(heuristic)


def _site_from_domain(label: str, page_text: str) -> str | None:
    """The outlet's name as the page writes it ("Times of Israel" for timesofisrael)."""
    if len(label) < 4 or not label.isalpha():
        return None
    spaced = r"[\s'’.&-]{0,2}".join(re.escape(c) for c in label)
    best = None
    for m in re.finditer(rf"(?<![\w.])(?:The\s+)?{spaced}(?!\w|\.\w)", page_text, re.I):
        found = " ".join(m.group().split())
        words = found.split()
        if len(words) >= 2 and all(w[:1].isupper() or w.lower() in ("of", "and", "for", "on")
                                   for w in words):
            best = found
            break
    return best


_HOST_NAME = re.compile(r"^[\w-]+(\.[\w-]+)+$")


def choose_site(pm: PageMetadata, heuristic: str | None, title: str | None, url: str | None,
                page_text: str) -> str | None:
    """The outlet's name: declared, else the domain's name as the page writes it ("Times of
    Israel" for timesofisrael.com), else a <title> that holds the site's name alone, else the
    page's app name, else a declared host name ("Phys.org"), else the host."""
    host_names = []
    # trafilatura also reads the application-name, which is kept for the last resort below
    if heuristic and any(_same_name(heuristic, a) for a in pm.app_names):
        heuristic = None
    for name in [*pm.sites, *([heuristic] if heuristic else [])]:
        name = _TITLE_SEPARATOR.split(name.strip())[0].strip()
        if not any(c.isalpha() for c in name) or re.search(r"\bwww\.|https?:", name):
            continue
        if len(name.split()) > MAX_SITE_WORDS or (title and _same_name(name, title)):
            continue
        if _HOST_NAME.match(name):
            host_names.append(name)
            continue
        return name
    label = registrable_label(url)
    found = _site_from_domain(label, page_text) if label else None
    if found:
        return found
    # A one-word name capitalised in the page's own title ("Axios" for axios.com).
    for t in filter(None, [pm.html_title, *pm.titles]):
        word = next((w for w in re.findall(r"[\w'’-]+", t) if w.casefold() == label), None)
        if word and word[0].isupper():
            return word
    # a <title> of the site's name with the headline's place left empty ("Harbour Ferries
    # -"), then the name of the page's pinned app ("HF Live Departures")
    site_only = [t for t in filter(None, [pm.html_title, *pm.titles]) if _EMPTY_HEADLINE.search(t)]
    for name in [*site_only, *pm.app_names]:
        name = " ".join(name.split()).strip(_SEPARATOR_CHARS)
        if any(c.isalpha() for c in name) and len(name.split()) <= MAX_SITE_WORDS:
            return name
    if host_names:
        return next((n for n in host_names if n != n.lower()), host_names[0])
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    return host or None


def _rejected_title(t: str, site: str | None, url: str | None, software: list[str]) -> bool:
    label = registrable_label(url)
    return (not t or len(t) > MAX_TITLE_CHARS or is_not_title(t)
            or any(_same_name(t, s) for s in [site, label, *software] if s))


def cut_site_name(title: str, site: str | None, url: str | None, software: list[str]) -> str:
    """'Headline | Site' -> 'Headline'; also 'Site: Headline' and 'Headline - Section | Site'."""
    title = title.strip(_SEPARATOR_CHARS)
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    seps = _TITLE_SEPARATOR.findall(title)
    # Drop site, CMS and section names from either end, never the last remaining part.
    start, end = 0, len(parts)
    while end - start > 1 and _rejected_title(parts[end - 1].strip(), site, url, software):
        end -= 1
    while end - start > 1 and _rejected_title(parts[start].strip(), site, url, software):
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    out = parts[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + parts[i]
    return out.strip()


def choose_title(pm: PageMetadata, heuristic: str | None, site: str | None,
                 url: str | None) -> str | None:
    """The headline: declared titles first, each cut to the headline and checked."""
    declared = [*pm.titles, *([heuristic] if heuristic else []),
                *([pm.html_title] if pm.html_title else [])]
    titles = [t for t in (cut_site_name(" ".join(c.split()), site, url, pm.software)
                          for c in [*declared, *pm.headings] if not _EMPTY_HEADLINE.search(c))
              if not _rejected_title(t, site, url, pm.software)]
    # The headline the page shows (its <h1>) wins over a differently worded SEO title; an
    # <h1> alone is the last resort (pages put their logo or section there too).
    shown = {fold_key(h) for h in pm.headings}
    return next((t for t in titles[:len(titles) - len(pm.headings)] if fold_key(t) in shown),
                titles[0] if titles else None)


def person_name(text: str, site: str | None = None, url: str | None = None) -> str | None:
    """A byline reduced to a person's name, or None when it names no person."""
    s = _BYLINE_PREFIX.sub("", " ".join(text.split())).strip(" .,:;-")
    words = s.split()
    if words and words[-1].casefold() in _COMMENTER_VERBS:
        return None             # "Art Edwards says": a reader's comment, not the byline
    # Trailing staff words or the outlet's name: "Adam Aaronson PhillyVoice Staff".
    label = registrable_label(url)
    while words and (is_not_author_word(words[-1]) or any(
            _same_name(words[-1], n) for n in (site, label) if n)):
        words.pop()
    if not 2 <= len(words) <= 5 or words[0].casefold() == "the":
        return None
    for w in words:
        bare = w.strip(".,'’()")
        if (not bare or any(c.isdigit() for c in bare) or bare.casefold() in _CALENDAR_WORDS
                or is_not_author_word(bare) or "@" in bare):
            return None
        if not bare[0].isupper() and bare.casefold() not in _NAME_PARTICLES:
            return None
    name = " ".join(words)
    if has_org_word(name) or any(_same_name(name, n) for n in (site, label) if n) or any(_same_name(w, n) for w in words for n in (site, label) if n):
        return None
    return name


def choose_authors(pm: PageMetadata, heuristic: str | None, site: str | None,
                   url: str | None) -> list[str]:
    """People's names from the first source that gives any."""
    sources = [*pm.authors, *([[heuristic]] if heuristic else [])]
    for values in sources:
        names = [person_name(part, site, url) for v in values
                 for part in _AUTHOR_SEPARATOR.split(v)]
        names = list(dict.fromkeys(n for n in names if n))
        if names:
            return names
    return []


def choose_date(pm: PageMetadata, heuristic: str | None,
                now: datetime | None = None) -> datetime | None:
    """The first declared publication date that parses and is not in the future."""
    latest = (now or datetime.now(timezone.utc)) + timedelta(days=2)
    for value in [*pm.dates, *([heuristic] if heuristic else [])]:
        try:
            dt = parse_datetime(value)
        except ValueError:
            continue
        if dt is not None and _EARLIEST <= dt <= latest:
            return dt
    return None
