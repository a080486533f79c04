//! Batch screening: a whole file of records (customers, suppliers, beneficiaries) screened
//! against a loaded [`Snapshot`], in parallel, with progress, resumable after any kill.
//!
//! - **Input**: CSV with a header (delimiter sniffed from it or given) or JSON lines, read as a
//!   stream, so memory stays flat in the input size. Columns are mapped by a [`ColumnMapping`].
//! - **Output**: CSV or JSON lines, one row per hit (see [`output::CSV_COLUMNS`]); records
//!   without hits only with [`BatchOptions::all`].
//! - **Bad rows** (missing name, broken quote, wrong column count, invalid UTF-8, bad JSON) go
//!   to the rejects file with their line number, reason and raw text; the run goes on.
//! - **Parallel**: records are read in chunks; each chunk is screened on every core (rayon) and
//!   its rows are written in input order.
//! - **Resumable**: see [`run`].
//!
//! ```no_run
//! use embargo_batch::{BatchOptions, ColumnMapping};
//! # fn demo(snapshot: &embargo_engine::Snapshot) -> Result<(), embargo_batch::BatchError> {
//! let mut options = BatchOptions::new("customers.csv".into(), "hits.csv".into());
//! options.mapping = ColumnMapping { name_col: vec!["first".into(), "last".into()], ..Default::default() };
//! let summary = embargo_batch::run(snapshot, &options, &mut |p| {
//!     eprintln!("{} records, {:.0}/s", p.records, p.rate());
//! })?;
//! println!("{} records with hits", summary.counters.with_hits);
//! # Ok(()) }
//! ```

use embargo_engine::Snapshot;
use embargo_errors::{Code, ErrorCode};
use embargo_matcher::Hit;
use embargo_matcher::ScreenOptions;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub mod input;
mod journal;
mod mapping;
pub mod output;
mod records;

pub use journal::Checkpoint;
pub use mapping::{Column, ColumnMapping, Record, ResolvedMapping};
pub use output::OutputFormat;
pub use records::{read_records, RejectedRow};

use input::{CsvRows, JsonRows, LineReader, RawRow};
use journal::{sync_parent, Journal};
use output::RowWriter;

/// Records screened per chunk by default: big enough that the per-chunk fsync costs little,
/// small enough that a kill loses little work and progress moves often.
pub const DEFAULT_CHUNK_SIZE: usize = 8192;

/// A batch screening failure, with a stable code ([`BatchError::code`]).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The I/O error is shown in the message (not chained as a source, which would print it
    /// twice in `{:#}` error chains).
    #[error("{path}: {error}")]
    Io { path: PathBuf, error: std::io::Error },
    /// The column mapping names a column the input does not have, or is incoherent.
    #[error("column mapping: {message}")]
    Mapping { message: String },
    /// The input cannot be read at all (empty, broken header).
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    /// `--resume` cannot go on from the checkpoint.
    #[error("cannot resume: {0}")]
    Resume(String),
    #[error("{0}")]
    Options(String),
    /// The options name lists that are not loaded.
    #[error(transparent)]
    Lists(#[from] embargo_engine::EngineError),
    /// The run's observer (recording the screenings) failed; the chunk was not checkpointed.
    #[error("recording the screenings failed: {message}")]
    Observer {
        /// The observer's own stable code.
        code: Code,
        /// What failed.
        message: String,
    },
}

impl BatchError {
    fn io(path: &Path, error: std::io::Error) -> BatchError {
        BatchError::Io { path: path.to_owned(), error }
    }
}

impl ErrorCode for BatchError {
    fn error_code(&self) -> Code {
        match self {
            BatchError::Io { .. } => Code::Io,
            BatchError::Mapping { .. } => Code::BatchMapping,
            BatchError::Input { .. } => Code::BatchInput,
            BatchError::Resume(_) => Code::BatchResume,
            BatchError::Options(_) => Code::BatchOptions,
            BatchError::Lists(e) => e.error_code(),
            BatchError::Observer { code, .. } => *code,
        }
    }
}

/// The format of the input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    Csv,
    JsonLines,
}

impl InputFormat {
    /// `.jsonl`, `.ndjson` and `.json` are JSON lines; anything else CSV.
    pub fn from_path(path: &Path) -> InputFormat {
        match OutputFormat::from_path(path) {
            OutputFormat::JsonLines => InputFormat::JsonLines,
            OutputFormat::Csv => InputFormat::Csv,
        }
    }
}

