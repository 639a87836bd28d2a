//! The composer: a terminal guard, the event loop (events -> actions ->
//! update -> effects), and the runtime that carries out effects (saving,
//! clipboard, locks). Everything else in `tui/` is pure model and drawing.

pub mod action;
pub mod app;
pub mod editor;
pub mod effect;
pub mod keys_doc;
pub mod screen;
pub mod strings;
pub mod theme;
pub mod update;
pub mod view;
pub mod widget;

use crate::draft::fs::RealFs;
use crate::draft::{Draft, Lock, Store};
use crate::note::{Lang, Status};
use action::{Action, action_for};
use app::App;
use crossterm::event::{self, Event};
use effect::{Effect, Outcome};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Where the composer starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Browser,
    New { tenant: Option<String>, workload: Option<String>, status: Option<Status>, template: Option<TemplateChoice> },
    Open(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateChoice {
    Number(usize),
    Free,
}

/// Carries out effects against the real store and terminal.
pub struct Runtime {
    pub store: Store<RealFs>,
    lock: Option<Lock<RealFs>>,
    pid: u32,
    /// Where OSC 52 goes (the terminal).
    clipboard: Box<dyn Write>,
}

impl Runtime {
    pub fn new(store: Store<RealFs>, clipboard: Box<dyn Write>) -> Runtime {
        Runtime { store, lock: None, pid: std::process::id(), clipboard }
    }

    pub fn listing(&self) -> (Vec<crate::draft::Summary>, Vec<String>) {
        match self.store.list() {
            Ok(l) => (l.drafts, l.bad.iter().map(ToString::to_string).collect()),
            Err(e) => (Vec::new(), vec![e.to_string()]),
        }
    }

    /// Runs one effect; returns what `update` should hear back.
    pub fn run(&mut self, effect: Effect) -> Option<Outcome> {
        let now = crate::config::now();
        match effect {
            Effect::Save { draft, base } => {
                if self.lock.is_none() {
                    match self.store.lock(&draft.id, self.pid, now) {
                        Ok(l) => self.lock = Some(l),
                        Err(e) => return Some(Outcome::Saved(Err(e.to_string()))),
                    }
                }
                Some(Outcome::Saved(self.store.save(&draft, base).map_err(|e| e.to_string())))
            }
            Effect::SaveElsewhere(draft) => Some(Outcome::SavedElsewhere(save_elsewhere(&draft))),
            Effect::Copy(text) => {
                let _ = self.clipboard.write_all(osc52(&text).as_bytes());
                let _ = self.clipboard.flush();
                None
            }
            Effect::Open(id) => {
                self.lock = None;
                let opened = self.store.lock(&id, self.pid, now).and_then(|l| {
                    let loaded = self.store.load(&id)?;
                    self.lock = Some(l);
                    Ok((loaded.draft, loaded.fingerprint))
                });
                Some(Outcome::Opened(opened.map_err(|e| e.to_string())))
            }
            Effect::Release => {
                self.lock = None;
                None
            }
            Effect::Trash(id) => Some(Outcome::Trashed(
                self.store.trash(&id, now).map(|p| p.display().to_string()).map_err(|e| e.to_string()),
            )),
            Effect::Reload => {
                let (d, b) = self.listing();
                Some(Outcome::Listed(d, b))
            }
            Effect::Quit => None,
        }
    }
}

/// A copy of the draft in the home directory (or the temp directory), for
/// when the data directory cannot be written.
fn save_elsewhere(draft: &Draft) -> Result<String, String> {
    let dir = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()).unwrap_or_else(std::env::temp_dir);
    let path = dir.join(format!("statusnote-rescue-{}.toml", draft.id));
    let text = crate::draft::serialize_draft(draft).map_err(|e| e.to_string())?;
    crate::draft::fs::FileSystem::write_atomic(&RealFs, &path, text.as_bytes())
        .map(|()| path.display().to_string())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// OSC 52: the terminal (even over SSH) puts the base64 text on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Where events come from: the terminal, or a list in tests.
pub trait Events {
    /// The next event, waiting at most `timeout`; None when it timed out.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// Terminal events read on their own thread. When the terminal goes away
/// (a dropped SSH session, a killed tmux) crossterm's read can spin without
/// returning; reading elsewhere keeps the loop free to see the signal flag,
/// save and leave.
pub struct TerminalEvents {
    rx: std::sync::mpsc::Receiver<io::Result<Event>>,
}

impl TerminalEvents {
    pub fn spawn() -> TerminalEvents {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let ev = event::read();
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    break;
                }
            }
        });
        TerminalEvents { rx }
    }
}

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        use std::sync::mpsc::RecvTimeoutError;
        let got = if timeout.is_zero() {
            self.rx.try_recv().map_err(|e| match e {
                std::sync::mpsc::TryRecvError::Empty => RecvTimeoutError::Timeout,
                std::sync::mpsc::TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
            })
        } else {
            self.rx.recv_timeout(timeout)
        };
        match got {
            Ok(ev) => ev.map(Some),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("the terminal input closed")),
        }
    }
}

