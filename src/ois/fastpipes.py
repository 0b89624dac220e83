"""Faster drop-ins for spaCy's attribute ruler and rule lemmatizer that set the same token attributes.

Why: in the small English pipeline these two components are look-ups done one token at a time in Python (the ruler
makes a Span and sets attributes for each of its one or two matches per token; the lemmatizer caches only the words
its suffix rules change), about a fifth of the parse's CPU time (docs/performance.md, "Extraction"). What each
computes for a token is a function of a few of the token's values, so here it is computed once per distinct tuple
of values, by the original code, and written back as numpy columns (`Doc.to_array` / `Doc.from_array`):

- `FastAttributeRuler`: the spaCy Matcher decides whether a token matches one token's spec of a pattern from the
  values of the attributes the spec names and nothing else, so which specs a token matches is cached per tuple of
  those values, filled by a real Matcher holding every spec (no predicate is re-implemented). A pattern of one
  token matches where its spec does; a fixed sequence of tokens where each token matches its spec, read off the
  cached specs. The original's order holds: every match is found before any attribute is set, and of the patterns
  matching a token, the later one sets an attribute both set (`AttributeRuler.match` sorts by pattern number). A
  ruler with a pattern of another kind (an operator, an extension attribute) is left as it is.
- `FastLemmatizer`: spaCy's rule lemmatizer reads a token's text, POS and morphology only (its own cache is keyed
  on them; lookup mode reads the text), so lemmas are cached per (ORTH, POS, MORPH); a miss asks spaCy's own code,
  on a twin whose word index is a set (`_indexed_twin`).

`install(nlp)` swaps them in, under the same names, for the components whose kind they reproduce exactly and leaves
any other component as it is. `scripts/check_fastpipes.py` compares every token attribute on real articles.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Token

# Attributes only a token holds: spaCy's ruler also writes what it sets to the word's lexeme (`set_token_attrs`),
# which for these is a no-op, so writing them to the token alone is the same. A ruler setting anything else
# (NORM, a lexical flag, an extension) is left in place.
WRITABLE = frozenset((TAG, POS, MORPH, LEMMA, DEP))
_HASHED = frozenset((ORTH, LOWER, NORM, LEMMA))  # attributes whose values are string hashes
_ALIASES = {"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}  # the Matcher's own synonyms for pattern keys
_UNNAMED = -1  # the cache key of a string no pattern names (hashes are never negative)
_LEMMATIZERS = (Lemmatizer, EnglishLemmatizer)  # whose lemmas depend on text, POS and morphology only
_Key = tuple[int, ...]
# Entries a per-word cache keeps before it starts again: a long ingest meets new names and misspellings without end,
# and a cleared entry costs one call of the original code (measured: ~7,300 distinct lemma keys per 200 GVDB texts).
_MAX_ENTRIES = 200_000


def _attr_id(key: str | int) -> int | None:
    """The attribute a pattern key reads, as the Matcher resolves it; None for "OP" and "_" (extensions)."""
    if isinstance(key, int):
        return key
    name = key.upper()
    return IDS.get(_ALIASES.get(name, name))


def _alternatives(ruler: AttributeRuler) -> list[list[list[dict[Any, Any]]]]:
    """Per pattern number, its alternatives (token sequences), as the ruler's Matcher holds them."""
    return [ruler.matcher.get(str(number))[1] for number in range(len(ruler.attrs))]


def _plain(ruler: AttributeRuler) -> bool:
    """Whether every pattern is a fixed sequence of tokens that name attributes only (no operator, no extension
    attribute) and points at one of its own tokens: a match is then each token matching its spec, which the cache
    decides; other patterns are left to spaCy's ruler."""
    return all(
        -len(tokens) <= index < len(tokens) and all(_attr_id(key) is not None for spec in tokens for key in spec)
        for alternatives, index in zip(_alternatives(ruler), ruler.indices, strict=True)
        for tokens in alternatives
    )


