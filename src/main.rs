//! Entry point: parse arguments, load the config and data layers, dispatch,
//! turn the outcome into an exit code.

use clap::{CommandFactory, Parser};
use statusnote::cli::{self, Cli, Command};
use statusnote::config::{self, Setup};
use std::io::{self, Write};

fn main() {
    let args = Cli::parse();
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    let mut stderr = io::stderr();
    // Commands that need neither settings nor data answer at once.
    match &args.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "statusnote", &mut stdout);
            std::process::exit(0);
        }
        Some(Command::Man) => {
            let code = match clap_mangen::Man::new(Cli::command()).render(&mut stdout) {
                Ok(()) => 0,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    let _ = writeln!(stderr, "statusnote: {e}");
                    cli::EXIT_USAGE
                }
            };
            std::process::exit(code);
        }
        _ => {}
    }
    let setup = config::load(args.config.as_deref(), args.team_dir.as_deref());
    let data_dir = || config::data_dir_with(args.data_dir.as_deref(), setup.config.data_dir.as_deref());
    // Each unusable file is named once; the rest of the data still works.
    let say_warnings = |err: &mut dyn Write| {
        for w in setup.warnings() {
            let _ = writeln!(err, "statusnote: warning: {w}");
        }
    };
    let tui = |lang: Option<cli::UiLang>, how: Result<statusnote::tui::Start, String>| -> io::Result<i32> {
        let how = match how {
            Ok(h) => h,
            Err(m) => {
                let _ = writeln!(io::stderr(), "statusnote: {m}");
                return Ok(cli::EXIT_USAGE);
            }
        };
        match data_dir() {
            Ok(dir) => {
                let ui = cli::composer_lang(lang.or(args.lang), setup.config.ui_lang);
                statusnote::tui::run(dir, ui, how, &setup)
            }
            Err(m) => {
                let _ = writeln!(io::stderr(), "statusnote: {m}");
                Ok(cli::EXIT_USAGE)
            }
        }
    };
    let result = match &args.command {
        None => tui(None, Ok(statusnote::tui::Start::Browser)),
        Some(Command::New(a)) => tui(a.lang, a.start(setup.engine)),
        Some(Command::Open { draft, lang }) => tui(*lang, Ok(statusnote::tui::Start::Open(draft.clone()))),
        Some(Command::Lint(a)) => {
            say_warnings(&mut stderr);
            let stdin = io::stdin();
            let mut stdin = stdin.lock();
            let env = cli::LintEnv { engine: setup.engine, note_lang: setup.config.note_lang.map(|l| l.lang()) };
            cli::lint(a, &env, &mut stdin, &mut stdout, &mut stderr)
        }
        Some(Command::Drafts { command }) => match data_dir() {
            Ok(data_dir) => {
                say_warnings(&mut stderr);
                let env = cli::drafts::Env {
                    data_dir,
                    now: config::now(),
                    now_ms: config::now_ms(),
                    entropy: config::entropy(),
                    pid: std::process::id(),
                    engine: setup.engine,
                };
                cli::drafts::run(command, &env, &mut stdout, &mut stderr)
            }
            Err(message) => {
                let _ = writeln!(io::stderr(), "statusnote: {message}");
                Ok(cli::EXIT_USAGE)
            }
        },
        Some(Command::Config { command }) => cli::config::run(command, &setup, data_dir(), &mut stdout, &mut stderr),
        Some(Command::Completions { .. } | Command::Man) => Ok(0),
    };
    let code = match result {
        Ok(code) => code,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(stderr, "statusnote: {e}");
            cli::EXIT_USAGE
        }
    };
    drop::<Setup>(setup);
    std::process::exit(code);
}
