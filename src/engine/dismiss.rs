//! Findings a writer dismissed for one note, with why: saved in drafts,
//! given to lint in a `dismiss` column (`rule:reason;rule:reason`).

use super::{Report, Rule};
use crate::note::Grade;
use serde::{Deserialize, Serialize};

/// "This rule does not apply to this note, because ...".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dismissal {
    /// A rule id (`hedging`, `vague-time`, ...).
    pub rule: String,
    pub reason: String,
}

impl Dismissal {
    /// Parses `rule:reason;rule:reason`. Every rule must be known and every
    /// dismissal must say why.
    pub fn parse_list(s: &str) -> Result<Vec<Dismissal>, String> {
        let mut out = Vec::new();
        for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (rule, reason) = part.split_once(':').unwrap_or((part, ""));
            let (rule, reason) = (rule.trim(), reason.trim());
            if Rule::from_id(rule).is_none() {
                return Err(format!("unknown rule `{}` (write rule:reason;rule:reason)", crate::text::visible(rule)));
            }
            if reason.is_empty() {
                return Err(format!("dismissing `{rule}` needs a reason: `{rule}:why it does not apply`"));
            }
            out.push(Dismissal { rule: rule.to_string(), reason: reason.to_string() });
        }
        Ok(out)
    }

    /// The list back in the column's form.
    pub fn format_list(list: &[Dismissal]) -> String {
        list.iter().map(|d| format!("{}:{}", d.rule, d.reason.replace(';', ","))).collect::<Vec<_>>().join(";")
    }
}

/// Drops the findings of the dismissed rules and grades the note again;
/// returns how many findings were dismissed.
pub fn apply(report: &mut Report, dismissed: &[Dismissal]) -> usize {
    apply_rules(report, dismissed.iter().map(|d| d.rule.as_str()))
}

/// As `apply`, given only the dismissed rule ids (a listing's summary).
pub fn apply_rules<'a>(report: &mut Report, rules: impl Iterator<Item = &'a str> + Clone) -> usize {
    if rules.clone().next().is_none() {
        return 0;
    }
    let before = report.findings.len();
    report.findings.retain(|f| !rules.clone().any(|r| r == f.rule.id()));
    report.grade = report.findings.iter().filter_map(|f| f.effect).max().unwrap_or(Grade::Great);
    before - report.findings.len()
}
