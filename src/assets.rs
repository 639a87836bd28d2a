//! The shipped data (taxonomy, lexicons, messages, workloads, templates),
//! embedded in the binary so the program runs with no configuration, and the
//! one error type for data files: it names the file, line and column.

use serde::de::DeserializeOwned;
use std::fmt;

pub const TAXONOMY: (&str, &str) = ("assets/taxonomy.toml", include_str!("../assets/taxonomy.toml"));
pub const WORKLOADS: (&str, &str) = ("assets/workloads.toml", include_str!("../assets/workloads.toml"));
pub const LEXICON_JA: (&str, &str) = ("assets/lexicon/ja.toml", include_str!("../assets/lexicon/ja.toml"));
pub const LEXICON_EN: (&str, &str) = ("assets/lexicon/en.toml", include_str!("../assets/lexicon/en.toml"));
pub const MESSAGES_JA: (&str, &str) = ("assets/messages/ja.toml", include_str!("../assets/messages/ja.toml"));
pub const MESSAGES_EN: (&str, &str) = ("assets/messages/en.toml", include_str!("../assets/messages/en.toml"));
pub const REASONS_JA: (&str, &str) = ("assets/reasons/ja.toml", include_str!("../assets/reasons/ja.toml"));
pub const REASONS_EN: (&str, &str) = ("assets/reasons/en.toml", include_str!("../assets/reasons/en.toml"));
pub const TEMPLATES_JA: (&str, &str) = ("templates/ja.toml", include_str!("../templates/ja.toml"));
pub const TEMPLATES_EN: (&str, &str) = ("templates/en.toml", include_str!("../templates/en.toml"));

/// A data file that could not be used. `Display` gives the sentence a user
/// sees: `templates/ja.toml:12:5: unknown field `qestion``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: Option<String>,
    /// 1-based line and column (in characters), when the problem has a place.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl DataError {
    pub fn invalid(message: impl Into<String>) -> DataError {
        DataError { file: None, position: None, message: message.into() }
    }

    pub fn at(src: &str, byte: usize, message: impl Into<String>) -> DataError {
        DataError { file: None, position: Some(crate::text::line_col(src, byte)), message: message.into() }
    }

    /// Names the file the source came from; callers know it, parsers do not.
    pub fn in_file(mut self, file: &str) -> DataError {
        self.file = Some(file.to_string());
        self
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
        }
        if let Some((line, col)) = self.position {
            write!(f, "{line}:{col}:")?;
        }
        if self.file.is_some() || self.position.is_some() {
            f.write_str(" ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for DataError {}

/// Parses TOML into `T`, turning the parser's span into line and column.
pub fn parse_toml<T: DeserializeOwned>(src: &str) -> Result<T, DataError> {
    toml::from_str(src).map_err(|e| {
        // toml puts a multi-line excerpt in Display; the first line is the sentence.
        let message = e.message().lines().next().unwrap_or("invalid TOML").to_string();
        match e.span() {
            Some(span) => DataError::at(src, span.start, message),
            None => DataError::invalid(message),
        }
    })
}
