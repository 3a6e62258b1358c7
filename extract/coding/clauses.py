"""The words that report an act: the trigger of a sentence's event (a verb or noun of its
sub-type's family) and the trigger's modality (negated, planned)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.coding.classifier import SUB_EVENT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

TRIGGER_LEMMAS: dict[str, frozenset[str]] = {
    "Battles": frozenset(
        {
            "clash",
            "fight",
            "fighting",
            "battle",
            "attack",
            "assault",
            "offensive",
            "ambush",
            "raid",
            "storm",
            "engage",
            "advance",
            "repel",
            "capture",
            "seize",
            "retake",
            "retook",
            "retaken",
            "recapture",
            "take",
            "control",
            "liberate",
            "regain",
            "free",
            "overrun",
            "fall",
            "push",
            "enter",
            "kill",
        }
    ),
    "Explosions/Remote violence": frozenset(
        {
            "strike",
            "airstrike",
            "raid",
            "bomb",
            "bombard",
            "bombardment",
            "bombing",
            "shell",
            "shelling",
            "fire",
            "hit",
            "target",
            "pound",
            "launch",
            "explode",
            "explosion",
            "blast",
            "blow",
            "detonate",
            "attack",
            "kill",
            "drop",
            "gas",
            "rocket",
            "missile",
            "mortar",
        }
    ),
    "Violence against civilians": frozenset(
        {
            "kill",
            "shoot",
            "execute",
            "behead",
            "murder",
            "attack",
            "abduct",
            "kidnap",
            "torture",
            "rape",
            "assault",
            "massacre",
            "slay",
            "stab",
        }
    ),
    "Protests": frozenset({"protest", "demonstrate", "demonstration", "rally", "march", "gather", "disperse", "chant"}),
    "Riots": frozenset({"riot", "clash", "throw", "storm", "attack", "burn", "torch", "lynch", "beat"}),
    "Strategic developments": frozenset(
        {
            "arrest",
            "detain",
            "capture",
            "agree",
            "sign",
            "reach",
            "deal",
            "agreement",
            "truce",
            "ceasefire",
            "withdraw",
            "deploy",
            "hand",
            "transfer",
            "evacuate",
            "set",
            "establish",
            "open",
            "loot",
            "destroy",
            "burn",
            "defuse",
            "dismantle",
            "seize",
            "intercept",
            "shoot",
            "announce",
            "form",
            "merge",
            "join",
            "surrender",
            "release",
            "exchange",
        }
    ),
}
_FUTURE = frozenset({"will", "would", "could", "might", "may", "shall", "should"})
_PLAN_HEADS = frozenset(
    {
        "plan",
        "prepare",
        "aim",
        "threaten",
        "vow",
        "intend",
        "seek",
        "want",
        "try",
        "expect",
        "warn",
        "call",
        "urge",
        "pledge",
        "promise",
    }
)
_DENIAL_HEADS = frozenset({"deny", "reject", "refute"})


def pick_trigger(sent: DocSpan, label: str) -> Token | None:
    """The word that reports the act: a verb or noun of the sub-type's family, closest to the
    root; else the root itself."""
    lemmas = TRIGGER_LEMMAS.get(SUB_EVENT_TYPES.get(label, ""), frozenset())
    hits = [t for t in sent if t.lemma_.lower() in lemmas or t.lower_ in lemmas]
    if hits:
        return min(hits, key=lambda t: (sum(1 for _ in t.ancestors), t.i))
    return sent.root if len(sent) else None


# words of remote violence that never report a battle ("target", "hit" and "fire" also do)
_REMOTE_ONLY = frozenset(
    {"strike", "airstrike", "bomb", "bombard", "bombardment", "bombing", "shell", "shelling", "explode",
     "explosion", "blast", "detonate", "rocket", "missile", "mortar"}
)  # fmt: skip


def remote_not_battle(sent: DocSpan, label: str) -> bool:
    """A battle label on a sentence that names no battle but a strike or a blast: "six bombers
    had struck around Deir Ezzor" is remote violence, whatever else its words share with clashes."""
    if SUB_EVENT_TYPES.get(label) != "Battles":
        return False
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    return not lemmas & TRIGGER_LEMMAS["Battles"] and bool(lemmas & _REMOTE_ONLY)


