"""Bytes to text: byte-order marks, UTF-8, then the 8-bit encodings news text is found in.

Order matters. A BOM is certain; a declared charset (HTML meta, HTTP header) is usually right;
strict UTF-8 almost never accepts text that is not UTF-8. Only then do we guess, and we guess
Windows-1252 first because charset detectors confuse it with its Baltic and Central European
cousins on short Western texts ("crčme" for "crème").
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from etl.read.encodings import codec_for_label

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# A valid UTF-8 multi-byte sequence; used to tell "UTF-8 with a few stray bytes" from 8-bit text.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Non-ASCII characters a Western text in Windows-1252 plausibly contains besides letters.
_WESTERN_SYMBOLS = set("\u00a0“”‘’‚„–—…•€£¥¢©®™°±²³·«»§¶¿¡×÷¼½¾†‡‰ªº´¨¸¯¦")

_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 32)])   # not NUL, not tab/newline/FF/CR
MAGIC_NUMBERS = (
    (b"%PDF-", "a PDF document (extract its text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file); unpack or convert it first"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office document; convert it to text first"),
    (b"\x7fELF", "an executable"), (b"BZh", "a bzip2 archive; decompress it first"),
    (b"\xfd7zXZ", "an xz archive; decompress it first"), (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
)


MAX_REPLACED_SHARE = 0.005     # of the characters, for a declared encoding with broken bytes


class UndecodableText(ValueError):
    """The bytes are neither UTF-8 nor any 8-bit text we can recognise."""


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in BOM-less UTF-16 ASCII text."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def binary_kind(sample: bytes) -> str | None:
    """What the bytes are when they are clearly not text, else None.

    A few NUL bytes inside text are tolerated (the cleaner removes them); many NUL or
    other control bytes mean a binary file.
    """
    if not sample or bom_encoding(sample) or utf16_without_bom(sample):
        return None
    for magic, what in MAGIC_NUMBERS:
        if sample.startswith(magic):
            return what
    # NUL bytes are judged apart: text exported from some tools carries a sprinkling of them.
    nul = sample.count(0)
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if nul > max(len(sample) // 10, 8) or ctrl > max(len(sample) // 20, 8):
        return "binary data"
    return None


_ESCAPED = re.compile("[\udc80-\udcff]")


def _utf8_with_stray_bytes(data: bytes) -> tuple[str, int]:
    """UTF-8 where each invalid byte is read as Windows-1252; also the count of such bytes."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = 0

    def as_cp1252(m: re.Match) -> str:
        nonlocal stray
        stray += 1
        return bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace")

    return _ESCAPED.sub(as_cp1252, text), stray


def _plausible_western(text: str) -> bool:
    """True when the non-ASCII part looks like Western European letters and typography.

    Cyrillic or Greek in an 8-bit code page decodes in Windows-1252 to letters too, but then
    nearly every letter is non-ASCII; in Western languages accented letters are a minority.
    """
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    letters = sum(1 for c in text if c.isalpha())
    accented = sum(1 for c in non_ascii if c.isalpha())
    odd = sum(1 for c in non_ascii if not c.isalpha() and c not in _WESTERN_SYMBOLS)
    return accented <= 0.3 * max(letters, 1) and odd <= 0.1 * len(non_ascii)


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode article bytes; raises UndecodableText when no sensible reading exists."""
    bom = bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace")
    guess = utf16_without_bom(data[:4096])
    if guess:
        return data.decode(guess, errors="replace")
    declared = codec_for_label(declared)
    if declared and declared not in ("utf-8", "cp1252"):
        # Latin-1 and ASCII labels (read as windows-1252) are routinely wrong (the page is
        # UTF-8), so those go through the checks below; other labels are trusted if they decode.
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_error = e
    if declared and declared not in ("utf-8", "cp1252"):
        # As a browser does: the declared encoding, with the odd broken sequence replaced.
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") <= MAX_REPLACED_SHARE * len(text):
            return text
    # Mostly UTF-8 with a few stray 8-bit bytes (text pasted together from two sources).
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid >= 3:
        text, stray = _utf8_with_stray_bytes(data)
        if valid >= stray:
            return text
    try:
        text = data.decode("cp1252")
        if _plausible_western(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes   # only for the rare non-Western 8-bit file
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        text = str(best)
        if _looks_like_language(text):
            return text
    raise UndecodableText(f"not valid UTF-8 ({first_error.reason} at byte {first_error.start:,}) "
                          f"and not recognisable as another text encoding")


def _looks_like_language(text: str) -> bool:
    """Mostly letters, spaces and punctuation of one script, not a soup of symbols."""
    if not text:
        return False
    ok = sum(1 for c in text if c.isalnum() or c.isspace() or unicodedata.category(c)[0] == "P")
    return ok >= 0.9 * len(text)
