//! Users of the web page (`/ui/`): a name, a password hash and roles, in the `users` table of
//! the key database (`keys.sqlite`).
//!
//! Users live beside the API keys rather than in the case store: both are credentials of the
//! server with the same [`Roles`], read by the server only, and changed by the operator
//! (`embargo keys`, `embargo users`). The case store is an append-only audit ledger of case
//! facts; a credential must be changeable and a password hash does not belong in a log kept
//! forever. The creation of a user is recorded in the audit log as an event, without its hash.
//!
//! Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes) and a
//! random salt, stored as a PHC string; the password itself is never stored.
//!
//! ```
//! use embargo_server::keys::{Role, Roles};
//! use embargo_server::users::UserStore;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let users = UserStore::open(dir.path()).unwrap();
//! users.create("alice", Roles::of(&[Role::Review]), "correct horse battery").unwrap();
//! let alice = users.verify("alice", "correct horse battery").unwrap().unwrap();
//! assert!(alice.roles.allows(Role::Review));
//! assert!(users.verify("alice", "wrong").unwrap().is_none());
//! assert!(users.verify("nobody", "x").unwrap().is_none());
//! ```

use crate::keys::{KeyError, Principal, Roles, KEYS_FILE};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// One user as listed (never the hash).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UserInfo {
    /// The user's name.
    pub name: String,
    /// `review,approve`, ...
    pub roles: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// The users table of the key database.
pub struct UserStore {
    path: PathBuf,
    conn: Connection,
}

impl UserStore {
    /// Opens (creating if needed) the users table in `data_dir`'s `keys.sqlite`.
    pub fn open(data_dir: &Path) -> Result<UserStore, KeyError> {
        let path = data_dir.join(KEYS_FILE);
        let db = |source| KeyError::Database { path: path.clone(), source };
        std::fs::create_dir_all(data_dir)
            .map_err(|source| KeyError::Io { path: data_dir.to_owned(), source })?;
        let conn = Connection::open(&path).map_err(db)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(db)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS users (
                name TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                created_at TEXT NOT NULL
            );",
        )
        .map_err(db)?;
        Ok(UserStore { path, conn })
    }

    fn db(&self, source: rusqlite::Error) -> KeyError {
        KeyError::Database { path: self.path.clone(), source }
    }

    /// Creates the user `name` with `roles` and `password` (at least [`MIN_PASSWORD_CHARS`]).
    pub fn create(&self, name: &str, roles: Roles, password: &str) -> Result<(), KeyError> {
        if roles == Roles::default() {
            return Err(KeyError::InvalidRole(String::new()));
        }
        crate::keys::validate_name(name)?;
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(KeyError::WeakPassword(MIN_PASSWORD_CHARS));
        }
        let exists: Option<String> = self
            .conn
            .query_row("SELECT name FROM users WHERE name = ?1", [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.db(e))?;
        if exists.is_some() {
            return Err(KeyError::UserExists(name.to_owned()));
        }
        let hash = hash_password(password)?;
        self.conn
            .execute(
                "INSERT INTO users (name, password_hash, roles, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![name, hash, roles.to_string(), format!("{:.0}", jiff::Timestamp::now())],
            )
            .map_err(|e| self.db(e))?;
        Ok(())
    }

    /// Every user, by name.
    pub fn list(&self) -> Result<Vec<UserInfo>, KeyError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, roles, created_at FROM users ORDER BY name")
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| Ok(UserInfo { name: r.get(0)?, roles: r.get(1)?, created_at: r.get(2)? }))
            .map_err(|e| self.db(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db(e))
    }

    /// Deletes the user `name`; a running server refuses its sessions at their next request.
    pub fn remove(&self, name: &str) -> Result<(), KeyError> {
        let changed =
            self.conn.execute("DELETE FROM users WHERE name = ?1", [name]).map_err(|e| self.db(e))?;
        if changed == 0 {
            return Err(KeyError::NotFound(name.to_owned()));
        }
        Ok(())
    }

    /// The user `name`'s roles when `password` is theirs; `None` for an unknown user or a wrong
    /// password (the two are not told apart). An unknown user costs a hash too, so timing
    /// does not tell which names exist.
    pub fn verify(&self, name: &str, password: &str) -> Result<Option<Principal>, KeyError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row("SELECT password_hash, roles FROM users WHERE name = ?1", [name], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.db(e))?;
        let Some((hash, roles)) = row else {
            let _ = hash_password(password);
            return Ok(None);
        };
        let parsed = PasswordHash::new(&hash)
            .map_err(|e| KeyError::Corrupt(format!("the password hash of user {name:?}: {e}")))?;
        if Argon2::default().verify_password(password.as_bytes(), &parsed).is_err() {
            return Ok(None);
        }
        let roles = Roles::parse(&roles).unwrap_or_default();
        Ok(Some(Principal { name: Arc::from(name), roles }))
    }

    /// The roles of the user `name` now, `None` when the user was removed.
    pub fn roles(&self, name: &str) -> Result<Option<Roles>, KeyError> {
        let roles: Option<String> = self
            .conn
            .query_row("SELECT roles FROM users WHERE name = ?1", [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.db(e))?;
        Ok(roles.map(|r| Roles::parse(&r).unwrap_or_default()))
    }
}

/// A random password of 20 letters and digits (about 116 bits), for `embargo users create`.
pub fn random_password() -> Result<String, KeyError> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut password = String::with_capacity(20);
    while password.len() < 20 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
        // Rejection sampling: no letter is likelier than another.
        let limit = 256 - 256 % ALPHABET.len();
        for b in bytes.iter().filter(|b| (**b as usize) < limit).take(20 - password.len()) {
            password.push(ALPHABET[*b as usize % ALPHABET.len()] as char);
        }
    }
    Ok(password)
}

fn hash_password(password: &str) -> Result<String, KeyError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| KeyError::Random(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| KeyError::Random(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| KeyError::Random(format!("hashing the password: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Role;

    #[test]
    fn only_an_argon2_hash_of_the_password_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let users = UserStore::open(dir.path()).unwrap();
        users.create("bob", Roles::of(&[Role::Approve]), "a long enough secret").unwrap();
        let raw = std::fs::read(dir.path().join(KEYS_FILE)).unwrap();
        let secret = b"a long enough secret";
        assert!(!raw.windows(secret.len()).any(|w| w == secret), "the password is in the file");
        let hash: String = users.conn.query_row("SELECT password_hash FROM users", [], |r| r.get(0)).unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(users.verify("bob", "a long enough secret").unwrap().is_some());
        assert!(users.verify("bob", "a long enough secreT").unwrap().is_none());
    }

    #[test]
    fn short_passwords_bad_names_and_duplicates_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let users = UserStore::open(dir.path()).unwrap();
        let review = Roles::of(&[Role::Review]);
        assert!(matches!(users.create("carol", review, "short"), Err(KeyError::WeakPassword(12))));
        assert!(matches!(users.create("x'; --", review, "long enough pass"), Err(KeyError::InvalidName(_))));
        assert!(matches!(
            users.create("carol", Roles::default(), "long enough pass"),
            Err(KeyError::InvalidRole(_))
        ));
        users.create("carol", review, "long enough pass").unwrap();
        assert!(matches!(users.create("carol", review, "long enough pass"), Err(KeyError::UserExists(_))));
        assert_eq!(users.list().unwrap().len(), 1);
        users.remove("carol").unwrap();
        assert!(users.roles("carol").unwrap().is_none());
        assert!(matches!(users.remove("carol"), Err(KeyError::NotFound(_))));
    }
}
