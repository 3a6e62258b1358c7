"""Property-based tests: no text makes the loader, cleaner or extractor crash, produce invalid
output, or take more than its time budget."""

import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.coding.cleaning import clean_article
from extract.coding.events import extract_article
from extract.coding.models import Article
from extract.coding.reference import load_reference
from extract.coding.text import content_hash
from extract.loading.files import SUPPORTED, LoadResult, load_file

REFERENCE = load_reference()
SUB_EVENTS = REFERENCE.event_types
WORDS = [
    "Islamic",
    "State",
    "ISIS",
    "Daesh",
    "PMF",
    "Hashd",
    "al-Shaabi",
    "shelled",
    "attacked",
    "repelled",
    "an",
    "attack",
    "by",
    "clashes",
    "between",
    "and",
    "recaptured",
    "Mosul",
    "Albu",
    "Kamal",
    "Boukamal",
    "Deir",
    "ez-Zor",
    "Syria",
    "Iraq",
    "killing",
    "wounding",
    "more",
    "than",
    "dozens",
    "of",
    "the",
    "militants",
    "on",
    "Friday",
    "near",
    "from",
    "into",
    "would",
    "not",
    "civilians",
    "in",
    "Anbar",
    "province",
    "999999999999",
    "-45",
    "0",
    "three",
    "hundred",
    "said",
    "(AFP)",
    "BEIRUT,",
    "Nov",
    "4,",
]
ODD = [
    "\u200f",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\u0627\u0644\u0645\u0648\u0635\u0644",
    "ﬁ",
    "\u0301",
    "\n",
    "\n\n",
    ".",
    ",",
    ";",
    " — ",
    "’s",
    "\t",
]

articles_text = st.one_of(
    st.text(max_size=3000),
    st.lists(st.sampled_from(WORDS + ODD), max_size=600).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=500, max_size=3000).map(" ".join),  # very long sentence, no punctuation
)


def _valid(event, body: str) -> None:
    assert SUB_EVENTS[event.sub_event_type] == event.event_type
    assert 0 <= event.char_start <= event.char_end <= len(body)
    assert body[event.char_start : event.char_end] == event.evidence
    assert 0.0 <= event.confidence <= 1.0
    assert event.geo_precision in (1, 2, 3)
    assert event.time_precision in (None, 1, 2, 3)
    for figure in (
        event.fatalities,
        event.fatalities_low,
        event.fatalities_high,
        event.wounded,
        event.casualties_total,
    ):
        assert figure is None or 0 <= figure < 100000
    assert event.country_code is not None
    assert isinstance(event.cross_border, bool) and (event.origin_country is not None) == event.cross_border


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=articles_text,
    published=st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))),
)
def test_cleaner_and_extractor_never_fail_and_stay_valid(text, published):
    article = Article(content_hash(text), "p", text, "txt", published_at=published)
    cleaned = clean_article(article, REFERENCE)
    started = time.perf_counter()
    result = extract_article(cleaned, REFERENCE, budget_s=2.0)
    assert time.perf_counter() - started < 4.0
    for event in result.events:
        _valid(event, cleaned.body)
    for mention in result.actor_mentions + result.place_mentions:
        assert cleaned.body[mention.char_start : mention.char_end] == mention.text


@settings(max_examples=120, deadline=None)
@given(raw=st.binary(max_size=4000), suffix=st.sampled_from(sorted(SUPPORTED)))
def test_loader_never_fails_and_each_input_has_exactly_one_outcome(tmp_path_factory, raw, suffix):
    folder = tmp_path_factory.mktemp("in")
    path = folder / f"doc{suffix}"
    path.write_bytes(raw)
    result = LoadResult()
    load_file(path, folder, result)
    outcomes = [f for a in result.articles.values() for f in a.files] + result.rejections
    assert outcomes, "an input must load or be rejected"
    if suffix in (".txt", ".html", ".htm"):
        assert len(outcomes) == 1
    assert all(r.reason and "\n" not in r.reason for r in result.rejections)


def test_a_pathological_article_is_cut_off_by_its_budget():
    text = " ".join(["Islamic State attacked the PMF near Mosul killing 3"] * 20000)  # about 1 MB, no full stop
    cleaned = clean_article(Article(content_hash(text), "big", text, "txt"), REFERENCE)
    started = time.perf_counter()
    result = extract_article(cleaned, REFERENCE, budget_s=1.0)
    elapsed = time.perf_counter() - started
    assert result.truncated
    assert elapsed < 10.0
