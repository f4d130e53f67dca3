"""The study list's first page, painted with the window's frame before the core has loaded.

Start-up shows the frame at once; the core (SQLAlchemy, pydantic) and the panels take about half a
second more.  Meanwhile this shows the newest studies as the list will (abstractor.storage.first_page
reads them with sqlite3 alone), so the window looks ready; attach() then puts the real list in its
place.  Qt widgets only: nothing here may import the core's heavy modules.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QWidget)

HEADERS = ("Registry id", "Title", "Status", "Done")


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
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(0, 94)
    header.resizeSection(2, 80)
    header.resizeSection(3, 48)
    for i, r in enumerate(rows):
        for j, text in enumerate((r.registry_id, r.title, r.status.replace("_", " ").lower())):
            table.setItem(i, j, QTableWidgetItem(text))
    table.setFixedWidth(330)
    note = QLabel(f"Opening {label}…" if label else "Opening…")
    note.setIndent(24)
    layout.addWidget(table)
    layout.addWidget(note, 1)
    return box
