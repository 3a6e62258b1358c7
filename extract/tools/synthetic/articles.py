"""Whole articles from their plans: the events composed into paragraphs, the dateline, and the
noise of real web pages (boilerplate, captions, typos, whitespace)."""

from __future__ import annotations

import math
import random
import re
from datetime import date, timedelta

from extract.tools.synthetic.phrases import (
    ARABIC_NOISE,
    BACKGROUND,
    CAPTION_CREDITS,
    CAPTIONS,
    EVENT_CONTEXT,
    EVENT_TEMPLATES,
    FOLLOW_UPS,
    FOLLOW_UPS_PROTEST,
    FOLLOW_UPS_VIOLENT,
    KEPT_NOISE,
    NONVIOLENT,
    QUIET_TOPICS,
    QUOTE_ADDITIONS,
    QUOTES,
    REMOVED_LINES,
    REPORTERS,
    SYRIA_MONITOR,
)
from extract.tools.synthetic.plans import (
    SPECS,
    ArticlePlan,
    EventPlan,
    TemplateSpec,
    _rng,
    article_role,
    plan_article,
)
from extract.tools.synthetic.vocabulary import (
    AP_MONTHS,
    AP_SMALL_CITIES,
    COUNTRY_NAMES,
    DATELINE_CITIES,
    MONTHS,
    OUTLETS,
    WEEKDAYS,
    Outlet,
    vocabulary,
)
from extract.tools.synthetic.writing import _Article, _Writer


def _typo(rng: random.Random, sentence: str) -> str:
    """Swap two letters of one lower-case word, as hurried copy does."""
    words = list(re.finditer(r"\b[a-z]{6,}\b", sentence))
    if not words:
        return sentence
    word = rng.choice(words)
    i = word.start() + rng.randrange(1, len(word.group()) - 2)
    return sentence[:i] + sentence[i + 1] + sentence[i] + sentence[i + 2 :]


def _dateline(rng: random.Random, outlet: Outlet, country: str, admin1: str, published: date) -> str:
    cities = DATELINE_CITIES[country]
    city = cities.get(admin1, cities[""])
    month, day, year = MONTHS[published.month - 1], published.day, published.year
    style = outlet.dateline
    if style == "reuters":
        return (
            f"{city}, {month} {day}, {year} (Reuters) - "
            if rng.random() < 0.9
            else f"{city}, {month[:3]} {day} (Reuters) - "
        )
    if style == "ap":
        if rng.random() < 0.2:
            return f"{rng.choice(AP_SMALL_CITIES[country])}, {COUNTRY_NAMES[country][0]} (AP) — "
        return (
            f"{city} (AP) — "
            if rng.random() < 0.5
            else f"{city}, {AP_MONTHS[published.month - 1]} {day}, {year} (AP) — "
        )
    if style == "afp":
        return f"{city.title()} (AFP) - "
    if style == "k24":
        return f"{'ERBIL' if country == 'IQ' else 'QAMISHLI'} (Kurdistan 24) – "
    if style == "xinhua":
        return f"{city}, {month[:3]}. {day} (Xinhua) -- "
    if style == "shafaq":
        return "Shafaq News/ "
    return ""


def _paragraph_count(rng: random.Random) -> int:
    return max(3, min(15, round(rng.lognormvariate(math.log(10.0), 0.38))))


def render(seed: int, number: int) -> _Article:
    """The text of article ``number``: an original, or another outlet's retelling of one."""
    role = article_role(seed, number)
    if role.kind == "copy" and role.source is not None:
        return render(seed, role.source)
    rng = _rng(seed, number, "text")
    plan = plan_article(seed, number)
    published, outlet = plan.published, plan.outlet
    events = plan.events
    if role.kind == "rewrite" and role.source is not None:
        source = plan_article(seed, role.source)
        main = source.events[0]
        published = main.day + timedelta(days=rng.choice((0, 1)))
        alternatives = [
            i
            for i, s in enumerate(SPECS[main.sub_event_type])
            if i != main.template and _same_shape(s, SPECS[main.sub_event_type][main.template], main.fatalities)
        ]
        events = (
            EventPlan(
                main.sub_event_type,
                rng.choice(alternatives) if alternatives else main.template,
                main.actor1,
                main.actor2,
                main.place,
                main.fatalities,
                main.day,
                main.scenario,
            ),
        )
        outlet = rng.choice([o for o in OUTLETS if o != source.outlet])
        plan = ArticlePlan(number, published, source.country, source.province, outlet, events, None)
    writer = _Writer(rng, vocabulary(), plan, published, outlet)
    return _compose(writer, plan, number, events)


def _same_shape(a: TemplateSpec, b: TemplateSpec, fatalities: int | None) -> bool:
    """Templates that tell the same actors and figures (so a retelling keeps the facts)."""
    if (a.uses_actor1, a.uses_aircraft, a.target) != (b.uses_actor1, b.uses_aircraft, b.target):
        return False
    if fatalities is None:
        return not a.needs_count
    return a.has_tail or (a.needs_count and fatalities >= 2)  # "{k} shepherds" needs a plural


