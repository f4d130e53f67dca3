"""Review of abstractions: compare two abstractors, agreement, report, adjudication.

GUI-free; the window builds its review screens on these functions.  Marks,
queries and workflow status live in abstractor.storage.review_ops.
"""
