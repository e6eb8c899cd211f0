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


def _at(offset: int | None, url: str | None) -> str:
    """'record at byte 1,234 (https://...)': where a WARC record is, for error messages."""
    where = f"record at byte {offset:,}" if offset is not None else "record"
    return f"{where} ({url})" if url else where


def read_warc(name: str, stream: BinaryIO, max_record_bytes: int
              ) -> Iterator[RawArticle | InputError]:
    """Articles of the HTML responses; errors name the record's byte offset in the file and its
    target URL (a record number would send the user counting records)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    pages = 0
    offset = None
    url = None
    try:
        records = ArchiveIterator(stream)
        for record in records:
            number += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            is_html, charset = _html_record(record)
            if not is_html:
                offset = records.get_record_offset()
                continue
            pages += 1
            try:
                fetched_at = parse_datetime(record.rec_headers.get_header("WARC-Date"))
            except ValueError:
                fetched_at = None
            payload = record.content_stream().read(max_record_bytes + 1)
            # Only now: warcio reads the record to its end to tell where it started.
            truncated = getattr(record.raw_stream, "limit", 0) > 0
            offset = records.get_record_offset()
            if len(payload) > max_record_bytes:
                yield InputError(name, f"{_at(offset, url)} is larger than the "
                                       f"{max_record_bytes:,} bytes newsetl reads as one page; "
                                       f"skipped")
                continue
            if truncated:
                # warcio returns a cut-off last record without complaint: its block is shorter
                # than its Content-Length says.
                yield InputError(name, f"WARC file is truncated: {_at(offset, url)} is "
                                       f"incomplete")
                return
            item = read_html(name, payload, url=url, line=number, fetched_at=fetched_at,
                             charset=charset)
            if isinstance(item, InputError):
                item = InputError(name, f"{_at(offset, url)}: {item.problem}")
            yield item
    # warcio fails with AttributeError on a record cut off inside its WARC headers (the
    # target URI is then missing)
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError) as e:
        where = "at the start" if number == 0 else f"after the {_at(offset, url)}"
        yield InputError(name, f"WARC file is truncated or corrupt {where}: {e}".rstrip(": "))
        return
    if pages == 0:
        yield InputError(name, f"no HTML response records among its {number:,} WARC records")
