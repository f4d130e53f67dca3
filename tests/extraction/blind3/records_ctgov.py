"""Eight invented study records (ctgov gold schema) for blind set 3; see make_ctgov.py."""

_NO = dict(inclusion_notes=[], exclusion_notes=[], other_sections=[])


def _site(f, c, s, k, st=None):
    d = {"facility": f, "city": c, "state": s, "country": k}
    if st:
        d["_status"] = st
    return d


RECORDS = [
    # ---------------------------------------------------------------- g01: expanded access
    {
        "_file": "g01_expanded_access_cart",
        "_layout": dict(official_label=True, nct="ctgov", sponsor_label=True, summary_heading=True,
                        status="overall", start_label=True, arms="list", outcomes="plain", ages="fields",
                        sites_heading="Locations"),
        "_summary": "This program provides single-patient access to autologous GPRC5D-directed CAR T cells "
                    "for people with multiple myeloma who cannot enter an ongoing trial of the product.",
        "_detail": None,
        "_criteria_text": """Inclusion Criteria:

  - Multiple myeloma that has progressed after at least four prior lines of therapy

  - Not eligible for any open clinical study of GPRC5D-directed therapy

  - Adequate venous access for leukapheresis

Exclusion Criteria:

  - Active graft-versus-host disease

  - Uncontrolled bacterial, fungal or viral infection
""",
        "nct_id": "NCT09310021",
        "title": "Expanded Access to QX-GP5 CAR T Cells for Relapsed Multiple Myeloma",
        "official_title": "Individual Patient Expanded Access Program for QX-GP5 Autologous Anti-GPRC5D CAR T Cells",
        "acronym": None, "phases": [], "study_type": "EXPANDED_ACCESS", "allocation": None,
        "intervention_model": None, "masking": None, "primary_purpose": None, "enrollment": None,
        "overall_status": "AVAILABLE", "start_date": "2024-02", "sponsor": "Qingxi Cell Therapeutics",
        "collaborators": [], "conditions": ["Multiple Myeloma"], "arms": [],
        "interventions": [{"type": "BIOLOGICAL", "name": "QX-GP5 CAR T cells",
                           "description": "A single intravenous infusion of autologous anti-GPRC5D CAR T cells after lymphodepletion.",
                           "other_names": []}],
        "primary_outcomes": [], "secondary_outcomes": [],
        "eligibility": dict(inclusion=["Multiple myeloma that has progressed after at least four prior lines of therapy",
                                       "Not eligible for any open clinical study of GPRC5D-directed therapy",
                                       "Adequate venous access for leukapheresis"],
                            exclusion=["Active graft-versus-host disease",
                                       "Uncontrolled bacterial, fungal or viral infection"],
                            minimum_age="18 Years", maximum_age=None, sex="ALL", healthy_volunteers=False, **_NO),
        "locations": [_site("Riverside Myeloma Institute", "Cleveland", "Ohio", "United States")],
        "locations_complete": True, "notes": ["expanded access record: no design, no outcomes"],
    },
    # ---------------------------------------------------------------- g02: device, sham, glue
    {
        "_file": "g02_device_sham_glue",
        "_layout": dict(official_label=True, nct="reg", sponsor_label=False, summary_heading=False,
                        status="overall", title_case=True, start_label=False, phase="words", model_label=False,
                        purpose_label=True, enrollment="typed", arms="table", outcomes="timeframe",
                        ages="eligible", sites_first=True, glue=True, sites_heading="Locations"),
        "_mask_roles": "Participant, Outcomes Assessor",
        "_summary": "Patients having elective colectomy will wear an ear-clip stimulator for five days after "
                    "surgery. Half of them receive active stimulation and half a sham that switches off after 30 "
                    "seconds; the time until bowel function returns is compared.",
        "_detail": None,
        "_criteria_text": """Inclusion Criteria:

  - Scheduled for elective laparoscopic or open colectomy

  - American Society of Anesthesiologists class I to III

Exclusion Criteria:

  - Implanted cardiac pacemaker or defibrillator

  - Damaged skin or infection of the outer ear

  - Known vagotomy
""",
        "nct_id": "NCT09420187",
        "title": "Ear Vagus Nerve Stimulation After Colectomy",
        "official_title": "Transcutaneous Auricular Vagus Nerve Stimulation to Shorten Postoperative Ileus After Colectomy: a Sham-controlled Randomized Trial",
        "acronym": None, "phases": ["NA"], "study_type": "INTERVENTIONAL", "allocation": "RANDOMIZED",
        "intervention_model": "PARALLEL", "masking": "DOUBLE", "primary_purpose": "TREATMENT",
        "enrollment": {"count": 96, "type": "ESTIMATED"}, "overall_status": "RECRUITING",
        "start_date": "2024-09-02", "sponsor": "Ostfold Surgical Research Group", "collaborators": [],
        "conditions": ["Postoperative Ileus", "Colectomy"],
        "arms": [
            {"label": "Active stimulation", "type": "EXPERIMENTAL",
             "description": "Auricular stimulation at 25 Hz for 30 minutes three times daily from the first postoperative day for five days.",
             "intervention_names": ["Auricular stimulator (active)"]},
            {"label": "Sham stimulation", "type": "SHAM_COMPARATOR",
             "description": "Same device and schedule; the current stops after 30 seconds.",
             "intervention_names": ["Auricular stimulator (sham)"]},
        ],
        "interventions": [
            {"type": "DEVICE", "name": "Auricular stimulator (active)",
             "description": "Ear-clip electrode on the cymba conchae delivering 25 Hz pulses", "other_names": []},
            {"type": "DEVICE", "name": "Auricular stimulator (sham)",
             "description": "Identical device programmed to stop delivering current after 30 seconds", "other_names": []},
        ],
        "primary_outcomes": [{"measure": "Time to first passage of stool", "description": None,
                              "time_frame": "Up to 10 days after surgery"}],
        "secondary_outcomes": [
            {"measure": "Length of hospital stay", "description": "Days from surgery to discharge",
             "time_frame": "Up to 30 days"},
            {"measure": "Postoperative nausea score", "description": "Numeric rating scale from 0 (none) to 10 (worst)",
             "time_frame": "Days 1 to 5"},
        ],
        "eligibility": dict(inclusion=["Scheduled for elective laparoscopic or open colectomy",
                                       "American Society of Anesthesiologists class I to III"],
                            exclusion=["Implanted cardiac pacemaker or defibrillator",
                                       "Damaged skin or infection of the outer ear", "Known vagotomy"],
                            minimum_age="18 Years", maximum_age="85 Years", sex="ALL", healthy_volunteers=False, **_NO),
        "locations": [_site("Kalnes Hospital", "Sarpsborg", None, "Norway", "Recruiting"),
                      _site("Moss Surgical Clinic", "Moss", None, "Norway", "Recruiting")],
        "locations_complete": True, "notes": [],
    },
    # ---------------------------------------------------------------- g03: behavioral, minimum age only
    {
        "_file": "g03_behavioral_min_age",
        "_layout": dict(official_label=False, nct=None, sponsor_label=True, summary_heading=True,
                        status="recruitment", start_label=True, phase="enum", model_label=True,
                        purpose_label=False, enrollment="target", arms="list", outcomes="bracket",
                        ages="eligible", sites_heading="Study Locations"),
        "_mask_roles": "Outcomes Assessor",
        "_summary": "Adults who received a kidney transplant at least one year ago are randomly assigned to twelve "
                    "weeks of personalised text-message coaching or to usual care, and their daily sitting time is "
                    "measured with a thigh-worn sensor.",
        "_detail": "Messages are sent three times a day and adapt to the step counts uploaded by the participant.",
        "_criteria_text": """Inclusion Criteria:

  - Kidney transplant at least 12 months before enrolment with a functioning graft

  - Owns a mobile phone able to receive text messages

  - Able to walk without help from another person

Exclusion Criteria:

  - Acute rejection episode in the last 3 months

  - Planned surgery during the study period

  - Currently taking part in a structured exercise programme
""",
        "nct_id": "NCT09533410",
        "title": "Text-Message Coaching to Reduce Sitting Time After Kidney Transplantation",
        "official_title": "A Randomised Trial of Adaptive Text-Message Coaching Versus Usual Care to Reduce Sedentary Behaviour in Kidney Transplant Recipients",
        "acronym": "SITLESS-KT", "phases": ["NA"], "study_type": "INTERVENTIONAL", "allocation": "RANDOMIZED",
        "intervention_model": "PARALLEL", "masking": "SINGLE", "primary_purpose": "SUPPORTIVE_CARE",
        "enrollment": {"count": 140, "type": "ESTIMATED"}, "overall_status": "ENROLLING_BY_INVITATION",
        "start_date": "2025-01-15", "sponsor": "University of Tartu", "collaborators": [],
        "conditions": ["Kidney Transplant Recipients", "Sedentary Behavior"],
        "arms": [
            {"label": "Text-message coaching", "type": "EXPERIMENTAL",
             "description": "Twelve weeks of adaptive coaching messages plus usual transplant follow-up.",
             "intervention_names": ["Adaptive text-message coaching"]},
            {"label": "Usual care", "type": "NO_INTERVENTION",
             "description": "Routine transplant clinic follow-up without messages.", "intervention_names": []},
        ],
        "interventions": [{"type": "BEHAVIORAL", "name": "Adaptive text-message coaching",
                           "description": "Three messages a day encouraging standing and walking breaks, tailored to uploaded step counts.",
                           "other_names": []}],
        "primary_outcomes": [{"measure": "Change in daily sedentary time", "description":
                              "Minutes per day spent sitting or lying, from a thigh-worn accelerometer worn for 7 days",
                              "time_frame": "Baseline and week 12"}],
        "secondary_outcomes": [
            {"measure": "Change in daily step count", "description": None, "time_frame": "Baseline and week 12"},
            {"measure": "Quality of life (KDQOL-36)", "description": "Kidney Disease Quality of Life short form; higher scores mean better quality of life",
             "time_frame": "Baseline, week 12 and week 24"},
        ],
        "eligibility": dict(inclusion=["Kidney transplant at least 12 months before enrolment with a functioning graft",
                                       "Owns a mobile phone able to receive text messages",
                                       "Able to walk without help from another person"],
                            exclusion=["Acute rejection episode in the last 3 months",
                                       "Planned surgery during the study period",
                                       "Currently taking part in a structured exercise programme"],
                            minimum_age="18 Years", maximum_age=None, sex="ALL", healthy_volunteers=False, **_NO),
        "locations": [_site("Tartu University Hospital", "Tartu", None, "Estonia")],
        "locations_complete": True, "notes": [],
    },
    # ---------------------------------------------------------------- g04: phase 2/3, triple, 12 sites
    {
        "_file": "g04_phase23_twelve_sites",
        "_layout": dict(official_label=True, nct="ctgov", sponsor_label=True, summary_heading=True,
                        status="overall", start_label=False, phase="pipe", model_label=False,
                        purpose_label=True, enrollment="typed", arms="list", outcomes="plain",
                        ages="fields", sites_heading="Study Locations"),
        "_mask_roles": "Participant, Care Provider, Investigator",
        "_summary": "This seamless phase 2/3 study tests whether oral velbrestat reduces itch in adults with "
                    "primary biliary cholangitis who still itch despite ursodeoxycholic acid.",
        "_detail": "Part A compares two doses with placebo for 12 weeks; the selected dose continues into Part B.",
        "_criteria_text": """Key Inclusion Criteria:

  - Diagnosis of primary biliary cholangitis

  - Stable ursodeoxycholic acid dose for at least 6 months, unless intolerant

  - Mean worst-itch score of 4 or more during screening

Key Exclusion Criteria:

  - Decompensated cirrhosis

  - Other causes of liver disease, including:

      - autoimmune hepatitis

      - primary sclerosing cholangitis

  - eGFR below 45 mL/min/1.73 m2
""",
        "nct_id": "NCT09618842",
        "title": "Velbrestat for Cholestatic Pruritus in Primary Biliary Cholangitis",
        "official_title": "A Phase 2/3, Randomized, Double-blind, Placebo-controlled Study of Velbrestat in Adults With Primary Biliary Cholangitis and Moderate to Severe Pruritus",
        "acronym": None, "phases": ["PHASE2", "PHASE3"], "study_type": "INTERVENTIONAL",
        "allocation": "RANDOMIZED", "intervention_model": "PARALLEL", "masking": "TRIPLE",
        "primary_purpose": "TREATMENT", "enrollment": {"count": 312, "type": "ESTIMATED"},
        "overall_status": "NOT_YET_RECRUITING", "start_date": "2025-06", "sponsor": "Halvard Biopharma",
        "collaborators": [], "conditions": ["Primary Biliary Cholangitis", "Pruritus"],
        "arms": [
            {"label": "Velbrestat 20 mg", "type": "EXPERIMENTAL", "description": "Velbrestat 20 mg tablet once daily",
             "intervention_names": ["Velbrestat"]},
            {"label": "Velbrestat 60 mg", "type": "EXPERIMENTAL", "description": "Velbrestat 60 mg tablet once daily",
             "intervention_names": ["Velbrestat"]},
            {"label": "Placebo", "type": "PLACEBO_COMPARATOR", "description": "Matching placebo tablet once daily",
             "intervention_names": ["Placebo"]},
        ],
        "interventions": [
            {"type": "DRUG", "name": "Velbrestat", "description": "Oral IBAT inhibitor tablet", "other_names": ["HV-2207"]},
            {"type": "DRUG", "name": "Placebo", "description": "Tablet without active ingredient", "other_names": []},
        ],
        "primary_outcomes": [{"measure": "Change from baseline in weekly mean worst-itch numeric rating scale",
                              "description": "Scale 0 to 10; higher is worse", "time_frame": "Week 12"}],
        "secondary_outcomes": [
            {"measure": "Change in serum bile acids", "description": None, "time_frame": "Week 12"},
            {"measure": "Proportion of participants with a 3-point itch reduction", "description": None,
             "time_frame": "Week 24"},
            {"measure": "Treatment-emergent adverse events", "description": None, "time_frame": "Up to week 28"},
        ],
        "eligibility": dict(inclusion=["Diagnosis of primary biliary cholangitis",
                                       "Stable ursodeoxycholic acid dose for at least 6 months, unless intolerant",
                                       "Mean worst-itch score of 4 or more during screening"],
                            exclusion=["Decompensated cirrhosis",
                                       "Other causes of liver disease, including: autoimmune hepatitis; primary sclerosing cholangitis",
                                       "eGFR below 45 mL/min/1.73 m2"],
                            minimum_age="18 Years", maximum_age="80 Years", sex="ALL", healthy_volunteers=False, **_NO),
        "locations": [
            _site("Liver Research Center of Arizona", "Phoenix", "Arizona", "United States", "Not yet recruiting"),
            _site("Pacific Hepatology Associates", "San Diego", "California", "United States", "Not yet recruiting"),
            _site("Rocky Mountain Gastro Clinic", "Denver", "Colorado", "United States", "Not yet recruiting"),
            _site("Gulf Coast Liver Institute", "Tampa", "Florida", "United States", "Not yet recruiting"),
            _site("Peachtree Digestive Research", "Atlanta", "Georgia", "United States", "Not yet recruiting"),
            _site("Lakeshore Hepatology", "Chicago", "Illinois", "United States", "Not yet recruiting"),
            _site("Bayou Clinical Research", "New Orleans", "Louisiana", "United States", "Not yet recruiting"),
            _site("Charles River Liver Center", "Boston", "Massachusetts", "United States", "Not yet recruiting"),
            _site("Great Lakes Gastroenterology", "Ann Arbor", "Michigan", "United States", "Not yet recruiting"),
            _site("Empire Liver Trials", "New York", "New York", "United States", "Not yet recruiting"),
            _site("Lone Star Hepatology", "Houston", "Texas", "United States", "Not yet recruiting"),
            _site("Cascade Digestive Health", "Seattle", "Washington", "United States", "Not yet recruiting"),
        ],
        "locations_complete": True, "notes": [],
    },
    # ---------------------------------------------------------------- g05: observational groups
    {
        "_file": "g05_observational_groups",
        "_layout": dict(official_label=True, nct="reg", sponsor_label=True, summary_heading=False,
                        status="recruitment", start_label=True, model_label=False, enrollment="typed",
                        arms="table", outcomes="plain", ages="eligible", cond_block=True,
                        sites_heading="Locations"),
        "_summary": "Blood samples are collected from people receiving commercial CD19 CAR T cells to see whether "
                    "early ferritin and IL-6 kinetics predict severe cytokine release syndrome.",
        "_detail": None,
        "_criteria_text": """Inclusion Criteria:

  - Scheduled to receive a commercial CD19-directed CAR T-cell product

  - Signed consent for research blood draws

Exclusion Criteria:

  - Participation in an interventional CAR T-cell trial
""",
        "nct_id": "NCT09702255",
        "title": "Biomarkers of Cytokine Release Syndrome After CD19 CAR T Cells",
        "official_title": "Prospective Cohort Study of Serum Biomarker Kinetics and Cytokine Release Syndrome After Commercial CD19 CAR T-cell Therapy",
        "acronym": None, "phases": [], "study_type": "OBSERVATIONAL", "allocation": None,
        "intervention_model": None, "masking": None, "primary_purpose": None,
        "enrollment": {"count": 220, "type": "ESTIMATED"}, "overall_status": "RECRUITING",
        "start_date": "2024-04-01", "sponsor": "Hospital Clinic of Valencia", "collaborators": [],
        "conditions": ["Large B-cell Lymphoma", "Cytokine Release Syndrome"],
        "arms": [
            {"label": "CAR T recipients", "type": None,
             "description": "Adults treated with axicabtagene ciloleucel or tisagenlecleucel as standard care",
             "intervention_names": ["Serial blood sampling"]},
        ],
        "interventions": [{"type": "OTHER", "name": "Serial blood sampling",
                           "description": "Blood draws on days 0, 1, 3, 7 and 14 after infusion", "other_names": []}],
        "primary_outcomes": [{"measure": "Grade 3 or higher cytokine release syndrome",
                              "description": "ASTCT consensus grading", "time_frame": "Within 14 days of infusion"}],
        "secondary_outcomes": [{"measure": "Peak serum ferritin", "description": None, "time_frame": "Day 0 to day 14"}],
        "eligibility": dict(inclusion=["Scheduled to receive a commercial CD19-directed CAR T-cell product",
                                       "Signed consent for research blood draws"],
                            exclusion=["Participation in an interventional CAR T-cell trial"],
                            minimum_age="18 Years", maximum_age="80 Years", sex="ALL", healthy_volunteers=False, **_NO),
        "locations": [_site("Hospital Clinic of Valencia", "Valencia", None, "Spain", "Recruiting"),
                      _site("Hospital Universitario La Fe", "Valencia", None, "Spain", "Recruiting")],
        "locations_complete": True, "notes": [],
    },
    # ---------------------------------------------------------------- g06: phase 1 mg/m2 escalation
    {
        "_file": "g06_phase1_mgm2_acronym",
        "_layout": dict(official_label=True, acronym_label=True, nct="ctgov", sponsor_label=False,
                        summary_heading=True, status="overall", title_case=True, start_label=True,
                        phase="words", model_label=True, purpose_label=True, enrollment="plain",
                        arms="list", outcomes="bracket", ages="fields", sites_heading="Locations"),
        "_summary": "First-in-human study of ORX-114, an intravenous topoisomerase inhibitor conjugate, given every "
                    "three weeks to adults with advanced solid tumours.",
        "_detail": "Doses of 20, 40, 80 and 120 mg/m2 are explored with a 3+3 design and a 21-day DLT period; an "
                   "expansion cohort receives the recommended dose.",
        "_criteria_text": """Inclusion Criteria:

  1. Histologically confirmed advanced solid tumour with no standard therapy available

  2. ECOG performance status 0 or 1

  3. Adequate organ function:

       - absolute neutrophil count 1.5 x 10^9/L or higher

       - total bilirubin no more than 1.5 x ULN

Exclusion Criteria:

  1. Symptomatic brain metastases

  2. Prior topoisomerase I inhibitor therapy

  3. QTcF longer than 470 ms
""",
        "nct_id": "NCT09845530",
        "title": "First-in-Human Study of ORX-114 in Advanced Solid Tumors",
        "official_title": "A Phase 1, Open-label, Dose-escalation and Expansion Study of ORX-114 in Adults With Advanced Solid Tumors",
        "acronym": "ORCA-1", "phases": ["PHASE1"], "study_type": "INTERVENTIONAL", "allocation": "NON_RANDOMIZED",
        "intervention_model": "SEQUENTIAL", "masking": "NONE", "primary_purpose": "TREATMENT",
        "enrollment": {"count": 48, "type": "ESTIMATED"}, "overall_status": "RECRUITING",
        "start_date": "2024-11-05", "sponsor": "Orixa Therapeutics", "collaborators": [],
        "conditions": ["Advanced Solid Tumor"],
        "arms": [
            {"label": "Dose escalation", "type": "EXPERIMENTAL",
             "description": "ORX-114 at 20, 40, 80 or 120 mg/m2 IV on day 1 of each 21-day cycle",
             "intervention_names": ["ORX-114"]},
            {"label": "Dose expansion", "type": "EXPERIMENTAL",
             "description": "ORX-114 at the recommended phase 2 dose", "intervention_names": ["ORX-114"]},
        ],
        "interventions": [{"type": "DRUG", "name": "ORX-114", "description": "Intravenous infusion over 60 minutes",
                           "other_names": []}],
        "primary_outcomes": [{"measure": "Dose-limiting toxicities", "description": None, "time_frame": "Cycle 1 (21 days)"},
                             {"measure": "Recommended phase 2 dose", "description": None, "time_frame": "Up to 12 months"}],
        "secondary_outcomes": [{"measure": "Maximum plasma concentration (Cmax) of ORX-114", "description": None,
                                "time_frame": "Cycle 1 day 1 to day 8"},
                               {"measure": "Objective response rate", "description": "RECIST 1.1",
                                "time_frame": "Up to 24 months"}],
        "eligibility": dict(inclusion=["Histologically confirmed advanced solid tumour with no standard therapy available",
                                       "ECOG performance status 0 or 1",
                                       "Adequate organ function: absolute neutrophil count 1.5 x 10^9/L or higher; total bilirubin no more than 1.5 x ULN"],
                            exclusion=["Symptomatic brain metastases", "Prior topoisomerase I inhibitor therapy",
                                       "QTcF longer than 470 ms"],
                            minimum_age="18 Years", maximum_age=None, sex="ALL", healthy_volunteers=False, **_NO),
        "locations": [_site("Peter MacCallum Cancer Centre", "Melbourne", "Victoria", "Australia"),
                      _site("Linear Clinical Research", "Perth", "Western Australia", "Australia")],
        "locations_complete": True, "notes": [],
    },
    # ---------------------------------------------------------------- g07: phase 1/2 CAR-T China, glue
    {
        "_file": "g07_phase12_cart_glue",
        "_layout": dict(official_label=True, nct="reg", sponsor_label=True, summary_heading=True,
                        status="overall", start_label=False, phase="enum", model_label=True,
                        purpose_label=False, enrollment="estimated", arms="table", outcomes="plain",
                        ages="fields", cond_block=True, sites_first=True, glue=True, sites_heading="Locations"),
        "_summary": "An open-label phase 1/2 study of BAFF-R-directed CAR T cells in B-cell acute lymphoblastic "
                    "leukemia that has relapsed after or not responded to CD19 therapy.",
        "_detail": None,
        "_criteria_text": """Inclusion Criteria:

  1. BAFF-R expression on leukemic blasts confirmed by flow cytometry

  2. Relapsed or refractory after CD19-directed therapy

  3. Karnofsky score of 60 or above

Exclusion Criteria:

  1. Isolated extramedullary relapse

  2. Grade 2 to 4 acute graft-versus-host disease
""",
        "nct_id": "NCT09911476",
        "title": "BAFF-R CAR T Cells for CD19-Negative Relapsed B-ALL",
        "official_title": "A Phase 1/2 Clinical Study of Autologous BAFF-R Chimeric Antigen Receptor T Cells in Relapsed or Refractory B-cell Acute Lymphoblastic Leukemia",
        "acronym": None, "phases": ["PHASE1", "PHASE2"], "study_type": "INTERVENTIONAL", "allocation": "NA",
        "intervention_model": "SINGLE_GROUP", "masking": "NONE", "primary_purpose": "TREATMENT",
        "enrollment": {"count": 36, "type": "ESTIMATED"}, "overall_status": "RECRUITING",
        "start_date": "2024-03-18", "sponsor": "Zhejiang Provincial People's Hospital", "collaborators": [],
        "conditions": ["B-cell Acute Lymphoblastic Leukemia", "Relapsed Cancer"],
        "arms": [{"label": "BAFF-R CAR T", "type": "EXPERIMENTAL",
                  "description": "Fludarabine and cyclophosphamide lymphodepletion, then one infusion of BAFF-R CAR T cells",
                  "intervention_names": ["BAFF-R CAR T cells"]}],
        "interventions": [{"type": "BIOLOGICAL", "name": "BAFF-R CAR T cells",
                           "description": "1 x 10^6 CAR T cells/kg in phase 1; phase 2 uses the recommended dose",
                           "other_names": []}],
        "primary_outcomes": [{"measure": "Incidence of dose-limiting toxicity", "description": None, "time_frame": "28 days"}],
        "secondary_outcomes": [{"measure": "Complete remission rate", "description": "CR plus CRi by bone marrow assessment",
                                "time_frame": "Day 28"},
                               {"measure": "Leukemia-free survival", "description": None, "time_frame": "2 years"}],
        "eligibility": dict(inclusion=["BAFF-R expression on leukemic blasts confirmed by flow cytometry",
                                       "Relapsed or refractory after CD19-directed therapy",
                                       "Karnofsky score of 60 or above"],
                            exclusion=["Isolated extramedullary relapse",
                                       "Grade 2 to 4 acute graft-versus-host disease"],
                            minimum_age="14 Years", maximum_age="75 Years", sex="ALL", healthy_volunteers=False, **_NO),
        "locations": [_site("Zhejiang Provincial People's Hospital", "Hangzhou", "Zhejiang", "China", "RECRUITING"),
                      _site("Ningbo First Hospital", "Ningbo", "Zhejiang", "China", "RECRUITING"),
                      _site("Wenzhou Central Hospital", "Wenzhou", "Zhejiang", "China", "RECRUITING")],
        "locations_complete": True, "notes": [],
    },
    # ---------------------------------------------------------------- g08: phase 4 crossover, women only
    {
        "_file": "g08_phase4_crossover_female",
        "_layout": dict(official_label=False, nct="ctgov", sponsor_label=True, summary_heading=False,
                        status="recruitment", start_label=False, phase="words", model_label=False,
                        purpose_label=True, enrollment="typed", arms="list", outcomes="bracket",
                        ages="eligible", sites_heading="Study Locations", title_case=True),
        "_mask_roles": "Participant, Care Provider, Investigator, Outcomes Assessor",
        "_summary": "Postmenopausal women with low vitamin D take a daily vitamin D3 and magnesium supplement or a "
                    "matching placebo for 8 weeks each, separated by a washout, to see whether magnesium changes "
                    "the rise in 25-hydroxyvitamin D.",
        "_detail": None,
        "_criteria_text": """Inclusion Criteria:
* Postmenopausal for at least 2 years
* Serum 25-hydroxyvitamin D below 50 nmol/L

Exclusion Criteria:
* Use of vitamin D or magnesium supplements in the last 3 months
* Chronic kidney disease stage 3 or worse
* Hypercalcaemia
""",
        "nct_id": "NCT09987103",
        "title": "Magnesium and the Response to Vitamin D3 in Postmenopausal Women",
        "official_title": "Effect of Magnesium Co-supplementation on 25-Hydroxyvitamin D Response: a Randomised, Placebo-controlled Crossover Trial",
        "acronym": None, "phases": ["PHASE4"], "study_type": "INTERVENTIONAL", "allocation": "RANDOMIZED",
        "intervention_model": "CROSSOVER", "masking": "QUADRUPLE", "primary_purpose": "PREVENTION",
        "enrollment": {"count": 64, "type": "ACTUAL"}, "overall_status": "ACTIVE_NOT_RECRUITING",
        "start_date": "2023-10", "sponsor": "Charite University Medicine Berlin", "collaborators": [],
        "conditions": ["Vitamin D Deficiency"],
        "arms": [
            {"label": "Magnesium then placebo", "type": "EXPERIMENTAL",
             "description": "Vitamin D3 with magnesium for 8 weeks, 4-week washout, then vitamin D3 with placebo for 8 weeks",
             "intervention_names": ["Magnesium citrate", "Vitamin D3"]},
            {"label": "Placebo then magnesium", "type": "EXPERIMENTAL",
             "description": "Vitamin D3 with placebo for 8 weeks, 4-week washout, then vitamin D3 with magnesium for 8 weeks",
             "intervention_names": ["Magnesium citrate", "Vitamin D3"]},
        ],
        "interventions": [
            {"type": "DIETARY_SUPPLEMENT", "name": "Magnesium citrate", "description": "300 mg elemental magnesium daily",
             "other_names": []},
            {"type": "DIETARY_SUPPLEMENT", "name": "Vitamin D3", "description": "2000 IU cholecalciferol daily",
             "other_names": []},
        ],
        "primary_outcomes": [{"measure": "Change in serum 25-hydroxyvitamin D", "description": None,
                              "time_frame": "Start and end of each 8-week period"}],
        "secondary_outcomes": [{"measure": "Change in serum parathyroid hormone", "description": None,
                                "time_frame": "Start and end of each 8-week period"}],
        "eligibility": dict(inclusion=["Postmenopausal for at least 2 years",
                                       "Serum 25-hydroxyvitamin D below 50 nmol/L"],
                            exclusion=["Use of vitamin D or magnesium supplements in the last 3 months",
                                       "Chronic kidney disease stage 3 or worse", "Hypercalcaemia"],
                            minimum_age="50 Years", maximum_age="75 Years", sex="FEMALE", healthy_volunteers=True, **_NO),
        "locations": [_site("Charite Campus Benjamin Franklin", "Berlin", None, "Germany")],
        "locations_complete": True, "notes": [],
    },
]
