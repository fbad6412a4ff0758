"""The DuckDB reference: the report's main tables computed by DuckDB over the same records.

The records a report reads are exported from Carnet's database (SQLite or
PostgreSQL) to Parquet files, column by column as the counting rules need them
(referential values by code); DuckDB then computes, with the same rules written
in SQL, the tables: youths by modality, by age bracket and sex, by origin and
sex, by situation and sex, interventions by domain, collective actions by type,
street presence by kind. Their figures must equal Carnet's (``compare`` raises
otherwise), so the time DuckDB takes is what the hardware allows for the same
work, and Carnet's time over DuckDB's says how far the report is from it.

Contacts count only with the records of the youth's own team, as in
``carnet.reports.rules.youths_in_report``; a scope is a set of teams (one team,
or every team of the organisation).
"""

import csv
import datetime
import statistics
import time
from pathlib import Path

NOT_RECORDED = "~non-renseigne"
OUTSIDE_BRACKETS = "~hors-tranches"

# Name -> the query exporting it. Portable SQL: it runs on SQLite and PostgreSQL alike.
EXPORTS = {
    "team": "SELECT id, organisation_id FROM organisations_team",
    "youth": (
        "SELECT y.id, y.team_id, y.sex, y.birth_year, y.birth_date, y.first_contact_date, o.code AS origin, "
        "CASE WHEN y.merged_into_id IS NULL THEN 1 ELSE 0 END AS active "
        "FROM youths_youth y LEFT JOIN referentials_origin o ON o.id = y.origin_id"
    ),
    "period": (
        'SELECT p.youth_id, p.start, p."end", m.code, m.rank '
        "FROM youths_accompanimentperiod p JOIN referentials_modality m ON m.id = p.modality_id"
    ),
    "change": (
        "SELECT c.youth_id, c.since, s.code FROM youths_situationchange c "
        "JOIN referentials_situation s ON s.id = c.situation_id"
    ),
    "intervention": "SELECT id, team_id, youth_id, date FROM activity_intervention",
    "intervention_domain": (
        "SELECT l.intervention_id, d.code FROM activity_intervention_domains l "
        "JOIN referentials_domain d ON d.id = l.domain_id"
    ),
    "action": (
        "SELECT a.id, a.team_id, a.start_date, a.end_date, t.code FROM activity_collectiveaction a "
        "JOIN referentials_actiontype t ON t.id = a.action_type_id"
    ),
    "participant": "SELECT collectiveaction_id, youth_id FROM activity_collectiveaction_participants",
    "presence": (
        "SELECT s.id, s.team_id, s.date, k.code, s.duration_minutes, s.youths_met "
        "FROM activity_presencesession s JOIN referentials_presencekind k ON k.id = s.kind_id"
    ),
    "known": "SELECT presencesession_id, youth_id FROM activity_presencesession_known_youths",
    "bracket": (
        "SELECT organisation_id, code, min_age, max_age, position FROM referentials_agebracket "
        "WHERE is_active = true"
    ),
}


def export_to_parquet(directory: Path) -> tuple[float, int]:
    """Write every table of ``EXPORTS`` as ``<name>.parquet``; returns (seconds, rows)."""
    import duckdb
    from django.db import connection

    directory.mkdir(parents=True, exist_ok=True)
    began, rows = time.perf_counter(), 0
    con = duckdb.connect()
    for name, sql in EXPORTS.items():
        path = directory / f"{name}.csv"
        with connection.cursor() as cursor, path.open("w", newline="") as out:
            cursor.execute(sql)
            writer = csv.writer(out)
            writer.writerow(column[0] for column in cursor.description)
            while batch := cursor.fetchmany(10_000):
                writer.writerows(
                    tuple("" if value is None else _plain(value) for value in row) for row in batch
                )
                rows += len(batch)
        con.execute(
            f"COPY (SELECT * FROM read_csv('{path}', header = true, nullstr = '')) "
            f"TO '{directory / name}.parquet' (FORMAT parquet)"
        )
        path.unlink()
    con.close()
    return time.perf_counter() - began, rows


