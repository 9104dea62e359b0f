"""Multi-document scenarios built from model objects (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from fuse_helpers import ALEPPO, IDLIB, ContestedBy, doc, killed, rec, strike
from marsad.fuse.run import fuse, ledger_of

WIRE = (
    "Warplanes struck a vegetable market in the town on Sunday morning, killing several people "
    "and wounding dozens more, according to a monitoring group that relies on a network of "
    "sources on the ground. Rescue workers pulled survivors from the rubble for hours afterwards "
    "while residents fled towards the countryside, witnesses told reporters by telephone."
)


def test_rising_toll_over_three_reports_shows_latest_not_sum() -> None:
    docs = [
        doc("t1", "The toll from the clashes rose to 8 civilians.", "2024-12-01"),
        doc("t2", "The monitor said the toll had climbed to 12 civilians.", "2024-12-02"),
        doc("t3", "By Tuesday the monitor counted 15 civilians killed since the start.", "2024-12-03"),
    ]
    since = dt.date(2024, 11, 30)
    recs = [
        rec(killed("sohr", "2024-12-01", 8, place=None, cumulative=True, since=since), "t1", "2024-12-01"),
        rec(killed("sohr", "2024-12-02", 12, place=None, cumulative=True, since=since), "t2", "2024-12-02"),
        rec(killed("sohr", "2024-12-03", 15, place=None, cumulative=True, since=since), "t3", "2024-12-03"),
    ]
    fusion = fuse(docs, recs)
    ledger = ledger_of(fusion)
    assert [(f.entry.party, f.entry.best) for f in ledger.running] == [("civilian", 15)]
    assert ledger.running[0].entry.claim_ids == [recs[2].id]
    assert [h["count"] for h in ledger.running[0].history] == [8, 12, 15]
    assert ledger.totals == []  # running totals never become incidents
    # as of the second day, the series stood at 12
    assert ledger_of(fusion, date_to=dt.date(2024, 12, 2)).running[0].entry.best == 12


def test_incident_in_arabic_and_english_from_independent_sources_is_one_fair_event() -> None:
    docs = [
        doc("ar1", "قال المرصد إن غارة جوية روسية قتلت خمسة مدنيين في سوق حلب صباح الأحد.", "2024-12-01", lang="ar"),
        doc("en1", "Civil defence workers said a Russian air strike killed five civilians at an Aleppo market.", "2024-12-01"),
    ]
    recs = [
        rec(strike("sohr", "2024-12-01", evidence="غارة جوية روسية"), "ar1", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 5, perpetrator="russia-military"), "ar1", "2024-12-01"),
        rec(strike("white-helmets", "2024-12-01", evidence="a Russian air strike", fatalities=5), "en1", "2024-12-01"),
    ]
    fusion = fuse(docs, recs, cross_language="facts")
    events = fusion.events.events
    assert len(events) == 1
    event = events[0].event
    assert sorted(event.sources) == ["sohr", "white-helmets"]
    assert event.grade in ("fair", "confirmed")
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (5, 5, 5)
    assert ledger_of(fusion).totals[0].entry.best == 5


def test_translation_of_one_wire_story_is_one_originator() -> None:
    docs = [
        doc("w-ar", "قالت الوكالة إن غارة جوية قتلت خمسة مدنيين في سوق حلب.", "2024-12-01", lang="ar"),
        doc("w-en", "The agency said an air strike killed five civilians in an Aleppo market.", "2024-12-01"),
    ]
    recs = [
        rec(strike("afp", "2024-12-01", evidence="غارة جوية"), "w-ar", "2024-12-01"),
        rec(killed("afp", "2024-12-01", 5), "w-ar", "2024-12-01"),
        rec(strike("afp", "2024-12-01", evidence="an air strike"), "w-en", "2024-12-01"),
        rec(killed("afp", "2024-12-01", 5), "w-en", "2024-12-01"),
    ]
    fusion = fuse(docs, recs, cross_language="facts")
    assert fusion.groups.group("w-en") == fusion.groups.group("w-ar")
    [event] = fusion.events.events
    assert event.event.grade == "weak"
    assert ledger_of(fusion).totals[0].entry.best == 5


def test_retracted_report_is_discounted_and_leaves_the_ledger() -> None:
    docs = [doc("r1", "A strike killed three people in Idlib, the agency said.", "2024-12-05")]
    recs = [
        rec(strike("afp", "2024-12-05", place=IDLIB), "r1", "2024-12-05", status="retracted"),
        rec(killed("afp", "2024-12-05", 3, place=IDLIB), "r1", "2024-12-05", status="retracted"),
    ]
    fusion = fuse(docs, recs)
    [event] = fusion.events.events
    assert event.event.grade == "discounted"
    assert ledger_of(fusion).totals == []


def test_two_strikes_same_town_same_day_do_not_merge() -> None:
    docs = [doc(f"s{i}", f"report {i}", "2024-12-01") for i in range(1, 5)]
    recs = [
        rec(strike("sohr", "2024-12-01", evidence="an air strike hit the market at 9 am"), "s1", "2024-12-01"),
        rec(strike("sohr", "2024-12-01", evidence="another raid hit a bakery at 6 pm"), "s2", "2024-12-01"),
        rec(strike("afp", "2024-12-01", sub_type="Shelling/artillery/missile attack", actor1="hts"), "s3", "2024-12-01"),
        rec(strike("afp", "2024-12-01", actor1="syria-military"), "s4", "2024-12-01"),
    ]
    fusion = fuse(docs, recs)
    assert len(fusion.events.events) == 4
    assert all(len(e.event.claim_ids) == 1 for e in fusion.events.events)


def test_same_strike_from_two_sources_merges_and_logs_why() -> None:
    docs = [doc("m1", "one", "2024-12-01"), doc("m2", "two", "2024-12-01")]
    near = ALEPPO.__class__("Aleppo city centre", "point", lat=36.2000, lon=37.1500)
    recs = [
        rec(strike("sohr", "2024-12-01"), "m1", "2024-12-01"),
        rec(strike("white-helmets", "2024-12-01", place=near), "m2", "2024-12-01"),
    ]
    fusion = fuse(docs, recs)
    [event] = fusion.events.events
    assert event.event.place is not None and event.event.place.level == "point"
    merges = [e for e in fusion.events.log if e.action == "merge"]
    assert len(merges) == 1 and merges[0].score > 0


def test_contested_event() -> None:
    docs = [doc("c1", "one", "2024-12-01")]
    denial = [ContestedBy("russia-mod", "no strikes were carried out on the city")]
    recs = [rec(strike("sohr", "2024-12-01", contested_by=denial), "c1", "2024-12-01")]
    [event] = fuse(docs, recs).events.events
    assert event.event.grade == "contested"


def test_admission_by_the_actor_confirms() -> None:
    docs = [doc("a1", "one", "2024-12-01")]
    recs = [rec(strike("russia-mod", "2024-12-01"), "a1", "2024-12-01")]
    [event] = fuse(docs, recs).events.events
    assert event.event.grade == "confirmed"


def test_syndicated_reheaded_copy_changes_neither_events_nor_ledger() -> None:
    original = [doc("o1", "AFP - " + WIRE + " Copyright AFP.", "2024-12-01", outlet="AFP")]
    since = dt.date(2024, 11, 30)
    recs = [
        rec(strike("sohr", "2024-12-01", evidence="Warplanes struck a vegetable market"), "o1", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 6, perpetrator="russia-military"), "o1", "2024-12-01"),
        rec(killed("afp", "2024-12-01", 40, place=None, cumulative=True, since=since), "o1", "2024-12-01"),
    ]
    base = fuse(original, recs)
    copy = doc("o2", "Gulf Daily | " + WIRE + " Share this story on social media.", "2024-12-01", outlet="Gulf Daily")
    copied = [
        rec(strike("sohr", "2024-12-01", evidence="Warplanes struck a vegetable market"), "o2", "2024-12-01"),
        rec(killed("sohr", "2024-12-01", 6, perpetrator="russia-military"), "o2", "2024-12-01"),
        rec(killed("gulf-daily", "2024-12-01", 40, place=None, cumulative=True, since=since), "o2", "2024-12-01"),
    ]
    both = fuse(original + [copy], recs + copied)
    assert both.groups.group("o2") == "o1"
    assert len(both.events.events) == len(base.events.events) == 1
    assert both.events.events[0].event.id == base.events.events[0].event.id
    assert both.events.events[0].event.grade == base.events.events[0].event.grade == "weak"

    def figures(f):  # type: ignore[no-untyped-def]
        led = ledger_of(f)
        return (
            [(x.entry.party, x.entry.best, x.entry.source) for x in led.running],
            [(x.entry.party, x.entry.best) for x in led.totals],
        )

    assert figures(both) == figures(base)


def test_event_ids_are_stable_across_reruns_and_input_order() -> None:
    docs = [doc("e1", "one", "2024-12-01"), doc("e2", "two", "2024-12-02")]
    recs = [
        rec(strike("sohr", "2024-12-01"), "e1", "2024-12-01"),
        rec(strike("afp", "2024-12-02", place=IDLIB), "e2", "2024-12-02"),
    ]
    first = [e.event.id for e in fuse(docs, recs).events.events]
    again = [e.event.id for e in fuse(list(reversed(docs)), list(reversed(recs))).events.events]
    assert first == again
