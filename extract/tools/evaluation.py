"""Score predicted events against hand-coded gold events.

Matching rule (from the gold set's README): events of the same article match when the
sub-event type is equal, at least one actor agrees at family level (a faction counts for its
parent) in the same role, and the place agrees as far as the gold row says (same country; same
province when given), compared through the gazetteer rather than as strings. Pairs are matched
one to one, best first. Negated and hypothetical predictions are not assertions of an event and
are left out before matching.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.coding.reference import Reference, load_reference
from extract.coding.text import fold

FIELDS = (
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "fatalities",
    "casualties_total",
    "cross_border",
    "origin_country",
)


@dataclass
class Evaluation:
    predicted: int = 0
    required: int = 0
    matched_required: int = 0
    matched_optional: int = 0
    field_agreement: dict[str, float] = field(default_factory=dict)
    missed: list[dict[str, str]] = field(default_factory=list)
    unmatched_predictions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        scored = self.predicted - self.matched_optional
        return self.matched_required / scored if scored else 0.0

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "required": self.required,
            "matched_required": self.matched_required,
            "matched_optional": self.matched_optional,
            "field_agreement": {k: round(v, 4) for k, v in self.field_agreement.items()},
            "missed": self.missed,
            "unmatched_predictions": self.unmatched_predictions,
        }


class _Gazetteer:
    """Names to place ids, province codes and country codes, for comparing spellings."""

    def __init__(self, reference: Reference) -> None:
        self.by_name: dict[str, set[str]] = {}
        self.provinces: dict[str, set[str]] = {}
        self.countries: dict[str, str] = {}
        for place in reference.places.values():
            for name in (place.name, *place.aliases):
                key = fold(name)
                self.by_name.setdefault(key, set()).add(place.place_id)
                if place.feature_kind == "province" and place.admin1_code:
                    self.provinces.setdefault(key, set()).add(place.admin1_code)
                if place.feature_kind == "country" and place.country_code:
                    self.countries[key] = place.country_code
            if place.country and place.country_code:
                self.countries[fold(place.country)] = place.country_code
                self.countries[fold(place.country_code)] = place.country_code

    def country(self, value: str | None) -> str | None:
        return self.countries.get(fold(value)) if value else None

    def province(self, value: str | None) -> set[str]:
        if not value:
            return set()
        return self.provinces.get(fold(value), {value.upper()} if "-" in value else set())

    def place(self, value: str | None) -> set[str]:
        return self.by_name.get(fold(value), {fold(value)}) if value else set()


def evaluate(
    gold_rows: list[dict[str, str]], predictions: list[dict[str, Any]], reference: Reference | None = None
) -> Evaluation:
    """Precision, recall, F1 and per-field agreement of ``predictions`` against ``gold_rows``."""
    ref = reference or load_reference()
    gaz = _Gazetteer(ref)
    asserted = [p for p in predictions if not _truthy(p.get("negated")) and not _truthy(p.get("hypothetical"))]
    result = Evaluation(predicted=len(asserted), required=sum(_truthy(g["required"]) for g in gold_rows))
    agreements: dict[str, list[bool]] = {name: [] for name in FIELDS}
    for doc_id in sorted({g["doc_id"] for g in gold_rows} | {str(p.get("doc_id")) for p in asserted}):
        gold = [g for g in gold_rows if g["doc_id"] == doc_id]
        pred = [p for p in asserted if str(p.get("doc_id")) == doc_id]
        pairs = sorted(
            (
                (_score(p, g, ref, gaz), i, j)
                for i, p in enumerate(pred)
                for j, g in enumerate(gold)
                if _matches(p, g, ref, gaz)
            ),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            if _truthy(gold[j]["required"]):
                result.matched_required += 1
            else:
                result.matched_optional += 1
            for name, ok in _field_agreement(pred[i], gold[j], ref, gaz).items():
                agreements[name].append(ok)
        result.missed += [g for j, g in enumerate(gold) if j not in used_g and _truthy(g["required"])]
        result.unmatched_predictions += [p for i, p in enumerate(pred) if i not in used_p]
    result.field_agreement = {name: (sum(v) / len(v) if v else 0.0) for name, v in agreements.items()}
    return result


def _truthy(value: Any) -> bool:
    return value is True or str(value).strip().lower() in {"true", "1", "yes"}


def _family(actor: str | None, ref: Reference) -> str | None:
    if not actor:
        return None
    known = ref.actors.get(actor)
    return known.family if known else actor


def _matches(pred: dict[str, Any], gold: dict[str, str], ref: Reference, gaz: _Gazetteer) -> bool:
    if pred.get("sub_event_type") != gold["sub_event_type"]:
        return False
    actor_ok = any(
        _family(pred.get(slot), ref) is not None and _family(pred.get(slot), ref) == _family(gold[slot], ref)
        for slot in ("actor1", "actor2")
    )
    if not actor_ok:
        return False
    if gaz.country(gold["country"]) != gaz.country(pred.get("country_code") or pred.get("country")):
        return False
    if gold.get("admin1"):
        return bool(gaz.province(gold["admin1"]) & gaz.province(pred.get("admin1_code") or pred.get("admin1")))
    return True


def _score(pred: dict[str, Any], gold: dict[str, str], ref: Reference, gaz: _Gazetteer) -> int:
    """How good a candidate pair is: the number of fields on which it agrees."""
    return sum(_field_agreement(pred, gold, ref, gaz).values())


def _field_agreement(pred: dict[str, Any], gold: dict[str, str], ref: Reference, gaz: _Gazetteer) -> dict[str, bool]:
    def number(value: Any) -> int | None:
        return int(float(value)) if value not in (None, "") else None

    gold_location = gold.get("location") or ""
    pred_location = pred.get("location") or ""
    if gold_location:
        location_ok = bool(gaz.place(gold_location) & gaz.place(pred_location))
    else:
        location_ok = int(pred.get("geo_precision") or 3) == 3
    return {
        "actor1": _family(pred.get("actor1"), ref) == _family(gold["actor1"] or None, ref),
        "actor2": _family(pred.get("actor2"), ref) == _family(gold["actor2"] or None, ref),
        "location": location_ok,
        "admin1": (not gold.get("admin1") and not pred.get("admin1"))
        or bool(gaz.province(gold.get("admin1")) & gaz.province(pred.get("admin1_code") or pred.get("admin1"))),
        "country": gaz.country(gold["country"]) == gaz.country(pred.get("country_code") or pred.get("country")),
        "fatalities": number(gold.get("fatalities")) == number(pred.get("fatalities")),
        "casualties_total": number(gold.get("casualties_total")) == number(pred.get("casualties_total")),
        "cross_border": _truthy(gold.get("cross_border")) == _truthy(pred.get("cross_border")),
        "origin_country": gaz.country(gold.get("origin_country")) == gaz.country(pred.get("origin_country")),
    }


def read_gold(path: Path) -> list[dict[str, str]]:
    """Gold rows from CSV; the columns are those of the project's gold set."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    needed = {"doc_id", "required", "sub_event_type", "actor1", "actor2", "country", "admin1"}
    missing = needed - set(rows[0] if rows else needed)
    if missing:
        raise ValueError(f"{path} lacks gold columns {', '.join(sorted(missing))}: is it a gold events file?")
    return rows


