//! The L1 / L2 status model loaded from `assets/taxonomy.toml`: labels in both
//! languages and the aliases a portal export may use for a status.

use crate::note::{Lang, Status};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub en: String,
    pub ja: String,
}

impl Label {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDef {
    pub id: String,
    pub label: Label,
    pub aliases: Vec<String>,
    pub reason_required: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonDef {
    pub l1: String,
    pub id: String,
    pub label: Label,
    /// Optional L3 details, the portal's English labels.
    #[serde(default)]
    pub l3: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub status: Vec<StatusDef>,
    pub reason: Vec<ReasonDef>,
    /// Normalised id, label or alias -> status; built once, looked up per row.
    #[serde(skip)]
    index: std::collections::HashMap<String, Status>,
}

impl Taxonomy {
    /// Parses the taxonomy and checks that it names exactly the five statuses
    /// the engine knows, and that every reason hangs off one of them.
    pub fn from_toml(src: &str) -> Result<Taxonomy, crate::assets::DataError> {
        let mut tax: Taxonomy = crate::assets::parse_toml(src)?;
        for s in &tax.status {
            if Status::from_id(&s.id).is_none() {
                return Err(crate::assets::DataError::invalid(format!("unknown status id `{}`", s.id)));
            }
        }
        for want in Status::ALL {
            if !tax.status.iter().any(|s| s.id == want.id()) {
                return Err(crate::assets::DataError::invalid(format!("status `{}` is missing", want.id())));
            }
        }
        for r in &tax.reason {
            if Status::from_id(&r.l1).is_none() {
                return Err(crate::assets::DataError::invalid(format!(
                    "reason `{}` names unknown status `{}`",
                    r.id, r.l1
                )));
            }
        }
        for def in &tax.status {
            let Some(st) = Status::from_id(&def.id) else { continue };
            let names = [&def.id, &def.label.en, &def.label.ja].into_iter().chain(&def.aliases);
            for name in names {
                let key = normalize_alias(name);
                if let Some(other) = tax.index.insert(key.clone(), st).filter(|o| *o != st) {
                    return Err(crate::assets::DataError::invalid(format!(
                        "alias `{name}` names both `{other}` and `{st}`"
                    )));
                }
            }
        }
        Ok(tax)
    }

    /// Resolves a status id, label or alias in any case, English or Japanese.
    pub fn parse_status(&self, s: &str) -> Option<Status> {
        Status::from_id(s).or_else(|| self.index.get(&normalize_alias(s)).copied())
    }

    pub fn status_def(&self, status: Status) -> &StatusDef {
        // from_toml guarantees every status is present.
        self.status.iter().find(|d| d.id == status.id()).expect("taxonomy validated to hold every status")
    }

    pub fn reason(&self, id: &str) -> Option<&ReasonDef> {
        self.reason.iter().find(|r| r.id == id)
    }

    pub fn reasons_for(&self, status: Status) -> impl Iterator<Item = &ReasonDef> {
        self.reason.iter().filter(move |r| r.l1 == status.id())
    }
}

/// Lower-case, trimmed, with `_` read as `-`, full-width slash as `/` and runs
/// of spaces collapsed, so that "In  Progress", "IN_PROGRESS" and "in progress"
/// meet.
fn normalize_alias(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        let c = match c {
            '_' => '-',
            '／' => '/',
            '\u{3000}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}
