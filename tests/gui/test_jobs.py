"""Background jobs of the window (gui.jobs): closing and switching database stop them cleanly,
workbook apply/undo and JSON export run on a worker thread with Cancel, and an unexpected error in
a worker goes to the log with its traceback."""
from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import QTimer

from tests.gui.conftest import import_and_wait


def _slow_job(w, seen: list, steps: int = 400):
    """A job whose call takes steps x 5 ms, reporting progress (so Cancel stops it at the next step)."""
    from gui.jobs import Job

    def call(control):
        for i in range(steps):
            control.step(i, steps)
            seen.append(i)
            time.sleep(0.005)
        return "finished"

    return Job(w.ctx.jobs, call, w, "Slow job", "Working…")


def _text_files(tmp_path, n: int) -> list[str]:
    out = []
    for i in range(n):
        p = tmp_path / f"trial_{i:02d}.txt"
        p.write_text(f"Study {i} of a phase 1 trial of CAR-T cells.\nEnrollment: {i + 3} participants.\n"
                     + "Inclusion criteria:\n- Age 18 years or older\n" * 40, encoding="utf-8")
        out.append(str(p))
    return out


def test_closing_with_a_job_running_cancels_it_and_closes_when_it_stopped(qtbot, open_window):
    w = open_window()
    seen: list[int] = []
    job = _slow_job(w, seen)
    results = []
    job.done.connect(results.append)
    job.start()
    qtbot.waitUntil(lambda: len(seen) > 3, timeout=5000)
    w.close()  # asked to close: the job is told to stop; the window waits for it, without blocking
    assert job.abandoned
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    assert not job.runner.isRunning() and not w.ctx.jobs.busy
    assert len(seen) < 400 and results == []  # stopped early; an abandoned job reports nothing


def test_switching_database_stops_an_import_before_the_old_file_is_closed(qtbot, open_window, tmp_path, dialogs):
    w = open_window()
    old = w.ctx.store
    files = _text_files(tmp_path, 40)
    job = w.import_paths(files)
    assert job is not None
    assert w.open_database(str(tmp_path / "other.db"))
    assert not job.runner.isRunning() and not w.ctx.jobs.busy and w.import_job is None
    from gui.app import open_store

    with open_store(tmp_path / "work.db") as again:
        n = again.count_studies()
        assert n < 40  # stopped at the next file
        qtbot.wait(300)
        assert again.count_studies() == n  # nothing written to the old file after the switch
    assert w.ctx.store is not old and w.ctx.store.count_studies() == 0
    assert dialogs.shown == [] and w.study_list.model.ids == []


def test_an_import_cancelled_keeps_and_reports_the_files_done(qtbot, open_window, tmp_path, dialogs):
    w = open_window()
    files = _text_files(tmp_path, 30)
    job = w.import_paths(files)
    QTimer.singleShot(0, job.cancel)
    qtbot.waitUntil(lambda: w.import_job is None, timeout=20000)
    n = w.ctx.store.count_studies()
    assert 0 < n < 30 and len(w.study_list.model.ids) == n


def test_json_export_runs_off_the_gui_thread_and_cancel_writes_nothing(qtbot, open_window, registry_page,
                                                                    tmp_path, dialogs, monkeypatch):
    import abstractor.json_export as je

    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    threads = []
    real = je.export_json
    monkeypatch.setattr(je, "export_json",
                        lambda *a, **k: (threads.append(threading.current_thread()), real(*a, **k))[1])
    dialogs.save_path = str(tmp_path / "all.json")
    job = w.export_all_action.trigger() or w.json_job
    job.cancel()  # before the first study is read: the export stops and leaves no file
    qtbot.waitUntil(lambda: w.json_job is None, timeout=10000)
    assert not (tmp_path / "all.json").exists()
    assert not list(tmp_path.glob(".all.json*"))  # nor a temporary one
    w.export_all_action.trigger()
    qtbot.waitUntil(lambda: w.json_job is None, timeout=10000)
    assert (tmp_path / "all.json").exists()
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_an_unexpected_error_in_a_worker_is_logged_with_its_traceback(qtbot, open_window, caplog):
    from gui.jobs import Job

    w = open_window()

    def broken_call(control):
        raise RuntimeError("boom in the worker")

    job = Job(w.ctx.jobs, broken_call, w, "Broken job")
    messages = []
    job.failed.connect(messages.append)
    with caplog.at_level(logging.ERROR, logger="abstractor.gui"):
        job.start()
        qtbot.waitUntil(lambda: not w.ctx.jobs.busy, timeout=5000)
    assert len(messages) == 1 and "boom in the worker" in messages[0] and "Traceback" not in messages[0]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Traceback" in logged and "broken_call" in logged and "RuntimeError: boom in the worker" in logged


