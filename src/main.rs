//! The `rounds` command: parses the command line, runs the library, prints the report and
//! picks the exit code (0 success, 1 content errors, 2 usage errors). No logic lives here.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use rounds::check;
use rounds::cli::{Cli, Command, Format, ServeArgs, Verbosity, WatchArgs};
use rounds::diag::{self, Severity, Style};
use rounds::progress::{self, Line};
use rounds::watch::{self, Update, Watcher};
use rounds::{BuildOptions, UsageError};

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

/// Prints a command's result on stdout. A reader that stops early (`rounds man | head`) is
/// not an error.
fn print_out(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => usage_error(format!("cannot write the output: {e}")),
    }
}

fn usage_error(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

/// Attaches the progress line (unless `--quiet`, or stderr is not a terminal).
fn with_progress(
    opts: Result<BuildOptions, UsageError>,
    verbosity: Verbosity,
) -> Result<(BuildOptions, Option<Arc<Line>>), UsageError> {
    let mut opts = opts?;
    let line = if verbosity == Verbosity::Quiet { None } else { Line::stderr() };
    if let Some(line) = &line {
        opts.progress = progress::Hook::new(line.clone());
    }
    if verbosity == Verbosity::Verbose {
        let theme =
            opts.theme.as_ref().map_or("the built-in default".into(), |t| t.display().to_string());
        eprintln!(
            "content: {}, theme: {theme}, output: {}, today: {}",
            opts.source.display(),
            opts.out.display(),
            opts.now
        );
    }
    Ok((opts, line))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = cli.verbosity();
    let say = |line: &str| {
        if verbosity != Verbosity::Quiet {
            eprintln!("{line}");
        }
    };
    match cli.command {
        Command::Build(args) => {
            let (opts, line) = match with_progress(args.options(), verbosity) {
                Ok(o) => o,
                Err(e) => return usage_error(e),
            };
            let built = rounds::build(&opts);
            if let Some(line) = line {
                line.finish();
            }
            match built {
                Ok(report) => {
                    // Errors, privacy and safety warnings in full (a possible patient identifier
                    // or removed script is never only counted, even with --quiet); other
                    // warnings and notes are `rounds check`'s to show, or `--verbose`'s.
                    let shown = report.diagnostics.iter().filter(|d| {
                        d.severity == Severity::Error
                            || (d.severity == Severity::Warning
                                && (d.code.starts_with("privacy.")
                                    || d.code.starts_with("safety.")))
                            || verbosity == Verbosity::Verbose
                    });
                    eprint!("{}", diag::render_all(shown, style()));
                    if verbosity == Verbosity::Normal {
                        if let Some(hint) = check::report::build_hint(&report.diagnostics) {
                            eprintln!("{hint}");
                        }
                    }
                    say(&report.summary());
                    if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS }
                }
                Err(e) => usage_error(e),
            }
        }
        Command::Check(args) => {
            let (opts, line) = match with_progress(args.build.options(), verbosity) {
                Ok(o) => o,
                Err(e) => return usage_error(e),
            };
            let checked = rounds::check(&opts);
            if let Some(line) = line {
                line.finish();
            }
            match checked {
                Ok(report) => {
                    let text = match (args.format, verbosity) {
                        (Format::Json, _) => report.render_json(),
                        (Format::Short, _) => report.render_short(),
                        // Only what needs fixing: no readability lines, notes or summary.
                        (Format::Text, Verbosity::Quiet) => diag::render_all(
                            report.diagnostics.iter().filter(|d| d.severity != Severity::Info),
                            stdout_style(),
                        ),
                        (Format::Text, _) => report.render_text(stdout_style()),
                    };
                    let printed = print_out(&text);
                    if report.failed(args.deny_warnings) { ExitCode::from(1) } else { printed }
                }
                Err(e) => usage_error(e),
            }
        }
        Command::Watch(args) => watch_site(&args, None, verbosity),
        Command::Serve(args) => watch_site(&args.watch, Some(&args), verbosity),
        Command::New(args) => {
            let today = match rounds::today() {
                Ok(d) => d,
                Err(e) => return usage_error(e),
            };
            match rounds::scaffold::new_article(&args.source, &args.title, today) {
                Ok(path) => {
                    say(&format!(
                        "wrote {} (a draft: remove `draft: true` to publish)",
                        path.display()
                    ));
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
                Ok(report) => {
                    if verbosity == Verbosity::Verbose {
                        report.written.iter().for_each(|f| eprintln!("wrote {}", f.display()));
                    }
                    for kept in &report.kept {
                        say(&format!(
                            "kept {} as it was (rounds did not overwrite it)",
                            kept.display()
                        ));
                    }
                    let install = rounds::publish::Install::current();
                    if install == rounds::publish::Install::Unknown {
                        say("note: this rounds was built from a copy with no public address, so \
                             .github/workflows/publish.yml cannot install it yet: set ROUNDS_GIT \
                             there (docs/publishing.md)");
                    }
                    say(&next_steps(&args.dir, report.written.len()));
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(e),
            }
        }
        Command::Schema(args) => {
            if let Some(kind) = args.kind {
                return print_out(&kind.to_json());
            }
            match rounds::schema::write_all(&args.out) {
                Ok(files) => {
                    for f in files {
                        say(&format!("wrote {}", f.display()));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(format!("cannot write to {}: {e}", args.out.display())),
            }
        }
        Command::Completions(args) => print_out(&rounds::completions::script(args.shell)),
        Command::Man(args) => match &args.out {
            None => print_out(&rounds::man::page_text()),
            Some(dir) => match rounds::man::write_all(dir) {
                Ok(files) => {
                    for f in files {
                        say(&format!("wrote {}", f.display()));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    usage_error(format!("cannot write the manual into {}: {e}", dir.display()))
                }
            },
        },
    }
}

/// `rounds watch` and `rounds serve`: build, then rebuild on every change until Ctrl-C.
fn watch_site(args: &WatchArgs, serve: Option<&ServeArgs>, verbosity: Verbosity) -> ExitCode {
    let (opts, line) = match with_progress(args.build.options(), verbosity) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let say = |text: &str| {
        if verbosity != Verbosity::Quiet {
            eprintln!("{text}");
        }
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
        say(&format!("serving {} at http://{}/", opts.out.display(), server.addr()));
    }
    let folders: Vec<String> = watcher.roots().iter().map(|p| p.display().to_string()).collect();
    say(&format!("watching {} for changes (Ctrl-C to stop)", folders.join(" and ")));
    let result = watch::run(&opts, &mut watcher, |update| match update {
        Update::Built(rebuild) => {
            if let Some(line) = &line {
                // The line is the first build's; rebuilds take milliseconds and draw none.
                line.finish();
            }
            let shown: Vec<_> = match (verbosity, &rebuild.result) {
                // The first build's every finding, as `rounds build --verbose` prints them.
                (Verbosity::Verbose, Ok(r)) if rebuild.is_first() => r.diagnostics.iter().collect(),
                (Verbosity::Quiet, _) => rebuild
                    .diagnostics_to_print()
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect(),
                _ => rebuild.diagnostics_to_print(),
            };
            eprint!("{}", diag::render_all(shown, style()));
            let failed = rebuild.result.as_ref().map_or(true, |r| r.failed());
            if verbosity != Verbosity::Quiet || failed {
                eprintln!("{}", rebuild.summary());
            }
            if verbosity == Verbosity::Verbose {
                for path in &rebuild.outputs {
                    eprintln!("  wrote {path}");
                }
            }
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

/// What to do after `rounds init`. Each step works at that point: the new site's placeholders
/// are warnings in a preview (`--drafts`) and errors when it is built for publishing.
fn next_steps(dir: &std::path::Path, files: usize) -> String {
    let dir = dir.display();
    format!(
        "created a new site in {dir} ({files} files). Next:\n\
         \x20 cd {dir}\n\
         \x20 rounds serve --drafts    preview it while you write (placeholders are only warnings here)\n\
         \x20 rounds check             list the \"[Replace this: ...]\" placeholders left to fill in\n\
         \x20 rounds build             publish it to public/, once no placeholder is left\n\
         To publish it on GitHub Pages, read the top of .github/workflows/publish.yml."
    )
}
