"""Generate the blind-4 pages and their gold (run from anywhere).

Every page text and value below was written by hand for this set; values
(hospitals, ids, doses, counts) are invented.  Gold strings are checked to be
literal substrings of the page they belong to."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))


def study(**kw):
    base = dict(registry_ids=[], title=None, acronym=None, sponsor=None, conditions=[], phases=[],
                study_type=None, allocation=None, intervention_model=None, masking=None,
                primary_purpose=None, enrollment=None, overall_status=None, min_age=None,
                max_age=None, sex=None, sites=[])
    base.update(kw)
    return base


def site(f, c, r, co="China"):
    return dict(facility=f, city=c, region=r, country=co)


def dose(v, t, unit="cells/kg", vmax=None):
    return dict(value=float(v), value_max=None if vmax is None else float(vmax), unit=unit, text=t)


def out(m, tf, d=None, kind="OTHER"):
    return dict(kind=kind, measure=m, description=d, time_frame=tf)


def crit(kind, text, cat):
    return dict(kind=kind, text=text, category=cat)


PAGES = {}

# 01: seed-000 style, two sites, last one glued to the first outcome, superscript doses
PAGES["b4_01_bispecific_ball"] = (r"""This investigator-initiated trial looks at the safety and early activity of CD19/CD22 bispecific CAR-T in adults with relapsed or refractory B-cell acute lymphoblastic leukemia.
The trial is open-label, single-arm and dose-escalating. Three cohorts are planned: 5×10⁵ CAR-T cells/kg, 1×10⁶ CAR-T cells/kg and 3×10⁶ CAR-T cells/kg. Escalation follows a classical 3+3 design, and dose-limiting toxicity is judged over the 21 days after the infusion.
Study Type
INTERVENTIONAL
Allocation
NA
Purpose
TREATMENT
Masking
NONE
Enrollment
18
Participants get fludarabine and cyclophosphamide lymphodepletion, then one intravenous infusion of bispecific CAR-T cells on Day 0.
Lakeview Provincial People's Hospital
Nanchang, Jiangxi, China
Second Affiliated Hospital of Donghai Medical University
Ningbo, Zhejiang, China
RECRUITINGDose-limiting toxicity (DLT)
Rate of protocol-defined DLT events seen after the infusion.
Time frame: 21 days
Complete remission rate
Share of patients reaching CR or CRi in the marrow by Day 28.
Time frame: 28 days
Event-free survival
Time from infusion until relapse, treatment failure or death.
Time frame: 1 year
This platform is for informational purposes only and does not constitute medical advice. Always consult a qualified healthcare professional.""",
    dict(study=study(conditions=["relapsed or refractory B-cell acute lymphoblastic leukemia"],
                     study_type="INTERVENTIONAL", allocation="NA", intervention_model="SINGLE_GROUP",
                     masking="NONE", primary_purpose="TREATMENT", enrollment=18, overall_status="RECRUITING",
                     sites=[site("Lakeview Provincial People's Hospital", "Nanchang", "Jiangxi"),
                            site("Second Affiliated Hospital of Donghai Medical University", "Ningbo", "Zhejiang")]),
         interventions=[dict(name="CD19/CD22 bispecific CAR-T", type=None,
                             description="Participants get fludarabine and cyclophosphamide lymphodepletion, then one intravenous infusion of bispecific CAR-T cells on Day 0.")],
         dose_levels=[dose(5e5, "5×10⁵ CAR-T cells/kg"), dose(1e6, "1×10⁶ CAR-T cells/kg"), dose(3e6, "3×10⁶ CAR-T cells/kg")],
         escalation=dict(method="3+3", dlt_window_days=21),
         outcomes=[out("Dose-limiting toxicity (DLT)", "21 days", "Rate of protocol-defined DLT events seen after the infusion."),
                   out("Complete remission rate", "28 days", "Share of patients reaching CR or CRi in the marrow by Day 28."),
                   out("Event-free survival", "1 year", "Time from infusion until relapse, treatment failure or death.")]))

# 02: MedPath style, phase 1/2, skipped numbering, run-together exclusion, two sites
PAGES["b4_02_bcma_medpath"] = ("""MedPath

Anti-BCMA CAR-T Cells for Relapsed Multiple Myeloma After Two Prior Lines

