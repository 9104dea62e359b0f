"""The dashboard in real headless Chromium: markers, filters, provenance, Arabic RTL."""

from __future__ import annotations

from apiseed import AR_EVIDENCE


def _wait_for_list(page) -> None:
    page.wait_for_selector("#event-list li[data-event-id]")


def test_map_shows_markers(page) -> None:
    page.wait_for_selector(".leaflet-marker-icon.event-marker, .leaflet-marker-icon.cell-marker")
    markers = page.locator(".leaflet-marker-icon.event-marker, .leaflet-marker-icon.cell-marker")
    assert markers.count() >= 1
    # every seeded event is accounted for by the map's markers and clusters
    total = page.evaluate(
        """() => Array.from(document.querySelectorAll('.leaflet-marker-icon.event-marker, .leaflet-marker-icon.cell-marker'))
             .reduce((n, el) => n + (el.classList.contains('event-marker') ? 1 : parseInt(el.textContent, 10)), 0)"""
    )
    assert total == 5
    # the offline base map is drawn (Syria outline) and no tile layer exists
    assert page.locator("path.leaflet-interactive, svg path").count() >= 1
    assert page.locator(".leaflet-tile").count() == 0


def test_filter_changes_the_list(page) -> None:
    _wait_for_list(page)
    assert page.locator("#event-list li[data-event-id]").count() == 5
    assert page.get_attribute("#event-total", "data-total") == "5"
    page.select_option("#f-event-type", "Battles")
    page.wait_for_function("document.querySelector('#event-total').dataset.total === '2'")
    assert page.locator("#event-list li[data-event-id]").count() == 2
    page.fill("#f-from", "2024-12-02")
    page.click("button[type=submit]")
    page.wait_for_function("document.querySelector('#event-total').dataset.total === '1'")
    assert page.locator("#event-list li[data-event-id]").count() == 1


def test_provenance_highlights_the_evidence_span(page) -> None:
    _wait_for_list(page)
    page.locator("#event-list li", has_text="Idlib").first.click()
    page.wait_for_selector("#provenance:not([hidden]) mark")
    mark = page.locator("#provenance mark").first
    assert mark.inner_text() == AR_EVIDENCE
    text_block = page.locator("#provenance .doc-text").first
    assert text_block.get_attribute("dir") == "rtl"
    assert text_block.get_attribute("lang") == "ar"
    assert page.locator("#provenance .claim-card h3").first.inner_text().startswith("sohr")


def test_english_text_is_not_forced_rtl(page) -> None:
    _wait_for_list(page)
    page.locator("#event-list li", has_text="Saraqib").first.click()
    page.wait_for_selector("#provenance:not([hidden]) mark")
    assert page.locator("#provenance mark").first.inner_text() == "took full control of the town of Saraqib"
    assert page.locator("#provenance .doc-text").first.get_attribute("dir") == "auto"


def test_arabic_toggle_sets_rtl(page) -> None:
    _wait_for_list(page)
    assert page.get_attribute("html", "dir") == "ltr"
    page.click("#lang-toggle")
    page.wait_for_function("document.documentElement.getAttribute('dir') === 'rtl'")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.inner_text("#events-h span") == "الأحداث"
    page.click("#lang-toggle")
    page.wait_for_function("document.documentElement.getAttribute('dir') === 'ltr'")


def test_tallies_show_low_best_high(page) -> None:
    page.wait_for_selector("#tallies tbody tr[data-party=civilian]")
    cells = page.locator("#tallies tbody tr[data-party=civilian] td").all_inner_texts()
    assert cells[1:] == ["7", "7", "7"]
    assert "45" in page.inner_text("#running-totals")


def test_timeline_draws_bars_and_control_changes(page) -> None:
    page.wait_for_selector("#timeline svg rect.bar")
    assert page.locator("#timeline svg rect.bar").count() == 5
    page.wait_for_selector("#control-changes li")
    assert "Saraqib" in page.inner_text("#control-changes")
