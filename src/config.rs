//! Where things live: the data directory from `--data-dir`, then the
//! `STATUSNOTE_DATA_DIR` environment variable, then the platform's data
//! directory (`directories`), e.g. `~/.local/share/statusnote` on Linux.

use std::path::{Path, PathBuf};

pub const DATA_DIR_ENV: &str = "STATUSNOTE_DATA_DIR";

pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "statusnote")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| format!("no home directory to keep drafts in; pass --data-dir DIR or set {DATA_DIR_ENV}"))
}

/// The wall clock, read at the program's edge and passed into pure code.
pub fn now() -> crate::draft::Timestamp {
    crate::draft::Timestamp(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64),
    )
}

pub fn now_ms() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis())
}

/// Random bits for draft ids, from the standard library's per-process
/// random hash keys (no extra crate for a few bits).
pub fn entropy() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(now_ms());
    h.write_u32(std::process::id());
    h.finish()
}