# --- workbook apply and its undo ---------------------------------------------------------------
@pytest.fixture
def planned(qtbot, open_window, db_path, tmp_path, dialogs, monkeypatch):
    """A window whose workbook preview (one new study) is open, ready to apply."""
    from gui import ask
    from tests.workbook.helpers import document, rich_study, store_with

    doc = document()
    other = tmp_path / "other.db"
    store_with(other, [rich_study(doc)], [[doc]]).close()
    from abstractor.workbook import export_workbook
    from gui.app import open_store

    with open_store(other) as s:
        export_workbook(s, tmp_path / "in.xlsx")
    w = open_window()
    monkeypatch.setattr(ask, "open_file", lambda *a: str(tmp_path / "in.xlsx"))
    w.workbook.import_action.trigger()
    qtbot.waitUntil(lambda: w.workbook.job is None and w.workbook.preview_dialog is not None, timeout=20000)
    return w


def _slowed(monkeypatch, name: str, seconds: float, threads: list):
    import gui.workbook_commands as wc

    real = getattr(wc, name)

    def slow(*a, **k):
        threads.append(threading.current_thread())
        result = real(*a, **k)
        time.sleep(seconds)  # time to press Cancel while the transaction is still open
        return result

    monkeypatch.setattr(wc, name, slow)
    return lambda: monkeypatch.setattr(wc, name, real)


def _cancel_when_running(w):
    def poll():
        if w.ctx.jobs.jobs:
            w.ctx.jobs.jobs[0].dialog.canceled.emit()  # as the Cancel button does
        else:
            QTimer.singleShot(10, poll)
    QTimer.singleShot(10, poll)


def test_workbook_apply_runs_off_the_gui_thread_and_cancel_rolls_it_back(qtbot, planned, monkeypatch):
    w = planned
    threads: list = []
    restore = _slowed(monkeypatch, "apply_undoable", 0.5, threads)
    _cancel_when_running(w)
    w.workbook.preview_dialog.accept()
    assert threads and threads[0] is not threading.main_thread()
    assert w.ctx.store.count_studies() == 0 and w.ctx.undo_stack.count() == 0  # rolled back, nothing to undo
    restore()
    w.workbook.import_action.trigger()
    qtbot.waitUntil(lambda: w.workbook.job is None and w.workbook.preview_dialog is not None, timeout=20000)
    w.workbook.preview_dialog.accept()
    assert w.ctx.store.count_studies() == 1 and w.ctx.undo_stack.count() == 1


def test_a_cancelled_undo_of_a_workbook_import_leaves_it_applied_and_undoable(qtbot, planned, monkeypatch):
    w = planned
    w.workbook.preview_dialog.accept()
    stack = w.ctx.undo_stack
    assert w.ctx.store.count_studies() == 1 and stack.index() == 1
    threads: list = []
    restore = _slowed(monkeypatch, "undo_import", 0.5, threads)
    _cancel_when_running(w)
    stack.undo()
    assert threads and threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: stack.index() == 1, timeout=3000)  # the step is back on the stack
    assert w.ctx.store.count_studies() == 1 and stack.canUndo()
    restore()
    stack.undo()
    assert w.ctx.store.count_studies() == 0 and stack.index() == 0
    stack.redo()
    assert w.ctx.store.count_studies() == 1


