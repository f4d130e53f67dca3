"""Gold of the twelve seed-like pages of blind set 3 (hand-written; checks that quoted values occur in the page)."""
import json, os, sys
def D(v, u, t, vmax=None): return {"value": float(v), "value_max": None if vmax is None else float(vmax), "unit": u, "text": t}
def O(k, m, d, tf): return {"kind": k, "measure": m, "description": d, "time_frame": tf}
def C(k, t, cat): return {"kind": k, "text": t, "category": cat}
def S(f, c, r, k): return {"facility": f, "city": c, "region": r, "country": k}
def I(n, t=None, d=None): return {"name": n, "type": t, "description": d}
def A(l, t, d, iv): return {"label": l, "type": t, "description": d, "interventions": iv}
def study(**kw):
    base = dict(registry_ids=[], title=None, acronym=None, sponsor=None, conditions=[], phases=[], study_type=None,
                allocation=None, intervention_model=None, masking=None, primary_purpose=None, enrollment=None,
                overall_status=None, min_age=None, max_age=None, sex=None, sites=[])
    base.update(kw); return base
G = {}
G["s01_cll1_boin_cohorts"] = dict(
  study=study(conditions=["relapsed or refractory acute myeloid leukemia"], phases=["PHASE1"], study_type="INTERVENTIONAL",
    allocation="NA", intervention_model="SINGLE_GROUP", masking="NONE", primary_purpose="TREATMENT", enrollment=30,
    overall_status="NOT_YET_RECRUITING", min_age="14 Years", max_age="65 Years",
    sites=[S("Shanxi Bethune Hospital", "Taiyuan", "Shanxi", "China")]),
  interventions=[I("CLL-1 CAR-T cells", None, "Lymphodepletion with fludarabine 30 mg/m2/day and cyclophosphamide 300 mg/m2/day on Days -5 to -3, followed by a single intravenous infusion of CLL-1 CAR-T cells on Day 0.")],
  dose_levels=[D(5e5, "cells/kg", "5×10^5 CAR-T cells/kg"), D(1e6, "cells/kg", "1×10^6 CAR-T cells/kg"),
               D(2e6, "cells/kg", "2×10^6 CAR-T cells/kg"), D(3e5, "cells/kg", "3×10^5 CAR-T cells/kg")],
  _optional={"dose_levels": [D(30, "mg/m2", "30 mg/m2"), D(300, "mg/m2", "300 mg/m2")]},
  escalation={"method": "BOIN", "dlt_window_days": 21},
  outcomes=[O("OTHER", "Evaluation of dose-limiting toxicity (DLT)", "DLT is any grade 3 or higher non-hematologic toxicity, or grade 4 cytopenia lasting beyond Day 42, attributed to CAR-T cells.", "21 days"),
            O("OTHER", "Complete remission rate", "Proportion of patients with CR or CRi by bone marrow examination.", "Day 28"),
            O("OTHER", "MRD-negative remission", "Flow cytometry MRD below 0.01% among responders.", "3 months"),
            O("OTHER", "Expansion of CLL-1 CAR-T cells in blood", "Peak CAR transgene copies per microgram of genomic DNA measured by qPCR.", "3 months")],
  criteria=[])
