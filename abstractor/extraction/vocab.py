"""Words of the registry page vocabulary: section headings, field labels, countries.

These are the generic names registries and their scrapers print, not text of
any particular document.
"""
from __future__ import annotations

_H = {
    "conditions": ["conditions", "condition", "conditions/diseases", "health condition(s) or problem(s) studied",
                   "target disease", "medical conditions", "medical condition"],
    "arms": ["arms and interventions", "arm and interventions", "arms", "arm groups", "study arms",
             "arms/groups", "groups and interventions"],
    "arms_table": ["participant group/arm | intervention/treatment", "groupinterventiondescription",
                   "group intervention description", "participant group/arm intervention/treatment"],
    "interventions": ["interventions", "intervention", "treatments", "intervention/treatment"],
    "locations": ["locations", "study locations", "trial locations", "sites", "study sites", "research sites",
                  "locations and contacts", "contacts and locations", "recruiting locations"],
    "out_primary": ["primary outcome measures", "primary outcomes", "primary outcome measure",
                    "primary outcome", "primary endpoint", "primary endpoints", "primary end point"],
    "out_secondary": ["secondary outcome measures", "secondary outcomes", "secondary outcome measure",
                      "secondary outcome", "secondary endpoints", "secondary endpoint"],
    "out_other": ["other outcome measures", "other outcomes", "other pre-specified outcome measures",
                  "outcome measures", "outcomes", "other outcome measure", "tertiary outcome measures",
                  "endpoints", "end points", "study endpoints", "trial endpoints"],
    "out_table": ["nametimemethod", "name time method", "measuretime frame", "measure time frame"],
    "eligibility": ["eligibility", "eligibility criteria", "recruitment and eligibility", "criteria",
                    "inclusion and exclusion criteria", "inclusion/exclusion criteria", "participation criteria"],
    "summary": ["brief summary", "detailed description", "description", "full description", "summary",
                "about", "purpose of the study", "study description", "background"],
    "chrome": ["status and phase", "resources", "legal", "clinical trials", "central trial contact",
               "contacts", "sponsors", "collaborators", "investigators", "more information", "publications",
               "references", "loading...", "study details", "study and design", "study design details",
               "study overview", "more details", "trial design", "design details", "related links",
               "keywords", "documents", "record history", "study record dates", "contact", "disclaimer"],
}
HEADINGS: dict[str, str] = {name: kind for kind, names in _H.items() for name in names}

_L = {
    "study_type": ["study type", "type of trial", "primary study design"],
    "phase": ["phase", "phases", "study phase", "trial phase", "phase of trial"],
    "allocation": ["allocation", "allocation to intervention"],
    "model": ["intervention model", "interventional model", "model", "study design", "design",
              "assignment", "intervention assignment"],
    "masking": ["masking", "masking/blinding", "blinding", "masking / blinding", "blinding/masking",
                "blinding and masking"],
    "purpose": ["primary purpose", "purpose"],
    "enrollment": ["enrollment", "enrollment (estimated)", "enrollment (actual)", "enrollment (anticipated)",
                   "estimated enrollment", "actual enrollment", "anticipated enrollment", "target recruitment",
                   "target enrollment", "target sample size", "sample size", "number of participants",
                   "target number of participants", "number of subjects", "in the whole clinical trial"],
    "status": ["overall status", "recruitment status", "status", "study status", "recruiting status",
               "overall study status", "overall trial status", "trial status"],
    "sex": ["sex", "sexes eligible for study", "sexes eligible", "gender", "genders eligible for study",
            "sex/gender"],
    "ages": ["ages eligible for study", "ages", "age", "age range", "eligible ages", "ages eligible"],
    "min_age": ["minimum age", "min age", "min. age", "lower age limit", "age minimum", "age from"],
    "max_age": ["maximum age", "max age", "max. age", "upper age limit", "age maximum", "age to"],
    "volunteers": ["healthy volunteers", "accepts healthy volunteers", "volunteers"],
    "start": ["study start", "start date", "study start date", "start"],
    "sponsor": ["sponsor", "lead sponsor", "primary sponsor", "sponsor/collaborators", "name of sponsor",
                "sponsor / primary sponsor"],
    "official_title": ["official title", "scientific title", "full title", "full title of the trial",
                       "scientific title of study", "protocol title"],
    "title": ["brief title", "title", "public title", "public title of study", "short title"],
    "acronym": ["acronym", "study acronym"],
    "reg_id": ["registration number", "clinicaltrials.gov id", "clinicaltrials.gov identifier", "nct number",
               "nct id", "registry id", "trial registration", "registration no", "registration id",
               "trial id", "registry number", "secondary ids", "other study id numbers", "registration",
               "registrations", "registered as"],
    "condition": ["condition", "conditions", "disease", "diseases", "target disease", "health condition"],
}
LABELS: dict[str, str] = {name: fld for fld, names in _L.items() for name in names}
LABELS_BY_LENGTH = sorted(LABELS.items(), key=lambda kv: -len(kv[0]))
# Labels whose value is free text: an inline value needs an explicit ":" or ID form.
FREE_LABELS = {"sponsor", "official_title", "title", "acronym", "condition", "start", "reg_id"}

