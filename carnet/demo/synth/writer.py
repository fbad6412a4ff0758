"""Bulk writing of the generated rows, in batches, counted by model."""

from collections import Counter
from collections.abc import Iterable

from django.db import models

BATCH_SIZE = 2000


class _Writer:
    """Writes rows with ``bulk_create`` in batches and counts them by model."""

    def __init__(self, rows: Counter) -> None:
        self.rows = rows

    def save(self, model: type[models.Model], objects: Iterable[models.Model]) -> list:
        objects = list(objects)
        if objects:
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
            self.rows[model._meta.label] += len(objects)
        return objects

    def link(self, relation, pairs: Iterable[tuple[int, int]]) -> None:
        """Rows of a many-to-many table, from (source pk, target pk) pairs."""
        through = relation.through
        source = relation.field.m2m_column_name()
        target = relation.field.m2m_reverse_name()
        self.save(through, (through(**{source: a, target: b}) for a, b in pairs))
