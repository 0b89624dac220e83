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
import hashlib
import re
import zlib
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from ois import boilerplate
from ois.resolve.cluster import UnionFind
from ois.settings import Settings

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_SHINGLE_WORDS = 5  # 5-word shingles: short enough to survive sentence shuffling, long enough to be specific
_FAR = dt.date.max


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


def signatures(texts: Sequence[str], settings: Settings) -> list[np.ndarray | None]:
    """The MinHash signature of each text (`minhash_perm` 32-bit values), None for texts too short to copy."""
    usable = [n for n, text in enumerate(texts) if len(text.split()) >= settings.copy_min_words]
    out: list[np.ndarray | None] = [None] * len(texts)
    # crc32 instead of datasketch's sha1: 3x faster, and the hashes never leave this database.
    hashes = MinHash.bulk((shingles(texts[n]) for n in usable), num_perm=settings.minhash_perm, hashfunc=zlib.crc32)
    for n, mh in zip(usable, hashes, strict=True):
        out[n] = mh.hashvalues.astype(np.uint32)
    return out


@cache
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """LSH bands (start, end) of a signature: datasketch's optimal split for this threshold."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def band_keys(signature: np.ndarray, settings: Settings) -> list[int]:
    """One 64-bit key per LSH band: two texts are copy candidates when they share any."""
    return [
        int.from_bytes(
            hashlib.blake2b(signature[a:b].tobytes(), digest_size=8, person=n.to_bytes(2, "big")).digest(),
            "big",
            signed=True,  # SQLite integers are signed 64-bit
        )
        for n, (a, b) in enumerate(_bands(settings.minhash_threshold, settings.minhash_perm))
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures' texts."""
    return float(np.count_nonzero(a == b)) / len(a)


def is_copy(
    a: np.ndarray, b: np.ndarray, published_a: dt.date | None, published_b: dt.date | None, settings: Settings
) -> bool:
    """Two LSH candidates are copies: similar enough, and published within `match_window_days` of each other."""
    if similarity(a, b) < settings.minhash_threshold:
        return False  # LSH candidates include some below the threshold
    return not (published_a and published_b and abs((published_a - published_b).days) > settings.match_window_days)


def group_root(group: Sequence[str], published: Mapping[str, dt.date | None]) -> str:
    """A copy group's root: its earliest published article, then the smallest id."""
    return min(group, key=lambda i: (published.get(i) or _FAR, i))


def copy_roots(
    ids: Sequence[str],
    sigs: Sequence[np.ndarray | None],
    published: Mapping[str, dt.date | None],
    settings: Settings,
) -> dict[str, str]:
    """Map each article id that has near-duplicates to its group root (roots map to themselves), from the texts'
    `signatures` (None: too short to copy). Ids without a copy are absent from the result."""
    groups = UnionFind()
    seen: dict[int, list[str]] = {}
    by_id: dict[str, np.ndarray] = {}
    for article_id, signature in zip(ids, sigs, strict=True):
        if signature is None or article_id in by_id:
            continue
        keys = band_keys(signature, settings)
        for other in dict.fromkeys(o for key in keys for o in seen.get(key, ())):
            if is_copy(signature, by_id[other], published.get(article_id), published.get(other), settings):
                groups.union(article_id, other)
        for key in keys:
            seen.setdefault(key, []).append(article_id)
        by_id[article_id] = signature
    members: dict[str, list[str]] = {}
    for article_id in set(groups.parent) | set(groups.parent.values()):
        members.setdefault(groups.find(article_id), []).append(article_id)
    return {i: group_root(group, published) for group in members.values() for i in group}
