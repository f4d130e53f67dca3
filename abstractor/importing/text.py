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
    if _damaged_utf8(data):
        line = data.count(b"\n", 0, first_bad.start) + 1
        raise ImportRejected(f"is not valid UTF-8: byte 0x{data[first_bad.start]:02x} at offset "
                             f"{first_bad.start} (line {line}) is damaged; re-save the file as UTF-8")
    return _legacy(data)


_HIGH_PAIR = re.compile(rb"[\x80-\xff]{2}")
_HIGH = re.compile(rb"[\x80-\xff]")


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes, rather than a legacy encoding?

    Legacy encodings rarely form valid UTF-8 sequences.  So: many valid sequences beside the
    broken ones, or a good share of the high bytes in valid sequences while the others stand
    alone (a damaged byte; a double-byte encoding's bytes come in runs, and form valid
    sequences by chance for about a third of its high bytes).  Guessing would garble the text
    ("Humira®" read as cp1250 is "HumiraÂ®")."""
    good = _UTF8_MULTI.findall(data)
    if not good:
        return False
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if len(good) >= 3 * bad:
        return True
    rest = _UTF8_MULTI.sub(b" ", data)
    loose = len(_HIGH.findall(rest))
    in_good = sum(len(g) for g in good)
    alone = loose - 2 * len(_HIGH_PAIR.findall(rest))
    return in_good >= 0.35 * (in_good + loose) and alone >= 0.5 * loose
_SINGLE_BYTE = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859_15", "koi8_r"]


def _legacy(data: bytes) -> tuple[str, str]:
    high = len(_HIGH.findall(data))
    paired = 2 * len(_HIGH_PAIR.findall(data))
    if paired >= 0.6 * high:  # double-byte text (Chinese GBK/GB18030, Big5, Shift-JIS ...)
        try:
            gb = data.decode("gb18030")
            if len(_CJK.findall(gb)) >= 0.3 * high / 2:
                return gb, "gb18030"
        except UnicodeDecodeError:
            pass
        best = from_bytes(data).best()
    else:  # isolated high bytes: a single-byte code page, most often Windows-1252
        best = from_bytes(data, cp_isolation=_SINGLE_BYTE).best()
        if best is None:
            return data.decode("cp1252", errors="replace"), "cp1252"
    if best is None or best.encoding is None:
        raise ImportRejected("is not text in any encoding this program knows (binary data?)")
    text = str(best)
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in text)
    if not text or printable / len(text) < 0.95:
        raise ImportRejected("is not a text file (it holds binary data)")
    return text, best.encoding
