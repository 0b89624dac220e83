"""The frozen records that flow between stages.

Glossary: an *article* is one news story; a *report* is what one article says about one shooting;
an *incident* is the real-world event that many reports describe.

Every extracted value is a `Fact`: the value plus the `Span` of the sentence that supports it, with character
offsets into `Article.text`. Stages exchange only these types; `to_dict`/`from_dict` give the JSON form the store
keeps, so a stage never needs to know how another one is implemented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Controlled vocabularies (the values extractors may emit).
ROLES = ("officer", "subject", "bystander")
ARMED = ("gun", "knife", "vehicle", "replica", "other", "unarmed")  # replica: toy, BB, pellet, airsoft, fake gun
OUTCOMES = ("killed", "injured", "uninjured")
GENDERS = ("male", "female")
FLEEING = ("foot", "car", "not fleeing")
# Why a named person is not a participant of the main shooting (`Report.mentioned`, their `role`).
MENTIONED_WHY = ("earlier case", "victim of the subject", "official", "relative", "other")
VIDEO_KINDS = ("body camera", "dash camera", "bystander", "surveillance")
LEGAL_KINDS = ("charged", "convicted", "sentenced", "investigation", "on leave", "cleared", "lawsuit")


def stable_id(*parts: str, length: int = 16) -> str:
    """A short hex digest of the parts: the same input always gives the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class Span:
    """Evidence: a sentence of the article, `Article.text[start:end] == text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fact:
    """One extracted value with the sentence that supports it and, when known, the exact words that state it
    (a span inside the sentence: "7:30 p.m." for the time 19:30, "a 23-year-old man" for the age 23)."""

    value: Any
    evidence: Span
    words: Span | None = None


def fact_value(fact: Fact | None) -> Any:
    """The value of a Fact, None for a missing one."""
    return None if fact is None else fact.value


@dataclass(frozen=True)
class Article:
    """One news story. `text` starts with the headline as its first paragraph; all offsets index `text`."""

    id: str
    title: str
    text: str
    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    source: str = ""  # where it was read from: a path, "path#line", a feed URL

    @staticmethod
    def make_id(text: str, url: str | None = None) -> str:
        """Article id = hash of the URL when there is one, else of the normalised text."""
        if url:
            return stable_id("url", url.strip())
        return stable_id("text", " ".join(text.split()))


@dataclass(frozen=True)
class Skipped:
    """An input that produced no article (or an article a stage could not process), with a reason for the user."""

    source: str
    reason: str
    article_id: str | None = None
    stage: str = "sources"


# Kinds of user overrides (`Override.kind`). Report pairs: "merge", "split" (resolution applies them). Editorial
# corrections (review mode; `ois.review.apply` applies them after every resolution): "set" a value (`field`,
# `value`; `b` = person key for a person's field), "revert" a field to what the sources say, "person" (`value`:
# "removed" | "background" | "participant"), "add_person" (`value`: the person's fields), "not_ois" and
# "reviewed" (`value`: true/false) of an incident; "article_not_ois" (`a` = article id; resolution leaves the
# article's report out while the last word is true).
OVERRIDE_KINDS = (
    "merge",
    "split",
    "set",
    "revert",
    "person",
    "add_person",
    "not_ois",
    "reviewed",
    "article_not_ois",
)
PERSON_STATUSES = ("participant", "background", "removed")
# Marks record fields left out of the JSON form when empty (keeps stored JSON lean; old rows simply lack them).
LEAN = {"lean": True}


@dataclass(frozen=True)
class Override:
    """A user's word on the data that survives re-resolution and later ingests. Stored by report (article) id,
    never by incident id: incident-level corrections by an anchor report of the incident (its earliest report
    when the correction was made), person-level ones by anchor report + the person's key (`person_key`).

    kind "merge": reports `a` and `b` are the same incident. kind "split": report `a` is not the incident of `b`.
    The other kinds (see OVERRIDE_KINDS) are an editor's corrections; the last word on a thing wins.
    """

    kind: str  # one of OVERRIDE_KINDS
    a: str
    b: str = ""
    field: str = ""  # the corrected field ("agency", "age", ...)
    value: Any = None  # the new value (JSON form)
    old: Any = None  # the value before (what the page showed)
    editor: str = ""
    at: str = dataclasses.field(default="", compare=False)  # ISO time, UTC (set when stored)
    reason: str = ""
    evidence: Span | None = None  # the sentence supporting the new value, in one of the incident's articles
    who: str = ""  # the person the correction is about, as the page named them ("subject 1: Darren Okafor")
    id: int | None = dataclasses.field(default=None, compare=False)  # the stored row's number (history order)


@dataclass(frozen=True)
class Cue:
    """A screening cue that fired: its name (from the lexicon), its weight and where it fired."""

    name: str
    weight: float
    evidence: Span


@dataclass(frozen=True)
class Screening:
    """Is this article a report of one specific officer-involved shooting?"""

    article_id: str
    is_ois: bool
    score: float
    cues: tuple[Cue, ...] = ()
    police_fired: bool | None = None  # police shot (at) someone
    shot_at_police: bool | None = None  # someone shot (at) police
    reason: str = ""  # one line a user can read: why yes / why no


@dataclass(frozen=True)
class Claim:
    """A value of a person's field that one side gives and another disputes, in the same article: "police said he
    pointed a gun" / "his family said he was unarmed". The Person holds the police's (or the story's own) value;
    each other side's value is a Claim."""

    field: str  # one of PERSON_FACT_FIELDS
    fact: Fact
    by: str  # who says so, as the story attributes it: "police", "family", "witnesses", "lawyer", ...


