"""extract.when_where on fictional articles: exact values and evidence sentences."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ois import nlp
from ois.extract.when_where import when_where
from ois.models import Article
from ois.settings import Settings

SETTINGS = Settings(env={})


def run(model, text: str, published: dt.date | None = None, url: str | None = None) -> dict:
    title = text.split("\n", 1)[0]
    article = Article(Article.make_id(text), title, text, url=url, published=published)
    out = when_where(article, nlp.parse(model, text), SETTINGS)
    for fact in out.values():
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
        if fact.words is not None:  # the exact words lie inside the evidence sentence
            assert text[fact.words.start : fact.words.end] == fact.words.text
            assert fact.evidence.start <= fact.words.start <= fact.words.end <= fact.evidence.end
    return out


def values(out: dict) -> dict:
    return {k: v.value for k, v in out.items()}


DATELINE = """Deputy wounds armed man after chase

LITTLE ROCK, Ark. (AP) — Officers from the Little Rock Police Department shot and wounded a man early Thursday \
after he fired at them during a traffic stop, police said Friday.

The shooting happened about 2:30 a.m. near a gas station on West Markham Street.

The man, 34-year-old Darnell Quist of Benton, was taken to a hospital in North Little Rock.
"""


def test_dateline_article_resolves_relative_date_against_publication(model):
    out = run(model, DATELINE, published=dt.date(2021, 5, 14))  # a Friday
    assert values(out) == {
        "incident_date": dt.date(2021, 5, 13),  # Thursday, not Friday (when police spoke)
        "time_of_day": "02:30",
        "city": "Little Rock",
        "state": "AR",
        "agency": "Little Rock Police Department",
        "day_part": "early morning",
        "address": "West Markham Street",
        "place_type": "gas station",
        "country": "US",
    }
    assert out["address"].words.text == "West Markham Street" and out["place_type"].words.text == "a gas station"
    assert out["time_of_day"].words.text == "2:30 a.m." and out["city"].words.text == "LITTLE ROCK"
    first = DATELINE.index("LITTLE ROCK")
    assert out["city"].evidence.start == first
    assert out["incident_date"].evidence.text.startswith("LITTLE ROCK, Ark. (AP)")
    sentence = "The shooting happened about 2:30 a.m. near a gas station on West Markham Street."
    assert out["time_of_day"].evidence.text == sentence


def test_without_publication_date_a_weekday_is_not_guessed(model):
    out = run(model, DATELINE)
    assert "incident_date" not in out
    assert out["city"].value == "Little Rock"


ABSOLUTE = """Trooper fires at driver in Estill

A state trooper shot a driver on Tuesday, Jan. 27 outside a diner in Estill, South Carolina, officials said.

