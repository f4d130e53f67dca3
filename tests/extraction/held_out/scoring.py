"""Per-field accuracy of extractions against generated gold (a small stand-in for score.py).

Scalars: a page counts as correct when prediction equals gold after
normalisation, null == null included; a non-null prediction where gold is null
is also counted as ``spurious``. Lists: items paired by key (normalised text,
difflib ratio >= 0.85 as in score.py), giving TP/FP/FN; ``attr_ok`` counts
paired items whose secondary attribute (kind, type, time frame ...) is right.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

SCALARS = ["title", "registry_ids", "phases", "study_type", "allocation", "intervention_model", "masking",
           "primary_purpose", "enrollment", "overall_status", "sponsor", "min_age", "max_age", "sex"]
EXTRAS = ["acronym", "escalation.method", "escalation.dlt_window_days"]


def norm(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s))
    s = re.sub(r"\\([^\w\s])", r"\1", s)
    s = re.sub(r"^\s*(?:[-*\u2022\u2043]+\s*|\(?\d{1,3}\\?[.)]\s+)", "", s)
    return re.sub(r"\s+", " ", s).strip().lower().rstrip(" ;,.")


def _scalar(v):
    if v in (None, "", []):
        return None
    if isinstance(v, list):
        return frozenset(norm(x) for x in v)
    if isinstance(v, (int, float)):
        return float(v)
    return norm(v)


def _key(field, item):
    if field == "dose_levels":
        r = [None if v is None else float("%.6g" % v) for v in (item.get("value"), item.get("value_max"))]
        return (r[0], r[1], item.get("unit"))
    k = {"outcomes": "measure", "criteria": "text", "arms": "label", "interventions": "name",
         "sites": "facility"}.get(field)
    return norm(item.get(k) if k else item)


def _attr_ok(field, g, p) -> bool:
    if field == "outcomes":
        return g["kind"] == p.get("kind") and norm(g["time_frame"]) == norm(p.get("time_frame"))
    if field == "criteria":
        return g["kind"] == p.get("kind")
    if field in ("arms", "interventions"):
        return g.get("type") is None or g.get("type") == p.get("type")
    if field == "sites":
        return all(norm(g[k]) == norm(p.get(k)) for k in ("city", "country"))
    return True


def _same(field, a, b) -> bool:
    if a == b:
        return True
    if field == "dose_levels" or not a or not b:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.85


LISTS = {"conditions": "study.conditions", "sites": "study.sites", "arms": "arms", "interventions": "interventions",
         "outcomes": "outcomes", "criteria": "criteria", "dose_levels": "dose_levels"}


def _get(d, path):
    for k in path.split("."):
        d = (d or {}).get(k)
    return d


class Tally:
    def __init__(self):
        self.s = defaultdict(lambda: {"n": 0, "ok": 0, "spurious": 0, "missed": 0, "wrong": 0})
        self.l = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "attr_ok": 0})
        self.cat = {"n": 0, "ok": 0}
        self.fails: list[tuple] = []

    def add(self, name: str, gold: dict, pred: dict) -> None:
        for f in SCALARS + EXTRAS:
            path = ("study." + f) if f in SCALARS else f
            g, p = _scalar(_get(gold, path)), _scalar(_get(pred, path))
            r = self.s[f]
            r["n"] += 1
            if g == p:
                r["ok"] += 1
                continue
            r["spurious" if g is None else "missed" if p is None else "wrong"] += 1
            self.fails.append((name, f, _get(gold, path), _get(pred, path)))
        for f, path in LISTS.items():
            gi, pi = list(_get(gold, path) or []), list(_get(pred, path) or [])
            optional = {norm(x) for x in gold.get("_optional_criteria", [])} if f == "criteria" else set()
            used = set()
            r = self.l[f]
            for g in gi:
                gk = _key(f, g)
                j = next((j for j, p in enumerate(pi) if j not in used and _key(f, p) == gk), None)
                if j is None:
                    j = next((j for j, p in enumerate(pi) if j not in used and _same(f, gk, _key(f, p))), None)
                if j is None:
                    r["fn"] += 1
                    self.fails.append((name, f + " missed", gk, None))
                    continue
                used.add(j)
                r["tp"] += 1
                ok = _attr_ok(f, g, pi[j])
                r["attr_ok"] += ok
                if not ok:
                    self.fails.append((name, f + " attr", g, pi[j]))
                if f == "criteria" and g.get("category"):
                    self.cat["n"] += 1
                    self.cat["ok"] += g["category"] == pi[j].get("category")
            for j, p in enumerate(pi):
                if j not in used and _key(f, p) not in optional:
                    r["fp"] += 1
                    self.fails.append((name, f + " extra", None, _key(f, p)))

    def scalar_acc(self, f: str) -> float:
        r = self.s[f]
        return r["ok"] / r["n"] if r["n"] else 1.0

    def list_f1(self, f: str) -> float:
        r = self.l[f]
        d = 2 * r["tp"] + r["fp"] + r["fn"]
        return 2 * r["tp"] / d if d else 1.0

    def overall_f1(self) -> float:
        tp = sum(self.s[f]["ok"] for f in SCALARS)
        fp = sum(self.s[f]["spurious"] + self.s[f]["wrong"] for f in SCALARS)
        fn = sum(self.s[f]["missed"] + self.s[f]["wrong"] for f in SCALARS)
        for r in self.l.values():
            tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    def report(self) -> str:
        out = ["scalar              acc    wrong missed spurious"]
        for f in SCALARS + EXTRAS:
            r = self.s[f]
            out.append("%-18s %6.3f %6d %6d %6d" % (f, self.scalar_acc(f), r["wrong"], r["missed"], r["spurious"]))
        out.append("list                 F1     tp    fp    fn  attr_ok")
        for f in LISTS:
            r = self.l[f]
            out.append("%-18s %6.3f %6d %5d %5d %6d" % (f, self.list_f1(f), r["tp"], r["fp"], r["fn"], r["attr_ok"]))
        out.append("criteria category acc %.3f" % (self.cat["ok"] / self.cat["n"] if self.cat["n"] else 1))
        out.append("overall F1 %.3f" % self.overall_f1())
        return "\n".join(out)