G["s02_gd2_medpath_mtpi"] = dict(
  study=study(registry_ids=["NCT09234417"], title="GD2-Directed CAR-T Cells Armored With IL-15 for Relapsed Neuroblastoma and Osteosarcoma",
    sponsor="Children's Hospital of Chongqing Medical University", conditions=["Neuroblastoma", "Osteosarcoma"],
    phases=["PHASE1", "PHASE2"], study_type="INTERVENTIONAL", intervention_model="SEQUENTIAL", enrollment=27,
    overall_status="NOT_YET_RECRUITING", min_age="3 Years", max_age="25 Years", sex="ALL",
    sites=[S("Children's Hospital of Chongqing Medical University", "Chongqing", "Chongqing", "China"),
           S("West China Second University Hospital", "Chengdu", "Sichuan", "China")]),
  arms=[A("Experimental: GD2-IL15 CAR-T.", "EXPERIMENTAL", "Lymphodepletion with cyclophosphamide and fludarabine, then a single infusion of GD2-IL15 CAR-T cells at the assigned dose level.", ["GD2-IL15 CAR-T cells"])],
  interventions=[I("GD2-IL15 CAR-T cells", "BIOLOGICAL"), I("Cyclophosphamide", "DRUG"), I("Fludarabine", "DRUG")],
  dose_levels=[D(1e6, "cells/kg", "1×10^6 CAR+ T cells/kg"), D(3e6, "cells/kg", "3×10^6 CAR+ T cells/kg"), D(1e7, "cells/kg", "1×10^7 CAR+ T cells/kg")],
  _optional={"dose_levels": [D(500, "mg/m2", "500 mg/m2"), D(25, "mg/m2", "25 mg/m2")]},
  escalation={"method": "mTPI-2", "dlt_window_days": 28},
  outcomes=[O("PRIMARY", "Incidence of dose-limiting toxicities", None, "28 days"), O("PRIMARY", "Maximum tolerated dose", None, "28 days"),
            O("SECONDARY", "Overall response rate by INRC or RECIST 1.1", None, "12 weeks"), O("SECONDARY", "Event-free survival", None, "2 years"),
            O("SECONDARY", "Persistence of GD2-IL15 CAR-T cells in blood", None, "6 months")],
  criteria=[C("INCLUSION", "Aged 3 to 25 years at the time of consent;", "age"),
            C("INCLUSION", "Relapsed or refractory neuroblastoma or osteosarcoma with GD2 expression confirmed by immunohistochemistry;", "diagnosis"),
            C("INCLUSION", "Lansky or Karnofsky score ≥ 60;", "performance_status"),
            C("INCLUSION", "Adequate organ function, defined as:", "organ_function"),
            C("INCLUSION", "ALT and AST ≤ 3 × ULN;", "organ_function"),
            C("INCLUSION", "serum creatinine ≤ 1.5 × ULN for age;", "organ_function"),
            C("INCLUSION", "left ventricular shortening fraction ≥ 28%.", "organ_function"),
            C("INCLUSION", "Parent or guardian signs the informed consent, with assent from children old enough to give it.", "consent"),
            C("EXCLUSION", "Active CNS metastases with mass effect;", "disease_status"),
            C("EXCLUSION", "Prior treatment with any GD2-directed cell therapy;", "prior_therapy"),
            C("EXCLUSION", "Uncontrolled infection requiring intravenous antibiotics;", "infection"),
            C("EXCLUSION", "Pregnant or breastfeeding.", "pregnancy")])
G["s03_cd70_about_i3"] = dict(
  study=study(conditions=["advanced clear cell renal cell carcinoma"], allocation="NON_RANDOMIZED", masking="NONE",
    enrollment=12, min_age="18 Years", max_age="75 Years", sex="ALL"),
  interventions=[I("CD70-targeted CAR-T cells")],
  _optional={"arms": [A("Part 1", None, None, []), A("Part 2", None, None, [])], "interventions": [I("tislelizumab")]},
  dose_levels=[D(1.5e8, "cells", "1.5×10^8 CAR-T cells"), D(5e8, "cells", "5×10^8 CAR-T cells"), D(1.5e9, "cells", "1.5×10^9 CAR-T cells"),
               D(200, "mg", "200 mg")],
  escalation={"method": "i3+3", "dlt_window_days": 28},
  outcomes=[],
  criteria=[C("INCLUSION", "Aged 18 to 75 years, male or female;", "age"),
            C("INCLUSION", "Histologically confirmed clear cell renal cell carcinoma with CD70 expression in ≥ 20% of tumour cells;", "diagnosis"),
            C("INCLUSION", "At least one measurable lesion per RECIST 1.1;", "disease_status"),
            C("INCLUSION", "ECOG performance status 0-1;", "performance_status"),
            C("INCLUSION", "Adequate organ function: ALT and AST ≤ 2.5 × ULN, creatinine clearance ≥ 40 mL/min;", "organ_function"),
            C("INCLUSION", "Written informed consent.", "consent"),
            C("EXCLUSION", "Brain metastases that are untreated or symptomatic;", "disease_status"),
            C("EXCLUSION", "Autoimmune disease requiring systemic treatment within the past 2 years;", "comorbidity"),
            C("EXCLUSION", "Active hepatitis B or C, or HIV infection;", "infection"),
            C("EXCLUSION", "Prior allogeneic organ or stem cell transplantation.", "prior_therapy")])
