//! `statusnote drafts list|show|export|rm|import`: the draft store from the
//! command line, with grades from the same engine as `lint`.

use super::input::{self, Item};
use super::{EXIT_OK, EXIT_USAGE, say};
use crate::draft::fs::RealFs;
use crate::draft::{Draft, DraftError, Entry, Listing, Store, Summary, Timestamp};
use crate::engine::{Engine, Finding, Report, Rule};
use crate::note::{Lang, Severity, Status};
use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum DraftsCommand {
    /// List drafts, newest first, with the grade of each note.
    List {
        #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
        format: ViewFormat,
    },
    /// Show one draft: every workload's note, status, reason and findings.
    Show {
        /// Draft id, unique id prefix, or unique tenant name.
        draft: String,
        #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
        format: ViewFormat,
    },
    /// Export drafts (all of them when none is named) for the portal or a spreadsheet.
    Export {
        /// Draft ids, id prefixes or tenant names.
        drafts: Vec<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
    /// Move drafts to the trash folder (`<data dir>/trash`); nothing is deleted.
    Rm {
        #[arg(required = true)]
        drafts: Vec<String>,
    },
    /// Create or update drafts from a CSV with `tenant`, `workload` and `note`
    /// columns (the same CSV `lint --input csv` reads).
    Import {
        file: PathBuf,
        /// Language of notes without a `lang` column.
        #[arg(long, value_enum, default_value_t = super::LangArg::Auto)]
        lang: super::LangArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown: a section per tenant, a bullet per workload.
    Md,
    /// Plain text, one line per workload: tenant, workload, status, note (tab-separated).
    Txt,
    /// CSV with the columns `lint` and `import` read.
    Csv,
    /// The drafts as JSON.
    Json,
}

/// What the drafts commands need from outside: where drafts live and the clock.
pub struct Env {
    pub data_dir: PathBuf,
    pub now: Timestamp,
    pub now_ms: u128,
    pub entropy: u64,
    pub pid: u32,
    /// The engine notes are graded with (built-in, or with the user's layers).
    pub engine: &'static Engine,
}

pub fn run(cmd: &DraftsCommand, env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let store = Store::new(&env.data_dir, RealFs);
    let result = match cmd {
        DraftsCommand::List { format } => list(&store, env.engine, *format, out, err),
        DraftsCommand::Show { draft, format } => show(&store, env.engine, draft, *format, out, err),
        DraftsCommand::Export { drafts, format } => export(&store, env.engine, drafts, *format, out, err),
        DraftsCommand::Rm { drafts } => rm(&store, drafts, env, out, err),
        DraftsCommand::Import { file, lang } => import(&store, file, *lang, env, out, err),
    };
    match result {
        Ok(code) => Ok(code),
        Err(Failure::Io(e)) => Err(e),
        Err(Failure::Draft(e)) => {
            say(err, &e.to_string())?;
            Ok(EXIT_USAGE)
        }
    }
}

enum Failure {
    Io(io::Error),
    Draft(DraftError),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Io(e)
    }
}

impl From<DraftError> for Failure {
    fn from(e: DraftError) -> Failure {
        Failure::Draft(e)
    }
}

type Outcome = Result<i32, Failure>;

/// Lists drafts and reports, on stderr, every file that could not be read.
fn listing(store: &Store<RealFs>, err: &mut dyn Write) -> Result<Listing, Failure> {
    let l = store.list()?;
    for bad in &l.bad {
        say(err, &format!("warning: {bad}"))?;
    }
    Ok(l)
}

/// Lints each entry of a tenant, with the same-note-on-several-workloads check.
type Graded<'a> = (&'a str, Option<Status>, Lang, &'a str, Option<&'a str>);

fn grade_entries<'a>(engine: &Engine, entries: impl Iterator<Item = Graded<'a>>) -> Vec<Report> {
    let entries: Vec<_> = entries.collect();
    let mut reports: Vec<Report> = entries
        .iter()
        .map(|(_, st, lang, note, l2)| {
            let mut r = engine.lint(note, *st, *lang);
            r.findings.extend(engine.stale_reason(note, *st, *l2));
            r
        })
        .collect();
    let keyed: Vec<(&str, Option<Status>, &str)> = entries.iter().map(|(w, s, _, n, _)| (*w, *s, *n)).collect();
    for i in crate::engine::pasted_across_workloads(&keyed) {
        let note = entries[i].3;
        let span = crate::text::trim_range(note, 0..note.len());
        reports[i].findings.push(Finding::new(Rule::PastedNote, Severity::Warning, span, None));
    }
    reports
}

