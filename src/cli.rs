//! The command line: argument definitions and the `lint` command. It reads
//! input, calls the engine and prints; it knows nothing of the terminal UI.

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
    pub fn start(&self) -> Result<crate::tui::Start, String> {
        use crate::tui::{Start, TemplateChoice};
        let status = match &self.status {
            None => None,
            Some(s) => Some(
                Engine::builtin()
                    .taxonomy()
                    .parse_status(s)
                    .ok_or_else(|| format!("unknown status `{s}` for --status"))?,
            ),
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
    /// Language of the notes; `auto` reads Japanese wherever kana or kanji appear.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,
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

/// Runs `lint`; returns the exit code. Problems with input go to `err`.
pub fn lint(args: &LintArgs, stdin: &mut dyn io::Read, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let engine = Engine::builtin();
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
        LangArg::Ja => Some(Lang::Ja),
        LangArg::En => Some(Lang::En),
        LangArg::Auto => None,
    };
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
                emit(engine, item, Vec::new(), &mut printer, &mut stats, err)
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
            emit(engine, item, extra, &mut printer, &mut stats, err)?;
        }
    }
    printer.finish(&stats)?;
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
}

fn emit(
    engine: &Engine,
    item: Item,
    extra: Vec<Finding>,
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
            match report.grade {
                Grade::Great => stats.great += 1,
                Grade::Marginal => stats.marginal += 1,
                Grade::Poor => stats.poor += 1,
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
