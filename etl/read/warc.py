"""WARC web archives (news crawls): each HTML response record is one article.

The archive is streamed record by record (crawl files run to gigabytes); warcio handles
gzip per record, chunked transfer and content encodings. Requests, redirects, robots.txt,
images and other non-HTML records are not articles and are skipped silently.
"""
from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from etl.errors import InputError
from etl.model import RawArticle
from etl.read.dates import parse_datetime
from etl.read.html import read_html

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(value: str | None) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:]
                    if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset


def _html_record(record) -> tuple[bool, str | None]:
    """(is an HTML page fetched successfully, charset from its header)."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        kind, charset = _content_type(record.http_headers.get_header("Content-Type"))
        return status.startswith("2") and kind in _HTML_TYPES, charset
    if record.rec_type == "resource":
        kind, charset = _content_type(record.rec_headers.get_header("Content-Type"))
        return kind in _HTML_TYPES, charset
    return False, None


def read_warc(name: str, stream: BinaryIO, max_record_bytes: int
              ) -> Iterator[RawArticle | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    pages = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            is_html, charset = _html_record(record)
            if not is_html:
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                fetched_at = parse_datetime(record.rec_headers.get_header("WARC-Date"))
            except ValueError:
                fetched_at = None
            payload = record.content_stream().read(max_record_bytes + 1)
            if len(payload) > max_record_bytes:
                yield InputError(name, f"record for {url} is larger than the "
                                       f"{max_record_bytes:,} bytes newsetl reads as one page; "
                                       f"skipped", line=number)
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # warcio returns a cut-off last record without complaint: its block is shorter
                # than its Content-Length says.
                yield InputError(name, f"WARC file is truncated: record {number} ({url}) is "
                                       f"incomplete", line=number)
                return
            yield read_html(name, payload, url=url, line=number, fetched_at=fetched_at,
                            charset=charset)
    # warcio fails with AttributeError on a record cut off inside its WARC headers (the
    # target URI is then missing)
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError) as e:
        where = "at the start" if number == 0 else f"after record {number}"
        yield InputError(name, f"WARC file is truncated or corrupt {where}: {e}".rstrip(": "))
        return
    if pages == 0:
        yield InputError(name, f"no HTML response records among its {number:,} WARC records")
