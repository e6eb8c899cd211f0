"""Reading real-world inputs: formats, encodings, dates and bad files.

Every input is generated here in tmp_path; nothing is read from the datasets.
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.model import RawArticle
from etl.read.inputs import (MAX_FILE_BYTES, InputOptionsError, iter_inputs, looks_like_headline,
                      read_stream)
from etl.read.dates import parse_datetime

BODY = ("The city council voted on Monday to build a new bridge across the river.\n\n"
        "“This is a great day for the town,” the mayor said after the vote.")
UTC = timezone.utc


def read_all(*paths, **kw):
    return list(iter_inputs([str(p) for p in paths], **kw))


def articles(results):
    return [r for r in results if isinstance(r, RawArticle)]


def errors(results):
    return [r for r in results if isinstance(r, InputError)]


def only_error(results) -> InputError:
    errs = errors(results)
    assert len(errs) == 1, results
    return errs[0]


# --------------------------------------------------------------------------- plain text

def test_text_headline_first_line_becomes_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Council approves new bridge\n\n" + BODY, encoding="utf-8")
    [a] = read_all(f)
    assert a.title == "Council approves new bridge"
    assert a.text.startswith("The city council voted")


def test_text_first_sentence_is_not_a_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BODY, encoding="utf-8")
    [a] = read_all(f)
    assert a.title is None
    assert a.text.startswith("The city council voted")


@pytest.mark.parametrize("line,blank,expected", [
    ("Council approves new bridge", False, True),
    ("Is this the end of the high street?", False, True),
    ("Stealthy Council Moves Bridge Vote To Monday.", True, True),     # Title Case, set apart
    ("The council voted on Monday to build a bridge.", True, False),   # a sentence
    ("WASHINGTON (Reuters) - The Senate voted", False, False),         # a dateline
    ("the council voted", False, False),
    ("Bridge", False, False),
])
def test_looks_like_headline(line, blank, expected):
    assert looks_like_headline(line, followed_by_blank=blank) is expected


def test_one_line_file_is_body_not_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Council approves new bridge", encoding="utf-8")
    [a] = read_all(f)
    assert a.title is None and a.text == "Council approves new bridge"


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings(tmp_path, encoding):
    text = "Café owners in Köln said the “new rules” were unfair – and déjà vu."
    if encoding in ("latin-1",):
        text = "Café owners in Köln said the new rules were unfair, and déjà vu."
    f = tmp_path / "a.txt"
    f.write_bytes(text.encode(encoding))
    [a] = read_all(f)
    assert a.text == text


def test_cyrillic_8bit_text_is_detected(tmp_path):
    text = ("Правительство объявило о новых мерах поддержки экономики. "
            "Министр финансов заявил, что бюджет будет пересмотрен в следующем месяце.")
    f = tmp_path / "ru.txt"
    f.write_bytes(text.encode("cp1251"))
    [a] = read_all(f)
    assert a.text == text


def test_utf8_with_a_stray_cp1252_byte(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes("Le café “noir” était déjà fermé, ".encode() + b"dit le ma\xeetre.")
    [a] = read_all(f)
    assert a.text.endswith("dit le maître.")


def test_nul_bytes_are_cleaned_not_an_error(tmp_path):
    from etl.clean.text import prepare
    f = tmp_path / "nul.txt"
    f.write_bytes(BODY.encode().replace(b"council", b"coun\x00cil", 1) + b"\x00\n")
    [a] = read_all(f)
    art = prepare(a)
    assert "\x00" not in art.text
    assert "council voted" in art.text


# --------------------------------------------------------------------------- bad files

def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    err = only_error(read_all(f))
    assert err.path == str(f) and "empty" in err.problem


def test_blank_file(tmp_path):
    f = tmp_path / "blank.txt"
    f.write_bytes(b"  \n\n\t\n")
    assert "empty" in only_error(read_all(f)).problem


def test_binary_file(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(bytes(range(256)) * 40)
    err = only_error(read_all(f))
    assert "binary" in err.problem and err.path == str(f)


def test_pdf_named_as_text(tmp_path):
    f = tmp_path / "report.txt"
    f.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" + bytes(300))
    assert "PDF" in only_error(read_all(f)).problem


def test_truncated_gzip(tmp_path):
    data = gzip.compress((BODY * 200).encode())
    f = tmp_path / "cut.txt.gz"
    f.write_bytes(data[: len(data) // 2])
    err = only_error(read_all(f))
    assert "truncated" in err.problem and err.path == str(f)


def test_truncated_gzip_json_lines_keeps_earlier_lines(tmp_path):
    lines = "".join(json.dumps({"text": f"Article number {i}. " + BODY}) + "\n" for i in range(2000))
    data = gzip.compress(lines.encode())
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(data[: len(data) * 3 // 4])
    results = read_all(f)
    assert "truncated" in only_error(results).problem
    assert 0 < len(articles(results)) < 2000


def test_undecodable_bytes(tmp_path):
    f = tmp_path / "garbage.txt"
    # ASCII words between bytes that no 8-bit code page makes into words
    f.write_bytes(b"Some words here " + bytes([0x81, 0x8D, 0x90, 0xFE, 0xFF, 0x9D, 0xA4, 0xBF]) * 20)
    err = only_error(read_all(f))
    assert "UTF-8" in err.problem and err.path == str(f)


def test_malformed_json_line_names_the_line(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": BODY}) + "\n" + '{"text": "unclosed\n'
                 + json.dumps({"text": BODY + " Again."}) + "\n", encoding="utf-8")
    results = read_all(f)
    err = only_error(results)
    assert err.line == 2 and "malformed JSON" in err.problem
    assert [a.line for a in articles(results)] == [1, 3]


def test_json_line_without_text(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"title": "No body here"}) + "\n", encoding="utf-8")
    err = only_error(read_all(f))
    assert err.line == 1 and "no article text" in err.problem


def test_html_without_text(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<!DOCTYPE html><html><head><title>Home</title></head><body><nav>Home</nav>"
                 "<script>var x = 1;</script></body></html>", encoding="utf-8")
    err = only_error(read_all(f))
    assert "no article text" in err.problem and err.path == str(f)


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:                      # sparse: no 50 MB written to disk
        fh.truncate(50 * 1024 * 1024)
    err = only_error(read_all(f))
    assert "52,428,800 bytes" in err.problem and f"{MAX_FILE_BYTES:,}" in err.problem


def test_directory_symlink_loop_reported_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.txt").write_text(BODY, encoding="utf-8")
    os.symlink(root, root / "a" / "back")          # corpus/a/back -> corpus
    results = read_all(root)
    assert len(articles(results)) == 1
    err = only_error(results)
    assert "loop" in err.problem and "back" in err.path


def test_bad_files_do_not_stop_the_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "bad.jsonl").write_text("{nope\n", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("not,an,article\n", encoding="utf-8")
    results = read_all(tmp_path, tmp_path / "missing.txt")
    assert len(articles(results)) == 1
    assert sorted(Path(e.path).name for e in errors(results)) == [
        "bad.jsonl", "bin.txt", "empty.txt", "missing.txt"]


# --------------------------------------------------------------------------- JSON

def test_json_lines_aliases_and_metadata(tmp_path):
    f = tmp_path / "a.jsonl"
    rec = {"headline": "Bridge vote", "body": BODY, "link": "https://example.org/b",
           "publishedAt": "2025-03-03T10:15:00Z", "source": {"id": "ex", "name": "Example News"},
           "author": ["Jane Doe", "John Roe"], "id": 42}
    f.write_text(json.dumps(rec) + "\n\n", encoding="utf-8")
    [a] = read_all(f)
    assert (a.title, a.url, a.source, a.external_id, a.authors) == (
        "Bridge vote", "https://example.org/b", "Example News", "42", ["Jane Doe", "John Roe"])
    assert a.published_at == datetime(2025, 3, 3, 10, 15, tzinfo=UTC)


def test_json_field_mapping(tmp_path):
    f = tmp_path / "a.jsonl"
    rec = {"content": BODY, "headline": "Bridge vote", "date": "3 March 2025",
           "link": "https://example.org/b", "meta": {"when": "March 4, 2025"}, "text": ""}
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    [a] = read_all(f, fields={"text": "content", "published_at": "meta.when"})
    assert a.text == BODY
    assert a.published_at == datetime(2025, 3, 4, tzinfo=UTC)


def test_unknown_field_mapping_is_an_options_error(tmp_path):
    with pytest.raises(InputOptionsError, match="unknown article field 'body_text'"):
        read_all(tmp_path, fields={"body_text": "x"})


def test_json_array_and_wrapped_response(tmp_path):
    arr = tmp_path / "a.json"
    arr.write_text(json.dumps([{"text": BODY}, {"title": "no text"}, {"text": BODY + " B."}],
                              indent=2), encoding="utf-8")
    wrapped = tmp_path / "b.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": [{"content": BODY}]}),
                       encoding="utf-8")
    results = read_all(arr, wrapped)
    assert [a.line for a in articles(results) if a.source_path == str(arr)] == [1, 3]
    assert "record 2" in only_error(results).problem
    assert any(a.source_path == str(wrapped) for a in articles(results))


def test_json_extension_holding_json_lines(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + " B."}) + "\n",
                 encoding="utf-8")
    assert len(articles(read_all(f))) == 2


def test_unparseable_date_keeps_the_article(tmp_path, caplog):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": BODY, "date": "sometime last week"}) + "\n",
                 encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        [a] = read_all(f)
    assert a.published_at is None
    assert "sometime last week" in caplog.text


def test_gzipped_json_lines(tmp_path):
    f = tmp_path / "a.jsonl.gz"
    f.write_bytes(gzip.compress((json.dumps({"text": BODY}) + "\n").encode()))
    [a] = read_all(f)
    assert a.text == BODY


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("value,expected", [
    ("2025-03-03T10:15:00Z", datetime(2025, 3, 3, 10, 15, tzinfo=UTC)),
    ("2025-03-03T10:15:00+01:00", datetime(2025, 3, 3, 9, 15, tzinfo=UTC)),
    ("2025-03-03", datetime(2025, 3, 3, tzinfo=UTC)),
    ("Mon, 03 Mar 2025 10:15:00 -0500", datetime(2025, 3, 3, 15, 15, tzinfo=UTC)),
    ("March 3, 2025", datetime(2025, 3, 3, tzinfo=UTC)),
    ("3 March 2025", datetime(2025, 3, 3, tzinfo=UTC)),
    ("Monday, March 3rd, 2025 at 10:15 pm", datetime(2025, 3, 3, 22, 15, tzinfo=UTC)),
    (1741000000, datetime(2025, 3, 3, 11, 6, 40, tzinfo=UTC)),
    ("1741000000000", datetime(2025, 3, 3, 11, 6, 40, tzinfo=UTC)),   # milliseconds
    # Zone abbreviations, from one explicit table; ET follows daylight saving time.
    ("March 3, 2025, 10:15 a.m. ET", datetime(2025, 3, 3, 15, 15, tzinfo=UTC)),
    ("July 3, 2025, 10:15 a.m. ET", datetime(2025, 7, 3, 14, 15, tzinfo=UTC)),
    ("March 3, 2025, 10:15:00 IST", datetime(2025, 3, 3, 4, 45, tzinfo=UTC)),
    ("March 3, 2025, 09:00 AEDT", datetime(2025, 3, 2, 22, 0, tzinfo=UTC)),
    ("2025-03-03 10:15 +05:30", datetime(2025, 3, 3, 4, 45, tzinfo=UTC)),
    # python-dateutil behind the fast paths
    ("4 March 2025 11:30:15.250", datetime(2025, 3, 4, 11, 30, 15, 250000, tzinfo=UTC)),
])
def test_parse_datetime(value, expected):
    dt = parse_datetime(value)
    assert dt == expected and dt.tzinfo is not None


@pytest.mark.parametrize("value", ["yesterday", "2025-13-45", "March 45, 2025", True, "Friday",
                                   "5"])
def test_parse_datetime_rejects(value):
    with pytest.raises(ValueError):
        parse_datetime(value)


def test_parse_datetime_empty_is_none():
    assert parse_datetime(None) is None and parse_datetime("") is None


# --------------------------------------------------------------------------- HTML and WARC

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">
<title>Council approves new bridge | The Daily Example</title>
<meta property="og:title" content="Council approves new bridge">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-03-03T10:15:00+01:00">
<link rel="canonical" href="https://example.org/news/bridge">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves new bridge</h1>
<p>The city council voted on Monday to build a new pedestrian bridge across the river,
ending a debate that has lasted almost a decade in the small town of Exampleton.</p>
<p>“This is a great day for the town,” said the mayor, Maria Lopez, after the vote.
Opponents said the cost of the café-side project was too high for a town of this size.</p>
<p>Construction is expected to start next spring and to take two years, according to
the council's planning department, which published the plans last year.</p>
</article><footer>© 2025 The Daily Example. All rights reserved.</footer></body></html>"""