@pytest.fixture
def planned_many(qtbot, open_window, tmp_path, dialogs, monkeypatch):
    """A window whose workbook preview (12 new studies) is open, ready to apply."""
    from gui import ask
    from tests.workbook.helpers import DOC_TEXT, document, rich_study, store_with

    docs = [document(DOC_TEXT + f"\nCopy {i}.", name=f"trial_{i}.txt") for i in range(12)]
    studies = [rich_study(d) for d in docs]
    for i, ab in enumerate(studies):
        ab.study.registry_ids = [f"NCT0{i:07d}"]
    store_with(tmp_path / "other.db", studies, [[d] for d in docs]).close()
    from abstractor.workbook import export_workbook
    from gui.app import open_store

    with open_store(tmp_path / "other.db") as s:
        export_workbook(s, tmp_path / "many.xlsx")
    w = open_window()
    monkeypatch.setattr(ask, "open_file", lambda *a: str(tmp_path / "many.xlsx"))
    w.workbook.import_action.trigger()
    qtbot.waitUntil(lambda: w.workbook.job is None and w.workbook.preview_dialog is not None, timeout=20000)
    return w


def _slow_steps(monkeypatch, name: str, seen: list):
    """The core call of ``name`` with each progress step taking 50 ms (recorded in ``seen``)."""
    import gui.workbook_commands as wc

    real = getattr(wc, name)

    def slow(*a, progress=None, **k):
        def step(done, total):
            seen.append((done, total))
            time.sleep(0.05)
            progress(done, total)
        return real(*a, progress=step, **k)

    monkeypatch.setattr(wc, name, slow)
    return lambda: monkeypatch.setattr(wc, name, real)


def _cancel_at_progress(w, shown: list):
    """Press Cancel once the dialog's bar has moved (what it showed is kept in ``shown``)."""
    def poll():
        jobs = w.ctx.jobs.jobs
        if jobs and jobs[0].dialog.value() > 0:
            d = jobs[0].dialog
            shown.append((d.value(), d.maximum(), d.labelText()))
            d.canceled.emit()  # as the Cancel button does
        else:
            QTimer.singleShot(5, poll)
    QTimer.singleShot(5, poll)


def test_workbook_apply_shows_its_progress_and_cancel_stops_at_the_next_study(qtbot, planned_many, monkeypatch):
    w = planned_many
    seen: list = []
    shown: list = []
    restore = _slow_steps(monkeypatch, "apply_undoable", seen)
    _cancel_at_progress(w, shown)
    w.workbook.preview_dialog.accept()
    assert shown and shown[0][1] == 12 and 0 < shown[0][0] < 12  # a bar of 12 studies, part way
    assert "of 12 studies" in shown[0][2]
    assert len(seen) <= shown[0][0] + 2  # stopped at the next study, not at the end of the transaction
    assert w.ctx.store.count_studies() == 0 and w.ctx.undo_stack.count() == 0  # rolled back: nothing half-applied
    restore()
    w.workbook.import_action.trigger()
    qtbot.waitUntil(lambda: w.workbook.job is None and w.workbook.preview_dialog is not None, timeout=20000)
    w.workbook.preview_dialog.accept()
    assert w.ctx.store.count_studies() == 12 and w.ctx.undo_stack.count() == 1


def test_undoing_a_workbook_import_shows_its_progress_and_cancel_keeps_it_all(qtbot, planned_many, monkeypatch):
    w = planned_many
    w.workbook.preview_dialog.accept()
    stack = w.ctx.undo_stack
    assert w.ctx.store.count_studies() == 12 and stack.index() == 1
    seen: list = []
    shown: list = []
    restore = _slow_steps(monkeypatch, "undo_import", seen)
    _cancel_at_progress(w, shown)
    stack.undo()
    qtbot.waitUntil(lambda: stack.index() == 1, timeout=3000)  # the step is back on the stack
    assert shown and shown[0][1] == 12 and len(seen) <= shown[0][0] + 2
    assert w.ctx.store.count_studies() == 12 and stack.canUndo()  # not one study removed
    restore()
    stack.undo()
    assert w.ctx.store.count_studies() == 0 and stack.index() == 0
