//! The status's templates, slots marked, the guidance's own lines tagged as
//! such, and free text last.

use crate::template::{Segment, Source};
use crate::tui::app::{App, TemplatePick};
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

pub fn draw(app: &App, tp: &TemplatePick, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let lang_name = if tp.lang == crate::note::Lang::Ja { "日本語" } else { "English" };
    f.render_widget(Paragraph::new(Line::styled(fill(&s.template_lang, &[("lang", lang_name)]), app.theme.dim)), head);
    let Some(status) = app.entry().and_then(|e| e.status) else { return };
    let set = app.templates(tp.lang);
    let templates = set.for_status(status).map(|t| t.template.as_slice()).unwrap_or(&[]);
    let mut items: Vec<ListItem> = templates
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let tag = match t.source {
                Source::Seed => &s.source_seed,
                Source::Statusnote => &s.source_ours,
                Source::Own => &s.source_own,
            };
            let mut spans = vec![Span::styled(format!("{} ", i + 1), app.theme.key)];
            for seg in t.segments() {
                spans.push(match seg {
                    Segment::Text(x) => Span::raw(x.to_string()),
                    Segment::Slot(n) => Span::styled(format!("[{n}]"), app.theme.slot),
                });
            }
            spans.push(Span::styled(format!("  ({tag})"), app.theme.dim));
            ListItem::new(super::wrap_spans(spans, list.width, 2))
        })
        .collect();
    items.push(ListItem::new(Line::from(vec![Span::styled("f ", app.theme.key), Span::raw(s.free_text.clone())])));
    let mut state = ListState::default().with_selected(Some(tp.selected.min(items.len() - 1)));
    f.render_stateful_widget(List::new(items).highlight_style(app.theme.selected), list, &mut state);
}
