"""Who did what to whom, read from the dependency parse of the event's sentence.

The side that acted (actor1) and the side acted upon (actor2) come from grammar, not from a
window of text: the subject of an active verb and the agent of a passive one ("killed by IS")
act; the object, the passive subject and the victims are acted upon. Noun triggers take their
sides from "by", possessives ("the army's shelling"), nationality adjectives ("Russian air
strikes"), "on/against" and "between X and Y". A noun phrase becomes an actor through the
reference aliases first (canonical names), then the descriptor table
(``seeds/reference/actor_descriptors.csv``: "gunmen", "police", "a farmer"), then as written
when the parser calls it an organisation: the world is open, the reference only normalises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry

from extract.coding.models import ActorMention, PlaceMention
from extract.coding.reference import OrganisationAlias, Reference
from extract.coding.side_words import load_lexicon
from extract.coding.syntax import (
    PRONOUNS,
    REPORTING,
    attacked_first,
    between,
    came_under,
    companions,
    governing_subject,
    inherited_subject,
    patient_from_verb,
    speaker,
    when_clause_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

STATE_FORCES = "State forces"
FOREIGN_FORCES = "External/Other forces"
UNIDENTIFIED_GROUP = "Unidentified Armed Group"
UNIDENTIFIED_MILITARY = "Unidentified Military Forces"
ACTING_CIVILIANS = frozenset({"Peaceful protest", "Protest with intervention", "Violent demonstration", "Mob violence"})
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "mount", "wage", "perform", "execute", "unleash",
     "commit", "claim", "continue", "intensify", "step", "begin", "start", "renew", "resume",
     "make", "lead", "organise", "organize", "hold", "fire"}
)  # fmt: skip
_NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "flat", "case", "quantmod"})
ATTACK_NOUNS = frozenset(
    {"strike", "airstrike", "raid", "attack", "assault", "shelling", "bombardment", "bombing", "bomb",
     "barrel", "missile", "rocket", "mortar", "shell", "fire", "offensive", "operation", "ambush",
     "explosion", "blast", "artillery", "sortie", "campaign"}
)  # fmt: skip
_MEMBER_NOUNS = frozenset(
    {
        "fighter",
        "member",
        "militant",
        "militiaman",
        "soldier",
        "troop",
        "unit",
        "force",
        "gunman",
        "jihadist",
        "rebel",
        "officer",
        "commander",
        "leader",
        "element",
    }
)
_HARM_LEMMAS = frozenset({"kill", "wound", "injure", "hurt"})
REPEL_VERBS = frozenset({"repel", "repulse", "thwart", "foil", "resist", "counter", "withstand"})
_GROUP_WORDS = re.compile(
    r"\b(?:front|brigades?|battalions?|jaish|jaysh|liwa|ahrar|harakat|movement|army of|faylaq|"
    r"legion|division|ansar|jund|kataib|katibat|islamic|mujahideen|fighters|militia|hezbollah|"
    r"party|units|group|council|revolutionaries|free)\b",
    re.IGNORECASE,
)
_STATE_WORDS = re.compile(
    r"\b(?:army|armed forces|military|police|ministry of defen[cs]e|air force|navy|guard)\b", re.IGNORECASE
)
_NOT_ACTORS = re.compile(
    r"\b(?:observatory|news agency|agency|ministry|television|tv|newspaper|reuters|afp|sana|"
    r"associated press|united nations|u\.?n\.?|red crescent|red cross|who|unicef|amnesty|"
    r"human rights watch|foreign|spokesm[ae]n|spokeswoman|official|sources?|jazeera|al-jazeera|bbc|cnn|monitor)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Side:
    """An actor as the event codes it, and the words it came from (offsets into the sentence)."""

    actor: str
    actor_parent: str | None
    actor_type: str
    text: str
    start: int
    end: int
    resolution: str  # alias, descriptor, nationality, named; else default, article, corpus, target words or model
    country_code: str | None = None

    @classmethod
    def of_mention(cls, mention: ActorMention) -> Side:
        """The side a reference alias in the sentence names."""
        return cls(
            mention.actor,
            mention.actor_parent,
            mention.actor_type,
            mention.text,
            mention.char_start,
            mention.char_end,
            "alias",
            mention.country_code,
        )

    @property
    def family(self) -> str:
        return self.actor_parent or self.actor


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or (found.name if found else code)


def state_side(
    country: str | None, event_country: str | None, ref: Reference, text: str, start: int, end: int, how: str
) -> Side | None:
    """The state forces of a country: the reference's actor where it has one (Syrian Government
    Forces), else ACLED's "Military Forces of <country>"; foreign forces are External/Other."""
    if not country:
        return None
    actor = ref.state_actor(country)
    if actor is not None:
        kind = actor.actor_type
        if kind == STATE_FORCES and event_country and country != event_country:
            kind = FOREIGN_FORCES
        return Side(actor.actor, actor.parent, kind, text, start, end, how, country)
    kind = STATE_FORCES if not event_country or country == event_country else FOREIGN_FORCES
    return Side(f"Military Forces of {country_name(country)}", None, kind, text, start, end, how, country)