/// What to screen, how, and where the results go.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub input: PathBuf,
    /// `None`: by the input's extension.
    pub input_format: Option<InputFormat>,
    /// CSV delimiter; `None`: sniffed from the header.
    pub delimiter: Option<u8>,
    pub mapping: ColumnMapping,
    pub output: PathBuf,
    /// `None`: by the output's extension.
    pub output_format: Option<OutputFormat>,
    /// `None`: `<output>.rejects.csv`.
    pub rejects: Option<PathBuf>,
    pub screen: ScreenOptions,
    /// Write a row for records without hits too.
    pub all: bool,
    /// Go on from the checkpoint of an interrupted run with the same options.
    pub resume: bool,
    pub chunk_size: usize,
}

impl BatchOptions {
    /// Options with defaults for everything but the files.
    pub fn new(input: PathBuf, output: PathBuf) -> BatchOptions {
        BatchOptions {
            input,
            input_format: None,
            delimiter: None,
            mapping: ColumnMapping::default(),
            output,
            output_format: None,
            rejects: None,
            screen: ScreenOptions::default(),
            all: false,
            resume: false,
            chunk_size: DEFAULT_CHUNK_SIZE,
        }
    }

    pub fn rejects_path(&self) -> PathBuf {
        self.rejects.clone().unwrap_or_else(|| with_suffix(&self.output, ".rejects.csv"))
    }

    /// Where the output is written until the run completes.
    pub fn partial_path(&self) -> PathBuf {
        with_suffix(&self.output, ".partial")
    }

    pub fn checkpoint_path(&self) -> PathBuf {
        with_suffix(&self.output, ".checkpoint")
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Running counts of a batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counters {
    /// Rows read (screened and rejected; blank lines and the header not counted).
    pub records_read: u64,
    pub rejected: u64,
    pub screened: u64,
    /// Records with at least one hit.
    pub with_hits: u64,
    pub hits: u64,
    pub hits_by_list: BTreeMap<String, u64>,
}

/// Where a run stands, handed to the progress callback after every chunk.
#[derive(Debug, Clone)]
pub struct Progress {
    /// Rows read so far, over the whole job (a resumed run counts what was done before).
    pub records: u64,
    pub with_hits: u64,
    pub hits: u64,
    pub rejected: u64,
    /// Input bytes consumed, and the input's size.
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Time since this run (process) started.
    pub elapsed: Duration,
    /// Rows read by this run (excludes the part done before a resume), for the rate.
    pub records_this_run: u64,
    bytes_at_start: u64,
}

impl Progress {
    /// Records per second in this run.
    pub fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.records_this_run as f64 / secs
        } else {
            0.0
        }
    }

    /// Fraction of the input consumed, 0..1.
    pub fn fraction(&self) -> f64 {
        if self.bytes_total == 0 {
            1.0
        } else {
            self.bytes_done as f64 / self.bytes_total as f64
        }
    }

    /// Time left, extrapolated from the bytes consumed by this run.
    pub fn eta(&self) -> Option<Duration> {
        let done = self.bytes_done.checked_sub(self.bytes_at_start)?;
        if done == 0 {
            return None;
        }
        let left = self.bytes_total.saturating_sub(self.bytes_done) as f64;
        Some(Duration::from_secs_f64(self.elapsed.as_secs_f64() * left / done as f64))
    }
}

/// What a finished batch did.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub counters: Counters,
    /// Time of this run (a resumed run: since it resumed).
    pub elapsed: Duration,
    /// Rows per second in this run.
    pub rate: f64,
    /// `list@version` of every list in force.
    pub lists: Vec<String>,
    pub output: PathBuf,
    pub rejects: PathBuf,
    /// Rows already done when this run resumed, when it did.
    pub resumed_at: Option<u64>,
}

/// What must not change between a run and its resume.
#[derive(Serialize)]
struct Fingerprint<'a> {
    input: String,
    input_len: u64,
    input_modified: Option<u128>,
    input_format: InputFormat,
    delimiter: Option<u8>,
    mapping: &'a ResolvedMapping,
    output_format: OutputFormat,
    rejects: String,
    threshold: f64,
    limit: usize,
    lists_filter: &'a Option<Vec<String>>,
    explain: bool,
    all: bool,
    /// `list@version:sha256` of every list in the snapshot.
    lists: Vec<String>,
}

