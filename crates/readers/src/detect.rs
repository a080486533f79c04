//! Finding which lists a path holds: their format and the set of files of each list version.
//!
//! Files are recognised by name where publishers fix the names (OFAC's `SDN.CSV` family, the
//! five derived UK tables) and otherwise by their first bytes: the root element of an XML file,
//! the header row of a CSV, a FollowTheMoney object on the first line of JSON lines, the ZIP
//! signature of a workbook. Files that belong together (OFAC's `SDN.CSV` with `ALT.CSV`,
//! `ADD.CSV` and `SDN_COMMENTS.CSV` from the same folder) become one [`ListFiles`]; anything
//! recognised but not importable on its own, and anything not recognised, is reported in
//! [`Detection::skipped`] with the reason, so nothing is silently ignored.
//!
//! ```no_run
//! use embargo_readers::detect::detect;
//! use std::path::PathBuf;
//!
//! let found = detect(&[PathBuf::from("/data/lists")]).unwrap();
//! for set in &found.lists {
//!     println!("{} ({}): {} files", set.list, set.format, set.files.len());
//! }
//! for skip in &found.skipped {
//!     println!("skipped {}: {}", skip.path.display(), skip.reason);
//! }
//! ```

use crate::custom_csv::{CustomCsvReader, Mapping};
use crate::{chpl, ofac, reader_for, us_csl, Format, ListReader, Location, ReadError};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How many bytes are read from a file to recognise it.
const SNIFF_BYTES: usize = 64 * 1024;

/// The files of one list version and how to read them.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFiles {
    pub format: Format,
    /// The list id the files are expected to hold (the reader has the last word).
    pub list: String,
    /// The files, the main one first (`SDN.CSV`, `CONS_PRIM.CSV`, `subjects.csv`).
    pub files: Vec<PathBuf>,
    /// For [`Format::CustomCsv`]: the mapping of a known third-party layout.
    pub mapping: Option<Mapping>,
}

impl ListFiles {
    /// The reader for these files; `None` for a custom CSV without a known mapping.
    pub fn reader(&self) -> Option<Box<dyn ListReader>> {
        match (&self.format, &self.mapping) {
            (Format::CustomCsv, Some(mapping)) => {
                Some(Box::new(CustomCsvReader::from_mapping(mapping.clone())))
            }
            (format, _) => reader_for(*format),
        }
    }
}

/// A file found but not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What [`detect`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Detection {
    /// One entry per list version, in path order.
    pub lists: Vec<ListFiles>,
    pub skipped: Vec<Skipped>,
}

/// The layout of the 2026 OFAC SDN names as repackaged by a third party (`kindrat86`):
/// `uid,name,type,programs,alternate_names`, the uid being OFAC's ent_num. Its mapping is the
/// one shipped in `config/mappings/`, so the two cannot drift apart.
const KINDRAT86_HEADER: &str = "uid,name,type,programs,alternate_names";
const KINDRAT86_MAPPING: &str = include_str!("../../../config/mappings/ofac-sdn-kindrat86.toml");

/// What one file is, on its own.
#[derive(Debug, Clone, PartialEq)]
enum FileClass {
    /// Part of an OFAC CSV set: (`ofac-sdn` or `ofac-cons`, is it the primary file).
    OfacCsv {
        list: &'static str,
        primary: bool,
    },
    /// One of the five derived UK tables; `subjects.csv` is the primary.
    FcdoTable {
        primary: bool,
    },
    /// A file that is a list version by itself.
    Single {
        format: Format,
        list: String,
        mapping: Option<Box<Mapping>>,
    },
    Unknown(String),
}

