//! The command line's raw flags (clap) and their validation into the options the commands
//! and library crates take. Following ripgrep, parsing (`Cli`) is kept apart from validated
//! options (`ScreenAction`, `CompareAction`, ...): a command module receives only validated
//! options and imports only this module, `output`, `load` and library crates, never another
//! command module.

use anyhow::bail;
use clap::{Parser, Subcommand};
use embargo_batch::{BatchOptions, ColumnMapping, InputFormat, OutputFormat};
use embargo_matcher::{Algorithm, Query, ScreenOptions, DEFAULT_THRESHOLD};
use embargo_model::{DateSpec, EntityKind, Gender};
use embargo_server::Limits;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "embargo", version, about = "Sanctions and export-control screening")]
pub struct Cli {
    /// Where the list store lives. Default: $XDG_DATA_HOME/embargo (~/.local/share/embargo).
    #[arg(long, global = true, env = "EMBARGO_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Import list files or folders into the store as a new list version.
    Import(ImportArgs),
    /// Show what is loaded: lists, versions, dates, counts.
    Lists(ListsArgs),
    /// Show one entity, every field, with its provenance.
    Show(ShowArgs),
    /// Entities added, removed and changed between two versions of a list.
    Diff(DiffArgs),
    /// Download the current lists from their publishers (or import from --from PATH).
    Sync(SyncArgs),
    /// Screen one name, or a whole file with --input.
    Screen(Box<ScreenArgs>),
    /// Compare two names, or a CSV of pairs.
    Compare(CompareArgs),
    /// Run the HTTP screening service.
    Serve(ServeArgs),
    /// Manage API keys of the HTTP service.
    Keys(KeysArgs),
    /// Alerts of recorded screenings: list, show, decide, approve or reject.
    Alerts(AlertsArgs),
    /// Suppressions made by false-positive decisions: list, revoke.
    Suppressions(SuppressionsArgs),
    /// The tamper-evident audit log: verify, prove a record, export.
    Audit(AuditArgs),
    /// Write the lists in force to one snapshot file (screen it with --snapshot, Python, Spark).
    Snapshot(SnapshotArgs),
    /// Ongoing monitoring: register subjects, re-screen them when the lists change.
    Monitor(Box<MonitorArgs>),
    /// Recorded screenings: replay one on the versions it used.
    Screenings(ScreeningsArgs),
    /// Find the listed parties and sanctioned jurisdictions a text names (an article, a remittance line).
    ScreenText(ScreenTextArgs),
    /// Screen every field of a payment message (SWIFT MT103, ISO 20022 pacs.008, pain.001, pain.008).
    ScreenPayment(ScreenPaymentArgs),
    /// Export-control check of shipments (JSON, or JSON lines): block, review or clear, and why.
    ScreenShipment(ScreenShipmentArgs),
    /// Manage users of the web page (`/ui/` of `embargo serve`).
    Users(UsersArgs),
}

/// Raw flags of `embargo alerts`.
#[derive(clap::Args)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub action: AlertsAction,
}

