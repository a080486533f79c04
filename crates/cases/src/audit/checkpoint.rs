//! Signed checkpoints and the installation's Ed25519 key.
//!
//! A checkpoint states "the log had `size` records and this root at this time", signed with
//! the installation's key. Every write transaction of the case store ends with one, stored in
//! the database and appended as a JSON line to [`CHECKPOINT_FILE`], the file an operator ships
//! to write-once storage: whoever holds an old line can later prove that the log still holds
//! exactly what it held then, even against someone who rewrote the whole database.
//!
//! The key lives in [`KEY_FILE`] (32 random bytes as hex, created with mode 0600, refused when
//! others can read it); its public half in [`PUBLIC_KEY_FILE`], to hand to examiners.

use super::merkle::{bytes_from_hex, hash_from_hex, to_hex, Hash};
use crate::CaseError;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The secret key file in the data directory.
pub const KEY_FILE: &str = "cases-audit.key";
/// The public key file in the data directory (hex), for examiners.
pub const PUBLIC_KEY_FILE: &str = "cases-audit.pub";
/// The checkpoint file in the data directory: one JSON [`Checkpoint`] per line.
pub const CHECKPOINT_FILE: &str = "cases-checkpoints.jsonl";

/// The first line of the signed text of a checkpoint; it names the format.
const CHECKPOINT_HEADER: &str = "embargo-cases audit checkpoint v1";

/// A signed tree head: the log's size and Merkle root at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Records in the log (the tree's leaves).
    pub size: u64,
    /// The Merkle root, hex.
    pub root: String,
    /// When it was signed, RFC 3339 UTC.
    pub at: String,
    /// The signing key's id ([`PublicKey::key_id`]).
    pub key_id: String,
    /// Ed25519 signature of [`Checkpoint::signed_text`], hex.
    pub signature: String,
}

impl Checkpoint {
    /// The text the signature covers:
    /// `embargo-cases audit checkpoint v1\n{size}\n{root}\n{at}\n{key_id}\n`.
    pub fn signed_text(&self) -> String {
        format!("{CHECKPOINT_HEADER}\n{}\n{}\n{}\n{}\n", self.size, self.root, self.at, self.key_id)
    }

    /// The root as bytes.
    pub fn root_hash(&self) -> Result<Hash, CaseError> {
        hash_from_hex(&self.root).ok_or_else(|| {
            CaseError::InvalidCheckpoint(format!(
                "checkpoint of size {}: root {:?} is not 64 hex digits",
                self.size, self.root
            ))
        })
    }

    /// Checks the signature with `key`.
    pub fn verify_signature(&self, key: &PublicKey) -> Result<(), CaseError> {
        if self.key_id != key.key_id() {
            return Err(CaseError::ProofMismatch(format!(
                "checkpoint of size {} was signed by key {}, not by key {}",
                self.size,
                self.key_id,
                key.key_id()
            )));
        }
        let bytes =
            bytes_from_hex(&self.signature).and_then(|b| <[u8; 64]>::try_from(b).ok()).ok_or_else(|| {
                CaseError::InvalidCheckpoint(format!(
                    "checkpoint of size {}: the signature is not 128 hex digits",
                    self.size
                ))
            })?;
        key.0.verify(self.signed_text().as_bytes(), &Signature::from_bytes(&bytes)).map_err(|_| {
            CaseError::ProofMismatch(format!(
                "checkpoint of size {} (root {}): the signature does not verify with key {}",
                self.size, self.root, self.key_id
            ))
        })
    }

