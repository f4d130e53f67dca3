"""Importing a workbook: the plan (what would change) and applying it."""