/// What `embargo alerts` does.
#[derive(clap::Subcommand)]
pub enum AlertsAction {
    /// List alerts, oldest first.
    List {
        /// Only this status: open, escalated, pending_approval, re_review, true_match,
        /// false_positive, delisted.
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Only this subject.
        #[arg(long, value_name = "ID")]
        subject: Option<String>,
        /// Only alerts assigned to this person.
        #[arg(long, value_name = "NAME")]
        assignee: Option<String>,
        /// At most this many.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// table or json.
        #[arg(long, value_name = "FORMAT", default_value = "table")]
        format: String,
    },
    /// One alert: its screening, the explanation, the entities, its history.
    Show {
        /// The alert's id (`A12`).
        id: String,
        /// text or json.
        #[arg(long, value_name = "FORMAT", default_value = "text")]
        format: String,
    },
    /// Decide an alert (under four eyes a true match or clearing an escalated alert waits
    /// for a second person).
    Decide {
        /// The alert's id (`A12`).
        id: String,
        /// The subject is the listed party.
        #[arg(long, group = "outcome")]
        true_match: bool,
        /// The subject is not the listed party: the pair is suppressed while neither changes.
        #[arg(long, group = "outcome")]
        false_positive: bool,
        /// Hand the alert on to a senior analyst.
        #[arg(long, group = "outcome")]
        escalate: bool,
        /// Why, in words.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Standard reasons: name_only, different_date_of_birth, different_country,
        /// different_gender, different_kind, other (repeat or separate by commas).
        #[arg(long = "code", value_name = "CODE", value_delimiter = ',')]
        codes: Vec<String>,
        /// Who decides.
        #[arg(long, value_name = "NAME")]
        by: String,
        /// The alert's version as you read it (`alerts show`): refused if it changed since.
        #[arg(long, value_name = "N")]
        expect_version: Option<u64>,
    },
    /// Approve the decision waiting on an alert (not your own).
    Approve {
        /// The alert's id (`A12`).
        id: String,
        /// Who approves.
        #[arg(long, value_name = "NAME")]
        by: String,
    },
    /// Reject the decision waiting on an alert (not your own): it goes back to its status.
    Reject {
        /// The alert's id (`A12`).
        id: String,
        /// Who rejects.
        #[arg(long, value_name = "NAME")]
        by: String,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// Raw flags of `embargo suppressions`.
#[derive(clap::Args)]
pub struct SuppressionsArgs {
    #[command(subcommand)]
    pub action: SuppressionsAction,
}

/// What `embargo suppressions` does.
#[derive(clap::Subcommand)]
pub enum SuppressionsAction {
    /// List suppressions.
    List {
        /// Only this status: active, revoked, superseded, delisted.
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Only this subject.
        #[arg(long, value_name = "ID")]
        subject: Option<String>,
        /// table or json.
        #[arg(long, value_name = "FORMAT", default_value = "table")]
        format: String,
    },
    /// Revoke a suppression: the pair alerts again at its next screening.
    Revoke {
        /// The suppression's id (`S12`).
        id: String,
        /// Who revokes.
        #[arg(long, value_name = "NAME")]
        by: String,
        /// Why.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// Raw flags of `embargo audit`.
#[derive(clap::Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub action: AuditAction,
}

/// What `embargo audit` does.
#[derive(clap::Subcommand)]
pub enum AuditAction {
    /// Recompute every hash and signature; exit 1 naming the first record edited, deleted,
    /// reordered or inserted.
    Verify {
        /// Also check against this checkpoint file (JSON lines, e.g. the copy shipped to
        /// write-once storage): its last checkpoint must be consistent with the log.
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Print an inclusion proof of one record (an alert, a screening or a record number).
    Prove {
        /// `A12`, `SCR12`, `S12` or a record number.
        id: String,
    },
    /// Write the records with their hashes.
    Export {
        /// From this time (RFC 3339).
        #[arg(long, value_name = "TIME")]
        from: Option<String>,
        /// Before this time (RFC 3339).
        #[arg(long, value_name = "TIME")]
        to: Option<String>,
        /// jsonl or csv.
        #[arg(long, value_name = "FORMAT", default_value = "jsonl")]
        format: String,
        /// Include personal data (names, reasons) that was not erased.
        #[arg(long)]
        personal: bool,
    },
}

#[derive(clap::Args)]
pub struct SnapshotArgs {
    #[command(subcommand)]
    pub action: SnapshotAction,
}

#[derive(clap::Subcommand)]
pub enum SnapshotAction {
    /// Write the active version of every list, and what screening needs, to PATH (atomically).
    Export {
        /// The snapshot file to write (replaced whole if it exists).
        path: PathBuf,
    },
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// List files, or folders searched for list files (formats are recognised by file names and
    /// contents).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read all PATHs as one list version of this format instead of recognising them
    /// (ofac-csv, ofac-xml, ofac-advanced-xml, un-xml, eu-fsf-xml, uk-ofsi-csv, uk-ofsi-xlsx,
    /// uk-fcdo, uk-fcdo-tables, ftm-json, custom-csv).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Import only the lists with this id among those found; with --mapping or --map, the list
    /// id to give the custom CSV (overriding the mapping's).
    #[arg(long, value_name = "ID")]
    pub list: Option<String>,

    /// Column mapping (TOML) of a custom CSV list; implies --format custom-csv.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,

    /// Column mapping entry of a custom CSV, `key=value` (repeatable), e.g.
    /// `--map list=blocklist --map id_column=Ref --map name_column=Name`.
    #[arg(long = "map", value_name = "KEY=VALUE", conflicts_with = "mapping")]
    pub map: Vec<String>,

    /// Print the outcome as JSON (one array of objects).
    #[arg(long)]
    pub json: bool,

    /// Do not run monitoring (the self-test still runs) after a new version is imported.
    #[arg(long)]
    pub no_monitor: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListsFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct ListsArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListsFormat,

    /// Show every stored version, not only the active ones.
    #[arg(long)]
    pub all: bool,

    /// Print every warning of the active version of LIST.
    #[arg(long, value_name = "LIST", conflicts_with = "all")]
    pub warnings: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Entity id, `list:publisher id` (e.g. `un:IRi.003`, `ofac-sdn:36`).
    pub id: String,

    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,

    /// Show the entity as it was in this version of its list instead of the active one.
    #[arg(long, value_name = "V")]
    pub version: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// List id (`ofac-sdn`, `un`, ...).
    pub list: String,

    /// The older version; default: the version before --to.
    #[arg(long, value_name = "V")]
    pub from: Option<u32>,

    /// The newer version; default: the active version.
    #[arg(long, value_name = "V")]
    pub to: Option<u32>,

    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
}

#[derive(clap::Args)]
pub struct SyncArgs {
    /// Import these local files or folders instead of downloading (a folder imports every
    /// list it holds).
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub from: Vec<PathBuf>,

    /// Sync only this source (repeatable); default: every enabled source of the config.
    #[arg(long = "source", value_name = "ID", conflicts_with = "from")]
    pub sources: Vec<String>,

    /// The sources config (TOML). Default: sync.toml in the data directory, created with the
    /// publishers' official addresses on first use.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Show the sync status of every source (last attempt, last success, last error) and exit.
    #[arg(long, conflicts_with_all = ["from", "sources"])]
    pub status: bool,

    /// Print the outcome as JSON.
    #[arg(long)]
    pub json: bool,

    /// Do not run monitoring (the self-test still runs) after new versions are imported.
    #[arg(long)]
    pub no_monitor: bool,
}

/// Raw flags of `embargo screen`, shared by single-name and batch screening.
#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 screened (with or without hits), 1 hits found and --fail-on-hit given, \
                        2 error.\nBatch screening (--input) is described in docs/batch.md."
)]
pub struct ScreenArgs {
    /// The name to screen (omit with --input).
    pub name: Option<String>,

    /// What the party is: person, organization, vessel or aircraft (FtM schema names such as
    /// Company or LegalEntity are accepted). With --input: one kind for every record.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Date of birth or incorporation ("1964", "1964-03-12", "circa 1964"); repeatable.
    #[arg(long, value_name = "DATE")]
    pub dob: Vec<String>,

    /// Country of nationality, residence or registration (name or ISO code); repeatable.
    #[arg(long, value_name = "COUNTRY")]
    pub country: Vec<String>,

    /// An identifier (passport, tax id, IMO ...); repeatable.
    #[arg(long = "id", value_name = "ID")]
    pub identifiers: Vec<String>,

    /// Gender of a person (male, female).
    #[arg(long)]
    pub gender: Option<String>,

    /// Screen only against these lists (ids as `embargo lists` shows them).
    #[arg(long, value_name = "LIST,...", value_delimiter = ',')]
    pub lists: Vec<String>,

    /// Hits scoring below this are not shown (0..1). Default: the matcher's default threshold.
    #[arg(long, value_name = "T")]
    pub threshold: Option<f64>,

    /// At most this many hits per name (default 10).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Explain each score: which token met which, and what each attribute added.
    #[arg(long)]
    pub explain: bool,

    /// Screen against this snapshot file (`embargo snapshot export`) instead of the store.
    #[arg(long, value_name = "PATH")]
    pub snapshot: Option<PathBuf>,

    /// The scorer: embargo (default) or ofac (OFAC's Sanctions List Search scoring, to show an
    /// examiner the regulator's view beside embargo's).
    #[arg(long, value_name = "NAME")]
    pub algorithm: Option<String>,

    /// Output format: table or json for one name; csv or jsonl for --input (default: by the
    /// output file's extension).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Record the screening in the case store as a screening of this subject (the firm's id
    /// of the party): hits at or above the threshold become alerts. One name only; with
    /// --input use --record.
    #[arg(long, value_name = "ID")]
    pub subject: Option<String>,

    /// Who screens, for the record (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,

    /// Flags of batch screening (`--input FILE` and the column mapping); boxed to keep the
    /// command enum small.
    #[command(flatten)]
    pub batch: Box<BatchArgs>,

    /// Screen against the list versions in force at this time (RFC 3339, or a date) or
    /// exactly these versions (`ofac-sdn@3,un@2`) instead of the active ones.
    #[arg(long, value_name = "WHEN")]
    pub as_of: Option<String>,
}

/// Raw flags of batch screening, flattened into `embargo screen`.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// A CSV (with a header) or JSON-lines file of records to screen.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Where the hits go: CSV, or JSON lines for .jsonl/.ndjson/.json (or --format).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The input's format: csv or jsonl (default: by its extension).
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,

    /// Column holding the record's id (default: `id`, else the line number).
    #[arg(long, value_name = "COLUMN")]
    pub id_col: Option<String>,

    /// Column of the name; repeat to join several (first and last name). Default: `name`.
    #[arg(long, value_name = "COLUMN")]
    pub name_col: Vec<String>,

    /// Column holding the kind of each record (default: `schema` or `kind`).
    #[arg(long, value_name = "COLUMN")]
    pub kind_col: Option<String>,

    /// Column of the date of birth or incorporation (default: `dob`).
    #[arg(long, value_name = "COLUMN")]
    pub dob_col: Option<String>,

    /// Column of the country (default: `country`).
    #[arg(long, value_name = "COLUMN")]
    pub country_col: Option<String>,

    /// Column of an identifier (passport, tax id, IMO); repeatable.
    #[arg(long, value_name = "COLUMN")]
    pub id_number_col: Vec<String>,

    /// A JSON mapping file with the keys id_col, name_col, kind_col, kind, dob_col,
    /// country_col, id_number_col; flags override it.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,

    /// The CSV delimiter (one character, or `tab`); default: sniffed from the header.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Also write a row for records without hits.
    #[arg(long)]
    pub all: bool,

    /// Where bad rows go (default: OUTPUT.rejects.csv).
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// Go on from where an interrupted run with the same arguments stopped.
    #[arg(long)]
    pub resume: bool,

    /// Exit with code 1 when there is a hit (the run still completes).
    #[arg(long)]
    pub fail_on_hit: bool,

    /// Progress display: auto (a bar on a terminal, log lines otherwise), bar, log or none.
    #[arg(long, value_name = "MODE", default_value = "auto")]
    pub progress: String,

    /// Records per chunk (each chunk is a checkpoint).
    #[arg(long, value_name = "N", default_value_t = embargo_batch::DEFAULT_CHUNK_SIZE)]
    pub chunk_size: usize,

    /// Record every screening in the case store, the record's id as the subject id: hits at or
    /// above the threshold become alerts. A resumed run records nothing twice.
    #[arg(long)]
    pub record: bool,
}

/// Raw flags of `embargo compare`.
#[derive(clap::Args)]
#[command(
    after_help = "--pairs FILE.csv: a header with name1, name2 and optionally schema (Person, Company, \
                        Organization, LegalEntity, Vessel, Airplane). Output: every input column, then score and \
                        match (at the default threshold), one row per input row, in order.\nExit codes: 0 done, 2 error."
)]
pub struct CompareArgs {
    /// The two names to compare (omit with --pairs).
    #[arg(value_name = "NAME", num_args = 0..=2)]
    pub names: Vec<String>,

