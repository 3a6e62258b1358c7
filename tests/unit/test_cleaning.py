"""Cleaning: boilerplate out (and kept), title, dateline and publication date found."""

from datetime import date

from extract.coding.cleaning import clean_article
from extract.coding.models import Article
from extract.loading.files import load_directory
from tests.support.paths import SAMPLES


def _samples(reference):
    return {a.doc_id: clean_article(a, reference) for a in load_directory(SAMPLES).articles.values()}


def test_sample_boilerplate_is_removed_and_kept(reference):
    cleaned = _samples(reference)
    a001 = cleaned["001_4d2cfab19c965121"]
    assert "This post has been read" not in a001.body
    assert "Check Also" not in a001.body and "Beware of desecrating" not in a001.body
    assert "(AFP)" not in a001.body  # the photo caption
    kinds = {r["kind"] for r in a001.removed}
    assert {"view_counter", "teaser", "caption", "separator"} <= kinds
    a003 = cleaned["003_1c79e6451cd977ab"]
    assert "Post a Comment" not in a003.body and "@gmail.com" not in a003.body
    assert "Editing by" not in cleaned["000_ea6be75ec4a61536"].body
    a004 = cleaned["004_34ccb137bf134dc0"].body
    assert "skip to Main Content" not in a004 and "Back To Top" not in a004


def test_titles_and_repeats(reference):
    cleaned = _samples(reference)
    a002 = cleaned["002_21b499f65f4c1c3f"]
    assert a002.title == "Mobilization forces recapture 9 villages clearing borders with Syria"
    assert a002.body.count("Mobilization forces recapture 9 villages") == 1
    assert "pound an Islamic State gathering" not in a002.body  # caption shown twice in a row
    assert cleaned["004_34ccb137bf134dc0"].title == "Iraq, Isis still attacks the PMF en masse southwest of Mosul"


def test_dateline_and_page_header_date(reference):
    a001 = _samples(reference)["001_4d2cfab19c965121"]
    assert (a001.dateline_place, a001.dateline_date_text, a001.dateline_agency) == ("Beirut", "Nov 4", "AP")
    assert not a001.body.split("\n\n")[1].startswith("BEIRUT")
    # the page header is the day the page was saved: only a low-confidence guess
    assert (a001.published_at, a001.published_at_source, a001.date_confidence) == (
        date(2022, 9, 28),
        "page_header",
        "low",
    )


def test_metadata_date_wins_and_dateline_with_year_is_used(reference):
    with_meta = Article(
        "h1",
        "m",
        "BAGHDAD, Jan 3, 2018 (Reuters) - Shelling hit Hit.",
        "jsonl",
        title="T",
        published_at=date(2018, 1, 4),
    )
    assert clean_article(with_meta, reference).published_at_source == "metadata"
    dated = Article("h2", "d", "Headline here\nBAGHDAD, Jan 3, 2018 (Reuters) - Shelling hit Hit.", "txt")
    cleaned = clean_article(dated, reference)
    assert (cleaned.published_at, cleaned.published_at_source, cleaned.dateline_agency) == (
        date(2018, 1, 3),
        "dateline",
        "Reuters",
    )
    assert cleaned.body.endswith("Shelling hit Hit.")


def test_ordinary_parenthesis_is_not_a_dateline(reference):
    text = "Headline\nHashd Al-Shaabi (PMF) militia repelled an attack near Mosul."
    cleaned = clean_article(Article("h3", "p", text, "txt"), reference)
    assert cleaned.dateline_place is None
    assert "Hashd Al-Shaabi (PMF) militia" in cleaned.body
