//! Where the lists are downloaded from: a TOML file in the data directory (`sync.toml`),
//! written with the built-in defaults on first use so the user can see and change it.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::SyncError;

/// The config file name inside the data directory.
pub const CONFIG_FILE: &str = "sync.toml";

/// Everything `embargo sync` needs to know: the sources and how patient to be with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// Seconds allowed to connect to a server.
    #[serde(default = "defaults::connect_timeout_secs")]
    pub connect_timeout_secs: u64,
    /// Seconds allowed for a single read from the connection to make progress (a stalled
    /// server fails after this long even if the whole download would fit the total).
    #[serde(default = "defaults::read_timeout_secs")]
    pub read_timeout_secs: u64,
    /// Seconds allowed for one whole download, from connecting to the last byte.
    #[serde(default = "defaults::total_timeout_secs")]
    pub total_timeout_secs: u64,
    /// Attempts after the first one for a download that failed for a transient reason
    /// (connection, timeout, HTTP 408/429/5xx).
    #[serde(default = "defaults::retries")]
    pub retries: u32,
    /// The wait before the first retry; each further retry waits twice as long.
    #[serde(default = "defaults::backoff_ms")]
    pub backoff_ms: u64,
    /// The largest file accepted, in bytes; a larger body is refused.
    #[serde(default = "defaults::max_bytes")]
    pub max_bytes: u64,
    /// `embargo sync --status` reports a source stale when its last good download is older
    /// than this many hours, whether or not its last attempt failed (a source can be stale
    /// simply because nobody ran `sync`).
    #[serde(default = "defaults::stale_after_hours")]
    pub stale_after_hours: u64,
    /// Accept `http://` addresses. Off by default: a plain-HTTP download can be altered on the
    /// way, and with no pinned sha256 nothing else would notice.
    #[serde(default)]
    pub allow_insecure_http: bool,
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
}

/// One list to download: one or more files that together make one list version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A short stable id (`un`, `ofac-sdn`): the key of its status and download folder.
    pub id: String,
    /// Who publishes it, for humans.
    #[serde(default)]
    pub description: String,
    #[serde(default = "defaults::enabled")]
    pub enabled: bool,
    pub files: Vec<SourceFile>,
}

/// One file of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub url: String,
    /// The local file name; format detection relies on it for sets such as OFAC's
    /// `SDN.CSV` + `ALT.CSV` + `ADD.CSV` + `SDN_COMMENTS.CSV`.
    pub name: String,
    /// The expected sha256 (hex) of the file, when the user pins one: a download that does
    /// not match is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

mod defaults {
    pub fn connect_timeout_secs() -> u64 {
        20
    }
    pub fn read_timeout_secs() -> u64 {
        60
    }
    pub fn total_timeout_secs() -> u64 {
        600
    }
    pub fn retries() -> u32 {
        3
    }
    pub fn backoff_ms() -> u64 {
        1000
    }
    pub fn max_bytes() -> u64 {
        500 * 1024 * 1024
    }
    pub fn stale_after_hours() -> u64 {
        48
    }
    pub fn enabled() -> bool {
        true
    }
}

/// OFAC's Sanctions List Service exports (legacy CSV sets).
const OFAC_EXPORTS: &str = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports";

impl Default for SyncConfig {
    /// The built-in table of official publisher addresses.
    fn default() -> SyncConfig {
        let ofac = |id: &str, description: &str, names: &[&str]| Source {
            id: id.to_owned(),
            description: description.to_owned(),
            enabled: true,
            files: names
                .iter()
                .map(|n| SourceFile {
                    url: format!("{OFAC_EXPORTS}/{n}"),
                    name: (*n).to_owned(),
                    sha256: None,
                })
                .collect(),
        };
        let single = |id: &str, description: &str, url: &str, name: &str| Source {
            id: id.to_owned(),
            description: description.to_owned(),
            enabled: true,
            files: vec![SourceFile { url: url.to_owned(), name: name.to_owned(), sha256: None }],
        };
        SyncConfig {
            connect_timeout_secs: defaults::connect_timeout_secs(),
            read_timeout_secs: defaults::read_timeout_secs(),
            total_timeout_secs: defaults::total_timeout_secs(),
            retries: defaults::retries(),
            backoff_ms: defaults::backoff_ms(),
            max_bytes: defaults::max_bytes(),
            stale_after_hours: defaults::stale_after_hours(),
            allow_insecure_http: false,
            sources: vec![
                ofac(
                    "ofac-sdn",
                    "US Treasury OFAC, SDN list (legacy CSV set)",
                    &["SDN.CSV", "ADD.CSV", "ALT.CSV", "SDN_COMMENTS.CSV"],
                ),
                ofac(
                    "ofac-cons",
                    "US Treasury OFAC, Consolidated non-SDN list (legacy CSV set)",
                    &["CONS_PRIM.CSV", "CONS_ADD.CSV", "CONS_ALT.CSV", "CONS_COMMENTS.CSV"],
                ),
                single(
                    "un",
                    "UN Security Council Consolidated List (XML)",
                    "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
                    "UN_consolidated.xml",
                ),
                single(
                    "uk-fcdo",
                    "UK FCDO, UK Sanctions List (XML)",
                    "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
                    "UK-Sanctions-List.xml",
                ),
                single(
                    "eu-fsf",
                    "EU Financial Sanctions Files, full list (XML 1.1)",
                    "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw",
                    "eu-fsf-full-1_1.xml",
                ),
            ],
        }
    }
}

