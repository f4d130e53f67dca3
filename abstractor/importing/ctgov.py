"""ClinicalTrials.gov API v2 study JSON: rendered to readable text, and its
structured fields taken as the study's values, each with evidence into that text."""
from __future__ import annotations

import re
from typing import Any, Optional

from pydantic import ValidationError

from models import enums, schema
from abstractor.errors import ImportRejected
from abstractor.importing.rendered import RenderedText

_AGE_RE = re.compile(r"^(\d+(?:\.\d+)?) (Year|Month|Week|Day|Hour|Minute)s?$", re.I)


def is_ctgov_record(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("protocolSection"), dict)


MAX_COUNT = schema.MAX_INT  # the largest whole number every format holds exactly (models.schema)


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", dict: "an object", list: "a list",
            str: "text"}.get(
        type(value), type(value).__name__)


def _text(value: Any, where: str) -> Optional[str]:
    """A registry text field: text or absent; anything else refuses the file, naming the field."""
    if value is None or isinstance(value, str):
        return value
    raise ImportRejected(f"is not a ClinicalTrials.gov record this program can read: {where} is {_kind(value)}, "
                         "where the registry writes text")


def _texts(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportRejected(f"is not a ClinicalTrials.gov record this program can read: {where} is "
                             f"{_kind(value)}, where the registry writes a list of texts")
    return [t for i, x in enumerate(value) if (t := _text(x, f"{where}[{i}]"))]


def _items(value: Any, where: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportRejected(f"is not a ClinicalTrials.gov record this program can read: {where} is "
                             f"{_kind(value)}, where the registry writes a list")
    return [x for x in value if isinstance(x, dict)]


def _enum(cls, value) -> Any:
    try:
        return cls(value) if value is not None else None
    except (ValueError, TypeError):
        return None


def _age(value: Optional[str]) -> Optional[str]:
    m = _AGE_RE.match((value or "").strip())
    return f"{m.group(1)} {m.group(2).title()}s" if m else None


def render(record: dict, file_name: str, sha256: str) -> tuple[str, schema.Abstraction]:
    p = record["protocolSection"]
    g = lambda *keys: _dig(p, *keys)  # noqa: E731
    t = lambda *keys: _text(_dig(p, *keys), ".".join(keys))  # noqa: E731
    w = RenderedText()
    st = schema.StudyFields()
    ab = schema.Abstraction(source=schema.Source(file=file_name, sha256=sha256))

    nct = t("identificationModule", "nctId")
    w.field("ClinicalTrials.gov ID", nct, "study.registry_ids[0]")
    if nct:
        st.registry_ids = [nct]
    st.title = t("identificationModule", "briefTitle")
    w.field("Title", st.title, "study.title")
    st.official_title = t("identificationModule", "officialTitle")
    w.field("Official Title", st.official_title, "study.official_title")
    st.acronym = t("identificationModule", "acronym")
    w.field("Acronym", st.acronym, "study.acronym")
    st.sponsor = t("sponsorCollaboratorsModule", "leadSponsor", "name")
    w.field("Sponsor", st.sponsor, "study.sponsor")
    st.overall_status = _enum(enums.OverallStatus, g("statusModule", "overallStatus"))
    w.field("Overall Status", st.overall_status and st.overall_status.value, "study.overall_status")

    conditions = _texts(g("conditionsModule", "conditions"), "conditionsModule.conditions")
    w.listed("Conditions", conditions, "study.conditions")
    if conditions:
        st.conditions = conditions

    for label, text_key in (("Brief Summary", "briefSummary"), ("Detailed Description", "detailedDescription")):
        text = t("descriptionModule", text_key)
        if text:
            w.heading(label)
            w.write(text.strip() + "\n")

    _design(w, st, g)
    _eligibility(w, st, ab, g)
    st.sites = _sites(w, _items(g("contactsLocationsModule", "locations"), "contactsLocationsModule.locations"))
    ab.study = st
    _arms(w, ab, g)
    _outcomes(w, ab, g)
    _criteria_text(w, t("eligibilityModule", "eligibilityCriteria"))
    ab.evidence = w.evidence
    try:
        ab = schema.Abstraction.model_validate(ab.model_dump(by_alias=True))
    except ValidationError as exc:  # a value the registry allows but our schema does not
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ImportRejected(f"has a value this program cannot store: {where}: {err['msg']}") from None
    return w.text, ab


def _dig(d: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _design(w: RenderedText, st: schema.StudyFields, g) -> None:
    w.heading("Study Design")
    st.study_type = _enum(enums.StudyType, g("designModule", "studyType"))
    w.field("Study Type", st.study_type and st.study_type.value, "study.study_type")
    phases = [ph for ph in (_enum(enums.Phase, x) for x in _texts(g("designModule", "phases"), "designModule.phases"))
              if ph]
    if phases:
        w.write("Phase: ")
        w.value(", ".join(ph.value for ph in phases), "study.phases")
        w.write("\n")
        st.phases = phases
    info = g("designModule", "designInfo")
    info = info if isinstance(info, dict) else {}
    for label, key, cls, attr in (("Allocation", "allocation", enums.Allocation, "allocation"),
                                  ("Intervention Model", "interventionModel", enums.InterventionModel,
                                   "intervention_model"),
                                  ("Primary Purpose", "primaryPurpose", enums.PrimaryPurpose, "primary_purpose")):
        value = _enum(cls, info.get(key))
        setattr(st, attr, value)
        w.field(label, value and value.value, f"study.{attr}")
    st.masking = _enum(enums.Masking, _dig(info, "maskingInfo", "masking"))
    w.field("Masking", st.masking and st.masking.value, "study.masking")
    count = g("designModule", "enrollmentInfo", "count")
    if isinstance(count, int) and not isinstance(count, bool) and count > MAX_COUNT:
        raise ImportRejected(f"has an enrollment of {str(count)[:30]}, beyond any number this program stores "
                             f"(at most {MAX_COUNT:,})")
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        kind = _text(g("designModule", "enrollmentInfo", "type"), "designModule.enrollmentInfo.type")
        w.write(f"Enrollment ({kind.title()}): " if kind else "Enrollment: ")
        w.value(str(count), "study.enrollment")
        w.write("\n")
        st.enrollment = count


def _eligibility(w: RenderedText, st: schema.StudyFields, ab, g) -> None:
    st.min_age = _age(_text(g("eligibilityModule", "minimumAge"), "eligibilityModule.minimumAge"))
    st.max_age = _age(_text(g("eligibilityModule", "maximumAge"), "eligibilityModule.maximumAge"))
    st.sex = _enum(enums.Sex, g("eligibilityModule", "sex"))
    if st.min_age or st.max_age or st.sex:
        w.heading("Eligibility")
        w.field("Minimum Age", st.min_age, "study.min_age")
        w.field("Maximum Age", st.max_age, "study.max_age")
        w.field("Sex", st.sex and st.sex.value, "study.sex")


def _sites(w: RenderedText, locations: list) -> list[schema.Site]:
    sites = []
    if locations:
        w.heading("Locations")
    for i, loc in enumerate(locations):
        f = lambda key: _text(loc.get(key), f"contactsLocationsModule.locations[{i}].{key}")  # noqa: E731
        site = schema.Site(facility=f("facility"), city=f("city"), region=f("state"), country=f("country"))
        w.write("- ")
        first = True
        for key in ("facility", "city", "region", "country"):
            value = getattr(site, key)
            if value:
                if not first:
                    w.write(", ")
                w.value(value, f"study.sites[{i}].{key}")
                first = False
        w.write("\n")
        sites.append(site)
    return sites


def _strip_type(name: str) -> str:
    """Arm groups name interventions as "Biological: CAR-T cells"."""
    head, sep, rest = name.partition(": ")
    return rest if sep and head.upper().replace(" ", "_") in enums.InterventionType.values() else name


def _arms(w: RenderedText, ab: schema.Abstraction, g) -> None:
    groups = _items(g("armsInterventionsModule", "armGroups"), "armsInterventionsModule.armGroups")
    interventions = _items(g("armsInterventionsModule", "interventions"), "armsInterventionsModule.interventions")
    if groups or interventions:
        w.heading("Arms and Interventions")
    for i, a in enumerate(groups):
        f = lambda key: _text(a.get(key), f"armsInterventionsModule.armGroups[{i}].{key}")  # noqa: E731, B023
        names = _texts(a.get("interventionNames"), f"armsInterventionsModule.armGroups[{i}].interventionNames")
        arm = schema.Arm(label=f("label"), type=_enum(enums.ArmType, f("type")), description=f("description"),
                         interventions=[_strip_type(n) for n in names])
        w.field("Arm", arm.label, f"arms[{i}].label")
        w.field("Arm Type", arm.type and arm.type.value, f"arms[{i}].type")
        w.field("Description", arm.description, f"arms[{i}].description")
        ab.arms.append(arm)
    for i, x in enumerate(interventions):
        f = lambda key: _text(x.get(key), f"armsInterventionsModule.interventions[{i}].{key}")  # noqa: E731, B023
        iv = schema.Intervention(name=f("name"), type=_enum(enums.InterventionType, f("type")),
                                 description=f("description"),
                                 other_names=_texts(x.get("otherNames"),
                                                    f"armsInterventionsModule.interventions[{i}].otherNames"))
        w.field("Intervention", iv.name, f"interventions[{i}].name")
        w.field("Intervention Type", iv.type and iv.type.value, f"interventions[{i}].type")
        w.field("Description", iv.description, f"interventions[{i}].description")
        if iv.other_names:
            w.write(f"Other Names: {', '.join(iv.other_names)}\n")
        ab.interventions.append(iv)


def _outcomes(w: RenderedText, ab: schema.Abstraction, g) -> None:
    for kind, key, label in ((enums.OutcomeKind.PRIMARY, "primaryOutcomes", "Primary Outcome Measures"),
                             (enums.OutcomeKind.SECONDARY, "secondaryOutcomes", "Secondary Outcome Measures"),
                             (enums.OutcomeKind.OTHER, "otherOutcomes", "Other Outcome Measures")):
        items = _items(g("outcomesModule", key), f"outcomesModule.{key}")
        if items:
            w.heading(label)
        for o in items:
            i = len(ab.outcomes)
            f = lambda k: _text(o.get(k), f"outcomesModule.{key}[{i}].{k}")  # noqa: E731, B023
            out = schema.Outcome(kind=kind, measure=f("measure"), description=f("description"),
                                 time_frame=f("timeFrame"))
            w.write(f"{i + 1}. ")
            if out.measure:
                w.value(out.measure, f"outcomes[{i}].measure")
            w.write("\n")
            w.field("Description", out.description, f"outcomes[{i}].description")
            w.field("Time Frame", out.time_frame, f"outcomes[{i}].time_frame")
            ab.outcomes.append(out)


def _criteria_text(w: RenderedText, text: Optional[str]) -> None:
    """The criteria as the registry wrote them; splitting them is the suggestions' job."""
    if text and text.strip():
        w.heading("Eligibility Criteria")
        w.write(text.strip().replace("\r\n", "\n") + "\n")
