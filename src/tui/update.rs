//! `update(&mut App, Action) -> Vec<Effect>`: every state change of the
//! composer, testable without a terminal. Re-lints after every edit so the
//! view only draws what is already known.

use super::action::Action;
use super::app::*;
use super::editor::Editor;
use super::effect::{Effect, Outcome};
use super::strings::fill;
use crate::draft::{Draft, Entry, Summary};
use crate::note::{Grade, Lang, Status};

/// Handles one action. Quit, help and the clock work everywhere; the rest
/// depends on the overlay or screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            return vec![];
        }
        Action::Tick => return autosave_if_due(app),
        Action::Quit if !matches!(app.overlay, Some(Overlay::QuitPrompt { .. })) => return quit(app),
        Action::Save => {
            app.announce_save = true;
            return save_now(app, AfterSave::Nothing);
        }
        Action::Copy => return copy(app),
        Action::Help if app.overlay.is_none() => {
            app.overlay = Some(Overlay::Help);
            return vec![];
        }
        _ => {}
    }
    if let Some(overlay) = app.overlay.clone() {
        return overlay_update(app, overlay, action);
    }
    match app.screen {
        Screen::Drafts => return drafts(app, action),
        Screen::Draft => return draft_screen(app, action),
        _ => {}
    }
    // Screens with state are taken, not cloned (the editor's undo history
    // can be long); each handler puts its screen back or moves on.
    match std::mem::replace(&mut app.screen, Screen::Drafts) {
        Screen::Drafts | Screen::Draft => vec![],
        Screen::NewNote(n) => new_note(app, n, action),
        Screen::Status(s) => status(app, s, action),
        Screen::Template(t) => template(app, t, action),
        Screen::Slots(s) => slots(app, s, action),
        Screen::Compose(c) => compose(app, c, action),
    }
}

/// Handles what an effect came back with.
pub fn apply(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    let s = app.strings();
    match outcome {
        Outcome::Saved(Ok(fp)) => {
            let after = std::mem::replace(&mut app.after_save, AfterSave::Nothing);
            if let Some(sess) = &mut app.session {
                sess.base = Some(fp);
                sess.autosave.saved();
            }
            if std::mem::take(&mut app.announce_save) {
                app.message = Some((s.saved.clone(), Tone::Info));
            } else if app.message.as_ref().is_some_and(|(_, t)| *t == Tone::Error) {
                app.message = None; // the error it reported is over
            }
            match after {
                AfterSave::Nothing => vec![],
                AfterSave::CloseDraft => close_draft(app),
                AfterSave::Quit => {
                    app.quit = true;
                    vec![Effect::Release, Effect::Quit]
                }
            }
        }
        Outcome::Saved(Err(e)) => {
            app.announce_save = false;
            let after = std::mem::replace(&mut app.after_save, AfterSave::Nothing);
            if let Some(sess) = &mut app.session {
                sess.autosave.failed(app.now_ms, e.clone());
            }
            app.message = Some((fill(&s.save_failed, &[("error", &e)]), Tone::Error));
            if after == AfterSave::Quit {
                app.overlay = Some(Overlay::QuitPrompt { error: e });
            }
            vec![]
        }
        Outcome::SavedElsewhere(Ok(path)) => {
            app.message = Some((fill(&s.saved_elsewhere, &[("path", &path)]), Tone::Info));
            app.rescued = Some(path);
            app.leave_unsaved = true;
            app.quit = true;
            vec![Effect::Release, Effect::Quit]
        }
        Outcome::SavedElsewhere(Err(e)) => {
            app.overlay = Some(Overlay::QuitPrompt { error: e });
            vec![]
        }
        Outcome::Opened(Ok((draft, fp))) => {
            let lang = draft.entries.first().map_or(app.note_lang, |e| e.lang);
            app.session =
                Some(Session { draft, base: Some(fp), autosave: Default::default(), entry: None, selected: 0, lang });
            show_draft(app);
            match app.pending_workload.take() {
                Some(w) => open_workload(app, &w),
                None => vec![],
            }
        }
        Outcome::Created(Ok(id)) => {
            let tenant = app.pending_tenant.take().unwrap_or_default();
            let draft = Draft::new(id, tenant, app.now);
            app.session = Some(Session {
                draft,
                base: None,
                autosave: Default::default(),
                entry: None,
                selected: 0,
                lang: app.note_lang,
            });
            show_draft(app);
            match app.pending_workload.take() {
                Some(w) => open_workload(app, &w),
                None => vec![],
            }
        }
        Outcome::Created(Err(e)) => {
            app.pending_workload = None;
            app.pending_tenant = None;
            app.message = Some((fill(&s.save_failed, &[("error", &e)]), Tone::Error));
            vec![]
        }
        Outcome::Opened(Err(e)) => {
            app.pending_workload = None;
            app.message = Some((fill(&s.locked, &[("error", &e)]), Tone::Error));
            vec![]
        }
        Outcome::Trashed(Ok(path)) => {
            app.message = Some((fill(&s.trashed, &[("path", &path)]), Tone::Info));
            vec![Effect::Reload]
        }
        Outcome::Trashed(Err(e)) => {
            app.message = Some((e, Tone::Error));
            vec![]
        }
        Outcome::Listed(drafts, bad) => {
            set_drafts(app, drafts, bad);
            vec![]
        }
    }
}

