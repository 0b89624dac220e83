"""Review mode and the newcomer's rough edges in Debian chromium (Playwright; never a downloaded browser), at
desktop (1280 px) and phone (390 px) widths. Screenshots go to test-artifacts/ (CI artifacts).

An editor logs in, corrects a value, marks a person background, marks another incident not a police shooting;
the page, the JSON and the exports show it; forged POSTs (no session, no token, another site's form) change
nothing. Also: /docs renders (Swagger UI 5, offline), the list fits a phone, an implausible date is not charted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ois.models import MergedField, Override
from ois.review import auth
from ois.sample import build_sample_store
from ois.settings import Settings
from ois.store import Store
from ois.web.app import create_app
from ois.web.review import ReviewConfig
from tests.test_export import serving

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
PASSWORD = "correct horse battery"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)"),
]


def _store_only(store: Store, overrides: list[Override]) -> int:
    """The resolver of these tests: keep the overrides (the sample's incidents are not re-resolved)."""
    store.add_override(*overrides)
    return 0


def _sample(path: Path) -> None:
    """The sample store, its Tulsa incident dated 1966 (a year read from a photo caption), and an editor."""
    incidents = build_sample_store(path)
    tulsa = incidents["inc-tulsa"]
    caption = MergedField(dt.date(1966, 11, 11), tulsa.report_ids)
    incidents["inc-tulsa"] = dataclasses.replace(tulsa, fields={**tulsa.fields, "incident_date": caption})
    store = Store(path)
    store.replace_incidents(incidents.values())
    auth.add_editor(store, "alice", PASSWORD)
    store.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("review") / "ois.db"
    _sample(db)
    settings = Settings(env={})
    with serving(create_app(db, settings, review=ReviewConfig(db, _store_only, settings))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, base_url: str) -> None:
    page.goto(f"{base_url}/incidents")
    page.click("text=Editor login")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    shot(page, "review-login")
    page.click("form.review-form button[type=submit]")
    page.wait_for_url("**/incidents")
    assert "Editing as alice" in page.locator(".session").inner_text()


def test_editor_corrects_a_value_a_person_and_an_incident(page, base_url: str) -> None:
    log_in(page, base_url)
    # 1. a value, with a reason and the supporting sentence
    page.goto(f"{base_url}/incidents/inc-springfield")
    page.click("text=Correct a value")
    box = page.locator("details.review-box", has_text="Correct a value").first
    box.locator("select[name=field]").select_option("shots")
    box.locator("input[name=value]").fill("4")
    box.locator("input[name=reason]").fill("the department corrected its count")
    box.locator("input[name=evidence]").fill("Officers fired five shots, according to the department.")
    box.locator("button[type=submit]").click()
    page.wait_for_url("**/incidents/inc-springfield#review-history")
    shots = page.locator("table.record tr", has_text="Shots fired")
    assert shots.locator("td.value").inner_text().startswith("4") and "corrected by alice" in shots.inner_text()
    history = page.locator("#review-history").inner_text()
    assert "set Shots fired" in history and "the department corrected its count" in history
    shot(page, "review-corrected-value")

    # 2. a person who was not part of the shooting: background
    page.goto(f"{base_url}/incidents/inc-tulsa")
    page.locator(".review-person").first.locator("button", has_text="Mark background").click()
    page.wait_for_url("**#review-history")
    assert "Background: named, but not participants" in page.locator("main").inner_text()
    assert page.locator("h3.person").first.inner_text().lower().startswith("subject")
    shot(page, "review-background-person")

    # 3. another incident is not a police shooting
    page.goto(f"{base_url}/incidents/inc-hostile")
    page.locator(".review-actions button", has_text="Not a police shooting").click()
    page.wait_for_url("**#review-history")
    assert "Marked not a police shooting" in page.locator(".flash").first.inner_text()
    shot(page, "review-not-ois")

    # the list, the JSON and the exports agree
    page.goto(f"{base_url}/incidents")
    assert page.locator("h1").first.inner_text() == "2 incidents"
    assert page.locator("table.incidents tr", has_text="corrected").count() == 2
    shot(page, "review-list-after")
    body = page.request.get(f"{base_url}/incidents/inc-springfield.json").json()
    assert body["record"]["fields"]["shots"]["value"] == 4 and body["corrected_fields"] == "shots"
    csv_text = page.request.get(f"{base_url}/export/csv").text()
    assert "inc-hostile" not in csv_text and "officer 1: background" in csv_text
    exported = json.loads(page.request.get(f"{base_url}/export/json").text())
    assert {r["id"] for r in exported} == {"inc-springfield", "inc-tulsa"}


def test_forged_posts_change_nothing(browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, base_url)
    before = page.request.get(f"{base_url}/incidents/inc-tulsa.json").json()
    target = f"{base_url}/review/incidents/inc-tulsa/value"
    form = {"field": "city", "value": "Forged"}
    assert page.request.post(target, form=form).status == 403  # the session cookie, but no CSRF token
    stranger = browser.new_context()
    assert stranger.request.post(target, form=form).status == 401  # no session
    # Another site's form (a page of no origin), submitted in the logged-in browser: the SameSite=Strict session
    # cookie is not sent.
    page.goto("about:blank")
    page.set_content(
        f'<form method="post" action="{target}"><input name="field" value="city"><input name="value" value="Forged">'
        '<button type="submit">go</button></form>'
    )
    with page.expect_navigation() as navigation:
        page.click("button")
    assert navigation.value.status == 401 and "Editing needs a login" in page.content()
    # This site's own page, but a form without the session's token (as a script on another tab might send).
    page.goto(f"{base_url}/incidents/inc-tulsa")
    page.set_content(page.content().replace('name="csrf" value="', 'name="csrf" value="x'))
    with page.expect_navigation() as navigation:
        page.locator(".review-person button", has_text="Remove").first.click()
    assert navigation.value.status == 403
    assert page.request.get(f"{base_url}/incidents/inc-tulsa.json").json() == before
    stranger.close()
    context.close()


def test_docs_render_in_a_browser(page, base_url: str) -> None:
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "ois" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator("text=Unable to render this definition").count() == 0
    assert page.locator(".opblock").count() >= 8
    shot(page, "docs-swagger")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_incident_list_fits_the_screen(page, base_url: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{base_url}/incidents")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    for selector in ("form.filters button[type=submit]", "select[name=fatal]", "input[name=q]"):
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], selector
    shot(page, f"incidents-{viewport['width']}")
    page.goto(f"{base_url}/incidents/inc-springfield")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shot(page, f"incident-{viewport['width']}")


def test_an_implausible_date_is_flagged_and_not_charted(page, base_url: str) -> None:
    page.goto(f"{base_url}/map?not_ois=any")
    chart = page.locator("figure.chart").inner_text()
    assert "1966" not in chart and page.locator("figure.chart rect").count() >= 2
    shot(page, "chart-without-implausible-date")
    page.goto(f"{base_url}/incidents/inc-tulsa")
    assert "Implausible date 1966-11-11" in page.locator(".date-flag").inner_text()
    listed = page.request.get(f"{base_url}/incidents.json?not_ois=any").json()["rows"]
    tulsa = next(r for r in listed if r["id"] == "inc-tulsa")
    assert tulsa["date"] is None and tulsa["implausible_date"] == "1966-11-11"
