//! What the readers' tests share: reading a file with a reader, and reading bytes through a
//! temporary file (readers read files, so broken input is written to one first).

use embargo_model::Entity;
use embargo_readers::{ListReader, ReadError, ReadReport};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The entities `reader` reads from `path`, in order, and its report.
pub fn read_file(reader: &dyn ListReader, path: &Path) -> Result<(Vec<Entity>, ReadReport), ReadError> {
    let mut entities = Vec::new();
    let report = reader.read(&[path.to_owned()], &mut |e| entities.push(e))?;
    Ok((entities, report))
}

/// [`read_file`] of `bytes` written to a file named `file_name` (readers look at its
/// extension) in a folder of its own, removed afterwards.
pub fn read_bytes(
    reader: &dyn ListReader,
    file_name: &str,
    bytes: &[u8],
) -> Result<(Vec<Entity>, ReadReport), ReadError> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "embargo-readers-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file_name);
    std::fs::write(&path, bytes).unwrap();
    let result = read_file(reader, &path);
    std::fs::remove_dir_all(&dir).ok();
    result
}
