"""The usual foe of a battle's named side: counted from hand-coded battles, lent only when clear.
Pairs and sentences here are written for the test."""

from extract.coding.classifier import Decision
from extract.coding.drafts import Draft
from extract.coding.foes import Foe, count_foes, lend_usual_foes, load_foes, usual_foe, write_foes
from extract.coding.numbers import Casualties
from extract.coding.sides import Side
from extract.coding.text import Span

GOVERNMENT = "Syrian Government Forces"
REBELS = "Syrian Rebels"
ISLAMIC_STATE = "Islamic State"


def side(reference, name: str) -> Side:
    actor = reference.actors[name]
    return Side(actor.actor, actor.parent, actor.actor_type, name, 0, len(name), "alias", actor.country_code)


def draft(sub_event_type: str, actor1: Side | None, actor2: Side | None) -> Draft:
    text = "Fighting raged near the town on Monday."
    return Draft(
        Span(text, 0, len(text)),
        0,
        Decision(sub_event_type, 0.9, 0.9, "model"),
        actor1,
        actor2,
        True,
        None,
        None,
        Casualties(),
        False,
        None,
        False,
        False,
    )


def test_count_foes_takes_each_family_s_most_frequent_opponent_in_either_role():
    pairs = [(REBELS, GOVERNMENT)] * 3 + [(GOVERNMENT, ISLAMIC_STATE)] * 2 + [(ISLAMIC_STATE, REBELS)]
    foes = {f.family: f for f in count_foes(pairs)}
    assert foes[REBELS] == Foe(REBELS, GOVERNMENT, 4, 0.75)
    assert foes[GOVERNMENT] == Foe(GOVERNMENT, REBELS, 5, 0.6)
    # a tie goes to the name first in order, so the table is the same on every run
    assert foes[ISLAMIC_STATE] == Foe(ISLAMIC_STATE, GOVERNMENT, 3, 0.667)


def test_a_foe_is_lent_only_when_the_battles_are_many_and_the_majority_clear(reference):
    foes = {
        REBELS: Foe(REBELS, GOVERNMENT, 40, 0.9),
        ISLAMIC_STATE: Foe(ISLAMIC_STATE, GOVERNMENT, 40, 0.46),
        "Jaish al-Islam": Foe("Jaish al-Islam", GOVERNMENT, 3, 1.0),
    }
    lent = usual_foe(REBELS, foes, reference)
    assert lent is not None and (lent.actor, lent.resolution) == (GOVERNMENT, "corpus")
    assert usual_foe(ISLAMIC_STATE, foes, reference) is None
    assert usual_foe("Jaish al-Islam", foes, reference) is None
    assert usual_foe("Kurdistan Workers' Party", foes, reference) is None


def test_only_one_sided_battles_take_the_usual_foe(reference):
    foes = {REBELS: Foe(REBELS, GOVERNMENT, 40, 0.9), GOVERNMENT: Foe(GOVERNMENT, REBELS, 40, 0.8)}
    rebels, isis = side(reference, REBELS), side(reference, ISLAMIC_STATE)
    drafts = [
        draft("Armed clash", rebels, None),
        draft("Armed clash", None, rebels),
        draft("Armed clash", rebels, isis),
        draft("Shelling/artillery/missile attack", rebels, None),
    ]
    out = lend_usual_foes(drafts, foes, reference)
    pairs = [(d.actor1.actor if d.actor1 else None, d.actor2.actor if d.actor2 else None) for d in out]
    assert pairs == [(REBELS, GOVERNMENT), (GOVERNMENT, REBELS), (REBELS, ISLAMIC_STATE), (REBELS, None)]


def test_the_foes_table_reads_back_what_was_written(tmp_path):
    path = tmp_path / "battle_foes.csv"
    written = count_foes([(REBELS, GOVERNMENT), (REBELS, GOVERNMENT), (REBELS, ISLAMIC_STATE)])
    write_foes(path, written)
    assert load_foes(path) == {f.family: f for f in written}
    assert load_foes(tmp_path / "missing.csv") == {}
