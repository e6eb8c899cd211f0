"""Readers: files, directories and stdin into RawArticle records.

Readers never raise for a bad input: they yield an InputError in its place, so one bad file or
line is reported and the rest still loads.
"""
from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from etl.errors import InputError
from etl.model import RawArticle

MAX_FILE_BYTES = 20 * 1024 * 1024     # a single article file larger than this is not an article
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES

FIELD_ALIASES = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published_at": ("published_at", "published", "date", "pubdate", "date_publish", "datetime"),
    "source": ("source", "outlet", "publisher", "site", "source_domain"),
    "id": ("id", "article_id", "guid", "uuid"),
}

ReadResult = RawArticle | InputError


def iter_inputs(paths: Iterable[str], format: str | None = None,
                fields: dict[str, str] | None = None) -> Iterator[ReadResult]:
    """Every article in the given files, directories (recursively) and '-' (stdin)."""
    for p in paths:
        if p == "-":
            yield from read_stream("-", sys.stdin.buffer)
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield InputError(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[ReadResult]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            yield InputError(dirpath, "directory visited twice (symbolic link loop); skipped")
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames.sort()
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if name.startswith(".") or f.suffix.lower() not in SUPPORTED:
                continue
            yield from read_file(f)


def read_file(path: Path) -> Iterator[ReadResult]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield InputError(str(path), f"file is {size:,} bytes, more than the "
                                        f"{MAX_FILE_BYTES:,} bytes newsetl reads as articles")
            return
        data = path.read_bytes()
    except OSError as e:
        yield InputError(str(path), f"cannot be read: {e.strerror or e}")
        return
    yield from _read_bytes(str(path), data, path.suffix.lower())


def read_stream(name: str, stream: io.BufferedIOBase) -> Iterator[ReadResult]:
    data = stream.read()
    head = data.lstrip()[:1]
    yield from _read_bytes(name, data, ".jsonl" if head in (b"{", b"[") else ".txt")


def _read_bytes(name: str, data: bytes, suffix: str) -> Iterator[ReadResult]:
    if not data.strip():
        yield InputError(name, "file is empty")
        return
    if _looks_binary(data):
        yield InputError(name, "file is binary, not text")
        return
    try:
        text = decode(data)
    except UnicodeDecodeError as e:
        yield InputError(name, f"text cannot be decoded ({e.reason} at byte {e.start})")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(name, text)
    else:
        yield from _read_text(name, text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    nul = sample.count(b"\x00")
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return nul > len(sample) // 100 or ctrl > len(sample) // 10


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def looks_like_headline(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 200 or len(s.split()) > 25:
        return False
    return not s.endswith((".", ",", ";", ":")) or s.endswith("...")


def _read_text(name: str, text: str) -> Iterator[ReadResult]:
    body = text.strip()
    title = None
    first, sep, rest = body.partition("\n")
    if sep and rest.strip() and looks_like_headline(first):
        title, body = first.strip(), rest.strip()
    yield RawArticle(source_path=name, text=body, title=title)


def _pick(obj: dict, key: str):
    for k in FIELD_ALIASES[key]:
        v = obj.get(k)
        if v not in (None, ""):
            return v
    return None


def parse_datetime(value) -> datetime | None:
    """ISO 8601 and a few common forms; a date without a zone is taken as UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    s = str(value).strip()
    dt = None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError):
            for fmt in ("%Y-%m-%d %H:%M:%S", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y",
                        "%Y/%m/%d", "%d/%m/%Y"):
                try:
                    dt = datetime.strptime(s, fmt)
                    break
                except ValueError:
                    continue
    if dt is None:
        raise ValueError(f"unrecognised date {s!r}")
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _read_jsonl(name: str, text: str) -> Iterator[ReadResult]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as e:
            yield InputError(name, f"malformed JSON: {e.msg}", line=e.lineno)
            return
        records = [(i + 1, obj) for i, obj in enumerate(items)]
    else:
        records = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((lineno, json.loads(line)))
            except json.JSONDecodeError as e:
                records.append((lineno, InputError(name, f"malformed JSON: {e.msg}", line=lineno)))
    for lineno, obj in records:
        if isinstance(obj, InputError):
            yield obj
            continue
        yield _record(name, lineno, obj)


def _record(name: str, lineno: int, obj) -> ReadResult:
    if not isinstance(obj, dict):
        return InputError(name, "expected a JSON object with a text field", line=lineno)
    body = _pick(obj, "text")
    if not isinstance(body, str) or not body.strip():
        return InputError(name, "record has no text (looked for: "
                                + ", ".join(FIELD_ALIASES["text"]) + ")", line=lineno)
    try:
        published = parse_datetime(_pick(obj, "published_at"))
    except (ValueError, OverflowError, OSError) as e:
        return InputError(name, f"bad published date: {e}", line=lineno)
    ext_id = _pick(obj, "id")
    title = _pick(obj, "title")
    return RawArticle(
        source_path=name, text=body, title=str(title).strip() if title else None,
        url=_pick(obj, "url"), published_at=published, source=_pick(obj, "source"),
        external_id=str(ext_id) if ext_id is not None else None, line=lineno)
