"""Scoring predicted facts against gold, exactly as FORMAT.md "Scoring" says.

Within a document and a kind, gold and predicted facts are matched one to one by a
maximum matching: the most pairs whose match key agrees, and among those the pairs
with the most right fields (source, date, place, actor). With scipy this is the
Hungarian method (``linear_sum_assignment``) on weight ``BIG + right fields``; without
scipy, Kuhn's augmenting paths, trying each gold fact's candidates best-first, which
gives a maximum number of pairs (exact for P/R/F1) with the field tie-break greedy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from marsad.eval.actors import ActorMap
from marsad.eval.gold import DocGold, DocPred
from marsad.eval.places import PlaceResolver, default_resolver, place_matches
from marsad.eval.report import KINDS, Counts, DocResult, FieldShares, MatchedPair, Report
from marsad.model import AnyClaim, CasualtyClaim, ControlClaim, EventClaim

__all__ = ["score", "figures_agree", "key_matches", "field_checks", "source_group", "matching_method"]

_AUTO: Any = object()


def source_group(doc_id: str) -> str:
    """The corpus a document comes from: its id up to the first ``-`` (seed, ant, sa, cs)."""
    return doc_id.split("-", 1)[0]


def _interval(c: CasualtyClaim | ControlClaim) -> tuple[float, float] | None:
    """[low, high] of a figure: count → [count, count]; a missing bound is ±∞."""
    if c.count is None and c.low is None and c.high is None:
        return None
    lo = c.low if c.low is not None else (c.count if c.count is not None else -math.inf)
    hi = c.high if c.high is not None else (c.count if c.count is not None else math.inf)
    return (lo, hi)


def figures_agree(gold: CasualtyClaim, pred: CasualtyClaim) -> bool:
    """Same count, or overlapping [low, high]; no figure agrees only with no figure."""
    if gold.count is not None and gold.count == pred.count:
        return True
    g, p = _interval(gold), _interval(pred)
    if g is None or p is None:
        return g is None and p is None
    return g[0] <= p[1] and p[0] <= g[1]


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def key_matches(gold: AnyClaim, pred: AnyClaim, actors: ActorMap, resolve: PlaceResolver | None) -> bool:
    """The FORMAT.md match key of each kind."""
    if gold.kind != pred.kind:
        return False
    if isinstance(gold, CasualtyClaim) and isinstance(pred, CasualtyClaim):
        return (
            gold.outcome == pred.outcome
            and gold.party == pred.party
            and gold.cumulative == pred.cumulative
            and figures_agree(gold, pred)
        )
    if isinstance(gold, ControlClaim) and isinstance(pred, ControlClaim):
        return actors.same(gold.actor, pred.actor) and place_matches(gold.place, pred.place, resolve)
    if isinstance(gold, EventClaim) and isinstance(pred, EventClaim):
        return (
            _norm(gold.sub_type) == _norm(pred.sub_type)
            and actors.same(gold.actor1, pred.actor1)
            and place_matches(gold.place, pred.place, resolve)
        )
    return False


def field_checks(gold: AnyClaim, pred: AnyClaim, actors: ActorMap, resolve: PlaceResolver | None) -> dict[str, bool]:
    """Which fields of a matched pair are right: source, date, place, (casualties) actor."""
    if gold.date is None or pred.date is None:
        date_ok = gold.date is None and pred.date is None
    else:
        date_ok = gold.date.overlaps(pred.date)
    out = {
        "source": actors.same(gold.source or None, pred.source or None),
        "date": date_ok,
        "place": place_matches(gold.place, pred.place, resolve),
    }
    if isinstance(gold, CasualtyClaim) and isinstance(pred, CasualtyClaim):
        out["actor"] = actors.same(gold.actor, pred.actor)
    return out


def matching_method() -> str:
    try:
        import scipy.optimize  # noqa: F401
    except ImportError:
        return "augmenting-paths"
    return "hungarian"


def _assign(weights: list[list[int | None]], n_pred: int) -> list[tuple[int, int]]:
    """Maximum matching on rows (gold) × columns (pred); ``None`` = no edge."""
    edges = [(i, j) for i, row in enumerate(weights) for j, w in enumerate(row) if w is not None]
    if not edges:
        return []
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:
        return _kuhn(weights, n_pred)
    big = 4 * min(len(weights), n_pred) + 10  # one more pair outweighs any field tie-break
    matrix = np.zeros((len(weights), n_pred))
    for i, j in edges:
        matrix[i, j] = big + weights[i][j]  # type: ignore[operator]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if weights[i][j] is not None]


def _kuhn(weights: list[list[int | None]], n_pred: int) -> list[tuple[int, int]]:
    """Kuhn's augmenting paths: a maximum-cardinality matching, best candidates first."""
    options = [sorted((j for j, w in enumerate(row) if w is not None), key=lambda j, r=row: -r[j]) for row in weights]  # type: ignore[misc]
    owner: list[int | None] = [None] * n_pred

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):  # type: ignore[arg-type]
                owner[j] = i
                return True
        return False

    order = sorted(range(len(weights)), key=lambda i: len(options[i]))
    for i in order:
        augment(i, set())
    return [(i, j) for j, i in enumerate(owner) if i is not None]


