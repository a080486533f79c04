"""Type stubs of the Rust extension embargo._embargo (python/src/lib.rs)."""

from os import PathLike
from typing import Any, Dict, List, Optional, Sequence, Union

__version__: str

_Strs = Union[str, Sequence[str]]

class EmbargoError(Exception):
    """An embargo failure; ``code`` is its stable code (docs/errors.md), the message the CLI's."""

    code: str

class Hit:
    """One listed entity a screened name may be."""

    entity_id: str
    """``list:publisher id`` (``un:IRi.003``)."""
    list: str
    """The list id (``ofac-sdn``)."""
    list_version: str
    """The list's version in the loaded snapshot (``"3"``)."""
    score: float
    """0..1; 1.0 only for an identical name."""
    matched_name: str
    """The listed name that scored best."""
    caption: str
    """The entity's primary name."""
    kind: str
    """``person``, ``organization``, ``vessel``, ``aircraft`` or ``unknown``."""
    query_name: str
    """The query name that scored best."""
    explanation: Optional[Dict[str, Any]]
    """With ``explain=True``: ``{"value": float, "why": str, "children": [...]}``."""

    def to_dict(self) -> Dict[str, Any]:
        """Every field as a dict."""

class Comparison:
    """How similar two names are, and why."""

    score: float
    explanation: Dict[str, Any]
    """``{"value": float, "why": str, "children": [...]}``."""
    explanation_text: str
    """The indented tree ``embargo compare --explain`` prints."""

class ScreenedTable:
    """The result of :meth:`Screener.screen_arrow`; reads as its hits table through the Arrow
    PyCapsule interface (``pyarrow.table(result)``, ``polars.DataFrame(result)``)."""

    hits: Any
    """Arrow table: input_id, input_row, query_name, entity_id, list, list_version, score
    (rounded to 4 decimals, as the CLI batch writes it), matched_name, caption, kind."""
    rejects: Any
    """Arrow table of the rows not screened: input_row, input_id, reason."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...

class Screener:
    """The lists in force and what screening them needs, loaded once, screened many times.

    Thread-safe: screen from as many threads as you like (the GIL is released while screening).
    """

    @staticmethod
    def open(data_dir: Optional[Union[str, PathLike[str]]] = None) -> "Screener":
        """Loads the active version of every list from the store in ``data_dir`` (default as the
        CLI: ``$EMBARGO_DATA_DIR``, else ``$XDG_DATA_HOME/embargo``, else
        ``~/.local/share/embargo``)."""

    @staticmethod
    def from_snapshot(path: Union[str, PathLike[str]]) -> "Screener":
        """Opens a snapshot file written by ``embargo snapshot export PATH``."""

    @property
    def lists(self) -> List[Dict[str, Any]]:
        """The list versions loaded: ``list``, ``version``, ``publisher``, ``format``,
        ``publication_date``, ``imported_at``, ``sha256``, ``entities``, ``warnings``,
        ``reader_version``, ``active``."""

    @property
    def entity_count(self) -> int:
        """The number of entities loaded."""

    def screen(
        self,
        name: str,
        kind: Optional[str] = None,
        dob: Optional[_Strs] = None,
        country: Optional[_Strs] = None,
        ids: Optional[_Strs] = None,
        threshold: Optional[float] = None,
        limit: int = 10,
        explain: bool = False,
        lists: Optional[Sequence[str]] = None,
    ) -> List[Hit]:
        """Screens one party (``embargo screen NAME``); hits best first.

        ``kind``: person, organization, vessel, aircraft or an FtM schema name. ``dob``: dates of
        birth or incorporation (``"1964"``, ``"1964-03-12"``, ``"circa 1964"``). ``country``:
        names or ISO codes. ``ids``: identifier values. ``threshold`` defaults to the matcher's
        (0.80). ``lists`` keeps hits of these list ids only.
        """

    def screen_arrow(
        self,
        table: Any,
        name_col: Optional[_Strs] = None,
        id_col: Optional[str] = None,
        kind_col: Optional[str] = None,
        dob_col: Optional[str] = None,
        country_col: Optional[str] = None,
        id_number_col: Optional[_Strs] = None,
        kind: Optional[str] = None,
        threshold: Optional[float] = None,
        limit: int = 10,
        lists: Optional[Sequence[str]] = None,
    ) -> ScreenedTable:
        """Screens every row of an Arrow table, record batch or stream (any object with
        ``__arrow_c_stream__`` or ``__arrow_c_array__``), read without a copy, on every core with
        the GIL released.

        Columns are mapped as ``embargo screen --input`` maps them: ``name_col`` (several are
        joined with a space; default ``name``), ``id_col`` (default ``id``, else the row's
        position from 0), ``kind_col`` (default ``schema`` or ``kind``) or one ``kind`` for all,
        ``dob_col`` (default ``dob``), ``country_col`` (default ``country``), ``id_number_col``.
        Values of other types are read as Arrow casts them to text; nulls as empty. Rows without
        a name or with an unknown kind go to ``rejects``.
        """

def compare(a: str, b: str, kind: Optional[str] = None) -> Comparison:
    """Compares two names with the default scorer (``embargo compare A B``)."""
