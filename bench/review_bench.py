"""Review benchmark (issue 6): comparing two sets of 1,000 studies vs reading both.

Builds 1,000 invented studies (side A) and a second abstractor's version of
each (side B: rows reordered, some criteria missing or reworded, some phases,
units and enrollments changed), writes both as JSON exports (and as workbooks
when the workbook package can read them back), then times in the same run:

- read: loading both files into validated studies (what `compare` does first);
- compare: matching studies and rows, agreement statistics, the report workbook.

Target: compare <= 2x read.  Usage: python bench/review_bench.py [--studies N]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from abstractor.review.agreement import compute  # noqa: E402
from abstractor.review.compare import compare_sets  # noqa: E402
from abstractor.review.report import write_report  # noqa: E402
from abstractor.review.sources import load_side  # noqa: E402
from models.schema import Abstraction  # noqa: E402

WORDS = ("cells infusion dose escalation toxicity response lymphoma leukemia patients cohort safety serum "
         "efficacy relapsed refractory antigen receptor chimeric autologous allogeneic prior therapy grade "
         "bilirubin creatinine clearance cardiac ejection fraction pregnancy consent infection hepatitis").split()
PHASES = (["PHASE1"], ["PHASE1", "PHASE2"], ["EARLY_PHASE1"], ["PHASE2"])


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def invented_study(i: int, rng: random.Random) -> dict:
    """One study written for this benchmark (no registry record's text)."""
    doses = [rng.choice((1, 2, 3, 5)) * 10 ** rng.randint(5, 8) for _ in range(3)]
    return {
        "schema": "protocol-abstraction/1",
        "study": {
            "registry_ids": [f"NCT{80000000 + i}"], "title": f"Study {i}: {_words(rng, 8)}",
            "sponsor": f"Invented Centre {i % 40}", "conditions": [_words(rng, 3) for _ in range(2)],
            "phases": rng.choice(PHASES), "study_type": "INTERVENTIONAL", "allocation": "NA",
            "intervention_model": rng.choice(["SINGLE_GROUP", "SEQUENTIAL"]), "masking": "NONE",
            "primary_purpose": "TREATMENT", "enrollment": rng.randint(6, 60), "overall_status": "RECRUITING",
            "min_age": "18 Years", "max_age": "70 Years", "sex": "ALL",
            "sites": [{"facility": f"Invented Hospital {k}", "city": "Springfield", "country": "China"}
                      for k in range(2)],
            "target_antigens": [f"CD{i % 99}"], "cell_type": "CAR-T", "cell_source": "AUTOLOGOUS",
        },
        "arms": [{"label": f"Cohort {k}", "type": "EXPERIMENTAL", "description": _words(rng, 10),
                  "interventions": [f"CAR-T {i}"]} for k in range(2)],
        "interventions": [{"name": f"CAR-T {i}", "type": "BIOLOGICAL", "description": _words(rng, 8)},
                          {"name": "Fludarabine", "type": "DRUG"}],
        "dose_levels": [{"value": float(d), "unit": "cells/kg", "text": f"{d:.0e} cells/kg"} for d in doses],
        "escalation": {"method": "3+3", "dlt_window_days": 28},
        "outcomes": [{"kind": "PRIMARY" if k == 0 else "SECONDARY", "measure": _words(rng, 6),
                      "time_frame": f"{k + 1} months"} for k in range(6)],
        "criteria": [{"kind": "INCLUSION" if k < 12 else "EXCLUSION", "text": f"{k}. {_words(rng, 12)}",
                      "category": "other"} for k in range(20)],
        "evidence": [{"field": "study.enrollment", "start": 10, "end": 12, "quote": "24"}],
        "abstractor": "ana",
    }


def second_abstractor(d: dict, rng: random.Random) -> dict:
    """The same study as another person would abstract it: same facts, some slips."""
    b = json.loads(json.dumps(d))
    b["abstractor"] = "ben"
    rng.shuffle(b["criteria"])
    rng.shuffle(b["outcomes"])
    if rng.random() < 0.3:
        b["criteria"].pop()
    if rng.random() < 0.2:
        c = rng.choice(b["criteria"])
        c["text"] = c["text"].replace(" ", " the ", 1)
    if rng.random() < 0.2:
        b["study"]["phases"] = rng.choice(PHASES)
    if rng.random() < 0.2:
        b["dose_levels"][0]["unit"] = "cells"
    if rng.random() < 0.1:
        b["study"]["enrollment"] += 1
    return b


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--studies", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="best of this many rounds")
    args = ap.parse_args(argv)
    rng = random.Random(6)
    side_a = [invented_study(i, rng) for i in range(args.studies)]
    side_b = [second_abstractor(d, rng) for d in side_a]
    rng.shuffle(side_b)  # a second person's export comes in another order
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs = [("JSON exports", _json_files(folder, side_a, side_b))]
        xlsx = _workbooks(folder, side_a, side_b)
        if xlsx:
            runs.append(("workbooks", xlsx))
        print(f"## Review (issue 6) -- {args.studies} studies per side, best of {args.rounds}")
        worst = 0.0
        for kind, files in runs:
            best_read = best_cmp = float("inf")
            for _ in range(args.rounds):
                (a, b), t_read = timed(lambda: (load_side(files[0], "A"), load_side(files[1], "B")))
                assert a.ok and b.ok and not a.problems and not b.problems, (a.fatal, b.fatal, a.problems[:3])

                def run():
                    c = compare_sets(a.studies, b.studies, a.label, b.label)
                    write_report(c, folder / "report.xlsx", compute(c))
                    return c

                c, t_cmp = timed(run)
                best_read, best_cmp = min(best_read, t_read), min(best_cmp, t_cmp)
            ratio = best_cmp / best_read
            worst = max(worst, ratio)
            print(f"{kind:13} read both {best_read:5.2f} s | compare + agreement + report {best_cmp:5.2f} s "
                  f"= {ratio:.2f}x read (target <= 2x) | {len(c.matched)} matched, "
                  f"{len(c.discrepancies)} discrepancies")
    return 0 if worst <= 2.0 else 1


def _json_files(folder: Path, side_a: list[dict], side_b: list[dict]) -> list[Path]:
    out = []
    for name, items in (("a.json", side_a), ("b.json", side_b)):
        (folder / name).write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        out.append(folder / name)
    return out


def _workbooks(folder: Path, side_a: list[dict], side_b: list[dict]):
    """Both sides as workbooks, when the workbook package can both write and read them."""
    try:
        from abstractor.workbook import export_abstractions, read_workbook  # noqa: F401
    except ImportError:
        return None
    out = []
    for name, items in (("a.xlsx", side_a), ("b.xlsx", side_b)):
        studies = [Abstraction.model_validate(d) for d in items]
        for ab in studies:  # a workbook carries every row's id
            ab.id = uuid.uuid4().hex
            for key in ("arms", "interventions", "dose_levels", "outcomes", "criteria"):
                for item in getattr(ab, key):
                    item.id = uuid.uuid4().hex
            for site in ab.study.sites:
                site.id = uuid.uuid4().hex
        export_abstractions(folder / name, studies)
        out.append(folder / name)
    return out


if __name__ == "__main__":
    sys.exit(main())
