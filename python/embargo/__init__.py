"""embargo: sanctions and export-control screening from Python.

Screen names, and whole Arrow tables, against the official sanctions lists with the same
engine as the ``embargo`` command line::

    import embargo

    screener = embargo.Screener.from_snapshot("lists.embargo")   # or Screener.open(data_dir)
    for hit in screener.screen("Saeed Aghajany", kind="person"):
        print(hit.score, hit.entity_id, hit.list, hit.list_version, hit.matched_name)

    import pyarrow as pa
    result = screener.screen_arrow(pa.table({"id": ["1"], "name": ["AO OEZ PPT ALABUGA"]}))
    hits = pa.table(result)          # zero-copy, through the Arrow PyCapsule interface
    rejects = pa.table(result.rejects)

A snapshot file is written by ``embargo snapshot export PATH``. Spark: see :mod:`embargo.spark`.
Every failure is an :class:`EmbargoError` whose ``code`` is a stable code (docs/errors.md).
"""

from ._embargo import (
    Comparison,
    EmbargoError,
    Hit,
    ScreenedTable,
    Screener,
    __version__,
    compare,
)

__all__ = [
    "Comparison",
    "EmbargoError",
    "Hit",
    "ScreenedTable",
    "Screener",
    "__version__",
    "compare",
]