ARM_TYPES = {
    "experimental": "EXPERIMENTAL", "active comparator": "ACTIVE_COMPARATOR",
    "placebo comparator": "PLACEBO_COMPARATOR", "sham comparator": "SHAM_COMPARATOR",
    "no intervention": "NO_INTERVENTION", "other": "OTHER",
    "active_comparator": "ACTIVE_COMPARATOR", "placebo_comparator": "PLACEBO_COMPARATOR",
    "sham_comparator": "SHAM_COMPARATOR", "no_intervention": "NO_INTERVENTION",
}
INTERVENTION_TYPES = {
    "drug": "DRUG", "biological": "BIOLOGICAL", "device": "DEVICE", "procedure": "PROCEDURE",
    "procedure/surgery": "PROCEDURE", "radiation": "RADIATION", "behavioral": "BEHAVIORAL",
    "genetic": "GENETIC", "dietary supplement": "DIETARY_SUPPLEMENT",
    "combination product": "COMBINATION_PRODUCT", "diagnostic test": "DIAGNOSTIC_TEST", "other": "OTHER",
    "dietary_supplement": "DIETARY_SUPPLEMENT", "combination_product": "COMBINATION_PRODUCT",
    "diagnostic_test": "DIAGNOSTIC_TEST", "biologic": "BIOLOGICAL",
}

COUNTRIES = [
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia", "Austria",
    "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin",
    "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei Darussalam", "Bulgaria",
    "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia",
    "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czechia", "Czech Republic", "Denmark", "Djibouti",
    "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Estonia", "Ethiopia", "Fiji", "Finland",
    "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Guatemala", "Guinea", "Haiti",
    "Honduras", "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel",
    "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Korea", "South Korea", "Kosovo", "Kuwait",
    "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania",
    "Luxembourg", "Macao", "Madagascar", "Malawi", "Malaysia", "Mali", "Malta", "Mauritius", "Mexico",
    "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Macedonia", "Norway", "Oman",
    "Pakistan", "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
    "Portugal", "Puerto Rico", "Qatar", "Romania", "Russia", "Russian Federation", "Rwanda", "Saudi Arabia",
    "Senegal", "Serbia", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "Spain", "Sri Lanka",
    "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Syrian Arab Republic", "Taiwan", "Tajikistan",
    "Tanzania", "Thailand", "Togo", "Trinidad and Tobago", "Tunisia", "Turkey", "Türkiye", "Uganda",
    "Ukraine", "United Arab Emirates", "United Kingdom", "UK", "United States", "USA", "Uruguay",
    "Uzbekistan", "Venezuela", "Vietnam", "Viet Nam", "Yemen", "Zambia", "Zimbabwe",
    # Registry forms with a comma inside the name.
    "Korea, Republic of", "Korea, Democratic People's Republic of", "Iran, Islamic Republic of",
    "Taiwan, Province of China", "Moldova, Republic of", "Tanzania, United Republic of",
    "Congo, The Democratic Republic of the", "Venezuela, Bolivarian Republic of",
    "Macedonia, The Former Yugoslav Republic of", "Lao People's Democratic Republic",
]
# Longest first so "Korea, Republic of" wins over "Korea".
COUNTRIES_BY_LENGTH = sorted(COUNTRIES, key=len, reverse=True)
