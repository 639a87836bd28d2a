//! The draft store: one TOML file per draft under `<data dir>/drafts/`,
//! written atomically, never overwritten when it changed underneath us or
//! did not parse, moved to `<data dir>/trash/` instead of deleted.

use super::error::DraftError;
use super::fs::{FileLock, FileSystem, MAX_DRAFT_BYTES};
use super::index::{Cached, INDEX_VERSION, Index, Summary};
use super::model::{Draft, SCHEMA_VERSION, is_valid_id};
use super::time::Timestamp;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// FNV-1a of a file's bytes: what a save compares to know that the file is
/// still the one it loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(u64);

pub fn fingerprint(bytes: &[u8]) -> Fingerprint {
    Fingerprint(crate::text::fnv1a(crate::text::FNV_OFFSET, bytes))
}

pub struct Loaded {
    pub draft: Draft,
    pub fingerprint: Fingerprint,
}

/// Every draft that could be read, newest first, and every file that could
/// not (each with its own message), so one bad file hides nothing else.
#[derive(Debug, Default)]
pub struct Listing {
    pub drafts: Vec<Summary>,
    pub bad: Vec<DraftError>,
}

#[derive(Debug)]
pub struct Store<F: FileSystem> {
    root: PathBuf,
    fs: F,
}

/// Parses a draft file. Errors carry the path, line and column.
pub fn parse_draft(path: &Path, bytes: &[u8]) -> Result<Draft, DraftError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = crate::text::line_col(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]), e.valid_up_to());
        DraftError::Parse { path: path.into(), line, col, message: "the file is not valid UTF-8".into() }
    })?;
    let parse_err = |e: toml::de::Error| {
        let (line, col) = e.span().map_or((1, 1), |s| crate::text::line_col(text, s.start));
        let message = e.message().lines().next().unwrap_or("invalid TOML").to_string();
        DraftError::Parse { path: path.into(), line, col, message }
    };
    // Look at the version first, so a newer file says so instead of
    // failing on a field this build does not know.
    let table: toml::Table = toml::from_str(text).map_err(parse_err)?;
    if let Some(v) = table.get("schema_version").and_then(toml::Value::as_integer) {
        if v > i64::from(SCHEMA_VERSION) {
            return Err(DraftError::NewerSchema { path: path.into(), found: v, supported: SCHEMA_VERSION });
        }
    }
    let draft: Draft = toml::from_str(text).map_err(parse_err)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if draft.id != stem {
        return Err(DraftError::Invalid(format!(
            "{}: the draft's id `{}` does not match its file name (the file is left as it is)",
            path.display(),
            draft.id
        )));
    }
    Ok(draft)
}

pub fn serialize_draft(d: &Draft) -> Result<String, DraftError> {
    toml::to_string_pretty(d).map_err(|e| DraftError::Invalid(format!("cannot write draft {}: {e}", d.id)))
}

