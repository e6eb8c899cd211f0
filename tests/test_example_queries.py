"""Every example query in schema/queries/ runs as it is and answers its question sensibly.

The database holds samples/, two short articles written for these tests (a later story about
Ruth Adebayo with a new title, and a NATO story with a medium), and the seed article when it is
present (conftest.SEED, or the file named by $NEWSETL_SEED_ARTICLE). The checks hold for a
correct extraction of those articles; they do not depend on scores.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLES, SEED, _create, _drop

QUERIES = ROOT / "schema" / "queries"
SEED_ARTICLE = Path(os.environ.get("NEWSETL_SEED_ARTICLE", SEED))
HARBOUR_TITLE = "Council approves harbour bridge repairs after heated debate"

# Written for these tests: Ruth Adebayo, the governor in samples/more-articles.jsonl, later as a
# minister and named again with Daniel Frey; a quote about NATO told to an outlet.
EXTRA_ARTICLES = [
    {"id": "test-followup", "title": "Adebayo presents her first budget",
     "url": "https://news.example.org/politics/adebayo-budget",
     "published_at": "2026-04-20T09:00:00Z", "source": "Example News",
     "text": "Finance Minister Ruth Adebayo presented her first budget in Kelston on Monday, "
             "five weeks after leaving the central bank. \"We will balance the books within "
             "three years,\" Adebayo told parliament.\nDaniel Frey, the chief economist at "
             "Marrow Bank, said the plan was credible but left little room for error."},
    {"id": "test-defence", "title": "Arland to raise defence spending",
     "url": "https://news.example.org/politics/arland-defence",
     "published_at": "2026-04-22T15:30:00Z", "source": "Example News",
     "text": "Arland will raise defence spending to 2.5 percent of its economic output by 2028, "
             "the government said on Wednesday.\n\"NATO must be able to count on every member, "
             "and we intend to pay our share,\" Defence Minister Ingrid Solberg told the Kelston "
             "Herald.\nThe opposition Green Party said the money would be better spent on "
             "hospitals."},
]


@pytest.fixture(scope="module")
def loaded_db(server_url, template_db, tmp_path_factory):
    """One database for the whole module: loading runs the NLP, which is the slow part."""
    name, url = _create(server_url, template_db)
    extra = tmp_path_factory.mktemp("queries") / "extra.jsonl"
    extra.write_text("".join(json.dumps(a) + "\n" for a in EXTRA_ARTICLES))
    inputs = [SAMPLES, extra] + ([SEED_ARTICLE] if SEED_ARTICLE.exists() else [])
    from etl.cli import cli
    result = CliRunner().invoke(cli, ["load", *map(str, inputs), "--database-url", url],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    yield url
    _drop(server_url, name)


def run_query(url: str, path: Path) -> list[dict]:
    with psycopg.connect(url) as conn:
        cur = conn.execute(path.read_text())
        columns = [d.name for d in cur.description]
        return [dict(zip(columns, row)) for row in cur.fetchall()]


def needs_seed():
    if not SEED_ARTICLE.exists():
        pytest.skip(f"the seed article is not at {SEED_ARTICLE}")


def _plain(name: str) -> str:
    """'the Guardian' and 'Guardian' are the same outlet."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower()


# ----------------------------------------------------------------------- one check per query

def check_quotes_by_a_person(rows, url):
    assert rows, "no quotes by Tomas Reyes"
    patching = [r for r in rows if r["quote"].startswith("We are patching a structure")]
    assert len(patching) == 1
    assert patching[0]["article_title"] == HARBOUR_TITLE
    assert all(r["article_title"] == HARBOUR_TITLE for r in rows)  # he appears nowhere else


