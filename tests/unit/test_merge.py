"""Reports of one act merge into one event; which report leads decides its sub-type. The
sentences are written for the test."""

from extract.coding.classifier import Decision
from extract.coding.drafts import Draft, Place, merge
from extract.coding.numbers import Casualties
from extract.coding.text import Span

DAMASCUS = Place("Damascus", "Damascus", "Damascus", "SY-DI", "Syria", "SY", 33.5, 36.3, 1)


def report(text: str, start: int, decision: Decision) -> Draft:
    return Draft(
        Span(text, start, start + len(text)), start, decision, None, None, True, DAMASCUS, None,
        Casualties(), False, None, False, False,
    )  # fmt: skip


def test_the_weapon_an_override_named_leads_over_a_vaguer_report():
    vague = report("An explosion near the police station killed one person.", 0, Decision(
        "Remote explosive/landmine/IED", 0.8, 0.9, "model"))  # fmt: skip
    named = report("Two suicide bombers blew themselves up outside the station.", 60, Decision(
        "Suicide bomb", 0.3, 0.7, "override:suicide bomb"))  # fmt: skip
    (merged,) = merge([vague, named])
    assert merged.sub_event_type == "Suicide bomb"
    assert merged.reports == 2


def test_otherwise_the_likelier_sub_type_leads():
    shelling = report(
        "Shells hit the town on Monday.", 0, Decision("Shelling/artillery/missile attack", 0.7, 0.9, "model")
    )
    blast = report("An explosion shook the town.", 40, Decision("Remote explosive/landmine/IED", 0.4, 0.8, "model"))
    (merged,) = merge([blast, shelling])
    assert merged.sub_event_type == "Shelling/artillery/missile attack"
