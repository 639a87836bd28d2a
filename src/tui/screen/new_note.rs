//! Tenant and workload for a new note; the workload list comes from
//! `assets/workloads.toml` and any other name may be typed.

use crate::tui::app::{App, NewNote};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

pub fn draw(app: &App, n: &NewNote, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let [tenant, workload, hint, list] =
        Layout::vertical([Constraint::Length(3), Constraint::Length(3), Constraint::Length(1), Constraint::Min(0)])
            .areas(area);
    let style = |i: usize| if n.focus == i { app.theme.focus } else { app.theme.dim };
    super::field(f, tenant, &s.tenant_label, &n.tenant, n.focus == 0, style(0));
    super::field(f, workload, &s.workload_label, &n.workload, n.focus == 1, style(1));
    f.render_widget(Paragraph::new(Line::styled(s.workload_hint.clone(), app.theme.dim)), hint);
    let typed = n.workload.text().to_lowercase();
    let items: Vec<ListItem> = app.workloads.iter().map(|w| ListItem::new(w.as_str())).collect();
    let selected = n.suggestion.or_else(|| {
        (!typed.is_empty()).then(|| app.workloads.iter().position(|w| w.to_lowercase().starts_with(&typed))).flatten()
    });
    let mut state = ListState::default().with_selected(selected);
    f.render_stateful_widget(List::new(items).highlight_style(app.theme.selected), list, &mut state);
}