/// Finds the list versions in `paths` (files or folders, folders searched recursively).
///
/// Files of a multi-file set are grouped by folder, except those named one by one: files named
/// on the command line form one set whatever their folders, so `SDN.CSV` from one download can
/// be joined with the `ALT.CSV`, `ADD.CSV` and `SDN_COMMENTS.CSV` of another on purpose.
///
/// Fails only when a path cannot be read at all (missing, unreadable); a file that is not a
/// list goes to [`Detection::skipped`].
pub fn detect(paths: &[PathBuf]) -> Result<Detection, ReadError> {
    // (file, the folder that groups it: its own, or none for a file named explicitly)
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    for path in paths {
        let mut found = Vec::new();
        collect_files(path, &mut found)?;
        let named = path.is_file();
        files.extend(found.into_iter().map(|file| {
            let folder =
                if named { PathBuf::new() } else { file.parent().map(Path::to_path_buf).unwrap_or_default() };
            (file, folder)
        }));
    }
    let mut detection = Detection::default();
    // Files grouped by folder, for the sets that span several files.
    let mut ofac_sets: BTreeMap<(PathBuf, &'static str), Vec<(PathBuf, bool)>> = BTreeMap::new();
    let mut fcdo_sets: BTreeMap<PathBuf, Vec<(PathBuf, bool)>> = BTreeMap::new();
    let mut singles: Vec<ListFiles> = Vec::new();
    for (file, folder) in files {
        match classify(&file)? {
            FileClass::OfacCsv { list, primary } => {
                ofac_sets.entry((folder, list)).or_default().push((file, primary))
            }
            FileClass::FcdoTable { primary } => fcdo_sets.entry(folder).or_default().push((file, primary)),
            FileClass::Single { format, list, mapping } => {
                singles.push(ListFiles { format, list, files: vec![file], mapping: mapping.map(|m| *m) })
            }
            FileClass::Unknown(reason) => detection.skipped.push(Skipped { path: file, reason }),
        }
    }

    for ((_, list), parts) in ofac_sets {
        let primary_name = if list == "ofac-sdn" { "SDN.CSV" } else { "CONS_PRIM.CSV" };
        group_set(&mut detection, parts, Format::OfacCsv, list, primary_name);
    }
    for (_, parts) in fcdo_sets {
        group_set(&mut detection, parts, Format::UkFcdoTables, "uk-fcdo", "subjects.csv");
    }

    // The OFSI workbook and its CSV rendering side by side are one list version: import the
    // CSV (the same rows, read several times faster) and say so.
    let csv_stems: Vec<(PathBuf, PathBuf)> = singles
        .iter()
        .filter(|s| s.format == Format::UkOfsiCsv)
        .map(|s| (s.files[0].with_extension(""), s.files[0].clone()))
        .collect();
    singles.retain(|s| {
        if s.format != Format::UkOfsiXlsx {
            return true;
        }
        match csv_stems.iter().find(|(stem, _)| *stem == s.files[0].with_extension("")) {
            Some((_, csv)) => {
                detection.skipped.push(Skipped {
                    path: s.files[0].clone(),
                    reason: format!(
                        "the same OFSI list version as {} beside it, which is imported instead",
                        csv.display()
                    ),
                });
                false
            }
            None => true,
        }
    });
    detection.lists.extend(singles);
    detection.lists.sort_by(|a, b| a.files[0].cmp(&b.files[0]));
    detection.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(detection)
}

/// Turns the files of one folder belonging to a multi-file set into a [`ListFiles`], or into
/// skipped entries when the primary file is missing.
fn group_set(
    detection: &mut Detection,
    mut parts: Vec<(PathBuf, bool)>,
    format: Format,
    list: &str,
    primary_name: &str,
) {
    // Primary first, then companions by name.
    parts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if parts.first().is_some_and(|(_, primary)| *primary) {
        detection.lists.push(ListFiles {
            format,
            list: list.to_owned(),
            files: parts.into_iter().map(|(p, _)| p).collect(),
            mapping: None,
        });
    } else {
        for (path, _) in parts {
            detection.skipped.push(Skipped {
                path,
                reason: format!(
                    "a companion file of {format} without {primary_name} in the same folder: \
                     there are no entries to join it to"
                ),
            });
        }
    }
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        ReadError::new(path, Location::File, "a list file or a folder of list files", e.to_string())
    })?;
    if meta.is_file() {
        out.push(path.to_owned());
        return Ok(());
    }
    if !meta.is_dir() {
        return Err(ReadError::new(path, Location::File, "a regular file or a folder", "neither"));
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| ReadError::new(path, Location::File, "a readable folder", e.to_string()))?;
    let mut children = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| ReadError::new(path, Location::File, "a readable folder", e.to_string()))?;
        // Hidden files are editor and tool droppings (`.DS_Store`), never list files.
        if !entry.file_name().to_string_lossy().starts_with('.') {
            children.push(entry.path());
        }
    }
    children.sort();
    for child in children {
        // Entries given by a folder are searched, never required: a file that disappears or
        // cannot be read mid-walk is still reported by the import that reads it.
        collect_files(&child, out)?;
    }
    Ok(())
}

