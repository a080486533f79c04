//! API keys: a small SQLite database of key hashes in the data directory (`keys.sqlite`).
//!
//! A key is 32 random bytes shown once as `emb_` + 64 hex digits; only its SHA-256 is stored,
//! so a copy of the data directory does not give access. The server keeps the active hashes in
//! memory ([`KeyRing`]) and re-reads them every reload tick, so a revocation takes effect within
//! seconds without a restart. Every value reaches SQL as a bound parameter.
//!
//! Each key has roles ([`Role`]): `screen` (screening, search, entities, lists), `review`
//! (alerts and decisions), `approve` (the second pair of eyes) and `admin` (everything). A key
//! made before roles existed keeps what it could do then: `screen`.
//!
//! ```
//! use embargo_server::keys::{KeyStore, Role, Roles};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = KeyStore::open(dir.path()).unwrap();
//! let key = store.create("payments", Roles::of(&[Role::Screen])).unwrap();
//! let ring = store.ring().unwrap();
//! let who = ring.verify(&key).unwrap();
//! assert_eq!(&*who.name, "payments");
//! assert!(who.roles.allows(Role::Screen) && !who.roles.allows(Role::Review));
//! store.revoke("payments").unwrap();
//! assert!(store.ring().unwrap().verify(&key).is_none());
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

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Screen names, payments, shipments; search and read entities and lists.
    Screen,
    /// Read and decide alerts, manage subjects.
    Review,
    /// Approve or reject another person's decision (four eyes).
    Approve,
    /// Everything, including settings.
    Admin,
}

impl Role {
    /// Every role, in order.
    pub const ALL: [Role; 4] = [Role::Screen, Role::Review, Role::Approve, Role::Admin];

    /// The role's name (`screen`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Screen => "screen",
            Role::Review => "review",
            Role::Approve => "approve",
            Role::Admin => "admin",
        }
    }

    /// A role by name.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name.trim())
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roles(u8);

impl Roles {
    /// The set of `roles`.
    pub fn of(roles: &[Role]) -> Roles {
        Roles(roles.iter().fold(0, |bits, r| bits | r.bit()))
    }

    /// Parses `screen,review` (names separated by commas).
    pub fn parse(text: &str) -> Result<Roles, KeyError> {
        let roles = text
            .split(',')
            .filter(|r| !r.trim().is_empty())
            .map(|r| Role::parse(r).ok_or_else(|| KeyError::InvalidRole(r.trim().to_owned())))
            .collect::<Result<Vec<_>, _>>()?;
        if roles.is_empty() {
            return Err(KeyError::InvalidRole(text.to_owned()));
        }
        Ok(Roles::of(&roles))
    }

    /// Whether these roles allow what `role` allows (`admin` allows everything).
    pub fn allows(self, role: Role) -> bool {
        self.0 & (role.bit() | Role::Admin.bit()) != 0
    }

    /// The roles, in order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.0 & r.bit() != 0)
    }
}

impl std::fmt::Display for Roles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.iter().map(Role::as_str).collect();
        f.write_str(&names.join(","))
    }
}

/// A failure of the key database.
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
    #[error("unknown role {0:?}: expected screen, review, approve or admin (separated by commas)")]
    InvalidRole(String),
    #[error("the password is too short: use at least {0} characters")]
    WeakPassword(usize),
    #[error("a user named {0:?} exists")]
    UserExists(String),
    #[error("key database: {0}")]
    Corrupt(String),
}

impl embargo_errors::ErrorCode for KeyError {
    fn error_code(&self) -> embargo_errors::Code {
        use embargo_errors::Code;
        match self {
            KeyError::Database { .. } | KeyError::Corrupt(_) => Code::Database,
            KeyError::Io { .. } | KeyError::Random(_) => Code::Io,
            KeyError::Exists(_)
            | KeyError::NotFound(_)
            | KeyError::InvalidName(_)
            | KeyError::InvalidRole(_)
            | KeyError::WeakPassword(_)
            | KeyError::UserExists(_) => Code::InvalidParameter,
        }
    }
}

