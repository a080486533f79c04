//! Downloading one file: a blocking HTTP GET (ureq, rustls) with timeouts, a size cap,
//! retries with exponential backoff for transient failures, and the sha256 of what arrived.

use crate::config::{SourceFile, SyncConfig};
use crate::status::FileRecord;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

/// Why a download failed, and whether trying again could help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub message: String,
    /// Connection failures, timeouts, HTTP 408, 429 and 5xx are worth a retry; a 404, a
    /// size-limit breach or a checksum mismatch are not.
    pub transient: bool,
}

impl FetchError {
    fn transient(message: impl Into<String>) -> FetchError {
        FetchError { message: message.into(), transient: true }
    }

    fn permanent(message: impl Into<String>) -> FetchError {
        FetchError { message: message.into(), transient: false }
    }
}

/// A configured HTTP client.
pub struct Fetcher {
    agent: ureq::Agent,
    retries: u32,
    backoff: Duration,
    max_bytes: u64,
}

impl Fetcher {
    pub fn new(config: &SyncConfig) -> Fetcher {
        let read_timeout = Some(Duration::from_secs(config.read_timeout_secs));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(config.connect_timeout_secs)))
            .timeout_recv_response(read_timeout)
            .timeout_per_read(read_timeout)
            .timeout_global(Some(Duration::from_secs(config.total_timeout_secs)))
            .user_agent(concat!("embargo-sync/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Fetcher {
            agent,
            retries: config.retries,
            backoff: Duration::from_millis(config.backoff_ms),
            max_bytes: config.max_bytes,
        }
    }

    /// Downloads `file` to `dest`, retrying transient failures. Returns the record of what
    /// was downloaded and how many attempts it took.
    pub fn fetch(&self, file: &SourceFile, dest: &Path) -> Result<(FileRecord, u32), FetchError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.fetch_once(file, dest) {
                Ok(record) => return Ok((record, attempt)),
                Err(err) => {
                    std::fs::remove_file(dest).ok();
                    if !err.transient || attempt > self.retries {
                        let tries =
                            if attempt == 1 { String::new() } else { format!(" (after {attempt} attempts)") };
                        return Err(FetchError { message: format!("{}{tries}", err.message), ..err });
                    }
                    std::thread::sleep(self.backoff.saturating_mul(1 << (attempt - 1).min(16)));
                }
            }
        }
    }

    fn fetch_once(&self, file: &SourceFile, dest: &Path) -> Result<FileRecord, FetchError> {
        let url = &file.url;
        let mut response = self.agent.get(url).call().map_err(|e| classify(url, e))?;
        let status = response.status().as_u16();
        if status != 200 {
            let message =
                format!("{url}: HTTP {status} {}", response.status().canonical_reason().unwrap_or(""));
            let transient = status == 408 || status == 429 || status >= 500;
            return Err(FetchError { message, transient });
        }
        if let Some(length) = response.body().content_length() {
            if length > self.max_bytes {
                return Err(FetchError::permanent(format!(
                    "{url}: {length} bytes announced, more than the limit of {} (max_bytes)",
                    self.max_bytes
                )));
            }
        }
        let mut reader = response.body_mut().with_config().reader();
        let mut out = std::fs::File::create(dest)
            .map_err(|e| FetchError::permanent(format!("{}: {e}", dest.display())))?;
        let mut hasher = Sha256::new();
        let mut total: u64 = 0;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(FetchError::transient(format!("{url}: reading the body: {e}"))),
            };
            total += n as u64;
            if total > self.max_bytes {
                return Err(FetchError::permanent(format!(
                    "{url}: the body exceeds the limit of {} bytes (max_bytes)",
                    self.max_bytes
                )));
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])
                .map_err(|e| FetchError::permanent(format!("{}: {e}", dest.display())))?;
        }
        out.sync_all().map_err(|e| FetchError::permanent(format!("{}: {e}", dest.display())))?;
        let sha256 = hex(&hasher.finalize());
        if let Some(expected) = &file.sha256 {
            if !expected.eq_ignore_ascii_case(&sha256) {
                return Err(FetchError::permanent(format!(
                    "{url}: checksum mismatch: sha256 {sha256}, expected {}",
                    expected.to_ascii_lowercase()
                )));
            }
        }
        Ok(FileRecord { name: file.name.clone(), url: url.clone(), sha256, bytes: total })
    }
}

fn classify(url: &str, err: ureq::Error) -> FetchError {
    let transient = matches!(
        err,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
    );
    FetchError { message: format!("{url}: {err}"), transient }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
