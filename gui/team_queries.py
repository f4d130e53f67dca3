"""On a team server, the reviewers' open queries stay in view: a button in the status bar
counts them on the studies this login may see (an abstractor: her own), updated when the
server announces a change (gui/app.watch_server) and after one's own answers; a click shows
only those studies in the list and opens the first."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from abstractor.errors import AbstractorError
from abstractor.storage.review_ops import studies_with_open_queries


class OpenQueriesButton(QPushButton):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.setObjectName("openQueriesButton")
        self.setFlat(True)
        self.setToolTip("Reviewers' open queries on your studies: click to list only those studies")
        self.window_, self.count, self.studies = window, 0, {}
        self._from_others = False  # the pending count follows another person's change
        self._later = QTimer(self, singleShot=True, interval=250)  # many announcements, one count
        self._later.timeout.connect(self.refresh)
        self.clicked.connect(self.show_them)
        window.ctx.session.changed.connect(lambda _change: self._later.start())
        self.refresh()

    def schedule(self) -> None:
        """The server announced someone's change."""
        self._from_others = True
        self._later.start()

    def refresh(self) -> None:
        try:
            self.studies = studies_with_open_queries(self.window_.ctx.store)
        except AbstractorError:  # the network dropped: keep the last count; the next action says why
            return
        before, self.count = self.count, sum(self.studies.values())
        n, m = self.count, len(self.studies)
        self.setText("No open queries" if not n else
                     f"{n} open quer{'y' if n == 1 else 'ies'} in {m} stud{'y' if m == 1 else 'ies'}")
        font = self.font()
        font.setBold(n > 0)
        self.setFont(font)
        from_others, self._from_others = self._from_others, False
        if n > before and from_others:  # not one's own query
            self.window_.tell(f"A reviewer raised a query: {self.text().lower()} (click it in the status bar)")

    def show_them(self) -> None:
        panel = self.window_.study_list
        panel.queries_box.setChecked(True)
        if self.studies and self.window_.ctx.session.study_id not in self.studies:
            first = next((sid for sid in panel.model.ids if sid in self.studies), None)
            if first:
                panel.select_study(first)


def install(window, notifier) -> OpenQueriesButton:
    button = OpenQueriesButton(window)
    window.statusBar().addPermanentWidget(button)
    notifier.activated.connect(button.schedule)
    return button
