"""Production settings pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "CARNET_HTTPS": "true",
        "CARNET_SECRET_KEY": secrets.token_urlsafe(60),
        "CARNET_ALLOWED_HOSTS": "carnet.example.org",
        "CARNET_VAR_DIR": str(tmp_path),
        "CARNET_DEBUG": "false",
    }
    # Set by the browser tests for Playwright's event loop; a production server never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_response_carries_a_strict_content_security_policy(client):
    response = client.get("/connexion/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
