//! One file per screen: how it is drawn (its state lives in `app`, its
//! behaviour in `update`). Shared pieces are here.

pub mod compose;
pub mod draft;
pub mod drafts;
pub mod new_note;
pub mod slots;
pub mod status;
pub mod template;

use super::app::App;
use super::editor::{Editor, cursor_position, wrap};
use crate::engine::Report;
use crate::text::visible;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// A bordered text field. When focused, the terminal cursor is placed at
/// the insertion point (by display width) so an IME's pre-edit text and
/// candidate window appear where the text goes.
pub fn field(f: &mut Frame, area: Rect, title: &str, ed: &Editor, focused: bool, style: Style) {
    let block = Block::default().borders(Borders::ALL).title(format!(" {title} ")).border_style(style);
    let inner = block.inner(area);
    let rows = wrap(ed.text(), inner.width);
    let (row, col) = cursor_position(ed.text(), &rows, ed.cursor());
    let scroll = row.saturating_sub(usize::from(inner.height.saturating_sub(1)));
    let lines: Vec<Line> =
        rows.iter().skip(scroll).map(|r| Line::from(visible(&ed.text()[r.clone()]).into_owned())).collect();
    f.render_widget(Paragraph::new(lines).block(block), area);
    if focused {
        place_cursor(f, inner, row - scroll, col);
    }
}

/// Puts the real cursor at (row, col) inside `inner`, clamped to it.
pub fn place_cursor(f: &mut Frame, inner: Rect, row: usize, col: u16) {
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let x = inner.x + col.min(inner.width - 1);
    let y = inner.y + (row as u16).min(inner.height - 1);
    f.set_cursor_position(Position { x, y });
}

/// "● great (優れたメモ) · 2 sentences · 84 chars": always visible while writing.
pub fn grade_line(app: &App, report: &Report, text: &str) -> Line<'static> {
    let s = app.strings();
    let engine = app.engine;
    let sentences = crate::text::sentences(text, &[]).len();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    Line::from(vec![
        Span::styled(format!("● {}", report.grade), app.theme.grade(report.grade)),
        Span::raw(match engine.messages().grade_name(report.grade, app.ui) {
            name if name == report.grade.as_str() => String::new(),
            name => format!(" ({name})"),
        }),
        Span::styled(
            format!(
                "  ·  {}  ·  {}",
                super::strings::fill(&s.sentences, &[("n", &sentences.to_string())]),
                super::strings::fill(&s.chars, &[("n", &chars.to_string())])
            ),
            app.theme.dim,
        ),
    ])
}

/// The status's checklist, ticked live: what a great note of this status
/// gives, and the words of the note that give it (✓), what is missing (✗)
/// and what is only nice to have (·). Marks, not colour alone, carry it.
pub fn checklist_lines(app: &App, report: &Report, text: &str) -> Vec<Line<'static>> {
    let engine = crate::engine::Engine::builtin();
    report
        .checklist()
        .into_iter()
        .map(|c| {
            let name = engine.messages().element_name(c.element, app.ui).to_string();
            match c.found {
                Some(r) => {
                    let found = visible(&text[r]);
                    let mut words: String = found.chars().take(28).collect();
                    if found.chars().nth(28).is_some() {
                        words.push('…');
                    }
                    Line::from(vec![
                        Span::styled("✓ ", app.theme.grade(crate::note::Grade::Great)),
                        Span::raw(format!("{name}: ")),
                        Span::styled(format!("\"{words}\""), app.theme.dim),
                    ])
                }
                None if c.required => Line::from(vec![
                    Span::styled("✗ ", app.theme.grade(crate::note::Grade::Poor)),
                    Span::styled(name, app.theme.prompt),
                ]),
                None => Line::from(vec![Span::styled(format!("· {name}"), app.theme.dim)]),
            }
        })
        .collect()
}

/// The side panel: the checklist, then the findings.
pub fn panel_lines(app: &App, report: &Report, text: &str) -> Vec<Line<'static>> {
    let mut lines = checklist_lines(app, report, text);
    if !lines.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.extend(finding_lines(app, report, text));
    lines
}

/// The findings as lines: a mark readable without colour, then the message
/// in the interface language.
pub fn finding_lines(app: &App, report: &Report, text: &str) -> Vec<Line<'static>> {
    let engine = app.engine;
    let s = app.strings();
    if report.findings.is_empty() {
        let mut lines = vec![Line::styled(s.no_findings.clone(), app.theme.grade(crate::note::Grade::Great))];
        lines.extend(dismissed_lines(app));
        return lines;
    }
    let mut sorted: Vec<_> = report.findings.iter().collect();
    sorted.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.start));
    let mut lines: Vec<Line<'static>> = sorted
        .into_iter()
        .map(|fi| {
            Line::from(vec![
                Span::styled(format!("{} ", super::theme::Theme::mark(fi.severity)), app.theme.severity(fi.severity)),
                Span::styled(format!("{} ", fi.rule.id()), app.theme.finding(fi.rule)),
                Span::raw(engine.message(fi, text, report.graded_as(), app.ui)),
            ])
        })
        .collect();
    lines.extend(dismissed_lines(app));
    lines
}

