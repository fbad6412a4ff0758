"""A HiGHS solver that says nothing: the linear programs of the disclosure control run inside
commands and pages, whose output is theirs."""

import os
import sys
import threading

import highspy

_lock = threading.Lock()
_banner_shown = False


def quiet_highs() -> highspy.Highs:
    """A new solver with its log off. HiGHS prints its banner on the process's standard output
    when the first solver is made, before any option can be set: that first construction runs
    with the file descriptor pointed at /dev/null (the banner would otherwise land in the
    console of ``bin/carnet report`` and in the server's log)."""
    global _banner_shown
    with _lock:
        if _banner_shown:
            highs = highspy.Highs()
        else:
            highs = _without_stdout(highspy.Highs)
            _banner_shown = True
    highs.setOptionValue("output_flag", False)
    return highs


def _without_stdout(make):
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            return make()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
