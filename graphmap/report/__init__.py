"""Findings to files: one module per format (DESIGN.md §6)."""
