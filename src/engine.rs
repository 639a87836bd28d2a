//! The lint engine: note text, status and language in; findings with byte
//! spans and a grade out. Pure: no terminal, no files, no clock.

mod analysis;
pub mod dismiss;
mod levels;
pub mod lexicon;
mod messages;
mod rules;
pub mod suggest;

use crate::assets::{self, DataError};
use crate::note::{Grade, Lang, Severity, Status};
use crate::taxonomy::Taxonomy;
use crate::text;
pub use dismiss::Dismissal;
pub use levels::{Level, Levels};
use lexicon::{Cat, LexiconData, Matcher};
pub use messages::Messages;
use std::ops::Range;
use std::sync::OnceLock;
pub use suggest::{ReasonText, Suggestion};

/// Every rule the engine reports, with the id used in JSON and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Empty,
    UnfilledSlot,
    VagueTime,
    MissingReason,
    ConditionNotReason,
    SlashList,
    GenericReason,
    NoContactAttempts,
    NoAttemptCount,
    NoAccountType,
    NoContactPerson,
    NewWithoutDate,
    NoPhase,
    TooLong,
    Hedging,
    Logistics,
    UsageData,
    FasttrackDeclined,
    StatusContradiction,
    PastedNote,
    NoStatus,
    PendingCheck,
    StaleReason,
}

impl Rule {
    pub const ALL: [Rule; 23] = [
        Rule::Empty,
        Rule::UnfilledSlot,
        Rule::VagueTime,
        Rule::MissingReason,
        Rule::ConditionNotReason,
        Rule::SlashList,
        Rule::GenericReason,
        Rule::NoContactAttempts,
        Rule::NoAttemptCount,
        Rule::NoAccountType,
        Rule::NoContactPerson,
        Rule::NewWithoutDate,
        Rule::NoPhase,
        Rule::TooLong,
        Rule::Hedging,
        Rule::Logistics,
        Rule::UsageData,
        Rule::FasttrackDeclined,
        Rule::StatusContradiction,
        Rule::PastedNote,
        Rule::NoStatus,
        Rule::PendingCheck,
        Rule::StaleReason,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rule::Empty => "empty",
            Rule::UnfilledSlot => "unfilled-slot",
            Rule::VagueTime => "vague-time",
            Rule::MissingReason => "missing-reason",
            Rule::ConditionNotReason => "condition-not-reason",
            Rule::SlashList => "slash-list",
            Rule::GenericReason => "generic-reason",
            Rule::NoContactAttempts => "no-contact-attempts",
            Rule::NoAttemptCount => "no-attempt-count",
            Rule::NoAccountType => "no-account-type",
            Rule::NoContactPerson => "no-contact-person",
            Rule::NewWithoutDate => "new-without-date",
            Rule::NoPhase => "no-phase",
            Rule::TooLong => "too-long",
            Rule::Hedging => "hedging",
            Rule::Logistics => "engagement-logistics",
            Rule::UsageData => "usage-data",
            Rule::FasttrackDeclined => "fasttrack-declined",
            Rule::StatusContradiction => "status-contradiction",
            Rule::PastedNote => "pasted-note",
            Rule::NoStatus => "no-status",
            Rule::PendingCheck => "pending-check",
            Rule::StaleReason => "stale-reason",
        }
    }
}

/// One problem in a note. `start..end` is a half-open byte range into the
/// note exactly as given; `effect` is the grade this finding caps the note
/// at (None: shown, but the grade is unchanged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    pub effect: Option<Grade>,
}

impl Finding {
    pub fn new(rule: Rule, severity: Severity, span: Range<usize>, effect: Option<Grade>) -> Finding {
        Finding { rule, severity, start: span.start, end: span.end, effect }
    }

    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What a status requires a note to say (the brief's "Which statuses need
/// what"), and what the engine found of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    /// Blocked, No intent, Duplicate/Invalid: the specific why.
    Reason,
    /// In progress: the phase or the current focus.
    Phase,
    /// Status unknown: the contact attempts...
    Attempts,
    /// ...how many...
    Count,
    /// ...managed or unmanaged...
    AccountType,
    /// ...and, ideally, whom.
    Whom,
    /// Status unknown, the other way: a newly added subscription or workload...
    NewItem,
    /// ...and when it was added.
    When,
}

impl Element {
    pub const ALL: [Element; 8] = [
        Element::Reason,
        Element::Phase,
        Element::Attempts,
        Element::Count,
        Element::AccountType,
        Element::Whom,
        Element::NewItem,
        Element::When,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Element::Reason => "reason",
            Element::Phase => "phase",
            Element::Attempts => "attempts",
            Element::Count => "count",
            Element::AccountType => "account-type",
            Element::Whom => "whom",
            Element::NewItem => "new-item",
            Element::When => "when",
        }
    }

