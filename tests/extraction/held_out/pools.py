"""Invented building blocks for held-out registry pages.

Every name, sentence and number here is made up for these tests (drug codes,
institutions, measures); only generic vocabulary (disease names, cities,
countries, registry enum words) is real. Nothing is copied from the corpus.
"""
from __future__ import annotations

DRUGS = ["Velnorasib", "Tarpexumab", "KZ-3318", "Oriventide", "Pelcatinib", "Zurabrogene autoleucel",
         "Meltrovimab", "QX-0921 tablets", "Brenalisib", "Fostaquine", "Sarvolimab", "HT-552",
         "Clendratide", "Ruxalomab", "Dovipristat", "Amrelinib"]
CELL_PRODUCTS = ["anti-CD19 CAR-T cells", "CD7-targeted CAR-NK cells", "BCMA CAR-T cell injection",
                 "anti-GPC3 CAR-T cells", "CD70 CAR-NK cells", "anti-CLL1 CAR-T cells",
                 "CD30-directed CAR-T cells", "dual CD19/CD22 CAR-T cells"]
CONDITIONS = ["Diffuse Large B-Cell Lymphoma", "Multiple Myeloma", "Hepatocellular Carcinoma",
              "Acute Myeloid Leukemia", "Type 2 Diabetes Mellitus", "Chronic Kidney Disease",
              "Psoriasis", "Heart Failure", "Major Depressive Disorder", "Osteoarthritis, Knee",
              "Non-small Cell Lung Cancer", "Ulcerative Colitis", "Asthma", "Glioblastoma",
              "Migraine Disorders", "Rheumatoid Arthritis", "Sickle Cell Disease", "Postoperative Pain"]
HEME = ["T-cell acute lymphoblastic leukemia", "B-cell non-Hodgkin lymphoma", "multiple myeloma",
        "acute myeloid leukemia", "mantle cell lymphoma", "peripheral T-cell lymphoma"]
SPONSORS = ["Northbridge Oncology Institute", "Halvard Pharmaceuticals Ltd.", "Riverside University Hospital",
            "Kestrel Biotherapeutics, Inc.", "Amberlight Health Research Foundation",
            "Second People's Hospital of Linqiao", "Corvale Therapeutics GmbH", "Westmere Medical College",
            "Soliant Bio", "Harrowgate Clinical Research Group"]
# (facility, city, region or None, country)
SITES = [
    ("Lakeside Regional Cancer Center", "Denver", "Colorado", "United States"),
    ("St. Aldric University Hospital", "Lyon", None, "France"),
    ("Kingsford Clinical Research Unit", "Leeds", None, "United Kingdom"),
    ("The Third Affiliated Hospital of Hanxi Medical University", "Changsha", "Hunan", "China"),
    ("Marlow Heart Institute", "Toronto", "Ontario", "Canada"),
    ("Ospedale San Ferrante", "Milan", None, "Italy"),
    ("Centro Medico Aurora", "Guadalajara", "Jalisco", "Mexico"),
    ("Nordhaven Klinikum", "Hamburg", None, "Germany"),
    ("Sunrise Women's Hospital", "Melbourne", "Victoria", "Australia"),
    ("Eastgate Medical Centre", "Freetown", None, "Sierra Leone"),
    ("Clinique des Alizés", "Saint-Denis", None, "Réunion"),
    ("Han River Oncology Clinic", "Seoul", None, "Korea, Republic of"),
    ("Provincial People's Hospital of Qingshan", "Hefei", "Anhui", "China"),
    ("Bayview Pediatric Research Center", "Houston", "Texas", "United States"),
    ("Instituto de Salud Valdés", "Montevideo", None, "Uruguay"),
    ("Kaunas Clinical Trials Unit", "Kaunas", None, "Lithuania"),
]
MEASURES = [
    ("Number of participants with treatment-emergent adverse events", "Adverse events graded by CTCAE v5.0."),
    ("Maximum tolerated dose of {drug}", "Highest dose with fewer than 2 of 6 participants having a DLT."),
    ("Objective response rate (ORR)", "Proportion of participants with complete or partial response."),
    ("Change from baseline in HbA1c", "Glycated haemoglobin measured by central laboratory."),
    ("Progression-free survival", "Time from enrolment to progression or death from any cause."),
    ("Area under the curve (AUC) of {drug}", "Plasma concentrations measured at pre-specified times."),
    ("Pain intensity on a 0-10 numeric rating scale", None),
    ("Duration of response", "Time from first response to progression."),
    ("Incidence of cytokine release syndrome", "Graded by ASTCT consensus criteria."),
    ("Overall survival", None),
    ("Percentage of participants achieving MRD negativity", "Measured by flow cytometry in marrow."),
    ("Forced expiratory volume in 1 second (FEV1)", "Spirometry performed per ATS guidance."),
]
TIME_FRAMES = ["28 days", "Up to 24 months", "Baseline and week 12", "12 weeks", "Day 1 through day 29",
               "Up to 3 years", "6 months", "From first dose to 90 days after last dose", "Week 52",
               "2 hours post-dose"]
# (text with {n}, {m} placeholders, category)
INCLUSION = [
    ("Age {lo} to {hi} years at the time of screening", "age"),
    ("ECOG performance status of 0 to {ps}", "performance_status"),
    ("Life expectancy of at least {w} weeks", "life_expectancy"),
    ("Histologically confirmed {cond}", "diagnosis"),
    ("Relapsed or refractory disease after at least two prior lines of therapy", "disease_status"),
    ("Serum creatinine \u2264 {cr} mg/dL", "organ_function"),
    ("ALT and AST \u2264 {uln} x ULN", "organ_function"),
    ("Able to understand the study and sign a written informed consent form", "consent"),
    ("Women of childbearing potential must use effective contraception during the study", "pregnancy"),
    ("At least one measurable lesion per RECIST 1.1", "disease_status"),
]
EXCLUSION = [
    ("Active hepatitis B, hepatitis C or HIV infection", "infection"),
    ("Pregnant or breastfeeding women", "pregnancy"),
    ("Prior treatment with {drug} within {w} weeks before enrolment", "prior_therapy"),
    ("Known hypersensitivity to any component of the study product", "comorbidity"),
    ("History of another malignancy within the last 3 years", "comorbidity"),
    ("Uncontrolled hypertension or symptomatic heart failure", "comorbidity"),
    ("Central nervous system involvement by the disease", "disease_status"),
    ("Participation in another interventional study within 30 days", "other"),
]
ARM_LABELS = ["Dose level 1", "Cohort A: {drug} low dose", "{drug} plus standard care", "Placebo",
              "Part 2 expansion", "Arm B", "Usual care", "High-dose {drug}"]
SUMMARY = ["The purpose of this study is to learn whether {drug} is safe in people with {cond}.",
           "Researchers want to find out how the body handles {drug} and whether it helps {cond}.",
           "This trial compares {drug} with the usual treatment for {cond}."]
