"""A web page's own metadata, checked: titles cut to the headline, sources, authors, URLs."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from etl.read.html import read_html
from etl.read.metadata import cut_site_name, person_name, registrable_label

BODY = """<article><h1>{h1}</h1>
<p>The harbour authority said on Tuesday that the old pier would close for repairs next month,
after divers found cracks in three of its concrete pillars during a routine inspection.</p>
<p>Fishing boats that use the pier will move to the northern quay until the work is done, the
authority said, adding that the repairs were expected to take about six weeks in all.</p>
</article>"""


def page(head: str, h1: str = "Old pier to close for repairs", footer: str = "") -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>"
            f"{BODY.format(h1=h1)}<footer>{footer}</footer></body></html>").encode()


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_json_ld_news_article_wins_over_the_title_tag():
    a = read_html("p.html", page(
        "<title>escenic</title>" + ld({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Old pier to close for repairs",
            "author": [{"@type": "Person", "name": "Ann Lee"},
                       {"@type": "Person", "name": "Tom O&#039;Brien"}],
            "datePublished": "2025-03-03T10:15:00+01:00",
            "publisher": {"@type": "Organization", "name": "Harbour Gazette"},
            "mainEntityOfPage": "https://gazette.example.com/2025/03/03/pier"})))
    assert a.title == "Old pier to close for repairs"
    assert a.source == "Harbour Gazette"
    assert a.authors == ["Ann Lee", "Tom O'Brien"]
    assert a.published_at == datetime(2025, 3, 3, 9, 15, tzinfo=timezone.utc)
    assert a.url == "https://gazette.example.com/2025/03/03/pier"


def test_json_ld_in_a_graph_and_an_organisation_author_is_no_byline():
    a = read_html("p.html", page(ld({"@graph": [
        {"@type": "WebSite", "name": "Harbour Gazette"},
        {"@type": ["Article"], "headline": "Old pier to close for repairs",
         "author": {"@type": "Organization", "name": "Harbour Gazette"}}]})))
    assert a.source == "Harbour Gazette" and a.authors == []


def test_cms_name_is_never_the_title_and_og_url_is_the_url():
    a = read_html("p.html", page(
        '<title>escenic</title><meta property="og:url" content="https://news.example.co.uk/a/1">'))
    assert a.title == "Old pier to close for repairs"
    assert a.url == "https://news.example.co.uk/a/1"


def test_site_wide_title_is_cut_to_the_headline():
    a = read_html("p.html", page(
        "<title>Old pier to close for repairs | Harbour Gazette</title>"
        '<meta property="og:site_name" content="Harbour Gazette">'))
    assert a.title == "Old pier to close for repairs"
    assert a.source == "Harbour Gazette"


def test_site_tagline_is_cut_to_the_name_and_a_headline_is_no_source():
    a = read_html("p.html", page(
        '<meta property="og:site_name" content="WXYZ 7 | Harbour News, Weather | Exampleton">'
        "<title>WXYZ 7 | Harbour News, Weather | Exampleton</title>"))
    assert a.source == "WXYZ 7"
    assert a.title == "Old pier to close for repairs"
    b = read_html("p.html", page(
        '<meta property="og:site_name" content="Old pier to close for repairs">'
        '<meta property="og:title" content="Old pier to close for repairs">'
        '<link rel="canonical" href="https://www.harbourgazette.com/pier">'))
    assert b.source == "harbourgazette.com"


def test_source_from_the_domain_as_the_page_writes_it():
    a = read_html("p.html", page(
        '<link rel="canonical" href="https://www.timesofexampleton.com/pier">',
        footer="© 2025 The Times of Exampleton. All rights reserved."))
    assert a.source == "The Times of Exampleton"


def test_a_title_of_the_site_alone_leaves_the_headline_to_the_first_heading():
    # the template left the headline's place empty, in the <title> and in the <h1>; the
    # text's own first heading is the headline, and the pinned app's name is no source
    html = ("<!doctype html><html><head><meta charset='utf-8'><title>Harbour Ferries -</title>"
            "<meta name='application-name' content='HF Live Departures'></head><body>"
            "<h1></h1><article><h2>Winter Timetable Changes</h2>"
            "<p>From the first of December the morning crossing leaves half an hour later, and "
            "the last evening boat is withdrawn until the spring, the company said.</p>"
            "<p>Season tickets bought before the change remain valid on every crossing, and "
            "refunds are offered to holders who no longer need them.</p></article></body></html>")
    a = read_html("p.html", html.encode())
    assert a.title == "Winter Timetable Changes"
    assert a.source == "Harbour Ferries"
    assert a.text.startswith("From the first of December")


def test_bylines_that_are_not_people():
    for byline in ("Staff", "Letters", "CBS News February", "The Economist", "Agencies",
                   "Bergportal GmbH", "Art Edwards says", "12 March 2025", "admin"):
        a = read_html("p.html", page(f'<meta name="author" content="{byline}">'))
        assert a.authors == [], byline
    a = read_html("p.html", page('<meta name="author" content="By Ann Lee and Tom Brown">'))
    assert a.authors == ["Ann Lee", "Tom Brown"]


@pytest.mark.parametrize("byline, site, expected", [
    ("Adam Smith PhillyExample Staff", "PhillyExample", "Adam Smith"),
    ("View all posts by Daniel Smith", None, "Daniel Smith"),
    ("R.C. Baker", None, "R.C. Baker"),
    ("Ludwig van Beethoven", None, "Ludwig van Beethoven"),
    ("Harbour Gazette", "Harbour Gazette", None),
    ("Martin is a full-stack engineer", None, None),
])
def test_person_name(byline, site, expected):
    assert person_name(byline, site) == expected


@pytest.mark.parametrize("title, expected", [
    ("Old pier to close | Harbour Gazette", "Old pier to close"),
    ("Harbour Gazette: Old pier to close", "Old pier to close"),
    ("Old pier to close - News - Harbour Gazette", "Old pier to close"),
    ("Old pier to close |", "Old pier to close"),
    ("Pier: the repairs explained", "Pier: the repairs explained"),
])
def test_cut_site_name(title, expected):
    assert cut_site_name(title, "Harbour Gazette", None, []) == expected


def test_registrable_label():
    assert registrable_label("https://www.timesofisrael.com/x") == "timesofisrael"
    assert registrable_label("https://www.bbc.co.uk/news") == "bbc"
    assert registrable_label("https://neubau.wsl.ch/de/") == "wsl"
    assert registrable_label(None) is None


def test_declared_article_body_replaces_a_caption_fragment():
    caption = "<figure><figcaption>The old pier at dawn.</figcaption></figure>"
    body = " ".join(["The harbour authority said the old pier would close for repairs."] * 20)
    html = (f"<html><head>{ld({'@type': 'NewsArticle', 'headline': 'Pier', 'articleBody': body})}"
            f"</head><body><h1>Pier</h1>{caption}<p>Short.</p></body></html>").encode()
    a = read_html("p.html", html)
    assert a.text == body


def test_extract_prints_authors_language_and_quality(tmp_path, run_cli):
    f = tmp_path / "p.html"
    f.write_bytes(page('<meta name="author" content="Ann Lee">'))
    r = run_cli("extract", str(f))
    assert r.exit_code == 0, r.output
    o = json.loads(r.output.splitlines()[0])
    assert o["authors"] == ["Ann Lee"] and o["title"] == "Old pier to close for repairs"
    assert "language" in o and o["text_quality"] == "good"


def test_the_articles_own_outlet_is_media(tmp_path, run_cli):
    f = tmp_path / "feed.jsonl"
    text = ("Harbour Gazette Group has learned that the council will close the old pier next month. "
            "The council told Harbour Gazette Group that repairs would take six weeks, and the mayor, "
            "Ann Lee, said the fishing fleet would move to the northern quay.")
    f.write_text(json.dumps({"text": text, "source": "Harbour Gazette Group"}) + "\n")
    r = run_cli("extract", f)
    o = json.loads(r.output.splitlines()[0])
    orgs = {e["name"]: e["media"] for e in o["organisations"]}
    assert orgs.get("Harbour Gazette Group") is True


def test_a_pronoun_is_never_the_articles_own_outlet(tmp_path, run_cli):
    text = ("Kaieteur Post reported last week that the council would close the old pier in the "
            "spring.\n\nThey claimed that “the pier is unsafe and must close before the summer "
            "season begins,” in a letter sent to residents on Monday.")
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": text, "source": "Kaieteur Post"}) + "\n")
    quotes = json.loads(run_cli("extract", f).output.splitlines()[0])["quotes"]
    [q] = [q for q in quotes if "pier is unsafe" in q["text"]]
    assert q["speaker"] == {"name": None, "kind": None, "text": "They", "organisation": None}


def test_the_headline_repeated_under_a_dateless_label_leaves_the_body():
    html = page("<title>Old pier to close for repairs</title>").replace(
        b"<article><h1>", b"<article><p>Posted on</p><h1>")
    a = read_html("p.html", html)
    assert a.title == "Old pier to close for repairs"
    assert a.text.split("\n")[0] == "Posted on"     # chrome, for the cleaner to remove
    assert "Old pier to close" not in a.text
    assert a.text.split("\n")[1].startswith("The harbour authority said on Tuesday")


NEXT_STORIES = """<div id="next-post-thumbnails">{}</div>""".format("".join(
    f"""<div class="nextstory"><a href="/2019/0{i}/story.html"><h3>Story number {i}</h3></a>
