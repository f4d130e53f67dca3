"""Invented scrapes in the style of Chinese-registry / aggregator pages of early cell-therapy trials.

``scrape_page(seed)`` returns (text, gold). Four page shapes: a labels-only
scrape whose site status runs into the first outcome; an aggregator page with
"NameTimeMethod" tables, a glued "GroupInterventionDescription" row and a
"Locations (1)" block; a title + bullet-criteria page (some opened by an id
line) with `\\.`/`\\<` escapes; a ChiCTR-style record with full-width colons
and inline numbered criteria. Dose levels use every notation (×10⁷, x10^7,
`x10\\^7`, 1E7, ranges, per kg or flat); time frames keep typos; numbering skips. Gold follows the seeds
README: only what the page states, null otherwise.
"""
from __future__ import annotations

import random

from tests.extraction.held_out import pools as P
from tests.extraction.held_out.common import Page, new_gold

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ESC = [("3+3", "a conventional 3+3 design"), ("BOIN", "the Bayesian optimal interval (BOIN) design"),
       ("accelerated titration + 3+3", "accelerated titration for the first cohort and then a 3+3 rule"),
       ("i3+3", "an i3+3 design"), (None, None)]
WINDOWS = [(28, "DLTs are assessed within 28 days after the infusion."),
           (21, "The DLT observation period is 21 days."),
           (14, "Each cohort completes a 14-day DLT observation window before escalation."),
           (28, "The DLT evaluation period is 4 weeks."), (None, "")]
TF_TYPOS = ["28 dyas", "3months", "Up to 2 years", "1month, 3 months, 6 months", "day 28", "12 monthes"]


def _dose(rng, mant, exp, unit):
    """One dose string in a random notation and its gold entry."""
    style = rng.randrange(6)
    m = ("%g" % mant)
    if style == 0:
        num = "%s×10%s" % (m, str(exp).translate(_SUP))
    elif style == 1:
        num = "%sx10^%d" % (m, exp)
    elif style == 2:
        num = "%s x10\\^%d" % (m, exp)
    elif style == 3:
        num = "%sE%d" % (m, exp)
    elif style == 4:
        num = "%s × 10^%d" % (m, exp)
    else:
        num = "%s*10^%d" % (m, exp)
    words = {"cells/kg": rng.choice([" CAR-T cells/kg", " CAR-positive cells/kg", "/kg", " cells/kg"]),
             "cells": rng.choice([" CAR-T cells", " cells", " CAR-NK cells"])}[unit]
    text = num + words
    return text, {"value": float(mant * 10 ** exp), "value_max": None, "unit": unit, "text": text}


def _doses(rng, g):
    unit = rng.choice(["cells/kg", "cells/kg", "cells"])
    exp = rng.choice([5, 6, 7]) + (2 if unit == "cells" else 0)
    mants = sorted(rng.sample([0.5, 1, 2, 3, 5, 1.5], rng.randint(2, 3)))
    texts = []
    for mt in mants:
        t, d = _dose(rng, mt, exp, unit)
        texts.append(t)
        g["dose_levels"].append(d)
    if unit == "cells/kg" and rng.random() < 0.4:
        t = "%d-%dx10^%d/kg" % (1, 2, exp + 1)
        texts.append(t)
        g["dose_levels"].append({"value": 10.0 ** (exp + 1), "value_max": 2 * 10.0 ** (exp + 1), "unit": "cells/kg",
                                 "text": t})
    return "Planned dose levels are " + ", ".join(texts[:-1]) + " and " + texts[-1] + "."


def _escalation(rng, g):
    meth, phrase = rng.choice(ESC)
    days, wtxt = rng.choice(WINDOWS)
    g["escalation"] = {"method": meth, "dlt_window_days": days if meth or days else None}
    if meth is None and days is None:
        return ""
    s = ("Dose escalation uses %s. " % phrase) if meth else "Participants are treated in sequential cohorts. "
    return s + wtxt


