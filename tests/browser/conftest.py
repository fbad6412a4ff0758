"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's bundled browsers are never downloaded; /usr/bin/chromium is used.
Screenshots go to var/screenshots/ so a person can look at what users see.
"""

import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

CHROMIUM = os.environ.get("CARNET_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Playwright's sync API runs an event loop in the test's thread; Django's ORM
# guard would otherwise refuse the factories' queries in these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _single_threaded_server(self, connections_override=None):
    return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    """The live server answers one request at a time.

    The test database is SQLite in memory, whose one connection the server's threads share:
    two overlapping requests (a page and an htmx call, say) could then block each other
    forever. A server without threads queues them instead (and closes each connection).
    """
    original = LiveServerThread._create_server
    LiveServerThread._create_server = _single_threaded_server
    yield
    LiveServerThread._create_server = original


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does it as root)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def desktop_page(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    return page


@pytest.fixture
def phone_page(page):
    page.set_viewport_size({"width": 360, "height": 740})
    return page


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
