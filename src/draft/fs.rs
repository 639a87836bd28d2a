//! The file-system seam: every byte the draft store reads or writes goes
//! through `FileSystem`, so tests can inject a full disk, a read-only
//! directory or a failed rename (CI runs as root, where real permission
//! errors cannot happen).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Size and modification time: enough to tell whether a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: u128,
}

pub trait FileSystem: std::fmt::Debug {
    /// Creates the directory and its parents, owner-only (0700).
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Replaces `path` with `data` so that a reader sees the old or the new
    /// file, never a mix: temp file in the same directory, fsync, rename,
    /// fsync the directory. The file is owner-only (0600).
    fn write_atomic(&self, path: &Path, data: &[u8]) -> io::Result<()>;
    /// Creates `path` only if it does not exist (for lock files).
    fn create_new(&self, path: &Path, data: &[u8]) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// File names (not paths) in `dir`.
    fn list(&self, dir: &Path) -> io::Result<Vec<String>>;
    fn stamp(&self, path: &Path) -> io::Result<Stamp>;
    fn exists(&self, path: &Path) -> bool;
}

/// The real disk.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFs;

impl FileSystem for RealFs {
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(path)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn write_atomic(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("draft");
        let tmp = temp_path(dir, name);
        let result = (|| {
            let mut f = owner_only().open(&tmp)?;
            f.write_all(data)?;
            f.sync_all()?;
            drop(f);
            std::fs::rename(&tmp, path)?;
            // Make the rename itself durable. Some file systems cannot sync
            // a directory; the data is already on disk then, so go on.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    fn create_new(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let mut f = owner_only().open(path)?;
        f.write_all(data)?;
        f.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for e in std::fs::read_dir(dir)? {
            if let Ok(name) = e?.file_name().into_string() {
                names.push(name);
            }
        }
        Ok(names)
    }

    fn stamp(&self, path: &Path) -> io::Result<Stamp> {
        let m = std::fs::metadata(path)?;
        let modified_ns =
            m.modified()?.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
        Ok(Stamp { len: m.len(), modified_ns })
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
}

fn owner_only() -> std::fs::OpenOptions {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

/// A temp name unique to this process and call, hidden (leading dot) and
/// never ending in `.toml`, so a listing never mistakes it for a draft.
fn temp_path(dir: &Path, name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}
