"""Helpers shared by the import tests: fixture paths, folder snapshots, the CLI runner."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graphmap.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"


def fixture(name: str) -> Path:
    return FIXTURES / name


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (empty when the folder does not exist)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def export(folder: Path, name: str, text: str) -> Path:
    """A small export written into `folder` (UTF-8), for a test to import."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def map_folder(folder: Path, accounts: str, people: str) -> Path:
    """A small map folder for a test to import into: its accounts.csv and people.csv (UTF-8)."""
    folder.mkdir()
    export(folder, "accounts.csv", accounts)
    export(folder, "people.csv", people)
    return folder


def error_rows(folder: Path) -> list[dict[str, str]]:
    """The rows of the error file an import wrote into the map folder `folder`."""
    import csv

    with open(folder / "import-errors.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
