#!/usr/bin/env python3
"""Run a command against a throw-away PostgreSQL server.

    python3 scripts/with_postgres.py -- pytest -q

Creates a cluster in a temporary directory, starts it on a free loopback port,
sets DATABASE_URL for the command, then stops the server and removes the
directory, whatever the command's outcome. initdb refuses to run as root, so
as root the server runs as the unprivileged ``postgres`` user.
"""

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile


def find_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        sys.exit(f"with_postgres: {name} not found; install Debian's postgresql package")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit("usage: with_postgres.py -- COMMAND [ARGS...]")

    workdir = tempfile.mkdtemp(prefix="carnet-pg-")
    datadir = os.path.join(workdir, "data")
    if os.geteuid() == 0:
        shutil.chown(workdir, user="postgres", group="postgres")
    port = free_port()
    log = os.path.join(workdir, "server.log")
    pg_ctl = find_bin("pg_ctl")
    run = lambda argv: subprocess.run(as_server_user(argv), check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    try:
        run([find_bin("initdb"), "-D", datadir, "-U", "carnet", "-A", "trust", "-E", "UTF8", "--no-sync"])
        options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        run([pg_ctl, "-D", datadir, "-l", log, "-o", options, "-w", "start"])
        env = dict(os.environ, DATABASE_URL=f"postgres://carnet@127.0.0.1:{port}/postgres")
        return subprocess.call(args, env=env)
    finally:
        if os.path.exists(os.path.join(datadir, "postmaster.pid")):
            subprocess.run(
                as_server_user([pg_ctl, "-D", datadir, "-m", "fast", "-w", "stop"]), stdout=subprocess.DEVNULL
            )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
