"""Records per second of the CLI batch, Screener.screen_arrow and embargo.spark.screen on
Spark local[2], on the same records and snapshot file; and Spark's own overhead (the same job
with a mapInArrow that screens nothing).

    python bench/bench_scale.py --records RECORDS.csv --snapshot lists.embargo --embargo-bin BIN

scripts/bench-python.sh makes the records (crates/batch/examples/bench_batch.rs), the store and
the snapshot file, then runs this. Each figure is the wall-clock time of one run; the machine's
load average is printed first, since other work on the machine moves wall-clock figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import tempfile
import time

import pyarrow as pa
import pyarrow.csv as pacsv

import embargo

COLUMNS = ["id", "name", "kind", "dob", "country"]


def cli_batch(args, work: str):
    out = os.path.join(work, "cli-hits.csv")
    started = time.perf_counter()
    done = subprocess.run(
        [args.embargo_bin, "screen", "--input", args.records, "-o", out, "--snapshot", args.snapshot,
         "--progress", "none"],
        capture_output=True, text=True, check=True,
    )
    wall = time.perf_counter() - started
    rate = float(re.search(r"\(([\d.]+) records/s", done.stderr).group(1))
    # CSV rows, not lines: a listed name may hold a line break inside its quoted field.
    with open(out, encoding="utf-8", newline="") as f:
        hits = sum(1 for _ in csv.reader(f)) - 1
    return wall, rate, hits


def arrow(args):
    started = time.perf_counter()
    screener = embargo.Screener.from_snapshot(args.snapshot)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    table = pacsv.read_csv(
        args.records,
        convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS}, strings_can_be_null=False),
    )
    read = time.perf_counter() - started
    started = time.perf_counter()
    result = screener.screen_arrow(table)
    screened = time.perf_counter() - started
    return opened, read, screened, table.num_rows, pa.table(result).num_rows


def spark(args):
    from pyspark.sql import SparkSession

    from embargo import spark as embargo_spark

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("embargo-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    read = lambda: session.read.option("header", True).option("escape", '"').csv(args.records)  # noqa: E731
    read().count()  # warms the JVM up: neither timed job pays for it
    results = {}

    started = time.perf_counter()
    hits = embargo_spark.screen(read(), args.snapshot, id_col="id", name_col="name", kind_col="kind",
                                dob_col="dob", country_col="country")
    results["hits"] = hits.count()
    results["screen"] = time.perf_counter() - started

    # Spark alone: read the CSV, hand every batch to a Python worker and back, screen nothing.
    def identity(batches):
        for batch in batches:
            yield batch

    started = time.perf_counter()
    read().mapInArrow(identity, read().schema).write.format("noop").mode("overwrite").save()
    results["overhead"] = time.perf_counter() - started
    session.stop()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", required=True)
    parser.add_argument("--snapshot", required=True)
    parser.add_argument("--embargo-bin", required=True)
    parser.add_argument("--skip-spark", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")

    with tempfile.TemporaryDirectory() as work:
        wall, cli_rate, cli_hits = cli_batch(args, work)
    opened, read, screened, n, arrow_hits = arrow(args)
    print(f"records: {n:,}")
    print(f"CLI batch (--snapshot): {cli_rate:,.0f} records/s screening (its own figure); "
          f"{n / wall:,.0f} records/s over the whole process ({wall:.1f}s, load and output included); {cli_hits:,} hits")
    print(f"screen_arrow: {n / screened:,.0f} records/s ({screened:.1f}s; snapshot opened in {opened:.2f}s, "
          f"CSV read by pyarrow in {read:.2f}s, apart); {arrow_hits:,} hits; "
          f"{100 * (n / screened) / cli_rate:.0f}% of the CLI batch")
    if not args.skip_spark:
        s = spark(args)
        print(f"Spark local[2] embargo.spark.screen: {n / s['screen']:,.0f} records/s ({s['screen']:.1f}s, "
              f"reading the CSV and opening the snapshot in each worker included); {s['hits']:,} hits; "
              f"{100 * (n / s['screen']) / cli_rate:.0f}% of the CLI batch")
        print(f"Spark local[2] overhead alone (CSV read, Arrow to Python and back, no screening): "
              f"{s['overhead']:.1f}s = {100 * s['overhead'] / s['screen']:.0f}% of the screening job")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
