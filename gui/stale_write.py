"""A write refused because someone else changed the value since it was shown: the window
says who changed it, when and to what, shows the user's own value, and offers to re-apply
it (one click, an undoable edit like any other) or to keep theirs.  Non-modal: typing
elsewhere goes on; a later refusal replaces the dialog."""
from __future__ import annotations

import html
from typing import Any, Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from abstractor.errors import StaleWrite


def shown_value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, list):
        return "; ".join(shown_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown_value(v)}" for k, v in value.items() if v not in (None, "", []))
    return str(getattr(value, "value", value))


def _h(text: str) -> str:
    return html.escape(text, quote=False)


class StaleWriteDialog(QDialog):
    def __init__(self, ctx, study_id: str, target, exc: StaleWrite, reapply: Callable[[], None], parent=None):
        """``reapply()`` stores the user's value over theirs (gui.commands: an undoable edit)."""
        super().__init__(parent)
        self.reapply_edit = reapply
        self.setObjectName("staleWriteDialog")
        self.setWindowTitle("Changed by someone else")
        self.ctx, self.study_id, self.target, self.exc = ctx, study_id, target, exc
        name = target.field.replace("_", " ")
        who = exc.who or "someone else"
        when = f" at {exc.when[:16].replace('T', ' ')} UTC" if exc.when else ""
        self.summary = QLabel(f"<b>{_h(name)}</b> was changed by <b>{_h(who)}</b>{when}, "
                              "after your window showed it. Your value was not saved.")
        self.summary.setWordWrap(True)
        self.theirs = QLabel(f"Stored now ({_h(who)}): <b>{_h(shown_value(exc.theirs))}</b>")
        self.mine = QLabel(f"Yours: <b>{_h(shown_value(exc.mine))}</b>")
        for label in (self.theirs, self.mine):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.reapply_btn = QPushButton("&Re-apply my value")
        self.reapply_btn.setToolTip("Store your value over theirs (undoable)")
        self.keep_btn = QPushButton("&Keep theirs")
        buttons.addButton(self.reapply_btn, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_btn, QDialogButtonBox.ButtonRole.RejectRole)
        self.reapply_btn.clicked.connect(self.reapply)
        self.keep_btn.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.summary, self.theirs, self.mine, buttons):
            layout.addWidget(w)

    def reapply(self) -> None:
        self.accept()
        self.reapply_edit()


def offer(ctx, study_id: str, target, exc: StaleWrite, reapply: Callable[[], None]) -> StaleWriteDialog:
    """Show the refusal (replacing an earlier one) and re-read the study, so the form shows theirs."""
    old: Optional[StaleWriteDialog] = getattr(ctx, "stale_dialog", None)
    if old is not None:
        old.close()
    dlg = StaleWriteDialog(ctx, study_id, target, exc, reapply, QApplication.activeWindow())
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ctx.stale_dialog = dlg
    dlg.finished.connect(lambda _r: setattr(ctx, "stale_dialog", None) if ctx.stale_dialog is dlg else None)
    dlg.show()
    ctx.session.after_change(study_id)
    return dlg
