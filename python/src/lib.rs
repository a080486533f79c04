//! `embargo._embargo`: the Rust half of the `embargo` Python package (PyO3, abi3).
//!
//! A [`Screener`] holds one loaded [`Snapshot`] (from the store, as the CLI loads it, or from a
//! snapshot file) and screens names (`screen`) and Arrow tables (`screen_arrow`, through the
//! Arrow PyCapsule interface, GIL released, every core) against it. Failures are
//! `embargo.EmbargoError` with the stable code of `embargo_errors`. The Python half
//! (`embargo/__init__.py`, `embargo/spark.py`) re-exports these and adds Spark.

mod arrow;
mod error;
mod hit;

use embargo_batch::ColumnMapping;
use embargo_engine::{Selection, Snapshot};
use embargo_errors::Code;
use embargo_matcher::{Query, ScreenOptions, DEFAULT_THRESHOLD};
use embargo_model::{DateSpec, EntityKind};
use embargo_store::Store;
use error::{embargo_error, from_library, invalid_parameter, with_context, EmbargoError};
use hit::{Comparison, Hit};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use std::path::PathBuf;
use std::sync::Arc;

/// One string or several (`name_col="name"` or `name_col=["first", "last"]`).
#[derive(FromPyObject)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(this: Option<OneOrMany>) -> Vec<String> {
        match this {
            None => Vec::new(),
            Some(OneOrMany::One(s)) => vec![s],
            Some(OneOrMany::Many(v)) => v,
        }
    }
}

/// The lists in force and what screening them needs, loaded once, screened many times.
#[pyclass(module = "embargo", frozen)]
struct Screener {
    snapshot: Arc<Snapshot>,
}

#[pymethods]
impl Screener {
    /// Loads the active version of every list from the store in `data_dir` (default, as the
    /// CLI: `$EMBARGO_DATA_DIR`, else `$XDG_DATA_HOME/embargo`, else `~/.local/share/embargo`).
    #[staticmethod]
    #[pyo3(signature = (data_dir=None))]
    fn open(py: Python<'_>, data_dir: Option<PathBuf>) -> PyResult<Screener> {
        let dir = data_dir.unwrap_or_else(default_data_dir);
        let snapshot = py.detach(|| {
            let store = Store::open(&dir)
                .map_err(|e| with_context(&format!("opening the store in {}", dir.display()), e))?;
            Snapshot::load(&store, &Selection::active()).map_err(from_library)
        })?;
        Ok(Screener { snapshot: Arc::new(snapshot) })
    }

    /// Opens a snapshot file written by `embargo snapshot export`.
    #[staticmethod]
    fn from_snapshot(py: Python<'_>, path: PathBuf) -> PyResult<Screener> {
        let snapshot = py.detach(|| Snapshot::open_file(&path)).map_err(from_library)?;
        Ok(Screener { snapshot: Arc::new(snapshot) })
    }

    /// The list versions loaded, as dicts (`list`, `version`, `sha256`, `publication_date`...).
    #[getter]
    fn lists<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = serde_json::to_string(self.snapshot.lists()).expect("list versions serialise");
        py.import("json")?.call_method1("loads", (json,))
    }

    /// The number of entities loaded.
    #[getter]
    fn entity_count(&self) -> usize {
        self.snapshot.entity_count()
    }

    /// Screens one party; hits best first.
    #[pyo3(signature = (name, kind=None, dob=None, country=None, ids=None, threshold=None, limit=10, explain=false, lists=None))]
    #[allow(clippy::too_many_arguments)]
    fn screen(
        &self,
        py: Python<'_>,
        name: &str,
        kind: Option<&str>,
        dob: Option<OneOrMany>,
        country: Option<OneOrMany>,
        ids: Option<OneOrMany>,
        threshold: Option<f64>,
        limit: usize,
        explain: bool,
        lists: Option<Vec<String>>,
    ) -> PyResult<Vec<Hit>> {
        if name.trim().is_empty() {
            return Err(embargo_error(Code::EmptyQuery, "the name to screen is empty"));
        }
        let query = Query {
            names: vec![name.to_owned()],
            kind: kind.map(parse_kind).transpose()?,
            birth_dates: OneOrMany::into_vec(dob).iter().map(|d| DateSpec::parse(d)).collect(),
            countries: OneOrMany::into_vec(country),
            identifiers: OneOrMany::into_vec(ids),
            gender: None,
        };
        let options = screen_options(threshold, limit, explain, lists)?;
        let snapshot = &self.snapshot;
        let hits = py.detach(|| snapshot.screen(&query, &options)).map_err(from_library)?;
        hits.iter().map(|h| Hit::new(py, snapshot, h)).collect()
    }

    /// Screens every row of an Arrow table, record batch or stream (anything with
    /// `__arrow_c_stream__` or `__arrow_c_array__`: pyarrow, polars, ...), read without a copy.
    /// Columns are mapped as `embargo screen --input` maps them. Returns a `ScreenedTable`.
    #[pyo3(signature = (table, name_col=None, id_col=None, kind_col=None, dob_col=None, country_col=None, id_number_col=None, kind=None, threshold=None, limit=10, lists=None))]
    #[allow(clippy::too_many_arguments)]
    fn screen_arrow(
        &self,
        py: Python<'_>,
        table: AnyRecordBatch,
        name_col: Option<OneOrMany>,
        id_col: Option<String>,
        kind_col: Option<String>,
        dob_col: Option<String>,
        country_col: Option<String>,
        id_number_col: Option<OneOrMany>,
        kind: Option<&str>,
        threshold: Option<f64>,
        limit: usize,
        lists: Option<Vec<String>>,
    ) -> PyResult<ScreenedTable> {
        let options = screen_options(threshold, limit, false, lists)?;
        if let Some(lists) = &options.lists {
            self.snapshot.check_lists(lists).map_err(from_library)?;
        }
        let mapping = ColumnMapping {
            id_col,
            name_col: OneOrMany::into_vec(name_col),
            kind_col,
            kind: kind.map(parse_kind).transpose()?,
            dob_col,
            country_col,
            id_number_col: OneOrMany::into_vec(id_number_col),
        };
        // The batches are read with the GIL held (a stream may be produced by Python code);
        // their buffers are shared, not copied.
        let reader = table.into_reader()?;
        let columns: Vec<String> = reader.schema().fields().iter().map(|f| f.name().clone()).collect();
        let mapping = mapping.resolve(&columns).map_err(from_library)?;
        let batches = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| embargo_error(Code::BatchInput, format!("reading the Arrow input: {e}")))?;
        let snapshot = &self.snapshot;
        let screened = py
            .detach(|| arrow::screen_batches(snapshot, &mapping, &options, &batches))
            .map_err(|e| embargo_error(Code::BatchInput, e.to_string()))?;
        Ok(ScreenedTable {
            hits: Py::new(py, PyTable::try_new(screened.hits, arrow::HITS_SCHEMA.clone())?)?,
            rejects: Py::new(py, PyTable::try_new(screened.rejects, arrow::REJECTS_SCHEMA.clone())?)?,
        })
    }

    fn __repr__(&self) -> String {
        format!("Screener({} entities of {})", self.snapshot.entity_count(), self.snapshot.labels().join(" "))
    }
}

