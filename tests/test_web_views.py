"""Pure helpers of the web app: highlighting segments, value display, filters, the SVG map and chart."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ois import names
from ois.models import Fact, Report, Span, to_dict
from ois.query.filters import Filters, QueryError, fts_query
from ois.query.views import http_url, incident_view, segments, show
from ois.resolve.merge import merge_incident
from ois.settings import Settings
from ois.web import charts
from ois.web.app import _templates


def test_segments_label_overlapping_spans() -> None:
    text = "Police shot a man. He died."
    segs = segments(text, [(0, 18, "date"), (7, 11, "shots"), (19, 27, "outcome"), (50, 60, "beyond the text")])
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.labels) for s in segs] == [
        ("Police ", ("date",)),
        ("shot", ("date", "shots")),
        (" a man.", ("date",)),
        (" ", ()),
        ("He died.", ("outcome",)),
    ]
    assert segs[0].anchor == "s0" and segs[1].anchor == "s7" and segs[2].anchor is None


@given(text=st.text(max_size=200), marks=st.lists(st.tuples(st.integers(-50, 250), st.integers(-50, 250)), max_size=8))
def test_segments_always_rebuild_the_text(text: str, marks: list[tuple[int, int]]) -> None:
    segs = segments(text, [(a, b, "x") for a, b in marks])
    assert "".join(s.text for s in segs) == text
    assert all(s.text for s in segs)


def test_show_values() -> None:
    assert show(None) == "unknown" and show(True) == "yes" and show(dt.date(2024, 1, 2)) == "2024-01-02"
    assert show(["body camera", "dash camera"]) == "body camera; dash camera"
    assert show({"kind": "charged", "detail": "with murder"}) == "charged"  # the detail is the evidence beside it


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/x", "https://a.example/x"),
        ("javascript:alert(1)", None),
        (" JAVASCRIPT:x", None),
        ("data:text/html,<b>", None),
        (None, None),
        ("HTTP://A.EXAMPLE", "HTTP://A.EXAMPLE"),
    ],
)
def test_only_http_links(url: str | None, expected: str | None) -> None:
    assert http_url(url) == expected


def test_fts_query_quotes_everything() -> None:
    assert fts_query('officer "traffic stop" NEAR(x') == '"officer" "traffic stop" "NEAR x"'
    assert fts_query('*** " ') is None


def test_filters_round_trip_to_query_string() -> None:
    f = Filters.parse({"state": "tx, ok", "fatal": "YES", "date_from": "2024-01-01", "page": "2"})
    assert f.state == ("TX", "OK") and f.fatal is True and f.page == 2
    assert f.params() == {"date_from": "2024-01-01", "state": "TX,OK", "fatal": "yes", "page": "2", "size": "50"}
    assert Filters.parse(f.params()) == f
    assert f.active() == {"date_from": "2024-01-01", "state": "TX,OK", "fatal": "yes"}
    with pytest.raises(QueryError, match="page must be between"):
        Filters.parse({"page": "-1"})


def test_map_projection_places_states_and_insets_in_the_viewport() -> None:
    paths = charts.state_paths()
    assert len(paths) == 51 and {"AK", "HI", "DC", "TX"} <= {p.state for p in paths}
    for lon, lat, state in ((-95.99, 36.15, "OK"), (-149.9, 61.2, "AK"), (-157.86, 21.31, "HI"), (-70.25, 43.66, "ME")):
        x, y = charts.project(lon, lat, state)
        assert 0 <= x <= charts.WIDTH and 0 <= y <= charts.HEIGHT, state
    # west is left, north is up
    assert charts.project(-122.4, 37.8)[0] < charts.project(-74.0, 40.7)[0]
    assert charts.project(-93.3, 45.0)[1] < charts.project(-95.4, 29.8)[1]


def test_month_chart_fills_gaps_and_links_whole_months() -> None:
    chart = charts.month_chart([("2023-11", 2), ("2024-02", 4)])
    assert [b.month for b in chart.bars] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert [b.count for b in chart.bars] == [2, 0, 0, 4] and chart.top == 4
    assert chart.bars[-1].first_day == "2024-02-01" and chart.bars[-1].last_day == "2024-02-29"
    assert [label for _, label in chart.ticks] == ["2023", "2024"]
    dots = charts.dots(
        [
            {"lat": 36.15, "lon": -95.99, "city": "Tulsa", "state": "OK", "n": 4},
            {"lat": 39.8, "lon": -89.6, "city": "Springfield", "state": "IL", "n": 1},
        ]
    )
    assert dots[0].city == "Tulsa" and dots[0].r > dots[1].r and dots[1].label == "Springfield, IL: 1 incident"


def _list_field_incident() -> tuple[dict, list[dict]]:
    """Two fictional reports giving different video kinds and legal events: list values, not disagreements."""
    texts = {
        "a1": "Body camera footage was released Monday. The officer was placed on administrative leave.",
        "a2": "A dash camera recorded the stop. A grand jury indicted the officer on a manslaughter charge.",
    }

    def fact(article_id: str, sentence: str, value) -> Fact:
        start = texts[article_id].index(sentence)
        return Fact(value, Span(start, start + len(sentence), sentence))

    reports = [
        Report(
            "a1",
            video=(fact("a1", "Body camera footage was released Monday.", "body camera"),),
            legal=(fact("a1", "The officer was placed on administrative leave.", {"kind": "leave", "detail": "paid"}),),
            published=dt.date(2024, 5, 2),
        ),
        Report(
            "a2",
            video=(fact("a2", "A dash camera recorded the stop.", "dash camera"),),
            legal=(
                fact(
                    "a2",
                    "A grand jury indicted the officer on a manslaughter charge.",
                    {"kind": "indicted", "detail": "manslaughter"},
                ),
            ),
            published=dt.date(2024, 6, 9),
        ),
    ]
    incident = merge_incident("inc-lists", reports, {}, names.rule(Settings(env={})))
    record = {
        "id": "inc-lists",
        "title": "Lists",
        "date": None,
        "city": None,
        "state": None,
        "agency": None,
        "fatal": 0,
        "officer_shot": 0,
        "armed": None,
        "video": 1,
        "n_sources": 2,
        "n_reports": 2,
        "json": json.loads(json.dumps(to_dict(incident), default=str)),
    }
    sources = [
        {"id": k, "title": k, "url": None, "published": None, "outlet": f"Outlet {k}", "text": t}
        for k, t in texts.items()
    ]
    return record, sources


def test_list_fields_show_each_value_with_its_support_and_no_conflict() -> None:
    record, sources = _list_field_incident()
    view = incident_view(record, sources)
    assert view.conflicts == []
    video = next(r for r in view.rows if r.name == "video")
    assert not video.conflicts
    assert [(i.value, i.outlets, [q.span.text for q in i.quotes]) for i in video.items] == [
        ("body camera", ("Outlet a1",), ["Body camera footage was released Monday."]),
        ("dash camera", ("Outlet a2",), ["A dash camera recorded the stop."]),
    ]
    legal = next(r for r in view.rows if r.name == "legal")
    assert [(i.value, i.note) for i in legal.items] == [
        ("leave", "reported 2024-05-02"),
        ("indicted", "reported 2024-06-09"),
    ]
    page = SimpleNamespace(url=SimpleNamespace(path="/incidents/inc-lists"))
    html = _templates().env.get_template("incident.html").render(v=view, request=page)
    assert "conflict</span>" not in html and "sources agree on every value" in html
    for text in ("body camera", "dash camera", '"value">leave <', '"value">indicted <', "reported 2024-06-09"):
        assert f"{text}" in html
    assert "“A grand jury indicted the officer on a manslaughter charge.”</a> <cite>Outlet a2</cite>" in html
    assert html.count('title="independent sources reporting this value">1</td>') == 4
