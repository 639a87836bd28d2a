//! Helpers for driving the composer without a terminal: key strings like
//! "<down><enter>顧客の承認待ち<tab><C-s>" become key events, run through
//! the real keymap, update and effects against a temporary data directory.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use statusnote::draft::fs::{FileSystem, RealFs, Stamp};
use statusnote::draft::{Store, Timestamp};
use statusnote::note::Lang;
use statusnote::tui::app::App;
use statusnote::tui::theme::Theme;
use statusnote::tui::{Runtime, dispatch, to_action};
use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

pub fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent { code, modifiers: mods, kind: KeyEventKind::Press, state: KeyEventState::NONE })
}

/// Parses a key string: text is typed as is; `<name>` is a special key,
/// `<C-x>` / `<A-x>` add Ctrl / Alt.
pub fn keys(s: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            if let Some(end) = rest.find('>') {
                let name = &rest[1..end];
                rest = &rest[end + 1..];
                let (mods, base) = if let Some(b) = name.strip_prefix("C-") {
                    (KeyModifiers::CONTROL, b)
                } else if let Some(b) = name.strip_prefix("A-") {
                    (KeyModifiers::ALT, b)
                } else if let Some(b) = name.strip_prefix("S-") {
                    (KeyModifiers::SHIFT, b)
                } else {
                    (KeyModifiers::NONE, name)
                };
                let code = match base {
                    "enter" => KeyCode::Enter,
                    "tab" if mods == KeyModifiers::SHIFT => KeyCode::BackTab,
                    "tab" => KeyCode::Tab,
                    "esc" => KeyCode::Esc,
                    "bs" => KeyCode::Backspace,
                    "del" => KeyCode::Delete,
                    "up" => KeyCode::Up,
                    "down" => KeyCode::Down,
                    "left" => KeyCode::Left,
                    "right" => KeyCode::Right,
                    "home" => KeyCode::Home,
                    "end" => KeyCode::End,
                    "lt" => KeyCode::Char('<'),
                    f if f.starts_with('F') => KeyCode::F(f[1..].parse().unwrap()),
                    c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap()),
                    other => panic!("unknown key <{other}>"),
                };
                out.push(key(code, mods));
                continue;
            }
        }
        let c = rest.chars().next().unwrap();
        rest = &rest[c.len_utf8()..];
        let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        out.push(key(KeyCode::Char(c), mods));
    }
    out
}

/// What OSC 52 writes, kept for assertions.
#[derive(Clone, Default)]
pub struct Clip(pub Rc<RefCell<Vec<u8>>>);

impl Write for Clip {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The real disk, with writes failing (as on a full disk) while `fail` is
/// set; shared by clones, so a test can break the disk of a running composer.
#[derive(Debug, Clone, Default)]
pub struct Faulty {
    pub fail: Rc<Cell<Option<io::ErrorKind>>>,
}

impl Faulty {
    fn check(&self) -> io::Result<()> {
        match self.fail.get() {
            Some(k) => Err(io::Error::from(k)),
            None => Ok(()),
        }
    }
}

impl FileSystem for Faulty {
    fn create_dir_all(&self, p: &Path) -> io::Result<()> {
        RealFs.create_dir_all(p)
    }
    fn read(&self, p: &Path, limit: u64) -> io::Result<Vec<u8>> {
        RealFs.read(p, limit)
    }
    fn write_atomic(&self, p: &Path, d: &[u8]) -> io::Result<()> {
        self.check()?;
        RealFs.write_atomic(p, d)
    }
    fn create_new(&self, p: &Path, d: &[u8]) -> io::Result<()> {
        RealFs.create_new(p, d)
    }
    fn rename(&self, a: &Path, b: &Path) -> io::Result<()> {
        self.check()?;
        RealFs.rename(a, b)
    }
    fn remove_file(&self, p: &Path) -> io::Result<()> {
        RealFs.remove_file(p)
    }
    fn list(&self, p: &Path) -> io::Result<Vec<String>> {
        RealFs.list(p)
    }
    fn stamp(&self, p: &Path) -> io::Result<Stamp> {
        RealFs.stamp(p)
    }
    fn exists(&self, p: &Path) -> bool {
        RealFs.exists(p)
    }
}

pub struct Harness<F: FileSystem + Clone = RealFs> {
    pub app: App,
    pub rt: Runtime<F>,
    pub clip: Clip,
    pub dir: Rc<tempfile::TempDir>,
}

impl Harness {
    pub fn new(ui: Lang) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Harness::in_dir(ui, dir)
    }

    pub fn in_dir(ui: Lang, dir: tempfile::TempDir) -> Harness {
        Harness::with_fs(ui, Rc::new(dir), RealFs)
    }

    /// A second composer on the same data directory (another terminal).
    pub fn beside(&self) -> Harness {
        Harness::with_fs(self.app.ui, self.dir.clone(), RealFs)
    }
}

impl Harness<Faulty> {
    /// A composer whose disk fails writes while `fs.fail` is set.
    pub fn faulty(ui: Lang) -> (Harness<Faulty>, Faulty) {
        let fs = Faulty::default();
        (Harness::with_fs(ui, Rc::new(tempfile::tempdir().unwrap()), fs.clone()), fs)
    }
}

impl<F: FileSystem + Clone> Harness<F> {
    pub fn with_fs(ui: Lang, dir: Rc<tempfile::TempDir>, fs: F) -> Harness<F> {
        let clip = Clip::default();
        let mut rt = Runtime::new(Store::new(dir.path().join("data"), fs), Box::new(clip.clone()));
        // Never the real home directory.
        rt.rescue_dir = dir.path().join("home");
        let _ = std::fs::create_dir_all(&rt.rescue_dir);
        let (drafts, bad) = rt.listing();
        let mut app = App::new(ui, Theme::new(true), drafts, bad);
        app.now = Timestamp(1_795_610_711);
        Harness { app, rt, clip, dir }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn rescues(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.rt.rescue_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    pub fn store(&self) -> Store<RealFs> {
        Store::new(self.data(), RealFs)
    }

    /// Feeds events as the loop would; the clock moves 10 ms per event.
    pub fn events(&mut self, events: Vec<Event>) {
        for ev in events {
            self.app.now_ms += 10;
            if let Some(a) = to_action(&self.app, ev) {
                dispatch(&mut self.app, &mut self.rt, a);
            }
        }
    }

    pub fn press(&mut self, s: &str) {
        self.events(keys(s));
    }

    pub fn tick_after(&mut self, ms: u64) {
        self.app.now_ms += ms;
        dispatch(&mut self.app, &mut self.rt, statusnote::tui::action::Action::Tick);
    }

    /// Draws the app into a test terminal and returns the buffer.
    pub fn render(&mut self, w: u16, h: u16) -> ratatui::buffer::Buffer {
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        self.app.size = (w, h);
        term.draw(|f| statusnote::tui::view::draw(&self.app, f)).unwrap();
        term.backend().buffer().clone()
    }

    pub fn screen_text(&mut self, w: u16, h: u16) -> String {
        buffer_text(&self.render(w, h))
    }

    /// Where the terminal cursor was put on the last render.
    pub fn cursor(&mut self, w: u16, h: u16) -> (u16, u16) {
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        self.app.size = (w, h);
        term.draw(|f| statusnote::tui::view::draw(&self.app, f)).unwrap();
        let p = term.get_cursor_position().unwrap();
        (p.x, p.y)
    }
}

/// The buffer as lines of text; wide characters are one symbol over two cells.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += statusnote::text::display_width(sym).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
