"""How many: killed and wounded read from the parse, never from numbers that merely sit nearby.

A figure counts only when the parse ties it to a casualty word: the subject of "were killed",
the object of "killing", "the deaths of", "death toll rose to". Dates, years, times, ordinals,
percentages and unit numbers ("Brigade 30", "a 15-year-old") are never people, so a year can no
longer become a death toll. Counting follows ACLED: the lowest credible figure, with the range
kept; vague counts take the values of ``extraction_rules.yml``; distinct victim groups of one act
("three soldiers and two civilians") are summed; "killing him", "killing a farmer", "killed the
commander" or a named person is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

KILL_LEMMAS = frozenset(
    {"kill", "killing", "die", "dead", "death", "fatality", "execute", "execution", "behead", "slay", "murder", "massacre",
     "perish", "life", "martyr", "toll", "body", "corpse"}
)  # fmt: skip
_REPORTING_LEMMAS = frozenset({"say", "report", "believe", "think", "feared", "fear", "confirm", "understand"})
WOUND_LEMMAS = frozenset({"wound", "injure", "hurt", "injury", "wounded", "injured", "maim"})
NOT_PEOPLE_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
UNIT_WORDS = frozenset(
    {"km", "kilometre", "kilometer", "kilometres", "kilometers", "mile", "miles", "metre", "meter",
     "metres", "meters", "percent", "%", "year", "years", "month", "months", "day", "days", "hour",
     "hours", "minute", "minutes", "week", "weeks", "mm", "kg", "ton", "tons", "tonnes", "dollars",
     "brigade", "division", "battalion", "regiment", "route", "highway", "resolution", "am", "pm",
     "a.m.", "p.m.", "gmt", "o'clock", "times"}
)  # fmt: skip
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12, "a": 1, "an": 1,
}  # fmt: skip
_TENS = frozenset({20, 30, 40, 50, 60, 70, 80, 90})
_ONES = {w: WORDS[w] for w in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}
VAGUE = {"several": 10, "many": 10, "numerous": 10, "dozens": 12, "scores": 20, "hundreds": 100,
         "thousands": 1000}  # fmt: skip
LOWER_BOUND = frozenset({"least", "more", "over", "than", "some", "about", "around", "nearly",
                         "almost", "approximately", "roughly", "upwards", "excess"})  # fmt: skip
UPPER_BOUND = frozenset({"up"})
PEOPLE_HINT = re.compile(
    r"^(?:people|persons?|civilians?|soldiers?|troops|fighters?|militants?|members?|rebels?|"
    r"children|child|women|woman|men|man|residents?|officers?|policem[ae]n|gunmen|jihadists?|"
    r"insurgents?|terrorists?|personnel|servicem[ae]n|guards?|recruits?|worshippers|students?|"
    r"workers?|farmers?|victims?|others|individuals|family|families|boys?|girls?|babies|baby|"
    r"infants?|elderly|militiamen|combatants?|pilots?|crew|journalists?|doctors?|medics?|"
    r"volunteers?|prisoners?|detainees?|hostages?|passengers?|shepherds?|protesters?|"
    r"demonstrators?|mourners?|pilgrims?|refugees?|commanders?|leaders?|officials?|"
    r"[A-Z][a-z]+is|[A-Z][a-z]+ans?)$"
)


@dataclass
class Casualties:
    """Figures for one event; ``None`` where the text gives none."""

    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    wounded: int | None = None
    casualties_total: int | None = None  # killed and wounded told as one figure

    def any(self) -> bool:
        return self.fatalities is not None or self.wounded is not None

    def merge(self, other: Casualties) -> None:
        """Take the figures this record (the lead report of the act) lacks; where both have a toll,
        the lead's stands and the other only widens the high end. A lower figure elsewhere in
        the article is far more often a part of the toll ("eight of them children") than a
        rival count: dev fatalities 0.65 with the lowest of all, 0.68 with the lead's."""
        if other.fatalities is not None:
            highs = [
                v
                for v in (self.fatalities_high, other.fatalities_high, self.fatalities, other.fatalities)
                if v is not None
            ]
            if self.fatalities is None:
                self.fatalities, self.fatalities_low = other.fatalities, other.fatalities_low
            high = max(highs)
            self.fatalities_high = high if high != self.fatalities else None
        if other.wounded is not None and (self.wounded is None or other.wounded < self.wounded):
            self.wounded = other.wounded
        if other.casualties_total is not None and self.casualties_total is None:
            self.casualties_total = other.casualties_total


