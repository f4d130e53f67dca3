"""Text a person typed or selected, as the value of a codebook field.

The window's editors and Ctrl+E read built-in fields with ``text_values.coerce``; a codebook
field's type is data, so its text is read here, by the same rules where the types meet (whole
numbers, dates, yes/no, lists), and then checked by the field itself.  A selection from a
document (``lenient``) may hold words around the value: "the 4-1BB costimulatory domain" is
4-1BB, but only when it names one choice (precision first, as the suggestions).
"""
from __future__ import annotations

import re
from typing import Any

from abstractor.errors import InvalidValue
from abstractor.text_values import coerce, parse_number
from models.codebook import CodebookField

_NUMBER_UNIT = re.compile(r"^\s*(?P<num>[-+]?\d[\d.,]*(?:\s*(?:[x×]\s*10\s*\^?\s*[-⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+|e[-+]?\d+))?)"
                          r"\s*(?P<unit>.*?)\s*$", re.IGNORECASE)


def _choices_named(f: CodebookField, text: str) -> list[str]:
    """The choices whose words (value or synonyms) the text states, in the order of the choices."""
    from abstractor.codebooks import _words

    return [c.value for c in f.choices if _words(c).search(text)]


def _number_with_unit(text: str, lenient: bool) -> dict:
    s = " ".join(text.split())
    m = _NUMBER_UNIT.match(s)
    if not m and lenient:
        m = _NUMBER_UNIT.match(s[re.search(r"\d", s).start():]) if re.search(r"\d", s) else None
    value = parse_number(m.group("num")) if m else None
    if value is None:
        raise InvalidValue(f"{s!r} is not a number with its unit (write 1×10⁶ cells/kg or 50 mg)")
    return {"value": value, "unit": m.group("unit") or None}


def _read(f: CodebookField, text: str, lenient: bool) -> Any:
    if f.type == "text":
        return text.strip() or None
    if f.type == "integer":
        return coerce("int", text, lenient=lenient)
    if f.type == "number_with_unit":
        return _number_with_unit(text, lenient)
    if f.type == "date":
        return coerce("date", text)
    if f.type == "yes_no":
        return coerce("bool", text)
    if f.type == "list":
        return coerce("list", text)
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if f.type == "one_choice" and len(parts) > 1:
        parts = [" ".join(text.split())]  # a choice's own words may hold a comma
    try:
        return f.validate_value(parts if f.type == "several_choices" else (parts[0] if parts else None))
    except ValueError:  # not the choice's own words
        if not lenient:
            raise
    named = _choices_named(f, text)
    if f.type == "one_choice" and len(named) == 1:
        return named[0]
    if f.type == "several_choices" and named:
        return named
    if len(named) > 1:
        raise InvalidValue(f"{f.label}: the text names {', '.join(named)}; choose one") from None
    raise InvalidValue(f"{f.label}: {' '.join(text.split())[:60]!r} names none of {', '.join(f.values)}") from None


def value_from_text(f: CodebookField, text: Any, lenient: bool = False) -> Any:
    """``text`` as the value ``f`` stores (None when empty), or InvalidValue with a plain reason."""
    if not isinstance(text, str):
        value = text
    else:
        if not text.strip():
            return None
        try:
            value = _read(f, text, lenient)
        except (ValueError, InvalidValue) as exc:
            raise InvalidValue(str(exc) if str(exc).startswith(f.label) else f"{f.label}: {exc}") from None
    try:
        value = f.validate_value(value)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None
    return value.model_dump() if hasattr(value, "model_dump") else value  # JSON form, as stored
