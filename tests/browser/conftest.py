"""Browser fixtures: the real app under uvicorn on loopback, Debian's chromium, and a page that
records every request outside loopback (aborted), every dialog and every script error.

Needs ``/usr/bin/chromium`` (Debian package ``chromium``; fonts-noto-cjk for Korean); never
``playwright install``.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

sys.path.insert(0, str(ROOT / "tests" / "api"))
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_pages import hostile_extraction, load, make_app  # noqa: E402 - tests/api/test_pages.py


def _corpus_store(tmp: Path):
    """Return (store, what) holding the bundled corpus when ingest works, else the small graph."""
    from cityties.graph.store import open_store
    folder = tmp / "store"
    try:
        done = subprocess.run([sys.executable, "-m", "cityties.cli", "--store", str(folder), "ingest",
                               str(ROOT / "data" / "corpus"), "--quiet"], capture_output=True, text=True,
                              timeout=900, cwd=ROOT)
    except subprocess.TimeoutExpired:
        done = None
    if done is not None and done.returncode == 0:
        return open_store(folder), "corpus"
    from graphs import small_extraction
    store = open_store(None)
    load(store, small_extraction())
    reason = (done.stderr.strip().splitlines() or ["?"])[-1] if done is not None else "timeout"
    print(f"\nbrowser tests: corpus ingest failed ({reason}); using the small test graph", file=sys.stderr)
    return store, "small"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    """Serve ``app`` on a free loopback port in a thread; yield its base URL."""
    import uvicorn
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Serve the real app on a free loopback port in a thread; yield its base URL."""
    from cityties.settings import Settings
    tmp = tmp_path_factory.mktemp("browser")
    store, what = _corpus_store(tmp)
    load(store, hostile_extraction())
    with serving(make_app(store, Settings(store=str(tmp / "store")))) as url:
        yield url, what
    store.close()


@pytest.fixture(scope="session")
def corpus_service(tmp_path_factory):
    """Return a context manager serving the app over a fresh store of the ingested corpus with the
    given settings, yielding (base URL, store): for tests that write (with a token)."""
    @contextmanager
    def start(settings):
        store, what = _corpus_store(tmp_path_factory.mktemp("corpus-service"))
        if what != "corpus":
            pytest.skip("the corpus did not ingest; these flows need its entities")
        with serving(make_app(store, settings)) as url:
            yield url, store
        store.close()
    return start


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """What a page did that it must not: outside requests, dialogs (alert), script errors."""

    def __init__(self, page) -> None:
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = urlparse(route.request.url)
        if url.hostname == "127.0.0.1" or url.scheme in ("file", "data"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert not self.blocked, f"requests outside loopback: {self.blocked}"
        assert not self.dialogs, f"a dialog fired (injected script ran): {self.dialogs}"
        assert not self.errors, f"script errors: {self.errors}"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ko-KR")
    pg = context.new_page()
    pg.watch = Watch(pg)
    yield pg
    context.close()
