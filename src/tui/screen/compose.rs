//! The note editor: problem spans highlighted in place, the question the
//! note still has to answer, the grade with sentence and character counts,
//! and the findings explained in the interface language.

use crate::text::display_width;
use crate::tui::app::{App, Compose};
use crate::tui::editor::{cursor_position, wrap};
use crate::tui::strings::fill;
use crate::tui::update::editor_width;
use crate::tui::view::{SIDE_PANEL, WIDE};
use crate::tui::widget::highlight::note_lines;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn draw(app: &App, c: &Compose, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let text = c.editor.text();
    let (main, side) = if area.width >= WIDE {
        let [m, sd] = Layout::horizontal([Constraint::Min(20), Constraint::Length(SIDE_PANEL)]).areas(area);
        (m, Some(sd))
    } else {
        (area, None)
    };
    let prompt = super::prompt_line(app, &c.report, text);
    let reason = reason_line(app, c, main.width);
    // The note takes the rows it needs (a few sentences); the findings the rest.
    let width = editor_width(app.size.0).min(main.width.saturating_sub(2).max(2));
    let rows = wrap(text, width);
    let editor_h = if side.is_some() { main.height } else { (rows.len() as u16 + 3).clamp(4, 10) };
    let [grade, reason_area, prompt_area, editor, findings] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(reason.is_some())),
        Constraint::Length(u16::from(prompt.is_some())),
        if side.is_some() { Constraint::Min(3) } else { Constraint::Length(editor_h) },
        if side.is_some() { Constraint::Length(0) } else { Constraint::Min(3) },
    ])
    .areas(main);
    f.render_widget(Paragraph::new(super::grade_line(app, &c.report, text)), grade);
    if let Some(p) = prompt {
        f.render_widget(Paragraph::new(p), prompt_area);
    }
    if let Some(r) = reason {
        f.render_widget(Paragraph::new(r), reason_area);
    }

    let workload = app.entry().map(|e| crate::text::visible(&e.workload).into_owned()).unwrap_or_default();
    let block = Block::default().borders(Borders::ALL).title(format!(" {workload} ")).border_style(app.theme.focus);
    let inner = block.inner(editor);
    // Same width as `update` uses for ↑/↓, so rows match what is drawn.
    let (row, col) = cursor_position(text, &rows, c.editor.cursor());
    let scroll = row.saturating_sub(usize::from(inner.height.saturating_sub(1)));
    let lines: Vec<Line> = note_lines(text, &c.report.findings, &app.theme, width).into_iter().skip(scroll).collect();
    f.render_widget(Paragraph::new(lines).block(block), editor);
    super::place_cursor(f, inner, row - scroll, col);

    let panel = side.unwrap_or(findings);
    let title = format!(" {} ", s.findings_title);
    let lines = super::panel_lines(app, &c.report, text);
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)).wrap(Wrap { trim: false }),
        panel,
    );
}

/// The chosen reason, or the one the text suggests, with the keys to take
/// or change it. None when the status has no L2 (Duplicate/Invalid). In
/// `width` columns: the keys go first (the key bar has them), then the
/// label is shortened, so the score always shows.
fn reason_line(app: &App, c: &Compose, width: u16) -> Option<Line<'static>> {
    let s = app.strings();
    let tax = app.engine.taxonomy();
    let entry = app.entry()?;
    let status = entry.status?;
    tax.reasons_for(status).next()?;
    let label = |id: &str| tax.reason(id).map_or(id.to_string(), |r| r.label.get(app.ui).to_string());
    let stale = entry.l2.as_deref().is_some_and(|id| tax.reason(id).is_none_or(|r| r.l1 != status.id()));
    let (template, label, vars, keys) = match (&entry.l2, c.suggestions.first()) {
        (Some(id), _) if stale => (&s.reason_stale, label(id), Vec::new(), &s.reason_change_keys),
        (Some(id), _) => {
            let l3 = entry.l3.as_deref().map(|x| format!(" / {x}")).unwrap_or_default();
            (&s.reason_chosen, label(id), vec![("l3", l3)], &s.reason_change_keys)
        }
        (None, Some(best)) if best.confident() => {
            let pct = format!("{:.0}", best.score * 100.0);
            (&s.reason_suggested, label(&best.l2), vec![("pct", pct)], &s.reason_suggested_keys)
        }
        (None, Some(_)) => (&s.reason_unclear, String::new(), Vec::new(), &s.reason_pick_keys),
        (None, None) => (&s.reason_none, String::new(), Vec::new(), &s.reason_pick_keys),
    };
    let render = |label: &str| {
        let mut all: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        all.push(("label", label));
        fill(template, &all)
    };
    let width = usize::from(width);
    let text = render(&label);
    let with_keys = format!("{text}  {keys}");
    let text = if display_width(&with_keys) <= width {
        with_keys
    } else if display_width(&text) <= width {
        text
    } else {
        let room = width.saturating_sub(display_width(&render("")));
        render(super::pad(&label, room).trim_end())
    };
    Some(Line::styled(text, if stale { app.theme.prompt } else { app.theme.focus }))
}

/// The reason picker: each L2 with what it covers and what it is not;
/// then the optional L3 details of the chosen one.
pub fn draw_reason_picker(app: &App, selected: usize, l2: Option<&str>, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let engine = app.engine;
    let tax = engine.taxonomy();
    let Some(status) = app.entry().and_then(|e| e.status) else { return };
    let width = area.width.min(90).saturating_sub(2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let title;
    match l2.and_then(|id| tax.reason(id)) {
        Some(r) => {
            title = s.l3_title.clone();
            let rows = std::iter::once(s.l3_none.clone()).chain(r.l3.iter().cloned());
            for (i, row) in rows.enumerate() {
                let style = if i == selected { app.theme.selected } else { ratatui::style::Style::new() };
                lines.push(Line::styled(format!("{} {row}", if i == selected { "▶" } else { " " }), style));
            }
        }
        None => {
            title = fill(&s.reason_picker_title, &[("status", &crate::tui::view::status_label(app, status))]);
            for (i, r) in tax.reasons_for(status).enumerate() {
                let mark = if i == selected { "▶ " } else { "  " };
                let style = if i == selected { app.theme.selected } else { app.theme.title };
                lines.push(Line::styled(format!("{mark}{}", r.label.get(app.ui)), style));
                if let Some(t) = engine.reason_text(&r.id, app.ui) {
                    lines.extend(super::wrap_text(&t.description, width, 4, ratatui::style::Style::new()));
                    lines.extend(super::wrap_text(&format!("{}: {}", s.reason_not, t.not), width, 4, app.theme.dim));
                }
            }
        }
    }
    // Keep the selected row in view on short terminals.
    let sel_line =
        lines.iter().position(|l| l.spans.first().is_some_and(|sp| sp.content.starts_with('▶'))).unwrap_or(0);
    let h = area.height.saturating_sub(2) as usize;
    let skip = sel_line.saturating_sub(h.saturating_sub(4));
    let lines: Vec<Line<'static>> = lines.into_iter().skip(skip).collect();
    crate::tui::view::popup(f, area, 92, area.height, &title, lines);
}