G["s04_b7h3_randomized_prose"] = dict(
  study=study(conditions=["recurrent glioblastoma"], phases=["PHASE1"], allocation="RANDOMIZED", masking="NONE",
    enrollment=20, min_age="18 Years", max_age="70 Years"),
  interventions=[I("B7-H3 CAR-T cells")],
  dose_levels=[D(2.5e7, "cells", "2.5×10^7 CAR-T cells"), D(5e7, "cells", "5×10^7 CAR-T cells")],
  escalation={"method": None, "dlt_window_days": 21},
  outcomes=[],
  criteria=[C("INCLUSION", "Age 18 to 70 years;", "age"),
            C("INCLUSION", "Recurrent IDH-wildtype glioblastoma after standard radiotherapy and temozolomide;", "diagnosis"),
            C("INCLUSION", "B7-H3 positive on tumour tissue by immunohistochemistry;", "diagnosis"),
            C("INCLUSION", "Karnofsky performance score ≥ 60;", "performance_status"),
            C("INCLUSION", "Able to undergo placement of an Ommaya reservoir.", "other"),
            C("EXCLUSION", "Tumour in the brainstem or spinal cord;", "disease_status"),
            C("EXCLUSION", "Dexamethasone above 4 mg per day at the time of enrolment;", "prior_therapy"),
            C("EXCLUSION", "Active infection.", "infection")])
G["s05_cldn182_medpath_phase2"] = dict(
  study=study(registry_ids=["NCT09355802"], title="Claudin18.2 CAR-T Cells Plus Toripalimab in Previously Treated Gastric Cancer",
    sponsor="Peking University Cancer Hospital & Institute", conditions=["Gastric Adenocarcinoma", "Gastroesophageal Junction Adenocarcinoma"],
    phases=["PHASE2"], study_type="INTERVENTIONAL", intervention_model="SINGLE_GROUP", enrollment=40, overall_status="RECRUITING",
    min_age="18 Years", max_age="70 Years", sex="ALL",
    sites=[S("Peking University Cancer Hospital & Institute", "Beijing", "Beijing", "China"),
           S("Henan Cancer Hospital", "Zhengzhou", "Henan", "China"),
           S("Harbin Medical University Cancer Hospital", "Harbin", "Heilongjiang", "China")]),
  arms=[A("Experimental: CAR-T plus toripalimab.", "EXPERIMENTAL", "Up to three CAR-T infusions with toripalimab every 3 weeks.", ["CLDN18.2 CAR-T cells"])],
  interventions=[I("CLDN18.2 CAR-T cells", "BIOLOGICAL"), I("Toripalimab", "DRUG")],
  dose_levels=[D(2.5e8, "cells", "2.5×10^8 CLDN18.2 CAR-T cells"), D(240, "mg", "240 mg")],
  escalation={"method": None, "dlt_window_days": None},
  outcomes=[O("PRIMARY", "Objective response rate (ORR)", None, "6 months"), O("SECONDARY", "Progression-free survival (PFS)", None, "18 months"),
            O("SECONDARY", "Overall survival (OS)", None, "2 years"), O("SECONDARY", "Incidence of cytokine release syndrome", None, "1 month")],
  criteria=[C("INCLUSION", "Aged 18 to 70 years;", "age"),
            C("INCLUSION", "Claudin18.2 expression 2+/3+ in at least 40% of tumour cells;", "diagnosis"),
            C("INCLUSION", "Progression after at least two prior systemic regimens;", "prior_therapy"),
            C("INCLUSION", "ECOG 0-1 and life expectancy of at least 3 months.", "performance_status"),
            C("EXCLUSION", "Complete gastric outlet obstruction or active gastrointestinal bleeding;", "comorbidity"),
            C("EXCLUSION", "Prior PD-1 or PD-L1 antibody stopped because of immune-related toxicity;", "prior_therapy"),
            C("EXCLUSION", "Active autoimmune disease.", "comorbidity")])
