"""The Django side of tests/test_replica.py, run in a subprocess against a live primary/replica pair.

    DATABASE_URL=... DATABASE_REPLICA_URL=... python -m tests.replica_check

Exits non-zero (AssertionError) when a routing expectation fails.
"""

import datetime
import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    django.setup()

    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from carnet.demo.catalogue import DEMO_TEAM_NAME
    from carnet.organisations.models import Partner, PartnerType, Team
    from carnet.reports.build import build_report
    from carnet.reports.scope import ReportScope
    from carnet.routing import reads_on_replica, replica_reads
    from carnet.youths.models import Youth
    from carnet.youths.queries import youth_list

    assert "replica" in connections.databases, "DATABASE_REPLICA_URL was not picked up"
    day = datetime.date(2023, 12, 31)

    def captured():
        return CaptureQueriesContext(connections["replica"]), CaptureQueriesContext(connections["default"])

    # Outside a request (no replica_reads context) reads go to the primary.
    assert not reads_on_replica()
    on_replica, on_primary = captured()
    with on_replica, on_primary:
        team = Team.objects.get(name=DEMO_TEAM_NAME)
        scope = ReportScope(team=team, start=datetime.date(2023, 5, 9), end=day)
        primary_report = build_report(scope=scope)
    assert len(on_replica) == 0, on_replica.captured_queries
    assert len(on_primary) > 0

    with replica_reads():
        assert reads_on_replica()
        on_replica, on_primary = captured()
        with on_replica, on_primary:
            replica_report = build_report(scope=scope)
            youths = list(youth_list(youths=Youth.objects.filter(team=team), today=day))
        assert len(on_replica) > 0
        assert len(on_primary) == 0, on_primary.captured_queries
        assert youths, "the demo youth list is empty"

        organisation = team.organisation  # a read before the write: on the replica
        on_replica, on_primary = captured()
        with on_replica, on_primary:
            Partner.objects.create(
                organisation=organisation, name="Replica check", partner_type=PartnerType.LIBRARY
            )
        assert any("INSERT" in q["sql"] for q in on_primary.captured_queries), on_primary.captured_queries
        assert len(on_replica) == 0, on_replica.captured_queries

        # A read that follows the write, in the same context, sees it on the primary.
        assert not reads_on_replica()
        on_replica, on_primary = captured()
        with on_replica, on_primary:
            assert Partner.objects.filter(name="Replica check").exists()
            build_report(scope=scope)
        assert len(on_replica) == 0, on_replica.captured_queries
        assert len(on_primary) > 0

    assert replica_report.youths == primary_report.youths
    assert replica_report.tables == primary_report.tables
    print(f"replica check ok: {len(replica_report.tables)} tables, {replica_report.youths} youths")


if __name__ == "__main__":
    main()
