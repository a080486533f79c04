//! Which input columns hold what: the mapping given by flags or a mapping file, and its
//! resolution against the columns the input really has.

use crate::BatchError;
use embargo_matcher::Query;
use embargo_model::{DateSpec, EntityKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The column mapping as the user gave it, by column name. Every field is optional: a column
/// named `id`, `name`, `schema` or `kind`, `dob`, `country` is used when no mapping names one.
///
/// A mapping file is a JSON object with the same keys as the command-line flags:
///
/// ```
/// let mapping: embargo_batch::ColumnMapping = serde_json::from_str(r#"{
///     "id_col": "customer_no",
///     "name_col": ["first_name", "last_name"],
///     "kind": "person",
///     "dob_col": "birth_date",
///     "country_col": "nationality",
///     "id_number_col": ["passport"]
/// }"#).unwrap();
/// assert_eq!(mapping.name_col, ["first_name", "last_name"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    /// The record's own id, copied to every output row (default: the line number).
    #[serde(default)]
    pub id_col: Option<String>,
    /// Columns joined with a space to make the name (first and last name, ...).
    #[serde(default, deserialize_with = "one_or_many")]
    pub name_col: Vec<String>,
    /// A column holding the kind (`person`, `company`, FtM schema names ...).
    #[serde(default)]
    pub kind_col: Option<String>,
    /// One kind for every record; excludes `kind_col`.
    #[serde(default)]
    pub kind: Option<EntityKind>,
    #[serde(default)]
    pub dob_col: Option<String>,
    #[serde(default)]
    pub country_col: Option<String>,
    /// Columns of identifier values (passport, INN, IMO ...).
    #[serde(default, deserialize_with = "one_or_many")]
    pub id_number_col: Vec<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

impl ColumnMapping {
    /// Reads a mapping file (JSON, keys as in [`ColumnMapping`]).
    pub fn from_file(path: &Path) -> Result<ColumnMapping, BatchError> {
        let text = std::fs::read_to_string(path).map_err(|e| BatchError::io(path, e))?;
        serde_json::from_str(&text).map_err(|e| BatchError::Mapping {
            message: format!("{}: line {}, column {}: {e}", path.display(), e.line(), e.column()),
        })
    }

    /// This mapping with every field that `over` sets taken from `over` (flags over a file).
    pub fn overridden_by(mut self, over: ColumnMapping) -> ColumnMapping {
        if over.id_col.is_some() {
            self.id_col = over.id_col;
        }
        if !over.name_col.is_empty() {
            self.name_col = over.name_col;
        }
        if over.kind_col.is_some() || over.kind.is_some() {
            self.kind_col = over.kind_col;
            self.kind = over.kind;
        }
        if over.dob_col.is_some() {
            self.dob_col = over.dob_col;
        }
        if over.country_col.is_some() {
            self.country_col = over.country_col;
        }
        if !over.id_number_col.is_empty() {
            self.id_number_col = over.id_number_col;
        }
        self
    }

    /// Resolves the mapping against the input's `columns`, failing on a column that does not
    /// exist (naming those that do).
    pub fn resolve(&self, columns: &[String]) -> Result<ResolvedMapping, BatchError> {
        if self.kind.is_some() && self.kind_col.is_some() {
            return Err(BatchError::Mapping {
                message: "give either a kind column or a fixed kind, not both".to_owned(),
            });
        }
        let find = |wanted: &str| -> Result<Column, BatchError> {
            columns
                .iter()
                .position(|c| c == wanted)
                .or_else(|| columns.iter().position(|c| c.eq_ignore_ascii_case(wanted)))
                .map(|index| Column { name: columns[index].clone(), index })
                .ok_or_else(|| BatchError::Mapping {
                    message: format!("no column {wanted:?} in the input; its columns are: {}", list(columns)),
                })
        };
        let default = |names: &[&str]| -> Option<Column> { names.iter().find_map(|n| find(n).ok()) };
        let names = if self.name_col.is_empty() {
            vec![default(&["name"]).ok_or_else(|| BatchError::Mapping {
                message: format!(
                    "no name column: name one with --name-col (or call it `name`); the input's columns are: {}",
                    list(columns)
                ),
            })?]
        } else {
            self.name_col.iter().map(|c| find(c)).collect::<Result<_, _>>()?
        };
        let optional = |given: &Option<String>, defaults: &[&str]| -> Result<Option<Column>, BatchError> {
            match given {
                Some(c) => find(c).map(Some),
                None => Ok(default(defaults)),
            }
        };
        Ok(ResolvedMapping {
            id: optional(&self.id_col, &["id"])?,
            names,
            kind: if self.kind.is_some() { None } else { optional(&self.kind_col, &["schema", "kind"])? },
            fixed_kind: self.kind,
            dob: optional(&self.dob_col, &["dob"])?,
            country: optional(&self.country_col, &["country"])?,
            id_numbers: self.id_number_col.iter().map(|c| find(c)).collect::<Result<_, _>>()?,
        })
    }
}

fn list(columns: &[String]) -> String {
    if columns.is_empty() {
        return "(none)".to_owned();
    }
    columns.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
}

/// A mapped column: its name as the input spells it and its position (CSV).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    pub index: usize,
}

