"""The section "Entries" of bench/results.md, written by bench_entries.py."""

import statistics
import time

from bench_common import RESULTS, git_commit, machine

HEADING = "## Entries"
LABELS = {
    "presence": "street presence",
    "intervention": "intervention",
    "action": "collective action",
    "youth": "new youth",
}
# What a practised user adds to the machine's time (Keystroke-Level Model, on a phone): reaching
# and tapping a target, and typing one character on a touch keyboard.
TAP_SECONDS = 1.1
CHARACTER_SECONDS = 0.4


# --- Results -------------------------------------------------------------------------------------


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} s"


def section(entries: dict, sending: float, pages: dict, *, runs: int, cpu_slowdown: int, load: str) -> str:
    """The section: per entry, gestures and times; per page, bytes and time until usable."""
    lines = [
        HEADING,
        "",
        "`.venv/bin/python bench/bench_entries.py` (run alone, never in the test suite): the demo "
        "served by gunicorn (DEBUG off), Chromium at 360 × 740 px driven by Playwright; through "
        f"the DevTools protocol a slow mobile network (400 kbit/s each way, 400 ms round trip) and "
        f"a {cpu_slowdown}× CPU slowdown.",
        "",
        f"Measured on {time.strftime('%Y-%m-%d')}, commit `{git_commit()}`: {machine()}. Load average "
        f"(1, 5, 15 min): {load}.",
        "",
        "### Each entry as a practised educator makes it",
        "",
        "From the activity page to the entry saved (online: the confirmation; offline: « Saisie "
        "gardée sur le téléphone »), median of "
        f"{runs} runs. Online runs without the service worker, so that every request crosses the "
        "slow network (the static files in the browser's cache, as for a practised user); offline, "
        "the pages and the youths come from the worker and IndexedDB. *Estimated practised user*: "
        f"the machine's time plus {TAP_SECONDS} s per tap and {CHARACTER_SECONDS} s per typed character "
        "(Keystroke-Level Model, touch keyboard); a tap into a field counts as a tap.",
        "",
        "| entry | taps | typed characters | machine, online | machine, offline "
        "| estimated practised user, online | goal |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for kind, result in entries.items():
        gestures = result.gestures
        human = (
            statistics.median(result.online)
            + TAP_SECONDS * gestures.taps
            + CHARACTER_SECONDS * gestures.characters
        )
        verdict = "met" if human < 30 and gestures.taps <= 8 else "missed"
        lines.append(
            f"| {LABELS[kind]} | {gestures.taps} | {gestures.characters} | {seconds(result.online)} "
            f"| {seconds(result.offline)} | {human:.1f} s | ≤ 8 taps, < 30 s: {verdict} |"
        )
    lines += [
        "",
        f"Back online, the {runs * len(entries)} entries kept offline were sent in the order they were "
        f"made and all stored by the server in {sending:.1f} s (from the network's return to « Aucune "
        "saisie en attente »).",
        "",
        "### Each quick-entry page",
        "",
        "*Transferred*: the bytes the tab received (compressed, headers included); *usable*: "
        "DOMContentLoaded done (the deferred scripts have run, the form works). *First visit*: "
        "nothing kept in the browser; *cached*: the same page again with the browser's HTTP cache "
        "(the page itself is downloaded again: it carries the session's CSRF token); *from the "
        "worker*: without network, the copy the service worker kept (the network emulation does "
        "not reach a service worker's own requests, so an online visit through the worker is not "
        "shown). Goals: under 150 KB and 2 s on a first visit, under 20 KB when cached, under 1 s "
        "from the worker.",
        "",
        "| page | first visit | usable | cached | usable | from the worker | usable |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, visits in pages.items():
        first, cached, worker = visits["first"], visits["cached"], visits["worker"]
        lines.append(
            f"| {LABELS[kind]} | {first.kilobytes:.1f} KB | {first.usable_ms / 1000:.2f} s "
            f"| {cached.kilobytes:.1f} KB | {cached.usable_ms / 1000:.2f} s "
            f"| {worker.kilobytes:.1f} KB | {worker.usable_ms / 1000:.2f} s |"
        )
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    """Replace the section (or add it at the end), leaving the rest of results.md alone."""
    content = RESULTS.read_text() if RESULTS.exists() else ""
    lines = content.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == HEADING), None)
    if start is None:
        RESULTS.write_text(content.rstrip("\n") + "\n\n" + text)
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    after = "".join(lines[end:])
    RESULTS.write_text("".join(lines[:start]) + text + ("\n" + after if after else ""))