G["s06_cd30_plain_enotation"] = dict(
  study=study(conditions=["relapsed or refractory CD30-positive lymphomas"], phases=["PHASE1", "PHASE2"], study_type="INTERVENTIONAL",
    allocation="NA", intervention_model="SINGLE_GROUP", masking="NONE", primary_purpose="TREATMENT", enrollment=42,
    overall_status="ACTIVE_NOT_RECRUITING",
    sites=[S("The First Affiliated Hospital of Soochow University", "Suzhou", "Jiangsu", "China"),
           S("Jiangsu Province Hospital", "Nanjing", "Jiangsu", "China")]),
  interventions=[I("CD30 CAR-T cells", None, "CD30 CAR-T cells are infused intravenously two days after lymphodepletion with bendamustine 90 mg/m2 on Days -4 and -3.")],
  dose_levels=[D(1e6, "cells/kg", "1E6 CAR-T cells/kg"), D(1e7, "cells/kg", "1E7 CAR-T cells/kg"), D(2e6, "cells/kg", "2-5×10^6 CAR-T cells/kg", 5e6)],
  _optional={"dose_levels": [D(90, "mg/m2", "90 mg/m2")]},
  escalation={"method": "3+3", "dlt_window_days": None},
  outcomes=[O("OTHER", "Overall response rate (ORR)", "Proportion of patients achieving complete or partial metabolic response on PET-CT (Lugano 2014).", "3 months"),
            O("OTHER", "Incidence of adverse events", "All adverse events graded by CTCAE v5.0; CRS and ICANS graded by ASTCT criteria.", "Up to 1 year"),
            O("OTHER", "Duration of response", "Time from first response to progression or death.", "Up to 2 years")],
  criteria=[])
G["s07_nkg2d_carnk_flat"] = dict(
  study=study(title="NKG2D CAR-NK Cells in Patients With Advanced Solid Tumours", conditions=["Colorectal Cancer", "Pancreatic Cancer", "Ovarian Cancer"],
    study_type="INTERVENTIONAL", allocation="NA", masking="NONE", primary_purpose="TREATMENT", enrollment=18, overall_status="RECRUITING",
    min_age="18 Years", sites=[S("Sun Yat-sen University Cancer Center", "Guangzhou", "Guangdong", "China")]),
  interventions=[I("NKG2D CAR-NK cells", None, "Allogeneic NKG2D CAR-NK cells derived from umbilical cord blood, infused intravenously without HLA matching.")],
  dose_levels=[D(2e9, "cells", "2×10^9 cells"), D(4e9, "cells", "4×10^9 cells"), D(8e9, "cells", "8×10^9 cells")],
  escalation={"method": "3+3", "dlt_window_days": 21},
  outcomes=[O("OTHER", "Number of participants with dose-limiting toxicities", None, "21 days"), O("OTHER", "Maximum tolerated dose", None, "21 days"),
            O("OTHER", "Disease control rate", "Proportion of patients with CR, PR or SD per RECIST 1.1.", "12 weeks")],
  criteria=[C("INCLUSION", "Aged ≥ 18 years;", "age"),
            C("INCLUSION", "Advanced colorectal, pancreatic or ovarian cancer that has failed standard treatment;", "diagnosis"),
            C("INCLUSION", "ECOG score 0-2;", "performance_status"),
            C("INCLUSION", "Hemoglobin ≥ 90 g/L, platelets ≥ 75 × 10^9/L;", "organ_function"),
            C("INCLUSION", "Signed informed consent.", "consent"),
            C("EXCLUSION", "Active brain metastases;", "disease_status"),
            C("EXCLUSION", "Systemic corticosteroids above 10 mg prednisone equivalent per day;", "prior_therapy"),
            C("EXCLUSION", "Pregnant or lactating women.", "pregnancy")])
