//! The Common High Priority List (CHPL) of the US, the EU, the UK and Japan: the HS-6 codes of
//! the items found in Russian weapons on the battlefield in Ukraine (processors, memories,
//! GNSS receivers, bearings, machine tools...), graded in tiers, that exporters must keep from
//! reaching Russia directly or through third countries.
//!
//! A goods list (see [`embargo_model::Goods`]): each code is an entity `chpl:<hs6>` whose
//! [`goods`](embargo_model::Entity::goods) holds the code and its tier and whose primary name is
//! the HS description, so the list imports, versions and diffs like any other and is never
//! screened as a party ([`embargo_model::Entity::is_goods`]).
//!
//! The file read is a transcription CSV, `hs6,hs_dotted,tier,description,description_note`: an
//! HS-6 code of six digits, the code with its dot, the tier (`Tier 1` ... `Tier 4.B`), the HS
//! description and a note on the transcription. It states no date; a date written in the file
//! name (`chpl_hs6_2024-02-23.csv`), the CHPL revision transcribed, is taken as the publication
//! date, and its absence is a warning.
//!
//! ```no_run
//! use embargo_readers::{chpl::ChplReader, ListReader};
//! use std::path::PathBuf;
//!
//! let mut codes = Vec::new();
//! ChplReader.read(&[PathBuf::from("chpl_hs6_2024-02-23.csv")], &mut |e| codes.push(e)).unwrap();
//! assert_eq!(codes[0].goods.as_ref().unwrap().category.as_deref(), Some("Tier 1"));
//! ```

use crate::custom_csv::CsvRows;
use crate::{Format, ListReader, Location, ReadError, ReadReport};
use embargo_model::{Entity, Goods, GoodsScheme, PartialDate};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Reads the CHPL transcription CSV.
pub struct ChplReader;

/// The list id.
pub const LIST: &str = "chpl";
const PUBLISHER: &str = "US Commerce (BIS), European Commission, UK and Japan: Common High Priority List";
/// The header of the transcription.
pub(crate) const HEADER: [&str; 5] = ["hs6", "hs_dotted", "tier", "description", "description_note"];

impl ListReader for ChplReader {
    fn format(&self) -> Format {
        Format::ChplCsv
    }

    fn read(&self, files: &[PathBuf], sink: &mut dyn FnMut(Entity)) -> Result<ReadReport, ReadError> {
        let file = crate::single_file(files, "one CHPL CSV file")?;
        let expected = format!("the CHPL CSV (header {})", HEADER.join(","));
        let mut report = ReadReport::new(LIST, PUBLISHER, Format::ChplCsv);
        report.publication_date = date_in_name(file);
        if report.publication_date.is_none() {
            report.warn(
                file,
                Location::File,
                "no publication date: the file states none, and its name holds no YYYY-MM-DD date",
            );
        }
        let mut rows = CsvRows::open(file, b',', &expected)?;
        let mut cells = Vec::new();
        let Some(header_line) = rows.next_row(&mut cells)? else {
            return Err(ReadError::new(file, Location::File, expected, "no rows"));
        };
        if cells.iter().map(|c| c.trim()).ne(HEADER) {
            return Err(ReadError::new(
                file,
                Location::Line(header_line),
                expected,
                format!("the header is {}", cells.join(",")),
            ));
        }
        let mut seen = HashSet::new();
        while let Some(line) = rows.next_row(&mut cells)? {
            let at = Location::Line(line);
            if cells.len() == 1 && cells[0].trim().is_empty() {
                continue;
            }
            if cells.len() != HEADER.len() {
                return Err(ReadError::new(
                    file,
                    at,
                    format!("{} columns", HEADER.len()),
                    format!("found {} columns", cells.len()),
                ));
            }
            let [code, dotted, tier, description, note] = [0, 1, 2, 3, 4].map(|i| cells[i].trim());
            if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ReadError::new(
                    file,
                    at,
                    "an HS-6 code of six digits in column hs6",
                    format!("found {code:?}"),
                ));
            }
            if tier.is_empty() || description.is_empty() {
                return Err(ReadError::new(
                    file,
                    at,
                    "a tier and a description",
                    format!("code {code} lacks one"),
                ));
            }
            if !seen.insert(code.to_owned()) {
                report.warn(file, at, format!("code {code} repeats an earlier row; this row was skipped"));
                continue;
            }
            let goods =
                Goods { scheme: GoodsScheme::Hs, code: code.to_owned(), category: Some(tier.to_owned()) };
            let mut entity = Entity::goods(LIST, goods, description);
            entity.push_extra("HS code as written", dotted);
            if !note.is_empty() {
                entity.remarks.push(note.to_owned());
            }
            report.emit(entity, sink);
        }
        Ok(report)
    }
}

/// The last `YYYY-MM-DD` in the file name.
fn date_in_name(file: &Path) -> Option<PartialDate> {
    let stem = file.file_stem()?.to_string_lossy();
    let bytes = stem.as_bytes();
    (0..bytes.len().saturating_sub(9))
        .rev()
        .filter(|&i| stem.is_char_boundary(i) && stem.is_char_boundary(i + 10))
        .filter(|&i| {
            let shape = &bytes[i..i + 10];
            shape
                .iter()
                .enumerate()
                .all(|(k, b)| if k == 4 || k == 7 { *b == b'-' } else { b.is_ascii_digit() })
        })
        .find_map(|i| PartialDate::parse_iso(&stem[i..i + 10]).filter(|d| d.day.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_comes_from_the_file_name() {
        let date = |name: &str| date_in_name(Path::new(name)).map(|d| d.to_string());
        assert_eq!(date("chpl_hs6_2024-02-23.csv").as_deref(), Some("2024-02-23"));
        assert_eq!(date("/x/2023-01-01/chpl-2024-02-23.csv").as_deref(), Some("2024-02-23"));
        assert_eq!(date("chpl.csv"), None);
        assert_eq!(date("chpl_2024-13-45.csv"), None);
    }
}
