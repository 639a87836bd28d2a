//! The composer's vocabulary: every `Action` a key can cause, and the one
//! keymap table that routes keys, draws the hint bar and fills the help
//! overlay, so the help can never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What the user (or the event loop) asks for. `update` gives each its meaning
/// on the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Save if needed, then leave (Ctrl-Q, Ctrl-C).
    Quit,
    /// The key help overlay (F1; `?` where `?` is not text).
    Help,
    /// Close an overlay or go to the previous screen (Esc).
    Back,
    /// Write the draft now (Ctrl-S).
    Save,
    /// Copy the current note to the clipboard with OSC 52 (Ctrl-Y).
    Copy,
    Up,
    Down,
    /// Enter on a list, or confirm a form.
    Select,
    New,
    /// Move the selected draft to the trash (asks first).
    Trash,
    Search,
    FilterStatus,
    FilterGrade,
    /// The "help me choose" questionnaire on the status screen.
    Questionnaire,
    Yes,
    No,
    /// Tab: next field or slot.
    NextField,
    /// Shift-Tab: previous field or slot.
    PrevField,
    /// A digit on a list: pick that item (1-based).
    Pick(usize),
    /// A status's first letter.
    Letter(char),
    /// Free text instead of a template.
    Free,
    ToggleLang,
    AddWorkload,
    /// Jump from the slot prompts to the whole note.
    EditNote,
    /// Take the suggested L2 reason.
    AcceptReason,
    /// Open the reason picker (L2, then optional L3).
    PickReason,
    /// Every draft file that could not be read, with its message.
    Problems,
    /// Dismiss the finding at the cursor (else the first one) for this
    /// note, saying why.
    Dismiss,
    /// Bring back every finding dismissed for this note.
    Restore,
    Retry,
    Elsewhere,
    Discard,
    /// Typed or pasted text: always text, never commands.
    InsertText(String),
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    WordLeft,
    WordRight,
    KillWord,
    KillToStart,
    KillToEnd,
    Undo,
    Redo,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Time passed (autosave may be due).
    Tick,
}

impl Action {
    /// Id of the help text in `assets/ui/*.toml` `[action]`.
    pub fn id(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Back => "back",
            Action::Save => "save",
            Action::Copy => "copy",
            Action::Up => "up",
            Action::Down => "down",
            Action::Select => "select",
            Action::New => "new",
            Action::Trash => "trash",
            Action::Search => "search",
            Action::FilterStatus => "filter_status",
            Action::FilterGrade => "filter_grade",
            Action::Questionnaire => "questionnaire",
            Action::Yes => "yes",
            Action::No => "no",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::Pick(_) => "pick",
            Action::Letter(_) => "letter",
            Action::Free => "free",
            Action::ToggleLang => "toggle_lang",
            Action::AddWorkload => "add_workload",
            Action::EditNote => "edit_note",
            Action::AcceptReason => "accept_reason",
            Action::PickReason => "pick_reason",
            Action::Problems => "problems",
            Action::Dismiss => "dismiss",
            Action::Restore => "restore",
            Action::Retry => "retry",
            Action::Elsewhere => "elsewhere",
            Action::Discard => "discard",
            Action::Newline => "newline",
            Action::Backspace => "backspace",
            Action::Delete => "delete",
            Action::Left => "left",
            Action::Right => "right",
            Action::Home => "home",
            Action::End => "end",
            Action::WordLeft => "word_left",
            Action::WordRight => "word_right",
            Action::KillWord => "kill_word",
            Action::KillToStart => "kill_start",
            Action::KillToEnd => "kill_end",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::InsertText(_) | Action::Resize(..) | Action::Tick => "",
        }
    }

    pub fn help_ids() -> &'static [&'static str] {
        &[
            "quit",
            "help",
            "back",
            "save",
            "copy",
            "up",
            "down",
            "select",
            "new",
            "trash",
            "problems",
            "search",
            "filter_status",
            "filter_grade",
            "questionnaire",
            "yes",
            "no",
            "next_field",
            "prev_field",
            "pick",
            "letter",
            "free",
            "toggle_lang",
            "add_workload",
            "edit_note",
            "dismiss",
            "restore",
            "retry",
            "elsewhere",
            "discard",
            "newline",
            "backspace",
            "delete",
            "left",
            "right",
            "home",
            "end",
            "word_left",
            "word_right",
            "kill_word",
            "kill_start",
            "kill_end",
            "undo",
            "redo",
        ]
    }
}

