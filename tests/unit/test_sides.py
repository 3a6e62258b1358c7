"""Who did what to whom, from the parse. Sentences written for these tests."""

import pytest

from extract.coding.actors import find_actors
from extract.coding.clauses import pick_trigger
from extract.coding.nlp import load_pipeline
from extract.coding.sides import SideReader
from extract.coding.text import tokens


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def sides(nlp, reference, sentence, sub_event_type, country="SY"):
    doc = nlp(sentence)
    reader = SideReader(doc[:], find_actors(sentence, tokens(sentence), reference), reference, country)
    actor1, actor2, _ = reader.sides(pick_trigger(doc[:], sub_event_type), sub_event_type)
    return (actor1.actor if actor1 else None, actor2.actor if actor2 else None)


@pytest.mark.parametrize(
    ("sentence", "sub_event_type", "expected"),
    [
        # passive with "by": the victims are actor2, the agent actor1
        (
            "Twelve soldiers were killed by Islamic State suicide bombers in the desert.",
            "Suicide bomb",
            ("Islamic State", "Syrian Government Forces"),
        ),
        # active voice
        (
            "Turkish artillery shelled Kurdish fighters of the YPG near the border.",
            "Shelling/artillery/missile attack",
            ("Turkish Armed Forces", "People's Protection Units"),
        ),
        # a nationality adjective on the attack noun
        (
            "Russian air strikes killed nine civilians in the town.",
            "Air/drone strike",
            ("Russian Armed Forces", "Civilians"),
        ),
        # a descriptor with no named group
        ("Gunmen shot dead a farmer on the road to the village.", "Attack", ("Unidentified Armed Group", "Civilians")),
        # killed in an attack noun that names its side
        (
            "Five people were killed in a coalition air strike on the market.",
            "Air/drone strike",
            ("US-led Coalition", "Civilians"),
        ),
        # the act hangs off the target in the parse: the governing verb's subject acted
        (
            "In Hama the Syrian army targeted the gangs hideouts killing and injuring many terrorists.",
            "Armed clash",
            ("Syrian Government Forces", "Syrian Rebels"),
        ),
        # an act as a noun after "were on": the subject of that verb acted
        (
            "He said that government forces were on a wide offensive on the eastern suburbs of Hama.",
            "Armed clash",
            ("Syrian Government Forces", None),
        ),
        # Syrian state media's "terrorists" with no group named: the Syrian rebels
        (
            "Terrorists fired rocket shells on the al-Midan neighbourhood, injuring two civilians.",
            "Shelling/artillery/missile attack",
            ("Syrian Rebels", "Civilians"),
        ),
        # "an airstrike of <side>": the side of the strike
        (
            "An airstrike of the US-led coalition killed six civilians in the town.",
            "Air/drone strike",
            ("US-led Coalition", "Civilians"),
        ),
        # a possessive that lost its apostrophe names the aircraft's country
        (
            "Syrias aircraft destroyed a convoy of trucks near the city and killed ten civilians.",
            "Air/drone strike",
            ("Syrian Government Forces", "Civilians"),
        ),
        # "killed in rebel shelling" with "rebel" parsed as the object of "in"
        (
            "Four people had been killed in rebel shelling of a school in the district.",
            "Shelling/artillery/missile attack",
            ("Syrian Rebels", "Civilians"),
        ),
        # "came under" shelling or attack: the subject was attacked, "from" or "by" names who attacked
        (
            "Rebel positions in Jobar came under heavy shelling from government forces on Monday.",
            "Shelling/artillery/missile attack",
            ("Syrian Government Forces", "Syrian Rebels"),
        ),
        (
            "An army checkpoint near Palmyra came under attack by Islamic State fighters, killing four soldiers.",
            "Armed clash",
            ("Islamic State", "Syrian Government Forces"),
        ),
        # a passive report with a "when" clause: that clause's subject did it
        (
            "Forty people were killed on Sunday when Syrian army helicopters dropped barrel bombs on the city.",
            "Air/drone strike",
            ("Syrian Government Forces", "Civilians"),
        ),
    ],
)
def test_sides(nlp, reference, sentence, sub_event_type, expected):
    assert sides(nlp, reference, sentence, sub_event_type) == expected