def _outcomes(rng, g, product, kind="OTHER"):
    out = []
    for m, d in rng.sample(P.MEASURES, rng.randint(2, 4)):
        m = m.replace("{drug}", product)
        tf = rng.choice(TF_TYPOS)
        g["outcomes"].append({"kind": kind, "measure": m, "description": d, "time_frame": tf})
        out.append((m, d, tf))
    return out


def _crit_items(rng, lo, hi):
    inc = ["Aged %d-%d years (including %d and %d years), gender is not limited" % (lo, hi, lo, hi),
           "Diagnosed with relapsed or refractory disease confirmed by bone marrow morphology",
           "ECOG score 0-%d" % rng.choice([1, 2]),
           "Liver function: ALT/AST \\< %d times the upper limit of normal" % rng.choice([2, 3]),
           "Expected survival time of more than 12 weeks",
           "Voluntarily sign the informed consent form"]
    exc = ["Active infection with HBV, HCV or HIV", "Pregnant or lactating women",
           "Received other cell therapy within 3 months", "Serious heart disease with LVEF \\<45%",
           "Central nervous system involvement"]
    return inc[:1] + rng.sample(inc[1:], rng.randint(2, 5)), rng.sample(exc, rng.randint(2, 5))


def scrape_page(seed: int):
    rng = random.Random(seed)
    g = new_gold()
    shape = rng.randrange(5)
    return [_labels_only, _aggregator, _bullets, _chictr, _sparse][shape](rng, g), g


def _sparse(rng, g):
    """A page that states little: every field it lacks must stay null (traps: another trial's phase)."""
    drug = rng.choice(P.DRUGS)
    p = Page()
    if rng.random() < 0.6:
        g["study"]["title"] = rng.choice(["Home monitoring of adults taking %s", "Long-term follow-up after %s",
                                          "Quality of life on %s therapy: a registry"]) % drug
        p.add(g["study"]["title"] + "\n")
    p.add("People who took part in the earlier phase %d trial of %s may join this follow-up. Each visit "
          "includes a short questionnaire and a blood draw." % (rng.choice([2, 3]), drug))
    for m, d, tf in _outcomes(rng, g, drug):
        p.add(m + ("\n" + d if d else "") + "\nTime frame: " + tf)
    p.add("Inclusion criteria")
    for t in rng.sample(["Completed the parent study", "Able to attend clinic visits every 3 months",
                         "Willing to complete questionnaires"], 2):
        p.add(t + ";")
        g["criteria"].append({"kind": "INCLUSION", "text": t + ";", "category": None})
    return p.text()


def _purpose(rng, g, product, heme):
    phase = rng.choice([("phase I", ["PHASE1"]), ("early phase 1", ["EARLY_PHASE1"]), (None, [])])
    g["study"]["phases"] = phase[1]
    g["study"]["conditions"] = ["relapsed/refractory " + heme]
    g["interventions"] = [{"name": product, "type": None, "description": None}]
    g["study"]["intervention_model"], g["study"]["masking"] = "SINGLE_GROUP", "NONE"
    return "This is a%s single-arm, open-label study to evaluate the safety and efficacy of %s in patients with " \
           "relapsed/refractory %s." % ((" " + phase[0] + ",") if phase[0] else "", product, heme)


def _labels_only(rng, g):
    st, p = g["study"], Page()
    product, heme = rng.choice(P.CELL_PRODUCTS), rng.choice(P.HEME)
    p.add(_purpose(rng, g, product, heme))
    p.add(_doses(rng, g) + " " + _escalation(rng, g))
    st.update(study_type="INTERVENTIONAL", allocation="NA", primary_purpose="TREATMENT",
              enrollment=rng.randint(6, 40), overall_status="RECRUITING")
    p.add("Study Type\nINTERVENTIONAL\nAllocation\nNA\nPurpose\nTREATMENT\nMasking\nNONE\nEnrollment\n%d"
          % st["enrollment"])
    desc = "Eligible patients receive lymphodepletion followed by a single infusion of %s." % product
    g["interventions"][0]["description"] = desc
    p.add(desc)
    fac, city, reg, country = rng.choice([s for s in P.SITES if s[3] == "China"])
    st["sites"] = [{"facility": fac, "city": city, "region": reg, "country": country}]
    p.add(fac + "\n" + ", ".join(x for x in (city, reg, country) if x))
    p.glue_next("RECRUITING")
    for k, (m, d, tf) in enumerate(_outcomes(rng, g, product)):
        p.add(m + ("\n" + d if d else "") + "\nTime frame: " + tf)
        if k == 1:
            p.add("Page content is shown for reference and is not a substitute for a doctor's advice.")
    return p.text()