/// Where keys are read. Text contexts turn unbound printable keys into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    Drafts,
    Search,
    Confirm,
    Draft,
    NewNote,
    Status,
    Questionnaire,
    Template,
    Slots,
    Compose,
    QuitPrompt,
    ReasonPicker,
    Problems,
    /// Typing why a finding does not apply.
    DismissReason,
    Help,
}

impl Ctx {
    pub fn is_text(self) -> bool {
        matches!(self, Ctx::Search | Ctx::NewNote | Ctx::Slots | Ctx::Compose | Ctx::DismissReason)
    }
}

/// One key as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn k(code: KeyCode, mods: KeyModifiers) -> Key {
    Key { code, mods }
}

const fn ch(c: char) -> Key {
    k(KeyCode::Char(c), NONE)
}

const fn ctrl(c: char) -> Key {
    k(KeyCode::Char(c), CTRL)
}

impl Key {
    /// How the help and hint bar write the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.mods.intersects(CTRL | ALT) => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut s = String::new();
        if self.mods.contains(CTRL) {
            s.push_str("Ctrl-");
        }
        if self.mods.contains(ALT) {
            s.push_str("Alt-");
        }
        if self.mods.contains(SHIFT) && !matches!(self.code, KeyCode::BackTab) {
            s.push_str("Shift-");
        }
        s + &base
    }
}

/// A row of the keymap: in `ctx`, any of `keys` means `action`.
/// `hint` puts it on the key-hint bar.
#[derive(Debug, Clone)]
pub struct Binding {
    pub ctx: Option<Ctx>,
    pub keys: Vec<Key>,
    pub action: Action,
    pub hint: bool,
}

fn b(ctx: Option<Ctx>, keys: &[Key], action: Action, hint: bool) -> Binding {
    Binding { ctx, keys: keys.to_vec(), action, hint }
}

/// Editing keys shared by every text field (readline, plus undo).
fn editing(ctx: Ctx, multiline: bool) -> Vec<Binding> {
    use KeyCode::*;
    let c = Some(ctx);
    let mut v = vec![
        b(c, &[k(Backspace, NONE), ctrl('h')], Action::Backspace, false),
        b(c, &[k(Delete, NONE), ctrl('d')], Action::Delete, false),
        b(c, &[k(Left, NONE), ctrl('b')], Action::Left, false),
        b(c, &[k(Right, NONE), ctrl('f')], Action::Right, false),
        b(c, &[k(Home, NONE), ctrl('a')], Action::Home, false),
        b(c, &[k(End, NONE), ctrl('e')], Action::End, false),
        b(c, &[k(Char('b'), ALT), k(Left, CTRL)], Action::WordLeft, false),
        b(c, &[k(Char('f'), ALT), k(Right, CTRL)], Action::WordRight, false),
        b(c, &[ctrl('w'), k(Backspace, ALT)], Action::KillWord, false),
        b(c, &[ctrl('u')], Action::KillToStart, false),
        b(c, &[ctrl('k')], Action::KillToEnd, false),
        b(c, &[ctrl('z')], Action::Undo, false),
        b(c, &[k(Char('Z'), CTRL.union(SHIFT)), k(Char('z'), ALT)], Action::Redo, false),
    ];
    if multiline {
        v.push(b(c, &[k(Up, NONE), ctrl('p')], Action::Up, false));
        v.push(b(c, &[k(Down, NONE), ctrl('n')], Action::Down, false));
        v.push(b(c, &[k(Enter, NONE)], Action::Newline, false));
    }
    v
}

