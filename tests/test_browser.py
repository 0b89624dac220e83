"""End-to-end in Debian chromium (Playwright, never a downloaded browser): list, filter, incident evidence, XSS.

Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from ois.sample import build_sample_store
from ois.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory):
    import uvicorn

    db = tmp_path_factory.mktemp("web") / "ois.db"
    build_sample_store(db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url: str):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        yield page
        browser.close()


def test_list_filter_and_open_incident(page, base_url: str) -> None:
    page.goto(f"{base_url}/incidents")
    assert page.locator("h1").first.inner_text() == "3 incidents"
    assert page.locator("table.incidents tbody tr").count() == 3
    page.screenshot(path=str(ARTIFACTS / "incidents-list.png"), full_page=True)

    page.select_option("select[name=fatal]", "yes")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**fatal=yes**")
    assert page.locator("h1").first.inner_text() == "1 incident"
    page.screenshot(path=str(ARTIFACTS / "incidents-filtered-fatal.png"), full_page=True)

    page.click("table.incidents td.title a")
    page.wait_for_url("**/incidents/inc-springfield")
    assert page.locator("h1").inner_text() == "Darren Okafor, 34, killed by Springfield police"  # from its facts
    assert "Man killed in police shooting" in page.locator(".headline").inner_text()  # the first headline, kept
    # The evidence next to the value, and the same sentence highlighted in the source article.
    shots = page.locator("table.record tr", has_text="Shots fired")
    assert "Officers fired five shots" in shots.locator("td.evidence").inner_text()
    assert "Other sources say 6" in shots.inner_text()
    marks = page.locator("details.source mark")
    assert marks.count() >= 3
    assert any("five shots" in t for t in marks.all_inner_texts())
    page.screenshot(path=str(ARTIFACTS / "incident-evidence.png"), full_page=True)

    shots.locator("blockquote a").first.click()  # jumps to the highlighted sentence
    assert page.evaluate("location.hash").startswith("#a-")
    assert page.locator("mark:target").count() == 1

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the page reflows, tables scroll inside
    try:
        page.goto(f"{base_url}/incidents/inc-springfield")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(ARTIFACTS / "incident-mobile.png"), full_page=True)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_article_page_and_map(page, base_url: str) -> None:
    page.goto(f"{base_url}/articles?is_ois=yes")
    assert page.locator("table.incidents tbody tr").count() == 4
    page.locator("td.title a", has_text="Tulsa officer wounded").click()
    assert page.locator("mark").count() >= 2
    assert "police fired" in page.locator("aside.side").inner_text()
    page.screenshot(path=str(ARTIFACTS / "article-highlights.png"), full_page=True)

    page.goto(f"{base_url}/map")
    assert page.locator("svg .states path").count() == 51
    assert page.locator("svg .dots circle").count() == 3
    assert page.locator("figure.chart rect").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "map-chart.png"), full_page=True)


def test_hostile_article_runs_no_script(page, base_url: str) -> None:
    page.dialogs.clear()
    for path in ("/incidents", "/incidents/inc-hostile", "/articles", "/map", "/incidents?q=script"):
        page.goto(base_url + path)
    page.locator("a", has_text="Police shooting").first.click()  # the hostile article page
    assert page.dialogs == []
    assert page.locator("script").count() == 0
    assert page.locator("main img").count() == 0
    assert page.locator("svg[onload]").count() == 0
    assert '<script>alert("xss")</script>' in page.locator(".article-text").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "hostile-article-escaped.png"), full_page=True)
