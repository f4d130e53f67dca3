"""The study list's first page, painted with the window's frame before the core has loaded.

Start-up shows the frame at once; the core (SQLAlchemy, pydantic) and the panels take about half a
second more, loaded on a worker thread (gui.core_loader).  Meanwhile this shows the studies as the
list will (abstractor.storage.first_page reads them with sqlite3 alone), scrolls and takes a click;
attach() then puts the real list in its place and opens the study clicked.  Qt widgets only: nothing
here may import the core's heavy modules.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QWidget)

HEADERS = ("Registry id", "Title", "Status", "Done")
USER_ROLE = 256  # Qt.ItemDataRole.UserRole (the Qt namespace costs ~15 ms to set up before the first paint)


def list_preview(rows, label: str) -> QWidget:
    """The frame's central widget: the first page of the list (no selection, no sorting) and a note."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    table = QTableWidget(len(rows), len(HEADERS))
    table.setObjectName("studyListPreview")
    table.setHorizontalHeaderLabels(HEADERS)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # A row can be chosen while the core loads: MainWindow.attach opens that study (chosen_study).
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(0, 94)
    header.resizeSection(2, 80)
    header.resizeSection(3, 48)
    for i, r in enumerate(rows):
        for j, text in enumerate((r.registry_id, r.title, r.status.replace("_", " ").lower(), "")):  # (Done: later)
            table.setItem(i, j, QTableWidgetItem(text))
        table.item(i, 0).setData(USER_ROLE, r.id)
    table.setFixedWidth(330)
    note = QLabel(f"Opening {label}…" if label else "Opening…")
    note.setIndent(24)
    layout.addWidget(table)
    layout.addWidget(note, 1)
    return box


def chosen_study(preview: QWidget):
    """The id of the study clicked (or reached with the arrow keys) on the first page, else None."""
    table = preview.findChild(QTableWidget, "studyListPreview")
    rows = table.selectionModel().selectedRows() if table is not None else []
    return table.item(rows[0].row(), 0).data(USER_ROLE) if rows else None
