"""Render the eight invented ClinicalTrials.gov-style records of blind set 3.

Each record below is written in the gold schema of shared/corpus/ctgov/README.md
(invented studies, invented values).  ``render`` turns one record into a page in
the layout combination named by its ``_layout`` dict, the way the ctgov corpus
README describes the layouts.  Run once: ``python make_ctgov.py`` writes
``g*.txt`` and ``g*.gold.json`` next to this file.  The pages were then checked
by eye; they are kept as files so that the tests do not depend on this script.
"""
from __future__ import annotations

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

TITLE_CASE = {
    "INTERVENTIONAL": "Interventional", "OBSERVATIONAL": "Observational", "EXPANDED_ACCESS": "Expanded Access",
    "RANDOMIZED": "Randomized", "NON_RANDOMIZED": "Non-Randomized", "NA": "N/A",
    "PARALLEL": "Parallel", "CROSSOVER": "Crossover", "SEQUENTIAL": "Sequential", "SINGLE_GROUP": "Single Group",
    "FACTORIAL": "Factorial", "TREATMENT": "Treatment", "PREVENTION": "Prevention",
    "SUPPORTIVE_CARE": "Supportive Care", "DEVICE_FEASIBILITY": "Device Feasibility", "OTHER": "Other",
    "HEALTH_SERVICES_RESEARCH": "Health Services Research",
    "RECRUITING": "Recruiting", "COMPLETED": "Completed", "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "NOT_YET_RECRUITING": "Not yet recruiting", "AVAILABLE": "Available", "TERMINATED": "Terminated",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation", "WITHDRAWN": "Withdrawn",
}
PHASE_WORDS = {"PHASE1": "Phase 1", "PHASE2": "Phase 2", "PHASE3": "Phase 3", "PHASE4": "Phase 4",
               "EARLY_PHASE1": "Early Phase 1", "NA": "Not Applicable"}
ARM_WORDS = {"EXPERIMENTAL": "Experimental", "ACTIVE_COMPARATOR": "Active Comparator",
             "PLACEBO_COMPARATOR": "Placebo Comparator", "SHAM_COMPARATOR": "Sham Comparator",
             "NO_INTERVENTION": "No Intervention", "OTHER": "Other"}
ITYPE = {"DRUG": "Drug", "BIOLOGICAL": "Biological", "DEVICE": "Device", "BEHAVIORAL": "Behavioral",
         "PROCEDURE": "Procedure", "OTHER": "Other", "DIETARY_SUPPLEMENT": "Dietary Supplement",
         "GENETIC": "Genetic", "RADIATION": "Radiation", "DIAGNOSTIC_TEST": "Diagnostic Test"}


def _enum(v, L):
    return TITLE_CASE.get(v, v) if L.get("title_case") else v


def render(r: dict) -> str:
    L = r["_layout"]
    out = [r["title"]]
    if r.get("official_title"):
        out.append(("Official Title: " if L.get("official_label") else "") + r["official_title"])
    if r.get("acronym"):
        out.append(("Acronym: %s" if L.get("acronym_label") else "(%s)") % r["acronym"])
    if L.get("nct") == "reg":
        out.append("Registration Number: " + r["nct_id"])
    elif L.get("nct") == "ctgov":
        out.append("ClinicalTrials.gov ID " + r["nct_id"])
    out.append(("Sponsor: " if L.get("sponsor_label") else "") + r["sponsor"])
    out.append("")
    if L.get("summary_heading"):
        out.append("Brief Summary")
    out.append(r["_summary"])
    out.append("")
    if r.get("_detail"):
        if L.get("summary_heading"):
            out.append("Detailed Description")
        out.append(r["_detail"])
        out.append("")
    conds = r["conditions"]
    if L.get("cond_block"):
        out += ["Conditions"] + conds
    else:
        out.append(("Condition: " if len(conds) == 1 else "Conditions: ") + ", ".join(conds))
    st = r["overall_status"]
    if L.get("status") == "overall":
        out += ["Overall Status", _enum(st, L)]
    else:
        out.append("Recruitment Status: " + TITLE_CASE.get(st, st))
    if L.get("start_label"):
        out.append("Study Start: " + r["start_date"])
    else:
        out += ["Start date", r["start_date"]]
    out += ["Study Type", _enum(r["study_type"], L)]
    ph = r.get("phases") or []
    if ph:
        style = L.get("phase")
        if style == "enum":
            out += ["Phase", ", ".join(ph)]
        elif style == "words":
            out.append("Phase: " + " / ".join(PHASE_WORDS[p] for p in ph))
        elif style == "pipe":
            out += ["Phase", "|".join(PHASE_WORDS[p] for p in ph)]
    if r.get("allocation"):
        out += ["Allocation", _enum(r["allocation"], L)]
    if r.get("intervention_model"):
        if L.get("model_label"):
            out.append("Model: " + _enum(r["intervention_model"], L))
        else:
            out += ["Intervention Model", _enum(r["intervention_model"], L)]
    if r.get("_model_note"):
        out.append(r["_model_note"])
    if r.get("primary_purpose"):
        if L.get("purpose_label"):
            out.append("Primary Purpose: " + _enum(r["primary_purpose"], L))
        else:
            out += ["Purpose", _enum(r["primary_purpose"], L)]
    if r.get("masking"):
        out += ["Masking", _enum(r["masking"], L) + (" (%s)" % r["_mask_roles"] if r.get("_mask_roles") else "")]
    n = (r.get("enrollment") or {}).get("count")
    es = L.get("enrollment")
    if n is None:
        pass
    elif es == "plain":
        out += ["Enrollment", str(n)]
    elif es == "target":
        out.append("Target Recruitment: %d" % n)
    elif es == "typed":
        out += ["Enrollment (%s)" % r["enrollment"]["type"].title(), str(n)]
    else:
        out.append("Estimated Enrollment: %d participants" % n)
    out.append("")
    # arms
    if not r["arms"] and not r["interventions"]:
        pass
    elif not r["arms"]:
        out.append("Interventions")
        for i in r["interventions"]:
            out.append("%s: %s" % (ITYPE[i["type"]], i["name"]))
            if i.get("description"):
                out.append(i["description"])
    elif L.get("arms") == "table":
        out.append("Participant Group/Arm | Intervention/Treatment")
        idesc = {i["name"]: i for i in r["interventions"]}
        for a in r["arms"]:
            out.append((a["type"] + ": " if a.get("type") else "") + a["label"])
            if a.get("description"):
                out.append(a["description"])
            for name in a["intervention_names"]:
                i = idesc[name]
                out.append("  - %s: %s" % (name, i.get("description") or ""))
    else:
        out.append("Arms and Interventions")
        for a in r["arms"]:
            out.append(a["label"] + (" (%s)" % ARM_WORDS[a["type"]] if a.get("type") and L.get("title_case")
                                     else " (%s)" % a["type"] if a.get("type") else ""))
            if a.get("description"):
                out.append(a["description"])
            idx = {i["name"]: i for i in r["interventions"]}
            for name in a["intervention_names"]:
                out.append("%s: %s" % (ITYPE[idx[name]["type"]], name))
        out.append("")
        for i in r["interventions"]:
            out.append("%s: %s" % (ITYPE[i["type"]], i["name"]))
            if i.get("description"):
                out.append(i["description"])
            if i.get("other_names"):
                out.append("Other names: " + ", ".join(i["other_names"]))
    out.append("")
    sites = _sites(r, L)
    if L.get("sites_first"):
        out += sites
    out += _outcomes(r, L, glue=bool(L.get("glue") and L.get("sites_first")))
    out += _elig(r, L)
    if not L.get("sites_first"):
        out.append("")
        out += sites
    text = "\n".join(out).rstrip() + "\n"
    if L.get("glue") and L.get("sites_first"):
        # the last site's status runs into the outcomes heading, as in raw scrapes
        text = text.replace("\n@@GLUE@@\n", "")
    return text


