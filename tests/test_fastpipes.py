"""The fast attribute ruler and lemmatizer (ois.fastpipes) set exactly the token attributes spaCy's own do, and
`nlp.load` keeps spaCy's components wherever the drop-ins could not reproduce them. Texts are fictional."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

from ois import fastpipes, nlp
from ois.fastpipes import FastAttributeRuler, FastLemmatizer
from ois.settings import Settings

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
MODEL = Settings(env={}).spacy_model

PARAGRAPHS = [
    "TARNOW, Ore. (AP) -- Sgt. Milo Varga, 41, said deputies hadn't fired until the man's rifle was raised.",
    '"We\'re gonna need backup," Officer Dana Kell-Ostrow told dispatchers at 9:45 p.m. Tuesday, according to a '
    "12-page report.",
    "The suspect, who'd been released on $5,000 bail, ran, fled and was shot twice; he is expected to survive, and "
    "will be charged.",
    "Y'all better come on out, let's talk, a negotiator shouted. There is nothin' he ain't tried, his sister said.",
    "HARLOW - Lt. J.R. Pell's patrol car was struck by gunfire near Mile-Marker 12 on Route 9 about 2 a.m.",
    "Witnesses say officers have been shooting, had shot and would've kept shooting; investigators are reviewing "
    "body-camera footage.",
    "DEPUTY SHOOTS ARMED MAN IN HARLOW STANDOFF",
    "But it wasn't over: the officers didn't, couldn't and won't say whether it's policy. I'd say so, said Cpl. "
    "Ames. C'mon, you gotta give it time.",
    "Police  said the 19-year-old\tran from a Harlow-area home on Elm St.; officers fire, fired, will fire and are "
    "firing.",
]


@pytest.fixture(scope="module")
def original():
    return nlp.load(MODEL, fast_pipes=False)


def _differing(a: Doc, b: Doc) -> int:
    x, y = a.to_array(ATTRS), b.to_array(ATTRS)
    assert x.shape == y.shape
    return int((x != y).any(axis=1).sum())


def test_the_default_pipeline_uses_the_drop_ins(model, original):
    assert isinstance(model.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(model.get_pipe("lemmatizer"), FastLemmatizer)
    assert model.pipe_names == original.pipe_names  # same names, same places
    assert type(original.get_pipe("attribute_ruler")) is AttributeRuler


@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=range(len(PARAGRAPHS)))
def test_same_attributes_on_every_token(model, original, paragraph):
    assert _differing(original(paragraph), model(paragraph)) == 0


def test_same_attributes_through_parse_many(model, original):
    text = "\n\n".join(PARAGRAPHS)
    for (_, a), (_, b) in zip(nlp.parse(original, text).paragraphs, nlp.parse(model, text).paragraphs, strict=True):
        assert _differing(a, b) == 0


def test_patterns_of_several_tokens_apply(model):
    """The model's sequence patterns ("gon na", "let 's", "There is") reach the drop-in: not only one-token ones."""
    doc = model("We're gonna talk, let's see. There is time.")
    words = {t.text: t for t in doc}
    assert (words["gon"].lemma_, words["na"].lemma_) == ("go", "to")
    assert words["'s"].lemma_ == "us"
    assert words["is"].pos_ == "VERB"


PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"lower": "rounds", "TAG": "NNS"}]], "attrs": {"LEMMA": "round", "POS": "NOUN"}},
    {"patterns": [[{"TEXT": {"REGEX": "^[A-Z]{2,}$"}}]], "attrs": {"POS": "PROPN"}},
    {
        "patterns": [[{"LOWER": {"IN": ["fired", "shot"]}, "DEP": {"NOT_IN": ["amod"]}}]],
        "attrs": {"POS": "VERB", "LEMMA": "fire"},
    },
    {"patterns": [[{"LOWER": "opened"}, {"LOWER": "fire"}]], "attrs": {"LEMMA": "open-fire", "POS": "X"}, "index": -1},
    {"patterns": [[{"LOWER": "fire"}]], "attrs": {"POS": "NOUN"}},  # later: its POS wins, the sequence's lemma stays
    {"patterns": [[{"LOWER": "the"}, {}, {"TAG": "NN"}]], "attrs": {"TAG": "JJ"}, "index": 1},
    {"patterns": [[{"TAG": "CD"}]], "attrs": {"LEMMA": "number"}},  # matched on the tag before the one above set JJ
    {"patterns": [[{"TAG": "JJ"}]], "attrs": {"LEMMA": "adjective"}},  # so this one never fires
    {"patterns": [[{"LOWER": "cops"}], [{"LOWER": "deputies"}]], "attrs": {"LEMMA": "officer"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "DEP": "dep", "MORPH": "_"}},
    {"patterns": [[{"LOWER": "harlow"}]], "attrs": {"POS": "PROPN"}},
]
WORDS = ["The", "two", "fire", "deputies", "opened", "fire", "and", "FIRED", "rounds", ".", " ", "HARLOW", "cops"]
TAGS = ["DT", "CD", "NN", "NNS", "VBD", "NN", "CC", "VBD", "NNS", ".", "_SP", "NNP", "NNS"]
DEPS = ["det", "nummod", "compound", "nsubj", "ROOT", "dobj", "cc", "conj", "dobj", "punct", "dep", "npadvmod", "appos"]