@dataclass(frozen=True)
class Person:
    """An officer, subject or bystander as one article describes them. Unknown fields stay None."""

    role: str  # one of ROLES
    name: Fact | None = None
    age: Fact | None = None  # int
    gender: Fact | None = None  # one of GENDERS
    armed: Fact | None = None  # one of ARMED
    outcome: Fact | None = None  # one of OUTCOMES
    fired: Fact | None = None  # bool: this person fired a gun in the incident
    race: Fact | None = None  # as the text states it, lower case: "black", "white", "hispanic", ...
    weapon: Fact | None = None  # the weapon as written, lower case: "handgun", ".40-caliber pistol", "knife"
    accused: Fact | None = None  # what the text says justice did: "arrested", "charged", "convicted", "sought"...
    mentions: tuple[Span, ...] = ()  # every sentence naming or describing them
    claims: tuple[Claim, ...] = ()  # values another side gives for a field (see Claim)


@dataclass(frozen=True)
class Report:
    """What one article says about the shooting it reports."""

    article_id: str
    incident_date: Fact | None = None  # datetime.date, absolute
    time_of_day: Fact | None = None  # "HH:MM" or a coarse word: "morning", "night", ...
    day_part: Fact | None = None  # the coarse part of the day, also when a clock time is given: "night"
    address: Fact | None = None  # the street location as written: "3700 block of West Polk Street"
    place_type: Fact | None = None  # the kind of place, lower case: "gas station", "apartment complex"
    city: Fact | None = None
    state: Fact | None = None  # USPS code, e.g. "SC"
    country: Fact | None = None  # "US", or the country's English name when the shooting was abroad
    agency: Fact | None = None
    people: tuple[Person, ...] = ()  # the participants of the main shooting
    officer_count: Fact | None = None  # int: officers who fired (or were shot at), when the text gives a number
    subject_count: Fact | None = None  # int: people police fired at / who fired at police, when given
    officer_fired: Fact | None = None  # bool
    subject_fired: Fact | None = None  # bool
    first_shot_by: Fact | None = None  # "officer" | "subject"
    shots: Fact | None = None  # int: shots fired, or a count without a number as written ("several", "multiple")
    mental_health: Fact | None = None  # True: the text says the subject was in a mental-health crisis / mentally ill
    fleeing: Fact | None = None  # one of FLEEING
    body_camera: Fact | None = None  # bool: an officer's body camera recorded it (False: the text says none did)
    video: tuple[Fact, ...] = ()  # values from VIDEO_KINDS
    legal: tuple[Fact, ...] = ()  # value: {"kind": one of LEGAL_KINDS, "detail": short text}
    mentioned: tuple[Person, ...] = ()  # named people who are not participants (role: why - see MENTIONED_WHY)
    published: dt.date | None = None  # copied from the article: resolution compares it
    extractor: str = ""  # version tag of the extractor that wrote it

    @property
    def id(self) -> str:
        return self.article_id

    def officers(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role == "officer")

    def subjects(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.role == "subject")

    def subjects_victims(self) -> tuple[Person, ...]:
        """The people the subject shot, kept as mentioned (gun-violence databases list them as victims)."""
        return tuple(p for p in self.mentioned if p.role == "victim of the subject")


