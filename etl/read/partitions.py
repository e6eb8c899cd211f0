"""Inputs cut into partitions that workers can read on their own, through fsspec URLs.

A partition is a whole file (text, HTML, JSON, WARC, anything compressed) or a block of whole
lines of a large JSON-lines file, found by byte offsets. Paths without a protocol are local
files and folders, walked exactly as `newsetl load` walks them (same order, same names);
anything else (`s3://…`, `gs://…`, `memory://…`) goes through fsspec.

Planning a JSON-lines file reads it once, counting lines, so that every block knows the
number of its first line and errors still point at a line of the file.
"""
from __future__ import annotations

import io
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import fsspec

from etl.errors import InputError
from etl.read.inputs import (FORMATS, GZIP_MAGIC, InputOptionsError, ReadResult, check_fields,
                             format_of_name, list_files, read_stream)

BLOCK_BYTES = 32 * 1024 * 1024   # JSON-lines blocks are at most this large
MIN_BLOCK_BYTES = 16 * 1024      # and, when a file is cut to keep every worker busy, this


@dataclass(frozen=True)
class Partition:
    """Part of one input: the whole file, or bytes [start, end) of a JSON-lines file."""

    url: str                          # what fsspec opens
    name: str                         # source_path recorded for its articles and errors
    format: str | None = None         # forced or from the extension; None = from the content
    start: int = 0
    end: int | None = None            # None: to the end of the file
    first_line: int = 1
    next_line: int | None = None      # first line of the next block, if any

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end is None


def plan(paths: Iterable[str], format: str | None = None, block_bytes: int = BLOCK_BYTES,
         parts_per_file: int = 1) -> Iterator[Partition | InputError]:
    """The partitions of the given files, folders and URLs, in reading order.

    A JSON-lines file is cut into blocks of at most `block_bytes`, and into at least
    `parts_per_file` blocks (of MIN_BLOCK_BYTES or more), so that one file keeps many workers
    busy."""
    if format is not None and format not in FORMATS:
        raise InputOptionsError(f"unknown input format {format!r} (choose from: "
                                f"{', '.join(FORMATS)})")
    for p in paths:
        if p == "-":
            raise InputOptionsError("standard input cannot be read on a cluster: give files "
                                    "or URLs the workers can open")
        for url, size in _files(p, format):
            if isinstance(url, InputError):
                yield url
                continue
            fmt = format or format_of_name(url)
            block = min(block_bytes, max(MIN_BLOCK_BYTES, -(-(size or 0) // parts_per_file)))
            if fmt == "jsonl" and size is not None and size > block:
                yield from _blocks(url, fmt, block)
            else:
                yield Partition(url, url, fmt)


def _files(p: str, format: str | None) -> Iterator[tuple[str | InputError, int | None]]:
    if "://" not in p:
        path = Path(p)
        if path.is_dir():
            for item in list_files(path, format):
                yield (item, None) if isinstance(item, InputError) else \
                    (str(item), item.stat().st_size if item.is_file() else None)
        elif path.exists():
            yield p, path.stat().st_size if path.is_file() else None
        else:
            yield InputError(p, "no such file or directory"), None
        return
    fs, root = fsspec.core.url_to_fs(p)
    protocol = p.split("://", 1)[0]
    if fs.isdir(root):
        for found in sorted(fs.find(root)):
            base = posixpath.basename(found)
            if base.startswith(".") or (format is None and format_of_name(base) is None):
                continue
            yield f"{protocol}://{found.removeprefix(protocol + '://')}", fs.size(found)
    elif fs.exists(root):
        yield p, fs.size(root)
    else:
        yield InputError(p, "no such file or directory"), None


def _blocks(url: str, fmt: str, block_bytes: int) -> Iterator[Partition]:
    """Blocks of whole lines of about block_bytes each, with the number of their first line."""
    with fsspec.open(url, "rb") as f:
        if f.read(2) == GZIP_MAGIC:      # compressed: no byte ranges
            yield Partition(url, url, fmt)
            return
        f.seek(0)
        start, line, offset, lines_before = 0, 1, 0, 0
        while chunk := f.read(8 * 1024 * 1024):
            pos = 0
            while offset + len(chunk) - start > block_bytes:
                cut = chunk.find(b"\n", max(start + block_bytes - offset, pos))
                if cut < 0:
                    break
                end = offset + cut + 1
                next_line = lines_before + chunk.count(b"\n", 0, cut + 1) + 1
                yield Partition(url, url, fmt, start, end, line, next_line)
                line, start, pos = next_line, end, cut + 1
            lines_before += chunk.count(b"\n")
            offset += len(chunk)
        if offset > start:
            yield Partition(url, url, fmt, start, None, line)


class _Range(io.RawIOBase):
    """At most `length` bytes of a file, as a stream."""

    def __init__(self, f, length: int | None):
        self.f, self.left = f, length

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = len(b) if self.left is None else min(len(b), self.left)
        data = self.f.read(n)
        b[:len(data)] = data
        if self.left is not None:
            self.left -= len(data)
        return len(data)


def read_partition(part: Partition,
                   fields: Mapping[str, str] | None = None) -> Iterator[ReadResult]:
    """The articles (and InputErrors) of one partition."""
    try:
        fs, path = fsspec.core.url_to_fs(part.url)
        size = fs.size(path) if fs.isfile(path) else None
        f = fs.open(path, "rb")
    except OSError as e:
        yield InputError(part.name, f"cannot be read: {e.strerror or e}")
        return
    with f:
        if part.whole:
            yield from read_stream(part.name, f, part.format, check_fields(fields), size=size)
            return
        f.seek(part.start)
        length = None if part.end is None else part.end - part.start
        yield from read_stream(part.name, _Range(f, length), "jsonl", check_fields(fields),
                               first_line=part.first_line)
