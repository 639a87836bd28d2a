//! The composer: a terminal guard, the event loop (events -> actions ->
//! update -> effects), and the runtime that carries out effects (saving,
//! clipboard, locks). Everything else in `tui/` is pure model and drawing.

pub mod action;
pub mod app;
pub mod editor;
pub mod effect;
pub mod input;
pub mod keys_doc;
pub mod screen;
pub mod strings;
pub mod theme;
pub mod update;
pub mod view;
pub mod widget;

use crate::draft::fs::{FileSystem, RealFs};
use crate::draft::{Draft, DraftError, Lock, Store};
use crate::note::{Lang, Status};
use crate::text;
use action::{Action, action_for};
use app::App;
use crossterm::event::Event;
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

/// Carries out effects against the store (the real disk, or an injected
/// one in tests) and the terminal.
pub struct Runtime<F: FileSystem + Clone = RealFs> {
    pub store: Store<F>,
    lock: Option<Lock<F>>,
    pid: u32,
    /// Where OSC 52 goes (the terminal).
    clipboard: Box<dyn Write>,
    /// Where a copy goes when the data directory cannot be written.
    pub rescue_dir: std::path::PathBuf,
}

impl<F: FileSystem + Clone> Runtime<F> {
    pub fn new(store: Store<F>, clipboard: Box<dyn Write>) -> Runtime<F> {
        let rescue_dir =
            directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()).unwrap_or_else(std::env::temp_dir);
        Runtime { store, lock: None, pid: std::process::id(), clipboard, rescue_dir }
    }

    pub fn listing(&self) -> (Vec<crate::draft::Summary>, Vec<String>) {
        match self.store.list() {
            Ok(l) => {
                // Sorted, so the banner and the list read the same each time.
                let mut bad: Vec<String> = l.bad.iter().map(ToString::to_string).collect();
                bad.sort();
                (l.drafts, bad)
            }
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
            Effect::SaveElsewhere(draft) => Some(Outcome::SavedElsewhere(self.save_elsewhere(&draft))),
            Effect::Copy(text) => {
                let _ = self.clipboard.write_all(osc52(&text).as_bytes());
                let _ = self.clipboard.flush();
                None
            }
            Effect::Create => Some(Outcome::Created(self.create().map_err(|e| e.to_string()))),
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
            // The lock first, as `drafts rm` does: a draft open in another
            // composer would be written back by its next autosave.
            Effect::Trash(id) => Some(Outcome::Trashed(
                self.store
                    .lock(&id, self.pid, now)
                    .and_then(|_held| self.store.trash(&id, now))
                    .map(|p| p.display().to_string())
                    .map_err(|e| e.to_string()),
            )),
            Effect::Reload => {
                let (d, b) = self.listing();
                Some(Outcome::Listed(d, b))
            }
            Effect::Quit => None,
        }
    }

    /// A fresh draft id, locked before anyone else can take it. The id's
    /// random part comes from real entropy, and the lock settles the rare
    /// case of two composers drawing the same one in the same millisecond.
    fn create(&mut self) -> Result<String, DraftError> {
        self.lock = None;
        let mut last = None;
        for attempt in 0..8u64 {
            let id = self.store.new_id(crate::config::now_ms(), crate::config::entropy() ^ attempt);
            match self.store.lock(&id, self.pid, crate::config::now()) {
                Ok(l) => {
                    self.lock = Some(l);
                    return Ok(id);
                }
                Err(e @ DraftError::Locked { .. }) => last = Some(e),
                // The data directory cannot be written: the note can still
                // be typed, and its first save says why and offers a copy.
                Err(_) => return Ok(id),
            }
        }
        Err(last.unwrap_or_else(|| DraftError::Invalid("no free draft id".into())))
    }

    /// A copy of the draft in the rescue directory (the home directory),
    /// for when the data directory cannot be written. Each copy gets a name
    /// of its own: a second failure never overwrites the first copy.
    pub fn save_elsewhere(&self, draft: &Draft) -> Result<String, String> {
        let text = crate::draft::serialize_draft(draft).map_err(|e| e.to_string())?;
        let fs = self.store.fs();
        for n in 0..1000 {
            let name = if n == 0 {
                format!("{RESCUE_PREFIX}{}.toml", draft.id)
            } else {
                format!("{RESCUE_PREFIX}{}-{n}.toml", draft.id)
            };
            let path = self.rescue_dir.join(name);
            match fs.create_new(&path, text.as_bytes()) {
                Ok(()) => return Ok(path.display().to_string()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    // A half-written copy would only mislead.
                    let _ = fs.remove_file(&path);
                    return Err(format!("cannot write {}: {e}", path.display()));
                }
            }
        }
        Err(format!("cannot write a copy in {}: too many copies already", self.rescue_dir.display()))
    }

    /// Copies written by an earlier session that this data directory has
    /// not mentioned yet; mentioning them is recorded, so each is told once.
    pub fn unseen_rescues(&self) -> Vec<std::path::PathBuf> {
        let fs = self.store.fs();
        let Ok(names) = fs.list(&self.rescue_dir) else { return Vec::new() };
        let seen_path = self.store.root().join(RESCUE_SEEN);
        let seen = fs.read(&seen_path, 1 << 20).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        let seen: std::collections::BTreeSet<&str> = seen.lines().collect();
        let mut fresh: Vec<String> = names
            .into_iter()
            .filter(|n| n.starts_with(RESCUE_PREFIX) && n.ends_with(".toml") && !seen.contains(n.as_str()))
            .collect();
        fresh.sort();
        if !fresh.is_empty() {
            let mut all: Vec<&str> = seen.iter().copied().chain(fresh.iter().map(String::as_str)).collect();
            all.sort_unstable();
            all.dedup();
            let text: String = all.iter().map(|n| format!("{n}\n")).collect();
            // If the data directory cannot be written the notice repeats,
            // which is right: the copy is still the only one.
            let _ = fs.create_dir_all(self.store.root()).and_then(|()| fs.write_atomic(&seen_path, text.as_bytes()));
        }
        fresh.into_iter().map(|n| self.rescue_dir.join(n)).collect()
    }
}

