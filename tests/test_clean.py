"""Cleaning: the stored body, its hash, and the metadata strings."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timezone

import pytest

from etl.clean.text import (clean_field, clean_text, content_hash, normalise_whitespace, prepare,
                            remove_control_chars)
from etl.errors import InputError
from etl.model import RawArticle

BODY = ("The city council voted on Monday to build a new bridge across the river.\n\n"
        "“This is a great day for the town,” the mayor said after the vote.")


def raw(text=BODY, **kw):
    return RawArticle(source_path="a.txt", text=text, **kw)


def test_nfc_normalisation():
    decomposed = "Cafe\u0301 in Ko\u0308ln"            # e + combining acute, o + diaeresis
    assert clean_text(decomposed) == "Café in Köln"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


def test_control_characters_and_nul_removed():
    assert remove_control_chars("a\x00b\x07c\u200bd\ufeffe") == "abcde"
    assert remove_control_chars("line one\r\nline two\rthree\u2028four") == \
        "line one\nline two\nthree\nfour"


def test_soft_hyphen_removed_so_words_stay_whole():
    assert clean_text("The govern\u00adment said") == "The government said"


def test_c1_controls_become_the_intended_punctuation():
    # cp1252 quotes decoded as Latin-1 somewhere upstream
    assert clean_text("He said \x93no\x94 \x96 twice\x85") == "He said “no” – twice…"


def test_whitespace_normalised_but_paragraphs_kept():
    assert clean_text("  One\u00a0 two  \t\n\n\n\nThree   \n") == "One two\n\nThree"


def test_prepare_keeps_body_and_hash():
    a = prepare(raw(title=" Bridge\x00 vote ", url=" https://example.org/b ",
                    published_at=datetime(2025, 3, 3, tzinfo=timezone.utc),
                    authors=["Jane Doe", "Jane  Doe", ""]))
    assert a.text == BODY
    assert a.title == "Bridge vote" and a.url == "https://example.org/b"
    assert a.authors == ["Jane Doe"]
    assert a.content_hash == content_hash(BODY)
    assert a.boilerplate is None


def test_content_hash_ignores_whitespace_differences():
    assert content_hash("One  two\nthree") == content_hash("One two three ")
    assert content_hash("One two three") != content_hash("One two four")


def test_prepare_strips_boilerplate_into_its_own_field():
    a = prepare(raw(BODY + "\n\nPlease donate today to support our journalism."))
    assert a.text == BODY
    assert a.boilerplate == "Please donate today to support our journalism."
    assert a.content_hash == content_hash(BODY)


def test_prepare_rejects_an_empty_body():
    with pytest.raises(InputError, match="no article text"):
        prepare(raw("\x00\x00 \n\t"))


def test_clean_field():
    assert clean_field(None) is None and clean_field("  \x00 ") is None
    assert clean_field("Jane\nDoe\x00") == "Jane Doe"


@pytest.mark.parametrize("broken, fixed", [
    ("It wasnâ€™t clear", "It wasn’t clear"),
    ("said JosÃ© MarÃ­a", "said José María"),
    ("â€œWe will winâ€\x9d, he said", "“We will win”, he said"),
])
def test_mojibake_is_repaired(broken, fixed):
    assert clean_text(broken) == fixed
    assert clean_field(broken) == fixed


@pytest.mark.parametrize("text", ["Café – “fine” façade naïve, Zürich 5°C, £10",
                                  "Москва и 北京", "père—fils"])
def test_correct_text_is_left_alone(text):
    assert clean_text(text) == text


def test_reading_does_not_import_cleaning():
    import subprocess
    import sys
    code = ("import sys, etl.read.inputs, etl.read.html, etl.read.warc; "
            "print(sorted(m for m in sys.modules if m.startswith(('etl.clean', 'etl.extract', "
            "'etl.load', 'etl.db'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


WRAPPED = ("Harbour Board chairman Olu\n"
           "Bensen said the board would sell its stake in the ferry company\n"
           "to a group of local investors for about 12 mln dlrs, the board\n"
           "said in a statement on Monday.\n"
           "    The sale is expected to close in June, Bensen told reporters\n"
           "after a meeting with the investors in the town hall.\n")


def test_hard_wrapped_paragraphs_are_joined_into_lines():
    assert clean_text(WRAPPED) == (
        "Harbour Board chairman Olu Bensen said the board would sell its stake in the ferry "
        "company to a group of local investors for about 12 mln dlrs, the board said in a "
        "statement on Monday.\n"
        " The sale is expected to close in June, Bensen told reporters after a meeting with the "
        "investors in the town hall.")


@pytest.mark.parametrize("text", [
    pytest.param(BODY, id="a paragraph a line"),
    pytest.param("Results of the regional vote:\nNorth 12,400\nSouth 9,800\nEast 7,100\n"
                 "West 6,950", id="a short list"),
    pytest.param("Prices of the week, in dlrs per tonne:\n"
                 "                Monday    Tuesday   Wednesday\n"
                 "Wheat           120.50    121.00    119.75\n"
                 "Maize           101.25    100.75    102.00", id="a table"),
    pytest.param("The mayor opened the new library on a rainy Saturday afternoon.\n"
                 "The council paid for most of it with money from the harbour sale.\n"
                 "Readers queued outside the door for an hour before it opened.",
                 id="short paragraphs that end their sentences"),
])
def test_text_that_is_not_hard_wrapped_keeps_its_lines(text):
    assert clean_text(text) == normalise_whitespace(text)


def test_a_name_cut_by_a_line_break_in_wrapped_copy_is_one_person():
    from etl.extract.pipeline import process
    [done] = process([prepare(raw(WRAPPED))])
    assert [p.name for p in done.extraction.people] == ["Olu Bensen"]