class _Projection(dict[int, int]):
    """A hashed attribute's value -> its part of the cache key: the value itself when a pattern names it or one of
    the patterns' regexes finds it, else `_UNNAMED`. Equality, IN, NOT_IN and REGEX give one answer for every
    string no pattern names and no regex finds, so those share one key (else a key per word of the language)."""

    def __init__(self, named: set[int], regexes: list[re.Pattern[str]], strings: StringStore) -> None:
        super().__init__()
        self._named, self._regexes, self._strings = named, regexes, strings

    def __missing__(self, value: int) -> int:
        if len(self) >= _MAX_ENTRIES:
            self.clear()
        text = self._strings[value]  # what the Matcher's REGEX predicate searches
        key = value if value in self._named or any(r.search(text) for r in self._regexes) else _UNNAMED
        self[value] = key
        return key


def _projection(attr: int, values: Iterable[Any], strings: StringStore) -> _Projection | None:
    """The projection for a hashed attribute the patterns only compare with strings by equality, IN, NOT_IN or
    REGEX (the Matcher's own string-to-hash functions: `add` for equality, `get_string_id` for sets); None for any
    other use (a comparison, a nested or fuzzy predicate), which keeps the raw value in the key."""
    if attr not in _HASHED:
        return None
    named: set[int] = set()
    regexes: list[re.Pattern[str]] = []
    for value in values:
        if isinstance(value, str):
            named.add(strings.add(value))
            continue
        if not isinstance(value, dict):
            return None
        for kind, argument in value.items():
            kind = str(kind).upper()
            if kind in ("IN", "NOT_IN") and isinstance(argument, list) and all(isinstance(v, str) for v in argument):
                named.update(get_string_id(v) for v in argument)
            elif kind == "REGEX" and isinstance(argument, str):
                regexes.append(re.compile(argument))
            else:
                return None
    return _Projection(named, regexes, strings)