    /// Reads every checkpoint of a JSON-lines file (blank lines skipped), naming the line of a
    /// bad one.
    pub fn read_file(path: &Path) -> Result<Vec<Checkpoint>, CaseError> {
        let file = std::fs::File::open(path)
            .map_err(|e| CaseError::Io(format!("cannot read the checkpoint file {}: {e}", path.display())))?;
        let mut text = String::new();
        std::io::BufReader::new(file)
            .read_to_string(&mut text)
            .map_err(|e| CaseError::Io(format!("cannot read the checkpoint file {}: {e}", path.display())))?;
        let mut out = Vec::new();
        let lines: Vec<&str> = text.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match Checkpoint::from_json(line) {
                Ok(c) => out.push(c),
                // A last line without its newline was cut by a crash while being written; the
                // database holds the checkpoint, and the next append repairs the file.
                Err(_) if i + 1 == lines.len() => {}
                Err(e) => {
                    return Err(CaseError::InvalidCheckpoint(format!(
                        "{}: line {}: {e}",
                        path.display(),
                        i + 1
                    )))
                }
            }
        }
        Ok(out)
    }

    /// One checkpoint from its JSON form.
    pub fn from_json(text: &str) -> Result<Checkpoint, CaseError> {
        serde_json::from_str(text).map_err(|e| {
            CaseError::InvalidCheckpoint(format!("not a checkpoint (size, root, at, key_id, signature): {e}"))
        })
    }
}

/// An Ed25519 public key of an installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// The key as 64 hex digits.
    pub fn to_hex(&self) -> String {
        to_hex(self.0.as_bytes())
    }

    /// A key from 64 hex digits (the content of [`PUBLIC_KEY_FILE`]).
    pub fn from_hex(text: &str) -> Result<PublicKey, CaseError> {
        let bytes = hash_from_hex(text.trim())
            .ok_or_else(|| CaseError::InvalidCheckpoint("a public key is 64 hex digits".to_owned()))?;
        VerifyingKey::from_bytes(&bytes)
            .map(PublicKey)
            .map_err(|e| CaseError::InvalidCheckpoint(format!("not an Ed25519 public key: {e}")))
    }

    /// Reads a public key file.
    pub fn read_file(path: &Path) -> Result<PublicKey, CaseError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CaseError::Io(format!("cannot read the public key {}: {e}", path.display())))?;
        PublicKey::from_hex(&text)
            .map_err(|e| CaseError::InvalidCheckpoint(format!("{}: {e}", path.display())))
    }

    /// The first 8 bytes of the key's SHA-256, hex: short enough to print, enough to tell
    /// keys apart.
    pub fn key_id(&self) -> String {
        to_hex(&Sha256::digest(self.0.as_bytes())[..8])
    }
}

/// The installation's signing key, and the key of subject fingerprints derived from it.
pub(crate) struct Signer {
    key: SigningKey,
    public: PublicKey,
    fingerprint_key: [u8; 32],
}

impl Signer {
    /// Reads the key of `dir`, creating it (mode 0600) when there is none.
    pub(crate) fn load_or_create(dir: &Path) -> Result<Signer, CaseError> {
        let path = dir.join(KEY_FILE);
        if !path.exists() {
            create_key_file(dir, &path)?;
        }
        let seed = read_key_file(&path)?;
        let key = SigningKey::from_bytes(&seed);
        let public = PublicKey(key.verifying_key());
        let public_path = dir.join(PUBLIC_KEY_FILE);
        if !public_path.exists() {
            write_atomically(&public_path, format!("{}\n", public.to_hex()).as_bytes(), 0o644)?;
        }
        let mut h = Sha256::new();
        h.update(b"embargo-cases subject fingerprint key\0");
        h.update(seed);
        Ok(Signer { key, public, fingerprint_key: h.finalize().into() })
    }

    pub(crate) fn public(&self) -> &PublicKey {
        &self.public
    }

    /// The secret that keys subject fingerprints, so that they cannot be checked against a
    /// guessed name by someone without the installation's key.
    pub(crate) fn fingerprint_key(&self) -> &[u8; 32] {
        &self.fingerprint_key
    }

    pub(crate) fn sign(&self, size: u64, root: &Hash, at: String) -> Checkpoint {
        let mut checkpoint = Checkpoint {
            size,
            root: to_hex(root),
            at,
            key_id: self.public.key_id(),
            signature: String::new(),
        };
        checkpoint.signature = to_hex(&self.key.sign(checkpoint.signed_text().as_bytes()).to_bytes());
        checkpoint
    }
}

/// Writes a fresh random key to `path` unless another process did first. The key is written to a temporary file and linked into place, so the key
/// file is never seen half-written and two processes cannot both make one.
fn create_key_file(dir: &Path, path: &Path) -> Result<(), CaseError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| CaseError::Key(format!("no randomness for a new audit key: {e}")))?;
    let tmp = dir.join(format!("{KEY_FILE}.{}.tmp", std::process::id()));
    write_file(&tmp, format!("{}\n", to_hex(&seed)).as_bytes(), 0o600)?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => sync_dir(dir),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(CaseError::Io(format!("cannot create the audit key {}: {e}", path.display()))),
    }
}

