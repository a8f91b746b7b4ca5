"""Fixtures shared by the whole suite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import graphmap
from graphmap.sample import SAMPLE_AS_OF

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def as_of() -> dt.date:
    """The date the sample map's contacts were written against."""
    return SAMPLE_AS_OF


@pytest.fixture
def sample_folder(tmp_path: Path) -> Path:
    """A fresh copy of the sample map folder, free to change."""
    return graphmap.write_sample_map(tmp_path / "sample")


@pytest.fixture(scope="session")
def sample_map() -> graphmap.AccountMap:
    """The sample map, read from data/sample."""
    return graphmap.read_map(ROOT / "data" / "sample")


@pytest.fixture(scope="session")
def sample_findings(sample_map) -> graphmap.Findings:
    """The sample's findings as of SAMPLE_AS_OF under the default settings."""
    return graphmap.analyze(sample_map, as_of=SAMPLE_AS_OF)