/// Shows the open draft's workloads, grading each note once here rather
/// than on every frame.
fn show_draft(app: &mut App) {
    let engine = app.engine;
    app.draft_grades = app
        .session
        .as_ref()
        .map(|s| {
            s.draft
                .entries
                .iter()
                .map(|e| {
                    let mut r = engine.lint(&e.note, e.status, e.lang);
                    crate::engine::dismiss::apply(&mut r, &e.dismissed);
                    r.grade
                })
                .collect()
        })
        .unwrap_or_default();
    app.screen = Screen::Draft;
}

pub fn set_drafts(app: &mut App, drafts: Vec<Summary>, bad: Vec<String>) {
    app.browser.grades = super::app::grades_with(app.engine, &drafts);
    app.browser.drafts = drafts;
    app.browser.bad = bad;
    let n = app.visible_drafts().len();
    app.browser.selected = app.browser.selected.min(n.saturating_sub(1));
}

fn autosave_if_due(app: &mut App) -> Vec<Effect> {
    match &app.session {
        Some(s) if s.autosave.due(app.now_ms) => save_now(app, AfterSave::Nothing),
        _ => vec![],
    }
}

fn save_now(app: &mut App, after: AfterSave) -> Vec<Effect> {
    match &app.session {
        Some(s) => {
            app.after_save = after;
            vec![Effect::Save { draft: s.draft.clone(), base: s.base }]
        }
        None => vec![],
    }
}

/// Quitting never asks: it saves first, and asks only if that fails.
fn quit(app: &mut App) -> Vec<Effect> {
    match &app.session {
        Some(s) if s.autosave.is_dirty() || s.base.is_none() && !s.draft.entries.is_empty() => {
            save_now(app, AfterSave::Quit)
        }
        _ => {
            app.quit = true;
            vec![Effect::Release, Effect::Quit]
        }
    }
}

fn copy(app: &mut App) -> Vec<Effect> {
    let s = app.strings();
    match app.current_note().filter(|n| !n.trim().is_empty()) {
        Some(note) => {
            app.message = Some((s.copied.clone(), Tone::Info));
            vec![Effect::Copy(note)]
        }
        None => {
            app.message = Some((s.nothing_to_copy.clone(), Tone::Info));
            vec![]
        }
    }
}