/// The input opened and its header read.
struct OpenedInput {
    format: InputFormat,
    mapping: ResolvedMapping,
    delimiter: Option<u8>,
    columns: usize,
    /// Offset and line number of the first row after the header.
    data_offset: u64,
    data_line: u64,
    len: u64,
    modified: Option<u128>,
}

fn open_input(options: &BatchOptions) -> Result<OpenedInput, BatchError> {
    let path = &options.input;
    let file = File::open(path).map_err(|e| BatchError::io(path, e))?;
    let meta = file.metadata().map_err(|e| BatchError::io(path, e))?;
    if meta.is_dir() {
        return Err(BatchError::Input {
            path: path.clone(),
            message: "is a directory, expected a file".into(),
        });
    }
    let modified =
        meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_nanos());
    let format = options.input_format.unwrap_or_else(|| InputFormat::from_path(path));
    let mut lines = LineReader::new(BufReader::new(file), 0, 1);
    let input_error = |message: String| BatchError::Input { path: path.clone(), message };
    match format {
        InputFormat::Csv => {
            let (columns, delimiter) =
                input::read_csv_header(&mut lines, options.delimiter).map_err(input_error)?;
            let mapping = options.mapping.resolve(&columns)?;
            let (data_offset, data_line) = lines.position();
            Ok(OpenedInput {
                format,
                mapping,
                delimiter: Some(delimiter),
                columns: columns.len(),
                data_offset,
                data_line,
                len: meta.len(),
                modified,
            })
        }
        InputFormat::JsonLines => {
            // JSON lines have no header: the mapping is checked against the keys of the first
            // object, and a key missing from a later object reads as an empty value.
            let mut rows = JsonRows::new(lines);
            let mut keys = None;
            while let Some(row) = rows.next_row().map_err(|e| BatchError::io(path, e))? {
                if let Ok(object) = row.content {
                    keys = Some(object.keys().cloned().collect::<Vec<_>>());
                    break;
                }
            }
            let keys = keys.ok_or_else(|| input_error("no JSON object in the input".into()))?;
            let mapping = options.mapping.resolve(&keys)?;
            Ok(OpenedInput {
                format,
                mapping,
                delimiter: None,
                columns: 0,
                data_offset: 0,
                data_line: 1,
                len: meta.len(),
                modified,
            })
        }
    }
}

/// Rows of either input format, as records or rejects.
enum Rows {
    Csv(CsvRows<BufReader<File>>),
    Json(JsonRows<BufReader<File>>),
}

impl Rows {
    fn next(&mut self, mapping: &ResolvedMapping) -> std::io::Result<Option<RawRow<Record>>> {
        Ok(match self {
            Rows::Csv(rows) => rows.next_row()?.map(|row| {
                let content = row
                    .content
                    .and_then(|fields| mapping.record(row.line, |c| vec![fields[c.index].clone()]));
                RawRow { line: row.line, end: row.end, raw: row.raw, content }
            }),
            Rows::Json(rows) => rows.next_row()?.map(|row| {
                let content = row
                    .content
                    .and_then(|object| mapping.record(row.line, |c| json_values(object.get(&c.name))));
                RawRow { line: row.line, end: row.end, raw: row.raw, content }
            }),
        })
    }
}

fn json_values(value: Option<&serde_json::Value>) -> Vec<String> {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().flat_map(|v| json_values(Some(v))).collect(),
        Some(other) => vec![other.to_string()],
    }
}

/// The output and rejects files being written, with their valid lengths.
struct Sink {
    output_path: PathBuf,
    output: File,
    output_len: u64,
    rejects_path: PathBuf,
    rejects: File,
    rejects_len: u64,
}

impl Sink {
    fn create(output_path: PathBuf, rejects_path: PathBuf) -> Result<Sink, BatchError> {
        let output = File::create(&output_path).map_err(|e| BatchError::io(&output_path, e))?;
        let rejects = File::create(&rejects_path).map_err(|e| BatchError::io(&rejects_path, e))?;
        Ok(Sink { output_path, output, output_len: 0, rejects_path, rejects, rejects_len: 0 })
    }

