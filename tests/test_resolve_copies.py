"""MinHash signatures: computed with numpy, the same values as datasketch's MinHash of the same shingles."""

from __future__ import annotations

import re
import zlib

import numpy as np
from datasketch import MinHash
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from ois import boilerplate
from ois.resolve.copies import shingle_hashes, signatures
from ois.settings import Settings

SETTINGS = Settings(env={"OIS_COPY_MIN_WORDS": "3"})
WORDS = st.sampled_from(["Police", "shot", "a", "man.", "Élan", "café!", "12", "Main?", "\n", "Subscribe now", "x"])


def _datasketch(text: str) -> np.ndarray:
    """The signature as datasketch gives it for the distinct shingles (the shingles' crc32 as hash)."""
    shingles = set()
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", boilerplate.strip(text).lower()):
        words = re.findall(r"[a-z0-9]+", sentence)
        spans = [words] if len(words) < 5 else [words[i : i + 5] for i in range(len(words) - 4)]
        shingles.update(" ".join(span).encode() for span in spans if span)
    minhash = MinHash(num_perm=SETTINGS.minhash_perm, hashfunc=zlib.crc32)
    minhash.update_batch(sorted(shingles))
    return minhash.hashvalues.astype(np.uint32)


@hsettings(max_examples=40, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=60).map(" ".join), min_size=1, max_size=5))
def test_signatures_equal_datasketch(texts):
    for text, signature in zip(texts, signatures(texts, SETTINGS), strict=True):
        if len(text.split()) < SETTINGS.copy_min_words:
            assert signature is None
        else:
            assert (signature == _datasketch(text)).all()


def test_shingles_stay_inside_sentences():
    one = shingle_hashes("one two three four five six. seven eight")
    assert len(one) == 3  # two 5-word shingles, then the short sentence whole
    assert zlib.crc32(b"two three four five six") in one and zlib.crc32(b"seven eight") in one