fn overlay_update(app: &mut App, overlay: Overlay, action: Action) -> Vec<Effect> {
    match overlay {
        Overlay::Help => {
            app.overlay = None;
            vec![]
        }
        Overlay::Problems { scroll } => {
            let last = app.browser.bad.len().saturating_sub(1);
            app.overlay = match action {
                Action::Down => Some(Overlay::Problems { scroll: (scroll + 1).min(last) }),
                Action::Up => Some(Overlay::Problems { scroll: scroll.saturating_sub(1) }),
                _ => None,
            };
            vec![]
        }
        Overlay::Dismiss { rule, message, mut reason } => {
            match action {
                Action::Back => app.overlay = None,
                Action::Select => {
                    let why = reason.text().trim().to_string();
                    if why.is_empty() {
                        app.message = Some((app.strings().dismiss_needs_reason.clone(), Tone::Error));
                        app.overlay = Some(Overlay::Dismiss { rule, message, reason });
                    } else {
                        app.overlay = None;
                        dismiss(app, rule, &why);
                    }
                }
                a => {
                    edit(&mut reason, &a, 60);
                    app.overlay = Some(Overlay::Dismiss { rule, message, reason });
                }
            }
            vec![]
        }
        Overlay::ConfirmTrash { id, .. } => {
            app.overlay = None;
            if action == Action::Yes { vec![Effect::Trash(id)] } else { vec![] }
        }
        Overlay::QuitPrompt { .. } => match action {
            Action::Retry => {
                app.overlay = None;
                save_now(app, AfterSave::Quit)
            }
            Action::Elsewhere => {
                app.overlay = None;
                app.session.as_ref().map(|s| vec![Effect::SaveElsewhere(s.draft.clone())]).unwrap_or_default()
            }
            Action::Discard => {
                app.overlay = None;
                app.leave_unsaved = true;
                app.quit = true;
                vec![Effect::Release, Effect::Quit]
            }
            Action::Back => {
                app.overlay = None;
                vec![]
            }
            _ => vec![],
        },
        Overlay::ReasonPicker { selected, l2 } => {
            let reasons = reasons_for_entry(app);
            let l3s: Vec<String> =
                l2.as_deref().and_then(|id| app.engine.taxonomy().reason(id)).map(|r| r.l3.clone()).unwrap_or_default();
            // Stage 1 lists the L2 reasons; stage 2 "(none)" and the L3s.
            let rows = if l2.is_some() { l3s.len() + 1 } else { reasons.len() };
            match action {
                Action::Down => {
                    app.overlay =
                        Some(Overlay::ReasonPicker { selected: (selected + 1).min(rows.saturating_sub(1)), l2 })
                }
                Action::Up => app.overlay = Some(Overlay::ReasonPicker { selected: selected.saturating_sub(1), l2 }),
                Action::Back => app.overlay = None,
                Action::Select => match l2 {
                    None => {
                        let Some(r) = reasons.get(selected) else {
                            app.overlay = None;
                            return vec![];
                        };
                        let (id, has_l3) = (r.id.clone(), !r.l3.is_empty());
                        let label = reason_label(app, &id);
                        set_reason(app, Some(id.clone()), None);
                        app.message = Some((fill(&app.strings().reason_set, &[("label", &label)]), Tone::Info));
                        app.overlay = has_l3.then_some(Overlay::ReasonPicker { selected: 0, l2: Some(id) });
                    }
                    Some(id) => {
                        let l3 = selected.checked_sub(1).and_then(|i| l3s.get(i)).cloned();
                        set_reason(app, Some(id), l3);
                        app.overlay = None;
                    }
                },
                _ => {}
            }
            vec![]
        }
        Overlay::Questionnaire(mut q) => {
            match action {
                Action::Back => {
                    app.overlay = None;
                    return vec![];
                }
                Action::Select => {
                    app.overlay = None;
                    if let Some(st) = q.answer {
                        return choose_status(app, st);
                    }
                    return vec![];
                }
                Action::Yes | Action::No if q.answer.is_none() => {
                    let yes = action == Action::Yes;
                    // duplicate? -> reached? -> intends? -> blocked?
                    q.answer = match (q.step, yes) {
                        (0, true) => Some(Status::DuplicateInvalid),
                        (1, false) => Some(Status::Unknown),
                        (2, false) => Some(Status::NoIntent),
                        (3, true) => Some(Status::Blocked),
                        (3, false) => Some(Status::InProgress),
                        _ => None,
                    };
                    q.step += 1;
                }
                _ => {}
            }
            if let Screen::Status(sp) = &mut app.screen {
                if let Some(st) = q.answer {
                    sp.selected = Status::ALL.iter().position(|s| *s == st).unwrap_or(0);
                }
            }
            app.overlay = Some(Overlay::Questionnaire(q));
            vec![]
        }
    }
}

