"""ois.geo: state codes, the city index and map coordinates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ois import geo


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("South Carolina", "SC"),
        ("S.C.", "SC"),
        ("SC", "SC"),
        ("Calif.", "CA"),
        ("Ark.", "AR"),
        ("Mich.", "MI"),
        ("Pa.", "PA"),
        ("Wash.", "WA"),
        ("Mass.", "MA"),
        ("michigan", "MI"),
        ("D.C.", "DC"),
    ],
)
def test_state_code_reads_names_codes_and_ap_forms(text, code):
    assert geo.state_code(text) == code


@pytest.mark.parametrize("text", ["in", "or", "me", "ok", "", None, "Narnia"])
def test_state_code_ignores_words_that_look_like_codes(text):
    assert geo.state_code(text) is None


def test_find_city_with_and_without_state():
    assert geo.find_city("Estill").state == "SC"
    assert geo.find_city("LITTLE ROCK").name == "Little Rock"
    assert geo.find_city("Springfield") is None  # several big Springfields: ambiguous
    assert geo.find_city("Springfield", "Mass.").state == "MA"
    assert geo.find_city("Rockford").state == "IL"  # dominates Rockford, MI
    assert geo.find_city("Ft. Worth").name == "Fort Worth"
    assert geo.find_city("Estill", "TX") is None
    assert geo.find_city("Atlantisville") is None


def test_locate_prefers_city_then_state_centroid():
    lat, lon = geo.locate("Flint", "MI")
    assert lat == pytest.approx(43.01, abs=0.05) and lon == pytest.approx(-83.69, abs=0.05)
    assert geo.locate(None, "SC") == pytest.approx((33.92, -80.90))
    assert geo.locate("Atlantisville", "South Carolina") == pytest.approx((33.92, -80.90))
    assert geo.locate(None, None) is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_lookups_never_raise_on_junk(text):
    geo.state_code(text)
    geo.find_city(text, text)
    geo.locate(text, text)


def test_bronx_is_reported_as_reference_databases_write_it():
    assert [c.name for c in geo.candidates("Bronx")] == ["Bronx"]
    assert geo.candidates("The Bronx") == geo.candidates("Bronx")
    assert geo.find_city("Bronx").state == "NY"


@pytest.mark.parametrize(
    ("host", "city"),
    [("abc7chicago.com", "Chicago"), ("denver.cbslocal.com", "Denver"), ("6abc.com", None), ("fox59.com", None)],
)
def test_city_in_host_names_only_big_unambiguous_cities(host, city):
    found = geo.city_in_host(host)
    assert (found.name if found else None) == city


@pytest.mark.parametrize(
    ("initials", "city"),
    [("LA", "Los Angeles"), ("NY", "New York City"), ("NO", "New Orleans"), ("CM", None), ("SA", None), ("ZZ", None)],
)
def test_city_of_initials_names_only_a_single_big_city(initials, city):
    found = geo.city_of_initials(initials)
    assert (found.name if found else None) == city
