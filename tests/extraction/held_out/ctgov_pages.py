"""Invented ClinicalTrials.gov-style pages in the layouts the ctgov README lists.

``ctgov_page(seed)`` returns (text, gold): the page and the values a perfect
abstraction holds (ABSTRACTION_JSON shape, no evidence). Layout choices are
drawn per page: enum vs title-case values, 3 phase styles, 4 enrollment
styles, 2 arm styles, 3 outcome styles (with or without a column header row),
2 age styles, 3 site styles, site block before/after outcomes, the glued
status variant, optional header lines.
"""
from __future__ import annotations

import random

from tests.extraction.held_out import pools as P
from tests.extraction.held_out.common import Page, criteria_block, fill, new_gold

TITLE_CASE = {"INTERVENTIONAL": "Interventional", "OBSERVATIONAL": "Observational", "RANDOMIZED": "Randomized",
              "NON_RANDOMIZED": "Non-Randomized", "NA": "N/A", "SINGLE_GROUP": "Single Group Assignment",
              "PARALLEL": "Parallel Assignment", "CROSSOVER": "Crossover Assignment",
              "SEQUENTIAL": "Sequential Assignment", "NONE": "None (Open Label)",
              "DOUBLE": "Double (Participant, Investigator)", "SINGLE": "Single (Outcomes Assessor)",
              "QUADRUPLE": "Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)",
              "TREATMENT": "Treatment", "PREVENTION": "Prevention", "SUPPORTIVE_CARE": "Supportive Care",
              "BASIC_SCIENCE": "Basic Science", "DIAGNOSTIC": "Diagnostic", "RECRUITING": "Recruiting",
              "COMPLETED": "Completed", "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
              "NOT_YET_RECRUITING": "Not yet recruiting", "TERMINATED": "Terminated",
              "ENROLLING_BY_INVITATION": "Enrolling by invitation", "WITHDRAWN": "Withdrawn",
              "EXPERIMENTAL": "Experimental", "ACTIVE_COMPARATOR": "Active Comparator",
              "PLACEBO_COMPARATOR": "Placebo Comparator", "NO_INTERVENTION": "No Intervention", "OTHER": "Other",
              "DRUG": "Drug", "BIOLOGICAL": "Biological", "BEHAVIORAL": "Behavioral", "DEVICE": "Device",
              "ALL": "All", "FEMALE": "Female", "MALE": "Male"}
PHASES = [["PHASE1"], ["PHASE2"], ["PHASE1", "PHASE2"], ["PHASE3"], ["NA"], ["EARLY_PHASE1"],
          ["PHASE2", "PHASE3"], ["PHASE4"]]
_PH_WORD = {"PHASE1": "Phase 1", "PHASE2": "Phase 2", "PHASE3": "Phase 3", "PHASE4": "Phase 4",
            "EARLY_PHASE1": "Early Phase 1", "NA": "Not Applicable"}


def _title(rng, drug, cond):
    return rng.choice([
        "A Study of %s in Adults With %s" % (drug, cond),
        "%s Versus Placebo for %s" % (drug, cond),
        "Safety and efficacy of %s in patients with %s" % (drug.lower(), cond.lower()),
        "Evaluating %s as add-on therapy in %s" % (drug, cond.lower()),
        "%s for %s (%s Trial)" % (drug, cond, drug[:4].upper()),
    ])


def _label(p: Page, rng, label, value, enum_style, *, gold_path=None):
    shown = value if enum_style else TITLE_CASE.get(value, value)
    if rng.random() < 0.5:
        p.add("%s\n%s" % (label, shown))
    else:
        p.add("%s: %s" % (label, shown))