The South Carolina Highway Patrol said the driver pointed a rifle at the trooper. A court hearing is set for \
Feb. 3.
"""


def test_absolute_date_takes_year_from_publication_and_ignores_court_dates(model):
    out = run(model, ABSOLUTE, published=dt.date(2015, 2, 1))
    assert out["incident_date"].value == dt.date(2015, 1, 27)
    assert out["city"].value == "Estill" and out["state"].value == "SC"
    assert out["agency"].value == "South Carolina Highway Patrol"
    assert out["city"].evidence.text.startswith("A state trooper shot a driver on Tuesday, Jan. 27")


def test_full_date_and_ordinal_forms(model):
    text = (
        "Man shot by police\n\nThe shooting happened in Flint on the 8th of May 2021.\n\n"
        "Michigan State Police investigate."
    )
    out = run(model, text)
    assert out["incident_date"].value == dt.date(2021, 5, 8)
    assert values(out)["city"] == "Flint" and values(out)["state"] == "MI"
    assert out["incident_date"].evidence.text == "The shooting happened in Flint on the 8th of May 2021."


def test_ambiguous_city_keeps_its_name_and_the_state_stays_unknown(model):
    alone = run(model, "Officer shot\n\nAn officer was shot in Springfield on Sunday night.")
    assert values(alone)["city"] == "Springfield" and "state" not in alone  # which Springfield: unknown
    assert alone["time_of_day"].value == "night"
    with_state = run(model, "Officer shot\n\nAn officer was shot in Springfield, Mass., on Sunday night.")
    assert values(with_state)["city"] == "Springfield" and values(with_state)["state"] == "MA"
    # a town named in several states does not outweigh one the gazetteer can place
    both = run(model, "Officer shot\n\nAn officer was shot in Tulsa on Sunday. He grew up in Springfield.")
    assert values(both)["city"] == "Tulsa"


def test_county_agency_gives_no_city_and_streets_are_not_cities(model):
    text = (
        "Deputies shoot suspect\n\nPulaski County Sheriff's Office deputies shot a man who fired at them on "
        "Main Street, the sheriff said."
    )
    out = run(model, text)
    assert out["agency"].value == "Pulaski County Sheriff's Office"
    assert "city" not in out


def test_federal_agency_and_we_is_not_a_date(model):
    text = (
        "Fugitive killed\n\nWe learned that U.S. Marshals Service deputies shot and killed a fugitive shortly after "
        "midnight, May be more details later."
    )
    out = run(model, text, published=dt.date(2020, 3, 4))
    assert out["agency"].value == "U.S. Marshals Service"
    assert out["time_of_day"].value == "00:00"
    assert "incident_date" not in out


def test_dates_after_publication_are_ignored(model):
    text = "Police shooting\n\nPolice shot a man on March 30. His funeral is on April 9."
    out = run(model, text, published=dt.date(2019, 4, 2))
    assert out["incident_date"].value == dt.date(2019, 3, 30)


def test_hospital_town_and_residence_do_not_win(model):
    text = (
        "Officer shoots man in Greenville\n\nGREENVILLE, S.C. — An officer shot a man Monday. The man, 40, of "
        "Spokane, Wash., was flown to a hospital in Columbia."
    )
    out = run(model, text, published=dt.date(2018, 6, 6))
    assert values(out)["city"] == "Greenville" and values(out)["state"] == "SC"
    assert out["incident_date"].value == dt.date(2018, 6, 4)


@pytest.mark.shared
def test_seeds_match_gold(model, shared_data):
    seeds = shared_data / "seeds"
    lines = (seeds / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = {json.loads(line)["id"]: json.loads(line)["gold"] for line in lines if line.strip()}
    for path in sorted(seeds.glob("*.txt")):
        out = values(run(model, path.read_text(encoding="utf-8")))
        want = gold[path.stem]
        date = out.get("incident_date")
        assert (date.isoformat() if date else None) == want["incident_date"], path.name
        assert out.get("city") == want["city"] and out.get("state") == want["state"], path.name


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_junk(text):
    model = nlp.load(SETTINGS.spacy_model)
    run(model, text or "x", published=dt.date(2020, 1, 1))


def test_county_gives_state_but_not_city_and_outlet_is_not_the_place(model):
    text = (
        "Deputy shoots man at gas station | Valley Gazette - Fresno, CA\n\nA Maricopa County deputy shot a man "
        "who fired at him Sunday, Col. Dana Pruitt said."
    )
    out = run(model, text)
    assert out["state"].value == "AZ"  # Maricopa County exists only in Arizona; "Col." is a colonel
    assert "city" not in out  # Fresno is the outlet's town
    assert out["state"].evidence.text.startswith("A Maricopa County deputy shot a man")


def test_surname_and_headline_case_are_not_places_or_agencies(model):
    text = (
        "Man Shot By Police Near Motel Dies\n\nOfficers in Reno, Nev., shot Marcus Henderson after a chase. "
        "Henderson was pronounced dead at the scene."
    )
    out = run(model, text)
    assert values(out)["city"] == "Reno" and values(out)["state"] == "NV"
    assert "agency" not in out


@pytest.mark.parametrize(
    "text",
    [
        # one-word names the text shows are people, though each is also a town of the state named
        "Deputy shoots man\n\nA California deputy shot and killed a man Sunday. Deputies found Lancaster, who held a "
        "knife, behind a barn.",
        "Trooper shoots man\n\nA Texas trooper shot a man during a traffic stop. Tyler, 31, had fled.",
        "Officer shoots man\n\nA Michigan officer shot a man Tuesday. Neighbors gathered near Warren's home.",
        "Deputy shoots man\n\nA Texas deputy shot a man Sunday. De Leon was shot after he fled a traffic stop.",
        # a car model, a street or a crossing of streets is no town either
        "Chase ends in shooting\n\nA California officer shot a man Friday after a chase of a red Chevrolet Malibu.",
        "Chase ends in shooting\n\nA Colorado trooper shot a man who drove a stolen Dodge Durango.",
        "Trooper shoots man\n\nA Georgia trooper shot a man after a chase that ended near Old Mill Parkway.",
        "Officer shoots man\n\nAn Arizona officer shot a man who waved a gun near Broadway and Kessler roads.",
    ],
)
def test_a_surname_car_or_street_is_no_city(model, text):
    assert "city" not in run(model, text)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Man shot\n\nA man in Marion was shot by an Ohio officer on Friday. He fled.", "Marion"),
        ("Officer shot\n\nAl Roe, 18, of the Bronx, who is hospitalized, shot at an officer Monday.", "Bronx"),
    ],
)
def test_a_town_after_a_place_preposition_stays_a_town(model, text, city):
    assert values(run(model, text))["city"] == city


@pytest.mark.parametrize(
    ("text", "city", "state"),
    [
        # a neighbourhood is reported as the municipality it lies in; New York's boroughs as the borough
        ("Man shot\n\nA man was shot by police Monday in the Mott Haven section of the Bronx.", "Bronx", "NY"),
        ("Man shot\n\nOfficers shot a man Friday on Milwaukee's northwest side, police said.", "Milwaukee", "WI"),
        # a county named as the place (dateline, "unincorporated") is the place; no other town is picked
        (
            "Deputy fires\n\nSCOTT COUNTY, Ky. — A deputy shot a man who fired at him near Memphis Road.",
            "Scott County",
            "KY",
        ),
        (
            "Man shot\n\nDeputies shot a man at a home in unincorporated Adams County, Colorado, on Sunday.",
            "Adams County",
            "CO",
        ),
        # a dateline town too small for the gazetteer is still the place the dateline names
        (
            "Deputy shoots man\n\nCEDAR GAP, Mo. — A deputy shot a man who drove at him, the sheriff said.",
            "Cedar Gap",
            "MO",
        ),
        ("Man injured\n\nYORK CITY, Pa. — An officer shot a man who pointed a gun at him on Sunday.", "York", "PA"),
        # a TV station's dateline repeating its own market loses to the suburb the story names
        (
            "Officer shoots man in Thornton | KQRT Denver\n\nDENVER (KQRT) — An officer shot a man Tuesday in suburban "
            "Thornton, police said.",
            "Thornton",
            "CO",
        ),
        ("Chapel Hill drive-by shooting wounds teen\n\nA teenager was wounded, police said.", "Chapel Hill", "NC"),
    ],
)
def test_place_rules(model, text, city, state):
    out = values(run(model, text))
    assert (out.get("city"), out.get("state")) == (city, state)


def test_page_stamp_anchors_weekdays_when_publication_date_is_unknown(model):
    text = (
        "Man shot by deputy\n\nPosted: Monday, June 22, 2015 4:50 PM EDT\n\n"
        "A deputy shot a man Sunday night after a chase, the sheriff said."
    )
    out = run(model, text)
    assert out["incident_date"].value == dt.date(2015, 6, 21)  # the Sunday before the stamp, not the stamp
    assert out["incident_date"].evidence.text.startswith("A deputy shot a man Sunday night")


def test_year_of_a_weekday_date_comes_from_a_year_the_story_mentions(model):
    text = (
        "Officer shoots driver\n\nAn officer shot a driver Tuesday, Jan. 27, outside a diner. It was the city's "
        "third police shooting since 2015 began."
    )
    assert run(model, text)["incident_date"].value == dt.date(2015, 1, 27)  # Jan. 27, 2015 was a Tuesday
    no_fit = text.replace("2015", "2016")  # Jan. 27, 2016 was a Wednesday: the year stays unknown
    assert "incident_date" not in run(model, no_fit)


def test_city_with_its_county_and_words_that_are_not_towns(model):
    chester = run(model, "Two shot\n\nPolice in Chester, Delaware County, said an officer shot a man Wednesday.")
    assert values(chester)["city"] == "Chester" and values(chester)["state"] == "PA"  # not Delaware the state
    text = (
        "Body found\n\nA fisherman found a man shot dead in the Black River in August, deputies said. The Bond Hill "
        "mother of the man spoke to reporters."
    )
    assert "city" not in run(model, text)  # a river, a month and a neighbourhood's last word are not towns


def test_outlet_address_hints_at_the_state_of_an_ambiguous_town(model):
    text = "Two hurt in Cicero shooting\n\nTwo people were shot Monday when a neighbor opened fire, officials said."
    alone = values(run(model, text))
    assert alone["city"] == "Cicero" and "state" not in alone  # Cicero, Ill., N.Y. or Ind.: unknown
    for url in ("https://abc7chicago.com/news/x/1/", "http://web.archive.org/web/2016/http://abc7chicago.com/x/"):
        out = values(run(model, text, url=url))
        assert (out["city"], out["state"]) == ("Cicero", "IL")


def test_a_big_city_force_known_by_its_initials_names_the_city_when_no_town_is_named(model):
    text = "Man shot by officers\n\nA man who pointed a rifle at LAPD officers was shot Sunday, a spokeswoman said."
    out = values(run(model, text))
    assert (out["city"], out["state"]) == ("Los Angeles", "CA")
    named = text.replace("was shot Sunday", "was shot Sunday in Queens").replace("LAPD", "NYPD")
    assert values(run(model, named))["city"] == "Queens"  # the place the story names wins over the force
    assert "city" not in run(model, text.replace("LAPD", "CMPD"))  # initials of no single big city


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        # a force written informally gets its full name only when the text itself calls it "the department"
        (
            "Officer wounded\n\nA Tupelo police officer was shot Monday, police said. He joined the department "
            "in 2019.",
            "Tupelo Police Department",
        ),
        ("Officer wounded\n\nA Tupelo police officer was shot Monday, police said.", "Tupelo Police"),
        # the short form ("Tupelo Police Chief") and the full name are one agency, named in full
        (
            "Man shot\n\nTupelo Police Chief Ann Rowe said an officer shot a man. The Tupelo Police Department "
            "released no names.",
            "Tupelo Police Department",
        ),
        (
            "Deputy shoots man\n\nA Lowndes County sheriff's deputy shot a man on Friday, and the Sheriff's Office "
            "said no weapon was found.",
            "Lowndes County Sheriff's Office",
        ),
        ("Deputy shoots man\n\nTwo Lowndes County deputies shot a man on Friday.", "Lowndes County Sheriff"),
        # the state police that released what is known, or whose news release the page reprints, only investigates
        (
            "Juvenile suspect injured in officer-involved shooting\n\nArkansas State Police has released more "
            "information concerning an officer-involved shooting in Osceola.\n\nAccording to ASP, the Osceola "
            "Police Department responded to a robbery call at a gas station around 1:40 a.m. Friday.\n\nAn officer "
            "fired, striking one of the three juveniles.",
            "Osceola Police Department",
        ),
        # the agency that investigates loses to the one whose officers shot, wherever it is named
        (
            "Man killed\n\nThe Texas Rangers are investigating after Lubbock officers shot and killed a man who fired "
            "at them, Lubbock Police Department Sgt. Ana Ruiz said.",
            "Lubbock Police Department",
        ),
        (
            "Deputy shoots man\n\nA Cobb County sheriff's deputy shot and wounded a man, the Georgia Bureau of "
            "Investigation said. The FBI is investigating the shooting.",
            "Cobb County Sheriff",
        ),
        # deputies fired: the state police the shooting sentence names is not theirs (nor, for troopers, a county's)
        (
            "Five hurt outside party\n\nThe Halford County Sheriff's Office said the man was arrested Monday. A "
            "deputy then shot the suspected gunman, though Virginia State Police have not released any names.",
            "Halford County Sheriff's Office",
        ),
        (
            "Man shot on highway\n\nThe Harlow County Sheriff's Office said the driver fled. A trooper shot the "
            "driver, the Ohio State Highway Patrol and the Harlow County Sheriff's Office said.",
            "Ohio State Highway Patrol",
        ),
        # a force quoted often does not outweigh the one whose officer fired
        (
            "Brawl\n\nA Colorado Department of Corrections officer fired his gun during a brawl. Denver police said "
            "one man died. Denver police gave no names. Denver police asked for videos.",
            "Colorado Department of Corrections",
        ),
    ],
)
def test_agency_forms_and_roles(model, text, agency):
    assert values(run(model, text))["agency"] == agency


def test_title_case_headline_and_plain_words_are_not_agencies(model):
    text = "Girl Killed In East Bay Officer-Involved Shooting Identified\n\nMany officers responded Tuesday."
    assert "agency" not in run(model, text)


LAWSUIT = """Officer sues over fatal shooting

