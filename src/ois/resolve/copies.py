"""Near-duplicate articles (syndicated wire copies, light rewrites) with MinHash/LSH: datasketch's MinHash scheme
and LSH bands, the signatures computed with numpy for many texts at once (tests/test_resolve_copies.py: the same
values as datasketch's `MinHash`).

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
from itertools import accumulate, chain

import numpy as np
from datasketch import MinHashLSH

from ois import boilerplate
from ois.resolve.cluster import UnionFind
from ois.settings import Settings

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_SHINGLE_WORDS = 5  # 5-word shingles: short enough to survive sentence shuffling, long enough to be specific
_FAR = dt.date.max
_EMPTY = 2**32 - 1  # the signature value of no shingle
_BATCH = 256  # texts hashed together: a batch's shingles x minhash_perm permuted values


def shingle_hashes(story: str) -> list[int]:
    """crc32 of each 5-word shingle of the lower-cased words of a story (a text without its boilerplate, see
    `boilerplate.strip`), never spanning two sentences; a shorter sentence is one shingle. Repeats are kept (a
    minimum does not mind them).

    Spun copies shuffle sentences; shingles inside sentences make a shuffled copy identical to its original.
    """
    out: list[int] = []
    for sentence in _SENTENCE.split(story.lower()):
        words = _WORD.findall(sentence)
        if len(words) < _SHINGLE_WORDS:
            if words:
                out.append(zlib.crc32(" ".join(words).encode()))
            continue
        line = " ".join(words).encode()  # [a-z0-9] only: one byte per character
        starts = [0, *accumulate(len(w) + 1 for w in words)]  # where each word starts (and the next would)
        spans = zip(starts, starts[_SHINGLE_WORDS:], strict=False)  # shingle i: word i up to before word i + 5
        out.extend(zlib.crc32(line[start : end - 1]) for start, end in spans)
    return out


def copyable(text: str, settings: Settings) -> bool:
    """Whether a text is long enough to be a copy (`copy_min_words` words)."""
    return len(text.split()) >= settings.copy_min_words


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The permutations h -> a * h + b (mod 2**32, odd a) of datasketch 2's default MinHash ("affine32", seed 1)."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return a, gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer (datasketch mixes each input hash with it before permuting)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _minhash(hashes: Sequence[list[int]], num_perm: int) -> np.ndarray:
    """One signature row per list of shingle hashes (all 2**32 - 1 for an empty list)."""
    a, b = _permutations(num_perm)
    out = np.full((len(hashes), num_perm), _EMPTY, dtype=np.uint32)
    lengths = np.fromiter(map(len, hashes), dtype=np.int64, count=len(hashes))
    filled = np.flatnonzero(lengths)
    if len(filled):
        flat = np.fromiter(chain.from_iterable(hashes), dtype=np.uint32, count=int(lengths.sum()))
        permuted = _fmix32(flat)[:, None] * a + b  # uint32 arithmetic wraps: mod 2**32
        starts = np.concatenate(([0], np.cumsum(lengths[filled])[:-1]))
        out[filled] = np.minimum.reduceat(permuted, starts, axis=0)
    return out


def signatures(
    texts: Sequence[str], settings: Settings, stories: Sequence[str] | None = None
) -> list[np.ndarray | None]:
    """The MinHash signature of each text (`minhash_perm` 32-bit values, the same as datasketch's `MinHash` with
    `hashfunc=zlib.crc32` gives for its `shingle_hashes`), None for texts too short to copy. `stories`: the texts
    already without their boilerplate (`boilerplate.strip`), when the caller has them."""
    out: list[np.ndarray | None] = [None] * len(texts)
    usable = [n for n, text in enumerate(texts) if copyable(text, settings)]
    for first in range(0, len(usable), _BATCH):  # a batch's permuted hashes fit in memory
        batch = usable[first : first + _BATCH]
        hashes = [shingle_hashes(stories[n] if stories is not None else boilerplate.strip(texts[n])) for n in batch]
        for n, row in zip(batch, _minhash(hashes, settings.minhash_perm), strict=True):
            out[n] = row
    return out


@cache
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """LSH bands (start, end) of a signature: datasketch's optimal split for this threshold."""
    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def _band_values(signature: np.ndarray, settings: Settings) -> list[bytes]:
    raw, size = signature.tobytes(), signature.itemsize
    return [raw[a * size : b * size] for a, b in _bands(settings.minhash_threshold, settings.minhash_perm)]


def band_keys(signature: np.ndarray, settings: Settings) -> list[int]:
    """One 64-bit key per LSH band: two texts are copy candidates when they share any."""
    return [
        int.from_bytes(
            hashlib.blake2b(band, digest_size=8, person=n.to_bytes(2, "big")).digest(),
            "big",
            signed=True,  # SQLite integers are signed 64-bit
        )
        for n, band in enumerate(_band_values(signature, settings))
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
    seen: dict[tuple[int, bytes], list[str]] = {}  # the bands themselves: the same candidates as their `band_keys`
    by_id: dict[str, np.ndarray] = {}
    for article_id, signature in zip(ids, sigs, strict=True):
        if signature is None or article_id in by_id:
            continue
        keys = list(enumerate(_band_values(signature, settings)))
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
