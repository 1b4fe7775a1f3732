//! The command line: clap derive structs, resolved into library options.
//!
//! Raw flags (`BuildArgs`) become resolved options (`BuildOptions`) in one place, so every
//! subcommand that builds (build, check, watch, serve) reads its flags the same way.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;

use crate::options::{BuildOptions, UsageError};
use crate::serve::ServeOptions;
use crate::watch::WatchOptions;

/// rounds: Markdown articles with citations and corrections -> a fast, accessible static
/// site with feeds.
#[derive(Debug, Parser)]
#[command(
    name = "rounds",
    version = crate::version::long(),
    about,
    long_about = None,
    max_term_width = 100,
    after_long_help = AFTER_LONG_HELP
)]
pub struct Cli {
    /// Print only errors: no progress line, no summary, no notes.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: the folders used, every warning in full, and the files each rebuild wrote.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The end of `rounds --help` and of the man page: exit codes and environment.
const AFTER_LONG_HELP: &str = "\
Exit status:
  0  success
  1  content errors (nothing is written); for `check`, errors, or warnings with --deny-warnings
  2  usage errors: bad flags, a missing site.yaml, an output folder that is not rounds' own

Environment:
  NO_COLOR           any value turns colours off
  SOURCE_DATE_EPOCH  the build's \"today\" in seconds since 1970 (reproducible builds); --now wins
  ROUNDS_TIMINGS     1 prints the time each build stage takes

Documentation: README.md and docs/ in the rounds repository; `rounds man` prints this manual.";

/// How much the command prints besides its results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, a progress line on long builds, and a summary.
    #[default]
    Normal,
    /// Also every warning in full, the folders used and the files written.
    Verbose,
}

impl Cli {
    /// The verbosity the flags ask for.
    pub fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Build, then rebuild whenever a file in the content or theme folder changes.
    Watch(WatchArgs),
    /// Build, watch, and serve the site on this computer with live reload.
    Serve(ServeArgs),
    /// Run the editorial checks (privacy, readability, links, sources) and write nothing.
    Check(CheckArgs),
    /// Write a new article with its front matter (a draft, dated today).
    New(NewArgs),
    /// Create a new site skeleton in a folder.
    Init(InitArgs),
    /// Write the JSON Schemas of site.yaml, authors.yaml and front matter, for editors.
    Schema(SchemaArgs),
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page, or write one page per command into a folder.
    Man(ManArgs),
}

/// Flags shared by every command that builds the site.
#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    /// The content folder (holds site.yaml).
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub source: PathBuf,
    /// The theme folder (holds templates/ and static/) [default: themes/default next to the
    /// content folder, else the built-in theme].
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// The output folder.
    #[arg(long, default_value = "public", value_name = "DIR")]
    pub out: PathBuf,
    /// Include drafts and articles dated in the future.
    #[arg(long)]
    pub drafts: bool,
    /// Publish under this base URL instead of site.yaml's.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The build's "today" (YYYY-MM-DD); defaults to SOURCE_DATE_EPOCH, then the clock.
    #[arg(long, value_name = "DATE")]
    pub now: Option<String>,
}

/// `rounds watch`: the build flags and how to watch.
#[derive(Debug, Args, Clone)]
pub struct WatchArgs {
    /// What to build.
    #[command(flatten)]
    pub build: BuildArgs,
    /// How long files must stay unchanged before a rebuild starts, in milliseconds.
    #[arg(long, default_value_t = 40, value_name = "MS")]
    pub debounce: u64,
    /// Look for changes by polling instead of the system's file events (network drives,
    /// containers, WSL).
    #[arg(long)]
    pub poll: bool,
}

impl WatchArgs {
    /// Resolves the watch flags.
    pub fn options(&self) -> WatchOptions {
        WatchOptions {
            debounce: Duration::from_millis(self.debounce),
            poll: self.poll,
            ..WatchOptions::default()
        }
    }
}

/// `rounds serve`: the watch flags and where to listen.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// What to build and how to watch.
    #[command(flatten)]
    pub watch: WatchArgs,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on; anything but 127.0.0.1 or ::1 lets other computers in.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: IpAddr,
}

impl ServeArgs {
    /// Resolves the server flags for the output folder `out`.
    pub fn options(&self, out: &Path) -> ServeOptions {
        ServeOptions { out_dir: out.to_path_buf(), bind: self.bind, port: self.port }
    }
}

/// How `rounds check` prints its findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Findings grouped by file, for people.
    #[default]
    Text,
    /// One JSON object (`findings` and `articles`), for editors and CI.
    Json,
    /// One line per finding, `file:line:col: severity[code]: message`, for editors' problem
    /// matchers (VS Code tasks, vim's quickfix, Emacs' compile mode).
    Short,
}

