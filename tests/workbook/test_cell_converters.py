"""The per-column converters give what decode + the field's check give, cell for cell, also for a
value they remember (a number once read must not stand in for TRUE, which equals 1 in Python)."""
import pytest

from abstractor.storage.entities import adapter
from abstractor.workbook import layout as L
from abstractor.workbook.cell_converters import converter
from abstractor.workbook.cells import CellError, decode
from abstractor.workbook.row_models import validated


def _reference(col, check, raw):
    v = decode(col, raw)
    return validated(check, v) if check is not None else v


@pytest.mark.parametrize("sheet,name", [("Studies", "enrollment"), ("Outcomes", "time_frame_days"),
                                        ("Outcomes", "kind"), ("DoseLevels", "per_weight"), ("Studies", "phases")])
def test_same_as_decode_and_check_every_time(sheet, name):
    s = L.SHEETS[sheet]
    col = s.column(name)
    check = adapter(s.entity, col.attr or col.name)
    conv = converter(col, check)
    cells = [1.0, True, 1, "1", 0.0, False, "0,5", "PRIMARY", "primary", "", None, "TRUE", 2.5, "PHASE1/PHASE2",
             1.0, True, "PRIMARY", "0,5"]
    for raw in cells:  # twice each: the second read comes from what the converter remembers
        try:
            want = ("ok", _reference(col, check, raw))
        except CellError as exc:
            want = ("error", str(exc))
        try:
            got = ("ok", conv(raw))
        except CellError as exc:
            got = ("error", str(exc))
        assert got == want, (name, raw)
        assert type(got[1]) is type(want[1]), (name, raw)


def test_a_remembered_list_is_never_shared_between_rows():
    col = L.STUDIES.column("conditions")
    conv = converter(col, adapter("study", "conditions"))
    a, b = conv("T-ALL\nT-LBL"), conv("T-ALL\nT-LBL")
    assert a == b and a is not b


def test_short_text_repeated_on_many_rows_is_kept_once():
    col = L.SHEETS["DoseLevels"].column("unit")
    conv = converter(col, None)
    a, b = conv("".join(["cells", "/kg"])), conv("".join(["cells/", "kg"]))  # two string objects, one text
    assert a == b == "cells/kg" and a is b
    long_text = "x" * 100
    assert conv(long_text) == long_text and conv('"""') == '""'  # read as before, quotes unmarked
    assert conv("") is None
