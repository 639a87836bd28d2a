//! Drafts: the only module that touches the data directory. A draft is one
//! tenant with a note per workload; the store keeps one TOML file per draft,
//! written atomically behind a file-system seam.

pub mod autosave;
mod error;
pub mod fs;
mod index;
pub mod model;
mod store;
pub mod time;

pub use error::DraftError;
pub use index::{EntrySummary, Summary};
pub use model::{Draft, Entry, SCHEMA_VERSION};
pub use store::{Fingerprint, Listing, Loaded, Lock, Store, fingerprint, parse_draft, serialize_draft};
pub use time::Timestamp;
