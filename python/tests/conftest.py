"""Shared setup: every official list of ../shared/data/lists imported with the real CLI into a
temporary store, exported to a snapshot file, and records to screen made from the real lists.

The CLI binary is $EMBARGO_BIN, else target/release/embargo of the checkout
(scripts/test-python.sh builds it); the real data $EMBARGO_SHARED_DATA, else ../shared/data
beside the checkout.
"""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path
from typing import List, NamedTuple

import pytest

import embargo

ROOT = Path(__file__).resolve().parents[2]


class Lists(NamedTuple):
    data_dir: Path
    snapshot: Path


def shared_data() -> Path:
    path = Path(os.environ.get("EMBARGO_SHARED_DATA", ROOT.parent / "shared" / "data"))
    assert (path / "lists").is_dir(), f"{path}/lists is missing: the tests read the real lists"
    return path


def embargo_bin() -> Path:
    path = Path(os.environ.get("EMBARGO_BIN", ROOT / "target" / "release" / "embargo"))
    assert path.is_file(), f"{path} is missing: build it with cargo build --release -p embargo"
    return path


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Runs the embargo binary; fails the test with its stderr when it fails and ``check``."""
    done = subprocess.run([str(embargo_bin()), *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        pytest.fail(f"embargo {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


@pytest.fixture(scope="session")
def lists(tmp_path_factory) -> Lists:
    data_dir = tmp_path_factory.mktemp("store")
    cli("--data-dir", str(data_dir), "sync", "--from", str(shared_data() / "lists"))
    snapshot = data_dir / "lists.embargo"
    cli("--data-dir", str(data_dir), "snapshot", "export", str(snapshot))
    return Lists(data_dir, snapshot)


@pytest.fixture(scope="session")
def screener(lists: Lists) -> embargo.Screener:
    return embargo.Screener.from_snapshot(lists.snapshot)


class Listed(NamedTuple):
    entity_id: str
    name: str
    kind: str


def listed_sdn(step: int = 1) -> List[Listed]:
    """Entries of the 2026 OFAC SDN list (the active version of ``ofac-sdn``: the 2024 edition is
    the older publication of the same list), every ``step``-th."""
    path = shared_data() / "lists/ofac/sdn-2026-08-20-kindrat86/ofac-sdn.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    kinds = {"individual": "person", "entity": "organization", "vessel": "vessel", "aircraft": "aircraft"}
    return [
        Listed(f"ofac-sdn:{r['uid']}", r["name"], kinds.get(r["type"], ""))
        for r in rows[::step]
        if r["name"].strip()
    ]


def typo(name: str) -> str:
    """The name with one letter dropped from the middle of its longest word."""
    words = name.split()
    longest = max(words, key=len)
    if len(longest) < 6:
        return name
    cut = longest[: len(longest) // 2] + longest[len(longest) // 2 + 1 :]
    return name.replace(longest, cut, 1)


@pytest.fixture(scope="session")
def records_csv(tmp_path_factory) -> Path:
    """A CSV of records as a firm would screen: listed names as listed, with typos, in lower
    case, names on no list, and bad rows (no name, a kind that is none)."""
    path = tmp_path_factory.mktemp("records") / "records.csv"
    unlisted = [
        "Margaret Thornbury", "Lindqvist Bakery AB", "Hiroshi Tanakawa", "Acme Widgets GmbH",
        "Olga Petrovna Smirnova", "Banco de Fomento Agricola", "Juan Carlos Dominguez",
    ]
    rows = [["id", "name", "kind", "dob", "country"]]
    for i, e in enumerate(listed_sdn(step=23)):
        name = [e.name, typo(e.name), e.name.lower()][i % 3]
        rows.append([f"r{i}", name, e.kind if i % 2 else "", "1964" if i % 5 == 0 else "", "IR" if i % 7 == 0 else ""])
    for i, name in enumerate(unlisted * 20):
        rows.append([f"u{i}", name, "", "", ""])
    rows.append(["bad-empty", "", "person", "", ""])
    rows.append(["bad-kind", "Saeed Aghajani", "banana", "", ""])
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def cli_batch(lists: Lists, records: Path, out: Path):
    """Screens ``records`` with ``embargo screen --input ... --snapshot``; returns (hit rows as
    dicts, reject rows as dicts)."""
    cli(
        "--data-dir", str(lists.data_dir), "screen", "--input", str(records), "-o", str(out),
        "--snapshot", str(lists.snapshot), "--progress", "none",
    )
    with open(out, newline="", encoding="utf-8") as f:
        hits = list(csv.DictReader(f))
    with open(str(out) + ".rejects.csv", newline="", encoding="utf-8") as f:
        rejects = list(csv.DictReader(f))
    return hits, rejects
