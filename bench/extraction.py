"""Benchmark for issue 5: extraction accuracy, evidence validity and speed.

Runs ``abstractor.extraction.extract`` on every ../shared/corpus/{seeds,ctgov,registries}/*.txt
and tests/extraction/blind/*.txt, blind2/*.txt, blind3/*.txt, blind4/*.txt (reported only, no target),
writes the predictions as JSON arrays under bench/out/, scores them with
../shared/tools/score.py, checks that every evidence quote equals
text[start:end], and times pages per second on one core.

    .venv/bin/python bench/extraction.py [--shared DIR] [--repeat N]
    .venv/bin/python bench/extraction.py --set DIR [--set DIR ...] [--fields]

``--set DIR`` scores only the given gold folders (any folder of *.txt + *.gold.json,
e.g. ../shared/corpus/registries or ../blind/batchA) and prints precision beside F1;
``--fields`` adds per-field P/R/F1. Exits 0 with a message when the shared corpus is absent.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from abstractor.extraction import extract  # noqa: E402


def read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        t = f.read()
    t = t[1:] if t.startswith("\ufeff") else t
    return t.replace("\r\n", "\n").replace("\r", "\n")


def run_set(shared: str, name: str, out_dir: str, gold: str | None = None) -> dict:
    gold = gold or os.path.join(shared, "corpus", name)
    paths = sorted(glob.glob(os.path.join(gold, "*.txt")))
    preds, bad, items = [], 0, 0
    for p in paths:
        text = read(p)
        ex = extract(text, file_name=os.path.basename(p), sha256=hashlib.sha256(text.encode()).hexdigest())
        d = ex.abstraction.to_json_dict()
        for e in d["evidence"]:
            items += 1
            bad += text[e["start"]:e["end"]] != e["quote"]
        preds.append(d)
    pred_file = os.path.join(out_dir, "extraction_%s.json" % name)
    with open(pred_file, "w", encoding="utf-8") as f:
        json.dump(preds, f, ensure_ascii=False, indent=1)
    score = os.path.join(shared, "tools", "score.py")
    res = subprocess.run([sys.executable, score, "--gold", gold, "--pred", pred_file, "--json"],
                         capture_output=True, text=True)
    rep = json.loads(res.stdout.splitlines()[0]) if res.returncode == 0 else {}
    table = subprocess.run([sys.executable, score, "--gold", gold, "--pred", pred_file],
                           capture_output=True, text=True).stdout
    with open(os.path.join(out_dir, "extraction_%s.txt" % name), "w", encoding="utf-8") as f:
        f.write(table)
    ev = rep.get("evidence") or {}
    fields = {}
    for grp, c in (rep.get("groups") or {}).items():
        fields[grp] = (c.get("precision"), c.get("recall"), c.get("f1"))
    for f, c in (rep.get("scalars") or {}).items():
        fields[f] = (c.get("precision"), c.get("recall"), c.get("f1"))
    return {"set": name, "fields": fields, "docs": len(paths), "f1": rep.get("overall", {}).get("f1"),
            "precision": rep.get("overall", {}).get("precision"), "recall": rep.get("overall", {}).get("recall"),
            "evidence_valid_rate": ev.get("evidence_valid_rate"), "entries": items, "bad_quotes": bad,
            "summary": table.strip().splitlines()[-1] if table.strip() else ""}


def speed(shared: str, repeat: int, sets=("seeds", "ctgov")) -> float:
    texts = [read(p) for s in sets for p in sorted(glob.glob(os.path.join(shared, "corpus", s, "*.txt")))]
    for t in texts:             # warm-up (regex compilation, imports)
        extract(t)
    t0 = time.process_time()
    for _ in range(repeat):
        for t in texts:
            extract(t)
    dt = time.process_time() - t0
    return repeat * len(texts) / dt if dt else float("inf")


def report(r: dict, fields: bool) -> None:
    print("%-6s docs %2d  overall F1 %.3f (P %.3f R %.3f)  evidence valid %.3f  quotes %d/%d exact" % (
        r["set"], r["docs"], r["f1"] or 0, r["precision"] or 0, r["recall"] or 0,
        r["evidence_valid_rate"] or 0, r["entries"] - r["bad_quotes"], r["entries"]))
    print("       " + re.sub(r"\s+", " ", r["summary"]))
    if fields:
        for f, (p, rc, f1) in r["fields"].items():
            fmt = lambda x: "  n/a" if x is None else "%.3f" % x  # noqa: E731
            print("       %-20s P %s R %s F1 %s" % (f, fmt(p), fmt(rc), fmt(f1)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--set", action="append", default=[], metavar="DIR",
                    help="score only this gold folder (repeatable); no targets, no speed")
    ap.add_argument("--fields", action="store_true", help="print per-field precision / recall / F1")
    args = ap.parse_args(argv)
    shared = os.path.abspath(args.shared)
    if not os.path.isdir(os.path.join(shared, "corpus")) or not os.path.exists(
            os.path.join(shared, "tools", "score.py")):
        print("bench/extraction: skipped, shared corpus not found at %s" % shared)
        return 0
    try:                        # one core, as the target says
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass
    out_dir = os.path.join(ROOT, "bench", "out")
    os.makedirs(out_dir, exist_ok=True)
    if args.set:
        for d in args.set:
            d = os.path.abspath(d)
            name = re.sub(r"\W+", "_", os.path.basename(d.rstrip("/"))) or "set"
            report(run_set(shared, name, out_dir, d), args.fields)
        return 0
    results = [run_set(shared, s, out_dir) for s in ("ctgov", "seeds", "registries")]
    # Blind sets (tests/extraction/blind*): reported, no target (their first-run figures are in README).
    blinds = [run_set(shared, b, out_dir, os.path.join(ROOT, "tests", "extraction", b))
              for b in ("blind", "blind2", "blind3", "blind4")]
    pps = speed(shared, args.repeat)
    pps_all = speed(shared, max(1, args.repeat // 2), ("seeds", "ctgov", "registries"))
    for r in results + blinds:
        report(r, args.fields)
    print("speed: %.0f pages/s on one core on seeds+ctgov (CPU time, %d passes); %.0f with the registry pages"
          % (pps, args.repeat, pps_all))
    # ctgov >= 0.98 and seeds 1.00 (issue 10); the registries set is a regression set (tuned on)
    ok = all((r["f1"] or 0) >= t for r, t in zip(results, (0.98, 1.0, 0.97))) and \
        (results[2]["precision"] or 0) >= 0.98 and \
        all(r["bad_quotes"] == 0 and (r["evidence_valid_rate"] or 0) == 1.0 for r in results + blinds)
    print("accuracy targets met" if ok else "accuracy targets NOT met")
    print("speed target (>= 200 pages/s) %s" % ("met" if pps >= 200 else "NOT met on this (loaded) machine"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