def test_html_page(tmp_path):
    f = tmp_path / "page.html"
    f.write_bytes(PAGE.format(charset="windows-1252").encode("cp1252"))
    [a] = read_all(f)
    assert a.title == "Council approves new bridge"
    assert a.text.startswith("The city council voted")       # the <h1> is the title, not body
    assert "café-side" in a.text and "Home" not in a.text and "rights reserved" not in a.text
    assert a.url == "https://example.org/news/bridge"
    assert a.authors == ["Jane Doe"]
    assert a.published_at == datetime(2025, 3, 3, 9, 15, tzinfo=UTC)


def test_html_gz_and_format_override(tmp_path):
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(PAGE.format(charset="utf-8").encode()))
    odd = tmp_path / "page.dat"
    odd.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    assert len(articles(read_all(gz))) == 1
    assert len(articles(read_all(odd))) == 1                    # sniffed as HTML
    [as_text] = read_all(odd, format="txt")
    assert as_text.text.count("<") > 5                          # the markup, read as text


def _warc(path: Path, gz: bool):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        page = PAGE.format(charset="utf-8").encode()
        for i, (status, ctype, body) in enumerate([
                ("200 OK", "text/html; charset=utf-8", page),
                ("301 Moved Permanently", "text/html", b""),
                ("200 OK", "image/png", b"\x89PNG...."),
                ("200 OK", "text/html", page.replace(b"Maria Lopez", b"Ann Other"))]):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(f"https://example.org/news/{i}", "response",
                                       payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": "2025-03-04T08:00:00Z"})
            w.write_record(rec)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses(tmp_path, gz):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(f, gz)
    results = read_all(f)
    assert not errors(results)
    arts = articles(results)
    assert len(arts) == 2
    assert arts[0].fetched_at == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
    assert "Ann Other" in arts[1].text
    assert arts[0].line < arts[1].line                        # record numbers


def test_truncated_warc_gz(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    _warc(f, True)
    data = f.read_bytes()
    f.write_bytes(data[: len(data) - 200])
    results = read_all(f)
    assert "truncated" in only_error(results).problem


# --------------------------------------------------------------------------- stdin

def test_stdin_json_lines_and_text():
    js = io.BytesIO((json.dumps({"text": BODY}) + "\n").encode())
    [a] = list(read_stream("-", js))
    assert a.text == BODY and a.source_path == "-"
    [b] = list(read_stream("-", io.BytesIO(("Bridge vote\n\n" + BODY).encode("utf-16"))))
    assert b.title == "Bridge vote"


def test_unknown_format_is_an_options_error():
    with pytest.raises(InputOptionsError, match="unknown input format"):
        list(iter_inputs(["-"], format="pdf"))


def test_timezone_offsets_are_kept():
    assert parse_datetime("2025-03-03T10:15:00+05:30").utcoffset() == timedelta(hours=5, minutes=30)


def test_utf16_json_lines(tmp_path):
    f = tmp_path / "a.jsonl"
    lines = json.dumps({"text": BODY}, ensure_ascii=False) + "\n" + "{bad\n"
    f.write_bytes(lines.encode("utf-16"))
    results = read_all(f)
    assert len(articles(results)) == 1 and only_error(results).line == 2


def test_oversized_json_line_is_skipped(tmp_path, monkeypatch):
    import etl.read.inputs
    monkeypatch.setattr(etl.read.inputs, "MAX_FILE_BYTES", 1000)
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"text": "x " * 2000}) + "\n" + json.dumps({"text": BODY}) + "\n",
                 encoding="utf-8")
    results = read_all(f)
    err = only_error(results)
    assert err.line == 1 and "1,000 bytes" in err.problem
    assert [a.line for a in articles(results)] == [2]


def test_forced_format_reads_every_file_in_a_folder(tmp_path):
    (tmp_path / "story.dat").write_text(BODY, encoding="utf-8")
    (tmp_path / ".hidden").write_text(BODY, encoding="utf-8")
    assert read_all(tmp_path) == []                        # unknown extension: not an input
    assert len(articles(read_all(tmp_path, format="txt"))) == 1


def test_heavy_libraries_are_not_imported_for_text():
    import subprocess
    import sys
    code = ("import sys, etl.read.inputs, etl.clean.text; "
            "list(etl.read.inputs.iter_inputs([sys.argv[1]])); "
            "print(sorted(m for m in ('trafilatura', 'warcio', 'lxml', 'charset_normalizer') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, __file__], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert out.stdout.strip() == "[]"


def test_page_chrome_is_not_taken_as_the_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Share this article\n\n" + BODY, encoding="utf-8")
    [a] = read_all(f)
    assert a.title is None
