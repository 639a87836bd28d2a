//! What a draft is: one customer tenant holding a note per workload, with
//! status, optional L2/L3 reason, the template and slot answers used, and
//! timestamps. Serde structs; field order is the file's key order.

use super::time::Timestamp;
use crate::note::{Lang, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The draft file format this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub schema_version: u32,
    pub id: String,
    pub tenant: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default, rename = "entry", skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub workload: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    pub lang: Lang,
    /// L2 reason id from the taxonomy (e.g. `it-infrastructure`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub l2: Option<String>,
    /// L3 detail label (English, as the portal shows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub l3: Option<String>,
    pub note: String,
    /// 1-based template number within the status, when a template was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<u32>,
    pub created: Timestamp,
    pub updated: Timestamp,
    /// Slot answers by slot name, so the composer can reopen the prompts.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slots: BTreeMap<String, String>,
    /// Findings the writer dismissed for this note, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<crate::engine::Dismissal>,
}

impl Draft {
    pub fn new(id: String, tenant: String, now: Timestamp) -> Draft {
        Draft {
            schema_version: SCHEMA_VERSION,
            id,
            tenant,
            tenant_id: None,
            created: now,
            updated: now,
            entries: Vec::new(),
        }
    }

    pub fn entry(&self, workload: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.workload == workload)
    }

    /// The entry for `workload`, created (empty, Japanese by default when the
    /// caller does not know better) if the draft has none yet.
    pub fn entry_mut(&mut self, workload: &str, lang: Lang, now: Timestamp) -> &mut Entry {
        if let Some(i) = self.entries.iter().position(|e| e.workload == workload) {
            return &mut self.entries[i];
        }
        self.entries.push(Entry::new(workload.to_string(), lang, now));
        let last = self.entries.len() - 1;
        &mut self.entries[last]
    }
}

impl Entry {
    pub fn new(workload: String, lang: Lang, now: Timestamp) -> Entry {
        Entry {
            workload,
            status: None,
            lang,
            l2: None,
            l3: None,
            note: String::new(),
            template: None,
            created: now,
            updated: now,
            slots: BTreeMap::new(),
            dismissed: Vec::new(),
        }
    }
}

/// A draft id: lowercase base-36 of the creation time in milliseconds and
/// random bits. Never derived from user text, so it is always a safe file
/// name (no path separators, no reserved names, no dots).
pub fn new_id(now_ms: u128, entropy: u64) -> String {
    format!("{}-{}", base36(now_ms), base36(u128::from(entropy % 36u64.pow(5))))
}

pub fn is_valid_id(id: &str) -> bool {
    id.contains('-')
        && !id.starts_with('-')
        && id.len() <= 40
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn base36(mut n: u128) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_file_names() {
        let id = new_id(1_795_610_711_000, u64::MAX);
        assert!(is_valid_id(&id), "{id}");
        for bad in ["", "../x", "a/b", "CON", "con", "a.toml", "x y", "-x"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