def _plain(value):
    if isinstance(value, bool):
        return int(value)
    return value


def _connect(directory: Path):
    import duckdb

    con = duckdb.connect()
    for name in EXPORTS:
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{directory / name}.parquet')")
    return con


def _age_sql(end: datetime.date) -> str:
    # The same as carnet.reports.rules.age_on: the birthday of ``end``'s year may still be to come.
    return (
        f"CASE WHEN y.birth_date IS NOT NULL AND (month(y.birth_date) > {end.month} OR "
        f"(month(y.birth_date) = {end.month} AND day(y.birth_date) > {end.day})) "
        f"THEN {end.year - 1} - y.birth_year ELSE {end.year} - y.birth_year END"
    )


def _keyed_youths_sql(start: datetime.date, end: datetime.date) -> str:
    s, e = f"DATE '{start}'", f"DATE '{end}'"
    return f"""
    WITH y AS (SELECT * FROM youth WHERE active = 1 AND team_id IN (SELECT id FROM scope_team)),
    contact AS (
        SELECT id AS youth_id FROM y WHERE first_contact_date BETWEEN {s} AND {e}
        UNION SELECT p.youth_id FROM period p JOIN y ON y.id = p.youth_id
            WHERE p.start <= {e} AND (p."end" IS NULL OR p."end" >= {s})
        UNION SELECT i.youth_id FROM intervention i JOIN y ON y.id = i.youth_id AND y.team_id = i.team_id
            WHERE i.date BETWEEN {s} AND {e}
        UNION SELECT l.youth_id FROM participant l JOIN action a ON a.id = l.collectiveaction_id
            JOIN y ON y.id = l.youth_id AND y.team_id = a.team_id WHERE a.start_date BETWEEN {s} AND {e}
        UNION SELECT k.youth_id FROM known k JOIN presence p ON p.id = k.presencesession_id
            JOIN y ON y.id = k.youth_id AND y.team_id = p.team_id WHERE p.date BETWEEN {s} AND {e}
    ),
    modality AS (
        SELECT youth_id, arg_max(code, rank) AS code FROM period
        WHERE start <= {e} AND ("end" IS NULL OR "end" >= {s}) GROUP BY youth_id
    ),
    situation AS (
        SELECT youth_id, arg_max(code, since) AS code FROM change WHERE since <= {e} GROUP BY youth_id
    ),
    aged AS (
        SELECT y.*, {_age_sql(end)} AS age, t.organisation_id FROM y JOIN team t ON t.id = y.team_id
        WHERE y.id IN (SELECT youth_id FROM contact)
    ),
    bracketed AS (
        SELECT a.id, arg_min(b.code, b.min_age * 100000 + b.position) AS code FROM aged a
        JOIN bracket b ON b.organisation_id = a.organisation_id AND b.min_age <= a.age
            AND (b.max_age IS NULL OR b.max_age >= a.age)
        GROUP BY a.id
    )
    SELECT a.id,
        coalesce(m.code, '{NOT_RECORDED}') AS modality_key,
        CASE WHEN a.sex IN ('H', 'F', 'NB') THEN a.sex ELSE '{NOT_RECORDED}' END AS sex_key,
        coalesce(a.origin, '{NOT_RECORDED}') AS origin_key,
        coalesce(s.code, '{NOT_RECORDED}') AS situation_key,
        CASE WHEN a.age IS NULL THEN '{NOT_RECORDED}'
            ELSE coalesce(b.code, '{OUTSIDE_BRACKETS}') END AS age_key
    FROM aged a LEFT JOIN modality m ON m.youth_id = a.id LEFT JOIN situation s ON s.youth_id = a.id
        LEFT JOIN bracketed b ON b.id = a.id
    """


