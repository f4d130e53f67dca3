"""Shared pieces of the held-out page generators: page buffer, gold skeleton, criteria."""
from __future__ import annotations

from tests.extraction.held_out import pools as P


class Page:
    """Lines of a page being written; ``glue_next`` runs a word into the next text, as scrapes do."""

    def __init__(self):
        self.parts: list[str] = []
        self.glue = None

    def add(self, s: str) -> None:
        if self.glue is not None:
            if not s.strip():
                return
            s, self.glue = self.glue + s.lstrip("\n"), None
        self.parts.append(s)

    def glue_next(self, word: str) -> None:
        self.glue = word

    def text(self) -> str:
        if self.glue is not None:
            self.parts.append(self.glue)
        return "\n".join(self.parts).rstrip("\n") + "\n"


def new_gold() -> dict:
    return {"study": {"registry_ids": [], "title": None, "sponsor": None, "conditions": [], "phases": [],
                      "study_type": None, "allocation": None, "intervention_model": None, "masking": None,
                      "primary_purpose": None, "enrollment": None, "overall_status": None, "min_age": None,
                      "max_age": None, "sex": None, "sites": []},
            "acronym": None, "arms": [], "interventions": [], "dose_levels": [],
            "escalation": {"method": None, "dlt_window_days": None}, "outcomes": [], "criteria": [],
            "_optional_criteria": []}


def fill(t: str, **kw) -> str:
    for k, v in kw.items():
        t = t.replace("{%s}" % k, str(v))
    return t


def _crit_text(rng, t, drug, cond, lo, hi):
    return fill(t, lo=lo, hi=hi, ps=rng.choice([1, 2]), w=rng.choice([4, 8, 12]), cond=cond.lower(), drug=drug,
                cr=rng.choice(["1.5", "2.0"]), uln=rng.choice([2.5, 3, 5]))


def criteria_block(rng, g, drug, cond, lo, hi, style="dash") -> str:
    """Inclusion/Exclusion sections with one nested lead-in item and sometimes a group note."""
    out = []
    for kind, pool in (("INCLUSION", P.INCLUSION), ("EXCLUSION", P.EXCLUSION)):
        key = "Key " if rng.random() < 0.2 else ""
        out.append(key + ("Inclusion Criteria:" if kind == "INCLUSION" else rng.choice(["Exclusion Criteria:",
                                                                                     "Exclusion Criteria"])))
        out.append("")
        picks = rng.sample(pool, rng.randint(3, min(7, len(pool))))
        k = 0
        for n, (t, cat) in enumerate(picks):
            text = _crit_text(rng, t, drug, cond, lo, hi)
            if kind == "INCLUSION" and n == 1 and rng.random() < 0.4:
                note = "For participants in the expansion part only:"
                out.append(note + "\n")
                g["_optional_criteria"].append(note)
            sub = []
            if kind == "INCLUSION" and n == len(picks) - 1 and rng.random() < 0.5:
                text, cat = "Adequate organ function, defined as:", "organ_function"
                sub = ["Absolute neutrophil count \u2265 1.0 x 10^9/L", "Platelets \u2265 75 x 10^9/L"]
            k += 1
            mark = {"dash": "  - ", "star": "* ", "num": "%d. " % k}[style]
            out.append(mark + text)
            for s in sub:
                out.append("      - " + s)
            out.append("")
            gtext = text + (" " + "; ".join(sub) if sub else "")
            g["criteria"].append({"kind": kind, "text": gtext, "category": cat})
    if rng.random() < 0.2:
        note = "Other protocol-defined inclusion/exclusion criteria apply"
        out.append(note)
        g["_optional_criteria"].append(note)
    return "\n".join(out)
