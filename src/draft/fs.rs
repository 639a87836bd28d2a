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
    /// Reads a regular file of at most `limit` bytes. A symbolic link, a
    /// FIFO or a device is refused rather than followed or read: a FIFO
    /// named `x.toml` would hang the reader, `/dev/zero` would never end.
    fn read(&self, path: &Path, limit: u64) -> io::Result<Vec<u8>>;
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
    /// Takes an exclusive advisory lock on `path` (created if missing)
    /// without waiting; `Ok(None)` when another open handle holds it. The
    /// kernel drops the lock when its holder dies, so no pid is guessed at.
    fn try_lock(&self, path: &Path) -> io::Result<Option<FileLock>> {
        real_try_lock(path)
    }
}

/// An advisory lock held on an open lock file; released when dropped.
#[derive(Debug)]
pub struct FileLock {
    file: std::fs::File,
}

impl FileLock {
    /// Whether `path` still names the file this lock is on. A holder that
    /// was leaving may have removed it after we opened it; the lock is then
    /// on a file nobody else will see, and must be taken again.
    pub fn is_at(&self, path: &Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (self.file.metadata(), std::fs::symlink_metadata(path)) {
                (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
                _ => false,
            }
        }
        #[cfg(not(unix))]
        {
            path.exists()
        }
    }

    /// Replaces the lock file's text (who holds it, since when): only for
    /// people reading the message, so a failure here is not fatal.
    pub fn describe(&mut self, text: &[u8]) -> io::Result<()> {
        use std::io::Seek;
        self.file.set_len(0)?;
        self.file.seek(io::SeekFrom::Start(0))?;
        self.file.write_all(text)
    }
}

fn real_try_lock(path: &Path) -> io::Result<Option<FileLock>> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc_nofollow());
    }
    let file = o.open(path)?;
    if try_flock(&file)? { Ok(Some(FileLock { file })) } else { Ok(None) }
}

/// flock(2), exclusive and non-blocking: held per open file, so even two
/// handles in one process exclude each other, and released by the kernel
/// when the holder exits, however it exits.
#[cfg(unix)]
fn try_flock(file: &std::fs::File) -> io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock only reads the descriptor, which `file` keeps open.
    let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    if e.kind() == io::ErrorKind::WouldBlock { Ok(false) } else { Err(e) }
}

/// Elsewhere the lock file's existence is all there is; good enough for a
/// platform this tool is not run on in earnest.
#[cfg(not(unix))]
fn try_flock(_file: &std::fs::File) -> io::Result<bool> {
    Ok(true)
}

/// Never follow a final symlink, never block opening a FIFO.
#[cfg(unix)]
fn libc_nofollow() -> i32 {
    libc::O_NOFOLLOW | libc::O_NONBLOCK
}

/// The largest draft file the store opens. Notes are a few sentences; a
/// file this size is a mistake or an attack, and reading it would make
/// every key slow.
pub const MAX_DRAFT_BYTES: u64 = 1 << 20;

fn file_kind(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Reads `path` as `FileSystem::read` promises, on the real disk.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.file_type().is_file() {
        let kind = file_kind(meta.file_type());
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("it is {kind}, not a regular file")));
    }
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc_nofollow());
    }
    let f = o.open(path)?;
    // Checked again on the open file: the name may have been swapped since.
    let meta = f.metadata()?;
    if !meta.file_type().is_file() {
        let kind = file_kind(meta.file_type());
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("it is {kind}, not a regular file")));
    }
    if meta.len() > limit {
        return Err(too_big(meta.len(), limit));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    f.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(too_big(buf.len() as u64, limit));
    }
    Ok(buf)
}

fn too_big(len: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("it is {}, over the {} a draft may be; open it in a text editor to shorten it", size(len), size(limit)),
    )
}

/// A byte count as people say it: 52 KB, 1.0 MB.
pub fn size(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / f64::from(1u32 << 20))
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
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

    fn read(&self, path: &Path, limit: u64) -> io::Result<Vec<u8>> {
        read_regular(path, limit)
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
        let m = std::fs::symlink_metadata(path)?;
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