    /// What both names are: person, organization, vessel or aircraft.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Show how the score was made.
    #[arg(long)]
    pub explain: bool,

    /// A CSV file of pairs with the columns name1, name2 and optionally schema.
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,

    /// Output format: text or json for one pair; csv or json for --pairs.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// The scorer: embargo (default) or ofac.
    #[arg(long, value_name = "NAME")]
    pub algorithm: Option<String>,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8000")]
    pub listen: SocketAddr,
    /// Serve without API keys. For local use only: anyone who reaches the port can screen.
    #[arg(long)]
    pub no_auth: bool,
    /// Log format on stderr.
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormatArg,
    /// Seconds between checks of the store for new list versions (SIGHUP checks at once).
    #[arg(long, default_value_t = 5.0)]
    pub reload_interval: f64,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = Limits::default().max_body_bytes)]
    pub max_body_bytes: usize,
    /// Query entities in one /match request.
    #[arg(long, default_value_t = Limits::default().max_queries)]
    pub max_queries: usize,
    /// Characters in one name or other property value.
    #[arg(long, default_value_t = Limits::default().max_value_chars)]
    pub max_value_chars: usize,
    /// Seconds a request may take before it is answered 408.
    #[arg(long, default_value_t = 10.0)]
    pub request_timeout: f64,
    /// Requests a second per API key, on average (0: no limit).
    #[arg(long, default_value_t = Limits::default().rate_per_second)]
    pub rate_limit: f64,
    /// Requests a key may send at once before the rate applies.
    #[arg(long, default_value_t = Limits::default().rate_burst)]
    pub rate_burst: f64,
    /// Do not serve the analysts' web page at /ui/.
    #[arg(long)]
    pub no_ui: bool,
    /// Seconds a web page session lasts without a request (default 8 hours).
    #[arg(long, default_value_t = 28_800.0)]
    pub session_ttl: f64,
    /// Mark session cookies Secure (set it when a TLS proxy is in front; a request with
    /// `X-Forwarded-Proto: https` gets Secure cookies anyway).
    #[arg(long)]
    pub secure_cookies: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LogFormatArg {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub action: KeysAction,
}