def _compose(writer: _Writer, plan: ArticlePlan, number: int, events: tuple[EventPlan, ...]) -> _Article:
    """Lead, then elaboration, background, quotes and any further events, in wire style."""
    rng = writer.rng
    target = _paragraph_count(rng)
    if events:
        main = events[0]
        lead = writer.event_sentence(main, EVENT_TEMPLATES[main.sub_event_type][main.template])
        title = writer.headline(main) if rng.random() < 0.85 else None
        kind = main.sub_event_type
        follow_ups = (
            FOLLOW_UPS_PROTEST
            if kind == "Peaceful protest"
            else FOLLOW_UPS
            if kind in NONVIOLENT
            else FOLLOW_UPS + FOLLOW_UPS_VIOLENT
        )
        first = [writer.sentence(rng.choice(follow_ups), main.place)]
        if plan.country == "SY" and main.fatalities and rng.random() < 0.4:
            first.append(writer.sentence(SYRIA_MONITOR.replace("{k}", str(main.fatalities)), main.place))
        first += [writer.sentence(t, main.place) for t in rng.sample(EVENT_CONTEXT, rng.choice((0, 1, 1, 2)))]
        extra = [writer.event_sentence(e, EVENT_TEMPLATES[e.sub_event_type][e.template]) for e in events[1:]]
        if rng.random() < 0.1 and (denied := writer.distractor(main)):
            first.append(denied)
        pool = BACKGROUND[plan.country] + BACKGROUND["any"]
        voices: tuple[str, ...] = ("official", "official", "resident")
    else:
        topic = QUIET_TOPICS[plan.topic or "politics"]
        lead = writer.sentence(rng.choice(topic["leads"]))
        title = writer.sentence(rng.choice(topic["headlines"])) if rng.random() < 0.85 else None
        first, extra = [], []
        pool = topic["body"] + tuple(rng.sample(BACKGROUND[plan.country], 2))
        voices = (plan.topic or "politics",)
    chosen: list[str] = []
    for template in rng.sample(pool, min(len(pool), 2 * target + 2)):
        if template not in chosen:
            chosen.append(template)
    sentences = _Sentences(writer, first, chosen)
    quotes: list[str] = []
    heard: set[str] = set()
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        voice = rng.choice(voices)
        words = rng.choice(QUOTES[voice])
        if words not in heard:
            heard.add(words)
            addition = (
                " " + writer.sentence(rng.choice(QUOTE_ADDITIONS))
                if voice == "official" and rng.random() < 0.35
                else ""
            )
            quotes.append(writer.quote(voice, words) + addition)

    paragraphs = [lead + (" " + sentences.take(1) if sentences and rng.random() < 0.3 else "")]
    while len(paragraphs) < target and (sentences or quotes or extra):
        roll = rng.random()
        if extra and (roll < 0.3 and len(paragraphs) >= 2 or not (sentences or quotes)):
            paragraphs.append(_follow_on(rng, extra.pop(0)))
        elif quotes and (roll < 0.55 or not sentences):
            paragraphs.append(quotes.pop(0))
        elif sentences:
            size = rng.choice((1, 2, 2, 2, 3) if plan.outlet.wire else (2, 3, 3, 4, 4))
            paragraphs.append(sentences.take(size))
    paragraphs += [_follow_on(rng, sentence) for sentence in extra]  # every composed event is told

    paragraphs = [_typo(rng, p) if rng.random() < 0.02 else p for p in paragraphs]
    dateline = _dateline(rng, plan.outlet, plan.country, plan.province, writer.published)
    head, body = _dress(rng, writer, plan, paragraphs, dateline, title)
    url = f"https://www.{plan.outlet.domain}/{'world/middle-east' if rng.random() < 0.5 else 'news'}/{_slug(title or lead)}-{number}"
    return _Article(number, title, head, body, writer.published, plan.outlet, url, events)


class _Sentences:
    """Sentences waiting for a paragraph: the ready ones first, then templates, filled only when
    used (most articles use a fraction of what was drawn, and filling is the costly part)."""

    def __init__(self, writer: _Writer, ready: list[str], templates: list[str]) -> None:
        self.writer, self.ready, self.templates = writer, ready, templates

    def __bool__(self) -> bool:
        return bool(self.ready or self.templates)

    def take(self, count: int) -> str:
        taken: list[str] = []
        while len(taken) < count and self:
            taken.append(self.ready.pop(0) if self.ready else self.writer.sentence(self.templates.pop(0)))
        return " ".join(taken)


def _follow_on(rng: random.Random, sentence: str) -> str:
    """A further event, often introduced as such ("In a separate incident, a roadside bomb ...")."""
    prefix = rng.choice(("In a separate incident, ", "Elsewhere, ", "Meanwhile, ", "Separately, ", "", ""))
    if prefix and sentence.split(" ", 1)[0] in _COMMON_STARTS:
        sentence = sentence[0].lower() + sentence[1:]
    return prefix + sentence


