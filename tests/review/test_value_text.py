"""A consensus value as editable text and back (abstractor.review.value_text)."""
import pytest

from abstractor.errors import InvalidValue
from abstractor.review.value_text import as_line, flatten_row, from_line, items_as_text, items_from_text, \
    unflatten_row, value_as_text, value_from_text


def test_a_row_is_a_line_per_field_and_comes_back_in_its_shape():
    row = {"text": "Age >= 18", "threshold": {"parameter": "age", "value": 18}, "tags": ["a", "b"]}
    lines = flatten_row(row)
    assert lines == {"text": "Age >= 18", "threshold.parameter": "age", "threshold.value": 18, "tags": ["a", "b"]}
    typed = {k: from_line(as_line(v), v) for k, v in lines.items()}
    assert unflatten_row(typed, row) == {"text": "Age >= 18", "threshold": {"parameter": "age", "value": "18"},
                                         "tags": ["a", "b"]}


def test_an_all_empty_sub_record_is_no_sub_record():
    row = {"text": "x", "threshold": {"parameter": None, "value": None}}
    assert unflatten_row({"text": "x", "threshold.parameter": None, "threshold.value": None}, row) == \
        {"text": "x", "threshold": None}


def test_lines_read_back_as_the_kind_of_value_they_showed():
    assert as_line(True) == "yes" and from_line("no", True) is False
    assert as_line(["a", None, "b"]) == "a; ; b" and from_line("a; ; b", ["x"]) == ["a", "b"]
    assert from_line("  ", "old") is None
    with pytest.raises(InvalidValue):
        from_line("{not json", {"a": 1})


def test_list_items_one_per_line_or_json_for_records():
    assert items_as_text(["a", "b"]) == "a\nb" and items_from_text("a\n\n b \n", ["x"]) == ["a", "b"]
    records = [{"a": 1}]
    assert items_from_text(items_as_text(records), records) == records


def test_a_one_line_prompt_value():
    assert value_as_text(None) == "" and value_as_text(["a", "b"]) == '["a", "b"]' and value_as_text(2.5) == "2.5"
    assert value_from_text("3", 2) == 3 and value_from_text("3.5", 2) == 3.5 and value_from_text("x", 2) == "x"
    assert value_from_text("a, b", ["z"]) == ["a", "b"] and value_from_text("", "z") is None
