"""Value vocabularies: the reference databases' words (WaPo v1/v2, MPV) mapped to ours (`ois.models`), and ours
to WaPo v2's for the `wapo` export. The tables are data (`data/reference_vocab.json`); these functions read them.

A shared helper of the linking step and the read side (the wapo export, agreement tables): it imports only
`ois.data`.
"""

from __future__ import annotations

import re
from typing import Any

from ois import data

_SEPARATORS = re.compile(r"\s*(?:;|,|\band\b|/)\s*")


def _table(name: str) -> Any:
    return data.load("reference_vocab")[name]


def key(value: Any) -> str:
    """A vocabulary look-up key: lower case, single spaces ('' for None)."""
    return " ".join(str(value if value is not None else "").lower().split())


def gender(value: Any) -> str | None:
    """'M', 'Male', 'male' -> 'male'; unknown -> None."""
    k = key(value)
    return _table("gender").get(k, k or None) if k else None


def race_code(value: Any) -> str | None:
    """A race as a WaPo code (lower case: 'b', 'w', 'h', 'a', 'n', 'o'; 'w;b' for several): from WaPo codes
    ('B', 'W;B'), MPV words ('Black', 'Unknown Race') or our extracted words ('black', 'african american')."""
    k = key(value)
    if not k:
        return None
    codes = _table("race_codes")
    parts = [p for p in k.split(";") if p]
    if parts and all(p in codes for p in parts):
        return ";".join(parts)
    words = _table("race_words")
    return words.get(k) if k in words else next((code for word, code in words.items() if word in k.split()), None)


def race_label(code: str | None) -> str | None:
    """'b' -> 'black' (for showing a reference's race next to ours)."""
    if not code:
        return None
    return " / ".join(_table("race_codes").get(c, c) for c in code.split(";"))


def armed(value: Any) -> frozenset[str] | None:
    """A reference's weapon value(s) in our ARMED vocabulary: 'gun;knife' -> {gun, knife}, 'toy weapon' ->
    {replica}, 'no object' -> {unarmed}, any other named object -> {other}; None when the reference does not know."""
    k = key(value)
    if not k:
        return None
    table = _table("armed")
    out = set()
    for part in _SEPARATORS.split(k) if k not in table else [k]:
        if part in table:
            if table[part]:
                out.add(table[part])
        elif part:
            out.add("other")
    return frozenset(out) or None


def armed_status(value: Any) -> str | None:
    """MPV's Armed/Unarmed Status ('Unarmed/Did Not Have Actual Weapon' -> 'unarmed')."""
    return _table("armed_status").get(key(value))


def fleeing(value: Any) -> str | None:
    """'not' / 'Not fleeing' -> 'not fleeing', 'Car' -> 'car', ... (our FLEEING, plus 'other')."""
    k = key(value)
    return _table("fleeing").get(k) if k else None


def flag(value: Any) -> bool | None:
    """'True' / 'Yes' -> True, 'False' / 'No' -> False, anything else -> None."""
    if isinstance(value, bool):
        return value
    return _table("yes_no").get(key(value))


def is_placeholder_name(name: Any) -> bool:
    """'Name withheld by police', 'Unknown', 'TK TK': no name at all."""
    k = key(name)
    return not k or k in _table("placeholder_names")


def wapo_armed_with(armed_value: str | None, weapon: str | None) -> str | None:
    """Our armed value (and weapon words) in WaPo v2's armed_with vocabulary; None when we do not know."""
    if armed_value == "other" and weapon and any(w in key(weapon) for w in _table("blunt_objects")):
        return "blunt_object"
    return armed_value if armed_value in ("gun", "knife", "vehicle", "replica", "other", "unarmed") else None


def wapo_flee(value: str | None) -> str | None:
    """Our fleeing value in WaPo v2's flee_status vocabulary ('not fleeing' -> 'not')."""
    return _table("flee_to_wapo").get(key(value)) if value else None


def wapo_race(value: str | None) -> str | None:
    """Our race words as WaPo v2's race code ('black' -> 'B'); None when unknown or not one of theirs."""
    code = race_code(value)
    return code.upper() if code else None
