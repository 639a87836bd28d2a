//! The command line: argument definitions and the `lint` command. It reads
//! input, calls the engine and prints; it knows nothing of the terminal UI.

pub mod config;
pub mod drafts;
mod input;
pub mod json;
mod output;

use crate::engine::{Engine, Finding, Rule};
use crate::note::{Grade, Lang, Severity, Status};
use clap::{Parser, Subcommand, ValueEnum};
use input::{Item, Record};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "statusnote",
    version,
    about = "Write entitlement status notes that are short, unambiguous and say why."
)]
pub struct Cli {
    /// Where drafts live (default: $STATUSNOTE_DATA_DIR, then the platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Config file (default: $STATUSNOTE_CONFIG, then the platform config
    /// directory, e.g. ~/.config/statusnote/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A team folder laid over your own files (default: `team_dir` in the config).
    #[arg(long, global = true, value_name = "DIR")]
    pub team_dir: Option<PathBuf>,
    /// Interface language of the composer (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, value_enum)]
    pub lang: Option<UiLang>,
    /// Without a command: the composer, starting at the drafts browser.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UiLang {
    Ja,
    En,
}

impl UiLang {
    pub fn lang(self) -> Lang {
        match self {
            UiLang::Ja => Lang::Ja,
            UiLang::En => Lang::En,
        }
    }
}

/// The composer's language: `--lang`, then the config's `ui_lang`, then the locale.
pub fn composer_lang(flag: Option<UiLang>, config: Option<crate::config::LangName>) -> Lang {
    match (flag, config) {
        (Some(f), _) => f.lang(),
        (None, Some(c)) => c.lang(),
        (None, None) => ui_lang(None),
    }
}

/// The interface language: the flag, else the locale (ja* is Japanese).
pub fn ui_lang(flag: Option<UiLang>) -> Lang {
    if let Some(l) = flag {
        return l.lang();
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return if v.to_ascii_lowercase().starts_with("ja") { Lang::Ja } else { Lang::En };
            }
        }
    }
    Lang::En
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check notes and grade them great / marginal / poor.
    ///
    /// Reads each FILE as one note (--input text), or rows of a CSV export or
    /// JSON lines. Reads standard input when FILE is `-` or absent.
    /// Exit status: 0 no poor note, 1 at least one poor note, 2 bad usage or
    /// input that could not be read or checked.
    Lint(LintArgs),
    /// Write a note in the composer, straight into the flow.
    New(NewArgs),
    /// Open a draft in the composer (id, unique id prefix, or unique tenant name).
    Open {
        draft: String,
        #[arg(long, value_enum)]
        lang: Option<UiLang>,
    },
    /// Saved drafts: list, show, export, move to trash, import from CSV.
    Drafts {
        #[command(subcommand)]
        command: drafts::DraftsCommand,
    },
    /// Your settings and data layers: where they are, what they add, whether they are valid.
    Config {
        #[command(subcommand)]
        command: config::ConfigCommand,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    #[arg(long)]
    pub tenant: Option<String>,
    #[arg(long)]
    pub workload: Option<String>,
    /// Status id or label; skips the status screen (needs --tenant and --workload).
    #[arg(long)]
    pub status: Option<String>,
    /// Template number within the status, or `free`; skips the template screen.
    #[arg(long)]
    pub template: Option<String>,
    /// Interface and template language.
    #[arg(long, value_enum)]
    pub lang: Option<UiLang>,
}

impl NewArgs {
    /// The composer's start, or a usage error naming the bad value.
    pub fn start(&self, engine: &Engine) -> Result<crate::tui::Start, String> {
        use crate::tui::{Start, TemplateChoice};
        let status = match &self.status {
            None => None,
            Some(s) => {
                Some(engine.taxonomy().parse_status(s).ok_or_else(|| format!("unknown status `{s}` for --status"))?)
            }
        };
        let template = match self.template.as_deref() {
            None => None,
            Some("free") => Some(TemplateChoice::Free),
            Some(n) => match n.parse::<usize>() {
                Ok(n) if n >= 1 => Some(TemplateChoice::Number(n)),
                _ => return Err(format!("--template takes a number from 1 or `free`, not `{n}`")),
            },
        };
        Ok(Start::New { tenant: self.tenant.clone(), workload: self.workload.clone(), status, template })
    }
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Status of the notes (id, English or Japanese label): in-progress,
    /// blocked, no-intent, unknown, duplicate-invalid. A `status` column wins.
    #[arg(long, short = 's')]
    pub status: Option<String>,
    /// Language of the notes; `auto` reads Japanese wherever kana or kanji
    /// appear [default: the config's note_lang, else auto].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// How to read each input.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
    /// How to print the results.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Flag the same note pasted on several workloads of one tenant (needs
    /// `tenant` and `workload` columns; reads all input before printing).
    #[arg(long)]
    pub check_pasted: bool,
    /// Text output: also show what the note gives of its status's
    /// checklist (the reason, the phase, the attempts...) and where.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Report only findings not already in this earlier `--format json` (or
    /// jsonl) output, matched by id, rule and text; grades count only the
    /// new findings.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print no summary line, and in text format only the notes that are not great.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Show only findings of this severity or worse (grades are unchanged).
    #[arg(long, value_enum, default_value_t = MinSeverity::Hint)]
    pub min_severity: MinSeverity,
    /// Input files; `-` is standard input.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    Hint,
    Warning,
    Error,
}

