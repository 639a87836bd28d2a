//! Tenant and workload for a new note; the workload list comes from
//! `assets/workloads.toml` and any other name may be typed.

use crate::tui::app::{App, NewNote, match_workloads};
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
    let shown = match_workloads(&app.workloads, &n.query);
    let items: Vec<ListItem> = shown.iter().map(|&i| ListItem::new(app.workloads[i].name.as_str())).collect();
    let selected = n.chosen(&app.workloads).and_then(|c| shown.iter().position(|&i| i == c));
    let mut state = ListState::default().with_selected(selected);
    f.render_stateful_widget(List::new(items).highlight_style(app.theme.selected), list, &mut state);
}