    /// The rule whose finding asks for this element when it is missing.
    fn missing_rule(self) -> Rule {
        match self {
            Element::Reason => Rule::MissingReason,
            Element::Phase => Rule::NoPhase,
            Element::Attempts => Rule::NoContactAttempts,
            Element::Count => Rule::NoAttemptCount,
            Element::AccountType => Rule::NoAccountType,
            Element::Whom => Rule::NoContactPerson,
            Element::NewItem | Element::When => Rule::NewWithoutDate,
        }
    }
}

/// One element of the status found in the note, with where: the reason the
/// grade rests on, shown to the user as a checklist and in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub element: Element,
    pub start: usize,
    pub end: usize,
}

/// One line of a status's checklist: an element, whether a great note needs
/// it, and where the note gives it (None: missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub element: Element,
    pub required: bool,
    pub found: Option<Range<usize>>,
}

/// What the engine says about one note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub lang: Lang,
    pub status: Option<Status>,
    /// With no status given: the status the note reads as, which it was
    /// graded by (the brief's Decisions).
    pub reads_as: Option<Status>,
    pub grade: Grade,
    pub findings: Vec<Finding>,
    pub evidence: Vec<Evidence>,
}

impl Report {
    /// The status the note was graded by: the given one, else the one it
    /// reads as. Messages are worded for it.
    pub fn graded_as(&self) -> Option<Status> {
        self.status.or(self.reads_as)
    }

    pub fn found(&self, element: Element) -> Option<Range<usize>> {
        self.evidence.iter().find(|e| e.element == element).map(|e| e.start..e.end)
    }

    /// The checklist of the status the note is graded by: what a great note
    /// of that status gives, ticked where the engine found it.
    pub fn checklist(&self) -> Vec<Check> {
        let Some(status) = self.graded_as() else { return Vec::new() };
        let check = |element, required| Check { element, required, found: self.found(element) };
        match status {
            Status::InProgress => vec![check(Element::Phase, true)],
            Status::Blocked | Status::NoIntent | Status::DuplicateInvalid => vec![check(Element::Reason, true)],
            Status::Unknown if self.found(Element::NewItem).is_some() => {
                vec![check(Element::NewItem, true), check(Element::When, true)]
            }
            Status::Unknown => vec![
                check(Element::Attempts, true),
                check(Element::Count, true),
                check(Element::AccountType, true),
                check(Element::Whom, false),
            ],
        }
    }
}

/// The compiled rules of both languages, the message catalogue and the
/// names of template slots (an unfilled slot is its own finding).
pub struct Engine {
    messages: Messages,
    slot_names: Vec<String>,
    taxonomy: Taxonomy,
    suggester: suggest::Suggester,
    workloads: Vec<Workload>,
    /// Workload names and taxonomy labels, matched in both languages.
    extra: Vec<(Cat, String)>,
    ja: OnceLock<LangEngine>,
    en: OnceLock<LangEngine>,
    /// Set for the built-in engine: a language is compiled on first use,
    /// so `statusnote lint` on Japanese notes never builds the English
    /// automaton (half of a one-note run's start-up).
    lazy: Option<Sources<'static>>,
    /// Rule levels from the user's or team's configuration.
    levels: Levels,
}

/// One language's compiled lexicon (with the reason cues) and reason model.
struct LangEngine {
    matcher: Matcher,
    model: suggest::Model,
}

/// The data an engine is built from, as (file name, contents) pairs so that
/// errors can name the file.
#[derive(Clone)]
pub struct Sources<'a> {
    pub taxonomy: (&'a str, &'a str),
    pub workloads: (&'a str, &'a str),
    pub lexicon_ja: (&'a str, &'a str),
    pub lexicon_en: (&'a str, &'a str),
    pub messages_ja: (&'a str, &'a str),
    pub messages_en: (&'a str, &'a str),
    pub reasons_ja: (&'a str, &'a str),
    pub reasons_en: (&'a str, &'a str),
    pub slot_names: Vec<String>,
    /// Layers over the built-in data (user files, then the team folder),
    /// each as (file name, contents), in order: later ones win.
    pub layers: LayerSources<'a>,
}