Phase 1/2
Not yet recruiting
Conditions
Multiple Myeloma
Plasma Cell Leukemia
Interventions
Biological: BCMA-directed CAR-T cells
Drug: Fludarabine
Registration Number
NCT06912345
Lead Sponsor
Qinghe Institute of Cellular Medicine
Brief Summary

This study tests whether BCMA-directed CAR-T cells are safe and active in people whose myeloma came back after at least two earlier treatment lines.

Recruitment & Eligibility

Status
NOT_YET_RECRUITING
Sex
All
Target Recruitment
30
Inclusion Criteria
  1. Aged 18 to 75 years, any gender;

  2. Confirmed multiple myeloma per IMWG criteria with measurable disease;

  3. Received at least two prior lines including a proteasome inhibitor and an immunomodulator;

  5. ECOG performance status 0-2;

  6. Signed informed consent.

Exclusion Criteria
  1. Prior BCMA-targeted therapy;

  2. Active hepatitis B or C infection, or HIV positive;

  3. Pregnant or breastfeeding women; 4 Uncontrolled cardiac disease within 6 months;

  5. Known CNS involvement by myeloma.

Study & Design

Study Type
INTERVENTIONAL
Study Design
SINGLE_GROUP
Arm && Interventions
GroupInterventionDescription
Experimental: Experimental: BCMA CAR-T arm.BCMA-directed CAR-T cellsPatients receive fludarabine-based lymphodepletion and then one dose of BCMA CAR-T cells at 2.0x10^6/kg.
Primary Outcome Measures
NameTimeMethod
Incidence of adverse events28 days
Maximum tolerated dose (MTD)28 days
Secondary Outcome Measures
NameTimeMethod
Overall response rate (ORR)3 months
Duration of response24 months

Trial Locations

Locations (2)

Qinghe Institute of Cellular Medicine Hospital

🇨🇳

Tianjin, Tianjin, China

Eastbay Central Hospital

🇨🇳

Xiamen, Fujian, China

