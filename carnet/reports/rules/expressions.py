"""SQL expressions the rules compute in the database rather than per row in Python."""

from django.db.models import CharField, Func, IntegerField, Value


class DaysBetween(Func):
    """Whole days from ``start`` to ``end`` (two dates), computed by the database itself.

    Django's generic date subtraction makes SQLite call a Python function once per row
    (``django_timestamp_diff``, which parses both dates), and that dominated an
    organisation's report; ``julianday`` on SQLite and date subtraction on PostgreSQL
    (an integer number of days) keep the sum in SQL.
    """

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, start, end):
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class CodeOf(Func):
    """The code that ``mapping`` gives to the value of ``expression``, else ``default``:
    ``CASE expression WHEN value THEN code ... ELSE default END``.

    The expression (a correlated subquery, say) is computed once per row; a ``Case`` of
    one ``When`` per value would compute it again for every value. The mapping is a short
    referential read beforehand, passed as parameters.
    """

    output_field = CharField()

    def __init__(self, expression, mapping: dict, default: str):
        pairs = [Value(item) for value, code in mapping.items() for item in (value, code)]
        super().__init__(expression, *pairs, Value(default))

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for source in self.get_source_expressions():
            sql, source_params = compiler.compile(source)
            parts.append(sql)
            params.extend(source_params)
        expression, *pairs, default = parts
        if not pairs:
            return default, params[-1:]
        whens = " ".join(
            f"WHEN {value} THEN {code}" for value, code in zip(pairs[::2], pairs[1::2], strict=True)
        )
        return f"CASE {expression} {whens} ELSE {default} END", params


class YearOf(Func):
    """The year of a date, as an integer, computed by the database itself (Django's
    ``ExtractYear`` makes SQLite call a Python function once per row)."""

    template = "EXTRACT(YEAR FROM %(expressions)s)::integer"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%Y', %(expressions)s) AS INTEGER)",
            **extra_context,
        )