impl SyncConfig {
    /// Reads `path`; when it does not exist, writes the built-in defaults there first (so the
    /// user finds a file to edit) and returns them.
    pub fn load_or_create(path: &Path) -> Result<SyncConfig, SyncError> {
        match std::fs::read_to_string(path) {
            Ok(text) => SyncConfig::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let config = SyncConfig::default();
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| SyncError::io(dir, e))?;
                }
                crate::status::write_atomically(path, config.to_toml().as_bytes())?;
                Ok(config)
            }
            Err(e) => Err(SyncError::io(path, e)),
        }
    }

    /// The default config path in a data directory.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(CONFIG_FILE)
    }

    /// Parses and checks a config; `path` is for messages.
    pub fn parse(text: &str, path: &Path) -> Result<SyncConfig, SyncError> {
        let config: SyncConfig = toml::from_str(text)
            .map_err(|e| SyncError::Config { path: path.to_owned(), message: e.to_string() })?;
        config.check().map_err(|message| SyncError::Config { path: path.to_owned(), message })?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        let mut ids = std::collections::HashSet::new();
        for source in &self.sources {
            let id_ok = !source.id.is_empty()
                && source.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !id_ok {
                return Err(format!("source id {:?}: use letters, digits, '-' and '_' only", source.id));
            }
            if !ids.insert(&source.id) {
                return Err(format!("source id {:?} appears twice", source.id));
            }
            if source.files.is_empty() {
                return Err(format!("source {:?} has no file", source.id));
            }
            for file in &source.files {
                let name_ok = !file.name.is_empty()
                    && !file.name.contains(['/', '\\'])
                    && file.name != "."
                    && file.name != "..";
                if !name_ok {
                    return Err(format!(
                        "source {:?}: file name {:?} must be a plain file name",
                        source.id, file.name
                    ));
                }
                if !(file.url.starts_with("https://") || file.url.starts_with("http://")) {
                    return Err(format!("source {:?}: url {:?} must be http(s)", source.id, file.url));
                }
                if let Some(refusal) = self.refuse_plain_http(&source.id, &file.url) {
                    return Err(refusal);
                }
                if let Some(sha) = &file.sha256 {
                    if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
                        return Err(format!(
                            "source {:?}: sha256 of {} must be 64 hex digits",
                            source.id, file.name
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Why `url` of `source` may not be downloaded: plain HTTP without `allow_insecure_http`.
    pub fn refuse_plain_http(&self, source: &str, url: &str) -> Option<String> {
        (url.starts_with("http://") && !self.allow_insecure_http).then(|| {
            format!(
                "source {source:?}: {url} is plain HTTP, which anyone on the way can alter; use https:// \
                 or set allow_insecure_http = true in sync.toml (and pin the file's sha256)"
            )
        })
    }

    /// The config as TOML, with a header saying what the file is.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_default();
        format!(
            "# embargo sync: where each list is downloaded from. Edit freely: disable a source with\n\
             # `enabled = false`, point `url` at a mirror, pin a file with `sha256 = \"<hex>\"`.\n\
             # What is checked: downloads go over TLS (https only, unless allow_insecure_http),\n\
             # `max_bytes` caps each file, and the file must parse as its format. The publishers\n\
             # publish no checksums, so a file's sha256 is checked only where you pin one here.\n\
             # Timeouts are in seconds.\n\n{body}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_toml() {
        let config = SyncConfig::default();
        let parsed = SyncConfig::parse(&config.to_toml(), Path::new("sync.toml")).unwrap();
        assert_eq!(parsed, config);
        assert_eq!(parsed.sources.len(), 5);
    }

    #[test]
    fn unsafe_file_names_and_bad_checksums_are_refused() {
        let text = "[[source]]\nid = \"x\"\nfiles = [{ url = \"https://a/b\", name = \"../etc/passwd\" }]\n";
        let err = SyncConfig::parse(text, Path::new("sync.toml")).unwrap_err();
        assert!(err.to_string().contains("plain file name"), "{err}");
        let text = "[[source]]\nid = \"x\"\nfiles = [{ url = \"https://a/b\", name = \"a.xml\", sha256 = \"zz\" }]\n";
        assert!(SyncConfig::parse(text, Path::new("sync.toml")).is_err());
        let text = "retries = \"many\"\n";
        let err = SyncConfig::parse(text, Path::new("sync.toml")).unwrap_err();
        assert!(err.to_string().contains("sync.toml"), "{err}");
    }
}
