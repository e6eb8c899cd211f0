"""JSON lines, JSON arrays and single JSON objects: one article per object.

Key names differ between tools (news-please, NewsAPI, Common Crawl exports, spreadsheets saved
as JSON), so each field is looked up under a list of aliases, after any key the user maps
explicitly with `fields` ({"text": "content", "published_at": "meta.date"}; dots reach into
nested objects).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping

from etl.errors import InputError
from etl.model import RawArticle
from etl.read.dates import parse_datetime

log = logging.getLogger(__name__)

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text", "article_text",
             "story", "fulltext"),
    "title": ("title", "headline", "name_of_article"),
    "url": ("url", "link", "canonical_url", "source_url", "href"),
    "published_at": ("published_at", "published", "date", "pubdate", "pubDate", "date_publish",
                     "publishedAt", "datePublished", "date_published", "publish_date",
                     "published_date", "datetime", "timestamp"),
    "source": ("source", "outlet", "publisher", "site", "source_domain", "site_name",
               "sitename", "domain"),
    "id": ("id", "article_id", "guid", "uuid", "doc_id", "_id"),
    "authors": ("authors", "author", "byline", "creator", "by"),
    "fetched_at": ("fetched_at", "date_download", "downloaded_at", "crawled_at", "scraped_at"),
    "language": ("language", "lang", "language_code"),
}
FIELD_NAMES = tuple(FIELD_ALIASES) + ("external_id",)
# Wrappers that hold the articles in an API response: {"status": "ok", "articles": [...]}.
_LIST_KEYS = ("articles", "data", "items", "results", "docs", "documents", "records", "news")


def check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    """The user's field mapping with 'external_id' folded into 'id'; ValueError if unknown."""
    out: dict[str, str] = {}
    for name, key in (fields or {}).items():
        if name not in FIELD_NAMES:
            raise ValueError(f"unknown article field {name!r} in the field mapping "
                             f"(known: {', '.join(FIELD_NAMES)})")
        if not isinstance(key, str) or not key:
            raise ValueError(f"the field mapping for {name!r} must be a key name")
        out["id" if name == "external_id" else name] = key
    return out


def _lookup(obj: dict, key: str):
    if key in obj:
        return obj[key]
    node = obj
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _pick(obj: dict, field: str, fields: dict[str, str]):
    keys = ((fields[field],) if field in fields else ()) + FIELD_ALIASES[field]
    for k in keys:
        v = _lookup(obj, k)
        if v not in (None, "", []):
            return v
    return None


def _as_text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(p, str) for p in value):
        return "\n".join(value)           # a body given as a list of paragraphs
    return None


def _as_name(value) -> str | None:
    if isinstance(value, dict):           # {"id": "bbc-news", "name": "BBC News"}
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        s = str(value).strip()
        return s or None
    return None


def _as_names(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [n for n in (_as_name(v) for v in items) if n]


def _date(name: str, line: int | None, value, what: str):
    """A bad date is not fatal: the article is kept without it and a warning is logged."""
    if isinstance(value, (dict, list)):
        value = str(value)
    try:
        return parse_datetime(value)
    except ValueError as e:
        where = f"{name}:{line}" if line is not None else name
        log.warning("%s: %s: %s; the article is kept without it", where, what, e)
        return None


def record_to_article(name: str, line: int | None, obj, fields: dict[str, str],
                      where: str = "") -> RawArticle | InputError:
    if not isinstance(obj, dict):
        return InputError(name, f"{where}expected a JSON object, found {type(obj).__name__}",
                          line=line)
    body = _as_text(_pick(obj, "text", fields))
    if body is None or not body.strip():
        keys = ((fields["text"],) if "text" in fields else ()) + FIELD_ALIASES["text"]
        return InputError(name, f"{where}record has no article text (looked for the keys: "
                                f"{', '.join(keys)}; map another with fields)", line=line)
    title = _as_text(_pick(obj, "title", fields))
    url = _pick(obj, "url", fields)
    return RawArticle(
        source_path=name, text=body, line=line,
        title=title.strip() if title and title.strip() else None,
        url=url.strip() if isinstance(url, str) and url.strip() else None,
        published_at=_date(name, line, _pick(obj, "published_at", fields), "published date"),
        source=_as_name(_pick(obj, "source", fields)),
        external_id=_as_name(_pick(obj, "id", fields)),
        authors=_as_names(_pick(obj, "authors", fields)),
        fetched_at=_date(name, line, _pick(obj, "fetched_at", fields), "fetch date"),
        language=_as_name(_pick(obj, "language", fields)),
    )


def _wrapped_list(obj, fields: dict[str, str]) -> list | None:
    """The article list inside an API response object that has no text of its own."""
    if not isinstance(obj, dict) or _pick(obj, "text", fields) is not None:
        return None
    return next((obj[k] for k in _LIST_KEYS if isinstance(obj.get(k), list)), None)


def read_json_lines(name: str, lines: Iterable[tuple[int, str | InputError]],
                    fields: dict[str, str]) -> Iterator[RawArticle | InputError]:
    """One JSON object per line; blank lines are skipped, a bad line is reported by number."""
    for lineno, line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(name, f"malformed JSON: {e.msg} (column {e.colno})", line=lineno)
            continue
        wrapped = _wrapped_list(obj, fields)
        if wrapped is None:
            yield record_to_article(name, lineno, obj, fields)
        else:
            for i, item in enumerate(wrapped, 1):
                yield record_to_article(name, lineno, item, fields, where=f"record {i}: ")


def read_json_document(name: str, text: str,
                       fields: dict[str, str]) -> Iterator[RawArticle | InputError]:
    """A JSON array of articles, one article object, or an API response wrapping a list."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        yield InputError(name, f"malformed JSON: {e.msg} (column {e.colno})", line=e.lineno)
        return
    wrapped = _wrapped_list(doc, fields)
    if wrapped is not None:
        doc = wrapped
    if isinstance(doc, dict):
        yield record_to_article(name, None, doc, fields)
        return
    if not isinstance(doc, list):
        yield InputError(name, f"expected JSON objects, found {type(doc).__name__}")
        return
    if not doc:
        yield InputError(name, "the JSON array is empty")
        return
    for i, obj in enumerate(doc, 1):
        # `line` holds the record number for arrays (JSON gives no line per element).
        yield record_to_article(name, i, obj, fields, where=f"record {i}: ")


def first_line_is_object(head: str) -> bool:
    """True when the first line is a complete JSON value: JSON lines, not a pretty-printed object."""
    first = head.lstrip().split("\n", 1)[0]
    try:
        json.loads(first)
        return True
    except json.JSONDecodeError:
        return False
