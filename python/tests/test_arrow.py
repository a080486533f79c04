"""Screener.screen_arrow gives the rows of the CLI batch for the same records."""

from __future__ import annotations

import threading

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import embargo

from conftest import cli_batch

COLUMNS = ["id", "name", "kind", "dob", "country"]


def read_records(path) -> pa.Table:
    """The records as the CLI reads them: every column text, empty fields empty."""
    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in COLUMNS}, strings_can_be_null=False
        ),
    )


def cli_rows(hits):
    return sorted(
        (h["input_id"], h["query_name"], h["entity_id"], h["list"], h["list_version"], h["score"],
         h["matched_name"], h["caption"], h["kind"])
        for h in hits
    )


def arrow_rows(table: pa.Table):
    return sorted(
        (r["input_id"], r["query_name"], r["entity_id"], r["list"], r["list_version"], f"{r['score']:.4f}",
         r["matched_name"], r["caption"], r["kind"])
        for r in table.to_pylist()
    )


def test_screen_arrow_equals_the_cli_batch(lists, screener, records_csv, tmp_path):
    expected_hits, expected_rejects = cli_batch(lists, records_csv, tmp_path / "hits.csv")
    table = read_records(records_csv)
    result = screener.screen_arrow(table)  # the CLI's default columns: id, name, kind, dob, country
    hits = pa.table(result)
    assert hits.num_rows == len(expected_hits) > 200
    assert arrow_rows(hits) == cli_rows(expected_hits)
    # Rows keep the input order, and input_row points back at the record.
    ids = table.column("id").to_pylist()
    assert all(ids[r["input_row"]] == r["input_id"] for r in hits.to_pylist())
    rejects = pa.table(result.rejects).to_pylist()
    assert sorted((r["input_id"], r["reason"]) for r in rejects) == sorted(
        ({"": "bad-empty"}.get(r["raw"].split(",")[0], r["raw"].split(",")[0]), r["reason"]) for r in expected_rejects
    )
    assert {r["input_id"] for r in rejects} == {"bad-empty", "bad-kind"}


def test_batches_streams_and_polars_read_the_same(screener, records_csv):
    table = read_records(records_csv)
    whole = arrow_rows(pa.table(screener.screen_arrow(table)))
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=97))
    assert arrow_rows(pa.table(screener.screen_arrow(reader))) == whole
    first = table.to_batches(max_chunksize=50)[0]
    assert arrow_rows(pa.table(screener.screen_arrow(first))) == [r for r in whole if r[0] in set(first.column("id").to_pylist())]
    polars = pytest.importorskip("polars")
    assert arrow_rows(pa.table(screener.screen_arrow(polars.read_csv(records_csv, infer_schema=False)))) == whole


def test_columns_are_mapped_as_the_cli_maps_them(screener):
    table = pa.table({
        "cust": ["1", "2", "3"],
        "first": ["Saeed", "Margaret", None],
        "last": ["AGHAJANI", "Thornbury", None],
        "born": [1964, None, 1970],
    })
    result = screener.screen_arrow(table, name_col=["first", "last"], id_col="cust", dob_col="born", kind="person")
    hits = pa.table(result.hits).to_pylist()
    assert {h["input_id"] for h in hits} <= {"1"}
    rejects = pa.table(result.rejects).to_pylist()
    assert rejects == [{"input_row": 2, "input_id": "3", "reason": "missing name (column first + last empty)"}]
    err = pytest.raises(embargo.EmbargoError, screener.screen_arrow, table, name_col="full_name").value
    assert err.code == "batch_mapping" and '"full_name"' in str(err) and '"cust", "first", "last", "born"' in str(err)
    err = pytest.raises(embargo.EmbargoError, screener.screen_arrow, table, name_col="first", lists=["eu-fsf"]).value
    assert err.code == "unknown_list"


def test_screen_arrow_releases_the_gil_while_it_screens(screener, records_csv):
    table = read_records(records_csv)
    big = pa.concat_tables([table] * 10)
    done = threading.Event()
    result = {}

    def work():
        result["rows"] = pa.table(screener.screen_arrow(big)).num_rows
        done.set()

    thread = threading.Thread(target=work)
    thread.start()
    spins = 0
    while not done.is_set():  # runs only while the screening thread does not hold the GIL
        spins += 1
    thread.join()
    assert result["rows"] == 10 * pa.table(screener.screen_arrow(table)).num_rows
    assert spins > 10_000, f"the main thread ran {spins} loops while screening"
