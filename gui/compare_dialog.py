"""Compare two abstractions from the window: two workbooks (or JSON exports), or one against
the open database.  The comparison runs in a worker thread; the dialog shows the
agreement (percent per field, kappa, row F1, per study) and the discrepancies,
saves the report workbook, and opens the adjudication of the selected study."""
from __future__ import annotations

import html

from typing import TYPE_CHECKING, Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, \
    QProgressBar, QPushButton, QRadioButton, QTabWidget, QVBoxLayout

from abstractor.review import compare_run
from abstractor.review.agreement import summary
from abstractor.errors import AbstractorError
from gui import ask
from gui.jobs import Job
from gui.compare_models import TextTableModel, discrepancy_rows, field_rows, row_kind_rows, study_rows
from gui.tables import read_only_table

if TYPE_CHECKING:
    from gui.context import AppContext

SIDE_FILTER = "Workbooks and JSON exports (*.xlsx *.json);;Workbooks (*.xlsx);;JSON (*.json);;All files (*)"


def _compare(a: str, b: Optional[str], db: Optional[str], user: str):
    return _guarded(lambda: compare_run.run(a, b, database=db, user=user))


def _guarded(run):
    try:
        return run()
    except AbstractorError:
        raise
    except Exception as exc:  # a damaged file: a message (and the traceback in the log), never a dead thread
        from gui.crash import log_exception

        log_exception("compare", exc)
        raise AbstractorError(f"the comparison stopped ({type(exc).__name__}: {exc})") from exc


