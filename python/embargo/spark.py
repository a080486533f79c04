"""Screening a Spark DataFrame with ``mapInArrow``: a map-side lookup, no shuffle.

Each Python worker opens the snapshot file once (a module-level cache; Spark reuses its Python
workers across tasks, ``spark.python.worker.reuse``, on by default) and screens every Arrow batch
it is handed with :meth:`embargo.Screener.screen_arrow`, on the cores its task may use
(``spark.task.cpus``).

The snapshot must be readable by every executor at the same path (a shared or distributed file
system mounted everywhere), or shipped with :func:`distribute` (``SparkContext.addFile``): a worker
that cannot find the path looks for the file's name among the files Spark shipped
(``SparkFiles.get``).

    from embargo import spark as embargo_spark

    hits = embargo_spark.screen(customers, "/mnt/lists/lists.embargo",
                                id_col="customer_id", name_col="full_name", kind_col="type")
    hits, rejects = embargo_spark.screen_with_rejects(customers, ...)

Records without a name (or with a kind that is not one) are not screened: they are the rows of
the rejects DataFrame (``input_id``, ``reason``), never an error that fails the job.
"""

from __future__ import annotations

import os
from typing import Dict, Iterator, List, Optional, Sequence, Union

from . import Screener

__all__ = ["HITS_SCHEMA", "REJECTS_SCHEMA", "distribute", "screen", "screen_with_rejects"]

#: The columns of the hits DataFrame (DDL).
HITS_SCHEMA = (
    "input_id string, entity_id string, list string, list_version string, "
    "score double, matched_name string, caption string"
)
#: The columns of the rejects DataFrame (DDL).
REJECTS_SCHEMA = "input_id string, reason string"

# What mapInArrow yields: hits and rejects in one stream, told apart by reject_reason.
_OUTPUT_SCHEMA = HITS_SCHEMA + ", reject_reason string"
_HIT_COLUMNS = ["input_id", "entity_id", "list", "list_version", "score", "matched_name", "caption"]

# Screeners opened in this Python worker, by snapshot path: opened once, reused by every batch
# and every task the worker runs.
_SCREENERS: Dict[str, Screener] = {}


def distribute(spark, path: str) -> str:
    """Ships the snapshot file at ``path`` to every executor (``SparkContext.addFile``) and
    returns ``path`` to pass to :func:`screen`."""
    spark.sparkContext.addFile(path)
    return path


def _screener(snapshot: str) -> Screener:
    screener = _SCREENERS.get(snapshot)
    if screener is None:
        from pyspark import TaskContext

        # A task screens on the cores Spark gave it (spark.task.cpus, 1 by default), not on
        # every core of the machine: the executor runs one Python worker per task slot.
        context = TaskContext.get()
        if context is not None:
            os.environ.setdefault("RAYON_NUM_THREADS", str(context.cpus()))
        path = snapshot
        if not os.path.exists(path):
            from pyspark import SparkFiles

            path = SparkFiles.get(os.path.basename(snapshot))
        screener = Screener.from_snapshot(path)
        _SCREENERS[snapshot] = screener
    return screener


def screen_with_rejects(
    df,
    snapshot: str,
    id_col: str,
    name_col: Union[str, Sequence[str]],
    kind_col: Optional[str] = None,
    dob_col: Optional[str] = None,
    country_col: Optional[str] = None,
    threshold: Optional[float] = None,
    limit: Optional[int] = None,
):
    """Screens every row of ``df`` against the snapshot file ``snapshot``; returns the
    DataFrames ``(hits, rejects)``.

    Both are filters of one ``mapInArrow`` DataFrame: computing both screens the input twice
    unless the input or the output is cached, as for any DataFrame used twice. Hits have the
    columns of :data:`HITS_SCHEMA` (``score`` rounded to 4 decimals, as the CLI batch writes it),
    rejects those of :data:`REJECTS_SCHEMA`. Give every row an id: a row whose id is empty gets
    its position in its Arrow batch, which does not identify it.
    """
    import pyarrow as pa
    from pyspark.sql import functions as F

    names: List[str] = [name_col] if isinstance(name_col, str) else list(name_col)
    optional = {"kind_col": kind_col, "dob_col": dob_col, "country_col": country_col}
    columns = [id_col, *names, *[c for c in optional.values() if c is not None]]
    # Every column as text, so that each batch reads as the CLI reads a CSV field.
    selected = df.select(*[F.col(c).cast("string").alias(c) for c in dict.fromkeys(columns)])
    kwargs = dict(name_col=names, id_col=id_col, **optional, threshold=threshold, limit=limit or 10)

    # Every batch yielded must have exactly this schema (nullable columns, as Spark's).
    text, number = pa.string(), pa.float64()
    output = pa.schema(
        [(c, number if c == "score" else text) for c in _HIT_COLUMNS] + [("reject_reason", text)]
    )

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        screener = _screener(snapshot)
        for batch in batches:
            result = screener.screen_arrow(batch, **kwargs)
            hits = pa.table(result.hits).select(_HIT_COLUMNS)
            hits = hits.append_column("reject_reason", pa.nulls(hits.num_rows, pa.string()))
            rejects = pa.table(result.rejects)
            n = rejects.num_rows
            rejected = pa.table(
                {
                    "input_id": rejects["input_id"],
                    "entity_id": pa.nulls(n, pa.string()),
                    "list": pa.nulls(n, pa.string()),
                    "list_version": pa.nulls(n, pa.string()),
                    "score": pa.nulls(n, pa.float64()),
                    "matched_name": pa.nulls(n, pa.string()),
                    "caption": pa.nulls(n, pa.string()),
                    "reject_reason": rejects["reason"],
                }
            )
            for part in (hits, rejected):
                yield from part.cast(output).to_batches()

    out = selected.mapInArrow(run, _OUTPUT_SCHEMA)
    hits = out.where(F.col("reject_reason").isNull()).select(*_HIT_COLUMNS)
    rejects = out.where(F.col("reject_reason").isNotNull()).select(
        "input_id", F.col("reject_reason").alias("reason")
    )
    return hits, rejects


def screen(
    df,
    snapshot: str,
    id_col: str,
    name_col: Union[str, Sequence[str]],
    kind_col: Optional[str] = None,
    dob_col: Optional[str] = None,
    country_col: Optional[str] = None,
    threshold: Optional[float] = None,
    limit: Optional[int] = None,
):
    """Screens every row of ``df`` against the snapshot file ``snapshot`` and returns a DataFrame
    of hits (:data:`HITS_SCHEMA`: ``input_id``, ``entity_id``, ``list``, ``list_version``,
    ``score``, ``matched_name``, ``caption``). Rows that cannot be screened are left out: get
    them with :func:`screen_with_rejects`."""
    hits, _ = screen_with_rejects(
        df, snapshot, id_col, name_col, kind_col, dob_col, country_col, threshold, limit
    )
    return hits