def modality(trigger: Token | None) -> tuple[bool, bool]:
    """(negated, hypothetical) from the trigger's own grammar: "did not shell", "denied
    shelling", "will attack", "plans to retake"."""
    if trigger is None:
        return False, False
    chain = [trigger, *list(trigger.ancestors)[:2]]
    negated = any(c.dep_ == "neg" for t in chain[:1] for c in t.children) or any(
        t.lemma_.lower() in _DENIAL_HEADS for t in chain[1:]
    )
    hypothetical = any(c.lower_ in _FUTURE and c.dep_ == "aux" for c in trigger.children) or any(
        t.lemma_.lower() in _PLAN_HEADS for t in chain[1:]
    )
    return negated, hypothetical


_ALL_TRIGGERS = frozenset().union(*TRIGGER_LEMMAS.values())
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_SAYING = frozenset({"say", "report", "tell", "add", "state", "claim", "confirm"})
_CONTRAST = frozenset({"while", "whereas", "whilst"})
_TOLL_VERBS = frozenset({"kill", "wound", "injure", "die", "hurt", "leave"})
_TOLL_NOUNS = frozenset({"other", "people", "civilian", "person", "child", "woman", "casualty", "toll"})


def other_clauses(sent: DocSpan, trigger: Token | None) -> list[DocSpan]:
    """Clauses of the sentence that may tell a second act: "Badr fighters retook Baaj while Iraqi
    troops fought IS in Mosul", "the army announced the capture of Deir Ezzor, while Iraq
    proclaimed victory in retaking Qaim". A clause is a verb with a subject of its own, joined by
    "while" or "whereas" or as a conjoined sentence, that does not hold the trigger and holds a
    word of an act. Clauses of "when", "as" and "after" tell the same act ("ten were killed when
    airstrikes hit Hayan"), conjoined tolls ("and 15 were injured") its cost, relative clauses
    ("IS, which seized Mosul in 2014") and reported speech history or the source."""
    if trigger is None:
        return []
    found: list[DocSpan] = []
    for head in sent:
        lemma = head.lemma_.lower()
        if head.pos_ not in {"VERB", "AUX"} or head.i == trigger.i or lemma in _TOLL_VERBS | _SAYING:
            continue
        marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
        if not (head.dep_ == "advcl" and marks & _CONTRAST or head.dep_ == "conj" and not marks):
            continue
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or any(
            s.lower_ in _RELATIVE or s.lemma_.lower() in _TOLL_NOUNS or s.like_num or s.lemma_.lower() == "dozen"
            for s in subjects
        ):
            continue
        if head.left_edge.i <= trigger.i <= head.right_edge.i:
            continue
        if any(c.start <= head.i < c.end for c in found):
            continue  # a clause inside one already taken
        first, last = head.left_edge.i, head.right_edge.i
        while first < head.i and sent.doc[first].dep_ in {"mark", "cc", "punct", "advmod"}:
            first += 1  # "while", "and", "meanwhile": the joint, not the act
        while last > head.i and sent.doc[last].is_punct:
            last -= 1
        words = sent.doc[first : last + 1]
        if any(t.lemma_.lower() in _ALL_TRIGGERS or t.lower_ in _ALL_TRIGGERS for t in words):
            found.append(words)
    return found


def has_trigger(clause: DocSpan, label: str) -> bool:
    """Whether the clause holds a word of the sub-type's family (not just a root to fall back on)."""
    lemmas = TRIGGER_LEMMAS.get(SUB_EVENT_TYPES.get(label, ""), frozenset())
    return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in clause)