/// The files of the layers, by kind. Lexicon files add terms; workloads
/// and reasons with a known id (name) replace it, others are added.
#[derive(Debug, Default, Clone)]
pub struct LayerSources<'a> {
    pub workloads: Vec<(&'a str, &'a str)>,
    pub lexicon_ja: Vec<(&'a str, &'a str)>,
    pub lexicon_en: Vec<(&'a str, &'a str)>,
    pub reasons_ja: Vec<(&'a str, &'a str)>,
    pub reasons_en: Vec<(&'a str, &'a str)>,
}

impl Sources<'static> {
    /// The data shipped inside the binary.
    pub fn embedded() -> Result<Sources<'static>, DataError> {
        let mut slot_names = Vec::new();
        for lang in [Lang::Ja, Lang::En] {
            let set = crate::template::TemplateSet::shared(lang);
            slot_names.extend(set.slot_names().map(str::to_string));
        }
        Ok(Sources {
            taxonomy: assets::TAXONOMY,
            workloads: assets::WORKLOADS,
            lexicon_ja: assets::LEXICON_JA,
            lexicon_en: assets::LEXICON_EN,
            messages_ja: assets::MESSAGES_JA,
            messages_en: assets::MESSAGES_EN,
            reasons_ja: assets::REASONS_JA,
            reasons_en: assets::REASONS_EN,
            slot_names,
            layers: LayerSources::default(),
        })
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Workloads {
    #[serde(default)]
    workload: Vec<Workload>,
}

/// Parses a workloads layer: the same schema as `assets/workloads.toml`.
pub fn parse_workloads(src: &str) -> Result<Vec<Workload>, DataError> {
    let w: Workloads = assets::parse_toml(src)?;
    if let Some(bad) = w.workload.iter().find(|w| w.name.trim().is_empty()) {
        return Err(DataError::at(
            src,
            src.find("name").unwrap_or(0),
            format!("workload `{}` has an empty name", bad.name),
        ));
    }
    Ok(w.workload)
}

/// Lays workloads over others: the same name replaces, a new one is added.
pub fn overlay_workloads(base: &mut Vec<Workload>, layer: Vec<Workload>) {
    for w in layer {
        match base.iter_mut().find(|b| b.name.eq_ignore_ascii_case(&w.name)) {
            Some(old) => *old = w,
            None => base.push(w),
        }
    }
}

/// A workload a note is written for (`assets/workloads.toml`): the name the
/// composer offers and the short names managers type. The linter treats
/// every spelling as a product name, never as a reason.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub name: String,
    pub spellings: Vec<String>,
}

