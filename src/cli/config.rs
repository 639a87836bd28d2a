//! `statusnote config path|show|check|init`: where settings and layers are
//! looked for, the merged result with the file each entry came from, a
//! validation for a team's CI, and a commented starter file.

use crate::config::{STARTER, Setup};
use crate::engine::Rule;
use crate::note::{Lang, Status};
use clap::Subcommand;
use std::io::{self, Write};
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Where the config file, your own data and the team folder are looked for.
    Path,
    /// The merged settings, rules, templates, workloads and words, with the file each came from.
    Show,
    /// Validate the config file and every layer; exit 1 on any error (for a team's CI).
    Check,
    /// Write a commented starter config file (never over an existing one).
    Init,
}

/// Exit codes of `config check` and `config init`.
pub const EXIT_OK: i32 = 0;
pub const EXIT_INVALID: i32 = 1;

pub fn run(
    cmd: &ConfigCommand,
    setup: &Setup,
    data_dir: Result<std::path::PathBuf, String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    match cmd {
        ConfigCommand::Path => path(setup, data_dir, out),
        ConfigCommand::Show => show(setup, out, err),
        ConfigCommand::Check => check(setup, out, err),
        ConfigCommand::Init => match &setup.paths.config {
            Some((p, _)) => init(p, out, err),
            None => {
                writeln!(err, "statusnote: no home directory for a config file; pass --config FILE")?;
                Ok(super::EXIT_USAGE)
            }
        },
    }
}

fn found(p: &Path) -> &'static str {
    if p.exists() { "found" } else { "not found" }
}

fn path(setup: &Setup, data_dir: Result<std::path::PathBuf, String>, out: &mut dyn Write) -> io::Result<i32> {
    let p = &setup.paths;
    match &p.config {
        Some((file, why)) => writeln!(out, "config file:  {} (from {why}; {})", file.display(), found(file))?,
        None => writeln!(out, "config file:  none (no home directory; pass --config FILE)")?,
    }
    if let Some(dir) = &p.user_dir {
        writeln!(out, "your data:    {}", dir.display())?;
        for part in ["templates/", "lexicon/", "reasons/", "workloads.toml"] {
            writeln!(out, "  {:<16} {}", part, found(&dir.join(part)))?;
        }
    }
    let c = &setup.config;
    for (kind, list) in
        [("templates", &c.templates), ("lexicon", &c.lexicon), ("workloads", &c.workloads), ("reasons", &c.reasons)]
    {
        for f in list {
            writeln!(out, "  {kind} (config): {}", f.display())?;
        }
    }
    match &p.team_dir {
        Some((dir, why)) => {
            writeln!(out, "team folder:  {} (from {why}; {})", dir.display(), found(dir))?;
            for part in ["templates/", "lexicon/", "reasons/", "workloads.toml", "rules.toml"] {
                writeln!(out, "  {:<16} {}", part, found(&dir.join(part)))?;
            }
        }
        None => writeln!(out, "team folder:  none (set team_dir in the config or pass --team-dir DIR)")?,
    }
    match data_dir {
        Ok(d) => writeln!(out, "drafts:       {}", d.display())?,
        Err(m) => writeln!(out, "drafts:       {m}")?,
    }
    Ok(EXIT_OK)
}