fn summary_reports(engine: &Engine, s: &Summary) -> Vec<Report> {
    let mut reports = grade_entries(
        engine,
        s.entries.iter().map(|e| (e.workload.as_str(), e.status, e.lang, e.note.as_str(), e.l2.as_deref())),
    );
    for (r, e) in reports.iter_mut().zip(&s.entries) {
        crate::engine::dismiss::apply_rules(r, e.dismissed.iter().map(String::as_str));
    }
    reports
}

/// Each entry's report, its dismissed findings left out (and counted).
fn draft_reports(engine: &Engine, d: &Draft) -> Vec<(Report, usize)> {
    let reports = grade_entries(
        engine,
        d.entries.iter().map(|e| (e.workload.as_str(), e.status, e.lang, e.note.as_str(), e.l2.as_deref())),
    );
    reports
        .into_iter()
        .zip(&d.entries)
        .map(|(mut r, e)| {
            let n = crate::engine::dismiss::apply(&mut r, &e.dismissed);
            (r, n)
        })
        .collect()
}

fn list(
    store: &Store<RealFs>,
    engine: &Engine,
    format: ViewFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let l = listing(store, err)?;
    let mut out = io::BufWriter::new(out);
    match format {
        ViewFormat::Json => {
            let arr: Vec<Value> = l
                .drafts
                .iter()
                .map(|s| {
                    let reports = summary_reports(engine, s);
                    json!({
                        "id": s.id, "tenant": s.tenant, "updated": s.updated.to_string(),
                        "entries": s.entries.iter().zip(&reports).map(|(e, r)| json!({
                            "workload": e.workload, "status": e.status.map(Status::id), "l2": e.l2,
                            "lang": e.lang.code(), "grade": r.grade.as_str(),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            super::json::to_writer_pretty(&mut out, &arr)?;
            writeln!(out)?;
        }
        ViewFormat::Text => {
            if l.drafts.is_empty() {
                writeln!(out, "no drafts in {}", store.drafts_dir().display())?;
            }
            for s in &l.drafts {
                let reports = summary_reports(engine, s);
                let grades: Vec<String> = s
                    .entries
                    .iter()
                    .zip(&reports)
                    .map(|(e, r)| format!("{} {}", crate::text::visible(&e.workload), r.grade))
                    .collect();
                writeln!(
                    out,
                    "{}  {}  {}  {}",
                    crate::text::visible(&s.id),
                    crate::text::visible(&s.tenant),
                    s.updated,
                    if grades.is_empty() { "(no notes)".to_string() } else { grades.join(", ") }
                )?;
            }
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn show(
    store: &Store<RealFs>,
    engine: &Engine,
    query: &str,
    format: ViewFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let l = listing(store, err)?;
    let id = store.resolve(query, &l)?;
    let d = store.load(&id)?.draft;
    let reports = draft_reports(engine, &d);
    let mut out = io::BufWriter::new(out);
    match format {
        ViewFormat::Json => {
            let mut v = serde_json::to_value(&d).map_err(io::Error::other)?;
            if let Some(entries) = v.get_mut("entry").and_then(Value::as_array_mut) {
                for ((ev, e), (r, _)) in entries.iter_mut().zip(&d.entries).zip(&reports) {
                    ev["grade"] = json!(r.grade.as_str());
                    ev["findings"] = serde_json::to_value(super::output::json_findings(engine, r, &e.note, e.lang))
                        .map_err(io::Error::other)?;
                }
            }
            super::json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        ViewFormat::Text => {
            writeln!(out, "{}  ({})", crate::text::visible(&d.tenant), crate::text::visible(&d.id))?;
            writeln!(out, "created {}, updated {}", d.created, d.updated)?;
            for (e, (r, dismissed)) in d.entries.iter().zip(&reports) {
                let status = e.status.map_or("no status", Status::id);
                let reason = e.l2.as_deref().map(|l| format!(" / {}", crate::text::visible(l))).unwrap_or_default();
                writeln!(out, "\n{}  [{status}{reason}, {}]  {}", crate::text::visible(&e.workload), e.lang, r.grade)?;
                for line in e.note.lines() {
                    writeln!(out, "  {}", crate::text::visible(line))?;
                }
                for f in r.findings.iter().filter(|f| f.severity > Severity::Hint) {
                    writeln!(
                        out,
                        "  - {}[{}]: {}",
                        f.severity.as_str(),
                        f.rule.id(),
                        engine.message(f, &e.note, r.graded_as(), e.lang)
                    )?;
                }
                if *dismissed > 0 {
                    writeln!(out, "  {dismissed} finding(s) dismissed:")?;
                }
                for x in &e.dismissed {
                    writeln!(out, "  - dismissed[{}]: {}", x.rule, crate::text::visible(&x.reason))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn chosen(store: &Store<RealFs>, queries: &[String], err: &mut dyn Write) -> Result<Vec<Draft>, Failure> {
    let l = listing(store, err)?;
    let ids: Vec<String> = if queries.is_empty() {
        l.drafts.iter().map(|s| s.id.clone()).collect()
    } else {
        queries.iter().map(|q| store.resolve(q, &l)).collect::<Result<_, _>>()?
    };
    Ok(ids.iter().map(|id| store.load(id).map(|x| x.draft)).collect::<Result<_, _>>()?)
}

/// A CSV cell that is safe to print and to open in a spreadsheet: control
/// characters and bidi marks pictured (a note keeps its line breaks, which
/// CSV quotes), and a leading `=`, `+`, `-` or `@` (a formula to Excel and
/// LibreOffice) made text with a leading apostrophe, as OWASP advises.
fn csv_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    out.extend(s.chars().map(|c| if c == '\n' { c } else { crate::text::visible_char(c) }));
    out
}

/// Undoes `csv_cell`'s formula guard, so an exported CSV imports as it was.
fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

/// Notes go into one line for the plain text export (the portal field is a single line).
fn one_line(s: &str) -> String {
    crate::text::visible(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

fn export(
    store: &Store<RealFs>,
    engine: &Engine,
    queries: &[String],
    format: ExportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let drafts = chosen(store, queries, err)?;
    // A reason kept from another status goes out only with a warning.
    for d in &drafts {
        for e in &d.entries {
            if engine.stale_reason(&e.note, e.status, e.l2.as_deref()).is_some() {
                writeln!(
                    err,
                    "statusnote: warning: {} / {}: reason `{}` does not belong to status `{}`; fix it with `statusnote open {}`",
                    crate::text::visible(&d.tenant),
                    crate::text::visible(&e.workload),
                    crate::text::visible(e.l2.as_deref().unwrap_or("")),
                    e.status.map_or("", Status::id),
                    d.id
                )?;
            }
        }
    }
    let mut out = io::BufWriter::new(out);
    let tax = engine.taxonomy();
    let label = |e: &Entry| e.status.map_or(String::new(), |s| tax.status_def(s).label.get(e.lang).to_string());
    match format {
        ExportFormat::Json => {
            super::json::to_writer_pretty(&mut out, &drafts)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["draft", "tenant", "workload", "status", "l2", "l3", "lang", "note", "updated", "dismiss"])
                .map_err(io::Error::other)?;
            for d in &drafts {
                for e in &d.entries {
                    w.write_record(
                        [
                            d.id.as_str(),
                            &d.tenant,
                            &e.workload,
                            e.status.map_or("", Status::id),
                            e.l2.as_deref().unwrap_or(""),
                            e.l3.as_deref().unwrap_or(""),
                            e.lang.code(),
                            &e.note,
                            &e.updated.to_string(),
                            &crate::engine::Dismissal::format_list(&e.dismissed),
                        ]
                        .map(csv_cell),
                    )
                    .map_err(io::Error::other)?;
                }
            }
            w.flush()?;
        }
        ExportFormat::Txt => {
            for d in &drafts {
                for e in &d.entries {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        one_line(&d.tenant),
                        one_line(&e.workload),
                        label(e),
                        one_line(&e.note)
                    )?;
                }
            }
        }
        ExportFormat::Md => {
            for (i, d) in drafts.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "## {}\n", one_line(&d.tenant))?;
                for e in &d.entries {
                    let reason = e.l2.as_deref().map(|l| format!(" / {}", crate::text::visible(l))).unwrap_or_default();
                    writeln!(out, "- **{}** ({}{reason}): {}", one_line(&e.workload), label(e), one_line(&e.note))?;
                    for x in &e.dismissed {
                        writeln!(out, "  - dismissed `{}`: {}", x.rule, one_line(&x.reason))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn rm(store: &Store<RealFs>, queries: &[String], env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let l = listing(store, err)?;
    let ids: Vec<String> = queries.iter().map(|q| store.resolve(q, &l)).collect::<Result<_, _>>()?;
    for id in ids {
        let _lock = store.lock(&id, env.pid, env.now)?;
        let to = store.trash(&id, env.now)?;
        writeln!(out, "moved {id} to {}", to.display())?;
    }
    Ok(EXIT_OK)
}

fn import(
    store: &Store<RealFs>,
    file: &std::path::Path,
    lang: super::LangArg,
    env: &Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let bytes = match input::read_source(file, &mut io::empty()) {
        Ok(b) => b,
        Err(e) => {
            say(err, &format!("{}: {e}", input::display_path(file)))?;
            return Ok(EXIT_USAGE);
        }
    };
    let default_lang = match lang {
        super::LangArg::Ja => Some(Lang::Ja),
        super::LangArg::En => Some(Lang::En),
        super::LangArg::Auto => None,
    };
    let ctx = input::Context { engine: env.engine, default_status: None, default_lang };
    let mut rows = Vec::new();
    let mut failed = 0usize;
    let mut collect = |item: Item| -> io::Result<()> {
        match item {
            Item::Ok(r) if r.tenant.is_some() && r.workload.is_some() => rows.push(r),
            Item::Ok(r) => {
                failed += 1;
                say(err, &format!("{}: the row needs both `tenant` and `workload`", r.origin))?;
            }
            Item::Failed { origin, message, .. } => {
                failed += 1;
                say(err, &format!("{origin}: {message}"))?;
            }
        }
        Ok(())
    };
    match input::read_csv(file, &bytes, &ctx, &mut collect) {
        Ok(()) => {}
        Err(input::ReadError::Io(e)) => return Err(e.into()),
        Err(input::ReadError::Fatal(m)) => {
            say(err, &m)?;
            return Ok(EXIT_USAGE);
        }
    }
    // Rows grouped by tenant, in first-seen order, so each draft is written once.
    let mut tenants: Vec<(String, Vec<input::Record>)> = Vec::new();
    for r in rows {
        let t = unguard(r.tenant.as_deref().unwrap_or_default()).to_string();
        match tenants.iter_mut().find(|(name, _)| *name == t) {
            Some((_, v)) => v.push(r),
            None => tenants.push((t, vec![r])),
        }
    }
    let l = listing(store, err)?;
    let (mut created, mut updated, mut notes) = (0, 0, 0);
    for (tenant, records) in tenants {
        let existing =
            l.drafts.iter().filter(|s| s.tenant.trim().eq_ignore_ascii_case(tenant.trim())).collect::<Vec<_>>();
        let result = (|| -> Result<bool, DraftError> {
            let (mut draft, base, lock) = match existing.as_slice() {
                [] => {
                    let id = store.new_id(env.now_ms, env.entropy.wrapping_add(created as u64 * 7919));
                    let lock = store.lock(&id, env.pid, env.now)?;
                    (Draft::new(id, tenant.clone(), env.now), None, lock)
                }
                [one] => {
                    let lock = store.lock(&one.id, env.pid, env.now)?;
                    let loaded = store.load(&one.id)?;
                    (loaded.draft, Some(loaded.fingerprint), lock)
                }
                many => {
                    return Err(DraftError::Ambiguous {
                        query: tenant.clone(),
                        candidates: many.iter().map(|s| s.id.clone()).collect(),
                    });
                }
            };
            for r in &records {
                let e = draft.entry_mut(unguard(r.workload.as_deref().unwrap_or("")), r.lang, env.now);
                e.note = unguard(&r.note).to_string();
                e.lang = r.lang;
                if r.status.is_some() {
                    e.status = r.status;
                }
                if !r.dismissed.is_empty() {
                    e.dismissed = r.dismissed.clone();
                }
                e.updated = env.now;
            }
            draft.updated = env.now;
            store.save(&draft, base)?;
            drop(lock);
            Ok(base.is_none())
        })();
        match result {
            Ok(is_new) => {
                notes += records.len();
                if is_new { created += 1 } else { updated += 1 }
            }
            Err(e) => {
                failed += records.len();
                say(err, &e.to_string())?;
            }
        }
    }
    writeln!(out, "imported {notes} notes: {created} new drafts, {updated} updated")?;
    if failed > 0 {
        say(err, &format!("{failed} rows were not imported"))?;
        return Ok(EXIT_USAGE);
    }
    Ok(EXIT_OK)
}