G["s08_cd19cd22_outcome_subheads"] = dict(
  study=study(title="Tandem CD19/CD22 CAR-T Cells for Relapsed or Refractory B-cell Non-Hodgkin Lymphoma",
    conditions=["Diffuse Large B-cell Lymphoma", "Follicular Lymphoma", "Mantle Cell Lymphoma"], phases=["PHASE1", "PHASE2"],
    intervention_model="SINGLE_GROUP", masking="NONE", enrollment=45, overall_status="RECRUITING", min_age="18 Years", max_age="75 Years",
    sex="ALL", sites=[S("Beijing Boren Hospital", "Beijing", "Beijing", "China")]),
  interventions=[I("tandem CD19/CD22 CAR-T cells")],
  dose_levels=[D(2e6, "cells/kg", "2×10^6 CAR-T cells/kg"), D(1e6, "cells/kg", "1×10^6 CAR-T cells/kg")],
  escalation={"method": "accelerated titration + 3+3", "dlt_window_days": 28},
  outcomes=[O("PRIMARY", "Incidence of dose-limiting toxicities", None, "28 days after infusion"),
            O("PRIMARY", "Incidence and severity of cytokine release syndrome", None, "3 months"),
            O("SECONDARY", "Complete response rate", "Lugano 2014 criteria assessed by PET-CT.", "3 months"),
            O("SECONDARY", "Progression-free survival", None, "2 years"),
            O("OTHER", "CAR-T cell expansion (Cmax) in peripheral blood", None, "3 months")],
  criteria=[C("INCLUSION", "Histologically confirmed CD19- or CD22-positive B-cell NHL;", "diagnosis"),
            C("INCLUSION", "Relapsed or refractory after at least two lines of therapy, including anti-CD20 antibody and anthracycline;", "prior_therapy"),
            C("INCLUSION", "At least one measurable lesion with a longest diameter ≥ 1.5 cm;", "disease_status"),
            C("INCLUSION", "ECOG 0-2.", "performance_status"),
            C("EXCLUSION", "Central nervous system lymphoma;", "disease_status"),
            C("EXCLUSION", "Prior CAR-T cell therapy;", "prior_therapy"),
            C("EXCLUSION", "Active hepatitis B (HBV DNA above the lower limit of detection).", "infection")])
