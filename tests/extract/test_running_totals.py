"""A toll that rises is a running total; the risen toll of one named strike is that strike's count."""

import datetime as dt

from tests.extract.conftest import of_kind

PUB = dt.date(2024, 11, 30)


def test_the_death_toll_rose_to_is_a_running_total_en(run):
    cas = of_kind(run("The death toll rose to 40, the Observatory said.", "en", published=PUB), "casualties")
    assert [(c["count"], c["cumulative"]) for c in cas] == [(40, True)]


def test_the_toll_rose_is_a_running_total_ar(run):
    cas = of_kind(run("وارتفع عدد القتلى في ريف إدلب إلى 35 شخصا، بحسب المرصد السوري لحقوق الإنسان.", "ar", published=PUB),
                  "casualties")
    assert [(c["count"], c["cumulative"]) for c in cas] == [(35, True)]


def test_the_risen_toll_of_one_strike_stays_that_strike(run):
    cas = of_kind(run("وارتفعت حصيلة القتلى جراء غارة جوية على سوق مدينة أريحا إلى 12 مدنيا.", "ar", published=PUB),
                  "casualties")
    assert [(c["count"], c["cumulative"]) for c in cas] == [(12, False)]
