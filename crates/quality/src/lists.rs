//! Reading the lists the harnesses index: the newest edition of each list.
//!
//! The product keeps one active version per list id, so the harness indexes one edition of
//! each list too. `shared/data/lists` holds two editions of the OFAC SDN: the official 2024
//! `SDN.CSV` (list id `ofac-sdn`) and the 2026-08-20 publication repackaged by a third party
//! (read today under the list id `ofac-sdn-2026`). Indexing both counted one list twice (a
//! quarter of all names were "the same person on several lists" mostly for that reason).
//!
//! The rule: an edition's list is the reader's list id without a trailing `-YYYY` edition year
//! (`ofac-sdn-2026` is an edition of `ofac-sdn`; once the readers report both as `ofac-sdn`,
//! nothing changes here). Its date is the publication date the files state, or else the first
//! `YYYY-MM-DD` in the path of its main file. Of the editions of one list the newest is in
//! force; the others are reported and not indexed.

use embargo_model::Entity;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

/// One edition of a list found under the lists folder.
#[derive(Debug, Clone, Serialize)]
pub struct ListEdition {
    /// The list this is an edition of (`ofac-sdn`).
    pub list: String,
    /// The list id its reader gave (`ofac-sdn-2026`): the prefix of its entities' ids.
    pub read_as: String,
    /// The format read (`ofac-csv`, `uk-ofsi-csv`, ...).
    pub format: String,
    /// Publication date (`2026-08-20`), from the files or their folder name; empty if neither says.
    pub date: String,
    /// The main file.
    pub path: String,
    /// Entities and names read.
    pub entities: usize,
    /// Names of those entities.
    pub names: usize,
    /// Whether this edition is the one indexed (the newest of its list).
    pub in_force: bool,
}

impl fmt::Display for ListEdition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<16} {:<10} {:>6} entities {:>7} names  {:<14} {} {}",
            self.list,
            if self.date.is_empty() { "(no date)" } else { &self.date },
            self.entities,
            self.names,
            self.read_as,
            self.format,
            if self.in_force { "indexed (newest edition)" } else { "NOT indexed: an older edition" }
        )
    }
}

/// The entities of the editions in force, and what was found.
pub struct Lists {
    /// Entities of the newest edition of each list.
    pub entities: Vec<Entity>,
    /// Every edition found, in force or not.
    pub editions: Vec<ListEdition>,
    /// Lists that could not be read (reported, left out).
    pub problems: Vec<String>,
}

/// The list an edition belongs to: the reader's list id without a trailing `-YYYY`.
pub fn list_of(read_as: &str) -> &str {
    match read_as.rsplit_once('-') {
        Some((base, year))
            if !base.is_empty() && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base
        }
        _ => read_as,
    }
}

/// The first `YYYY-MM-DD` in `text`.
fn date_in(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        (digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10))
            .then(|| text[i..i + 10].to_owned())
    })
}

/// Reads every list under `dir` and keeps the newest edition of each. A list whose reader fails
/// is reported in [`Lists::problems`] and left out.
pub fn load_newest(dir: &Path) -> Result<Lists, String> {
    let found = embargo_readers::detect::detect(&[dir.to_path_buf()])
        .map_err(|e| format!("cannot look for lists in {}: {e}", dir.display()))?;
    let mut read: Vec<(ListEdition, Vec<Entity>)> = Vec::new();
    let mut problems = Vec::new();
    for set in &found.lists {
        let Some(reader) = set.reader() else {
            problems.push(format!("{} ({}): no reader", set.list, set.format));
            continue;
        };
        let mut entities = Vec::new();
        match reader.read(&set.files, &mut |e| entities.push(e)) {
            Ok(report) => {
                let path = set.files.first().map(|p| p.display().to_string()).unwrap_or_default();
                let date = report
                    .publication_date
                    .map(|d| d.to_string())
                    .or_else(|| date_in(&path))
                    .unwrap_or_default();
                let edition = ListEdition {
                    list: list_of(&report.list).to_owned(),
                    read_as: report.list.clone(),
                    format: set.format.to_string(),
                    date,
                    path,
                    entities: entities.len(),
                    names: entities.iter().map(|e| e.names.len()).sum(),
                    in_force: false,
                };
                read.push((edition, entities));
            }
            Err(e) => problems.push(format!("{} ({}): {e}", set.list, set.format)),
        }
    }
    // The newest edition of each list; on equal dates the later one found.
    let mut newest: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (e, _)) in read.iter().enumerate() {
        let slot = newest.entry(e.list.clone()).or_insert(i);
        if read[*slot].0.date <= e.date {
            *slot = i;
        }
    }
    let mut lists = Lists { entities: Vec::new(), editions: Vec::new(), problems };
    let mut ids = HashSet::new();
    for (i, (mut edition, entities)) in read.into_iter().enumerate() {
        edition.in_force = newest.get(&edition.list) == Some(&i);
        if edition.in_force {
            lists.entities.extend(entities.into_iter().filter(|e| ids.insert(e.id.clone())));
        }
        lists.editions.push(edition);
    }
    if lists.entities.is_empty() {
        return Err(format!("no list could be read under {}: {:?}", dir.display(), lists.problems));
    }
    Ok(lists)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_ending_in_a_year_is_an_edition_of_the_list_without_it() {
        assert_eq!(list_of("ofac-sdn-2026"), "ofac-sdn");
        assert_eq!(list_of("ofac-sdn"), "ofac-sdn");
        assert_eq!(list_of("uk-ofsi"), "uk-ofsi");
        assert_eq!(list_of("un"), "un");
        assert_eq!(list_of("-2026"), "-2026");
    }

    #[test]
    fn the_date_of_a_folder_name_is_found() {
        assert_eq!(
            date_in("lists/ofac/sdn-2026-08-20-kindrat86/ofac-sdn.csv").as_deref(),
            Some("2026-08-20")
        );
        assert_eq!(date_in("lists/ofac/sdn-csv-2024-07-02/SDN.CSV").as_deref(), Some("2024-07-02"));
        assert_eq!(date_in("no date here"), None);
    }
}