class FastAttributeRuler:
    """An `AttributeRuler` of plain patterns (`_plain`) applied through a cache per token value tuple: per cache
    key, which token specs match (asked of a real Matcher holding every spec of every pattern as a pattern of its
    own, on the one token) and what the matching one-token patterns set; sequences are then read off the specs
    each token matches (see the module docstring)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._matcher = Matcher(ruler.vocab)  # match id = spec number
        self._owner: dict[int, int] = {}  # spec number -> pattern number, for the one-token alternatives
        self._sequences: list[tuple[int, list[int], int]] = []  # (pattern, its specs, offset of the target token)
        uses: dict[int, list[Any]] = {}  # attribute -> the values the specs compare it with
        for number, (alternatives, index) in enumerate(zip(_alternatives(ruler), ruler.indices, strict=True)):
            for tokens in alternatives:
                specs = []
                for spec in tokens:
                    specs.append(len(self._matcher))
                    self._matcher.add(specs[-1], [[spec]])
                    for key, value in spec.items():
                        uses.setdefault(_attr_id(key), []).append(value)  # type: ignore[arg-type]
                if len(specs) == 1:
                    self._owner[specs[0]] = number
                else:
                    self._sequences.append((number, specs, index % len(specs)))
        self._read = sorted(uses)
        projections = {attr: _projection(attr, values, ruler.vocab.strings) for attr, values in uses.items()}
        self._projections = {j: p for j, attr in enumerate(self._read) if (p := projections[attr]) is not None}
        self._write = sorted({attr for attrs in ruler.attrs for attr in attrs})
        column = {attr: j for j, attr in enumerate(self._write)}
        self._sets = [[(column[attr], value) for attr, value in attrs.items()] for attrs in ruler.attrs]
        in_sequences = sorted({spec for _, specs, _ in self._sequences for spec in specs})
        self._hit_column = {spec: j for j, spec in enumerate(in_sequences)}
        self._rows: dict[_Key, int] = {}  # cache key -> row of the tables below
        self._patterns: list[list[int]] = []  # per row: the one-token patterns a token with this key matches
        self._values = np.zeros((64, len(self._write)), np.uint64)  # per row: the value each column gets ...
        self._given = np.zeros((64, len(self._write)), bool)  # ... where some pattern gives one
        self._hits = np.zeros((64, len(in_sequences)), bool)  # per row: which specs of sequences match
        self._lock = threading.Lock()

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([*self._read, *self._write])
        keys = self._keys(columns)
        rows = [self._rows.get(key, -1) for key in keys]
        if -1 in rows:
            with self._lock:  # one writer (`ois ingest --dask threads` shares the pipeline); readers need none
                self._learn(doc, keys, rows)
        index = np.array(rows)
        old = columns[:, len(self._read) :]
        new = np.where(self._given[index], self._values[index], old)
        for target, patterns in self._matched_sequences(self._hits[index]).items():  # rare: merged with the rest
            values, given = self._effect([*self._patterns[rows[target]], *patterns])
            new[target] = np.where(given, values, old[target])
        doc.from_array(self._write, new)
        return doc

    def _keys(self, columns: np.ndarray) -> list[_Key]:
        """Each token's cache key: the values of the attributes the specs read, projected."""
        values = [columns[:, j].tolist() for j in range(len(self._read))]
        for j, projection in self._projections.items():
            values[j] = [projection[v] for v in values[j]]
        return list(zip(*values, strict=True)) if values else [()] * len(columns)

    def _learn(self, doc: Doc, keys: list[_Key], rows: list[int]) -> None:
        """Fill the rows of keys not seen before: the specs the real Matcher finds on the token alone."""
        for i, key in enumerate(keys):
            if rows[i] == -1:
                if key not in self._rows:
                    self._add(key, {spec for spec, _, _ in self._matcher(doc[i : i + 1], allow_missing=True)})
                rows[i] = self._rows[key]

    def _add(self, key: _Key, specs: set[int]) -> None:
        row = len(self._patterns)
        if row == len(self._values):
            tables = (self._values, self._given, self._hits)
            self._values, self._given, self._hits = (np.concatenate([a, np.zeros_like(a)]) for a in tables)
        patterns = sorted({self._owner[spec] for spec in specs if spec in self._owner})
        self._values[row], self._given[row] = self._effect(patterns)
        self._hits[row] = [spec in specs for spec in self._hit_column]
        self._patterns.append(patterns)
        self._rows[key] = row

    def _effect(self, patterns: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The values the matched patterns set, per column, a later pattern overriding an earlier one."""
        values = np.zeros(len(self._write), np.uint64)
        given = np.zeros(len(self._write), bool)
        for number in sorted(set(patterns)):
            for j, value in self._sets[number]:
                values[j], given[j] = value, True
        return values, given

    def _matched_sequences(self, hits: np.ndarray) -> dict[int, list[int]]:
        """Token -> the patterns of several tokens that set its attributes: a sequence matches where each of its
        tokens matches its spec (all found before any attribute is set, as spaCy's ruler does)."""
        out: dict[int, list[int]] = {}
        n = len(hits)
        for number, specs, offset in self._sequences:
            if len(specs) > n:
                continue
            starts = np.ones(n - len(specs) + 1, bool)
            for j, spec in enumerate(specs):
                starts &= hits[j : j + len(starts), self._hit_column[spec]]
            for start in np.flatnonzero(starts).tolist():
                out.setdefault(start + offset, []).append(number)
        return out


class FastLemmatizer:
    """A `Lemmatizer` (rule or lookup mode) with every lemma cached per (ORTH, POS, MORPH)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self._twin = _indexed_twin(lemmatizer)
        self._overwrite = lemmatizer.overwrite
        self._strings = lemmatizer.vocab.strings
        self._lemmas: dict[_Key, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3]
        todo = np.arange(len(doc)) if self._overwrite else np.flatnonzero(lemmas == 0)  # as spaCy: set lemmas kept
        if len(todo):
            if len(self._lemmas) >= _MAX_ENTRIES:
                self._lemmas.clear()
                self._twin.cache.clear()  # spaCy's own cache of the forms its rules changed, bounded with ours
            known = self._lemmas
            keys = map(tuple, columns[todo, :3].tolist())
            found = [
                lemma if (lemma := known.get(k)) is not None else self._learn(doc[i], k)
                for i, k in zip(todo.tolist(), keys, strict=True)
            ]
            lemmas[todo] = np.array(found, np.uint64)
            doc.from_array([LEMMA], lemmas)
        return doc

    def _learn(self, token: Token, key: _Key) -> int:
        lemma = self._strings.add(self._twin.lemmatize(token)[0])  # what `token.lemma_ = ...` stores
        self._lemmas[key] = lemma
        return lemma


def _indexed_twin(lemmatizer: Lemmatizer) -> Lemmatizer:
    """The same lemmatizer with its "lemma_index" word lists as sets. `rule_lemmatize` asks only whether a form is
    in a list (and whether the list is empty), which a set answers at once where the list is scanned (57,528 nouns
    in the small English model): most of the cost of a cache miss. Same tables otherwise, same class and mode."""
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            sets = {key: frozenset(words) if isinstance(words, list) else words for key, words in table.items()}
            table = Table.from_dict(sets, name=name)
        lookups.set_table(name, table)
    twin = type(lemmatizer)(lemmatizer.vocab, None, mode=lemmatizer.mode, overwrite=lemmatizer.overwrite)
    twin.initialize(lookups=lookups)
    return twin


def reproducible(component: object) -> bool:
    """Whether a drop-in here gives exactly this component's output: spaCy's own classes only (a subclass may read
    more), a ruler setting only `WRITABLE` attributes, a lemmatizer in rule or lookup mode with its tables."""
    if type(component) is AttributeRuler:
        writes = [set(attrs) <= WRITABLE for attrs in component.attrs]
        return bool(writes) and all(writes) and _plain(component)
    if type(component) in _LEMMATIZERS:
        mode = component.mode  # type: ignore[attr-defined]
        required = Lemmatizer.get_lookups_config(mode)[0]
        return mode in ("rule", "lookup") and all(table in component.lookups for table in required)  # type: ignore[attr-defined]
    return False


@Language.factory("ois_fast_attribute_ruler", default_config={"source": "attribute_ruler"})
def make_fast_attribute_ruler(nlp: Language, name: str, source: str) -> FastAttributeRuler:
    """Built from the pipeline's own ruler `source`, so whatever patterns the loaded model has carry over."""
    return FastAttributeRuler(nlp.get_pipe(source))  # type: ignore[arg-type]


@Language.factory("ois_fast_lemmatizer", default_config={"source": "lemmatizer"})
def make_fast_lemmatizer(nlp: Language, name: str, source: str) -> FastLemmatizer:
    """Built from the pipeline's own lemmatizer `source` (its tables, mode and overwrite flag)."""
    return FastLemmatizer(nlp.get_pipe(source))  # type: ignore[arg-type]


def install(nlp: Language) -> list[str]:
    """Replace each enabled attribute ruler and lemmatizer that `reproducible` accepts by its drop-in, at the same
    place and under the same name (so `nlp.pipe_names`, `get_pipe` and `disable=` keep working); returns the names
    replaced. Anything else, and a disabled component, stays as loaded."""
    replaced = []
    for name, component in list(nlp.pipeline):
        if not reproducible(component):
            continue
        factory = "ois_fast_attribute_ruler" if isinstance(component, AttributeRuler) else "ois_fast_lemmatizer"
        staged = f"{name}_fast"
        nlp.add_pipe(factory, name=staged, before=name, config={"source": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(staged, name)
        replaced.append(name)
    return replaced
