"""Arabic for matplotlib: shaped (joined letter forms) and in visual right-to-left order.

matplotlib before 3.11 draws characters one by one, left to right, without
shaping; there text with Arabic goes through arabic-reshaper (contextual forms)
and python-bidi (visual order) before it is drawn. matplotlib 3.11 lays text out
with libraqm (HarfBuzz + FriBidi) itself, and pre-shaped text would be reversed
twice, so ``shape`` leaves logical text alone there. Either way the font must
have Arabic glyphs: ``font_properties`` lists an Arabic font first and a Latin
one after it for digits and brackets. HTML and PDF need neither step: weasyprint
shapes logical text with HarfBuzz.
"""

from __future__ import annotations

import functools
import re

from marsad.errors import MarsadError

__all__ = ["shape", "reshape_visual", "native_layout", "arabic_font", "font_properties", "FontMissing", "FONT_FAMILIES"]

FONT_FAMILIES = ("Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", "Noto Kufi Arabic")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


class FontMissing(MarsadError):
    """No installed font can draw Arabic."""

    code = "E501"


@functools.cache
def native_layout() -> bool:
    """True when this matplotlib shapes and reorders text itself (libraqm, 3.11+)."""
    from matplotlib import ft2font

    return hasattr(ft2font, "__libraqm_version__")


def shape(text: str) -> str:
    """Text ready for this matplotlib: unchanged without Arabic letters or with native layout."""
    if not _ARABIC.search(text) or native_layout():
        return text
    return reshape_visual(text)


def reshape_visual(text: str) -> str:
    """Presentation forms in visual order (arabic-reshaper + python-bidi), for renderers that do not shape."""
    import arabic_reshaper

    try:
        from bidi import get_display
    except ImportError:  # python-bidi < 0.5
        from bidi.algorithm import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


@functools.cache
def arabic_font() -> str:
    """Path of the first installed font of ``FONT_FAMILIES``."""
    from matplotlib import font_manager

    for rescan in (False, True):
        if rescan:
            _add_system_fonts(font_manager)
        for family in FONT_FAMILIES:
            try:
                path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
            except ValueError:
                continue
            if path:
                return str(path)
    raise FontMissing(
        "no font with Arabic glyphs is installed (looked for "
        + ", ".join(FONT_FAMILIES)
        + "); install one, e.g. `apt-get install fonts-noto-core fonts-hosny-amiri`"
    )


def _add_system_fonts(font_manager) -> None:
    """matplotlib caches the font list once per machine: fonts installed after that (as
    `.ci/run` does) are unknown to it until they are added."""
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known and ("arab" in path.lower() or "amiri" in path.lower()):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue


def font_properties(size: float, lang: str = "ar") -> object:
    """matplotlib FontProperties: the Arabic font and DejaVu Sans, the one of ``lang`` first."""
    from matplotlib import font_manager

    family = font_manager.FontProperties(fname=arabic_font()).get_name()
    order = [family, "DejaVu Sans"] if lang == "ar" else ["DejaVu Sans", family]
    return font_manager.FontProperties(family=order, size=size)
