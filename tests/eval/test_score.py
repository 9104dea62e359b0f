"""Each FORMAT.md matching rule, with a case that passes and one that must fail."""

from __future__ import annotations

from typing import Any

import pytest
from evalfacts import ACTORS, ALEPPO, casualty, control, event

from marsad.eval.actors import ActorMap
from marsad.eval.gold import DocGold, DocPred, parse_facts
from marsad.eval.score import _kuhn, score


def run(gold: list[dict[str, Any]], pred: list[dict[str, Any]], actors: ActorMap, **kw: Any):
    g = DocGold("seed-0001", parse_facts(gold, "gold", strict=True))
    p = DocPred("seed-0001", parse_facts(pred, "pred", strict=False))
    return score([g], [p], actors, resolve_place=kw.pop("resolve_place", None))


def test_gold_against_itself_is_perfect(actors: ActorMap) -> None:
    facts = [casualty(), casualty(count=311, party="all", cumulative=True), control(), event()]
    report = run(facts, facts, actors)
    for kind in ("casualties", "control", "event"):
        assert (report.kinds[kind].precision, report.kinds[kind].recall, report.kinds[kind].f1) == (1.0, 1.0, 1.0)
    assert report.overall.tp == 4 and report.overall.fp == 0 and report.overall.fn == 0
    assert report.fields["overall"].share("source") == 1.0


