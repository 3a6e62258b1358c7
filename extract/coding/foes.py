"""Who a side usually fights: the other side of a battle whose text names only one.

ACLED codes a battle between two sides, but a report often names one ("35 terrorists were killed
in an ambush in Eastern Ghouta"). The article is read first (``article_sides``); when it names no
pair either, the side a family fights in most of the training split's hand-coded battles stands
in, if it is a clear majority of them (the government for Syrian rebels; the SDF or the
government for Islamic State is not). ``make train`` counts the pairs into ``battle_foes.csv``
beside the other models, so the table is learned from the corpus and retrained with it.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.coding.article_sides import one_side_of_a_battle, with_other_side
from extract.coding.drafts import Draft
from extract.coding.reference import Reference
from extract.coding.sides import Side

FOES_FILE = "battle_foes.csv"
MIN_BATTLES = 5  # a family seen in fewer hand-coded battles has no usual foe
MIN_SHARE = 0.5  # the usual foe fights it in at least half of them


@dataclass(frozen=True)
class Foe:
    family: str
    foe: str
    battles: int  # hand-coded battles of the family with both sides named
    share: float  # of those, the share fought against ``foe``


def count_foes(pairs: Iterable[tuple[str, str]]) -> list[Foe]:
    """Each family's most frequent opponent over battles given as (actor1, actor2) families."""
    against: dict[str, Counter[str]] = defaultdict(Counter)
    for one, two in pairs:
        if one and two and one != two:
            against[one][two] += 1
            against[two][one] += 1
    foes = []
    for family, counts in sorted(against.items()):
        total = sum(counts.values())
        foe, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        foes.append(Foe(family, foe, total, round(n / total, 3)))
    return foes


def write_foes(path: Path, foes: list[Foe]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["family", "foe", "battles", "share"])
        writer.writerows([f.family, f.foe, f.battles, f.share] for f in foes)


@lru_cache(maxsize=4)
def load_foes(path: Path) -> dict[str, Foe]:
    """The table ``make train`` wrote; none (no lending) when the model folder has no such file."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as rows:
        return {
            r["family"]: Foe(r["family"], r["foe"], int(r["battles"]), float(r["share"])) for r in csv.DictReader(rows)
        }


def usual_foe(family: str, foes: dict[str, Foe], ref: Reference) -> Side | None:
    """The side ``family`` usually fights, when the table says so clearly and the reference
    knows that side (its actor type comes from there)."""
    found = foes.get(family)
    if found is None or found.battles < MIN_BATTLES or found.share < MIN_SHARE:
        return None
    actor = ref.actors.get(found.foe)
    if actor is None:
        return None
    return Side(actor.actor, actor.parent, actor.actor_type, "", 0, 0, "corpus", actor.country_code)


def lend_usual_foes(drafts: list[Draft], foes: dict[str, Foe], ref: Reference) -> list[Draft]:
    """One-sided battles (after the article was read) take their side's usual foe."""
    out = []
    for draft in drafts:
        known = one_side_of_a_battle(draft)
        foe = usual_foe(known.family, foes, ref) if known is not None else None
        out.append(with_other_side(draft, foe) if foe is not None else draft)
    return out