impl Engine {
    /// The engine built from the embedded data, once per process; each
    /// language is compiled when first used. The data is tested at build
    /// time (tests/data.rs builds every part), so failing here is a bug.
    pub fn builtin() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            let sources = Sources::embedded().unwrap_or_else(|e| panic!("embedded data is broken: {e}"));
            let mut engine = Engine::shared(&sources).unwrap_or_else(|e| panic!("embedded data is broken: {e}"));
            engine.lazy = Some(sources);
            engine
        })
    }

    /// The engine built from the embedded data and layers over it, with
    /// rule levels. Languages are compiled on first use, as the built-in
    /// engine's are; callers check each layer file first (`check_layers`),
    /// so a language that still fails to build falls back to the built-in
    /// data rather than stopping.
    pub fn layered(sources: Sources<'static>, levels: Levels) -> Result<Engine, DataError> {
        let mut engine = Engine::shared(&sources)?;
        engine.lazy = Some(sources);
        engine.levels = levels;
        Ok(engine)
    }

    /// Checks every layer file of `s` on its own and against the built-in
    /// data, naming the file, line and column of each problem.
    pub fn check_layers(s: &Sources) -> Vec<DataError> {
        let mut errors = Vec::new();
        for (name, src) in &s.layers.workloads {
            if let Err(e) = parse_workloads(src) {
                errors.push(e.in_file(name));
            }
        }
        for (name, src) in s.layers.lexicon_ja.iter().chain(&s.layers.lexicon_en) {
            if let Err(e) = LexiconData::from_toml(src) {
                errors.push(e.in_file(name));
            }
        }
        if !s.layers.reasons_ja.is_empty() || !s.layers.reasons_en.is_empty() {
            match Engine::shared(s) {
                Ok(engine) => {
                    for (lang, files) in [(Lang::Ja, &s.layers.reasons_ja), (Lang::En, &s.layers.reasons_en)] {
                        let base = if lang == Lang::Ja { s.reasons_ja.1 } else { s.reasons_en.1 };
                        for (name, src) in files.iter() {
                            if let Err((_, e)) =
                                suggest::Model::build_layered(base, &[src], &engine.suggester, lang, Vec::new())
                            {
                                errors.push(e.in_file(name));
                            }
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        errors
    }

    /// The rule levels this engine applies.
    pub fn levels(&self) -> &Levels {
        &self.levels
    }

    /// Builds everything from `s` now, so any error in the data is reported
    /// here, naming its file.
    pub fn from_sources(s: &Sources) -> Result<Engine, DataError> {
        let engine = Engine::shared(s)?;
        for lang in [Lang::Ja, Lang::En] {
            let built = engine.build_lang(s, lang)?;
            // A fresh engine's cells are empty: `set` cannot fail.
            let _ = engine.cell(lang).set(built);
        }
        Ok(engine)
    }

    /// The parts both languages share.
    fn shared(s: &Sources) -> Result<Engine, DataError> {
        let file = |(name, _): (&str, &str), e: DataError| e.in_file(name);
        let taxonomy = Taxonomy::from_toml(s.taxonomy.1).map_err(|e| file(s.taxonomy, e))?;
        let mut workloads: Workloads = assets::parse_toml(s.workloads.1).map_err(|e| file(s.workloads, e))?;
        for (name, src) in &s.layers.workloads {
            overlay_workloads(&mut workloads.workload, parse_workloads(src).map_err(|e| e.in_file(name))?);
        }
        let messages = Messages::from_toml(s.messages_ja.1, s.messages_en.1)
            .map_err(|(which, e)| if which == Lang::Ja { file(s.messages_ja, e) } else { file(s.messages_en, e) })?;

        let mut extra: Vec<(Cat, String)> = Vec::new();
        for w in &workloads.workload {
            extra.extend(w.spellings.iter().map(|sp| (Cat::Workload, sp.clone())));
        }
        for label in taxonomy.status.iter().map(|st| &st.label).chain(taxonomy.reason.iter().map(|r| &r.label)) {
            extra.push((Cat::Label, label.en.clone()));
            extra.push((Cat::Label, label.ja.clone()));
            // 「IT変更管理およびリソースの確保」: people drop the label's spaces.
            if label.ja.contains(' ') {
                extra.push((Cat::Label, label.ja.replace(' ', "")));
            }
        }
        let order: Vec<(String, Status)> =
            taxonomy.reason.iter().filter_map(|r| Some((r.id.clone(), Status::from_id(&r.l1)?))).collect();
        let suggester = suggest::Suggester::new(&order);
        let mut slot_names: Vec<String> = s.slot_names.iter().map(|n| normalize_slot(n)).collect();
        slot_names.sort();
        slot_names.dedup();
        Ok(Engine {
            messages,
            slot_names,
            taxonomy,
            suggester,
            workloads: workloads.workload,
            extra,
            ja: OnceLock::new(),
            en: OnceLock::new(),
            lazy: None,
            levels: Levels::default(),
        })
    }

    fn build_lang(&self, s: &Sources, lang: Lang) -> Result<LangEngine, DataError> {
        let (lexicon, reasons, lex_layers, reason_layers) = match lang {
            Lang::Ja => (s.lexicon_ja, s.reasons_ja, &s.layers.lexicon_ja, &s.layers.reasons_ja),
            Lang::En => (s.lexicon_en, s.reasons_en, &s.layers.lexicon_en, &s.layers.reasons_en),
        };
        let mut lex = LexiconData::from_toml(lexicon.1).map_err(|e| e.in_file(lexicon.0))?;
        for (name, src) in lex_layers {
            lex.extend(LexiconData::from_toml(src).map_err(|e| e.in_file(name))?);
        }
        let layer_srcs: Vec<&str> = reason_layers.iter().map(|(_, src)| *src).collect();
        let model = suggest::Model::build_layered(reasons.1, &layer_srcs, &self.suggester, lang, lex.stop_words())
            .map_err(|(i, e)| if i == 0 { e.in_file(reasons.0) } else { e.in_file(reason_layers[i - 1].0) })?;
        let extra: Vec<(Cat, &str)> = self.extra.iter().map(|(c, t)| (*c, t.as_str())).collect();
        // Japanese notes mix in English words: read them with the English
        // lexicon as well.
        let english = match lang {
            Lang::Ja => {
                Some(LexiconData::from_toml(s.lexicon_en.1).map_err(|e| e.in_file(s.lexicon_en.0))?.for_mixed_notes())
            }
            Lang::En => None,
        };
        let lexicons: Vec<&LexiconData> = std::iter::once(&lex).chain(english.as_ref()).collect();
        let matcher = Matcher::build(&lexicons, &extra, &model.cue_terms()).map_err(|e| e.in_file(lexicon.0))?;
        Ok(LangEngine { matcher, model })
    }

    fn cell(&self, lang: Lang) -> &OnceLock<LangEngine> {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    fn lang(&self, lang: Lang) -> &LangEngine {
        self.cell(lang).get_or_init(|| {
            // `from_sources` fills both cells, so only the built-in engine
            // gets here, and its data is tested.
            let sources = self.lazy.as_ref().unwrap_or_else(|| panic!("engine built without its {lang:?} half"));
            // Layers were checked before the engine was made; should one
            // still not build, the built-in data keeps the work going.
            self.build_lang(sources, lang)
                .or_else(|_| self.build_lang(&Sources { layers: LayerSources::default(), ..sources.clone() }, lang))
                .unwrap_or_else(|e| panic!("embedded data is broken: {e}"))
        })
    }

    pub fn workloads(&self) -> &[Workload] {
        &self.workloads
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// The three L2 reasons that fit the note best (see `suggest`).
    pub fn suggest(&self, text: &str, status: Option<Status>, lang: Lang) -> Vec<Suggestion> {
        let l = self.lang(lang);
        self.suggester.suggest(&l.model, text, &l.matcher.scan(text).cues, status, 3)
    }

    /// Every candidate L2 reason, ranked.
    pub fn suggest_all(&self, text: &str, status: Option<Status>, lang: Lang) -> Vec<Suggestion> {
        let l = self.lang(lang);
        self.suggester.suggest(&l.model, text, &l.matcher.scan(text).cues, status, usize::MAX)
    }

    /// `lint` and `suggest` together, reading the note once: what the batch
    /// command and the composer need for every note.
    pub fn check(&self, text: &str, status: Option<Status>, lang: Lang) -> (Report, Vec<Suggestion>) {
        let l = self.lang(lang);
        let scan = l.matcher.scan(text);
        let suggestions = self.suggester.suggest(&l.model, text, &scan.cues, status, 3);
        (self.report(text, status, lang, scan.hits), suggestions)
    }

    /// A chosen L2 that belongs to another status (an In progress note kept
    /// from its Blocked days with `it-infrastructure`): a warning, so the
    /// pair is never exported silently. It does not change the grade.
    pub fn stale_reason(&self, text: &str, status: Option<Status>, l2: Option<&str>) -> Option<Finding> {
        let (status, l2) = (status?, l2?);
        if self.taxonomy.reason(l2).is_some_and(|r| r.l1 == status.id()) {
            return None;
        }
        Some(Finding::new(Rule::StaleReason, Severity::Warning, text::trim_range(text, 0..text.len()), None))
    }

    /// A reason's meaning and what it is not, in `lang`.
    pub fn reason_text(&self, l2: &str, lang: Lang) -> Option<&ReasonText> {
        self.suggester.text(&self.lang(lang).model, l2)
    }

    /// Lints one note. `lang` is the note's language (see `Lang::detect`).
    pub fn lint(&self, text: &str, status: Option<Status>, lang: Lang) -> Report {
        self.report(text, status, lang, self.lang(lang).matcher.scan(text).hits)
    }

    fn report(&self, text: &str, status: Option<Status>, lang: Lang, hits: Vec<lexicon::Hit>) -> Report {
        let analysis = analysis::Analysis::new(text, lang, hits);
        let mut slots = self.unfilled_slots(text);
        slots.extend(placeholders(&analysis));
        slots.sort_by_key(|r| (r.start, r.end));
        slots.dedup_by(|b, a| b.start < a.end);
        let reads_as = if status.is_none() { rules::reads_as(&analysis) } else { None };
        let mut findings = Vec::new();
        let mut evidence = Vec::new();
        rules::check(&analysis, status, reads_as, &mut findings, &mut evidence);
        if !slots.is_empty() {
            // Slot names are never linted: 「[特定の制限]」 is not a generic reason.
            findings.retain(|f| !slots.iter().any(|s| s.start <= f.start && f.end <= s.end));
            for s in &slots {
                findings.push(Finding::new(Rule::UnfilledSlot, Severity::Error, s.clone(), Some(Grade::Poor)));
            }
        }
        evidence.retain(|e| !slots.iter().any(|s| s.start < e.end && e.start < s.end));
        let mut report = Report { lang, status, reads_as, grade: Grade::Great, findings, evidence };
        // Great needs evidence: every element the status requires must have
        // been found. Where no rule has lowered the grade yet, a missing one
        // lowers it here and asks for it (the rules' own findings ask too).
        let whole = text::trim_range(text, 0..text.len());
        if !report.findings.iter().any(|f| f.effect.is_some()) {
            for c in report.checklist() {
                if c.required && c.found.is_none() {
                    let rule = c.element.missing_rule();
                    report.findings.push(Finding::new(rule, Severity::Warning, whole.clone(), Some(Grade::Marginal)));
                }
            }
        }
        report.findings.sort_by_key(|f| (f.start, f.end, f.rule));
        report.grade = report.findings.iter().filter_map(|f| f.effect).max().unwrap_or(Grade::Great);
        self.levels.apply(&mut report);
        report
    }

    /// The finding's message in `lang`, with the flagged words quoted.
    pub fn message(&self, f: &Finding, text: &str, status: Option<Status>, lang: Lang) -> String {
        let quoted = text.get(f.start..f.end).unwrap_or("");
        self.messages.render(f.rule, status, lang, quoted)
    }

    /// `[主な問題]` / `[primary issue]` left as typed in a template: square
    /// brackets (ASCII or full width) around a known slot name.
    fn unfilled_slots(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        // Most notes have no bracket at all; `contains` is a memchr.
        if !text.contains('[') && !text.contains('［') {
            return out;
        }
        let mut rest = 0;
        while let Some(open) = text[rest..].find(['[', '［']).map(|i| i + rest) {
            let inner_start = open + text[open..].chars().next().map_or(1, char::len_utf8);
            let Some(close) = text[inner_start..].find([']', '］', '\n', '[', '［']).map(|i| i + inner_start) else {
                break;
            };
            let close_char = text[close..].chars().next().unwrap_or(']');
            if matches!(close_char, ']' | '］') {
                let name = normalize_slot(&text[inner_start..close]);
                if self.slot_names.binary_search(&name).is_ok() {
                    out.push(open..close + close_char.len_utf8());
                }
                rest = close + close_char.len_utf8();
            } else {
                rest = close;
            }
        }
        out
    }
}

/// Placeholders a writer left, whatever their name: a bracket holding a
/// label of what should go there ([tenant name], ［件数］, 〈理由〉) and the
/// usual fillers (〇〇, XX, TBD). A bracket holding content is not one: a
/// date stamp [upd 6/12], 【12/1 追記】, a ticket [CR-4471].
fn placeholders(a: &analysis::Analysis) -> Vec<Range<usize>> {
    let text = a.text;
    let mut out: Vec<Range<usize>> = a.all(Cat::Placeholder).map(|h| h.start..h.end).collect();
    const PAIRS: [(char, char); 6] = [('[', ']'), ('［', '］'), ('〈', '〉'), ('<', '>'), ('【', '】'), ('＜', '＞')];
    if !text.contains(['[', '［', '〈', '<', '【', '＜']) {
        return out;
    }
    for (i, c) in text.char_indices() {
        let Some(&(_, close)) = PAIRS.iter().find(|(o, _)| *o == c) else { continue };
        let inner_start = i + c.len_utf8();
        // A label is short: look no further than a few dozen characters.
        let window = &text[inner_start..text::floor_char_boundary(text, inner_start + 90)];
        let Some(len) = window.find(close) else { continue };
        let inner = &window[..len];
        // 【定例報告】 heading a note or a line is a tag, not a blank.
        let before = text[..i].trim_end_matches([' ', '　']);
        let heading = c == '【' && (before.is_empty() || before.ends_with('\n'));
        if !heading && is_label(inner, a.lang) {
            out.push(i..inner_start + len + close.len_utf8());
        }
    }
    out
}

/// A bracket's content names what should be written rather than being it:
/// a few words, no digits, no sentence, not a date stamp or a ticket.
fn is_label(inner: &str, lang: Lang) -> bool {
    let inner = inner.trim();
    // "[#]", "[?]", "[n]": a number or an answer still to come.
    if matches!(inner, "#" | "?" | "？" | "n" | "N" | "x" | "X" | "..." | "…") {
        return true;
    }
    // "[managed/unmanaged]": a choice still to make.
    let mut parts = inner.split(['/', '／']);
    let choice = inner.contains(['/', '／'])
        && parts.all(|w| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || crate::note::is_japanese_char(c)));
    if choice {
        return true;
    }
    if inner.is_empty() || inner.contains(['\n', '。', '.', ':', '：', '/', '／', '#', '@', '=']) {
        return false;
    }
    if inner.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return false;
    }
    const STAMPS: [&str; 18] = [
        "追記", "更新", "済", "重要", "至急", "注意", "補足", "参考", "備考", "upd", "update", "updated", "edit",
        "note", "fyi", "new", "done", "draft",
    ];
    let lower = inner.to_lowercase();
    if STAMPS.iter().any(|s| lower == *s || lower.starts_with(&format!("{s} "))) {
        return false;
    }
    match lang {
        Lang::Ja if inner.chars().any(crate::note::is_japanese_char) => inner.chars().count() <= 16,
        // "[primary issue]", "[other tenant]": lower-case words, a few of them.
        _ => {
            let words: Vec<&str> = inner.split_whitespace().collect();
            words.len() <= 4
                && words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\''))
                && inner.chars().next().is_some_and(|c| c.is_lowercase())
        }
    }
}

/// Slot names compare without markdown bold and surrounding spaces.
fn normalize_slot(name: &str) -> String {
    name.replace("**", "").trim().to_lowercase()
}

/// Notes that are the same text pasted on several workloads of one tenant.
/// Input: (workload, status, note) per entry of a tenant; returns the indexes
/// of the entries to flag. Status unknown notes are exempt: the guidance
/// allows the same note for an unresponsive customer.
pub fn pasted_across_workloads(entries: &[(&str, Option<Status>, &str)]) -> Vec<usize> {
    use std::collections::HashMap;
    let key = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let eligible = |st: &Option<Status>, note: &str| !note.trim().is_empty() && *st != Some(Status::Unknown);
    let mut workloads: HashMap<String, Vec<&str>> = HashMap::new();
    for (wl, st, note) in entries {
        if eligible(st, note) {
            let seen = workloads.entry(key(note)).or_default();
            if !seen.contains(wl) {
                seen.push(wl);
            }
        }
    }
    entries
        .iter()
        .enumerate()
        .filter(|(_, (_, st, note))| eligible(st, note) && workloads.get(&key(note)).is_some_and(|w| w.len() > 1))
        .map(|(i, _)| i)
        .collect()
}

impl Engine {
    /// A readable dump of how the engine read a note (hits, clauses, reasons),
    /// for tuning the lexicons; not used by the program itself.
    pub fn explain(&self, text: &str, lang: Lang) -> String {
        use std::fmt::Write;
        let a = analysis::Analysis::new(text, lang, self.lang(lang).matcher.scan(text).hits);
        let mut s = String::new();
        for h in &a.hits {
            let _ = writeln!(s, "hit {:?} {:?}", h.cat, &text[h.start..h.end]);
        }
        for c in &a.clauses {
            let _ = writeln!(
                s,
                "clause {:?} main={} cond={} chatter={} portion={:?} content={}",
                &text[c.range.clone()],
                c.main,
                c.condition,
                c.chatter,
                c.portion.clone().map(|p| &text[p]),
                a.content(&c.range, analysis::Weigh::Reason)
            );
        }
        for r in a.reasons() {
            let _ = writeln!(s, "reason {:?} {:?} weak={}", &text[r.range.clone()], r.evidence, r.weak);
        }
        s
    }
}
