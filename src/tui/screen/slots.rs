//! One slot at a time: its question, hint and example, the answer field,
//! and the whole note previewed live with the current slot marked.

use crate::template::Segment;
use crate::tui::app::{App, Slots};
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn draw(app: &App, sl: &Slots, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let set = app.templates(sl.lang);
    let name = &sl.names[sl.current];
    let Some(slot) = set.slot.get(name) else { return };
    let [prompt, answer, preview, findings] =
        Layout::vertical([Constraint::Length(4), Constraint::Length(3), Constraint::Length(6), Constraint::Min(1)])
            .areas(area);
    let optional = if slot.optional { format!(" {}", s.optional_label) } else { String::new() };
    let progress = fill(&s.slot_progress, &[("i", &(sl.current + 1).to_string()), ("n", &sl.names.len().to_string())]);
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{progress}  "), app.theme.dim),
            Span::styled(format!("{}{optional}", slot.question), app.theme.title),
        ]),
        Line::from(vec![Span::styled(format!("{}: ", s.hint_label), app.theme.dim), Span::raw(slot.hint.clone())]),
        Line::from(vec![
            Span::styled(format!("{}: ", s.example_label), app.theme.dim),
            Span::raw(slot.example.clone()),
        ]),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), prompt);
    super::field(f, answer, name, &sl.editor, true, app.theme.focus);

    // The preview is drawn from the template's segments so the slot being
    // answered can be marked; unfilled slots look like the linter's finding.
    let status = app.entry().and_then(|e| e.status);
    let template = status.and_then(|st| set.for_status(st)).and_then(|t| t.template.get(sl.template));
    let mut spans = Vec::new();
    if let Some(t) = template {
        for seg in t.segments() {
            match seg {
                Segment::Text(x) => spans.push(Span::raw(x.to_string())),
                Segment::Slot(n) => {
                    let answer = sl.answers.get(n).map(|a| a.trim()).unwrap_or("");
                    let style = if n == name.as_str() {
                        app.theme.current_slot
                    } else if answer.is_empty() {
                        app.theme.finding(crate::engine::Rule::UnfilledSlot)
                    } else {
                        app.theme.slot
                    };
                    let text = if answer.is_empty() { format!("[{n}]") } else { answer.to_string() };
                    spans.push(Span::styled(text, style));
                }
            }
        }
    }
    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", s.preview_label));
    let inner_w = block.inner(preview).width;
    let mut lines = vec![super::grade_line(app, &sl.report, &sl.preview)];
    lines.extend(super::wrap_spans(spans, inner_w, 0));
    f.render_widget(Paragraph::new(lines).block(block), preview);
    let title = format!(" {} ", s.findings_title);
    let lines = super::panel_lines(app, &sl.report, &sl.preview);
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)).wrap(Wrap { trim: false }),
        findings,
    );
}
