"""Bytes to text: UTF-8, UTF-16/32 with BOM, and legacy encodings (GBK, cp1252 ...)."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from abstractor.errors import ImportRejected

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# A well-formed UTF-8 multibyte sequence; many of these beside a few bad bytes
# means a damaged UTF-8 file, not a legacy encoding.
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Chinese registry scrapes: prefer GB18030 (a superset of GBK/GB2312) when it fits.
_CJK = re.compile(r"[\u4e00-\u9fff]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ImportRejected with the reason."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise ImportRejected(f"starts with a {name} byte-order mark but is not valid {name} "
                                     f"(bad bytes at offset {exc.start})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc
    if b"\x00" in data[:8192]:
        raise ImportRejected("is not a text file (it holds binary data)")
    good = len(_UTF8_MULTI.findall(data))
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if good >= 10 * max(bad, 1):
        line = data.count(b"\n", 0, first_bad.start) + 1
        raise ImportRejected(f"is not valid UTF-8: byte 0x{data[first_bad.start]:02x} at offset "
                             f"{first_bad.start} (line {line}) is damaged; re-save the file as UTF-8")
    return _legacy(data)


def _legacy(data: bytes) -> tuple[str, str]:
    try:
        gb = data.decode("gb18030")
        if len(_CJK.findall(gb)) >= max(3, len(gb) // 50):
            return gb, "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ImportRejected("is not text in any encoding this program knows (binary data?)")
    text = str(best)
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in text)
    if not text or printable / len(text) < 0.95:
        raise ImportRejected("is not a text file (it holds binary data)")
    return text, best.encoding