G["s09_cd19_lupus_chictr"] = dict(
  study=study(registry_ids=["ChiCTR2400087123", "NCT09451190"], title="CD19 CAR-T Cells for Refractory Systemic Lupus Erythematosus",
    conditions=["refractory systemic lupus erythematosus"], phases=["EARLY_PHASE1"], study_type="INTERVENTIONAL", allocation="NA",
    intervention_model="SINGLE_GROUP", masking="NONE", primary_purpose="TREATMENT", enrollment=10, overall_status="ENROLLING_BY_INVITATION",
    min_age="18 Years", max_age="60 Years", sex="ALL",
    sites=[S("Ruijin Hospital, Shanghai Jiao Tong University School of Medicine", "Shanghai", "Shanghai", "China")]),
  interventions=[I("CD19 CAR-T cells", None, "Autologous CD19 CAR-T cells manufactured from peripheral blood; glucocorticoids are tapered to 10 mg prednisone per day or less before infusion.")],
  dose_levels=[D(1e6, "cells/kg", "1×10^6 CAR-T cells/kg")],
  _optional={"dose_levels": [D(25, "mg/m2", "25 mg/m2"), D(250, "mg/m2", "250 mg/m2"), D(10, "mg", "10 mg")]},
  escalation={"method": None, "dlt_window_days": None},
  outcomes=[O("OTHER", "Incidence of adverse events", "CRS, ICANS, infections and cytopenias graded by CTCAE v5.0.", "6 months"),
            O("OTHER", "SLEDAI-2K response", "Reduction of SLEDAI-2K score by at least 4 points compared with baseline.", "6 months"),
            O("OTHER", "Drug-free remission", "DORIS remission without immunosuppressants.", "12 months")],
  criteria=[C("INCLUSION", "Meets the 2019 EULAR/ACR classification criteria for SLE;", "diagnosis"),
            C("INCLUSION", "SLEDAI-2K ≥ 8 despite at least two immunosuppressive agents for 6 months;", "disease_status"),
            C("INCLUSION", "Positive anti-dsDNA or anti-Sm antibodies;", "diagnosis"),
            C("INCLUSION", "Willing to use effective contraception for 12 months after infusion.", "pregnancy"),
            C("EXCLUSION", "Severe neuropsychiatric lupus;", "comorbidity"),
            C("EXCLUSION", "eGFR \\< 30 mL/min/1.73 m²;", "organ_function"),
            C("EXCLUSION", "Active tuberculosis or hepatitis B infection.", "infection")])
G["s10_meso_lettered_rolling6"] = dict(
  study=study(title="Intrapleural Mesothelin CAR-T Cells for Malignant Pleural Mesothelioma", sponsor="Shanghai Chest Hospital",
    conditions=["Malignant Pleural Mesothelioma"], phases=["PHASE1"], study_type="INTERVENTIONAL", intervention_model="SEQUENTIAL",
    enrollment=24, overall_status="RECRUITING", min_age="18 Years", sex="ALL",
    sites=[S("Shanghai Chest Hospital", "Shanghai", "Shanghai", "China")]),
  interventions=[I("MSLN CAR-T cells", "BIOLOGICAL"), I("Pembrolizumab", "DRUG")],
  dose_levels=[D(1e7, "cells", "1-3×10^7 cells", 3e7), D(1e8, "cells", "1×10^8 cells"), D(6e8, "cells", "6×10^8 cells"), D(200, "mg", "200 mg")],
  escalation={"method": "rolling six", "dlt_window_days": 28},
  outcomes=[O("PRIMARY", "Dose-limiting toxicities", None, "4 weeks"), O("SECONDARY", "Median overall survival", None, "2 years"),
            O("SECONDARY", "Mesothelin CAR-T persistence in pleural fluid", None, "3 months")],
  criteria=[C("INCLUSION", "Histologically confirmed malignant pleural mesothelioma with mesothelin expression;", "diagnosis"),
            C("INCLUSION", "Pleural effusion or disease accessible through a pleural catheter;", "disease_status"),
            C("INCLUSION", "Adequate bone marrow and organ function:", "organ_function"),
            C("INCLUSION", "absolute neutrophil count ≥ 1.0 × 10^9/L;", "organ_function"),
            C("INCLUSION", "platelets ≥ 75 × 10^9/L;", "organ_function"),
            C("INCLUSION", "total bilirubin ≤ 1.5 × ULN;", "organ_function"),
            C("INCLUSION", "Aged 18 years or older.", "age"),
            C("EXCLUSION", "Prior mesothelin-targeted therapy;", "prior_therapy"),
            C("EXCLUSION", "Ongoing need for supplemental oxygen;", "comorbidity"),
            C("EXCLUSION", "History of pneumonitis requiring steroids.", "comorbidity")])
