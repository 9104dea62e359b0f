"""Confidence grades per event, in the spirit of Airwars' grading.

* discounted — every claim of the event was retracted by its source or marked wrong;
* contested — a source contradicts it (``contested_by``), or its claims disagree on who did it;
* confirmed — the actor itself admits it (its spokesperson is a source, see
  ``data/spokespeople.yaml``), or two or more independent originators, each with
  evidence, agree on what happened and who did it;
* fair — two or more independent originators;
* weak — one originator.

Independence means different originators: claims with the same source are one
originator, and so are claims from different documents of one duplicate group
(a wire story and its syndicated copies); claims that only echo an earlier copy
never count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from marsad.fuse.dedupe import DocGroups
from marsad.fuse.lexicon import spokespeople
from marsad.fuse.records import ClaimRecord
from marsad.model import EventClaim

__all__ = ["GRADES", "grade_event", "originators"]

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")


def originators(records: Sequence[ClaimRecord], groups: DocGroups | None) -> list[list[ClaimRecord]]:
    """Claims partitioned by originator (same source, or copies within one duplicate group)."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by_source: dict[str, int] = {}
    first_by_group: dict[str, tuple[str, int]] = {}
    for i, rec in enumerate(records):
        j = first_by_source.setdefault(rec.source, i)
        parent[find(i)] = find(j)
        if groups is None:
            continue
        grp = groups.group(rec.doc_id)
        seen = first_by_group.get(grp)
        if seen is None:
            first_by_group[grp] = (rec.doc_id, i)
        elif seen[0] != rec.doc_id:  # a copy of the same report
            parent[find(i)] = find(seen[1])
    parts: dict[int, list[ClaimRecord]] = {}
    for i, rec in enumerate(records):
        parts.setdefault(find(i), []).append(rec)
    return list(parts.values())


def grade_event(
    members: Sequence[ClaimRecord], groups: DocGroups | None, echoes: Mapping[int, int] | None = None
) -> tuple[str, str]:
    """The grade of one event and a one-line reason."""
    echoes = echoes or {}
    live = [m for m in members if m.active and m.id not in echoes]
    if not live:
        who = sorted({m.source for m in members})
        return "discounted", f"every claim was retracted or marked wrong ({', '.join(who)})"
    events = [m for m in live if isinstance(m.claim, EventClaim)]
    contested = [c for m in events for c in m.claim.contested_by]  # type: ignore[union-attr]
    if contested:
        by = sorted({c.source for c in contested})
        return "contested", f"contradicted by {', '.join(by)}"
    actors = {m.claim.actor1 for m in events if m.claim.actor1}  # type: ignore[union-attr]
    if len(actors) > 1:
        return "contested", f"sources name different actors: {', '.join(sorted(actors))}"
    retracted = len(members) - len([m for m in members if m.active])
    note = f"; {retracted} claim(s) retracted" if retracted else ""
    speaks = spokespeople()
    for m in events:
        actor = m.claim.actor1  # type: ignore[union-attr]
        if actor and actor in speaks.get(m.source, frozenset()):
            return "confirmed", f"{m.source} speaks for {actor}, the actor, and reports it{note}"
    parts = originators(live, groups)
    if len(parts) >= 2 and _agree_with_evidence(parts):
        return "confirmed", f"{len(parts)} independent originators with evidence agree{note}"
    if len(parts) >= 2:
        names = sorted({p[0].source for p in parts})
        return "fair", f"{len(parts)} independent originators: {', '.join(names)}{note}"
    return "weak", f"one originator: {parts[0][0].source}{note}"


def _agree_with_evidence(parts: list[list[ClaimRecord]]) -> bool:
    """Every originator has an event claim with evidence naming the same sub-type and actor."""
    stated: set[tuple[str, str]] = set()
    for part in parts:
        mine = {
            (m.claim.sub_type, m.claim.actor1)  # type: ignore[union-attr]
            for m in part
            if isinstance(m.claim, EventClaim) and m.claim.evidence and m.claim.sub_type and m.claim.actor1
        }
        if not mine:
            return False
        stated |= mine
    return len(stated) == 1
