"""Comma-less place lists: one name per listed place, and single names never cut."""

import pytest

from extract.coding.place_lists import listed_places


def _names(text: str) -> list[str]:
    return [text[s:e] for s, e in listed_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jets bombed the villages of Kafr Nabl Tel Sultan Hazano and Binnish before dawn.",
            ["Kafr Nabl", "Tel Sultan", "Hazano", "Binnish"],
        ),
        (
            "Shells hit the neighbourhoods of Bab al-Nayrab al-Shaar Bustan al-Basha and al-Midan overnight.",
            ["Bab al-Nayrab", "al-Shaar", "Bustan al-Basha", "al-Midan"],
        ),
        ("Rockets struck al- Hamdaniya and al-Furqan neighborhoods in the city.", ["al- Hamdaniya", "al-Furqan"]),
        ("Troops entered the villages of Khirbet al-Jawz al-Kabir and Zoghba.", ["Khirbet al-Jawz al-Kabir", "Zoghba"]),
        ("Raids hit Douma Harasta and other towns east of the capital.", ["Douma", "Harasta"]),
    ],
)
def test_a_list_gives_one_name_per_place(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jets bombed the town of Kafr Nabl in the south.",  # one name, singular noun
        "The villages of Kafr Nabl were hit.",  # plural noun but no list
        "Clashes between the Syrian Army and Free Syrian Army continued.",  # no place noun
    ],
)
def test_no_list_no_split(text: str) -> None:
    assert _names(text) == []


def test_a_quarter_named_with_its_city_is_one_place():
    """ "the al-Joura neighbourhood of Deir Ezzor" names one place with the city that holds it."""
    from extract.coding.place_lists import part_of
    from extract.coding.where import Candidate

    text = "Shells hit the al-Joura neighbourhood of Deir Ezzor and the town of Mayadin."

    def at(name: str) -> Candidate:
        return Candidate(name, text.index(name), text.index(name) + len(name), "gazetteer", None, {})

    quarter, city, town = at("al-Joura"), at("Deir Ezzor"), at("Mayadin")
    assert part_of(text, quarter, city)
    assert not part_of(text, city, town)