/// `rounds check`: the build flags (`--out` is only read, for the last build's corrections
/// log), the output format and how strict to be.
#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// What to check.
    #[command(flatten)]
    pub build: BuildArgs,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `rounds new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The article's title.
    pub title: String,
    /// The content folder.
    #[arg(long, default_value = "content", value_name = "DIR")]
    pub source: PathBuf,
}

/// `rounds init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in.
    pub dir: PathBuf,
}

/// `rounds schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print only this schema, to standard output.
    #[arg(value_enum)]
    pub kind: Option<crate::schema::Kind>,
    /// The folder to write the schemas into.
    #[arg(long, default_value = "schemas", value_name = "DIR", conflicts_with = "kind")]
    pub out: PathBuf,
}

/// `rounds completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `rounds man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write rounds.1 and a page for each command (rounds-build.1...) into this folder instead
    /// of printing rounds.1.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `themes/default` beside the content folder, or in the working folder; `None` (the built-in
/// theme) when neither exists.
pub fn default_theme(source: &std::path::Path) -> Option<PathBuf> {
    let beside = source.parent().map(|p| p.join("themes/default"));
    [beside, Some(PathBuf::from("themes/default"))]
        .into_iter()
        .flatten()
        .find(|p| p.join("templates").is_dir())
}

/// Parses a `--now` date.
pub fn parse_date(text: &str) -> Result<Date, UsageError> {
    text.trim().parse::<Date>().map_err(|_| {
        UsageError::Options(format!("--now must be a date like 2026-01-15, not \"{text}\""))
    })
}

impl BuildArgs {
    /// Resolves the flags into build options.
    pub fn options(&self) -> Result<BuildOptions, UsageError> {
        let now = match &self.now {
            Some(d) => parse_date(d)?,
            None => crate::options::today()?,
        };
        if let Some(url) = &self.base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(UsageError::Options(format!(
                    "--base-url must be a full address like https://example.org/, not \"{url}\""
                )));
            }
            // Every link and feed is built from it: an address that does not parse
            // (`http://[::1`) would make every one of them broken.
            if let Err(e) = url::Url::parse(url) {
                return Err(UsageError::Options(format!(
                    "--base-url \"{url}\" is not a valid web address ({e}); write it like \
                     https://example.org/"
                )));
            }
        }
        Ok(BuildOptions {
            source: self.source.clone(),
            theme: self.theme.clone().or_else(|| default_theme(&self.source)),
            out: self.out.clone(),
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            now,
            progress: crate::progress::Hook::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_resolve() {
        let cli =
            Cli::try_parse_from(["rounds", "build", "--now", "2026-01-15", "--drafts"]).unwrap();
        let Command::Build(args) = cli.command else { panic!("not build") };
        let opts = args.options().unwrap();
        assert_eq!(opts.now, Date::constant(2026, 1, 15));
        assert!(opts.drafts);
        assert_eq!(opts.out, PathBuf::from("public"));
        let bad = Cli::try_parse_from(["rounds", "build", "--now", "15/01/2026"]).unwrap();
        let Command::Build(args) = bad.command else { panic!("not build") };
        assert!(args.options().is_err());
    }

    #[test]
    fn check_flags_resolve() {
        let cli = Cli::try_parse_from([
            "rounds",
            "check",
            "--format",
            "json",
            "--deny-warnings",
            "--source",
            "site",
            "--now",
            "2026-01-15",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else { panic!("not check") };
        assert_eq!(args.format, Format::Json);
        assert!(args.deny_warnings);
        let opts = args.build.options().unwrap();
        assert_eq!(opts.source, PathBuf::from("site"));
        assert_eq!(opts.now, Date::constant(2026, 1, 15));
        assert!(Cli::try_parse_from(["rounds", "check", "--format", "xml"]).is_err());
    }

    #[test]
    fn watch_and_serve_flags_resolve() {
        let cli =
            Cli::try_parse_from(["rounds", "serve", "--port", "0", "--poll", "--drafts"]).unwrap();
        let Command::Serve(args) = cli.command else { panic!("not serve") };
        assert!(args.watch.build.drafts);
        let w = args.watch.options();
        assert!(w.poll);
        assert_eq!(w.debounce, Duration::from_millis(40));
        let s = args.options(Path::new("public"));
        assert_eq!((s.port, s.bind.to_string().as_str()), (0, "127.0.0.1"));
        let cli = Cli::try_parse_from(["rounds", "watch", "--debounce", "250"]).unwrap();
        let Command::Watch(args) = cli.command else { panic!("not watch") };
        assert_eq!(args.options().debounce, Duration::from_millis(250));
        assert!(Cli::try_parse_from(["rounds", "serve", "--bind", "localhost:80"]).is_err());
    }
}