#[derive(clap::Subcommand)]
pub enum KeysAction {
    /// Create a key named NAME and print it (the only time it is shown).
    Create {
        /// Who or what the key is for (letters, digits, '-', '_', '.').
        name: String,
        /// What the key may do: screen, review, approve, admin (repeat or separate by commas).
        #[arg(long, value_name = "ROLE", default_value = "screen", value_delimiter = ',')]
        role: Vec<String>,
    },
    /// List keys: name, prefix, creation and revocation times. Never the keys themselves.
    List {
        /// Print JSON lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Revoke the active key named NAME; a running server refuses it within its reload interval.
    Revoke { name: String },
}

// ---- Validated options ----------------------------------------------------------------------

/// What `embargo screen` does, validated: one party, or a whole file.
pub enum ScreenAction {
    /// `embargo screen NAME`.
    One(Box<ScreenOne>),
    /// `embargo screen --input FILE --output FILE`.
    Batch(Box<BatchRun>),
}

/// One party to screen and how to print its hits.
pub struct ScreenOne {
    /// A snapshot file to screen against instead of the store.
    pub snapshot: Option<PathBuf>,
    pub query: Query,
    pub options: ScreenOptions,
    pub format: SingleFormat,
    pub fail_on_hit: bool,
    /// Record it in the case store as a screening of this subject.
    pub record: Option<Recording>,
    /// Screen the versions in force then instead of the active ones.
    pub as_of: Option<embargo_engine::AsOf>,
}

/// Recording screenings in the case store: of which subject (one name) and by whom.
pub struct Recording {
    /// The subject's id; `None` in batch runs, where each record's id is its subject.
    pub subject: Option<String>,
    /// Who screens.
    pub by: String,
}

/// Who acts when `--by` is not given: the login name, else `cli`.
fn default_actor(by: Option<&str>) -> anyhow::Result<String> {
    let by = by.map(str::to_owned).or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "cli".into());
    if by.trim().is_empty() {
        bail!("--by must name someone");
    }
    Ok(by.trim().to_owned())
}

/// How `embargo screen NAME` prints its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SingleFormat {
    Table,
    Json,
}

/// A batch run: the library's options and how to show progress.
pub struct BatchRun {
    /// A snapshot file to screen against instead of the store.
    pub snapshot: Option<PathBuf>,
    pub options: BatchOptions,
    pub progress: ProgressMode,
    pub fail_on_hit: bool,
    /// Record every screening in the case store.
    pub record: Option<Recording>,
    /// Screen the versions in force then instead of the active ones.
    pub as_of: Option<embargo_engine::AsOf>,
}

/// How a batch run shows progress on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar redrawn in place (a terminal).
    Bar,
    /// A plain line every few seconds (logs).
    Log,
    None,
}

impl ScreenArgs {
    /// Checks the flags and turns them into one screening or a batch run.
    pub fn validate(self) -> anyhow::Result<ScreenAction> {
        if self.batch.input.is_some() {
            return Ok(ScreenAction::Batch(Box::new(batch_run(&self)?)));
        }
        let Some(name) = self.name.as_deref() else {
            bail!("give a NAME to screen, or --input FILE to screen a file");
        };
        if name.trim().is_empty() {
            bail!("the name to screen is empty");
        }
        self.batch.reject_batch_only_flags()?;
        let record = match &self.subject {
            Some(subject) if subject.trim().is_empty() => bail!("--subject must name the subject's id"),
            Some(subject) => Some(Recording {
                subject: Some(subject.trim().to_owned()),
                by: default_actor(self.by.as_deref())?,
            }),
            None if self.by.is_some() => {
                bail!("--by names who screens for the record: give --subject ID too")
            }
            None => None,
        };
        let format = match self.format.as_deref() {
            None | Some("table") => SingleFormat::Table,
            Some("json") => SingleFormat::Json,
            Some(other) => bail!("unknown --format {other:?}: expected table or json"),
        };
        let options = screen_options(&self)?;
        let query = Query {
            names: vec![name.to_owned()],
            kind: self.kind.as_deref().map(parse_kind).transpose()?,
            birth_dates: self.dob.iter().map(|d| DateSpec::parse(d)).collect(),
            countries: self.country.clone(),
            identifiers: self.identifiers.clone(),
            gender: self.gender.as_deref().map(parse_gender).transpose()?,
        };
        Ok(ScreenAction::One(Box::new(ScreenOne {
            snapshot: self.snapshot.clone(),
            query,
            options,
            format,
            fail_on_hit: self.batch.fail_on_hit,
            record,
            as_of: parse_as_of(&self)?,
        })))
    }
}