@dataclass(frozen=True)
class Figure:
    """One number phrase: its value, and the range it implies."""

    value: int
    low: int
    high: int


def _number_value(text: str) -> int | None:
    cleaned = text.lower().replace(",", "")
    if cleaned.isdigit():
        return int(cleaned)
    if cleaned in WORDS:
        return WORDS[cleaned]
    if cleaned in VAGUE:
        return VAGUE[cleaned]
    return None


def _is_excluded(token: Token) -> bool:
    """Dates, years, times, ordinals, percentages and unit numbers are never people."""
    text = token.text.replace(",", "")
    counts_people = token.dep_ in {"nummod", "conj"} and bool(PEOPLE_HINT.match(token.head.text))
    if token.ent_type_ in NOT_PEOPLE_ENTS and not (counts_people and text.isdigit() and len(text) < 4):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", text):
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return not (nxt is not None and PEOPLE_HINT.match(nxt.text))
    if re.search(r"\d(?:st|nd|rd|th)$|:\d", token.text):
        return True
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and (
        nxt.lower_ in UNIT_WORDS or nxt.text in {"-year", "-month"} or nxt.lower_.startswith("year-old")
    ):
        return True
    prev = token.nbor(-1) if token.i > 0 else None
    return prev is not None and prev.lower_ in {
        "brigade",
        "division",
        "battalion",
        "resolution",
        "route",
        "no",
        "no.",
        "number",
    }


def figure_of(token: Token) -> Figure | None:
    """The figure a number token stands for, with its compound parts ("two dozen", "1,200",
    "three hundred") and its bounds ("at least", "more than", "up to", "between 20 and 30")."""
    if _is_excluded(token):
        return None
    value = _number_value(token.text)
    if value is None:
        return None
    doc = token.doc
    # "seventy-six" is three tokens: the tens are read with the ones that follow them
    if value in _TENS and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in _ONES:
        return None
    if (
        value in _ONES.values()
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and WORDS.get(doc[token.i - 2].lower_) in _TENS
    ):
        value += WORDS[doc[token.i - 2].lower_]
    # multiplicative compounds: "two dozen", "three hundred", "a dozen"
    parts = [
        t
        for t in token.children
        if t.dep_ in {"compound", "nummod", "quantmod"} and _number_value(t.text) is not None and t.i < token.i
    ]
    for part in parts:
        factor = _number_value(part.text)
        if factor is not None and value in (12, 100, 1000) and factor < value:
            value *= factor
    for part in token.children:
        if part.i > token.i and part.lower_ in {"dozen", "hundred", "thousand"}:
            value *= WORDS[part.lower_]
    if (
        token.head.i == token.i + 1
        and token.head.lower_ in {"dozen", "hundred", "thousand"}
        and token.dep_ in {"compound", "nummod", "quantmod"}
    ):
        return None  # the multiplier is read with its head
    low = high = value
    window = [t.lower_ for t in doc[max(0, token.i - 3) : token.i]]
    if any(w in LOWER_BOUND for w in window[-2:]):
        low = value
    if window[-2:] == ["up", "to"]:
        high, low = value, value
    # ranges: "between 20 and 30", "20 to 30", "20-30"
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in {"and", "to", "-", "or"} and nxt.i + 1 < len(doc):
        other = _number_value(doc[nxt.i + 1].text)
        if other is not None and other > value and doc[nxt.i + 1].like_num:
            high = other
    return Figure(value, low, high)


def _count_of(noun: Token) -> Figure | None:
    """How many people a victim noun phrase names, conjuncts summed."""
    groups = [noun, *[c for c in noun.conjuncts if c.i > noun.i], *_along_with(noun)]
    total: Figure | None = None
    for group in groups:
        figure = _group_count(group)
        if figure is None:
            continue
        total = (
            figure
            if total is None
            else Figure(total.value + figure.value, total.low + figure.low, total.high + figure.high)
        )
    return total


