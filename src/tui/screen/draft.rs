//! One draft: its workloads with status, grade and the start of each note,
//! and a row to add another workload.

use crate::text::visible;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let Some(sess) = &app.session else { return };
    let mut items: Vec<ListItem> = sess
        .draft
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let grade = app.draft_grades.get(i).copied().unwrap_or(crate::note::Grade::Poor);
            let status =
                e.status.map(|st| crate::tui::view::status_label(app, st)).unwrap_or_else(|| s.no_status.clone());
            let first_line: String = e.note.lines().next().unwrap_or("").chars().take(60).collect();
            ListItem::new(Line::from(vec![
                Span::styled(super::pad(&e.workload, 22), app.theme.title),
                Span::raw(super::pad(&status, 16)),
                Span::styled(format!("{:<9}", grade.to_string()), app.theme.grade(grade)),
                Span::raw(visible(&first_line).into_owned()),
            ]))
        })
        .collect();
    if items.is_empty() {
        f.render_widget(Paragraph::new(s.no_entries.as_str()), Rect { height: 1, ..area });
    }
    items.push(ListItem::new(Line::styled(s.add_workload.clone(), app.theme.key)));
    let top = u16::from(sess.draft.entries.is_empty());
    let list_area = Rect { y: area.y + top, height: area.height.saturating_sub(top), ..area };
    let mut state = ListState::default().with_selected(Some(sess.selected.min(items.len() - 1)));
    f.render_stateful_widget(List::new(items).highlight_style(app.theme.selected), list_area, &mut state);
}
