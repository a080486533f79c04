//! The checkpoint journal `<output>.checkpoint`: one JSON line per event, each appended and
//! fsynced after the output rows it vouches for are on disk.
//!
//! A torn last line (a kill or power loss during the append) is recognised by its missing
//! newline or invalid JSON and ignored: the checkpoint before it still holds, and the rows the
//! torn one would have vouched for are cut off the output and screened again.

use crate::{BatchError, Counters};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Where a run stood after a chunk: everything needed to go on from there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Chunks done (0 for the state before the first row).
    pub chunk: u64,
    /// Byte offset of the next input row.
    pub input_offset: u64,
    /// Line number of the next input row.
    pub next_line: u64,
    /// Valid length of the output file.
    pub output_len: u64,
    /// Valid length of the rejects file.
    pub rejects_len: u64,
    pub counters: Counters,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Entry {
    /// What the run is: resuming requires the same.
    Start {
        fingerprint: serde_json::Value,
    },
    Checkpoint(Checkpoint),
    /// Every row is out; only the renames may be left.
    Done,
}

/// What an existing journal says.
#[derive(Debug)]
pub struct Recovered {
    pub fingerprint: serde_json::Value,
    pub last: Option<Checkpoint>,
    pub done: bool,
}

/// An open journal, appended to.
pub struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    /// Starts a new journal for a run described by `fingerprint`.
    pub fn create(path: &Path, fingerprint: serde_json::Value) -> Result<Journal, BatchError> {
        let file = File::create(path).map_err(|e| BatchError::io(path, e))?;
        let mut journal = Journal { path: path.to_owned(), file };
        journal.append_entry(&Entry::Start { fingerprint })?;
        sync_parent(path)?;
        Ok(journal)
    }

    /// Reads the journal at `path` (`None` when there is none), cutting off a torn last line.
    pub fn recover(path: &Path) -> Result<Option<(Journal, Recovered)>, BatchError> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(BatchError::io(path, e)),
        };
        let mut reader = BufReader::new(file);
        let mut valid_len = 0u64;
        let mut fingerprint = None;
        let mut last = None;
        let mut done = false;
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line).map_err(|e| BatchError::io(path, e))?;
            if n == 0 || line.last() != Some(&b'\n') {
                break;
            }
            match serde_json::from_slice::<Entry>(&line) {
                Ok(Entry::Start { fingerprint: f }) if fingerprint.is_none() => fingerprint = Some(f),
                Ok(Entry::Checkpoint(c)) if fingerprint.is_some() => last = Some(c),
                Ok(Entry::Done) if fingerprint.is_some() => done = true,
                _ => break,
            }
            valid_len += n as u64;
        }
        let Some(fingerprint) = fingerprint else {
            // Killed before the start entry was durable: nothing to resume.
            return Ok(None);
        };
        let file = OpenOptions::new().append(true).open(path).map_err(|e| BatchError::io(path, e))?;
        file.set_len(valid_len).map_err(|e| BatchError::io(path, e))?;
        Ok(Some((Journal { path: path.to_owned(), file }, Recovered { fingerprint, last, done })))
    }

    pub fn checkpoint(&mut self, checkpoint: &Checkpoint) -> Result<(), BatchError> {
        self.append_entry(&Entry::Checkpoint(checkpoint.clone()))
    }

    pub fn done(&mut self) -> Result<(), BatchError> {
        self.append_entry(&Entry::Done)
    }

    /// Deletes the journal once the output is in place.
    pub fn remove(self) -> Result<(), BatchError> {
        std::fs::remove_file(&self.path).map_err(|e| BatchError::io(&self.path, e))
    }

    fn append_entry(&mut self, entry: &Entry) -> Result<(), BatchError> {
        let mut line = serde_json::to_vec(entry).expect("journal entries serialise");
        line.push(b'\n');
        self.file.write_all(&line).map_err(|e| BatchError::io(&self.path, e))?;
        self.file.sync_data().map_err(|e| BatchError::io(&self.path, e))
    }
}

/// Makes a file's creation or rename durable: fsync of its directory.
pub fn sync_parent(path: &Path) -> Result<(), BatchError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Directories cannot be opened for syncing on every platform; where they can't, the rename is
    // as durable as the platform makes it.
    if let Ok(d) = File::open(dir) {
        d.sync_all().map_err(|e| BatchError::io(dir, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torn_last_line_is_ignored_and_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv.checkpoint");
        let mut journal = Journal::create(&path, serde_json::json!({"a": 1})).unwrap();
        let cp = Checkpoint {
            chunk: 1,
            input_offset: 10,
            next_line: 3,
            output_len: 20,
            rejects_len: 5,
            counters: Counters::default(),
        };
        journal.checkpoint(&cp).unwrap();
        drop(journal);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"type\":\"checkpoint\",\"chunk\":2,\"inp").unwrap();
        drop(f);
        let (_, recovered) = Journal::recover(&path).unwrap().unwrap();
        assert_eq!(recovered.last, Some(cp));
        assert!(!recovered.done);
        assert_eq!(recovered.fingerprint, serde_json::json!({"a": 1}));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("}\n"), "torn tail cut off: {text:?}");
    }

    #[test]
    fn missing_or_empty_journal_means_nothing_to_resume() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        assert!(Journal::recover(&path).unwrap().is_none());
        std::fs::write(&path, b"{\"type\":\"sta").unwrap();
        assert!(Journal::recover(&path).unwrap().is_none());
    }
}