def _along_with(noun: Token) -> list[Token]:
    """ "22 children were killed along with six teachers": a further group of the same dead."""
    holders = [noun] + ([noun.head] if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} else [])
    return [
        g
        for holder in holders
        if any(c.lower_ in {"along", "together"} for c in holder.children)
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _group_count(noun: Token) -> Figure | None:
    if noun.like_num or noun.lower_ in VAGUE or noun.lower_ == "dozen":
        figure = figure_of(noun)
        if figure is not None:
            return figure
    for child in noun.children:
        if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "amod" and child.lower_ in VAGUE):
            figure = figure_of(child)
            if figure is not None:
                return figure
        if child.dep_ == "prep" and child.lower_ == "of" and noun.lower_ in {*VAGUE, "dozen"}:
            return figure_of(noun)
    if noun.lower_ in {"him", "her"}:
        return Figure(1, 1, 1)
    if (
        any(c.dep_ == "det" and c.lower_ in {"a", "an", "another", "the", "this", "that"} for c in noun.children)
        and noun.tag_ == "NN"
        and PEOPLE_HINT.match(noun.text)
    ):
        return Figure(1, 1, 1)  # "killing a farmer", "killed the commander of the group"
    if noun.ent_type_ == "PERSON" and noun.tag_ == "NNP":
        return Figure(1, 1, 1)  # "killed Abu Hassan, an al-Nusra leader": a named person is one
    # "dozens of people": the vague word is the head of "of people"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in VAGUE:
        return figure_of(noun.head.head)
    return None


def _victims(head: Token) -> list[Token]:
    """Noun tokens that name who was killed or wounded by this casualty word."""
    found: list[Token] = []
    lemma = head.lemma_.lower()
    for child in head.children:
        if (
            child.dep_ in {"nsubjpass", "nsubj"}
            and (
                lemma in {"die", "perish", "dead", "martyr"}
                or child.dep_ == "nsubjpass"
                # "15 soldiers killed" (a VBN read as the verb); never the subject of a verb with an
                # object: "a motorcycle bomber killed 16 people" counts the 16
                or (head.tag_ in {"VBN", "JJ"} and not any(c.dep_ == "dobj" for c in head.children))
            )
            or child.dep_ in {"dobj", "oprd"}
            and head.pos_ == "VERB"
            and lemma not in {"die"}
        ):
            found.append(child)
        elif (
            child.dep_ == "prep"
            and child.lower_ in {"of", "to", "at"}
            and lemma in {"death", "toll", "life", "fatality", "body", "corpse", "killing"}
        ):
            found.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ in {"nummod", "quantmod"}:
            found.append(child)
    # "15 soldiers killed": reduced relative clause, the casualty word modifies the victims
    if head.dep_ in {"acl", "amod", "relcl"} and head.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
        found.append(head.head)
        found.extend(_risen_to(head.head))
    # "the toll rose to 43": the figure hangs off the verb the toll is subject of
    if lemma in {"toll", "death"} and head.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        for sibling in head.head.children:
            if sibling.dep_ == "prep" and sibling.lower_ in {"to", "at"}:
                found.extend(g for g in sibling.children if g.dep_ == "pobj")
            if sibling.dep_ in {"attr", "dobj", "npadvmod"} and sibling.like_num:
                found.append(sibling)
    # "were said to be killed", "were reported killed": the victims are the reporting verb's subject
    # (only when the casualty word has no victims of its own: "killed 16 people, an official said"
    # counts the 16, never the official)
    own = any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in head.children)
    if not own and head.dep_ in {"xcomp", "oprd", "ccomp"} and head.head.lemma_.lower() in _REPORTING_LEMMAS:
        found.extend(c for c in head.head.children if c.dep_ in {"nsubjpass", "nsubj"})
    # "the execution of 17 young men"
    if lemma in {"execution", "massacre", "murder", "killing"} and head.pos_ == "NOUN":
        found.extend(
            g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        )
    # "left 15 dead": "dead" predicates the object of "left"
    if lemma == "dead" and head.dep_ in {"oprd", "acomp", "xcomp", "ccomp", "amod", "dobj"}:
        found.extend(c for c in head.head.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.i != head.i)
    return found


