"""Codebooks in the core: proposing choice values, importing a codebook into a database (importing),
its files (command).

The codebook itself (its fields, types, choices) and what a new version does to stored values
(``migrate_extra``, re-exported here) are ``models.codebook``: the workbook's import needs them too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from models.codebook import Codebook, CodebookField, Migrated, migrate_extra  # noqa: F401 (re-exported)


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