fn drafts(app: &mut App, action: Action) -> Vec<Effect> {
    let visible = app.visible_drafts();
    let b = &mut app.browser;
    if b.searching {
        match action {
            Action::Select => b.searching = false,
            Action::Back => {
                b.searching = false;
                b.search = Editor::single_line("");
            }
            a => {
                edit(&mut b.search, &a, 80);
            }
        }
        b.selected = 0;
        return vec![];
    }
    match action {
        Action::Down => b.selected = (b.selected + 1).min(visible.len().saturating_sub(1)),
        Action::Up => b.selected = b.selected.saturating_sub(1),
        Action::Search => b.searching = true,
        Action::Problems if !b.bad.is_empty() => app.overlay = Some(Overlay::Problems { scroll: 0 }),
        Action::FilterStatus => {
            b.status_filter = match b.status_filter {
                None => Some(Status::ALL[0]),
                Some(s) => Status::ALL.iter().position(|x| *x == s).and_then(|i| Status::ALL.get(i + 1).copied()),
            };
            b.selected = 0;
        }
        Action::FilterGrade => {
            b.grade_filter = match b.grade_filter {
                None => Some(Grade::Great),
                Some(Grade::Great) => Some(Grade::Marginal),
                Some(Grade::Marginal) => Some(Grade::Poor),
                Some(Grade::Poor) => None,
            };
            b.selected = 0;
        }
        Action::Back => {
            b.search = Editor::single_line("");
            b.status_filter = None;
            b.grade_filter = None;
        }
        Action::Select => {
            if let Some(&i) = visible.get(b.selected) {
                return vec![Effect::Open(b.drafts[i].id.clone())];
            }
        }
        Action::Trash => {
            if let Some(&i) = visible.get(b.selected) {
                let d = &b.drafts[i];
                app.overlay = Some(Overlay::ConfirmTrash { id: d.id.clone(), tenant: d.tenant.clone() });
            }
        }
        Action::New => {
            app.session = None;
            app.screen = Screen::NewNote(NewNote::new("", 0, false));
        }
        _ => {}
    }
    vec![]
}

/// Leaves the open draft: saved first if needed (the save's outcome closes it).
fn close_draft(app: &mut App) -> Vec<Effect> {
    if app.session.as_ref().is_some_and(|s| s.autosave.is_dirty()) {
        return save_now(app, AfterSave::CloseDraft);
    }
    app.session = None;
    app.screen = Screen::Drafts;
    vec![Effect::Release, Effect::Reload]
}

fn draft_screen(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(sess) = &mut app.session else {
        app.screen = Screen::Drafts;
        return vec![];
    };
    let rows = sess.draft.entries.len() + 1; // entries, then "add a workload"
    match action {
        Action::Down => sess.selected = (sess.selected + 1).min(rows - 1),
        Action::Up => sess.selected = sess.selected.saturating_sub(1),
        Action::Back => return close_draft(app),
        Action::AddWorkload => return add_workload(app),
        Action::Select => {
            if sess.selected >= sess.draft.entries.len() {
                return add_workload(app);
            }
            let w = sess.draft.entries[sess.selected].workload.clone();
            return open_workload(app, &w);
        }
        _ => {}
    }
    vec![]
}

fn add_workload(app: &mut App) -> Vec<Effect> {
    let tenant = app.session.as_ref().map(|s| s.draft.tenant.clone()).unwrap_or_default();
    app.screen = Screen::NewNote(NewNote::new(&tenant, 1, true));
    vec![]
}

/// Opens (creating if needed) the entry for `workload` in the open draft and
/// goes where it needs: status first if it has none, else the note.
pub fn open_workload(app: &mut App, workload: &str) -> Vec<Effect> {
    let now = app.now;
    let Some(sess) = &mut app.session else { return vec![] };
    let lang = sess.lang;
    let idx = match sess.draft.entries.iter().position(|e| e.workload == workload) {
        Some(i) => i,
        None => {
            sess.draft.entries.push(Entry::new(workload.to_string(), lang, now));
            sess.draft.updated = now;
            sess.autosave.changed(app.now_ms);
            sess.draft.entries.len() - 1
        }
    };
    sess.entry = Some(idx);
    sess.selected = idx;
    let e = &sess.draft.entries[idx];
    if e.status.is_none() {
        app.screen = Screen::Status(StatusPick { selected: 0 });
    } else {
        let note = e.note.clone();
        app.screen = Screen::Compose(compose_for(app, &note, None));
    }
    vec![]
}

fn compose_for(app: &App, note: &str, previous: Option<&str>) -> Compose {
    // Picking a template over an existing note keeps the old text one
    // undo away.
    let mut editor = Editor::new(previous.unwrap_or(note));
    if previous.is_some() {
        editor.set_text(note);
    }
    let (report, suggestions) = check_entry(app, editor.text());
    Compose { editor, report, suggestions }
}

/// The L2 reasons the open entry's status offers, in taxonomy order.
pub fn reasons_for_entry(app: &App) -> Vec<&crate::taxonomy::ReasonDef> {
    match app.entry().and_then(|e| e.status) {
        Some(st) => app.engine.taxonomy().reasons_for(st).collect(),
        None => Vec::new(),
    }
}