/// The whole keymap. Order matters only for the help overlay.
pub fn keymap() -> &'static [Binding] {
    use KeyCode::*;
    static MAP: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = vec![
            // Drafts browser.
            b(Some(Ctx::Drafts), &[k(Down, NONE), ch('j')], Action::Down, false),
            b(Some(Ctx::Drafts), &[k(Up, NONE), ch('k')], Action::Up, false),
            b(Some(Ctx::Drafts), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::Drafts), &[ch('n')], Action::New, true),
            b(Some(Ctx::Drafts), &[ch('/')], Action::Search, true),
            b(Some(Ctx::Drafts), &[ch('s')], Action::FilterStatus, true),
            b(Some(Ctx::Drafts), &[ch('g')], Action::FilterGrade, true),
            b(Some(Ctx::Drafts), &[ch('d'), k(Delete, NONE)], Action::Trash, true),
            b(Some(Ctx::Drafts), &[ch('e')], Action::Problems, false),
            b(Some(Ctx::Drafts), &[ch('q')], Action::Quit, false),
            b(Some(Ctx::Drafts), &[ch('?')], Action::Help, true),
            b(Some(Ctx::Drafts), &[k(Esc, NONE)], Action::Back, false),
            b(Some(Ctx::Search), &[k(Enter, NONE), k(Down, NONE)], Action::Select, true),
            b(Some(Ctx::Search), &[k(Esc, NONE)], Action::Back, true),
            b(Some(Ctx::Confirm), &[ch('y')], Action::Yes, true),
            b(Some(Ctx::Confirm), &[ch('n'), k(Esc, NONE)], Action::No, true),
            // One draft's workloads.
            b(Some(Ctx::Draft), &[k(Down, NONE), ch('j')], Action::Down, false),
            b(Some(Ctx::Draft), &[k(Up, NONE), ch('k')], Action::Up, false),
            b(Some(Ctx::Draft), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::Draft), &[ch('a')], Action::AddWorkload, true),
            b(Some(Ctx::Draft), &[k(Esc, NONE)], Action::Back, true),
            b(Some(Ctx::Draft), &[ch('?')], Action::Help, true),
            // Tenant and workload form.
            b(Some(Ctx::NewNote), &[k(Tab, NONE)], Action::NextField, true),
            b(Some(Ctx::NewNote), &[k(BackTab, SHIFT), k(BackTab, NONE)], Action::PrevField, false),
            b(Some(Ctx::NewNote), &[k(Down, NONE)], Action::Down, false),
            b(Some(Ctx::NewNote), &[k(Up, NONE)], Action::Up, false),
            b(Some(Ctx::NewNote), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::NewNote), &[k(Esc, NONE)], Action::Back, true),
            // Status.
            b(Some(Ctx::Status), &[k(Down, NONE), ch('j')], Action::Down, false),
            b(Some(Ctx::Status), &[k(Up, NONE), ch('k')], Action::Up, false),
            b(Some(Ctx::Status), &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5')], Action::Pick(0), false),
            b(Some(Ctx::Status), &[ch('i'), ch('b'), ch('n'), ch('u'), ch('d')], Action::Letter(' '), false),
            b(Some(Ctx::Status), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::Status), &[ch('?'), ch('h')], Action::Questionnaire, true),
            b(Some(Ctx::Status), &[k(Esc, NONE)], Action::Back, true),
            b(Some(Ctx::Questionnaire), &[ch('y')], Action::Yes, true),
            b(Some(Ctx::Questionnaire), &[ch('n')], Action::No, true),
            b(Some(Ctx::Questionnaire), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::Questionnaire), &[k(Esc, NONE)], Action::Back, true),
            // Template.
            b(Some(Ctx::Template), &[k(Down, NONE), ch('j')], Action::Down, false),
            b(Some(Ctx::Template), &[k(Up, NONE), ch('k')], Action::Up, false),
            b(
                Some(Ctx::Template),
                &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')],
                Action::Pick(0),
                false,
            ),
            b(Some(Ctx::Template), &[ch('f')], Action::Free, true),
            b(Some(Ctx::Template), &[ch('l')], Action::ToggleLang, true),
            b(Some(Ctx::Template), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::Template), &[k(Esc, NONE)], Action::Back, true),
            b(Some(Ctx::Template), &[ch('?')], Action::Help, true),
            // Slot prompts.
            b(Some(Ctx::Slots), &[k(Tab, NONE), k(Enter, NONE)], Action::NextField, true),
            b(Some(Ctx::Slots), &[k(BackTab, SHIFT), k(BackTab, NONE)], Action::PrevField, true),
            b(Some(Ctx::Slots), &[k(F(2), NONE)], Action::EditNote, true),
            b(Some(Ctx::Slots), &[k(Esc, NONE)], Action::Back, true),
            // The note.
            b(Some(Ctx::Compose), &[k(Esc, NONE)], Action::Back, true),
            b(Some(Ctx::Compose), &[ctrl('r')], Action::AcceptReason, true),
            b(Some(Ctx::Compose), &[ctrl('t')], Action::PickReason, true),
            // Not on the hint bar: it would push Quit off an 80- to 120-column line.
            b(Some(Ctx::Compose), &[ctrl('x')], Action::Dismiss, false),
            b(Some(Ctx::Compose), &[k(Char('x'), ALT)], Action::Restore, false),
            // Why a finding is dismissed.
            b(Some(Ctx::DismissReason), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::DismissReason), &[k(Esc, NONE)], Action::Back, true),
            // Reason picker.
            b(Some(Ctx::ReasonPicker), &[k(Down, NONE), ch('j')], Action::Down, false),
            b(Some(Ctx::ReasonPicker), &[k(Up, NONE), ch('k')], Action::Up, false),
            b(Some(Ctx::ReasonPicker), &[k(Enter, NONE)], Action::Select, true),
            b(Some(Ctx::ReasonPicker), &[k(Esc, NONE)], Action::Back, true),
            // The files that could not be read.
            b(Some(Ctx::Problems), &[k(Down, NONE), ch('j')], Action::Down, false),
            b(Some(Ctx::Problems), &[k(Up, NONE), ch('k')], Action::Up, false),
            b(Some(Ctx::Problems), &[k(Esc, NONE), k(Enter, NONE), ch('e')], Action::Back, true),
            // Quit after a failed save.
            b(Some(Ctx::QuitPrompt), &[ch('r')], Action::Retry, true),
            b(Some(Ctx::QuitPrompt), &[ch('e')], Action::Elsewhere, true),
            b(Some(Ctx::QuitPrompt), &[ch('d')], Action::Discard, true),
            b(Some(Ctx::QuitPrompt), &[k(Esc, NONE)], Action::Back, true),
        ];
        m.extend(editing(Ctx::Search, false));
        m.extend(editing(Ctx::NewNote, false));
        m.extend(editing(Ctx::Slots, false));
        m.extend(editing(Ctx::Compose, true));
        m.extend(editing(Ctx::DismissReason, false));
        // Everywhere.
        m.extend([
            b(None, &[ctrl('s')], Action::Save, true),
            b(None, &[ctrl('y')], Action::Copy, true),
            b(None, &[k(F(1), NONE)], Action::Help, true),
            b(None, &[ctrl('q'), ctrl('c')], Action::Quit, true),
        ]);
        m
    })
}

