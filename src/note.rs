//! The domain words every other module speaks: status, language, grade and
//! severity. Pure data with their canonical string forms.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The five L1 statuses the composer offers and the CLI accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    InProgress,
    Blocked,
    NoIntent,
    Unknown,
    DuplicateInvalid,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::InProgress, Status::Blocked, Status::NoIntent, Status::Unknown, Status::DuplicateInvalid];

    /// Canonical id used in the CLI, JSON output, CSV input and draft files.
    pub fn id(self) -> &'static str {
        match self {
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::NoIntent => "no-intent",
            Status::Unknown => "unknown",
            Status::DuplicateInvalid => "duplicate-invalid",
        }
    }

    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id() == id)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The language of a note or of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "jpn" | "japanese" | "日本語" => Some(Lang::Ja),
            "en" | "eng" | "english" | "英語" => Some(Lang::En),
            _ => None,
        }
    }

    /// A note with any kana or kanji is Japanese, even when most of its letters
    /// are English product names (the brief's decision).
    pub fn detect(text: &str) -> Lang {
        if text.chars().any(is_japanese_char) { Lang::Ja } else { Lang::En }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Hiragana, katakana (full and half width) and CJK ideographs.
pub fn is_japanese_char(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{309F}'
        | '\u{30A0}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}')
}

/// The guidance's three grades: 優れたメモ / 重要性の低いメモ / 望ましくないメモ.
/// Ordered so that `max` is the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Great,
    Marginal,
    Poor,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Great => "great",
            Grade::Marginal => "marginal",
            Grade::Poor => "poor",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a finding is displayed. The grade is computed separately (a hint never
/// lowers it; see `Finding::effect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}
