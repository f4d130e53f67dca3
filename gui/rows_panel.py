"""A table of repeated rows with add, add-from-selection, remove and reorder."""
from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QSizePolicy, QTableView, \
    QToolButton, QVBoxLayout, QWidget

from abstractor.errors import InvalidValue
from gui import commands
from gui.context import AppContext, FieldTarget
from gui.row_delegate import RowDelegate
from gui.row_table_model import PROPOSAL_PREFIX, Column, RowTableModel, is_proposal


class RowsPanel(QWidget):
    """One entity's rows; ``row_filter`` shows a part of the list (inclusion or exclusion criteria)."""

    addFromSelectionRequested = Signal()
    # Proposals shown as rows of the table (gui.suggestions_ui answers these):
    proposalSelected = Signal(object)  # StoredSuggestion: the current row is this proposal
    acceptProposals = Signal(list)  # [StoredSuggestion]: Enter on proposal rows
    rejectProposals = Signal(list)  # Delete on proposal rows
    proposalEdited = Signal(object, str, object)  # (suggestion, field, value): a proposal's cell edited
    told = Signal(str)  # a short message for the status bar

    def __init__(self, ctx: AppContext, entity: str, columns: list[Column], title: str,
                 new_values: Optional[dict] = None, row_filter: Optional[tuple[str, Any]] = None,
                 capture_tip: str = "", parent=None):
        super().__init__(parent)
        self.ctx, self.entity, self.columns, self.title = ctx, entity, columns, title
        self.base_columns = list(columns)  # the built-in ones; a codebook's columns follow them
        self.new_values = new_values or {}
        self.row_filter = row_filter
        self.proposal_rows: Callable[[str], list[dict]] = lambda entity: []  # set by gui.suggestions_ui
        self.model = RowTableModel(entity, columns, self, on_edit=self._edit, has_evidence=self._quote)
        self.view = QTableView()
        self.view.setObjectName(f"{entity}Table" + (f"_{row_filter[1]}" if row_filter else ""))
        self.view.setModel(self.model)
        self.view.setItemDelegate(RowDelegate(columns, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # Row numbers select rows, Shift/Ctrl extend: Remove takes exactly the selected rows.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        # Row heights follow their (wrapped) text, but only from the turn after the table is
        # first shown: while a tab first lays out, its columns change width several times and
        # each change would measure every row again (tens of ms inside the user's action).
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._heights_follow_text = False
        header = self.view.horizontalHeader()
        for i, c in enumerate(columns):
            if c.width:
                header.resizeSection(i, c.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)

        self.heading = QLabel(f"<b>{title}</b>")
        self.heading.setMinimumWidth(40)  # a narrow form cuts the title rather than growing the window
        self.heading.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.add_btn = self._button("Add", f"Add an empty row to {title.lower()} (Insert)", self.add_row)
        self.capture_btn = self._button("Add from selection", capture_tip or
                                        "Add a row holding the text selected in the document, with its evidence",
                                        self.addFromSelectionRequested.emit)
        self.remove_btn = self._button("Remove", "Remove the selected rows (Delete); click the row numbers to "
                                       "select rows, Shift/Ctrl+click to select more", self.remove_row)
        self.accept_btn = self._button("✓", "Accept the selected proposed rows (◇) (Enter)",
                                       lambda: self.acceptProposals.emit(self._chosen_proposals()))
        self.reject_btn = self._button("✗", "Reject the selected proposed rows (◇) (Delete)",
                                       lambda: self.rejectProposals.emit(self._chosen_proposals()))
        self.up_btn = self._button("▲", "Move the selected row up (Ctrl+Up)", lambda: self.move(-1))
        self.down_btn = self._button("▼", "Move the selected row down (Ctrl+Down)", lambda: self.move(+1))
        self.message = QLabel()
        self.message.setObjectName("inlineMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        for b in (self.accept_btn, self.reject_btn, self.add_btn, self.capture_btn, self.remove_btn, self.up_btn,
                  self.down_btn):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

        for key, fn in ((QKeySequence.StandardKey.Delete, self.remove_row), ("Insert", self.add_row),
                        ("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(+1))):
            sc = QShortcut(QKeySequence(key), self.view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(fn)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.selectionModel().currentChanged.connect(self._show_proposal_buttons)
        self.view.installEventFilter(self)  # back to the table from a field: its cell is the target again
        ctx.session.loaded.connect(self.refresh)
        ctx.session.changed.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, tip: str, slot: Callable) -> QToolButton:
        b = QToolButton(text=text, toolTip=tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # --- data ------------------------------------------------------------------------
    def all_rows(self) -> list[dict]:
        return self.ctx.session.rows(self.entity)

    def _follow_codebook(self) -> None:
        """The open study's codebook fields of this kind as columns after the built-in ones."""
        from gui.codebook_form import columns_for

        extra = columns_for(self.ctx.session.codebook, self.entity)
        n = len(self.base_columns)
        if self.columns[n:] == extra:
            return
        self.model.beginResetModel()
        self.columns[n:] = extra  # the one list the model and the delegate also read
        self.model.rows, self.model._marks = [], []
        self.model.endResetModel()
        header = self.view.horizontalHeader()
        for i, c in enumerate(extra, start=n):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(i, c.width)

    def refresh(self, *_args) -> None:
        self._follow_codebook()
        current = self.current_target()
        idx = self.view.currentIndex()
        current_row = self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(self.model.rows) else None
        rows = self.all_rows() + self.proposal_rows(self.entity)
        if self.row_filter:
            key, value = self.row_filter
            rows = [r for r in rows if r.get(key) == value]
        self.model.set_rows(rows)
        enabled = self.ctx.session.study_id is not None
        for b in (self.add_btn, self.capture_btn, self.remove_btn, self.up_btn, self.down_btn):
            b.setEnabled(enabled)
        if current is not None:
            self.focus_row(current.row_id, current.field, focus=False)
        elif current_row is not None and is_proposal(current_row):
            self._follow_decided_proposal(current_row, idx)
        self._show_proposal_buttons()

    def _chosen_proposals(self) -> list:
        return [self.model.rows[r]["_proposal"] for r in self.selected_rows()
                if self.model.rows[r].get("_state") == "OPEN"]

    def _show_proposal_buttons(self, *_args) -> None:
        """Accept / Reject show while the table has open proposals, enabled on a proposal row."""
        has = any(r.get("_state") == "OPEN" for r in self.model.rows)
        on = self.current_proposal() is not None
        for b in (self.accept_btn, self.reject_btn):
            b.setVisible(has)
            b.setEnabled(on)

    def _follow_decided_proposal(self, old: dict, idx: QModelIndex) -> None:
        """The current row was a proposal: it stays current while shown; once it is decided,
        the next proposal takes its place and its evidence is shown (the highlight follows)."""
        if self.model.row_of(old["id"]) is not None:
            self.focus_row(old["id"], self.columns[idx.column()].field, focus=False)
            return
        pending = [i for i, r in enumerate(self.model.rows) if r.get("_state") == "OPEN"]
        if not pending:
            return
        row = next((i for i in pending if i >= idx.row()), pending[-1])
        self.focus_row(self.model.rows[row]["id"], self.columns[idx.column()].field, focus=False)
        self.proposalSelected.emit(self.model.rows[row]["_proposal"])

    def _quote(self, row_id: str, field: str) -> Optional[str]:
        e = self.ctx.session.evidence.get((self.entity, row_id, field))
        return None if e is None else e.quote

    def current_target(self) -> Optional[FieldTarget]:
        """The stored cell that is current (None on a proposal row: it is not stored yet)."""
        idx = self.view.currentIndex()
        if not idx.isValid() or idx.row() >= len(self.model.rows) or is_proposal(self.model.rows[idx.row()]):
            return None
        return FieldTarget(self.entity, self.model.rows[idx.row()]["id"], self.columns[idx.column()].field)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._heights_follow_text:
            self._heights_follow_text = True
            QTimer.singleShot(0, lambda: self.view.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents))

    def current_proposal(self):
        """The open proposal of the current row, if it shows one."""
        idx = self.view.currentIndex()
        row = self.model.rows[idx.row()] if idx.isValid() and idx.row() < len(self.model.rows) else None
        return row["_proposal"] if row is not None and row.get("_state") == "OPEN" else None

    def selected_rows(self) -> list[int]:
        """The rows selected (by their numbers or by cells), else the current row."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [r for r in rows if r < len(self.model.rows)]

    def focus_proposal(self, suggestion_id: str) -> bool:
        """Make a proposal's row current (and focused), as F8 does."""
        rid = PROPOSAL_PREFIX + suggestion_id
        if self.model.row_of(rid) is None:
            return False
        self.focus_row(rid)
        return True

    def focus_row(self, row_id: str, field: Optional[str] = None, focus: bool = True) -> None:
        row = self.model.row_of(row_id)
        if row is None:
            return
        col = next((i for i, c in enumerate(self.columns) if c.field == field), 0)
        idx = self.model.index(row, col)
        self.view.selectionModel().setCurrentIndex(idx, self.view.selectionModel().SelectionFlag.ClearAndSelect)
        self.view.scrollTo(idx)
        if focus:
            self.view.setFocus()

    def _current_changed(self, current: QModelIndex, _prev) -> None:
        target = self.current_target()
        if target is not None:
            self.ctx.session.set_focused_target(target)
        elif self.current_proposal() is not None and (_prev.row() != current.row() or not _prev.isValid()):
            self.proposalSelected.emit(self.current_proposal())

    def _proposal_key(self, event) -> bool:
        """Enter accepts the selected proposal rows (Delete is remove_row's)."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() not in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            return False
        if self.view.state() == QAbstractItemView.State.EditingState or self.current_proposal() is None:
            return False
        chosen = [self.model.rows[r] for r in self.selected_rows()]
        self.acceptProposals.emit([r["_proposal"] for r in chosen if r.get("_state") == "OPEN"])
        return True

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view and event.type() == QEvent.Type.KeyPress and self._proposal_key(event):
            return True
        if obj is self.view and event.type() == QEvent.Type.FocusIn:
            target = self.current_target()
            if target is not None and target != self.ctx.session.focused_target:
                self.ctx.session.set_focused_target(target)
        return False

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- edits ------------------------------------------------------------------------
    def _edit(self, row_id: str, field: str, value: Any) -> bool:
        col = next(c for c in self.columns if c.field == field)
        old = next((r.get(field) for r in self.model.rows if r["id"] == row_id), None)
        try:
            value = self.ctx.parse(self.entity, field, col.kind, value, col.choices)
        except InvalidValue as exc:
            self.show_message(f"{col.title}: {exc} — not saved.")
            return False
        self.show_message("")
        if row_id.startswith(PROPOSAL_PREFIX):  # a proposal's cell changed: accepted as edited
            row = self.model.rows[self.model.row_of(row_id)]
            # Once the editor has closed: accepting replaces the row the editor belongs to.
            QTimer.singleShot(0, lambda s=row["_proposal"]: self.proposalEdited.emit(s, field, value))
            return True
        if value == old:
            return True
        self.ctx.undo_stack.push(commands.SetValueCommand(
            self.ctx, self.ctx.session.study_id, FieldTarget(self.entity, row_id, field), value, old))
        return True

    def _global_position(self, row_id: str) -> int:
        return [r["id"] for r in self.all_rows()].index(row_id)

    def add_row(self, values: Optional[dict] = None, evidence=None, text: Optional[str] = None) -> Optional[str]:
        sid = self.ctx.session.study_id
        if sid is None:
            return None
        target = self.current_target()
        position = self._global_position(target.row_id) + 1 if target else None
        stored = [r for r in self.model.rows if not is_proposal(r)]
        if position is None and self.row_filter and stored:
            position = self._global_position(stored[-1]["id"]) + 1
        cmd = commands.AddRowCommand(self.ctx, sid, self.entity, {**self.new_values, **(values or {})},
                                     position=position, evidence=evidence, text=text)
        self.ctx.undo_stack.push(cmd)
        if cmd.row_id:
            first_text = next((c.field for c in self.columns if c.kind in ("str", "text")), None)
            self.focus_row(cmd.row_id, first_text, focus=values is None)
        return cmd.row_id

    def remove_row(self) -> None:
        """Remove exactly the selected rows (one undo step); proposal rows among them are rejected."""
        rows = self.selected_rows()
        chosen = [self.model.rows[r] for r in rows]
        proposals = [r["_proposal"] for r in chosen if r.get("_state") == "OPEN"]
        stored = [r["id"] for r in chosen if not is_proposal(r)]
        if proposals:
            self.rejectProposals.emit(proposals)
        if not stored:
            return
        idx = self.view.currentIndex()
        field = self.columns[idx.column()].field if idx.isValid() else None
        name = self.title.lower() if len(stored) > 1 else self.entity.replace("_", " ")
        text = f"Remove {len(stored)} {name}" if len(stored) > 1 else f"Remove {name}"
        cmd = commands.DeleteRowCommand(self.ctx, self.ctx.session.study_id, self.entity, stored)  # one transaction
        cmd.setText(text)  # "Remove 2 inclusion criteria", in the table's own words
        self.ctx.undo_stack.push(cmd)
        if cmd.failed:
            return
        back = "them" if len(stored) > 1 else "it"
        self.told.emit(f"Removed {len(stored)} {name} (Edit ▸ Undo brings {back} back).")
        if self.model.rows:
            nxt = self.model.rows[min(rows[0], len(self.model.rows) - 1)]["id"]
            self.focus_row(nxt, field)

    def move(self, step: int) -> None:
        target = self.current_target()
        if target is None:
            return
        row = self.model.row_of(target.row_id)
        other = row + step
        if not (0 <= other < len(self.model.rows)) or is_proposal(self.model.rows[other]):
            return
        old_pos = self._global_position(target.row_id)
        new_pos = self._global_position(self.model.rows[other]["id"])
        self.ctx.undo_stack.push(commands.MoveRowCommand(self.ctx, self.ctx.session.study_id, self.entity,
                                                         target.row_id, old_pos, new_pos))
        self.focus_row(target.row_id, target.field)
