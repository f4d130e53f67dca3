"""Review marks in the form: the open study's marks and threads, and the small ✓ / ? beside
each field and in each table's row header.

``ReviewTracker`` re-reads the marks from the core whenever the session changes;
widgets never hold more than its plain ``FieldReviewInfo`` objects.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QToolButton

from abstractor.workbook.labels import field_label
from abstractor.storage import review_ops
from gui.context import AppContext
from models.enums import ReviewState

SYMBOL = {ReviewState.VERIFIED: "✓", ReviewState.QUERIED: "?", ReviewState.UNCHECKED: "·"}
MARK_PX = 16  # the marks' glyph size
COLOR = {ReviewState.VERIFIED: "#2e7d32", ReviewState.QUERIED: "#c62828", ReviewState.UNCHECKED: "#9e9e9e"}
ROW_TITLES = {"registry_id": "Registry id", "condition": "Condition", "site": "Site", "arm": "Arm",
              "intervention": "Intervention", "dose_level": "Dose level", "outcome": "Outcome",
              "criterion": "Criterion"}
ROW_TEXT = {"registry_id": "value", "condition": "name", "site": "facility", "arm": "label", "intervention": "name",
            "dose_level": "text", "outcome": "measure", "criterion": "text"}


class ReviewTracker(QObject):
    """The open study's review marks: (entity, row id, field) -> FieldReviewInfo."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.items: dict[tuple[str, str, str], review_ops.FieldReviewInfo] = {}
        ctx.session.loaded.connect(self.refresh)
        ctx.session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        sid = self.ctx.session.study_id
        infos = review_ops.field_reviews(self.ctx.store, sid) if sid else []
        self.items = {(i.target.entity, i.target.row_id, i.target.field): i for i in infos}
        self.changed.emit()

    def info(self, key: tuple[str, str, str]) -> Optional[review_ops.FieldReviewInfo]:
        return self.items.get(key)

    def state(self, key: tuple[str, str, str]) -> ReviewState:
        i = self.items.get(key)
        return i.status if i else ReviewState.UNCHECKED

    def label(self, key: tuple[str, str, str]) -> str:
        """What a person calls the field or row: "enrollment", "Criterion 2: Age 18 to 70 …"."""
        entity, row_id, field = key
        if entity in ("study", "escalation"):
            return field_label(entity, field)  # the form's own label (models.records)
        rows = self.ctx.session.rows(entity)
        n = next((i for i, r in enumerate(rows) if r["id"] == row_id), None)
        which = ROW_TITLES.get(entity, entity) + (f" {n + 1}" if n is not None else "") \
            + (f" · {field_label(entity, field)}" if field else "")
        if n is None:
            return which
        text = str(rows[n].get(ROW_TEXT.get(entity, "")) or "")
        text = text if len(text) <= 48 else text[:46] + "…"
        return which + (f": {text}" if text else "")


def when(iso: str) -> str:
    """'2026-12-04T21:40:05.123+00:00' -> '2026-12-04 21:40 UTC' (stored times are UTC)."""
    date, _, rest = iso.partition("T")
    return f"{date} {rest[:5]} UTC" if rest else date


def tooltip(info: Optional[review_ops.FieldReviewInfo]) -> str:
    if info is None or (info.status == ReviewState.UNCHECKED and not info.comments):
        return "Not reviewed. Right-click (or Ctrl+Alt+V / Ctrl+Alt+Q) to verify or query."
    head = {ReviewState.VERIFIED: "Verified", ReviewState.QUERIED: "Queried",
            ReviewState.UNCHECKED: "Not reviewed"}[info.status]
    if info.updated_by:
        head += f" by {info.updated_by}"
    if info.updated_at:
        head += f", {when(info.updated_at)}"
    lines = [head]
    for c in info.comments[-4:]:
        at = f" ({when(c.at)})" if c.at else ""
        lines.append(f"{c.author or '?'}{at}: {c.text[:200]}")
    if info.status == ReviewState.QUERIED:
        lines.append("(answered: waiting for the reviewer)" if info.answered else "(waiting for an answer)")
    return "\n".join(lines)


class ReviewMark(QToolButton):
    """✓ verified, ? queried, · not reviewed; clicking opens the review menu of its field."""

    def __init__(self, key_of: Callable[[], Optional[tuple[str, str, str]]], parent=None):
        super().__init__(parent)
        self.key_of = key_of
        self.state = ReviewState.UNCHECKED
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("reviewMark")
        self.show_info(None)

    def show_info(self, info: Optional[review_ops.FieldReviewInfo]) -> None:
        self.state = info.status if info else ReviewState.UNCHECKED
        answered = info is not None and self.state == ReviewState.QUERIED and info.answered
        self.setText("↩" if answered else SYMBOL[self.state])
        weight = "bold" if self.state != ReviewState.UNCHECKED else "normal"
        # Big enough to read at a glance (the text's own size made a ✓ about 8 px tall).
        self.setStyleSheet(f"color: {COLOR[self.state]}; font-weight: {weight}; font-size: {MARK_PX}px;")
        self.setMinimumSize(MARK_PX + 8, MARK_PX + 6)
        self.setToolTip(tooltip(info))
        self.setAccessibleName(f"review: {self.state.value.lower()}")


def row_mark(tracker: ReviewTracker, entity: str) -> Callable[[str], Optional[tuple[str, str, str]]]:
    """The row-header mark of a table's rows (RowTableModel.row_mark): symbol, tooltip and the
    colour the field marks use."""

    def mark(row_id: str) -> Optional[tuple[str, str, str]]:
        info = tracker.info((entity, row_id, ""))
        if info is None or info.status == ReviewState.UNCHECKED:
            return None
        sym = "↩" if info.status == ReviewState.QUERIED and info.answered else SYMBOL[info.status]
        return sym, tooltip(info), COLOR[info.status]

    return mark
