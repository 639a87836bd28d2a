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
    verbose: bool,
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

/// One element of the status the note gives, and where (issue 10).
#[derive(Serialize)]
struct JsonEvidence<'a> {
    element: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
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
    evidence: Vec<JsonEvidence<'a>>,
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
        Printer { format, color, out: io::BufWriter::with_capacity(1 << 16, out), first: true, verbose: false }
    }

    /// Text output also lists the status's checklist with what was found.
    pub fn verbose(mut self, on: bool) -> Self {
        self.verbose = on;
        self
    }

    fn paint(&self, style: &str, s: &str) -> String {
        if self.color { format!("{style}{s}{RESET}") } else { s.to_string() }
    }

    /// `user` is every piece of outside text the value holds (the note, the
    /// id): when none of it holds a character a terminal acts on, the rest
    /// (our own messages and ids) cannot either, and the plain writer skips
    /// the per-string check.
    fn json_value<T: Serialize>(&mut self, v: &T, user: &[&str]) -> io::Result<()> {
        if self.format == OutputFormat::Json {
            self.out.write_all(if self.first { b"[\n" } else { b",\n" })?;
        }
        self.first = false;
        if user.iter().any(|s| super::json::may_need_escape(s)) {
            super::json::to_writer(&mut self.out, v)?;
        } else {
            serde_json::to_writer(&mut self.out, v).map_err(io::Error::other)?;
        }
        if self.format == OutputFormat::Jsonl {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    pub fn error(&mut self, id: &str, message: &str) -> io::Result<()> {
        match self.format {
            // The message already went to stderr with its place.
            OutputFormat::Text => Ok(()),
            _ => self.json_value(&JsonError { id, error: message }, &[id, message]),
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
                evidence: l
                    .report
                    .evidence
                    .iter()
                    .map(|e| JsonEvidence {
                        element: e.element.id(),
                        start: e.start,
                        end: e.end,
                        text: &note[e.start..e.end],
                    })
                    .collect(),
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
            return self.json_value(&rec, &[note, &l.record.id]);
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
        if self.verbose {
            for c in l.report.checklist() {
                let name = engine.messages().element_name(c.element, l.lang);
                let line = match &c.found {
                    Some(r) => format!("  ✓ {name}: \"{}\"", text::visible(&note[r.clone()])),
                    None if c.required => format!("  ✗ {name}"),
                    None => format!("  · {name}"),
                };
                writeln!(self.out, "{line}")?;
            }
        }
        let mut at = LineCursor::default();
        for f in &l.report.findings {
            let (line, col) = at.line_col(note, f.start);
            let sev = self.paint(severity_style(f.severity), &format!("{}[{}]", f.severity.as_str(), f.rule.id()));
            let msg = engine.message(f, note, l.report.graded_as(), l.lang);
            writeln!(self.out, "  {place}:{line}:{col}: {sev}: {}", text::visible(&msg))?;
            self.excerpt(note, f.start, f.end, severity_style(f.severity))?;
        }
        for d in &l.record.dismissed {
            writeln!(self.out, "  {place}: dismissed[{}]: {}", d.rule, text::visible(&d.reason))?;
        }
        Ok(())
    }

    /// A window of the note line around the span, about a terminal wide,
    /// with … where the line goes on, control characters made visible, and
    /// carets under the span by display width (so 現在 gets ^^^^). Printing
    /// the whole line under every finding made a one-line 100 KB note print
    /// 113 MB; the window keeps the output linear in the note.
    fn excerpt(&mut self, note: &str, start: usize, end: usize, style: &str) -> io::Result<()> {
        let w = excerpt_window(note, start, end);
        writeln!(self.out, "    | {}", w.text)?;
        let carets = self.paint(style, &"^".repeat(w.caret_width.max(1)));
        writeln!(self.out, "    | {}{}", " ".repeat(w.pad), carets)
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

/// Display columns the excerpt shows of a line (a terminal is 80 wide;
/// "    | " takes six).
pub const EXCERPT_COLUMNS: usize = 72;

/// Line and column of successive offsets, counting only the text between
/// one offset and the next: findings come sorted, so a note's findings cost
/// one pass, not one pass each.
#[derive(Default)]
struct LineCursor {
    byte: usize,
    line: usize,
    col: usize,
}

impl LineCursor {
    fn line_col(&mut self, note: &str, byte: usize) -> (usize, usize) {
        let byte = text::floor_char_boundary(note, byte);
        if byte < self.byte || self.line == 0 {
            *self = LineCursor { byte: 0, line: 1, col: 1 };
        }
        for c in note[self.byte..byte].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.byte = byte;
        (self.line, self.col)
    }
}

/// What the excerpt prints: the window's text, the columns before the span
/// and the span's own columns.
#[derive(Debug, PartialEq, Eq)]
pub struct Window {
    pub text: String,
    pub pad: usize,
    pub caret_width: usize,
}

/// The part of the span's line around it that fits `EXCERPT_COLUMNS`: the
/// span first (cut if it is wider), then as much context on each side.
/// Reads at most a few windows' worth of characters, never the whole line.
pub fn excerpt_window(note: &str, start: usize, end: usize) -> Window {
    const MAX: usize = EXCERPT_COLUMNS;
    // Zero-width characters (combining marks) take no columns; this bounds
    // how many are read anyway.
    const MAX_CHARS: usize = 4 * MAX;
    let start = text::floor_char_boundary(note, start);
    let end = text::floor_char_boundary(note, end.max(start));
    let width = text::char_width;
    let mut out = String::new();

    let mut span = String::new();
    let (mut span_w, mut span_end, mut n) = (0, start, 0);
    for c in note[start..end].chars() {
        if c == '\n' || span_w + width(c) > MAX - 1 || n >= MAX_CHARS {
            break;
        }
        span_w += width(c);
        span.push(text::visible_char(c));
        span_end += c.len_utf8();
        n += 1;
    }
    let span_cut = span_end < end && !note[span_end..].starts_with('\n');

    let mut left: Vec<char> = Vec::new();
    let (mut left_w, mut left_start, mut n) = (0, start, 0);
    let budget = (MAX - span_w - usize::from(span_cut)) / 2;
    for c in note[..start].chars().rev() {
        if c == '\n' || left_w + width(c) > budget || n >= MAX_CHARS {
            break;
        }
        left_w += width(c);
        left.push(text::visible_char(c));
        left_start -= c.len_utf8();
        n += 1;
    }
    let left_cut = left_start > 0 && !note[..left_start].ends_with('\n');
    if left_cut {
        out.push('…');
    }
    out.extend(left.iter().rev());
    out.push_str(&span);

    let mut right_w = 0;
    let mut right_end = span_end;
    if span_cut {
        out.push('…');
    } else {
        let budget = MAX - span_w - left_w;
        for (n, c) in note[span_end..].chars().enumerate() {
            if c == '\n' || right_w + width(c) > budget || n >= MAX_CHARS {
                break;
            }
            right_w += width(c);
            right_end += c.len_utf8();
            // A CR ending the line is the line's end, not text.
            let line_end = right_end == note.len() || note[right_end..].starts_with('\n');
            if c != '\r' || !line_end {
                out.push(text::visible_char(c));
            }
        }
        if right_end < note.len() && !note[right_end..].starts_with('\n') && !note[right_end..].starts_with("\r\n") {
            out.push('…');
        }
    }
    Window { text: out, pad: usize::from(left_cut) + left_w, caret_width: span_w + usize::from(span_cut) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole() {
        let note = "お客様は現在展開できません。\r\nnext";
        let start = note.find("現在").unwrap();
        let w = excerpt_window(note, start, start + "現在".len());
        assert_eq!(w, Window { text: "お客様は現在展開できません。".into(), pad: 8, caret_width: 4 });
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_with_ellipses() {
        let note = format!("{}soon{}", "a".repeat(10_000), "b".repeat(10_000));
        let w = excerpt_window(&note, 10_000, 10_004);
        assert_eq!(text::display_width(&w.text), EXCERPT_COLUMNS + 2, "{}", w.text);
        assert!(w.text.starts_with("…a") && w.text.ends_with("b…"), "{}", w.text);
        assert_eq!(&w.text[w.text.char_indices().nth(w.pad).unwrap().0..][..4], "soon");
        assert_eq!(w.caret_width, 4);
    }

    #[test]
    fn a_span_wider_than_the_window_is_cut() {
        let note = "x".repeat(500);
        let w = excerpt_window(&note, 0, 500);
        assert_eq!(w.text, format!("{}…", "x".repeat(EXCERPT_COLUMNS - 1)));
        assert_eq!((w.pad, w.caret_width), (0, EXCERPT_COLUMNS));
    }

    #[test]
    fn control_characters_are_pictured_in_the_window() {
        let w = excerpt_window("a\u{1b}[2Jsoon\u{7}", 5, 9);
        assert_eq!(w.text, "a\u{241b}[2Jsoon\u{2407}");
        assert_eq!(w.pad, 5);
    }
}