fn set_reason(app: &mut App, l2: Option<String>, l3: Option<String>) {
    let now = app.now;
    let ms = app.now_ms;
    let Some(sess) = &mut app.session else { return };
    let Some(i) = sess.entry else { return };
    let e = &mut sess.draft.entries[i];
    if e.l2 != l2 || e.l3 != l3 {
        e.l2 = l2;
        e.l3 = l3;
        e.updated = now;
        sess.draft.updated = now;
        sess.autosave.changed(ms);
    }
}

fn reason_label(app: &App, l2: &str) -> String {
    app.engine.taxonomy().reason(l2).map_or(l2.to_string(), |r| r.label.get(app.ui).to_string())
}

/// The open entry's note linted and its reasons ranked, in the note's own
/// language (the entry's while the note is still empty).
fn check_entry(app: &App, text: &str) -> (crate::engine::Report, Vec<crate::engine::Suggestion>) {
    let (status, lang) = app.entry().map_or((None, app.ui), |e| (e.status, e.lang));
    let lang = if text.trim().is_empty() { lang } else { Lang::detect(text) };
    let (mut report, suggestions) = app.engine.check(text, status, lang);
    let l2 = app.entry().and_then(|e| e.l2.as_deref());
    report.findings.extend(app.engine.stale_reason(text, status, l2));
    if let Some(e) = app.entry() {
        crate::engine::dismiss::apply(&mut report, &e.dismissed);
    }
    (report, suggestions)
}

/// Brings back the open entry's dismissed findings.
fn restore(app: &mut App) {
    let now = app.now;
    let ms = app.now_ms;
    let Some(sess) = &mut app.session else { return };
    let Some(i) = sess.entry else { return };
    let e = &mut sess.draft.entries[i];
    let n = e.dismissed.len();
    if n > 0 {
        e.dismissed.clear();
        e.updated = now;
        sess.draft.updated = now;
        sess.autosave.changed(ms);
        relint_compose(app);
    }
    app.message = Some((fill(&app.strings().restored, &[("n", &n.to_string())]), Tone::Info));
}

/// Lints the open note again after its dismissals changed.
fn relint_compose(app: &mut App) {
    if let Screen::Compose(c) = &app.screen {
        let text = c.editor.text().to_string();
        let (report, suggestions) = check_entry(app, &text);
        if let Screen::Compose(c) = &mut app.screen {
            (c.report, c.suggestions) = (report, suggestions);
        }
    }
}

/// Records a dismissal on the open entry and lints the note again without it.
fn dismiss(app: &mut App, rule: crate::engine::Rule, reason: &str) {
    let now = app.now;
    let ms = app.now_ms;
    let Some(sess) = &mut app.session else { return };
    let Some(i) = sess.entry else { return };
    let e = &mut sess.draft.entries[i];
    e.dismissed.retain(|d| d.rule != rule.id());
    e.dismissed.push(crate::engine::Dismissal { rule: rule.id().to_string(), reason: reason.to_string() });
    e.updated = now;
    sess.draft.updated = now;
    sess.autosave.changed(ms);
    relint_compose(app);
    let msg = fill(&app.strings().dismissed, &[("rule", rule.id()), ("reason", &crate::text::visible(reason))]);
    app.message = Some((msg, Tone::Info));
}

fn new_note(app: &mut App, mut n: NewNote, action: Action) -> Vec<Effect> {
    let s = app.strings();
    match action {
        Action::NextField | Action::PrevField if !n.tenant_locked => n.focus = 1 - n.focus,
        Action::Down | Action::Up if n.focus == 1 => {
            // ↑/↓ move through the workloads the typed text matches.
            let shown = match_workloads(&app.workloads, &n.query);
            if !shown.is_empty() {
                let len = shown.len();
                let at = n.chosen(&app.workloads).and_then(|c| shown.iter().position(|&i| i == c));
                let next = match (at, action == Action::Down) {
                    (None, true) => 0,
                    (None, false) => len - 1,
                    (Some(p), true) => (p + 1) % len,
                    (Some(p), false) => (p + len - 1) % len,
                };
                n.suggestion = Some(shown[next]);
                n.workload.set_text(&app.workloads[shown[next]].name);
            }
        }
        Action::Back => {
            if app.session.is_some() {
                show_draft(app);
            } else {
                app.screen = Screen::Drafts;
            }
            return vec![];
        }
        Action::Select => {
            let tenant = n.tenant.text().trim().to_string();
            // A workload the list has chosen is taken by its full name, so
            // "EXO" and "Exchange Online" never become two entries.
            let workload = match n.chosen(&app.workloads) {
                Some(i) => app.workloads[i].name.clone(),
                None => n.workload.text().trim().to_string(),
            };
            if tenant.is_empty() {
                app.message = Some((s.tenant_required.clone(), Tone::Error));
                n.focus = 0;
            } else if workload.is_empty() {
                app.message = Some((s.workload_required.clone(), Tone::Error));
                n.focus = 1;
            } else {
                app.message = None;
                return start_note(app, &tenant, &workload);
            }
        }
        a => {
            let ed = if n.focus == 0 && !n.tenant_locked { &mut n.tenant } else { &mut n.workload };
            if edit(ed, &a, 80) && n.focus == 1 {
                n.suggestion = None;
                n.query = n.workload.text().to_string();
            }
        }
    }
    app.screen = Screen::NewNote(n);
    vec![]
}