def _fields_of(record: type, annotation: str) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record) if f.type == annotation)


# The fields of a Report and of a Person, in reading order, derived from the classes above so that a new field is
# declared once (stores, merges, views and the JSON form use these): one-value facts, and list facts, each of whose
# distinct values keeps its own support when merged (alternatives, not conflicts).
REPORT_SINGLE_FIELDS = _fields_of(Report, "Fact | None")
LIST_FIELDS = _fields_of(Report, "tuple[Fact, ...]")
PERSON_FACT_FIELDS = _fields_of(Person, "Fact | None")


@dataclass(frozen=True)
class Alternative:
    """A value some sources give for a field, and which reports give it."""

    value: Any
    report_ids: tuple[str, ...]
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class MergedField:
    """A merged incident value: the best-supported one first, then every conflicting value."""

    value: Any
    report_ids: tuple[str, ...]  # independent reports that support `value`
    evidence: tuple[Span, ...] = ()
    conflicts: tuple[Alternative, ...] = ()
    corrected: Correction | None = field(default=None, metadata=LEAN)  # an editor's value replaced the sources'


@dataclass(frozen=True)
class Correction:
    """An editor's word on a value, a person or an incident (review mode): who, when, why, and what it replaced."""

    editor: str
    at: str
    reason: str = ""
    original: MergedField | None = field(default=None, metadata=LEAN)  # the merged value before (None: unknown)
    position: int | None = field(default=None, metadata=LEAN)  # a moved person's place among the people before
    person: str = field(default="", metadata=LEAN)  # the key of a person an editor added


@dataclass(frozen=True)
class Review:
    """What editors said about an incident as a whole, and which of its values they corrected."""

    reviewed: Correction | None = None  # marked reviewed
    not_ois: Correction | None = None  # marked "not a police shooting"
    corrected: tuple[str, ...] = ()  # readable names of corrected values: "agency", "subject 1 age", ...


@dataclass(frozen=True)
class Incident:
    """The real-world event. `fields` maps a Report field name to its merged value; `people` holds one mapping of
    person field name (PERSON_FACT_FIELDS and "role") to merged value per person."""

    id: str
    report_ids: tuple[str, ...]
    fields: Mapping[str, MergedField] = field(default_factory=dict)
    people: tuple[Mapping[str, MergedField], ...] = ()  # one mapping per merged person; key "role" always set
    copies: Mapping[str, str] = field(default_factory=dict)  # article id -> id of the article it copies
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    # Review mode (`ois.review.apply`): people an editor marked as background (not participants) or removed, and
    # the incident's review state. Empty unless an editor said something.
    background: tuple[Mapping[str, MergedField], ...] = field(default=(), metadata=LEAN)
    removed: tuple[Mapping[str, MergedField], ...] = field(default=(), metadata=LEAN)
    review: Review | None = field(default=None, metadata=LEAN)

    def value(self, name: str) -> Any:
        """The merged value of an incident field ("city", "incident_date", ...), None when unknown."""
        merged = self.fields.get(name)
        return None if merged is None else merged.value

    def people_of(self, role: str) -> tuple[Mapping[str, MergedField], ...]:
        """The merged people of one role ("officer", "subject", "bystander"), in order."""
        return tuple(p for p in self.people if "role" in p and p["role"].value == role)


def person_value(person: Mapping[str, MergedField], name: str) -> Any:
    """The merged value of one field of a merged person ("name", "age", ...), None when unknown."""
    merged = person.get(name)
    return None if merged is None else merged.value