/// Recognises one file by its name and first bytes.
fn classify(path: &Path) -> Result<FileClass, ReadError> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_uppercase()).unwrap_or_default();
    match name.as_str() {
        "SDN.CSV" => return Ok(FileClass::OfacCsv { list: "ofac-sdn", primary: true }),
        "ALT.CSV" | "ADD.CSV" | "SDN_COMMENTS.CSV" => {
            return Ok(FileClass::OfacCsv { list: "ofac-sdn", primary: false })
        }
        "CONS_PRIM.CSV" => return Ok(FileClass::OfacCsv { list: "ofac-cons", primary: true }),
        "CONS_ALT.CSV" | "CONS_ADD.CSV" | "CONS_COMMENTS.CSV" => {
            return Ok(FileClass::OfacCsv { list: "ofac-cons", primary: false })
        }
        _ => {}
    }
    let head = read_head(path)?;
    Ok(classify_head(&name, &head))
}

fn read_head(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path)
        .map_err(|e| ReadError::new(path, Location::File, "a readable file", e.to_string()))?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| ReadError::new(path, Location::Byte(0), "a readable file", e.to_string()))?;
    Ok(head)
}

/// Recognises a file from its upper-cased name and its first bytes.
fn classify_head(name: &str, head: &[u8]) -> FileClass {
    let single =
        |format: Format, list: &str| FileClass::Single { format, list: list.to_owned(), mapping: None };
    if head.is_empty() {
        return FileClass::Unknown("empty file".to_owned());
    }
    if head.starts_with(b"PK\x03\x04") {
        return if name.ends_with(".XLSX") {
            single(Format::UkOfsiXlsx, "uk-ofsi")
        } else {
            FileClass::Unknown("a ZIP archive: unpack it and import the files inside".to_owned())
        };
    }
    if head.contains(&0) {
        return FileClass::Unknown("a binary file (NUL bytes), not a list format embargo reads".to_owned());
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        return match xml_root(trimmed) {
            Some("CONSOLIDATED_LIST") => single(Format::UnXml, "un"),
            // OFAC names the Consolidated list's files `consolidated.xml` and `cons_advanced.xml`.
            Some("sdnList") => single(Format::OfacXml, ofac::list_of_file_name(name)),
            Some("Sanctions") => single(Format::OfacAdvancedXml, ofac::list_of_file_name(name)),
            Some("export") => single(Format::EuFsfXml, "eu-fsf"),
            Some("Designations") => single(Format::UkFcdo, "uk-fcdo"),
            Some(other) => FileClass::Unknown(format!(
                "XML with root element <{other}>, not a list format embargo reads"
            )),
            None => FileClass::Unknown("XML without a root element in its first 64 KB".to_owned()),
        };
    }
    if trimmed.starts_with('{') {
        return classify_json(trimmed);
    }
    let first_line = text.lines().next().unwrap_or("").trim_end_matches(['\r', ',']);
    let header = first_line.trim();
    if header.starts_with("Last Updated,") || header == "Last Updated" || header.starts_with("Name 6,Name 1,")
    {
        return single(Format::UkOfsiCsv, "uk-ofsi");
    }
    if name.ends_with(".CSV") && header.starts_with("unique_id,subject_type") {
        return FileClass::FcdoTable { primary: true };
    }
    if name.starts_with("SUBJECT_") && name.ends_with(".CSV") && header.split(',').any(|c| c == "unique_id") {
        return FileClass::FcdoTable { primary: false };
    }
    if us_csl::is_csl_header(header) {
        return single(Format::UsCsl, us_csl::LIST);
    }
    if header.split(',').map(str::trim).eq(chpl::HEADER) {
        return single(Format::ChplCsv, chpl::LIST);
    }
    if header == KINDRAT86_HEADER {
        return match Mapping::from_toml_str(KINDRAT86_MAPPING, "built-in mapping of the kindrat86 OFAC CSV") {
            Ok(mapping) => FileClass::Single {
                format: Format::CustomCsv,
                list: mapping.list.clone(),
                mapping: Some(Box::new(mapping)),
            },
            Err(e) => FileClass::Unknown(e.to_string()),
        };
    }
    let shown: String = first_line.chars().take(80).collect();
    FileClass::Unknown(format!("not a list format embargo recognises (first line: {shown:?})"))
}