/// One key as listed (never the key itself).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KeyInfo {
    pub name: String,
    /// The first characters of the key, to tell keys apart.
    pub prefix: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// `screen,review`, ...
    pub roles: String,
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
        // Keys made before roles existed could screen, and only that: they keep `screen`.
        let has_roles: bool = conn
            .query_row("SELECT COUNT(*) FROM pragma_table_info('api_keys') WHERE name = 'roles'", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(db)?
            > 0;
        if !has_roles {
            conn.execute_batch("ALTER TABLE api_keys ADD COLUMN roles TEXT NOT NULL DEFAULT 'screen'")
                .map_err(db)?;
        }
        Ok(KeyStore { path, conn })
    }

    fn db(&self, source: rusqlite::Error) -> KeyError {
        KeyError::Database { path: self.path.clone(), source }
    }

    /// Creates a key named `name` with `roles` and returns it: the only time it is ever shown.
    pub fn create(&self, name: &str, roles: Roles) -> Result<String, KeyError> {
        if roles == Roles::default() {
            return Err(KeyError::InvalidRole(String::new()));
        }
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
                "INSERT INTO api_keys (name, sha256, prefix, created_at, roles) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    name,
                    hash_key(&key),
                    &key[..KEY_PREFIX.len() + 8],
                    format!("{:.0}", jiff::Timestamp::now()),
                    roles.to_string()
                ],
            )
            .map_err(|e| self.db(e))?;
        Ok(key)
    }

    /// Every key ever created, oldest first, revoked ones included.
    pub fn list(&self) -> Result<Vec<KeyInfo>, KeyError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, prefix, created_at, revoked_at, roles FROM api_keys ORDER BY id")
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(KeyInfo {
                    name: r.get(0)?,
                    prefix: r.get(1)?,
                    created_at: r.get(2)?,
                    revoked_at: r.get(3)?,
                    roles: r.get(4)?,
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
            .prepare("SELECT sha256, name, roles FROM api_keys WHERE revoked_at IS NULL")
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
            .map_err(|e| self.db(e))?;
        let mut by_hash = HashMap::new();
        for row in rows {
            let (hash, name, roles) = row.map_err(|e| self.db(e))?;
            // A role this version does not know (written by a newer one) grants nothing.
            let roles = Roles::parse(&roles).unwrap_or_default();
            by_hash.insert(hash, Principal { name: Arc::from(name), roles });
        }
        Ok(KeyRing { by_hash })
    }
}

/// Who a request comes from: the key's name and roles.
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    /// The key's name (`anonymous` under `--no-auth`).
    pub name: Arc<str>,
    /// What it may do.
    pub roles: Roles,
}

/// The active keys by hash.
#[derive(Debug, Clone, Default)]
pub struct KeyRing {
    by_hash: HashMap<String, Principal>,
}

impl KeyRing {
    /// Who the key `presented` belongs to, if it is an active key.
    pub fn verify(&self, presented: &str) -> Option<Principal> {
        // Hash lookups compare digests, not the secrets, so timing reveals nothing useful about
        // the key itself.
        self.by_hash.get(&hash_key(presented)).cloned()
    }

    /// The number of active keys.
    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// Whether no key is active.
    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }
}

pub(crate) fn validate_name(name: &str) -> Result<(), KeyError> {
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

    const SCREEN: Roles = Roles(1);

    #[test]
    fn only_the_hash_of_a_key_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::open(dir.path()).unwrap();
        let key = store.create("onboarding", Roles::of(&[Role::Screen])).unwrap();
        assert!(key.starts_with("emb_") && key.len() == 4 + 64);
        let raw = std::fs::read(dir.path().join(KEYS_FILE)).unwrap();
        let secret = &key.as_bytes()[12..];
        assert!(!raw.windows(secret.len()).any(|w| w == secret), "the key itself is in the file");
    }

    #[test]
    fn an_active_name_cannot_be_created_twice_but_a_revoked_one_can() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::open(dir.path()).unwrap();
        let first = store.create("a", SCREEN).unwrap();
        assert!(matches!(store.create("a", SCREEN), Err(KeyError::Exists(_))));
        store.revoke("a").unwrap();
        assert!(matches!(store.revoke("a"), Err(KeyError::NotFound(_))));
        let second = store.create("a", SCREEN).unwrap();
        let ring = store.ring().unwrap();
        assert!(ring.verify(&first).is_none());
        assert_eq!(&*ring.verify(&second).unwrap().name, "a");
        assert_eq!(store.list().unwrap().len(), 2);
    }

    #[test]
    fn hostile_key_names_are_refused_not_executed() {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::open(dir.path()).unwrap();
        for name in ["", "x'; DROP TABLE api_keys; --", "a b", &"n".repeat(65)] {
            assert!(matches!(store.create(name, SCREEN), Err(KeyError::InvalidName(_))), "{name}");
        }
        // Revoke takes any string; it is bound, so this matches nothing and drops nothing.
        assert!(matches!(store.revoke("' OR 1=1 --"), Err(KeyError::NotFound(_))));
        store.create("ok", SCREEN).unwrap();
        assert_eq!(store.list().unwrap().len(), 1);
    }

    #[test]
    fn roles_parse_and_admin_allows_everything() {
        assert_eq!(Roles::parse("screen, review").unwrap(), Roles::of(&[Role::Screen, Role::Review]));
        assert!(matches!(Roles::parse("reviewer"), Err(KeyError::InvalidRole(r)) if r == "reviewer"));
        assert!(Roles::parse("").is_err());
        let admin = Roles::of(&[Role::Admin]);
        assert!(Role::ALL.iter().all(|r| admin.allows(*r)));
        let review = Roles::of(&[Role::Review]);
        assert!(review.allows(Role::Review) && !review.allows(Role::Approve) && !review.allows(Role::Screen));
    }

    #[test]
    fn keys_made_before_roles_keep_screening_only() {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open(dir.path().join(KEYS_FILE)).unwrap();
        conn.execute_batch(
            "CREATE TABLE api_keys (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
             sha256 TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO api_keys (name, sha256, prefix, created_at) VALUES ('old', ?1, 'emb_x', 'then')",
            [hash_key("emb_old")],
        )
        .unwrap();
        drop(conn);
        let ring = KeyStore::open(dir.path()).unwrap().ring().unwrap();
        assert_eq!(ring.verify("emb_old").unwrap().roles, Roles::of(&[Role::Screen]));
    }
}
