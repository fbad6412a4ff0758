"""The disclosure control's solver prints nothing: HiGHS' banner would land in the console of
``bin/carnet report`` and in the server's log."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKE_TWO_SOLVERS = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'carnet.settings'); django.setup()\n"
    "from carnet.reports.disclosure.solver import quiet_highs\n"
    "quiet_highs(); quiet_highs()\n"
    "print('done')\n"
)


def test_making_solvers_prints_nothing_but_what_the_process_itself_prints(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", MAKE_TWO_SOLVERS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"CARNET_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert result.stdout == "done\n"
    assert "HiGHS" not in result.stderr
