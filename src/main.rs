//! The `rounds` command: parses the command line, runs the library, prints the report and
//! picks the exit code (0 success, 1 content errors, 2 usage errors). No logic lives here.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use rounds::check;
use rounds::cli::{Cli, Command, Format, ServeArgs, WatchArgs};
use rounds::diag::{self, Severity, Style};
use rounds::watch::{self, Update, Watcher};

fn style() -> Style {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::Color
    } else {
        Style::Plain
    }
}

fn stdout_style() -> Style {
    if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
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
                    // Errors in full; warnings and notes are `rounds check`'s to show.
                    let errors =
                        report.diagnostics.iter().filter(|d| d.severity == Severity::Error);
                    eprint!("{}", diag::render_all(errors, style()));
                    if let Some(hint) = check::report::build_hint(&report.diagnostics) {
                        eprintln!("{hint}");
                    }
                    eprintln!("{}", report.summary());
                    if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS }
                }
                Err(e) => usage_error(e),
            }
        }
        Command::Check(args) => {
            let opts = match args.build.options() {
                Ok(o) => o,
                Err(e) => return usage_error(e),
            };
            match rounds::check(&opts) {
                Ok(report) => {
                    match args.format {
                        Format::Text => print!("{}", report.render_text(stdout_style())),
                        Format::Json => print!("{}", report.render_json()),
                    }
                    if report.failed(args.deny_warnings) {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => usage_error(e),
            }
        }
        Command::Watch(args) => watch_site(&args, None),
        Command::Serve(args) => watch_site(&args.watch, Some(&args)),
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

/// `rounds watch` and `rounds serve`: build, then rebuild on every change until Ctrl-C.
fn watch_site(args: &WatchArgs, serve: Option<&ServeArgs>) -> ExitCode {
    let opts = match args.build.options() {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let mut watcher = match Watcher::for_site(&opts, args.options()) {
        Ok(w) => w,
        Err(e) => return usage_error(e),
    };
    let server = match serve.map(|s| rounds::serve::start(s.options(&opts.out))).transpose() {
        Ok(s) => s,
        Err(e) => return usage_error(e),
    };
    // First Ctrl-C: finish the current rebuild and stop; second: quit at once.
    let stopper = watcher.stopper();
    let mut presses = 0;
    let on_ctrl_c = move || {
        presses += 1;
        if presses > 1 {
            std::process::exit(130);
        }
        eprintln!("stopping (press Ctrl-C again to quit at once)");
        stopper.stop();
    };
    if let Err(e) = watch::on_ctrl_c(on_ctrl_c) {
        return usage_error(e);
    }
    if let (Some(server), Some(args)) = (&server, serve) {
        if let Some(warning) = args.options(&opts.out).exposure_warning() {
            eprintln!("{warning}");
        }
        eprintln!("serving {} at http://{}/", opts.out.display(), server.addr());
    }
    let folders: Vec<String> = watcher.roots().iter().map(|p| p.display().to_string()).collect();
    eprintln!("watching {} for changes (Ctrl-C to stop)", folders.join(" and "));
    let result = watch::run(&opts, &mut watcher, |update| match update {
        Update::Built(rebuild) => {
            eprint!("{}", diag::render_all(rebuild.diagnostics_to_print(), style()));
            eprintln!("{}", rebuild.summary());
            if let Some(server) = &server {
                server.set_errors(&rebuild.errors());
                server.notify(&rebuild.outputs);
            }
        }
        Update::Trouble(e) => eprintln!("warning: {e}"),
    });
    if let Some(server) = server {
        server.shutdown();
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => usage_error(e),
    }
}
