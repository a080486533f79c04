//! Test support for embargo's crates; a dev-dependency only, never linked into a binary.
//!
//! - [`shared_data`]: the real list files, export-control data and payment samples in
//!   `../shared/data` beside the checkout (or `$EMBARGO_SHARED_DATA`). Tests read real data from
//!   there and never copy it into the repository.
//! - [`TempDataDir`]: a temporary data directory for a store, a case store, keys.
//! - [`EntityBuilder`]: entities written in one line for unit tests.
//!
//! ```
//! use embargo_testkit::{person, shared_data};
//!
//! let e = person("un", "IRi.003", "Saeed AGHAJANI").dob("1964").country("ir").build();
//! assert_eq!(e.id, "un:IRi.003");
//! assert!(shared_data().ends_with("shared/data"));
//! ```

mod changed_un;
pub use changed_un::{un_xml, write_changed_un, ADDED, ADDED_NAME, CHANGED, REMOVED};

use embargo_model::{Country, DateSpec, Entity, EntityKind, IdKind, Identifier, Name, NameRole};
use std::path::{Path, PathBuf};

/// The folder of real data: `$EMBARGO_SHARED_DATA`, or `shared/data` beside the checkout.
pub fn shared_data() -> PathBuf {
    std::env::var_os("EMBARGO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// A path below [`shared_data`], failing the test with a clear message when it is missing.
pub fn shared_file(relative: &str) -> PathBuf {
    let path = shared_data().join(relative);
    assert!(
        path.exists(),
        "{} is missing: tests read the real data from ../shared/data beside the checkout \
         (or $EMBARGO_SHARED_DATA)",
        path.display()
    );
    path
}

/// `lists/` of [`shared_data`]: every official list file.
pub fn lists_dir() -> PathBuf {
    shared_file("lists")
}

/// A temporary data directory, removed when dropped.
pub struct TempDataDir {
    dir: tempfile::TempDir,
}

impl TempDataDir {
    /// Creates an empty temporary directory.
    pub fn new() -> TempDataDir {
        TempDataDir { dir: tempfile::tempdir().expect("create a temporary directory") }
    }

    /// The directory's path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `name` inside the directory and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directories");
        }
        std::fs::write(&path, contents).expect("write a test file");
        path
    }
}

impl Default for TempDataDir {
    fn default() -> Self {
        TempDataDir::new()
    }
}

/// Builds an [`Entity`] for a test in one expression.
#[derive(Debug, Clone)]
pub struct EntityBuilder {
    entity: Entity,
}

/// A person of `list` with publisher id `id` and primary name `name`.
pub fn person(list: &str, id: &str, name: &str) -> EntityBuilder {
    EntityBuilder::new(list, id, EntityKind::Person, name)
}

/// An organisation of `list` with publisher id `id` and primary name `name`.
pub fn organization(list: &str, id: &str, name: &str) -> EntityBuilder {
    EntityBuilder::new(list, id, EntityKind::Organization, name)
}

/// A vessel of `list` with publisher id `id` and primary name `name`.
pub fn vessel(list: &str, id: &str, name: &str) -> EntityBuilder {
    EntityBuilder::new(list, id, EntityKind::Vessel, name)
}

impl EntityBuilder {
    /// An entity of `kind` with one primary name.
    pub fn new(list: &str, id: &str, kind: EntityKind, name: &str) -> EntityBuilder {
        let mut entity = Entity::new(list, id, kind);
        entity.names.push(Name::new(name, NameRole::Primary));
        EntityBuilder { entity }
    }

    /// Adds an alias (a.k.a.).
    pub fn alias(mut self, name: &str) -> EntityBuilder {
        self.entity.names.push(Name::new(name, NameRole::StrongAlias));
        self
    }

    /// Adds a date of birth or incorporation ("1964", "1964-03-12", "circa 1964").
    pub fn dob(mut self, date: &str) -> EntityBuilder {
        self.entity.birth_dates.push(DateSpec::parse(date));
        self
    }

    /// Adds a nationality (name or ISO code).
    pub fn country(mut self, country: &str) -> EntityBuilder {
        self.entity.nationalities.push(Country::from_published(country));
        self
    }

    /// Adds an identifier of `kind`.
    pub fn id(mut self, kind: IdKind, value: &str) -> EntityBuilder {
        self.entity.identifiers.push(Identifier::new(kind, value));
        self
    }

    /// The entity.
    pub fn build(self) -> Entity {
        self.entity
    }
}
