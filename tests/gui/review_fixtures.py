"""Invented studies (not from any registry) for the review tests: one abstractor's version
and a second abstractor's version that differs in known ways."""
from __future__ import annotations

from models.schema import Abstraction


def invented_study(registry_id: str = "NCT09990042",
                   title: str = "Allogeneic CD70 CAR-NK cells for advanced clear cell renal carcinoma",
                   abstractor: str = "ana") -> Abstraction:
    return Abstraction.model_validate({
        "schema": "protocol-abstraction/1",
        "study": {
            "registry_ids": [registry_id], "title": title, "sponsor": "Invented University Hospital",
            "conditions": ["Clear cell renal carcinoma"], "phases": ["PHASE1", "PHASE2"],
            "study_type": "INTERVENTIONAL", "enrollment": 18, "sex": "ALL", "min_age": "18 Years",
            "target_antigens": ["CD70"], "cell_type": "CAR-NK", "cell_source": "ALLOGENEIC",
        },
        "arms": [{"label": "CD70 CAR-NK", "type": "EXPERIMENTAL", "interventions": ["CD70 CAR-NK cells"]}],
        "interventions": [{"name": "CD70 CAR-NK cells", "type": "BIOLOGICAL"}],
        "dose_levels": [{"value": 2e6, "unit": "cells/kg", "text": "2x10^6 cells/kg"},
                        {"value": 6e6, "unit": "cells/kg", "text": "6x10^6 cells/kg"}],
        "outcomes": [{"kind": "PRIMARY", "measure": "Dose-limiting toxicities", "time_frame": "21 days"},
                     {"kind": "SECONDARY", "measure": "Objective response rate", "time_frame": "12 weeks"}],
        "criteria": [
            {"kind": "INCLUSION", "text": "Histologically confirmed clear cell renal carcinoma",
             "category": "diagnosis"},
            {"kind": "INCLUSION", "text": "Karnofsky score of at least 70", "category": "performance_status"},
            {"kind": "INCLUSION", "text": "ALT below 2.5 x ULN", "category": "organ_function"},
            {"kind": "EXCLUSION", "text": "Active hepatitis B infection", "category": "infection"},
        ],
        "abstractor": abstractor,
    })


def second_version() -> Abstraction:
    """Ben's version: phase 1 only, the Karnofsky criterion missing, outcomes in another
    order (not a difference), the second dose level's unit "cells"."""
    b = invented_study(abstractor="ben")
    b.study.phases = ["PHASE1"]
    b.criteria = [b.criteria[3], b.criteria[0], b.criteria[2]]
    b.outcomes = [b.outcomes[1], b.outcomes[0]]
    b.dose_levels[1].unit = "cells"
    return b