    /// Reopens files of an interrupted run, cut back to what the checkpoint vouches for.
    fn reopen(output_path: PathBuf, rejects_path: PathBuf, cp: &Checkpoint) -> Result<Sink, BatchError> {
        let reopen = |path: &Path, len: u64| -> Result<File, BatchError> {
            let file = OpenOptions::new().write(true).open(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    BatchError::Resume(format!("{} is gone; start again without --resume", path.display()))
                }
                _ => BatchError::io(path, e),
            })?;
            let actual = file.metadata().map_err(|e| BatchError::io(path, e))?.len();
            if actual < len {
                return Err(BatchError::Resume(format!(
                    "{} holds {actual} bytes but the checkpoint vouches for {len}: it was changed",
                    path.display()
                )));
            }
            file.set_len(len).map_err(|e| BatchError::io(path, e))?;
            file.sync_data().map_err(|e| BatchError::io(path, e))?;
            let mut file = file;
            file.seek(SeekFrom::Start(len)).map_err(|e| BatchError::io(path, e))?;
            Ok(file)
        };
        let output = reopen(&output_path, cp.output_len)?;
        let rejects = reopen(&rejects_path, cp.rejects_len)?;
        Ok(Sink {
            output_path,
            output,
            output_len: cp.output_len,
            rejects_path,
            rejects,
            rejects_len: cp.rejects_len,
        })
    }

    /// Appends `rows` and `rejects` and makes them durable.
    fn append(&mut self, rows: &[u8], rejects: &[u8]) -> Result<(), BatchError> {
        for (file, path, len, bytes) in [
            (&mut self.output, &self.output_path, &mut self.output_len, rows),
            (&mut self.rejects, &self.rejects_path, &mut self.rejects_len, rejects),
        ] {
            if bytes.is_empty() {
                continue;
            }
            file.write_all(bytes).map_err(|e| BatchError::io(path, e))?;
            file.sync_data().map_err(|e| BatchError::io(path, e))?;
            *len += bytes.len() as u64;
        }
        Ok(())
    }
}

