"""Workbook export/import speed and memory against raw openpyxl, measured in the same run.

    python bench/workbook_bench.py [--studies 10000] [--dir /tmp/wbbench]

Builds a database of N synthetic studies (25 workbook rows each: ~250,000 rows for
10,000 studies), then, each step in a fresh process (peak RSS per step):
  export   export_workbook()                  vs  raw openpyxl write-only writing the same cell values
  import   import_workbook() into an empty DB  vs  raw openpyxl read-only reading the same file
  reimport import_workbook() into the source DB (every study compared, nothing changes)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(db: Path, n: int) -> None:
    from models import schema
    from abstractor.importing.document import ImportedDocument
    from abstractor.storage import Store, convert

    store = Store.open_path(db, user="bench")
    with store.write() as conn:
        for i in range(n):
            text = (f"Study {i}: anti-CD7 CAR-T 中文 ×10⁷ cells/kg. " * 20)
            doc = ImportedDocument(file_name=f"trial{i}.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
                                   kind="txt", text=text, size_bytes=len(text.encode()), encoding="utf-8")
            ab = schema.Abstraction(
                source=schema.Source(file=doc.file_name, sha256=doc.sha256),
                study=schema.StudyFields(registry_ids=[f"NCT{i:08d}"], title=f"CAR-T study {i} ≥ 18 years",
                                         conditions=["T-ALL", "T-LBL"], phases=["PHASE1"], study_type="INTERVENTIONAL",
                                         enrollment=20 + i % 30, overall_status="RECRUITING", min_age="18 Years",
                                         sex="ALL", sites=[schema.Site(facility="Tongji Hospital", city="Wuhan",
                                                                       country="China")]),
                arms=[schema.Arm(label=f"Arm {k}", type="EXPERIMENTAL", description="Dose escalation\n3+3",
                                 interventions=["CD7 CAR-T"]) for k in range(2)],
                interventions=[schema.Intervention(name="CD7 CAR-T", type="BIOLOGICAL"),
                               schema.Intervention(name="Fludarabine", type="DRUG", other_names=["Fludara"])],
                dose_levels=[schema.DoseLevel(value=v, unit="cells/kg", per_weight=True, text=f"{v:.0e} cells/kg")
                             for v in (1e6, 3e6, 1e7)],
                escalation=schema.Escalation(method="3+3", dlt_window_days=28),
                outcomes=[schema.Outcome(kind="PRIMARY" if k == 0 else "SECONDARY", measure=f"Outcome {k}",
                                         description="Incidence of adverse events graded by CTCAE v5.0",
                                         time_frame="28 days", time_frame_days=28.0) for k in range(5)],
                criteria=[schema.Criterion(kind="INCLUSION" if k < 4 else "EXCLUSION",
                                           text=f"Criterion {k}: creatinine < 220 µmol/L and ECOG ≤ 2",
                                           category="organ_function") for k in range(7)],
                evidence=[schema.Evidence(field="study.enrollment", start=0, end=5, quote=text[:5]),
                          schema.Evidence(field="criteria[0].text", start=6, end=12, quote=text[6:12])],
                review=[schema.ReviewEntry(field="study.enrollment", status="QUERIED",
                                           comments=[schema.Comment(author="rev", text="check")])],
            )

            def add_documents(study_id, doc=doc):
                return {doc.sha256: store.insert_document(conn, study_id, doc, 0)}

            convert.write_study(conn, ab, user="bench", add_documents=add_documents)
    store.close()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step(name: str, args: list[str]) -> dict:
    """Run one step in this file, in a fresh process; its last stdout line is JSON."""
    out = subprocess.run([sys.executable, __file__, "--step", name, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_step(name: str, args: list[str]) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    extra = {}
    if name == "export":
        from abstractor.storage import Store
        from abstractor.workbook import export_workbook

        with Store.open_path(args[0], user="bench") as store:
            t0, c0 = time.perf_counter(), time.process_time()
            res = export_workbook(store, args[1])
        extra = {"rows": sum(res.counts.values())}
    elif name == "raw-write":
        from openpyxl import Workbook
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(args[0])
        sheets = [(n, book.get_sheet_by_name(n).to_python()) for n in book.sheet_names]
        cells = sum(len(r) for _, rows in sheets for r in rows)
        t0, c0 = time.perf_counter(), time.process_time()
        wb = Workbook(write_only=True)
        for n, rows in sheets:
            ws = wb.create_sheet(n)
            for r in rows:
                ws.append([None if v == "" else v for v in r])
        wb.save(args[1])
        extra = {"cells": cells}
    elif name == "import":
        from abstractor.storage import Store
        from abstractor.workbook import import_workbook

        with Store.open_path(args[0], user="bench") as store:
            t0, c0 = time.perf_counter(), time.process_time()
            plan, res = import_workbook(store, args[1])
            extra = {"issues": len(plan.issues), "added": len(res.added) if res else 0,
                     "updated": len(res.updated) if res else 0}
    elif name == "raw-read":
        from openpyxl import load_workbook

        wb = load_workbook(args[0], read_only=True)
        n = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                n += len(row)
        extra = {"cells": n}
    print(json.dumps({"seconds": round(time.perf_counter() - t0, 3), "cpu": round(time.process_time() - c0, 3),
                      "peak_mb": round(_peak_mb(), 1), **extra}))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--studies", type=int, default=10_000)
    p.add_argument("--dir", default="/tmp/wbbench")
    p.add_argument("--step", help=argparse.SUPPRESS)
    p.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.step:
        return run_step(a.step, a.rest)
    d = Path(a.dir)
    d.mkdir(parents=True, exist_ok=True)
    db, empty = d / f"src{a.studies}.db", d / "empty.db"
    empty.unlink(missing_ok=True)
    if not db.exists():
        t = time.perf_counter()
        build(db, a.studies)
        print(f"built {a.studies} studies in {time.perf_counter() - t:.1f} s")
    xlsx, raw = d / "export.xlsx", d / "raw.xlsx"
    ex = step("export", [str(db), str(xlsx)])
    rw = step("raw-write", [str(xlsx), str(raw)])
    im = step("import", [str(empty), str(xlsx)])
    rr = step("raw-read", [str(xlsx)])
    re_ = step("import", [str(db), str(xlsx)])
    print(f"studies {a.studies}, workbook rows {ex['rows']:,}, cells {rw['cells']:,}, "
          f"file {xlsx.stat().st_size / 1e6:.1f} MB")
    print(f"export   {ex['seconds']:7.1f} s  peak {ex['peak_mb']:6.0f} MB | raw write-only {rw['seconds']:7.1f} s"
          f"  ratio {ex['seconds'] / rw['seconds']:.3f}")
    print(f"import   {im['seconds']:7.1f} s  peak {im['peak_mb']:6.0f} MB | raw read-only  {rr['seconds']:7.1f} s"
          f"  ratio {im['seconds'] / rr['seconds']:.3f}  (into an empty database; {im['added']} added)")
    print(f"reimport {re_['seconds']:7.1f} s  peak {re_['peak_mb']:6.0f} MB | ratio {re_['seconds'] / rr['seconds']:.3f}"
          f"  (into the source database: every study compared, {re_['updated']} updated)")
    # CPU time moves less than wall time on a machine others share (each step is its own process).
    print(f"cpu: import {im['cpu']:.1f} s, re-import {re_['cpu']:.1f} s, raw read-only {rr['cpu']:.1f} s: "
          f"ratios {im['cpu'] / rr['cpu']:.3f} and {re_['cpu'] / rr['cpu']:.3f}")


if __name__ == "__main__":
    main()