# First words of event sentences that are not names, so lower-case after "Elsewhere, ".
_COMMON_STARTS = frozenset(
    {
        "A",
        "An",
        "The",
        "Clashes",
        "Fierce",
        "Rockets",
        "Hundreds",
        "Thousands",
        "Angry",
        "According",
        "On",
        "Late",
        "Early",
        "Yesterday",
        "Today",
        "This",
        "Security",
        "Government",
        "Gunmen",
        "Unknown",
        "Unidentified",
        "Armed",
        "Rebels",
        "Militants",
        "Jihadists",
        "Extremists",
        "Terrorists",
        "Protesters",
        "Protestors",
        "Demonstrators",
        "Local",
        "Activists",
        "Witnesses",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Dozens",
        "Army",
        "Opposition",
        "Paramilitary",
        "Shia",
        "Shiite",
        "Tribal",
        "Mobilization",
        "Mobilisation",
        "Federal",
        "Residents",
        "Villagers",
        "Civilians",
        "Farmers",
        "Shepherds",
        "Worshippers",
        "Medical",
        "State",
    }
)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text[:120].lower())[:8])


def _dress(
    rng: random.Random, writer: _Writer, plan: ArticlePlan, paragraphs: list[str], dateline: str, title: str | None
) -> tuple[str, str]:
    """Datelines, web boilerplate, captions, whitespace and typography around the paragraphs."""
    published = writer.published
    head: list[str] = []
    if rng.random() < 0.15:
        head.append(rng.choice(("Skip to main content", "-------------", "Back to top")))
    if rng.random() < (0.05 if plan.outlet.wire else 0.4):  # web pages print the day at the top
        head.append(f"{WEEKDAYS[published.weekday()]}, {MONTHS[published.month - 1]} {published.day} {published.year}")
    body: list[str] = []
    if rng.random() < 0.08:
        body.append(f"This post has been read {rng.randint(200, 9000):,} times!")
    if rng.random() < 0.10:
        body.append(writer.sentence(rng.choice(CAPTIONS)) + " " + rng.choice(CAPTION_CREDITS))
    if title and rng.random() < 0.05:
        body.append(title)  # the headline repeated under itself, as some pages do
    if rng.random() < 0.05:
        body.append(paragraphs[0])  # a standfirst that repeats the lead
    body.append(dateline + paragraphs[0])
    for paragraph in paragraphs[1:]:
        if rng.random() < 0.04:
            body.append(rng.choice(REMOVED_LINES))
        if rng.random() < 0.02:
            body.append(rng.choice(KEPT_NOISE))
        body.append(paragraph)
    tail = rng.random()
    if plan.outlet.dateline == "reuters" and rng.random() < 0.7:
        body.append(f"Reporting by {rng.choice(REPORTERS)}; Editing by {rng.choice(REPORTERS)}")
    elif tail < 0.1:
        body.append(f"Editing by {rng.choice(REPORTERS)}")
    if rng.random() < 0.08:
        teaser = writer.sentence(rng.choice(QUIET_TOPICS[rng.choice(tuple(QUIET_TOPICS))]["headlines"]))
        body.append(f"Read more: {teaser}")
    if rng.random() < 0.05:
        body.append(rng.choice(KEPT_NOISE))
    if rng.random() < 0.04:
        body.append(f"© {published.year} {plan.outlet.name}. All rights reserved.")
    if rng.random() < 0.06:
        body += ["Post a Comment", f"news@{plan.outlet.domain}", ARABIC_NOISE if rng.random() < 0.5 else "ADS"]
    if rng.random() < 0.05:
        teaser = writer.sentence(rng.choice(QUIET_TOPICS[rng.choice(tuple(QUIET_TOPICS))]["headlines"]))
        body += ["Check Also", f"{teaser} …"]

    text = _whitespace(rng, body)
    if plan.outlet.curly:
        text = re.sub(r'"([^"\n]*)"', "“\\1”", text).replace("'", "’")
    else:
        text = text.replace(" — ", " - ") if rng.random() < 0.5 else text
    return "".join(line + "\n\n" for line in head), text


def _whitespace(rng: random.Random, paragraphs: list[str]) -> str:
    """Paragraph breaks as scrapers leave them: blank lines, single newlines, stray spaces."""
    separator = rng.choice(("\n\n", "\n\n", "\n\n", "\n", "\n\n\n"))
    out = []
    for paragraph in paragraphs:
        roll = rng.random()
        if roll < 0.03:
            paragraph = paragraph.replace(". ", ".  ", 1)
        elif roll < 0.06:
            paragraph += " "
        elif roll < 0.07:
            paragraph = " " + paragraph
        out.append(paragraph)
    return separator.join(out) + ("\n" if rng.random() < 0.5 else "")
