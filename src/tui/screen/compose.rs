//! The note editor: problem spans highlighted in place, the question the
//! note still has to answer, the grade with sentence and character counts,
//! and the findings explained in the interface language.

use crate::tui::app::{App, Compose};
use crate::tui::editor::{cursor_position, wrap};
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
    // The note takes the rows it needs (a few sentences); the findings the rest.
    let width = editor_width(app.size.0).min(main.width.saturating_sub(2).max(2));
    let rows = wrap(text, width);
    let editor_h = if side.is_some() { main.height } else { (rows.len() as u16 + 3).clamp(4, 10) };
    let [grade, prompt_area, editor, findings] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(prompt.is_some())),
        if side.is_some() { Constraint::Min(3) } else { Constraint::Length(editor_h) },
        if side.is_some() { Constraint::Length(0) } else { Constraint::Min(3) },
    ])
    .areas(main);
    f.render_widget(Paragraph::new(super::grade_line(app, &c.report, text)), grade);
    if let Some(p) = prompt {
        f.render_widget(Paragraph::new(p), prompt_area);
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
    let lines = super::finding_lines(app, &c.report, text);
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)).wrap(Wrap { trim: false }),
        panel,
    );
}