impl<F: FileSystem> Store<F> {
    pub fn new(root: impl Into<PathBuf>, fs: F) -> Store<F> {
        Store { root: root.into(), fs }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn fs(&self) -> &F {
        &self.fs
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.root.join("drafts")
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// The index is only a cache; past this it is rebuilt, not read.
    const MAX_INDEX_BYTES: u64 = 256 << 20;

    fn index_path(&self) -> PathBuf {
        self.root.join("index.json")
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.toml"))
    }

    fn check_id(id: &str) -> Result<(), DraftError> {
        if is_valid_id(id) { Ok(()) } else { Err(DraftError::Invalid(format!("`{id}` is not a draft id"))) }
    }

    pub fn ensure_dirs(&self) -> Result<(), DraftError> {
        let dir = self.drafts_dir();
        self.fs.create_dir_all(&dir).map_err(|e| DraftError::io("create", dir, e))
    }

    /// Lists drafts through the index cache, parsing only files that changed.
    pub fn list(&self) -> Result<Listing, DraftError> {
        let dir = self.drafts_dir();
        let names = match self.fs.list(&dir) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Listing::default()),
            Err(e) => return Err(DraftError::io("read", dir, e)),
        };
        let old = self.fs.read(&self.index_path(), Self::MAX_INDEX_BYTES).map(|b| Index::parse(&b)).unwrap_or_default();
        let mut index = Index { version: INDEX_VERSION, files: Default::default() };
        let mut listing = Listing::default();
        let mut changed = false;
        self.sweep_temp_files(&dir, &names);
        self.sweep_locks(&dir, &names);
        // The index is written in the data root: its temp files live there.
        if let Ok(root_names) = self.fs.list(&self.root) {
            self.sweep_temp_files(&self.root, &root_names);
        }
        for name in names.into_iter().filter(|n| n.ends_with(".toml") && !n.starts_with('.')) {
            let path = dir.join(&name);
            let stamp = match self.fs.stamp(&path) {
                Ok(s) => s,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => {
                    listing.bad.push(DraftError::io("read", path, e));
                    continue;
                }
            };
            let cached = old.files.get(&name).filter(|c| c.len == stamp.len && c.modified_ns == stamp.modified_ns);
            let summary = match cached {
                Some(c) => c.summary.clone(),
                None => {
                    changed = true;
                    match self
                        .fs
                        .read(&path, MAX_DRAFT_BYTES)
                        .map_err(|e| DraftError::io("read", &path, e))
                        .and_then(|b| parse_draft(&path, &b))
                    {
                        Ok(d) => Summary::of(&d),
                        Err(e) => {
                            listing.bad.push(e);
                            continue;
                        }
                    }
                }
            };
            index
                .files
                .insert(name, Cached { len: stamp.len, modified_ns: stamp.modified_ns, summary: summary.clone() });
            listing.drafts.push(summary);
        }
        changed |= index.files.len() != old.files.len();
        if changed {
            // Only a cache: failing to write it costs speed next time, nothing else.
            if let Ok(bytes) = serde_json::to_vec(&index) {
                let _ = self.fs.write_atomic(&self.index_path(), &bytes);
            }
        }
        listing.drafts.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.tenant.cmp(&b.tenant)));
        Ok(listing)
    }

    /// Removes temp files left by a writer that was killed mid-write
    /// (`.<name>.<pid>.<n>.tmp` whose process is gone). The drafts they were
    /// meant to replace are whole: the rename never happened.
    fn sweep_temp_files(&self, dir: &Path, names: &[String]) {
        for name in names.iter().filter(|n| n.starts_with('.') && n.ends_with(".tmp")) {
            let pid = name.rsplit('.').nth(2).and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|p| p != std::process::id() && !self.process_alive(p)) {
                let _ = self.fs.remove_file(&dir.join(name));
            }
        }
    }

    /// Removes lock files nobody holds (left by a killed composer), so they
    /// do not pile up beside the drafts.
    fn sweep_locks(&self, dir: &Path, names: &[String]) {
        for name in names.iter().filter(|n| n.ends_with(".lock")) {
            let path = dir.join(name);
            if let Ok(Some(l)) = self.fs.try_lock(&path) {
                if l.is_at(&path) {
                    let _ = self.fs.remove_file(&path);
                }
            }
        }
    }

    pub fn load(&self, id: &str) -> Result<Loaded, DraftError> {
        Self::check_id(id)?;
        let path = self.path_of(id);
        let bytes = self.fs.read(&path, MAX_DRAFT_BYTES).map_err(|e| match e.kind() {
            ErrorKind::NotFound => DraftError::NotFound { query: id.to_string() },
            _ => DraftError::io("read", &path, e),
        })?;
        let draft = parse_draft(&path, &bytes)?;
        Ok(Loaded { draft, fingerprint: fingerprint(&bytes) })
    }

    /// Writes the draft atomically. `base` is the fingerprint of the file as
    /// this process last loaded or wrote it (None for a new draft); if the
    /// file on disk is something else, nothing is written: `Conflict`.
    pub fn save(&self, draft: &Draft, base: Option<Fingerprint>) -> Result<Fingerprint, DraftError> {
        Self::check_id(&draft.id)?;
        if draft.schema_version != SCHEMA_VERSION {
            return Err(DraftError::Invalid(format!("draft {} has schema_version {}", draft.id, draft.schema_version)));
        }
        self.ensure_dirs()?;
        let path = self.path_of(&draft.id);
        let data = serialize_draft(draft)?;
        if data.len() as u64 > MAX_DRAFT_BYTES {
            // Written, it could not be opened again.
            return Err(DraftError::Invalid(format!(
                "cannot write {}: the draft would be {}, over the {} a draft may be; shorten its notes",
                path.display(),
                super::fs::size(data.len() as u64),
                super::fs::size(MAX_DRAFT_BYTES)
            )));
        }
        let new = fingerprint(data.as_bytes());
        match self.fs.read(&path, MAX_DRAFT_BYTES) {
            Ok(current) => {
                let now = fingerprint(&current);
                if base != Some(now) {
                    return Err(DraftError::Conflict { path });
                }
                if now == new {
                    return Ok(new);
                }
            }
            // Deleted or trashed since we opened it: writing it back loses nothing.
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(DraftError::io("read", path, e)),
        }
        self.fs.write_atomic(&path, data.as_bytes()).map_err(|e| DraftError::io("write", &path, e))?;
        Ok(new)
    }

    /// A draft id that no draft or lock file uses yet. Callers then take
    /// the lock at once, which settles a race between two processes.
    pub fn new_id(&self, now_ms: u128, mut entropy: u64) -> String {
        loop {
            let id = super::model::new_id(now_ms, entropy);
            if !self.fs.exists(&self.path_of(&id)) && !self.fs.exists(&self.lock_path(&id)) {
                return id;
            }
            entropy = entropy.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        }
    }

    /// Finds a draft by id, unique id prefix, or unique tenant name (in any case).
    pub fn resolve(&self, query: &str, listing: &Listing) -> Result<String, DraftError> {
        let q = query.trim();
        if let Some(d) = listing.drafts.iter().find(|d| d.id == q) {
            return Ok(d.id.clone());
        }
        let pick = |hits: Vec<&Summary>| -> Option<Result<String, DraftError>> {
            match hits.as_slice() {
                [] => None,
                [one] => Some(Ok(one.id.clone())),
                many => Some(Err(DraftError::Ambiguous {
                    query: q.to_string(),
                    candidates: many.iter().map(|d| format!("{} ({})", d.id, d.tenant)).collect(),
                })),
            }
        };
        if !q.is_empty() {
            if let Some(r) = pick(listing.drafts.iter().filter(|d| d.id.starts_with(q)).collect()) {
                return r;
            }
            let lower = q.to_lowercase();
            if let Some(r) = pick(listing.drafts.iter().filter(|d| d.tenant.trim().to_lowercase() == lower).collect()) {
                return r;
            }
        }
        // A file that is there but does not parse is not "no such draft":
        // say what is wrong with it, with its line and column.
        if !q.is_empty() {
            let stems: Vec<&str> = listing
                .bad
                .iter()
                .filter_map(|e| e.path()?.file_stem()?.to_str())
                .filter(|stem| stem.starts_with(q))
                .collect();
            let exact = stems.iter().find(|s| **s == q);
            if let Some(stem) = exact.or(if stems.len() == 1 { stems.first() } else { None }) {
                // Loading it again gives its own error, line and column.
                self.load(stem)?;
            }
        }
        Err(DraftError::NotFound { query: q.to_string() })
    }

    /// Moves a draft to the trash folder; returns where it went.
    pub fn trash(&self, id: &str, now: Timestamp) -> Result<PathBuf, DraftError> {
        Self::check_id(id)?;
        let from = self.path_of(id);
        if !self.fs.exists(&from) {
            return Err(DraftError::NotFound { query: id.to_string() });
        }
        let trash = self.trash_dir();
        self.fs.create_dir_all(&trash).map_err(|e| DraftError::io("create", &trash, e))?;
        let mut to = trash.join(format!("{id}.toml"));
        if self.fs.exists(&to) {
            to = trash.join(format!("{id}.{}.toml", now.0));
        }
        self.fs.rename(&from, &to).map_err(|e| DraftError::io("move", &from, e))?;
        Ok(to)
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.lock"))
    }

    /// Marks the draft as being edited by this process (`pid` and `now` are
    /// written in the lock file for the message another process shows).
    /// The lock is an advisory lock the kernel holds for us: a composer that
    /// was killed leaves at most a file that the next one takes over.
    pub fn lock(&self, id: &str, pid: u32, now: Timestamp) -> Result<Lock<F>, DraftError>
    where
        F: Clone,
    {
        Self::check_id(id)?;
        self.ensure_dirs()?;
        let path = self.lock_path(id);
        let body = format!("pid = {pid}\nsince = \"{now}\"\n");
        // A holder leaving removes the file between our open and our lock;
        // then our lock is on a file nobody sees, so take it again.
        for _ in 0..8 {
            match self.fs.try_lock(&path) {
                Ok(Some(mut held)) => {
                    if !held.is_at(&path) {
                        continue;
                    }
                    // Only for the message: a full disk must not stop the lock.
                    let _ = held.describe(body.as_bytes());
                    return Ok(Lock { fs: self.fs.clone(), path, _held: held });
                }
                Ok(None) => {
                    let holder = self
                        .fs
                        .read(&path, 4096)
                        .ok()
                        .and_then(|b| toml::from_str::<LockFile>(&String::from_utf8_lossy(&b)).ok())
                        .map_or_else(
                            || "a process that has not said which yet".to_string(),
                            |h| format!("process {}, since {}", h.pid, crate::text::visible(&h.since)),
                        );
                    return Err(DraftError::Locked { path: self.path_of(id), holder });
                }
                Err(e) => return Err(DraftError::io("lock", path, e)),
            }
        }
        Err(DraftError::io("lock", path, std::io::Error::other("the lock file keeps being replaced; try again")))
    }

    fn process_alive(&self, pid: u32) -> bool {
        // Linux exposes live processes in /proc; elsewhere assume alive, the
        // safe side (the user is told and can remove the lock file).
        if self.fs.exists(Path::new("/proc/self")) {
            self.fs.exists(&Path::new("/proc").join(pid.to_string()))
        } else {
            true
        }
    }
}

#[derive(serde::Deserialize)]
struct LockFile {
    pid: u32,
    since: String,
}

/// Held while a draft is open for editing; removes its lock file on drop,
/// while still holding the lock, so no lock files pile up.
#[derive(Debug)]
pub struct Lock<F: FileSystem> {
    fs: F,
    path: PathBuf,
    _held: FileLock,
}

impl<F: FileSystem> Drop for Lock<F> {
    fn drop(&mut self) {
        let _ = self.fs.remove_file(&self.path);
    }
}