/// What `Screener.screen_arrow` returns: the hits, and the rows that could not be screened.
/// It reads as its hits table through the Arrow PyCapsule interface
/// (`pyarrow.table(result)`, `polars.DataFrame(result)`).
#[pyclass(module = "embargo", frozen, get_all)]
struct ScreenedTable {
    /// One row per hit: input_id, input_row, query_name, entity_id, list, list_version, score
    /// (rounded to 4 decimals, as the CLI batch writes it), matched_name, caption, kind.
    hits: Py<PyTable>,
    /// One row per record not screened: input_row, input_id, reason.
    rejects: Py<PyTable>,
}

#[pymethods]
impl ScreenedTable {
    /// The hits as an Arrow C stream (the PyCapsule interface).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.hits.bind(py).call_method1("__arrow_c_stream__", (requested_schema,))
    }

    fn __repr__(&self) -> String {
        let rows = |t: &Py<PyTable>| t.get().batches().iter().map(|b| b.num_rows()).sum::<usize>();
        format!("ScreenedTable({} hits, {} rejects)", rows(&self.hits), rows(&self.rejects))
    }
}

/// Compares two names with the default scorer (`embargo compare A B`).
#[pyfunction]
#[pyo3(signature = (a, b, kind=None))]
fn compare(py: Python<'_>, a: &str, b: &str, kind: Option<&str>) -> PyResult<Comparison> {
    let kind = kind.map(parse_kind).transpose()?;
    let comparison = py.detach(|| embargo_matcher::compare(a, b, kind));
    Comparison::new(py, &comparison)
}

/// Validates the screening options as the CLI does.
fn screen_options(
    threshold: Option<f64>,
    limit: usize,
    explain: bool,
    lists: Option<Vec<String>>,
) -> PyResult<ScreenOptions> {
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(invalid_parameter(format!(
            "threshold {threshold} is out of range: expected a score between 0 and 1"
        )));
    }
    if limit == 0 {
        return Err(invalid_parameter("limit must be at least 1"));
    }
    let lists: Vec<String> =
        lists.unwrap_or_default().iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    Ok(ScreenOptions {
        threshold,
        limit,
        lists: if lists.is_empty() { None } else { Some(lists) },
        explain,
        ..ScreenOptions::default()
    })
}

/// A kind as the CLI accepts it (`person`, `Company`, ...).
fn parse_kind(value: &str) -> PyResult<EntityKind> {
    match EntityKind::parse(value) {
        Some(kind) if kind != EntityKind::Unknown => Ok(kind),
        _ => Err(embargo_error(
            Code::UnknownSchema,
            format!(
                "unknown kind {value:?}: expected person, organization, vessel or aircraft \
                 (or an FtM schema: Person, Company, Organization, LegalEntity, Vessel, Airplane)"
            ),
        )),
    }
}

/// The CLI's default data directory (`crates/cli/src/data_dir.rs`; repeated here because the
/// CLI is a binary crate, not a library).
fn default_data_dir() -> PathBuf {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var("EMBARGO_DATA_DIR") {
        return dir;
    }
    if let Some(xdg) = var("XDG_DATA_HOME") {
        return xdg.join("embargo");
    }
    match var("HOME") {
        Some(home) => home.join(".local/share/embargo"),
        None => PathBuf::from(".embargo"),
    }
}

#[pymodule]
fn _embargo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Screener>()?;
    m.add_class::<ScreenedTable>()?;
    m.add_class::<Hit>()?;
    m.add_class::<Comparison>()?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add("EmbargoError", m.py().get_type::<EmbargoError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
