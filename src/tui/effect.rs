//! What `update` asks the outside world to do. The event loop runs each
//! effect and feeds the outcome back as an `Outcome`; this is the only
//! impure step of the composer.

use crate::draft::{Draft, Fingerprint, Summary};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the draft; `base` is the file as last seen (conflict check).
    Save {
        draft: Draft,
        base: Option<Fingerprint>,
    },
    /// Write a copy somewhere safe after the real save failed.
    SaveElsewhere(Draft),
    /// Put text on the clipboard with OSC 52 (works over SSH).
    Copy(String),
    /// Make a new draft id and lock it (the session's tenant is in the
    /// pending start).
    Create,
    /// Load and lock a draft.
    Open(String),
    /// Let go of the open draft's lock.
    Release,
    Trash(String),
    /// List the drafts again.
    Reload,
    Quit,
}

/// The result of an effect, handed back to `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Saved(Result<Fingerprint, String>),
    SavedElsewhere(Result<String, String>),
    Opened(Result<(Draft, Fingerprint), String>),
    Created(Result<String, String>),
    Trashed(Result<String, String>),
    Listed(Vec<Summary>, Vec<String>),
}