fn read_key_file(path: &Path) -> Result<[u8; 32], CaseError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path)
            .map_err(|e| CaseError::Key(format!("cannot read the audit key {}: {e}", path.display())))?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(CaseError::Key(format!(
                "the audit key {} can be read by others (mode {mode:o}); run chmod 600 on it",
                path.display()
            )));
        }
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| CaseError::Key(format!("cannot read the audit key {}: {e}", path.display())))?;
    hash_from_hex(text.trim())
        .ok_or_else(|| CaseError::Key(format!("the audit key {} is not 64 hex digits", path.display())))
}

fn write_file(path: &Path, bytes: &[u8], mode: u32) -> Result<(), CaseError> {
    let io = |e: std::io::Error| CaseError::Io(format!("cannot write {}: {e}", path.display()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> Result<(), CaseError> {
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    write_file(&tmp, bytes, mode)?;
    std::fs::rename(&tmp, path).map_err(|e| CaseError::Io(format!("cannot write {}: {e}", path.display())))
}

fn sync_dir(dir: &Path) -> Result<(), CaseError> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| CaseError::Io(format!("cannot sync {}: {e}", dir.display())))?;
    Ok(())
}

/// The checkpoint file: appended after each commit. Lines are written whole in one `write`
/// on a file opened for appending, so lines of two processes never interleave.
pub(crate) struct CheckpointFile {
    path: PathBuf,
}

impl CheckpointFile {
    pub(crate) fn new(dir: &Path) -> CheckpointFile {
        CheckpointFile { path: dir.join(CHECKPOINT_FILE) }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Appends checkpoints, one line each.
    pub(crate) fn append(&self, checkpoints: &[Checkpoint]) -> Result<(), CaseError> {
        if checkpoints.is_empty() {
            return Ok(());
        }
        let mut text = String::new();
        for c in checkpoints {
            // A checkpoint has only strings and numbers: it always serialises.
            text.push_str(&serde_json::to_string(c).unwrap_or_default());
            text.push('\n');
        }
        let io = |e: std::io::Error| CaseError::Io(format!("cannot append to {}: {e}", self.path.display()));
        let mut file =
            std::fs::OpenOptions::new().create(true).read(true).append(true).open(&self.path).map_err(io)?;
        self.cut_partial_line(&mut file).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)
    }

    /// Cuts a last line left without its newline by a crash, so that appended lines stay
    /// whole (its checkpoint is in the database and is appended again).
    fn cut_partial_line(&self, file: &mut std::fs::File) -> std::io::Result<()> {
        let len = file.metadata()?.len();
        if len == 0 {
            return Ok(());
        }
        let from = len.saturating_sub(4096);
        file.seek(SeekFrom::Start(from))?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail)?;
        if tail.last() == Some(&b'\n') {
            return Ok(());
        }
        let keep = match tail.iter().rposition(|&b| b == b'\n') {
            Some(i) => from + i as u64 + 1,
            None if from == 0 => 0,
            None => return Ok(()),
        };
        file.set_len(keep)
    }

    /// The size of the last checkpoint in the file (0 when there is none), read from its end.
    pub(crate) fn last_size(&self) -> Result<u64, CaseError> {
        let io = |e: std::io::Error| CaseError::Io(format!("cannot read {}: {e}", self.path.display()));
        let mut file = match std::fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(io(e)),
        };
        let len = file.metadata().map_err(io)?.len();
        let from = len.saturating_sub(4096);
        file.seek(SeekFrom::Start(from)).map_err(io)?;
        let mut tail = String::new();
        file.read_to_string(&mut tail).map_err(io)?;
        // A line cut by a crash is ignored: the database's checkpoints are appended again.
        // Two processes may append in another order than they committed: take the largest.
        Ok(tail
            .lines()
            .filter_map(|line| Checkpoint::from_json(line).ok())
            .map(|c| c.size)
            .max()
            .unwrap_or(0))
    }
}
