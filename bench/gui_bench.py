"""Window speed (issues 3 and 14): start-up vs a bare QMainWindow, a 10,000-study list, switching
studies, a 300-page text, edit latency.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_bench.py
    BENCH_STARTUP_ONLY=1 BENCH_RUNS=7 ...   # start-up figures only (BENCH_RUNS=0: none)
    BENCH_COMPARE=/path/to/older/checkout ... # also: its usable window and this one's, alternately

Start-up runs each program as a fresh process (the same Python) until a paint, alternating, and
compares medians: the frame, the list's first page, the real list, and "usable": a study clicked
as soon as a list is painted, timed until the form paints that study (what the user waits for);
the rest run in this process.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAINT_PROBE = r"""
import os, time, sys
t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
WANT = os.environ.get("PROBE_WIDGET")  # objectName of the widget whose viewport must paint; None: any
CLICK = os.environ.get("PROBE_CLICK")  # "usable": click a study as soon as a list paints; time its showing
LISTS = ("studyListPreview", "studyList")
ROW = 5  # not the study that opens by itself (the newest, row 0)

def done():
    print(f"{time.perf_counter() - t0:.4f}", flush=True)
    os._exit(0)

class Probe(QObject):
    sid = None  # the study clicked
    def eventFilter(self, obj, ev):
        if ev.type() != QEvent.Type.Paint:
            return False
        parent = obj.parent()
        if not CLICK:
            if not WANT or (parent is not None and parent.objectName() == WANT):
                done()
            return False
        if self.sid is None and parent is not None and parent.objectName() in LISTS:
            self.sid = self.click(parent)
        elif self.sid not in (None, False):
            w = next((x for x in app.topLevelWidgets() if x.objectName() == "mainWindow"), None)
            ctx = getattr(w, "ctx", None)
            if ctx is not None and ctx.session.study_id == self.sid and w.form.isAncestorOf(obj):
                done()  # the clicked study is being painted in the form: the click is answered
        return False

    def click(self, view):
        # Press and release the mouse on row ROW of the list that has just painted, as a person would
        # (a list that cannot take clicks yet is skipped: the click waits for the real list); returns
        # that row's study id, or None to wait for the next list.
        if view.objectName() == "studyListPreview":
            item = view.item(ROW, 0)
            sid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        else:
            sid = view.model().ids[ROW]
        if sid is None:
            return None
        from PySide6.QtGui import QMouseEvent
        pos = QPointF(view.visualRect(view.model().index(ROW, 1)).center())
        def press():
            port = view.viewport()
            for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                app.sendEvent(port, QMouseEvent(kind, pos, QPointF(port.mapToGlobal(pos.toPoint())),
                                                Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton
                                                if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton,
                                                Qt.KeyboardModifier.NoModifier))
        QTimer.singleShot(0, press)
        return sid