fn show(setup: &Setup, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let c = &setup.config;
    let config_file = setup.paths.config.as_ref().map_or(String::new(), |(p, _)| p.display().to_string());
    writeln!(out, "# settings")?;
    let from = if setup.config_loaded { config_file.as_str() } else { "default" };
    let opt = |v: Option<String>| v.map_or_else(|| "(default)".to_string(), |v| format!("{v}   ({from})"));
    writeln!(out, "ui_lang    {}", opt(c.ui_lang.map(|l| l.lang().to_string())))?;
    writeln!(out, "note_lang  {}", opt(c.note_lang.map(|l| l.lang().to_string())))?;
    writeln!(out, "theme      {}", opt(c.theme.map(|t| format!("{t:?}").to_lowercase())))?;
    writeln!(out, "data_dir   {}", opt(c.data_dir.as_ref().map(|d| d.display().to_string())))?;
    writeln!(
        out,
        "team_dir   {}",
        setup.paths.team_dir.as_ref().map_or("(none)".into(), |(d, why)| format!("{}   ({why})", d.display()))
    )?;

    writeln!(out, "\n# rules (level: file)")?;
    for rule in Rule::ALL {
        let set = setup.origins.iter().rev().find(|o| o.kind == "rule" && o.id == rule.id());
        match set {
            Some(o) => writeln!(out, "{:<22} {:<9} {}", rule.id(), o.value, o.file)?,
            None => writeln!(out, "{:<22} {:<9} built-in", rule.id(), "default")?,
        }
    }

    for lang in [Lang::Ja, Lang::En] {
        writeln!(out, "\n# templates ({lang})")?;
        let set = setup.templates(lang);
        for st in Status::ALL {
            let Some(t) = set.for_status(st) else { continue };
            for line in &t.template {
                let origin = setup
                    .origins
                    .iter()
                    .rev()
                    .find(|o| o.kind == "template" && o.id == line.id && o.value == line.text)
                    .map_or("built-in".to_string(), |o| {
                        format!("{}{}", o.file, if o.replaced { " (replaces built-in)" } else { "" })
                    });
                writeln!(out, "{:<22} {}   [{origin}]", line.id, crate::text::visible(&line.text))?;
            }
        }
    }

    writeln!(out, "\n# workloads")?;
    for w in setup.engine.workloads() {
        let origin = setup
            .origins
            .iter()
            .rev()
            .find(|o| o.kind == "workload" && o.id.eq_ignore_ascii_case(&w.name))
            .map_or("built-in".to_string(), |o| {
                format!("{}{}", o.file, if o.replaced { " (replaces built-in)" } else { "" })
            });
        writeln!(out, "{:<28} {}   [{origin}]", w.name, w.spellings.join(", "))?;
    }

    let added: Vec<_> = setup.origins.iter().filter(|o| o.kind == "lexicon" || o.kind == "reason").collect();
    writeln!(out, "\n# words and reason cues added to the built-in ones")?;
    if added.is_empty() {
        writeln!(out, "(none)")?;
    }
    for o in added {
        writeln!(out, "{:<22} {:<24} {}", o.id, o.value, o.file)?;
    }
    for w in setup.warnings() {
        writeln!(err, "statusnote: {w}")?;
    }
    Ok(EXIT_OK)
}

fn check(setup: &Setup, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    for e in &setup.errors {
        writeln!(err, "{e}")?;
    }
    let files = setup.files.len() + usize::from(setup.config_loaded);
    if setup.errors.is_empty() {
        writeln!(out, "ok: {files} file{} checked, no errors", if files == 1 { "" } else { "s" })?;
        Ok(EXIT_OK)
    } else {
        let n = setup.errors.len();
        writeln!(
            out,
            "{n} error{} ({files} file{} read)",
            if n == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        )?;
        Ok(EXIT_INVALID)
    }
}

/// Writes the starter file; an existing file is never touched.
pub fn init(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    if path.exists() {
        writeln!(err, "statusnote: {} already exists; not overwritten", path.display())?;
        return Ok(EXIT_INVALID);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            writeln!(err, "statusnote: cannot create {}: {e}", dir.display())?;
            return Ok(super::EXIT_USAGE);
        }
    }
    // create_new: should the file appear between the check and the write,
    // it is still not overwritten.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(STARTER.as_bytes()));
    match written {
        Ok(()) => {
            writeln!(out, "wrote {}", path.display())?;
            Ok(EXIT_OK)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(err, "statusnote: {} already exists; not overwritten", path.display())?;
            Ok(EXIT_INVALID)
        }
        Err(e) => {
            writeln!(err, "statusnote: cannot write {}: {e}", path.display())?;
            Ok(super::EXIT_USAGE)
        }
    }
}
