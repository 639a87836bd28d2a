//! Printing lint results: compiler-style text (with carets under the flagged
//! words, by display width), JSON lines, or one JSON array.

use super::{Linted, OutputFormat, Stats};
use crate::engine::Engine;
use crate::note::{Grade, Severity};
use crate::text;
use serde::Serialize;
use std::io::{self, Write};

/// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

pub struct Printer<'w> {
    format: OutputFormat,
    color: bool,
    out: io::BufWriter<&'w mut dyn Write>,
    first: bool,
}

#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    message: String,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    l1: &'static str,
    l2: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    id: &'a str,
    status: Option<&'static str>,
    lang: &'static str,
    grade: &'static str,
    findings: Vec<JsonFinding<'a>>,
    suggestions: Vec<JsonSuggestion<'a>>,
    /// Findings the input dismissed, with why (only when there are some).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dismissed: &'a [crate::engine::Dismissal],
}

#[derive(Serialize)]
struct JsonError<'a> {
    id: &'a str,
    error: &'a str,
}

/// The contract's finding objects for a report, messages in `lang`.
pub(super) fn json_findings<'a>(
    engine: &Engine,
    report: &crate::engine::Report,
    note: &'a str,
    lang: crate::note::Lang,
) -> Vec<JsonFinding<'a>> {
    report
        .findings
        .iter()
        .map(|f| JsonFinding {
            rule: f.rule.id(),
            severity: f.severity.as_str(),
            start: f.start,
            end: f.end,
            text: &note[f.start..f.end],
            message: engine.message(f, note, report.graded_as(), lang),
        })
        .collect()
}

const RESET: &str = "\x1b[0m";

fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Hint => "\x1b[1;36m",
    }
}

fn grade_style(g: Grade) -> &'static str {
    match g {
        Grade::Great => "\x1b[1;32m",
        Grade::Marginal => "\x1b[1;33m",
        Grade::Poor => "\x1b[1;31m",
    }
}

