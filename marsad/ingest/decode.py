"""Bytes → text, with the encoding detected and a readable reason when it cannot be done.

Order of evidence:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) — always right when present;
2. an encoding the file itself declares (HTML ``<meta charset>``, XML prolog). The bytes
   must agree with it: a page that says UTF-8 but holds windows-1256 bytes (or the other
   way round) is refused, not guessed at — a wrong declaration means the file was
   re-encoded somewhere, and picking one of the two silently risks mojibake in the record;
3. strict UTF-8;
4. charset-normalizer, restricted to the encodings Arabic and English news arrives in.
   Unrestricted, it reads short ISO-8859-6 Arabic as Thai (cp874).

Decoded text that is mostly control characters is binary, not a report.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["Decoded", "Unreadable", "decode", "declared_encoding", "CANDIDATE_ENCODINGS"]

CANDIDATE_ENCODINGS = ("cp1256", "iso8859_6", "utf_16_le", "utf_16_be", "cp1252", "iso8859_1")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls except \t \n \v \f \r
_MAX_CONTROL_SHARE = 0.01


class Unreadable(ValueError):
    """An input (or a record in it) cannot become a document; the message says why.

    Raised by decoding and by the format parsers; ingest quarantines the input with it."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name, e.g. "utf-8", "cp1256", "utf-16"


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML or XML file declares in its first 4 KB, if any."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; raises :class:`Unreadable` with the reason."""
    if not data.strip():
        raise Unreadable("empty file" if not data else "file holds only whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, codec, "its byte-order mark says"), codec)
    if declared:
        return _checked(_declared(data, declared), _codec_name(declared))
    if b"\x00" not in data:  # NULs mean UTF-16/32 without a BOM, or binary
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise Unreadable(
            "not text: the bytes fit none of UTF-8, UTF-16, windows-1256, ISO-8859-6 or "
            "windows-1252 (a binary file?)"
        )
    return _checked(str(best), codecs.lookup(best.encoding).name)


def _codec_name(label: str) -> str:
    return codecs.lookup(label).name


def _strict(data: bytes, codec: str, who: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"{who} {codec}, but byte 0x{data[exc.start]:02X} at offset {exc.start} is not valid {codec}; "
            "re-save the file in one encoding (UTF-8 is best) or fix the declaration"
        ) from None


def _declared(data: bytes, declared: str) -> str:
    try:
        codec = _codec_name(declared)
    except LookupError:
        raise Unreadable(f"the file declares an unknown encoding {declared!r}; fix the declaration") from None
    if codec.startswith(("utf-16", "utf-32")):
        codec = "utf-8"  # a declaration cannot be read in UTF-16 without a BOM (HTML rule)
    text = _strict(data, codec, "the file declares")
    if codec != "utf-8" and not data.isascii() and _is_utf8(data):
        raise Unreadable(
            f"the file declares {declared} but its bytes are UTF-8; re-save it or fix the declaration"
        )
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _checked(text: str, encoding: str) -> Decoded:
    controls = len(_CONTROL.findall(text))
    if controls > max(2, _MAX_CONTROL_SHARE * len(text)):
        raise Unreadable(
            f"binary data: {controls} control characters in {len(text)} characters read as {encoding}"
        )
    return Decoded(text, encoding)