/// Rescue copies are `statusnote-rescue-<id>[-n].toml`.
pub const RESCUE_PREFIX: &str = "statusnote-rescue-";
/// The rescue copies a data directory has already told about.
const RESCUE_SEEN: &str = "rescues-seen.txt";

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
/// (a dropped SSH session, a killed tmux) reading fails or ends; reading
/// elsewhere keeps the loop free to see the signal flag, save and leave.
/// On Unix the bytes are read here and decoded by `input::Decoder`, whose
/// pastes are bounded (crossterm's reader waits for a paste's end forever).
pub struct TerminalEvents {
    rx: std::sync::mpsc::Receiver<io::Result<Event>>,
}

impl TerminalEvents {
    pub fn spawn() -> TerminalEvents {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            #[cfg(unix)]
            read_tty(&tx);
            #[cfg(not(unix))]
            loop {
                let ev = crossterm::event::read();
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    break;
                }
            }
        });
        TerminalEvents { rx }
    }
}

/// Reads the terminal (standard input, or /dev/tty when that is not one)
/// until it closes or the loop stops listening. Polls so that a lone Esc,
/// an unfinished paste and a resize (SIGWINCH) are noticed without a key.
#[cfg(unix)]
fn read_tty(tx: &std::sync::mpsc::Sender<io::Result<Event>>) {
    use std::io::Read;
    use std::os::unix::io::{AsRawFd, FromRawFd};
    // SAFETY: isatty only inspects the descriptor.
    let stdin_is_tty = unsafe { libc::isatty(0) } == 1;
    let tty = if stdin_is_tty {
        // SAFETY: fd 0 stays open for the life of the process; ManuallyDrop
        // keeps this File from closing it.
        std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) })
    } else {
        match std::fs::File::open("/dev/tty") {
            Ok(f) => std::mem::ManuallyDrop::new(f),
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        }
    };
    let winch = Arc::new(AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&winch));
    let started = Instant::now();
    let mut decoder = input::Decoder::default();
    let mut buf = vec![0u8; 1 << 16];
    let mut file: &std::fs::File = &tty;
    loop {
        let now = started.elapsed().as_millis() as u64;
        let wait = decoder.deadline().map_or(100, |d| d.saturating_sub(now).min(100));
        let mut fds = libc::pollfd { fd: file.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd, for the length given.
        let ready = unsafe { libc::poll(&mut fds, 1, wait as i32) };
        let mut events = Vec::new();
        if winch.swap(false, Ordering::Relaxed) {
            if let Ok((w, h)) = crossterm::terminal::size() {
                events.push(Event::Resize(w, h));
            }
        }
        let now = started.elapsed().as_millis() as u64;
        if ready > 0 {
            match file.read(&mut buf) {
                Ok(0) => {
                    let _ = tx.send(Err(io::Error::other("the terminal closed")));
                    return;
                }
                Ok(n) => events.extend(decoder.feed(&buf[..n], now)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted || e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        } else if ready == 0 {
            events.extend(decoder.idle(now));
        } else {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                let _ = tx.send(Err(e));
                return;
            }
        }
        for ev in events {
            if tx.send(Ok(ev)).is_err() {
                return;
            }
        }
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
pub fn dispatch<F: FileSystem + Clone>(app: &mut App, rt: &mut Runtime<F>, action: Action) {
    let effects = update::update(app, action);
    run_effects(app, rt, effects);
}

/// Runs effects in order, and those their outcomes cause, until none are left.
pub fn run_effects<F: FileSystem + Clone>(app: &mut App, rt: &mut Runtime<F>, effects: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        if let Some(outcome) = rt.run(e) {
            queue.extend(update::apply(app, outcome));
        }
    }
}

/// The loop: wait for an event or the autosave deadline, drain what is
/// queued (a paste arrives as one frame), update, draw. Returns when the
/// app quits, the event source ends, or a signal asks to stop; on a signal
/// every event already read is applied first, so no typed key is lost.
pub fn run_loop<B: Backend, F: FileSystem + Clone>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rt: &mut Runtime<F>,
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
            // Whatever is queued was typed before the signal: apply it, and
            // the caller saves it.
            while !app.quit {
                match events.next(Duration::ZERO) {
                    Ok(Some(ev)) => {
                        clock(app);
                        if let Some(a) = to_action(app, ev) {
                            dispatch(app, rt, a);
                        }
                    }
                    Ok(None) | Err(_) => break,
                }
            }
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
            // A failed autosave must show when it happens, not at the next key.
            let seen = |app: &App| {
                (app.session.as_ref().is_some_and(|s| s.autosave.is_dirty()), app.message.clone(), app.overlay.clone())
            };
            let before = seen(app);
            dispatch(app, rt, Action::Tick);
            changed |= before != seen(app);
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

/// What leaving does with the open draft: writes what is unsaved, or a
/// rescue copy when that fails, unless the user chose to leave it unsaved
/// (discarded, or copied elsewhere already). Returns lines for stderr,
/// each said once.
pub fn finish<F: FileSystem + Clone>(app: &mut App, rt: &mut Runtime<F>) -> Vec<String> {
    let mut report = Vec::new();
    if let Some(path) = &app.rescued {
        report.push(format!(
            "statusnote: the last changes could not be written to the data directory; a copy is at {path}"
        ));
    }
    if app.leave_unsaved {
        return report;
    }
    let Some(s) = &app.session else { return report };
    if !s.autosave.is_dirty() {
        return report;
    }
    let outcome = rt.run(Effect::Save { draft: s.draft.clone(), base: s.base });
    if let Some(Outcome::Saved(Err(e))) = outcome {
        report.push(format!("statusnote: could not save the draft: {e}"));
        match rt.save_elsewhere(&s.draft) {
            Ok(p) => report.push(format!("statusnote: saved a copy to {p}")),
            Err(e2) => report.push(format!("statusnote: and no copy could be written: {e2}")),
        }
    }
    rt.run(Effect::Release);
    report
}

/// Prepares the app for how the composer was started.
pub fn start<F: FileSystem + Clone>(app: &mut App, rt: &mut Runtime<F>, how: &Start) {
    start_as(app, rt, how);
    // A copy an earlier session could not put in the data directory: say
    // where it is, once.
    let rescues = rt.unseen_rescues();
    if let (Some(first), None) = (rescues.first(), &app.message) {
        let s = app.strings();
        let text = strings::fill(
            &s.rescue_found,
            &[("n", &rescues.len().to_string()), ("path", &text::visible(&first.display().to_string()))],
        );
        app.message = Some((text, app::Tone::Error));
    }
}

fn start_as<F: FileSystem + Clone>(app: &mut App, rt: &mut Runtime<F>, how: &Start) {
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
    let report = finish(&mut app, &mut rt);
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