/// Starts a note for tenant and workload: in the open draft, in the
/// tenant's existing draft (loaded first), or in a new draft.
pub fn start_note(app: &mut App, tenant: &str, workload: &str) -> Vec<Effect> {
    // `statusnote new --workload exo` means Exchange Online, as typing it does.
    let full = named_workload(&app.workloads, workload).map(|i| app.workloads[i].name.clone());
    let workload = full.as_deref().unwrap_or(workload);
    if let Some(sess) = &app.session {
        if sess.draft.tenant.trim().eq_ignore_ascii_case(tenant) {
            if sess.draft.entry(workload).is_some() {
                let s = app.strings();
                app.message = Some((fill(&s.workload_exists, &[("workload", workload)]), Tone::Info));
            }
            return open_workload(app, workload);
        }
    }
    let existing = app.browser.drafts.iter().find(|d| d.tenant.trim().eq_ignore_ascii_case(tenant));
    if let Some(d) = existing {
        app.pending_workload = Some(workload.to_string());
        return vec![Effect::Open(d.id.clone())];
    }
    // The runtime draws the id (real entropy, checked against the store
    // and locked), so two composers started together never share one.
    app.session = None;
    app.pending_tenant = Some(tenant.to_string());
    app.pending_workload = Some(workload.to_string());
    vec![Effect::Create]
}

fn choose_status(app: &mut App, st: Status) -> Vec<Effect> {
    let now = app.now;
    let ms = app.now_ms;
    let Some(sess) = &mut app.session else { return vec![] };
    let Some(i) = sess.entry else { return vec![] };
    let e = &mut sess.draft.entries[i];
    if e.status != Some(st) {
        e.status = Some(st);
        e.updated = now;
        sess.draft.updated = now;
        sess.autosave.changed(ms);
    }
    let lang = sess.lang;
    app.screen = Screen::Template(TemplatePick { selected: 0, lang });
    vec![]
}

fn status(app: &mut App, mut sp: StatusPick, action: Action) -> Vec<Effect> {
    match action {
        Action::Down => sp.selected = (sp.selected + 1).min(Status::ALL.len() - 1),
        Action::Up => sp.selected = sp.selected.saturating_sub(1),
        Action::Pick(n) if (1..=Status::ALL.len()).contains(&n) => return choose_status(app, Status::ALL[n - 1]),
        Action::Letter(c) => {
            let st = match c {
                'i' => Status::InProgress,
                'b' => Status::Blocked,
                'n' => Status::NoIntent,
                'u' => Status::Unknown,
                _ => Status::DuplicateInvalid,
            };
            return choose_status(app, st);
        }
        Action::Select => return choose_status(app, Status::ALL[sp.selected]),
        Action::Questionnaire => {
            app.overlay = Some(Overlay::Questionnaire(Questionnaire { step: 0, answer: None }));
        }
        Action::Back => {
            show_draft(app);
            return vec![];
        }
        _ => {}
    }
    app.screen = Screen::Status(sp);
    vec![]
}

fn template(app: &mut App, mut tp: TemplatePick, action: Action) -> Vec<Effect> {
    let Some(status) = app.entry().and_then(|e| e.status) else {
        show_draft(app);
        return vec![];
    };
    let count = app.templates(tp.lang).for_status(status).map_or(0, |t| t.template.len());
    match action {
        Action::Down => tp.selected = (tp.selected + 1).min(count),
        Action::Up => tp.selected = tp.selected.saturating_sub(1),
        Action::ToggleLang => {
            tp.lang = if tp.lang == Lang::Ja { Lang::En } else { Lang::Ja };
            if let Some(s) = &mut app.session {
                s.lang = tp.lang;
            }
        }
        Action::Pick(n) if (1..=count).contains(&n) => return use_template(app, tp.lang, Some(n - 1)),
        Action::Free => return use_template(app, tp.lang, None),
        Action::Select => return use_template(app, tp.lang, (tp.selected < count).then_some(tp.selected)),
        Action::Back => {
            app.screen =
                Screen::Status(StatusPick { selected: Status::ALL.iter().position(|s| *s == status).unwrap_or(0) });
            return vec![];
        }
        _ => {}
    }
    app.screen = Screen::Template(tp);
    vec![]
}

