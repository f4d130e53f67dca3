"""EU Clinical Trials Information System (CTIS) trial JSON: rendered to readable text, its structured
fields taken as the study's values, each with evidence into that text (as ``ctgov`` does for
ClinicalTrials.gov JSON and ``ictrp`` for WHO ICTRP XML).

The file is what the public portal's API answers for one trial, ``GET
https://euclinicaltrials.eu/ctis-public-api/retrieve/{ctNumber}``: ``{"ctNumber": "2023-5...",
"ctStatus": ..., "authorizedApplication": {"authorizedPartI": {...}, "authorizedPartsII": [...],
"eudraCt": {...}}, ...}``.  Before June 2024 the same parts stood at the top level
(``authorizedPartI``, ``authorizedPartsII``); both shapes are read.  Paths read, under Part I
(``authorizedApplication.authorizedPartI``):

- ``trialDetails.clinicalTrialIdentifiers``: ``fullTitle``, ``publicTitle``, ``shortTitle``,
  ``secondaryIdentifyingNumbers.{nctNumber,isrctnNumber,whoUniversalTrialNumber}.number`` and
  ``.additionalRegistries[]`` (``number``, ``otherRegistryName``);
- ``trialDetails.trialInformation``: ``medicalCondition.partIMedicalConditions[].medicalCondition``
  (older records: Part I ``medicalConditions[]``), ``trialCategory.trialPhase`` (code 1-11),
  ``trialObjective.mainObjective``, ``eligibilityCriteria.principal{In,Ex}clusionCriteria[]``
  (``number``, ``principal{In,Ex}clusionCriteria``), ``endPoint.{primary,secondary}EndPoints[]``
  (``number``, ``endPoint``), ``populationOfTrialSubjects.is{Female,Male}Subjects`` (and the age groups'
  labels ``ageRanges[].ageRangeCategory``, ``ageRangeSecondaryIds[].ctAgeRange``, shown only);
- ``trialDetails.protocolInformation.studyDesign.periodDetails[].allocationMethod`` (1 randomised
  controlled, 2 non-randomised controlled, 3 not applicable);
- ``sponsors[].organisation.name``; ``productRoleGroupInfos[]`` (``productRoleName``, ``products[]``)
  or ``products[]`` (``productName``, ``productDictionaryInfo.activeSubstanceName``; an advanced
  therapy's ``therapies[].{description, cellTypeMoreInformation, geneOfInterest}`` shown only);
- ``rowSubjectCount`` (participants outside the EEA) plus ``authorizedPartsII[].recruitmentSubjectCount``
  (per member state, ``mscInfo.mscName`` or ``countryName``) for the planned enrollment;
  ``authorizedPartsII[].trialSites[].organisationAddressInfo.{organisation.name, address.city,
  address.countryName}`` for sites;
- top level ``ctNumber``, ``ctStatus`` / ``ctPublicStatusCode`` (code 1-12 or its text),
  ``authorizedApplication.eudraCt.eudraCtCode``.

Sources (the format has no public schema): the R package rfhb/ctrdata (R/ctrLoadQueryIntoDbCtis.R
for the endpoints, R/util_fields.R for the field paths of both shapes, R/f_trialPhase.R,
R/f_statusRecruitment.R, R/f_assignmentType.R, R/f_sampleSize.R, R/f_trialTitle.R,
R/f_trialPopulation.R, R/f_controlType.R, R/f_primaryEndpointDescription.R for the code lists and
paths), checked against independent Python readers of the same answer (Frederic-Barcelone/ese
ctis/ctis_extractors.py and others found by these paths).

Precision first: a code outside the lists above gives no value (e.g. "Ended" covers both completed
and early-terminated trials: no status); the blinding code (``blindingMethodCode``) is not read
because no source states its list; CTIS states no minimum/maximum age (only age groups), no time
frame apart from the end point's text, and no arms.  Contacts and investigators are never rendered.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from pydantic import ValidationError

from models import enums, schema
from abstractor.errors import ImportRejected
from abstractor.extraction.ids import ID_RE
from abstractor.importing.rendered import RenderedText

_EU_CT = re.compile(r"\d{4}-\d{6}-\d{2}-\d{2}")
_EUDRACT = re.compile(r"\d{4}-\d{6}-\d{2}")
_SECONDARY = (("nctNumber", "ClinicalTrials.gov number", re.compile(r"NCT\d{8}")),
              ("isrctnNumber", "ISRCTN number", re.compile(r"ISRCTN\d{8}")),
              ("whoUniversalTrialNumber", "WHO universal trial number", None))   # a UTN is not a registry id
# ctrdata R/f_trialPhase.R: CTIS's trial phase list.
_PHASES = {1: ("Human Pharmacology (Phase I) - First administration to humans", ["PHASE1"]),
           2: ("Human Pharmacology (Phase I) - Bioequivalence Study", ["PHASE1"]),
           3: ("Human Pharmacology (Phase I) - Other", ["PHASE1"]),
           4: ("Therapeutic exploratory (Phase II)", ["PHASE2"]),
           5: ("Therapeutic confirmatory (Phase III)", ["PHASE3"]),
           6: ("Therapeutic use (Phase IV)", ["PHASE4"]),
           7: ("Phase I and Phase II (Integrated) - First administration to humans", ["PHASE1", "PHASE2"]),
           8: ("Phase I and Phase II (Integrated) - Bioequivalence Study", ["PHASE1", "PHASE2"]),
           9: ("Phase I and Phase II (Integrated) - Other", ["PHASE1", "PHASE2"]),
           10: ("Phase II and Phase III (Integrated)", ["PHASE2", "PHASE3"]),
           11: ("Phase III and phase IV (Integrated)", ["PHASE3", "PHASE4"])}
# ctrdata R/f_statusRecruitment.R: ctPublicStatusCode.  None: no status of ours says it without a guess.
_STATUSES = {1: ("Under evaluation", None), 2: ("Authorised, recruitment pending", "NOT_YET_RECRUITING"),
             3: ("Authorised, recruiting", "RECRUITING"), 4: ("Ongoing, recruiting", "RECRUITING"),
             5: ("Ongoing, recruitment ended", "ACTIVE_NOT_RECRUITING"), 6: ("Temporarily halted", "SUSPENDED"),
             7: ("Suspended", "SUSPENDED"), 8: ("Ended", None), 9: ("Expired", None), 10: ("Revoked", None),
             11: ("Not authorised", None), 12: ("Cancelled", None)}
# ctrdata R/f_assignmentType.R: periodDetails.allocationMethod.
_ALLOCATIONS = {1: ("Randomised controlled", "RANDOMIZED"), 2: ("Non-randomised controlled", "NON_RANDOMIZED"),
                3: ("Not applicable", None)}
_ACRONYM = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{1,19}")


def is_ctis_record(data: Any) -> bool:
    """One trial as the CTIS API's ``retrieve`` answers it (either shape)."""
    return isinstance(data, dict) and isinstance(data.get("ctNumber"), str) and (
        isinstance(data.get("authorizedApplication"), dict) or isinstance(data.get("authorizedPartI"), dict))