# --- JSON form -------------------------------------------------------------------------------------------------
# Values that are dates, by field: stored as plain ISO strings ("2024-03-05") and read back as dates. Rows written
# before dates were plain strings hold {"$date": "2024-03-05"}; the reader still understands them.
DATE_FIELDS = frozenset({"incident_date", "published", "first_published", "last_published", "reported"})


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _encode(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (f.metadata.get("lean") and getattr(value, f.name) in (None, (), "", {}))
        }
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of any record above (dates become ISO strings: "YYYY-MM-DD")."""
    return _encode(record)


def plain_dates(value: Any) -> Any:
    """JSON as stored by any ois version with old {"$date": ...} wrappers turned into plain ISO strings."""
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return value["$date"]
        return {k: plain_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_dates(v) for v in value]
    return value


def _decode_value(value: Any, is_date: bool = False) -> Any:
    """A stored value; `is_date`: the field holds dates (an ISO string, or an old {"$date": ...} wrapper)."""
    if isinstance(value, dict) and set(value) == {"$date"}:
        return dt.date.fromisoformat(value["$date"])
    if is_date and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # an editor's free text where a date was expected: kept as written
            return value
    if isinstance(value, list):
        return [_decode_value(v, is_date) for v in value]
    if isinstance(value, dict):
        return {k: _decode_value(v, k in DATE_FIELDS) for k, v in value.items()}
    return value


def decode_field(name: str, value: Any) -> Any:
    """A stored value of field `name` (dates read back as dates)."""
    return _decode_value(value, name in DATE_FIELDS)


def _span(d: Mapping[str, Any] | None) -> Span | None:
    return Span(d["start"], d["end"], d["text"]) if d else None


def _fact(d: Mapping[str, Any] | None, name: str = "") -> Fact | None:
    if not d:
        return None
    return Fact(decode_field(name, d["value"]), _span(d["evidence"]), _span(d.get("words")))


def _person(d: Mapping[str, Any]) -> Person:
    facts = {k: _fact(d.get(k), k) for k in PERSON_FACT_FIELDS}
    claims = tuple(Claim(c["field"], _fact(c["fact"], c["field"]), c["by"]) for c in d.get("claims", ()))
    return Person(role=d["role"], mentions=tuple(_span(s) for s in d.get("mentions", ())), claims=claims, **facts)


def report_from_dict(d: Mapping[str, Any]) -> Report:
    published = d.get("published")
    return Report(
        article_id=d["article_id"],
        people=tuple(_person(p) for p in d.get("people", ())),
        mentioned=tuple(_person(p) for p in d.get("mentioned", ())),
        video=tuple(_fact(f, "video") for f in d.get("video", ())),
        legal=tuple(_fact(f, "legal") for f in d.get("legal", ())),
        published=decode_field("published", published) if published else None,
        extractor=d.get("extractor", ""),
        **{k: _fact(d.get(k), k) for k in REPORT_SINGLE_FIELDS},
    )


def correction_from_dict(d: Mapping[str, Any] | None, name: str = "") -> Correction | None:
    if not d:
        return None
    original = d.get("original")
    return Correction(
        d.get("editor", ""),
        d.get("at", ""),
        d.get("reason", ""),
        _merged(original, name) if original else None,
        d.get("position"),
        d.get("person", ""),
    )


def _merged(d: Mapping[str, Any], name: str = "") -> MergedField:
    return MergedField(
        value=decode_field(name, d["value"]),
        report_ids=tuple(d["report_ids"]),
        evidence=tuple(_span(s) for s in d.get("evidence", ())),
        conflicts=tuple(
            Alternative(
                decode_field(name, a["value"]),
                tuple(a["report_ids"]),
                tuple(_span(s) for s in a.get("evidence", ())),
            )
            for a in d.get("conflicts", ())
        ),
        corrected=correction_from_dict(d.get("corrected"), name),
    )


def _people(items: Any) -> tuple[dict[str, MergedField], ...]:
    return tuple({k: _merged(v, k) for k, v in p.items()} for p in items or ())


def _review(d: Mapping[str, Any] | None) -> Review | None:
    if not d:
        return None
    return Review(
        correction_from_dict(d.get("reviewed")),
        correction_from_dict(d.get("not_ois")),
        tuple(d.get("corrected", ())),
    )


def incident_from_dict(d: Mapping[str, Any]) -> Incident:
    return Incident(
        id=d["id"],
        report_ids=tuple(d["report_ids"]),
        fields={k: _merged(v, k) for k, v in d.get("fields", {}).items()},
        people=_people(d.get("people")),
        copies=dict(d.get("copies", {})),
        background=_people(d.get("background")),
        removed=_people(d.get("removed")),
        review=_review(d.get("review")),
        **{k: decode_field(k, d[k]) if d.get(k) else None for k in ("first_published", "last_published")},
    )