/// The open note's dismissed findings, each with why, dimmed.
fn dismissed_lines(app: &App) -> Vec<Line<'static>> {
    let Some(e) = app.entry() else { return Vec::new() };
    e.dismissed
        .iter()
        .map(|d| {
            let reason = visible(&d.reason);
            let text =
                super::strings::fill(&app.strings().dismissed_line, &[("rule", d.rule.as_str()), ("reason", &reason)]);
            Line::styled(text, app.theme.dim)
        })
        .collect()
}

/// The question the note still has to answer ("Why is it blocked?"), from
/// the first note-level finding that lowers the grade.
pub fn prompt_line(app: &App, report: &Report, text: &str) -> Option<Line<'static>> {
    let engine = app.engine;
    report
        .findings
        .iter()
        .filter(|f| f.effect.is_some() && !super::theme::is_inline(f.rule))
        .max_by_key(|f| (f.severity, std::cmp::Reverse(f.start)))
        .map(|f| Line::styled(format!("➜ {}", engine.message(f, text, report.graded_as(), app.ui)), app.theme.prompt))
}

/// Wraps styled spans into lines of at most `width` display columns, the
/// lines after the first indented by `indent`. Latin words move whole to
/// the next line; Japanese (wide) text breaks anywhere, as in the editor.
pub fn wrap_spans(spans: Vec<Span<'static>>, width: u16, indent: usize) -> Vec<Line<'static>> {
    let width = usize::from(width.max(4));
    let indent = indent.min(width / 2);
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    if text.is_empty() {
        return Vec::new();
    }
    // Where each span starts in `text`, to cut the rows back into spans.
    let mut bounds = Vec::with_capacity(spans.len());
    let mut at = 0;
    for s in &spans {
        bounds.push((at, at + s.content.len(), s.style));
        at += s.content.len();
    }
    let rows = super::editor::wrap_rows(&text, |n| if n == 0 { width } else { width - indent });
    rows.into_iter()
        .enumerate()
        .map(|(n, row)| {
            let mut line: Vec<Span<'static>> = Vec::new();
            if n > 0 && indent > 0 {
                line.push(Span::raw(" ".repeat(indent)));
            }
            for &(s, e, style) in &bounds {
                let (from, to) = (s.max(row.start), e.min(row.end));
                if from < to {
                    line.push(Span::styled(visible(&text[from..to]).into_owned(), style));
                }
            }
            Line::from(line)
        })
        .collect()
}

/// Word-wraps plain text (Latin words kept whole, Japanese broken anywhere)
/// into indented lines of one style.
pub fn wrap_text(text: &str, width: u16, indent: usize, style: Style) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    wrap(text, width.saturating_sub(indent as u16).max(4))
        .into_iter()
        .map(|r| Line::styled(format!("{pad}{}", visible(text[r].trim_start())), style))
        .collect()
}

/// `s` shown in exactly `cols` display columns: cut (with …) or padded,
/// measured by display width so Japanese columns line up.
pub fn pad(s: &str, cols: usize) -> String {
    let s = visible(s);
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = crate::text::char_width(c);
        if w + cw > cols.saturating_sub(1) && crate::text::display_width(&s) > cols {
            out.push('…');
            w += 1;
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(cols.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    fn rows(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn wrapped_spans_keep_latin_words_whole_and_indent_what_follows() {
        let lines = wrap_spans(vec![Span::raw("  The customer intends to use the workload")], 20, 2);
        assert_eq!(rows(&lines), ["  The customer ", "  intends to use ", "  the workload"]);
        assert!(lines.iter().all(|l| l.width() <= 20));
    }

    #[test]
    fn wrapped_spans_break_japanese_anywhere_and_keep_each_style() {
        let slot = Style::default().fg(Color::Yellow);
        let spans = vec![Span::raw("お客様は"), Span::styled("[主な問題]", slot), Span::raw("のため展開できません。")];
        let lines = wrap_spans(spans, 12, 0);
        assert_eq!(rows(&lines), ["お客様は[主", "な問題]のた", "め展開できま", "せん。"]);
        // The slot keeps its style on both rows it spans.
        let styled: Vec<&str> =
            lines.iter().flat_map(|l| &l.spans).filter(|s| s.style == slot).map(|s| s.content.as_ref()).collect();
        assert_eq!(styled, ["[主", "な問題]"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_rather_than_lost() {
        let lines = wrap_spans(vec![Span::raw("supercalifragilistic")], 8, 0);
        assert_eq!(rows(&lines).concat(), "supercalifragilistic");
        assert!(lines.iter().all(|l| l.width() <= 8));
    }
}