def looks_like_ctis(data: Any) -> bool:
    """A CTIS answer of another kind (a search result) or a trial without its authorised application."""
    return isinstance(data, dict) and ("ctNumber" in data or (isinstance(data.get("data"), list) and any(
        isinstance(x, dict) and "ctNumber" in x for x in data["data"][:5])))


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", dict: "an object", list: "a list",
            str: "text"}.get(type(value), type(value).__name__)


def _refuse(where: str, value: Any, wanted: str) -> ImportRejected:
    return ImportRejected(f"is not an EU CTIS trial record this program can read: {where} is {_kind(value)}, "
                          f"where CTIS writes {wanted}")


def _dig(d: Any, path: str) -> Any:
    for k in path.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _text(value: Any, where: str) -> Optional[str]:
    """A text field: text (stripped, empty as None) or absent; anything else refuses the file."""
    if value is None or isinstance(value, str):
        return value.strip() or None if value else None
    raise _refuse(where, value, "text")


def _items(value: Any, where: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _refuse(where, value, "a list")
    return [x for x in value if isinstance(x, dict)]


def _code(value: Any) -> Optional[int]:
    """A code written as a number or as digits; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}\s*", value):
        return int(value)
    return None


def _count(value: Any, where: str) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(where, value, "a whole number")
    if not 0 <= value <= schema.MAX_INT:
        raise ImportRejected(f"has {where} = {str(value)[:30]}, beyond any number of participants this program "
                             f"stores (0 to {schema.MAX_INT:,})")
    return value


def _numbered(items: list[dict], key: str, where: str) -> list[str]:
    """The texts of a numbered CTIS list in the order of their ``number``."""
    rows = []
    for i, it in enumerate(items):
        text = _text(it.get(key), f"{where}[{i}].{key}")
        if text:
            n = _code(it.get("number"))
            rows.append((n if n is not None else 10**6 + i, i, text))
    return [t for _n, _i, t in sorted(rows)]


def render(record: dict, file_name: str, sha256: str) -> tuple[str, schema.Abstraction]:
    app = record.get("authorizedApplication")
    app = app if isinstance(app, dict) else record                     # the pre-2024 shape: parts at the top
    base = "authorizedApplication." if app is not record else ""
    part1 = app.get("authorizedPartI")
    part1 = part1 if isinstance(part1, dict) else {}
    p1 = base + "authorizedPartI."
    w = RenderedText()
    st = schema.StudyFields()
    ab = schema.Abstraction(source=schema.Source(file=file_name, sha256=sha256))
    w.write("EU CTIS trial record\n")
    _ids(w, st, record, app, part1, base, p1)
    ident = _dig(part1, "trialDetails.clinicalTrialIdentifiers")
    t = lambda key: _text(_dig(ident, key), p1 + "trialDetails.clinicalTrialIdentifiers." + key)  # noqa: E731
    st.official_title = t("fullTitle")
    w.field("Full title", st.official_title, "study.official_title")
    st.title = t("publicTitle")
    w.field("Public title", st.title, "study.title")
    short = t("shortTitle")
    st.acronym = short if short and _ACRONYM.fullmatch(short) and re.search("[A-Z]", short) else None
    w.field("Short title", short, "study.acronym" if st.acronym else None)
    _sponsor(w, st, _items(part1.get("sponsors"), p1 + "sponsors"), p1 + "sponsors")
    _status(w, st, record)
    info = _dig(part1, "trialDetails.trialInformation")
    info = info if isinstance(info, dict) else {}
    pi = p1 + "trialDetails.trialInformation."
    _phase(w, st, _dig(info, "trialCategory.trialPhase"))
    _conditions(w, st, info, part1, pi, p1)
    objective = _text(_dig(info, "trialObjective.mainObjective"), pi + "trialObjective.mainObjective")
    if objective:
        w.heading("Main objective")
        w.write(objective + "\n")
    _design(w, st, _items(_dig(part1, "trialDetails.protocolInformation.studyDesign.periodDetails"),
                          p1 + "trialDetails.protocolInformation.studyDesign.periodDetails"))
    parts2 = _items(app.get("authorizedPartsII"), base + "authorizedPartsII")
    _population(w, st, info, part1, parts2, p1, base)
    st.sites = _sites(w, parts2, base + "authorizedPartsII")
    _products(w, ab, part1, p1)
    _endpoints(w, ab, info, pi)
    _criteria(w, ab, info, pi)                 # last: a list after the criteria would read as more criteria
    ab.study = st
    ab.evidence = w.evidence
    try:
        ab = schema.Abstraction.model_validate(ab.model_dump(by_alias=True))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ImportRejected(f"has a value this program cannot store: {where}: {err['msg']}") from None
    return w.text, ab


def _ids(w: RenderedText, st: schema.StudyFields, record: dict, app: dict, part1: dict, base: str, p1: str) -> None:
    ids: list[str] = []

    def one(label: str, value: Optional[str], ok: bool) -> None:
        if value:
            w.write(label + ": ")
            ok = ok and value not in ids
            w.value(value, f"study.registry_ids[{len(ids)}]" if ok else None)
            w.write("\n")
            if ok:
                ids.append(value)

    ct = record["ctNumber"].strip()
    if not _EU_CT.fullmatch(ct):
        raise ImportRejected(f"is EU CTIS JSON whose ctNumber {ct[:40]!r} is not an EU CT number "
                             "(such as 2023-501234-12-00)")
    one("EU CT number", ct, True)
    eudract = _text(_dig(app, "eudraCt.eudraCtCode"), base + "eudraCt.eudraCtCode")
    one("EudraCT number", eudract, bool(eudract and _EUDRACT.fullmatch(eudract)))
    numbers = _dig(part1, "trialDetails.clinicalTrialIdentifiers.secondaryIdentifyingNumbers")
    for key, label, rx in _SECONDARY:
        v = numbers.get(key) if isinstance(numbers, dict) else None
        where = p1 + "trialDetails.clinicalTrialIdentifiers.secondaryIdentifyingNumbers." + key
        v = _text(v.get("number"), where + ".number") if isinstance(v, dict) else _text(v, where)
        one(label, v, bool(v and rx and rx.fullmatch(v)))
    where = p1 + "trialDetails.clinicalTrialIdentifiers.secondaryIdentifyingNumbers.additionalRegistries"
    extra = numbers.get("additionalRegistries") if isinstance(numbers, dict) else None
    for i, reg in enumerate(_items(extra, where)):
        number = _text(reg.get("number"), f"{where}[{i}].number")
        name = _text(reg.get("otherRegistryName"), f"{where}[{i}].otherRegistryName")
        one(f"Other registry ({name})" if name else "Other registry", number, bool(number and ID_RE.fullmatch(number)))
    st.registry_ids = ids


def _sponsor(w: RenderedText, st: schema.StudyFields, sponsors: list[dict], where: str) -> None:
    names = [(_text(_dig(s, "organisation.name"), f"{where}[{i}].organisation.name"), s.get("primary") is True)
             for i, s in enumerate(sponsors)]
    names = [(n, primary) for n, primary in names if n]
    flagged = [n for n, primary in names if primary]
    # the sponsor is known when the record flags one, or names only one
    main = flagged[0] if len(flagged) == 1 else names[0][0] if len(names) == 1 else None
    st.sponsor = main
    if main:
        w.field("Sponsor", main, "study.sponsor")
    others = [n for n, _p in names if n != main]
    if others:
        w.field("Co-sponsors" if main else "Sponsors", "; ".join(others))


def _status(w: RenderedText, st: schema.StudyFields, record: dict) -> None:
    code = _code(record.get("ctPublicStatusCode"))
    if code is None:
        code = _code(record.get("ctStatus"))
    if code is not None:
        label, value = _STATUSES.get(code, (None, None))
    else:                                       # the pre-2024 shape writes the status as text
        label = _text(record.get("ctStatus"), "ctStatus")
        value = next((v for lab, v in _STATUSES.values() if label and lab.lower() == label.lower()), None)
    st.overall_status = value
    w.field("Trial status", label, "study.overall_status" if value else None)


def _phase(w: RenderedText, st: schema.StudyFields, raw: Any) -> None:
    code = _code(raw)
    if code is not None:
        label, phases = _PHASES.get(code, (None, []))
    else:
        label = _text(raw, "trialInformation.trialCategory.trialPhase")
        phases = next((p for lab, p in _PHASES.values() if label and lab.lower() == label.lower()), [])
    st.phases = phases
    w.field("Trial phase", label, "study.phases" if phases else None)


def _conditions(w: RenderedText, st: schema.StudyFields, info: dict, part1: dict, pi: str, p1: str) -> None:
    where = pi + "medicalCondition.partIMedicalConditions"
    items = _items(_dig(info, "medicalCondition.partIMedicalConditions"), where)
    if not items:
        where = p1 + "medicalConditions"
        items = _items(part1.get("medicalConditions"), where)
    conditions = []
    for i, c in enumerate(items):
        name = _text(c.get("medicalCondition"), f"{where}[{i}].medicalCondition")
        if name and name not in conditions and len(name) <= 500:
            conditions.append(name)
    w.listed("Medical conditions", conditions, "study.conditions")
    if conditions:
        st.conditions = conditions


def _design(w: RenderedText, st: schema.StudyFields, periods: list[dict]) -> None:
    found = [_ALLOCATIONS.get(_code(p.get("allocationMethod"))) for p in periods]
    found = [f for f in found if f]
    if not found:
        return
    w.heading("Design")
    # one allocation for the trial only when every period that states one states the same
    value = found[0][1] if len({v for _l, v in found}) == 1 else None
    st.allocation = value
    for k, (label, _v) in enumerate(found):
        w.field(f"Allocation (period {k + 1})" if len(found) > 1 else "Allocation", label,
                "study.allocation" if value and k == 0 else None)


def _population(w: RenderedText, st: schema.StudyFields, info: dict, part1: dict, parts2: list[dict],
                p1: str, base: str) -> None:
    pop = info.get("populationOfTrialSubjects")
    pop = pop if isinstance(pop, dict) else {}
    female, male = pop.get("isFemaleSubjects"), pop.get("isMaleSubjects")
    sexes = {(True, True): ("Female and male", "ALL"), (True, False): ("Female", "FEMALE"),
             (False, True): ("Male", "MALE")}.get((female, male))
    counts = [(_text(_dig(p, "mscInfo.mscName"), f"{base}authorizedPartsII[{i}].mscInfo.mscName")
               or _text(_dig(p, "mscInfo.countryName"), f"{base}authorizedPartsII[{i}].mscInfo.countryName"),
               _count(p.get("recruitmentSubjectCount"), f"{base}authorizedPartsII[{i}].recruitmentSubjectCount"))
              for i, p in enumerate(parts2)]
    row = _count(part1.get("rowSubjectCount"), p1 + "rowSubjectCount")
    where = p1 + "trialDetails.trialInformation.populationOfTrialSubjects."
    groups = []                             # age groups are shown, not taken: they are no age limits
    for key, sub in (("ageRanges", "ageRangeCategory"), ("ageRangeSecondaryIds", "ctAgeRange")):
        for i, g in enumerate(_items(pop.get(key), where + key)):
            label = _text(g.get(sub), f"{where}{key}[{i}].{sub}")
            if label and label not in groups:
                groups.append(label)
    if not sexes and not groups and all(n is None for _c, n in counts) and row is None:
        return
    w.heading("Population")
    w.field("Age groups", "; ".join(groups))
    if sexes:
        st.sex = sexes[1]
        w.field("Sexes", sexes[0], "study.sex")
    for name, n in counts:
        if n is not None:
            w.field(f"Planned participants in {name or 'a member state'}", str(n))
    if row is not None:
        w.field("Planned participants outside the EEA", str(row))
    # the total is known only when every member state's part states its number (ctrdata R/f_sampleSize.R)
    if counts and all(n is not None for _c, n in counts):
        total = sum(n for _c, n in counts) + (row or 0)
        if total <= schema.MAX_INT:
            st.enrollment = total
            w.field("Planned participants in total", str(total), "study.enrollment")


def _products(w: RenderedText, ab: schema.Abstraction, part1: dict, p1: str) -> None:
    rows: list[tuple[Optional[str], dict, str]] = []
    groups = _items(part1.get("productRoleGroupInfos"), p1 + "productRoleGroupInfos")
    for g, grp in enumerate(groups):
        role = _text(grp.get("productRoleName"), f"{p1}productRoleGroupInfos[{g}].productRoleName")
        where = f"{p1}productRoleGroupInfos[{g}].products"
        rows += [(role, p, f"{where}[{i}]") for i, p in enumerate(_items(grp.get("products"), where))]
    if not rows:
        rows = [(None, p, f"{p1}products[{i}]")
                for i, p in enumerate(_items(part1.get("products"), p1 + "products"))]
    seen: set[str] = set()
    for role, p, where in rows:
        name = _text(p.get("productName"), where + ".productName")
        substance = _text(_dig(p, "productDictionaryInfo.activeSubstanceName"),
                          where + ".productDictionaryInfo.activeSubstanceName")
        name = name or substance
        if not name or name.lower() in seen:
            continue
        if not seen:
            w.heading("Medicinal products")
        seen.add(name.lower())
        i = len(ab.interventions)
        w.write(f"{role}: " if role else "Product: ")
        w.value(name, f"interventions[{i}].name")
        others = [substance] if substance and substance.lower() != name.lower() else []
        if others:
            w.write(f" (active substance: {substance})")
        w.write("\n")
        _therapies(w, _items(p.get("therapies"), where + ".therapies"), where + ".therapies")
        ab.interventions.append(schema.Intervention(name=name, other_names=others))


_THERAPY_TEXTS = (("description", "Advanced therapy"), ("cellTypeMoreInformation", "Cell type"),
                  ("geneOfInterest", "Gene of interest"))


def _therapies(w: RenderedText, therapies: list[dict], where: str) -> None:
    """An advanced therapy's own words, for the suggestions to read (its codes are not read)."""
    for i, t in enumerate(therapies):
        for key, label in _THERAPY_TEXTS:
            w.field("  " + label, _text(t.get(key), f"{where}[{i}].{key}"))


def _endpoints(w: RenderedText, ab: schema.Abstraction, info: dict, pi: str) -> None:
    for kind, key, heading in ((enums.OutcomeKind.PRIMARY, "primaryEndPoints", "Primary end points"),
                               (enums.OutcomeKind.SECONDARY, "secondaryEndPoints", "Secondary end points")):
        where = pi + "endPoint." + key
        texts = _numbered(_items(_dig(info, "endPoint." + key), where), "endPoint", where)
        if texts:
            w.heading(heading)
        for n, text in enumerate(texts):
            i = len(ab.outcomes)
            w.write(f"{n + 1}. ")
            w.value(text, f"outcomes[{i}].measure")
            w.write("\n")
            ab.outcomes.append(schema.Outcome(kind=kind, measure=text))


def _criteria(w: RenderedText, ab: schema.Abstraction, info: dict, pi: str) -> None:
    """Each criterion the record lists, read as a person's selection is read (category, thresholds);
    an item holding several lines gives one criterion per line, a line that heads others none."""
    from abstractor.text_values import criteria_from_selection

    for kind, key, heading in ((enums.CriterionKind.INCLUSION, "principalInclusionCriteria", "Inclusion criteria"),
                               (enums.CriterionKind.EXCLUSION, "principalExclusionCriteria", "Exclusion criteria")):
        where = pi + "eligibilityCriteria." + key
        texts = _numbered(_items(_dig(info, "eligibilityCriteria." + key), where), key, where)
        if texts:
            w.heading(heading)
        for text in texts:
            start, _end = w.write(text + "\n")
            body = "".join(w.parts[-1:])                       # as written (normalised)
            rows = criteria_from_selection(body, start)
            for k, row in enumerate(rows):
                if k + 1 < len(rows) and row["text"][0].endswith(":"):
                    continue                    # "Adequate organ function:" heads the lines under it
                i = len(ab.criteria)
                crit = {"kind": kind}
                for fld, (value, (s, e)) in row.items():
                    crit[fld] = value
                    w.evidence.append(schema.Evidence(field=f"criteria[{i}].{fld}", start=s, end=e,
                                                      quote=body[s - start:e - start]))
                ab.criteria.append(schema.Criterion.model_validate(crit))


def _sites(w: RenderedText, parts2: list[dict], where: str) -> list[schema.Site]:
    sites: list[schema.Site] = []
    for k, part in enumerate(parts2):
        for i, s in enumerate(_items(part.get("trialSites"), f"{where}[{k}].trialSites")):
            at = f"{where}[{k}].trialSites[{i}].organisationAddressInfo."
            info = s.get("organisationAddressInfo")
            site = schema.Site(facility=_text(_dig(info, "organisation.name"), at + "organisation.name"),
                               city=_text(_dig(info, "address.city"), at + "address.city"),
                               country=_text(_dig(info, "address.countryName"), at + "address.countryName"))
            if not (site.facility or site.city or site.country):
                continue
            if not sites:
                w.heading("Trial sites")
            n = len(sites)
            w.write("- ")
            first = True
            for key in ("facility", "city", "country"):
                value = getattr(site, key)
                if value:
                    w.write("" if first else ", ")
                    w.value(value, f"study.sites[{n}].{key}")
                    first = False
            w.write("\n")
            sites.append(site)
    return sites