def test_civilians_act_only_in_protests(nlp, reference):
    actor1, actor2 = sides(
        nlp, reference, "Residents were wounded when mortar rounds hit the square.", "Shelling/artillery/missile attack"
    )
    assert actor1 != "Civilians"
    assert actor2 == "Civilians"


def test_a_name_as_written_is_whole_and_never_an_organisation_of_the_reference(nlp, reference):
    """An unknown group is carried by its whole name ("the Hamza Division", not "Hamza"); a name of
    ``organisation_aliases.csv`` (outlets, monitors, rescuers) is never an armed side."""
    doc = nlp("The White Helmets and the Hamza Division attacked the village.")
    reader = SideReader(doc[:], [], reference, "SY")
    helmets = next(t for t in doc if t.text == "Helmets")
    division = next(t for t in doc if t.text == "Division")
    assert reader.resolve(helmets) is None
    side = reader.resolve(division)
    assert side is not None and (side.actor, side.resolution) == ("Hamza Division", "named")


def test_a_side_named_with_the_acting_one_acted_with_it(nlp, reference):
    """ "The regime and Russian jets bombed the towns": Russia struck beside the regime; it is
    not the side struck."""
    actor1, actor2 = sides(
        nlp, reference, "The Assad regime and Russian jets bombed the towns of Nishabiya and Otaya.", "Air/drone strike"
    )
    assert actor1 == "Syrian Government Forces" and actor2 != "Russian Armed Forces"


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        (
            "Three suicide bombers killed 12 people at a checkpoint near Homs in an attack claimed by the Islamic State group.",
            "Suicide bomb",
        ),
        ("IS later claimed the car bomb that killed nine people in Qamishli.", "Remote explosive/landmine/IED"),
    ],
)
def test_the_side_that_claimed_the_act_did_it(nlp, reference, sentence, sub_event_type):
    """ "bombers" or no doer at all: the side that claimed the attack is its actor1 (ACLED codes
    the claimant), also when the parser reads "IS" as the verb "is"."""
    assert sides(nlp, reference, sentence, sub_event_type)[0] == "Islamic State"


def test_a_named_side_among_the_modifiers_outweighs_the_descriptor(nlp, reference):
    """ "ISIS gunmen" are Islamic State's, not an unidentified group's."""
    actor1, _ = sides(
        nlp,
        reference,
        "ISIS gunmen stormed the village and seized the police station.",
        "Non-state actor overtakes territory",
    )
    assert actor1 == "Islamic State"


def test_a_side_the_acting_one_includes_is_not_the_side_acted_upon(nlp, reference):
    """ "rebels including members of the Nusra Front captured the hill": al-Nusra fought beside
    the rebels; the ground was not taken from it."""
    actor1, actor2 = sides(
        nlp,
        reference,
        "Rebel fighters including members of the Nusra Front captured the hill on Sunday.",
        "Non-state actor overtakes territory",
    )
    assert actor1 == "Syrian Rebels" and actor2 != "Hayat Tahrir al-Sham"


@pytest.mark.parametrize(("country", "expected"), [("SY", "People's Protection Units"), ("IQ", "Peshmerga")])
def test_kurdish_fighters_are_the_kurdish_force_of_the_event_s_country(nlp, reference, country, expected):
    """ "Kurdish fighters" are the YPG in Syria and the Peshmerga in Iraq (group_demonyms.csv)."""
    actor1, _ = sides(
        nlp, reference, "Kurdish fighters clashed with Islamic State militants near the town.", "Armed clash", country
    )
    assert actor1 == expected