def ctgov_page(seed: int):
    rng = random.Random(seed)
    g = new_gold()
    st = g["study"]
    p = Page()
    enum_style = rng.random() < 0.5
    drug, cond = rng.choice(P.DRUGS), rng.choice(P.CONDITIONS)
    other_conds = [c for c in P.CONDITIONS if c != cond]
    conds = [cond] + (rng.sample(other_conds, rng.randint(0, 2)))
    nct = "NCT0%07d" % rng.randint(0, 9999999)
    st["title"] = _title(rng, drug, cond)
    p.add(st["title"])
    if rng.random() < 0.5:
        off = "A Multicentre, Open-Label Study to Evaluate %s in Participants With %s" % (drug, cond)
        p.add(("Official Title: " if rng.random() < 0.7 else "") + off)
    if rng.random() < 0.4:
        g["acronym"] = rng.choice(["ORBIT-%d" % rng.randint(1, 9), "KESTREL", "SUNDIAL", "APEX%d" % rng.randint(2, 5)])
        p.add("Acronym: %s" % g["acronym"] if rng.random() < 0.5 else "(%s)" % g["acronym"])
    id_style = rng.randrange(3)
    if id_style == 0:
        p.add("Registration Number: " + nct)
    elif id_style == 1:
        p.add("ClinicalTrials.gov ID " + nct)
    st["registry_ids"] = [nct] if id_style < 2 else []
    if rng.random() < 0.85:
        st["sponsor"] = rng.choice(P.SPONSORS)
        p.add(("Sponsor: " if rng.random() < 0.5 else "") + st["sponsor"])
    p.add("")
    if rng.random() < 0.5:
        p.add("Brief Summary")
    p.add(fill(rng.choice(P.SUMMARY), drug=drug, cond=cond.lower()))
    if rng.random() < 0.4:
        p.add("\nDetailed Description\nParticipants will attend %d visits over the course of the study." % rng.randint(4, 12))
    p.add("")
    st["conditions"] = conds
    if rng.random() < 0.5:
        p.add("Conditions\n" + "\n".join(conds))
    else:
        p.add("Condition: " + "; ".join(conds))
    st["overall_status"] = rng.choice(["RECRUITING", "COMPLETED", "ACTIVE_NOT_RECRUITING", "NOT_YET_RECRUITING",
                                       "TERMINATED", "ENROLLING_BY_INVITATION"])
    shown = st["overall_status"] if enum_style else TITLE_CASE[st["overall_status"]]
    p.add("Overall Status\n" + shown if rng.random() < 0.5 else "Recruitment Status: " + shown)
    date = "20%02d-%02d" % (rng.randint(5, 24), rng.randint(1, 12))
    p.add("Study Start: " + date if rng.random() < 0.5 else "Start date\n" + date)
    st["study_type"] = "INTERVENTIONAL"
    p.add("Study Type\n" + ("INTERVENTIONAL" if enum_style else "Interventional"))
    st["phases"] = rng.choice(PHASES)
    ps = rng.randrange(3)
    if ps == 0:
        p.add("Phase\n" + ", ".join("NA" if x == "NA" else x for x in st["phases"]) if enum_style else
              "Phase\n" + " / ".join(_PH_WORD[x] for x in st["phases"]))
    elif ps == 1:
        p.add("Phase: " + " / ".join(_PH_WORD[x] for x in st["phases"]))
    else:
        p.add("Phase\n" + "|".join(_PH_WORD[x] for x in st["phases"]))
    st["allocation"] = rng.choice(["RANDOMIZED", "NON_RANDOMIZED", "NA"])
    _label(p, rng, "Allocation", st["allocation"], enum_style)
    st["intervention_model"] = rng.choice(["SINGLE_GROUP", "PARALLEL", "CROSSOVER", "SEQUENTIAL"])
    _label(p, rng, rng.choice(["Intervention Model", "Model"]), st["intervention_model"], enum_style)
    st["primary_purpose"] = rng.choice(["TREATMENT", "PREVENTION", "SUPPORTIVE_CARE", "BASIC_SCIENCE", "DIAGNOSTIC"])
    _label(p, rng, rng.choice(["Primary Purpose", "Purpose"]), st["primary_purpose"], enum_style)
    st["masking"] = rng.choice(["NONE", "DOUBLE", "SINGLE", "QUADRUPLE"])
    _label(p, rng, "Masking", st["masking"], enum_style)
    st["enrollment"] = rng.choice([rng.randint(6, 99), rng.randint(100, 900), rng.randint(1000, 4000)])
    n = st["enrollment"]
    n = "{:,}".format(n) if n >= 1000 and rng.random() < 0.5 else n
    p.add(rng.choice(["Enrollment\n%s" % n, "Target Recruitment: %s" % n,
                      "Enrollment (%s)\n%s" % (rng.choice(["Estimated", "Actual"]), n),
                      "Estimated Enrollment: %s participants" % n]))
    p.add("")
    _arms(p, rng, g, drug, enum_style)
    site_style, before = rng.randrange(3), rng.random() < 0.5
    has_sites = rng.random() < 0.8
    if has_sites and before:
        _sites(p, rng, g, site_style)
    _outcomes(p, rng, g, drug)
    _eligibility(p, rng, g, drug, cond, enum_style)
    if has_sites and not before:
        _sites(p, rng, g, site_style)
    return p.text(), g