fn use_template(app: &mut App, lang: Lang, index: Option<usize>) -> Vec<Effect> {
    let Some(entry) = app.entry().cloned() else { return vec![] };
    let Some(status) = entry.status else { return vec![] };
    let Some(i) = index else {
        app.screen = Screen::Compose(compose_for(app, &entry.note, None));
        return vec![];
    };
    let set = app.templates(lang);
    let Some(t) = set.for_status(status).and_then(|st| st.template.get(i)) else { return vec![] };
    let names: Vec<String> = t.slot_names().into_iter().map(str::to_string).collect();
    let reuse = entry.template == Some(i as u32 + 1);
    let answers = if reuse { entry.slots.clone() } else { Default::default() };
    if names.is_empty() {
        let text = t.text.clone();
        set_entry_note(app, &text, Some(i), None);
        let previous = (!entry.note.trim().is_empty() && entry.note != text).then_some(entry.note.as_str());
        app.screen = Screen::Compose(compose_for(app, &text, previous));
        return vec![];
    }
    let first = answers.get(&names[0]).cloned().unwrap_or_default();
    let mut slots = Slots {
        lang,
        template: i,
        names,
        current: 0,
        answers,
        editor: Editor::single_line(&first),
        preview: String::new(),
        report: app.engine.lint("", None, lang),
    };
    refresh_slots(app, &mut slots);
    app.screen = Screen::Slots(slots);
    vec![]
}

/// Recomposes the note from the slot answers, lints it and keeps it in the draft.
fn refresh_slots(app: &mut App, s: &mut Slots) {
    let name = s.names[s.current].clone();
    s.answers.insert(name, s.editor.text().to_string());
    let set = app.templates(s.lang);
    let status = app.entry().and_then(|e| e.status);
    let Some(t) = status.and_then(|st| set.for_status(st)).and_then(|st| st.template.get(s.template)) else { return };
    s.preview = t.fill(&s.answers, &set.slot);
    s.report = app.engine.lint(&s.preview, status, s.lang);
    let (preview, answers, template) = (s.preview.clone(), s.answers.clone(), s.template);
    set_entry_note(app, &preview, Some(template), Some(answers));
}

fn set_entry_note(
    app: &mut App,
    note: &str,
    template: Option<usize>,
    slots: Option<std::collections::BTreeMap<String, String>>,
) {
    let now = app.now;
    let ms = app.now_ms;
    let Some(sess) = &mut app.session else { return };
    let Some(i) = sess.entry else { return };
    let e = &mut sess.draft.entries[i];
    let lang = if note.trim().is_empty() { e.lang } else { Lang::detect(note) };
    let template = template.map(|t| t as u32 + 1).or(e.template);
    let slots = slots.unwrap_or_else(|| e.slots.clone());
    if e.note != note || e.template != template || e.slots != slots {
        e.note = note.to_string();
        e.lang = lang;
        e.template = template;
        e.slots = slots;
        e.updated = now;
        sess.draft.updated = now;
        sess.autosave.changed(ms);
    }
}

fn slots(app: &mut App, mut s: Slots, action: Action) -> Vec<Effect> {
    match action {
        Action::NextField | Action::EditNote => {
            if action == Action::NextField && s.current + 1 < s.names.len() {
                s.current += 1;
                let a = s.answers.get(&s.names[s.current]).cloned().unwrap_or_default();
                s.editor = Editor::single_line(&a);
            } else {
                let preview = s.preview.clone();
                app.screen = Screen::Compose(compose_for(app, &preview, None));
                return vec![];
            }
        }
        Action::PrevField => {
            if s.current > 0 {
                s.current -= 1;
                let a = s.answers.get(&s.names[s.current]).cloned().unwrap_or_default();
                s.editor = Editor::single_line(&a);
            }
        }
        Action::Back => {
            app.screen = Screen::Template(TemplatePick { selected: s.template, lang: s.lang });
            return vec![];
        }
        a => {
            if edit(&mut s.editor, &a, 80) {
                refresh_slots(app, &mut s);
            }
        }
    }
    app.screen = Screen::Slots(s);
    vec![]
}

