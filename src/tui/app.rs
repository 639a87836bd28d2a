//! The composer's model: plain data for every screen, the open draft, and
//! what the status line says. `update` changes it; views only read it.

use super::action::Ctx;
use super::editor::Editor;
use super::theme::Theme;
use crate::draft::autosave::Autosave;
use crate::draft::{Draft, Fingerprint, Summary, Timestamp};
use crate::engine::{Engine, Report, Workload};
use crate::note::{Grade, Lang, Status};
use crate::template::TemplateSet;
use std::collections::BTreeMap;

/// What the user is looking at. Overlays (help, questionnaire, confirm,
/// quit prompt) sit on top of a screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Drafts,
    Draft,
    NewNote(NewNote),
    Status(StatusPick),
    Template(TemplatePick),
    Slots(Slots),
    Compose(Compose),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Questionnaire(Questionnaire),
    ConfirmTrash {
        id: String,
        tenant: String,
    },
    QuitPrompt {
        error: String,
    },
    /// Choosing the L2 reason, then (when `l2` is set) its optional L3.
    ReasonPicker {
        selected: usize,
        l2: Option<String>,
    },
    /// The files that could not be read, from the first shown.
    Problems {
        scroll: usize,
    },
    /// Dismissing a finding of `rule` for this note: why it does not apply.
    Dismiss {
        rule: crate::engine::Rule,
        /// The finding's message, shown above the reason.
        message: String,
        reason: Editor,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewNote {
    pub tenant: Editor,
    pub workload: Editor,
    /// 0: tenant, 1: workload.
    pub focus: usize,
    /// Adding a workload to an open draft: the tenant is fixed.
    pub tenant_locked: bool,
    /// Index into the workload list while cycling with ↑/↓.
    pub suggestion: Option<usize>,
    /// The workload as typed, which filters the list; ↑/↓ fill the field
    /// with a name but leave the filter alone.
    pub query: String,
}

impl NewNote {
    pub fn new(tenant: &str, focus: usize, tenant_locked: bool) -> NewNote {
        NewNote {
            tenant: Editor::single_line(tenant),
            workload: Editor::single_line(""),
            focus,
            tenant_locked,
            suggestion: None,
            query: String::new(),
        }
    }

    /// The workload the list has chosen: one picked with ↑/↓, else the one
    /// the typed text names (a spelling such as "EXO", or the only match).
    /// This is what the list highlights and what Enter takes.
    pub fn chosen(&self, workloads: &[Workload]) -> Option<usize> {
        self.suggestion.or_else(|| pick_workload(workloads, &self.query))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusPick {
    pub selected: usize,
}

/// The guidance's own questions, asked one at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    pub step: usize,
    pub answer: Option<Status>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TemplatePick {
    /// Templates of the status, then "free text" last.
    pub selected: usize,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slots {
    pub lang: Lang,
    /// 0-based template index within the status.
    pub template: usize,
    pub names: Vec<String>,
    pub current: usize,
    pub answers: BTreeMap<String, String>,
    pub editor: Editor,
    pub preview: String,
    pub report: Report,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Compose {
    pub editor: Editor,
    pub report: Report,
    /// L2 reasons for the note as it stands, best first.
    pub suggestions: Vec<crate::engine::Suggestion>,
}

/// The draft being edited and how its saving stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub draft: Draft,
    /// The file as last loaded or written (None: never written).
    pub base: Option<Fingerprint>,
    pub autosave: Autosave,
    /// Index of the entry (workload) being edited.
    pub entry: Option<usize>,
    /// Cursor on the draft's workload list.
    pub selected: usize,
    /// Language of templates and of the note when it is still empty.
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Browser {
    pub drafts: Vec<Summary>,
    /// Worst grade of each draft's notes (None: no notes), computed on load.
    pub grades: Vec<Option<Grade>>,
    pub selected: usize,
    pub search: Editor,
    pub searching: bool,
    pub status_filter: Option<Status>,
    pub grade_filter: Option<Grade>,
    /// Files that could not be read, as messages.
    pub bad: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// What happens after a pending save succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSave {
    Nothing,
    CloseDraft,
    Quit,
}

pub struct App {
    pub ui: Lang,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub browser: Browser,
    pub session: Option<Session>,
    /// Grades of the open draft's notes, for its workload list.
    pub draft_grades: Vec<Grade>,
    pub message: Option<(String, Tone)>,
    pub after_save: AfterSave,
    /// The pending save was asked for (Ctrl-S) and says so when done;
    /// autosaves are silent.
    pub announce_save: bool,
    /// A workload to open once the tenant's draft has loaded.
    pub pending_workload: Option<String>,
    /// The tenant of a new draft waiting for its id.
    pub pending_tenant: Option<String>,
    /// The user chose to leave without saving (discard, or a copy saved
    /// elsewhere): leaving must not try again or write another copy.
    pub leave_unsaved: bool,
    /// Where the copy went, to say once on leaving.
    pub rescued: Option<String>,
    pub quit: bool,
    pub size: (u16, u16),
    /// The loop's clock, set before every update: wall time for draft
    /// timestamps, monotonic milliseconds for autosave.
    pub now: Timestamp,
    pub now_ms: u64,
    pub templates_ja: &'static TemplateSet,
    pub templates_en: &'static TemplateSet,
    pub workloads: Vec<Workload>,
    /// The engine notes are linted with: built-in, or with the user's and
    /// team's layers and rule levels (`use_setup`).
    pub engine: &'static Engine,
    /// Language of new notes and their templates.
    pub note_lang: Lang,
}

impl App {
    pub fn new(ui: Lang, theme: Theme, drafts: Vec<Summary>, bad: Vec<String>) -> App {
        let browser = Browser {
            grades: grades_of(&drafts),
            drafts,
            selected: 0,
            search: Editor::single_line(""),
            searching: false,
            status_filter: None,
            grade_filter: None,
            bad,
        };
        App {
            ui,
            theme,
            screen: Screen::Drafts,
            overlay: None,
            browser,
            session: None,
            draft_grades: Vec::new(),
            message: None,
            after_save: AfterSave::Nothing,
            announce_save: false,
            pending_workload: None,
            pending_tenant: None,
            leave_unsaved: false,
            rescued: None,
            quit: false,
            size: (80, 24),
            now: Timestamp(0),
            now_ms: 0,
            templates_ja: TemplateSet::shared(Lang::Ja),
            templates_en: TemplateSet::shared(Lang::En),
            workloads: Engine::builtin().workloads().to_vec(),
            engine: Engine::builtin(),
            note_lang: ui,
        }
    }

    /// A new app on the merged data: the drafts are graded once, with it.
    pub fn with_setup(
        ui: Lang,
        theme: Theme,
        drafts: Vec<Summary>,
        bad: Vec<String>,
        setup: &crate::config::Setup,
    ) -> App {
        let mut app = App::new(ui, theme, Vec::new(), bad);
        app.browser.drafts = drafts;
        app.use_setup(setup);
        app
    }

    /// Takes the merged engine, templates and settings; files that could
    /// not be used are named once, on the status line.
    pub fn use_setup(&mut self, setup: &crate::config::Setup) {
        self.engine = setup.engine;
        self.templates_ja = setup.templates_ja;
        self.templates_en = setup.templates_en;
        self.workloads = setup.engine.workloads().to_vec();
        if let Some(l) = setup.config.note_lang {
            self.note_lang = l.lang();
        }
        self.browser.grades = grades_with(self.engine, &self.browser.drafts);
        if let Some(first) = setup.errors.first() {
            let more = setup.errors.len() - 1;
            let s = self.strings();
            let text = super::strings::fill(
                if more == 0 { &s.config_error } else { &s.config_errors },
                &[("error", &first.to_string()), ("more", &more.to_string())],
            );
            self.message = Some((text, Tone::Error));
        }
    }

    pub fn strings(&self) -> &'static super::strings::Strings {
        super::strings::Strings::get(self.ui)
    }

    pub fn templates(&self, lang: Lang) -> &TemplateSet {
        match lang {
            Lang::Ja => self.templates_ja,
            Lang::En => self.templates_en,
        }
    }

    /// Where keys go right now.
    pub fn ctx(&self) -> Ctx {
        match &self.overlay {
            Some(Overlay::Help) => return Ctx::Help,
            Some(Overlay::Questionnaire(_)) => return Ctx::Questionnaire,
            Some(Overlay::ConfirmTrash { .. }) => return Ctx::Confirm,
            Some(Overlay::QuitPrompt { .. }) => return Ctx::QuitPrompt,
            Some(Overlay::ReasonPicker { .. }) => return Ctx::ReasonPicker,
            Some(Overlay::Problems { .. }) => return Ctx::Problems,
            Some(Overlay::Dismiss { .. }) => return Ctx::DismissReason,
            None => {}
        }
        self.ctx_below_overlay()
    }

    /// Drafts that pass the search and the filters, as indexes.
    pub fn visible_drafts(&self) -> Vec<usize> {
        let b = &self.browser;
        let q = b.search.text().trim().to_lowercase();
        (0..b.drafts.len())
            .filter(|&i| {
                let d = &b.drafts[i];
                let text_ok = q.is_empty()
                    || d.tenant.to_lowercase().contains(&q)
                    || d.entries
                        .iter()
                        .any(|e| e.workload.to_lowercase().contains(&q) || e.note.to_lowercase().contains(&q));
                let status_ok = b.status_filter.is_none_or(|s| d.entries.iter().any(|e| e.status == Some(s)));
                let grade_ok = b.grade_filter.is_none_or(|g| b.grades[i] == Some(g));
                text_ok && status_ok && grade_ok
            })
            .collect()
    }

    pub fn entry(&self) -> Option<&crate::draft::Entry> {
        let s = self.session.as_ref()?;
        s.draft.entries.get(s.entry?)
    }

    /// The note the user is working on, as it stands.
    pub fn current_note(&self) -> Option<String> {
        match &self.screen {
            Screen::Compose(c) => Some(c.editor.text().to_string()),
            Screen::Slots(s) => Some(s.preview.clone()),
            _ => self.entry().map(|e| e.note.clone()),
        }
    }
}

pub fn grades_of(drafts: &[Summary]) -> Vec<Option<Grade>> {
    grades_with(Engine::builtin(), drafts)
}

pub fn grades_with(engine: &Engine, drafts: &[Summary]) -> Vec<Option<Grade>> {
    drafts
        .iter()
        .map(|d| {
            d.entries
                .iter()
                .map(|e| {
                    let mut r = engine.lint(&e.note, e.status, e.lang);
                    crate::engine::dismiss::apply_rules(&mut r, e.dismissed.iter().map(String::as_str));
                    r.grade
                })
                .max()
        })
        .collect()
}

/// The workloads whose name or a spelling contains `query` (any case),
/// those that start with it first; every workload for an empty query.
pub fn match_workloads(workloads: &[Workload], query: &str) -> Vec<usize> {
    let q = query.trim().to_lowercase();
    let names = |w: &Workload| -> Vec<String> {
        std::iter::once(&w.name).chain(&w.spellings).map(|n| n.to_lowercase()).collect()
    };
    let mut hits: Vec<(bool, usize)> = workloads
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let names = names(w);
            names.iter().any(|n| n.contains(&q)).then(|| (!names.iter().any(|n| n.starts_with(&q)), i))
        })
        .collect();
    hits.sort();
    hits.into_iter().map(|(_, i)| i).collect()
}

/// The workload whose name or short name is `name` (any case).
pub fn named_workload(workloads: &[Workload], name: &str) -> Option<usize> {
    let name = name.trim();
    workloads.iter().position(|w| std::iter::once(&w.name).chain(&w.spellings).any(|n| n.eq_ignore_ascii_case(name)))
}

/// The workload `query` names without doubt: a name or spelling typed in
/// full ("exo", "Teams"), or the only workload it matches ("intu").
pub fn pick_workload(workloads: &[Workload], query: &str) -> Option<usize> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    named_workload(workloads, q).or_else(|| match match_workloads(workloads, q).as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}