class CompareDialog(QDialog):
    compared = Signal()

    def __init__(self, ctx: AppContext, adjudicate: Callable, parent=None):
        """``adjudicate(a, b)`` opens the side-by-side adjudication of two versions (the review controller's)."""
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle("Compare two abstractions")
        self.ctx, self.adjudicate_versions = ctx, adjudicate
        self.outcome = None
        self.job: Optional[Job] = None  # the run whose result is wanted
        self.run_no = 0
        # Every run still going, wanted or cancelled (gui.jobs: the window waits for them on closing).
        self._threads: set[Job] = set()
        self.resize(1100, 720)

        self.path_a = QLineEdit(placeholderText="A: a workbook (.xlsx) or JSON export")
        self.path_a.setObjectName("comparePathA")
        self.path_b = QLineEdit(placeholderText="B: another workbook or JSON export")
        self.path_b.setObjectName("comparePathB")
        self.b_file = QRadioButton("&File")
        self.b_db = QRadioButton("The open &database")
        # On a team server: the two abstractors' copies of each study in dual abstraction.
        self.b_dual = QRadioButton("The two abstractors' &copies (dual abstraction)")
        self.b_dual.setObjectName("compareDualCopies")
        self.b_dual.setVisible(ctx.store.engine.dialect.name == "postgresql")
        self.b_file.setChecked(True)
        self.b_db.toggled.connect(lambda on: self.path_b.setEnabled(not on))
        self.b_dual.toggled.connect(lambda on: [w.setEnabled(not on) for w in (self.path_a, self.path_b)])
        browse_a, browse_b = QPushButton("Browse…"), QPushButton("Browse…")
        browse_a.clicked.connect(lambda: self._browse(self.path_a))
        browse_b.clicked.connect(lambda: self._browse(self.path_b))
        self.run_btn = QPushButton("&Compare")
        self.run_btn.setDefault(True)
        self.run_btn.clicked.connect(self.start)
        self.cancel_btn = QPushButton("C&ancel")
        self.cancel_btn.setObjectName("cancelCompare")
        self.cancel_btn.setToolTip("Stop waiting for this comparison (its result is ignored when it arrives)")
        self.cancel_btn.clicked.connect(self.cancel)
        self.busy = QProgressBar()
        self.busy.setObjectName("compareBusy")
        self.busy.setRange(0, 0)  # no figure to show: a moving bar says it is working
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        grid = QGridLayout()
        grid.addWidget(QLabel("A"), 0, 0)
        grid.addWidget(self.path_a, 0, 1, 1, 3)
        grid.addWidget(browse_a, 0, 4)
        grid.addWidget(QLabel("B"), 1, 0)
        grid.addWidget(self.b_file, 1, 1)
        grid.addWidget(self.path_b, 1, 2)
        grid.addWidget(browse_b, 1, 3)
        grid.addWidget(self.b_db, 1, 4)
        grid.addWidget(self.b_dual, 2, 1, 1, 4)
        grid.setColumnStretch(2, 1)

        self.summary = QLabel("Choose two sides and press Compare.")
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.discrepancies = TextTableModel(["Study", "Section", "Field or row", "Issue", "Value A", "Value B",
                                             "Evidence A", "Evidence B"], self)
        self.fields = TextTableModel(["Field", "Items", "Agreement", "Kappa"], self, right=(1, 2, 3))
        self.row_kinds = TextTableModel(["Rows", "Paired", "Only A", "Only B", "Precision", "Recall", "F1"], self,
                                        right=(1, 2, 3, 4, 5, 6))
        self.studies = TextTableModel(["Study", "Matched by", "Fields", "Agreement", "Discrepancies"], self,
                                      right=(2, 3, 4))
        self.tabs = QTabWidget()
        self.views = {}
        for model, title, name in ((self.discrepancies, "Discrepancies", "discrepancyTable"),
                                   (self.fields, "Agreement per field", "fieldAgreementTable"),
                                   (self.row_kinds, "Rows (F1)", "rowAgreementTable"),
                                   (self.studies, "Per study", "studyAgreementTable")):
            v = read_only_table(model, name)
            v.setAlternatingRowColors(True)
            v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            v.horizontalHeader().setStretchLastSection(True)
            self.tabs.addTab(v, title)
            self.views[name] = v
        for col, width in enumerate((110, 90, 260, 80, 150, 150, 150)):
            self.views["discrepancyTable"].setColumnWidth(col, width)
        self.views["fieldAgreementTable"].setColumnWidth(0, 260)
        self.views["studyAgreementTable"].setColumnWidth(0, 300)
        self.views["discrepancyTable"].doubleClicked.connect(lambda _i: self.adjudicate())

        self.save_btn = QPushButton("&Save report…")
        self.save_btn.clicked.connect(self.save_report)
        self.adjudicate_btn = QPushButton("&Adjudicate selected study…")
        self.adjudicate_btn.setToolTip("Settle the selected study's differences side by side")
        self.adjudicate_btn.clicked.connect(self.adjudicate)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_btn)
        bottom.addWidget(self.adjudicate_btn)
        bottom.addStretch(1)
        bottom.addWidget(box)
        top = QHBoxLayout()
        top.addLayout(grid, 1)
        runs = QVBoxLayout()
        runs.addWidget(self.run_btn)
        runs.addWidget(self.cancel_btn)
        top.addLayout(runs)
        status = QHBoxLayout()
        status.addWidget(self.busy)
        status.addWidget(self.summary, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(status)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)
        self._enable()

    def showEvent(self, event) -> None:
        """The dual option is for a team server (another database may be open since last time)."""
        on_server = self.ctx.store.engine.dialect.name == "postgresql"
        self.b_dual.setVisible(on_server)
        if not on_server and self.b_dual.isChecked():
            self.b_file.setChecked(True)
        super().showEvent(event)

    # --- choosing ---------------------------------------------------------------------
    def _browse(self, edit: QLineEdit) -> None:
        path = ask.open_file(self, "Choose a workbook or JSON export", edit.text(), SIDE_FILTER)
        if path:
            edit.setText(path)

    def _enable(self) -> None:
        busy = self.job is not None
        ok = self.outcome is not None and self.outcome.ok
        self.run_btn.setEnabled(not busy)
        self.cancel_btn.setEnabled(busy)
        self.busy.setVisible(busy)
        self.save_btn.setEnabled(ok and not busy)
        self.adjudicate_btn.setEnabled(ok and not busy and bool(self.outcome.comparison.matched))

    # --- running -------------------------------------------------------------------------
    def start(self) -> bool:
        if self.b_dual.isChecked():
            store = self.ctx.store
            return self._run(lambda _control: _guarded(lambda: compare_run.run_dual(store)))
        a = self.path_a.text().strip()
        b = None if self.b_db.isChecked() else self.path_b.text().strip()
        if not a or (b is not None and not b):
            ask.error(self, "Compare", "Choose side A, and side B or the open database.")
            return False
        # The file path for SQLite; a server's address as opened (with a password the window asked for).
        db = (self.ctx.store.label if self.ctx.store.engine.dialect.name == "sqlite" else self.ctx.store.url) \
            if self.b_db.isChecked() else None
        user = self.ctx.store.user
        return self._run(lambda _control: _compare(a, b, db, user))

    def _run(self, work) -> bool:
        self.outcome = None
        self.summary.setText("Comparing… (Cancel stops waiting)")
        self.run_no += 1
        job = Job(self.ctx.jobs, work, self, "Compare", dialog=False)
        job.done.connect(lambda out, j=job: self._finished(j, out))
        job.failed.connect(lambda message, j=job: self._failed(j, message))
        job.ended.connect(lambda j=job: self._thread_done(j))
        self._threads.add(job)
        self.job = job
        self._enable()
        job.start()
        return True

    def cancel(self) -> None:
        """Stop waiting: the run goes on in its thread (it cannot be interrupted safely) and
        its result is ignored when it arrives."""
        if self.job is None:
            return
        self.job.abandon()  # its result, when it comes, is dropped
        self.job = None
        self.summary.setText("Cancelled. Nothing was compared; change the sides and press Compare again.")
        self._enable()

    def _thread_done(self, job: Job) -> None:
        self._threads.discard(job)
        job.deleteLater()

    def _wanted(self, job: Job) -> bool:
        if job is not self.job:
            return False  # a cancelled run: ignore what it says
        self.job = None
        return True

    def _failed(self, job: Job, message: str) -> None:
        if not self._wanted(job):
            return
        self.summary.setText(message)
        self._enable()
        ask.error(self, "Compare", message)

    def _finished(self, job: Job, out) -> None:
        if not self._wanted(job):
            return
        self.outcome = out
        if not out.ok:
            self.summary.setText("Nothing was compared:\n" + "\n".join(out.messages))
            for m in (self.discrepancies, self.fields, self.row_kinds, self.studies):
                m.set_rows([])
        else:
            c, ag = out.comparison, out.agreement
            rows, payload, marked = discrepancy_rows(c)
            self.discrepancies.set_rows(rows, payload, marked)
            self.fields.set_rows(field_rows(ag))
            self.row_kinds.set_rows(row_kind_rows(ag))
            self.studies.set_rows(study_rows(ag), [sc for sc in c.matched])
            head = html.escape(summary(c, ag))
            notes = "".join(f"<br><span style='color:#b00020'>{m}</span>" for m in out.messages[:6])
            self.summary.setText(head + notes)
            if rows:
                self.views["discrepancyTable"].selectRow(0)
        self._enable()
        self.compared.emit()

    # --- results ---------------------------------------------------------------------------
    def save_report(self) -> Optional[str]:
        if self.outcome is None or not self.outcome.ok:
            return None
        path = ask.save_file(self, "Save the comparison report", "comparison.xlsx", "Workbooks (*.xlsx)")
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from abstractor.review.report import write_report

        try:
            write_report(self.outcome.comparison, path, self.outcome.agreement)
        except Exception as exc:  # a locked or unwritable file
            ask.error(self, "The report was not saved", f"{path}: {exc}")
            return None
        self.summary.setText(self.summary.text() + f"<br>Report saved to {path}")
        return path

    def selected_study(self):
        """The study comparison of the selected discrepancy or study row (else the first matched)."""
        for name, model in (("discrepancyTable", self.discrepancies), ("studyAgreementTable", self.studies)):
            if self.tabs.currentWidget() is self.views[name]:
                r = self.views[name].currentIndex().row()
                if 0 <= r < len(model.payload) and model.payload[r] is not None:
                    return model.payload[r]
        matched = self.outcome.comparison.matched if self.outcome and self.outcome.ok else []
        return matched[0] if matched else None

    def adjudicate(self):
        sc = self.selected_study()
        if sc is None or not sc.matched:
            return None
        return self.adjudicate_versions(sc.a, sc.b)

    def closeEvent(self, event) -> None:
        self.cancel()  # a run still going is abandoned; the main window waits for it before it closes
        super().closeEvent(event)
