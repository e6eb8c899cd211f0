"""Property-based tests: whatever bytes arrive, the readers and the extraction give an
InputError or a result, never a crash, and never fall back on the reader's last-resort catch
(an InputError "could not be read (SomeException: ...)" that stands for a bug).

The number of examples comes from the Hypothesis profile: `ci` (the default, short) or `dev`
(HYPOTHESIS_PROFILE=dev pytest tests/test_properties.py), registered in conftest.py."""
from __future__ import annotations

import gzip
import io
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from etl.errors import InputError
from etl.clean.text import clean_all
from etl.extract.pipeline import process
from etl.model import Article, RawArticle
from etl.read.inputs import read_stream

FORMATS = ["txt", "jsonl", "json", "html", "warc"]


def _read(name: str, data: bytes, fmt: str | None) -> list:
    items = list(read_stream(name, io.BytesIO(data), format=fmt))
    for item in items:
        assert isinstance(item, (RawArticle, InputError)), item
        if isinstance(item, InputError):
            assert not item.problem.startswith("could not be read ("), item.problem
    cleaned = list(clean_all(items))
    for item in cleaned:
        assert isinstance(item, (Article, InputError)), item
    return cleaned


@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS + [None]))
def test_random_bytes(data, fmt):
    _read("input", data, fmt)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["text", "body", "title", "url", "published_at", "source",
                                       "id", "authors", "x"]) | st.text(max_size=5),
                      children, max_size=5),
    max_leaves=12)


@given(records=st.lists(json_values, max_size=5))
def test_random_json_lines(records):
    data = "\n".join(json.dumps(r) for r in records).encode()
    _read("input.jsonl", data, "jsonl")
    _read("input.json", json.dumps(records).encode(), "json")


html_text = st.lists(st.sampled_from(["<html>", "<head>", "<title>", "</title>", "<body>", "<p>",
                                      "</p>", "<div>", "<script>", "</script>", "<!--", "-->",
                                      "<meta charset='latin-1'>", "&amp;", "&#0;", "<br/>",
                                      "Mayor Anna Albers said", '"', ".", "\x00", "é"])
                     | st.text(max_size=20), max_size=40).map("".join)


@given(html=html_text)
def test_random_html(html):
    _read("page.html", html.encode("utf-8", "surrogatepass"), "html")


def _warc(html: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    payload = html.encode("utf-8", "surrogatepass")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example.org/a", "response",
                                                  payload=io.BytesIO(payload),
                                                  http_headers=headers))
    return out.getvalue()


@given(html=html_text, cut=st.floats(min_value=0, max_value=1))
def test_truncated_warc(html, cut):
    data = _warc("<html><body><p>Mayor Anna Albers said the bridge would open.</p>" + html)
    _read("crawl.warc.gz", data[:int(len(data) * cut)], "warc")


@given(lines=st.lists(st.text(max_size=80), min_size=1, max_size=5),
       cut=st.floats(min_value=0, max_value=1), fmt=st.sampled_from(["txt", "jsonl"]))
def test_truncated_gzip(lines, cut, fmt):
    raw = ("\n".join(json.dumps({"text": t}) for t in lines) if fmt == "jsonl"
           else "\n".join(lines)).encode("utf-8", "surrogatepass")
    data = gzip.compress(raw)
    _read(f"input.{fmt}.gz", data[:int(len(data) * cut)], None)


sentences = st.lists(st.sampled_from(['"We will build it," Mayor Anna Albers said.',
                                      "The Port Ellery Council voted.", "He said:", '"', "“",
                                      "”", "according to", "NATO", "Mr.", "\n\n", " ", "-",
                                      "Albers", "(AfD)"])
                     | st.text(max_size=30), min_size=1, max_size=25).map(" ".join)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text=sentences)
def test_extraction_of_random_text(text):
    for item in _read("story.txt", text.encode("utf-8", "surrogatepass"), "txt"):
        if isinstance(item, InputError):
            continue
        (p,) = process([item])
        body = p.article.text
        x = p.extraction
        spans = [(m.start, m.end, m.text) for e in x.people + x.organisations for m in e.mentions]
        spans += [(q.start, q.end, None) for q in x.quotes]
        for start, end, written in spans:
            assert 0 <= start <= end <= len(body)
            if written is not None:
                assert body[start:end] == written