/// A mapping checked against the input's columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedMapping {
    pub id: Option<Column>,
    pub names: Vec<Column>,
    pub kind: Option<Column>,
    pub fixed_kind: Option<EntityKind>,
    pub dob: Option<Column>,
    pub country: Option<Column>,
    pub id_numbers: Vec<Column>,
}

/// A record ready to screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The record's id (its line number when no id column is mapped).
    pub id: String,
    pub line: u64,
    pub query: Query,
}

impl ResolvedMapping {
    /// Builds the record of line `line` from its field values (`values` gives the values of a
    /// column: one for CSV, any number for a JSON array). Fails with the reason a row is bad.
    pub fn record(&self, line: u64, values: impl Fn(&Column) -> Vec<String>) -> Result<Record, String> {
        let first = |c: &Option<Column>| -> Option<String> {
            c.as_ref()
                .and_then(|c| values(c).into_iter().map(|v| v.trim().to_owned()).find(|v| !v.is_empty()))
        };
        let name = self
            .names
            .iter()
            .flat_map(&values)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            let columns: Vec<&str> = self.names.iter().map(|c| c.name.as_str()).collect();
            return Err(format!("missing name (column {} empty)", columns.join(" + ")));
        }
        let kind = match (&self.fixed_kind, first(&self.kind)) {
            (Some(kind), _) => Some(*kind),
            (None, Some(value)) => match EntityKind::parse(&value) {
                Some(EntityKind::Unknown) => None,
                Some(kind) => Some(kind),
                None => return Err(format!("unknown kind {value:?} (expected person, organization, vessel, aircraft or an FtM schema)")),
            },
            (None, None) => None,
        };
        let id = first(&self.id).unwrap_or_else(|| line.to_string());
        let birth_dates = first(&self.dob).map(|d| DateSpec::parse(&d)).into_iter().collect();
        let countries = first(&self.country).into_iter().collect();
        let identifiers = self
            .id_numbers
            .iter()
            .flat_map(&values)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        let query = Query { names: vec![name], kind, birth_dates, countries, identifiers, gender: None };
        Ok(Record { id, line, query })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn default_columns_are_used_without_flags() {
        let m =
            ColumnMapping::default().resolve(&columns(&["ID", "Name", "schema", "dob", "country"])).unwrap();
        assert_eq!(m.id.unwrap().index, 0);
        assert_eq!(m.names[0].index, 1);
        assert_eq!(m.kind.unwrap().name, "schema");
        assert_eq!(m.dob.unwrap().index, 3);
        assert_eq!(m.country.unwrap().index, 4);
    }

    #[test]
    fn absent_column_error_names_the_columns_that_exist() {
        let mapping = ColumnMapping { name_col: vec!["full_name".into()], ..Default::default() };
        let err = mapping.resolve(&columns(&["id", "first", "last"])).unwrap_err().to_string();
        assert!(err.contains("\"full_name\""), "{err}");
        assert!(err.contains("\"id\", \"first\", \"last\""), "{err}");
        let err = ColumnMapping::default().resolve(&columns(&["x"])).unwrap_err().to_string();
        assert!(err.contains("no name column"), "{err}");
    }

    #[test]
    fn several_name_columns_are_joined_and_empty_names_rejected() {
        let mapping = ColumnMapping {
            name_col: vec!["first".into(), "last".into()],
            kind: Some(EntityKind::Person),
            ..Default::default()
        };
        let m = mapping.resolve(&columns(&["first", "last", "kind"])).unwrap();
        assert!(m.kind.is_none(), "a fixed kind replaces the default kind column");
        let row = ["Saeed", " AGHAJANI ", "vessel"];
        let rec = m.record(7, |c| vec![row[c.index].to_owned()]).unwrap();
        assert_eq!(rec.query.names, ["Saeed AGHAJANI"]);
        assert_eq!(rec.query.kind, Some(EntityKind::Person));
        assert_eq!(rec.id, "7");
        let err = m.record(8, |_| vec![" ".to_owned()]).unwrap_err();
        assert!(err.contains("missing name"), "{err}");
    }

    #[test]
    fn unknown_kind_value_rejects_the_row() {
        let m = ColumnMapping::default().resolve(&columns(&["name", "kind"])).unwrap();
        let row = ["ACME", "banana"];
        let err = m.record(2, |c| vec![row[c.index].to_owned()]).unwrap_err();
        assert!(err.contains("unknown kind \"banana\""), "{err}");
    }

    #[test]
    fn flags_override_the_mapping_file() {
        let file: ColumnMapping =
            serde_json::from_str(r#"{"name_col":"n","kind_col":"k","dob_col":"d"}"#).unwrap();
        let flags = ColumnMapping { kind: Some(EntityKind::Vessel), ..Default::default() };
        let merged = file.overridden_by(flags);
        assert_eq!(merged.name_col, ["n"]);
        assert_eq!(merged.kind_col, None);
        assert_eq!(merged.kind, Some(EntityKind::Vessel));
        assert_eq!(merged.dob_col.as_deref(), Some("d"));
        assert!(serde_json::from_str::<ColumnMapping>(r#"{"nmae_col":"x"}"#).is_err());
    }
}
