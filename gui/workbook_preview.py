"""The preview of a workbook import: what will change, before anything changes.

A tree: one branch per study (new / updated / unchanged) with each field change
old → new, new rows, rows missing from the workbook, conflicts with both values,
review and evidence changes; then the cells that could not be read and the rows
left out because of them.  The lines come from the core (abstractor.workbook.preview);
this dialog only lays them out and tells its owner when the user decides.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget, \
    QTreeWidgetItem, QVBoxLayout, QWidget

from abstractor.workbook import preview as pv

MAX_LINES = 400  # per study: a bigger branch ends with "… and N more"

ACTION_WORDS = {"new": "new study", "update": "updated", "unchanged": "unchanged"}
KIND_WORDS = {pv.CHANGE: "changed", pv.NEW_ROW: "new row", pv.REMOVED_ROW: "removed", pv.MOVED: "reordered",
              pv.MISSING: "missing", pv.CONFLICT: "conflict", pv.REVIEW: "review", pv.EVIDENCE: "evidence",
              pv.DOCUMENT: "documents", pv.NOTE: "note"}
KIND_COLOURS = {pv.NEW_ROW: "#1b7a2f", pv.REMOVED_ROW: "#b3261e", pv.CONFLICT: "#b3261e", pv.MISSING: "#9a5b00",
                pv.NOTE: "#555555"}
COLUMNS = ("What", "Where", "In the database now", "From the workbook")


class WorkbookPreviewDialog(QDialog):
    """``deleteMissingChanged(bool)``: the owner plans again and calls ``set_preview``.
    Accepted (Apply) means: apply the plan shown."""

    deleteMissingChanged = Signal(bool)

    def __init__(self, preview: pv.ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workbookPreview")
        self.setWindowTitle(f"Import workbook {preview.name}")
        self.resize(1060, 640)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setObjectName("workbookPreviewTree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setAccessibleName("Changes the import will make")
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((124, 270, 320)):
            header.resizeSection(col, width)
        self.remove_missing = QCheckBox("Remove them: rows missing from the workbook are deleted from the database")
        self.remove_missing.setToolTip("Off: rows the reviewer removed from the workbook are only reported and kept.")
        self.remove_missing.setChecked(preview.delete_missing)
        self.remove_missing.toggled.connect(self._remove_toggled)
        self.hint = QLabel("Nothing is changed until you press Apply. The whole import is one step of Edit ▸ Undo.")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.remove_missing)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.preview = preview
        self._remove_enabled = False
        self.set_preview(preview)

    # --- showing a preview ------------------------------------------------------------------
    def set_preview(self, preview: pv.ImportPreview) -> None:
        self.preview = preview
        self.summary.setText(preview.summary())
        self.tree.clear()
        for sp in preview.studies:
            self.tree.addTopLevelItem(self._study_item(sp))
        if preview.problems or preview.skipped:
            self.tree.addTopLevelItem(self._problems_item(preview))
        for note in preview.notes:
            self.tree.addTopLevelItem(self._line_item(pv.PreviewLine(pv.NOTE, note)))
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setFirstColumnSpanned(True)
            item.setExpanded(item.data(0, Qt.ItemDataRole.UserRole) != "unchanged")
        missing = sum(sp.count(pv.MISSING) for sp in preview.studies)
        removed = sum(sp.count(pv.REMOVED_ROW) for sp in preview.studies)
        self.remove_missing.blockSignals(True)
        self.remove_missing.setChecked(preview.delete_missing)
        self.remove_missing.blockSignals(False)
        self._remove_enabled = bool(missing or preview.delete_missing)
        if preview.delete_missing:
            self.remove_missing.setText(f"Remove them: {removed} row{'s' * (removed != 1)} missing from the "
                                        "workbook will be deleted from the database")
        else:
            self.remove_missing.setText(f"Remove them: delete the {missing} row{'s' * (missing != 1)} missing from "
                                        "the workbook (off: they are kept)")
        self.apply_button.setEnabled(preview.has_changes)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """While the plan is worked out again nothing can be applied."""
        self.tree.setEnabled(not busy)
        self.apply_button.setEnabled(not busy and self.preview.has_changes)
        self.remove_missing.setEnabled(not busy and self._remove_enabled)
        if busy:
            self.summary.setText("Working out the changes again…")

    def _remove_toggled(self, on: bool) -> None:
        self.set_busy(True)
        self.deleteMissingChanged.emit(on)

    # --- items ----------------------------------------------------------------------------------
    def _study_item(self, sp: pv.StudyPreview) -> QTreeWidgetItem:
        counts = []
        for kind, word in ((pv.CHANGE, "change"), (pv.NEW_ROW, "new row"), (pv.REMOVED_ROW, "removed row"),
                           (pv.MISSING, "missing row"), (pv.REVIEW, "review change"), (pv.CONFLICT, "conflict")):
            n = sp.count(kind)
            if n:
                counts.append(f"{n} {word}{'s' * (n != 1)}")
        text = f"{sp.label} — {ACTION_WORDS[sp.action]}" + (f" ({', '.join(counts)})" if counts else "")
        item = QTreeWidgetItem([text])
        item.setData(0, Qt.ItemDataRole.UserRole, sp.action)
        item.setToolTip(0, f"study id {sp.study_id}")
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        for line in sp.lines[:MAX_LINES]:
            item.addChild(self._line_item(line))
        if len(sp.lines) > MAX_LINES:
            item.addChild(QTreeWidgetItem(["", f"… and {len(sp.lines) - MAX_LINES} more"]))
        return item

    def _line_item(self, line: pv.PreviewLine) -> QTreeWidgetItem:
        item = QTreeWidgetItem([KIND_WORDS.get(line.kind, line.kind), line.where, line.old, line.new])
        item.setData(0, Qt.ItemDataRole.UserRole, line.kind)
        for col, text in enumerate((line.where, line.old, line.new), 1):
            item.setToolTip(col, text)
        colour = KIND_COLOURS.get(line.kind)
        if colour:
            item.setForeground(0, QBrush(QColor(colour)))
        if line.kind == pv.CONFLICT:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            item.setToolTip(0, f"{line.why or 'Changed in the database after the workbook was exported'}: the "
                               "database keeps its value; both are shown.")
        if line.kind == pv.MISSING:
            item.setToolTip(0, "In the database but not in the workbook: kept unless “Remove them” is ticked.")
        return item

    def _problems_item(self, preview: pv.ImportPreview) -> QTreeWidgetItem:
        n = len(preview.problems)
        item = QTreeWidgetItem([f"Unreadable cells: {n} problem{'s' * (n != 1)} — those rows are left out, "
                                "the rest applies"])
        item.setData(0, Qt.ItemDataRole.UserRole, "problems")
        item.setForeground(0, QBrush(QColor(KIND_COLOURS[pv.CONFLICT])))
        for text in preview.problems:
            where, _, reason = text.partition(": ")
            child = QTreeWidgetItem(["bad cell", where, "", reason])
            child.setToolTip(3, reason)
            item.addChild(child)
        for where, what in preview.skipped:
            child = QTreeWidgetItem(["left out", where, "", what])
            child.setToolTip(3, what)
            item.addChild(child)
        return item

    # --- what tests and the owner read -------------------------------------------------------------
    def lines(self) -> list[tuple[str, ...]]:
        """Every line under every branch as (branch, what, where, database, workbook)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                c = top.child(j)
                out.append((top.text(0), *(c.text(k) for k in range(len(COLUMNS)))))
        return out