def _risen_to(victims: Token) -> list[Token]:
    """ "the number of people killed ... has risen to 21": the figure the number rose to."""
    of = victims.head
    count = of.head
    if victims.dep_ != "pobj" or of.lower_ != "of" or count.lemma_.lower() not in {"number", "toll", "tally"}:
        return []
    if count.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    verb = count.head
    return [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in {"to", "at"}
        for g in c.children
        if g.dep_ == "pobj" and g.like_num
    ]


def _figures(sentence: Span, lemmas: frozenset[str]) -> list[Figure]:
    figures: list[Figure] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma not in lemmas and token.lower_ not in lemmas:
            continue
        if (
            lemma == "life"
            and not any(c.lower_ == "of" for c in token.children)
            and token.head.lemma_ not in {"claim", "lose"}
        ):
            continue
        victims = _victims(token)
        for victim in victims:
            if _a_part_of_them(victim, victims):
                continue
            figure = _count_of(victim)
            if figure is not None:
                figures.append(figure)
    return figures


_SUBSET_BEFORE = re.compile(r"\b(?:among them|among whom|of them|of whom|including|among)\s+$", re.IGNORECASE)


_WHOLE_BEFORE = re.compile(r"\b(?:were|was|are|is|be|been)\s+among\s+$", re.IGNORECASE)


def _a_part_of_them(victim: Token, victims: list[Token]) -> bool:
    """A group counted inside another ("15 civilians among them 11 children", "three
    terrorists one identified as ..."): a part, never a second figure for the toll."""
    doc = victim.doc
    start = min(t.i for t in victim.subtree)
    before = doc[max(0, start - 3) : start].text + " "
    if _WHOLE_BEFORE.search(before):
        return False  # "two children were among eight people killed": the eight are the whole
    if _SUBSET_BEFORE.search(before):
        return True
    previous = doc[start - 1] if start > 0 else None
    return bool(
        victim.lower_ in {"one", "1"}
        and previous is not None
        and any(v.i == previous.i for v in victims if v is not victim)
    )


@lru_cache(maxsize=1)
def _fallback() -> re.Pattern[str]:
    number = r"(?P<n>\d[\d,]*|" + "|".join(sorted(WORDS.keys() - {"a", "an"}, key=len, reverse=True)) + ")"
    return re.compile(
        rf"\b(?:killed|killing|kills)\s+(?:at least\s+|more than\s+|over\s+|some\s+|about\s+|around\s+)?{number}\b"
        rf"(?!\s*(?:km|kilomet|miles?|percent|%|years?|months?|days?|hours?|-year|p\.?m|a\.?m))",
        re.IGNORECASE,
    )


def _shared_total(sentence: Span) -> Figure | None:
    """ "killing and injuring 35": one figure for the dead and the wounded together."""
    for token in sentence:
        joined = (
            token.lemma_.lower() in WOUND_LEMMAS and token.dep_ == "conj" and token.head.lemma_.lower() in KILL_LEMMAS
        )
        # "killing and injuring 35" shares one figure; "six people died and four more were
        # injured" gives the dead their own
        if joined and not _victims(token.head):
            for victim in _victims(token):
                figure = _count_of(victim)
                if figure is not None:
                    return figure
    return None


def find_casualties(sentence: Span) -> Casualties:
    """Killed and wounded in one sentence: the lowest credible figure, with the range kept."""
    result = Casualties()
    total = _shared_total(sentence)
    if total is not None:
        result.casualties_total = total.low
        return result
    killed = _figures(sentence, KILL_LEMMAS)
    if not killed:
        match = _fallback().search(sentence.text)
        if match:
            value = _number_value(match.group("n"))
            if value is not None and not re.fullmatch(r"(?:19|20)\d\d", match.group("n")):
                killed = [Figure(value, value, value)]
    if killed:
        result.fatalities = min(f.low for f in killed)
        result.fatalities_low = result.fatalities
        high = max(f.high for f in killed)
        result.fatalities_high = high if high != result.fatalities else None  # a range only when the text gives one
    wounded = _figures(sentence, WOUND_LEMMAS)
    if wounded:
        result.wounded = min(f.low for f in wounded)
    return result
