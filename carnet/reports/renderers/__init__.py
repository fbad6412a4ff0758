"""Renderers of the report object: one computed report, many formats."""