impl<'w> Printer<'w> {
    pub fn new(format: OutputFormat, color: bool, out: &'w mut dyn Write) -> Printer<'w> {
        Printer { format, color, out: io::BufWriter::with_capacity(1 << 16, out), first: true }
    }

    fn paint(&self, style: &str, s: &str) -> String {
        if self.color { format!("{style}{s}{RESET}") } else { s.to_string() }
    }

    fn json_value<T: Serialize>(&mut self, v: &T) -> io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out.write_all(if self.first { b"[\n" } else { b",\n" })?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.out, v).map_err(io::Error::other)?;
        if self.format == OutputFormat::Jsonl {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    pub fn error(&mut self, id: &str, message: &str) -> io::Result<()> {
        match self.format {
            // The message already went to stderr with its place.
            OutputFormat::Text => Ok(()),
            _ => self.json_value(&JsonError { id, error: message }),
        }
    }

    pub fn record(&mut self, engine: &Engine, l: &Linted) -> io::Result<()> {
        let note = l.record.note.as_str();
        if self.format != OutputFormat::Text {
            let findings = json_findings(engine, &l.report, note, l.lang);
            let rec = JsonRecord {
                id: &l.record.id,
                status: l.report.status.map(|s| s.id()),
                lang: l.lang.code(),
                grade: l.report.grade.as_str(),
                findings,
                suggestions: l
                    .suggestions
                    .iter()
                    .take(3)
                    .map(|s| JsonSuggestion {
                        l1: s.l1.id(),
                        l2: &s.l2,
                        score: (f64::from(s.score) * 1000.0).round() / 1000.0,
                    })
                    .collect(),
                dismissed: &l.record.dismissed,
            };
            return self.json_value(&rec);
        }
        self.text_record(engine, l)
    }

    fn text_record(&mut self, engine: &Engine, l: &Linted) -> io::Result<()> {
        let note = l.record.note.as_str();
        let place = if l.record.whole_file {
            l.record.origin.source.to_string()
        } else {
            format!("{}[{}]", l.record.origin.source, text::visible(&l.record.id))
        };
        let grade = l.report.grade;
        let status = l.report.status.map_or("no status", |s| s.id());
        let name = match engine.messages().grade_name(grade, l.lang) {
            n if n == grade.as_str() => String::new(),
            n => format!(" ({n})"),
        };
        let head =
            format!("{}: {}{name} [{status}, {}]", place, self.paint(grade_style(grade), grade.as_str()), l.lang);
        writeln!(self.out, "{head}")?;
        if let Some(best) = l.suggestions.first() {
            let tax = engine.taxonomy();
            let label = tax.reason(&best.l2).map_or(best.l2.as_str(), |r| r.label.get(l.lang));
            let lead = if l.report.status.is_none() {
                // No status given: the reason implies one, and the output says so.
                format!("reads as {} / ", tax.status_def(best.l1).label.get(l.lang))
            } else {
                String::new()
            };
            writeln!(self.out, "  suggested reason: {lead}{label} [{}] ({:.0}%)", best.l2, best.score * 100.0)?;
        }
        for f in &l.report.findings {
            let (line, col) = text::line_col(note, f.start);
            let sev = self.paint(severity_style(f.severity), &format!("{}[{}]", f.severity.as_str(), f.rule.id()));
            let msg = engine.message(f, note, l.report.graded_as(), l.lang);
            writeln!(self.out, "  {place}:{line}:{col}: {sev}: {msg}")?;
            self.excerpt(note, f.start, f.end, severity_style(f.severity))?;
        }
        for d in &l.record.dismissed {
            writeln!(self.out, "  {place}: dismissed[{}]: {}", d.rule, text::visible(&d.reason))?;
        }
        Ok(())
    }

    /// The note line holding the span, control characters made visible, and
    /// carets under the span measured in display columns (so 現在 gets ^^^^).
    fn excerpt(&mut self, note: &str, start: usize, end: usize, style: &str) -> io::Result<()> {
        let line_start = note[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = note[start..].find('\n').map_or(note.len(), |i| start + i);
        let line = &note[line_start..line_end];
        let pad = text::display_width(&note[line_start..start]);
        let width = text::display_width(&note[start..end.min(line_end)]).max(1);
        writeln!(self.out, "    | {}", text::visible(line.trim_end_matches('\r')))?;
        let carets = self.paint(style, &"^".repeat(width));
        writeln!(self.out, "    | {}{}", " ".repeat(pad), carets)
    }

    pub fn is_text(&self) -> bool {
        self.format == OutputFormat::Text
    }

    /// As `finish`, without the summary line.
    pub fn finish_quiet(mut self) -> io::Result<()> {
        match self.format {
            OutputFormat::Json => self.out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?,
            OutputFormat::Jsonl | OutputFormat::Text => {}
        }
        self.out.flush()
    }

    pub fn finish(mut self, stats: &Stats) -> io::Result<()> {
        match self.format {
            OutputFormat::Json => {
                self.out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
            }
            OutputFormat::Jsonl => {}
            // A run that could not read its input has nothing to sum up.
            OutputFormat::Text if stats.unreadable && stats.great + stats.marginal + stats.poor + stats.errors == 0 => {
            }
            OutputFormat::Text => {
                let total = stats.great + stats.marginal + stats.poor;
                let mut line = format!(
                    "{total} note{}: {} great, {} marginal, {} poor",
                    if total == 1 { "" } else { "s" },
                    stats.great,
                    stats.marginal,
                    stats.poor
                );
                if stats.errors > 0 {
                    line.push_str(&format!(", {} could not be checked", stats.errors));
                }
                if stats.dismissed > 0 {
                    line.push_str(&format!("; {} finding(s) dismissed", stats.dismissed));
                }
                if stats.baselined > 0 {
                    line.push_str(&format!("; {} finding(s) already in the baseline", stats.baselined));
                }
                writeln!(self.out, "{line}")?;
            }
        }
        self.out.flush()
    }
}
