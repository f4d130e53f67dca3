"""An invented study (not from any registry) and a second abstractor's version of it."""
from models.schema import Abstraction


def study_a() -> Abstraction:
    return Abstraction.model_validate({
        "schema": "protocol-abstraction/1",
        "source": {"file": "invented_cd70.txt", "sha256": "a" * 64},
        "study": {
            "registry_ids": ["NCT09990042"],
            "title": "Allogeneic CD70 CAR-NK cells for advanced clear cell renal carcinoma",
            "sponsor": "Invented University Hospital",
            "conditions": ["Clear cell renal carcinoma", "Metastatic kidney cancer"],
            "phases": ["PHASE1", "PHASE2"],
            "study_type": "INTERVENTIONAL", "allocation": "NA", "intervention_model": "SINGLE_GROUP",
            "masking": "NONE", "primary_purpose": "TREATMENT", "enrollment": 18,
            "overall_status": "NOT_YET_RECRUITING", "min_age": "18 Years", "max_age": "75 Years", "sex": "ALL",
            "sites": [{"facility": "Invented University Hospital", "city": "Chengdu", "country": "China"}],
            "target_antigens": ["CD70"], "cell_type": "CAR-NK", "cell_source": "ALLOGENEIC",
        },
        "arms": [{"label": "CD70 CAR-NK", "type": "EXPERIMENTAL", "interventions": ["CD70 CAR-NK cells"]}],
        "interventions": [{"name": "CD70 CAR-NK cells", "type": "BIOLOGICAL"}],
        "dose_levels": [
            {"value": 2e6, "unit": "cells/kg", "text": "2×10⁶ cells/kg"},
            {"value": 6e6, "unit": "cells/kg", "text": "6×10⁶ cells/kg"},
            {"value": 1.8e7, "unit": "cells/kg", "text": "1.8×10⁷ cells/kg"},
        ],
        "escalation": {"method": "3+3", "dlt_window_days": 21},
        "outcomes": [
            {"kind": "PRIMARY", "measure": "Dose-limiting toxicities", "time_frame": "21 days"},
            {"kind": "SECONDARY", "measure": "Objective response rate", "time_frame": "12 weeks"},
            {"kind": "SECONDARY", "measure": "CAR-NK cell persistence in blood", "time_frame": "6 months"},
        ],
        "criteria": [
            {"kind": "INCLUSION", "text": "Histologically confirmed clear cell renal carcinoma", "category": "diagnosis"},
            {"kind": "INCLUSION", "text": "Karnofsky score of at least 70", "category": "performance_status"},
            {"kind": "INCLUSION", "text": "ALT below 2.5 x ULN", "category": "organ_function"},
            {"kind": "INCLUSION", "text": "AST below 2.5 x ULN", "category": "organ_function"},
            {"kind": "EXCLUSION", "text": "Active hepatitis B infection", "category": "infection"},
        ],
        "evidence": [
            {"field": "study.phases", "start": 100, "end": 111, "quote": "Phase 1/2"},
            {"field": "dose_levels[1].text", "start": 300, "end": 316, "quote": "6×10⁶ cells/kg"},
            {"field": "criteria[1].text", "start": 500, "end": 530, "quote": "Karnofsky score of at least 70"},
        ],
        "abstractor": "ana",
    })


def study_b() -> Abstraction:
    """B differs from A in exactly four known ways: the phase, a missing criterion
    (Karnofsky), the outcomes in another order (not a difference), and the unit of
    the second dose level.  Everything else is the same values, partly reordered."""
    b = study_a()
    b.abstractor = "ben"
    b.source = None
    b.study.phases = ["PHASE1"]
    b.criteria = [b.criteria[4], b.criteria[0], b.criteria[3], b.criteria[2]]  # Karnofsky dropped, reordered
    b.outcomes = [b.outcomes[2], b.outcomes[0], b.outcomes[1]]
    b.dose_levels[1].unit = "cells"
    b.evidence = [
        {"field": "study.phases", "start": 100, "end": 107, "quote": "Phase 1"},
        {"field": "dose_levels[1].text", "start": 300, "end": 316, "quote": "6×10⁶ cells"},
    ]
    return b