© Copyright 2025. All Rights Reserved by MedPath""",
    dict(study=study(registry_ids=["NCT06912345"], title="Anti-BCMA CAR-T Cells for Relapsed Multiple Myeloma After Two Prior Lines",
                     sponsor="Qinghe Institute of Cellular Medicine", conditions=["Multiple Myeloma", "Plasma Cell Leukemia"],
                     phases=["PHASE1", "PHASE2"], study_type="INTERVENTIONAL", intervention_model="SINGLE_GROUP",
                     enrollment=30, overall_status="NOT_YET_RECRUITING", min_age="18 Years", max_age="75 Years", sex="ALL",
                     sites=[site("Qinghe Institute of Cellular Medicine Hospital", "Tianjin", "Tianjin"),
                            site("Eastbay Central Hospital", "Xiamen", "Fujian")]),
         arms=[dict(label="Experimental: BCMA CAR-T arm.", type="EXPERIMENTAL",
                    description="Patients receive fludarabine-based lymphodepletion and then one dose of BCMA CAR-T cells at 2.0x10^6/kg.",
                    interventions=["BCMA-directed CAR-T cells"])],
         interventions=[dict(name="BCMA-directed CAR-T cells", type="BIOLOGICAL", description=None),
                        dict(name="Fludarabine", type="DRUG", description=None)],
         dose_levels=[dose(2e6, "2.0x10^6/kg")],
         outcomes=[out("Incidence of adverse events", "28 days", kind="PRIMARY"),
                   out("Maximum tolerated dose (MTD)", "28 days", kind="PRIMARY"),
                   out("Overall response rate (ORR)", "3 months", kind="SECONDARY"),
                   out("Duration of response", "24 months", kind="SECONDARY")],
         criteria=[crit("INCLUSION", "Aged 18 to 75 years, any gender;", "age"),
                   crit("INCLUSION", "Confirmed multiple myeloma per IMWG criteria with measurable disease;", "diagnosis"),
                   crit("INCLUSION", "Received at least two prior lines including a proteasome inhibitor and an immunomodulator;", "prior_therapy"),
                   crit("INCLUSION", "ECOG performance status 0-2;", "performance_status"),
                   crit("INCLUSION", "Signed informed consent.", "consent"),
                   crit("EXCLUSION", "Prior BCMA-targeted therapy;", "prior_therapy"),
                   crit("EXCLUSION", "Active hepatitis B or C infection, or HIV positive;", "infection"),
                   crit("EXCLUSION", "Pregnant or breastfeeding women;", "pregnancy"),
                   crit("EXCLUSION", "Uncontrolled cardiac disease within 6 months;", "comorbidity"),
                   crit("EXCLUSION", "Known CNS involvement by myeloma.", "disease_status")]))

# 03: CenterWatch style (001-like), caret doses, both criteria sections filled
PAGES["b4_03_cd19_centerwatch"] = ("""Status and phase
Conditions
Treatments
About
This phase I, single-arm, open-label study explores the safety and cell expansion of humanized CD19 CAR-T cell injection in patients with relapsed/refractory diffuse large B-cell lymphoma.
Full description
Two dose levels are planned, 0.5×10^6 CAR-T cells/kg and 1.5×10^6 CAR-T cells/kg, using the standard "3+3" escalation rule. Each subject is followed for a DLT observation period of 28 days before the next cohort opens. Bridging therapy is allowed at the investigator's discretion.
Enrollment
Sex
Ages
Volunteers
Inclusion criteria
Aged 14-65 years, gender is not limited;
Histologically confirmed CD19-positive diffuse large B-cell lymphoma;
Relapsed after, or refractory to, at least two lines of therapy;
At least one measurable lesion on PET-CT;
Expected survival of more than 3 months;
Willing to sign the informed consent document.
Exclusion criteria
Active central nervous system lymphoma;
Uncontrolled bacterial, fungal or viral infection;
Left ventricular ejection fraction \\<45%;
Pregnant or nursing women.
Primary purpose
Allocation
Interventional model
Masking
24 participants in 1 patient group
Loading...
Central trial contact
wei zhang, Doctor
Data sourced from clinicaltrials.gov
Clinical trials
Research sites
Resources
Legal""",
    dict(study=study(conditions=["relapsed/refractory diffuse large B-cell lymphoma"], phases=["PHASE1"],
                     intervention_model="SINGLE_GROUP", masking="NONE", enrollment=24,
                     min_age="14 Years", max_age="65 Years", sex="ALL"),
         interventions=[dict(name="humanized CD19 CAR-T cell injection", type=None, description=None)],
         dose_levels=[dose(5e5, "0.5×10^6 CAR-T cells/kg"), dose(1.5e6, "1.5×10^6 CAR-T cells/kg")],
         escalation=dict(method="3+3", dlt_window_days=28),
         criteria=[crit("INCLUSION", "Aged 14-65 years, gender is not limited;", "age"),
                   crit("INCLUSION", "Histologically confirmed CD19-positive diffuse large B-cell lymphoma;", "diagnosis"),
                   crit("INCLUSION", "Relapsed after, or refractory to, at least two lines of therapy;", "disease_status"),
                   crit("INCLUSION", "At least one measurable lesion on PET-CT;", "disease_status"),
                   crit("INCLUSION", "Expected survival of more than 3 months;", "life_expectancy"),
                   crit("INCLUSION", "Willing to sign the informed consent document.", "consent"),
                   crit("EXCLUSION", "Active central nervous system lymphoma;", "disease_status"),
                   crit("EXCLUSION", "Uncontrolled bacterial, fungal or viral infection;", "infection"),
                   crit("EXCLUSION", "Left ventricular ejection fraction \\<45%;", "organ_function"),
                   crit("EXCLUSION", "Pregnant or nursing women.", "pregnancy")]))

# 04: 003 style bullets with sub-items, but with both headings
PAGES["b4_04_cd7_bullets"] = ("""Multicenter, Open-label, Single-arm Study of Donor-derived CD7 CAR-T Cells in Relapsed or Refractory T-lymphoblastic Lymphoma
To assess the safety and efficacy of donor-derived CD7 CAR-T cells in relapsed or refractory T-lymphoblastic lymphoma
Inclusion Criteria:
• Male or female, aged 16 to 60 years;
• CD7 expression on tumour cells confirmed by flow cytometry or immunohistochemistry;
• Adequate organ function:
⁃ Liver: ALT and AST \\< 3 × ULN;
⁃ Kidney: creatinine clearance ≥ 50 mL/min;
• A suitable HLA-matched or haploidentical donor is available;
• Written consent from the patient or guardian.
Exclusion Criteria:
• Grade II-IV acute graft-versus-host disease at screening;
• Uncontrolled active infection;
• Pregnancy or lactation.""",
    dict(study=study(title="Multicenter, Open-label, Single-arm Study of Donor-derived CD7 CAR-T Cells in Relapsed or Refractory T-lymphoblastic Lymphoma",
                     conditions=["relapsed or refractory T-lymphoblastic lymphoma"], intervention_model="SINGLE_GROUP",
                     masking="NONE", min_age="16 Years", max_age="60 Years", sex="ALL"),
         interventions=[dict(name="donor-derived CD7 CAR-T cells", type=None, description=None)],
         criteria=[crit("INCLUSION", "Male or female, aged 16 to 60 years;", "age"),
                   crit("INCLUSION", "CD7 expression on tumour cells confirmed by flow cytometry or immunohistochemistry;", "diagnosis"),
                   crit("INCLUSION", "Adequate organ function:", "organ_function"),
                   crit("INCLUSION", "Liver: ALT and AST \\< 3 × ULN;", "organ_function"),
                   crit("INCLUSION", "Kidney: creatinine clearance ≥ 50 mL/min;", "organ_function"),
                   crit("INCLUSION", "A suitable HLA-matched or haploidentical donor is available;", "other"),
                   crit("INCLUSION", "Written consent from the patient or guardian.", "consent"),
                   crit("EXCLUSION", "Grade II-IV acute graft-versus-host disease at screening;", "comorbidity"),
                   crit("EXCLUSION", "Uncontrolled active infection;", "infection"),
                   crit("EXCLUSION", "Pregnancy or lactation.", "pregnancy")]))

# 05: seed-002 style, early phase 1, not-yet-recruiting glued, /kg doses, no phase label
PAGES["b4_05_gpc3_hcc"] = ("""This is an early phase 1, open-label, single-arm study to evaluate the safety of GPC3-targeted CAR-T cells in patients with advanced hepatocellular carcinoma.
Hepatocellular carcinoma is common in China and patients with advanced disease have few options once first-line systemic therapy fails. Glypican-3 is expressed in most tumours and is largely absent from normal adult liver. Participants will be assigned to one of three dose levels: 2.5x10^5/kg, 5x10^5/kg and 1.0x10^6/kg.
Study Type
INTERVENTIONAL
Allocation
NA
Purpose
TREATMENT
Masking
NONE
Enrollment
9
GPC3 CAR-T cells are given by hepatic artery infusion after a short course of lymphodepletion.
Xiangjiang Cancer Hospital
Changsha, Hunan, China
NOT_YET_RECRUITINGCytokine release syndrome incidence
Number of participants with CRS of any grade graded by ASTCT criteria.
Time frame: 28 days
Objective response by mRECIST
Share of participants with complete or partial response in target lesions.
Time frame: 12 weeks
This platform is for informational purposes only and does not constitute medical advice. Always consult a qualified healthcare professional.""",
    dict(study=study(conditions=["advanced hepatocellular carcinoma"], phases=["EARLY_PHASE1"], study_type="INTERVENTIONAL",
                     allocation="NA", intervention_model="SINGLE_GROUP", masking="NONE", primary_purpose="TREATMENT",
                     enrollment=9, overall_status="NOT_YET_RECRUITING",
                     sites=[site("Xiangjiang Cancer Hospital", "Changsha", "Hunan")]),
         interventions=[dict(name="GPC3-targeted CAR-T cells", type=None,
                             description="GPC3 CAR-T cells are given by hepatic artery infusion after a short course of lymphodepletion.")],
         dose_levels=[dose(2.5e5, "2.5x10^5/kg"), dose(5e5, "5x10^5/kg"), dose(1e6, "1.0x10^6/kg")],
         outcomes=[out("Cytokine release syndrome incidence", "28 days", "Number of participants with CRS of any grade graded by ASTCT criteria."),
                   out("Objective response by mRECIST", "12 weeks", "Share of participants with complete or partial response in target lesions.")]))

# 06: MedPath style, two arms, only primary outcomes, "Not provided" inclusion, three sites
PAGES["b4_06_cd70_medpath"] = ("""MedPath

