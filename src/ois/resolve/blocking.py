"""Blocking: candidate pairs that share a key and lie within a date window. Never all pairs.

Keys (a report gets several):
  place   state + city, within `match_window_days` of the anchor date (incident date, else publication date);
  state+date   same state and same incident date (catches "Melbourne" vs "West Melbourne");
  name    a person's surname, within `followup_window_days` (follow-ups come weeks or years later);
  sounds like   Soundex of a surname (Tompkins/Thompkins), within `match_window_days`;
  term    one of the report's rarest salient terms (in at most `block_term_max_df` of the term table's news
          articles, `features.term_table`), date window;
  copy    the MinHash copy group.
Inside a block, reports are sorted by anchor date (then by their order) and each is paired with at most
`block_max_neighbors` later neighbours inside the window, so a city with hundreds of shootings a week costs
O(n * neighbours), not O(n^2). A report's keys depend on that report alone (and its copy group), so
`ois.resolve.incremental` can redo just the stretch of each block around the reports an ingest adds.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from ois.resolve.features import Profile, term_table
from ois.settings import Settings

_TERM_KEYS = 5  # rarest salient terms per report used as keys: more adds pairs, not recall (checked on dev)
UNDATED = 10**9  # the day of a report without any date: they sort last, pairing with each other or in copy blocks
FAR_KEYS = ("name", "copy")  # keys whose window is followup_window_days (the rest: match_window_days)


def report_keys(p: Profile, settings: Settings) -> list[tuple]:
    """The blocking keys of one report, each a tuple whose first item is its type."""
    table, most = term_table(), settings.block_term_max_df
    rare = sorted((t for t in p.terms if table.rarity(t) <= most), key=lambda t: (table.rarity(t), t))
    keys: list[tuple] = []
    if p.city:
        keys.append(("place", p.state or "", p.city))
    if p.state and p.date:
        keys.append(("state+date", p.state, p.date.toordinal()))
    keys += [("name", surname) for surname in sorted(p.surnames())]
    keys += [("sounds like", key) for key in sorted(p.name_keys())]
    keys += [("term", term) for term in rare[:_TERM_KEYS]]
    if p.root != p.id:
        keys.append(("copy", p.root))
    if p.anchor is None:
        # No date at all (a bare .txt file): only its place, names and copies can pair it - with other undated
        # reports (they sort last in a block, together), and through a name with dated ones, which scoring
        # links only on a full name in the same place: a dated report is never linked blindly.
        keys = [k for k in keys if k[0] in ("place", "name", "copy")]
    return keys


def day_of(p: Profile) -> int:
    return p.anchor.toordinal() if p.anchor else UNDATED


def window_of(key_type: str, settings: Settings) -> int | None:
    """How many days apart two reports of a block may be and still pair (None: any, for copies)."""
    if key_type == "copy":
        return None
    return settings.followup_window_days if key_type in FAR_KEYS else settings.match_window_days


def window_pairs(ordered: Sequence[tuple[int, int]], window: int | None, cap: int) -> Iterator[tuple[int, int]]:
    """(i, j) for members `ordered` by (day, order) as (day, id): each with at most `cap` later neighbours whose
    day is at most `window` later."""
    for pos, (day, i) in enumerate(ordered):
        for later, j in ordered[pos + 1 : pos + 1 + cap]:
            if window is not None and later - day > window:
                break
            yield i, j


def undated_name_pairs(undated: Iterable[int], last_dated: Sequence[int]) -> Iterator[tuple[int, int]]:
    """A name may pair an undated report with the block's `cap` last dated ones (scoring asks for a full name)."""
    for i in undated:
        for j in last_dated:
            yield i, j


def block_pairs(key_type: str, members: Sequence[tuple[int, int]], settings: Settings) -> Iterator[tuple[int, int]]:
    """Candidate pairs of one whole block; `members` as (day, id) in the reports' order."""
    cap = settings.block_max_neighbors
    if key_type == "name":
        dated = [i for day, i in members if day != UNDATED][-cap:]
        yield from undated_name_pairs((i for day, i in members if day == UNDATED), dated)
    yield from window_pairs(sorted(members), window_of(key_type, settings), cap)


def candidate_pairs(profiles: Sequence[Profile], settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) worth scoring, each once: the array of their i and the array of their j (by i, then j)."""
    blocks: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for p in profiles:
        for key in report_keys(p, settings):
            blocks[key].append((day_of(p), p.idx))
    n = len(profiles)
    codes = array("q")  # i * n + j: 8 bytes per pair (and per repeat, until they are dropped below)
    for key, members in blocks.items():
        if len(members) > 1:
            codes.extend(i * n + j if i < j else j * n + i for i, j in block_pairs(key[0], members, settings))
    ordered = np.sort(np.frombuffer(codes, dtype=np.int64))  # np.unique takes 15 times as long (numpy 2.4)
    first = np.ones(len(ordered), dtype=bool)  # a code's first occurrence
    first[1:] = ordered[1:] != ordered[:-1]
    return np.divmod(ordered[first], n)
