"""Blocking: candidate pairs that share a key and lie within a date window. Never all pairs.

Keys (a report gets several):
  place   state + city, within `match_window_days` of the anchor date (incident date, else publication date);
  state+date   same state and same incident date (catches "Melbourne" vs "West Melbourne");
  name    a person's surname, within `followup_window_days` (follow-ups come weeks or years later);
  sounds like   Soundex of a surname (Tompkins/Thompkins), within `match_window_days`;
  term    one of the report's rarest salient terms (document frequency <= `block_term_max_df`), date window;
  copy    the MinHash copy group.
Inside a block, reports are sorted by anchor date and each is paired with at most `block_max_neighbors` later
neighbours inside the window, so a city with hundreds of shootings a week costs O(n * neighbours), not O(n^2).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from ois.resolve.features import Profile
from ois.settings import Settings

_TERM_KEYS = 5  # rarest salient terms per report used as keys: more adds pairs, not recall (checked on dev)


def _keys(p: Profile, rare_terms: Iterable[str]) -> Iterable[tuple[str, tuple]]:
    if p.city:
        yield "near", ("place", p.state or "", p.city)
    if p.state and p.date:
        yield "near", ("state+date", p.state, p.date.toordinal())
    for surname in p.surnames():
        yield "far", ("name", surname)
    for key in p.name_keys():
        yield "near", ("sounds like", key)
    for term in rare_terms:
        yield "near", ("term", term)
    if p.root != p.id:
        yield "far", ("copy", p.root)


def candidate_pairs(profiles: Sequence[Profile], settings: Settings) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) worth scoring, each once."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.terms.keys())
    max_df = settings.block_term_max_df
    blocks: dict[tuple, list[int]] = defaultdict(list)
    windows = {"near": settings.match_window_days, "far": settings.followup_window_days}
    reach: dict[tuple, int] = {}
    for p in profiles:
        rare = sorted((t for t in p.terms if df[t] <= max_df), key=lambda t: (df[t], t))[:_TERM_KEYS]
        keys = list(_keys(p, rare))
        if p.anchor is None:
            # No date at all (a bare .txt file): only its place, names and copies can pair it - with other undated
            # reports (they sort last in a block, together), and through a name with dated ones, which scoring
            # links only on a full name in the same place: a dated report is never linked blindly.
            keys = [(kind, key) for kind, key in keys if key[0] in ("place", "name", "copy")]
        for kind, key in keys:
            blocks[key].append(p.idx)
            reach[key] = windows[kind]
    n = len(profiles)
    pairs: set[int] = set()  # i * n + j: an int per pair takes a third of the memory of a tuple
    cap = settings.block_max_neighbors
    undated = 10**9  # reports without any date sort last: they pair with each other, or inside copy blocks
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        if key[0] == "name":  # a name may pair an undated report with dated ones: scoring asks for a full name
            dated = [i for i in members if profiles[i].anchor is not None][-cap:]
            for i in (i for i in members if profiles[i].anchor is None):
                pairs.update(i * n + j if i < j else j * n + i for j in dated)
        window = reach[key]
        days = {i: (profiles[i].anchor.toordinal() if profiles[i].anchor else undated) for i in members}
        ordered = sorted(members, key=days.__getitem__)
        for pos, i in enumerate(ordered):
            for j in ordered[pos + 1 : pos + 1 + cap]:
                if days[j] - days[i] > window and key[0] != "copy":
                    break
                pairs.add(i * n + j if i < j else j * n + i)
    return (divmod(code, n) for code in pairs)
