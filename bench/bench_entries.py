"""The quick entries on a slow phone: each of the four entries performed as a practised educator
would (known values, no hesitation), online and offline, and each quick-entry page's weight and
time until its form can be used, on a first visit, from the browser's cache and from the
service worker.

    .venv/bin/python bench/bench_entries.py [--port 8115]

Builds a throw-away SQLite database with the demo (bench/data/entries/), serves it with gunicorn
as in production (DEBUG off, static files through WhiteNoise), and drives Debian's Chromium
through Playwright at 360 × 740 px. Through the DevTools protocol each page is slowed as a
phone in a stairwell: 400 kbit/s each way, 400 ms round trip, CPU 4× slower. Writes the section
"Entries" of bench/results.md, leaving the other sections alone. Never part of the test suite.
"""

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "pages"))

from bench_common import load_average  # noqa: E402
from bench_entries_results import section, write_section  # noqa: E402
from processes import Gunicorn  # noqa: E402

PYTHON = Path(sys.executable)
DATA = ROOT / "bench" / "data" / "entries"
CHROMIUM = os.environ.get("CARNET_CHROMIUM", "/usr/bin/chromium")
EDUCATOR = "thomas.normand"  # an educator of the demo's first team
# A slow mobile network, as DevTools' protocol emulates it (bytes per second, milliseconds).
SLOW_NETWORK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
CPU_SLOWDOWN = 4
VIEWPORT = {"width": 360, "height": 740}
PAGES = {
    "presence": "/activite/presence/nouvelle/",
    "intervention": "/activite/interventions/nouvelle/",
    "action": "/activite/actions/nouvelle/",
    "youth": "/jeunes/nouveau/",
}
# What the page says once the server has the entry.
SAVED = {
    "presence": "Présence sociale enregistrée.",
    "intervention": "Intervention enregistrée.",
    "action": "Action collective enregistrée.",
    "youth": "Fiche de {name} créée.",
}
# The new youths' first names, one per run (a name already known would ask about a duplicate).
NEW_YOUTHS = ("Nawel", "Samir", "Lina", "Ilyes", "Maëlys", "Rayan")
RUNS = 3


def log(message: str) -> None:
    print(f"bench_entries: {message}", file=sys.stderr, flush=True)


# --- The server ----------------------------------------------------------------------------------


def server_env() -> dict[str, str]:
    DATA.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, CARNET_DEBUG="false", CARNET_LOG_LEVEL="WARNING", CARNET_VAR_DIR=str(DATA))


