//! Rule levels a user or team sets (`[rules] hedging = "off"`): applied to a
//! report after the rules ran, so the rules themselves never change.

use super::{Report, Rule};
use crate::note::{Grade, Severity};
use std::collections::BTreeMap;

/// How much a rule counts. `Off` drops its findings; `Hint` shows them
/// without touching the grade; `Marginal` and `Poor` set the grade each
/// finding caps the note at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Hint,
    Marginal,
    Poor,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Hint => "hint",
            Level::Marginal => "marginal",
            Level::Poor => "poor",
        }
    }
}

/// The levels set for some rules; rules not named keep the engine's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels(BTreeMap<Rule, Level>);

impl Levels {
    pub fn set(&mut self, rule: Rule, level: Level) {
        self.0.insert(rule, level);
    }

    pub fn get(&self, rule: Rule) -> Option<Level> {
        self.0.get(&rule).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (Rule, Level)> + '_ {
        self.0.iter().map(|(r, l)| (*r, *l))
    }

    /// Re-levels the report's findings and grades it again.
    pub fn apply(&self, report: &mut Report) {
        if self.0.is_empty() {
            return;
        }
        report.findings.retain(|f| self.get(f.rule) != Some(Level::Off));
        for f in &mut report.findings {
            match self.get(f.rule) {
                Some(Level::Hint) => {
                    f.severity = Severity::Hint;
                    f.effect = None;
                }
                Some(Level::Marginal) => {
                    f.severity = Severity::Warning;
                    f.effect = Some(Grade::Marginal);
                }
                Some(Level::Poor) => {
                    f.severity = Severity::Error;
                    f.effect = Some(Grade::Poor);
                }
                Some(Level::Off) | None => {}
            }
        }
        report.grade = report.findings.iter().filter_map(|f| f.effect).max().unwrap_or(Grade::Great);
    }
}

impl Rule {
    /// The rule with this id (`hedging`, `vague-time`, ...).
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}