probe = Probe()
"""
BARE = PAINT_PROBE + r"""
w = QMainWindow(); w.resize(1480, 900); w.installEventFilter(probe); w.show(); app.exec()
"""
OURS = PAINT_PROBE + r"""
sys.path.insert(0, ROOT_)
import main
QApplication.instance().installEventFilter(probe)  # first paint of any widget of the window
main.main(["--db", DB_, "--user", "bench"])
"""


def startup(db: str, runs: int = 7) -> tuple[float, float, float, float, float]:
    """Medians of process start -> first paint: a bare window; the workbench's frame; its study list
    (the first page, read with sqlite3 alone before the core loads); the real list (core imported,
    database open, panels built); and a usable window: a click on a study made as soon as a list is
    painted is answered (that study painted in the form), the wait for the core included."""
    bare, frame, listed, ready, usable = [], [], [], [], []
    ours_code = f"ROOT_, DB_ = {str(ROOT)!r}, {db!r}\n" + OURS
    # As an installed program starts: with its modules' bytecode cached (kept in a folder of its own,
    # filled by a first run that is not timed).  A shell with PYTHONDONTWRITEBYTECODE set would
    # otherwise compile every module of the project at every start (~0.1 s more for the window).
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="gui-bench-pyc-")
    for code, want in ((BARE, ""), (ours_code, "studyList")):
        subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, timeout=60,
                       env={**base, "PROBE_WIDGET": want, "XDG_CONFIG_HOME": tempfile.mkdtemp()})
    for _ in range(runs):
        for code, out, want, click in ((BARE, bare, "", ""), (ours_code, frame, "", ""),
                                       (ours_code, listed, "studyListPreview", ""),
                                       (ours_code, ready, "studyList", ""), (ours_code, usable, "", "1")):
            env = {**base, "PROBE_WIDGET": want, "PROBE_CLICK": click,
                   "XDG_CONFIG_HOME": tempfile.mkdtemp()}  # no real settings
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                           timeout=60)
            out.append(time.perf_counter() - t)  # the whole process: interpreter start to the paint
    return tuple(statistics.median(x) for x in (bare, frame, listed, ready, usable))


def compare_usable(db: str, other: str, runs: int) -> None:
    """BENCH_COMPARE=/path/to/another/checkout: the usable window of both trees and the bare window,
    run alternately (the fairest before/after on a machine whose load changes)."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="gui-bench-pyc-")
    codes = {"bare": BARE, "other": f"ROOT_, DB_ = {other!r}, {db!r}\n" + OURS,
             "this": f"ROOT_, DB_ = {str(ROOT)!r}, {db!r}\n" + OURS}
    times: dict[str, list[float]] = {k: [] for k in codes}
    for i in range(runs + 1):  # the first round fills the bytecode cache and is not counted
        for name, code in codes.items():
            env = {**base, "PROBE_WIDGET": "", "PROBE_CLICK": "" if name == "bare" else "1",
                   "XDG_CONFIG_HOME": tempfile.mkdtemp()}
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env, timeout=60)
            if i:
                times[name].append(time.perf_counter() - t)
    bare = statistics.median(times["bare"])
    print(f"usable, alternating ({runs} runs): bare {bare:.3f} s; {other} "
          f"{statistics.median(times['other']) / bare:.2f}x; this tree {statistics.median(times['this']) / bare:.2f}x",
          flush=True)


def make_big_db(path: str, n: int = 10_000) -> None:
    """n studies written straight into the tables (a bench shortcut; the program imports documents)."""
    from sqlalchemy import insert

    from abstractor.storage import Store
    from models import tables as t

    store = Store.open_path(path, user="bench")
    rows = [{"id": t.new_id(), "title": f"Study {i} of CAR-T cells in relapsed disease", "status": "IN_PROGRESS",
             "phases": ["PHASE1"], "target_antigens": [], "created_at": t.utcnow(), "updated_at": t.utcnow()}
            for i in range(n)]
    with store.engine.connect().execution_options(write=True) as conn, conn.begin():
        conn.execute(insert(t.Study), rows)
        conn.execute(insert(t.RegistryId), [{"id": t.new_id(), "study_id": r["id"], "position": 0,
                                              "value": f"NCT{i:08d}"} for i, r in enumerate(rows)])
    store.close()


def add_large_study(store) -> str:
    """A study the size of a big real one, every row with evidence, on its own document."""
    from abstractor.importing.document import ImportedDocument
    from models import schema

    lines, evidence, pos = [], [], 0
    ab = schema.Abstraction(study=schema.StudyFields(title="Large bench study", registry_ids=["NCT99999999"]))

    def line(text: str, path: str) -> None:
        nonlocal pos
        lines.append(text)
        evidence.append(schema.Evidence(field=path, start=pos, end=pos + len(text), quote=text))
        pos += len(text) + 1

    for i in range(60):
        ab.criteria.append(schema.Criterion(kind="INCLUSION" if i < 35 else "EXCLUSION",
                                            text=f"Criterion {i}: serum creatinine < {i} umol/L"))
        line(ab.criteria[-1].text, f"criteria[{i}].text")
    for i in range(15):
        ab.outcomes.append(schema.Outcome(kind="PRIMARY" if i < 3 else "SECONDARY", measure=f"Outcome {i}",
                                          time_frame=f"{i + 1} months"))
        line(ab.outcomes[-1].measure, f"outcomes[{i}].measure")
    for i in range(6):
        ab.dose_levels.append(schema.DoseLevel(value=10 ** (5 + i), unit="cells/kg", text=f"1x10^{5 + i} cells/kg"))
        line(ab.dose_levels[-1].text, f"dose_levels[{i}].text")
    lines += [f"Further criterion {i}: platelets >= {50 + i} x10^9/L" for i in range(3, 13)]  # not yet captured
    text = "\n".join(lines) + "\n"
    ab.evidence = evidence
    doc = ImportedDocument(file_name="large.txt", sha256="0" * 64, kind="txt", text=text, size_bytes=len(text))
    ab.source = schema.Source(file="large.txt", sha256=doc.sha256)
    return store.add_study(ab, [doc])


