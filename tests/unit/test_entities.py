"""Entity mentions (extract/entities.py): people with their titles, affiliations, statements and
fates; organisations and sources; candidate armed groups and places. Expected values come from
reading the sentences (written for the test, or the sample articles) as an analyst would."""

from datetime import date

import pytest

from extract.coding.article import code_article
from extract.coding.cleaning import clean_article
from extract.coding.models import Article
from extract.coding.text import content_hash
from extract.loading.files import load_paths
from tests.support.paths import SAMPLES


def entities_of(text: str, reference, published: date | None = None):
    article = Article(content_hash(text), "t", text, "jsonl", title="", published_at=published)
    return code_article(clean_article(article, reference), reference).entity_mentions


def people(mentions) -> dict[str, object]:
    """The first mention of each person that carries a title, else the first mention."""
    found: dict[str, object] = {}
    for m in mentions:
        if m.entity_type == "person" and (m.name not in found or (m.title and not found[m.name].title)):
            found[m.name] = m
    return found


@pytest.fixture(scope="module")
def samples(reference):
    loaded = load_paths([SAMPLES])
    result = {}
    for article in loaded.articles.values():
        cleaned = clean_article(article, reference)
        result[article.doc_id[:3]] = (cleaned, code_article(cleaned, reference))
    return result


def sample_people(samples, doc: str):
    return people(samples[doc][1].entity_mentions)


# --- titles and appositions --------------------------------------------------------------


def test_apposition_gives_title_and_affiliation(reference):
    found = people(
        entities_of(
            "Ahmed al-Asadi, the commander of the Badr Organization in Diyala, said the road was open.", reference
        )
    )
    person = found["Ahmed al-Asadi"]
    assert (person.title, person.role, person.affiliation, person.affiliation_source) == (
        "commander",
        "commander",
        "Badr Organization",
        "text",
    )
    assert person.speech_role == "quoted"


def test_title_before_the_name_with_a_nationality(reference):
    found = people(
        entities_of("Turkish Foreign Minister Mevlut Cavusoglu told reporters that the talks had failed.", reference)
    )
    person = found["Mevlut Cavusoglu"]
    assert (person.role, person.affiliation) == ("foreign minister", "Turkey")
    assert person.speech_role == "quoted"


def test_group_named_before_the_title(reference):
    found = people(entities_of("SDF spokesman Mustafa Bali said the offensive on Hajin had begun.", reference))
    assert (found["Mustafa Bali"].role, found["Mustafa Bali"].affiliation) == (
        "spokesperson",
        "Syrian Democratic Forces",
    )


def test_rank_is_a_title_not_part_of_the_name(reference):
    found = people(
        entities_of("The coalition commander Lt. Gen. Stephen Townsend said the strikes would continue.", reference)
    )
    assert list(found) == ["Stephen Townsend"]
    assert found["Stephen Townsend"].role == "general"


def test_kunya_names_a_person_and_a_kill_cue_gives_the_fate(reference):
    found = people(
        entities_of(
            "Iraqi forces killed Abu Omar al-Shishani and captured Umm Sayyaf near Tal Afar on Sunday.", reference
        )
    )
    assert found["Abu Omar al-Shishani"].fate == "killed"
    assert found["Umm Sayyaf"].fate == "captured"


def test_was_killed_after_the_name(reference):
    found = people(
        entities_of("Local commander Abu Hassan al-Ansari was killed in the raid, residents said.", reference)
    )
    person = found["Abu Hassan al-Ansari"]
    assert (person.role, person.fate) == ("commander", "killed")


def test_the_killer_is_not_the_one_killed(reference):
    found = people(
        entities_of("Two civilians were killed by gunmen loyal to Abu Bakr al-Tikriti in Samarra.", reference)
    )
    assert all(m.fate is None for m in found.values())


def test_surname_alone_is_the_person_named_in_full(reference):
    mentions = entities_of(
        "Spokesman Karim al-Nouri said the operation had begun. Nouri said the border would be closed.", reference
    )
    named = [m for m in mentions if m.entity_type == "person"]
    assert [m.text for m in named] == ["Karim al-Nouri", "Nouri"]
    assert {m.name for m in named} == {"Karim al-Nouri"}
    assert all(m.speech_role == "quoted" for m in named)


