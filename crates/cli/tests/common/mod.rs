//! Setup shared by the CLI test binaries that screen against the real UN list.

use embargo_readers::{reader_for, Format};
use embargo_store::Store;
use embargo_testkit::shared_data;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The real UN consolidated list of 2026-02-27.
pub fn un_xml() -> PathBuf {
    shared_data().join("lists/un/UN_consolidated-2026-02-27.xml")
}

/// A data directory with the UN list imported, made once per test binary.
pub fn data_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.import(&[un_xml()], reader_for(Format::UnXml).unwrap().as_ref()).unwrap();
        dir
    })
    .path()
}