fn compose(app: &mut App, mut c: Compose, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            show_draft(app);
            return vec![];
        }
        Action::AcceptReason => {
            // A guess below the confidence floor is never taken silently.
            if c.suggestions.first().is_some_and(|b| !b.confident()) {
                app.message = Some((app.strings().reason_unclear_not_taken.clone(), Tone::Info));
            } else if let Some(best) = c.suggestions.first() {
                let (id, label) = (best.l2.clone(), reason_label(app, &best.l2));
                set_reason(app, Some(id), None);
                app.message = Some((fill(&app.strings().reason_set, &[("label", &label)]), Tone::Info));
            } else {
                app.message = Some((app.strings().no_reasons.clone(), Tone::Info));
            }
            app.screen = Screen::Compose(c);
            return vec![];
        }
        Action::Dismiss => {
            // The finding under the cursor, else the first one the panel lists.
            let at = c.editor.cursor();
            let mut order: Vec<&crate::engine::Finding> = c.report.findings.iter().collect();
            order.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.start));
            let under = order.iter().find(|f| f.start <= at && at <= f.end && f.start < f.end);
            match under.or(order.first()) {
                Some(f) => {
                    let text = c.editor.text();
                    let message = app.engine.message(f, text, c.report.graded_as(), app.ui);
                    app.overlay = Some(Overlay::Dismiss { rule: f.rule, message, reason: Editor::single_line("") });
                }
                None => app.message = Some((app.strings().nothing_to_dismiss.clone(), Tone::Info)),
            }
            app.screen = Screen::Compose(c);
            return vec![];
        }
        Action::Restore => {
            app.screen = Screen::Compose(c);
            restore(app);
            return vec![];
        }
        Action::PickReason => {
            let reasons = reasons_for_entry(app);
            if reasons.is_empty() {
                app.message = Some((app.strings().no_reasons.clone(), Tone::Info));
            } else {
                let current = app.entry().and_then(|e| e.l2.clone());
                let selected = current.and_then(|id| reasons.iter().position(|r| r.id == id)).unwrap_or(0);
                app.overlay = Some(Overlay::ReasonPicker { selected, l2: None });
            }
            app.screen = Screen::Compose(c);
            return vec![];
        }
        _ => {}
    }
    let width = editor_width(app.size.0);
    if edit(&mut c.editor, &action, width) {
        let text = c.editor.text().to_string();
        set_entry_note(app, &text, None, None);
        (c.report, c.suggestions) = check_entry(app, &text);
    }
    app.screen = Screen::Compose(c);
    vec![]
}

/// The note editor's text width for a terminal width (the view uses the
/// same function, so ↑/↓ move over the rows the user sees).
pub fn editor_width(term_width: u16) -> u16 {
    let panel = if term_width >= super::view::WIDE { super::view::SIDE_PANEL } else { 0 };
    term_width.saturating_sub(panel).saturating_sub(2).max(2)
}

/// Applies an editing action to a text field; true if the text changed.
pub fn edit(ed: &mut Editor, action: &Action, width: u16) -> bool {
    let before = ed.text().len();
    let before_text = if matches!(action, Action::Undo | Action::Redo) { Some(ed.text().to_string()) } else { None };
    match action {
        Action::InsertText(t) => {
            ed.insert(t);
            return ed.text().len() != before;
        }
        Action::Newline => {
            ed.insert("\n");
            return ed.text().len() != before;
        }
        Action::Backspace => return ed.backspace(),
        Action::Delete => return ed.delete_forward(),
        Action::KillWord => return ed.kill_word(),
        Action::KillToStart => return ed.kill_to_start(),
        Action::KillToEnd => return ed.kill_to_end(),
        Action::Undo => {
            ed.undo();
        }
        Action::Redo => {
            ed.redo();
        }
        Action::Left => ed.left(),
        Action::Right => ed.right(),
        Action::Home => ed.home(),
        Action::End => ed.end(),
        Action::WordLeft => ed.word_left(),
        Action::WordRight => ed.word_right(),
        Action::Up => ed.vertical(width, false),
        Action::Down => ed.vertical(width, true),
        _ => {}
    }
    before_text.is_some_and(|t| t != ed.text())
}
