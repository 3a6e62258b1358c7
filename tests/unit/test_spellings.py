"""Transliterated spellings of one place share a consonant skeleton; the names are the team's
renderings of places the gazetteer knows under another spelling."""

from datetime import date

import pytest

from extract.coding.article import code_article
from extract.coding.cleaning import clean_article
from extract.coding.models import Article
from extract.coding.spellings import by_skeleton, skeleton
from extract.coding.text import content_hash


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("al-Zobdani", "Zabadani"),
        ("Deir az-Zour", "Der-Ezzor"),
        ("Maaret Alnouman", "Maarat al-Numan"),
        ("Binish", "Binnish"),
    ],
)
def test_spellings_of_one_name_share_a_skeleton(one, other):
    assert skeleton(one) == skeleton(other)


def test_different_names_do_not():
    assert skeleton("Saraqib") != skeleton("Sarmada")


def test_a_known_place_spelt_another_way_is_found_in_its_province(reference):
    place = by_skeleton("Seraqeeb", "SY", reference)
    assert place is not None and (place.admin1_code, place.country_code) == ("SY-ID", "SY")


def test_a_short_skeleton_or_another_country_says_nothing(reference):
    assert by_skeleton("Tal", "SY", reference) is None
    assert by_skeleton("Seraqeeb", "IQ", reference) is None


def test_the_event_takes_the_province_of_the_place_so_spelt(reference):
    text = "Warplanes struck the town of Binish on Monday killing five people."
    article = Article(content_hash(text), "t", text, "jsonl", title="", published_at=date(2016, 5, 9))
    (event,) = code_article(clean_article(article, reference), reference).events
    assert (event.location_text, event.admin1_code) == ("Binish", "SY-ID")


def test_a_name_with_its_article_inside_is_read_whole(reference):
    """ "the town of Maraat al-Nuaman": the lower-case article does not end the name, so the whole
    name is looked up (by its skeleton) rather than its first word."""
    text = "Three fighters were killed in a bomb explosion in the town of Maraat al-Nuaman on Monday."
    article = Article(content_hash(text), "t", text, "jsonl", title="", published_at=date(2016, 5, 9))
    (event,) = code_article(clean_article(article, reference), reference).events
    assert (event.location_text, event.admin1_code) == ("Maraat al-Nuaman", "SY-ID")