The lawsuit filed by Officer Dana Brill gives a detailed account of what happened on March 3, the night Brill \
shot and killed Elton Marsh, 41, in a hallway, according to court papers.

A hearing on the lawsuit is set for April 20.
"""
STORY_DATE = """Man wounded in police shooting

FAIRVIEW, Ore. (June 9, 2020) — A man was wounded in an early morning shooting involving Fairview police \
officers, the department said.

The officers were placed on leave, as is routine.
"""


def test_a_date_told_with_the_shooting_counts_even_in_a_lawsuit_sentence(model):
    out = run(model, LAWSUIT, published=dt.date(2021, 5, 1))
    assert out["incident_date"].value == dt.date(2021, 3, 3)  # never the hearing's April 20


def test_the_datelines_date_stands_in_when_the_shooting_has_no_date_of_its_own(model):
    out = run(model, STORY_DATE, published=dt.date(2020, 6, 9))
    assert out["incident_date"].value == dt.date(2020, 6, 9)
    assert out["incident_date"].words.text == "June 9, 2020"


def test_a_date_of_the_aftermath_in_a_shooting_sentence_is_not_the_incident_date(model):
    text = (
        "Officer wounded in gun battle\n\n"
        "The suspect's name has not been released, and detectives remained at the scene Tuesday morning as they "
        "looked for clues into the shooting.\n\n"
        "A Harlow police officer was shot and wounded during a gun battle that left one man dead Monday night, "
        "police said."
    )
    out = run(model, text, published=dt.date(2021, 3, 9))  # a Tuesday
    assert out["incident_date"].value == dt.date(2021, 3, 8)
    assert out["incident_date"].evidence.text.startswith("A Harlow police officer")


ACRONYM = (
    "Officer shoots armed man\n\n"
    "An IMPD officer shot and wounded a man who pointed a gun at him on Tuesday night, police said."
)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (  # a town someone is from is not where the shooting was
            "Man shot dead by police after store shooting\n\n"
            "A Tulsa man was shot and killed by police Thursday after he opened fire inside a store in Broken Arrow, "
            "the department said.\n\nThe man, a Tulsa resident, had a long record, police said.",
            "city",
            "Broken Arrow",
        ),
        (  # a case the story says this one has no connection to is another case
            "Ga. officer who was shot was ambushed\n\nA Georgia police officer who was shot multiple times Friday was "
            "ambushed by a gunman who had called 911, authorities say.\n\nValdosta Officer Dale Pruitt was "
            "investigating vehicle damage when he encountered the man, Valdosta Police Chief Ann Rowe said.\n\nThe "
            "chief said there does not appear to "
            "be a connection to Thursday night's shootings in Dallas, which left five officers dead.",
            "city",
            "Valdosta",
        ),
        (ACRONYM, "agency", "IMPD"),  # a department's acronym names the agency when nothing else does ...
        (ACRONYM + " The Harlow Police Department is investigating.", "agency", "Harlow Police Department"),
        (  # ... spelled out with the city of its initials the story names, or the one big city of those initials
            "Officer shoots man\n\nAn HPD officer shot and wounded a man in Houston on Tuesday, police said.",
            "agency",
            "Houston Police Department",
        ),
        (
            "Officers shoot man\n\nTwo LAPD officers shot and wounded a man on Tuesday.",
            "agency",
            "Los Angeles Police Department",
        ),
        (  # an agency of another case counts less
            "Man shot by officer in Harlow\n\n"
            "A police officer shot and wounded a man who fired at him on Friday, the Harlow Police Department "
            "said.\n\nLast year, Dover police officers shot and killed a man in a separate shooting.",
            "agency",
            "Harlow Police Department",
        ),
    ],
    ids=[
        "resident",
        "no connection to another case",
        "acronym alone",
        "acronym and a name",
        "acronym and its city",
        "big city acronym",
        "another case",
    ],
)
def test_place_and_agency_of_this_shooting(model, text, field, expected):
    assert run(model, text, published=dt.date(2021, 3, 6))[field].value == expected


TWEET_AND_BRIEFING = (
    "Officer shoots man outside casino\n\n"
    "Roads closed near the casino after officer-involved shooting pic.twitter.com/abc123 — Jane Roe (@janeroe) "
    "January 23, 2016\n\n"
    "The chief held a news briefing Monday to discuss the shooting.\n\n"
    "Police shot a man who pointed a gun at people outside the casino on Friday night."
)
LIFE_DATE = (
    "Teen shot dead by Hollis police\n\n"
    "Police fatally shot a 14-year-old boy in Hollis, police said.\n\n"
    "The slain teenager was identified as Rory Pell, who would have turned 15 on Aug. 24, according to the "
    "coroner's office.\n\n"
    "Officers had received a call around 5:35 p.m. Tuesday about vandalism near the park.\n"
)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (TWEET_AND_BRIEFING, dt.date(2016, 1, 26), dt.date(2016, 1, 22)),
        (LIFE_DATE, dt.date(2016, 8, 10), dt.date(2016, 8, 9)),
    ],
    ids=["an embedded tweet's date and a briefing's", "a date of someone's life"],
)
def test_dates_that_are_not_the_incident_date(model, text, published, expected):
    assert run(model, text, published=published)["incident_date"].value == expected


def test_the_story_states_the_address_the_headline_shortens(model):
    text = (
        "Man dies hours after being shot near 95th & Larch\n\n"
        "EASTBROOK, Wis. — A man died Sunday hours after he was shot. It happened just after 2:30 a.m. near 95th "
        "and Larch Street, police said."
    )
    out = run(model, text, published=dt.date(2021, 5, 16))
    assert out["address"].value == "95th and Larch Street"
    assert out["address"].evidence.start > text.index("\n")  # a sentence of the story, not the headline


@pytest.mark.parametrize(
    ("text", "day_part"),
    [
        (
            "Man wounded by deputies\n\nDeputies shot and wounded a man who fired at them in Orland, the sheriff's "
            "office said Tuesday afternoon.",
            None,  # when the sheriff's office spoke
        ),
        (
            "Man killed in Orland\n\nA man was shot and killed near the river, police said. The shooting was "
            "reported Thursday morning near the boat ramp.",
            "morning",  # a shooting "was reported" when it happened
        ),
        (
            "Arrest in Orland shooting\n\nA man was shot and killed near the river last week. A 17-year-old was "
            "arrested Friday night in connection with the shooting.",
            None,  # the arrest's night
        ),
        (
            "Deputy shot in Orland\n\nA deputy who was shot Tuesday night was flown to a hospital in Fresno in the "
            "morning.",
            "night",  # the first part of the day the sentence tells with the shooting, not the lexicon's first
        ),
    ],
    ids=["statement", "was reported", "arrest", "text order"],
)
def test_the_part_of_the_day_is_the_shootings(model, text, day_part):
    out = run(model, text, published=dt.date(2021, 5, 14))
    assert (out["day_part"].value if "day_part" in out else None) == day_part


def test_a_street_named_court_or_a_memorial_hospital_is_not_an_aside(model):
    text = (
        "Man shot in Orland\n\n"
        "A man was shot and wounded by an officer on Sunday. It happened around 5:40 p.m. in the 700 block of "
        "Trinity Court. He was taken to Memorial Hospital Central.\n\n"
        "A second man appeared in Superior Court at 9 a.m. Monday."
    )
    out = run(model, text, published=dt.date(2021, 5, 18))
    assert out["time_of_day"].value == "17:40"  # not the court's 9 a.m.
    assert out["address"].value == "700 block of Trinity Court"


@pytest.mark.parametrize(
    ("when", "clock"),
    [
        ("around 6:30 Thursday evening", "18:30"),
        ("at 10:15 Sunday night", "22:15"),
        ("about 1:30 Sunday night", "01:30"),
        ("at 7:05 this morning", "07:05"),
    ],
)
def test_a_clock_time_placed_by_the_part_of_the_day_that_follows(model, when, clock):
    text = f"Man shot by police in Orland\n\nPolice shot and wounded a man {when} in Orland, a spokesman said."
    assert run(model, text, published=dt.date(2021, 5, 14))["time_of_day"].value == clock


def test_a_part_of_the_day_that_disagrees_with_the_shootings_clock_time_is_another_days(model):
    text = (
        "Boy shot dead by police in Orland\n\n"
        "Officers shot and killed a 14-year-old boy around 5:35 p.m. Tuesday in Orland, police said.\n\n"
        "On Wednesday morning, the streets were still covered with evidence from Tuesday's violent scene."
    )
    out = run(model, text, published=dt.date(2021, 5, 12))
    assert out["time_of_day"].value == "17:35" and "day_part" not in out


def test_a_named_venue_is_the_place_and_where_a_witness_lives_is_not(model):
    text = (
        "Man shot at Halverton bar\n\n"
        "A man was wounded late Saturday at Dottie's Tavern on Route 9, police said. Lyle Banner said he lives in "
        "Birchwood Apartments, down the road."
    )
    assert run(model, text)["place_type"].words.text == "Dottie's Tavern"
    witness = "Man shot in Halverton\n\nLyle Banner said he lives in Birchwood Apartments, near the shooting."
    assert "place_type" not in run(model, witness)
    assert "place_type" not in run(model, "Man shot in Harlow\n\nA couple was found dead in NY home Tuesday.")


def test_a_day_of_the_aftermath_is_not_the_shootings(model):
    text = (
        "Teen dies after Harlow shooting\n\n"
        "A Harlow officer shot a 16-year-old who pointed a rifle at him, police said. The teen's father was en "
        "route to Harlow on Thursday, a relative said."
    )
    assert "incident_date" not in run(model, text, published=dt.date(2016, 12, 30))
    told = "Teen shot in Harlow\n\nA Harlow officer shot a teen, police said. It happened around 7:15 p.m. Wednesday."
    assert run(model, told, published=dt.date(2016, 12, 30))["incident_date"].value == dt.date(2016, 12, 28)


def test_a_town_named_with_the_kind_of_place_is_where_it_happened(model):
    text = (
        "County asked a network to pause a woman's videos during standoff\n\n"
        "ESSEX, Md. (AP) - Officials said Tuesday they had asked a social network to pause an armed woman's account. "
        "Dana Quill, 31, was shot to death Monday at her Parkville apartment after a long standoff with deputies "
        "serving a warrant, police said. Deputies had surrounded her Parkville apartment building for hours."
    )
    assert run(model, text, published=dt.date(2016, 8, 2))["city"].value == "Parkville"
    park = "Man wounded\n\nCHICAGO - Officers wounded a man late Friday in the Albany Park neighborhood, police said."
    assert run(model, park)["city"].value == "Chicago"


def test_a_towns_officer_or_cop_puts_the_shooting_in_that_town(model):
    # (a hospital town of a main sentence used to win over the town whose officer fired)
    back = (
        "Polson Cop Back On Patrol After Shooting\n\nA police officer who shot and killed a man during a struggle last "
        "year is back on patrol, the chief said. The man was pronounced dead at a hospital in Kalispell."
    )
    assert run(model, back)["city"].value == "Polson"
    hurt = (
        "Man wounded by Polson officer\n\nA man was wounded Friday after he pointed a rifle at an officer, police "
        "said. He was flown to a hospital in Kalispell."
    )
    assert run(model, hurt)["city"].value == "Polson"


def test_a_police_station_is_no_agency(model):
    text = (
        "Man shot dead at police station\n\n"
        "Officers shot dead a man who came into the Harlow Hill Police Station holding a knife on Monday, "
        "officials said."
    )
    assert "agency" not in run(model, text)


def test_a_named_place_of_the_same_kind_says_more_than_a_bare_noun(model):
    text = (
        "Two hurt in Tarnow\n\n"
        "Two men were wounded early Friday when a gunman opened fire in a bar. Deputies closed the street outside the "
        "Copper Kettle bar until dawn."
    )
    assert run(model, text)["place_type"].words.text == "the Copper Kettle bar"
    mart = "Clerk shot\n\nA clerk was shot Friday night at the Brindle Express Mart, police said."
    assert run(model, mart)["place_type"].words.text == "the Brindle Express Mart"


@pytest.mark.parametrize(
    ("sentence", "address"),
    [
        # the street is the name, without the article
        ("A man was shot on the Harrow Avenue exit ramp late Sunday.", "Harrow Avenue"),
        # a block of a street written with its article keeps it
        ("A man was shot in the 4100 block of the North Loop late Sunday.", "4100 block of the North Loop"),
        # a month after the corner is when, not where
        ("A hunter was shot near the corner of Tilden and Marsh Road Nov. 12.", "Tilden and Marsh Road"),
    ],
)
def test_street_words_without_an_article_or_a_trailing_month(model, sentence, address):
    assert run(model, f"Man shot in Corwin\n\n{sentence}")["address"].value == address


def test_a_saints_name_is_no_street(model):
    text = "Man shot\n\nTwo men crashed near the St. Brendan Lutheran Church and ran, police said. One was shot."
    assert "address" not in run(model, text)


def test_a_sentence_end_after_am_is_not_the_clocks(model):
    text = "Man shot in Corwin\n\nA man was shot on Elm Street in Corwin, police said. It happened at about 1am."
    out = run(model, text, published=dt.date(2021, 5, 16))
    assert out["time_of_day"].value == "01:00" and out["time_of_day"].words.text == "1am"


def test_a_reported_shooting_and_a_lost_space_still_date_it(model):
    published = dt.date(2016, 11, 24)  # a Thursday
    reported = "Deputy shoots man\n\nThe shooting was reported Tuesday morning at a Harlow gas station, deputies said."
    assert run(model, reported, published=published)["incident_date"].value == dt.date(2016, 11, 22)
    glued = "Deputy shoots man\n\nA Harlow deputy shot a robbery suspect at a diner on Elm Ridge DriveTuesday night."
    assert run(model, glued, published=published)["incident_date"].value == dt.date(2016, 11, 22)
    # a source's report is still the statement's day, not the shooting's
    said = "Deputy shoots man\n\nA Harlow deputy shot a man at a diner, the sheriff's office reported Wednesday."
    found = run(model, said, published=published).get("incident_date")
    assert found is None or found.value != dt.date(2016, 11, 23)


def test_a_business_named_like_a_town_is_no_city(model):
    text = (
        "Officers were called to a fight.\n\nTwo men were seen inside a Smith's store before police shot one of them."
    )
    assert values(run(model, text)).get("city") is None


@pytest.mark.parametrize("estate", ["Birch Manor", "Elm Terrace", "Lark Estates", "Fox Acres"])
def test_an_estates_name_is_not_cut_down_to_a_town_named_like_its_last_word(estate):
    """ "the Birch Manor housing area": a capitalised run is tried without its first words ("Officers Flint" is
    Flint), but not down to a generic place word (Manor, Tex.; an MPV description had a housing area so)."""
    from ois.extract.places import _Mention, _names

    assert estate.split()[-1] not in _names(_Mention(estate, None, None, "name"))


def test_a_metropolitan_police_departments_city_is_the_city(model):
    text = (
        "Detective shot at east-side house\n\n"
        "A Tulsa Metropolitan Police Department detective was shot in the shoulder on Monday at a house on the east "
        "side. Officers from the Wichita PD arrested the gunman on the interstate hours later."
    )
    assert values(run(model, text))["city"] == "Tulsa"
