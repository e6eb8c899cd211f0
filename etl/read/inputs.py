"""Readers: files, directories and stdin into RawArticle records.

Readers never raise for a bad input: they yield an InputError in its place, so one bad file or
line is reported and the rest still loads. This module finds the inputs, opens them
(decompressing .gz), guards their size, decides the format and hands over to one reader per
format in etl/read/.

Formats: "txt" (one article per file), "jsonl" (one JSON object per line), "json" (an array, or
one object), "html" (main text found by trafilatura), "warc" (each HTML response record).
A format is taken from the `format` argument, else from the extension, else from the content.
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from etl.errors import EtlError, InputError
from etl.model import RawArticle
from etl.read.dates import parse_datetime  # noqa: F401  (part of this module's surface)
from etl.read.decoding import UndecodableText, binary_kind, bom_encoding, decode
from etl.read.html import looks_like_html, read_html
from etl.read.jsonl import (FIELD_ALIASES, check_fields, first_line_is_object,  # noqa: F401
                               read_json_document, read_json_lines)
from etl.read.text import looks_like_headline, read_text  # noqa: F401

log = logging.getLogger(__name__)

# One article file (text, HTML, one JSON line, one WARC record) larger than this is not an article.
MAX_FILE_BYTES = 20 * 1024 * 1024
# A JSON array is parsed whole; past this size JSON lines (read line by line) is the way.
MAX_JSON_DOCUMENT_BYTES = 200 * 1024 * 1024
HEAD_BYTES = 64 * 1024

FORMATS = ("txt", "jsonl", "json", "html", "warc")
SUFFIX_FORMATS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".json": "json", ".html": "html", ".htm": "html", ".xhtml": "html",
                  ".warc": "warc", ".arc": "warc"}
SUPPORTED = set(SUFFIX_FORMATS)
GZIP_MAGIC = b"\x1f\x8b"

ReadResult = RawArticle | InputError


class InputOptionsError(EtlError):
    """The reading options (format, field mapping) are not valid."""


def iter_inputs(paths: Iterable[str], format: str | None = None,
                fields: Mapping[str, str] | None = None) -> Iterator[ReadResult]:
    """Every article in the given files, directories (recursively) and '-' (stdin).

    `format` forces one of FORMATS for every input; `fields` maps article fields to the
    key names of JSON inputs ({"text": "content", "published_at": "date"}).
    """
    if format is not None and format not in FORMATS:
        raise InputOptionsError(f"unknown input format {format!r} (choose from: "
                                f"{', '.join(FORMATS)})")
    try:
        mapping = check_fields(fields)
    except ValueError as e:
        raise InputOptionsError(str(e)) from None
    for p in paths:
        if p == "-":
            yield from read_stream("-", sys.stdin.buffer, format=format, fields=mapping)
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, format, mapping)
        elif path.exists():
            yield from read_file(path, format=format, fields=mapping)
        elif path.is_symlink():
            yield InputError(str(path), "symbolic link to a file that does not exist")
        else:
            yield InputError(str(path), "no such file or directory")


def format_of_name(name: str) -> str | None:
    """The format an extension names, seeing through .gz: 'a.jsonl.gz' -> 'jsonl'."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return SUFFIX_FORMATS.get(os.path.splitext(lower)[1])


def _walk(root: Path, format: str | None, fields: dict[str, str]) -> Iterator[ReadResult]:
    for item in list_files(root, format):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, format=format, fields=fields)


def list_files(root: Path, format: str | None) -> Iterator[Path | InputError]:
    """Files under root, sorted, hidden ones skipped; each real folder read once.

    Symbolic links to folders are followed, but a link back to a folder being walked (a loop)
    or to one already read is reported once and not entered.
    """
    seen: dict[str, str] = {}
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True,
                                                onerror=unreadable.append):
        while unreadable:
            e = unreadable.pop(0)
            yield InputError(e.filename or dirpath, f"folder cannot be read: {e.strerror or e}")
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            parent_real = os.path.realpath(os.path.dirname(dirpath))
            if parent_real == real or parent_real.startswith(real + os.sep):
                yield InputError(dirpath, f"symbolic link loop (back to {seen[real]}); "
                                          f"not followed")
            else:
                yield InputError(dirpath, f"same folder as {seen[real]}, already read; skipped")
            continue
        seen[real] = dirpath
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            # With a forced format every file is an input; else only the known extensions.
            if format is None and format_of_name(name) is None:
                continue
            path = Path(dirpath) / name
            if not path.is_file() and not path.is_symlink():
                continue            # a named pipe or device in a folder would block the walk
            yield path
    for e in unreadable:
        yield InputError(e.filename or str(root), f"folder cannot be read: {e.strerror or e}")


def read_file(path: Path, format: str | None = None,
              fields: Mapping[str, str] | None = None) -> Iterator[ReadResult]:
    name = str(path)
    try:
        st = path.stat()
        f = open(path, "rb")
    except OSError as e:
        yield InputError(name, f"cannot be read: {e.strerror or e}")
        return
    size = st.st_size if path.is_file() else None
    with f:
        yield from _guarded(name, f, size, format or format_of_name(path.name),
                            check_fields(fields))


def read_stream(name: str, stream: BinaryIO, format: str | None = None,
                fields: Mapping[str, str] | None = None, size: int | None = None,
                first_line: int = 1) -> Iterator[ReadResult]:
    """Articles in an open binary stream. `first_line` numbers the stream's first line (a
    block of a larger JSON-lines file)."""
    yield from _guarded(name, stream, size, format, check_fields(fields), first_line)


