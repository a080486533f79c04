//! The pair-level labelled set (`data/pairs.csv`: `name1,name2,schema,label`).

use embargo_model::EntityKind;
use serde::Serialize;
use std::path::Path;

/// One labelled pair.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub name1: String,
    pub name2: String,
    pub schema: String,
    pub label: bool,
    /// 1-based line in the file, for reports.
    pub line: u64,
}

impl Pair {
    /// The entity kind of a FollowTheMoney schema name.
    pub fn kind(&self) -> Option<EntityKind> {
        match self.schema.as_str() {
            "Person" => Some(EntityKind::Person),
            "Company" | "Organization" | "LegalEntity" => Some(EntityKind::Organization),
            "Vessel" => Some(EntityKind::Vessel),
            "Airplane" => Some(EntityKind::Aircraft),
            _ => None,
        }
    }
}

/// Reads the pairs; any malformed row is an error naming the file, the line and the field.
pub fn read(path: &Path) -> Result<Vec<Pair>, String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader.headers().map_err(|e| format!("{}: header: {e}", path.display()))?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("{}: line 1: expected a `{name}` column in the header", path.display()))
    };
    let (c1, c2, cs, cl) = (column("name1")?, column("name2")?, column("schema")?, column("label")?);
    let mut pairs = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let label = match field(cl).as_str() {
            "1" | "true" | "match" => true,
            "0" | "false" | "no_match" => false,
            other => {
                return Err(format!(
                    "{}: line {line}: field `label`: expected 1/0 or true/false, found {other:?}",
                    path.display()
                ))
            }
        };
        pairs.push(Pair { name1: field(c1), name2: field(c2), schema: field(cs), label, line });
    }
    Ok(pairs)
}

/// Precision, recall and F1 of `scores` against `labels` at `threshold`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Prf {
    pub threshold: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

pub fn prf(scores: &[f64], labels: &[bool], threshold: f64) -> Prf {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (s, l) in scores.iter().zip(labels) {
        match (*s >= threshold, *l) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    let precision = if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 };
    let recall = if tp + fn_ == 0 { 1.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Prf { threshold, precision, recall, f1, true_positives: tp, false_positives: fp, false_negatives: fn_ }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_counts() {
        let p = prf(&[0.9, 0.85, 0.5, 0.95], &[true, false, true, true], 0.8);
        assert_eq!((p.true_positives, p.false_positives, p.false_negatives), (2, 1, 1));
        assert!((p.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((p.recall - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn the_shipped_pairs_file_reads_and_has_both_labels() {
        let pairs = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/pairs.csv")).unwrap();
        assert!(pairs.len() >= 100);
        assert!(pairs.iter().any(|p| p.label) && pairs.iter().any(|p| !p.label));
        assert!(pairs.iter().all(|p| !p.name1.is_empty() && !p.name2.is_empty() && p.kind().is_some()));
    }

    #[test]
    fn a_bad_label_is_reported_with_its_line() {
        let dir = std::env::temp_dir().join(format!("embargo-quality-pairs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bad.csv");
        std::fs::write(&file, "name1,name2,schema,label\nA,B,Person,1\nC,D,Person,maybe\n").unwrap();
        let err = read(&file).unwrap_err();
        assert!(err.contains("line 3") && err.contains("label"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
