"""Text quality: poor extractions are stored but flagged, and contact tables are not prose."""
from __future__ import annotations

from conftest import query

from etl.clean.quality import GOOD, POOR, assess, mask_contacts

PROSE = ("The harbour authority said on Tuesday that the old pier would close for repairs next "
         "month, after divers found cracks in three of its concrete pillars.\n\n"
         "Fishing boats will move to the northern quay until the work is done, the authority "
         "said, adding that the repairs would take about six weeks.")
NAMES = ["Mary Jones", "Peter Brown", "Susan Clarke", "David Evans", "Linda Hughes",
         "James Walker", "Helen Wright", "Robert Hall"]
CONTACTS = "\n".join(f"{n}, harbour master: {n.lower().replace(' ', '.')}@harbour.example.org, "
                     f"0161 555 01{i:02d}" for i, n in enumerate(NAMES))


def test_prose_is_good():
    assert assess(PROSE) == (GOOD, None)
    assert assess(PROSE, page_words=60) == (GOOD, None)


def test_a_fragment_of_a_long_page_is_poor():
    quality, reason = assess("The old pier at dawn, seen from the northern quay.", page_words=900)
    assert quality == POOR and reason.startswith("too short for the page (10 of its 900")


def test_breadcrumbs_and_link_lists_are_poor():
    links = "\n".join(["Home", "News", "Local", "Share on Facebook", "Share on X",
                       "Harbour repairs start", "Council votes on budget", "Weather for Friday",
                       "Most read", "Ferry timetable changes"])
    quality, reason = assess(links)
    assert quality == POOR and reason.startswith("mostly short lines of links")


def test_a_table_of_contacts_is_poor_and_masked():
    text = PROSE + "\n\n" + CONTACTS
    quality, reason = assess(text)
    assert quality == POOR and reason.startswith("a table of contacts (8 of 10 lines")
    masked = mask_contacts(text)
    assert len(masked) == len(text) and masked.startswith(PROSE)
    assert "Mary Jones" not in masked and "@" not in masked
    assert mask_contacts(PROSE) == PROSE


def test_poor_text_is_stored_flagged_and_counted(db_url, run_cli, tmp_path):
    (tmp_path / "contacts.txt").write_text("Harbour office contacts\n\n" + PROSE + "\n\n" + CONTACTS)
    (tmp_path / "story.txt").write_text("Old pier to close\n\n" + PROSE)
    r = run_cli("load", tmp_path, "--database-url", db_url)
    assert r.exit_code == 0, r.output
    assert "1 with poor text" in r.output
    rows = query(db_url, "SELECT title, text_quality, left(text_quality_reason, 18) FROM articles "
                         "ORDER BY title")
    assert rows == [("Harbour office contacts", "poor", "a table of contact"),
                    ("Old pier to close", "good", None)]
    assert query(db_url, "SELECT name FROM people WHERE name = ANY(%s)", (NAMES,)) == []
