"""Publication dates from metadata, in the forms news data carries them.

ISO 8601, RFC 2822 (RSS), "March 3, 2025", "3 March 2025", "Mon, 3 Mar 2025 10:00", epoch
seconds (or milliseconds, as JavaScript writes them). A date or time without a zone is taken
as UTC so that every stored instant is aware.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

# 1e11 seconds is the year 5138: larger numbers are milliseconds.
_EPOCH_MS_FROM = 100_000_000_000
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.I)
_AT = re.compile(r"\s+(at|,)\s+|\s*,\s*", re.I)
_ZONE_NAMES = {"UTC": "+0000", "GMT": "+0000", "Z": "+0000", "EST": "-0500", "EDT": "-0400",
               "CST": "-0600", "CDT": "-0500", "MST": "-0700", "MDT": "-0600", "PST": "-0800",
               "PDT": "-0700", "BST": "+0100", "CET": "+0100", "CEST": "+0200"}
_TRAILING_ZONE = re.compile(r"\s*\b(" + "|".join(_ZONE_NAMES) + r")$")
_RFC2822_SHAPE = re.compile(r"([A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_DATES = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y",
          "%Y%m%d")
_TIMES = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M%p", " %I %p", " %I:%M:%S %p")


def parse_datetime(value) -> datetime | None:
    """An aware datetime, None for an empty value; ValueError when the value is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, (int, float)) or re.fullmatch(r"\s*\d{9,13}(\.\d+)?\s*", str(value)):
        return _from_epoch(float(value))
    s = str(value).strip()
    if not s:
        return None
    dt = _iso(s) or _rfc2822(s) or _written(s)
    if dt is None:
        raise ValueError(f"unrecognised date {s!r}")
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _from_epoch(seconds: float) -> datetime:
    if abs(seconds) >= _EPOCH_MS_FROM:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError) as e:
        raise ValueError(f"epoch time out of range: {seconds!r}") from e


def _iso(s: str) -> datetime | None:
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def _rfc2822(s: str) -> datetime | None:
    # parsedate_to_datetime accepts odd fragments ("March 3, 2025 10:15 PM" as 10:15):
    # only give it the RFC 2822 shape "[Mon, ]3 Mar 2025 10:15[:00] [zone]".
    if not _RFC2822_SHAPE.match(s):
        return None
    try:
        return parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None


def _written(s: str) -> datetime | None:
    """Dates as people write them: 'Monday, March 3rd, 2025 at 10:15 am EST'."""
    t = _WEEKDAY.sub("", s)
    t = _ORDINAL.sub("", t)
    t = re.sub(r"(?<=[A-Za-z])\.", "", t)          # "Mar." -> "Mar", "a.m." -> "am"
    t = re.sub(r"\b([ap])m\b", r"\1M", t, flags=re.I)
    offset = None
    m = _TRAILING_ZONE.search(t)
    if m:
        offset = _ZONE_NAMES[m.group(1)]
        t = t[: m.start()]
    m = re.search(r"\s*([+-]\d{2}:?\d{2})$", t)
    if m and offset is None:
        offset = m.group(1).replace(":", "")
        t = t[: m.start()]
    t = _AT.sub(" ", t).strip()
    t = t.replace("T", " ") if re.match(r"\d{4}-\d{2}-\d{2}T", t) else t
    for d in _DATES:
        for tm in _TIMES:
            try:
                dt = datetime.strptime(t, d + tm)
            except ValueError:
                continue
            if offset:
                dt = datetime.strptime(dt.strftime("%Y-%m-%d %H:%M:%S") + offset,
                                       "%Y-%m-%d %H:%M:%S%z")
            return dt
    return None