/// Turns a terminal event into an action for the current context. A paste
/// is always text (never commands), and only where text can go.
pub fn to_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) => action_for(app.ctx(), k),
        Event::Paste(s) if app.ctx().is_text() => Some(Action::InsertText(s)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// Applies an action and every effect it causes, feeding outcomes back.
pub fn dispatch(app: &mut App, rt: &mut Runtime, action: Action) {
    let effects = update::update(app, action);
    run_effects(app, rt, effects);
}

/// Runs effects in order, and those their outcomes cause, until none are left.
pub fn run_effects(app: &mut App, rt: &mut Runtime, effects: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        if let Some(outcome) = rt.run(e) {
            queue.extend(update::apply(app, outcome));
        }
    }
}

/// The loop: wait for an event or the autosave deadline, drain what is
/// queued (a paste arrives as one frame), update, draw. Returns when the
/// app quits, the event source ends, or a signal asks to stop.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rt: &mut Runtime,
    events: &mut dyn Events,
    stop: &AtomicBool,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let started = Instant::now();
    let clock = |app: &mut App| {
        app.now = crate::config::now();
        app.now_ms = started.elapsed().as_millis() as u64;
    };
    clock(app);
    terminal.draw(|f| view::draw(app, f)).map_err(io::Error::other)?;
    while !app.quit {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        // Sleep until the next event, the autosave deadline, or a signal check.
        let wait = app
            .session
            .as_ref()
            .and_then(|s| s.autosave.deadline())
            .map_or(Duration::from_millis(500), |d| Duration::from_millis(d.saturating_sub(app.now_ms)))
            .min(Duration::from_millis(500));
        let mut changed = false;
        let mut next = events.next(wait)?;
        if next.is_none() {
            clock(app);
            let had = app.session.as_ref().is_some_and(|s| s.autosave.is_dirty());
            dispatch(app, rt, Action::Tick);
            changed |= had != app.session.as_ref().is_some_and(|s| s.autosave.is_dirty());
        }
        while let Some(ev) = next {
            clock(app);
            if let Some(a) = to_action(app, ev) {
                dispatch(app, rt, a);
                changed = true;
            }
            if app.quit {
                break;
            }
            next = events.next(Duration::ZERO)?;
        }
        if changed && !app.quit {
            terminal.draw(|f| view::draw(app, f)).map_err(io::Error::other)?;
        }
    }
    Ok(())
}

