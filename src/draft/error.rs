//! Everything that can go wrong with a draft, worded for the person who
//! has to act on it: which file, which line, what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("cannot {op} {}: {source}", path.display())]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{col}: {message} (the file is left as it is)", path.display())]
    Parse { path: PathBuf, line: usize, col: usize, message: String },
    #[error(
        "{}: written by a newer statusnote (schema_version {found}; this one reads up to {supported}); the file is left as it is",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, supported: u32 },
    #[error("no draft matches `{query}`")]
    NotFound { query: String },
    #[error("`{query}` matches several drafts: {}", candidates.join(", "))]
    Ambiguous { query: String, candidates: Vec<String> },
    #[error("{} changed on disk since it was opened (another statusnote or an editor); not overwritten", path.display())]
    Conflict { path: PathBuf },
    /// `holder` says who, as the lock file tells it ("process 12, since
    /// 2026-11-25T12:45:11Z"); the lock itself is the kernel's, so it is
    /// never a process that has gone.
    #[error("{} is being edited by another statusnote ({holder}); close it there first", path.display())]
    Locked { path: PathBuf, holder: String },
    #[error("{0}")]
    Invalid(String),
}

impl DraftError {
    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            DraftError::Io { path, .. }
            | DraftError::Parse { path, .. }
            | DraftError::NewerSchema { path, .. }
            | DraftError::Conflict { path }
            | DraftError::Locked { path, .. } => Some(path),
            DraftError::NotFound { .. } | DraftError::Ambiguous { .. } | DraftError::Invalid(_) => None,
        }
    }

    pub fn io(op: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> DraftError {
        DraftError::Io { op, path: path.into(), source }
    }
}