def _crafted(vocab, start: int = 0, end: int = len(WORDS)) -> Doc:
    n = end - start
    return Doc(vocab, words=WORDS[start:end], tags=TAGS[start:end], deps=DEPS[start:end], heads=[0] * n)


def test_crafted_patterns_keep_spacy_order_and_precedence():
    """Precedence (a later pattern wins), negative indices, sequences overriding one-token patterns and the reverse,
    patterns matched on the values before any pattern set them, key aliases and predicates: a blank pipeline."""
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(PATTERNS)
    fast = FastAttributeRuler(ruler)
    for start, end in ((0, len(WORDS)), (0, 1), (3, 8), (4, 6), (9, 13)):
        assert _differing(ruler(_crafted(vocab, start, end)), fast(_crafted(vocab, start, end))) == 0
    doc = fast(_crafted(vocab))
    assert (doc[1].tag_, doc[1].lemma_) == ("JJ", "number")
    assert (doc[2].pos_, doc[2].lemma_, str(doc[2].morph)) == ("NOUN", "", "Number=Sing")
    assert (doc[5].pos_, doc[5].lemma_) == ("NOUN", "open-fire")
    assert (doc[7].pos_, doc[7].lemma_, doc[8].lemma_, doc[12].lemma_) == ("VERB", "fire", "round", "officer")


@pytest.mark.parametrize("mode", ["lookup", "rule"])
def test_lemmatizer_modes(mode):
    vocab = spacy.blank("en").vocab
    lookups = Lookups()
    if mode == "lookup":
        lookups.add_table("lemma_lookup", {"deputies": "deputy", "fired": "fire"})
    else:
        lookups.add_table("lemma_rules", {"noun": [["ies", "y"], ["s", ""]], "verb": [["ed", ""], ["ed", "e"]]})
        lookups.add_table("lemma_index", {"noun": ["deputy", "round"], "verb": ["fire"]})
        lookups.add_table("lemma_exc", {"verb": {"shot": ["shoot"]}})
    lemmatizer = Lemmatizer(vocab, None, mode=mode)
    lemmatizer.initialize(lookups=lookups)
    fast = FastLemmatizer(lemmatizer)
    words, pos = ["Deputies", "fired", "rounds", "shot", "Harlow"], ["NOUN", "VERB", "NOUN", "VERB", "PROPN"]
    for _ in range(2):  # the second pass reads the cache
        expected = lemmatizer(Doc(vocab, words=words, pos=pos))
        got = fast(Doc(vocab, words=words, pos=pos))
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]


@spacy.Language.component("ois_test_lemmatizer_lookalike")
def lookalike(doc: Doc) -> Doc:
    return doc


def test_other_kinds_stay_as_loaded():
    """A ruler with an operator pattern and a lookalike component under a lemmatizer's name keep their own code."""
    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "shot", "OP": "+"}]], "attrs": {"POS": "VERB"}}])
    pipeline.add_pipe("ois_test_lemmatizer_lookalike", name="lemmatizer")
    assert fastpipes.install(pipeline) == []
    assert type(pipeline.get_pipe("attribute_ruler")) is AttributeRuler
    assert pipeline.get_pipe("lemmatizer") is lookalike


def test_load_falls_back_when_a_pipe_is_missing(tmp_path):
    spacy.load(MODEL, exclude=["lemmatizer"]).to_disk(tmp_path)
    fast = nlp.load.__wrapped__(str(tmp_path))  # past the per-process cache
    slow = nlp.load.__wrapped__(str(tmp_path), fast_pipes=False)
    assert "lemmatizer" not in fast.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert _differing(slow(PARAGRAPHS[0]), fast(PARAGRAPHS[0])) == 0


def test_ner_only_keeps_its_disabled_components():
    ner = nlp.load(MODEL, ner_only=True)
    assert "lemmatizer" not in ner.pipe_names and "attribute_ruler" not in ner.pipe_names
    assert type(ner.get_pipe("attribute_ruler")) is AttributeRuler
    assert isinstance(ner.get_pipe("lemmatizer"), Lemmatizer)
