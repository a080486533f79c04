"""embargo.spark.screen on a local Spark (local[2]) gives the rows of the CLI batch."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import cli_batch

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - CI installs a JRE
    pytest.skip("Spark needs java", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

from embargo import spark as embargo_spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("embargo-tests")
        .config("spark.ui.enabled", "false")
        # Everything on the loopback interface.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        # Small Arrow batches: every worker screens many batches with the snapshot it opened.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "200")
        .getOrCreate()
    )
    yield session
    session.stop()


def read(spark, path):
    # Quotes are escaped by doubling them, as the CLI's CSV reader expects.
    return spark.read.option("header", True).option("escape", '"').csv(str(path))


def test_spark_gives_the_rows_of_the_cli_batch(spark, lists, records_csv, tmp_path):
    expected_hits, expected_rejects = cli_batch(lists, records_csv, tmp_path / "hits.csv")
    df = read(spark, records_csv).repartition(4)
    hits, rejects = embargo_spark.screen_with_rejects(
        df, str(lists.snapshot), id_col="id", name_col="name", kind_col="kind", dob_col="dob", country_col="country"
    )
    rows = sorted((r.input_id, r.entity_id, r.score) for r in hits.collect())
    assert rows == sorted((h["input_id"], h["entity_id"], float(h["score"])) for h in expected_hits)
    assert len(rows) > 200
    assert sorted((r.input_id, r.reason) for r in rejects.collect()) == sorted(
        (r["raw"].split(",")[0] or None, r["reason"]) for r in expected_rejects
    )
    full = {(r.input_id, r.entity_id): r for r in hits.collect()}
    for h in expected_hits[:50]:
        r = full[(h["input_id"], h["entity_id"])]
        assert (r.list, r.list_version, r.matched_name, r.caption) == (h["list"], h["list_version"], h["matched_name"], h["caption"])


def test_screen_returns_hits_only_and_a_shipped_snapshot_is_found(spark, lists, records_csv, tmp_path):
    shipped = tmp_path / "shipped" / "lists-copy.embargo"
    shipped.parent.mkdir()
    shutil.copy(lists.snapshot, shipped)
    embargo_spark.distribute(spark, str(shipped))
    # A path that does not exist on the executors: the file is found among the shipped ones.
    elsewhere = "/nonexistent/cluster/path/lists-copy.embargo"
    hits = embargo_spark.screen(read(spark, records_csv), elsewhere, id_col="id", name_col="name", threshold=0.95, limit=1)
    rows = hits.collect()
    assert rows and all(r.score >= 0.95 for r in rows)
    assert len({r.input_id for r in rows}) == len(rows), "limit=1: one hit per record"
    assert hits.columns == ["input_id", "entity_id", "list", "list_version", "score", "matched_name", "caption"]


def test_each_python_worker_keeps_the_snapshot_it_opened(spark, lists, records_csv):
    df = read(spark, records_csv).repartition(2)
    embargo_spark.screen(df, str(lists.snapshot), id_col="id", name_col="name").count()

    # Python workers are reused by the next job (spark.python.worker.reuse): those that screened
    # still hold the screener they opened for this path, for every batch and task after.
    def probe(batches):
        import os as worker_os

        import pyarrow as pa

        from embargo import spark as worker_spark

        for _ in batches:
            pass
        cached = sorted(worker_spark._SCREENERS)
        yield pa.RecordBatch.from_pydict({"pid": [worker_os.getpid()], "cached": [",".join(cached)]})

    seen = df.mapInArrow(probe, "pid long, cached string").collect()
    assert any(str(lists.snapshot) in r.cached.split(",") for r in seen), seen