def page_text(pages: int = 300) -> str:
    para = ("Patients will receive lymphodepleting chemotherapy followed by a single infusion of CAR-T cells at "
            "1×10⁶ CAR+ T cells/kg. Adverse events are graded by CTCAE v5.0; CRS and ICANS by ASTCT criteria. ")
    return "".join(f"\n\n{p + 1}. SECTION {p + 1}\n" + para * 17 for p in range(pages))


def main() -> None:
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from gui.app import create_window, open_demo, open_store

    tmp = tempfile.mkdtemp(prefix="gui-bench-")
    demo = open_demo("bench")
    demo_db = demo.label
    demo.close()

    db2k = os.path.join(tmp, "2000.db")
    make_big_db(db2k, 2000)
    runs = int(os.environ.get("BENCH_RUNS", "7"))  # 0: skip start-up
    bare, frame, listed, ready, usable = startup(db2k, runs) if runs else (1, 1, 1, 1, 1)
    print(f"start-up, 2,000 studies: bare QMainWindow {bare:.3f} s; workbench frame {frame:.3f} s ({frame / bare:.2f}x); "
          f"study list painted {listed:.3f} s ({listed / bare:.2f}x); real list (core loaded, panels built) "
          f"{ready:.3f} s ({ready / bare:.2f}x); usable (a study clicked at the list's first paint is shown) "
          f"{usable:.3f} s ({usable / bare:.2f}x)", flush=True)
    if os.environ.get("BENCH_COMPARE"):
        compare_usable(db2k, os.environ["BENCH_COMPARE"], runs or 7)
    if os.environ.get("BENCH_STARTUP_ONLY"):
        return

    big = os.path.join(tmp, "big.db")
    make_big_db(big)

    class FirstPaint(QObject):
        def __init__(self):
            super().__init__()
            self.at = None

        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    settings = QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat)
    t0 = time.perf_counter()
    store = open_store(big, user="bench")
    w = create_window(store, settings)
    probe = FirstPaint()
    w.study_list.view.viewport().installEventFilter(probe)
    w.show()
    while probe.at is None:
        app.processEvents()
    list_ready = probe.at - t0
    # scrolling: jump page by page through the list; each page fetches its rows lazily
    view = w.study_list.view
    t = time.perf_counter()
    steps = 0
    for row in range(0, 10_000, 37):
        view.scrollTo(w.study_list.model.index(row, 0))
        view.viewport().repaint()
        steps += 1
    scroll_ms = (time.perf_counter() - t) / steps * 1000
    print(f"10,000 studies: list painted {list_ready:.3f} s after opening the database; scrolling "
          f"{scroll_ms:.1f} ms per page")
    w.close()
    store.close()

    # switching between studies (a large one: 60 criteria, 15 outcomes, evidence for each), and editing
    store = open_store(demo_db, user="bench")
    add_large_study(store)
    w = create_window(store, settings)
    w.show()
    app.processEvents()
    ids = w.study_list.model.ids
    times = []
    for i in range(20):
        t = time.perf_counter()
        w.study_list.select_study(ids[i % len(ids)])
        app.processEvents()
        times.append(time.perf_counter() - t)
    switch = statistics.median(times)
    large = store.list_studies("Large bench study")[0].id
    big_times = []
    for i in range(10):
        w.study_list.select_study(ids[0] if ids[0] != large else ids[1])
        app.processEvents()
        t = time.perf_counter()
        w.study_list.select_study(large)
        app.processEvents()
        big_times.append(time.perf_counter() - t)
    print(f"switching study: median {switch * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over the demo studies; "
          f"into the large study (60 criteria, 15 outcomes, 81 evidence spans): median "
          f"{statistics.median(big_times) * 1000:.0f} ms, max {max(big_times) * 1000:.0f} ms")

    title = w.form.design.fields[("study", "title")].editor
    title.setFocus()

    def type_steadily(text: str, every: float) -> list[float]:
        """One key every ``every`` seconds with the event loop running between keys (the 300 ms
        saves run there); per key: from when it was due to its field repainted, so a key that
        arrives during a save counts the wait."""
        out, due = [], time.perf_counter()
        for ch in text:
            while time.perf_counter() < due:
                app.processEvents()
            title.insert(ch)
            title.textEdited.emit(title.text())
            title.repaint()
            out.append(time.perf_counter() - due)
            due += every
        return out

    def p95(xs: list[float]) -> float:
        return sorted(xs)[int(len(xs) * 0.95)]

    text = " typed steadily into the large study at ten keys a second, saved every 300 ms" * 2
    field = w.form.design.fields[("study", "title")]
    writes = []
    real_save = field._save_typed

    def timed_save(*a):
        t = time.perf_counter()
        real_save(*a)
        writes.append(time.perf_counter() - t)

    field._save_typed = timed_save  # (the coalescer calls it through the field)
    w.ctx.edits.flush()
    lat = type_steadily(text, 0.1)
    n_writes = len(writes)
    w.ctx.edits.flush()
    field._save_typed = real_save
    fast = type_steadily(" and faster, fifteen keys a second" * 2, 1 / 15)
    w.ctx.edits.flush()
    app.processEvents()
    every = []  # the same keys with a save after each one: what a keystroke cost before the coalescing
    for ch in " saved at every key as before":
        t = time.perf_counter()
        title.insert(ch)
        title.textEdited.emit(title.text())
        w.ctx.edits.flush()
        title.repaint()
        app.processEvents()
        every.append(time.perf_counter() - t)
    print(f"keystroke to repaint, typing at 10 keys/s ({len(lat)} keys, large study, saved every 300 ms): median "
          f"{statistics.median(lat) * 1000:.1f} ms, 95th percentile {p95(lat) * 1000:.1f} ms, max {max(lat) * 1000:.1f} ms; "
          f"at 15 keys/s ({len(fast)} keys): median {statistics.median(fast) * 1000:.1f} ms, 95th percentile "
          f"{p95(fast) * 1000:.1f} ms; while typing at 10 keys/s the field was written {n_writes} times (median "
          f"{statistics.median(writes[:n_writes]) * 1000:.1f} ms each); saved at every key (no coalescing, as before; {len(every)} keys): median "
          f"{statistics.median(every) * 1000:.1f} ms, 95th percentile {p95(every) * 1000:.1f} ms")
    sel_doc = w.documents.tab()
    adds = []
    for i in range(3, 13):
        start = sel_doc.text.index(f"Further criterion {i}:")  # (a line already captured asks first)
        sel_doc.select(start, sel_doc.text.index("\n", start))
        t = time.perf_counter()
        w.capture.add_rows("criterion", "EXCLUSION")
        app.processEvents()
        adds.append(time.perf_counter() - t)
    print(f"add a criterion from the selection (row + evidence saved, tables refreshed), 10 adds: first "
          f"{adds[0] * 1000:.0f} ms (includes showing the Eligibility tab for the first time), then median "
          f"{statistics.median(adds[1:]) * 1000:.0f} ms, max {max(adds[1:]) * 1000:.0f} ms")

    # a 300-page protocol text
    path = os.path.join(tmp, "protocol_300_pages.txt")
    Path(path).write_text(page_text(), encoding="utf-8")
    from abstractor.importer import import_files

    res = import_files(store, [path])
    sid = res[0].study_id
    w.study_list.reload()
    t = time.perf_counter()
    w.study_list.select_study(sid)
    probe = FirstPaint()
    w.documents.tab().view.viewport().installEventFilter(probe)
    while probe.at is None:
        app.processEvents()
    size = len(Path(path).read_text(encoding="utf-8"))
    print(f"opening a 300-page text ({size / 1e6:.2f} M characters): {probe.at - t:.3f} s to painted")
    w.close()
    store.close()


if __name__ == "__main__":
    main()
