"""Encoding labels as browsers read them: the WHATWG Encoding Standard's label table.

Pages declare charsets by labels that browsers have long read as a larger encoding: a page
labelled gb2312 is decoded as GBK, iso-8859-1 and us-ascii as windows-1252, euc-kr as
windows-949, shift_jis as windows-31j. Python's codecs take the labels literally, and then fail
on characters every browser shows. `codec_for_label` gives the Python codec a browser would use.
"""
from __future__ import annotations

import codecs

# label (lower case) -> Python codec; from the WHATWG Encoding Standard's "Encodings" table.
# Labels not listed here are looked up by Python (iso-8859-5, koi8-r, windows-1251, ...).
_WHATWG = {
    **dict.fromkeys(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8",
                     "x-unicode20utf8"], "utf-8"),
    **dict.fromkeys(["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819",
                     "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
                     "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
                     "x-cp1252"], "cp1252"),
    **dict.fromkeys(["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9",
                     "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5",
                     "windows-1254", "x-cp1254"], "cp1254"),
    **dict.fromkeys(["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620",
                     "windows-874"], "cp874"),
    **dict.fromkeys(["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312",
                     "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"], "gbk"),
    "gb18030": "gb18030",
    **dict.fromkeys(["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"], "big5hkscs"),
    **dict.fromkeys(["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean",
                     "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601",
                     "windows-949"], "cp949"),
    **dict.fromkeys(["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
                     "windows-31j", "x-sjis"], "cp932"),
    **dict.fromkeys(["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"], "euc_jp"),
    **dict.fromkeys(["csiso2022jp", "iso-2022-jp"], "iso2022_jp"),
    **dict.fromkeys(["csiso88598i", "iso-8859-8-i", "logical"], "iso8859_8"),
    **dict.fromkeys(["koi8-ru", "koi8-u"], "koi8_u"),
    **dict.fromkeys(["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"], "koi8_r"),
    **dict.fromkeys(["csmacintosh", "mac", "macintosh", "x-mac-roman"], "mac_roman"),
    "x-mac-cyrillic": "mac_cyrillic", "x-mac-ukrainian": "mac_cyrillic",
    **dict.fromkeys(["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff",
                     "utf-16", "utf-16le"], "utf-16-le"),
    **dict.fromkeys(["unicodefffe", "utf-16be"], "utf-16-be"),
}
# Labels browsers refuse to decode with (the "replacement" encoding): ignore the declaration.
_REPLACEMENT = {"csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr",
                "replacement"}


def codec_for_label(label: str | None) -> str | None:
    """The Python codec a browser would decode with, or None for an unknown or refused label."""
    if not label:
        return None
    key = label.strip().strip("\"'").strip().lower()
    if key in _REPLACEMENT:
        return None
    name = _WHATWG.get(key, key)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
