//! Interface text in Japanese and English, from `assets/ui/{ja,en}.toml`:
//! one place per language. Every field is required, so a missing string
//! is a load error, never a blank on screen.

use crate::assets::DataError;
use crate::note::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const UI_JA: (&str, &str) = ("assets/ui/ja.toml", include_str!("../../assets/ui/ja.toml"));
pub const UI_EN: (&str, &str) = ("assets/ui/en.toml", include_str!("../../assets/ui/en.toml"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub app: String,
    pub drafts_title: String,
    pub draft_title: String,
    pub new_title: String,
    pub status_title: String,
    pub template_title: String,
    pub slots_title: String,
    pub compose_title: String,
    pub help_title: String,
    pub questionnaire_title: String,
    pub no_drafts: String,
    pub no_match: String,
    pub search_label: String,
    pub filter_label: String,
    pub filter_all: String,
    pub confirm_trash: String,
    pub trashed: String,
    pub bad_drafts: String,
    pub no_entries: String,
    pub add_workload: String,
    pub tenant_label: String,
    pub workload_label: String,
    pub workload_hint: String,
    pub tenant_required: String,
    pub workload_required: String,
    pub workload_exists: String,
    pub status_hint: String,
    pub q_duplicate: String,
    pub q_reached: String,
    pub q_intent: String,
    pub q_blocking: String,
    pub q_keys: String,
    pub q_result: String,
    pub free_text: String,
    pub source_seed: String,
    pub source_ours: String,
    pub source_own: String,
    pub config_error: String,
    pub dismiss_title: String,
    pub dismiss_prompt: String,
    pub dismiss_label: String,
    pub dismiss_needs_reason: String,
    pub dismissed: String,
    pub dismissed_line: String,
    pub nothing_to_dismiss: String,
    pub restored: String,
    pub config_errors: String,
    pub template_lang: String,
    pub slot_progress: String,
    pub hint_label: String,
    pub example_label: String,
    pub preview_label: String,
    pub optional_label: String,
    pub findings_title: String,
    pub no_findings: String,
    pub sentences: String,
    pub chars: String,
    pub no_status: String,
    pub saved: String,
    pub save_failed: String,
    pub copied: String,
    pub nothing_to_copy: String,
    pub locked: String,
    pub quit_failed_title: String,
    pub quit_failed_body: String,
    pub quit_choices: String,
    pub saved_elsewhere: String,
    pub rescue_found: String,
    pub too_small: String,
    pub help_close: String,
    pub problems_title: String,
    pub reason_label: String,
    pub reason_suggested: String,
    pub reason_suggested_keys: String,
    pub reason_chosen: String,
    pub reason_change_keys: String,
    pub reason_none: String,
    /// The best guess is below the confidence floor: say so, offer none.
    pub reason_unclear: String,
    /// Ctrl-R on a weak guess: nothing is taken.
    pub reason_unclear_not_taken: String,
    /// The chosen L2 belongs to another status.
    pub reason_stale: String,
    pub reason_pick_keys: String,
    pub reason_picker_title: String,
    pub reason_not: String,
    pub l3_title: String,
    pub l3_none: String,
    pub reason_set: String,
    pub no_reasons: String,
    /// Help text per action id (see `action::Action::id`).
    pub action: BTreeMap<String, String>,
}

impl Strings {
    pub fn from_toml(src: &str) -> Result<Strings, DataError> {
        let s: Strings = crate::assets::parse_toml(src)?;
        for id in super::action::Action::help_ids() {
            if !s.action.contains_key(*id) {
                return Err(DataError::invalid(format!("[action] has no text for `{id}`")));
            }
        }
        Ok(s)
    }

    /// The embedded strings for a language, parsed once.
    pub fn get(lang: Lang) -> &'static Strings {
        static JA: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        static EN: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        let (cell, (file, src)) = match lang {
            Lang::Ja => (&JA, UI_JA),
            Lang::En => (&EN, UI_EN),
        };
        // The files are tested (tests/tui_data.rs); failing here is a bug.
        cell.get_or_init(|| Strings::from_toml(src).unwrap_or_else(|e| panic!("{}", e.in_file(file))))
    }

    pub fn action<'a>(&'a self, id: &'a str) -> &'a str {
        self.action.get(id).map_or(id, String::as_str)
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}