G["s11_trbc1_about_commalist"] = dict(
  study=study(conditions=["Peripheral T-cell Lymphoma", "Angioimmunoblastic T-cell Lymphoma", "Anaplastic Large Cell Lymphoma"],
    phases=["PHASE1"], allocation="NON_RANDOMIZED", intervention_model="SINGLE_GROUP", masking="NONE", primary_purpose="TREATMENT",
    enrollment=18, overall_status="RECRUITING", min_age="18 Years", max_age="70 Years", sex="ALL"),
  interventions=[I("TRBC1 CAR-T cells")],
  dose_levels=[D(5e5, "cells/kg", "0.5 x 10^6/kg"), D(1e6, "cells/kg", "1.0 x 10^6/kg"), D(2e6, "cells/kg", "2.0 x 10^6/kg")],
  _optional={"dose_levels": [D(30, "mg/m2", "30 mg/m2"), D(500, "mg/m2", "500 mg/m2")]},
  escalation={"method": "3+3", "dlt_window_days": 14},
  outcomes=[],
  criteria=[C("INCLUSION", "TRBC1 expression on ≥ 50% of malignant T cells by flow cytometry;", "diagnosis"),
            C("INCLUSION", "Relapsed or refractory after at least one prior systemic therapy;", "prior_therapy"),
            C("INCLUSION", "ECOG performance status ≤ 2;", "performance_status"),
            C("INCLUSION", "Serum creatinine ≤ 1.5 × ULN and ALT ≤ 3 × ULN;", "organ_function"),
            C("INCLUSION", "Life expectancy ≥ 12 weeks.", "life_expectancy"),
            C("EXCLUSION", "Leukemic phase with more than 20,000 circulating tumour cells per microlitre;", "disease_status"),
            C("EXCLUSION", "Prior allogeneic stem cell transplantation within 6 months;", "prior_therapy"),
            C("EXCLUSION", "Uncontrolled infection.", "infection")])
G["s12_sparse_chrome_withdrawn"] = dict(
  study=study(title="GPC3-targeted CAR-T Cells Secreting IL-7 and CCL19 in Advanced Hepatocellular Carcinoma",
    conditions=["advanced hepatocellular carcinoma"], overall_status="WITHDRAWN"),
  interventions=[I("GPC3-targeted CAR-T cells that secrete IL-7 and CCL19")],
  _optional={"interventions": [I("GPC3-targeted CAR-T cells")]},
  dose_levels=[], escalation={"method": None, "dlt_window_days": None}, outcomes=[], criteria=[])

out = os.path.dirname(os.path.abspath(__file__))

for name, g in G.items():
    text = open(os.path.join(out, name + ".txt"), encoding="utf-8").read()
    for d in g["dose_levels"] + g.get("_optional", {}).get("dose_levels", []):
        assert d["text"] in text, (name, d["text"])
    for c in g["criteria"]:
        assert c["text"] in text, (name, c["text"])
    for o in g["outcomes"]:
        assert o["measure"] in text, (name, o["measure"])
        assert o["time_frame"] in text, (name, o["time_frame"])
        assert o["description"] is None or o["description"] in text, (name, o["description"])
    st = g["study"]
    for c in st["conditions"]: assert c in text, (name, c)
    for s in st["sites"]: assert s["facility"] in text, (name, s)
    for i in g["interventions"]:
        assert i["name"] in text, (name, i["name"])
        assert i["description"] is None or i["description"] in text
    if st["title"]: assert st["title"] in text
    doc = {"schema": "protocol-abstraction/1", "source": {"file": name + ".txt"}, "study": st,
           "arms": g.get("arms", []), "interventions": g["interventions"], "dose_levels": g["dose_levels"],
           "escalation": g["escalation"], "outcomes": g["outcomes"], "criteria": g["criteria"]}
    if "_optional" in g: doc["_optional"] = g["_optional"]
    with open(os.path.join(out, name + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False); f.write("\n")
    open(os.path.join(out, name + ".txt"), "w", encoding="utf-8").write(text)
print("ok", len(G))
