"""The study list: holds only ids and fetches the rows it shows, a page at a time (as Anki's browser)."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from abstractor.storage import Store
from abstractor.storage.window_queries import FACTS, done_facts, required_facts, source_files, study_ids

COLUMNS = [("registry_id", "Registry id"), ("title", "Title"), ("status", "Status"), ("complete", "Done")]
DONE_TIP = (f"Done: the share of the key facts that are filled ({', '.join(FACTS)}, and the required "
            "fields of the study's codebook).\n"
            "A fact the documents do not state counts once its empty field is verified (Ctrl+Alt+V): "
            "checked, not stated.")
PAGE = 200


class StudyListModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        self._rows: dict[str, Any] = {}
        self._complete: dict[str, set] = {}  # study id -> its key facts done
        self._required: dict[str, tuple] = {}  # study id -> (its codebook's required fields, those done)
        self._files: dict[str, str] = {}
        self.text, self.status = "", None
        self.open_queries: Optional[bool] = None  # True: only studies with open review queries
        self.order, self.descending = "created", True
        self._loaded = False  # before the first reload, sort() only sets the order (no query)

    # --- loading ---------------------------------------------------------------
    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload()

    def set_filter(self, text: str, status: Optional[str], open_queries: Optional[bool] = None) -> None:
        self.text, self.status, self.open_queries = text.strip(), status or None, open_queries
        self.reload()

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self.ids = study_ids(self.store, self.text, self.status, self.order, self.descending, self.open_queries)
        self.row_of = {sid: i for i, sid in enumerate(self.ids)}
        self._rows.clear()
        self._complete.clear()
        self._required.clear()
        self.endResetModel()

    def refresh_study(self, study_id: str) -> None:
        """One study's values changed: drop its cached row and repaint it."""
        self._rows.pop(study_id, None)
        self._complete.pop(study_id, None)
        self._required.pop(study_id, None)
        row = self.row_of.get(study_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _fetch(self, row: int) -> None:
        start = max(0, row - PAGE // 4)
        page = [sid for sid in self.ids[start:start + PAGE] if sid not in self._rows]
        if page:
            self._rows.update(self.store.study_rows(page))
            self._complete.update(done_facts(self.store, page))
            self._required.update(required_facts(self.store, page))
            self._files.update(source_files(self.store, page))

    def study_id(self, row: int) -> Optional[str]:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    # --- Qt model ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and 0 <= section < len(COLUMNS) and COLUMNS[section][0] == "complete":
            return DONE_TIP
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.ids)):
            return None
        sid = self.ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return sid
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if key == "complete" else None
        if sid not in self._rows:
            self._fetch(index.row())
        r = self._rows.get(sid)
        if r is None:  # deleted meanwhile
            return None
        if key == "complete":
            labels, got = self._required.get(sid, ((), set()))  # the codebook's required fields count too
            facts, done = FACTS + labels, self._complete.get(sid, set()) | got
            if role == Qt.ItemDataRole.ToolTipRole:
                missing = [f for f in facts if f not in done]
                return (f"{len(done)} of {len(facts)} key facts done" + (f"; not yet: {', '.join(missing)}" if missing
                                                                         else "") + "\n\n" + DONE_TIP)
            return f"{round(100 * len(done) / len(facts))} %"
        if key == "status":
            return r.status.replace("_", " ").lower()
        if key == "title":
            return r.title or (f"({self._files[sid]})" if sid in self._files else "(untitled)")
        return r.registry_id or ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "created"
        if key == "complete":
            key = "created"  # computed per page; sorting by it would fetch every row
        if not self._loaded:  # the view setting its first order (start-up): the first reload reads it
            self.order, self.descending = key, order == Qt.SortOrder.DescendingOrder
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self.study_id(i.row()) for i in old]
        self.order, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.ids = study_ids(self.store, self.text, self.status, self.order, self.descending, self.open_queries)
        self.row_of = {sid: i for i, sid in enumerate(self.ids)}
        new = [self.index(self.row_of[sid], i.column()) if sid in self.row_of else QModelIndex()
               for i, sid in zip(old, old_ids)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
