//! API keys: a small SQLite database of key hashes in the data directory (`keys.sqlite`).
//!
//! A key is 32 random bytes shown once as `emb_` + 64 hex digits; only its SHA-256 is stored,
//! so a copy of the data directory does not give access. The server keeps the active hashes in
//! memory ([`KeyRing`]) and re-reads them every reload tick, so a revocation takes effect within
//! seconds without a restart. Every value reaches SQL as a bound parameter.
//!
//! ```
//! use embargo_server::keys::KeyStore;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = KeyStore::open(dir.path()).unwrap();
//! let key = store.create("payments").unwrap();
//! let ring = store.ring().unwrap();
//! assert_eq!(ring.verify(&key).as_deref(), Some("payments"));
//! store.revoke("payments").unwrap();
//! assert_eq!(store.ring().unwrap().verify(&key), None);
//! ```

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file name of the key database inside the data directory.
pub const KEYS_FILE: &str = "keys.sqlite";

const KEY_PREFIX: &str = "emb_";
const MAX_NAME_CHARS: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("key database {path}: {source}")]
    Database { path: PathBuf, source: rusqlite::Error },
    #[error("creating the data directory {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("an active key named {0:?} exists; revoke it first")]
    Exists(String),
    #[error("no active key named {0:?}")]
    NotFound(String),
    #[error("invalid key name {0:?}: use 1 to 64 letters, digits, '-', '_' or '.'")]
    InvalidName(String),
    #[error("the system random source failed: {0}")]
    Random(String),
}

/// One key as listed (never the key itself).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KeyInfo {
    pub name: String,
    /// The first characters of the key, to tell keys apart.
    pub prefix: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// The key database.
pub struct KeyStore {
    path: PathBuf,
    conn: Connection,
}

impl KeyStore {
    /// Opens (creating if needed) `keys.sqlite` in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<KeyStore, KeyError> {
        let path = data_dir.join(KEYS_FILE);
        let db = |source| KeyError::Database { path: path.clone(), source };
        std::fs::create_dir_all(data_dir)
            .map_err(|source| KeyError::Io { path: data_dir.to_owned(), source })?;
        let conn = Connection::open(&path).map_err(db)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(db)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS api_keys (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                sha256 TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            );
            CREATE UNIQUE INDEX IF NOT EXISTS api_keys_active_name
                ON api_keys(name) WHERE revoked_at IS NULL;",
        )
        .map_err(db)?;
        Ok(KeyStore { path, conn })
    }

    fn db(&self, source: rusqlite::Error) -> KeyError {
        KeyError::Database { path: self.path.clone(), source }
    }

    /// Creates a key named `name` and returns it: the only time it is ever shown.
    pub fn create(&self, name: &str) -> Result<String, KeyError> {
        validate_name(name)?;
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| KeyError::Random(e.to_string()))?;
        let key = format!("{KEY_PREFIX}{}", hex(&secret));
        let active: Option<i64> = self
            .conn
            .query_row("SELECT id FROM api_keys WHERE name = ?1 AND revoked_at IS NULL", [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.db(e))?;
        if active.is_some() {
            return Err(KeyError::Exists(name.to_owned()));
        }
        self.conn
            .execute(
                "INSERT INTO api_keys (name, sha256, prefix, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![
                    name,
                    hash_key(&key),
                    &key[..KEY_PREFIX.len() + 8],
                    format!("{:.0}", jiff::Timestamp::now())
                ],
            )
            .map_err(|e| self.db(e))?;
        Ok(key)
    }

    /// Every key ever created, oldest first, revoked ones included.
    pub fn list(&self) -> Result<Vec<KeyInfo>, KeyError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, prefix, created_at, revoked_at FROM api_keys ORDER BY id")
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(KeyInfo {
                    name: r.get(0)?,
                    prefix: r.get(1)?,
                    created_at: r.get(2)?,
                    revoked_at: r.get(3)?,
                })
            })
            .map_err(|e| self.db(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db(e))
    }

    /// Revokes the active key named `name`.
    pub fn revoke(&self, name: &str) -> Result<(), KeyError> {
        let changed = self
            .conn
            .execute(
                "UPDATE api_keys SET revoked_at = ?1 WHERE name = ?2 AND revoked_at IS NULL",
                params![format!("{:.0}", jiff::Timestamp::now()), name],
            )
            .map_err(|e| self.db(e))?;
        if changed == 0 {
            return Err(KeyError::NotFound(name.to_owned()));
        }
        Ok(())
    }

    /// The active keys, for checking requests in memory.
    pub fn ring(&self) -> Result<KeyRing, KeyError> {
        let mut stmt = self
            .conn
            .prepare("SELECT sha256, name FROM api_keys WHERE revoked_at IS NULL")
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, Arc::<str>::from(r.get::<_, String>(1)?))))
            .map_err(|e| self.db(e))?;
        let by_hash = rows.collect::<Result<HashMap<_, _>, _>>().map_err(|e| self.db(e))?;
        Ok(KeyRing { by_hash })
    }
}

/// The active keys by hash.
#[derive(Debug, Clone, Default)]
pub struct KeyRing {
    by_hash: HashMap<String, Arc<str>>,
}

impl KeyRing {
    /// The name of the key `presented` is, if it is an active key.
    pub fn verify(&self, presented: &str) -> Option<Arc<str>> {
        // Hash lookups compare digests, not the secrets, so timing reveals nothing useful about
        // the key itself.
        self.by_hash.get(&hash_key(presented)).cloned()
    }

    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }
}

fn validate_name(name: &str) -> Result<(), KeyError> {
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(KeyError::InvalidName(name.to_owned()))
    }
}

fn hash_key(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_hash_of_a_key_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::open(dir.path()).unwrap();
        let key = store.create("onboarding").unwrap();
        assert!(key.starts_with("emb_") && key.len() == 4 + 64);
        let raw = std::fs::read(dir.path().join(KEYS_FILE)).unwrap();
        let secret = &key.as_bytes()[12..];
        assert!(!raw.windows(secret.len()).any(|w| w == secret), "the key itself is in the file");
    }

    #[test]
    fn an_active_name_cannot_be_created_twice_but_a_revoked_one_can() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::open(dir.path()).unwrap();
        let first = store.create("a").unwrap();
        assert!(matches!(store.create("a"), Err(KeyError::Exists(_))));
        store.revoke("a").unwrap();
        assert!(matches!(store.revoke("a"), Err(KeyError::NotFound(_))));
        let second = store.create("a").unwrap();
        let ring = store.ring().unwrap();
        assert_eq!(ring.verify(&first), None);
        assert_eq!(ring.verify(&second).as_deref(), Some("a"));
        assert_eq!(store.list().unwrap().len(), 2);
    }

    #[test]
    fn hostile_key_names_are_refused_not_executed() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::open(dir.path()).unwrap();
        for name in ["", "x'; DROP TABLE api_keys; --", "a b", &"n".repeat(65)] {
            assert!(matches!(store.create(name), Err(KeyError::InvalidName(_))), "{name}");
        }
        // Revoke takes any string; it is bound, so this matches nothing and drops nothing.
        assert!(matches!(store.revoke("' OR 1=1 --"), Err(KeyError::NotFound(_))));
        store.create("ok").unwrap();
        assert_eq!(store.list().unwrap().len(), 1);
    }
}
