"""Encoding labels read as browsers read them (WHATWG), and WARC errors that say where."""
from __future__ import annotations

import io

import pytest

from etl.read.decoding import decode
from etl.read.encodings import codec_for_label
from test_read import articles, only_error, read_all

CHINESE = "市议会周二决定拆除河上的旧桥。朱镕基" + "，新桥明年动工。" * 20   # 镕 is in GBK, not GB2312


@pytest.mark.parametrize("label, codec", [
    ("gb2312", "gbk"), ("GB2312", "gbk"), ("x-gbk", "gbk"), ("iso-8859-1", "cp1252"),
    ("latin1", "cp1252"), ("US-ASCII", "cp1252"), ("shift_jis", "cp932"), ("euc-kr", "cp949"),
    ("big5", "big5hkscs"), ("iso-8859-9", "cp1254"), ("tis-620", "cp874"), ("utf8", "utf-8"),
    ("windows-1251", "cp1251"), ("hz-gb-2312", None), ("no-such-charset", None), (None, None),
])
def test_codec_for_label(label, codec):
    assert codec_for_label(label) == codec


def test_gb2312_page_is_decoded_as_gbk(tmp_path):
    html = (f"<html><head><meta charset=gb2312><title>旧桥拆除</title></head><body><article>"
            f"<h1>旧桥拆除</h1><p>{CHINESE}</p></article></body></html>")
    f = tmp_path / "page.html"
    f.write_bytes(html.encode("gbk"))
    [a] = articles(read_all(f))
    assert "朱镕基" in a.text


def test_latin1_label_is_windows_1252():
    assert decode("“Quoted” – café".encode("cp1252"), declared="iso-8859-1") == "“Quoted” – café"


def _warc_with_empty_page(path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, body in enumerate([b"<html><body><p>" + b"Words of the story here. " * 20
                                  + b"</p></body></html>", b"<html><body>Home</body></html>"]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://example.org/news/{i}", "response",
                                                payload=io.BytesIO(body), http_headers=headers))


def test_warc_error_names_the_record_url_and_byte_offset(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    _warc_with_empty_page(f)
    results = read_all(f)
    err = only_error(results)
    assert err.line is None
    assert err.problem.startswith("record at byte ")
    assert err.problem.endswith("(https://example.org/news/1): no article text found in the HTML")
    offset = int(err.problem.split()[3].replace(",", ""))
    import gzip
    with open(f, "rb") as fh:            # the offset is where that record's gzip member starts
        fh.seek(offset)
        assert b"https://example.org/news/1" in gzip.GzipFile(fileobj=fh).read(2000)