/// A FollowTheMoney JSON-lines file has one entity object per line, each with `id` and
/// `schema`; a pretty-printed JSON document is something else.
fn classify_json(text: &str) -> FileClass {
    let first = text.lines().next().unwrap_or("").trim();
    match serde_json::from_str::<serde_json::Value>(first) {
        Ok(value) if value.get("schema").is_some_and(|s| s.is_string()) && value.get("id").is_some() => {
            FileClass::Single { format: Format::FtmJson, list: "opensanctions".to_owned(), mapping: None }
        }
        Ok(_) => FileClass::Unknown(
            "JSON lines whose first object has no FollowTheMoney `id` and `schema`".to_owned(),
        ),
        Err(_) if first == "{" || first == "[" => {
            FileClass::Unknown("a JSON document, not FollowTheMoney JSON lines".to_owned())
        }
        // A first line longer than the sniffed head: judge it by its start.
        Err(_) if first.contains("\"schema\"") && first.contains("\"id\"") => {
            FileClass::Single { format: Format::FtmJson, list: "opensanctions".to_owned(), mapping: None }
        }
        Err(_) => FileClass::Unknown("JSON that is not FollowTheMoney JSON lines".to_owned()),
    }
}

/// The local name of the first element of an XML text, past the declaration, comments,
/// processing instructions and doctype.
fn xml_root(mut text: &str) -> Option<&str> {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("<?") {
            text = &rest[rest.find("?>")? + 2..];
        } else if let Some(rest) = text.strip_prefix("<!--") {
            text = &rest[rest.find("-->")? + 3..];
        } else if let Some(rest) = text.strip_prefix("<!") {
            text = &rest[rest.find('>')? + 1..];
        } else if let Some(rest) = text.strip_prefix('<') {
            let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            let qualified = &rest[..end];
            let local = qualified.rsplit(':').next().unwrap_or(qualified);
            return (!local.is_empty()).then_some(local);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_root_skips_prolog_comments_and_prefixes() {
        let xml = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE x>\n<ns2:export xmlns:ns2=\"x\">";
        assert_eq!(xml_root(xml), Some("export"));
        assert_eq!(xml_root("<sdnList>"), Some("sdnList"));
        assert_eq!(xml_root("<?xml version"), None);
    }

    #[test]
    fn a_pretty_printed_json_document_is_not_ftm() {
        assert!(matches!(classify_json("{\n \"name\": 1\n}"), FileClass::Unknown(_)));
        assert!(matches!(
            classify_json("{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{}}\n"),
            FileClass::Single { format: Format::FtmJson, .. }
        ));
    }

    #[test]
    fn the_kindrat86_header_gets_its_built_in_mapping() {
        let class =
            classify_head("OFAC-SDN.CSV", b"uid,name,type,programs,alternate_names\n36,A,entity,CUBA,\n");
        let FileClass::Single { format, mapping: Some(mapping), .. } = class else { panic!("{class:?}") };
        assert_eq!(format, Format::CustomCsv);
        assert_eq!(mapping.id_column, "uid");
    }
}