/// Prepares the app for how the composer was started.
pub fn start(app: &mut App, rt: &mut Runtime, how: &Start) {
    match how {
        Start::Browser => {}
        Start::Open(query) => {
            let l = rt.store.list();
            match l.and_then(|l| rt.store.resolve(query, &l)) {
                Ok(id) => run_effects(app, rt, vec![Effect::Open(id)]),
                Err(e) => app.message = Some((e.to_string(), app::Tone::Error)),
            }
        }
        Start::New { tenant, workload, status, template } => {
            dispatch(app, rt, Action::New);
            if let (Some(t), Some(w)) = (tenant, workload) {
                let effects = update::start_note(app, t, w);
                run_effects(app, rt, effects);
                // --status and --template answer the next two screens.
                if let (Some(st), Some(_)) = (status, app.entry()) {
                    let pick = Status::ALL.iter().position(|s| s == st).unwrap_or(0);
                    app.screen = app::Screen::Status(app::StatusPick { selected: pick });
                    dispatch(app, rt, Action::Pick(pick + 1));
                    match template {
                        Some(TemplateChoice::Number(n)) => dispatch(app, rt, Action::Pick(*n)),
                        Some(TemplateChoice::Free) => dispatch(app, rt, Action::Free),
                        None => {}
                    }
                }
            } else if let app::Screen::NewNote(n) = &mut app.screen {
                if let Some(t) = tenant {
                    n.tenant.set_text(t);
                    n.focus = 1;
                }
                if let Some(w) = workload {
                    n.workload.set_text(w);
                }
            }
        }
    }
}

/// Undoes what the composer enabled beyond ratatui's own init: bracketed
/// paste. Runs on drop, on panic and on signals; never panics itself.
struct PasteGuard;

impl PasteGuard {
    fn enable() -> PasteGuard {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste);
        PasteGuard
    }
}

impl Drop for PasteGuard {
    fn drop(&mut self) {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
    }
}

/// Runs the composer in the real terminal. Saves on quit, Ctrl-C, SIGTERM,
/// SIGHUP and panic.
pub fn run(data_dir: std::path::PathBuf, ui: Lang, how: Start, setup: &crate::config::Setup) -> io::Result<i32> {
    let store = Store::new(data_dir, RealFs);
    let mut rt = Runtime::new(store, Box::new(io::stdout()));
    let (drafts, bad) = rt.listing();
    let light = setup.config.theme == Some(crate::config::ThemeName::Light);
    let mut app = App::with_setup(ui, theme::Theme::from_env_with(light), drafts, bad, setup);
    app.now = crate::config::now();
    start(&mut app, &mut rt, &how);

    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        // Only a flag: the loop sees it within half a second (input is read
        // on another thread), then saves and leaves. No "second signal
        // kills" rule: a closing terminal sends more than one, and the
        // save must not be cut short.
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    // ratatui's hook restores the terminal on panic; ours also turns
    // bracketed paste off first.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let guard = PasteGuard::enable();
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(&mut terminal, &mut app, &mut rt, &mut TerminalEvents::spawn(), &stop)
    }));
    // Save first, then restore the terminal: when the terminal is gone
    // (SIGHUP), restoring fails, and nothing may stand before the save.
    let unsaved = app.session.as_ref().is_some_and(|s| s.autosave.is_dirty());
    let mut report = Vec::new();
    if unsaved {
        if let Some(s) = &app.session {
            let outcome = rt.run(Effect::Save { draft: s.draft.clone(), base: s.base });
            if let Some(Outcome::Saved(Err(e))) = outcome {
                report.push(format!("statusnote: could not save the draft: {e}"));
                match save_elsewhere(&s.draft) {
                    Ok(p) => report.push(format!("statusnote: saved a copy to {p}")),
                    Err(e2) => report.push(format!("statusnote: and no copy could be written: {e2}")),
                }
            }
        }
    }
    drop(guard);
    // try_restore: the plain one prints with eprintln!, which panics when
    // the terminal has gone away.
    let _ = ratatui::try_restore();
    for line in report {
        let _ = writeln!(io::stderr(), "{line}");
    }
    match result {
        Ok(r) => r.map(|()| 0),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}