impl MinSeverity {
    fn shows(self, s: Severity) -> bool {
        let rank = |s: Severity| match s {
            Severity::Hint => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        };
        let min = match self {
            MinSeverity::Hint => 0,
            MinSeverity::Warning => 1,
            MinSeverity::Error => 2,
        };
        rank(s) >= min
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Text,
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Jsonl,
}

/// Writes one `statusnote: …` line to stderr with control characters and
/// bidi marks pictured: messages quote file names, headers and values that
/// came from outside.
pub(crate) fn say(err: &mut dyn Write, msg: &str) -> io::Result<()> {
    writeln!(err, "statusnote: {}", crate::text::visible(msg))
}

/// Process exit codes of the contract.
pub const EXIT_OK: i32 = 0;
pub const EXIT_POOR: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// A linted record on its way to the printer.
pub struct Linted<'a> {
    pub record: &'a Record,
    pub lang: Lang,
    pub report: crate::engine::Report,
    /// L2 reasons, best first (empty for Duplicate/Invalid and empty notes).
    pub suggestions: Vec<crate::engine::Suggestion>,
}

/// What `lint` runs with besides its arguments: the engine (built-in or
/// layered) and the config's default note language.
pub struct LintEnv<'a> {
    pub engine: &'a Engine,
    pub note_lang: Option<Lang>,
}

impl LintEnv<'static> {
    pub fn builtin() -> LintEnv<'static> {
        LintEnv { engine: Engine::builtin(), note_lang: None }
    }
}

/// Runs `lint`; returns the exit code. Problems with input go to `err`.
pub fn lint(
    args: &LintArgs,
    env: &LintEnv,
    stdin: &mut dyn io::Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let engine = env.engine;
    let default_status = match args.status.as_deref() {
        None => None,
        Some(s) => match engine.taxonomy().parse_status(s) {
            Some(st) => Some(st),
            None => {
                say(
                    err,
                    &format!(
                        "unknown status `{s}` for --status (try: in-progress, blocked, no-intent, unknown, duplicate-invalid)"
                    ),
                )?;
                return Ok(EXIT_USAGE);
            }
        },
    };
    let default_lang = match args.lang {
        Some(LangArg::Ja) => Some(Lang::Ja),
        Some(LangArg::En) => Some(Lang::En),
        Some(LangArg::Auto) => None,
        None => env.note_lang,
    };
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match std::fs::read(path).map_err(|e| e.to_string()).and_then(|b| Baseline::parse(&b)) {
            Ok(b) => Some(b),
            Err(m) => {
                writeln!(err, "statusnote: {}: {m}", path.display())?;
                return Ok(EXIT_USAGE);
            }
        },
    };
    let filter = Filter { baseline: baseline.as_ref(), min_severity: args.min_severity, quiet: args.quiet };
    let color = args.format == OutputFormat::Text && output::use_color();
    let mut printer = output::Printer::new(args.format, color, out).verbose(args.verbose);
    let mut stats = Stats::default();
    let files: Vec<PathBuf> = if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files.clone() };
    let mut held: Vec<Item> = Vec::new();

    let ctx = input::Context { engine, default_status, default_lang };
    for path in &files {
        let bytes = match input::read_source(path, stdin) {
            Ok(b) => b,
            Err(e) => {
                say(err, &format!("{}: {e}", input::display_path(path)))?;
                stats.unreadable = true;
                continue;
            }
        };
        let mut sink = |item: Item| -> io::Result<()> {
            if args.check_pasted {
                held.push(item);
                Ok(())
            } else {
                emit(engine, item, Vec::new(), &filter, &mut printer, &mut stats, err)
            }
        };
        let res = match args.input {
            InputFormat::Text => input::read_text(path, &bytes, &ctx, &mut sink),
            InputFormat::Csv => input::read_csv(path, &bytes, &ctx, &mut sink),
            InputFormat::Jsonl => input::read_jsonl(path, &bytes, &ctx, &mut sink),
        };
        match res {
            Ok(()) => {}
            Err(input::ReadError::Io(e)) => return Err(e),
            Err(input::ReadError::Fatal(msg)) => {
                say(err, &msg)?;
                stats.unreadable = true;
            }
        }
    }
    if args.check_pasted {
        let extra = pasted(&held);
        for (item, extra) in held.into_iter().zip(extra) {
            emit(engine, item, extra, &filter, &mut printer, &mut stats, err)?;
        }
    }
    if args.quiet {
        printer.finish_quiet()?;
    } else {
        printer.finish(&stats)?;
    }
    Ok(if stats.unreadable || stats.errors > 0 {
        EXIT_USAGE
    } else if stats.poor > 0 {
        EXIT_POOR
    } else {
        EXIT_OK
    })
}