/// The action for a key in a context, or None. Key releases are ignored
/// (terminals with the kitty protocol report them).
pub fn action_for(ctx: Ctx, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if ctx == Ctx::Help {
        return Some(Action::Back);
    }
    let matches = |kk: &Key| {
        if kk.code != key.code {
            // Shift may turn 'z' into 'Z'; compare letters without case when Shift is held.
            return matches!((kk.code, key.code), (KeyCode::Char(a), KeyCode::Char(b)) if a.eq_ignore_ascii_case(&b) && key.modifiers.contains(SHIFT) && kk.mods.contains(SHIFT));
        }
        let relevant = key.modifiers & (CTRL | ALT | SHIFT);
        let relevant =
            if matches!(key.code, KeyCode::Char(_)) && !kk.mods.contains(SHIFT) { relevant - SHIFT } else { relevant };
        relevant == kk.mods
    };
    for bind in keymap().iter().filter(|bd| bd.ctx == Some(ctx)).chain(keymap().iter().filter(|bd| bd.ctx.is_none())) {
        if let Some(kk) = bind.keys.iter().find(|kk| matches(kk)) {
            return Some(match (&bind.action, kk.code) {
                (Action::Pick(_), KeyCode::Char(c)) => Action::Pick(c.to_digit(10).unwrap_or(1) as usize),
                (Action::Letter(_), KeyCode::Char(c)) => Action::Letter(c),
                (a, _) => a.clone(),
            });
        }
    }
    if ctx.is_text() {
        if let KeyCode::Char(c) = key.code {
            if !key.modifiers.intersects(CTRL | ALT) {
                return Some(Action::InsertText(c.to_string()));
            }
        }
    }
    None
}

/// The bindings shown for a context: its own, then the global ones.
pub fn bindings_for(ctx: Ctx) -> impl Iterator<Item = &'static Binding> {
    keymap().iter().filter(move |bd| bd.ctx == Some(ctx)).chain(keymap().iter().filter(|bd| bd.ctx.is_none()))
}
