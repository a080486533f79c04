//! What screening and comparing return to Python: `Hit` and `Comparison`, with explanations as
//! nested dicts.

use embargo_engine::Snapshot;
use embargo_matcher::Explanation;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// One listed entity a screened name may be.
#[pyclass(module = "embargo", frozen, get_all)]
pub struct Hit {
    /// `list:publisher id` (`un:IRi.003`).
    pub entity_id: String,
    /// The list id (`ofac-sdn`).
    pub list: String,
    /// The list's version in the snapshot (`3`).
    pub list_version: String,
    /// 0..1, 1.0 only for an identical name.
    pub score: f64,
    /// The listed name that scored best.
    pub matched_name: String,
    /// The entity's primary name.
    pub caption: String,
    /// `person`, `organization`, `vessel`, `aircraft` or `unknown`.
    pub kind: String,
    /// The query name that scored best.
    pub query_name: String,
    /// With `explain=True`: `{"value", "why", "children": [...]}`; else `None`.
    pub explanation: Option<Py<PyDict>>,
}

impl Hit {
    /// The Python hit of a matcher hit.
    pub fn new(py: Python<'_>, snapshot: &Snapshot, hit: &embargo_matcher::Hit) -> PyResult<Hit> {
        let entity = &hit.entity;
        Ok(Hit {
            entity_id: entity.id.clone(),
            list: entity.provenance.list.clone(),
            list_version: snapshot.version_label_of(entity),
            score: hit.score,
            matched_name: hit.matched_name.clone(),
            caption: entity.caption().to_owned(),
            kind: entity.kind.as_str().to_owned(),
            query_name: hit.query_name.clone(),
            explanation: hit.explanation.as_ref().map(|e| explanation_dict(py, e)).transpose()?,
        })
    }
}

#[pymethods]
impl Hit {
    /// Every field as a dict (the explanation as nested dicts), for JSON or a DataFrame row.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("entity_id", &self.entity_id)?;
        d.set_item("list", &self.list)?;
        d.set_item("list_version", &self.list_version)?;
        d.set_item("score", self.score)?;
        d.set_item("matched_name", &self.matched_name)?;
        d.set_item("caption", &self.caption)?;
        d.set_item("kind", &self.kind)?;
        d.set_item("query_name", &self.query_name)?;
        d.set_item("explanation", self.explanation.as_ref().map(|e| e.bind(py)))?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Hit(entity_id={:?}, list={:?}, list_version={:?}, score={:.4}, matched_name={:?})",
            self.entity_id, self.list, self.list_version, self.score, self.matched_name
        )
    }
}

/// How similar two names are, and why.
#[pyclass(module = "embargo", frozen, get_all)]
pub struct Comparison {
    /// 0..1.
    pub score: f64,
    /// `{"value", "why", "children": [...]}`.
    pub explanation: Py<PyDict>,
    /// The explanation as the indented tree `embargo compare --explain` prints.
    pub explanation_text: String,
}

impl Comparison {
    /// The Python comparison of a matcher comparison.
    pub fn new(py: Python<'_>, c: &embargo_matcher::Comparison) -> PyResult<Comparison> {
        Ok(Comparison {
            score: c.score,
            explanation: explanation_dict(py, &c.explanation)?,
            explanation_text: c.explanation.to_string(),
        })
    }
}

#[pymethods]
impl Comparison {
    fn __repr__(&self) -> String {
        format!("Comparison(score={:.4})", self.score)
    }
}

/// An explanation tree as nested dicts.
fn explanation_dict(py: Python<'_>, e: &Explanation) -> PyResult<Py<PyDict>> {
    let d = PyDict::new(py);
    d.set_item("value", e.value)?;
    d.set_item("why", &e.why)?;
    let children = PyList::empty(py);
    for child in &e.children {
        children.append(explanation_dict(py, child)?)?;
    }
    d.set_item("children", children)?;
    Ok(d.unbind())
}
