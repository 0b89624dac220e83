"""The list page's per-worker caches (rendered facet blocks, a search's ordered result): shared by the pages of
one result, rebuilt after any write to the database, escaped like the rest of the page, computed once when many
threads ask at the same time."""

from __future__ import annotations

import inspect
import sqlite3
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ois.query.database import Database
from ois.sample import HOSTILE, build_sample_store
from ois.settings import Settings
from ois.web.app import create_app, reference_badges

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HTML = {"accept": "text/html"}


@pytest.fixture()
def served(tmp_path: Path) -> tuple[TestClient, Path]:
    db = tmp_path / "ois.db"
    build_sample_store(db)
    app = create_app(Database(db), Settings({"page_size": 2}, env={}))
    return TestClient(app, base_url="http://127.0.0.1"), db


def write(db: Path, sql: str, args: list) -> None:
    """A write by another process (an ingest, an editor), as the server sees it: the file changes."""
    time.sleep(0.01)  # a new modification time even on coarse clocks
    with sqlite3.connect(db) as conn:
        conn.execute(sql, args)
    conn.close()


def facet_block(html: str) -> str:
    return html[html.index('<section class="facets"') : html.index("</aside>")]


def test_pages_of_a_result_share_one_facet_block_until_a_write(served: tuple[TestClient, Path]) -> None:
    client, db = served
    first = client.get("/incidents", headers=HTML).text
    second = client.get("/incidents?page=2", headers=HTML).text
    assert facet_block(first) == facet_block(second) and "Tulsa Police Department" in facet_block(first)
    assert len(client.app.state.facet_blocks) == 1
    assert 'href="/incidents?fatal=yes&amp;size=2"' in facet_block(first)  # links narrow the result, from page 1
    client.get("/incidents?fatal=yes", headers=HTML)
    assert len(client.app.state.facet_blocks) == 2  # another result, another block

    write(db, "update incidents set agency = ? where id = 'inc-tulsa'", [HOSTILE])
    block = facet_block(client.get("/incidents", headers=HTML).text)
    assert "Tulsa Police Department" not in block  # rebuilt from the new counts
    assert HOSTILE not in block and "<script" not in block and "<img" not in block
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in block  # shown, as escaped text
    assert "agency=%3Cscript%3E" in block  # and linked, URL-encoded


def test_search_pages_are_slices_of_one_result_that_follows_writes(served: tuple[TestClient, Path]) -> None:
    client, db = served
    pages = [client.get(f"/incidents.json?q=police&size=1&page={n}").json() for n in (1, 2, 3)]
    whole = client.get("/incidents.json?q=police&size=10").json()
    assert [p["rows"][0]["id"] for p in pages] == [r["id"] for r in whole["rows"]]
    assert len(whole["rows"]) == whole["total"] == 3
    assert len(client.app.state.db.ordered) == 1  # one ordered result for every page size and page

    write(db, "update incidents set date = '2030-01-01' where id = ?", [whole["rows"][-1]["id"]])
    newest = client.get("/incidents.json?q=police&size=1").json()["rows"][0]["id"]
    assert newest == whole["rows"][-1]["id"]  # the write reordered the result


@pytest.mark.parametrize(
    ("row", "fatal", "shown"),
    [
        ({"wapo": "known", "mpv": None}, True, ["in WaPo"]),
        ({"wapo": "possible", "mpv": "known"}, True, ["WaPo?", "in MPV"]),
        ({"wapo": "new", "mpv": "new"}, True, ["new to WaPo", "new to MPV"]),
        ({"wapo": "new", "mpv": "new"}, False, []),  # a survivor missing from a database of deaths is expected
        ({"wapo": HOSTILE, "mpv": "none"}, True, []),  # an unknown status shows nothing, never itself
        ({}, True, []),
    ],
)
def test_reference_badges(row: dict, fatal: bool, shown: list[str]) -> None:
    html = str(reference_badges(row, fatal))
    assert [part.split(">", 1)[1] for part in html.split("</span>")[:-1]] == shown
    assert "<script" not in html


def test_threads_wait_for_the_one_computing_a_missing_value(tmp_path: Path) -> None:
    db_path = tmp_path / "ois.db"
    build_sample_store(db_path)
    db = Database(db_path)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return len(calls)

    with ThreadPoolExecutor(8) as pool:
        values = list(pool.map(lambda _: db.cached(("slow view",), slow), range(8)))
    assert values == [1] * 8 and len(calls) == 1
    with pytest.raises(ZeroDivisionError):
        db.cached(("failing view",), lambda: 1 / 0)
    assert db.cached(("failing view",), lambda: "computed again") == "computed again"  # a failure is not kept


def test_request_parsing_dependencies_run_on_the_event_loop(served: tuple[TestClient, Path]) -> None:
    """A plain `def` dependency is run in the threadpool: three hand-offs per list request (known parameters, the
    database, the filters) cost ~0.45 ms of the ~2.5 ms a list request takes (docs/performance.md). The endpoints
    stay plain functions: they read SQLite, which must not block the event loop."""
    client, _ = served

    def dependencies(dependant) -> list:
        return [d for sub in dependant.dependencies for d in (sub, *dependencies(sub))]

    calls = {
        d.call for route in client.app.routes if hasattr(route, "dependant") for d in dependencies(route.dependant)
    }
    assert calls and all(inspect.iscoroutinefunction(call) for call in calls), [
        c.__name__ for c in calls if not inspect.iscoroutinefunction(c)
    ]
