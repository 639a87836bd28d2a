//! The drafts browser: search, filters, and one row per tenant draft with
//! its worst grade and workloads.

use crate::text::visible;
use crate::tui::app::App;
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let b = &app.browser;
    let [top, list_area, warn] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1), Constraint::Length(u16::from(!b.bad.is_empty()))])
            .areas(area);
    let [search, filters] = Layout::vertical([Constraint::Length(3), Constraint::Length(0)]).areas(top);
    let all = &s.filter_all;
    let status = b.status_filter.map_or(all.clone(), |st| crate::tui::view::status_label(app, st));
    let grade = b.grade_filter.map_or(all.clone(), |g| g.to_string());
    let title = format!("{} · {}: {status} / {grade}", s.search_label, s.filter_label);
    super::field(f, search, &title, &b.search, b.searching, if b.searching { app.theme.focus } else { app.theme.dim });
    let _ = filters;

    let visible_ids = app.visible_drafts();
    if visible_ids.is_empty() {
        let msg = if b.drafts.is_empty() { &s.no_drafts } else { &s.no_match };
        f.render_widget(Paragraph::new(msg.as_str()), list_area);
    } else {
        let items: Vec<ListItem> = visible_ids
            .iter()
            .map(|&i| {
                let d = &b.drafts[i];
                let grade = b.grades[i];
                let workloads: Vec<String> = d.entries.iter().map(|e| visible(&e.workload).into_owned()).collect();
                let mut spans =
                    vec![Span::styled(format!("{:<24}", visible(&d.tenant)), app.theme.title), Span::raw(" ")];
                match grade {
                    Some(g) => spans.push(Span::styled(format!("{:<9}", g.to_string()), app.theme.grade(g))),
                    None => spans.push(Span::raw(format!("{:<9}", "-"))),
                }
                spans.push(Span::styled(
                    format!("{}  ", d.updated.to_string().replace('T', " ").trim_end_matches('Z')),
                    app.theme.dim,
                ));
                spans.push(Span::raw(workloads.join(", ")));
                ListItem::new(Line::from(spans))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(b.selected.min(visible_ids.len() - 1)));
        f.render_stateful_widget(List::new(items).highlight_style(app.theme.selected), list_area, &mut state);
    }
    if !b.bad.is_empty() {
        let text = fill(&s.bad_drafts, &[("n", &b.bad.len().to_string())]);
        f.render_widget(Paragraph::new(Span::styled(visible(&text).into_owned(), app.theme.prompt)), warn);
    }
}