def test_a_name_in_a_headline_is_not_made_a_person_by_its_capitals(reference):
    mentions = entities_of(
        "Syrian Army Units Kill Terrorists In Hama Countryside\n\nThe army said it killed 20 militants.", reference
    )
    assert [m for m in mentions if m.entity_type == "person"] == []


# --- sources -------------------------------------------------------------------------------


def test_monitor_and_agency_are_credited_sources(reference):
    mentions = entities_of(
        "At least 12 people were killed in air strikes on Douma, according to the Syrian Observatory for Human Rights. "
        "State news agency SANA reported that the army repelled an attack.",
        reference,
    )
    by_name = {m.canonical: m for m in mentions if m.entity_type == "organisation"}
    assert by_name["Syrian Observatory for Human Rights"].speech_role == "credited"
    assert by_name["Syrian Observatory for Human Rights"].subtype == "monitor"
    assert (by_name["SANA"].subtype, by_name["SANA"].speech_role) == ("media", "credited")


def test_a_groups_statement_is_credited(reference):
    mentions = entities_of(
        "The shelling hit Sousa, read a statement released by the Hashd al-Shaabi militias.", reference
    )
    pmf = [m for m in mentions if m.canonical == "Popular Mobilization Forces"]
    assert pmf and pmf[0].entity_type == "armed_group" and pmf[0].speech_role == "credited"


def test_an_object_of_fighting_is_not_the_speaker(reference):
    mentions = entities_of(
        "Kurdish forces fighting the Islamic State had warned the organization against crossing.", reference
    )
    assert all(m.speech_role is None for m in mentions if m.canonical == "Islamic State")


def test_he_said_is_the_person_quoted_before(reference):
    mentions = entities_of(
        "Rami Abdel Rahman, the head of the Observatory, said 20 fighters died in Raqqa. He said the toll would rise.",
        reference,
    )
    pronoun = [m for m in mentions if m.evidence == "pronoun"]
    assert [(m.text, m.name, m.speech_role) for m in pronoun] == [("He", "Rami Abdel Rahman", "quoted")]


# --- candidates ----------------------------------------------------------------------------


def test_unknown_armed_groups_are_candidates(reference):
    mentions = entities_of(
        "Fighters of Liwa al-Quds and the Hamza Division clashed near Aleppo, while Jaysh al-Izza shelled Hama.",
        reference,
    )
    candidates = {m.name for m in mentions if m.candidate == "actor"}
    assert candidates == {"Liwa al-Quds", "Hamza Division", "Jaysh al-Izza"}
    assert all(m.entity_type == "armed_group" and m.canonical is None for m in mentions if m.candidate)


def test_known_groups_and_generic_names_are_not_candidates(reference):
    mentions = entities_of(
        "The Free Syrian Army and the Syrian Armed Forces fought the Islamic State group near Raqqa.", reference
    )
    assert [m.name for m in mentions if m.candidate] == []


def test_unknown_places_in_place_phrases_are_candidates(reference):
    mentions = entities_of(
        "A car bomb exploded in the Wadi al-Dahab neighbourhood of Homs, and shells hit the village of Kafr Nabuda.",
        reference,
    )
    assert {m.name for m in mentions if m.candidate == "place"} == {"Wadi al-Dahab", "Kafr Nabuda"}
    assert all(m.entity_type == "place" for m in mentions if m.candidate == "place")


def test_a_place_is_never_a_person_or_group(reference):
    mentions = entities_of(
        "Abu Kamal was shelled on Friday, and Sheikh Maqsoud neighbourhood was hit, said Commander Abu Layla.",
        reference,
    )
    by_text = {m.text: m for m in mentions}
    assert by_text["Abu Kamal"].entity_type == "place" and by_text["Abu Kamal"].canonical == "Albu Kamal"
    assert "Sheikh Maqsoud" not in {m.name for m in mentions if m.entity_type == "person"}
    assert people(mentions)["Abu Layla"].role == "commander"


