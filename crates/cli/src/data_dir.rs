//! Where the store lives: `--data-dir`, else `$EMBARGO_DATA_DIR` (both handled by clap), else
//! the per-user data directory.

use std::path::PathBuf;

pub fn resolve(flag: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = flag {
        return dir;
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("embargo");
    }
    match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        Some(home) => PathBuf::from(home).join(".local/share/embargo"),
        None => PathBuf::from(".embargo"),
    }
}