<p>The choir of the old mill town, led by Wilma Drosten, sang on the quayside on {day} for
the fishermen who lost their boats in the storm last winter, and the mayor joined in […]</p></div>"""
    for i, day in ((1, "Monday"), (2, "Tuesday"), (3, "Thursday"))))


def test_the_next_stories_a_page_carries_are_not_its_text():
    html = page("<title>Old pier to close for repairs</title>").replace(
        b"<footer>", NEXT_STORIES.encode() + b"<footer>")
    a = read_html("p.html", html)
    assert a.text.startswith("The harbour authority said on Tuesday")
    assert a.text.endswith("expected to take about six weeks in all.")
    assert "Drosten" not in a.text


@pytest.mark.parametrize("headline_inside", [True, False])
def test_a_page_whose_own_article_is_named_like_a_related_post_keeps_it(headline_inside):
    html = page("<title>Old pier to close for repairs</title>").replace(
        b"<article>", b'<article class="post related-posts-enabled">')
    if not headline_inside:       # the headline above the container, the text inside it
        html = html.replace(b'<article class="post related-posts-enabled"><h1>', b"<h1>").replace(
            b"</h1>", b'</h1><article class="post related-posts-enabled">')
    a = read_html("p.html", html)
    assert "divers found cracks" in a.text and "six weeks in all" in a.text