def _sites(r, L):
    out = [L.get("sites_heading", "Locations")]
    for s in r["locations"]:
        out.append(s["facility"])
        out.append(", ".join(x for x in (s["city"], s.get("state"), s["country"]) if x))
        if s.get("_status"):
            out.append(s["_status"])
    if not (L.get("glue") and L.get("sites_first")):
        out.append("")
    else:
        out.append("@@GLUE@@")
    return out


def _outcomes(r, L, glue=False):
    out = []
    style = L.get("outcomes")
    for key, head in (("primary_outcomes", "Primary Outcome Measures"), ("secondary_outcomes", "Secondary Outcome Measures")):
        items = r.get(key) or []
        if not items:
            continue
        h = head if style != "timeframe" else head.replace(" Measures", "s")
        out.append(h)
        for n, o in enumerate(items, 1):
            if style == "bracket":
                out.append("%d. %s [Time Frame: %s]" % (n, o["measure"], o["time_frame"]))
                if o.get("description"):
                    out.append("   " + o["description"])
            else:
                out.append(o["measure"])
                if o.get("description"):
                    out.append(o["description"])
                out.append(("Timeframe: " if style == "timeframe" else "Time frame: ") + o["time_frame"])
            out.append("")
    return out


def _elig(r, L):
    e = r["eligibility"]
    out = []
    if L.get("ages") == "eligible":
        lo, hi = e.get("minimum_age"), e.get("maximum_age")
        ages = ("%s to %s" % (lo, hi)) if lo and hi else ("%s and older" % lo) if lo else ("up to %s" % hi)
        sexw = {"ALL": "All", "FEMALE": "Female", "MALE": "Male"}[e["sex"]]
        out += ["Eligibility", "Ages Eligible for Study: " + ages, "Sexes Eligible for Study: " + sexw,
                "Accepts Healthy Volunteers: " + ("Yes" if e["healthy_volunteers"] else "No")]
    else:
        out += ["Eligibility Criteria", "Minimum Age", e.get("minimum_age") or "N/A", "Maximum Age",
                e.get("maximum_age") or "N/A", "Sex", e["sex"], "Healthy Volunteers",
                "Yes" if e["healthy_volunteers"] else "No"]
    out.append("")
    out.append(r["_criteria_text"].rstrip("\n"))
    return out


def main():
    from records_ctgov import RECORDS  # noqa: E402  (data kept apart from the renderer)
    for r in RECORDS:
        text = render(r)
        name = r["_file"]
        with open(os.path.join(HERE, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        gold = {k: v for k, v in r.items() if not k.startswith("_")}
        gold["locations"] = [{k: v for k, v in s.items() if not k.startswith("_")} for s in r["locations"]]
        with open(os.path.join(HERE, name + ".gold.json"), "w", encoding="utf-8") as f:
            json.dump(gold, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    import sys
    sys.path.insert(0, HERE)
    main()
