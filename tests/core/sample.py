"""A small invented study used across the core tests."""
from models.schema import Abstraction


def sample_study() -> Abstraction:
    return Abstraction.model_validate({
        "schema": "protocol-abstraction/1",
        "source": {"file": "invented.txt", "sha256": None},
        "study": {
            "registry_ids": ["NCT09990003", "ChiCTR2400000001"],
            "title": "Anti-CD22 CAR-T cells in relapsed B-ALL",
            "acronym": "CART22",
            "sponsor": "Example Medical Centre",
            "conditions": ["B-cell acute lymphoblastic leukaemia", "B-cell lymphoma"],
            "phases": ["PHASE1", "PHASE2"],
            "study_type": "INTERVENTIONAL", "allocation": "NA", "intervention_model": "SINGLE_GROUP",
            "masking": "NONE", "primary_purpose": "TREATMENT", "enrollment": 24,
            "overall_status": "RECRUITING", "min_age": "18 Years", "max_age": "70 Years", "sex": "ALL",
            "sites": [{"facility": "Example Medical Centre", "city": "Wuhan", "region": "Hubei", "country": "China"}],
            "target_antigens": ["CD22"], "cell_type": "CAR-T", "cell_source": "AUTOLOGOUS",
            "lymphodepletion": "fludarabine 30 mg/m2 + cyclophosphamide 300 mg/m2, days -5 to -3",
        },
        "arms": [{"label": "Dose escalation", "type": "EXPERIMENTAL", "description": "3+3",
                  "interventions": ["CD22 CAR-T cells", "Fludarabine"]}],
        "interventions": [{"name": "CD22 CAR-T cells", "type": "BIOLOGICAL", "description": "autologous",
                           "other_names": ["CART22"]},
                          {"name": "Fludarabine", "type": "DRUG", "description": None}],
        "dose_levels": [{"value": 1e6, "value_max": None, "unit": "cells/kg", "per_weight": True,
                         "text": "1×10⁶ CAR+ T cells/kg"},
                        {"value": 1e6, "value_max": 3e6, "unit": "cells/kg", "text": "1-3x10^6/kg"}],
        "escalation": {"method": "3+3", "dlt_window_days": 28},
        "outcomes": [{"kind": "PRIMARY", "measure": "Dose-limiting toxicity", "time_frame": "28 days",
                      "time_frame_days": 28},
                     {"kind": "SECONDARY", "measure": "Complete remission rate", "description": "CR/CRi",
                      "time_frame": "3 months"}],
        "criteria": [{"kind": "INCLUSION", "text": "Aged 18-70 years", "category": "age"},
                     {"kind": "INCLUSION", "text": "ECOG ≤ 2", "category": "performance_status",
                      "threshold": {"parameter": "ECOG", "operator": "<=", "value": 2, "unit": None}},
                     {"kind": "EXCLUSION", "text": "Creatinine > 220 µmol/L", "category": "organ_function",
                      "threshold": {"parameter": "creatinine", "operator": ">", "value": 220, "unit": "umol/L"}}],
        "evidence": [{"field": "study.enrollment", "start": 10, "end": 12, "quote": "24"},
                     {"field": "criteria[1].text", "start": 20, "end": 28, "quote": "ECOG ≤ 2"},
                     {"field": "study.conditions[1]", "start": 30, "end": 44, "quote": "B-cell lymphoma"}],
        "review": [{"field": "study.phases", "status": "QUERIED", "by": "rev", "at": "2026-01-02T03:04:05+00:00",
                    "comments": [{"author": "rev", "at": "2026-01-02T03:04:05+00:00", "text": "1 or 1/2?"}]},
                   {"field": "outcomes[0]", "status": "VERIFIED", "comments": [], "by": "rev",
                    "at": "2026-01-02T03:05:00+00:00"}],
        "status": "SUBMITTED", "abstractor": "alice",
    })


def without_ids(d):
    """A JSON dict with the ids that storage assigns taken out, for comparison."""
    if isinstance(d, dict):
        return {k: without_ids(v) for k, v in d.items() if k != "id"}
    if isinstance(d, list):
        return [without_ids(v) for v in d]
    return d
