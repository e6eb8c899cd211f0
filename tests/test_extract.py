"""`newsetl extract`: the JSON lines contract, without a database."""
from __future__ import annotations

import json

from conftest import SAMPLES, SEED, words_in_order


def _extract(run_cli, *paths):
    r = run_cli("extract", *paths)
    assert r.exit_code == 0, r.output
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_extract_prints_the_contract(run_cli):
    objs = _extract(run_cli, SAMPLES)
    assert len(objs) == 5
    for o in objs:
        assert {"source_path", "id", "title", "text", "people", "organisations", "quotes",
                "topics"} <= set(o)
        for p in o["people"] + o["organisations"]:
            assert {"name", "aliases", "mentions", "offsets", "title_offsets"} <= set(p)
            assert p["mentions"] >= 1 or p["title_offsets"]
            for s, e in p["title_offsets"]:
                assert 0 <= s < e <= len(o["title"])
        for q in o["quotes"]:
            assert {"text", "start", "end", "speaker", "cue", "partial"} <= set(q)
            assert 0 <= q["start"] < q["end"] <= len(o["text"])
            assert words_in_order(q["text"], o["text"][q["start"]:q["end"]])
            if q["speaker"] is not None:
                assert q["speaker"]["kind"] in ("person", "organisation", "other", None)
        for t in o["topics"]:
            assert t["qcode"].startswith("medtop:") and 0 <= t["score"] <= 1


def test_titles_only_when_the_first_line_is_a_headline(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("Mayor opens library\n\nThe mayor opened the library.")
    (tmp_path / "b.txt").write_text("The mayor of Port Ellery opened the new library on Monday, "
                                    "after two years of building work.\nVisitors queued early.")
    by_name = {o["source_path"].rsplit("/", 1)[-1]: o for o in _extract(run_cli, tmp_path)}
    assert by_name["a.txt"]["title"] == "Mayor opens library"
    assert by_name["a.txt"]["text"] == "The mayor opened the library."
    assert by_name["b.txt"]["title"] is None
    assert by_name["b.txt"]["text"].startswith("The mayor of Port Ellery")


def test_seed_article_has_people_organisations_and_quotes(run_cli):
    if not SEED.exists():
        import pytest
        pytest.skip("the shared seed article is not beside the project")
    (o,) = _extract(run_cli, SEED)
    people = {p["name"] for p in o["people"]}
    assert {"Olaf Scholz", "Boris Pistorius", "Mark Rutte", "Volodymyr Zelensky"} <= people
    quotes = {q["text"][:30]: q for q in o["quotes"]}
    assert any(t.startswith("We must ensure that there is n") for t in quotes)
    for q in o["quotes"]:
        assert words_in_order(q["text"], o["text"][q["start"]:q["end"]])


def test_extract_reports_bad_input_and_goes_on(run_cli, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text("Mayor Angela Whitford opened the new library on Monday.")
    r = run_cli("extract", tmp_path)
    assert r.exit_code == 1
    assert f"Error: {tmp_path / 'empty.txt'}: file is empty" in r.stderr
    assert len(r.stdout.splitlines()) == 1


def test_names_in_the_title_have_title_offsets(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Merkel to step down as party leader\n\nThe chancellor told members of the Christian "
        "Democratic Union on Monday that she would not run again. Angela Merkel has led the party "
        "since 2000.\n")
    (tmp_path / "b.txt").write_text(
        "Zelensky meets Biden in Washington\n\nThe two leaders discussed military aid on Thursday, "
        "officials said.\n")
    by_name = {o["source_path"].rsplit("/", 1)[-1]: o for o in _extract(run_cli, tmp_path)}
    a = by_name["a.txt"]
    merkel = [(p["name"], p["mentions"], p["title_offsets"]) for p in a["people"]]
    assert merkel == [("Angela Merkel", 1, [[0, 6]])]
    b = by_name["b.txt"]
    assert sorted((p["name"], p["mentions"], p["title_offsets"]) for p in b["people"]) == \
        [("Biden", 0, [[15, 20]]), ("Zelensky", 0, [[0, 8]])]


def test_a_name_after_a_list_marker_is_found_and_the_offsets_hold(run_cli, tmp_path):
    body = ("The Rangers won on Friday.\n"
            "• Tyrese Okafor was able to get going in the second quarter, scoring a dozen.\n"
            "• Okafor added two baskets late, and the Comets never recovered.\n")
    (tmp_path / "a.txt").write_text("Notes from the game\n\n" + body)
    [a] = _extract(run_cli, tmp_path)
    people = [(p["name"], [a["text"][s:e] for s, e in p["offsets"]]) for p in a["people"]]
    assert people == [("Tyrese Okafor", ["Tyrese Okafor", "Okafor"])]
    assert "Okafor" not in [o["name"] for o in a["organisations"]]
    assert "• Tyrese Okafor" in a["text"]          # the stored body keeps its markers


def test_a_dash_signing_a_quote_is_no_list_marker(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(
        "The claims, checked\n\nThe claims, checked one by one:\n\n“Our state has the lowest "
        "unemployment rate in the whole region.”\n\n- Governor Paul Ortiz.\n\nThe figure is two "
        "years old, and the region has changed since then.\n")
    [a] = _extract(run_cli, tmp_path)
    assert [(q["speaker"]["name"], q["text"]) for q in a["quotes"]] == \
        [("Paul Ortiz", "Our state has the lowest unemployment rate in the whole region.")]