def check_most_quoted_speakers(rows, url):
    counts = {r["speaker"]: r["quotes"] for r in rows}
    assert counts.get("Angela Whitford") == 2       # two separate quotes in the harbour story
    assert counts.get("Ruth Adebayo") == 2          # one quote in each of two articles
    assert [r["quotes"] for r in rows] == sorted((r["quotes"] for r in rows), reverse=True)
    by_name = {r["speaker"]: r for r in rows}
    assert by_name["Ruth Adebayo"]["articles"] == 2


def check_who_is_quoted_most_about_nato(rows, url):
    speakers = {r["speaker"] for r in rows}
    assert "Ingrid Solberg" in speakers
    for r in rows:
        assert all("nato" in q.lower() for q in r["what_they_said"])
    if SEED_ARTICLE.exists():
        assert "Boris Pistorius" in speakers         # "... a potential NATO membership ..."


def check_outlets_cited_as_a_medium(rows, url):
    media = {_plain(r["medium"]): r for r in rows}
    assert "kelston herald" in media
    assert media["kelston herald"]["quotes"] == 1
    # A medium is where words were said, never the speaker's own organisation.
    assert "nato" not in media and "marrow bank" not in media
    if SEED_ARTICLE.exists():
        assert {"politico", "guardian"} <= set(media)


def check_people_named_together(rows, url):
    assert rows
    top = rows[0]
    assert {top["person_a"], top["person_b"]} == {"Ruth Adebayo", "Daniel Frey"}
    assert top["articles"] == 2 and len(top["article_ids"]) == 2
    pairs = {frozenset((r["person_a"], r["person_b"])) for r in rows}
    assert frozenset(("Angela Whitford", "Tomas Reyes")) in pairs
    assert all(r["person_a"] != r["person_b"] for r in rows)


def check_topic_trend_per_week(rows, url):
    import datetime as dt
    weeks = {r["week"] for r in rows}
    # sample-0001/0002 are in the week of 9 March, the two test articles in that of 20 April.
    assert weeks == {dt.date(2026, 3, 9), dt.date(2026, 4, 20)}
    dated_per_week = {dt.date(2026, 3, 9): 2, dt.date(2026, 4, 20): 2}
    for week, n in dated_per_week.items():
        in_week = [r for r in rows if r["week"] == week]
        assert all(1 <= r["articles"] <= n for r in in_week)
        assert sum(r["main_topic_articles"] for r in in_week) == n  # one main topic each
    march = {r["topic"] for r in rows if r["week"] == dt.date(2026, 3, 9)}
    assert "sport" in march                           # the cup semi-final


def check_people_whose_title_changed(rows, url):
    adebayo = [r for r in rows if r["person"] == "Ruth Adebayo"]
    assert [r["title"] for r in adebayo] == ["governor", "finance minister"]
    assert adebayo[0]["first_seen"] < adebayo[1]["first_seen"]
    # Only people with several titles over several articles are listed.
    per_person: dict[str, int] = {}
    for r in rows:
        per_person[r["person"]] = per_person.get(r["person"], 0) + 1
    assert all(n > 1 for n in per_person.values())


def check_search_articles(rows, url):
    assert rows[0]["title"] == HARBOUR_TITLE
    assert "<b>" in rows[0]["excerpt"]
    assert all(r["title"] != "Volunteers pull two tonnes of rubbish from the Alder River"
               for r in rows)


def check_search_quotes(rows, url):
    cole = [r for r in rows if r["speaker"] == "Martin Cole"]
    assert len(cole) == 1 and "good jobs" in cole[0]["quote"]
    assert all(re.search(r"\bjobs?\b", r["quote"], re.IGNORECASE) for r in rows)


def check_find_a_person_by_approximate_name(rows, url):
    assert rows[0]["name"] == "Tomas Reyes"
    assert rows[0]["similarity"] > 0.5


def check_find_an_organisation_by_approximate_name(rows, url):
    assert rows[0]["name"] == "Port Ellery Transport Authority"
    assert rows[0]["acronym"] == "PETA"


