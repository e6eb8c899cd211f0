"""Publication dates from metadata, in the forms news data carries them.

ISO 8601 and RFC 2822 (RSS) first, as fast paths; then written forms ("March 3, 2025, 10:15
a.m. ET", "3 March 2025", "Mon, 3 Mar 2025 10:00") with zone abbreviations read from one
explicit table, then python-dateutil for the rest; epoch seconds (or milliseconds, as JavaScript
writes them). A date or time without a zone is taken as UTC so that every stored instant is
aware.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

# 1e11 seconds is the year 5138: larger numbers are milliseconds.
_EPOCH_MS_FROM = 100_000_000_000
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.I)
_AT = re.compile(r"\s+(at|,)\s+|\s*,\s*", re.I)
# Zone abbreviations news sites print. Many are ambiguous ("IST" is India, Ireland or Israel;
# "AST" Atlantic or Arabia; "CST" US Central or China), so each is decided here, once, for the
# reading most common in English-language news. Hours east of UTC, or an IANA zone for the
# "ET"/"PT" forms, whose offset depends on daylight saving time at that date.
_ZONES: dict[str, float | str] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 5.5,
    "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "WAT": 1, "CAT": 2, "SAST": 2, "EAT": 3,
    "PKT": 5, "ICT": 7, "WIB": 7, "SGT": 8, "HKT": 8, "PHT": 8, "AWST": 8, "JST": 9,
    "KST": 9, "ACST": 9.5, "ACDT": 10.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "NST": -3.5, "NDT": -2.5, "AST": -4, "ADT": -3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10,
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_TRAILING_ZONE = re.compile(r"\s*\b(" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")$")
# dateutil is the last resort: only for strings that name a month or give a four-digit year,
# since it would otherwise read "5" or "Friday" as a date.
_DATE_LIKE = re.compile(r"\b(1[89]|2\d)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                        re.I)


def _zone(name: str) -> tzinfo:
    value = _ZONES[name]
    if isinstance(value, str):
        from zoneinfo import ZoneInfo
        return ZoneInfo(value)
    return timezone(timedelta(hours=value))


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
    zone = None
    m = _TRAILING_ZONE.search(t)
    if m:
        zone = _zone(m.group(1))
        t = t[: m.start()]
    m = re.search(r"\s*([+-])(\d{2}):?(\d{2})$", t)
    if m and zone is None:
        sign = 1 if m.group(1) == "+" else -1
        zone = timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
        t = t[: m.start()]
    t = _AT.sub(" ", t).strip()
    t = t.replace("T", " ") if re.match(r"\d{4}-\d{2}-\d{2}T", t) else t
    dt = _strptime(t)
    if dt is None and _DATE_LIKE.search(t):
        dt = _dateutil(t)
    if dt is not None and zone is not None:
        dt = dt.replace(tzinfo=zone)   # wall-clock time in that zone (DST-aware for ET, PT)
    return dt


def _strptime(t: str) -> datetime | None:
    for d in _DATES:
        for tm in _TIMES:
            try:
                return datetime.strptime(t, d + tm)
            except ValueError:
                continue
    return None


def _dateutil(t: str) -> datetime | None:
    """Other written forms ("3 Mar. 2025 10:15:00", "2025/3/3 9h15"), read by python-dateutil."""
    from dateutil import parser
    try:
        return parser.parse(t, dayfirst=False, tzinfos=lambda name, offset: None)
    except (ValueError, OverflowError):
        return None