def _aggregator(rng, g):
    st, p = g["study"], Page()
    product, heme = rng.choice(P.CELL_PRODUCTS), rng.choice(P.HEME)
    cond = "Relapsed/Refractory " + heme.title()
    st["title"] = "%s for %s" % (product[0].upper() + product[1:], cond)
    st["conditions"] = [cond]
    st["phases"] = rng.choice([["EARLY_PHASE1"], ["PHASE1"], ["PHASE1", "PHASE2"]])
    shown = {"EARLY_PHASE1": "Early Phase 1", "PHASE1": "Phase 1", "PHASE2": "Phase 2"}
    nct = "NCT0%07d" % rng.randint(0, 9999999)
    st["registry_ids"], st["sponsor"] = [nct], rng.choice(P.SPONSORS)
    st.update(overall_status="RECRUITING", sex="ALL", enrollment=rng.randint(6, 60), study_type="INTERVENTIONAL",
              intervention_model=rng.choice(["SEQUENTIAL", "SINGLE_GROUP"]))
    g["interventions"] = [{"name": product, "type": "BIOLOGICAL", "description": None}]
    p.add("TrialHub\n\n%s\n\n%s\nRecruiting\nConditions\n%s\nInterventions\nBiological: %s\nRegistration Number\n%s"
          "\nLead Sponsor\n%s\nBrief Summary\n\nThis study tests %s in adults.\n" % (
              st["title"], "/".join(shown[x] for x in st["phases"]), cond, product, nct, st["sponsor"], product))
    esc = _escalation(rng, g)
    p.add("Detailed Description\n\n%s %s\n\nRecruitment & Eligibility\n\nStatus\nRECRUITING\nSex\nAll\n"
          "Target Recruitment\n%d\nInclusion Criteria" % (_doses(rng, g), esc, st["enrollment"]))
    inc, exc = _crit_items(rng, 18, 75)
    st["min_age"], st["max_age"] = "18 Years", "75 Years"
    for kind, items in (("INCLUSION", inc), ("EXCLUSION", exc)):
        if kind == "EXCLUSION":
            p.add("Exclusion Criteria")
        n = 0
        for k, t in enumerate(items):
            n += 2 if k == 2 else 1            # the numbering skips once
            g["criteria"].append({"kind": kind, "text": t + ";", "category": None})
            if k > 0 and k == len(items) - 1:   # the last item runs into the one before it
                p.parts[-1] = p.parts[-1].rstrip("\n") + " %d %s;\n" % (n, t)
            else:
                p.add("  %d. %s;\n" % (n, t))
    p.add("Study & Design\n\nStudy Type\nINTERVENTIONAL\nStudy Design\n%s\nArm && Interventions\n"
          "GroupInterventionDescription\nExperimental: Dose escalation.%sPatients receive one infusion." % (
              st["intervention_model"], product))
    g["arms"] = [{"label": "Dose escalation.", "type": "EXPERIMENTAL", "description": None,
                  "interventions": [product]}]
    for kind, head in (("PRIMARY", "Primary Outcome Measures"), ("SECONDARY", "Secondary Outcome Measures")):
        p.add(head + "\nNameTimeMethod")
        before = len(g["outcomes"])
        _outcomes(rng, g, product, kind)
        for o in g["outcomes"][before:]:
            o.update(time_frame=rng.choice(["1 Months", "3 months", "12 months", "28 days"]), description=None)
            p.add(o["measure"] + o["time_frame"])
    fac, city, reg, country = rng.choice(P.SITES)
    st["sites"] = [{"facility": fac, "city": city, "region": reg, "country": country}]
    p.add("\nTrial Locations\n\nLocations (1)\n\n%s\n\n\U0001F3F3\n\n%s\n\n(c) 2025 TrialHub" % (
        fac, ", ".join(x for x in (city, reg, country) if x)))
    return p.text()