/// Validates the screening flags shared by single-name and batch screening.
fn screen_options(args: &ScreenArgs) -> anyhow::Result<ScreenOptions> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold {threshold} is out of range: expected a score between 0 and 1");
    }
    let limit = args.limit.unwrap_or(10);
    if limit == 0 {
        bail!("--limit must be at least 1");
    }
    let lists: Vec<String> =
        args.lists.iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    Ok(ScreenOptions {
        threshold,
        limit,
        lists: if lists.is_empty() { None } else { Some(lists) },
        explain: args.explain,
        algorithm: parse_algorithm(args.algorithm.as_deref())?,
    })
}

/// `--algorithm NAME`, the default when not given.
fn parse_algorithm(name: Option<&str>) -> anyhow::Result<Algorithm> {
    Ok(name.map(str::parse::<Algorithm>).transpose()?.unwrap_or_default())
}

/// A kind given on the command line (`person`, `Company`, ...).
pub fn parse_kind(value: &str) -> anyhow::Result<EntityKind> {
    match EntityKind::parse(value) {
        Some(kind) if kind != EntityKind::Unknown => Ok(kind),
        _ => bail!(
            "unknown kind {value:?}: expected person, organization, vessel or aircraft \
             (or an FtM schema: Person, Company, Organization, LegalEntity, Vessel, Airplane)"
        ),
    }
}

fn parse_gender(value: &str) -> anyhow::Result<Gender> {
    match Gender::parse(value) {
        Some(g @ (Gender::Male | Gender::Female)) => Ok(g),
        _ => bail!("unknown gender {value:?}: expected male or female"),
    }
}

impl BatchArgs {
    /// Fails on batch flags given without --input.
    fn reject_batch_only_flags(&self) -> anyhow::Result<()> {
        let given = [
            ("--output", self.output.is_some()),
            ("--input-format", self.input_format.is_some()),
            ("--id-col", self.id_col.is_some()),
            ("--name-col", !self.name_col.is_empty()),
            ("--kind-col", self.kind_col.is_some()),
            ("--dob-col", self.dob_col.is_some()),
            ("--country-col", self.country_col.is_some()),
            ("--id-number-col", !self.id_number_col.is_empty()),
            ("--mapping", self.mapping.is_some()),
            ("--delimiter", self.delimiter.is_some()),
            ("--all", self.all),
            ("--rejects", self.rejects.is_some()),
            ("--resume", self.resume),
            ("--record", self.record),
        ];
        let flags: Vec<&str> = given.iter().filter(|(_, on)| *on).map(|(f, _)| *f).collect();
        if !flags.is_empty() {
            bail!("{} only make(s) sense with --input FILE", flags.join(", "));
        }
        Ok(())
    }
}

/// Turns the flags of `screen --input` into a batch run.
fn batch_run(args: &ScreenArgs) -> anyhow::Result<BatchRun> {
    let raw = &args.batch;
    let input = raw.input.clone().expect("batch mode has --input");
    if args.name.is_some() {
        bail!("give either a NAME or --input FILE, not both");
    }
    for (flag, given) in [
        ("--dob", !args.dob.is_empty()),
        ("--country", !args.country.is_empty()),
        ("--id", !args.identifiers.is_empty()),
        ("--gender", args.gender.is_some()),
    ] {
        if given {
            bail!("{flag} is for one name; with --input map a column instead (see --help)");
        }
    }
    let Some(output) = raw.output.clone() else {
        bail!("--input needs --output FILE (the hits are written there)");
    };
    let mut options = BatchOptions::new(input, output);
    options.screen = screen_options(args)?;
    options.input_format = match raw.input_format.as_deref() {
        None => None,
        Some("csv") => Some(InputFormat::Csv),
        Some("jsonl" | "ndjson" | "json") => Some(InputFormat::JsonLines),
        Some(other) => bail!("unknown --input-format {other:?}: expected csv or jsonl"),
    };
    options.output_format = match args.format.as_deref() {
        None => None,
        Some("csv") => Some(OutputFormat::Csv),
        Some("jsonl" | "ndjson" | "json") => Some(OutputFormat::JsonLines),
        Some(other) => bail!("unknown --format {other:?} for --input: expected csv or jsonl"),
    };
    options.delimiter = raw.delimiter.as_deref().map(parse_delimiter).transpose()?;
    let flags = ColumnMapping {
        id_col: raw.id_col.clone(),
        name_col: raw.name_col.clone(),
        kind_col: raw.kind_col.clone(),
        kind: args.kind.as_deref().map(parse_kind).transpose()?,
        dob_col: raw.dob_col.clone(),
        country_col: raw.country_col.clone(),
        id_number_col: raw.id_number_col.clone(),
    };
    options.mapping = match &raw.mapping {
        Some(path) => ColumnMapping::from_file(path)?.overridden_by(flags),
        None => flags,
    };
    options.rejects = raw.rejects.clone();
    options.all = raw.all;
    options.resume = raw.resume;
    if raw.chunk_size == 0 {
        bail!("--chunk-size must be at least 1");
    }
    options.chunk_size = raw.chunk_size;
    let progress = match raw.progress.as_str() {
        "auto" if std::io::stderr().is_terminal() => ProgressMode::Bar,
        "auto" | "log" => ProgressMode::Log,
        "bar" => ProgressMode::Bar,
        "none" => ProgressMode::None,
        other => bail!("unknown --progress {other:?}: expected auto, bar, log or none"),
    };
    if args.subject.is_some() {
        bail!("--subject is for one name; with --input use --record (each record's id is its subject)");
    }
    let record = match (raw.record, &args.by) {
        (true, by) => Some(Recording { subject: None, by: default_actor(by.as_deref())? }),
        (false, Some(_)) => bail!("--by names who screens for the record: give --record too"),
        (false, None) => None,
    };
    Ok(BatchRun {
        snapshot: args.snapshot.clone(),
        options,
        progress,
        fail_on_hit: raw.fail_on_hit,
        record,
        as_of: parse_as_of(args)?,
    })
}