@dataclass
class ProvinceReport:
    """How often each article's main event falls in the province it is labelled with."""

    articles: int = 0
    with_event: int = 0
    correct: int = 0
    confusions: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.with_event if self.with_event else 0.0

    @property
    def coverage(self) -> float:
        return self.with_event / self.articles if self.articles else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "articles_with_event": self.with_event,
            "correct": self.correct,
            "accuracy_where_coded": round(self.accuracy, 4),
            "coverage": round(self.coverage, 4),
            "accuracy_over_all_articles": round(self.correct / self.articles, 4) if self.articles else 0.0,
            "top_confusions": [
                {"label": label, "predicted": predicted, "articles": n}
                for (label, predicted), n in sorted(self.confusions.items(), key=lambda kv: -kv[1])[:15]
            ],
        }


def main_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """An article's main event: asserted, placed in a province if any is, then the first told
    (news puts the main event in the lead; on FA-KES this beats picking the most confident)."""
    asserted = [e for e in events if not _truthy(e.get("negated")) and not _truthy(e.get("hypothetical"))]
    if not asserted:
        return None
    return max(asserted, key=lambda e: (e.get("admin1_code") is not None, -int(e.get("char_start") or 0)))


def province_accuracy(
    labels: dict[str, str],
    predictions: list[dict[str, Any]],
    equivalents: dict[str, set[str]] | None = None,
    reference: Reference | None = None,
) -> ProvinceReport:
    """Score main-event provinces against per-article province labels (spelled any way the
    gazetteer knows). ``equivalents`` widens a label whose dataset has no finer province, e.g.
    FA-KES's "damascus" also covering Rif Dimashq."""
    gaz = _Gazetteer(reference or load_reference())
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for event in predictions:
        by_doc.setdefault(str(event.get("doc_id")), []).append(event)
    report = ProvinceReport(articles=len(labels))
    for doc_id, label in labels.items():
        event = main_event(by_doc.get(doc_id, []))
        if event is None:
            continue
        report.with_event += 1
        accepted = gaz.province(label) | (equivalents or {}).get(fold(label), set())
        if event.get("admin1_code") in accepted:
            report.correct += 1
        else:
            key = (label, event.get("admin1") or f"(country only: {event.get('country')})")
            report.confusions[key] = report.confusions.get(key, 0) + 1
    return report
