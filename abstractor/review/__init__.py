"""Review of abstractions: compare two abstractors, agreement, report, adjudication.

GUI-free; the window builds its review screens on these calls:

- marks and queries (abstractor.storage.review_ops): set_review / verify /
  query / answer(store, study_id, path_or_target, ...), field_reviews, open_queries,
  studies_with_open_queries, list_studies(status=, with_open_queries=).
- the workflow's rules (workflow): allowed_statuses, set_status.  Each returns a Store ``Change``.
- sides: sources.load_side(path, "A") (.json/.xlsx) or load_side(db, "B", database=True).
- compare.compare_sets(studies_a, studies_b) -> Comparison (.studies, .discrepancies);
  compare.compare_studies(a, b) for one pair.
- agreement.compute(comparison) -> Agreement (per field, per row kind, per study).
- report.write_report(comparison, "report.xlsx").
- adjudicate.Adjudication(a, b[, study_comparison]): .items / .disagreements /
  .choose(key, "A"|"B") / .edit(key, value) / .consensus(who);
  adjudicate.save_consensus(store, adjudication) -> new study id.
"""
