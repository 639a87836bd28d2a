//! Drawing: the frame around every screen (title, message, key hints), the
//! overlays, and the "terminal too small" screen. Reads the model, writes
//! nothing but the frame and the terminal cursor.

use super::action::{Ctx, bindings_for};
use super::app::{App, Overlay, Screen, Tone};
use super::screen;
use super::strings::fill;
use crate::note::Status;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Smallest terminal the composer draws in.
pub const MIN_W: u16 = 40;
pub const MIN_H: u16 = 12;
/// From this width the findings panel sits beside the note.
pub const WIDE: u16 = 100;
pub const SIDE_PANEL: u16 = 40;

pub fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_W || area.height < MIN_H {
        let s = app.strings();
        let msg = fill(
            &s.too_small,
            &[
                ("w", &MIN_W.to_string()),
                ("h", &MIN_H.to_string()),
                ("cw", &area.width.to_string()),
                ("ch", &area.height.to_string()),
            ],
        );
        // Written cell by cell within the width: a paragraph can overrun a
        // one- or two-column area with a double-width character.
        let lines = super::editor::wrap(&msg, area.width.max(2));
        let buf = f.buffer_mut();
        for (row, r) in lines.iter().take(usize::from(area.height)).enumerate() {
            buf.set_stringn(area.x, area.y + row as u16, &msg[r.clone()], usize::from(area.width), Style::new());
        }
        return;
    }
    let [title, body, message, hints] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    draw_title(app, f, title);
    match &app.screen {
        Screen::Drafts => screen::drafts::draw(app, f, body),
        Screen::Draft => screen::draft::draw(app, f, body),
        Screen::NewNote(n) => screen::new_note::draw(app, n, f, body),
        Screen::Status(s) => screen::status::draw(app, s, f, body),
        Screen::Template(t) => screen::template::draw(app, t, f, body),
        Screen::Slots(s) => screen::slots::draw(app, s, f, body),
        Screen::Compose(c) => screen::compose::draw(app, c, f, body),
    }
    if let Some((text, tone)) = &app.message {
        let style = if *tone == Tone::Error { app.theme.prompt } else { Style::new() };
        f.render_widget(Paragraph::new(Span::styled(crate::text::visible(text).into_owned(), style)), message);
    }
    draw_hints(app, f, hints);
    match &app.overlay {
        Some(Overlay::Help) => draw_help(app, f, body),
        Some(Overlay::Problems { scroll }) => {
            let s = app.strings();
            let n = app.browser.bad.len();
            let mut lines: Vec<Line<'static>> = Vec::new();
            for (i, msg) in app.browser.bad.iter().enumerate().skip(*scroll) {
                lines.push(Line::styled(format!("{}/{n}", i + 1), app.theme.dim));
                lines.push(Line::from(crate::text::visible(msg).into_owned()));
            }
            popup(f, body, body.width.saturating_sub(4), body.height, &s.problems_title, lines);
        }
        Some(Overlay::Questionnaire(q)) => screen::status::draw_questionnaire(app, q, f, body),
        Some(Overlay::ConfirmTrash { tenant, .. }) => {
            let s = app.strings();
            let text = fill(&s.confirm_trash, &[("tenant", &crate::text::visible(tenant))]);
            popup(f, body, 60, 3, "", vec![Line::from(text)]);
        }
        Some(Overlay::QuitPrompt { error }) => {
            let s = app.strings();
            let lines = vec![
                Line::styled(fill(&s.quit_failed_body, &[("error", error)]), app.theme.prompt),
                Line::from(""),
                Line::from(s.quit_choices.clone()),
            ];
            popup(f, body, 70, 7, &s.quit_failed_title, lines);
        }
        Some(Overlay::ReasonPicker { selected, l2 }) => {
            screen::compose::draw_reason_picker(app, *selected, l2.as_deref(), f, body)
        }
        Some(Overlay::Dismiss { rule, message, reason }) => draw_dismiss(app, *rule, message, reason, f, body),
        None => {}
    }
}

