"""Video players on scraped pages, on fictional articles: the player's controls before a clip's caption are parsed as
blank space (their words never join the caption's first name), a playlist paragraph - other stories' clips among
the story's own - is page furniture as a whole, and a union's president quoted about the shooting is never "the
shooter" a later sentence speaks of."""

from __future__ import annotations

import pytest

from ois import nlp
from ois.boilerplate import is_boilerplate, is_playlist
from tests.articles import READERS, report

CAPTION = (
    "Two officers killed in Harlow ambush\n\n"
    "CLOSE Skip in Skip x Embed x Share Dale Roe and Tom Varn, both Harlow police officers, were fatally shot "
    "outside a store in Harlow. WHRL\n\n"
    "A gunman ambushed officers outside a store on Sunday morning, police said. A SWAT officer shot and killed the "
    "gunman, Travis Menkel, 29."
)
ONE = CAPTION.replace("Dale Roe and Tom Varn, both Harlow police officers, were", "Officer Dale Roe was")

PLAYLIST = (
    "Officers shoot gunman outside Harlow club\n\n"
    "Police shot and killed a gunman who fired into a crowd outside a Harlow nightclub early Sunday, police said. The "
    "gunman, Travis Menkel, 29, died at the scene.\n\n"
    "CLOSE Skip in Skip x Embed x Share HARLOW CLUB SHOOTING Mara Voss of the Courier speaks with Ty Evers on the "
    "weekend | 4:12 Mara Voss of the Courier speaks with Ty Evers on the weekend. The Courier 1 of 2 CLOSE Skip in "
    "Skip x Embed x Share HARLOW CLUB SHOOTING Inside the club | 1:37 Patrick Dunmore, of Tarnow, was wounded in the "
    "leg and tells what he saw. 2 of 2 Last VideoNext Video Mara Voss of the Courier speaks with Ty Evers on the "
    "weekend\n\n"
    "Inside the club\n\n"
    "Two officers fired, police said. Neither was hurt."
)

PRESIDENT = (
    "Gunmen open fire in Harlow club\n\n"
    "Gunmen opened fire inside a crowded nightclub in Harlow early Sunday, wounding 14 people. Police officers "
    "working outside returned fire.\n\n"
    "Dale Roe, president of the Harlow police union, said he was proud of the officers. Detectives were hunting for "
    "the shooter on Monday."
)


@pytest.mark.parametrize(
    ("text", "reader", "expected"),
    [
        # glued to the caption, the controls' last word joined the first name ("Share Dale Roe"), or hid the
        # caption's verb from its subject; blanked, the officers the caption tells were killed are
        (
            CAPTION,
            "named",
            {
                "Dale Roe": ("officer", "killed"),
                "Tom Varn": ("officer", "killed"),
                "Travis Menkel": ("subject", "killed"),
            },
        ),
        (ONE, "named", {"Dale Roe": ("officer", "killed"), "Travis Menkel": ("subject", "killed")}),
        # the reporter and the wounded man of the playlist's clips are nobody in the story, not even mentioned
        (PLAYLIST, "named", {"Travis Menkel": ("subject", "killed")}),
        (PLAYLIST, "mentioned", {}),
        # the union's president is no shooter the detectives sought
        (PRESIDENT, "named", {}),
        (PRESIDENT, "mentioned", {"Dale Roe": "official"}),
    ],
)
def test_video_players_and_a_union_president(model, text, reader, expected):
    assert READERS[reader](report(model, text)) == expected


def test_a_playlist_paragraph_is_boilerplate_and_a_live_blog_line_is_not():
    playlist = PLAYLIST.split("\n\n")[2]
    assert is_playlist(playlist) and is_boilerplate(playlist)
    assert not is_playlist("Update | 5:23 p.m. Police said 2 of 3 officers fired. Video of the shooting was released.")


def test_the_players_controls_are_parsed_as_blank_space(model):
    parsed = nlp.parse(model, CAPTION)
    first = parsed.sentences()[1]
    assert first.text.startswith("CLOSE Skip")  # the text keeps them
    assert all(t.is_space for t in first.doc if t.idx < len("CLOSE Skip in Skip x Embed x Share"))


def test_a_president_by_title_may_still_be_the_man(model):
    # only an apposition makes a president a witness ("Dale Roe, president of the union,"): by title, the one
    # police shot is still "the man" who pointed a gun, not a second, unnamed man
    text = (
        "College head shot by officer\n\n"
        "Harlow College President Dale Roe, 61, was shot and killed by a campus officer on Friday. The man had "
        "pointed a gun at the officer, police said."
    )
    assert not [p for p in report(model, text).people if p.role == "subject" and p.name is None]
