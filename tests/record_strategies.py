"""Hypothesis strategies for whole studies, built from the one description of the record kinds
(models.records): a new field is generated, exported and checked without touching the tests."""
from __future__ import annotations

import typing

from hypothesis import strategies as st

from models import enums, records, schema

SPECIAL = ["中文 试验", "1×10⁷ cells/kg", "µg ≥ 2", "≤ 3 × ULN", "=1+1", "+44 123", "-5", "@SUM(A1:A2)", "#N/A",
           "line one\nline two", "a\r\nb\rc", "", '""', '"', '"""', " padded ", "_x0041_ literal", "tab\tbed",
           "\x01 control", "[not json", '["json", "like"]', "TRUE", "12", "1E+07", "0.1", "a < 3 mg", "<= 2"]
LONG = "长" * 20_000 + "x" * 20_000  # over Excel's 32,767-character cell limit

chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
text = st.one_of(st.sampled_from(SPECIAL), st.text(chars, max_size=25))
numbers = st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from([1e7, 3.5e8, 0.30000000000000004, 1e-300, 123456789.123456789, 220.0, 3.0]))
thresholds = st.lists(st.builds(schema.Threshold, parameter=st.one_of(st.none(), text),
                                operator=st.one_of(st.none(), st.sampled_from(list(enums.Operator))),
                                value=st.one_of(st.none(), numbers), unit=st.one_of(st.none(), text)), max_size=3)


def _optional(f: records.FieldDesc) -> bool:
    return type(None) in typing.get_args(f.annotation)


def value_of(f: records.FieldDesc, long_text: bool = False) -> st.SearchStrategy:
    """Any value the field's type allows, the awkward ones often."""
    kind = f.kind
    e = records.enum_of(f.annotation)
    if kind == "phases":
        s = st.lists(st.sampled_from(list(e)), max_size=2, unique=True)
    elif kind == "list":
        s = st.lists(text, max_size=3)
    elif kind == "thresholds":
        s = thresholds
    elif kind == "enum":
        s = st.sampled_from(list(e)) if e else text
    elif kind == "int":
        s = st.integers(0, schema.MAX_INT)
    elif kind in ("float", "dose"):
        s = numbers
    elif kind == "bool":
        s = st.booleans()
    elif kind == "date":
        s = st.sampled_from(["2024", "2024-03", "2024-03-15", "1999-12-31"])
    elif kind == "age":
        s = st.sampled_from(["18 Years", "6 Months", "0.5 Years", "70 Years"])
    else:
        s = st.one_of(text, st.just(LONG)) if long_text else text
    return st.one_of(st.none(), s) if _optional(f) else s


# Text over Excel's cell limit where people write long text (a name that long is not a name: the list
# cells that repeat names, such as an arm's interventions, are not made to carry it).
LONG_FIELDS = {"title", "description", "text", "measure"}


def record(kind: records.RecordKind, **fixed) -> st.SearchStrategy:
    fields = {f.name: value_of(f, f.name in LONG_FIELDS) for f in kind.fields if not f.workflow}
    fields.update({k: st.just(v) for k, v in fixed.items()})
    return st.fixed_dictionaries(fields).map(lambda d: kind.model(**d))


def evidence_paths(ab: schema.Abstraction) -> list[str]:
    """Every path of this study that can carry evidence or a review mark, list items and parts included."""
    out: list[str] = []

    def of(kind: records.RecordKind, base: str, item) -> None:
        for f in kind.fields:
            if not f.info.evidence:
                continue
            out.append(f"{base}{f.name}")
            if f.is_list:
                for j, sub in enumerate(getattr(item, f.name)):
                    out.append(f"{base}{f.name}[{j}]")
                    if f.item_model is not None:
                        out.extend(f"{base}{f.name}[{j}].{p}" for p in f.item_model.model_fields)

    of(records.STUDY, "study.", ab.study)
    of(records.ESCALATION, "escalation.", ab.escalation)
    for kind in records.KINDS.values():
        if not kind.repeated:
            continue
        holder = ab.study if kind.path.startswith("study.") else ab
        for i, item in enumerate(getattr(holder, kind.path.split(".")[-1])):
            out.append(f"{kind.path}[{i}]")
            if kind.model is not None:
                of(kind, f"{kind.path}[{i}].", item)
    return out


@st.composite
def studies(draw) -> schema.Abstraction:
    interventions = draw(st.lists(record(records.INTERVENTION), max_size=3))
    known = list(dict.fromkeys(i.name for i in interventions if i.name))
    arm_links = st.lists(st.sampled_from(known), max_size=2, unique=True) if known else st.just([])
    arms = draw(st.lists(record(records.ARM).flatmap(
        lambda a: arm_links.map(lambda names: a.model_copy(update={"interventions": names}))), max_size=3))
    study = draw(record(records.STUDY, sites=[]))
    study.sites = draw(st.lists(record(records.SITE), max_size=2))
    return schema.Abstraction(
        study=study, arms=arms, interventions=interventions,
        dose_levels=draw(st.lists(record(records.DOSE_LEVEL), max_size=4)),
        escalation=draw(record(records.ESCALATION)),
        outcomes=draw(st.lists(record(records.OUTCOME), max_size=5)),
        criteria=draw(st.lists(record(records.CRITERION), max_size=30)),
        status=draw(st.sampled_from(list(enums.AbstractionStatus))), abstractor=draw(st.one_of(st.none(), text)),
        consensus=draw(st.booleans()))