/// `--as-of WHEN`, refused with `--snapshot` (a snapshot file holds one set of versions).
fn parse_as_of(args: &ScreenArgs) -> anyhow::Result<Option<embargo_engine::AsOf>> {
    let Some(when) = args.as_of.as_deref() else { return Ok(None) };
    if args.snapshot.is_some() {
        bail!("--as-of loads past versions from the store; it cannot be combined with --snapshot");
    }
    Ok(Some(embargo_engine::AsOf::parse(when)?))
}

fn parse_delimiter(value: &str) -> anyhow::Result<u8> {
    match value {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        v if v.len() == 1 && v.is_ascii() && !matches!(v, "\"" | "\n" | "\r") => Ok(v.as_bytes()[0]),
        _ => bail!("--delimiter {value:?}: expected one ASCII character (or `tab`)"),
    }
}

/// What `embargo compare` does, validated.
pub enum CompareAction {
    /// Two names, printed as text or JSON.
    One { a: String, b: String, kind: Option<EntityKind>, explain: bool, json: bool, algorithm: Algorithm },
    /// A CSV of pairs, written as CSV or JSON.
    Pairs { path: PathBuf, kind: Option<EntityKind>, json: bool, algorithm: Algorithm },
}

impl CompareArgs {
    /// Checks the flags: two names or `--pairs`, and a format that fits.
    pub fn validate(self) -> anyhow::Result<CompareAction> {
        let kind = self.kind.as_deref().map(parse_kind).transpose()?;
        let algorithm = parse_algorithm(self.algorithm.as_deref())?;
        match (self.pairs, self.names.as_slice()) {
            (Some(path), []) => {
                let json = match self.format.as_deref() {
                    None | Some("csv") => false,
                    Some("json") => true,
                    Some(other) => bail!("unknown --format {other:?} for --pairs: expected csv or json"),
                };
                if self.explain {
                    bail!("--explain is for one pair; --pairs writes scores only");
                }
                Ok(CompareAction::Pairs { path, kind, json, algorithm })
            }
            (Some(_), _) => bail!("give either two names or --pairs FILE, not both"),
            (None, [a, b]) => {
                let json = match self.format.as_deref() {
                    None | Some("text") => false,
                    Some("json") => true,
                    Some(other) => bail!("unknown --format {other:?}: expected text or json"),
                };
                Ok(CompareAction::One {
                    a: a.clone(),
                    b: b.clone(),
                    kind,
                    explain: self.explain,
                    json,
                    algorithm,
                })
            }
            (None, _) => bail!("give two names to compare, or --pairs FILE.csv"),
        }
    }
}

// ---- Monitoring (issue 13) ------------------------------------------------------------------

/// Raw flags of `embargo monitor`.
#[derive(clap::Args)]
pub struct MonitorArgs {
    #[command(subcommand)]
    pub action: MonitorAction,
}

