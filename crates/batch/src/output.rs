//! Output rows (one per hit) and reject rows, rendered to bytes so that a chunk's rows can be
//! appended to the file in one write.

use crate::mapping::Record;
use embargo_engine::Snapshot;
use embargo_matcher::{Explanation, Hit};
use serde::{Deserialize, Serialize};

/// The format of the output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputFormat {
    Csv,
    JsonLines,
}

impl OutputFormat {
    /// The format a file name asks for: `.jsonl`, `.ndjson` and `.json` are JSON lines, anything
    /// else CSV.
    pub fn from_path(path: &std::path::Path) -> OutputFormat {
        match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("jsonl" | "ndjson" | "json") => OutputFormat::JsonLines,
            _ => OutputFormat::Csv,
        }
    }
}

/// The columns of a CSV output, in order (the explanation only with `explain`).
pub const CSV_COLUMNS: [&str; 11] = [
    "input_id",
    "input_line",
    "query_name",
    "entity_id",
    "list",
    "list_version",
    "score",
    "matched_name",
    "caption",
    "kind",
    "party_id",
];

/// One output row. Entity fields are `None` on the row of a record without hits (`--all`).
#[derive(Debug, Serialize)]
struct Row<'a> {
    input_id: &'a str,
    input_line: u64,
    query_name: &'a str,
    entity_id: Option<&'a str>,
    list: Option<&'a str>,
    list_version: Option<String>,
    score: Option<f64>,
    matched_name: Option<&'a str>,
    caption: Option<&'a str>,
    kind: Option<&'a str>,
    /// The real-world party of the entity: listings of one person on several lists share it.
    party_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a Explanation>,
}

/// Renders output rows.
pub struct RowWriter {
    pub format: OutputFormat,
    pub explain: bool,
}

impl RowWriter {
    /// The bytes at the start of the file (the CSV header line; nothing for JSON lines).
    pub fn header(&self) -> Vec<u8> {
        match self.format {
            OutputFormat::JsonLines => Vec::new(),
            OutputFormat::Csv => {
                let mut line = CSV_COLUMNS.join(",");
                if self.explain {
                    line.push_str(",explanation");
                }
                line.push('\n');
                line.into_bytes()
            }
        }
    }

    /// Appends the rows of `record` to `out`: one per hit, or one empty row when `all` and no hit.
    pub fn write_record(
        &self,
        out: &mut Vec<u8>,
        snapshot: &Snapshot,
        record: &Record,
        hits: &[Hit],
        all: bool,
    ) {
        let query_name = record.query.names.first().map(String::as_str).unwrap_or("");
        if hits.is_empty() {
            if all {
                let row = Row {
                    input_id: &record.id,
                    input_line: record.line,
                    query_name,
                    entity_id: None,
                    list: None,
                    list_version: None,
                    score: None,
                    matched_name: None,
                    caption: None,
                    kind: None,
                    party_id: None,
                    explanation: None,
                };
                self.write_row(out, &row);
            }
            return;
        }
        for hit in hits {
            let entity = &hit.entity;
            let list = entity.provenance.list.as_str();
            let version = snapshot.version_label_of(entity);
            let row = Row {
                input_id: &record.id,
                input_line: record.line,
                query_name: &hit.query_name,
                entity_id: Some(&entity.id),
                list: Some(list),
                list_version: Some(version),
                score: Some(round4(hit.score)),
                matched_name: Some(&hit.matched_name),
                caption: Some(entity.caption()),
                kind: Some(entity.kind.as_str()),
                party_id: Some(&hit.party_id),
                explanation: if self.explain { hit.explanation.as_ref() } else { None },
            };
            self.write_row(out, &row);
        }
    }

    fn write_row(&self, out: &mut Vec<u8>, row: &Row) {
        match self.format {
            OutputFormat::JsonLines => {
                serde_json::to_writer(&mut *out, row).expect("rows serialise");
                out.push(b'\n');
            }
            OutputFormat::Csv => {
                let line = row.input_line.to_string();
                let score = row.score.map(|s| format!("{s:.4}")).unwrap_or_default();
                let fields = [
                    row.input_id,
                    &line,
                    row.query_name,
                    row.entity_id.unwrap_or(""),
                    row.list.unwrap_or(""),
                    row.list_version.as_deref().unwrap_or(""),
                    &score,
                    row.matched_name.unwrap_or(""),
                    row.caption.unwrap_or(""),
                    row.kind.unwrap_or(""),
                    row.party_id.unwrap_or(""),
                ];
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_csv_field(out, field);
                }
                if self.explain {
                    out.push(b',');
                    let json = row.explanation.map(|e| serde_json::to_string(e).expect("serialises"));
                    write_csv_field(out, json.as_deref().unwrap_or(""));
                }
                out.push(b'\n');
            }
        }
    }
}

fn round4(score: f64) -> f64 {
    (score * 10_000.0).round() / 10_000.0
}

/// Writes one CSV field, quoted when it holds a comma, a quote or a line break.
pub fn write_csv_field(out: &mut Vec<u8>, field: &str) {
    if field.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in field.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

/// The header of the rejects file.
pub const REJECTS_HEADER: &[u8] = b"line,reason,raw\n";

/// Appends one reject row: line number, reason, and the raw row (invalid UTF-8 replaced by
/// U+FFFD so that the rejects file itself stays valid UTF-8).
pub fn write_reject(out: &mut Vec<u8>, line: u64, reason: &str, raw: &[u8]) {
    out.extend_from_slice(line.to_string().as_bytes());
    out.push(b',');
    write_csv_field(out, reason);
    out.push(b',');
    write_csv_field(out, &String::from_utf8_lossy(raw));
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut out = Vec::new();
        write_csv_field(&mut out, "plain");
        out.push(b'|');
        write_csv_field(&mut out, "AGHAJANI, Saeed \"Sam\"");
        assert_eq!(String::from_utf8(out).unwrap(), "plain|\"AGHAJANI, Saeed \"\"Sam\"\"\"");
    }

    #[test]
    fn rejects_keep_line_reason_and_raw_bytes() {
        let mut out = Vec::new();
        write_reject(&mut out, 12, "invalid UTF-8 at byte 3 of the row", b"1,\xffx");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "12,invalid UTF-8 at byte 3 of the row,\"1,\u{fffd}x\"\n"
        );
    }

    #[test]
    fn output_format_follows_the_extension() {
        assert_eq!(OutputFormat::from_path("hits.JSONL".as_ref()), OutputFormat::JsonLines);
        assert_eq!(OutputFormat::from_path("hits.csv".as_ref()), OutputFormat::Csv);
        assert_eq!(OutputFormat::from_path("hits".as_ref()), OutputFormat::Csv);
    }
}