CD70-targeted CAR-NK Cells in Advanced Renal Cell Carcinoma

Early Phase 1
Recruiting
Conditions
Renal Cell Carcinoma
Interventions
Biological: CD70 CAR-NK cells
Registration Number
NCT06554321
Lead Sponsor
Huaxi Regional Medical Center
Brief Summary

The study checks the safety of allogeneic CD70 CAR-NK cells in adults with advanced kidney cancer.

Recruitment & Eligibility

Status
RECRUITING
Sex
All
Target Recruitment
16
Inclusion Criteria

Not provided

Exclusion Criteria
  1. Brain metastases that are symptomatic or untreated;

  2. Systemic corticosteroids above 10 mg prednisone per day within 7 days;

  3. Known hepatitis B, hepatitis C or HIV infection.

Study & Design

Study Type
INTERVENTIONAL
Study Design
PARALLEL
Arm && Interventions
GroupInterventionDescription
Experimental: Experimental: Low-dose cohort.CD70 CAR-NK cellsThree weekly infusions of 3×10^8 cells each.
Experimental: Experimental: High-dose cohort.CD70 CAR-NK cellsThree weekly infusions of 1×10^9 cells each.
Primary Outcome Measures
NameTimeMethod
Incidence of treatment-emergent adverse events8 weeks
Dose-limiting toxicities28 days

