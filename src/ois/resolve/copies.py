"""Near-duplicate articles (syndicated wire copies, light rewrites) with MinHash/LSH (datasketch).

A copy group counts as ONE source when resolution weighs support, and copies are linked into one incident
(unless their extracted facts contradict, see cluster.py). Each article of a group points at the group's root:
the earliest published article (then the smallest id), so the mapping is stable across runs.

Guards against false copies, both seen in news crawls: paywall/login/error pages are identical across
unrelated stories, so texts with fewer than `copy_min_words` words are never copies, and copies must be
published within `match_window_days` of each other (a wire story is re-run within days, a boilerplate page
is crawled at any time).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Mapping, Sequence

from datasketch import MinHash, MinHashLSH

from ois import boilerplate
from ois.resolve.cluster import UnionFind
from ois.settings import Settings

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_SHINGLE_WORDS = 5  # 5-word shingles: short enough to survive sentence shuffling, long enough to be specific


def shingles(text: str) -> list[bytes]:
    """Distinct 5-word shingles of the lower-cased words, never spanning two sentences.

    Spun copies shuffle sentences; shingles inside sentences make a shuffled copy identical to its original.
    """
    out: set[bytes] = set()
    for sentence in _SENTENCE.split(boilerplate.strip(text).lower()):  # an outlet's stubs make no copies
        words = _WORD.findall(sentence)
        if len(words) < _SHINGLE_WORDS:
            if words:
                out.add(" ".join(words).encode())
            continue
        out.update(" ".join(words[i : i + _SHINGLE_WORDS]).encode() for i in range(len(words) - _SHINGLE_WORDS + 1))
    return list(out)


def find_copies(
    ids: Sequence[str],
    texts: Mapping[str, str],
    published: Mapping[str, dt.date | None],
    settings: Settings,
) -> dict[str, str]:
    """Map each article id that has near-duplicates to its group root (roots map to themselves).

    Ids with no text, a too-short text or no copy are absent from the result.
    """
    usable = []
    for article_id in dict.fromkeys(ids):
        text = texts.get(article_id) or ""
        if len(text.split()) >= settings.copy_min_words:
            usable.append(article_id)
    if len(usable) < 2:
        return {}
    num_perm = settings.minhash_perm
    # crc32 instead of datasketch's sha1: 3x faster, and the hashes never leave this run.
    hashes = MinHash.bulk((shingles(texts[i]) for i in usable), num_perm=num_perm, hashfunc=zlib.crc32)
    lsh = MinHashLSH(threshold=settings.minhash_threshold, num_perm=num_perm)
    window = settings.match_window_days
    groups = UnionFind()
    hashes_by_id: dict[str, MinHash] = {}
    for article_id, mh in zip(usable, hashes, strict=True):
        for other in lsh.query(mh):
            if mh.jaccard(hashes_by_id[other]) < settings.minhash_threshold:
                continue  # LSH candidates include some below the threshold
            a, b = published.get(article_id), published.get(other)
            if a and b and abs((a - b).days) > window:
                continue
            groups.union(article_id, other)
        lsh.insert(article_id, mh)
        hashes_by_id[article_id] = mh
    members: dict[str, list[str]] = {}
    for article_id in set(groups.parent) | set(groups.parent.values()):
        members.setdefault(groups.find(article_id), []).append(article_id)
    out: dict[str, str] = {}
    far = dt.date.max
    for group in members.values():
        root = min(group, key=lambda i: (published.get(i) or far, i))
        out.update({i: root for i in group})
    return out