/// Counts for the summary line and the exit code.
#[derive(Debug, Default)]
pub struct Stats {
    pub great: usize,
    pub marginal: usize,
    pub poor: usize,
    pub errors: usize,
    pub unreadable: bool,
    /// Findings left out: dismissed in the input, or already in the baseline.
    pub dismissed: usize,
    pub baselined: usize,
}

/// Findings an earlier run already reported: (id, rule, text).
pub struct Baseline(std::collections::HashSet<(String, String, String)>);

impl Baseline {
    /// Reads `--format json` (an array) or `--format jsonl` output.
    pub fn parse(bytes: &[u8]) -> Result<Baseline, String> {
        let text =
            std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 (bad byte at offset {})", e.valid_up_to()))?;
        let records: Vec<serde_json::Value> = if text.trim_start().starts_with('[') {
            serde_json::from_str(text)
                .map_err(|e| format!("{}:{}: not a lint --format json output: {e}", e.line(), e.column()))?
        } else {
            let mut v = Vec::new();
            for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                v.push(
                    serde_json::from_str(line)
                        .map_err(|e| format!("{}:{}: not a lint --format jsonl line: {e}", i + 1, e.column()))?,
                );
            }
            v
        };
        let mut set = std::collections::HashSet::new();
        for r in &records {
            let Some(id) = r.get("id").and_then(|v| v.as_str()) else { continue };
            for f in r.get("findings").and_then(|f| f.as_array()).map_or(&[][..], Vec::as_slice) {
                let field = |k: &str| f.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
                set.insert((id.to_string(), field("rule"), field("text")));
            }
        }
        Ok(Baseline(set))
    }

    fn contains(&self, id: &str, rule: &str, text: &str) -> bool {
        // Borrowed lookups in a tuple set need owned keys; baselines are small.
        self.0.contains(&(id.to_string(), rule.to_string(), text.to_string()))
    }
}

/// What is left out of a record's findings before printing.
struct Filter<'a> {
    baseline: Option<&'a Baseline>,
    min_severity: MinSeverity,
    quiet: bool,
}

fn emit(
    engine: &Engine,
    item: Item,
    extra: Vec<Finding>,
    filter: &Filter,
    printer: &mut output::Printer,
    stats: &mut Stats,
    err: &mut dyn Write,
) -> io::Result<()> {
    match item {
        Item::Failed { id, origin, message } => {
            stats.errors += 1;
            say(err, &format!("{origin}: {message}"))?;
            printer.error(&id, &message)
        }
        Item::Ok(record) => {
            let lang = record.lang;
            let (mut report, suggestions) = engine.check(&record.note, record.status, lang);
            if !extra.is_empty() {
                report.findings.extend(extra);
                report.findings.sort_by_key(|f| (f.start, f.end, f.rule));
            }
            stats.dismissed += crate::engine::dismiss::apply(&mut report, &record.dismissed);
            if let Some(b) = filter.baseline {
                let before = report.findings.len();
                let note = record.note.as_str();
                report.findings.retain(|f| !b.contains(&record.id, f.rule.id(), &note[f.start..f.end]));
                stats.baselined += before - report.findings.len();
                report.grade = report.findings.iter().filter_map(|f| f.effect).max().unwrap_or(Grade::Great);
            }
            match report.grade {
                Grade::Great => stats.great += 1,
                Grade::Marginal => stats.marginal += 1,
                Grade::Poor => stats.poor += 1,
            }
            // Display only: the grade above already counted every finding.
            report.findings.retain(|f| filter.min_severity.shows(f.severity));
            if filter.quiet && report.grade == Grade::Great && printer.is_text() {
                return Ok(());
            }
            printer.record(engine, &Linted { record: &record, lang, report, suggestions })
        }
    }
}

/// The pasted-note warnings for held records, one list per record.
fn pasted(items: &[Item]) -> Vec<Vec<Finding>> {
    use std::collections::HashMap;
    let mut by_tenant: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if let Item::Ok(r) = item {
            if let (Some(t), Some(_)) = (&r.tenant, &r.workload) {
                by_tenant.entry(t.as_str()).or_default().push(i);
            }
        }
    }
    let mut out = vec![Vec::new(); items.len()];
    for idx in by_tenant.values() {
        let entries: Vec<(&str, Option<Status>, &str)> = idx
            .iter()
            .filter_map(|&i| match &items[i] {
                Item::Ok(r) => Some((r.workload.as_deref().unwrap_or(""), r.status, r.note.as_str())),
                Item::Failed { .. } => None,
            })
            .collect();
        for k in crate::engine::pasted_across_workloads(&entries) {
            let i = idx[k];
            if let Item::Ok(r) = &items[i] {
                let span = crate::text::trim_range(&r.note, 0..r.note.len());
                out[i].push(Finding::new(Rule::PastedNote, Severity::Warning, span, None));
            }
        }
    }
    out
}
