//! A cache of draft summaries (`index.json`) keyed by file name, size and
//! modification time, so listing 10,000 drafts stats files instead of
//! parsing them. It is only a cache: unreadable or stale, it is rebuilt.

use super::model::Draft;
use super::time::Timestamp;
use crate::note::{Lang, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const INDEX_VERSION: u32 = 1;

/// What a listing needs of a draft, without its slot answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub tenant: String,
    pub updated: Timestamp,
    pub entries: Vec<EntrySummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySummary {
    pub workload: String,
    pub status: Option<Status>,
    pub lang: Lang,
    pub l2: Option<String>,
    pub note: String,
    /// Rule ids dismissed for this note, so listings grade as `show` does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<String>,
}

impl Summary {
    pub fn of(d: &Draft) -> Summary {
        Summary {
            id: d.id.clone(),
            tenant: d.tenant.clone(),
            updated: d.updated,
            entries: d
                .entries
                .iter()
                .map(|e| EntrySummary {
                    workload: e.workload.clone(),
                    status: e.status,
                    lang: e.lang,
                    l2: e.l2.clone(),
                    note: e.note.clone(),
                    dismissed: e.dismissed.iter().map(|d| d.rule.clone()).collect(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cached {
    pub len: u64,
    pub modified_ns: u128,
    pub summary: Summary,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Index {
    pub version: u32,
    pub files: BTreeMap<String, Cached>,
}

impl Index {
    /// A missing, unreadable or older index is an empty one.
    pub fn parse(bytes: &[u8]) -> Index {
        match serde_json::from_slice::<Index>(bytes) {
            Ok(i) if i.version == INDEX_VERSION => i,
            _ => Index { version: INDEX_VERSION, files: BTreeMap::new() },
        }
    }
}