def _bullets(rng, g):
    st, p = g["study"], Page()
    product, heme = rng.choice(P.CELL_PRODUCTS), rng.choice(P.HEME)
    st["title"] = "Single-center, open-label study of %s in relapsed refractory %s" % (product, heme)
    id_line = rng.choice([None, None, "ClinicalTrials.gov ID %s", "%s", "Trial ID: %s"])
    if id_line:                            # the page opens with its id; the title is the next line
        st["registry_ids"] = ["NCT0%07d" % rng.randint(0, 9999999)]
        p.add(id_line % st["registry_ids"][0])
    p.add(st["title"])
    p.add("To evaluate the safety and efficacy of %s in the treatment of relapsed refractory %s" % (product, heme))
    st["conditions"] = ["relapsed refractory " + heme]
    g["interventions"] = [{"name": product, "type": None, "description": None}]
    st["masking"] = "NONE"                 # "open-label" in the title
    lo, hi = rng.choice([(18, 70), (14, 65), (18, 75)])
    st["min_age"], st["max_age"], st["sex"] = "%d Years" % lo, "%d Years" % hi, "ALL"
    inc, _exc = _crit_items(rng, lo, hi)
    inc = [inc[0].replace("Aged", "Male or female patients aged").replace(", gender is not limited", "")] + inc[1:]
    for k, t in enumerate(inc):
        if k < 2:
            p.add("\u2022 " + t + ";")
        else:
            p.add("\u2043 %d\\. %s;" % (k + 3, t))
        g["criteria"].append({"kind": "INCLUSION", "text": t + ";", "category": None})
    return p.text()


def _chictr(rng, g):
    st = g["study"]
    product, heme = rng.choice(P.CELL_PRODUCTS), rng.choice(P.HEME)
    cid = "ChiCTR%d" % rng.randint(2100000000, 2500099999)
    st["registry_ids"], st["study_type"] = [cid], "INTERVENTIONAL"
    st["title"] = "Clinical study of %s in %s" % (product, heme)
    st["sponsor"] = rng.choice(P.SPONSORS)
    st["phases"] = rng.choice([["PHASE1"], ["PHASE2"], ["PHASE1", "PHASE2"]])
    ph = {("PHASE1",): "1", ("PHASE2",): "2", ("PHASE1", "PHASE2"): "1/2"}[tuple(st["phases"])]
    st["conditions"] = [heme[0].upper() + heme[1:]]
    st["sex"], st["enrollment"] = "ALL", rng.randint(10, 80)
    lo, hi = rng.choice([(18, 70), (16, 65)])
    st["min_age"], st["max_age"] = "%d Years" % lo, "%d Years" % hi
    inc, exc = _crit_items(rng, lo, hi)
    lines = ["Registration number\uff1a" + cid, "Public title\uff1a" + st["title"],
             "Scientific title\uff1aA prospective, single-center clinical study of %s" % product,
             "Primary sponsor\uff1a" + st["sponsor"], "Study type\uff1aInterventional study",
             "Study phase\uff1a" + ph, "Target disease\uff1a" + st["conditions"][0]]
    for kind, items in (("INCLUSION", inc), ("EXCLUSION", exc)):
        lines.append("%s criteria\uff1a" % kind.title() + " ".join("%d. %s;" % (k + 1, t) for k, t in enumerate(items)))
        g["criteria"] += [{"kind": kind, "text": t + ";", "category": None} for t in items]
    lines += ["Gender\uff1aBoth", "Sample size\uff1a%d" % st["enrollment"]]
    return "\n".join(lines) + "\n"
