//! The five statuses with what each means, and the "help me choose"
//! questionnaire built from the guidance's own questions.

use crate::note::Status;
use crate::tui::app::{App, Questionnaire, StatusPick};
use crate::tui::strings::fill;
use crate::tui::view::{help_lines, popup, status_label};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(app: &App, sp: &StatusPick, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let [hint, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    f.render_widget(Paragraph::new(s.status_hint.as_str()).wrap(Wrap { trim: true }), hint);
    let set = app.templates(app.ui);
    let items: Vec<ListItem> = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let desc = set.for_status(*st).map_or("", |t| t.description.as_str());
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{} ", i + 1), app.theme.key),
                Span::styled(status_label(app, *st), app.theme.title),
            ])];
            lines.extend(super::wrap_spans(vec![Span::styled(format!("  {desc}"), app.theme.dim)], list.width, 2));
            ListItem::new(lines)
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(sp.selected));
    f.render_stateful_widget(List::new(items).highlight_style(app.theme.selected), list, &mut state);
}

pub fn draw_questionnaire(app: &App, q: &Questionnaire, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let questions = [&s.q_duplicate, &s.q_reached, &s.q_intent, &s.q_blocking];
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, question) in questions.iter().enumerate().take(q.step + 1) {
        if i == q.step && q.answer.is_some() {
            break;
        }
        let style = if i == q.step { app.theme.title } else { app.theme.dim };
        lines.push(Line::styled(format!("{}. {question}", i + 1), style));
    }
    lines.push(Line::from(""));
    match q.answer {
        Some(st) => lines.push(Line::styled(fill(&s.q_result, &[("status", &status_label(app, st))]), app.theme.focus)),
        None => lines.push(Line::styled(s.q_keys.clone(), app.theme.key)),
    }
    lines.push(Line::from(""));
    // The status screen's help starts with the questionnaire, then the keys.
    lines.extend(help_lines(app, crate::tui::action::Ctx::Status));
    popup(f, area, 76, area.height, &s.questionnaire_title, lines);
}