/// What `embargo monitor` does.
#[derive(clap::Subcommand)]
pub enum MonitorAction {
    /// Register (or update) the subjects of a CSV or JSON-lines file, with the column flags of
    /// `screen --input`; then run monitoring (new and changed subjects are screened).
    Import {
        /// The file of subjects.
        file: PathBuf,
        /// Column flags, as for `screen --input`.
        #[command(flatten)]
        columns: MonitorColumns,
        /// A free tag given to every subject of the file (customer, supplier...); repeatable.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Who registers (default: $USER).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Register only; do not run monitoring now.
        #[arg(long)]
        no_monitor: bool,
        /// Progress display: auto, bar, log or none.
        #[arg(long, value_name = "MODE", default_value = "auto")]
        progress: String,
    },
    /// Register (or update) one subject, then screen it.
    Add {
        /// The firm's id of the subject.
        id: String,
        /// A name (repeatable).
        #[arg(long = "name", value_name = "NAME", required = true)]
        names: Vec<String>,
        /// person, organization, vessel or aircraft.
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// Date of birth or incorporation; repeatable.
        #[arg(long, value_name = "DATE")]
        dob: Vec<String>,
        /// Country; repeatable.
        #[arg(long, value_name = "COUNTRY")]
        country: Vec<String>,
        /// Identifier; repeatable.
        #[arg(long = "id-number", value_name = "ID")]
        identifiers: Vec<String>,
        /// Free tag; repeatable.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Who registers (default: $USER).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Register only; do not run monitoring now.
        #[arg(long)]
        no_monitor: bool,
    },
    /// Remove a subject from monitoring (its records stay).
    Remove {
        /// The subject's id.
        id: String,
        /// Who removes (default: $USER).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// The registered subjects.
    List {
        /// table or json.
        #[arg(long, value_name = "FORMAT", default_value = "table")]
        format: String,
    },
    /// Screen the registered subjects against what changed since each was last screened.
    Run {
        /// Screen every subject against the whole lists (after a change of threshold or matcher).
        #[arg(long)]
        full: bool,
        /// Hits from this score make alerts (default: the matcher's default threshold).
        #[arg(long, value_name = "T")]
        threshold: Option<f64>,
        /// Record a screening for every subject screened (`all`, default) or only for those
        /// with a hit (`hits`).
        #[arg(long, value_name = "WHAT", default_value = "all")]
        record: String,
        /// Subjects screened and recorded per transaction.
        #[arg(long, value_name = "N", default_value_t = 4096)]
        chunk_size: usize,
        /// Who runs, for the record (default: monitor).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Progress display: auto, bar, log or none.
        #[arg(long, value_name = "MODE", default_value = "auto")]
        progress: String,
        /// Print the run's summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run the self-test of the active version of every list (or of LIST) now.
    SelfTest {
        /// Only this list.
        #[arg(long, value_name = "LIST")]
        list: Option<String>,
        /// Recall below which the test fails (default: the configured floor).
        #[arg(long, value_name = "R")]
        floor: Option<f64>,
    },
    /// Set the recall floor of the self-test after every import.
    SetFloor {
        /// A recall from 0 to 1 (default 0.9).
        floor: f64,
    },
}

/// The column flags of `monitor import` (those of `screen --input`).
#[derive(clap::Args)]
pub struct MonitorColumns {
    /// csv or jsonl (default: by the file's extension).
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<String>,
    /// Column holding the subject's id (default: `id`, else the line number).
    #[arg(long, value_name = "COLUMN")]
    pub id_col: Option<String>,
    /// Column of the name; repeat to join several. Default: `name`.
    #[arg(long, value_name = "COLUMN")]
    pub name_col: Vec<String>,
    /// Column of the kind (default: `schema` or `kind`).
    #[arg(long, value_name = "COLUMN")]
    pub kind_col: Option<String>,
    /// One kind for every subject.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Column of the date of birth or incorporation (default: `dob`).
    #[arg(long, value_name = "COLUMN")]
    pub dob_col: Option<String>,
    /// Column of the country (default: `country`).
    #[arg(long, value_name = "COLUMN")]
    pub country_col: Option<String>,
    /// Column of an identifier; repeatable.
    #[arg(long, value_name = "COLUMN")]
    pub id_number_col: Vec<String>,
    /// A JSON mapping file (as for `screen --input`); flags override it.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The CSV delimiter (one character, or `tab`).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
}

impl MonitorColumns {
    /// The batch options that read `file` with these columns.
    pub fn batch_options(&self, file: &std::path::Path) -> anyhow::Result<BatchOptions> {
        let mut options = BatchOptions::new(file.to_owned(), PathBuf::from("/dev/null"));
        options.input_format = match self.input_format.as_deref() {
            None => None,
            Some("csv") => Some(InputFormat::Csv),
            Some("jsonl" | "ndjson" | "json") => Some(InputFormat::JsonLines),
            Some(other) => bail!("unknown --input-format {other:?}: expected csv or jsonl"),
        };
        options.delimiter = self.delimiter.as_deref().map(parse_delimiter).transpose()?;
        let flags = ColumnMapping {
            id_col: self.id_col.clone(),
            name_col: self.name_col.clone(),
            kind_col: self.kind_col.clone(),
            kind: self.kind.as_deref().map(parse_kind).transpose()?,
            dob_col: self.dob_col.clone(),
            country_col: self.country_col.clone(),
            id_number_col: self.id_number_col.clone(),
        };
        options.mapping = match &self.mapping {
            Some(path) => ColumnMapping::from_file(path)?.overridden_by(flags),
            None => flags,
        };
        Ok(options)
    }
}

/// `--progress MODE` of the monitoring commands.
pub fn progress_mode(mode: &str) -> anyhow::Result<ProgressMode> {
    Ok(match mode {
        "auto" if std::io::stderr().is_terminal() => ProgressMode::Bar,
        "auto" | "log" => ProgressMode::Log,
        "bar" => ProgressMode::Bar,
        "none" => ProgressMode::None,
        other => bail!("unknown --progress {other:?}: expected auto, bar, log or none"),
    })
}

/// Who acts: `--by`, else the login name.
pub fn actor(by: Option<&str>) -> anyhow::Result<String> {
    default_actor(by)
}

/// Raw flags of `embargo screenings`.
#[derive(clap::Args)]
pub struct ScreeningsArgs {
    #[command(subcommand)]
    pub action: ScreeningsAction,
}

/// What `embargo screenings` does.
#[derive(clap::Subcommand)]
pub enum ScreeningsAction {
    /// Re-run a recorded screening on the list versions it used and say whether the result is
    /// the same (exit 0 same, 1 different).
    Replay {
        /// The screening's id (`SCR12`).
        id: String,
        /// Print the comparison as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Raw flags of `embargo screen-text`.
#[derive(clap::Args)]
pub struct ScreenTextArgs {
    /// The text to screen (UTF-8; plain, HTML or Markdown); `-` or nothing reads stdin.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
    /// table or json.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Hits scoring below this (in context) are not listed (0..1). Default: the matcher's.
    #[arg(long, value_name = "T")]
    pub threshold: Option<f64>,
    /// Screen only against these lists (ids as `embargo lists` shows them).
    #[arg(long, value_name = "LIST,...", value_delimiter = ',')]
    pub lists: Vec<String>,
    /// At most this many hits per mention (default 10).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Explain each score in context.
    #[arg(long)]
    pub explain: bool,
    /// How the text is written: auto (default), plain, html or markdown.
    #[arg(long, value_name = "MARKUP")]
    pub markup: Option<String>,
}

/// Raw flags of `embargo screen-payment`.
#[derive(clap::Args)]
pub struct ScreenPaymentArgs {
    /// The message: MT103, or ISO 20022 pacs.008 / pain.001 / pain.008 XML (detected); `-`
    /// reads stdin.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// table or json.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Hits scoring below this are not listed (0..1). Default: the matcher's.
    #[arg(long, value_name = "T")]
    pub threshold: Option<f64>,
    /// Screen only against these lists.
    #[arg(long, value_name = "LIST,...", value_delimiter = ',')]
    pub lists: Vec<String>,
    /// Explain each score.
    #[arg(long)]
    pub explain: bool,
    /// Record the screening of each party field in the case store, as subject `ID/FIELD`
    /// (`PAY-7/59`): hits at or above the threshold become alerts.
    #[arg(long, value_name = "ID")]
    pub subject: Option<String>,
    /// Who screens, for the record (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// Raw flags of `embargo screen-shipment`.
#[derive(clap::Args)]
pub struct ScreenShipmentArgs {
    /// One shipment as a JSON document, or JSON lines (one shipment a line); `-` reads stdin.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// table or json (JSON lines in, JSON lines out).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Record the screening of each party in the case store, as subject `ID/parties[N]` (with
    /// JSON lines `ID/SHIPMENT/parties[N]`, SHIPMENT the shipment's id or `line-N`).
    #[arg(long, value_name = "ID")]
    pub subject: Option<String>,
    /// Who screens, for the record (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// Where a text, message or shipment file is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl InputSource {
    fn of(path: Option<&PathBuf>) -> InputSource {
        match path {
            Some(p) if p.as_os_str() != "-" => InputSource::File(p.clone()),
            _ => InputSource::Stdin,
        }
    }
}

/// `embargo screen-text`, validated.
pub struct TextRun {
    pub input: InputSource,
    pub options: embargo_text::TextOptions,
    pub format: SingleFormat,
}

/// `embargo screen-payment`, validated.
pub struct PaymentRun {
    pub input: InputSource,
    pub options: embargo_text::TextOptions,
    pub format: SingleFormat,
    /// Record each party field under `ID/FIELD`.
    pub record: Option<Recording>,
}

/// `embargo screen-shipment`, validated.
pub struct ShipmentRun {
    pub input: InputSource,
    pub format: SingleFormat,
    /// Record each party under `ID/parties[N]`.
    pub record: Option<Recording>,
}

fn single_format(format: Option<&str>) -> anyhow::Result<SingleFormat> {
    match format {
        None | Some("table") => Ok(SingleFormat::Table),
        Some("json") => Ok(SingleFormat::Json),
        Some(other) => bail!("unknown --format {other:?}: expected table or json"),
    }
}

/// `--subject ID [--by NAME]`: a recording, or none; `--by` alone is refused.
fn recording(subject: Option<&str>, by: Option<&str>) -> anyhow::Result<Option<Recording>> {
    match subject {
        Some(subject) if subject.trim().is_empty() => bail!("--subject must name the subject's id"),
        Some(subject) => {
            Ok(Some(Recording { subject: Some(subject.trim().to_owned()), by: default_actor(by)? }))
        }
        None if by.is_some() => bail!("--by names who screens for the record: give --subject ID too"),
        None => Ok(None),
    }
}

/// The options of text and payment screening.
fn text_options(
    threshold: Option<f64>,
    lists: &[String],
    limit: Option<usize>,
    explain: bool,
    markup: Option<&str>,
) -> anyhow::Result<embargo_text::TextOptions> {
    use embargo_text::Markup;
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold {threshold} is out of range: expected a score between 0 and 1");
    }
    let limit = limit.unwrap_or(10);
    if limit == 0 {
        bail!("--limit must be at least 1");
    }
    let markup = match markup {
        None | Some("auto") => Markup::Auto,
        Some("plain") => Markup::Plain,
        Some("html") => Markup::Html,
        Some("markdown") => Markup::Markdown,
        Some(other) => bail!("unknown --markup {other:?}: expected auto, plain, html or markdown"),
    };
    let lists: Vec<String> = lists.iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    Ok(embargo_text::TextOptions {
        threshold,
        limit,
        lists: (!lists.is_empty()).then_some(lists),
        explain,
        markup,
    })
}

impl ScreenTextArgs {
    /// Checks the flags.
    pub fn validate(self) -> anyhow::Result<TextRun> {
        Ok(TextRun {
            input: InputSource::of(self.file.as_ref()),
            options: text_options(
                self.threshold,
                &self.lists,
                self.limit,
                self.explain,
                self.markup.as_deref(),
            )?,
            format: single_format(self.format.as_deref())?,
        })
    }
}

impl ScreenPaymentArgs {
    /// Checks the flags.
    pub fn validate(self) -> anyhow::Result<PaymentRun> {
        Ok(PaymentRun {
            input: InputSource::of(Some(&self.file)),
            options: text_options(self.threshold, &self.lists, None, self.explain, Some("plain"))?,
            format: single_format(self.format.as_deref())?,
            record: recording(self.subject.as_deref(), self.by.as_deref())?,
        })
    }
}

impl ScreenShipmentArgs {
    /// Checks the flags.
    pub fn validate(self) -> anyhow::Result<ShipmentRun> {
        Ok(ShipmentRun {
            input: InputSource::of(Some(&self.file)),
            format: single_format(self.format.as_deref())?,
            record: recording(self.subject.as_deref(), self.by.as_deref())?,
        })
    }
}

/// Raw flags of `embargo users`.
#[derive(clap::Args)]
pub struct UsersArgs {
    #[command(subcommand)]
    pub action: UsersAction,
}

#[derive(clap::Subcommand)]
pub enum UsersAction {
    /// Create a user of the web page. The password is read from standard input (one line) with
    /// --password-stdin; otherwise a random one is made and printed once.
    Create {
        /// The user's name (letters, digits, '-', '_', '.').
        name: String,
        /// What the user may do: screen, review, approve, admin (repeat or separate by commas).
        #[arg(long, value_name = "ROLE", required = true, value_delimiter = ',')]
        role: Vec<String>,
        /// Read the password (at least 12 characters) from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users: name, roles, creation time. Never the password hashes.
    List,
    /// Remove a user; a running server refuses the user's next login.
    Remove { name: String },
}
