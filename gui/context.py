"""What every widget is given instead of globals: the store, the open study, the undo stack.

``StudySession`` holds the current study as the core returns it (pydantic
objects, evidence spans, row ids) and tells the panels when it changes.  It
never writes: writes go through undo commands (gui.commands).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from abstractor.storage import EvidenceSpan, Store
from abstractor.storage.window_queries import string_rows
from models import schema

ROW_LISTS = {"arm": "arms", "intervention": "interventions", "dose_level": "dose_levels", "outcome": "outcomes",
             "criterion": "criteria"}
SCALAR_FIELD = {"registry_id": "value", "condition": "name"}  # the field name of plain-string rows


@dataclass(frozen=True)
class FieldTarget:
    """One stored field: what evidence, focus and "fill from selection" point at."""

    entity: str
    row_id: str
    field: str


@dataclass(frozen=True)
class Selection:
    """Text selected in a document: its stored offsets and the text itself."""

    document_id: str
    start: int
    end: int
    text: str


EXTRA = "extra."  # a codebook field's name in the window: "extra.vector", as the core's field path


def _flat_extra(row: dict) -> dict:
    """A row with its codebook values as cells of their own ("extra.vector"), as table columns read them."""
    for name, v in (row.pop("extra", None) or {}).items():
        row[EXTRA + name] = v
    return row


class StudySession(QObject):
    """The open study, re-read from the core after every change."""

    loaded = Signal()  # a study was opened (or closed: study_id None)
    changed = Signal(object)  # the open study changed; payload: the Change (or None)
    studyEdited = Signal(str)  # some study's stored values changed (list rows to refresh)
    evidenceRequested = Signal(object)  # EvidenceSpan to show in the document view (None: clear the mark)
    focusedTargetChanged = Signal(object)  # FieldTarget or None
    studyRemoved = Signal(str)  # a whole study was deleted (the list drops it)
    studyRestored = Signal(str)  # a deleted study is back (undo): the list shows and opens it

    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.study_id: Optional[str] = None
        self.study: Optional[schema.Abstraction] = None
        self.evidence: dict[tuple[str, str, str], EvidenceSpan] = {}
        self.string_lists: dict[str, list[tuple[str, str]]] = {}
        self.documents: list = []
        self.focused_target: Optional[FieldTarget] = None
        self.selection: Optional[Selection] = None
        self.codebook = None  # models.codebook.Codebook the open study's extra fields follow, or None
        # While a burst of typing goes on (AppContext.edits), the panels catch up only when it pauses.
        self.hold_refresh: Callable[[str], bool] = lambda study_id: False
        self._held = False

    # --- reading ----------------------------------------------------------
    def open_study(self, study_id: Optional[str]) -> None:
        self.study_id = study_id
        self.focused_target = None
        self.selection = None
        if study_id is None:
            self.study, self.evidence, self.string_lists, self.documents = None, {}, {}, []
            self.codebook = None
        else:
            self.documents = self.store.documents(study_id)
            self._read()
        self.loaded.emit()

    def _read(self) -> None:
        self.study = self.store.get_study(self.study_id)
        self.codebook = self.store.codebook_for(self.study_id)
        self.evidence = {(e.entity, e.row_id, e.field): e for e in self.store.evidence(self.study_id)}
        self.string_lists = {name: string_rows(self.store, self.study_id, name) for name in ("registry_id", "condition")}

    def after_change(self, study_id: str, change: Any = None) -> None:
        """Called by every command once the core has saved its change."""
        if study_id == self.study_id and self.hold_refresh(study_id):
            self._held = True  # saved; re-read and refreshed when the typing pauses (release_held)
            return
        self._held = False
        self.studyEdited.emit(study_id)
        if study_id != self.study_id:
            self.open_study(study_id)  # undo of an edit in another study: show that study
            return
        self._read()
        self.changed.emit(change)

    def release_held(self) -> None:
        """The typing paused: what was saved meanwhile is read back and shown everywhere."""
        if self._held and self.study_id is not None:
            self.after_change(self.study_id)
        self._held = False

    def study_removed(self, study_id: str) -> None:
        """Called by DeleteStudyCommand once the core has deleted the study."""
        if study_id == self.study_id:
            self.open_study(None)
        self.studyRemoved.emit(study_id)

    def study_restored(self, study_id: str) -> None:
        self.studyRestored.emit(study_id)

    # --- what panels ask ----------------------------------------------------
    def rows(self, entity: str) -> list[dict]:
        """The repeated rows of one kind as plain dicts, in order."""
        if self.study is None:
            return []
        if entity in ("registry_id", "condition"):
            key = SCALAR_FIELD[entity]
            return [{"id": rid, key: v} for rid, v in self.string_lists.get(entity, [])]
        if entity == "site":
            items = self.study.study.sites
        else:
            items = getattr(self.study, ROW_LISTS[entity])
        return [_flat_extra(item.model_dump(mode="json")) for item in items]

    def value(self, entity: str, row_id: str, field: str) -> Any:
        """The stored value of one field (JSON form: enums as strings)."""
        if self.study is None:
            return None
        if field.startswith(EXTRA) and entity == "study":
            return self.study.study.extra.get(field[len(EXTRA):])
        if entity == "study":
            if field in ("status", "abstractor", "consensus"):
                v = getattr(self.study, field)
            else:
                v = getattr(self.study.study, field)
        elif entity == "escalation":
            v = getattr(self.study.escalation, field)
        else:
            row = next((r for r in self.rows(entity) if r["id"] == row_id), None)
            return None if row is None else row.get(field)
        if isinstance(v, list):
            return [getattr(x, "value", x) for x in v]
        return getattr(v, "value", v)

    def evidence_for(self, target: FieldTarget) -> Optional[EvidenceSpan]:
        return self.evidence.get((target.entity, target.row_id, target.field))

    def set_focused_target(self, target: Optional[FieldTarget], show_evidence: bool = True) -> None:
        self.focused_target = target
        self.focusedTargetChanged.emit(target)
        if target is not None and show_evidence:
            self.evidenceRequested.emit(self.evidence_for(target))  # None: no field evidence to mark


class AppContext:
    """Passed to every widget (git-cola's ApplicationContext)."""

    def __init__(self, store: Store, settings: QSettings):
        self.store = store
        self.settings = settings
        self.session = StudySession(store)
        self.undo_stack = QUndoStack()
        self.undo_stack.setUndoLimit(500)
        from gui.jobs import JobRegistry

        self.jobs = JobRegistry()  # every running background job: stopped before the store closes
        from gui.edit_coalescer import EditCoalescer

        self.edits = EditCoalescer()  # typing saved within 300 ms, on leaving a field, before any action
        self.session.hold_refresh = lambda _study_id: self.edits.busy
        self.edits.burstEnded.connect(self.session.release_held)
        # How a failed edit is told to the user; the main window replaces this with a dialog.
        self.report_error = lambda title, message: None

    def set_store(self, store: Store) -> None:
        """Another database was opened: forget what belonged to the old one."""
        self.edits.flush()  # typing not yet saved goes to the database it was typed for
        self.undo_stack.clear()
        self.store = store
        self.session.store = store
        self.session.open_study(None)

    def parse(self, entity: str, field: str, kind: str, text: Any, choices=(), lenient: bool = False) -> Any:
        """Typed or selected text as the value a field stores (InvalidValue with a plain reason).
        A codebook field ("extra.NAME") is read by its type in the open study's codebook."""
        from abstractor import text_values as tv

        if not field.startswith(EXTRA):
            return tv.field_value(self.store.validate, entity, field, kind, text, list(choices), lenient=lenient)
        from abstractor.codebooks.typed import value_from_text
        from abstractor.errors import InvalidValue

        cb = self.session.codebook
        try:
            cf = cb.field(entity, field[len(EXTRA):]) if cb else None
        except KeyError:
            cf = None
        if cf is None:
            raise InvalidValue(f"the study's codebook has no {entity} field {field[len(EXTRA):]!r}")
        return value_from_text(cf, text, lenient=lenient)
