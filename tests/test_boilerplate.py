"""Boilerplate removal: the seed's ending, invented endings, and real paragraphs left alone."""
from __future__ import annotations


import pytest

from etl.clean.boilerplate import (is_appeal, is_dateline_lead, is_list_marker, is_truncated,
                             strip_boilerplate)

from conftest import SEED

# An invented article body (several complete paragraphs).
ARTICLE = [
    "The regional parliament approved the new budget on Thursday after a debate that lasted "
    "well into the night, with 54 members voting in favour and 38 against.",
    "“We have made hard choices, but they are the right ones,” the finance minister, Elena "
    "Marsh, told reporters outside the chamber.",
    "Opposition leaders said the cuts to public transport would hit rural areas hardest and "
    "promised to challenge the plan in court.",
    "The budget takes effect on 1 January.",
]


def join(paras, sep="\n"):
    return sep.join(paras)


def test_seed_ending_is_removed():
    path = SEED
    if not path.exists():
        pytest.skip("seed article not available")
    from etl.clean.text import clean_text
    text = clean_text(path.read_text(encoding="utf-8"))
    body, removed = strip_boilerplate(text)
    assert body.endswith("anti-capitalist, socialist program.")
    assert "Please donate" in removed and "Merz" in removed and "KIEV" in removed
    for other_story in ("Friedrich Merz", "donate", "Opening summary", "KIEV"):
        assert other_story not in body
    assert text.startswith(body)                 # only the end was cut


def test_appeal_and_truncated_teasers_invented():
    teasers = [
        "Residents of the coastal town were told on Sunday to prepare for the strongest storm "
        "in a decade, as forecasters warned that",
        "The mining company said its profits had fallen by a third in the last quarter, blaming "
        "lower prices and a strike at its largest",
        "BERLIN The German government has agreed a package of measures to support small firms "
        "hit by higher energy costs, the economy",
    ]
    appeal = ("Independent reporting costs money. We rely on the support of our readers: "
              "please consider a donation today.")
    text = join(ARTICLE + [appeal] + teasers)
    body, removed = strip_boilerplate(text)
    assert body == join(ARTICLE)
    assert removed == join([appeal] + teasers)


def test_teasers_without_appeal_need_a_series():
    teaser = ("The mining company said its profits had fallen by a third in the last quarter, "
              "blaming lower prices and a strike at its largest")
    second = ("Residents of the coastal town were told on Sunday to prepare for the strongest "
              "storm in a decade, as forecasters warned that")
    # one unterminated last paragraph may be the article's own, cut by the scraper: kept
    assert strip_boilerplate(join(ARTICLE + [teaser])) == (join(ARTICLE + [teaser]), None)
    body, removed = strip_boilerplate(join(ARTICLE + [teaser, second]))
    assert body == join(ARTICLE) and removed == join([teaser, second])


def test_a_blogs_excerpts_of_other_posts_are_teasers():
    """Blogs end a page with excerpts of their other posts, each cut where its "read more" link
    stood and marked "[…]" or "[...]"."""
    excerpts = [
        "The town's brass band has spent the winter rehearsing a programme of film music, and "
        "this spring it will play it in the open air for the first time in the park by […]",
        "Anyone who has tried to repair an old bicycle knows that the hardest part is finding "
        "the parts, which is why a group of volunteers has started a library of spare [...]",
    ]
    body, removed = strip_boilerplate(join(ARTICLE + excerpts, "\n\n"))
    assert body == join(ARTICLE, "\n\n") and removed == join(excerpts)
    # a bracket the article closes itself is no excerpt
    own = ARTICLE + ["The council will publish the figures later [the date is not yet set]",
                     "A second vote is expected next month [after the summer recess]"]
    assert strip_boilerplate(join(own)) == (join(own), None)


def test_related_links_list():
    links = ["Related stories:", "Rail strike called off after late-night talks",
             "Why the river bridge cost twice as much as planned.",
             "Five things to know about the new budget"]
    body, removed = strip_boilerplate(join(ARTICLE + links, "\n\n"))
    assert body == join(ARTICLE, "\n\n")
    assert removed.splitlines() == links


def test_credit_and_social_lines():
    tail = ["Reporting by Ann Example; Editing by Bo Sample", "Follow Ann Example on Twitter @annex."]
    body, removed = strip_boilerplate(join(ARTICLE + tail))
    assert body == join(ARTICLE) and removed == join(tail)


def test_chrome_lines_at_start_and_inside():
    text = join(["Share this article", "Listen to this article", ARTICLE[0], "Advertisement",
                 ARTICLE[1], ARTICLE[2], "ADVERTISEMENT", ARTICLE[3]], "\n\n")
    body, removed = strip_boilerplate(text)
    assert body == join(ARTICLE, "\n\n")
    assert removed.splitlines() == ["Share this article", "Listen to this article",
                                    "Advertisement", "ADVERTISEMENT"]


# --------------------------------------------------------------------------- left alone

@pytest.mark.parametrize("ending", [
    # reported speech about donations and newsletters is news, not an appeal
    "The charity said it would ask supporters to donate to its winter appeal next month.",
    "Ms Marsh, who writes a weekly newsletter on local politics, declined to comment.",
    # a copyright story
    "The court will rule on the copyright claim in the spring.",
    # a transcript ends with speaker labels in capitals
    "MARSH: We will see. I think the vote will hold.",
    # a list of fixtures or winners: short lines without full stops
    "Northtown v Southville\nEastbury or Westham v Old Harbour\nRiverside v Hillcrest or Dale",
    # one long unterminated closing paragraph (possibly the article's own, cut by a scraper)
    "The minister is expected to present the detailed figures to the committee on Monday, when",
])
def test_real_endings_are_kept(ending):
    text = join(ARTICLE + [ending])
    assert strip_boilerplate(text) == (text, None)