def _match(
    gold: Sequence[AnyClaim], pred: Sequence[AnyClaim], actors: ActorMap, resolve: PlaceResolver | None
) -> list[tuple[int, int, dict[str, bool]]]:
    weights: list[list[int | None]] = []
    checks: dict[tuple[int, int], dict[str, bool]] = {}
    for i, g in enumerate(gold):
        row: list[int | None] = []
        for j, p in enumerate(pred):
            if key_matches(g, p, actors, resolve):
                checks[(i, j)] = field_checks(g, p, actors, resolve)
                row.append(sum(checks[(i, j)].values()))
            else:
                row.append(None)
        weights.append(row)
    return [(i, j, checks[(i, j)]) for i, j in _assign(weights, len(pred))]


def _score_doc(
    gold: DocGold, pred: DocPred | None, actors: ActorMap, resolve: PlaceResolver | None, fields: dict[str, FieldShares]
) -> DocResult:
    result = DocResult(gold.doc_id, source_group(gold.doc_id))
    pred_facts = pred.facts if pred is not None else []
    for kind in KINDS:
        scored = [g for g in gold.facts if g.kind == kind and not g.optional]
        optional = [g for g in gold.facts if g.kind == kind and g.optional]
        preds = [p for p in pred_facts if p.kind == kind]
        pairs = _match(scored, preds, actors, resolve)
        used = {j for _, j, _ in pairs}
        left = [j for j in range(len(preds)) if j not in used]
        dropped = {left[j] for _, j, _ in _match(optional, [preds[k] for k in left], actors, resolve)}
        matched_gold = {i for i, _, _ in pairs}
        counts = result.counts[kind]
        counts.tp = len(pairs)
        counts.fn = len(scored) - len(pairs)
        counts.fp = len(left) - len(dropped)
        result.optional_dropped += len(dropped)
        for i, j, checks in pairs:
            fields[kind].add_pair(checks)
            result.matched.append(MatchedPair(scored[i].to_fact(), preds[j].to_fact(), checks))
        result.missed += [g.to_fact() for i, g in enumerate(scored) if i not in matched_gold]
        result.spurious += [preds[j].to_fact() for j in left if j not in dropped]
    return result


def score(
    gold: list[DocGold],
    pred: list[DocPred],
    actors: ActorMap,
    *,
    resolve_place: PlaceResolver | None | Callable[..., Any] = _AUTO,
) -> Report:
    """Score predictions against gold; documents without predictions count as all missed.

    ``resolve_place`` maps a place name to a gazetteer id so that Arabic and English
    names of one place match; by default ``marsad.geo.resolve`` when it exists.
    """
    resolve = default_resolver() if resolve_place is _AUTO else resolve_place
    by_doc = {p.doc_id: p for p in pred}
    gold_ids = {g.doc_id for g in gold}
    fields = {k: FieldShares() for k in KINDS}
    docs = [_score_doc(g, by_doc.get(g.doc_id), actors, resolve, fields) for g in gold]

    kinds = {k: Counts() for k in KINDS}
    overall = Counts()
    groups: dict[str, dict[str, Counts]] = {}
    for doc in docs:
        by_kind = groups.setdefault(doc.group, {k: Counts() for k in (*KINDS, "overall")})
        for kind, counts in doc.counts.items():
            kinds[kind].add(counts)
            overall.add(counts)
            by_kind[kind].add(counts)
            by_kind["overall"].add(counts)
    all_fields = FieldShares()
    for shares in fields.values():
        all_fields.add(shares)
    return Report(
        kinds=kinds,
        overall=overall,
        fields={**fields, "overall": all_fields},
        groups=dict(sorted(groups.items())),
        docs=docs,
        unscored_pred_docs=sorted(set(by_doc) - gold_ids),
        matching=matching_method(),
    )
