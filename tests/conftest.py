"""Shared fixtures. Tests needing ../shared data skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_data_dir() -> Path:
    return Path(os.environ.get("OIS_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def model():
    """The spaCy pipeline of the default settings (loaded once per process)."""
    from ois import nlp
    from ois.settings import Settings

    return nlp.load(Settings(env={}).spacy_model)
