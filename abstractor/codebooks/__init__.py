"""Codebooks in the core: moving stored values to a new codebook version, and proposing choice values.

The codebook itself (its fields, types, choices) is ``models.codebook``; this package holds the rules
that act on a study's values: what a new version does to them, and which choice a document states.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from models.codebook import Codebook, CodebookField


@dataclass
class Migrated:
    """A record's extra values under a new codebook version, and what needs a person's look."""

    extra: dict
    flags: list[str] = field(default_factory=list)  # "costimulatory_domain: 'OX40' is no longer a choice"


def migrate_extra(old: Codebook, new: Codebook, kind: str, extra: dict) -> Migrated:
    """Move one record's values from ``old`` to ``new``: a renamed choice moves to its new name
    (``renamed_from``); a value the new version no longer takes, or a field it no longer has, is
    kept as it was and flagged for review, never dropped silently."""
    out, flags = {}, []
    for name, value in extra.items():
        try:
            nf = new.field(kind, name)
        except KeyError:
            out[name] = value
            flags.append(f"{name}: the field is not in {new.name} v{new.version}; its value is kept for review")
            continue
        moved = _renamed(nf, value)
        try:
            out[name] = nf.validate_value(moved)
        except ValueError as exc:
            out[name] = value
            flags.append(f"{name}: {exc}; the value is kept for review")
            continue
        if nf.retired:
            flags.append(f"{name}: the field is retired in v{new.version}; its value is kept")
    return Migrated(out, flags)


def _renamed(f: CodebookField, value: Any) -> Any:
    if f.type not in ("one_choice", "several_choices"):
        return value
    old_names = {o.casefold(): c.value for c in f.choices for o in c.renamed_from}
    if isinstance(value, list):
        return [old_names.get(str(v).casefold(), v) for v in value]
    return old_names.get(str(value).casefold(), value)


@dataclass(frozen=True)
class Proposal:
    kind: str
    name: str
    value: Any
    start: int
    end: int


def propose_choices(codebook: Codebook, text: str, kind: str = "study") -> list[Proposal]:
    """The choice each choice field's words name in ``text``, with the span of the first mention
    as evidence.  Precision first: a one-choice field whose words name two different choices gets
    no proposal; a several-choices field gets every choice named."""
    out = []
    for f in codebook.of_kind(kind):
        if f.type not in ("one_choice", "several_choices"):
            continue
        hits: dict[str, tuple[int, int]] = {}
        for c in f.choices:
            for m in _words(c).finditer(text):
                if c.value not in hits or m.start() < hits[c.value][0]:
                    hits[c.value] = m.span()
        if not hits or (f.type == "one_choice" and len(hits) > 1):
            continue
        if f.type == "one_choice":
            (value, (a, b)), = hits.items()
            out.append(Proposal(kind, f.name, value, a, b))
        else:
            ordered = sorted(hits.items(), key=lambda kv: kv[1][0])
            out.append(Proposal(kind, f.name, [v for v, _s in ordered], *ordered[0][1]))
    return out


_CACHE: dict[tuple, re.Pattern] = {}


def _words(c) -> re.Pattern:
    key = (c.value, *c.synonyms)
    if key not in _CACHE:
        alts = "|".join(re.escape(w) for w in sorted(set(key), key=len, reverse=True) if len(w) >= 2)
        _CACHE[key] = re.compile(rf"(?i)(?<![\w-])(?:{alts})(?![\w-])")
    return _CACHE[key]


def load_shipped(name: str = "car_t") -> Codebook:
    """A codebook shipped with the program (resources/codebooks/NAME.json)."""
    from pathlib import Path

    from models.codebook import read_codebook

    return read_codebook(Path(__file__).resolve().parents[2] / "resources" / "codebooks" / f"{name}.json")


def proposal_for(codebook: Codebook, text: str, name: str) -> Optional[Proposal]:
    return next((p for p in propose_choices(codebook, text) if p.name == name), None)
