//! The command line: clap derive structs, resolved into library options.
//!
//! Raw flags (`BuildArgs`) become resolved options (`BuildOptions`) in one place, so every
//! subcommand that builds (build, check, watch, serve) reads its flags the same way.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;

use crate::{BuildOptions, UsageError};

/// rounds: Markdown articles with citations and corrections -> a fast, accessible static
/// site with feeds.
#[derive(Debug, Parser)]
#[command(name = "rounds", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Write a new article with its front matter (a draft, dated today).
    New(NewArgs),
    /// Create a new site skeleton in a folder.
    Init(InitArgs),
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
            None => crate::today()?,
        };
        if let Some(url) = &self.base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(UsageError::Options(format!(
                    "--base-url must be a full address like https://example.org/, not \"{url}\""
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
}