def manage(env: dict[str, str], *argv: str) -> str:
    done = subprocess.run(
        [str(PYTHON), str(ROOT / "manage.py"), *argv], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"bench_entries: manage.py {argv[0]} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def prepare(env: dict[str, str]) -> dict[str, str]:
    """A fresh demo database and the values a practised educator of its first team knows."""
    for suffix in ("", "-wal", "-shm"):
        (DATA / f"carnet.sqlite3{suffix}").unlink(missing_ok=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo")
    # A youth whom two letters find first: no other youth's name or code starts with them.
    script = f"""
from carnet.access.models import User
from carnet.activity.queries import youths_of
from carnet.demo.catalogue import DEMO_PASSWORD
from carnet.youths.search import fold
user = User.objects.get(username="{EDUCATOR}")
youths = list(youths_of(teams=[m.team for m in user.memberships.all() if m.team]).order_by("id"))
def starts(youth, letters):
    names = (youth.first_name, youth.nickname, youth.code)
    return any(fold(name or "").startswith(letters) for name in names)
chosen = next(
    youth for youth in youths
    if len(youth.first_name) > 2 and " " not in youth.first_name
    and sum(starts(other, fold(youth.first_name)[:2]) for other in youths) == 1
)
print(chosen.first_name, DEMO_PASSWORD)
"""
    first_name, password = manage(env, "shell", "-c", script).strip().splitlines()[-1].split(" ", 1)
    return {"first_name": first_name, "password": password}


# --- The phone -----------------------------------------------------------------------------------


@dataclass
class Gestures:
    """What the educator does: taps (a tap into a field counts), characters typed."""

    taps: int = 0
    characters: int = 0

    def tap(self, locator) -> None:
        locator.click()
        self.taps += 1

    def type(self, locator, text: str) -> None:
        locator.click()
        locator.press_sequentially(text)
        self.taps += 1
        self.characters += len(text)


def slow_down(context, page, *, network: bool = True):
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if network:
        cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return cdp


def sign_in(page, known: dict[str, str]) -> None:
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(EDUCATOR)
    page.get_by_label("Mot de passe").fill(known["password"])
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Accueil").wait_for()


def perform(page, kind: str, known: dict[str, str], *, offline: bool, run: int) -> Gestures:
    """One entry from the activity page, as a practised educator makes it."""
    done = Gestures()
    quick = page.locator(".quick-entries")
    if kind == "presence":
        done.tap(quick.get_by_role("link", name="Présence sociale"))
        done.type(page.get_by_label("Jeunes rencontrés"), "6")
    elif kind == "intervention":
        done.tap(quick.get_by_role("link", name="Intervention"))
        done.type(page.get_by_placeholder("Tapez 2 lettres…"), known["first_name"][:2].lower())
        done.tap(page.locator("label.chip", has_text=known["first_name"]).first)
        done.tap(page.get_by_text("Scolarité", exact=True))
    elif kind == "action":
        done.tap(quick.get_by_role("link", name="Action collective"))
        done.tap(page.get_by_text("Sortie", exact=True))
        done.type(page.get_by_label("Intitulé"), "Sortie au stade")
        done.type(page.get_by_placeholder("Tapez 2 lettres…"), known["first_name"][:2].lower())
        done.tap(page.locator("label.chip", has_text=known["first_name"]).first)
    else:
        done.tap(quick.get_by_role("link", name="Nouveau jeune"))
        done.type(page.get_by_label("Prénom", exact=True), NEW_YOUTHS[run])
    done.tap(page.get_by_role("button", name="Créer la fiche" if kind == "youth" else "Enregistrer"))
    saved = SAVED[kind].format(name=NEW_YOUTHS[run])
    page.get_by_text("Saisie gardée sur le téléphone" if offline else saved).wait_for()
    return done


@dataclass
class EntryResult:
    kind: str
    online: list[float] = field(default_factory=list)
    offline: list[float] = field(default_factory=list)
    gestures: Gestures | None = None


def measure_entries(browser, base_url: str, known: dict[str, str]) -> tuple[dict[str, EntryResult], float]:
    """Each entry RUNS times online (no worker: every request crosses the slow network), then
    offline (from the worker), and the time the phone takes to send what waited."""
    results = {kind: EntryResult(kind) for kind in PAGES}
    online = browser.new_context(
        base_url=base_url, locale="fr-FR", viewport=VIEWPORT, service_workers="block"
    )
    page = online.new_page()
    sign_in(page, known)
    slow_down(online, page)
    page.goto("/activite/")  # a practised user: the static files are in the browser's cache
    for run in range(RUNS):
        for kind in PAGES:
            page.goto("/activite/")
            began = time.perf_counter()
            results[kind].gestures = perform(page, kind, known, offline=False, run=run)
            results[kind].online.append(time.perf_counter() - began)
    online.close()

    phone = browser.new_context(base_url=base_url, locale="fr-FR", viewport=VIEWPORT)
    page = phone.new_page()
    sign_in(page, known)
    page.goto("/activite/")
    ready_for_the_street(page)
    slow_down(phone, page, network=False)
    phone.set_offline(True)
    for run in range(RUNS):
        for kind in PAGES:
            page.goto("/activite/")
            began = time.perf_counter()
            perform(page, kind, known, offline=True, run=RUNS + run)
            results[kind].offline.append(time.perf_counter() - began)
    page.goto("/hors-ligne/")
    began = time.perf_counter()
    phone.set_offline(False)
    page.get_by_text("Aucune saisie en attente : tout est envoyé.").wait_for(timeout=120_000)
    sending = time.perf_counter() - began
    phone.close()
    return results, sending


def ready_for_the_street(page, seconds: float = 60) -> None:
    """The worker controls the page and keeps the quick-entry pages and the youths."""
    deadline = time.monotonic() + seconds
    check = """async () => navigator.serviceWorker.controller !== null
        && (await (await caches.open("carnet-pages")).keys()).length >= 6
        && (await CarnetStore.pickableYouths()).length > 0"""
    while not page.evaluate(check):
        if time.monotonic() > deadline:
            raise SystemExit("bench_entries: the phone never kept the quick-entry pages")
        page.wait_for_timeout(300)
        if not page.evaluate("navigator.serviceWorker.controller !== null"):
            page.reload()


# --- The pages -----------------------------------------------------------------------------------


@dataclass
class Visit:
    kilobytes: float
    usable_ms: float


def visit(context, path: str, *, network: bool = True) -> Visit:
    """Open ``path`` in a new tab: the bytes its tab received and the time until its form works
    (DOMContentLoaded done: the deferred scripts have run)."""
    page = context.new_page()
    cdp = slow_down(context, page, network=network)
    received: list[int] = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.goto(path, wait_until="load")
    page.locator("main form button[type=submit]").first.wait_for()
    usable = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    page.close()
    return Visit(sum(received) / 1000, usable)


def measure_pages(browser, base_url: str, known: dict[str, str]) -> dict[str, dict[str, Visit]]:
    """Per quick-entry page: a first visit (nothing kept), a visit with the browser's cache
    (no worker), and an opening from the service worker without network."""
    results: dict[str, dict[str, Visit]] = {}
    signed = browser.new_context(base_url=base_url, locale="fr-FR", viewport=VIEWPORT)
    sign_in(signed.new_page(), known)
    cookies = signed.cookies()
    signed.close()
    for kind, path in PAGES.items():
        first = browser.new_context(
            base_url=base_url, locale="fr-FR", viewport=VIEWPORT, service_workers="block"
        )
        first.add_cookies(cookies)
        results[kind] = {"first": visit(first, path), "cached": visit(first, path)}
        first.close()
    phone = browser.new_context(base_url=base_url, locale="fr-FR", viewport=VIEWPORT)
    page = phone.new_page()
    sign_in(page, known)
    page.goto("/activite/")
    ready_for_the_street(page)
    phone.set_offline(True)
    for kind, path in PAGES.items():
        results[kind]["worker"] = visit(phone, path, network=False)
    phone.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8115)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    load_before = load_average()
    env = server_env()
    log("demo database…")
    known = prepare(env)
    server = Gunicorn(python=PYTHON, env=env, log=DATA / "gunicorn.log", workers=2, port=args.port)
    try:
        server.wait_ready()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            log("pages…")
            pages = measure_pages(browser, server.url, known)
            log("entries…")
            entries, sending = measure_entries(browser, server.url, known)
            browser.close()
    finally:
        server.stop()
    load = f"{load_before} at the start, {load_average()} at the end"
    text = section(entries, sending, pages, runs=RUNS, cpu_slowdown=CPU_SLOWDOWN, load=load)
    write_section(text)
    print(text)


if __name__ == "__main__":
    main()
