//! Entry point: parse arguments, dispatch, turn the outcome into an exit code.

use clap::Parser;
use statusnote::cli::{self, Cli, Command};
use statusnote::config;
use std::io::{self, Write};

fn main() {
    let args = Cli::parse();
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    let mut stderr = io::stderr();
    let tui = |lang: Option<cli::UiLang>, how: Result<statusnote::tui::Start, String>| -> io::Result<i32> {
        let how = match how {
            Ok(h) => h,
            Err(m) => {
                let _ = writeln!(io::stderr(), "statusnote: {m}");
                return Ok(cli::EXIT_USAGE);
            }
        };
        match config::data_dir(args.data_dir.as_deref()) {
            Ok(dir) => statusnote::tui::run(dir, cli::ui_lang(lang.or(args.lang)), how),
            Err(m) => {
                let _ = writeln!(io::stderr(), "statusnote: {m}");
                Ok(cli::EXIT_USAGE)
            }
        }
    };
    let result = match &args.command {
        None => tui(None, Ok(statusnote::tui::Start::Browser)),
        Some(Command::New(a)) => tui(a.lang, a.start()),
        Some(Command::Open { draft, lang }) => tui(*lang, Ok(statusnote::tui::Start::Open(draft.clone()))),
        Some(Command::Lint(a)) => {
            let stdin = io::stdin();
            let mut stdin = stdin.lock();
            cli::lint(a, &mut stdin, &mut stdout, &mut stderr)
        }
        Some(Command::Drafts { command }) => match config::data_dir(args.data_dir.as_deref()) {
            Ok(data_dir) => {
                let env = cli::drafts::Env {
                    data_dir,
                    now: config::now(),
                    now_ms: config::now_ms(),
                    entropy: config::entropy(),
                    pid: std::process::id(),
                };
                cli::drafts::run(command, &env, &mut stdout, &mut stderr)
            }
            Err(message) => {
                let _ = writeln!(io::stderr(), "statusnote: {message}");
                Ok(cli::EXIT_USAGE)
            }
        },
    };
    let code = match result {
        Ok(code) => code,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(io::stderr(), "statusnote: {e}");
            cli::EXIT_USAGE
        }
    };
    std::process::exit(code);
}
