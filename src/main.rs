//! The `rounds` command: parses the command line, runs the library, prints the report and
//! picks the exit code (0 success, 1 content errors, 2 usage errors). No logic lives here.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use rounds::cli::{Cli, Command};
use rounds::diag::{self, Style};

fn style() -> Style {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::Color
    } else {
        Style::Plain
    }
}

fn usage_error(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let opts = match args.options() {
                Ok(o) => o,
                Err(e) => return usage_error(e),
            };
            match rounds::build(&opts) {
                Ok(report) => {
                    eprint!("{}", diag::render_all(report.diagnostics.iter(), style()));
                    eprintln!("{}", report.summary());
                    if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS }
                }
                Err(e) => usage_error(e),
            }
        }
        Command::New(args) => {
            let today = match rounds::today() {
                Ok(d) => d,
                Err(e) => return usage_error(e),
            };
            match rounds::scaffold::new_article(&args.source, &args.title, today) {
                Ok(path) => {
                    eprintln!(
                        "wrote {} (a draft: remove `draft: true` to publish)",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(e),
            }
        }
        Command::Init(args) => {
            let today = match rounds::today() {
                Ok(d) => d,
                Err(e) => return usage_error(e),
            };
            match rounds::scaffold::init_site(&args.dir, today) {
                Ok(files) => {
                    eprintln!(
                        "created a new site in {} ({} files). Next: cd {} && rounds build",
                        args.dir.display(),
                        files.len(),
                        args.dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(e),
            }
        }
    }
}