def _arms(p, rng, g, drug, enum_style):
    n = rng.randint(1, 3)
    names = rng.sample(P.DRUGS, n + 1)
    names = [drug] + [x for x in names if x != drug][: n - 1]
    types = ["EXPERIMENTAL", "ACTIVE_COMPARATOR", "PLACEBO_COMPARATOR", "NO_INTERVENTION", "OTHER"]
    table = rng.random() < 0.5
    p.add("Participant Group/Arm | Intervention/Treatment" if table else "Arms and Interventions")
    labels = rng.sample(P.ARM_LABELS, n)
    for k in range(n):
        label = fill(labels[k], drug=names[k])
        atype = "EXPERIMENTAL" if k == 0 else rng.choice(types)
        dose = rng.choice([5, 20, 100])
        desc = "Participants receive %s %d mg orally once daily for %d weeks." % (names[k], dose, rng.randint(2, 24))
        itype = rng.choice(["DRUG", "BIOLOGICAL"])
        if not table and rng.random() < 0.2:
            desc = None                          # an arm the registry gave no description
        if desc and all(d["value"] != dose for d in g["dose_levels"]):     # a study drug's flat dose is a dose level
            g["dose_levels"].append({"value": float(dose), "value_max": None, "unit": "mg", "text": "%d mg" % dose})
        shown = atype if enum_style else TITLE_CASE[atype]
        g["arms"].append({"label": label, "type": atype, "description": desc, "interventions": [names[k]]})
        g["interventions"].append({"name": names[k], "type": None if table else itype, "description": None})
        if table:
            p.add("%s: %s\n%s\n  - %s: %s" % (shown, label, desc, names[k], desc))
        else:
            p.add("%s (%s)\n%s%s: %s" % (label, shown, desc + "\n" if desc else "", TITLE_CASE[itype], names[k]))
    if not table:
        p.add("")
        for iv in g["interventions"]:
            p.add("%s: %s\nGiven as described in the arm.\n" % (TITLE_CASE[iv["type"]], iv["name"]))
            iv["description"] = "Given as described in the arm."


def _sites(p, rng, g, style):
    sites = rng.sample(P.SITES, rng.randint(1, 4))
    p.add("Locations")
    for k, (fac, city, reg, country) in enumerate(sites):
        place = ", ".join(x for x in (city, reg, country) if x)
        g["study"]["sites"].append({"facility": fac, "city": city, "region": reg, "country": country})
        if style == 1:
            p.add("%s - %s" % (fac, place))
        else:
            p.add(fac + "\n" + place)
            if style == 2 and k == len(sites) - 1:
                p.glue_next(rng.choice(["RECRUITING", "COMPLETED", "Recruiting"]))
            elif rng.random() < 0.5:
                p.add(rng.choice(["Recruiting", "RECRUITING", "Completed", "Not yet recruiting"]))
    p.add("")


def _outcomes(p, rng, g, drug):
    style = rng.randrange(3)
    heads = rng.choice([("Primary Outcome Measures", "Secondary Outcome Measures"),
                        ("Primary Outcomes", "Secondary Outcomes")])
    picks = rng.sample(P.MEASURES, rng.randint(2, 5))
    n_primary = rng.randint(1, len(picks) - 1)
    header = rng.choice([None, None, "Outcome MeasureMeasure DescriptionTime Frame",
                         "Outcome Measure | Measure Description | Time Frame", "Outcome Measure\tTime Frame",
                         "Measure Description Time Frame"])
    for kind, chunk, head in (("PRIMARY", picks[:n_primary], heads[0]), ("SECONDARY", picks[n_primary:], heads[1])):
        p.add(head)
        if header:                  # a table's column titles, never an outcome
            p.add(header)
        for k, (m, d) in enumerate(chunk):
            m = fill(m, drug=drug)
            tf = rng.choice(P.TIME_FRAMES)
            g["outcomes"].append({"kind": kind, "measure": m, "description": d, "time_frame": tf})
            if d and rng.random() < 0.25:      # a description over two lines
                d = d + "\nAssessed by the investigator at each visit."
                g["outcomes"][-1]["description"] = d
            if style == 0:
                p.add(m + ("\n" + d if d else "") + "\nTime frame: " + tf + "\n")
            elif style == 1:
                p.add("%d. %s [Time Frame: %s]" % (k + 1, m, tf) + ("\n   " + d if d else "") + "\n")
            else:
                p.add(m + ("\n" + d if d else "") + "\nTimeframe: " + tf + "\n")


def _eligibility(p, rng, g, drug, cond, enum_style):
    st = g["study"]
    lo, hi = rng.choice([(18, None), (18, 75), (12, 17), (40, 80), (6, None)])
    st["min_age"] = "%d Years" % lo
    st["max_age"] = "%d Years" % hi if hi else None
    st["sex"] = rng.choice(["ALL", "ALL", "FEMALE", "MALE"])
    sex = st["sex"] if enum_style else TITLE_CASE[st["sex"]]
    if rng.random() < 0.5:
        ages = "%d Years to %d Years" % (lo, hi) if hi else "%d Years and older" % lo
        p.add("Eligibility\nAges Eligible for Study: %s\nSexes Eligible for Study: %s\n"
              "Accepts Healthy Volunteers: No\n" % (ages, sex))
    else:
        p.add("Eligibility Criteria\nMinimum Age\n%d Years\nMaximum Age\n%s\nSex\n%s\nHealthy Volunteers\nNo\n" % (
            lo, "%d Years" % hi if hi else "N/A", sex))
    p.add(criteria_block(rng, g, drug, cond, lo, hi or 85, style=rng.choice(["dash", "star", "num"])))
