//! Entry point: parse arguments, dispatch, turn the outcome into an exit code.

use clap::Parser;
use statusnote::cli::{self, Cli, Command};

fn main() {
    let args = Cli::parse();
    let code = match args.command {
        Command::Lint(a) => {
            let stdin = std::io::stdin();
            let mut stdin = stdin.lock();
            let stdout = std::io::stdout();
            let mut stdout = stdout.lock();
            let mut stderr = std::io::stderr();
            match cli::lint(&a, &mut stdin, &mut stdout, &mut stderr) {
                Ok(code) => code,
                // A closed pipe (`| head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("statusnote: {e}");
                    cli::EXIT_USAGE
                }
            }
        }
    };
    std::process::exit(code);
}
