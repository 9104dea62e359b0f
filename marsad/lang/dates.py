"""Date expressions resolved against the publication date, with their precision.

Patterns run over the matching form of the whole text (``marsad.lang.normalize``) in one
pass (one alternation, most specific first, then the matching pattern re-applied);
word lists come from ``marsad/lang/<lang>/data/dates.yaml``. The first pattern that
matches at a position wins. Rules: a weekday is the most recent such day on or before publication
("الأربعاء الماضي"/"last Wednesday": strictly before); a day and month without a year
take the publication year unless that lands after publication (then the year before);
"the night before" ("خلال الليل", "overnight") is the span publication−1 … publication;
"الأسبوع الماضي"/"last week" is the 7 days before publication; a preceding "منذ"/"since"
gives the role ``since``. Explicit numeric dates are read day first (7/4/2018 = 7 April).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from marsad.lang.analysis import DateMention
from marsad.lang.data import load
from marsad.lang.normalize import OffsetMap, normalize
from marsad.model import DateRange

__all__ = ["find_dates"]

_NAMED = re.compile(r"\(\?P<\w+>")
_Resolver = Callable[[re.Match[str], dt.date], DateRange | None]


@dataclass(frozen=True, slots=True)
class _Rules:
    patterns: tuple[tuple[re.Pattern[str], _Resolver], ...]
    scan: re.Pattern[str]  # all patterns as one alternation, for a single pass over the text
    since: re.Pattern[str]
    since_start: re.Pattern[str]
    not_today_before: frozenset[str]


def _alt(words: list[str] | set[str], lang: str) -> str:
    forms = sorted({normalize(w, lang) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


def _month_day_range(year: int, month: int) -> DateRange:
    last = calendar.monthrange(year, month)[1]
    return DateRange(dt.date(year, month, 1), dt.date(year, month, last), "month")


def _weekday_on_or_before(pub: dt.date, iso: int, strict: bool = False) -> dt.date:
    back = (pub.isoweekday() - iso) % 7
    if strict and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@functools.cache
def _rules(lang: str) -> _Rules:
    data = load(lang, "dates")
    B, E = r"(?<!\w)", r"(?!\w)"
    cl = r"(?:و|ف|ب|ل|وب|ول)?" if lang == "ar" else ""
    weekdays = {normalize(k, lang): int(v) for k, v in data["weekdays"].items()}
    wd = _alt(list(weekdays), lang)
    months: dict[str, tuple[int, bool]] = {}
    for item in data["gregorian_months"]:
        for name in item["names"]:
            months[normalize(name, lang)] = (int(item["month"]), bool(item.get("needs_day_or_year")))
    mon = _alt(list(months), lang)
    hmonths = {normalize(n, lang): int(item["month"]) for item in data["hijri_months"] for n in item["names"]}
    hmon = _alt(list(hmonths), lang)
    hmark = _alt(data["hijri_markers"], lang)
    rel = {normalize(k, lang): int(v) for k, v in data["relative_days"].items()}
    late = _alt(data["late_early"], lang)
    parts = _alt(data["day_parts"], lang)
    past = _alt(data["past_markers"], lang)
    nxt = _alt(data["next_markers"], lang)
    yw = _alt(data["year_words"], lang)
    day_word = "يوم" if lang == "ar" else "the"
    today_word = "اليوم" if lang == "ar" else "today"
    not_after = _alt(data["not_today_after"], lang) if data["not_today_after"] else None
    ordinal = r"(?:st|nd|rd|th)?" if lang == "en" else ""
    trailing_part = rf"(?: (?:{parts}))?" if lang == "en" else ""  # "Friday morning"

    pats: list[tuple[re.Pattern[str], _Resolver]] = []

    def add(regex: str, fn: _Resolver) -> None:
        pats.append((re.compile(regex), fn))

    # Night spanning two named days: "ليل الأحد الاثنين", "ليل الأحد إلى الاثنين".
    if lang == "ar":
        def night(m: re.Match[str], pub: dt.date) -> DateRange:
            d2 = _weekday_on_or_before(pub, weekdays[m["w2"]])
            return DateRange(d2 - dt.timedelta(days=1), d2, "span")
        add(B + cl + rf"ليل(?:ه)? (?P<w1>{wd})(?: (?:الي|و) ?| و?)(?P<w2>{wd}){E}", night)

    # Weekdays, with day parts, "late/early", "today", "last/next".
    def weekday(m: re.Match[str], pub: dt.date) -> DateRange:
        iso = weekdays[m["wd"]]
        if m["next"]:
            ahead = (iso - pub.isoweekday()) % 7 or 7
            return DateRange.day(pub + dt.timedelta(days=ahead))
        return DateRange.day(_weekday_on_or_before(pub, iso, strict=bool(m["past"] or m["past2"])))
    add(B + cl + rf"(?:(?:{late}) )?(?:(?:{parts}) )?(?:(?:{today_word}|{day_word}|(?P<past2>{past})|(?P<next>{nxt})) )?"
        rf"(?P<wd>{wd}){trailing_part}(?: (?P<past>{past}))?{E}", weekday)

    # Explicit numeric dates: ISO, then day first.
    def iso(m: re.Match[str], pub: dt.date) -> DateRange | None:
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return DateRange.day(d) if d else None
    add(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/-])", iso)
    add(r"(?<![\d/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?![\d/-])", iso)

    # Gregorian months: "7 نيسان/أبريل 2018", "April 7, 2018", "27 November", "April 2018".
    def greg(m: re.Match[str], pub: dt.date) -> DateRange | None:
        month, needs = months[m["mon"]]
        day_s = m["d"] or m["d2"]
        year_s = m["y"]
        if needs and not (day_s or year_s):
            return None
        if day_s:
            if year_s:
                d = _safe_date(int(year_s), month, int(day_s))
            else:
                d = _safe_date(pub.year, month, int(day_s))
                if d and d > pub:
                    d = _safe_date(pub.year - 1, month, int(day_s))
            return DateRange.day(d) if d else None
        year = int(year_s) if year_s else (pub.year if month <= pub.month else pub.year - 1)
        return _month_day_range(year, month)
    alt_mon = rf"(?: ?[/(] ?(?:{mon}) ?\)?)?"
    add(B + rf"(?:(?P<d>\d{{1,2}}){ordinal} (?:of )?)?" + cl + rf"(?P<mon>{mon})\.?{alt_mon}"
        rf"(?: (?P<d2>\d{{1,2}}){ordinal})?(?:,? (?:(?:{yw}) )?(?P<y>\d{{4}}))?{E}", greg)

    # Hijri months (need a day or a year) and Hijri years.
    def hijri(m: re.Match[str], pub: dt.date) -> DateRange | None:
        from hijridate import Gregorian, Hijri

        month = hmonths[m["hmon"]]
        if not (m["d"] or m["y"]):
            return None
        try:
            year = int(m["y"]) if m["y"] else Gregorian.fromdate(pub).to_hijri().year
            if m["d"]:
                g = Hijri(year, month, int(m["d"])).to_gregorian()
                return DateRange.day(dt.date(g.year, g.month, g.day))
            first = Hijri(year, month, 1)
            g1 = first.to_gregorian()
            g2 = Hijri(year, month, first.month_length()).to_gregorian()
            return DateRange(dt.date(g1.year, g1.month, g1.day), dt.date(g2.year, g2.month, g2.day), "month")
        except (ValueError, OverflowError):
            return None
    add(B + rf"(?:(?P<d>\d{{1,2}}) )?" + cl + rf"(?P<hmon>{hmon})(?: (?P<y>1[34]\d\d))?(?: ?(?:{hmark}))?{E}", hijri)

    def hijri_year(m: re.Match[str], pub: dt.date) -> DateRange | None:
        from hijridate import Hijri

        try:
            g1 = Hijri(int(m["y"]), 1, 1).to_gregorian()
            g2 = Hijri(int(m["y"]) + 1, 1, 1).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return DateRange(dt.date(g1.year, g1.month, g1.day),
                         dt.date(g2.year, g2.month, g2.day) - dt.timedelta(days=1), "year")
    add(B + rf"(?:(?:{yw}) )?(?P<y>1[34]\d\d) ?(?:{hmark}){E}", hijri_year)

    # Years: "عام 2016", "in 2016", "منذ 2016".
    def year(m: re.Match[str], pub: dt.date) -> DateRange:
        y = int(m["y"])
        return DateRange(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    since = _alt(data["since_markers"], lang)
    add(B + cl + rf"(?:{since}|{yw}) (?P<y>(?:19|20)\d\d){E}", year)

    # Relative days, night before, last week/month/year.
    def relative(m: re.Match[str], pub: dt.date) -> DateRange:
        return DateRange.day(pub + dt.timedelta(days=rel[m["rel"]]))
    guard = rf"(?! (?:{not_after}){E})" if not_after else ""
    add(B + cl + rf"(?:(?:{late}) )?(?P<rel>{_alt(list(rel), lang)}){E}{guard}", relative)

    def night_before(m: re.Match[str], pub: dt.date) -> DateRange:
        return DateRange(pub - dt.timedelta(days=1), pub, "span")
    add(B + cl + rf"(?:{_alt(data['night_before'], lang)}){E}", night_before)

    def last_week(m: re.Match[str], pub: dt.date) -> DateRange:
        return DateRange(pub - dt.timedelta(days=7), pub - dt.timedelta(days=1), "week")
    add(B + cl + rf"(?:{_alt(data['last_week'], lang)}){E}", last_week)

    def last_month(m: re.Match[str], pub: dt.date) -> DateRange:
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return _month_day_range(first.year, first.month)
    add(B + cl + rf"(?:{_alt(data['last_month'], lang)}){E}", last_month)

    def last_year(m: re.Match[str], pub: dt.date) -> DateRange:
        return DateRange(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), "year")
    add(B + cl + rf"(?:{_alt(data['last_year'], lang)}){E}", last_year)

    since_re = re.compile(rf"(?:^|(?<=\W)){cl}(?:{since}) (?:(?:{day_word}|{yw}) )?$")
    not_before = frozenset(normalize(w, lang) for w in data["not_today_before"])
    since_start = re.compile(rf"{cl}(?:{since}) ")
    pats.sort(key=lambda pf: pf[1] is relative)  # bare "اليوم"/"الليلة" last: longer phrases first
    # One pass: patterns that start at a word boundary share one look-behind, so the scan
    # rejects positions inside words once instead of once per pattern.
    worded, other = [], []
    for k, (p, _) in enumerate(pats):
        body = _NAMED.sub("(?:", p.pattern)
        if body.startswith(B):
            worded.append(f"(?P<_p{k}>{body[len(B):]})")
        else:
            other.append(f"(?P<_p{k}>{body})")
    scan = re.compile("|".join([B + "(?:" + "|".join(worded) + ")", *other]))
    return _Rules(tuple(pats), scan, since_re, since_start, not_before)


def find_dates(text: str, norm: str, offsets: OffsetMap, lang: str, published: dt.date) -> list[DateMention]:
    """Every date expression of ``text`` (``norm`` is its matching form)."""
    rules = _rules(lang)
    found: list[tuple[int, int, DateRange]] = []
    groups = [f"_p{k}" for k in range(len(rules.patterns))]
    for hit in rules.scan.finditer(norm):
        k = next(i for i, g in enumerate(groups) if hit.group(g) is not None)
        pattern, resolve = rules.patterns[k]
        m = pattern.match(norm, hit.start())
        if m is None:
            continue
        s, e = m.span()
        if norm[s:e].strip() in ("اليوم", "today") and rules.not_today_before:
            before = norm[max(0, s - 8):s].split()
            if before and before[-1] in rules.not_today_before:
                continue
        rng = resolve(m, published)
        if rng is not None:
            found.append((s, e, rng))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateMention] = []
    last_end = -1
    for s, e, rng in found:
        if s < last_end:
            continue
        role = "point"
        sm = rules.since.search(norm, max(0, s - 24), s)
        if sm:
            s, role = sm.start(), "since"
        elif rules.since_start.match(norm, s):
            role = "since"
        os_, oe = offsets(s), offsets(e)
        out.append(DateMention(text[os_:oe], rng, os_, oe, role))
        last_end = e
    return out
