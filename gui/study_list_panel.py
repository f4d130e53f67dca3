"""The study list with its text and status filters."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, \
    QTableView, QVBoxLayout, QWidget

from gui.context import AppContext
from gui.study_list_model import StudyListModel
from models.enums import AbstractionStatus


class StudyListPanel(QWidget):
    studySelected = Signal(object)  # study id or None

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = StudyListModel(ctx.store, self)
        self.filter_edit = QLineEdit(placeholderText="Filter by id, title or acronym")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Study filter")
        self.status_box = QComboBox()
        self.statuses = [None] + [s.value for s in AbstractionStatus]  # by position: see RowDelegate.createEditor
        for s in self.statuses:
            self.status_box.addItem("Any status" if s is None else s.replace("_", " ").lower())
        self.queries_box = QCheckBox("Open queries")
        self.queries_box.setToolTip("Show only studies with open review queries")
        self.view = QTableView()
        self.view.setObjectName("studyList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several studies can be selected (Ctrl/Shift+click) for File ▸ Export; the current one is open.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list (to the document, the form), as in a form
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 94)
        header.resizeSection(2, 80)
        header.resizeSection(3, 48)
        header.setMinimumSectionSize(40)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.status_box)
        top.addWidget(self.queries_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._debounce.start)
        self.status_box.currentIndexChanged.connect(self.apply_filter)
        self.queries_box.toggled.connect(self.apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        ctx.session.studyEdited.connect(self.model.refresh_study)
        ctx.session.loaded.connect(self._follow_session)
        self.model.reload()

    def apply_filter(self) -> None:
        current = self.ctx.session.study_id
        self.model.set_filter(self.filter_edit.text(), self.statuses[max(0, self.status_box.currentIndex())],
                              True if self.queries_box.isChecked() else None)
        self.select_study(current, emit=False)

    def clear_filters(self) -> None:
        """Show every study again (no text, any status, not only open queries)."""
        if self.queries_box.isChecked() or self.status_box.currentIndex() > 0 or self.filter_edit.text():
            self.queries_box.setChecked(False)
            self.status_box.setCurrentIndex(0)
            self.filter_edit.clear()

    def reload(self, select: Optional[str] = None) -> None:
        current = select or self.ctx.session.study_id
        self.model.set_store(self.ctx.store)
        self.select_study(current, emit=select is not None)

    def select_study(self, study_id: Optional[str], emit: bool = True) -> None:
        row = self.model.row_of.get(study_id) if study_id else None
        if row is None:
            return
        self.view.blockSignals(not emit)
        sm = self.view.selectionModel()
        sm.blockSignals(not emit)
        # Not selectRow(): it reads the keyboard, and with Ctrl still held (Ctrl+Z opening the study
        # of the step undone) it would add the row to the selection instead of replacing it.
        index = self.model.index(row, 0)
        sm.setCurrentIndex(index, sm.SelectionFlag.ClearAndSelect | sm.SelectionFlag.Rows)
        self.view.scrollTo(index)
        self.view.selectionModel().blockSignals(False)
        self.view.blockSignals(False)
        self.view.viewport().update()

    def selected_ids(self) -> list[str]:
        """The studies selected in the list, in list order (the open one when none is)."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        ids = [sid for sid in (self.model.study_id(r) for r in rows) if sid]
        return ids or ([self.ctx.session.study_id] if self.ctx.session.study_id else [])

    def _follow_session(self) -> None:
        sid = self.ctx.session.study_id
        if sid and self.model.study_id(self.view.currentIndex().row()) != sid:
            self.select_study(sid, emit=False)

    def _current_changed(self, current, _previous) -> None:
        self.studySelected.emit(self.model.study_id(current.row()) if current.isValid() else None)