/// Screens `options.input` against `snapshot` and writes the hits.
///
/// # Durability and resume
///
/// Rows are written to `<output>.partial` (and `<rejects>.partial`), which is renamed to the
/// final name once every row is out, so a reader of the final path only ever sees a complete
/// file. Input is processed in chunks; after each chunk its output rows are appended and
/// fsynced, then a checkpoint (input offset, output and rejects lengths, counters) is appended
/// to `<output>.checkpoint` and fsynced. With `resume`, the partial files are cut back to the
/// last checkpoint's lengths and the input is read from its offset, so no row is lost or
/// written twice whenever the previous run was killed. Resuming is refused when the options,
/// the input file or the list versions differ from those of the interrupted run. Without
/// `resume`, an earlier checkpoint is discarded and the job starts over.
pub fn run(
    snapshot: &Snapshot,
    options: &BatchOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary, BatchError> {
    run_observed(snapshot, options, progress, None)
}

/// [`run`], handing every screened chunk to `observer` before it is checkpointed.
pub fn run_observed(
    snapshot: &Snapshot,
    options: &BatchOptions,
    progress: &mut dyn FnMut(&Progress),
    mut observer: Option<&mut (dyn ChunkObserver + Send)>,
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    if options.chunk_size == 0 {
        return Err(BatchError::Options("the chunk size must be at least 1".into()));
    }
    if options.output == options.input {
        return Err(BatchError::Options("the output file must not be the input file".into()));
    }
    if let Some(lists) = &options.screen.lists {
        snapshot.check_lists(lists)?;
    }
    let opened = open_input(options)?;
    let output_format = options.output_format.unwrap_or_else(|| OutputFormat::from_path(&options.output));
    let files = RunFiles::of(options);
    let lists = snapshot.labels();
    let writer = RowWriter { format: output_format, explain: options.screen.explain };
    let fingerprint = run_fingerprint(snapshot, options, &opened, output_format, &files);
    let run_id = run_id_of(&fingerprint);
    let keep_hits = observer.is_some();

    let (mut journal, mut sink, mut state, resumed_at) =
        match start_or_resume(options, &opened, &files, &writer, fingerprint)? {
            Start::Finished { counters, journal } => {
                // Killed after the last row, before or during the renames.
                let summary = summary(options, &files.rejects, counters, &lists, started, 0, Some(0));
                files.finish(&options.output, journal)?;
                return Ok(summary);
            }
            Start::Run { journal, sink, state, resumed_at } => (journal, sink, state, resumed_at),
        };

    let mut file = File::open(&options.input).map_err(|e| BatchError::io(&options.input, e))?;
    file.seek(SeekFrom::Start(state.input_offset)).map_err(|e| BatchError::io(&options.input, e))?;
    let lines = LineReader::new(BufReader::with_capacity(1 << 18, file), state.input_offset, state.next_line);
    let mut rows = match opened.format {
        InputFormat::Csv => Rows::Csv(CsvRows::new(lines, opened.delimiter.unwrap_or(b','), opened.columns)),
        InputFormat::JsonLines => Rows::Json(JsonRows::new(lines)),
    };

    let bytes_at_start = state.input_offset;
    let records_at_start = state.counters.records_read;
    let read_chunk = |rows: &mut Rows| -> Result<Vec<RawRow<Record>>, BatchError> {
        let mut chunk = Vec::with_capacity(options.chunk_size);
        while chunk.len() < options.chunk_size {
            match rows.next(&opened.mapping).map_err(|e| BatchError::io(&options.input, e))? {
                Some(row) => chunk.push(row),
                None => break,
            }
        }
        Ok(chunk)
    };
    let screen_chunk = |chunk: &[RawRow<Record>]| -> Vec<ScreenedRow> {
        chunk
            .par_iter()
            .map(|row| match &row.content {
                Ok(record) => {
                    let hits = snapshot.screen_unchecked(&record.query, &options.screen);
                    let mut out = Vec::new();
                    writer.write_record(&mut out, snapshot, record, &hits, options.all);
                    let hit_lists = hits.iter().map(|h| h.entity.provenance.list.clone()).collect();
                    ScreenedRow { out, hit_lists, hits: if keep_hits { hits } else { Vec::new() } }
                }
                Err(_) => ScreenedRow::default(),
            })
            .collect()
    };
    // A chunk is screened while the next is read and the previous one is handed to the
    // observer (recording it in the case store), so neither input nor recording holds the
    // cores back. A chunk's checkpoint is written once its observer is done with it: a kill
    // before that screens it again on resume, and the observer keys records by run and line.
    let mut chunk = read_chunk(&mut rows)?;
    let mut pending: Option<Pending> = None;
    loop {
        let ((screened, next), observed) = rayon::join(
            || {
                if chunk.is_empty() {
                    (Vec::new(), Ok(Vec::new()))
                } else {
                    rayon::join(|| screen_chunk(&chunk), || read_chunk(&mut rows))
                }
            },
            || match (&pending, observer.as_deref_mut()) {
                (Some(p), Some(observer)) => {
                    let records: Vec<ScreenedRecord<'_>> = p
                        .chunk
                        .iter()
                        .zip(&p.screened)
                        .filter_map(|(row, s)| {
                            row.content.as_ref().ok().map(|record| ScreenedRecord { record, hits: &s.hits })
                        })
                        .collect();
                    observer.screened(&run_id, &records)
                }
                _ => Ok(()),
            },
        );
        if let Some(done) = pending.take() {
            observed?;
            journal.checkpoint(&done.state)?;
            progress(&Progress {
                records: done.state.counters.records_read,
                with_hits: done.state.counters.with_hits,
                hits: done.state.counters.hits,
                rejected: done.state.counters.rejected,
                bytes_done: done.state.input_offset,
                bytes_total: opened.len,
                elapsed: started.elapsed(),
                records_this_run: done.state.counters.records_read - records_at_start,
                bytes_at_start,
            });
        }
        if chunk.is_empty() {
            break;
        }
        let (out, rejects) = state.counters.tally(&chunk, &screened);
        let last = chunk.last().expect("chunk is not empty");
        sink.append(&out, &rejects)?;
        state.chunk += 1;
        state.input_offset = last.end;
        state.next_line = last.line + 1 + row_extra_lines(&last.raw);
        state.output_len = sink.output_len;
        state.rejects_len = sink.rejects_len;
        pending = Some(Pending { chunk, screened, state: state.clone() });
        chunk = next?;
    }
    journal.done()?;
    let this_run = state.counters.records_read - records_at_start;
    let summary = summary(options, &files.rejects, state.counters, &lists, started, this_run, resumed_at);
    drop(sink);
    files.finish(&options.output, journal)?;
    Ok(summary)
}

/// A chunk screened and written, waiting for its observer and its checkpoint.
struct Pending {
    chunk: Vec<RawRow<Record>>,
    screened: Vec<ScreenedRow>,
    /// The checkpoint to write once the observer took the chunk.
    state: Checkpoint,
}

/// What screening one input row gave: its output rows, the list of each hit, and the hits
/// themselves when the run has an observer.
#[derive(Default)]
struct ScreenedRow {
    out: Vec<u8>,
    hit_lists: Vec<String>,
    hits: Vec<Hit>,
}

/// One screened record, as an observer sees it.
pub struct ScreenedRecord<'a> {
    /// The record (its id, line and query).
    pub record: &'a Record,
    /// Every hit at or above the threshold, best first.
    pub hits: &'a [Hit],
}

