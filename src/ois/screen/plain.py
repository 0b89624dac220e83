"""ASCII twins of the lexicon's regexes: the same matches on a plain ASCII sentence, found faster.

The lexicon's regexes are compiled with Unicode rules (`re.UNICODE`, and most with `re.IGNORECASE`). Compiled with
`re.ASCII` instead, `re` compares case-insensitive letters and tests \\b, \\w and \\s without its Unicode tables:
the cue regexes' own matching (a `match` at each place a match can start, a `search` where there is no such place)
runs 1.2-1.5x faster on the ingest mix's sentences. On a text that is `plain` the two compilations match alike:

- \\w, \\W, \\b, \\B, \\d and \\D agree on every ASCII character;
- \\s does not: Unicode's also matches the four information separators U+001C..U+001F, so a plain text holds none;
- case-insensitively, an ASCII letter matches the same ASCII letters either way, and only four non-ASCII characters
  (`literals.FOLDS_TO_ASCII`: dotted and dotless i, long s, Kelvin sign) match an ASCII letter under Unicode rules:
  a pattern holding one of them (as a literal or inside a class range) keeps its Unicode compilation.

tests/test_screen_plain.py checks these claims for every ASCII character and every item of the lexicon's regexes.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any

from ois.screen.literals import FOLDS_TO_ASCII


def plain(text: str) -> bool:
    """Whether every regex matches `text` as its `ascii_twin` does: `text` is ASCII (`str.isascii` reads one flag
    of the string) and holds no information separator, the ASCII characters only Unicode's \\s matches (four `in`
    tests, each a `memchr`: 20x faster than searching for a class of the four)."""
    return text.isascii() and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` compiled with `re.ASCII` (the same matches on a `plain` text), or `pattern` itself when it holds a
    character that only Unicode rules match with an ASCII letter."""
    if _folds_to_ascii(sre_parse.parse(pattern.pattern, pattern.flags)):
        return pattern
    return re.compile(pattern.pattern, pattern.flags & ~re.UNICODE | re.ASCII)


def _folds_to_ascii(node: Any) -> bool:
    """Whether a syntax tree (or a part of one: an item, its arguments) holds one of `FOLDS_TO_ASCII`, as a literal
    or inside a class range; the tree is walked through all its lists and tuples (an operator is known by identity:
    its value is a small int, as a range's bounds are)."""
    if isinstance(node, tuple) and len(node) == 2 and (node[0] is sre.LITERAL or node[0] is sre.NOT_LITERAL):
        return node[1] in FOLDS_TO_ASCII
    if isinstance(node, tuple) and len(node) == 2 and node[0] is sre.RANGE:
        return any(node[1][0] <= c <= node[1][1] for c in FOLDS_TO_ASCII)
    return isinstance(node, (list, tuple, sre_parse.SubPattern)) and any(map(_folds_to_ascii, node))