@lru_cache(maxsize=4)
def _organisations(aliases: tuple[OrganisationAlias, ...]) -> re.Pattern[str]:
    """One pattern of every organisation alias of the reference (outlets, monitors, agencies)."""
    names = sorted({a.alias for a in aliases if not a.case_sensitive}, key=len, reverse=True)
    if not names:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


class SideReader:
    """Reads actor1 and actor2 of one sentence's event from its parse."""

    def __init__(
        self,
        sentence: Span,
        mentions: list[ActorMention],
        ref: Reference,
        event_country: str | None,
        places: list[PlaceMention] | None = None,
    ) -> None:
        self.sentence = sentence
        self.offset = sentence.start_char
        self.mentions = mentions  # offsets relative to the sentence start
        self.places = places or []  # the gazetteer's places in the sentence, offsets as mentions
        self.ref = ref
        self.lexicon = load_lexicon()
        self.country = event_country

    # -- noun phrases to actors -------------------------------------------------------------
    def _char_span(self, tokens: list[Token]) -> tuple[int, int]:
        start = min(t.idx for t in tokens) - self.offset
        end = max(t.idx + len(t) for t in tokens) - self.offset
        return start, end

    def _nationality(self, head: Token) -> str | None:
        for child in head.children:
            if child.dep_ in {"amod", "compound", "nmod", "poss"}:
                code = self.lexicon.demonyms.get(child.text.replace("’", "'").rstrip("'s"))
                if code is None and child.dep_ in {"compound", "poss"} and child.lower_.endswith("s"):
                    # "Syrias aircraft": a possessive that lost its apostrophe in the source
                    code = _country_code(child.text.replace("’", "'").removesuffix("'s").removesuffix("s"))
                if code is None and child.ent_type_ in {"GPE", "NORP"}:
                    code = self.lexicon.demonyms.get(child.text)
                    if code is None:
                        found = _country_code(child.text)
                        code = found
                if code:
                    return code
        return None

    def resolve(self, head: Token | None, depth: int = 0) -> Side | None:
        """The actor a noun phrase names, or None when it names none: a reference alias, an
        actor among its modifiers ("regime helicopters", "Russian strikes"), a descriptor
        ("gunmen", "a farmer"), the side behind an attack noun ("strikes by the coalition"), a
        country, or an organisation as written."""
        if head is None or depth > 3:
            return None
        if head.lower_ in {"who", "which", "that"} and head.head.dep_ == "relcl":
            head = head.head.head
        compact = [
            t
            for t in head.subtree
            if t.i <= head.i and (t.i == head.i or t.dep_ in _NP_DEPS or t.head.i != head.i and t.head.dep_ in _NP_DEPS)
        ]
        start, end = self._char_span(compact or [head])
        head_at = head.idx - self.offset
        inside = [m for m in self.mentions if m.char_start < end and start < m.char_end]
        if inside:
            # "ISIL gunmen", "Al-Nusra terrorist group": a side's name among the modifiers says
            # more than the descriptor it modifies
            named = [m for m in inside if m.resolution != "descriptor" and not m.actor.startswith("@")]
            mention = min(named or inside, key=lambda m: abs(m.char_start - head_at))
            if mention.actor.startswith("@"):
                return self._descriptor_side("force", head, mention.text, mention.char_start, mention.char_end)
            return Side.of_mention(mention)
        text = self.sentence.doc.text[start + self.offset : end + self.offset]
        lemma = head.lemma_.lower()
        if any(c.dep_ == "poss" and c.lower_ in {"his", "her", "their", "its", "our"} for c in head.children):
            return None  # "his forces": whose, the sentence does not say; the article's context does
        own = self.lexicon.descriptors.get(lemma) or self.lexicon.descriptors.get(head.lower_)
        if own is not None and own.actor in {"Civilians", "Protesters", "Rioters"}:
            return self._descriptor_side(own.word, head, text, start, end)
        group = self._group_of_people(head, text, start, end) or self._affiliation(head, depth)
        if group is not None:
            return group
        weak: Side | None = None
        for child in head.children:
            if child.dep_ in {"amod", "compound", "nmod", "poss"} and child.i < head.i:
                side = self.resolve(child, depth + 1)
                if side is not None and side.resolution == "named":
                    # "Deir Ezzor Army units": a name as written yields to what the head noun says
                    weak = weak or side
                elif side is not None and side.actor_type not in {"Civilians"}:
                    return side
        for child in head.children:
            # "fighters of the YPG", "positions of ISIL terrorists", "vehicles belonging to al-Nusra"
            if (child.dep_ == "prep" and child.lower_ in {"of", "for"}) or (
                child.lower_ == "belonging" and child.dep_ in {"acl", "amod"}
            ):
                if lemma not in _MEMBER_NOUNS and lemma not in self.lexicon.target_nouns:
                    continue
                preps = [child] if child.dep_ == "prep" else [g for g in child.children if g.dep_ == "prep"]
                for prep in preps:
                    side = self.resolve(next((g for g in prep.children if g.dep_ == "pobj"), None), depth + 1)
                    if side is not None:
                        return side
        two = f"{head.nbor(-1).lemma_.lower()} {lemma}" if head.i > 0 else lemma
        # "armys", "regimes": possessives that lost their apostrophe in the source
        stem = head.lower_[:-1] if head.lower_.endswith("s") and len(head.lower_) > 3 else head.lower_
        for key in (two, lemma, head.lower_, stem):
            if key in self.lexicon.descriptors:
                return self._descriptor_side(key, head, text, start, end)
        if weak is not None and not (head.ent_type_ == "ORG" and head.pos_ == "PROPN"):
            return weak  # an organisation's own name ("the Hamza Division") is read whole below
        if lemma in ATTACK_NOUNS:
            agent, _, _ = self._noun_roles(head)
            if agent is not None and agent.i != head.i:
                return self.resolve(agent, depth + 1)
            return None
        if head.ent_type_ in {"GPE", "NORP"}:
            code = self.lexicon.demonyms.get(head.text) or _country_code(head.text)
            if code:
                return state_side(code, self.country, self.ref, text, start, end, "nationality")
        if head.pos_ == "ADJ":
            return None  # "Fierce clashes": the parser's ORG on an adjective names nobody
        if head.ent_type_ == "ORG" or (head.pos_ == "PROPN" and _GROUP_WORDS.search(text)):
            name = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE).strip(" ,.'\"")
            if (
                not name
                or _NOT_ACTORS.search(name)
                or len(name) > 80
                or _organisations(self.ref.organisation_aliases).search(name)
            ):
                return None  # an outlet, a monitor, a ministry (organisation_aliases.csv) never fights
            if any(p.char_start <= head_at < p.char_end for p in self.places):
                return None  # "to retake Khalasa": a place the parser took for an organisation
            kind = (
                STATE_FORCES
                if _STATE_WORDS.search(name)
                else "Rebel group"
                if _GROUP_WORDS.search(name)
                else "Political militia"
            )
            return Side(name, None, kind, text, start, end, "named")
        return None

    def _affiliation(self, head: Token, depth: int) -> Side | None:
        """The known side a group is tied to ("terrorist groups affiliated to al-Nusra", "militants
        linked to ISIL"): more precise than the descriptor the group is called by."""
        for child in head.children:
            if child.dep_ not in {"acl", "amod"} or child.lower_ not in {"affiliated", "linked", "loyal", "tied"}:
                continue
            for prep in (g for g in child.children if g.dep_ == "prep" and g.lower_ in {"to", "with"}):
                side = self.resolve(next((g for g in prep.children if g.dep_ == "pobj"), None), depth + 1)
                if side is not None and side.resolution == "alias":
                    return side
        return None

    def _group_of_people(self, head: Token, text: str, start: int, end: int) -> Side | None:
        """The armed men of a people in the event's country ("Kurdish fighters" in Syria are the
        YPG): ``group_demonyms.csv``."""
        if self.country is None or head.lemma_.lower() not in _MEMBER_NOUNS | {"militia", "fighter", "force"}:
            return None
        for child in head.children:
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < head.i:
                name = self.lexicon.group_demonyms.get((child.lower_, self.country))
                actor = self.ref.actors.get(name) if name else None
                if actor is not None:
                    return Side(
                        actor.actor, actor.parent, actor.actor_type, text, start, end, "descriptor", self.country
                    )
        return None

    def _descriptor_side(self, key: str, head: Token, text: str, start: int, end: int) -> Side | None:
        descriptor = self.lexicon.descriptors[key]
        nationality = self._nationality(head)
        if descriptor.actor == "@state":
            return state_side(nationality or self.country, self.country, self.ref, text, start, end, "descriptor")
        if descriptor.actor == "@aircraft":
            if nationality:
                return state_side(nationality, self.country, self.ref, text, start, end, "descriptor")
            return Side(UNIDENTIFIED_MILITARY, None, STATE_FORCES, text, start, end, "descriptor")
        if descriptor.actor == "@rebels":
            if self.country == "SY" and "Syrian Rebels" in self.ref.actors:
                return Side("Syrian Rebels", None, "Rebel group", text, start, end, "descriptor", "SY")
            return Side(UNIDENTIFIED_GROUP, None, "Rebel group", text, start, end, "descriptor")
        if nationality and descriptor.actor == "Civilians":
            return Side("Civilians", None, "Civilians", text, start, end, "descriptor", nationality)
        if (
            descriptor.actor == UNIDENTIFIED_GROUP
            and head.lemma_.lower() == "man"
            and not any(c.lower_ == "armed" for c in head.children)
        ):
            return None
        return Side(descriptor.actor, None, descriptor.actor_type, text, start, end, "descriptor")

    # -- grammar ------------------------------------------------------------------------------
    def sides(self, trigger: Token, sub_event_type: str) -> tuple[Side | None, Side | None, bool]:
        """(actor1, actor2, directional) for an event told around ``trigger``."""
        agent, patient, directional = self._roles(trigger)
        actor1, actor2 = self.resolve(agent), self.resolve(patient)
        if (
            actor2 is not None
            and actor2.resolution == "named"
            and sub_event_type in _TERRITORY
            and patient is not None
            and patient.dep_ == "dobj"
        ):
            actor2 = None  # "to retake Khalasa": what is taken is ground, a name as written is a place
        if actor1 is None and agent is not None:
            for other in agent.conjuncts:
                actor1 = actor1 or self.resolve(other)
        if actor1 is None and agent is None:
            governing = self.resolve(governing_subject(trigger))
            if (
                governing is not None
                and governing.actor_type != "Civilians"
                and (actor2 is None or governing.family != actor2.family)
            ):
                actor1 = governing
        if actor1 and actor2 and actor1.family == actor2.family:
            # "Syrian and Russian jets": the second conjunct may be the other side only in clashes
            actor2 = None
        if actor1 is not None and actor1.actor_type == FOREIGN_FORCES and agent is not None:
            # "Russian and Syrian strikes": a foreign state acting with the home state's forces
            # assists them; ACLED codes the home state as actor1 (14 of 20 such train strikes)
            actor1 = self._home_partner(agent) or actor1
        if actor1 is None or actor1.actor in {UNIDENTIFIED_GROUP, UNIDENTIFIED_MILITARY}:
            claimant = self._claimant()
            if (
                claimant is not None
                and claimant.actor_type != "Civilians"
                and (actor2 is None or claimant.family != actor2.family)
            ):
                actor1 = claimant
        if actor1 is not None and actor1.actor_type == "Civilians" and sub_event_type not in ACTING_CIVILIANS:
            actor1, actor2 = None, actor2 or actor1
        if actor2 is None:
            actor2 = self._victims(trigger, actor1)
        if actor2 is None and sub_event_type not in ACTING_CIVILIANS:
            actor2 = self._other_side(actor1, agent)
        return actor1, actor2, directional

    def _home_partner(self, agent: Token) -> Side | None:
        """The home state's forces named in the acting phrase beside a foreign state."""
        for token in agent.subtree:  # its conjuncts too ("Russian and Syrian")
            if token is agent or token.dep_ not in {"amod", "compound", "nmod", "conj", "nsubj"}:
                continue
            side = self.resolve(token, depth=2)
            if side is not None and side.actor_type == STATE_FORCES and side.country_code == self.country:
                return side
        return None

    def _claimant(self) -> Side | None:
        """The side that claimed the act ("in an attack claimed by the Islamic State group", "IS
        also claimed the bombing", "Jaish al-Islam claimed responsibility"): who did it, when the
        sentence names the act's doer only as "bombers" or not at all."""
        for token in self.sentence:
            if token.lemma_.lower() != "claim" or token.pos_ not in {"VERB", "AUX"}:
                continue
            by = next((c for c in token.children if c.dep_ == "agent"), None)
            subject = (
                next((g for g in by.children if g.dep_ == "pobj"), None)
                if by is not None
                else next((c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS), None)
            )
            side = self.resolve(subject) if subject is not None else None
            if side is None and by is None:
                side = self._named_before(token)
            if side is not None:
                return side
        return None

    def _named_before(self, token: Token) -> Side | None:
        """The side named right before a verb the parser left without a subject ("IS also
        claimed", where "IS" was read as the verb "is")."""
        at = token.idx - self.offset
        for mention in self.mentions:
            if mention.actor.startswith("@") or mention.resolution == "descriptor":
                continue
            gap = self.sentence.doc.text[mention.char_end + self.offset : at + self.offset]
            if mention.char_end <= at and re.fullmatch(r"\s*(?:(?:also|later|has|had|have|reportedly)\s+)*", gap):
                return Side.of_mention(mention)
        return None

    def acting_words(self, trigger: Token) -> str:
        """The words of the phrase that acted ("the army's air force"), whatever side they name."""
        agent, _, _ = self._roles(trigger)
        if agent is None:
            return ""
        return self.sentence.doc[agent.left_edge.i : agent.i + 1].text

    def _other_side(self, actor1: Side | None, agent: Token | None = None) -> Side | None:
        """The parse tied no target to the act, but the sentence names another known side (an
        alias of the reference): in a report of violence that is the side acted upon far more
        often than a bystander ("airstrikes hit dens and supply routes of ISIL terrorists"). A side
        named with the acting one ("the regime and Russian jets bombed") acted with it."""
        heads = [agent, *agent.conjuncts] if agent is not None else []
        acting = [self._char_span([t.left_edge, t]) for t in heads]
        acting += [self._char_span([t.left_edge, t.right_edge]) for t in heads for t in companions(t)]
        # "..., residents said": civilians who tell of the act are its source, not its victims (an
        # armed side that tells of its own act, "Ahrar al-Sham said it was fighting", stays a side)
        speakers = [
            self._char_span([t.left_edge, t])
            for t in self.sentence
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in REPORTING
        ]
        for mention in self.mentions:
            if mention.actor.startswith("@") or mention.actor_type in {None, ""}:
                continue
            if any(start <= mention.char_start < end for start, end in acting):
                continue
            if mention.actor_type == "Civilians" and any(start <= mention.char_start < end for start, end in speakers):
                continue
            family = mention.actor_parent or mention.actor
            if actor1 is not None and (family == actor1.family or actor1.start <= mention.char_start < actor1.end):
                continue
            return Side.of_mention(mention)
        return None

    def _roles(self, trigger: Token) -> tuple[Token | None, Token | None, bool]:
        verbal = trigger.pos_ in {"VERB", "AUX"} or trigger.tag_.startswith("VB")
        return came_under(*(self._verb_roles(trigger) if verbal else self._noun_roles(trigger)))

    def _verb_roles(self, verb: Token) -> tuple[Token | None, Token | None, bool]:
        agent = patient = None
        directional = True
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}
        )
        for child in verb.children:
            if child.dep_ == "nsubj" and not passive:
                agent = child
            elif child.dep_ == "nsubjpass":
                patient = child
            elif child.dep_ == "agent":
                agent = next((g for g in child.children if g.dep_ == "pobj"), agent)
            elif child.dep_ in {"dobj", "attr"} and patient is None:
                patient = child
            elif (
                child.dep_ == "prep"
                and child.lower_ in {"on", "against", "at", "upon", "targeting"}
                and patient is None
            ):
                patient = next((g for g in child.children if g.dep_ == "pobj"), None)
            elif (
                child.dep_ == "prep"
                and child.lower_ == "from"
                and patient_from_verb(verb)
                and (patient is None or self.resolve(patient) is None)
            ):
                # "retook Baaj from Islamic State": the side that lost the ground
                loser = next((g for g in child.children if g.dep_ == "pobj"), None)
                if loser is not None and self.resolve(loser) is not None:
                    patient = loser
            elif (
                child.dep_ == "prep"
                and child.lower_ == "with"
                and verb.lemma_.lower() in {"clash", "fight", "battle", "engage"}
            ):
                patient = next((g for g in child.children if g.dep_ == "pobj"), patient)
                directional = False
            elif child.dep_ == "prep" and child.lower_ == "between":
                pair = between(child)
                if pair:
                    agent, patient = pair
                    directional = False
        if not directional and agent is not None and patient is not None and attacked_first(patient):
            # "army units clashed with terrorists who were attacking checkpoints": who attacked
            # started the battle, and ACLED codes the attacker first
            agent, patient = patient, agent
        if verb.lemma_.lower() in REPEL_VERBS and patient is not None and patient.lemma_.lower() in ATTACK_NOUNS:
            # "IS repelled an attack by the PMF": the attackers acted, the defenders were attacked
            attacker, _, _ = self._noun_roles(patient)
            return attacker, agent, False
        if agent is None and passive:
            # "Twelve citizens were killed and 50 others wounded by terrorists": the agent of the
            # wounding told with the killing did both
            agent = next(
                (
                    g
                    for c in verb.subtree
                    if c.dep_ == "agent" and c.head.i != verb.i and c.head.lemma_.lower() in _HARM_LEMMAS
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
        if agent is None:
            # "killed in a Russian air strike", "wounded by shelling": the attack names the side
            # (also on a conjoined verb: "one was killed and two were wounded in regime bombing")
            for child in [c for v in (verb, *verb.conjuncts) for c in v.children]:
                if child.dep_ in {"prep", "agent"} and child.lower_ in {"in", "by", "during", "with", "after", "from"}:
                    noun = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if noun is not None and noun.lemma_.lower() in ATTACK_NOUNS:
                        agent = noun
                        break
                    # "killed in rebel shelling" parsed with "rebel" as the object of "in"
                    after = noun.nbor(1) if noun is not None and noun.i + 1 < len(noun.doc) else None
                    if after is not None and after.lemma_.lower() in ATTACK_NOUNS and self.resolve(noun) is not None:
                        agent = noun
                        break
        if passive and verb.dep_ in {"acl", "amod"} and patient is None:
            patient = verb.head
        if agent is None and passive:
            agent = when_clause_subject(verb)
        if agent is None and not passive:
            agent = inherited_subject(verb)
        if agent is not None and agent.lower_ in PRONOUNS:
            # "Iraqi militias announced that they had launched an attack": the reporter's subject
            agent = speaker(verb) or agent
        if patient is not None and patient.lemma_.lower() in ATTACK_NOUNS:
            # "launched an attack against IS": the attack's target is the verb's
            target = next(
                (
                    g
                    for c in patient.children
                    if c.dep_ == "prep" and c.lower_ in {"on", "against", "targeting", "at"}
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            patient = target if target is not None else None
        if (
            agent is not None
            and agent.pos_ == "PRON"
            and agent.lower_ in {"who", "which", "that"}
            and verb.dep_ == "relcl"
        ):
            agent = verb.head
        return agent, patient, directional

    def _noun_roles(self, noun: Token) -> tuple[Token | None, Token | None, bool]:
        agent = patient = None
        directional = True
        for child in noun.children:
            if child.dep_ == "poss":
                agent = child
            elif child.dep_ == "prep" and child.lower_ == "by":
                agent = next((g for g in child.children if g.dep_ == "pobj"), agent)
            elif (
                child.dep_ == "prep" and child.lower_ == "of" and agent is None and noun.lemma_.lower() in ATTACK_NOUNS
            ):
                # "an airstrike of the US-led coalition": the side of the strike, unless "of"
                # names what was hit ("the shelling of army positions", "of civilians")
                owner = next((g for g in child.children if g.dep_ == "pobj"), None)
                side = self.resolve(owner) if owner is not None else None
                if (
                    side is not None
                    and side.resolution != "named"  # a known side, never a name as written ("of Albu Kamal")
                    and side.actor_type != "Civilians"
                    and owner is not None
                    and owner.lemma_.lower() not in self.lexicon.target_nouns
                ):
                    agent = owner
            elif child.dep_ == "prep" and child.lower_ in {"on", "against", "targeting", "at"}:
                patient = next((g for g in child.children if g.dep_ == "pobj"), patient)
            elif child.dep_ == "prep" and child.lower_ == "between":
                pair = between(child)
                if pair:
                    agent, patient = pair
                    directional = False
            elif (
                child.dep_ == "prep"
                and child.lower_ == "with"
                and noun.lemma_.lower() in {"clash", "fighting", "battle"}
            ):
                patient = next((g for g in child.children if g.dep_ == "pobj"), patient)
                directional = False
            elif (
                child.dep_ in {"amod", "compound", "nmod"}
                and agent is None
                and (child.ent_type_ in {"NORP", "GPE", "ORG"} or child.pos_ == "PROPN" or self._armed_word(child))
            ):
                agent = child  # "Russian strikes", "regime bombing", "terrorist mortar attack"
            elif child.dep_ in {"acl", "relcl"} and agent is None:
                # "an attack launched by al-Nusra", "strikes carried out by the coalition"
                by = next((g for g in child.children if g.dep_ == "agent"), None)
                agent = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        head = noun.head
        if noun.dep_ in {"dobj", "attr"} and head.lemma_.lower() in LIGHT_VERBS | REPEL_VERBS:
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None) or inherited_subject(head)
            if head.lemma_.lower() in REPEL_VERBS:
                patient = patient or subject
            else:
                agent = agent or subject
        elif noun.dep_ in {"nsubj", "nsubjpass"} and head.pos_ == "VERB":
            for child in head.children:
                if child.dep_ == "dobj" and patient is None:
                    patient = child
                elif child.dep_ == "prep" and child.lower_ == "between" and agent is None:
                    pair = between(child)
                    if pair:
                        agent, patient = pair
                        directional = False
                elif child.dep_ == "prep" and child.lower_ in {"on", "against"} and patient is None:
                    patient = next((g for g in child.children if g.dep_ == "pobj"), None)
        elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            verb = head.head
            # "15 soldiers were killed in an IS attack": victims are acted upon
            passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            patient = patient or passive_subject
            if agent is None and verb.lemma_.lower() not in {"kill", "die", "wound", "injure"}:
                agent = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return agent, patient, directional

    def _armed_word(self, token: Token) -> bool:
        """A descriptor of an armed side ("regime", "rebel", "terrorist"), not of civilians."""
        descriptor = self.lexicon.descriptors.get(token.lemma_.lower()) or self.lexicon.descriptors.get(token.lower_)
        return descriptor is not None and descriptor.actor not in {"Civilians", "Protesters", "Rioters"}

    def _victims(self, trigger: Token, actor1: Side | None) -> Side | None:
        """The people killed or wounded in the sentence, when no target was named."""
        for token in self.sentence:
            if token.lemma_.lower() not in {"kill", "wound", "injure", "die", "dead"}:
                continue
            candidates = [
                c
                for c in token.children
                if c.dep_
                in (
                    {"dobj"}
                    if token.lemma_.lower() in {"kill", "wound", "injure"}
                    and not any(x.dep_ == "auxpass" for x in token.children)
                    else {"nsubjpass", "nsubj"}
                )
            ]
            if token.dep_ in {"acl", "amod"} and token.tag_ == "VBN":
                candidates.append(token.head)
            for candidate in candidates:
                side = self.resolve(candidate)
                if side is not None and (actor1 is None or side.family != actor1.family):
                    return side
        return None


@lru_cache(maxsize=512)
def _country_code(name: str) -> str | None:
    """The ISO code of a country written out ("Turkey", "Israel"); never of a short word that
    happens to be a code ("Al", "IS")."""
    if len(name) < 4 or not name[:1].isupper():
        return None
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        if name in names:
            return str(country.alpha_2)
    return None