def _tables(con, start: datetime.date, end: datetime.date) -> dict:
    s, e = f"DATE '{start}'", f"DATE '{end}'"
    con.execute(f"CREATE OR REPLACE TEMP TABLE keyed AS {_keyed_youths_sql(start, end)}")

    def by_sex(row: str) -> dict:
        rows = con.execute(f"SELECT {row}, sex_key, count(*) FROM keyed GROUP BY ALL").fetchall()
        return {(key, sex): n for key, sex, n in rows}

    domains = con.execute(f"""
        SELECT d.code, count(DISTINCT i.id), count(DISTINCT i.youth_id)
        FROM intervention i JOIN youth y ON y.id = i.youth_id AND y.team_id = i.team_id
        JOIN intervention_domain d ON d.intervention_id = i.id
        WHERE i.team_id IN (SELECT id FROM scope_team) AND i.date BETWEEN {s} AND {e} GROUP BY d.code
    """).fetchall()
    actions = con.execute(f"""
        SELECT code, count(*), sum(end_date - start_date) + count(*) FROM action
        WHERE team_id IN (SELECT id FROM scope_team) AND start_date BETWEEN {s} AND {e} GROUP BY code
    """).fetchall()
    presence = con.execute(f"""
        SELECT code, count(*), sum(duration_minutes), sum(youths_met) FROM presence
        WHERE team_id IN (SELECT id FROM scope_team) AND date BETWEEN {s} AND {e} GROUP BY code
    """).fetchall()
    return {
        "modality": dict(con.execute("SELECT modality_key, count(*) FROM keyed GROUP BY ALL").fetchall()),
        "age": by_sex("age_key"),
        "origin": by_sex("origin_key"),
        "situation": by_sex("situation_key"),
        "domains": {code: (n, youths) for code, n, youths in domains},
        "action_types": {code: (n, int(days)) for code, n, days in actions},
        "presence": {code: (n, int(minutes), int(met)) for code, n, minutes, met in presence},
    }


def carnet_tables(scope) -> dict:
    """The same tables from Carnet's counting rules, in the same shape.

    The youth tables sum one read of the youths (``youth_groups``), as ``build_report``
    does and as DuckDB's tables read its ``keyed`` youths once."""
    from carnet.reports import rules

    groups = rules.youth_groups(scope=scope)
    return {
        "modality": rules.count_youths_by_modality(scope=scope, groups=groups),
        "age": rules.count_youths_by_age_and_sex(scope=scope, groups=groups),
        "origin": rules.count_youths_by_origin_and_sex(scope=scope, groups=groups),
        "situation": rules.count_youths_by_situation_and_sex(scope=scope, groups=groups),
        "domains": {code: tuple(f) for code, f in rules.count_interventions_by_domain(scope=scope).items()},
        "action_types": {code: tuple(f) for code, f in rules.count_actions_by_type(scope=scope).items()},
        "presence": {code: tuple(f) for code, f in rules.count_presence_by_kind(scope=scope).items()},
    }


def duckdb_reference(directory: Path, team_ids: list[int], start, end, *, runs: int = 3):
    """(median seconds of computing the tables, the tables) for the scope's teams and period."""
    con = _connect(directory)
    con.execute("CREATE TEMP TABLE scope_team (id BIGINT)")
    con.executemany("INSERT INTO scope_team VALUES (?)", [(pk,) for pk in team_ids])
    tables = _tables(con, start, end)  # warm-up: Parquet metadata, plans
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        _tables(con, start, end)
        times.append(time.perf_counter() - began)
    con.close()
    return statistics.median(times), tables


def compare(carnet: dict, reference: dict) -> None:
    """Raise if a figure differs between Carnet and DuckDB."""
    for table, figures in reference.items():
        if carnet[table] != figures:
            keys = sorted(set(carnet[table]) | set(figures), key=str)
            diff = [(key, carnet[table].get(key), figures.get(key)) for key in keys]
            diff = [row for row in diff if row[1] != row[2]]
            raise AssertionError(f"Carnet and DuckDB differ in table {table!r}: {diff[:10]}")