Trial Locations

Locations (3)

Huaxi Regional Medical Center

🇨🇳

Chengdu, Sichuan, China

Yunling University First Hospital

🇨🇳

Kunming, Yunnan, China

Qianzhong Tumor Hospital

🇨🇳

Guiyang, Guizhou, China

© Copyright 2025. All Rights Reserved by MedPath""",
    dict(study=study(registry_ids=["NCT06554321"], title="CD70-targeted CAR-NK Cells in Advanced Renal Cell Carcinoma",
                     sponsor="Huaxi Regional Medical Center", conditions=["Renal Cell Carcinoma"], phases=["EARLY_PHASE1"],
                     study_type="INTERVENTIONAL", intervention_model="PARALLEL", enrollment=16, overall_status="RECRUITING",
                     sex="ALL",
                     sites=[site("Huaxi Regional Medical Center", "Chengdu", "Sichuan"),
                            site("Yunling University First Hospital", "Kunming", "Yunnan"),
                            site("Qianzhong Tumor Hospital", "Guiyang", "Guizhou")]),
         arms=[dict(label="Experimental: Low-dose cohort.", type="EXPERIMENTAL", description="Three weekly infusions of 3×10^8 cells each.",
                    interventions=["CD70 CAR-NK cells"]),
               dict(label="Experimental: High-dose cohort.", type="EXPERIMENTAL", description="Three weekly infusions of 1×10^9 cells each.",
                    interventions=["CD70 CAR-NK cells"])],
         interventions=[dict(name="CD70 CAR-NK cells", type="BIOLOGICAL", description=None)],
         dose_levels=[dose(3e8, "3×10^8 cells", unit="cells"), dose(1e9, "1×10^9 cells", unit="cells")],
         outcomes=[out("Incidence of treatment-emergent adverse events", "8 weeks", kind="PRIMARY"),
                   out("Dose-limiting toxicities", "28 days", kind="PRIMARY")],
         criteria=[crit("EXCLUSION", "Brain metastases that are symptomatic or untreated;", "disease_status"),
                   crit("EXCLUSION", "Systemic corticosteroids above 10 mg prednisone per day within 7 days;", "prior_therapy"),
                   crit("EXCLUSION", "Known hepatitis B, hepatitis C or HIV infection.", "infection")]))

# 07: seed-000 style, different section order (design block last), range dose, typo time frames
PAGES["b4_07_cd19_range_order"] = ("""This clincal study is done to evaluate the safety and efficacy of fast-manufactured CD19 CAR-T cells in patients with relapsed/refractory B-cell non-Hodgkin lymphoma.
Each patient receives a single infusion at 1-3x10^6/kg after conditioning. Cells are manufactured within 36 hours and infused fresh.
Patients receive cyclophosphamide and fludarabine on Days -5 to -3 followed by one infusion of CAR-T cells on Day 0.
Binhai Union Hospital
Dalian, Liaoning, China
RECRUITINGAdverse events after infusion
Type and grade of adverse events according to CTCAE 5.0.
Time frame: 3 monhts
Best overall response
Best response reached after infusion per Lugano 2014.
Time frame: 6 monhts
Study Type
INTERVENTIONAL
Allocation
NA
Purpose
TREATMENT
Masking
NONE
Enrollment
20""",
    dict(study=study(conditions=["relapsed/refractory B-cell non-Hodgkin lymphoma"], study_type="INTERVENTIONAL", allocation="NA",
                     masking="NONE", primary_purpose="TREATMENT", enrollment=20, overall_status="RECRUITING",
                     sites=[site("Binhai Union Hospital", "Dalian", "Liaoning")]),
         interventions=[dict(name="fast-manufactured CD19 CAR-T cells", type=None,
                             description="Patients receive cyclophosphamide and fludarabine on Days -5 to -3 followed by one infusion of CAR-T cells on Day 0.")],
         dose_levels=[dose(1e6, "1-3x10^6/kg", vmax=3e6)],
         outcomes=[out("Adverse events after infusion", "3 monhts", "Type and grade of adverse events according to CTCAE 5.0."),
                   out("Best overall response", "6 monhts", "Best response reached after infusion per Lugano 2014.")]))

# 08: CenterWatch style, pediatric ages, no sex statement, CAR+ dose, exclusion items
PAGES["b4_08_peds_centerwatch"] = ("""Status and phase
Conditions
Treatments
About
This single-arm, open-label study evaluates the safety and efficacy of CD22 CAR-T cells in children and young adults with relapsed/refractory B-cell acute lymphoblastic leukemia after prior CD19-directed therapy.
Full description
Patients are treated at a fixed dose of 1×10^6 CAR+ T cells/kg. The study uses a Bayesian optimal interval (BOIN) design for dose finding, with a DLT assessment window of 28 days.
Enrollment
Sex
Ages
Volunteers
Inclusion criteria
Aged 2-30 years;
CD22 expression on ≥ 90% of leukemic blasts;
Bone marrow blasts ≥5% or detectable extramedullary disease;
Karnofsky or Lansky score ≥ 60;
Exclusion criteria
Isolated testicular relapse;
Active grade 2-4 acute GVHD;
Prior treatment with any CD22-targeted product.
Primary purpose
Allocation
Interventional model
Masking
20 participants in 1 patient group
Loading...
Central trial contact
li na, MD
Data sourced from clinicaltrials.gov""",
    dict(study=study(conditions=["relapsed/refractory B-cell acute lymphoblastic leukemia"], intervention_model="SINGLE_GROUP",
                     masking="NONE", enrollment=20, min_age="2 Years", max_age="30 Years"),
         interventions=[dict(name="CD22 CAR-T cells", type=None, description=None)],
         dose_levels=[dose(1e6, "1×10^6 CAR+ T cells/kg")],
         escalation=dict(method="BOIN", dlt_window_days=28),
         criteria=[crit("INCLUSION", "Aged 2-30 years;", "age"),
                   crit("INCLUSION", "CD22 expression on ≥ 90% of leukemic blasts;", "diagnosis"),
                   crit("INCLUSION", "Bone marrow blasts ≥5% or detectable extramedullary disease;", "disease_status"),
                   crit("INCLUSION", "Karnofsky or Lansky score ≥ 60;", "performance_status"),
                   crit("EXCLUSION", "Isolated testicular relapse;", "disease_status"),
                   crit("EXCLUSION", "Active grade 2-4 acute GVHD;", "comorbidity"),
                   crit("EXCLUSION", "Prior treatment with any CD22-targeted product.", "prior_therapy")]))

# 09: 003 style, no heading, Chinese enumeration "1、" and "(2)" numbering
PAGES["b4_09_mesothelin_numbered"] = ("""Open-label, Single-arm Pilot Study of Mesothelin-directed CAR-T Cells in Refractory Epithelial Ovarian Cancer
To observe the safety and preliminary efficacy of mesothelin-directed CAR-T cells in refractory epithelial ovarian cancer
1、Female patients aged 18-70 years;
2、Mesothelin positivity confirmed on a tumour sample;
3、Disease progression after platinum-based chemotherapy;
4、ECOG score 0-1;
5、Voluntarily sign the informed consent form.""",
    dict(study=study(title="Open-label, Single-arm Pilot Study of Mesothelin-directed CAR-T Cells in Refractory Epithelial Ovarian Cancer",
                     conditions=["refractory epithelial ovarian cancer"], intervention_model="SINGLE_GROUP", masking="NONE",
                     min_age="18 Years", max_age="70 Years", sex="FEMALE"),
         interventions=[dict(name="mesothelin-directed CAR-T cells", type=None, description=None)],
         criteria=[crit("INCLUSION", "Female patients aged 18-70 years;", "age"),
                   crit("INCLUSION", "Mesothelin positivity confirmed on a tumour sample;", "diagnosis"),
                   crit("INCLUSION", "Disease progression after platinum-based chemotherapy;", "disease_status"),
                   crit("INCLUSION", "ECOG score 0-1;", "performance_status"),
                   crit("INCLUSION", "Voluntarily sign the informed consent form.", "consent")]))

# 10: MedPath style, phase 1, completed, female, hyphen bullets, exclusion not provided, 1 site, secondary only table
PAGES["b4_10_claudin_medpath"] = ("""MedPath