def _guarded(name, raw, size, format, fields, first_line: int = 1) -> Iterator[ReadResult]:
    """_read with every failure turned into one InputError, so one file cannot stop a run."""
    produced = 0
    try:
        for item in _read(name, raw, size, format, fields, first_line):
            produced += 1
            yield item
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        after = f" after {produced:,} articles" if produced else ""
        yield InputError(name, f"compressed file is truncated or corrupt{after} ({e})")
    except OSError as e:
        yield InputError(name, f"cannot be read: {e.strerror or e}")
    except (MemoryError, RecursionError) as e:
        yield InputError(name, f"too large or too deeply nested to read ({type(e).__name__})")
    except Exception as e:   # a bug or a library failure on one odd file must not end the run
        log.debug("unexpected failure reading %s", name, exc_info=True)
        yield InputError(name, f"could not be read ({type(e).__name__}: {e})")


def _too_large(name: str, size: int, limit: int, format: str,
               compressed: bool = False) -> InputError:
    what = ("a JSON document read whole (UTF-8 JSON lines, read line by line, have no such "
            "limit)") if format in ("json", "jsonl") else "one article file"
    limit_text = f"the {limit:,}-byte ({_mb(limit)}) limit for {what}"
    if compressed:
        return InputError(name, f"file decompresses to more than {limit_text}")
    return InputError(name, f"file is {size:,} bytes ({_mb(size)}), over {limit_text}")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def _read(name: str, raw: BinaryIO, size: int | None, format: str | None,
          fields: dict[str, str], first_line: int = 1) -> Iterator[ReadResult]:
    # A buffer as large as the sniffing window, so that peek() can see HEAD_BYTES at once.
    stream = io.BufferedReader(raw, buffer_size=HEAD_BYTES)
    head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    if not head:
        yield InputError(name, "file is empty")
        return
    compressed = head.startswith(GZIP_MAGIC)
    if format is None and (_gzip_head(head) if compressed else head).startswith(b"WARC/"):
        format = "warc"
    if format == "warc":
        from etl.read.warc import read_warc   # warcio only when a WARC file is met
        yield from read_warc(name, stream, MAX_FILE_BYTES)
        return
    if compressed:
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"),
                                   buffer_size=HEAD_BYTES)
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
        size = None
        if not head:
            yield InputError(name, "file is empty (after decompression)")
            return
    format = format or _sniff(head)
    if format == "json" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") \
            and first_line_is_object(_head_text(head)):
        format = "jsonl"                      # JSON lines saved with a .json extension
    streamed = format == "jsonl" and bom_encoding(head) in (None, "utf-8-sig")
    limit = MAX_JSON_DOCUMENT_BYTES if format in ("json", "jsonl") else MAX_FILE_BYTES
    # The size goes first: a huge file is refused without reading it, whatever it holds.
    if not streamed and size is not None and size > limit:
        yield _too_large(name, size, limit, format)
        return
    what = binary_kind(head)
    if what:
        yield InputError(name, f"file is {what}, not text")
        return
    if streamed:
        records = 0
        for item in read_json_lines(name, _json_lines(name, stream, MAX_FILE_BYTES,
                                                                first_line), fields):
            records += 1
            yield item
        if not records:
            yield InputError(name, "file is empty (no JSON lines)")
        return
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield _too_large(name, len(data), limit, format, compressed=True)
        return
    yield from _read_whole(name, data, format, fields)


def _read_whole(name: str, data: bytes, format: str, fields: dict[str, str]) -> Iterator[ReadResult]:
    """The articles of a file read whole (all but WARC and UTF-8 JSON lines)."""
    if not data.strip():
        yield InputError(name, "file is empty")
        return
    if format == "html":
        yield read_html(name, data)
        return
    try:
        text = decode(data)
    except UndecodableText as e:
        yield InputError(name, f"text cannot be decoded: {e}")
        return
    if not text.strip("\x00 \t\r\n\ufeff"):
        yield InputError(name, "file is empty (nothing but blank or NUL characters)")
    elif format == "jsonl":                   # JSON lines in UTF-16/32, decoded whole
        yield from read_json_lines(name, enumerate(text.splitlines(), 1), fields)
    elif format == "json":
        yield from read_json_document(name, text, fields)
    else:
        yield from read_text(name, text)


def _gzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip file (for content sniffing), or b''."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 4096)
    except zlib.error:
        return b""


def _head_text(head: bytes) -> str:
    return head.decode("utf-8-sig", errors="replace")


def _sniff(head: bytes) -> str:
    """The format of content with no telling extension (stdin, odd names)."""
    if looks_like_html(head):
        return "html"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"[":
        return "json"
    if start == b"{":
        return "jsonl" if first_line_is_object(_head_text(head)) else "json"
    return "txt"


def _json_lines(name: str, stream: BinaryIO, limit: int,
                first_line: int = 1) -> Iterator[tuple[int, str | InputError]]:
    """(line number, decoded line) without holding more than one line in memory."""
    lineno = first_line - 1
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass                           # skip the rest of the oversized line
            yield lineno, InputError(name, f"line is longer than the limit of {limit:,} bytes; "
                                           f"skipped", line=lineno)
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        try:
            yield lineno, line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield lineno, decode(line)
            except UndecodableText as e:
                yield lineno, InputError(name, f"text cannot be decoded: {e}", line=lineno)
