"""Enumerations, spelled exactly as ABSTRACTION_JSON (ClinicalTrials.gov API v2)."""
from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    """A str-valued enum that prints as its value (JSON, workbooks, dropdowns)."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class Phase(StrEnum):
    EARLY_PHASE1 = "EARLY_PHASE1"
    PHASE1 = "PHASE1"
    PHASE2 = "PHASE2"
    PHASE3 = "PHASE3"
    PHASE4 = "PHASE4"
    NA = "NA"


class StudyType(StrEnum):
    INTERVENTIONAL = "INTERVENTIONAL"
    OBSERVATIONAL = "OBSERVATIONAL"
    EXPANDED_ACCESS = "EXPANDED_ACCESS"


class Allocation(StrEnum):
    RANDOMIZED = "RANDOMIZED"
    NON_RANDOMIZED = "NON_RANDOMIZED"
    NA = "NA"


class InterventionModel(StrEnum):
    SINGLE_GROUP = "SINGLE_GROUP"
    PARALLEL = "PARALLEL"
    CROSSOVER = "CROSSOVER"
    FACTORIAL = "FACTORIAL"
    SEQUENTIAL = "SEQUENTIAL"


class Masking(StrEnum):
    NONE = "NONE"
    SINGLE = "SINGLE"
    DOUBLE = "DOUBLE"
    TRIPLE = "TRIPLE"
    QUADRUPLE = "QUADRUPLE"


class PrimaryPurpose(StrEnum):
    TREATMENT = "TREATMENT"
    PREVENTION = "PREVENTION"
    DIAGNOSTIC = "DIAGNOSTIC"
    SUPPORTIVE_CARE = "SUPPORTIVE_CARE"
    SCREENING = "SCREENING"
    HEALTH_SERVICES_RESEARCH = "HEALTH_SERVICES_RESEARCH"
    BASIC_SCIENCE = "BASIC_SCIENCE"
    DEVICE_FEASIBILITY = "DEVICE_FEASIBILITY"
    ECT = "ECT"
    OTHER = "OTHER"


class OverallStatus(StrEnum):
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    COMPLETED = "COMPLETED"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    UNKNOWN = "UNKNOWN"


class Sex(StrEnum):
    ALL = "ALL"
    FEMALE = "FEMALE"
    MALE = "MALE"


class ArmType(StrEnum):
    EXPERIMENTAL = "EXPERIMENTAL"
    ACTIVE_COMPARATOR = "ACTIVE_COMPARATOR"
    PLACEBO_COMPARATOR = "PLACEBO_COMPARATOR"
    SHAM_COMPARATOR = "SHAM_COMPARATOR"
    NO_INTERVENTION = "NO_INTERVENTION"
    OTHER = "OTHER"


class InterventionType(StrEnum):
    DRUG = "DRUG"
    BIOLOGICAL = "BIOLOGICAL"
    DEVICE = "DEVICE"
    PROCEDURE = "PROCEDURE"
    RADIATION = "RADIATION"
    BEHAVIORAL = "BEHAVIORAL"
    GENETIC = "GENETIC"
    DIETARY_SUPPLEMENT = "DIETARY_SUPPLEMENT"
    COMBINATION_PRODUCT = "COMBINATION_PRODUCT"
    DIAGNOSTIC_TEST = "DIAGNOSTIC_TEST"
    OTHER = "OTHER"


class OutcomeKind(StrEnum):
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"
    OTHER = "OTHER"


class CriterionKind(StrEnum):
    INCLUSION = "INCLUSION"
    EXCLUSION = "EXCLUSION"


class CriterionCategory(StrEnum):
    """DESIGN.md's categories; lower case as in the JSON example ("disease")."""

    AGE = "age"
    PERFORMANCE_STATUS = "performance_status"
    ORGAN_FUNCTION = "organ_function"
    DIAGNOSIS = "diagnosis"
    DISEASE = "disease"
    DISEASE_STATUS = "disease_status"
    PRIOR_THERAPY = "prior_therapy"
    COMORBIDITY = "comorbidity"
    INFECTION = "infection"
    LIFE_EXPECTANCY = "life_expectancy"
    PREGNANCY = "pregnancy"
    CONSENT = "consent"
    OTHER = "other"


class Operator(StrEnum):
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "="


class CellType(StrEnum):
    CAR_T = "CAR-T"
    CAR_NK = "CAR-NK"
    OTHER = "OTHER"


class CellSource(StrEnum):
    AUTOLOGOUS = "AUTOLOGOUS"
    ALLOGENEIC = "ALLOGENEIC"


class AbstractionStatus(StrEnum):
    """Where a study is in the abstraction and review workflow."""

    IN_PROGRESS = "IN_PROGRESS"
    SUBMITTED = "SUBMITTED"
    IN_REVIEW = "IN_REVIEW"
    RETURNED = "RETURNED"
    APPROVED = "APPROVED"


class ReviewState(StrEnum):
    UNCHECKED = "UNCHECKED"
    VERIFIED = "VERIFIED"
    QUERIED = "QUERIED"


class SuggestionState(StrEnum):
    OPEN = "OPEN"
    ACCEPTED = "ACCEPTED"
    EDITED = "EDITED"
    REJECTED = "REJECTED"
