"""Open suggestions of the open study, and how a proposal reads (a line, a tooltip, a table row).

``OpenProposals`` re-reads the proposals from the core whenever the study
changes; widgets ask it, never the database.
"""
from __future__ import annotations

from typing import Any, NamedTuple, Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from abstractor.storage import suggestion_store as ss
from abstractor.suggestions import target_of
from gui.context import SCALAR_FIELD, AppContext
from gui.row_table_model import PROPOSAL_PREFIX

PROPOSAL_TEXT = QColor("#3f6aa8")  # proposals are grey-blue italics; accepted values are plain black
STATES = ("OPEN", "ACCEPTED", "EDITED", "REJECTED")


class ProposalSpan(NamedTuple):
    """What the document view needs to scroll to a proposal's evidence."""

    document_id: Optional[str]
    start: int
    end: int


class OpenProposals(QObject):
    """The open study's open proposals, and those decided since the study was opened (shown as
    accepted or struck through where they were, until another study opens); ``changed`` after
    every re-read."""

    changed = Signal()

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.items: list = []  # StoredSuggestion, in document order
        self.rejected: list = []  # rejected while this study was open
        self.accepted: list = []  # accepted (or edited) while this study was open
        self._seen: set[str] = set()  # ids that were open while this study was open
        ctx.session.loaded.connect(self._study_opened)
        ctx.session.changed.connect(self.reload)

    def _study_opened(self) -> None:
        self._seen = set()
        self.reload()

    def reload(self, *_args) -> None:
        sid = self.ctx.session.study_id
        every = ss.suggestions(self.ctx.store, sid) if sid else []
        self.items = [s for s in every if s.state == "OPEN"]
        self._seen.update(s.id for s in self.items)
        self.rejected = [s for s in every if s.state == "REJECTED" and s.id in self._seen]
        self.accepted = [s for s in every if s.state in ("ACCEPTED", "EDITED") and s.id in self._seen]
        self.changed.emit()

    def decided_for_field(self, entity: str, field: str):
        """The proposal of a field decided while this study was open (accepted before rejected)."""
        return next((s for s in reversed(self.accepted + self.rejected) if target_of(s.path) == (entity, field)), None)

    def accepted_rows(self) -> set[str]:
        """Ids of the rows that proposals accepted while this study was open added."""
        return {s.target_row_id for s in self.accepted if target_of(s.path)[1] is None and s.target_row_id}

    def for_field(self, entity: str, field: str):
        return next((s for s in self.items if target_of(s.path) == (entity, field)), None)

    def counts(self, study_only: bool = True) -> dict[str, int]:
        sid = self.ctx.session.study_id
        if study_only and sid is None:
            return {}
        return ss.counts(self.ctx.store, sid if study_only else None)


# --- how a proposal reads -------------------------------------------------------------------

def _plain(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(_plain(x) for x in v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e4:
        return str(int(v))
    if isinstance(v, float):
        return f"{v:g}"
    return "" if v is None else str(v)


def _field_label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def describe(s) -> str:
    """One line saying what a proposal would add: "Enrollment: 18", "Inclusion: Age 18 to 70 …"."""
    entity, field = target_of(s.path)
    v = s.value
    if field is not None:
        return f"{_field_label(field)}: {_plain(v)}"
    if not isinstance(v, dict):
        return f"{_field_label(entity)}: {_plain(v)}"
    if entity == "criterion":
        head = "Inclusion" if v.get("kind") == "INCLUSION" else "Exclusion"
        cat = f"  [{v['category']}]" if v.get("category") else ""
        return f"{head}: {v.get('text', '')}{cat}"
    if entity == "outcome":
        tf = f"  ({v['time_frame']})" if v.get("time_frame") else ""
        return f"{_plain(v.get('kind')).capitalize()} outcome: {v.get('measure', '')}{tf}"
    if entity == "dose_level":
        as_written = v.get("text") or f"{_plain(v.get('value'))} {v.get('unit') or ''}".rstrip()
        return f"Dose level: {as_written}"
    if entity == "site":
        return "Site: " + ", ".join(_plain(v.get(k)) for k in ("facility", "city", "region", "country") if v.get(k))
    if entity in ("arm", "intervention"):
        name = v.get("label") or v.get("name") or ""
        kind = f" ({_plain(v.get('type')).lower()})" if v.get("type") else ""
        return f"{_field_label(entity)}: {name}{kind}"
    first = next((x for x in v.values() if isinstance(x, str) and x), "")
    return f"{_field_label(entity)}: {first}"


def tooltip(s) -> str:
    quote = " … ".join(sp["quote"] for sp in s.spans[:3])
    if len(quote) > 400:
        quote = quote[:400] + "…"
    return (f"Proposed by {s.extractor or 'the extractors'} (confidence {s.confidence:.0%})\n"
            f"Evidence: “{quote}”\n\nEnter accepts it, Delete rejects it, F2 edits it first, then accepts\n"
            "(from anywhere in the window: Ctrl+Return, Ctrl+Delete, Alt+Return).")


def row_of(s, state: str = "OPEN") -> dict:
    """A row proposal as a table row (gui.row_table_model), marked as a proposal with its state."""
    entity, _field = target_of(s.path)
    v = s.value
    row = dict(v) if isinstance(v, dict) else {SCALAR_FIELD.get(entity, "value"): v}
    for name, x in (row.pop("extra", None) or {}).items():
        row["extra." + name] = x  # its codebook choices in their own columns (gui.codebook_form)
    row.update({"id": PROPOSAL_PREFIX + s.id, "_proposal": s, "_state": state,
                "_tip": describe(s) + "\n\n" + tooltip(s)})
    return row


def edited_value(s, field: str, value: Any) -> Any:
    """A row proposal's value with one cell changed (what accepting it as edited stores)."""
    if not isinstance(s.value, dict):
        return value
    if field.startswith("extra."):  # a codebook cell: inside the row's "extra"
        return {**s.value, "extra": {**(s.value.get("extra") or {}), field[6:]: value}}
    return {**s.value, field: value}


def main_span(s) -> Optional[ProposalSpan]:
    if not s.spans:
        return None
    return ProposalSpan(s.document_id, s.spans[0]["start"], s.spans[0]["end"])