Claudin18.2 CAR-T in Advanced Gastric and Pancreatic Cancer

Phase 1
Completed
Conditions
Gastric Cancer
Pancreatic Cancer
Interventions
Biological: CLDN18.2 CAR-T cells
Registration Number
NCT05998877
Lead Sponsor
Southern Coast Biotherapeutics Co., Ltd.
Brief Summary

An open-label study of autologous Claudin18.2-specific CAR-T cells in patients with advanced gastric or pancreatic adenocarcinoma.

Recruitment & Eligibility

Status
COMPLETED
Sex
All
Target Recruitment
27
Inclusion Criteria
  * Age 18 to 70 years;
  * Claudin18.2 expression in at least 40% of tumour cells by IHC;
  * Failed at least one prior line of systemic treatment;
  * Life expectancy of at least 12 weeks.

Exclusion Criteria

Not provided

Study & Design

Study Type
INTERVENTIONAL
Study Design
SEQUENTIAL
Primary Outcome Measures
NameTimeMethod
Dose-limiting toxicity28 days
Secondary Outcome Measures
NameTimeMethod
Objective response rate6 months
Progression-free survival12 months

Trial Locations

Locations (1)

Southern Coast University Cancer Center

🇨🇳

Guangzhou, Guangdong, China

© Copyright 2025. All Rights Reserved by MedPath""",
    dict(study=study(registry_ids=["NCT05998877"], title="Claudin18.2 CAR-T in Advanced Gastric and Pancreatic Cancer",
                     sponsor="Southern Coast Biotherapeutics Co., Ltd.", conditions=["Gastric Cancer", "Pancreatic Cancer"],
                     phases=["PHASE1"], study_type="INTERVENTIONAL", intervention_model="SEQUENTIAL", masking="NONE", enrollment=27,
                     overall_status="COMPLETED", min_age="18 Years", max_age="70 Years", sex="ALL",
                     sites=[site("Southern Coast University Cancer Center", "Guangzhou", "Guangdong")]),
         interventions=[dict(name="CLDN18.2 CAR-T cells", type="BIOLOGICAL", description=None)],
         outcomes=[out("Dose-limiting toxicity", "28 days", kind="PRIMARY"),
                   out("Objective response rate", "6 months", kind="SECONDARY"),
                   out("Progression-free survival", "12 months", kind="SECONDARY")],
         criteria=[crit("INCLUSION", "Age 18 to 70 years;", "age"),
                   crit("INCLUSION", "Claudin18.2 expression in at least 40% of tumour cells by IHC;", "diagnosis"),
                   crit("INCLUSION", "Failed at least one prior line of systemic treatment;", "prior_therapy"),
                   crit("INCLUSION", "Life expectancy of at least 12 weeks.", "life_expectancy")]))


def main():
    for name, (text, g) in PAGES.items():
        s = g["study"]
        gold = {"schema": "protocol-abstraction/1", "source": {"file": name + ".txt"}, "study": s,
                "arms": g.get("arms", []), "interventions": g.get("interventions", []),
                "dose_levels": g.get("dose_levels", []),
                "escalation": g.get("escalation", {"method": None, "dlt_window_days": None}),
                "outcomes": g.get("outcomes", []), "criteria": g.get("criteria", [])}
        checks = [c["text"] for c in gold["criteria"]] + [o["measure"] for o in gold["outcomes"]]
        checks += [d["text"] for d in gold["dose_levels"]] + [x["facility"] for x in s["sites"]]
        checks += [i["name"] for i in gold["interventions"]] + s["conditions"] + s["registry_ids"]
        checks += [o["description"] for o in gold["outcomes"] if o["description"]]
        checks += [i["description"] for i in gold["interventions"] if i["description"]]
        if s["title"]:
            checks.append(s["title"])
        for c in checks:
            assert c in text, (name, c)
        with open(os.path.join(HERE, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(HERE, name + ".gold.json"), "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