/// The finding being dismissed and a field for why; the real cursor sits
/// in the field, for the IME.
fn draw_dismiss(
    app: &App,
    rule: crate::engine::Rule,
    message: &str,
    reason: &super::editor::Editor,
    f: &mut Frame,
    area: Rect,
) {
    let s = app.strings();
    let w = 70.min(area.width);
    let h = 9.min(area.height);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    f.render_widget(Clear, r);
    let block = Block::default().borders(Borders::ALL).title(format!(" {} ", s.dismiss_title));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [text, field] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(inner);
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", rule.id()), app.theme.finding(rule)),
            Span::raw(message.to_string()),
        ]),
        Line::styled(s.dismiss_prompt.clone(), app.theme.dim),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text);
    screen::field(f, field, &s.dismiss_label, reason, true, app.theme.focus);
}

fn draw_title(app: &App, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let screen_title = match &app.screen {
        Screen::Drafts => &s.drafts_title,
        Screen::Draft => &s.draft_title,
        Screen::NewNote(_) => &s.new_title,
        Screen::Status(_) => &s.status_title,
        Screen::Template(_) => &s.template_title,
        Screen::Slots(_) => &s.slots_title,
        Screen::Compose(_) => &s.compose_title,
    };
    let tenant = app.session.as_ref().map(|x| crate::text::visible(&x.draft.tenant).into_owned()).unwrap_or_default();
    let mut spans = vec![
        Span::styled(format!(" {} ", s.app), app.theme.title.add_modifier(Modifier::REVERSED)),
        Span::raw(" "),
        Span::styled(fill(screen_title, &[("tenant", &tenant)]), app.theme.title),
    ];
    if let Some(e) = app.entry() {
        let status = e.status.map(|st| status_label(app, st)).unwrap_or_else(|| s.no_status.clone());
        spans.push(Span::raw(format!("  ·  {tenant} / {} / {status}", crate::text::visible(&e.workload))));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status's portal label in the interface language.
pub fn status_label(app: &App, st: Status) -> String {
    app.engine.taxonomy().status_def(st).label.get(app.ui).to_string()
}

/// The key-hint bar, from the same table the keys are routed by.
fn draw_hints(app: &App, f: &mut Frame, area: Rect) {
    let s = app.strings();
    let ctx = app.ctx();
    let mut spans = Vec::new();
    for bnd in bindings_for(ctx).filter(|b| b.hint) {
        let key = bnd.keys.iter().map(|k| k.label()).next().unwrap_or_default();
        spans.push(Span::styled(key, app.theme.key));
        spans.push(Span::raw(format!(" {}  ", short(s.action(bnd.action.id())))));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hint bar uses the first words of an action's help text.
fn short(text: &str) -> &str {
    text.split(" (").next().unwrap_or(text)
}

fn draw_help(app: &App, f: &mut Frame, area: Rect) {
    let lines = help_lines(app, app.ctx_below_overlay());
    let s = app.strings();
    let h = (lines.len() as u16 + 2).min(area.height);
    popup(f, area, 70, h, &s.help_title, lines);
}

/// Every binding of a context with its keys, then the close hint.
pub fn help_lines(app: &App, ctx: Ctx) -> Vec<Line<'static>> {
    let s = app.strings();
    let mut lines: Vec<Line<'static>> = bindings_for(ctx)
        .map(|b| {
            let keys = b.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" / ");
            Line::from(vec![
                Span::styled(format!("{keys:<22}"), app.theme.key),
                Span::raw(s.action(b.action.id()).to_string()),
            ])
        })
        .collect();
    lines.push(Line::styled(s.help_close.clone(), app.theme.dim));
    lines
}

/// A bordered box centred in `area`, cleared underneath.
pub fn popup(f: &mut Frame, area: Rect, width: u16, height: u16, title: &str, lines: Vec<Line<'static>>) {
    let w = width.min(area.width);
    let h = height.min(area.height);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    f.render_widget(Clear, r);
    let block = Block::default().borders(Borders::ALL).title(format!(" {title} "));
    f.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), r);
}

impl App {
    /// The context of the screen under an overlay (what the help explains).
    pub fn ctx_below_overlay(&self) -> Ctx {
        match &self.screen {
            Screen::Drafts if self.browser.searching => Ctx::Search,
            Screen::Drafts => Ctx::Drafts,
            Screen::Draft => Ctx::Draft,
            Screen::NewNote(_) => Ctx::NewNote,
            Screen::Status(_) => Ctx::Status,
            Screen::Template(_) => Ctx::Template,
            Screen::Slots(_) => Ctx::Slots,
            Screen::Compose(_) => Ctx::Compose,
        }
    }
}