def test_the_kurdish_arab_alliance_is_the_sdf(nlp, reference):
    actor1, _ = sides(
        nlp,
        reference,
        "The Kurdish-Arab alliance seized three villages from the jihadists.",
        "Non-state actor overtakes territory",
    )
    assert actor1 == "Syrian Democratic Forces"


def test_the_side_that_attacked_is_actor1_of_the_clash(nlp, reference):
    """ "army units clashed with gunmen who were attacking checkpoints": the attackers started
    the battle, and ACLED codes the attacker as actor1."""
    actor1, actor2 = sides(
        nlp,
        reference,
        "Army units clashed with ISIS militants who were attacking checkpoints near the airport.",
        "Armed clash",
    )
    assert (actor1, actor2) == ("Islamic State", "Syrian Government Forces")


def test_a_group_affiliated_to_a_known_side_is_that_side(nlp, reference):
    actor1, _ = sides(
        nlp,
        reference,
        "Terrorist groups affiliated to Jabhat al-Nusra shelled the village.",
        "Shelling/artillery/missile attack",
    )
    assert actor1 == "Hayat Tahrir al-Sham"


@pytest.mark.parametrize(
    ("sentence", "sub_event_type", "expected"),
    [
        ("Israeli jets struck a Syrian army position near Quneitra.", "Air/drone strike", "Israeli Armed Forces"),
        (
            "Jeish al-Fatah fighters shelled the two villages overnight.",
            "Shelling/artillery/missile attack",
            "Jaish al-Fateh",
        ),
        ("Militants of Faylaq al-Rahman attacked an army checkpoint in Jobar.", "Armed clash", "Faylaq al-Rahman"),
    ],
)
def test_the_war_s_main_factions_and_states_are_known_by_their_spellings(
    nlp, reference, sentence, sub_event_type, expected
):
    """actors.csv and actor_aliases.csv: ACLED-style names for the factions and states the corpus
    names most (Israeli Armed Forces, Jaish al-Fateh, Faylaq al-Rahman), whatever the spelling."""
    assert sides(nlp, reference, sentence, sub_event_type)[0] == expected


def test_the_agent_of_the_wounding_told_with_the_killing_did_both(nlp, reference):
    actor1, _ = sides(
        nlp,
        reference,
        "Seven soldiers were killed and 12 others wounded by Islamic State militants who stormed the checkpoint.",
        "Armed clash",
    )
    assert actor1 == "Islamic State"


def test_citizens_are_civilians(nlp, reference):
    _, actor2 = sides(
        nlp,
        reference,
        "Three citizens were wounded when mortar shells hit the square.",
        "Shelling/artillery/missile attack",
    )
    assert actor2 == "Civilians"


def test_a_foreign_state_striking_with_the_home_state_assists_it(nlp, reference):
    """ "Russian and Syrian strikes": ACLED codes the home state as actor1 and Russia as its
    associate; Russia alone stays Russia."""
    joint, _ = sides(
        nlp, reference, "Nine civilians were killed in Russian and Syrian strikes on the town.", "Air/drone strike"
    )
    alone, _ = sides(nlp, reference, "Russian jets bombed the town, killing five civilians.", "Air/drone strike")
    assert (joint, alone) == ("Syrian Government Forces", "Russian Armed Forces")


def test_a_battle_label_on_a_strike_without_a_battle_word_is_remote_violence(nlp):
    """ "Bombers had struck around Deir Ezzor" names a strike and no battle: the engine takes the
    classifier's likeliest remote-violence sub-type instead of a clash."""
    from extract.coding.clauses import remote_not_battle

    struck = nlp("Six long-range bombers had struck around Deir Ezzor, the ministry said.")[:]
    fought = nlp("Six long-range bombers struck as rebels fought the army around Deir Ezzor.")[:]
    assert remote_not_battle(struck, "Armed clash")
    assert not remote_not_battle(fought, "Armed clash")
    assert not remote_not_battle(struck, "Air/drone strike")