# --- the sample articles -------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc, name, role, affiliation",
    [
        ("000", "Qassem Muslih", "commander", "Popular Mobilization Forces"),
        ("000", "Donald Trump", "head of state", "United States"),
        ("001", "Jaafar al-Husseini", "spokesperson", "Kataib Hezbollah"),
        ("001", "Haider al-Abadi", "head of government", "Iraq"),
        ("001", "Bashar Assad", "head of state", "Syria"),
        ("002", "Abu Mahdi Al-Mohandes", "deputy commander", "Popular Mobilization Forces"),
        ("002", "Bashar al-Assad", "head of state", "Syria"),
        ("003", "Karim al-Nouri", "spokesperson", "Popular Mobilization Forces"),
    ],
)
def test_the_people_of_the_samples_with_their_roles(samples, doc, name, role, affiliation):
    person = sample_people(samples, doc)[name]
    assert (person.role, person.affiliation) == (role, affiliation)


def test_the_leaders_killed_in_the_pmf_statement(samples):
    found = sample_people(samples, "000")
    for name in ("Abu Wadhah", "Abu Hamza", "Abu Fattoum"):
        assert (found[name].fate, found[name].affiliation) == ("killed", "Islamic State"), name
    assert found["Abu Fattoum"].role == "commander"
    assert found["Abu Wadhah"].role == "leader"


def test_muslih_is_quoted_and_his_surname_resolves(samples):
    mentions = [m for m in samples["000"][1].entity_mentions if m.name == "Qassem Muslih"]
    assert {m.text for m in mentions} == {"Qassem Muslih", "Muslih"}
    assert all(m.speech_role == "quoted" for m in mentions)


def test_sources_of_the_samples(samples):
    sources = {
        (m.canonical or m.name, m.speech_role)
        for doc in samples.values()
        for m in doc[1].entity_mentions
        if m.speech_role
    }
    assert ("Syrian Observatory for Human Rights", "quoted") in sources
    assert ("The Associated Press", "credited") in sources
    assert ("Kurdistan 24", "credited") in sources  # the dateline "ERBIL (Kurdistan 24) –"
    assert ("Popular Mobilization Forces", "credited") in sources  # "a statement released by the Hashd al-Shaabi"


def test_no_sample_place_is_typed_as_a_person_or_group(samples, reference):
    for cleaned, result in samples.values():
        place_spans = {(p.char_start, p.char_end) for p in result.place_mentions}
        for m in result.entity_mentions:
            if m.char_start is not None and (m.char_start, m.char_end) in place_spans:
                assert m.entity_type == "place", (cleaned.doc_id, m.text, m.entity_type)
            if m.entity_type in ("person", "armed_group"):
                assert not any(s < m.char_end and m.char_start < e for s, e in place_spans), (cleaned.doc_id, m.text)


def test_mentions_point_into_the_body_and_ids_are_stable(samples, reference):
    cleaned, result = samples["001"]
    for m in result.entity_mentions:
        if m.char_start is not None:
            assert cleaned.body[m.char_start : m.char_end] == m.text
            assert m.text in m.sentence
    again = code_article(cleaned, reference).entity_mentions
    assert [m.mention_id for m in again] == [m.mention_id for m in result.entity_mentions]
    assert len({m.mention_id for m in again}) == len(again)


def test_person_mentions_link_to_the_events_of_their_sentences(samples):
    cleaned, result = samples["000"]
    shelling = next(e for e in result.events if e.location == "Sousa")
    linked = {m.name for m in result.entity_mentions if m.event_id == shelling.event_id}
    assert "Popular Mobilization Forces" in linked


def test_entities_do_not_change_the_events(samples, reference, monkeypatch):
    import extract.coding.engine as engine

    cleaned, result = samples["001"]
    monkeypatch.setattr(engine, "find_entities", lambda *args, **kwargs: [])
    bare = code_article(cleaned, reference)
    assert bare.events == result.events
    assert bare.entity_mentions == []


def test_spacy_is_optional(reference, monkeypatch):
    """A configured spaCy model that is not installed leaves the rules alone."""
    from extract.coding.entities import roles, rules

    monkeypatch.setenv("CONFLICT_SPACY_MODEL", "no_such_model_xx")
    rules._rules.cache_clear()
    roles._NLP.clear()
    try:
        mentions = entities_of("Spokesman Karim al-Nouri said the operation had begun.", reference)
        assert [m.name for m in mentions if m.entity_type == "person"] == ["Karim al-Nouri"]
    finally:
        monkeypatch.delenv("CONFLICT_SPACY_MODEL")
        rules._rules.cache_clear()
