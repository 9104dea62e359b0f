"""The daily bulletin: what it gathers, Arabic for matplotlib, HTML direction, the PDF and its fonts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any


from marsad.export.arabic import native_layout, reshape_visual, shape
from marsad.export.bulletin import build_bulletin, render_html, write_bulletin

DAY = dt.date(2025, 3, 4)


def test_build_bulletin_tallies_the_day(small_record: Any) -> None:
    b = build_bulletin(small_record, DAY, "ar")
    assert [e.event.id for e in b.events] == ["ev-a", "ev-b"]  # most deaths first; the undated event is not of the day
    tallies = {(t.party, t.outcome): (t.low, t.best, t.high, sorted(t.sources), t.claim_ids) for t in b.tallies}
    assert tallies == {("civilian", "killed"): (6, 6, 9, ["sohr"], [2]), ("state", "killed"): (3, 3, 3, ["sohr"], [4])}
    assert [(r.party, r.best, r.since) for r in b.running] == [("civilian", 40, dt.date(2025, 2, 27))]
    assert [c.claim_id for c in b.control] == [9, 8]  # sorted by place name: Nowhere, Saraqib


def test_html_is_right_to_left_in_arabic_and_left_to_right_in_english(small_record: Any) -> None:
    ar = render_html(build_bulletin(small_record, DAY, "ar"))
    assert '<html lang="ar" dir="rtl">' in ar
    assert "النشرة اليومية — 4 آذار (مارس) 2025" in ar
    assert "المرصد السوري لحقوق الإنسان" in ar and "غارة جوية أو بمسيرة" in ar
    assert "حلب" in ar  # Aleppo's Arabic name from the gazetteer
    en = render_html(build_bulletin(small_record, DAY, "en"))
    assert '<html lang="en" dir="ltr">' in en and "Casualties by party" in en and "Aleppo" in en


def test_shape_for_matplotlib() -> None:
    assert shape("Aleppo 12") == "Aleppo 12"
    visual = reshape_visual("القتلى")
    # presentation forms in visual order: final alef maqsura first, isolated alef last
    assert [hex(ord(c)) for c in visual] == ["0xfef0", "0xfee0", "0xfe98", "0xfed8", "0xfedf", "0xfe8d"]
    assert shape("القتلى") == ("القتلى" if native_layout() else visual)


def test_pdf_embeds_an_arabic_font_and_renders(arabic_font: str, small_record: Any, tmp_path: Path) -> None:
    paths = write_bulletin(small_record, DAY, "ar", tmp_path)
    assert [p.name for p in paths] == ["bulletin-2025-03-04-ar.html", "bulletin-2025-03-04-ar-chart.png", "bulletin-2025-03-04-ar.pdf"]
    pdf = paths[2].read_bytes()
    assert pdf.startswith(b"%PDF")
    assert paths[1].read_bytes().startswith(b"\x89PNG")
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(paths[2])], check=True, capture_output=True, text=True).stdout
        assert "Naskh-Arabic" in fonts or "Amiri" in fonts, fonts
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(paths[2]), str(tmp_path / "page")], check=True)
        assert (tmp_path / "page-1.png").stat().st_size > 10_000


def test_bulletin_of_the_dev_set(arabic_font: str, dev_store: Any, tmp_path: Path) -> None:
    from marsad.export.store_record import StoreRecord

    b = build_bulletin(StoreRecord(dev_store.engine, store=dev_store), dt.date(2024, 11, 30), "ar")
    assert b.events and b.control
    # the monitor's running totals of the offensive stay apart from incident tallies
    running = {(r.party, r.best) for r in b.running if r.source == "sohr"}
    assert {("civilian", 28), ("state", 100), ("nonstate", 183)} <= running
    assert all(t.best < 100 for t in b.tallies)