def test_cut_never_takes_most_of_the_text():
    # two lines of article and a long run of appeal-like lines: not plausibly boilerplate
    appeals = [f"Please donate today to support our journalism, reader number {i}." for i in range(6)]
    text = join(ARTICLE[:1] + appeals)
    assert strip_boilerplate(text) == (text, None)


def test_single_paragraph_untouched():
    text = "Please donate today."
    assert strip_boilerplate(text) == (text, None)


def test_classifiers():
    assert is_appeal("Please donate today!")
    assert is_appeal("Sign up for our morning newsletter.")
    assert not is_appeal("The party relies on donations from members, its treasurer said.")
    assert is_list_marker("Read more:") and is_list_marker("More on this story")
    assert not is_list_marker("Read more about the bridge in our explainer on Monday.")
    assert is_truncated("Many leaders have congratulated the winner of the election on Sunday. "
                        "However, as the reaction")
    assert not is_truncated("Drama - Featherboy Animation - Brush Head Factual - Serious Desert "
                            "Interactive Bafta - King")
    assert is_dateline_lead("KIEV The heads of the European Union arrived in Kiev on Monday.")
    assert is_dateline_lead("WASHINGTON (Reuters) - The Senate voted on Tuesday.")
    assert not is_dateline_lead("TAPPER: Do you think he has campaigned well?")


@pytest.mark.parametrize("footer", [
    "© Copyright 2025 Example News Ltd",
    "Copyright 2025 The Example Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Get the day's top stories delivered to your inbox every morning.",
    "Topics: Budget, Transport, Regional parliament",
    "The Example Press contributed to this report.",
    "Read more: How the regional budget is spent",
])
def test_common_footers(footer):
    body, removed = strip_boilerplate(join(ARTICLE + [footer]))
    assert body == join(ARTICLE) and removed == footer


# ------------------------------------------------------------------ calls to action in the text

@pytest.mark.parametrize("box", [
    "Get The Harbour Gazette's Daily Edition by email and never miss our top stories Free Sign Up",
    "Click here to watch the council meeting live.",
    "Subscribe now to our digital edition for the full story.",
    "Read more. »",
    "Learn more at Harbour Gazette Plus.",
    "Copyright",
    "Last modified:",
    "Last updated: 5 March 2020 10:42 GMT",
    "Published 12:00, 3 March 2020 | Updated 13:05",
    "Download the Harbour Gazette app for the latest news.",
    "Yоur соntеnt іѕ dеlіvеrеd tо thоuѕаndѕ оf rеаdеrѕ!",      # Cyrillic letters in Latin words
])
def test_calls_to_action_inside_the_text_are_cut(box):
    text = join([ARTICLE[0], ARTICLE[1], box, ARTICLE[2], ARTICLE[3]])
    body, removed = strip_boilerplate(text)
    assert body == join([ARTICLE[0], ARTICLE[1], ARTICLE[2], ARTICLE[3]])
    assert removed == box


def test_page_stamp_at_the_end_is_cut():
    # a static page's footer, after its links
    stamp = "stunnel_rsync.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm"
    body, removed = strip_boilerplate(join([*ARTICLE, stamp]))
    assert body == join(ARTICLE) and removed == stamp


def test_trailing_more_teaser_is_cut():
    teaser = "Fishing fleet returns early as storm nears the northern coast … more"
    body, removed = strip_boilerplate(join([*ARTICLE, teaser]))
    assert body == join(ARTICLE) and removed == teaser


@pytest.mark.parametrize("line", [
    "“Sign up now, before the deadline,” the mayor told residents.",   # reported speech
    "Residents can register for the scheme at the town hall until March.",
    "- Read this fact: There are now more than 12,500 cameras in the county's schools, the "
    "superintendent said.",
    # an update note of a live report is the article's, though it opens like a page's date
    "Updated: the council says 12 people were hurt in the fire.",
    "Posted on the town hall door, the notice gave 14 days for objections.",
])
def test_article_sentences_about_signing_up_stay(line):
    text = join([ARTICLE[0], line, *ARTICLE[1:]])
    assert strip_boilerplate(text) == (text, None)


def test_hard_wrapped_wire_lines_are_not_blocks():
    # Wire copy wraps at 70 characters: a line may start with "subscribe" or be "share."
    text = join(["Shareholders of the company will have the right to",
                 "subscribe for two new shares now, the company said in a",
                 "statement. It expects to earn 7.50 dlrs a",
                 "share.",
                 "The issue will be priced on Friday, the company said."])
    assert strip_boilerplate(text) == (text, None)


def test_a_wire_sign_off_is_cut():
    body, removed = strip_boilerplate("\n\n".join(ARTICLE + ["REUTER"]))
    assert body == "\n\n".join(ARTICLE) and removed == "REUTER"
    # a last paragraph that says something stays
    body, removed = strip_boilerplate("\n\n".join(ARTICLE + ["NATO said no more."]))
    assert body.endswith("NATO said no more.") and removed is None
