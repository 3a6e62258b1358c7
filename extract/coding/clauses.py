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
