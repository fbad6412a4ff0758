"""Reads on a real PostgreSQL streaming replica, writes on the primary (carnet/routing.py).

Starts a throw-away primary (wal_level=replica) and a hot standby made with
``pg_basebackup -R``, both on loopback ports in a temporary directory (as the
``postgres`` user when run as root), then runs the Django side
(tests/replica_check.py) in a subprocess with DATABASE_URL and
DATABASE_REPLICA_URL pointing at them: pytest-django's test databases do not
fit a pre-started replica pair. Both servers are stopped and the directory
removed whatever happens.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.replica

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30


def find_bin(name: str) -> str | None:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else shutil.which(name)


BINARIES = {name: find_bin(name) for name in ("initdb", "pg_ctl", "pg_basebackup", "psql")}
missing = [name for name, path in BINARIES.items() if not path]
if missing:
    pytest.skip(f"PostgreSQL server tools missing: {', '.join(missing)}", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def run(argv: list[str]) -> None:
    subprocess.run(as_server_user(argv), check=True, capture_output=True, timeout=TIMEOUT)


def sql(port: int, query: str) -> str:
    result = subprocess.run(
        [
            BINARIES["psql"],
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "carnet",
            "-d",
            "postgres",
            "-XAtc",
            query,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    return result.stdout.strip()


@pytest.fixture
def primary_and_replica():
    workdir = tempfile.mkdtemp(prefix="carnet-replica-")
    if os.geteuid() == 0:
        shutil.chown(workdir, user="postgres", group="postgres")
    primary_dir, replica_dir = os.path.join(workdir, "primary"), os.path.join(workdir, "replica")
    primary_port, replica_port = free_port(), free_port()
    pg_ctl = BINARIES["pg_ctl"]
    common = f"-k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    try:
        run([BINARIES["initdb"], "-D", primary_dir, "-U", "carnet", "-A", "trust", "-E", "UTF8", "--no-sync"])
        with open(os.path.join(primary_dir, "pg_hba.conf"), "a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        options = f"-p {primary_port} {common} -c wal_level=replica -c max_wal_senders=4"
        run(
            [
                pg_ctl,
                "-D",
                primary_dir,
                "-l",
                f"{workdir}/primary.log",
                "-o",
                options,
                "-w",
                "-t",
                "20",
                "start",
            ]
        )
        run(
            [
                *(BINARIES["pg_basebackup"], "-R", "-D", replica_dir, "-h", "127.0.0.1"),
                *("-p", str(primary_port), "-U", "carnet", "-X", "stream", "-c", "fast", "--no-sync"),
            ]
        )
        options = f"-p {replica_port} {common} -c hot_standby=on"
        run(
            [
                pg_ctl,
                "-D",
                replica_dir,
                "-l",
                f"{workdir}/replica.log",
                "-o",
                options,
                "-w",
                "-t",
                "20",
                "start",
            ]
        )
        assert sql(replica_port, "select pg_is_in_recovery()") == "t"
        yield primary_port, replica_port
    finally:
        for datadir in (replica_dir, primary_dir):
            if os.path.exists(os.path.join(datadir, "postmaster.pid")):
                subprocess.run(
                    as_server_user([pg_ctl, "-D", datadir, "-m", "immediate", "-w", "-t", "20", "stop"]),
                    capture_output=True,
                    timeout=TIMEOUT,
                )
        shutil.rmtree(workdir, ignore_errors=True)


def wait_for_replay(primary_port: int, replica_port: int) -> None:
    target = sql(primary_port, "select pg_current_wal_lsn()")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if sql(replica_port, f"select pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t":
            return
        time.sleep(0.1)
    pytest.fail(f"the replica did not replay up to {target} within {TIMEOUT} s")


def test_reports_and_lists_read_the_replica_writes_go_to_the_primary(primary_and_replica, tmp_path):
    primary_port, replica_port = primary_and_replica
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="carnet.settings",
        DATABASE_URL=f"postgres://carnet@127.0.0.1:{primary_port}/postgres",
        DATABASE_REPLICA_URL=f"postgres://carnet@127.0.0.1:{replica_port}/postgres",
        CARNET_VAR_DIR=str(tmp_path),
    )

    def django(*argv: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
        return result

    django("manage.py", "migrate", "--no-input", "-v", "0")
    django("manage.py", "load_demo")
    wait_for_replay(primary_port, replica_port)
    # Migrations and the demo data went to the primary only; the replica has them through replication.
    assert int(sql(replica_port, "select count(*) from youths_youth")) > 0
    result = django("-m", "tests.replica_check")
    assert "replica check ok" in result.stdout
