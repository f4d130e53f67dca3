"""Held-out check: invented registry pages with known gold, in many layouts (no corpus text)."""
