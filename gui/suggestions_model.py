"""Open suggestions of the open study, and the item model that lists a section's proposals.

``OpenProposals`` re-reads the open proposals from the core whenever the study
changes; widgets ask it, never the database.  ``ProposalListModel`` is a thin
list model over StoredSuggestion tuples.
"""
from __future__ import annotations

from typing import Any, NamedTuple, Optional

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont

from abstractor.storage import suggestion_store as ss
from abstractor.suggestions import target_of
from gui.context import AppContext

PROPOSAL_TEXT = QColor("#3f6aa8")  # proposals are grey-blue italics; accepted values are plain black
STATES = ("OPEN", "ACCEPTED", "EDITED", "REJECTED")


class ProposalSpan(NamedTuple):
    """What the document view needs to scroll to a proposal's evidence."""

    document_id: Optional[str]
    start: int
    end: int


class OpenProposals(QObject):
    """The open study's open proposals; ``changed`` after every re-read."""

    changed = Signal()

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.items: list = []  # StoredSuggestion, in document order
        ctx.session.loaded.connect(self.reload)
        ctx.session.changed.connect(self.reload)

    def reload(self, *_args) -> None:
        sid = self.ctx.session.study_id
        self.items = ss.suggestions(self.ctx.store, sid, "OPEN") if sid else []
        self.changed.emit()

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
            f"Evidence: “{quote}”\n\nCtrl+Return accepts it, Ctrl+Delete rejects it, Alt+Return edits it first\n"
            "(in the proposals list: Enter, Delete, F2).")


def main_span(s) -> Optional[ProposalSpan]:
    if not s.spans:
        return None
    return ProposalSpan(s.document_id, s.spans[0]["start"], s.spans[0]["end"])


class ProposalListModel(QAbstractListModel):
    """A section's open proposals, one line each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []
        self._font = QFont()
        self._font.setItalic(True)

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        s = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = describe(s)
            return text if len(text) <= 160 else text[:158] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{describe(s)}\n\n{tooltip(s)}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return PROPOSAL_TEXT
        if role == Qt.ItemDataRole.FontRole:
            return self._font
        return None

    def row_of(self, suggestion_id: str) -> Optional[int]:
        return next((i for i, s in enumerate(self.items) if s.id == suggestion_id), None)