def check_people_of_an_organisation(rows, url):
    assert [r["person"] for r in rows] == ["Martin Cole"]
    assert any("secretary" in t.lower() for t in rows[0]["titles"])


def check_people_in_an_article(rows, url):
    people = {r["person"]: r for r in rows}
    assert {"Angela Whitford", "Tomas Reyes", "Priya Raman"} <= set(people)
    assert "mayor" in [t.lower() for t in people["Angela Whitford"]["roles"]]
    assert "councillor" in [t.lower() for t in people["Tomas Reyes"]["roles"]]
    assert people["Angela Whitford"]["mention_count"] >= 2     # "Whitford said ..." again


def check_quotes_in_context(rows, url):
    assert len(rows) >= 2                          # two direct quotes, and reported speech
    assert sum(r["quote"].startswith(("We planned", "Plastic is still")) for r in rows) == 2
    for r in rows:
        assert r["quote"].rstrip(",.") in r["context"]        # the offsets point at the quote
    assert rows[0]["speaker"] == "Samuel Okafor"


def check_main_topics(rows, url):
    articles = _scalar(url, "SELECT count(DISTINCT article_id) FROM article_topics")
    assert sum(r["articles"] for r in rows) == articles        # one main topic per article
    topics = {r["topic"] for r in rows}
    assert {"sport", "environment"} <= topics                 # the cup match, the river clean-up


def check_quotes_without_a_speaker(rows, url):
    expected = _scalar(url, "SELECT count(*) FROM quotes WHERE speaker_person_id IS NULL "
                            "AND speaker_organisation_id IS NULL")
    assert len(rows) == expected
    assert not any(r["quote"].startswith("Residents deserve") for r in rows)  # Whitford's


def check_most_named_organisations(rows, url):
    by_name = {r["name"]: r for r in rows}
    assert by_name["Marrow Bank"]["articles"] == 2      # sample-0002 and the budget story
    assert rows[0]["articles"] == 2
    if SEED_ARTICLE.exists():
        assert by_name["NATO"]["articles"] == 2         # the seed and the defence story
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)


def check_pieces_of_joined_quotes(rows, url):
    by_quote: dict[int, list[dict]] = {}
    for r in rows:
        by_quote.setdefault(r["quote_id"], []).append(r)
    reyes = [ps for ps in by_quote.values() if ps[0]["speaker"] == "Tomas Reyes"]
    assert len(reyes) == 1                 # “We are patching …,” Reyes said. “…”
    pieces = reyes[0]
    assert [r["position"] for r in pieces] == [1, 2]
    assert pieces[0]["piece"].startswith("We are patching a structure")
    for ps in by_quote.values():           # the text is the pieces, joined
        assert ps[0]["quote"] == " … ".join(r["piece"] for r in ps)


def _scalar(url: str, sql: str):
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchone()[0]


CHECKS: dict[str, Callable[[list[dict], str], None]] = {
    name.removeprefix("check_"): fn for name, fn in globals().items()
    if name.startswith("check_")}


def _query_files() -> list[Path]:
    return sorted(QUERIES.glob("*.sql"))


def _check_name(path: Path) -> str:
    return re.sub(r"^\d+_", "", path.stem)


def test_there_are_at_least_twelve_example_queries_each_with_a_check():
    files = _query_files()
    assert len(files) >= 12
    assert {_check_name(f) for f in files} == set(CHECKS)


@pytest.mark.parametrize("path", _query_files(), ids=lambda p: p.stem)
def test_query_states_its_question(path):
    lines = path.read_text().splitlines()
    header = " ".join(line for line in lines if line.startswith("--"))
    assert lines[0].startswith("-- Question: ") and "?" in header, \
        f"{path.name} does not start with the question it answers"


@pytest.mark.parametrize("path", _query_files(), ids=lambda p: p.stem)
def test_query_answers_its_question(path, loaded_db):
    rows = run_query(loaded_db, path)
    CHECKS[_check_name(path)](rows, loaded_db)