/// Sees every chunk once it is screened and written, before it is checkpointed: a chunk is
/// checkpointed only after the observer took it, so an observer that records screenings (the
/// case store, `embargo screen --input --record`) sees every record at least once, and exactly
/// once when it keys records by `run_id` and line (a resumed run hands it the chunks after the
/// last checkpoint again).
pub trait ChunkObserver {
    /// Takes one screened chunk of the run `run_id` (stable across resumes of one run).
    fn screened(&mut self, run_id: &str, records: &[ScreenedRecord<'_>]) -> Result<(), BatchError>;
}

impl Counters {
    /// Counts a screened chunk and gathers its output rows and rejects, in input order.
    fn tally(&mut self, chunk: &[RawRow<Record>], screened: &[ScreenedRow]) -> (Vec<u8>, Vec<u8>) {
        let mut out = Vec::new();
        let mut rejects = Vec::new();
        for (row, screened) in chunk.iter().zip(screened) {
            self.records_read += 1;
            match &row.content {
                Ok(_) => {
                    self.screened += 1;
                    if !screened.hit_lists.is_empty() {
                        self.with_hits += 1;
                    }
                    self.hits += screened.hit_lists.len() as u64;
                    for list in &screened.hit_lists {
                        *self.hits_by_list.entry(list.clone()).or_default() += 1;
                    }
                    out.extend_from_slice(&screened.out);
                }
                Err(reason) => {
                    self.rejected += 1;
                    output::write_reject(&mut rejects, row.line, reason, &row.raw);
                }
            }
        }
        (out, rejects)
    }
}

/// A short id of a run, the same for every resume of it: a hash of what a resume must match.
fn run_id_of(fingerprint: &serde_json::Value) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(fingerprint.to_string().as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The files of one run: where rows go while it runs, where they end, and its journal.
struct RunFiles {
    partial: PathBuf,
    rejects: PathBuf,
    rejects_partial: PathBuf,
    journal: PathBuf,
}

impl RunFiles {
    fn of(options: &BatchOptions) -> RunFiles {
        let rejects = options.rejects_path();
        RunFiles {
            partial: options.partial_path(),
            rejects_partial: with_suffix(&rejects, ".partial"),
            rejects,
            journal: options.checkpoint_path(),
        }
    }

    /// Puts the finished files in place, then drops the journal.
    fn finish(&self, output: &Path, journal: Journal) -> Result<(), BatchError> {
        for (from, to) in [(&self.partial, output), (&self.rejects_partial, self.rejects.as_path())] {
            match std::fs::rename(from, to) {
                Ok(()) => {}
                // Already renamed by a run killed before it removed the journal.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && to.exists() => {}
                Err(e) => return Err(BatchError::io(from, e)),
            }
            sync_parent(to)?;
        }
        journal.remove()
    }
}

/// What a run's journal must match to be resumed: the input, the options and the list versions.
fn run_fingerprint(
    snapshot: &Snapshot,
    options: &BatchOptions,
    opened: &OpenedInput,
    output_format: OutputFormat,
    files: &RunFiles,
) -> serde_json::Value {
    serde_json::to_value(Fingerprint {
        input: std::fs::canonicalize(&options.input).unwrap_or(options.input.clone()).display().to_string(),
        input_len: opened.len,
        input_modified: opened.modified,
        input_format: opened.format,
        delimiter: opened.delimiter,
        mapping: &opened.mapping,
        output_format,
        rejects: files.rejects.display().to_string(),
        threshold: options.screen.threshold,
        limit: options.screen.limit,
        lists_filter: &options.screen.lists,
        explain: options.screen.explain,
        all: options.all,
        lists: snapshot.lists().iter().map(|v| format!("{}:{}", v.label(), v.sha256)).collect(),
    })
    .expect("fingerprint serialises")
}

/// How a run begins: from scratch, from the last checkpoint of a killed run, or already done.
enum Start {
    /// A killed run had written every row: only the renames are left.
    Finished {
        counters: Counters,
        journal: Journal,
    },
    Run {
        journal: Journal,
        sink: Sink,
        state: Checkpoint,
        resumed_at: Option<u64>,
    },
}

/// With `resume` and a journal of the same run, cuts the partial files back to its last
/// checkpoint; otherwise starts over with fresh files and journal.
fn start_or_resume(
    options: &BatchOptions,
    opened: &OpenedInput,
    files: &RunFiles,
    writer: &RowWriter,
    fingerprint: serde_json::Value,
) -> Result<Start, BatchError> {
    let recovered = if options.resume { Journal::recover(&files.journal)? } else { None };
    // A journal without a checkpoint vouches for nothing: start over.
    if let Some((journal, recovered)) = recovered.filter(|(_, r)| r.last.is_some()) {
        if recovered.fingerprint != fingerprint {
            return Err(BatchError::Resume(format!(
                "{} was written by a run with different {}",
                files.journal.display(),
                differences(&recovered.fingerprint, &fingerprint)
            )));
        }
        let cp = recovered.last.expect("filtered on a checkpoint");
        if recovered.done {
            return Ok(Start::Finished { counters: cp.counters, journal });
        }
        let sink = Sink::reopen(files.partial.clone(), files.rejects_partial.clone(), &cp)?;
        let at = cp.counters.records_read;
        return Ok(Start::Run { journal, sink, state: cp, resumed_at: Some(at) });
    }
    // The journal of an earlier run goes first: left beside freshly truncated files, it
    // would vouch for rows they no longer hold.
    match std::fs::remove_file(&files.journal) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(BatchError::io(&files.journal, e)),
    }
    let mut sink = Sink::create(files.partial.clone(), files.rejects_partial.clone())?;
    sink.append(&writer.header(), output::REJECTS_HEADER)?;
    // The journal's creation syncs the output's directory; the rejects may be elsewhere.
    sync_parent(&files.rejects_partial)?;
    let mut journal = Journal::create(&files.journal, fingerprint)?;
    let cp = Checkpoint {
        chunk: 0,
        input_offset: opened.data_offset,
        next_line: opened.data_line,
        output_len: sink.output_len,
        rejects_len: sink.rejects_len,
        counters: Counters::default(),
    };
    journal.checkpoint(&cp)?;
    Ok(Start::Run { journal, sink, state: cp, resumed_at: None })
}

/// Lines a row spans beyond its first (a quoted field with line breaks).
fn row_extra_lines(raw: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', raw).count() as u64
}

fn summary(
    options: &BatchOptions,
    rejects: &Path,
    counters: Counters,
    lists: &[String],
    started: Instant,
    this_run: u64,
    resumed_at: Option<u64>,
) -> Summary {
    let elapsed = started.elapsed();
    let secs = elapsed.as_secs_f64();
    Summary {
        counters,
        elapsed,
        rate: if secs > 0.0 { this_run as f64 / secs } else { 0.0 },
        lists: lists.to_vec(),
        output: options.output.clone(),
        rejects: rejects.to_owned(),
        resumed_at,
    }
}

/// The top-level keys whose values differ between two fingerprints.
fn differences(old: &serde_json::Value, new: &serde_json::Value) -> String {
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else { return "options".into() };
    let keys: Vec<&str> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(v))
        .map(|(k, _)| k.as_str())
        .chain(old.keys().filter(|k| !new.contains_key(*k)).map(String::as_str))
        .collect();
    if keys.is_empty() {
        "options".into()
    } else {
        format!("{} (the list versions or the input may have changed)", keys.join(", "))
    }
}
