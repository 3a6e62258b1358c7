"""Walks of the dependency parse that reading the sides needs: the subject a verb inherits or
hangs under, the two sides of "between X and Y", the speaker of a reported act, the phrases
that name a side's companions. Kept apart from the side reader so that each stays small."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

TERRITORY_VERBS = frozenset(
    {
        "capture",
        "retake",
        "recapture",
        "seize",
        "take",
        "liberate",
        "regain",
        "free",
        "wrest",
        "drive",
        "expel",
        "oust",
        "clear",
        "win",
    }
)


def patient_from_verb(verb: Token) -> bool:
    """Verbs of taking ground, whose "from X" names the side that lost it."""
    return verb.lemma_.lower() in TERRITORY_VERBS


PRONOUNS = frozenset({"they", "he", "she", "it", "we"})
REPORTING = frozenset({"say", "announce", "claim", "report", "state", "tell", "declare", "confirm", "add"})
# reporting verbs whose object can be the speaker's own act: "the army announced the capture of
# Palmyra" (the army took it), where "the Observatory reported the capture" names only a source
ANNOUNCING = frozenset({"announce", "declare", "proclaim"})


def speaker(verb: Token) -> Token | None:
    """The subject of the reporting verb a clause hangs off ("X said it had shelled ...")."""
    head = verb.head
    if verb.dep_ in {"ccomp", "xcomp", "advcl"} and head.lemma_.lower() in REPORTING:
        return next((c for c in head.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS), None)
    return None


COMPANION_WORDS = frozenset({"include", "including", "comprise", "alongside", "among", "back", "support", "ally"})


def companions(head: Token) -> list[Token]:
    """The phrases that name who acted with a side: "rebels who include fighters from Al-Nusra",
    "rebel forces including the Nusra Front", "troops backed by Russian jets"."""
    return [
        child
        for child in head.children
        if (child.dep_ == "prep" and child.lower_ in COMPANION_WORDS)
        or (child.dep_ in {"relcl", "acl", "amod"} and child.lemma_.lower() in COMPANION_WORDS)
    ]


def between(prep: Token) -> tuple[Token, Token] | None:
    first = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if first is None:
        return None
    others = list(first.conjuncts)
    return (first, others[0]) if others else None


def inherited_subject(verb: Token) -> Token | None:
    """A verb without its own subject shares the subject of the verb it hangs off ("IS attacked
    the checkpoint, killing five"; "the army advanced and captured the town")."""
    current = verb
    for _ in range(3):
        if current.dep_ not in {"conj", "advcl", "xcomp", "acl"} or current.head.i == current.i:
            return None
        current = current.head
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "agent"}), None)
        if subject is not None:
            if subject.dep_ == "agent":
                return next((g for g in subject.children if g.dep_ == "pobj"), None)
            return subject
    return None


def governing_subject(trigger: Token) -> Token | None:
    """The active subject of the nearest verb above an act the parse left without one: "the army
    targeted ISIL strongholds killing ..." (killing hung off the strongholds), "regime forces were
    on a wide offensive". A reporting verb's subject is the speaker, never the side, unless the
    act is what it announced ("the army announced the capture of Palmyra")."""
    current = trigger
    for _ in range(4):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ not in {"VERB", "AUX"}:
            continue
        if current.lemma_.lower() in REPORTING:
            announced = current.i == trigger.head.i and trigger.dep_ == "dobj" and trigger.pos_ == "NOUN"
            if not (announced and current.lemma_.lower() in ANNOUNCING):
                return None
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in current.children):
            return None
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return None if subject.lower_ in PRONOUNS else subject
    return None


ATTACK_VERBS = frozenset({"attack", "storm", "assault", "infiltrate", "raid", "ambush"})


def attacked_first(side: Token) -> bool:
    """A side told as the one attacking ("terrorists who were attacking checkpoints", "gunmen
    who tried to storm the post"), by a relative clause on its phrase."""
    for token in side.subtree:
        if token.dep_ != "relcl" or not any(
            c.dep_ == "nsubj" and c.lower_ in {"who", "which", "that"} for c in token.children
        ):
            continue
        lemma = token.lemma_.lower()
        if lemma in ATTACK_VERBS:
            return True
        if lemma in {"try", "attempt", "seek"} and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in ATTACK_VERBS for c in token.children
        ):
            return True
    return False


def came_under(
    agent: Token | None, patient: Token | None, directional: bool
) -> tuple[Token | None, Token | None, bool]:
    """ "An army checkpoint came under attack by IS, killing four": the subject of "came under"
    was attacked, and the side after "from" or "by" attacked it, whichever word the act was read on."""
    if agent is None or agent.dep_ != "nsubj" or agent.head.lemma_.lower() != "come":
        return agent, patient, directional
    verb = agent.head
    under = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"]
    if not under:
        return agent, patient, directional
    words = [*verb.children, *(g for u in under for n in u.children for g in n.children)]
    attacker = next(
        (g for c in words if c.dep_ == "prep" and c.lower_ in {"from", "by"} for g in c.children if g.dep_ == "pobj"),
        None,
    )
    return attacker, agent, directional


def when_clause_subject(verb: Token) -> Token | None:
    """ "76 were killed when army helicopters dropped barrel bombs": a passive report's doer is the
    subject of its "when", "as" or "after" clause."""
    for clause in verb.children:
        marked = any(m.lower_ in {"when", "as", "after"} for m in clause.children if m.dep_ in {"mark", "advmod"})
        if clause.dep_ == "advcl" and marked:
            subject = next((g for g in clause.children if g.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None