def test_wrong_count_is_one_miss_and_one_spurious(actors: ActorMap) -> None:
    report = run([casualty(count=6)], [casualty(count=7)], actors)
    c = report.kinds["casualties"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
    assert report.docs[0].missed[0]["count"] == 6
    assert report.docs[0].spurious[0]["count"] == 7


@pytest.mark.parametrize(
    ("gold", "pred", "matches"),
    [
        ({"count": None, "low": 24, "high": None}, {"count": 30}, True),  # "dozens" vs 30
        ({"count": None, "low": 51}, {"count": 50}, False),  # "more than 50" vs 50
        ({"count": 40, "low": 36, "high": 44}, {"count": 43}, True),  # "about 40"
        ({"count": 40, "low": 36, "high": 44}, {"count": 45}, False),
        ({"count": 6}, {"count": None, "low": 5, "high": 5}, False),  # "at least 6" vs five
        ({"count": None, "high": 10}, {"count": 9}, True),  # high only
        ({"count": None, "high": 10}, {"count": 11}, False),
    ],
)
def test_figures_overlap(actors: ActorMap, gold: dict, pred: dict, matches: bool) -> None:
    report = run([casualty(**gold)], [casualty(**pred)], actors)
    assert report.kinds["casualties"].tp == int(matches)


def test_running_total_never_matches_an_incident(actors: ActorMap) -> None:
    report = run([casualty(count=311, cumulative=True)], [casualty(count=311, cumulative=False)], actors)
    assert report.kinds["casualties"].tp == 0
    report = run([casualty(count=311, cumulative=False)], [casualty(count=311, cumulative=True)], actors)
    assert report.kinds["casualties"].tp == 0


def test_party_and_outcome_are_part_of_the_key(actors: ActorMap) -> None:
    assert run([casualty()], [casualty(party="state")], actors).kinds["casualties"].tp == 0
    assert run([casualty()], [casualty(outcome="injured")], actors).kinds["casualties"].tp == 0


def _north(km: float) -> dict[str, Any]:
    """A point ``km`` due north of ALEPPO, without a GeoNames id or a shared name."""
    return {"name": "somewhere", "geonameid": None, "lat": ALEPPO["lat"] + km / 111.195, "lon": ALEPPO["lon"], "level": "point"}


@pytest.mark.parametrize(("km", "matches"), [(14.0, True), (16.0, False)])
def test_points_match_within_15_km(actors: ActorMap, km: float, matches: bool) -> None:
    report = run([control()], [control(place=_north(km))], actors)
    assert report.kinds["control"].tp == int(matches)


def test_areas_have_no_distance_rule(actors: ActorMap) -> None:
    gold = {"name": "Eastern Ghouta", "geonameid": None, "lat": 33.55, "lon": 36.45, "level": "region"}
    pred = {"name": "Douma", "geonameid": None, "lat": 33.57, "lon": 36.40, "level": "region"}
    assert run([control(place=gold)], [control(place=pred)], actors).kinds["control"].tp == 0


@pytest.mark.parametrize(
    ("gold", "pred", "matches"),
    [
        (("Afrin region", "region"), ("Afrin District", "district"), True),
        (("ريف حلب", "region"), ("محافظة حلب", "governorate"), True),
        (("As-Suwayda Governorate", "governorate"), ("Suwayda", "governorate"), True),
        (("Afrin region", "region"), ("Afrin", "city"), False),  # area never matches a city
        (("Aleppo Governorate", "governorate"), ("Aleppo", "city"), False),
        (("eastern Daraa countryside", "region"), ("Daraa Governorate", "governorate"), False),
    ],
)
def test_area_names_match_without_level_words(actors: ActorMap, gold: tuple, pred: tuple, matches: bool) -> None:
    place = lambda name, level: {"name": name, "geonameid": None, "lat": 36.5, "lon": 36.87, "level": level}  # noqa: E731
    report = run([control(place=place(*gold))], [control(place=place(*pred))], actors)
    assert report.kinds["control"].tp == int(matches)


def test_area_never_matches_city_even_at_the_same_point(actors: ActorMap) -> None:
    area = dict(ALEPPO, level="governorate", geonameid=None)
    assert run([control(place=area)], [control(place=ALEPPO)], actors).kinds["control"].tp == 0


def test_null_place_matches_only_null(actors: ActorMap) -> None:
    assert run([event(place=None)], [event(place=None)], actors).kinds["event"].tp == 1
    assert run([event(place=None)], [event()], actors).kinds["event"].tp == 0
    assert run([event()], [event(place=None)], actors).kinds["event"].tp == 0


def test_geonameid_and_resolver(actors: ActorMap) -> None:
    by_id = dict(ALEPPO, name="Halab", lat=None, lon=None)
    assert run([event()], [event(place=by_id)], actors).kinds["event"].tp == 1
    arabic = {"name": "حلب", "geonameid": None, "lat": None, "lon": None, "level": "city"}
    assert run([event()], [event(place=arabic)], actors).kinds["event"].tp == 0
    ids = {"Aleppo": "170063", "حلب": "170063"}
    resolver = lambda name, area: ids.get(name)  # noqa: E731
    assert run([event()], [event(place=arabic)], actors, resolve_place=resolver).kinds["event"].tp == 1


def test_gazetteer_maps_arabic_and_english_names(actors: ActorMap) -> None:
    from marsad.eval.places import default_resolver

    resolve = default_resolver()
    if resolve is None:
        pytest.skip("marsad.geo gazetteer not available")
    area = lambda name, level: {"name": name, "geonameid": None, "lat": None, "lon": None, "level": level}  # noqa: E731
    cases = [
        (area("Aleppo", "city"), area("حلب", "city"), True),
        (area("Afrin region", "region"), area("منطقة عفرين", "district"), True),
        (area("Aleppo Governorate", "governorate"), area("حلب", "governorate"), True),
        (area("Aleppo Governorate", "governorate"), area("حلب", "city"), False),
        (area("Aleppo", "city"), area("عفرين", "city"), False),
    ]
    for gold, pred, matches in cases:
        got = run([control(place=gold)], [control(place=pred)], actors, resolve_place=resolve).kinds["control"].tp
        assert got == int(matches), (gold["name"], pred["name"])


def test_arabic_alias_of_an_actor_maps_to_the_gold_id(actors: ActorMap) -> None:
    assert run([control()], [control(actor="هيئة تحرير الشام")], actors).kinds["control"].tp == 1
    assert run([control()], [control(actor="HTS")], actors).kinds["control"].tp == 1
    assert run([control()], [control(actor="الجيش السوري")], actors).kinds["control"].tp == 0
    assert run([event()], [event(actor1="الطائرات الروسية")], actors).kinds["event"].tp == 1


def test_own_lexicon_ids_map_through_shared_aliases() -> None:
    own = {
        "tahrir": {"en": ["Tahrir al-Sham fighters"], "ar": ["هيئة تحرير الشام"], "inter": 2, "kind": "armed"},
        "ru-air": {"en": ["VKS"], "ar": [], "same_as": "russia-military"},
        "unrelated": {"en": ["Some Brigade"], "ar": ["لواء ما"]},
        "hts": {"en": ["Tahrir al-Sham"], "ar": ["هتش"]},  # the gold id, with more names
    }
    actors = ActorMap.from_entries(ACTORS, own)
    assert run([control()], [control(actor="tahrir")], actors).kinds["control"].tp == 1
    assert run([control()], [control(actor="Tahrir al-Sham fighters")], actors).kinds["control"].tp == 1
    assert run([event()], [event(actor1="ru-air")], actors).kinds["event"].tp == 1
    assert run([control()], [control(actor="unrelated")], actors).kinds["control"].tp == 0
    assert run([control()], [control(actor="هتش")], actors).kinds["control"].tp == 1


def test_event_key_is_sub_type_actor1_and_place(actors: ActorMap) -> None:
    assert run([event()], [event(sub_type="Shelling/artillery/missile attack")], actors).kinds["event"].tp == 0
    assert run([event()], [event(actor1="syria-military")], actors).kinds["event"].tp == 0
    assert run([event()], [event(source="state-media", date="2024-11-01")], actors).kinds["event"].tp == 1


def test_optional_gold_is_removed_from_both_sides(actors: ActorMap) -> None:
    gold = [casualty(), casualty(count=311, party="all", cumulative=True, optional=True)]
    found = run(gold, [casualty(), casualty(count=311, party="all", cumulative=True)], actors)
    assert (found.overall.tp, found.overall.fp, found.overall.fn) == (1, 0, 0)
    assert found.docs[0].optional_dropped == 1
    missed = run(gold, [casualty()], actors)
    assert (missed.overall.tp, missed.overall.fp, missed.overall.fn) == (1, 0, 0)
    # a prediction that matches no fact at all is still spurious
    other = run(gold, [casualty(), casualty(count=99)], actors)
    assert other.overall.fp == 1


def test_matching_is_one_to_one_and_maximal(actors: ActorMap) -> None:
    twice = run([casualty()], [casualty(), casualty()], actors)
    assert (twice.overall.tp, twice.overall.fp) == (1, 1)
    # greedy would give the wide prediction to the first gold fact and lose the second
    gold = [casualty(count=None, low=24), casualty(count=30)]
    pred = [casualty(count=30), casualty(count=100)]
    report = run(gold, pred, actors)
    assert report.overall.tp == 2


def test_augmenting_path_fallback_is_maximal() -> None:
    weights = [[4, 4, None], [4, None, None], [None, 1, 3]]
    assert len(_kuhn(weights, 3)) == 3


def test_field_shares_over_matched_pairs(actors: ActorMap) -> None:
    gold = [casualty(), casualty(count=20, date={"from": "2024-11-28", "to": "2024-11-30"})]
    pred = [casualty(source="state-media", actor="مدنيين"), casualty(count=20, date="2024-11-29")]
    fields = run(gold, pred, actors).fields["casualties"]
    assert fields.share("source") == 0.5
    assert fields.share("date") == 1.0
    assert fields.share("actor") == 1.0
    shifted = run([casualty()], [casualty(date="2024-11-29")], actors).fields["casualties"]
    assert shifted.share("date") == 0.0


def test_groups_and_missing_documents(actors: ActorMap) -> None:
    golds = [DocGold("ant-1", parse_facts([event()], "g", strict=True)),
             DocGold("sa-x-en", parse_facts([event()], "g", strict=True))]
    preds = [DocPred("ant-1", parse_facts([event()], "p", strict=False)),
             DocPred("other-9", parse_facts([event()], "p", strict=False))]
    report = score(golds, preds, actors, resolve_place=None)
    assert report.groups["ant"]["overall"].f1 == 1.0
    assert report.groups["sa"]["overall"].recall == 0.0
    assert report.unscored_pred_docs == ["other-9"]


def test_load_actor_map_reads_the_extractor_lexicon_file(tmp_path) -> None:
    import yaml

    from marsad.eval.actors import load_actor_map

    gold, own = tmp_path / "actors.yaml", tmp_path / "own.yaml"
    gold.write_text(yaml.safe_dump(ACTORS, allow_unicode=True), encoding="utf-8")
    own.write_text(yaml.safe_dump({"nusra": {"en": ["Nusra"], "ar": ["النصرة"], "same_as": "hts"}}, allow_unicode=True), encoding="utf-8")
    assert load_actor_map(gold, own).same("hts", "النصرة")
    assert not load_actor_map(gold, None).same("hts", "النصرة")
    assert not load_actor_map(gold, tmp_path / "absent.yaml").same("hts", "Nusra")
